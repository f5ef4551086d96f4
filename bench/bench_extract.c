/* bench_extract.c - how fast replies are found in mail logs and bounce
 * messages (smtpreply_find, smtpreply_bounce_next), against the memchr
 * limit: a loop that only finds the line ends of the same bytes.
 *
 *   bench_extract [--mb N] [--runs N] [--quick] [--write FILE]
 *
 * --write FILE writes the log it would read to FILE and stops (for
 * tools/find_diff.sh and profiling).
 *
 * The logs are made here, deterministically, from the Postfix and Exim
 * lines below. "refusals": the twelve lines in turn, so one line in four
 * names a refusal or deferral with the remote server's reply (some of them
 * multi-line), a log of heavy failures. "quiet": deliveries, connects and
 * queue bookkeeping, with one refusal in 50 lines, as on a relay whose mail
 * mostly goes through. Each line the pre-filter of smtpreply_find cannot
 * reject (a delivery's "status=sent (250 ...)" has a reply code) is there
 * in both. The bounce is the
 * Postfix DSN of tests/data/extract/postfix-dsn.eml, read whole and
 * diagnosed (smtpreply_diagnose) per recipient. Times are CPU time (the
 * machine may be shared); each figure is the median of N runs, with the
 * lowest and highest ratio to memchr (memchr and find timed in the same
 * run); every run checks the number of replies found. The closing
 * line "N passed, N failed" counts those checks. Only the public header. */
#include "smtpreply.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const lines[] = {
	"Jan 12 10:00:01 mx postfix/smtpd[2101]: connect from mail-a.example.com[192.0.2.10]\n",
	"Jan 12 10:00:01 mx postfix/smtpd[2101]: 4BC2D1A2B3: client=mail-a.example.com[192.0.2.10]\n",
	"Jan 12 10:00:01 mx postfix/cleanup[2102]: 4BC2D1A2B3: message-id=<20240112100001.123@example.com>\n",
	"Jan 12 10:00:01 mx postfix/qmgr[900]: 4BC2D1A2B3: from=<alice@example.com>, size=4213, nrcpt=1 (queue active)\n",
	"Jan 12 10:00:02 mx postfix/smtp[2103]: 4BC2D1A2B3: to=<bob@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=0.61, delays=0.1/0.01/0.2/0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9F8E7D6C5B)\n",
	"Jan 12 10:00:02 mx postfix/qmgr[900]: 4BC2D1A2B3: removed\n",
	"Jan 12 10:00:03 mx postfix/smtp[2104]: 5CD3E2B3C4: to=<nobody@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command))\n",
	"Jan 12 10:00:04 mx postfix/smtpd[2101]: disconnect from mail-a.example.com[192.0.2.10] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5\n",
	"Jan 12 10:00:05 mx postfix/smtp[2105]: 6DE4F3C4D5: to=<x@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, dsn=4.7.28, status=deferred (host gmail-smtp-in.l.google.com[142.250.1.26] said: 421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating 421-4.7.28 from your IP address. To protect our users from spam, mail sent 421 4.7.28 from your IP address has been temporarily rate limited. - gsmtp (in reply to end of DATA command))\n",
	"2024-01-12 10:00:06 1rOabc-000123-AB => carol@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.20] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 OK\"\n",
	"2024-01-12 10:00:06 1rOabc-000123-AB Completed\n",
	"2024-01-12 10:00:07 1rOabd-000124-AB ** dave@example.net R=dnslookup T=remote_smtp H=mx.example.net [198.51.100.7]: SMTP error from remote mail server after RCPT TO:<dave@example.net>: 550 5.7.1 <dave@example.net>: Relay access denied\n",
};
#define NLINES (sizeof lines / sizeof lines[0])
/* the lines above with a reply in them */
static int has_reply_line(size_t i)
{
	return i == 6 || i == 8 || i == 11;
}
/* The quiet log's round of 50 lines: the nine other lines five times over
 * (45), then four more, then one of the three refusals. */
static const unsigned char quiet_round[] = {
        0, 1, 2, 3, 4, 5, 7, 9, 10, 0, 1, 2, 3, 4, 5, 7, 9, 10, 0, 1, 2, 3, 4, 5, 7,
        9, 10, 0, 1, 2, 3, 4, 5, 7, 9, 10, 0, 1, 2, 3, 4, 5, 7, 9, 10, 0, 1, 2, 3, 6};
static const unsigned char refusals_round[] = {0, 1, 2, 3, 4,  5,
                                               6, 7, 8, 9, 10, 11};

static int passed, failed;

static void check(int ok, const char *what)
{
	if (ok)
		passed++;
	else {
		failed++;
		fprintf(stderr, "check failed: %s\n", what);
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return v[n / 2];
}

static size_t count_lines(const char *p, size_t n)
{
	size_t k = 0;
	const char *e = p + n;
	while (p < e) {
		const char *lf = memchr(p, '\n', (size_t)(e - p));
		if (lf == NULL)
			break;
		k++;
		p = lf + 1;
	}
	return k;
}

static size_t find_all(const char *p, size_t n, unsigned what, char *buf,
                       size_t size)
{
	struct smtpreply_found f;
	size_t pos = 0, k = 0;
	int rc;
	while ((rc = smtpreply_find(p, n, &pos, what, buf, size, &f)) != 0)
		if (rc > 0 && f.has_reply)
			k++;
	return k;
}

/* A log of about mb MiB from rounds of line numbers (a refusal line cycles
 * through the three); its replies in *want, its lines in *nlines. */
static char *make_log(const unsigned char *round, size_t rn, size_t mb,
                      size_t *len, size_t *want, size_t *nlines)
{
	static const size_t refusal[] = {6, 8, 11};
	size_t cap = mb * 1024 * 1024 + 4096, k = 0, nr = 0;
	char *log = malloc(cap);
	*want = *nlines = 0;
	if (log == NULL)
		return NULL;
	for (;;) {
		for (size_t i = 0; i < rn; i++) {
			size_t li = round[i];
			if (has_reply_line(li) && rn > NLINES)
				li = refusal[nr++ % 3];
			size_t l = strlen(lines[li]);
			if (k + l > cap) {
				*len = k;
				return log;
			}
			memcpy(log + k, lines[li], l);
			k += l;
			*nlines += 1;
			*want += (size_t)has_reply_line(li);
		}
		if (k >= mb * 1024 * 1024) {
			*len = k;
			return log;
		}
	}
}

/* Times memchr and find (logs only, every kind) on one log. */
static void bench_log(const char *name, const unsigned char *round, size_t rn,
                      size_t mb, int runs, char *buf, size_t size)
{
	size_t n, want, nlines;
	char *log = make_log(round, rn, mb, &n, &want, &nlines);
	double t_mem[99], t_log[99], t_all[99], r_log[99], r_all[99];
	if (log == NULL) {
		check(0, "memory for the log");
		return;
	}
	for (int r = 0; r < runs; r++) {
		uint64_t t0 = now_ns();
		size_t nl = count_lines(log, n);
		uint64_t t1 = now_ns();
		size_t a = find_all(log, n, SMTPREPLY_FIND_LOG, buf, size);
		uint64_t t2 = now_ns();
		size_t b = find_all(log, n, 0, buf, size);
		uint64_t t3 = now_ns();
		check(nl == nlines, "memchr saw every line");
		check(a == want, "find (log) found every reply");
		check(b == want, "find (every kind) found every reply");
		t_mem[r] = (double)(t1 - t0);
		t_log[r] = (double)(t2 - t1);
		t_all[r] = (double)(t3 - t2);
		r_log[r] = t_mem[r] / t_log[r];
		r_all[r] = t_mem[r] / t_all[r];
	}
	double mm = median(t_mem, runs), ml = median(t_log, runs),
	       ma = median(t_all, runs);
	double mbs = (double)n / 1048576.0;
	median(r_log, runs); /* (sorts) */
	median(r_all, runs);
	printf("mail log, %s: %.0f MiB, %zu lines, %zu replies (median of %d runs)\n",
	       name, mbs, nlines, want, runs);
	printf("  %-30s %6.0f MiB/s\n", "limit: memchr line ends only",
	       mbs / (mm / 1e9));
	printf("  %-30s %6.0f MiB/s  %.3f x memchr (%.3f..%.3f)\n",
	       "smtpreply_find, logs", mbs / (ml / 1e9), mm / ml, r_log[0],
	       r_log[runs - 1]);
	printf("  %-30s %6.0f MiB/s  %.3f x memchr (%.3f..%.3f)\n",
	       "smtpreply_find, every kind", mbs / (ma / 1e9), mm / ma, r_all[0],
	       r_all[runs - 1]);
	free(log);
}

int main(int argc, char **argv)
{
	size_t mb = 64;
	int runs = 5, quick = 0;
	const char *write_to = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
			mb = (size_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--quick") == 0)
			quick = 1;
		else if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
			write_to = argv[++i];
	}
	if (quick) {
		mb = 1;
		runs = 1;
	}
	if (runs < 1 || runs > 99)
		runs = 5;
	static char buf[1 << 16];
	if (write_to) { /* the refusals log, then the quiet one */
		size_t n1, n2, w, nl;
		char *l1 = make_log(refusals_round, sizeof refusals_round, mb, &n1, &w, &nl);
		char *l2 = make_log(quiet_round, sizeof quiet_round, mb, &n2, &w, &nl);
		FILE *wf = fopen(write_to, "wb");
		int bad = l1 == NULL || l2 == NULL || wf == NULL ||
		          fwrite(l1, 1, n1, wf) != n1 || fwrite(l2, 1, n2, wf) != n2;
		if (wf != NULL && fclose(wf) != 0)
			bad = 1;
		free(l1);
		free(l2);
		return bad;
	}
	bench_log("refusals (1 line in 4)", refusals_round, sizeof refusals_round,
	          mb, runs, buf, sizeof buf);
	bench_log("quiet (1 line in 50)", quiet_round, sizeof quiet_round, mb, runs,
	          buf, sizeof buf);
	/* the bounce */
	double t_bounce[99];
	FILE *fp = fopen("tests/data/extract/postfix-dsn.eml", "rb");
	static char msg[1 << 16];
	size_t mn = fp ? fread(msg, 1, sizeof msg, fp) : 0;
	if (fp)
		fclose(fp);
	check(mn > 0, "the bounce message is there");
	size_t reps = quick ? 100 : 20000;
	for (int r = 0; r < runs && mn; r++) {
		size_t found = 0;
		uint64_t t0 = now_ns();
		for (size_t i = 0; i < reps; i++) {
			struct smtpreply_bounce_iter it;
			struct smtpreply_found f;
			struct smtpreply_diagnosis d;
			memset(&it, 0, sizeof it);
			while (smtpreply_bounce_next(msg, mn, &it, buf, sizeof buf, &f) > 0)
				if (f.has_reply && smtpreply_diagnose(&f.reply, f.command, &d) == 0 &&
				    d.verdict == SMTPREPLY_VERDICT_SUPPRESS)
					found++;
		}
		t_bounce[r] = (double)(now_ns() - t0) / (double)reps;
		check(found == reps, "every bounce: one suppress");
	}
	if (mn)
		printf("bounce (Postfix DSN, %zu bytes): %.2f us per message, "
		       "found and diagnosed\n",
		       mn, median(t_bounce, runs) / 1000.0);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

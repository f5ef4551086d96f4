/* bench_extract.c - how fast replies are found in mail logs and bounce
 * messages (smtpreply_find, smtpreply_bounce_next), against the memchr
 * limit: a loop that only finds the line ends of the same bytes.
 *
 *   bench_extract [--mb N] [--runs N] [--quick]
 *
 * The log is made here, deterministically: Postfix and Exim lines in the
 * proportions of a busy relay (most lines are deliveries and queue
 * bookkeeping without a reply; one in six names a refusal or deferral with
 * the remote server's reply, some of them multi-line). The bounce is the
 * Postfix DSN of tests/data/extract/postfix-dsn.eml, read whole and
 * diagnosed (smtpreply_diagnose) per recipient. Times are CPU time (the
 * machine may be shared); each figure is the median
 * of N runs; every run checks the number of replies found. The closing
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
#define REPLIES_PER_ROUND 3 /* the lines above with a reply in them */

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

int main(int argc, char **argv)
{
	size_t mb = 64;
	int runs = 5, quick = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
			mb = (size_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--quick") == 0)
			quick = 1;
	}
	if (quick) {
		mb = 1;
		runs = 1;
	}
	if (runs < 1 || runs > 99)
		runs = 5;
	/* the log */
	size_t round = 0;
	for (size_t i = 0; i < NLINES; i++)
		round += strlen(lines[i]);
	size_t rounds = mb * 1024 * 1024 / round + 1, n = rounds * round;
	char *log = malloc(n);
	static char buf[1 << 16];
	if (log == NULL)
		return 1;
	for (size_t r = 0, k = 0; r < rounds; r++)
		for (size_t i = 0; i < NLINES; i++) {
			size_t l = strlen(lines[i]);
			memcpy(log + k, lines[i], l);
			k += l;
		}
	double t_mem[99], t_log[99], t_all[99], t_bounce[99];
	size_t want = rounds * REPLIES_PER_ROUND;
	for (int r = 0; r < runs; r++) {
		uint64_t t0 = now_ns();
		size_t nl = count_lines(log, n);
		uint64_t t1 = now_ns();
		size_t a = find_all(log, n, SMTPREPLY_FIND_LOG, buf, sizeof buf);
		uint64_t t2 = now_ns();
		size_t b = find_all(log, n, 0, buf, sizeof buf);
		uint64_t t3 = now_ns();
		check(nl == rounds * NLINES, "memchr saw every line");
		check(a == want, "find (log) found every reply");
		check(b == want, "find (every kind) found every reply");
		t_mem[r] = (double)(t1 - t0);
		t_log[r] = (double)(t2 - t1);
		t_all[r] = (double)(t3 - t2);
	}
	/* the bounce */
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
	double mm = median(t_mem, runs), ml = median(t_log, runs),
	       ma = median(t_all, runs);
	double mbs = (double)n / 1048576.0;
	printf("mail log, %.0f MiB, %zu lines, %zu replies (median of %d runs)\n",
	       mbs, rounds * NLINES, want, runs);
	printf("  %-36s %8.0f MiB/s\n", "limit: memchr line ends only",
	       mbs / (mm / 1e9));
	printf("  %-36s %8.0f MiB/s  (%.2f x memchr)\n", "smtpreply_find, logs",
	       mbs / (ml / 1e9), mm / ml);
	printf("  %-36s %8.0f MiB/s  (%.2f x memchr)\n", "smtpreply_find, every kind",
	       mbs / (ma / 1e9), mm / ma);
	if (mn)
		printf("bounce (Postfix DSN, %zu bytes): %.2f us per message, "
		       "found and diagnosed\n",
		       mn, median(t_bounce, runs) / 1000.0);
	printf("%d passed, %d failed\n", passed, failed);
	free(log);
	return failed != 0;
}

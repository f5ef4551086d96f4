/* stats.c - counters over recs. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

void stats_init(struct counts *k)
{
	memset(k, 0, sizeof *k);
}

/* The remote domain: the recipient's, else the host's name. */
static void count_domain(struct counts *k, const struct rec *rec)
{
	const char *d = NULL;
	size_t n = 0;
	if (rec->recipient.len) {
		const char *at = memchr(rec->recipient.ptr, '@', rec->recipient.len);
		if (at) {
			d = at + 1;
			n = rec->recipient.len - (size_t)(at + 1 - rec->recipient.ptr);
		}
	}
	if (d == NULL && rec->host.len) {
		d = rec->host.ptr;
		n = 0;
		while (n < rec->host.len && d[n] != '[' && d[n] != ' ' && d[n] != ':')
			n++;
	}
	if (d == NULL || n == 0)
		return;
	if (n >= sizeof k->dom[0].name)
		n = sizeof k->dom[0].name - 1;
	char name[sizeof k->dom[0].name];
	for (size_t i = 0; i < n; i++)
		name[i] = (char)(d[i] >= 'A' && d[i] <= 'Z' ? d[i] + 32 : d[i]);
	name[n] = '\0';
	for (size_t i = 0; i < k->ndom; i++)
		if (strcmp(k->dom[i].name, name) == 0) {
			k->dom[i].n++;
			return;
		}
	if (k->ndom < STATS_MAX_DOM) {
		memcpy(k->dom[k->ndom].name, name, n + 1);
		k->dom[k->ndom++].n = 1;
	} else {
		k->dom_other++;
	}
}

void stats_reply(struct counts *k, const struct rec *rec)
{
	const struct smtpreply *r = &rec->r;
	enum smtpreply_command cmd = rec->cmd;

	if (rec->context)
		count_domain(k, rec);
	if (rec->kind == REC_NOREPLY) {
		/* No reply, no code or flags to count; its words and status
		 * still say why it failed (smtpreply_found_diagnose). */
		k->noreply++;
		if ((unsigned)rec->dx.action < 4)
			k->action[rec->dx.action]++;
		unsigned nr = (unsigned)rec->dx.reason;
		k->reason[nr < SMTPREPLY_REASON_COUNT ? nr : SMTPREPLY_REASON_COUNT]++;
		if ((unsigned)rec->dx.verdict < SMTPREPLY_VERDICT_COUNT)
			k->verdict[rec->dx.verdict]++;
		return;
	}
	k->replies++;
	if (r->klass >= 1 && r->klass <= 5)
		k->klass[r->klass]++;
	if (r->code >= 0 && r->code < 1000)
		k->code[r->code]++;
	struct smtpreply_diagnosis d;
	if (rec->context)
		d = rec->dx; /* the record's: its Status may say more */
	else
		smtpreply_diagnose(r, cmd, &d);
	unsigned a = (unsigned)d.action;
	if (a < 4)
		k->action[a]++;
	unsigned rs = (unsigned)d.reason;
	k->reason[rs < SMTPREPLY_REASON_COUNT ? rs : SMTPREPLY_REASON_COUNT]++;
	if ((unsigned)d.verdict < SMTPREPLY_VERDICT_COUNT)
		k->verdict[d.verdict]++;
	for (unsigned b = 0; b < 32; b++)
		if (r->flags & (1u << b))
			k->flag[b]++;
	if (r->enhanced.klass == 0) {
		k->enh_none++;
	} else {
		size_t i;
		for (i = 0; i < k->nenh; i++)
			if (memcmp(&k->enh[i].e, &r->enhanced, sizeof r->enhanced) == 0)
				break;
		if (i < k->nenh)
			k->enh[i].n++;
		else if (k->nenh < STATS_MAX_ENH) {
			k->enh[k->nenh].e = r->enhanced;
			k->enh[k->nenh++].n = 1;
		} else
			k->enh_other++;
	}
	const char *p = smtpreply_provider(r);
	if (p) {
		size_t i;
		for (i = 0; i < k->nprov; i++)
			if (strcmp(k->prov[i].name, p) == 0)
				break;
		if (i < k->nprov)
			k->prov[i].n++;
		else if (k->nprov < STATS_MAX_PROV) {
			k->prov[k->nprov].name = p;
			k->prov[k->nprov++].n = 1;
		}
	}
}

void stats_error(struct counts *k, const struct rec *rec)
{
	unsigned kind = (unsigned)(-rec->error);
	k->errors++;
	k->error_bytes += rec->length;
	if (kind < 16)
		k->error_kind[kind]++;
}

static int cmp_enh(const void *a, const void *b)
{
	const struct smtpreply_enhanced *x = a, *y = b;
	if (x->klass != y->klass)
		return x->klass - y->klass;
	if (x->subject != y->subject)
		return x->subject - y->subject;
	return x->detail - y->detail;
}

static int cmp_dom(const void *a, const void *b)
{
	const struct dom_count *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->name, y->name);
}

void stats_finish(struct counts *k)
{
	qsort(k->dom, k->ndom, sizeof k->dom[0], cmp_dom);
	qsort(k->enh, k->nenh, sizeof k->enh[0], cmp_enh);
}

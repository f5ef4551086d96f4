/* stats.h - counters over recs, for `smtpreply stats`. No output: the
 * renderers print a struct counts. Memory is fixed: each table keeps its
 * first entries and counts the rest as "other". */
#ifndef SMTPREPLY_CLI_STATS_H
#define SMTPREPLY_CLI_STATS_H

#include "model.h"

#define STATS_MAX_ENH 512
#define STATS_MAX_PROV 32

#define STATS_MAX_DOM 1024

struct dom_count {
	char name[64];
	unsigned long long n;
};

struct counts {
	unsigned long long noreply; /* failures a log names without a reply */
	struct dom_count dom[STATS_MAX_DOM]; /* by remote domain, most first */
	size_t ndom;
	unsigned long long dom_other;
	unsigned long long bytes, replies, errors, error_bytes;
	unsigned long long klass[6];
	unsigned long long code[1000];
	unsigned long long action[4];
	unsigned long long reason[SMTPREPLY_REASON_COUNT + 1]; /* last: other */
	unsigned long long verdict[SMTPREPLY_VERDICT_COUNT];
	unsigned long long flag[32];
	unsigned long long error_kind[16];
	struct { struct smtpreply_enhanced e; unsigned long long n; } enh[STATS_MAX_ENH];
	size_t nenh;
	unsigned long long enh_other, enh_none;
	struct { const char *name; unsigned long long n; } prov[STATS_MAX_PROV];
	size_t nprov;
};

void stats_init(struct counts *k);
void stats_reply(struct counts *k, const struct rec *rec);
void stats_error(struct counts *k, const struct rec *rec);
/* Sorts the tables for output. */
void stats_finish(struct counts *k);

#endif

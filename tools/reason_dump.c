/* reason_dump.c - every diagnosis field of every reply of some labelled
 * files, to compare two builds of the classifier byte for byte.
 *
 *   reason_dump FILE...     (tests/classify/corpus.tsv, world/<id>.tsv,
 *                            or a file of "command<TAB>reply" rows)
 *
 * Each row is classified as shipped and, for a world file (a name ending
 * in .tsv inside a "world" directory), with its own source held out (the
 * leave-one-source-out hook), as tests/test_classify.c does; every row
 * also held out for each name given in SMTPREPLY_DUMP_HELD (comma-
 * separated). tools/reason_probe.py writes a file of generated rows. Output: one line a row and way:
 * file:line held action reason verdict confidence evidence code enhanced
 * provider, and smtpreply_provider's answer. Build:
 *   cc -O2 -Iinclude -o reason_dump tools/reason_dump.c libsmtpreply.a */
#include "smtpreply.h"
#include "../tests/row_escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sr_diagnose_held_out(const struct smtpreply *reply,
                         enum smtpreply_command cmd, const char *held,
                         struct smtpreply_diagnosis *out);

static void one(const char *file, int line, const struct smtpreply *r,
                enum smtpreply_command cmd, const char *held)
{
	struct smtpreply_diagnosis d;
	const char *pv;

	sr_diagnose_held_out(r, cmd, held, &d);
	pv = smtpreply_provider(r);
	printf("%s:%d %s %s %s %s %s %s %d %d.%d.%d %s %s %d\n", file, line,
	       held ? held : "-", smtpreply_action_name(d.action),
	       smtpreply_reason_name(d.reason), smtpreply_verdict_name(d.verdict),
	       smtpreply_confidence_name(d.confidence),
	       smtpreply_evidence_name(d.evidence), d.code, d.enhanced.klass,
	       d.enhanced.subject, d.enhanced.detail,
	       d.provider ? d.provider : "-", pv ? pv : "-",
	       (int)smtpreply_reason(r, cmd));
}

int main(int argc, char **argv)
{
	static char row[70000], raw[70000];
	const char *extra = getenv("SMTPREPLY_DUMP_HELD");

	for (int a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "r");
		const char *base = strrchr(argv[a], '/');
		char id[256] = "";
		int no = 0;
		base = base ? base + 1 : argv[a];
		if (strstr(argv[a], "world/") && strlen(base) > 4 &&
		    strcmp(base + strlen(base) - 4, ".tsv") == 0)
			snprintf(id, sizeof id, "%.*s", (int)(strlen(base) - 4), base);
		if (f == NULL) {
			perror(argv[a]);
			return 1;
		}
		while (fgets(row, sizeof row, f)) {
			struct smtpreply r;
			char *tab, *end;
			size_t n;
			no++;
			row[strcspn(row, "\r\n")] = '\0';
			if (row[0] == '\0' || row[0] == '#' ||
			    strncmp(row, "command\t", 8) == 0 ||
			    (tab = strchr(row, '\t')) == NULL)
				continue;
			*tab++ = '\0';
			end = strchr(tab, '\t');
			n = unescape_row(tab, end ? (size_t)(end - tab) : strlen(tab),
			                 raw);
			memset(&r, 0, sizeof r);
			if (smtpreply_parse(raw, n, NULL, &r) <= 0) {
				printf("%s:%d unparsed\n", argv[a], no);
				continue;
			}
			enum smtpreply_command cmd = smtpreply_command_parse(row);
			one(argv[a], no, &r, cmd, NULL);
			if (id[0])
				one(argv[a], no, &r, cmd, id);
			if (extra != NULL) {
				char held[256];
				const char *p = extra;
				while (*p) {
					size_t k = strcspn(p, ",");
					snprintf(held, sizeof held, "%.*s", (int)k, p);
					one(argv[a], no, &r, cmd, held);
					p += k + (p[k] == ',');
				}
			}
		}
		fclose(f);
	}
	return 0;
}

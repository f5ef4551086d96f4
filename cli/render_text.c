/* render_text.c - text for people: explanations laid out and wrapped to
 * the terminal, parse's one line per reply, stats with bars.
 *
 * Untrusted bytes (reply text, operands, file names) go through esc_term;
 * the library's explanations are trusted and wrapped, never escaped. The
 * CLI's own words come from msg.c, colours from term.c's styles. */
#include "render.h"

#include "esc.h"
#include "msg.h"
#include "term.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define S(st) term_style(run->color, (st))

static void heading(const struct run *run, const char *text, int indent)
{
	fprintf(run->out, "%*s%s%s%s\n", indent, "", S(ST_HEADING), text,
	        S(ST_RESET));
}

/* Description, when, fix and source of one entry. */
static void entry_body(const struct run *run, const smtpreply_expl *e)
{
	static const struct {
		enum smtpreply_heading h;
		enum smtpreply_field f;
	} part[] = {
		{SMTPREPLY_HEADING_DESCRIPTION, SMTPREPLY_FIELD_DESCRIPTION},
		{SMTPREPLY_HEADING_WHEN, SMTPREPLY_FIELD_WHEN},
		{SMTPREPLY_HEADING_FIX, SMTPREPLY_FIELD_FIX},
	};
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		const char *t = smtpreply_expl_text_lang(e, part[i].f, run->lang);
		if (*t == '\0')
			continue;
		heading(run, smtpreply_heading_text(part[i].h, run->lang), 2);
		text_wrap(run->out, t, 4, run->width);
	}
	const char *src = smtpreply_expl_text(e, SMTPREPLY_FIELD_SOURCE);
	if (*src)
		fprintf(run->out, "  %s(%s)%s\n", S(ST_DIM), src, S(ST_RESET));
}

/* "  Label      value" rows with the labels padded to one width. */
static void label_row(const struct run *run, const char *label, int lw,
                      const char *value)
{
	fprintf(run->out, "  %s", S(ST_HEADING));
	fputs(label, run->out);
	fputs(S(ST_RESET), run->out);
	int pad = lw - text_width_str(label);
	fprintf(run->out, "%*s  ", pad > 0 ? pad : 0, "");
	text_wrap_at(run->out, value, lw + 4, lw + 4, run->width);
}

static int max_width(const char *const *labels, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		int x = text_width_str(labels[i]);
		w = x > w ? x : w;
	}
	return w;
}

/* "550  Name  (note)": the code as the user typed it is untrusted. */
static void title(const struct run *run, const char *code, int klass,
                  const char *name, const char *note)
{
	FILE *f = run->out;
	fprintf(f, "%s%s", S(term_class(klass)), S(ST_HEADING));
	esc_term_str(f, code);
	fprintf(f, "%s  %s%s%s", S(ST_RESET), S(ST_HEADING), name, S(ST_RESET));
	if (note)
		fprintf(f, "  %s%s%s", S(ST_DIM), note, S(ST_RESET));
	fputc('\n', f);
}

/* Under the title of an entry that stands in for an unregistered code:
 * say so, and which general entry is shown. */
static void fallback_note(const struct run *run, const char *label,
                          const smtpreply_expl *e)
{
	char buf[1024];
	if (e == NULL ||
	    smtpreply_fallback_text(buf, sizeof buf, label, e, run->lang) == 0)
		return;
	fprintf(run->out, "  %s", S(ST_DIM));
	text_wrap_at(run->out, buf, 2, 2, run->width);
	fputs(S(ST_RESET), run->out);
}

/* "Title: description" in the language's punctuation (one use at a
 * time). */
static const char *joined(const char *lang, const char *t, const char *desc)
{
	static char buf[2048];
	if (*desc == '\0')
		return t;
	snprintf(buf, sizeof buf, msg(M_JOIN, lang), t, desc);
	return buf;
}

static void put_flags(FILE *f, unsigned flags)
{
	int n = 0;
	for (unsigned bit = 1; bit; bit <<= 1) {
		const char *name;
		if (!(flags & bit) || *(name = smtpreply_flag_name(bit)) == '\0')
			continue;
		fputs(n++ ? ", " : "", f);
		fputs(name, f);
	}
}

static void item(const struct run *run, const struct item *it,
                 enum smtpreply_command cmd, size_t index)
{
	FILE *f = run->out;
	const char *lang = run->lang;
	char code[32], note[128];

	if (index > 0)
		fputc('\n', f);
	switch (it->kind) {
	case K_INVALID: {
		const smtpreply_expl *e = item_invalid_entry(it);
		fputs(S(ST_ERROR), f);
		fputs(S(ST_HEADING), f);
		esc_term_str(f, it->input);
		fprintf(f, "%s  %s%s%s\n", S(ST_RESET), S(ST_HEADING),
		        name_of(e, lang), S(ST_RESET));
		if (it->result < 0 && it->result != SMTPREPLY_INCOMPLETE)
			fprintf(f, "  %s%s%s\n", S(ST_DIM),
			        smtpreply_result_message(it->result), S(ST_RESET));
		if (item_is_word(it)) {
			/* The entry is about numbers ("This number is not...",
			 * error numbers as codes): a word gets what it is not. */
			heading(run, smtpreply_heading_text(SMTPREPLY_HEADING_DESCRIPTION,
			                                    lang), 2);
			text_wrap(f, msg(M_NOT_CODE_WORD, lang), 4, run->width);
			return;
		}
		entry_body(run, e);
		return;
	}
	case K_CLASS:
		title(run, it->input, it->input[0] - '0', name_of(it->class_e, lang),
		      NULL);
		entry_body(run, it->class_e);
		return;
	case K_ENHANCED: {
		const char *labels[] = {
			smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang),
			smtpreply_heading_text(SMTPREPLY_HEADING_CATEGORY, lang),
		};
		int lw = max_width(labels, 2);
		title(run, it->input, it->eklass, name_of(it->enh_e, lang), NULL);
		fallback_note(run, it->input, it->enh_e);
		if (it->class_e)
			label_row(run, labels[0], lw, name_of(it->class_e, lang));
		if (it->cat_e)
			label_row(run, labels[1], lw, name_of(it->cat_e, lang));
		entry_body(run, it->enh_e);
		return;
	}
	case K_REPLY:
		break;
	}

	const struct smtpreply *r = &it->r;
	enum smtpreply_action act = smtpreply_action(r, cmd);
	enum smtpreply_reason why = smtpreply_reason(r, cmd);
	enum smtpreply_party who = smtpreply_reply_party(r, cmd);
	const char *labels[] = {
		smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_CATEGORY, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_REASON, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_WHO, lang),
		smtpreply_heading_text(SMTPREPLY_HEADING_ENHANCED, lang),
		msg(M_VERDICT, lang),
	};
	int lw = max_width(labels, 7);

	if (it->has_text) {
		size_t n;
		const char *log = log_line(r, NULL, cmd, &n);
		fputs(S(ST_DIM), f);
		esc_term(f, log, n);
		fprintf(f, "%s\n", S(ST_RESET));
		if (r->flags) {
			fprintf(f, "%s[", S(ST_DIM));
			put_flags(f, r->flags);
			fprintf(f, "]%s\n", S(ST_RESET));
		}
		fputc('\n', f);
	}
	snprintf(code, sizeof code, "%d", r->code);
	note[0] = '\0';
	if (smtpreply_expl_flags(it->reply_e) & SMTPREPLY_X_CONTEXTUAL)
		snprintf(note, sizeof note, msg(M_AFTER, lang),
		         smtpreply_command_name(cmd));
	title(run, code, r->klass, name_of(it->reply_e, lang),
	      note[0] ? note : NULL);
	fallback_note(run, code, it->reply_e);
	label_row(run, labels[0], lw, name_of(it->class_e, lang));
	/* 1xx and second digits over 5 have no category. */
	if (it->cat_e && !entry_is_invalid(it->cat_e))
		label_row(run, labels[1], lw, name_of(it->cat_e, lang));
	entry_body(run, it->reply_e);

	if (it->enh_e) {
		char enh[32];
		fputc('\n', f);
		title(run, enhanced_str(enh, sizeof enh, &r->enhanced),
		      r->enhanced.klass, name_of(it->enh_e, lang), NULL);
		fallback_note(run, enh, it->enh_e);
		const smtpreply_expl *ec = enhanced_class_entry(r->enhanced.klass);
		const smtpreply_expl *es = enhanced_subject_entry(r->enhanced.subject);
		if (ec)
			label_row(run, labels[0], lw, name_of(ec, lang));
		if (es)
			label_row(run, labels[1], lw, name_of(es, lang));
		entry_body(run, it->enh_e);
	}
	if (it->prov_e) {
		const char *prov = smtpreply_provider(r);
		char enh[32], pname[32];
		fputc('\n', f);
		if (prov == NULL) {
			/* "provider microsoft 5.7.520": the entry knows whose. */
			const char *key = smtpreply_expl_text(it->prov_e,
			                                      SMTPREPLY_FIELD_KEY);
			if (sscanf(key, "provider %31s", pname) == 1)
				prov = pname;
		}
		snprintf(note, sizeof note, msg(M_PAREN, lang),
		         prov ? prov : msg(M_PROVIDER_WORD, lang));
		title(run, enhanced_str(enh, sizeof enh, &r->enhanced),
		      r->enhanced.klass, name_of(it->prov_e, lang), note);
		entry_body(run, it->prov_e);
	}
	fputc('\n', f);
	label_row(run, labels[2], lw,
	          joined(lang, smtpreply_action_text(act, lang),
	                 smtpreply_action_description(act, lang)));
	if (why != SMTPREPLY_REASON_NONE) {
		/* The reason with how sure it is: "Recipient unknown (Strong)". */
		struct smtpreply_diagnosis dx;
		char conf[128], title_conf[512];
		smtpreply_diagnose(r, cmd, &dx);
		snprintf(conf, sizeof conf, msg(M_PAREN, lang),
		         smtpreply_confidence_text(dx.confidence, lang));
		snprintf(title_conf, sizeof title_conf, "%s %s",
		         smtpreply_reason_text(why, lang), conf);
		label_row(run, labels[3], lw,
		          joined(lang, title_conf,
		                 smtpreply_reason_description(why, lang)));
		label_row(run, labels[4], lw, smtpreply_party_text(who, lang));
		/* Should the address be suppressed? */
		label_row(run, labels[6], lw,
		          joined(lang, smtpreply_verdict_text(dx.verdict, lang),
		                 smtpreply_verdict_description(dx.verdict, lang)));
		return;
	}
	label_row(run, labels[4], lw, smtpreply_party_text(who, lang));
}

/* One part of the library's comparison page, wrapped; 0 when there is
 * no such part. */
static size_t page_part(const struct run *run, const struct smtpreply_side *a,
                        const struct smtpreply_side *b,
                        enum smtpreply_compare_part part, size_t index,
                        int indent, const char *number)
{
	char buf[8192];
	size_t n = smtpreply_compare_text(buf, sizeof buf, a, b, part, index,
	                                  run->lang);
	if (n == 0)
		return 0;
	if (number != NULL) {
		/* "  1. text", the text's lines aligned after the number */
		int w = text_width_str(number);
		fprintf(run->out, "%*s%s%s%s ", indent, "", S(ST_HEADING), number,
		        S(ST_RESET));
		text_wrap_at(run->out, buf, indent + w + 1, indent + w + 1,
		             run->width);
	} else {
		text_wrap(run->out, buf, indent, run->width);
	}
	return n;
}

/* The seeds' page: title, summary, each code's explanation (with its
 * context: the reply line, --after, class, action, reason, who must act),
 * the numbered key differences and "when to use which". */
static void compare(const struct run *run, const struct item *a,
                    const struct item *b, enum smtpreply_command cmd)
{
	FILE *f = run->out;
	struct smtpreply_side sa, sb;
	char la[64], lb[64], num[16], title_buf[1024];
	size_t i;

	item_side(a, cmd, &sa, la, sizeof la);
	item_side(b, cmd, &sb, lb, sizeof lb);
	/* The title holds the operands as typed: escape them. */
	smtpreply_compare_text(title_buf, sizeof title_buf, &sa, &sb,
	                       SMTPREPLY_COMPARE_TITLE, 0, run->lang);
	fputs(S(ST_HEADING), f);
	esc_term_str(f, title_buf);
	fprintf(f, "%s\n\n", S(ST_RESET));
	page_part(run, &sa, &sb, SMTPREPLY_COMPARE_SUMMARY, 0, 0, NULL);
	for (int s = 0; s < 2; s++) {
		fputc('\n', f);
		item(run, s ? b : a, cmd, 0);
	}
	fputc('\n', f);
	heading(run, smtpreply_heading_text(SMTPREPLY_HEADING_DIFFERENCES,
	                                    run->lang), 0);
	for (i = 0;; i++) {
		snprintf(num, sizeof num, "%zu.", i + 1);
		if (!page_part(run, &sa, &sb, SMTPREPLY_COMPARE_POINT, i, 2, num))
			break;
	}
	fputc('\n', f);
	heading(run, smtpreply_heading_text(SMTPREPLY_HEADING_WHICH, run->lang),
	        0);
	for (i = 0; i < 2; i++)
		page_part(run, &sa, &sb, SMTPREPLY_COMPARE_WHICH, i, 2, NULL);
}

/* ---- parse: one line per reply ---- */

static void offset(const struct run *run, const struct rec *r)
{
	fputs(S(ST_DIM), run->out);
	if (r->file != NULL) {
		esc_term_str(run->out, r->file);
		fputc(':', run->out);
	}
	fprintf(run->out, "%-8llu%s ", r->offset, S(ST_RESET));
}

/* Where a log or bounce says the reply came from: "  (to a@b.c, host
 * mx.b.c[192.0.2.1], after RCPT, dsn 5.1.1)". */
static void context(const struct run *run, const struct rec *rc)
{
	FILE *f = run->out;
	int n = 0;
	if (!rc->context)
		return;
	fprintf(f, "  %s(%s", S(ST_DIM), smtpreply_source_name(rc->source));
	n++;
	if (rc->recipient.len) {
		fputs(", to ", f);
		esc_term(f, rc->recipient.ptr, rc->recipient.len);
	}
	if (rc->host.len) {
		fputs(", host ", f);
		esc_term(f, rc->host.ptr, rc->host.len);
	}
	if (rc->cmd != SMTPREPLY_CMD_UNKNOWN)
		fprintf(f, ", %s", smtpreply_command_name(rc->cmd));
	if (rc->status.len && rc->kind == REC_REPLY) {
		fputs(", dsn ", f);
		esc_term(f, rc->status.ptr, rc->status.len);
	}
	fprintf(f, ")%s", S(ST_RESET));
	(void)n;
}

static void rec_line(const struct run *run, const struct rec *rc)
{
	FILE *f = run->out;
	const char *lang = run->lang;

	offset(run, rc);
	if (rc->kind == REC_NOREPLY) {
		/* a failure named without a reply: what happened instead */
		char st[16];
		fprintf(f, "%s---%s %-8s %s", S(ST_ERROR), S(ST_RESET),
		        rc->dx.enhanced.klass
		            ? enhanced_str(st, sizeof st, &rc->dx.enhanced)
		            : "",
		        rc->dx.action == SMTPREPLY_ACTION_FAIL ? "5xx" : "4xx");
		fprintf(f, " %-8s %-20s %-12s",
		        smtpreply_action_name(rc->dx.action),
		        smtpreply_reason_name(rc->dx.reason),
		        smtpreply_verdict_name(rc->dx.verdict));
		if (rc->status.len && !rc->dx.enhanced.klass) {
			fputc(' ', f);
			esc_term(f, rc->status.ptr, rc->status.len);
		}
		fputs(" |", f);
		if (rc->problem.len) {
			fputc(' ', f);
			esc_term(f, rc->problem.ptr, rc->problem.len);
		}
		context(run, rc);
		fputc('\n', f);
		return;
	}
	if (rc->kind == REC_ERROR) {
		fprintf(f, "%s%s (%llu %s, %s): %s%s\n", S(ST_ERROR),
		        msg(M_NOT_REPLY, lang), rc->length,
		        msg_n(M_BYTE, rc->length, lang),
		        smtpreply_result_name(rc->error),
		        smtpreply_result_message(rc->error), S(ST_RESET));
		return;
	}

	const struct smtpreply *r = &rc->r;
	char enh[16];
	const smtpreply_expl *e = smtpreply_explain_reply(r, rc->cmd);
	struct smtpreply_diagnosis dx;
	if (rc->context)
		dx = rc->dx;
	else
		smtpreply_diagnose(r, rc->cmd, &dx);
	enum smtpreply_action act = dx.action;
	enum smtpreply_reason why = dx.reason;

	fprintf(f, "%s%s%d%s %-8s %s", S(term_class(r->klass)), S(ST_HEADING),
	        r->code, S(ST_RESET), enhanced_str(enh, sizeof enh, &r->enhanced),
	        class_label(r->klass));
	fprintf(f, " %-8s %-20s %-12s ", smtpreply_action_name(act),
	        why == SMTPREPLY_REASON_NONE ? "" : smtpreply_reason_name(why),
	        why == SMTPREPLY_REASON_NONE
	                ? ""
	                : smtpreply_verdict_name(dx.verdict));
	fputs(name_of(e, lang), f);
	if (r->enhanced.klass) {
		/* The provider's own meaning when the text shows who answered. */
		const smtpreply_expl *pe = smtpreply_explain_provider(r);
		const smtpreply_expl *x = pe ? pe : smtpreply_explain_reply_enhanced(r);
		fprintf(f, "; %s", name_of(x, lang));
		if (pe)
			fprintf(f, " (%s)", smtpreply_provider(r));
	}
	fputs(" |", f);
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	int n = 0;
	while (smtpreply_next_line(r, &it, &t)) {
		fputs(n++ ? " | " : " ", f);
		esc_term(f, t.ptr, t.len);
	}
	if (r->flags) {
		fprintf(f, "  %s[", S(ST_DIM));
		put_flags(f, r->flags);
		fprintf(f, "]%s", S(ST_RESET));
	}
	context(run, rc);
	fputc('\n', f);
}

/* The labels over rec_line's columns, padded to the same widths: offset
 * (after "file:" when the rows name their file), code with enhanced
 * code and class, action, reason, verdict, meaning | text. */
static void rec_header(const struct run *run, const struct rec *rc)
{
	FILE *f = run->out;
	const char *lang = run->lang;
	int ow = 8;

	if (rc->file != NULL)
		ow += text_width_str(rc->file) + 1;
	fputs(S(ST_HEADING), f);
	text_pad(f, msg(M_OFFSET, lang), ow);
	fputc(' ', f);
	text_pad(f, msg(M_CODE, lang), 16); /* "550 5.1.1    5xx" */
	fputc(' ', f);
	text_pad(f, msg(M_ACTION_COL, lang), 8);
	fputc(' ', f);
	text_pad(f, msg(M_REASON_COL, lang), 20);
	fputc(' ', f);
	text_pad(f, msg(M_VERDICT, lang), 12);
	fputc(' ', f);
	fprintf(f, "%s | %s%s\n", msg(M_NAME_COL, lang), msg(M_TEXT_COL, lang),
	        S(ST_RESET));
}

/* One line of the table, cut to the terminal's width. */
static void cut_line(const struct run *run, const struct rec *rc,
                     void (*line)(const struct run *, const struct rec *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	if (mem == NULL) {
		line(run, rc);
		return;
	}
	struct run to_mem = *run;
	to_mem.out = mem;
	line(&to_mem, rc);
	fclose(mem);
	/* The line ends with one newline; cut what stands before it. */
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	text_cut(run->out, buf, len, run->width);
	fputc('\n', run->out);
	free(buf);
}

/* parse's table. Into a pipe or a file: every row whole, no header, as
 * scripts read it. On a terminal: a header row once, and every row cut
 * to the terminal's width with an ellipsis (the reply's text is last, so
 * it is what gets cut), so that no row wraps. */
static void rec(const struct run *run, const struct rec *rc)
{
	static int header_done; /* one table per process */

	if (!run->tty || run->width <= 0) {
		rec_line(run, rc);
		return;
	}
	if (!header_done) {
		header_done = 1;
		cut_line(run, rc, rec_header);
	}
	cut_line(run, rc, rec_line);
}

/* ---- stats ---- */

static void bar(const struct run *run, unsigned long long n,
                unsigned long long max)
{
	if (!(run->color || run->tty) || max == 0)
		return;
	int w = (int)((n * 30 + max - 1) / max);
	fputs(S(ST_BAR), run->out);
	for (int i = 0; i < w; i++)
		fputs("\xE2\x96\x88", run->out); /* U+2588 FULL BLOCK */
	fprintf(run->out, "%s ", S(ST_RESET));
}

static void row(const struct run *run, const char *label, unsigned long long n,
                unsigned long long max)
{
	fputs("  ", run->out);
	text_pad(run->out, label, 34);
	fputc(' ', run->out);
	bar(run, n, max);
	fprintf(run->out, "%llu\n", n);
}

static void section(const struct run *run, const char *name)
{
	fprintf(run->out, "\n%s%s%s\n", S(ST_HEADING), name, S(ST_RESET));
}

static void stats(const struct run *run, const struct counts *k)
{
	FILE *f = run->out;
	const char *lang = run->lang;
	char buf[64];
	unsigned long long max;
	int any;

	char what[128], size[64];
	snprintf(what, sizeof what, "%s%llu %s%s", S(ST_HEADING), k->replies,
	         msg_n(M_REPLY, k->replies, lang), S(ST_RESET));
	snprintf(size, sizeof size, "%llu %s", k->bytes,
	         msg_n(M_BYTE, k->bytes, lang));
	fprintf(f, msg(M_IN, lang), what, size);
	if (k->errors)
		fprintf(f, ", %s%llu %s%s (%llu %s)", S(ST_ERROR), k->errors,
		        msg_n(M_NOT_REPLY, k->errors, lang), S(ST_RESET),
		        k->error_bytes, msg_n(M_BYTE, k->error_bytes, lang));
	if (k->noreply)
		fprintf(f, ", %llu %s", k->noreply,
		        msg_n(M_NO_REPLY, k->noreply, lang));
	fputc('\n', f);

	if (k->replies == 0 && k->noreply == 0)
		goto errors;
	if (k->replies)
		section(run, smtpreply_heading_text(SMTPREPLY_HEADING_CLASS, lang));
	max = 0;
	for (int i = 1; i <= 5; i++)
		max = k->klass[i] > max ? k->klass[i] : max;
	for (int i = 1; i <= 5; i++)
		if (k->klass[i])
			row(run, name_of(smtpreply_explain_class(i * 100), lang),
			    k->klass[i], max);

	section(run, smtpreply_heading_text(SMTPREPLY_HEADING_ACTION, lang));
	max = 0;
	for (int i = 0; i < 4; i++)
		max = k->action[i] > max ? k->action[i] : max;
	for (int i = 0; i < 4; i++)
		if (k->action[i])
			row(run, smtpreply_action_text((enum smtpreply_action)i, lang),
			    k->action[i], max);

	max = 0;
	for (int i = 1; i <= SMTPREPLY_REASON_COUNT; i++)
		max = k->reason[i] > max ? k->reason[i] : max;
	if (max)
		section(run, smtpreply_heading_text(SMTPREPLY_HEADING_REASON, lang));
	for (int i = 1; i <= SMTPREPLY_REASON_COUNT; i++)
		if (k->reason[i])
			row(run, i < SMTPREPLY_REASON_COUNT
			                 ? smtpreply_reason_text((enum smtpreply_reason)i,
			                                         lang)
			                 : msg(M_OTHER, lang),
			    k->reason[i], max);

	max = 0;
	for (int i = 1; i < SMTPREPLY_VERDICT_COUNT; i++)
		max = k->verdict[i] > max ? k->verdict[i] : max;
	if (max)
		section(run, msg(M_VERDICT, lang));
	for (int i = 1; i < SMTPREPLY_VERDICT_COUNT; i++)
		if (k->verdict[i])
			row(run, smtpreply_verdict_text((enum smtpreply_verdict)i, lang),
			    k->verdict[i], max);

	if (k->replies)
		section(run, msg(M_CODE, lang));
	max = 0;
	for (int i = 0; i < 1000; i++)
		max = k->code[i] > max ? k->code[i] : max;
	for (int i = 0; i < 1000; i++)
		if (k->code[i]) {
			snprintf(buf, sizeof buf, "%03d", i);
			row(run, buf, k->code[i], max);
		}

	if (k->nenh || k->enh_other) {
		section(run, smtpreply_heading_text(SMTPREPLY_HEADING_ENHANCED, lang));
		max = 0;
		for (size_t i = 0; i < k->nenh; i++)
			max = k->enh[i].n > max ? k->enh[i].n : max;
		for (size_t i = 0; i < k->nenh; i++)
			row(run, enhanced_str(buf, sizeof buf, &k->enh[i].e),
			    k->enh[i].n, max);
		if (k->enh_other)
			row(run, msg(M_OTHER_PAREN, lang), k->enh_other, max);
	}
	if (k->nprov) {
		unsigned long long pmax = 0;
		for (size_t i = 0; i < k->nprov; i++)
			pmax = k->prov[i].n > pmax ? k->prov[i].n : pmax;
		section(run, msg(M_PROVIDER, lang));
		for (size_t i = 0; i < k->nprov; i++)
			row(run, k->prov[i].name, k->prov[i].n, pmax);
	}
	if (k->ndom) {
		/* the 20 remote domains with the most, then the rest */
		size_t show = k->ndom < 20 ? k->ndom : 20;
		unsigned long long rest = k->dom_other;
		for (size_t i = show; i < k->ndom; i++)
			rest += k->dom[i].n;
		section(run, msg(M_DOMAIN, lang));
		for (size_t i = 0; i < show; i++)
			row(run, k->dom[i].name, k->dom[i].n, k->dom[0].n);
		if (rest)
			row(run, msg(M_OTHER_PAREN, lang), rest, k->dom[0].n);
	}
	any = 0;
	for (unsigned b = 0; b < 32; b++)
		if (k->flag[b] && *smtpreply_flag_name(1u << b)) {
			if (!any++)
				section(run, msg(M_FLAGS, lang));
			row(run, smtpreply_flag_name(1u << b), k->flag[b], 0);
		}
errors:
	any = 0;
	for (int i = 0; i < 16; i++)
		if (k->error_kind[i]) {
			if (!any++)
				section(run, msg(M_NOT_REPLIES, lang));
			row(run, smtpreply_result_name(-i), k->error_kind[i], 0);
		}
}

/* ---- list ---- */

static void entry(const struct run *run, const smtpreply_expl *e, int verbose)
{
	FILE *f = run->out;
	unsigned fl = smtpreply_expl_flags(e);
	const char *key = smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY);

	if (strncmp(key, "reply ", 6) == 0)
		key += 6;
	else if (strncmp(key, "enhanced ", 9) == 0)
		key += 9;
	int klass = key[0] >= '1' && key[0] <= '5' ? key[0] - '0' : 0;
	fprintf(f, "%s%-24s%s %s%s%s\n", klass ? S(term_class(klass)) : "", key,
	        S(ST_RESET), (fl & SMTPREPLY_X_NONSTANDARD) ? S(ST_DIM) : "",
	        name_of(e, run->lang), S(ST_RESET));
	if (verbose) {
		static const enum smtpreply_field fields[] = {
			SMTPREPLY_FIELD_DESCRIPTION, SMTPREPLY_FIELD_WHEN,
			SMTPREPLY_FIELD_FIX};
		for (size_t i = 0; i < 3; i++) {
			const char *t = smtpreply_expl_text_lang(e, fields[i], run->lang);
			if (*t)
				text_wrap(f, t, 4, run->width);
		}
		fputc('\n', f);
	}
}

const struct render render_text = {item, compare, rec, stats, entry};

/* explain.c - the library in a web page: the "explain a pasted reply" page
 * of the reference site calls these through WebAssembly.
 *
 * Built with clang for wasm32-wasi against the library's sources (no WASI
 * call is made: nothing here reads files, clocks or the environment). The
 * page writes the pasted text into sr_input(), calls sr_explain() and
 * reads back one JSON document. Everything said comes from the public API,
 * as in the smtpreply command. */
#include "smtpreply.h"

#include <stddef.h>
#include <string.h>

#define IN_SIZE (64 * 1024)
#define OUT_SIZE (256 * 1024)

static char in_buf[IN_SIZE];
static char out_buf[OUT_SIZE];
static size_t out_len;

#define EXPORT(name) __attribute__((export_name(name)))

/* The module's exports, what the page's script calls. */
char *sr_input(void);
size_t sr_input_size(void);
const char *sr_explain(size_t len, const char *command, const char *lang);

/* Appends, never past the buffer (what does not fit is dropped whole and
 * the document is closed by the caller's check). */
static void put(const char *s, size_t n)
{
	if (out_len + n < OUT_SIZE) {
		memcpy(out_buf + out_len, s, n);
		out_len += n;
	}
}

static void puts_(const char *s)
{
	put(s, strlen(s));
}

static void put_int(long v)
{
	char tmp[24];
	size_t n = 0;
	unsigned long u = v < 0 ? (unsigned long)-v : (unsigned long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[n++] = '-';
	while (n)
		put(&tmp[--n], 1);
}

/* A JSON string; the bytes a server sent may be anything, so control
 * bytes are escaped and invalid UTF-8 becomes U+FFFD. */
static void put_json(const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	put("\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			put(e, 2);
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			put(e, 6);
		} else if (c < 0x80) {
			put((const char *)&c, 1);
		} else {
			size_t len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
			size_t k = 1;
			while (len && k < len && i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
				k++;
			if (len && k == len) {
				put(s + i, len);
				i += len - 1;
			} else {
				puts_("\\ufffd");
			}
		}
	}
	put("\"", 1);
}

static void field(const char *name, const char *value, int comma)
{
	if (comma)
		put(",", 1);
	put_json(name, strlen(name));
	put(":", 1);
	put_json(value, strlen(value));
}

static void entry(const char *name, const smtpreply_expl *e, const char *lang)
{
	puts_(",");
	put_json(name, strlen(name));
	puts_(":{");
	field("key", smtpreply_expl_text(e, SMTPREPLY_FIELD_KEY), 0);
	field("name", smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_NAME, lang), 1);
	field("description", smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_DESCRIPTION, lang), 1);
	field("when", smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_WHEN, lang), 1);
	field("fix", smtpreply_expl_text_lang(e, SMTPREPLY_FIELD_FIX, lang), 1);
	puts_(",\"fallback\":");
	puts_(smtpreply_expl_flags(e) & SMTPREPLY_X_FALLBACK ? "true" : "false");
	puts_("}");
}

static void reply_json(const struct smtpreply *r, enum smtpreply_command cmd,
                       const char *lang)
{
	puts_("{\"code\":");
	put_int(r->code);
	if (r->enhanced.klass) {
		char enh[32];
		size_t n = 0;
		int parts[3] = {r->enhanced.klass, r->enhanced.subject, r->enhanced.detail};
		for (int i = 0; i < 3; i++) {
			char d[12];
			size_t m = 0;
			int v = parts[i];
			do {
				d[m++] = (char)('0' + v % 10);
				v /= 10;
			} while (v && m < sizeof d);
			while (m && n < sizeof enh - 2)
				enh[n++] = d[--m];
			if (i < 2)
				enh[n++] = '.';
		}
		enh[n] = '\0';
		field("enhanced", enh, 1);
	}
	puts_(",\"lines\":[");
	struct smtpreply_iter it = {0};
	struct smtpreply_str line;
	int first = 1;
	while (smtpreply_next_line(r, &it, &line)) {
		if (!first)
			puts_(",");
		first = 0;
		put_json(line.ptr, line.len);
	}
	puts_("]");
	struct smtpreply_diagnosis d;
	smtpreply_diagnose(r, cmd, &d);
	field("action", smtpreply_action_text(d.action, lang), 1);
	field("action_description", smtpreply_action_description(d.action, lang), 1);
	field("reason", smtpreply_reason_text(d.reason, lang), 1);
	field("reason_description", smtpreply_reason_description(d.reason, lang), 1);
	field("verdict", smtpreply_verdict_text(d.verdict, lang), 1);
	field("verdict_description", smtpreply_verdict_description(d.verdict, lang), 1);
	field("confidence", smtpreply_confidence_text(d.confidence, lang), 1);
	field("who", smtpreply_party_text(smtpreply_reason_party(d.reason), lang), 1);
	const char *provider = smtpreply_provider(r);
	if (provider)
		field("provider", provider, 1);
	entry("reply", smtpreply_explain_reply(r, cmd), lang);
	if (r->enhanced.klass)
		entry("enhanced_entry", smtpreply_explain_reply_enhanced(r), lang);
	const smtpreply_expl *pe = smtpreply_explain_provider(r);
	if (pe)
		entry("provider_entry", pe, lang);
	puts_("}");
}

EXPORT("sr_input") char *sr_input(void)
{
	return in_buf;
}

EXPORT("sr_input_size") size_t sr_input_size(void)
{
	return IN_SIZE;
}

/* Explains the replies in the first len bytes of sr_input(): text pasted
 * by a person, so a line end may be LF alone and a last line may lack
 * one. command is a name ("RCPT") or ""; lang a language tag. Returns a
 * JSON document: {"replies":[...],"errors":[{"offset":N,"error":"..."}]}. */
EXPORT("sr_explain") const char *sr_explain(size_t len, const char *command,
                                           const char *lang)
{
	static char text[IN_SIZE + 2];
	enum smtpreply_command cmd = smtpreply_command_parse(command);
	lang = smtpreply_language_match(lang);
	if (len > IN_SIZE)
		len = IN_SIZE;
	memcpy(text, in_buf, len);
	if (len && text[len - 1] != '\n') /* a paste often lacks the last line end */
		text[len++] = '\n';

	struct smtpreply_options opts;
	smtpreply_options_init(&opts);
	out_len = 0;
	puts_("{\"replies\":[");
	/* What was not a reply: where, and why (the first few). */
	size_t err_at[16];
	int err_rc[16], nerr = 0, n = 0;
	size_t pos = 0;
	while (pos < len && n < 100) {
		struct smtpreply r;
		int rc = smtpreply_parse(text + pos, len - pos, &opts, &r);
		if (rc > 0) {
			if (n++)
				puts_(",");
			reply_json(&r, cmd, lang);
			pos += (size_t)rc;
		} else if (rc == SMTPREPLY_INCOMPLETE) {
			break;
		} else {
			if (nerr < 16) {
				err_at[nerr] = pos + r.error_offset;
				err_rc[nerr++] = rc;
			}
			pos += r.skip ? r.skip : 1;
		}
	}
	puts_("],\"errors\":[");
	for (int i = 0; i < nerr; i++) {
		puts_(i ? ",{\"offset\":" : "{\"offset\":");
		put_int((long)err_at[i]);
		field("error", smtpreply_result_name(err_rc[i]), 1);
		puts_("}");
	}
	puts_("]}");
	if (out_len + 1 >= OUT_SIZE) { /* cut: say so rather than emit broken JSON */
		out_len = 0;
		puts_("{\"replies\":[],\"errors\":[{\"offset\":0,\"error\":\"output too large\"}]}");
	}
	out_buf[out_len] = '\0';
	return out_buf;
}

/* format.c - one log line for a reply, snprintf-style.
 *
 *   [host HOST said: ]CODE[ C.S.D][ text text ...][ (in reply to X command)]
 *
 * - The text of every line, each trimmed of spaces and tabs at its ends,
 *   joined with single spaces; empty lines add nothing. The enhanced code
 *   is printed once (the parser strips the repeats from the lines).
 * - Escapes, so that a server cannot forge log lines or terminal escapes:
 *   CR, LF and TAB as \r \n \t; other control bytes (NUL included) and DEL
 *   as \xHH; the backslash as \\ (so every escape reads back one way);
 *   bytes that are not valid UTF-8 (stray continuation bytes, overlong
 *   forms, surrogates, past U+10FFFF, cut sequences) as \xHH, one byte at
 *   a time. Valid UTF-8 is kept, except code points that terminals or
 *   viewers act on: the C1 controls U+0080-U+009F (0x9B is CSI on some
 *   terminals), the line and paragraph separators U+2028-U+2029 and the
 *   bidirectional controls (U+061C, U+200E-U+200F, U+202A-U+202E,
 *   U+2066-U+2069), which are escaped byte by byte. With
 *   SMTPREPLY_FMT_ASCII every byte >= 0x80 is escaped. The host is
 *   sanitised the same way.
 * - The suffix names the command as Postfix does: "MAIL FROM", "RCPT TO",
 *   "DATA", "end of DATA", "EHLO"...; after the greeting it is
 *   "(in reply to initial greeting)"; none for SMTPREPLY_CMD_UNKNOWN or a
 *   value outside the enum.
 * - Truncation fills the buffer, except that an escape or a UTF-8
 *   character that does not fit whole is left out (with everything after
 *   it), so a cut line never ends in half an escape or half a character.
 *   The output is always a prefix of the full line, at most 3 bytes short
 *   of size - 1. The return value is the full line's length.
 */
#include "internal.h"

#include <string.h>

struct out {
	char *buf;
	size_t size;    /* bytes available, NUL included */
	size_t written; /* bytes written so far */
	size_t need;    /* length of the whole line */
	int full;       /* a piece did not fit: write no more */
};

/* Plain bytes: as many as fit. */
static void put(struct out *o, const char *s, size_t n)
{
	if (!o->full) {
		size_t room = o->size > o->written ? o->size - o->written - 1 : 0;
		size_t k = n < room ? n : room;
		if (k > 0) {
			memcpy(o->buf + o->written, s, k);
			o->written += k;
		}
		if (k < n)
			o->full = 1;
	}
	o->need += n;
}

/* An escape or a UTF-8 character: whole or not at all. */
static void put_unit(struct out *o, const char *s, size_t n)
{
	if (!o->full) {
		if (o->size > 0 && o->written + n < o->size) {
			memcpy(o->buf + o->written, s, n);
			o->written += n;
		} else {
			o->full = 1;
		}
	}
	o->need += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_hex(struct out *o, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
	put_unit(o, e, 4);
}

static void put_uint(struct out *o, unsigned v)
{
	char d[12];
	size_t i = sizeof d;
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	put(o, d + i, sizeof d - i);
}

/* The length of the valid UTF-8 sequence at p (2..4), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned c = p[0], v;
	size_t len;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* Code points kept out of logs although valid (see the top comment). */
static int unsafe_cp(unsigned v)
{
	return (v >= 0x80 && v <= 0x9F) || v == 0x61C || v == 0x200E ||
	       v == 0x200F || v == 0x2028 || v == 0x2029 ||
	       (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069);
}

static void put_text(struct out *o, const char *s, size_t n, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t run = i;
		/* A run of plain printable ASCII at once. */
		while (run < n && p[run] >= 0x20 && p[run] < 0x7F &&
		       p[run] != '\\')
			run++;
		if (run > i) {
			put(o, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = p[i];
		if (c == '\\') {
			put_unit(o, "\\\\", 2);
		} else if (c == '\r') {
			put_unit(o, "\\r", 2);
		} else if (c == '\n') {
			put_unit(o, "\\n", 2);
		} else if (c == '\t') {
			put_unit(o, "\\t", 2);
		} else if (c < 0x80 || (flags & SMTPREPLY_FMT_ASCII)) {
			put_hex(o, c);
		} else {
			unsigned cp = 0;
			size_t len = utf8_len(p + i, n - i, &cp);
			if (len == 0 || unsafe_cp(cp)) {
				put_hex(o, c);
			} else {
				put_unit(o, s + i, len);
				i += len;
				continue;
			}
		}
		i++;
	}
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Postfix's words for the commands ("in reply to %s command"). */
static const char cmd_words[][12] = {
	"",            /* UNKNOWN: no suffix */
	"",            /* GREETING: see below */
	"EHLO", "HELO", "MAIL FROM", "RCPT TO", "DATA", "end of DATA",
	"BDAT", "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT", "AUTH",
	"STARTTLS", "ETRN", "ATRN",
};

size_t smtpreply_format(char *out, size_t size, const struct smtpreply *reply,
                        const char *host, enum smtpreply_command cmd,
                        unsigned fmt_flags)
{
	struct out o = {out, out ? size : 0, 0, 0, 0};

	if (reply != NULL) {
		if (host != NULL && host[0] != '\0') {
			put_str(&o, "host ");
			put_text(&o, host, strlen(host), fmt_flags);
			put_str(&o, " said: ");
		}
		int code = reply->code;
		if (code < 0)
			code = 0;
		if (code < 100) /* a zeroed struct: still three digits */
			put(&o, code < 10 ? "00" : "0", code < 10 ? 2 : 1);
		put_uint(&o, (unsigned)code);
		const struct smtpreply_enhanced *e = &reply->enhanced;
		if (e->klass > 0 && e->subject >= 0 && e->detail >= 0) {
			put(&o, " ", 1);
			put_uint(&o, (unsigned)e->klass);
			put(&o, ".", 1);
			put_uint(&o, (unsigned)e->subject);
			put(&o, ".", 1);
			put_uint(&o, (unsigned)e->detail);
		}
		/* smtpreply_next_line's walk, without a call through the PLT. */
		struct smtpreply_str t;
		size_t pos = 0;
		for (size_t line = 0;
		     line < reply->nlines && sr_line_text(reply, &pos, &t);
		     line++) {
			while (t.len > 0 && is_blank(t.ptr[0]))
				t.ptr++, t.len--;
			while (t.len > 0 && is_blank(t.ptr[t.len - 1]))
				t.len--;
			if (t.len == 0)
				continue;
			put(&o, " ", 1);
			put_text(&o, t.ptr, t.len, fmt_flags);
		}
		unsigned c = (unsigned)cmd;
		if (c == SMTPREPLY_CMD_GREETING) {
			put_str(&o, " (in reply to initial greeting)");
		} else if (c < sizeof cmd_words / sizeof cmd_words[0] &&
		           cmd_words[c][0] != '\0') {
			put_str(&o, " (in reply to ");
			put_str(&o, cmd_words[c]);
			put_str(&o, " command)");
		}
	}
	if (out != NULL && o.size > 0)
		out[o.written] = '\0';
	return o.need;
}

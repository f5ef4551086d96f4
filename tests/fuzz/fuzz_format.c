/* fuzz_format.c - libFuzzer: the log formatter's output is escaped,
 * bounded and NUL-terminated, whatever the reply and the host.
 *
 * Input: byte 0 the parse options, byte 1 the command (a signed char, so
 * values outside the enum come too), byte 2 the host: 0 for none, else
 * 1 + its length, the host's bytes following (a NUL in them ends it); the
 * rest is parsed as replies.
 *
 * For each reply, both flag values (0 and SMTPREPLY_FMT_ASCII):
 *   - the whole line equals what an independent escaper makes of the
 *     documented layout ([host HOST said: ]CODE[ C.S.D][ text...][ (in
 *     reply to X command)]), for every command; it holds no byte below
 *     0x20 nor 0x7F, is valid UTF-8 without C1, line-separator or bidi
 *     controls (pure ASCII with SMTPREPLY_FMT_ASCII), every backslash
 *     starts an escape, and unescaping it gives the raw line back;
 *   - every buffer size from 0 to needed+2 (a sample for long lines), in
 *     a heap buffer of exactly that size (ASan sees any byte past it):
 *     the same return value, NUL-terminated, a prefix of the whole line
 *     cut at the last escape or character boundary that fits; nothing
 *     written when size is 0. */
#include "fuzz_common.h"

#define PREFIX 3
#define NCMD 19
#define FULL_SWEEP 160  /* lines up to this long: every size */
#define EDGE 16          /* sizes at each end of longer ones */
#define UNIT_SAMPLES 16  /* sizes around this many escapes and characters */
#define SAMPLES 24       /* and this many anywhere */
#define LONG_REPLY 1024  /* longer replies get a sample of sizes only */

/* ---------------------------------------------------------------------
 * A growing byte string.
 * --------------------------------------------------------------------- */
struct sb {
	char *p;
	size_t len, cap;
};

static void sb_put(struct sb *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 256);
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		FUZZ_ASSERT(b->p != NULL);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

/* ---------------------------------------------------------------------
 * The reference escaper, written from the documentation.
 * --------------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at p (Unicode table 3-7), or
 * 0; its code point in *cp. */
static size_t utf8_seq(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF, v;
	size_t len;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	v = (v << 6) | (p[1] & 0x3Fu);
	for (size_t i = 2; i < len; i++) {
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	*cp = v;
	return len;
}

/* C1 controls, line and paragraph separators, bidirectional controls. */
static int unsafe_cp(unsigned v)
{
	return (v >= 0x80 && v <= 0x9F) || v == 0x061C || v == 0x200E || v == 0x200F ||
	       v == 0x2028 || v == 0x2029 || (v >= 0x202A && v <= 0x202E) ||
	       (v >= 0x2066 && v <= 0x2069);
}

static void ref_hex(struct sb *b, unsigned char c)
{
	char e[5];
	snprintf(e, sizeof e, "\\x%02X", c);
	sb_put(b, e, 4);
}

static void ref_escape(struct sb *b, const char *s, size_t n, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		unsigned cp = 0;
		size_t len;
		if (c == '\\')
			sb_put(b, "\\\\", 2);
		else if (c == '\r')
			sb_put(b, "\\r", 2);
		else if (c == '\n')
			sb_put(b, "\\n", 2);
		else if (c == '\t')
			sb_put(b, "\\t", 2);
		else if (c < 0x20 || c == 0x7F)
			ref_hex(b, c);
		else if (c < 0x80)
			sb_put(b, &c, 1);
		else if (flags & SMTPREPLY_FMT_ASCII)
			ref_hex(b, c);
		else if ((len = utf8_seq(p + i, n - i, &cp)) == 0)
			ref_hex(b, c);
		else {
			if (unsafe_cp(cp))
				for (size_t k = 0; k < len; k++)
					ref_hex(b, p[i + k]);
			else
				sb_put(b, p + i, len);
			i += len;
			continue;
		}
		i++;
	}
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The line, raw (escape = 0: the bytes the escapes stand for) or escaped
 * as the library must escape it. */
static void ref_line(struct sb *b, const struct smtpreply *r, const char *host,
                     int cmd, unsigned flags, int escape)
{
	char num[64];
	b->len = 0;
	sb_put(b, "", 0);
	if (host != NULL && host[0] != '\0') {
		sb_str(b, "host ");
		if (escape)
			ref_escape(b, host, strlen(host), flags);
		else
			sb_str(b, host);
		sb_str(b, " said: ");
	}
	snprintf(num, sizeof num, "%03d", r->code);
	sb_str(b, num);
	if (r->enhanced.klass != 0) {
		snprintf(num, sizeof num, " %d.%d.%d", r->enhanced.klass, r->enhanced.subject,
		         r->enhanced.detail);
		sb_str(b, num);
	}
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	while (smtpreply_next_line(r, &it, &t)) {
		while (t.len > 0 && blank(t.ptr[0]))
			t.ptr++, t.len--;
		while (t.len > 0 && blank(t.ptr[t.len - 1]))
			t.len--;
		if (t.len == 0)
			continue;
		sb_str(b, " ");
		if (escape)
			ref_escape(b, t.ptr, t.len, flags);
		else
			sb_put(b, t.ptr, t.len);
	}
	if (cmd == SMTPREPLY_CMD_GREETING) {
		sb_str(b, " (in reply to initial greeting)");
	} else if (cmd > 0 && cmd < NCMD) {
		const char *w = smtpreply_command_name((enum smtpreply_command)cmd);
		if (cmd == SMTPREPLY_CMD_MAIL)
			w = "MAIL FROM";
		else if (cmd == SMTPREPLY_CMD_RCPT)
			w = "RCPT TO";
		else if (cmd == SMTPREPLY_CMD_DOT)
			w = "end of DATA";
		sb_str(b, " (in reply to ");
		sb_str(b, w);
		sb_str(b, " command)");
	}
}

/* ---------------------------------------------------------------------
 * Properties of the whole line.
 * --------------------------------------------------------------------- */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unit ends of the output: after each plain byte, escape, or UTF-8
 * character. unit[i] is set when a cut after i bytes is allowed. */
static void check_full(const char *out, size_t n, unsigned flags, const struct sb *raw,
                       unsigned char *unit, struct sb *dec)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t i = 0;

	FUZZ_ASSERT(strlen(out) == n);
	dec->len = 0;
	sb_put(dec, "", 0);
	memset(unit, 0, n + 1);
	unit[0] = 1;
	while (i < n) {
		unsigned c = p[i], cp;
		size_t len;
		FUZZ_ASSERT(c >= 0x20 && c != 0x7F);
		if (c == '\\') {
			FUZZ_ASSERT(i + 1 < n);
			char e = out[i + 1];
			if (e == 'x') {
				FUZZ_ASSERT(i + 3 < n);
				int h1 = hexval(p[i + 2]), h2 = hexval(p[i + 3]);
				FUZZ_ASSERT(h1 >= 0 && h2 >= 0);
				unsigned char v = (unsigned char)(h1 * 16 + h2);
				sb_put(dec, &v, 1);
				len = 4;
			} else {
				FUZZ_ASSERT(e == '\\' || e == 'r' || e == 'n' || e == 't');
				char v = e == '\\' ? '\\' : e == 'r' ? '\r' : e == 'n' ? '\n' : '\t';
				sb_put(dec, &v, 1);
				len = 2;
			}
		} else if (c < 0x80) {
			sb_put(dec, p + i, 1);
			len = 1;
		} else {
			FUZZ_ASSERT(!(flags & SMTPREPLY_FMT_ASCII));
			len = utf8_seq(p + i, n - i, &cp);
			FUZZ_ASSERT(len > 0);
			FUZZ_ASSERT(!unsafe_cp(cp));
			sb_put(dec, p + i, len);
		}
		i += len;
		unit[i] = 1;
	}
	/* Every escape reads back one way: the raw line. */
	FUZZ_ASSERT(dec->len == raw->len && memcmp(dec->p, raw->p, raw->len) == 0);
}

/* Equal, except for the case of the digits of \xHH. */
static int same_output(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (a[i] != b[i])
			return 0;
		if (a[i] == '\\' && i + 3 < n && a[i + 1] == 'x') {
			if (b[i + 1] != 'x' || hexval((unsigned char)a[i + 2]) !=
			                           hexval((unsigned char)b[i + 2]) ||
			    hexval((unsigned char)a[i + 3]) != hexval((unsigned char)b[i + 3]))
				return 0;
			i += 4;
		} else if (a[i] == '\\' && i + 1 < n) {
			if (a[i + 1] != b[i + 1])
				return 0;
			i += 2;
		} else {
			i++;
		}
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * One reply.
 * --------------------------------------------------------------------- */
static struct sb want_raw, want_esc, decoded;

static void sweep(const struct smtpreply *r, const char *host, int cmd, unsigned flags,
                  const char *full, size_t need, const unsigned char *unit, uint32_t seed,
                  int thorough)
{
	size_t sizes[FULL_SWEEP + 2 * EDGE + 6 * UNIT_SAMPLES + SAMPLES];
	size_t ns = 0, s, k;

	if (thorough && need + 3 <= FULL_SWEEP) {
		for (s = 0; s <= need + 2; s++)
			sizes[ns++] = s;
	} else {
		/* The ends, and cuts around escapes and characters (the
		 * sizes that leave them out, then take them whole). */
		size_t edge = thorough ? EDGE : 3;
		size_t units = thorough ? UNIT_SAMPLES : 4, samples = thorough ? SAMPLES : 4;
		for (s = 0; s < edge && s <= need + 2; s++)
			sizes[ns++] = s;
		for (s = need + 3 > edge ? need + 3 - edge : 0; s <= need + 2; s++)
			if (s >= edge)
				sizes[ns++] = s;
		for (k = 0; k < units; k++) {
			seed = seed * 1103515245u + 12345u;
			/* The unit around a random byte: [start, end). */
			size_t start = (seed >> 8) % (need + 1), end;
			while (start > 0 && !unit[start])
				start--;
			for (end = start + 1; end <= need && !unit[end]; end++)
				;
			if (end > need || end - start < 2)
				continue;
			/* size - 1 from start - 1 to end. */
			for (s = start; s <= end + 1; s++)
				sizes[ns++] = s;
		}
		for (k = 0; k < samples; k++) {
			seed = seed * 1103515245u + 12345u;
			sizes[ns++] = (seed >> 8) % (need + 3);
		}
	}
	for (k = 0; k < ns; k++) {
		size_t size = sizes[k];
		char *buf = malloc(size ? size : 1);
		FUZZ_ASSERT(buf != NULL);
		memset(buf, 0xAA, size ? size : 1);
		size_t ret = smtpreply_format(buf, size, r, host, (enum smtpreply_command)cmd, flags);
		FUZZ_ASSERT(ret == need);
		if (size == 0) {
			FUZZ_ASSERT((unsigned char)buf[0] == 0xAA);
			free(buf);
			continue;
		}
		size_t len = strnlen(buf, size);
		FUZZ_ASSERT(len < size);
		FUZZ_ASSERT(memcmp(buf, full, len) == 0);
		if (need < size) {
			FUZZ_ASSERT(len == need);
		} else {
			/* Cut at the last unit end that fits in size - 1. */
			FUZZ_ASSERT(unit[len]);
			for (size_t b = len + 1; b <= size - 1; b++)
				FUZZ_ASSERT(!unit[b]);
			FUZZ_ASSERT(size - 1 - len <= 3);
		}
		free(buf);
	}
}

/* thorough: every command, every size (first replies of the input, when
 * not long); else the input's command and a sample of sizes. */
static void check_reply(const struct smtpreply *r, const char *host, int cmd, uint32_t seed,
                        int thorough)
{
	static const unsigned flag_values[2] = {0, SMTPREPLY_FMT_ASCII};

	if (r->raw.len > LONG_REPLY)
		thorough = 0;

	for (int fi = 0; fi < 2; fi++) {
		unsigned flags = flag_values[fi];
		for (int c = thorough ? -1 : NCMD; c <= NCMD; c++) {
			int this_cmd = c == NCMD ? cmd : c;
			size_t need = smtpreply_format(NULL, 0, r, host,
			                               (enum smtpreply_command)this_cmd, flags);
			char *full = malloc(need + 1);
			unsigned char *unit = malloc(need + 1);
			FUZZ_ASSERT(full != NULL && unit != NULL);
			FUZZ_ASSERT(smtpreply_format(full, need + 1, r, host,
			                             (enum smtpreply_command)this_cmd, flags) == need);
			ref_line(&want_raw, r, host, this_cmd, flags, 0);
			ref_line(&want_esc, r, host, this_cmd, flags, 1);
			check_full(full, need, flags, &want_raw, unit, &decoded);
			FUZZ_ASSERT(want_esc.len == need && same_output(full, want_esc.p, need));
			if (c == NCMD)
				sweep(r, host, this_cmd, flags, full, need, unit, seed, thorough);
			free(full);
			free(unit);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpreply_options o;
	char *host = NULL;
	size_t off, nreply = 0;

	if (size < PREFIX)
		return 0;
	/* A NULL reply: nothing, NUL-terminated. */
	{
		char b[4] = "xyz";
		FUZZ_ASSERT(smtpreply_format(b, sizeof b, NULL, "h", SMTPREPLY_CMD_RCPT, 0) == 0);
		FUZZ_ASSERT(b[0] == '\0');
		FUZZ_ASSERT(smtpreply_format(NULL, 0, NULL, NULL, SMTPREPLY_CMD_RCPT, 0) == 0);
	}
	fuzz_options(&o, data[0]);
	int cmd = (signed char)data[1];
	size_t hl = data[2];
	data += PREFIX;
	size -= PREFIX;
	if (hl > 0) {
		hl--;
		if (hl > size)
			hl = size;
		host = malloc(hl + 1);
		FUZZ_ASSERT(host != NULL);
		memcpy(host, data, hl);
		host[hl] = '\0';
		data += hl;
		size -= hl;
	}
	struct smtpreply r;
	off = 0;
	while (fuzz_next_reply(data, size, &off, &o, &r)) {
		check_reply(&r, host, cmd, (uint32_t)(off * 2654435761u), nreply < 2);
		nreply++;
	}
	free(host);
	return 0;
}

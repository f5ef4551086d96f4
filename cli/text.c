/* text.c - UTF-8, display width, wrapping with kinsoku and no-break rules. */
#include "text.h"

#include <string.h>

size_t text_utf8(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t need;
	unsigned v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1Fu;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0Fu;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07u;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < need + 1 || p[1] < lo || p[1] > hi)
		return 0;
	v = (v << 6) | (p[1] & 0x3Fu);
	for (size_t i = 2; i <= need; i++) {
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	*cp = v;
	return need + 1;
}

static int is_wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	       (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Combining marks and zero-width characters take no column. */
static int is_zero_width(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
	       (cp >= 0x0591 && cp <= 0x05BD) || (cp >= 0x0610 && cp <= 0x061A) ||
	       (cp >= 0x064B && cp <= 0x065F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0x302A && cp <= 0x302F) ||
	       cp == 0x3099 || cp == 0x309A || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xFEFF || cp == 0x2060 ||
	       (cp >= 0x1160 && cp <= 0x11FF);
}

int text_cp_width(unsigned cp)
{
	if (is_zero_width(cp))
		return 0;
	return is_wide(cp) ? 2 : 1;
}

int text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8(p + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = '?';
		}
		w += text_cp_width(cp);
		i += k;
	}
	return w;
}

int text_width_str(const char *s)
{
	return text_width(s, strlen(s));
}

/* Length of the CSI sequence at p (0 when there is none). */
static size_t csi_len(const char *p, size_t n)
{
	if (n < 2 || p[0] != '\x1b' || p[1] != '[')
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((unsigned char)p[i] >= 0x40 && (unsigned char)p[i] <= 0x7E)
			return i + 1;
	return 0;
}

/* Display width of one character at p, and its length in *len. */
static int char_width(const char *p, size_t n, size_t *len)
{
	unsigned cp;
	size_t k = text_utf8((const unsigned char *)p, n, &cp);
	if (k == 0) {
		*len = 1;
		return 1;
	}
	*len = k;
	return text_cp_width(cp);
}

int text_cut(FILE *f, const char *s, size_t n, int width)
{
	size_t i, k;
	int w = 0, styled = 0;

	for (i = 0; i < n; i += k) {
		if ((k = csi_len(s + i, n - i)) == 0)
			w += char_width(s + i, n - i, &k);
	}
	if (width <= 0 || w <= width) {
		fwrite(s, 1, n, f);
		return 0;
	}
	/* Keep width - 1 columns, then the ellipsis. */
	w = 0;
	for (i = 0; i < n; i += k) {
		if ((k = csi_len(s + i, n - i)) != 0) {
			styled = 1;
			fwrite(s + i, 1, k, f);
			continue;
		}
		int cw = char_width(s + i, n - i, &k);
		if (w + cw > width - 1)
			break;
		fwrite(s + i, 1, k, f);
		w += cw;
	}
	/* A wide character that did not fit leaves one column free. */
	for (; w < width - 1; w++)
		fputc(' ', f);
	fputs("\xE2\x80\xA6", f);
	if (styled)
		fputs("\x1b[0m", f);
	return 1;
}

void text_pad(FILE *f, const char *s, int w)
{
	int pad = w - text_width_str(s);
	fputs(s, f);
	if (pad > 0)
		fprintf(f, "%*s", pad, "");
}

static int is_hangul(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* Line-breaking rules of Japanese (kinsoku), the common part: no line
 * starts with closing punctuation, a prolonged sound mark or a small kana,
 * and none ends with an opening bracket. */
static int no_break_after(unsigned cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3008 ||
	       cp == 0x300A || cp == 0x3010 || cp == 0xFF3B || cp == 0xFF5B;
}

static int no_break_before(const unsigned char *p, size_t n)
{
	static const unsigned list[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09, 0x300D, 0x300F, 0x3009,
		0x300B, 0x3011, 0xFF3D, 0xFF5D, 0x30FC, 0x30FB, 0xFF01, 0xFF1F,
		0xFF1A, 0xFF1B, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE,
	};
	unsigned cp;

	if (text_utf8(p, n, &cp) == 0)
		return 0;
	if (cp == 0x3063 || cp == 0x30C3 || cp == 0x30F5 || cp == 0x30F6)
		return 1; /* small tsu, small ka/ke */
	if ((cp >= 0x3041 && cp <= 0x3049 && cp % 2 == 1) ||
	    (cp >= 0x30A1 && cp <= 0x30A9 && cp % 2 == 1) ||
	    cp == 0x3083 || cp == 0x3085 || cp == 0x3087 || cp == 0x308E ||
	    cp == 0x30E3 || cp == 0x30E5 || cp == 0x30E7 || cp == 0x30EE)
		return 1; /* small a i u e o, ya yu yo, wa */
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (cp == list[i])
			return 1;
	return 0;
}

void text_wrap(FILE *f, const char *text, int indent, int width)
{
	fprintf(f, "%*s", indent, "");
	text_wrap_at(f, text, indent, indent, width);
}

void text_wrap_at(FILE *f, const char *text, int col, int indent, int width)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = strlen(text), i = 0;
	int avail = width - col;

	if (width <= 0 || width - indent < 20 || avail < 10) {
		fputs(text, f);
		fputc('\n', f);
		return;
	}
	while (i < n) {
		/* Take as much as fits on this line. */
		size_t j = i, brk = 0;
		int w = 0;
		while (j < n) {
			unsigned cp;
			size_t k = text_utf8(p + j, n - j, &cp);
			if (k == 0) {
				k = 1;
				cp = '?';
			}
			int cw = text_cp_width(cp);
			if (cp == ' ') {
				/* A safety net for French text that put a plain
				 * space before ; : ! ? and » (U+00A0 and U+202F
				 * never break: they are not ' '). */
				if (!(j + 1 < n && strchr(";:!?", p[j + 1]) &&
				      p[j + 1] != '\0') &&
				    !(j + 2 < n && p[j + 1] == 0xC2 && p[j + 2] == 0xBB))
					brk = j;
			} else if (w + cw > avail) {
				break;
			}
			w += cw;
			j += k;
			if (is_wide(cp) && !is_hangul(cp) && j < n &&
			    !no_break_after(cp) && !no_break_before(p + j, n - j))
				brk = j; /* Japanese and Chinese break anywhere
				          * (but not before 。 or ー); Korean, like
				          * English, at spaces */
		}
		size_t end = j;
		if (j < n) {
			end = brk > i ? brk : j;
			if (end == i)
				end = j > i ? j : i + 1;
		}
		if (i > 0)
			fprintf(f, "%*s", indent, "");
		size_t e = end;
		while (e > i && p[e - 1] == ' ')
			e--;
		fwrite(p + i, 1, e - i, f);
		fputc('\n', f);
		i = end;
		while (i < n && p[i] == ' ')
			i++;
		avail = width - indent;
	}
}

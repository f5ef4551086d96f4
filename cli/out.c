/* out.c - standard output, colour, text for terminals, progress. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

FILE *out;
static char out_buf[1 << 16];
static int color_on;

void out_init(void)
{
	out = stdout;
	setvbuf(out, out_buf, _IOFBF, sizeof out_buf);
}

int out_finish(void)
{
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
		return RC_USAGE;
	}
	return 0;
}

int out_is_tty(void)
{
	return isatty(STDOUT_FILENO);
}

int err_is_tty(void)
{
	return isatty(STDERR_FILENO);
}

int out_columns(void)
{
#ifdef TIOCGWINSZ
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
#endif
	const char *c = getenv("COLUMNS");
	long cols = c ? strtol(c, NULL, 10) : 0;
	if (cols >= 20 && cols <= 1000)
		return (int)cols;
	return 80;
}

void style_enable(int on)
{
	color_on = on;
}

const char *sty(enum style s)
{
	static const char *const codes[] = {
		[ST_RESET] = "\033[0m",   [ST_BOLD] = "\033[1m",
		[ST_DIM] = "\033[2m",     [ST_RED] = "\033[31m",
		[ST_GREEN] = "\033[32m",  [ST_YELLOW] = "\033[33m",
		[ST_CYAN] = "\033[36m",   [ST_BLUE] = "\033[34m",
		[ST_MAGENTA] = "\033[35m",
	};
	return color_on ? codes[s] : "";
}

const char *class_style(int klass)
{
	switch (klass) {
	case 2: return sty(ST_GREEN);
	case 3: return sty(ST_CYAN);
	case 4: return sty(ST_YELLOW);
	case 5: return sty(ST_RED);
	default: return sty(ST_MAGENTA);
	}
}

/* Length of a valid UTF-8 sequence at p (n bytes left) and its code point;
 * 0 if the bytes are not valid UTF-8. */
static size_t utf8_decode(const unsigned char *p, size_t n, unsigned *cp)
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

size_t cli_utf8_decode(const unsigned char *p, size_t n, unsigned *cp)
{
	return utf8_decode(p, n, cp);
}

void put_safe(FILE *f, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned cp;
		size_t k;

		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
			continue;
		}
		k = utf8_decode(p + i, n - i, &cp);
		if (k > 1 && !(cp >= 0x80 && cp < 0xA0)) {
			i += k;
			continue;
		}
		fwrite(p + run, 1, i - run, f);
		if (k > 1) { /* a C1 control, a terminal escape */
			fprintf(f, "\\u%04X", cp);
			i += k;
		} else {
			switch (p[i]) {
			case '\t': fputs("\\t", f); break;
			case '\r': fputs("\\r", f); break;
			case '\n': fputs("\\n", f); break;
			default: fprintf(f, "\\x%02X", p[i]); break;
			}
			i++;
		}
		run = i;
	}
	fwrite(p + run, 1, n - run, f);
}

static int is_wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
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

	if (utf8_decode(p, n, &cp) == 0)
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

int text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = '?';
		}
		w += is_wide(cp) ? 2 : 1;
		i += k;
	}
	return w;
}

/* Word wrapping that also breaks between wide (CJK) characters, which are
 * written without spaces in Japanese. */
void put_wrapped(FILE *f, const char *text, int indent, int width)
{
	fprintf(f, "%*s", indent, "");
	put_wrapped_at(f, text, indent, indent, width);
}

void put_wrapped_at(FILE *f, const char *text, int col, int indent, int width)
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
			size_t k = utf8_decode(p + j, n - j, &cp);
			if (k == 0) {
				k = 1;
				cp = '?';
			}
			int cw = is_wide(cp) ? 2 : 1;
			if (cp == ' ') {
				/* French puts a space before ; : ! ? and » */
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

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, int enabled)
{
	memset(p, 0, sizeof *p);
	p->on = enabled;
	if (enabled)
		p->start = p->last = now_seconds();
}

static void human_bytes(char *buf, size_t size, double b)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;
	while (b >= 1024 && u < 4) {
		b /= 1024;
		u++;
	}
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", b, unit[u]);
}

void progress_update(struct progress *p, unsigned long long bytes,
                     unsigned long long replies, unsigned long long errors)
{
	if (!p->on)
		return;
	double t = now_seconds();
	/* Only for inputs that take a while, and at most 5 times a second. */
	if (t - p->start < 0.5 || t - p->last < 0.2)
		return;
	p->last = t;
	p->shown = 1;
	char b[32], r[32];
	human_bytes(b, sizeof b, (double)bytes);
	human_bytes(r, sizeof r, (double)bytes / (t - p->start));
	fprintf(stderr, "\r\033[K%s: %s, %llu replies, %llu not replies, %s/s",
	        prog, b, replies, errors, r);
	fflush(stderr);
}

void progress_done(struct progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

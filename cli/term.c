/* term.c - terminal facts, colour, progress. */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

int term_is_tty(int fd)
{
	return isatty(fd);
}

int term_columns(int fd)
{
#ifdef TIOCGWINSZ
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
#endif
	const char *c = getenv("COLUMNS");
	long cols = c ? strtol(c, NULL, 10) : 0;
	if (cols >= 20 && cols <= 1000)
		return (int)cols;
	return 80;
}

int term_color(int flag, int fd, int json)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (json || (no_color && *no_color))
		return 0;
	if (flag >= 0)
		return flag;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}

const char *term_style(int on, enum style s)
{
	static const char *const codes[] = {
		[ST_RESET] = "\033[0m",  [ST_HEADING] = "\033[1m",
		[ST_DIM] = "\033[2m",    [ST_ERROR] = "\033[31m",
		[ST_BAR] = "\033[36m",   [ST_CLASS1] = "\033[35m",
		[ST_CLASS2] = "\033[32m", [ST_CLASS3] = "\033[36m",
		[ST_CLASS4] = "\033[33m", [ST_CLASS5] = "\033[31m",
		[ST_CLASS_OTHER] = "\033[35m",
	};
	return on && (unsigned)s < sizeof codes / sizeof codes[0] ? codes[s] : "";
}

enum style term_class(int klass)
{
	switch (klass) {
	case 1: return ST_CLASS1;
	case 2: return ST_CLASS2;
	case 3: return ST_CLASS3;
	case 4: return ST_CLASS4;
	case 5: return ST_CLASS5;
	default: return ST_CLASS_OTHER;
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

int progress_due(struct progress *p)
{
	if (!p->on)
		return 0;
	double t = now_seconds();
	if (t - p->start < 0.5 || t - p->last < 0.2)
		return 0;
	p->last = t;
	return 1;
}

double progress_elapsed(const struct progress *p)
{
	return p->last - p->start;
}

void progress_show(struct progress *p, const char *line)
{
	p->shown = 1;
	fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
}

void progress_done(struct progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

void term_human_bytes(char *buf, size_t size, double b)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;
	while (b >= 1024 && u < 4) {
		b /= 1024;
		u++;
	}
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", b, unit[u]);
}

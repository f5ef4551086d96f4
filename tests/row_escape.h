/* row_escape.h - the escapes of one-line test rows (the reply column of
 * the classification TSV files, the input lines test_fastpath reads):
 * \r \n \t \0 \s \xHH; any other escaped byte stands for itself. Lenient
 * on purpose, unlike escape.h's, since the rows are quoted text from
 * the world that may hold a stray backslash. out needs n bytes. */
#ifndef SMTPREPLY_TEST_ROW_ESCAPE_H
#define SMTPREPLY_TEST_ROW_ESCAPE_H

#include <stddef.h>
#include <stdlib.h>

static size_t unescape_row(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			out[o++] = s[i];
			continue;
		}
		char c = s[++i];
		switch (c) {
		case 'r': out[o++] = '\r'; break;
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case '0': out[o++] = '\0'; break;
		case 's': out[o++] = ' '; break;
		case 'x':
			if (i + 2 < n) {
				char h[3] = {s[i + 1], s[i + 2], 0};
				out[o++] = (char)strtol(h, NULL, 16);
				i += 2;
				break;
			}
			out[o++] = c;
			break;
		default: out[o++] = c; break;
		}
	}
	return o;
}

#endif

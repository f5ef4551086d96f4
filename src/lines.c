/* lines.c - the text views of a parsed reply's lines.
 *
 * The parser stores no per-line table (it would cap the line count or
 * allocate), so lines are found again from reply->raw on demand: each step
 * costs the length of its line. */
#include "internal.h"

#include <string.h>

int sr_line_text(const struct smtpreply *reply, size_t *pos,
                 struct smtpreply_str *text)
{
	return sr_line_text_inline(reply, pos, text);
}

int smtpreply_next_line(const struct smtpreply *reply, struct smtpreply_iter *it,
                        struct smtpreply_str *text)
{
	struct smtpreply_str dummy;

	if (reply == NULL || it == NULL)
		return 0;
	if (text == NULL)
		text = &dummy;
	if (it->index_ >= reply->nlines ||
	    !sr_line_text(reply, &it->pos_, text)) {
		text->ptr = NULL;
		text->len = 0;
		return 0;
	}
	it->index_++;
	return 1;
}

struct smtpreply_str smtpreply_line(const struct smtpreply *reply, size_t i)
{
	struct smtpreply_str text = {NULL, 0};
	struct smtpreply_iter it = {0, 0};

	if (reply == NULL || i >= reply->nlines)
		return text;
	if (i == 0)
		return reply->first_line;
	if (i == reply->nlines - 1)
		return reply->last_line;
	for (size_t k = 0; k <= i; k++)
		if (!smtpreply_next_line(reply, &it, &text))
			break;
	return text;
}

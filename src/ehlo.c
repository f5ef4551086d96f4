/* ehlo.c - EHLO capabilities (RFC 5321 §4.1.1.1) and queue ids.
 *
 * Views only: every keyword, parameter string and queue id points into the
 * reply's buffer. */
#include "internal.h"

#include <limits.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_alnum(char c)
{
	return sr_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Case-insensitive (ASCII) equality of a view and a C string. */
static int eq_word(const char *p, size_t n, const char *w)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (w[i] == '\0' || sr_lower((unsigned char)p[i]) !=
		                        sr_lower((unsigned char)w[i]))
			return 0;
	return w[i] == '\0';
}

static void trim(struct smtpreply_str *s)
{
	while (s->len > 0 && is_blank(s->ptr[0]))
		s->ptr++, s->len--;
	while (s->len > 0 && is_blank(s->ptr[s->len - 1]))
		s->len--;
}

/* ---------------------------------------------------------------------
 * EHLO.
 *
 * Each line after the first is one extension: the keyword is its first
 * word, the parameters the rest with the blanks at both ends trimmed. The
 * keyword ends at a blank or at '=' (the keyword grammar has no '='): the
 * pre-RFC 2554 form "AUTH=LOGIN PLAIN" gives keyword "AUTH" and parameters
 * "LOGIN PLAIN". Blank lines are skipped. Only a 250 reply has extensions.
 *
 * Iterator: line_ counts the lines consumed, reserved_[0] is the offset of
 * the next one in reply->raw.
 * --------------------------------------------------------------------- */
static int ehlo_next(const struct smtpreply *reply,
                     struct smtpreply_ehlo_iter *it,
                     struct smtpreply_str *keyword,
                     struct smtpreply_str *params)
{
	struct smtpreply_str t;
	size_t pos;

	if (reply == NULL || it == NULL || reply->code != 250 ||
	    reply->raw.ptr == NULL)
		return 0;
	pos = it->reserved_[0];
	if (it->line_ == 0) {
		pos = 0;
		if (!sr_line_text(reply, &pos, &t))
			return 0;
		it->line_ = 1;
	}
	while (it->line_ < reply->nlines && sr_line_text(reply, &pos, &t)) {
		it->line_++;
		it->reserved_[0] = pos;
		trim(&t);
		size_t k = 0;
		while (k < t.len && !is_blank(t.ptr[k]) && t.ptr[k] != '=')
			k++;
		if (k == 0)
			continue;
		struct smtpreply_str p = {t.ptr + k, t.len - k};
		if (p.len > 0 && p.ptr[0] == '=')
			p.ptr++, p.len--;
		trim(&p);
		if (keyword) {
			keyword->ptr = t.ptr;
			keyword->len = k;
		}
		if (params)
			*params = p;
		return 1;
	}
	it->line_ = reply->nlines;
	it->reserved_[0] = pos;
	return 0;
}

int smtpreply_ehlo_next(const struct smtpreply *reply,
                        struct smtpreply_ehlo_iter *it,
                        struct smtpreply_str *keyword,
                        struct smtpreply_str *params)
{
	int r = ehlo_next(reply, it, keyword, params);
	if (!r) {
		if (keyword)
			keyword->ptr = NULL, keyword->len = 0;
		if (params)
			params->ptr = NULL, params->len = 0;
	}
	return r;
}

static int ehlo_find(const struct smtpreply *reply, const char *keyword,
                     struct smtpreply_str *params)
{
	struct smtpreply_ehlo_iter it = {0, {0, 0, 0}};
	struct smtpreply_str k, p;

	if (keyword == NULL)
		return 0;
	while (ehlo_next(reply, &it, &k, &p)) {
		if (eq_word(k.ptr, k.len, keyword)) {
			if (params)
				*params = p;
			return 1;
		}
	}
	return 0;
}

int smtpreply_ehlo_find(const struct smtpreply *reply, const char *keyword,
                        struct smtpreply_str *params)
{
	int r = ehlo_find(reply, keyword, params);
	if (!r && params)
		params->ptr = NULL, params->len = 0;
	return r;
}

/* RFC 1870: "SIZE" alone or "SIZE 0" states no limit; a first parameter
 * that is not all digits is read as no limit too. Values past LLONG_MAX
 * saturate. */
long long smtpreply_ehlo_size(const struct smtpreply *reply)
{
	struct smtpreply_str p;
	long long v = 0;
	size_t i;

	if (!ehlo_find(reply, "SIZE", &p))
		return -1;
	for (i = 0; i < p.len && !is_blank(p.ptr[i]); i++) {
		if (!sr_is_digit(p.ptr[i]))
			return 0;
		int d = p.ptr[i] - '0';
		if (v > (LLONG_MAX - d) / 10)
			v = LLONG_MAX;
		else
			v = v * 10 + d;
	}
	return v;
}

/* Every AUTH line counts ("AUTH PLAIN" and "AUTH=LOGIN" both). */
int smtpreply_ehlo_has_auth(const struct smtpreply *reply,
                            const char *mechanism)
{
	struct smtpreply_ehlo_iter it = {0, {0, 0, 0}};
	struct smtpreply_str k, p;

	if (mechanism == NULL || mechanism[0] == '\0')
		return 0;
	while (ehlo_next(reply, &it, &k, &p)) {
		if (!eq_word(k.ptr, k.len, "AUTH"))
			continue;
		size_t i = 0;
		while (i < p.len) {
			while (i < p.len && is_blank(p.ptr[i]))
				i++;
			size_t s = i;
			while (i < p.len && !is_blank(p.ptr[i]))
				i++;
			if (i > s && eq_word(p.ptr + s, i - s, mechanism))
				return 1;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Queue ids, from a 2xx reply (to the end of DATA). Forms, tried in this
 * order on each line:
 *   Postfix    "2.0.0 Ok: queued as 4ABC123DEF"      -> 4ABC123DEF
 *   Exchange   "2.6.0 <mid@host> [InternalId=123, Hostname=...] ...
 *               Queued mail for delivery"              -> 123
 *   Exim       "OK id=1abc23-0001xY-AB"               -> 1abc23-0001xY-AB
 *   Gmail      "2.0.0 OK  1700000000 y10si12pjt.123 - gsmtp"
 *                                                      -> y10si12pjt.123
 *              (the id Gmail's Received header gives, "with ESMTPS id
 *              ..."; the number before it is a Unix time)
 *   Sendmail   "2.0.0 x1234abcd Message accepted for delivery" -> x1234abcd
 *   qmail      "ok 1700000000 qp 12345"               -> 12345 (qmail-send
 *              logs that "qp")
 *   Exchange   "... <mid@host> ... Queued mail for delivery" without an
 *              InternalId                              -> mid@host
 *   Amazon SES "Ok 0100018f...-000000"                -> the message id
 * --------------------------------------------------------------------- */

/* Offset of the first case-insensitive occurrence of lowercase pat in
 * [p, p+n), or n when there is none. Lines are short and the patterns few. */
static size_t find(const char *p, size_t n, const char *pat)
{
	size_t m = strlen(pat);
	if (m > n)
		return n;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;
		while (j < m && sr_lower((unsigned char)p[i + j]) == pat[j])
			j++;
		if (j == m)
			return i;
	}
	return n;
}

static int id_char(char c)
{
	return is_alnum(c) || c == '-' || c == '.' || c == '_';
}

/* The id starting at p[i]: [A-Za-z0-9._-]+, a trailing '.' dropped. */
static struct smtpreply_str id_at(const char *p, size_t n, size_t i)
{
	struct smtpreply_str s = {NULL, 0};
	size_t e = i;
	while (e < n && id_char(p[e]))
		e++;
	while (e > i && p[e - 1] == '.')
		e--;
	if (e > i) {
		s.ptr = p + i;
		s.len = e - i;
	}
	return s;
}

/* The word ending just before p[end] (one blank between), or {NULL, 0}. */
static struct smtpreply_str word_before(const char *p, size_t end)
{
	struct smtpreply_str s = {NULL, 0};
	size_t b;
	if (end == 0 || !is_blank(p[end - 1]))
		return s;
	end--;
	while (end > 0 && is_blank(p[end - 1]))
		end--;
	b = end;
	while (b > 0 && id_char(p[b - 1]))
		b--;
	if (b < end && (b == 0 || is_blank(p[b - 1]))) {
		s.ptr = p + b;
		s.len = end - b;
	}
	return s;
}

static struct smtpreply_str line_queue_id(const char *p, size_t n)
{
	struct smtpreply_str none = {NULL, 0}, s;
	size_t i;

	if ((i = find(p, n, "queued as ")) < n) {
		i += 10;
		while (i < n && is_blank(p[i]))
			i++;
		if ((s = id_at(p, n, i)).ptr)
			return s;
	}
	if ((i = find(p, n, "[internalid=")) < n) {
		size_t e = i += 12;
		while (e < n && sr_is_digit(p[e]))
			e++;
		if (e > i) {
			s.ptr = p + i;
			s.len = e - i;
			return s;
		}
	}
	for (i = 0; (i += find(p + i, n - i, "id=")) < n; i++) {
		if (i == 0 || is_blank(p[i - 1])) {
			if ((s = id_at(p, n, i + 3)).ptr)
				return s;
		}
	}
	if ((i = find(p, n, " - gsmtp")) < n) {
		if ((s = word_before(p, i + 1)).ptr)
			return s;
	}
	if ((i = find(p, n, "message accepted for delivery")) < n) {
		if ((s = word_before(p, i)).ptr)
			return s;
	}
	if ((i = find(p, n, " qp ")) < n) {
		size_t e = i += 4;
		while (e < n && sr_is_digit(p[e]))
			e++;
		if (e > i && (e == n || is_blank(p[e]))) {
			s.ptr = p + i;
			s.len = e - i;
			return s;
		}
	}
	if (find(p, n, "queued mail for delivery") < n &&
	    (i = find(p, n, "<")) < n) {
		size_t e = i + 1;
		while (e < n && p[e] != '>' && !is_blank(p[e]))
			e++;
		if (e < n && p[e] == '>' && e > i + 1) {
			s.ptr = p + i + 1;
			s.len = e - i - 1;
			return s;
		}
	}
	if (n > 3 && eq_word(p, 3, "ok ")) {
		/* Amazon SES: a long hex-and-dash message id. */
		size_t e = 3;
		while (e < n && ((p[e] >= '0' && p[e] <= '9') ||
		                 (p[e] >= 'a' && p[e] <= 'f') || p[e] == '-'))
			e++;
		if (e - 3 >= 32 && e == n) {
			s.ptr = p + 3;
			s.len = e - 3;
			return s;
		}
	}
	return none;
}

struct smtpreply_str smtpreply_queue_id(const struct smtpreply *reply)
{
	struct smtpreply_str none = {NULL, 0}, t, s;
	size_t pos = 0;

	if (reply == NULL || reply->raw.ptr == NULL || reply->code / 100 != 2)
		return none;
	for (size_t line = 0;
	     line < reply->nlines && sr_line_text(reply, &pos, &t); line++) {
		trim(&t);
		s = line_queue_id(t.ptr, t.len);
		if (s.ptr)
			return s;
	}
	return none;
}

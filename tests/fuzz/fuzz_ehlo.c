/* fuzz_ehlo.c - libFuzzer: the EHLO capability reader and queue ids on
 * any reply.
 *
 * Input: byte 0 the parse options, byte 1 the length of a probe word
 * that follows (a keyword for smtpreply_ehlo_find and a mechanism for
 * smtpreply_ehlo_has_auth; a NUL ends it early); the rest is parsed as
 * replies.
 *
 * The extensions smtpreply_ehlo_next gives must be exactly what the
 * documentation describes, computed here from the reply's lines
 * (smtpreply_next_line): one per line after the first, keyword the first
 * word (ended by a blank or '='), parameters the rest trimmed, one '='
 * right after the keyword dropped, blank lines skipped, only for a 250
 * reply. Every view lies inside the reply's bytes and inside one line; the
 * iteration ends (within nlines calls) and stays ended; a copied iterator
 * goes on the same way. _find, _size and _has_auth must agree with that
 * list; queue ids are views of id characters of a 2xx reply. */
#include "fuzz_common.h"

#include <limits.h>

#define PREFIX 2
#define FIND_ALL 16

struct ext {
	struct smtpreply_str kw, params;
};

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static void trim(struct smtpreply_str *s)
{
	while (s->len > 0 && blank(s->ptr[0]))
		s->ptr++, s->len--;
	while (s->len > 0 && blank(s->ptr[s->len - 1]))
		s->len--;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* A view equals a C string, ASCII case ignored. */
static int eq(struct smtpreply_str v, const char *s)
{
	size_t n = strlen(s);
	if (n != v.len)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)v.ptr[i]) != lower((unsigned char)s[i]))
			return 0;
	return 1;
}

static int same(struct smtpreply_str a, struct smtpreply_str b)
{
	return a.ptr == b.ptr && a.len == b.len;
}

static char *cstr(struct smtpreply_str v)
{
	char *s = malloc(v.len + 1);
	FUZZ_ASSERT(s != NULL);
	memcpy(s, v.ptr, v.len);
	s[v.len] = '\0';
	return s;
}

/* The extensions as documented. */
static size_t want_exts(const struct smtpreply *r, struct ext *out)
{
	struct smtpreply_iter it = {0, 0};
	struct smtpreply_str t;
	size_t n = 0, line = 0;

	if (r->code != 250)
		return 0;
	while (smtpreply_next_line(r, &it, &t)) {
		if (line++ == 0)
			continue;
		trim(&t);
		size_t k = 0;
		while (k < t.len && !blank(t.ptr[k]) && t.ptr[k] != '=')
			k++;
		if (k == 0)
			continue;
		struct smtpreply_str p = {t.ptr + k, t.len - k};
		if (p.len > 0 && p.ptr[0] == '=')
			p.ptr++, p.len--;
		trim(&p);
		out[n].kw.ptr = t.ptr;
		out[n].kw.len = k;
		out[n].params = p;
		n++;
	}
	return n;
}

static void inside(const struct smtpreply *r, struct smtpreply_str v)
{
	FUZZ_ASSERT(v.ptr != NULL);
	FUZZ_ASSERT(v.ptr >= r->raw.ptr && v.ptr + v.len <= r->raw.ptr + r->raw.len);
	FUZZ_ASSERT(memchr(v.ptr, '\n', v.len) == NULL);
}

/* What _find must give for keyword w. */
static const struct ext *want_find(const struct ext *x, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (eq(x[i].kw, w))
			return &x[i];
	return NULL;
}

static void check_find(const struct smtpreply *r, const struct ext *x, size_t n, const char *w)
{
	struct smtpreply_str p = {"junk", 4};
	const struct ext *e = want_find(x, n, w);
	int got = smtpreply_ehlo_find(r, w, &p);

	FUZZ_ASSERT(got == (e != NULL));
	if (e)
		FUZZ_ASSERT(same(p, e->params));
	else
		FUZZ_ASSERT(p.ptr == NULL && p.len == 0);
	FUZZ_ASSERT(smtpreply_ehlo_find(r, w, NULL) == got);
}

static int want_auth(const struct ext *x, size_t n, const char *m)
{
	if (m == NULL || m[0] == '\0')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!eq(x[i].kw, "AUTH"))
			continue;
		struct smtpreply_str p = x[i].params;
		size_t k = 0;
		while (k < p.len) {
			while (k < p.len && blank(p.ptr[k]))
				k++;
			size_t s = k;
			while (k < p.len && !blank(p.ptr[k]))
				k++;
			struct smtpreply_str w = {p.ptr + s, k - s};
			if (w.len > 0 && eq(w, m))
				return 1;
		}
	}
	return 0;
}

static long long want_size(const struct ext *x, size_t n)
{
	const struct ext *e = want_find(x, n, "SIZE");
	long long v = 0;
	if (e == NULL)
		return -1;
	for (size_t i = 0; i < e->params.len && !blank(e->params.ptr[i]); i++) {
		char c = e->params.ptr[i];
		if (c < '0' || c > '9')
			return 0;
		if (v > (LLONG_MAX - (c - '0')) / 10)
			v = LLONG_MAX;
		else
			v = v * 10 + (c - '0');
	}
	return v;
}

static void case_swap(char *s)
{
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 32);
		else if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
	}
}

static void check_mech(const struct smtpreply *r, const struct ext *x, size_t n, const char *m)
{
	FUZZ_ASSERT(smtpreply_ehlo_has_auth(r, m) == want_auth(x, n, m));
}

static void check_reply(const struct smtpreply *r, const char *probe)
{
	struct ext *want = malloc(sizeof *want * r->nlines), *got = malloc(sizeof *got * r->nlines);
	size_t nwant, ngot = 0, calls = 0;
	struct smtpreply_ehlo_iter it;

	FUZZ_ASSERT(want != NULL && got != NULL);
	nwant = want_exts(r, want);
	FUZZ_ASSERT(nwant + 1 <= r->nlines);

	/* Walk with views, copying the iterator at every step. */
	memset(&it, 0, sizeof it);
	for (;;) {
		struct smtpreply_ehlo_iter copy = it;
		struct smtpreply_str k = {"junk", 4}, p = {"junk", 4}, k2, p2;
		int more = smtpreply_ehlo_next(r, &it, &k, &p);
		FUZZ_ASSERT(++calls <= r->nlines);
		FUZZ_ASSERT(smtpreply_ehlo_next(r, &copy, &k2, &p2) == more);
		FUZZ_ASSERT(memcmp(&copy, &it, sizeof it) == 0);
		if (!more) {
			FUZZ_ASSERT(k.ptr == NULL && k.len == 0 && p.ptr == NULL && p.len == 0);
			break;
		}
		FUZZ_ASSERT(same(k, k2) && same(p, p2));
		inside(r, k);
		inside(r, p);
		FUZZ_ASSERT(k.len > 0);
		for (size_t i = 0; i < k.len; i++)
			FUZZ_ASSERT(!blank(k.ptr[i]) && k.ptr[i] != '=');
		FUZZ_ASSERT(p.len == 0 || (!blank(p.ptr[0]) && !blank(p.ptr[p.len - 1])));
		/* The parameters follow the keyword on its line. */
		FUZZ_ASSERT(p.ptr >= k.ptr + k.len);
		FUZZ_ASSERT(memchr(k.ptr, '\n', (size_t)(p.ptr + p.len - k.ptr)) == NULL);
		/* One line after another. */
		if (ngot > 0)
			FUZZ_ASSERT(k.ptr > got[ngot - 1].params.ptr + got[ngot - 1].params.len);
		FUZZ_ASSERT(ngot < nwant);
		got[ngot].kw = k;
		got[ngot].params = p;
		ngot++;
	}
	/* Ended, and stays so. */
	struct smtpreply_str k, p;
	FUZZ_ASSERT(smtpreply_ehlo_next(r, &it, &k, &p) == 0);
	FUZZ_ASSERT(k.ptr == NULL && p.ptr == NULL);
	FUZZ_ASSERT(ngot == nwant);
	for (size_t i = 0; i < nwant; i++)
		FUZZ_ASSERT(same(got[i].kw, want[i].kw) && same(got[i].params, want[i].params));
	if (r->code != 250)
		FUZZ_ASSERT(ngot == 0);

	/* Without views: the same count. */
	memset(&it, 0, sizeof it);
	size_t n2 = 0;
	while (smtpreply_ehlo_next(r, &it, NULL, NULL))
		FUZZ_ASSERT(++n2 <= nwant);
	FUZZ_ASSERT(n2 == nwant);

	/* _find for every keyword offered (first one wins; a sample of long
	 * lists, as each call walks the list), other cases,
	 * the probe word and some usual ones. */
	size_t stride = nwant <= 2 * FIND_ALL ? 1 : nwant / FIND_ALL;
	for (size_t i = 0; i < nwant; i += i < FIND_ALL ? 1 : stride) {
		char *w = cstr(want[i].kw);
		check_find(r, want, nwant, w);
		case_swap(w);
		check_find(r, want, nwant, w);
		free(w);
		if (eq(want[i].kw, "AUTH")) {
			/* Every mechanism offered is found. */
			struct smtpreply_str q = want[i].params;
			size_t a = 0;
			while (a < q.len) {
				while (a < q.len && blank(q.ptr[a]))
					a++;
				size_t s = a;
				while (a < q.len && !blank(q.ptr[a]))
					a++;
				if (a > s) {
					struct smtpreply_str m = {q.ptr + s, a - s};
					char *mc = cstr(m);
					check_mech(r, want, nwant, mc);
					if (memchr(m.ptr, '\0', m.len) == NULL)
						FUZZ_ASSERT(smtpreply_ehlo_has_auth(r, mc) == 1);
					case_swap(mc);
					check_mech(r, want, nwant, mc);
					free(mc);
				}
			}
		}
	}
	static const char *const usual[] = {"SIZE", "size", "AUTH", "STARTTLS", "PIPELINING",
	                                    "8BITMIME", "SMTPUTF8", "CHUNKING", "", "AUTH=",
	                                    "SIZE ", " SIZE"};
	for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
		check_find(r, want, nwant, usual[i]);
	check_find(r, want, nwant, probe);
	FUZZ_ASSERT(smtpreply_ehlo_find(r, NULL, NULL) == 0);

	FUZZ_ASSERT(smtpreply_ehlo_size(r) == want_size(want, nwant));

	static const char *const mechs[] = {"PLAIN", "login", "XOAUTH2", "CRAM-MD5", "", NULL};
	for (size_t i = 0; i < sizeof mechs / sizeof mechs[0]; i++)
		check_mech(r, want, nwant, mechs[i]);
	check_mech(r, want, nwant, probe);

	/* Queue id. */
	struct smtpreply_str q = smtpreply_queue_id(r);
	if (q.ptr == NULL) {
		FUZZ_ASSERT(q.len == 0);
	} else {
		FUZZ_ASSERT(r->code / 100 == 2);
		FUZZ_ASSERT(q.len > 0);
		inside(r, q);
		for (size_t i = 0; i < q.len; i++)
			FUZZ_ASSERT(!blank(q.ptr[i]));
	}
	struct smtpreply_str q2 = smtpreply_queue_id(r);
	FUZZ_ASSERT(same(q, q2));
	free(want);
	free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smtpreply_options o;

	if (size < PREFIX)
		return 0;
	{
		struct smtpreply_ehlo_iter it = {0, {0, 0, 0}};
		struct smtpreply_str k, p;
		FUZZ_ASSERT(smtpreply_ehlo_next(NULL, &it, &k, &p) == 0);
		FUZZ_ASSERT(smtpreply_ehlo_find(NULL, "SIZE", &p) == 0 && p.ptr == NULL);
		FUZZ_ASSERT(smtpreply_ehlo_size(NULL) == -1);
		FUZZ_ASSERT(smtpreply_ehlo_has_auth(NULL, "PLAIN") == 0);
		FUZZ_ASSERT(smtpreply_queue_id(NULL).ptr == NULL);
	}
	fuzz_options(&o, data[0]);
	size_t pl = data[1];
	data += PREFIX;
	size -= PREFIX;
	if (pl > size)
		pl = size;
	char *probe = malloc(pl + 1);
	FUZZ_ASSERT(probe != NULL);
	memcpy(probe, data, pl);
	probe[pl] = '\0';
	data += pl;
	size -= pl;

	struct smtpreply r;
	size_t off = 0;
	while (fuzz_next_reply(data, size, &off, &o, &r))
		check_reply(&r, probe);
	free(probe);
	return 0;
}

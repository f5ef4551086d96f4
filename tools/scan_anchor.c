/* scan_anchor.c - two prototypes of a phrase scan that is not one chain of
 * dependent loads (issue 13 point 6, session 12; docs/benchmarks.md,
 * "Session 12"), each checked against the library's scan and timed beside
 * it in one process. Not part of the library; a negative result: both
 * give the library's findings exactly and both are slower (first design
 * 2.7 times, second 1.34 to 1.40 times on the big bench corpus's failure
 * replies).
 *
 * The library's scan (src/reason_scan.c, compiled into this file, so both
 * scans share one build and one set of tables) walks the Aho-Corasick
 * automaton one byte after another: each byte's state is a load from the
 * last one. Both designs here instead:
 *
 *   1. turn the text (the lines joined by a space, as if after a space,
 *      every white-space run cut to its first byte) into an array of byte
 *      classes, with the place of each in the reply;
 *   2. find the candidate ends: the places whose window of four classes
 *      ends some pattern (a bit set of hashed windows: the last four
 *      classes of every pattern; a 3-byte pattern's three after any
 *      class), with independent loads, no chain from byte to byte;
 *   3. find, from each candidate, the longest pattern that ends there (the
 *      automaton's finding there is a function of that one pattern: the
 *      state word of its node, whose sr_ph_out_word is the automaton's
 *      there); the candidates do not depend on one another;
 *   4. give the findings, in text order (the candidates' order), to the
 *      library's output(), which then fills struct scan as sr_scan_text.
 *
 * First design (an_*, plain C): steps 1 and 2 in one loop a byte, step 3
 * a walk back through a trie of the reversed patterns. Second design
 * (an2_*, AVX-512: F, BW, VBMI, VBMI2): steps 1 and 2 64 and 16 classes at
 * a time (vpermi2b, vpcompressb, vpermb, vpmulld, vpgatherdd), step 3 a
 * hash table of the windows that end patterns, whose patterns (longest
 * first) are each compared with the 64 classes ending at the candidate.
 *
 * `scan_anchor CORPUS...` checks, for every 4xx/5xx reply of each corpus
 * (bench corpora: one reply after another; .tsv files: the column named
 * "reply", escaped as tools/reason_dump.c reads it), that the findings
 * (place and sr_ph_out_word) equal a one-pass walk of the automaton, and
 * that struct scan equals sr_scan_text's. `scan_anchor --time CORPUS
 * [PASSES [MIN MAX]]` times both scans over the corpus's 4xx/5xx replies in
 * blocks of 256, the two in turn on each block, keeping each block's
 * minimum over PASSES (default 30), summed (the method of
 * docs/benchmarks.md's two-lanes section); MIN MAX keep the replies of MIN
 * to MAX raw bytes. The environment: AN_VARIANT=1 the first design (the
 * second is the default where the CPU has AVX-512 VBMI2; valgrind does not
 * run AVX-512, so callgrind counts only the first); AN_ONLY=0 or 1 times
 * only the library's scan or the new one (for callgrind's
 * --toggle-collect=time_block); AN_PHASE (timing the second design's
 * parts, answers wrong): 3 the set-up alone, 4 step 1, 1 steps 1-2, 2 no
 * step 3, 5 step 3's table look-up without the compares; AN_LAYOUT=0 and
 * AN_EARLY=0 the second design's first version (masked loads of the
 * patterns; every pattern of a window compared).
 *
 *   python3 tools/anchor_pats.py > build/anchor_pats.h
 *   cc -O2 -Iinclude -Isrc -Ibuild -D_POSIX_C_SOURCE=200809L \
 *       -o build/scan_anchor tools/scan_anchor.c libsmtpreply.a
 *   ./build/scan_anchor build/bench/big.txt tests/classify/corpus.tsv
 *   ./build/scan_anchor --time build/bench/big.txt 30
 */
#include "../src/reason_scan.c" /* NOLINT(bugprone-suspicious-include): both scans in one build */

#include "anchor_pats.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__GNUC__)
#define AN_NOINLINE __attribute__((noinline))
#else
#define AN_NOINLINE
#endif

/* ---------------------------------------------------------------------
 * The tables, built at start-up from the pattern list and the library's
 * automaton. */

enum { AN_COLS = 64, AN_MAXNODE = 65535 };

/* The reversed patterns' trie. Node 0: dead (every edge to 0); node 1: the
 * root. A node is dense (a full row of AN_COLS node numbers) if it is at
 * most AN_DENSE_DEPTH classes from the root or has more than one edge, else
 * one edge: an_info holds 0x80000000 | row for a dense node, class |
 * child << 8 for the other. an_term: the automaton's state word of the
 * pattern that ends at the node (read back to front), or 0. */
#define AN_DENSE_DEPTH 2
static uint32_t *an_info;
static uint16_t *an_rows;
static uint16_t *an_term;
static unsigned an_nnode, an_ndense;

/* The candidate ends: a bit a hashed window of four classes. */
#define AN_HBITS 16
static uint64_t an_bits[(1u << AN_HBITS) / 64];

static inline unsigned an_hash(uint32_t key)
{
	return (key * 0x9E3779B1u) >> (32 - AN_HBITS);
}

static void an_set(uint32_t key)
{
	unsigned h = an_hash(key & 0xffffff);
	an_bits[h >> 6] |= (uint64_t)1 << (h & 63);
}

static unsigned an_ac_word(const unsigned char *p, size_t n)
{
	unsigned s = 0; /* the root, before the text */
	for (size_t k = 0; k < n; k++)
		s = step_byte(s, p[k]);
	return s;
}

static void an_build(void)
{
	/* Build with full rows for every node, then keep rows for the dense
	 * ones only. */
	uint16_t *full = calloc((size_t)AN_MAXNODE * AN_COLS, sizeof *full);
	unsigned *depth = calloc(AN_MAXNODE, sizeof *depth);
	unsigned *nedge = calloc(AN_MAXNODE, sizeof *nedge);
	uint16_t *term = calloc(AN_MAXNODE, sizeof *term);
	unsigned n = 2;

	if (full == NULL || depth == NULL || nedge == NULL || term == NULL) {
		fprintf(stderr, "scan_anchor: out of memory\n");
		exit(1);
	}
	for (unsigned j = 0; j < ANCHOR_NPAT; j++) {
		const unsigned char *p = (const unsigned char *)anchor_pat[j];
		size_t len = strlen(anchor_pat[j]);
		unsigned r = 1, w = an_ac_word(p, len);
		uint32_t key = 0;

		if (!ends_here(w)) {
			fprintf(stderr, "scan_anchor: pattern '%s' is no output "
			        "state of the automaton\n", anchor_pat[j]);
			exit(1);
		}
		for (size_t k = len; k-- > 0;) {
			unsigned c = sr_ph_class[p[k]];
			if (full[(size_t)r * AN_COLS + c] == 0) {
				if (n == AN_MAXNODE) {
					fprintf(stderr, "scan_anchor: too many nodes\n");
					exit(1);
				}
				full[(size_t)r * AN_COLS + c] = (uint16_t)n;
				depth[n] = depth[r] + 1;
				nedge[r]++;
				n++;
			}
			r = full[(size_t)r * AN_COLS + c];
		}
		term[r] = (uint16_t)w;
		for (size_t k = 0; k < len; k++)
			key = key << 6 | sr_ph_class[p[k]];
		if (len >= 4) {
			an_set(key);
		} else {
			for (unsigned x = 0; x < AN_COLS; x++)
				an_set(x << 18 | key);
		}
	}
	/* Renumber breadth first, dense nodes' rows in that order. */
	{
		unsigned *order = malloc(n * sizeof *order), *num = calloc(n, sizeof *num);
		unsigned head = 0, tail = 0, nd = 0;
		if (order == NULL || num == NULL)
			exit(1);
		order[tail++] = 1;
		while (head < tail) {
			unsigned r = order[head++];
			for (unsigned c = 0; c < AN_COLS; c++)
				if (full[(size_t)r * AN_COLS + c] != 0)
					order[tail++] = full[(size_t)r * AN_COLS + c];
		}
		for (unsigned k = 0; k < tail; k++)
			num[order[k]] = k + 1; /* 0 stays dead */
		an_nnode = tail + 1;
		an_info = calloc(an_nnode, sizeof *an_info);
		an_term = calloc(an_nnode, sizeof *an_term);
		for (unsigned k = 0; k < tail; k++) {
			unsigned r = order[k];
			if (depth[r] <= AN_DENSE_DEPTH || nedge[r] > 1)
				nd++;
		}
		an_ndense = nd + 1; /* row 0: dead */
		an_rows = calloc((size_t)an_ndense * AN_COLS, sizeof *an_rows);
		an_info[0] = 0x80000000u; /* dead: row 0, all 0 */
		nd = 1;
		for (unsigned k = 0; k < tail; k++) {
			unsigned r = order[k], x = k + 1;
			an_term[x] = term[r];
			if (depth[r] <= AN_DENSE_DEPTH || nedge[r] > 1) {
				for (unsigned c = 0; c < AN_COLS; c++)
					an_rows[(size_t)nd * AN_COLS + c] =
					    (uint16_t)num[full[(size_t)r * AN_COLS + c]];
				an_info[x] = 0x80000000u | nd;
				nd++;
			} else if (nedge[r] == 1) {
				unsigned c = 0;
				while (full[(size_t)r * AN_COLS + c] == 0)
					c++;
				an_info[x] = c | num[full[(size_t)r * AN_COLS + c]] << 8;
			} else {
				an_info[x] = 0xff; /* a leaf: no class is 0xff */
			}
		}
		free(order);
		free(num);
	}
	free(full);
	free(depth);
	free(nedge);
	free(term);
}

/* ---------------------------------------------------------------------
 * The scan. */

/* A place in the text: line << 20 | byte, or line << 20 | AN_SEP for the
 * space before line `line` (the automaton's separator: output() gets p
 * NULL there). */
#define AN_SEP 0xfffffu
#define AN_MAXTEXT 65536

struct an_buf {
	uint8_t cls[AN_MAXTEXT + 8];  /* cls[0]: a class 0 sentinel */
	uint32_t at[AN_MAXTEXT + 8];
	uint32_t cand[AN_MAXTEXT + 8];
};

static struct an_buf an_b;

/* Lines p[0..nline) into an_b: the classes from cls[1] (cls[1] the space
 * before the text), with their places; the candidate ends into cand. The
 * number of classes (with the leading space) into *pn; returns the
 * candidates' count. */
static AN_NOINLINE size_t an_classes(const struct smtpreply_str *text,
                                unsigned nline, size_t *pn)
{
	uint8_t *cls = an_b.cls;
	uint32_t *at = an_b.at, *cand = an_b.cand;
	size_t n = 1, nc = 0;
	uint32_t key = SR_PH_SPACE;
	unsigned prev = SR_PH_SPACE;

	cls[0] = 0;
	cls[1] = SR_PH_SPACE;
	at[1] = AN_SEP;
	n = 2;
	for (unsigned l = 0; l < nline; l++) {
		const unsigned char *p = (const unsigned char *)text[l].ptr;
		size_t len = text[l].len;
		if (l > 0) {
			/* the separator: a space */
			unsigned keep = prev != SR_PH_SPACE;
			cls[n] = SR_PH_SPACE;
			at[n] = (uint32_t)l << 20 | AN_SEP;
			key = keep ? (key << 6 | SR_PH_SPACE) : key;
			{
				unsigned h = an_hash(key & 0xffffff);
				cand[nc] = (uint32_t)n;
				nc += keep & (unsigned)(an_bits[h >> 6] >> (h & 63));
			}
			n += keep;
			prev = SR_PH_SPACE;
		}
		for (size_t i = 0; i < len; i++) {
			unsigned c = sr_ph_class[p[i]];
			unsigned keep = (c != SR_PH_SPACE) | (prev != SR_PH_SPACE);
			unsigned h;
			cls[n] = (uint8_t)c;
			at[n] = (uint32_t)l << 20 | (uint32_t)i;
			key = keep ? (key << 6 | c) : key;
			h = an_hash(key & 0xffffff);
			cand[nc] = (uint32_t)n;
			nc += keep & (unsigned)(an_bits[h >> 6] >> (h & 63));
			n += keep;
			prev = c;
		}
	}
	*pn = n;
	return nc;
}

/* The longest pattern that ends at cls[k]: its automaton state word, or
 * 0. A walk back from k through the reversed trie (cls[0] is a class 0
 * sentinel: no edge). */
static AN_NOINLINE unsigned an_walk(const uint8_t *cls, size_t k)
{
	unsigned r = 1, best = 0;
	for (;;) {
		unsigned c = cls[k--];
		uint32_t w = an_info[r];
		if (w & 0x80000000u)
			r = an_rows[(size_t)(w & 0xffff) * AN_COLS + c];
		else
			r = (w & 0xff) == c ? (w >> 8) & 0xffff : 0;
		if (r == 0)
			return best;
		if (an_term[r] != 0)
			best = an_term[r];
	}
}

/* Findings (place, state word) of a text, for the check; up to max. */
static size_t an_findings(const struct smtpreply_str *text, unsigned nline,
                          uint32_t *fat, unsigned *fs, size_t max)
{
	size_t n, nc = an_classes(text, nline, &n), nf = 0;
	for (size_t c = 0; c < nc && nf < max; c++) {
		size_t k = an_b.cand[c];
		unsigned s = an_walk(an_b.cls, k);
		if (s != 0) {
			fat[nf] = an_b.at[k];
			fs[nf++] = s;
		}
	}
	return nf;
}

/* The same through output(), as sr_scan_text: fills sc. */
static void an_scan_text(const struct smtpreply *reply, struct scan *sc)
{
	struct smtpreply_str one;
	const struct smtpreply_str *text;
	struct lines t;
	unsigned nline;
	size_t n, nc;

	scan_init(sc);
	if (reply->nlines == 1 && reply->first_line.ptr != NULL &&
	    reply->first_line.len < LANE_MIN_TEXT) {
		/* as the library: a short line's text at hand, no table of
		 * lines kept for the rules */
		one = reply->first_line;
		text = &one;
		nline = 1;
	} else {
		lines_of(reply, sc->text, &t);
		keep_lines(reply, &t, sc);
		if (t.count == 0) {
			/* more lines than the table holds: the library's
			 * scan (none in the bench corpora) */
			sr_scan_text(reply, sc);
			return;
		}
		text = t.text;
		nline = t.count;
	}
	nc = an_classes(text, nline, &n);
	for (size_t c = 0; c < nc; c++) {
		size_t k = an_b.cand[c];
		unsigned s = an_walk(an_b.cls, k);
		if (s != 0) {
			uint32_t a = an_b.at[k];
			unsigned l = a >> 20, i = a & AN_SEP;
			if (i == AN_SEP)
				output(s, sc, NULL, 0, 0);
			else
				output(s, sc, (const unsigned char *)text[l].ptr, i,
				       text[l].len);
			if (sc->stop)
				break;
		}
	}
	if ((reply->flags & SMTPREPLY_F_EIGHT_BIT) != 0 && sr_ph_nu8 > 0 &&
	    !sc->stop)
		scan_u8(reply, sc);
}

/* ---------------------------------------------------------------------
 * Second design: the candidates found 16 at a time (AVX-512), each
 * verified against the patterns that end in its four classes, all of them
 * compared at once with the text (a 64-byte compare each), no walk.
 *
 *   1. Each line, 64 bytes at a time: the classes (vpermi2b over the
 *      class table's first 128 bytes; 0 for bytes of 0x80 and up), the
 *      white-space runs cut to their first byte (vpcompressb), into cls2
 *      with each class's place in the text (a 16-bit offset, vpcompressw).
 *   2. The windows of four classes ending at each place, 16 at a time
 *      (vpermb), hashed (vpmulld), their bits gathered (vpgatherdd): the
 *      candidate ends, compressed into a list.
 *   3. Each candidate's window looked up in a table of the windows that end
 *      patterns (hash, linear probing): its patterns, longest first; each
 *      compared with the 64 classes that end at the candidate under a
 *      mask of its length; the first (longest) that matches is the
 *      finding.
 * Everything but the lookups and the per-group loop is branch-free; the
 * compares of one candidate do not depend on one another. */
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define AN_AVX512 __attribute__((target( \
    "avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))

#define AN_PAD 128
/* AN_PHASE, for timing the parts (answers wrong): 1 steps 1-2 only, 2 no
 * verify, 3 nothing but the set-up, 4 step 1 only */
static int an_phase;
static int an_early = 1; /* AN_EARLY=0: no stop at a group's first hit */
#define AN_MAX2 60000 /* longer texts: the library's scan */

static _Alignas(64) uint8_t an2_cls[AN_PAD + AN_MAX2 + 256];
static _Alignas(64) uint16_t an2_at[AN_MAX2 + 256];
static uint32_t an2_cand[AN_MAX2 + 256];
static _Alignas(64) uint8_t an2_tab[128]; /* class of bytes 0-127 */
static _Alignas(64) uint32_t an2_bits[(1u << AN_HBITS) / 32];

/* The patterns as classes, one after another with AN_PAD zero bytes before
 * the first (a masked load that starts before a pattern stays in the
 * array); by pattern: the offset of its last class, its length, its state
 * word. */
static uint8_t *an2_pat;
static uint32_t an2_pend[ANCHOR_NPAT];
static uint8_t an2_plen[ANCHOR_NPAT];
static uint16_t an2_pword[ANCHOR_NPAT];
/* Windows: open addressing, AN2_SLOTS slots; key (the window's four
 * classes as a little-endian word: the last class in the top byte), and
 * its patterns an2_list[off .. off + cnt), longest first. */
#define AN2_SLOTS 8192u
static uint32_t an2_key[AN2_SLOTS];
static uint16_t an2_off[AN2_SLOTS], an2_cnt[AN2_SLOTS];
static uint16_t *an2_list;
static uint8_t *an2_gvec;   /* by list place: 64 classes */
static uint64_t *an2_gmask; /* ... the mask of its length */
static uint16_t *an2_gid;   /* ... its pattern */
static int an_layout = 1;   /* AN_LAYOUT=0: masked loads of an2_pat */

static inline unsigned an2_slot(uint32_t key)
{
	return (key * 0x9E3779B1u) >> (32 - 13);
}

static inline unsigned an2_hash(uint32_t key)
{
	return (key * 0x85EBCA6Bu) >> (32 - AN_HBITS);
}

static int an2_bylen_desc(const void *a, const void *b)
{
	unsigned x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	if (an2_plen[x] != an2_plen[y])
		return an2_plen[x] > an2_plen[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void an2_build(void)
{
	size_t total = AN_PAD;
	uint32_t *keys;
	uint16_t *pid;
	size_t nk = 0, cap = 0;

	for (unsigned j = 0; j < ANCHOR_NPAT; j++)
		total += strlen(anchor_pat[j]);
	an2_pat = calloc(total + 64, 1);
	for (unsigned b = 0; b < 128; b++)
		an2_tab[b] = sr_ph_class[b];
	total = AN_PAD;
	for (unsigned j = 0; j < ANCHOR_NPAT; j++) {
		const unsigned char *p = (const unsigned char *)anchor_pat[j];
		size_t len = strlen(anchor_pat[j]);
		for (size_t k = 0; k < len; k++)
			an2_pat[total + k] = sr_ph_class[p[k]];
		total += len;
		an2_pend[j] = (uint32_t)(total - 1);
		an2_plen[j] = (uint8_t)len;
		an2_pword[j] = (uint16_t)an_ac_word(p, len);
	}
	/* (key, pattern) pairs: a 3-class pattern under every class before
	 * it. */
	cap = ANCHOR_NPAT + 64 * 64;
	keys = malloc(cap * sizeof *keys);
	pid = malloc(cap * sizeof *pid);
	for (unsigned j = 0; j < ANCHOR_NPAT; j++) {
		const uint8_t *q = an2_pat + an2_pend[j];
		if (an2_plen[j] >= 4) {
			keys[nk] = (uint32_t)q[-3] | (uint32_t)q[-2] << 8 |
			           (uint32_t)q[-1] << 16 | (uint32_t)q[0] << 24;
			pid[nk++] = (uint16_t)j;
		} else {
			for (uint32_t x = 0; x < 64; x++) {
				keys[nk] = x | (uint32_t)q[-2] << 8 |
				           (uint32_t)q[-1] << 16 | (uint32_t)q[0] << 24;
				pid[nk++] = (uint16_t)j;
			}
		}
	}
	an2_list = malloc(nk * sizeof *an2_list);
	memset(an2_key, 0xff, sizeof an2_key);
	{
		/* each distinct key: a slot, then its patterns */
		size_t used = 0;
		for (size_t a = 0; a < nk; a++) {
			unsigned sl = an2_slot(keys[a]);
			while (an2_key[sl] != 0xffffffffu && an2_key[sl] != keys[a])
				sl = (sl + 1) & (AN2_SLOTS - 1);
			if (an2_key[sl] == 0xffffffffu) {
				an2_key[sl] = keys[a];
				an2_off[sl] = (uint16_t)used;
				an2_cnt[sl] = 0;
				for (size_t b = a; b < nk; b++)
					if (keys[b] == keys[a])
						an2_list[used + an2_cnt[sl]++] = pid[b];
				qsort(an2_list + used, an2_cnt[sl], sizeof *an2_list,
				      an2_bylen_desc);
				used += an2_cnt[sl];
				{
					unsigned h = an2_hash(keys[a]);
					an2_bits[h >> 5] |= (uint32_t)1 << (h & 31);
				}
			}
		}
	}
	free(keys);
	free(pid);
	/* The patterns again in the lists' order, each as 64 classes that
	 * end with its last (zeros before), with the mask of its length (0
	 * for the four longer than 64, compared in full on a hit). */
	{
		size_t used = 0;
		for (unsigned sl = 0; sl < AN2_SLOTS; sl++)
			if (an2_key[sl] != 0xffffffffu)
				used += an2_cnt[sl];
		an2_gvec = aligned_alloc(64, used * 64);
		an2_gmask = malloc(used * sizeof *an2_gmask);
		an2_gid = malloc(used * sizeof *an2_gid);
		memset(an2_gvec, 0, used * 64);
		for (size_t j = 0; j < used; j++) {
			unsigned id = an2_list[j], len = an2_plen[id];
			unsigned take = len > 64 ? 64 : len;
			memcpy(an2_gvec + j * 64 + 64 - take,
			       an2_pat + an2_pend[id] + 1 - take, take);
			an2_gmask[j] = len > 64 ? 0 : ~(uint64_t)0 << (64 - len);
			an2_gid[j] = (uint16_t)id;
		}
	}
}

/* 1 and 2: the classes of the lines, their places, the candidates. The
 * classes' count (cls2[AN_PAD] is the space before the text) into *pn;
 * the candidates' count. base[l]: line l's first byte's place. */
static AN_AVX512 AN_NOINLINE size_t an2_classes(
    const struct smtpreply_str *text, unsigned nline, const uint32_t *base,
    size_t *pn)
{
	uint8_t *c = an2_cls + AN_PAD;
	const __m512i t0 = _mm512_load_si512((const void *)an2_tab);
	const __m512i t1 = _mm512_load_si512((const void *)(an2_tab + 64));
	const __m512i sp = _mm512_set1_epi8((char)SR_PH_SPACE);
	const __m512i step = _mm512_set1_epi16(64);
	__m512i lo_idx = _mm512_set_epi16(
	    31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15,
	    14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
	size_t n = 1, nc = 0;
	uint64_t prev = 1; /* the byte before was white space */

	c[0] = SR_PH_SPACE;
	an2_at[0] = 0;
	for (unsigned l = 0; l < nline; l++) {
		const char *p = text[l].ptr;
		size_t len = text[l].len;
		__m512i pos_lo, pos_hi;
		if (l > 0 && !prev) {
			c[n] = SR_PH_SPACE;
			an2_at[n] = (uint16_t)(base[l] - 1);
			n++;
			prev = 1;
		}
		pos_lo = _mm512_add_epi16(lo_idx,
		                          _mm512_set1_epi16((short)base[l]));
		pos_hi = _mm512_add_epi16(pos_lo, _mm512_set1_epi16(32));
		for (size_t i = 0; i < len; i += 64) {
			size_t left = len - i;
			__mmask64 m = left >= 64 ? ~(__mmask64)0
			                         : ((__mmask64)1 << left) - 1;
			__m512i v = _mm512_maskz_loadu_epi8(m, p + i);
			__mmask64 ascii = m & ~_mm512_movepi8_mask(v);
			__m512i k = _mm512_maskz_permutex2var_epi8(ascii, t0, v, t1);
			__mmask64 s = _mm512_mask_cmpeq_epi8_mask(m, k, sp);
			__mmask64 keep = m & ~(s & (s << 1 | prev));
			unsigned last = (unsigned)(left >= 64 ? 63 : left - 1);
			/* compress to a register, then a plain store: a
			 * compress to memory is slow on AMD's cores */
			_mm512_storeu_si512((void *)(c + n),
			                    _mm512_maskz_compress_epi8(keep, k));
			_mm512_storeu_si512((void *)(an2_at + n),
			                    _mm512_maskz_compress_epi16((__mmask32)keep,
			                                                pos_lo));
			_mm512_storeu_si512(
			    (void *)(an2_at + n + _mm_popcnt_u32((uint32_t)keep)),
			    _mm512_maskz_compress_epi16((__mmask32)(keep >> 32),
			                                pos_hi));
			n += (size_t)_mm_popcnt_u64(keep);
			prev = (s >> last) & 1;
			pos_lo = _mm512_add_epi16(pos_lo, step);
			pos_hi = _mm512_add_epi16(pos_hi, step);
		}
	}
	/* 2: windows ending at 0..n-1, 16 at a time; cls2 has zeros after
	 * (cleared below) and AN_PAD zeros before. */
	memset(c + n, 0, 64);
	{
		const __m512i widx = _mm512_set_epi8(
		    18, 17, 16, 15, 17, 16, 15, 14, 16, 15, 14, 13, 15, 14, 13, 12,
		    14, 13, 12, 11, 13, 12, 11, 10, 12, 11, 10, 9, 11, 10, 9, 8,
		    10, 9, 8, 7, 9, 8, 7, 6, 8, 7, 6, 5, 7, 6, 5, 4,
		    6, 5, 4, 3, 5, 4, 3, 2, 4, 3, 2, 1, 3, 2, 1, 0);
		const __m512i mul = _mm512_set1_epi32((int)0x85EBCA6Bu);
		const __m512i lane = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8,
		                                      7, 6, 5, 4, 3, 2, 1, 0);
		const __m512i one = _mm512_set1_epi32(1);
		const __m512i m31 = _mm512_set1_epi32(31);
		for (size_t k = 0; k < (an_phase == 4 ? 0 : n); k += 16) {
			__m512i v = _mm512_loadu_si512((const void *)(c + k - 3));
			__m512i w = _mm512_permutexvar_epi8(widx, v);
			__m512i h = _mm512_srli_epi32(_mm512_mullo_epi32(w, mul),
			                              32 - AN_HBITS);
			__m512i g = _mm512_i32gather_epi32(_mm512_srli_epi32(h, 5),
			                                   (const void *)an2_bits, 4);
			__m512i b = _mm512_srlv_epi32(g, _mm512_and_si512(h, m31));
			__mmask16 hit = _mm512_test_epi32_mask(b, one);
			if (n - k < 16)
				hit &= (__mmask16)((1u << (n - k)) - 1);
			_mm512_storeu_si512(
			    (void *)(an2_cand + nc),
			    _mm512_maskz_compress_epi32(
			        hit, _mm512_add_epi32(lane, _mm512_set1_epi32((int)k))));
			nc += (size_t)_mm_popcnt_u32(hit);
		}
	}
	*pn = n;
	return nc;
}

/* 3: the longest pattern that ends at class k: its state word, or 0. */
static AN_AVX512 inline unsigned an2_verify(size_t k)
{
	const uint8_t *c = an2_cls + AN_PAD;
	uint32_t key;
	unsigned sl, best = 0;
	__m512i tv;

	memcpy(&key, c + k - 3, 4);
	sl = an2_slot(key);
	while (an2_key[sl] != key) {
		if (an2_key[sl] == 0xffffffffu)
			return 0;
		sl = (sl + 1) & (AN2_SLOTS - 1);
	}
	tv = _mm512_loadu_si512((const void *)(c + k - 63));
	if (an_phase == 5)
		return an2_cnt[sl] == 0xffff; /* the probe alone (timing) */
	if (an_layout) {
		for (unsigned j = an2_off[sl], e = j + an2_cnt[sl]; j < e; j++) {
			uint64_t m = an2_gmask[j];
			if (_mm512_mask_cmpneq_epi8_mask(
			        m, tv, _mm512_load_si512((const void *)(an2_gvec +
			                                               (size_t)j * 64))) != 0)
				continue;
			if (m == 0) {
				/* longer than 64: the part before too */
				unsigned id = an2_gid[j], len = an2_plen[id];
				const uint8_t *pe = an2_pat + an2_pend[id];
				__m512i t2 = _mm512_loadu_si512((const void *)(c + k - 127));
				__mmask64 m2 = ~(__mmask64)0 << (128 - len);
				if (_mm512_cmpneq_epi8_mask(
				        tv, _mm512_loadu_si512((const void *)(pe - 63))) != 0 ||
				    _mm512_mask_cmpneq_epi8_mask(
				        m2, t2, _mm512_maskz_loadu_epi8(m2, pe - 127)) != 0)
					continue;
			}
			return an2_pword[an2_gid[j]];
		}
		return 0;
	}
	for (unsigned j = an2_off[sl], e = j + an2_cnt[sl]; j < e; j++) {
		unsigned id = an2_list[j], len = an2_plen[id];
		const uint8_t *pe = an2_pat + an2_pend[id];
		__mmask64 m;
		int hit;
		if (len > 64) {
			/* four patterns: the part before the last 64 too */
			__m512i t2 = _mm512_loadu_si512((const void *)(c + k - 127));
			__mmask64 m2 = ~(__mmask64)0 << (128 - len);
			__m512i p2 = _mm512_maskz_loadu_epi8(m2, pe - 127);
			hit = _mm512_cmpeq_epi8_mask(tv, _mm512_loadu_si512(
			                                     (const void *)(pe - 63))) ==
			          ~(__mmask64)0 &&
			      _mm512_mask_cmpneq_epi8_mask(m2, t2, p2) == 0;
		} else {
			m = ~(__mmask64)0 << (64 - len);
			hit = _mm512_mask_cmpneq_epi8_mask(
			          m, tv, _mm512_maskz_loadu_epi8(m, pe - 63)) == 0;
		}
		if (an_early && hit)
			return an2_pword[id];
		best = (best == 0 && hit) ? an2_pword[id] : best;
	}
	return best;
}

static uint32_t an2_base[SR_SCAN_LINES + 1];

static AN_AVX512 size_t an2_findings(const struct smtpreply_str *text,
                                     unsigned nline, uint32_t *fat,
                                     unsigned *fs, size_t max)
{
	size_t n, nc, nf = 0, tot = 1;
	for (unsigned l = 0; l < nline; l++) {
		an2_base[l] = (uint32_t)tot + (l > 0);
		tot = an2_base[l] + text[l].len;
	}
	nc = an2_classes(text, nline, an2_base, &n);
	for (size_t c = 0; c < nc && nf < max; c++) {
		size_t k = an2_cand[c];
		unsigned s = an2_verify(k), v = an2_at[k], l = 0;
		if (s == 0)
			continue;
		while (l + 1 < nline && an2_base[l + 1] - 1 <= v)
			l++;
		fat[nf] = v < an2_base[l] ? (uint32_t)l << 20 | AN_SEP
		                          : (uint32_t)l << 20 | (v - an2_base[l]);
		fs[nf++] = s;
	}
	return nf;
}

/* As sr_scan_text. */
static AN_AVX512 void an2_scan_text(const struct smtpreply *reply,
                                    struct scan *sc)
{
	struct smtpreply_str one;
	const struct smtpreply_str *text;
	struct lines t;
	unsigned nline;
	size_t n, nc, tot = 1;

	scan_init(sc);
	if (reply->nlines == 1 && reply->first_line.ptr != NULL &&
	    reply->first_line.len < LANE_MIN_TEXT) {
		one = reply->first_line;
		text = &one;
		nline = 1;
	} else {
		lines_of(reply, sc->text, &t);
		keep_lines(reply, &t, sc);
		if (t.count == 0 || t.base[t.count] >= AN_MAX2) {
			sc->ntext = 0;
			sr_scan_text(reply, sc);
			return;
		}
		text = t.text;
		nline = t.count;
	}
	for (unsigned l = 0; l < nline; l++) {
		an2_base[l] = (uint32_t)tot + (l > 0);
		tot = an2_base[l] + text[l].len;
	}
	if (an_phase == 3)
		return;
	nc = an2_classes(text, nline, an2_base, &n);
	if (an_phase == 1)
		nc = 0; /* timing the first two steps alone (answers wrong) */
	for (size_t c = 0; c < nc; c++) {
		size_t k = an2_cand[c];
		unsigned s = an_phase == 2 ? 0 : an2_verify(k);
		if (s != 0) {
			unsigned v = an2_at[k], l = 0;
			while (l + 1 < nline && an2_base[l + 1] - 1 <= v)
				l++;
			if (v < an2_base[l])
				output(s, sc, NULL, 0, 0);
			else
				output(s, sc, (const unsigned char *)text[l].ptr,
				       v - an2_base[l], text[l].len);
			if (sc->stop)
				break;
		}
	}
	if ((reply->flags & SMTPREPLY_F_EIGHT_BIT) != 0 && sr_ph_nu8 > 0 &&
	    !sc->stop)
		scan_u8(reply, sc);
}
#define AN_HAVE2 1
#else
#define AN_HAVE2 0
static void an2_build(void)
{
}
static size_t an2_findings(const struct smtpreply_str *text, unsigned nline,
                           uint32_t *fat, unsigned *fs, size_t max)
{
	return an_findings(text, nline, fat, fs, max);
}
static void an2_scan_text(const struct smtpreply *reply, struct scan *sc)
{
	an_scan_text(reply, sc);
}
#endif

/* ---------------------------------------------------------------------
 * The check: one pass of the automaton (the reference of
 * tests/test_reason_scan.c) against an_findings, and struct scan against
 * sr_scan_text's. */

static size_t ref_findings(const struct smtpreply_str *text, unsigned nline,
                           uint32_t *fat, unsigned *fs, size_t max)
{
	unsigned s = SR_PH_START;
	size_t nf = 0;
	for (unsigned l = 0; l < nline; l++) {
		const unsigned char *p = (const unsigned char *)text[l].ptr;
		if (l > 0) {
			s = step(s, SR_PH_SPACE);
			if (ends_here(s) && nf < max) {
				fat[nf] = (uint32_t)l << 20 | AN_SEP;
				fs[nf++] = s;
			}
		}
		for (size_t i = 0; i < text[l].len; i++) {
			s = step_byte(s, p[i]);
			if (ends_here(s) && nf < max) {
				fat[nf] = (uint32_t)l << 20 | (uint32_t)i;
				fs[nf++] = s;
			}
		}
	}
	return nf;
}

static uint32_t out_of(unsigned s)
{
	return sr_ph_out_word[(s >> SR_PH_SHIFT) - SR_PH_NOUT_FIRST];
}

static int same_scan(const struct scan *a, const struct scan *b)
{
	for (int k = 0; k < 3; k++)
		if (a->best[k] != b->best[k] || a->best_len[k] != b->best_len[k])
			return 0;
	for (int k = 0; k < 2; k++)
		if (a->spec[k] != b->spec[k] || a->spec_len[k] != b->spec_len[k])
			return 0;
	return a->tag == b->tag && a->tag_len == b->tag_len &&
	       a->provider == b->provider && a->quote == b->quote &&
	       a->code == b->code && a->qat == b->qat && a->qcont == b->qcont &&
	       (!a->qcont || a->qline == b->qline) && a->told == b->told &&
	       a->enh.klass == b->enh.klass &&
	       a->enh.subject == b->enh.subject &&
	       a->enh.detail == b->enh.detail && a->cmd == b->cmd &&
	       a->stop == b->stop && a->signs == b->signs &&
	       a->sender == b->sender && a->ntext == b->ntext &&
	       (a->ntext == 0 || a->text_pos == b->text_pos);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		if (f != NULL)
			fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* The replies of a corpus: a bench corpus (replies one after another), or
 * a .tsv whose rows hold a reply in the column named "reply" (\r \n \t
 * and \\ escaped, as tools/reason_dump.c reads them). Only those of 4xx
 * and 5xx, which smtpreply_reason scans. The texts stay allocated. */
struct corpus {
	struct smtpreply *r;
	size_t n, cap;
	char **texts; /* the unescaped rows of a .tsv, which r points into */
	size_t ntexts, tcap;
	char *buf;    /* the file */
};

static void corpus_free(struct corpus *c)
{
	for (size_t k = 0; k < c->ntexts; k++)
		free(c->texts[k]);
	free(c->texts);
	free(c->r);
	free(c->buf);
}

static void add_reply(struct corpus *c, const char *p, size_t len)
{
	size_t off = 0;
	while (off < len) {
		int rc;
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 1024;
			c->r = realloc(c->r, c->cap * sizeof *c->r);
			if (c->r == NULL)
				exit(1);
		}
		rc = smtpreply_parse(p + off, len - off, NULL, &c->r[c->n]);
		if (rc <= 0)
			break;
		if (c->r[c->n].code >= 400)
			c->n++;
		off += (size_t)rc;
	}
}

static char *unescape(const char *s, size_t n, size_t *out)
{
	char *d = malloc(n + 3);
	size_t k = 0;
	if (d == NULL)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char e = s[++i];
			d[k++] = e == 'r' ? '\r' : e == 'n' ? '\n' : e == 't' ? '\t' : e;
		} else {
			d[k++] = s[i];
		}
	}
	if (k < 2 || d[k - 1] != '\n') {
		d[k++] = '\r';
		d[k++] = '\n';
	}
	*out = k;
	return d;
}

static void load(struct corpus *c, const char *path)
{
	size_t len;
	char *buf = read_all(path, &len);
	size_t pl = strlen(path);
	if (buf == NULL) {
		fprintf(stderr, "scan_anchor: cannot read %s\n", path);
		exit(1);
	}
	if (pl > 4 && strcmp(path + pl - 4, ".tsv") == 0) {
		/* the header's "reply" column */
		char *line = buf, *nl;
		int col = -1, row = 0;
		for (; *line != '\0'; line = nl + 1, row++) {
			char *f = line, *e;
			int k = 0;
			nl = strchr(line, '\n');
			if (nl == NULL)
				nl = line + strlen(line);
			if (*line == '#' || line == nl) {
				if (*nl == '\0')
					break;
				continue;
			}
			if (col < 0) {
				for (;; k++) {
					e = memchr(f, '\t', (size_t)(nl - f));
					if (e == NULL)
						e = nl;
					if (e - f == 5 && memcmp(f, "reply", 5) == 0) {
						col = k;
						break;
					}
					if (e == nl)
						break;
					f = e + 1;
				}
				if (col < 0)
					col = 0; /* no header: the first column */
				else if (*nl == '\0')
					break;
				else
					continue;
			}
			for (k = 0; k < col; k++) {
				e = memchr(f, '\t', (size_t)(nl - f));
				if (e == NULL)
					break;
				f = e + 1;
			}
			if (k == col) {
				size_t ul;
				char *u;
				e = memchr(f, '\t', (size_t)(nl - f));
				if (e == NULL)
					e = nl;
				u = unescape(f, (size_t)(e - f), &ul);
				if (c->ntexts == c->tcap) {
					c->tcap = c->tcap ? 2 * c->tcap : 256;
					c->texts = realloc(c->texts,
					                   c->tcap * sizeof *c->texts);
					if (c->texts == NULL)
						exit(1);
				}
				c->texts[c->ntexts++] = u;
				add_reply(c, u, ul);
			}
			if (*nl == '\0')
				break;
		}
		free(buf); /* the rows were copied */
	} else {
		add_reply(c, buf, len);
		c->buf = buf;
	}
}

static int variant = 2; /* 1: walks back through a trie; 2: compares */

static void new_scan(const struct smtpreply *r, struct scan *sc)
{
	if (variant == 1)
		an_scan_text(r, sc);
	else
		an2_scan_text(r, sc);
}

static int check(const struct corpus *c, const char *name)
{
	enum { MAXF = 4096 };
	static uint32_t fa[MAXF], fb[MAXF];
	static unsigned sa[MAXF], sb[MAXF];
	size_t bad = 0, badscan = 0, nfind = 0, ncand = 0, nbytes = 0;

	for (size_t k = 0; k < c->n; k++) {
		const struct smtpreply *r = &c->r[k];
		struct smtpreply_str text[SR_SCAN_LINES];
		struct lines t;
		struct scan x, y;
		size_t na, nb, nn;
		unsigned nline;

		lines_of(r, text, &t);
		nline = t.count;
		if (nline == 0)
			continue;
		na = ref_findings(text, nline, fa, sa, MAXF);
		nb = variant == 1 ? an_findings(text, nline, fb, sb, MAXF)
		                  : an2_findings(text, nline, fb, sb, MAXF);
		ncand += an_classes(text, nline, &nn);
		nbytes += nn - 2;
		nfind += na;
		if (na != nb) {
			bad++;
		} else {
			for (size_t j = 0; j < na; j++)
				if (fa[j] != fb[j] || out_of(sa[j]) != out_of(sb[j])) {
					bad++;
					break;
				}
		}
		x.held = y.held = NULL;
		sr_scan_text(r, &x);
		new_scan(r, &y);
		if (!same_scan(&x, &y)) {
			badscan++;
			if (getenv("AN_VERBOSE") != NULL && badscan < 4)
				fprintf(stderr,
				        "best %d/%d %d/%d %d/%d spec %d/%d %d/%d tag %d/%d "
				        "provider %d/%d quote %d/%d code %d/%d stop %d/%d "
				        "signs %x/%x ntext %zu/%zu cmd %d/%d told %d/%d\n",
				        x.best[0], y.best[0], x.best[1], y.best[1], x.best[2],
				        y.best[2], x.spec[0], y.spec[0], x.spec[1], y.spec[1],
				        x.tag, y.tag, x.provider, y.provider, x.quote, y.quote,
				        x.code, y.code, x.stop, y.stop, x.signs, y.signs,
				        x.ntext, y.ntext, x.cmd, y.cmd, x.told, y.told);
		}
		if ((bad || badscan) && getenv("AN_VERBOSE") != NULL && bad + badscan < 5)
			fprintf(stderr, "differs: %.*s\n", (int)r->raw.len, r->raw.ptr);
	}
	printf("%s: %zu replies of 4xx/5xx, %zu findings; %.3f candidate ends "
	       "a class; findings differ in %zu replies, struct scan in %zu\n",
	       name, c->n, nfind, nbytes ? (double)ncand / (double)nbytes : 0.0,
	       bad, badscan);
	return bad == 0 && badscan == 0;
}

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static unsigned long sink;
static int an_only = -1; /* AN_ONLY=0: the library's scan only, 1: the new */

static AN_NOINLINE double time_block(const struct corpus *c, size_t a,
                                     size_t e, int which)
{
	double t0 = now_ns();
	for (size_t k = a; k < e; k++) {
		struct scan sc;
		sc.held = NULL;
		if (which == 0)
			sr_scan_text(&c->r[k], &sc);
		else
			new_scan(&c->r[k], &sc);
		sink += (unsigned long)(sc.best[2] + sc.best[1] + sc.provider);
	}
	return now_ns() - t0;
}

static void timing(const struct corpus *c, long passes)
{
	enum { BLOCK = 256 };
	size_t nb = (c->n + BLOCK - 1) / BLOCK;
	double *best, tot[2] = {0, 0};
	if (nb == 0) {
		printf("no 4xx or 5xx reply\n");
		return;
	}
	best = malloc(2 * nb * sizeof *best);
	if (best == NULL)
		exit(1);
	for (size_t b = 0; b < 2 * nb; b++)
		best[b] = -1;
	for (long p = 0; p < passes; p++) {
		for (size_t b = 0; b < nb; b++) {
			size_t a = b * BLOCK, e = a + BLOCK < c->n ? a + BLOCK : c->n;
			for (int w = 0; w < 2; w++) {
				int which = (int)((p + b + (size_t)w) & 1);
				if (an_only >= 0 && which != an_only)
					continue; /* AN_ONLY: one scan (callgrind) */
				double t = time_block(c, a, e, which);
				if (best[2 * b + which] < 0 || t < best[2 * b + which])
					best[2 * b + which] = t;
			}
		}
	}
	for (size_t b = 0; b < nb; b++) {
		tot[0] += best[2 * b];
		tot[1] += best[2 * b + 1];
	}
	printf("%zu replies: library scan %.1f ns a reply, design %d: %.1f "
	       "(new/old %.3f) (sink %lu)\n",
	       c->n, tot[0] / (double)c->n, variant,
	       tot[1] / (double)c->n, tot[1] / tot[0], sink % 10);
	free(best);
}

/* A number from the environment, or def. */
static int env_int(const char *name, int def)
{
	const char *v = getenv(name);
	return v != NULL ? (int)strtol(v, NULL, 10) : def;
}

int main(int argc, char **argv)
{
	int ok = 1;
	variant = env_int("AN_VARIANT", 2) == 1 ? 1 : 2;
#if AN_HAVE2
	if (!__builtin_cpu_supports("avx512vbmi2") ||
	    !__builtin_cpu_supports("avx512bw") ||
	    !__builtin_cpu_supports("avx512vbmi"))
		variant = 1;
#else
	variant = 1;
#endif
	an_only = env_int("AN_ONLY", -1);
	an_layout = env_int("AN_LAYOUT", 1);
	an_early = env_int("AN_EARLY", 1);
	an_phase = env_int("AN_PHASE", 0);
	an_build();
	an2_build();
	fprintf(stderr, "scan_anchor: %u patterns, %u trie nodes, %u dense rows\n",
	        (unsigned)ANCHOR_NPAT, an_nnode, an_ndense);
	if (argc >= 3 && strcmp(argv[1], "--time") == 0) {
		struct corpus c = {NULL, 0, 0, NULL, 0, 0, NULL};
		long passes = argc > 3 ? strtol(argv[3], NULL, 10) : 30;
		size_t lo = argc > 4 ? strtoul(argv[4], NULL, 10) : 0;
		size_t hi = argc > 5 ? strtoul(argv[5], NULL, 10) : (size_t)-1;
		size_t kept = 0;
		load(&c, argv[2]);
		/* MIN MAX: only the replies of MIN to MAX raw bytes */
		for (size_t k = 0; k < c.n; k++)
			if (c.r[k].raw.len >= lo && c.r[k].raw.len <= hi)
				c.r[kept++] = c.r[k];
		c.n = kept;
		timing(&c, passes > 0 ? passes : 30);
		corpus_free(&c);
		return 0;
	}
	for (int k = 1; k < argc; k++) {
		struct corpus c = {NULL, 0, 0, NULL, 0, 0, NULL};
		load(&c, argv[k]);
		ok &= check(&c, argv[k]);
		corpus_free(&c);
	}
	return ok ? 0 : 1;
}

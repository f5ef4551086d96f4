/* words_lr.c - the logistic (softmax) counterpart of tools/words_probe.py's
 * naive Bayes, trained leave-one-source-out.
 *
 *   python3 tools/words_probe.py DUMP [--bigrams] --export rows.txt
 *   cc -O2 -o /tmp/words_lr tools/words_lr.c -lm
 *   /tmp/words_lr rows.txt [RATE [L2 [EPOCHS]]] > scores.txt
 *   python3 tools/words_probe.py DUMP [--bigrams] --scores scores.txt --split
 *
 * For each source with a row the library only guessed, a model is trained
 * from zero on every other source's rows (stochastic gradient descent, a
 * fixed shuffle, the rate falling as 1/(1 + epoch/2), L2 as a shrink of the
 * weights after each epoch) and that source's asked rows get one line each:
 * the row's index and the log-probability of every class. Python is too
 * slow for 238 trainings; this takes a few seconds. An experiment's tool,
 * not part of the library. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row {
	int src, label, asked, nf;
	int *f;
};

static void score(const double *w, int nfeat, int nclass,
                    const struct row *r, double *p)
{
	double mx = -1e300, sum = 0;

	for (int c = 0; c < nclass; c++) {
		double z = w[(size_t)nfeat * nclass + c]; /* the bias */
		for (int k = 0; k < r->nf; k++)
			z += w[(size_t)r->f[k] * nclass + c];
		p[c] = z;
		if (z > mx)
			mx = z;
	}
	for (int c = 0; c < nclass; c++)
		sum += exp(p[c] - mx);
	for (int c = 0; c < nclass; c++)
		p[c] -= mx + log(sum); /* log-probabilities */
}

/* The next whole number of the text at *p (white space before it
 * skipped); 0 when there is none or it is out of range. */
static int next_int(char **p, int *v)
{
	char *end;
	long x = strtol(*p, &end, 10);

	if (end == *p || x < -1 || x > 100000000L)
		return 0;
	*p = end;
	*v = (int)x;
	return 1;
}

/* The file whole, NUL-terminated (NULL on an error). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (len + 65536 + 1 > cap) {
			char *b = realloc(buf, cap = 2 * cap + 65536 + 1);
			if (b == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static void train_and_ask(struct row *rows, int n, int nfeat, int nclass,
                          int nsrc, double rate, double l2, int epochs,
                          double *w, double *p, int *order)
{
	for (int s = 0; s < nsrc; s++) {
		int any = 0, m = 0;
		unsigned seed = 12345u;
		for (int i = 0; i < n; i++)
			any |= rows[i].src == s && rows[i].asked;
		if (!any)
			continue;
		memset(w, 0, ((size_t)nfeat + 1) * (size_t)nclass * sizeof *w);
		for (int i = 0; i < n; i++)
			if (rows[i].src != s)
				order[m++] = i; /* the source's rows left out */
		for (int e = 0; e < epochs; e++) {
			double eta = rate / (1 + e * 0.5), shrink;
			for (int i = m - 1; i > 0; i--) {
				int j, t;
				seed = seed * 1103515245u + 12345u;
				j = (int)((seed >> 8) % (unsigned)(i + 1));
				t = order[i], order[i] = order[j], order[j] = t;
			}
			for (int t = 0; t < m; t++) {
				const struct row *r = &rows[order[t]];
				score(w, nfeat, nclass, r, p);
				for (int c = 0; c < nclass; c++) {
					double g = exp(p[c]) - (c == r->label);
					w[(size_t)nfeat * nclass + c] -= eta * g;
					for (int k = 0; k < r->nf; k++)
						w[(size_t)r->f[k] * nclass + c] -= eta * g;
				}
			}
			shrink = 1 - eta * l2 * m;
			if (shrink < 0.5)
				shrink = 0.5;
			for (size_t q = 0; q < (size_t)nfeat * (size_t)nclass; q++)
				w[q] *= shrink;
		}
		for (int i = 0; i < n; i++) {
			if (rows[i].src != s || !rows[i].asked)
				continue;
			score(w, nfeat, nclass, &rows[i], p);
			printf("%d", i);
			for (int c = 0; c < nclass; c++)
				printf(" %.4f", p[c]);
			printf("\n");
		}
	}
}

int main(int argc, char **argv)
{
	int n = 0, nfeat = 0, nclass = 0, nsrc = 0, epochs, ok = 0;
	double rate = argc > 2 ? strtod(argv[2], NULL) : 0.1;
	double l2 = argc > 3 ? strtod(argv[3], NULL) : 1e-5;
	char *text = argc > 1 ? slurp(argv[1]) : NULL, *q = text;
	struct row *rows = NULL;
	double *w = NULL, *p = NULL;
	int *order = NULL;

	epochs = argc > 4 ? (int)strtol(argv[4], NULL, 10) : 10;
	if (text == NULL) {
		fprintf(stderr, "usage: words_lr ROWS [RATE [L2 [EPOCHS]]]\n");
		return 2;
	}
	if (!next_int(&q, &n) || !next_int(&q, &nfeat) ||
	    !next_int(&q, &nclass) || !next_int(&q, &nsrc) || n <= 0 ||
	    nfeat <= 0 || nclass <= 0)
		goto out;
	rows = calloc((size_t)n, sizeof *rows);
	order = calloc((size_t)n, sizeof *order);
	w = calloc(((size_t)nfeat + 1) * (size_t)nclass, sizeof *w);
	p = calloc((size_t)nclass, sizeof *p);
	if (!rows || !order || !w || !p)
		goto out;
	for (int i = 0; i < n; i++) {
		struct row *r = &rows[i];
		int lib;
		if (!next_int(&q, &r->src) || !next_int(&q, &r->label) ||
		    !next_int(&q, &r->asked) || !next_int(&q, &lib) ||
		    !next_int(&q, &r->nf) || r->nf < 0 || r->label < 0 ||
		    r->label >= nclass)
			goto out;
		r->f = calloc((size_t)r->nf + 1, sizeof *r->f);
		if (r->f == NULL)
			goto out;
		for (int k = 0; k < r->nf; k++)
			if (!next_int(&q, &r->f[k]) || r->f[k] < 0 ||
			    r->f[k] >= nfeat)
				goto out;
	}
	train_and_ask(rows, n, nfeat, nclass, nsrc, rate, l2, epochs, w, p,
	              order);
	ok = 1;
out:
	if (!ok)
		fprintf(stderr, "words_lr: %s: not a file of words_probe.py "
		                "--export\n", argv[1]);
	for (int i = 0; rows != NULL && i < n; i++)
		free(rows[i].f);
	free(rows), free(order), free(w), free(p), free(text);
	return ok ? 0 : 1;
}

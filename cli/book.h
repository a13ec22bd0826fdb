/* book.h - synthetic books of declarations (`ratel book`). */
#ifndef RATEL_CLI_BOOK_H
#define RATEL_CLI_BOOK_H

#include "cli.h"

/* ---- synthetic books (book_*.c) -------------------------------------- */

/* xoshiro256** seeded through splitmix64: the same seed gives the same
 * numbers everywhere. The math below uses only + - * / and sqrt, whose
 * IEEE results are exact-rounded, so outputs are portable. */
typedef struct book_rng {
    uint64_t s[4];
} book_rng;

void book_rng_seed(book_rng *r, uint64_t seed);
uint64_t book_rng_next(book_rng *r);
double book_uniform(book_rng *r);                 /* [0, 1) */
uint64_t book_below(book_rng *r, uint64_t n);     /* [0, n) */
double book_normal(book_rng *r);                  /* about N(0, 1) */
double book_exp(double x);                        /* e^x, portable */
double book_log(double x);                        /* ln x, portable */
unsigned book_poisson(book_rng *r, double mean);
/* An index drawn with the given weights (need not sum to 1). */
size_t book_pick(book_rng *r, const double *weights, size_t n);

/* Writes policy number `i` (0-based) of the book as one JSON line. Returns
 * 0, or -1 on a write error. */
int book_write_policy(FILE *out, book_rng *r, unsigned long long i);

#endif

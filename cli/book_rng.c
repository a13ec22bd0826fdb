/* book_rng.c - the deterministic random numbers of `ratel book generate`:
 * xoshiro256** seeded through splitmix64, and distributions computed with
 * + - * / only (IEEE exact rounding), so a seed gives the same book on
 * every machine and C library. */
#include "cli.h"
#include "book.h"

#include <math.h>

#define LN2 0.693147180559945309417232121458

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void book_rng_seed(book_rng *r, uint64_t seed)
{
    int i;
    for (i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t book_rng_next(book_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double book_uniform(book_rng *r)
{
    return (double)(book_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t book_below(book_rng *r, uint64_t n)
{
    return n == 0 ? 0 : book_rng_next(r) % n; /* bias < 2^-40 for our n */
}

/* Irwin-Hall: the sum of 12 uniforms minus 6 (mean 0, variance 1, tails
 * cut at 6 sigma): arithmetic only, unlike Box-Muller. */
double book_normal(book_rng *r)
{
    double s = 0.0;
    int i;
    for (i = 0; i < 12; i++)
        s += book_uniform(r);
    return s - 6.0;
}

double book_exp(double x)
{
    double k, rem, term = 1.0, sum = 1.0;
    int i;

    if (x > 700.0)
        x = 700.0;
    if (x < -700.0)
        return 0.0;
    k = x >= 0 ? (double)(long)(x / LN2 + 0.5) : (double)(long)(x / LN2 - 0.5);
    rem = x - k * LN2; /* |rem| <= ln2/2 */
    for (i = 1; i <= 20; i++) {
        term = term * rem / i;
        sum += term;
    }
    return ldexp(sum, (int)k); /* exact: a change of exponent */
}

double book_log(double x)
{
    int e;
    double m, t, t2, term, sum = 0.0;
    int i;

    if (x <= 0.0)
        return -INFINITY;
    m = frexp(x, &e); /* exact: x = m * 2^e, m in [0.5, 1) */
    t = (m - 1.0) / (m + 1.0);
    t2 = t * t;
    term = t;
    for (i = 1; i <= 41; i += 2) { /* 2 atanh(t), |t| <= 1/3 */
        sum += term / i;
        term *= t2;
    }
    return 2.0 * sum + e * LN2;
}

unsigned book_poisson(book_rng *r, double mean)
{
    double limit = book_exp(-mean), p = 1.0;
    unsigned k = 0;
    for (;;) {
        p *= book_uniform(r);
        if (p <= limit || k >= 1000)
            return k;
        k++;
    }
}

size_t book_pick(book_rng *r, const double *weights, size_t n)
{
    double total = 0.0, x;
    size_t i;
    for (i = 0; i < n; i++)
        total += weights[i];
    x = book_uniform(r) * total;
    for (i = 0; i + 1 < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

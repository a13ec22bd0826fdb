/* risk_rng.c - xoshiro256** (Blackman and Vigna) seeded by splitmix64
 * from a seed and a stream number: each block of simulated years has a
 * stream of its own, so a year's numbers do not depend on which thread
 * draws them or in what order the blocks run. */
#include "risk.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void risk_rng_seed(risk_rng *r, uint64_t seed, uint64_t stream)
{
    /* the stream number goes through its own splitmix step first, so
     * neighbouring streams of neighbouring seeds do not overlap */
    uint64_t x = stream, mixed = splitmix64(&x);
    uint64_t state = seed ^ mixed;
    int i;
    for (i = 0; i < 4; i++)
        r->s[i] = splitmix64(&state);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t risk_rng_next(risk_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double risk_rng_uniform(risk_rng *r)
{
    /* 53 bits, centred in their cell: never 0 or 1, which the quantile
     * functions could not take */
    return ((double)(risk_rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

/* risk_rng.c - xoshiro256** (Blackman and Vigna) seeded by splitmix64,
 * and its jump: 2^128 steps at once, so that each block of simulated years
 * has a stream of its own that cannot overlap another's, and a year's
 * numbers do not depend on which thread draws them or in what order the
 * blocks run. */
#include "risk.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void risk_rng_seed(risk_rng *r, uint64_t seed)
{
    uint64_t state = seed;
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

void risk_rng_jump(risk_rng *r)
{
    static const uint64_t poly[4] = {0x180ec6d33cfd0abaULL,
                                     0xd5a61266f0c9392cULL,
                                     0xa9582618e03fc9aaULL,
                                     0x39abdc4529b1661cULL};
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i, b;
    for (i = 0; i < 4; i++)
        for (b = 0; b < 64; b++) {
            if (poly[i] & (1ULL << b)) {
                s0 ^= r->s[0];
                s1 ^= r->s[1];
                s2 ^= r->s[2];
                s3 ^= r->s[3];
            }
            (void)risk_rng_next(r);
        }
    r->s[0] = s0;
    r->s[1] = s1;
    r->s[2] = s2;
    r->s[3] = s3;
}

/* risk_normal.c - the standard normal distribution function and its
 * inverse, for the lognormal severities and their sampling. */
#include "risk.h"

#include <math.h>

double risk_norm_cdf(double z)
{
    /* erfc keeps its relative accuracy far into the lower tail, where
     * 1 + erf(x) would cancel */
    return 0.5 * erfc(-z * M_SQRT1_2);
}

/* Wichura, "Algorithm AS 241: the percentage points of the normal
 * distribution", Applied Statistics 37 (1988), PPND16. */
static double poly(const double *c, int n, double x)
{
    double v = c[n - 1];
    int i;
    for (i = n - 2; i >= 0; i--)
        v = v * x + c[i];
    return v;
}

static const double a_central[8] = {
    3.3871328727963666080e0, 1.3314166789178437745e2,
    1.9715909503065514427e3, 1.3731693765509461125e4,
    4.5921953931549871457e4, 6.7265770927008700853e4,
    3.3430575583588128105e4, 2.5090809287301226727e3};
static const double b_central[8] = {
    1.0, 4.2313330701600911252e1, 6.8718700749205790830e2,
    5.3941960214247511077e3, 2.1213794301586595867e4,
    3.9307895800092710610e4, 2.8729085735721942674e4,
    5.2264952788528545610e3};
static const double c_near[8] = {
    1.42343711074968357734e0, 4.63033784615654529590e0,
    5.76949722146069140550e0, 3.64784832476320460504e0,
    1.27045825245236838258e0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4};
static const double d_near[8] = {
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0,
    6.89767334985100004550e-1, 1.48103976427480074590e-1,
    1.51986665636164571966e-2, 5.47593808499534494600e-4,
    1.05075007164441684324e-9};
static const double e_far[8] = {
    6.65790464350110377720e0, 5.46378491116411436990e0,
    1.78482653991729133580e0, 2.96560571828504891230e-1,
    2.65321895265761230930e-2, 1.24266094738807843860e-3,
    2.71155556874348757815e-5, 2.01033439929228813265e-7};
static const double f_far[8] = {
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1,
    1.48753612908506148525e-2, 7.86869131145613259100e-4,
    1.84631831751005468180e-5, 1.42151175831644588870e-7,
    2.04426310338993978564e-15};

double risk_norm_quantile(double p)
{
    double q = p - 0.5, r, v;
    if (!(p > 0.0))
        return -INFINITY;
    if (!(p < 1.0))
        return INFINITY;
    if (fabs(q) <= 0.425) {
        r = 0.180625 - q * q;
        return q * poly(a_central, 8, r) / poly(b_central, 8, r);
    }
    r = sqrt(-log(q < 0 ? p : 1.0 - p));
    if (r <= 5.0) {
        r -= 1.6;
        v = poly(c_near, 8, r) / poly(d_near, 8, r);
    } else {
        r -= 5.0;
        v = poly(e_far, 8, r) / poly(f_far, 8, r);
    }
    return q < 0 ? -v : v;
}

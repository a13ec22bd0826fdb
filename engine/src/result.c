/* result.c - the scratch record of one rating run. */
#include "result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const res_op_names[RES_NOPS] = {
    "set", "mul", "add", "at_least", "at_most", "round", "note", "combine",
    "allocate", "override"};

void res_init(rate_result *r)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->arena);
}

void res_dispose(rate_result *r)
{
    buf_free(&r->arena);
    free(r->steps);
    free(r->reasons);
    free(r->warnings);
    free(r->terms);
    free(r->spare);
    free(r->terms_index);
    qmeta_cache_clear(&r->metas);
    res_init(r);
}

void res_reset(rate_result *r, int record_steps)
{
    if (r->arena.cap > RES_KEEP_BYTES) /* after an outsized quote */
        buf_free(&r->arena);
    buf_reset(&r->arena);
    r->nsteps = r->ncoverages = r->nreasons = r->nwarnings = 0;
    r->nterms = 0;
    r->nattrs = 0;
    r->tables_used = 0;
    r->combined = 0;
    r->authority_required = 0;
    r->policy_premium = 0;
    r->record_steps = record_steps;
}

uint32_t res_str(rate_result *r, const char *s, size_t len)
{
    size_t off = r->arena.len;
    if (!s)
        return RES_NONE;
    if (off + len + 1 >= RES_NONE) {
        r->arena.oom = 1;
        return RES_NONE;
    }
    buf_put(&r->arena, s, len);
    buf_putc(&r->arena, '\0');
    return r->arena.oom ? RES_NONE : (uint32_t)off;
}

int res_add_step(rate_result *r, const res_step *s)
{
    res_step *ns = mem_grow(r->steps, &r->capsteps, r->nsteps, sizeof *s, 32);
    if (!ns)
        return -1;
    r->steps = ns;
    r->steps[r->nsteps++] = *s;
    return 0;
}

int res_add_reason(rate_result *r, res_kind kind, int level,
                   const char *code,
                   size_t code_len, const char *text, size_t text_len)
{
    res_reason *x = mem_grow(r->reasons, &r->capreasons, r->nreasons,
                             sizeof *x, 32);
    if (!x)
        return -1;
    r->reasons = x;
    x = &r->reasons[r->nreasons];
    x->kind = kind;
    x->level = level;
    x->code = res_str(r, code, code_len);
    x->text = res_str(r, text, text_len);
    if (r->arena.oom)
        return -1;
    r->nreasons++;
    return 0;
}

int res_add_warning(rate_result *r, const char *text, size_t len)
{
    uint32_t off, *nw = mem_grow(r->warnings, &r->capwarnings, r->nwarnings,
                                 sizeof *nw, 32);
    if (!nw)
        return -1;
    r->warnings = nw;
    off = res_str(r, text, len);
    if (off == RES_NONE)
        return -1;
    r->warnings[r->nwarnings++] = off;
    return 0;
}

int res_add_term(rate_result *r, const res_term *t)
{
    res_term *nt = mem_grow(r->terms, &r->capterms, r->nterms, sizeof *nt,
                            16);
    if (!nt)
        return -1;
    r->terms = nt;
    r->terms[r->nterms++] = *t;
    return 0;
}

int res_set_attr(rate_result *r, const char *name, size_t name_len,
                 const char *text, size_t text_len, int64_t integer)
{
    res_attr a;
    size_t i;
    for (i = 0; i < r->nattrs; i++) {
        const char *n = res_at(r, r->attrs[i].name);
        if (strlen(n) == name_len && memcmp(n, name, name_len) == 0)
            break;
    }
    if (i == RES_MAX_ATTRS)
        return -2;
    a.name = i < r->nattrs ? r->attrs[i].name : res_str(r, name, name_len);
    a.text = text ? res_str(r, text, text_len) : RES_NONE;
    a.integer = text ? 0 : integer;
    if (a.name == RES_NONE || (text && a.text == RES_NONE))
        return -1;
    r->attrs[i] = a;
    if (i == r->nattrs)
        r->nattrs++;
    return 0;
}

const char *const res_round_modes[3] = {"half_up", "half_even", "down"};

int res_round(double x, int64_t unit, const char *mode, double *out)
{
    double q, whole, frac, sign = x < 0 ? -1.0 : 1.0;
    if (unit != 1 && unit != 10 && unit != 100 && unit != 1000)
        return -1;
    q = fabs(x) / (double)unit;
    whole = floor(q);
    frac = q - whole;
    /* Products of factors land a hair off the exact figure (83,000 x 0.45
     * is 37,349.999999999996): within RES_ROUND_EPSILON of a boundary, the
     * value counts as on it. */
    if (frac > 1 - RES_ROUND_EPSILON) {
        whole += 1;
        frac = 0;
    } else if (frac < RES_ROUND_EPSILON) {
        frac = 0;
    } else if (fabs(frac - 0.5) < RES_ROUND_EPSILON) {
        frac = 0.5;
    }
    if (strcmp(mode, "half_up") == 0) {
        if (frac >= 0.5)
            whole += 1;
    } else if (strcmp(mode, "half_even") == 0) {
        if (frac > 0.5 || (frac == 0.5 && fmod(whole, 2.0) != 0))
            whole += 1;
    } else if (strcmp(mode, "down") != 0) {
        return -1;
    }
    *out = sign * whole * (double)unit;
    if (*out == 0)
        *out = 0; /* no negative zero */
    return 0;
}

/* structure_util.c - what the structure files share: the kinds' names,
 * freeing a structures file, string lists, and money and percentages as
 * text for the notes (independent of the C locale, as the quote's JSON). */
#include "structure.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *const structure_kind_names[STRUCTURE_NKINDS] = {
    "insurance", "captive", "self_insurance", "commitment_line", "cat_bond"};

static void def_dispose(structure_def *d)
{
    size_t i;
    free(d->name);
    free(d->plan);
    for (i = 0; i < d->nexcess; i++)
        free(d->excess[i].plan);
}

static void scenario_dispose(structure_scenario *s)
{
    size_t i, k;
    free(s->name);
    for (i = 0; i < s->nlosses; i++) {
        free(s->losses[i].peril);
        for (k = 0; k < s->losses[i].nitems; k++)
            free(s->losses[i].items[k].label);
        free(s->losses[i].items);
    }
    free(s->losses);
}

void ratel_structures_free(ratel_structures *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->ndefs; i++)
        def_dispose(&s->defs[i]);
    for (i = 0; i < s->nscenarios; i++)
        scenario_dispose(&s->scenarios[i]);
    free(s->defs);
    free(s->scenarios);
    free(s);
}

int structure_list_vadd(char ***list, size_t *n, const char *fmt, va_list ap)
{
    va_list copy;
    char **grown, *s;
    int len;
    va_copy(copy, ap);
    len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (len < 0 || !(s = malloc((size_t)len + 1)))
        return -1;
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    if (!(grown = realloc(*list, (*n + 1) * sizeof *grown))) {
        free(s);
        return -1;
    }
    grown[(*n)++] = s;
    *list = grown;
    return 0;
}

int structure_list_add(char ***list, size_t *n, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = structure_list_vadd(list, n, fmt, ap);
    va_end(ap);
    return rc;
}

void structure_list_free(char **list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

int64_t structure_yen(double yen)
{
    /* half away from zero; beyond the money range (an unbounded tail)
     * held at its ends */
    if (!(yen < (double)RATEL_MONEY_MAX))
        return yen != yen ? 0 : RATEL_MONEY_MAX;
    if (!(yen > -(double)RATEL_MONEY_MAX))
        return -RATEL_MONEY_MAX;
    return (int64_t)(yen < 0 ? -floor(-yen + 0.5) : floor(yen + 0.5));
}


void structure_put_yen(buf *b, double yen)
{
    int64_t v = structure_yen(yen);
    buf_puts(b, "JPY ");
    if (v < 0)
        buf_putc(b, '-');
    buf_put_grouped(b, (uint64_t)(v < 0 ? -v : v));
}

void structure_put_pct(buf *b, double pct)
{
    int64_t hundredths = structure_yen(pct * 100.0);
    if (hundredths < 0) {
        buf_putc(b, '-');
        hundredths = -hundredths;
    }
    buf_put_grouped(b, (uint64_t)(hundredths / 100));
    if (hundredths % 100) {
        buf_putc(b, '.');
        buf_putc(b, (char)('0' + hundredths % 100 / 10));
        if (hundredths % 10)
            buf_putc(b, (char)('0' + hundredths % 10));
    }
    buf_putc(b, '%');
}

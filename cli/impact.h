/* impact.h - the rate-change impact of `ratel impact` (impact_*.c). */
#ifndef RATEL_CLI_IMPACT_H
#define RATEL_CLI_IMPACT_H

#include "cli.h"
#include "batch.h"

/* ---- rate-change impact (impact_*.c) --------------------------------- */

/* Per-policy change buckets: < -20%, -20..-10, -10..-5, -5..0, 0, 0..5,
 * 5..10, 10..20, > +20% (percent), and the percentiles reported. */
#define IMPACT_NBUCKETS 9
#define IMPACT_NPCT 7
extern const char *const impact_bucket_names[IMPACT_NBUCKETS];
extern const int impact_pct_points[IMPACT_NPCT];

/* One side of the comparison: a plan (at a version) on an engine. */
typedef struct impact_side {
    const char *spec;   /* as given: PLAN or PLAN@VERSION */
    char *plan_id;
    const char *tables, *plans;
    ratel_engine *eng;
    ratel_ctx **ctxs;
    char effective[11]; /* @VERSION: the date it takes effect, else "" */
    const char *as_of;  /* NULL, or a declaration dated earlier is rated
                           as renewed on this date (impact_side_rate) */
} impact_side;

/* Opens the side's engine (only the plan file of VERSION when given) and
 * nthreads contexts. Returns 0, or -1 after printing the error. */
int impact_side_open(impact_side *s, size_t nthreads);
/* The versions of the side's plan it rates ("2025.2 (from 2025-04-01,
 * PATH)", "; " between them), in buf. */
const char *impact_side_versions(const impact_side *s, char *buf,
                                 size_t size);
/* What the breakdowns group a policy by. */
typedef struct impact_facts {
    char industry[40]; /* applicant.industry, or "-" */
    int64_t revenue;   /* applicant.revenue, or 0 */
} impact_facts;

/* Rates the declaration (JSON) with the side's plan on ctx, dated s->as_of
 * when it is dated earlier (*renewed then 1), and fills *facts (may be
 * NULL). Returns a ratel error code; the quote in *out is the caller's. */
int impact_side_rate(ratel_quote **out, const impact_side *s, ratel_ctx *ctx,
                     const char *json, size_t len, unsigned int flags,
                     int *renewed, impact_facts *facts);
void impact_side_close(impact_side *s, size_t nthreads);

/* Outcome columns of the decision matrix: the three decisions, failed. */
#define IMPACT_FAILED 3

typedef struct impact_mover {
    long lineno;
    char *decl;          /* the line's text, NUL-terminated */
    char *applicant;
    int64_t before, after;
    double pct;
    int dec_before, dec_after;
    int has_step;        /* the step that moved it most: */
    char *coverage, *label;
    double value_before, value_after, premium_before, premium_after;
    double step_pct;     /* its own relative change, percent */
} impact_mover;

/* Breakdowns (impact_groups.c): policies rated both ways, by industry,
 * revenue band and decision before, with their premium before and after. */
#define IMPACT_NBANDS 6
#define IMPACT_MAX_INDUSTRIES 64
typedef struct impact_group {
    char name[40]; /* an industry; "" for bands and decisions */
    long policies;
    double before, after;
} impact_group;

typedef struct impact_report {
    const char *book;
    const impact_side *from, *to;
    long rows, rated, failed, zero_before;
    long renewed;                     /* rated as of from->as_of */
    double total_before, total_after; /* over policies rated both ways */
    long matrix[4][4];                /* [from][to] */
    double *changes;                  /* per-policy change, percent */
    size_t nchanges, cap;
    double pct[IMPACT_NPCT];
    long buckets[IMPACT_NBUCKETS];
    impact_mover *movers;             /* sorted, largest first */
    size_t nmovers, top;
    double seconds;
    char first_error[256];
    impact_group industries[IMPACT_MAX_INDUSTRIES]; /* in order seen */
    size_t nindustries;
    impact_group bands[IMPACT_NBANDS];
    impact_group decisions[3];
} impact_report;

void impact_add_to_groups(impact_report *r, const impact_facts *f,
                          int64_t before, int64_t after, int dec_before);
int impact_write_groups_text(FILE *out, const impact_report *r);
/* esc: writes text escaped for HTML. */
int impact_write_groups_html(FILE *out, const impact_report *r,
                             int (*esc)(FILE *, const char *));

/* Statistics (impact_stats.c). */
int impact_add_change(impact_report *r, double pct);
void impact_finish_stats(impact_report *r);
double impact_total_change(const impact_report *r); /* percent */
/* Offers a candidate mover (copies decl when kept). Returns 0, or -1
 * when out of memory. */
int impact_offer_mover(impact_report *r, long lineno, const char *decl,
                       size_t len, int64_t before, int64_t after,
                       int dec_before, int dec_after);
void impact_sort_movers(impact_report *r);
void impact_report_free(impact_report *r);
/* "quoted", "referred", "declined" or "failed". */
const char *impact_outcome_name(int outcome);

/* Re-rates a mover with the worksheet on both sides and finds the step
 * that moved it most (impact_steps.c). Returns 0, or -1 when it cannot be
 * rated again (the mover keeps has_step 0). */
int impact_explain(impact_mover *m, const impact_side *from,
                   const impact_side *to);

/* Rates the book both ways (impact_run.c). Returns 0, or -1 after
 * printing an input error. */
int impact_run(impact_report *r, const char *book, size_t nthreads);

/* Reports (impact_text.c, impact_json.c, impact_html.c). Return 0, or
 * -1 on a write error. */
int impact_write_text(FILE *out, const impact_report *r);
int impact_write_json(FILE *out, const impact_report *r);
int impact_write_html(FILE *out, const impact_report *r);

#endif

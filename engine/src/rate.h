/* rate.h - the steps of rating one quote, shared by ratel_rate and
 * the options menu (menu.c). */
#ifndef RATEL_RATE_H
#define RATEL_RATE_H

#include "ctx_int.h"
#include "group.h"
#include "quote.h"

/* The arguments ratel_rate and ratel_rate_menu share, once the
 * caller's out-parameter is cleared: a context and a declaration, and
 * options of a known version (*o NULL: *o points to the defaults,
 * RATEL_RATE_OPTIONS_INIT). Clears the context's error first. Returns
 * RATEL_OK or RATEL_EARG (on ctx, naming `fname`). */
int rate_check_args(ratel_ctx *c, const ratel_decl *d,
                    const ratel_rate_options **o, const char *fname);

/* Checks the caller's overrides before the plan runs (errors on ctx). */
int rate_check_overrides(ratel_ctx *c, const ratel_rate_options *o);

/* Finds the plan version in force for the declaration and resolves its
 * tables into c->resolved (errors on ctx). */
int rate_prepare(ratel_ctx *c, const struct ratel_decl *d,
                 const char *plan_id, const plan_def **out);

/* Makes the context's scratch result ready for one run of the plan. */
void rate_start_result(ratel_ctx *c, const ratel_rate_options *o);

/* After the plan ran: decision, premium checks, overrides, allocation
 * (and for a group, `g`'s shares of the group premium), and the quote.
 * Errors go to e. */
int rate_finish(ratel_quote **out, ratel_ctx *c, const plan_def *p,
                const struct ratel_decl *d, const ratel_rate_options *o,
                ratel_err *e, group_members *g);

/* A group quote (group.c): every company on its own, then the plan's
 * rate_group; errors on c->err. */
int group_rate(ratel_quote **out, ratel_ctx *c, const plan_def *p,
               const struct ratel_decl *d, const ratel_rate_options *o);
/* The group premium shared among the companies, and its worksheet
 * steps. 0, or -1 when out of memory. */
int group_finish(rate_result *r, group_members *g, int64_t total);

#endif

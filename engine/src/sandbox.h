/* sandbox.h - the room that holds Lua: the plan interpreter with its
 * allow-listed environment, limits, and the functions plans call.
 * Only sandbox*.c include the Lua headers. */
#ifndef RATEL_SANDBOX_H
#define RATEL_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include "decl.h"
#include "engine.h"
#include "err.h"
#include "group.h"
#include "result.h"
#include "tables.h"

typedef struct sbx sbx;

/* A new interpreter with the plan environment; NULL when out of memory. */
sbx *sbx_new(const plan_limits *limits);
void sbx_free(sbx *s);

/* What a plan file declares about itself (strings owned by the caller of
 * sbx_inspect, freed with plan_def_dispose). */
int sbx_inspect(sbx *s, plan_def *p, ratel_err *e);

/* A menu: sbx_menu_start runs the plan's chunk and its optional shared(d)
 * once for declaration `d`; then sbx_menu_rate rates one option (a copy
 * of d) into `r`, showing the plan only the document slots `changed`
 * since the last option (NULL: all). An option that changes only fields
 * under `coverages` (coverages_only) shares the menu's shared(d) and
 * shared_steps() blocks; any other gets its own shared(d) and takes
 * every step itself, as a single quote. sbx_menu_end releases the menu.
 * Errors as sbx_rate. A failed start needs no end. */
int sbx_menu_start(sbx *s, const plan_def *p, const tbl_table *const *tables,
                   const struct ratel_decl *d, size_t noptions,
                   ratel_err *e);
int sbx_menu_rate(sbx *s, const struct ratel_decl *d, const int *changed,
                  size_t nchanged, int coverages_only, rate_result *r,
                  ratel_err *e);
void sbx_menu_end(sbx *s);

/* Rates `d` with plan `p` using the resolved tables (one per name in
 * p->tables, same order), writing into `r`. Returns RATEL_OK or
 * RATEL_ESCRIPT / RATEL_ELIMIT / RATEL_ERESULT / RATEL_ENOMEM with the
 * message, script and line on e. The interpreter is ready for the next
 * call either way. */
int sbx_rate(sbx *s, const plan_def *p, const tbl_table *const *tables,
             const struct ratel_decl *d, rate_result *r, ratel_err *e);

/* Rates the group declaration `d` with the plan's rate_group(d, members)
 * into `r`, the companies already rated on their own in `g` (the plan may
 * exclude some: g->m[i].excluded, and name the allocation rule:
 * g->rule). Errors as sbx_rate. */
int sbx_rate_group(sbx *s, const plan_def *p, const tbl_table *const *tables,
                   const struct ratel_decl *d, group_members *g,
                   rate_result *r, ratel_err *e);

/* The globals a plan sees, one per line, sorted ("name" and
 * "library.field"), in a new string the caller frees. */
int sbx_list_globals(sbx *s, char **out);

#endif

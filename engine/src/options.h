/* options.h - private: a menu of options (ratel_options), each a name
 * and fields to set by path (docs/schemas.md), from the API, an options
 * file or a plan's plan.options; applied to a copy of a declaration's
 * document record when the menu is rated. */
#ifndef RATEL_OPTIONS_H
#define RATEL_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "decl.h"
#include "err.h"

#define OPT_MAX_OPTIONS 1000
#define OPT_MAX_SETS 64

typedef enum opt_kind { OPT_INT, OPT_NUMBER, OPT_BOOL, OPT_STRING } opt_kind;

typedef struct opt_set {
    char *path;
    opt_kind kind;
    int64_t i;
    double f;
    char *s;
} opt_set;

typedef struct opt_item {
    char *name;
    opt_set *sets;
    size_t nsets, cap;
} opt_item;

struct ratel_options {
    opt_item *items;
    size_t n, cap;
    int packed;   /* opt_copy's: items, sets and texts in this one block */
};

/* A copy of o in one allocation (freed by ratel_options_free), for a
 * menu to keep; NULL when out of memory. */
ratel_options *opt_copy(const ratel_options *o);

/* Internal forms of the public functions, reporting on `e`. */
int opt_add(ratel_options *o, const char *name, ratel_err *e);
int opt_put(ratel_options *o, const char *path, opt_kind kind, int64_t i,
            double f, const char *s, ratel_err *e);

/* Reads the menu at `root` (an array of options, as
 * ratel_options_parse), naming errors from the JSON path `at`. RATEL_OK
 * with *out, RATEL_EDECL (field errors added to e, not finished) or
 * RATEL_ENOMEM; *out NULL on error. */
struct jt_node;
int opt_parse_node(ratel_options **out, const struct jt_node *root,
                   const char *at, ratel_err *e);

/* The document slots an option set (shorthands expanded), so that only
 * those are shown again to the plan; `all` when it moved a date, whose
 * defaults move others; `outside` when one of them is not under the
 * schema's coverages (see opt_coverages_only). */
#define OPT_MAX_TOUCHED (OPT_MAX_SETS * 4)
typedef struct opt_touched {
    int slots[OPT_MAX_TOUCHED];
    size_t n;
    int all, outside;
} opt_touched;

/* The slots to show again when `now` follows `before` (the slots either
 * set): into *out, or `now` itself when they set the same slots (the
 * usual menu, each option setting the same fields), without a copy. */
const opt_touched *opt_touched_union(const opt_touched *now,
                                     const opt_touched *before,
                                     opt_touched *out);

/* Whether every field of t is under the schema's coverages (the node of
 * role "coverages"; or a shorthand for such fields; 0 for a schema
 * without one): a menu's option that changes nothing else shares the
 * menu's shared(d) and blocks (sandbox.h, sbx_menu_rate). */
int opt_coverages_only(const sch_schema *s, const opt_touched *t);

/* Where a path an option sets leads, found once per menu. */
#define OPT_MAX_PARENTS 16
typedef struct opt_place {
    const char *path; /* the option's text (compared by content) */
    int node, code;   /* decl_place's, in the document record */
    int check;        /* it or a field it stands for is a rule node */
    int outside;      /* ... is outside the coverages (opt_touched) */
    /* the slots of the objects above it and above the fields it stands
       for, each once, marked given when it is set; -1: more than
       OPT_MAX_PARENTS (decl_put_at marks them) */
    int nparents;
    int parents[OPT_MAX_PARENTS];
} opt_place;

#define OPT_MAX_PLACES 32

/* What applying a menu's options to one declaration needs, made once
 * for the menu: the view's record, the rule nodes (dates, which bound
 * others and give defaults, and the siblings that make a field required:
 * an option setting one has its view checked again), and the places of
 * the paths the options set (the first OPT_MAX_PLACES distinct ones;
 * others are located per option). */
typedef struct opt_applier {
    const struct ratel_decl *base;
    decl_slot *slots;
    unsigned char *rules;
    opt_place places[OPT_MAX_PLACES];
    size_t nplaces;
} opt_applier;

/* Makes a for options on `base` (complete: it passed
 * decl_check_complete; it must outlive a). RATEL_OK or RATEL_ENOMEM;
 * release with opt_applier_free either way. */
int opt_applier_init(opt_applier *a, const struct ratel_decl *base);
void opt_applier_free(opt_applier *a);

/* The declaration a->base with option `item` applied, in *view (its
 * document record is a->slots; texts and lists shared with the base).
 * *check says whether the option set a rule node, so that the view must
 * be checked (decl_check_complete) before it is rated; each value is
 * checked as it is set. RATEL_OK, or RATEL_EDECL / RATEL_EARG with the
 * reason on e. */
int opt_apply(opt_applier *a, const opt_item *item, struct ratel_decl *view,
              int *check, opt_touched *touched, ratel_err *e);

/* The fields an option sets, as a JSON object {path: value}. */
void opt_write_json(const opt_item *item, buf *b);

#endif

/* engine.h - the loaded engine: rate tables and plan definitions,
 * immutable after ratel_engine_open returns. */
#ifndef RATEL_ENGINE_H
#define RATEL_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "ratel.h"
#include "schema.h"
#include "tables.h"

/* The schema of a plan that names none. */
#define PLAN_DEFAULT_SCHEMA "cyber-sme"

/* One plan version as loaded from its file. */
typedef struct plan_def {
    char *id, *insurer, *product, *version;
    char effective_str[11];
    int32_t effective;     /* days since 1970-01-01 */
    char **tables;         /* names of the tables the plan declares */
    size_t ntables;
    char **services;       /* plan.services: what the policy bundles */
    size_t nservices;
    char **exclusions;     /* plan.exclusions: what it does not cover */
    size_t nexclusions;
    ratel_options *options; /* plan.options: its menu, or NULL */
    char *schema_id;       /* plan.schema: the schema it rates */
    int schema_version;    /* ... at least this version of it */
    int is_default;        /* plan.default: rated when a call names none */
    int rates_groups;      /* defines rate_group(d, members) */
    const sch_schema *schema; /* that schema, once loaded */
    char *path;            /* file it came from */
    char *chunkname;       /* "@path", as Lua reports it */
    char *source;          /* the source text */
    size_t source_len;
    char *ticked;          /* the source with ticks (sandbox_ticks.c) */
    size_t ticked_len;
    char hash[65];         /* SHA-256 of the source, hex */
    size_t index;          /* position in ratel_engine.plans */
} plan_def;

/* What one quote's plan run may use; 0 = no limit. */
typedef struct plan_limits {
    uint64_t max_instructions;
    size_t max_memory;
    uint32_t max_milliseconds;
} plan_limits;

struct ratel_engine {
    tbl_set *tables;
    sch_schema **schemas;  /* sorted by id */
    size_t nschemas;
    plan_def *plans;       /* sorted by id, then effective date */
    size_t nplans;
    plan_limits limits;
    char *default_plan;
    ratel_err err;
};

/* Whether plan p prices groups (defines rate_group). */
static inline int plan_rates_groups(const plan_def *p)
{
    return p->rates_groups;
}

/* `id`, or the default plan's id when id is NULL. */
const char *engine_plan_id(const ratel_engine *e, const char *id);

/* The version of plan `id` in force on `date`, or NULL (then *exists says
 * whether any version of that id exists). id NULL: the default plan. */
const plan_def *engine_find_plan(const ratel_engine *e, const char *id,
                                 int32_t date, int *exists);

/* The schema `id` (len bytes), or NULL. */
const sch_schema *engine_find_schema(const ratel_engine *e, const char *id,
                                     size_t len);
/* The id of the schema plan `plan_id` rates (NULL: the default plan),
 * or NULL when there is no such plan. */
const char *engine_plan_schema_id(const ratel_engine *e, const char *plan_id);
/* The plan rated when a call names none, for a declaration of schema s:
 * the default plan when it rates s, else the first plan by id that does
 * (NULL: the default plan, whose schema check then explains). */
const char *engine_plan_for_schema(const ratel_engine *e,
                                   const sch_schema *s);
/* The schema of the default plan (NULL when there are no plans). */
const sch_schema *engine_default_schema(const ratel_engine *e);
/* Loads every *.json schema of directory `dir` (none when it does not
 * exist). */
int schema_load_all(ratel_engine *e, const char *dir);
/* Binds each plan to the schema it names; `dir` for the message. */
int schema_bind_plans(ratel_engine *e, const char *dir);

/* Reads every *.lua file at `path` (a directory, sorted by file name, or
 * one file) into e->plans, checking each in a scratch sandbox. */
int plan_load_all(ratel_engine *e, const char *path);
void plan_def_dispose(plan_def *p);

#endif

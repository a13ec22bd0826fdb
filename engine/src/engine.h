/* engine.h - the loaded engine: rate tables and plan definitions,
 * immutable after ratel_engine_open returns. */
#ifndef RATEL_ENGINE_H
#define RATEL_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "ratel.h"
#include "tables.h"

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
    ratel_option *options; /* plan.options: its menu (names owned) */
    size_t noptions;
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
    plan_def *plans;       /* sorted by id, then effective date */
    size_t nplans;
    plan_limits limits;
    char *default_plan;
    ratel_err err;
};

/* `id`, or the default plan's id when id is NULL. */
const char *engine_plan_id(const ratel_engine *e, const char *id);

/* The version of plan `id` in force on `date`, or NULL (then *exists says
 * whether any version of that id exists). id NULL: the default plan. */
const plan_def *engine_find_plan(const ratel_engine *e, const char *id,
                                 int32_t date, int *exists);

/* Reads every *.lua file at `path` (a directory, sorted by file name, or
 * one file) into e->plans, checking each in a scratch sandbox. */
int plan_load_all(ratel_engine *e, const char *path);
void plan_def_dispose(plan_def *p);

#endif

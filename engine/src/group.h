/* group.h - private: group quotes (docs/structures.md, "Groups"). A
 * declaration with companies in its entities list is rated company by
 * company (each standalone quote kept), then by the plan's rate_group(d,
 * members), which prices the group; the group premium is allocated back
 * to the companies in whole yen that add up to it. */
#ifndef RATEL_GROUP_H
#define RATEL_GROUP_H

#include <stddef.h>
#include <stdint.h>
#include "decl.h"
#include "ratel.h"

/* How the group premium is shared among the companies. */
typedef enum group_rule {
    GROUP_BY_STANDALONE, /* in proportion to the standalone premiums */
    GROUP_BY_REVENUE,
    GROUP_BY_EMPLOYEES,
    GROUP_NRULES
} group_rule;

extern const char *const group_rule_names[GROUP_NRULES];

/* One company of a group: the parent (the declaration's applicant) or
 * an item of its entities list. */
typedef struct group_member {
    char path[32];           /* "applicant", "entities[2]" */
    char *name;              /* owned copies: a quote outlives the */
    char *role;              /* declaration and the engine; role is */
    char *industry;          /* "parent" or the entity's role */
    int64_t revenue, employees;
    ratel_quote *standalone; /* owned; the company rated on its own */
    int excluded;            /* the plan left it out of the group */
    char *exclusion;         /* the plan's why (owned) */
    int64_t share;           /* its share of the group premium */
} group_member;

/* The companies of a group quote (owned by the quote). */
typedef struct group_members {
    group_member *m;
    size_t n;
    group_rule rule;
} group_members;

/* Whether declaration d describes a group (its entities list has items). */
int group_is_group(const struct ratel_decl *d);

void group_members_free(group_members *g);

#endif

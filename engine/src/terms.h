/* terms.h - private: the terms priced per coverage (terms.c). */
#ifndef RATEL_TERMS_H
#define RATEL_TERMS_H

#include "decl.h"
#include "result.h"

/* Completes r->terms with what declaration d asked for each coverage,
 * in the schema's order (see terms.c). 0, or -1 when out of memory. */
int terms_settle(rate_result *r, const struct ratel_decl *d);

/* Whether a term was priced otherwise than asked (a difference). */
int terms_is_difference(const res_term *t);

#endif

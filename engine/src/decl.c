/* decl.c - life cycle of the declaration struct. */
#include "decl.h"

#include <stdlib.h>
#include <string.h>

void decl_init(struct ratel_decl *d)
{
    memset(d, 0, sizeof *d);
    d->coinsurance_pct = 100;
}

void decl_dispose(struct ratel_decl *d)
{
    free(d->name);
    free(d->incidents);
    decl_init(d);
}

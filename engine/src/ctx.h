/* ctx.h - the working context (one thread at a time) and the engine it
 * borrows. Internal: the public view is the opaque handles of ratel.h. */
#ifndef RATEL_CTX_H
#define RATEL_CTX_H

#include "ratel.h"
#include "err.h"

/* The error record of a context, for modules that report on it. */
ratel_err *ctx_err(ratel_ctx *ctx);

#endif

/* journal.h - what the rest of the engine sees of the quote journal
 * (journal_*.c, docs/journal.md): the hook ratel_rate calls after making
 * a quote, and the settings contexts keep for it (a quote's record is a
 * ratel_journal_record of ratel.h). The journal's own structures, and
 * sqlite3.h, stay in journal_int.h. */
#ifndef RATEL_JOURNAL_H
#define RATEL_JOURNAL_H

#include "ratel.h"

struct journal_ctx; /* a context's journal settings (ctx->journal) */

/* Called by ratel_rate once it made *out on ctx from declaration d and
 * options o, when ctx->journal is set: when ctx keeps records, gives the
 * quote one; when a journal is attached, records the quote in it. On
 * failure frees *out, sets it to NULL and reports on ctx. */
int journal_capture(ratel_quote **out, ratel_ctx *ctx, const ratel_decl *d,
                    const ratel_rate_options *o);

/* 1 when declarations parsed on a context with these settings keep their
 * bytes (NULL: no). */
int journal_keeps_bytes(const struct journal_ctx *jc);

void journal_ctx_free(struct journal_ctx *jc);

#endif

/* journal_replay.h - private to the replay (journal_replay.c,
 * journal_env.c, journal_diff.c): recorded contexts opened as engines,
 * and where two quote texts first differ. */
#ifndef RATEL_JOURNAL_REPLAY_H
#define RATEL_JOURNAL_REPLAY_H

#include "journal_int.h"

/* A recorded context opened as an engine (journal_env.c). */
typedef struct journal_env {
    int64_t context;
    char *schema_id, *plan_id;  /* what its quotes were read and rated as */
    ratel_engine *engine;       /* made of the stored texts; NULL: failed */
    int owned;
    ratel_ctx **ctxs;           /* one per replay thread, made when used */
    ratel_err err;              /* why it could not be opened */
} journal_env;

/* Opens context `context` of j from its stored schema, plan and tables.
 * On failure the reason stays on env->err (the ids may be set) and the
 * code is returned; journal_env_close frees it in every case. */
int journal_env_open(ratel_journal *j, int64_t context, journal_env *env);
void journal_env_close(journal_env *env, size_t nthreads);

/* Where quote texts a and b first differ, as one line into out (emptied
 * first); the worksheet step (1-based) in *step when it is a step, else
 * 0 (journal_diff.c). */
void journal_diff(const char *a, size_t alen, const char *b, size_t blen,
                  buf *out, size_t *step);

/* The current quote of a cursor: its context, flags, authority and
 * overrides (NULL: none) (journal_read.c). */
void journal_cursor_extra(const ratel_journal_cursor *c, int64_t *context,
                          unsigned *flags, int *authority,
                          const char **overrides);

#endif

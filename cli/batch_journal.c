/* batch_journal.c - `ratel batch --journal`: the quotes of a chunk
 * recorded in the journal in one transaction (not one per quote), with a
 * mark naming the run and the chunk, before the chunk's rows are written:
 * a quote reported as written is in the journal. A chunk recorded before
 * a crash that lost its rows is rated again on --resume but not recorded
 * twice: its mark is there. */
#include "cli.h"
#include "batch.h"
#include "journal.h"

#include <stdlib.h>
#include <string.h>

int batch_journal_chunk(ratel_journal *j, const ratel_engine *eng,
                        const char *book, const char *run,
                        unsigned long long chunk, batch_row *rows, size_t n)
{
    char key[128];
    batch_text ref = {0}; /* "BOOK:" once, then each row's line */
    int64_t when = cli_now_ms();
    size_t i, book_len;
    int rc;
    snprintf(key, sizeof key, "batch %s chunk %llu", run, chunk);
    batch_text_put(&ref, book, strnlen(book, 900));
    BATCH_TEXT_LIT(&ref, ":");
    book_len = ref.len;
    rc = ratel_journal_marked(j, key);
    if (rc == 0 && (rc = ratel_journal_begin(j)) == RATEL_OK) {
        for (i = 0; rc == RATEL_OK && i < n; i++) {
            if (!rows[i].record)
                continue;
            ref.len = book_len;
            batch_text_int(&ref, rows[i].result.lineno);
            batch_text_put(&ref, "", 1);
            rc = ref.oom ? RATEL_ENOMEM
                         : ratel_journal_add_record(j, eng, rows[i].record,
                                                    ref.data, when, NULL);
        }
        if (rc == RATEL_OK)
            rc = ratel_journal_mark(j, key);
        if (rc == RATEL_OK)
            rc = ratel_journal_commit(j);
        else
            ratel_journal_rollback(j);
    }
    if (rc < 0)
        cli_error_lines(ref.oom ? "out of memory" : ratel_journal_errmsg(j),
                        ratel_strerror(rc), 1);
    batch_text_free(&ref);
    for (i = 0; i < n; i++) {
        ratel_journal_record_free(rows[i].record);
        rows[i].record = NULL;
    }
    return rc < 0 ? -1 : 0;
}

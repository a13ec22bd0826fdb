/* fuzz_journal.c - libFuzzer target: a journal database file opened by the
 * library (docs/journal.md). The input is written as a file and opened to
 * read (every page checked first); every quote is read back and written
 * as its JSON document, and replayed on the plan, schema and tables the
 * file stores. Any file must give quotes or an error with a message;
 * never a crash, a leak or a hang. Run from the repository root. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ratel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Removes the file and what SQLite keeps beside it. */
static void remove_db(const char *path)
{
    char side[300];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static void read_all(ratel_journal *j)
{
    ratel_journal_cursor *c = NULL;
    ratel_journal_entry e;
    int rc;
    if (ratel_journal_read(&c, j, 0, NULL) != RATEL_OK) {
        if (ratel_journal_errmsg(j)[0] == '\0')
            abort(); /* an error says why */
        return;
    }
    while ((rc = ratel_journal_next(c, &e)) == 1) {
        char *doc = NULL;
        if (ratel_journal_entry_json(c, 1, &doc, NULL) == RATEL_OK &&
            (!doc || memchr(doc, '\n', strlen(doc))))
            abort(); /* one line */
        ratel_free(doc);
    }
    if (rc < 0 && ratel_journal_errmsg(j)[0] == '\0')
        abort();
    ratel_journal_cursor_free(c);
}

static void replay_all(ratel_journal *j)
{
    ratel_replay *r = NULL;
    ratel_replay_item it;
    int rc, n = 0;
    if (ratel_replay_open(&r, j, NULL) != RATEL_OK)
        return;
    while (n++ < 50 && (rc = ratel_replay_next(r, &it)) == 1)
        if (!it.difference || !it.recorded)
            abort();
    ratel_replay_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ratel_journal_options o;
    ratel_journal *j = NULL;
    char path[64];
    FILE *f;
    snprintf(path, sizeof path, "/tmp/fuzz-journal-%ld.db", (long)getpid());
    remove_db(path);
    if (!(f = fopen(path, "wb")))
        abort(); /* the harness's own setup */
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    ratel_journal_options_init(&o, RATEL_JOURNAL_OPTIONS_VERSION);
    o.read_only = 1;
    o.verify = 1;
    o.busy_timeout_ms = 0;
    if (ratel_journal_open(&j, path, &o) == RATEL_OK) {
        read_all(j);
        replay_all(j);
    } else if (j && ratel_journal_errmsg(j)[0] == '\0') {
        abort(); /* a refusal says why */
    }
    ratel_journal_close(j);
    remove_db(path);
    return 0;
}

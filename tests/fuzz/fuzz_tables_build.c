/* fuzz_tables_build.c - libFuzzer target: the table-source build. The
 * input is up to four files separated by NUL bytes (which a source file
 * may not hold): manifest.csv, then a.csv, b.csv and c.csv. The build
 * either writes a database that loads, with the same verdict from
 * `check` on the sources, or fails with a message and writes nothing.
 * Code keys ("industry:code(cyber-sme.industries)") are checked against
 * the shipped schemas (the fuzzer runs from the source tree). */
#include "fuzz_util.h"
#include "ratel.h"
#include "ratel_sys.h"

static const char *const names[] = {"manifest.csv", "a.csv", "b.csv",
                                    "c.csv"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_make_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[256], db[256], *msg = NULL, *msg2 = NULL;
    ratel_tables_options o;
    size_t k, start = 0;
    int rc, rc2;

    ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION);
    o.schemas_path = "rating-scripts/schemas";
    for (k = 0; k < 4; k++) {
        const unsigned char *end = memchr(data + start, 0, size - start);
        size_t n = end ? (size_t)(end - (data + start)) : size - start;
        fuzz_write(path, names[k], data + start, n);
        start += n + (end != NULL);
    }
    fuzz_path(db, "out.db");
    unlink(db);
    rc = ratel_tables_build_with(fuzz_dir, db, &o, &msg);
    rc2 = ratel_tables_check_with(fuzz_dir, &o, &msg2);
    if (rc != RATEL_OK) {
        fuzz_require_message(rc, msg);
        if (access(db, F_OK) == 0)
            abort(); /* a failed build wrote a database */
        if (rc2 != rc || !msg2 || strcmp(msg, msg2) != 0)
            abort(); /* check and build disagree */
    } else {
        ratel_free(msg);
        msg = NULL;
        if (rc2 != RATEL_OK)
            abort();
        rc = ratel_tables_check(db, &msg);
        if (rc != RATEL_OK) {
            fprintf(stderr, "a built database does not load: %s\n", msg);
            abort();
        }
    }
    ratel_free(msg);
    ratel_free(msg2);
    return 0;
}

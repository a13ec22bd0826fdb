/* fuzz_tables_load.c - libFuzzer target: the table-database loader. The
 * input is the bytes of a database file; loading it gives the tables or
 * an error with a message, never a crash, a leak or a hang. Seeds are
 * small databases the build wrote. */
#include "fuzz_util.h"
#include "ratel.h"
#include "ratel_sys.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_make_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[256], *msg = NULL;
    int rc = ratel_tables_check(fuzz_write(path, "in.db", data, size), &msg);
    if (rc != RATEL_OK)
        fuzz_require_message(rc, msg);
    ratel_free(msg);
    return 0;
}

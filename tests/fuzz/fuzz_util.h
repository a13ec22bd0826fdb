/* fuzz_util.h - what the libFuzzer targets share: a scratch directory of
 * their own (on /dev/shm when there is one: the targets write files on
 * every run), writing an input there, and failing loudly. */
#ifndef RATEL_FUZZ_UTIL_H
#define RATEL_FUZZ_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char fuzz_dir[64];

static inline void fuzz_cleanup(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", fuzz_dir);
}

/* Makes the scratch directory, removed at exit. */
static inline void fuzz_make_dir(void)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/ratel-fuzz-XXXXXX", base);
    if (!mkdtemp(fuzz_dir))
        abort(); /* the harness's own setup, not the code under test */
    atexit(fuzz_cleanup);
}

/* dir/name, in out[256]. */
static inline const char *fuzz_path(char out[256], const char *name)
{
    snprintf(out, 256, "%s/%s", fuzz_dir, name);
    return out;
}

/* Writes n bytes to the scratch file `name`; returns its path. */
static inline const char *fuzz_write(char path[256], const char *name,
                              const void *data, size_t n)
{
    FILE *f = fopen(fuzz_path(path, name), "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
        abort();
    return path;
}

/* An error must come with a message: anything else is a finding. */
static inline void fuzz_require_message(int rc, const char *msg)
{
    if (rc >= 0 || !msg || !*msg) {
        fprintf(stderr, "error %d without a message\n", rc);
        abort();
    }
}

#endif

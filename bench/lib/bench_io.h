/* bench_io.h - what more than one benchmark reads files with (included;
 * each bench/<name>.c is a program of its own). */
#ifndef RATEL_BENCH_IO_H
#define RATEL_BENCH_IO_H

#include <stdio.h>
#include <stdlib.h>

/* A whole file, NUL-terminated, its length in *len; NULL if unreadable.
 * The caller frees it. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *d;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    d = malloc((size_t)n + 1);
    if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    if (d) {
        d[n] = 0;
        *len = (size_t)n;
    }
    return d;
}

#endif

/* datadir.c - where the installed tables, plans and schemas are, for the
 * defaults of --tables and --plans.
 *
 * First beside the running binary, $ORIGIN/../share/ratel (found through
 * /proc/self/exe): a tree installed with `make install PREFIX=DIR` works
 * from whatever DIR it was installed to, and still works when moved,
 * without rebuilding for the prefix. Else the prefix baked in at build
 * time (RATEL_DATADIR, from the Makefile's PREFIX). */
#include "cli.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RATEL_DATADIR
#define RATEL_DATADIR "/usr/local/share/ratel"
#endif

/* Cuts the last path component (and its slash) off `path`: 0, or -1 when
 * there is none to cut. */
static int strip_last(char *path)
{
    char *slash = strrchr(path, '/');
    if (slash == NULL || slash == path)
        return -1;
    *slash = '\0';
    return 0;
}

/* $ORIGIN/../share/ratel into dir when it is a directory: 0, else -1. */
static int beside_binary(char *dir, size_t size)
{
    char exe[4096];
    struct stat st;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    int len;

    if (n <= 0)
        return -1;
    exe[n] = '\0';
    if (strip_last(exe) != 0 || strip_last(exe) != 0) /* bin/ratel */
        return -1;
    len = snprintf(dir, size, "%s/share/ratel", exe);
    if (len < 0 || (size_t)len >= size)
        return -1;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

const char *cli_datadir(void)
{
    /* The tool's main thread asks before it starts any other. */
    static char dir[4096];
    static int found;

    if (!found) {
        if (beside_binary(dir, sizeof dir) != 0)
            snprintf(dir, sizeof dir, "%s", RATEL_DATADIR);
        found = 1;
    }
    return dir;
}

/* datadir.c - where the installed tables, plans and schemas are, for
 * ratel.Engine's defaults.
 *
 * The nearest share/ratel above this extension module's file: the module
 * installed by `make install PREFIX=DIR` (DIR/lib/python3/dist-packages/
 * ratel/) or by the python3-ratel package (/usr/lib/python3/...) finds
 * the data installed with it, for any DIR, without rebuilding for the
 * prefix. Else the prefix baked in at build time (PYR_DATADIR). */
#define _GNU_SOURCE 1 /* dladdr */
#include "pyr.h"

#include <dlfcn.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PYR_DATADIR
#define PYR_DATADIR "/usr/local/share/ratel"
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The nearest DIR/share/ratel above this module into out: 0, else -1. */
static int above_module(char *out, size_t size)
{
    Dl_info info;
    char dir[4096];
    char *slash;
    int len;

    if (dladdr((void *)pyr_datadir, &info) == 0 || info.dli_fname == NULL ||
        snprintf(dir, sizeof dir, "%s", info.dli_fname) >= (int)sizeof dir)
        return -1;
    while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
        *slash = '\0';
        len = snprintf(out, size, "%s/share/ratel", dir);
        if (len > 0 && (size_t)len < size && is_dir(out))
            return 0;
    }
    return -1;
}

const char *pyr_datadir(void)
{
    /* Called with the GIL held: one caller at a time. */
    static char dir[4096];
    static int found;

    if (!found) {
        if (above_module(dir, sizeof dir) != 0)
            snprintf(dir, sizeof dir, "%s", PYR_DATADIR);
        found = 1;
    }
    return dir;
}

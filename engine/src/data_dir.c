/* data_dir.c - where an installed ratel's tables, plans and schemas are,
 * for the tool's and the Python module's defaults (ratel_data_dir).
 *
 * The nearest DIR/share/ratel above the program's own file: a tree
 * installed with `make install PREFIX=DIR`, or by the Debian packages,
 * finds the data installed with it for any DIR, and still does when
 * moved, without rebuilding for the prefix. Else the prefix baked in at
 * build time (RATEL_DATADIR, from the Makefile's PREFIX). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ratel_sys.h"

#ifndef RATEL_DATADIR
#define RATEL_DATADIR "/usr/local/share/ratel"
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The nearest DIR/share/ratel above the file `path` into out: 0, else -1. */
static int above(char *out, size_t size, const char *path)
{
    char dir[4096];
    char *slash;
    int len = snprintf(dir, sizeof dir, "%s", path);

    if (len < 0 || (size_t)len >= sizeof dir)
        return -1;
    while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
        *slash = '\0';
        len = snprintf(out, size, "%s/share/ratel", dir);
        if (len > 0 && (size_t)len < size && is_dir(out))
            return 0;
    }
    return -1;
}

int ratel_data_dir(char *buf, size_t size, const char *near)
{
    char exe[4096];
    int len;

    if (buf == NULL || size == 0)
        return RATEL_EARG;
    if (near == NULL) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = '\0';
        near = exe;
    }
    if (*near != '\0' && above(buf, size, near) == 0)
        return RATEL_OK;
    len = snprintf(buf, size, "%s", RATEL_DATADIR);
    return len >= 0 && (size_t)len < size ? RATEL_OK : RATEL_EARG;
}

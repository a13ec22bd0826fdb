/* fileio.c - reading a whole file with a size cap. */
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int file_read_all(const char *path, size_t max, char **out, size_t *len,
                  ratel_err *e)
{
    FILE *f = fopen(path, "rb");
    char *data;
    size_t n;
    *out = NULL;
    if (!f)
        return err_set(e, RATEL_EIO, "%s: cannot open: %s", path,
                       strerror(errno));
    data = malloc(max + 1);
    if (!data) {
        fclose(f);
        return err_set(e, RATEL_ENOMEM, "out of memory");
    }
    n = fread(data, 1, max + 1, f);
    if (ferror(f) || n > max) {
        int too_big = !ferror(f);
        fclose(f);
        free(data);
        return too_big ? err_set(e, RATEL_EIO, "%s: larger than %zu bytes",
                                 path, max)
                       : err_set(e, RATEL_EIO, "%s: read error", path);
    }
    fclose(f);
    data[n] = '\0';
    *out = data;
    *len = n;
    return RATEL_OK;
}

/* fileio.h - reading a whole (small) file, with a size cap. */
#ifndef RATEL_FILEIO_H
#define RATEL_FILEIO_H

#include <stddef.h>
#include "err.h"

/* Reads `path` into a new NUL-terminated buffer (*out, *len bytes; the
 * caller frees it). Errors on e: RATEL_EIO (cannot open or read, or
 * larger than `max` bytes), RATEL_ENOMEM. */
int file_read_all(const char *path, size_t max, char **out, size_t *len,
                  ratel_err *e);

#endif

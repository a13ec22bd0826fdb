/* fileio.h - reading a whole (small) regular file, with a size cap, and
 * writing to a file that is not a regular one. */
#ifndef RATEL_FILEIO_H
#define RATEL_FILEIO_H

#include <stddef.h>
#include "err.h"

/* Returned by file_read_regular for a FIFO, a device or a socket: reading
 * one could block for ever or never end. */
#define FILE_NOT_REGULAR (-1)

/* Reads the regular file `path` into a new NUL-terminated buffer (*out,
 * *len bytes; the caller frees it). Never blocks: a FIFO or device is
 * refused without being read. Returns 0, FILE_NOT_REGULAR, EFBIG (larger
 * than `max` bytes), ENOMEM or another errno value. */
int file_read_regular(const char *path, size_t max, char **out, size_t *len);

/* The text of a file_read_regular failure, in out[n]. Returns out. */
const char *file_error_text(int rc, char *out, size_t n);

/* file_read_regular with the reason as a message on e: RATEL_EIO (cannot
 * open or read, not a regular file, or larger than `max` bytes),
 * RATEL_ENOMEM. */
int file_read_all(const char *path, size_t max, char **out, size_t *len,
                  ratel_err *e);

/* Writes len bytes to `path`, an existing file that is not a regular one
 * (a device, a FIFO: nothing to replace atomically), without creating or
 * truncating it. Returns 0 or an errno value (ENXIO: a FIFO no one reads);
 * *written says how many bytes were written in either case. */
int file_write_other(const char *path, const void *data, size_t len,
                     size_t *written);

#endif

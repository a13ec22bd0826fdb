/* fileio.c - reading a whole regular file with a size cap, without ever
 * blocking on a FIFO or a device that happens to have the expected name. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read_regular(const char *path, size_t max, char **out, size_t *len)
{
    struct stat st;
    char *data = NULL;
    size_t n = 0;
    int fd, rc = 0;

    *out = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO without a writer must not wait for one */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno;
    if (fstat(fd, &st) != 0)
        rc = errno;
    else if (S_ISDIR(st.st_mode))
        rc = EISDIR;
    else if (!S_ISREG(st.st_mode))
        rc = FILE_NOT_REGULAR;
    else if ((unsigned long long)st.st_size > max)
        rc = EFBIG;
    else if (!(data = malloc((size_t)st.st_size + 1)))
        rc = ENOMEM;
    if (rc) {
        close(fd);
        return rc;
    }
    while (n < (size_t)st.st_size) {
        ssize_t got = read(fd, data + n, (size_t)st.st_size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            rc = got < 0 ? errno : 0;
            break; /* 0: the file shrank while we read it */
        }
        n += (size_t)got;
    }
    close(fd);
    if (rc) {
        free(data);
        return rc;
    }
    data[n] = '\0';
    *out = data;
    *len = n;
    return 0;
}

const char *file_error_text(int rc, char *out, size_t n)
{
    if (rc == FILE_NOT_REGULAR)
        snprintf(out, n, "not a regular file");
    else if (rc == EFBIG)
        snprintf(out, n, "file too large");
    else if (strerror_r(rc, out, n) != 0)
        snprintf(out, n, "error %d", rc);
    return out;
}

int file_read_all(const char *path, size_t max, char **out, size_t *len,
                  ratel_err *e)
{
    char why[128];
    int rc = file_read_regular(path, max, out, len);
    if (rc == 0)
        return RATEL_OK;
    if (rc == ENOMEM)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    if (rc == EFBIG)
        return err_set(e, RATEL_EIO, "%s: larger than %zu bytes", path, max);
    return err_set(e, RATEL_EIO, "%s: cannot read: %s", path,
                   file_error_text(rc, why, sizeof why));
}

int file_write_other(const char *path, const void *data, size_t len,
                     size_t *written)
{
    const char *p = data;
    int fd, flags;

    *written = 0;
    /* O_NONBLOCK to open: a FIFO that no one reads gives ENXIO at once
     * instead of waiting; then back to blocking writes */
    fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno;
    if ((flags = fcntl(fd, F_GETFL)) == -1 ||
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
        int e = errno;
        close(fd);
        return e;
    }
    while (*written < len) {
        ssize_t n = write(fd, p + *written, len - *written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return e;
        }
        *written += (size_t)n;
    }
    return close(fd) == 0 ? 0 : errno;
}

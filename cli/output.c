/* output.c - the files the tool writes (`-o OUT` of batch, book and
 * impact, impact's --html): whole or not at all. A regular file, or a path
 * that does not exist yet, is written under a temporary name beside it and
 * renamed into place only when everything was written and the command
 * succeeded; until then readers see the old file. Anything else (a
 * device, a FIFO, a terminal) is written directly, and a failure says how
 * many bytes reached it and that it is incomplete. */
#define _GNU_SOURCE /* fopencookie: count the bytes that reach the file */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The write side of a cli_output's stream: every byte goes to fd, and the
 * bytes written and the first error are kept. */
static ssize_t count_write(void *cookie, const char *p, size_t n)
{
    cli_output *o = cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(o->fd, p + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            o->err = w < 0 ? errno : EIO;
            errno = o->err;
            break;
        }
        done += (size_t)w;
    }
    o->written += done;
    return (ssize_t)done;
}

static int count_close(void *cookie)
{
    cli_output *o = cookie;
    int rc = close(o->fd);
    if (rc != 0 && !o->err)
        o->err = errno;
    return rc;
}

/* Creates the temporary file for a regular (or new) target: beside the
 * file a symbolic link names (the link is kept), else beside the path.
 * Sets o->target, o->tmp and o->fd; 0, or -1 with errno set and nothing
 * created. */
static int open_temp(cli_output *o, const struct stat *st, int exists)
{
    char *real = exists ? realpath(o->path, NULL) : NULL;
    const char *target = real ? real : o->path;
    size_t n = strlen(target) + 48;
    char *tmp = malloc(n);
    int k, fd = -1;
    if (!tmp || !(o->target = strdup(target)))
        errno = ENOMEM;
    for (k = 0; o->target && k < 100; k++) {
        snprintf(tmp, n, k ? "%s.tmp-%ld-%d" : "%s.tmp-%ld", target,
                 (long)getpid(), k);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    free(real);
    if (fd < 0) { /* a name that exists is someone else's: leave it */
        free(tmp);
        free(o->target);
        o->target = NULL;
        return -1;
    }
    if (exists) /* the new file keeps the old one's permissions */
        (void)fchmod(fd, st->st_mode & 07777);
    o->tmp = tmp;
    o->fd = fd;
    return 0;
}

int cli_output_open(cli_output *o, const char *path)
{
    static const cookie_io_functions_t io = {NULL, count_write, NULL,
                                             count_close};
    struct stat st;
    int exists;

    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (path == NULL || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    o->path = path;
    exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        cli_error("%s: is a directory", path);
        return -1;
    }
    if (!exists || S_ISREG(st.st_mode)) {
        if (open_temp(o, &st, exists) != 0) {
            cli_error("%s: cannot create a file beside it: %s", path,
                      strerror(errno));
            return -1;
        }
    } else if ((o->fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
        cli_error("%s: %s", path, strerror(errno));
        return -1;
    }
    if ((o->f = fopencookie(o, "w", io)) == NULL) {
        cli_error("%s: %s", path, strerror(errno));
        close(o->fd);
        cli_output_close(o, 0); /* removes the temporary file */
        return -1;
    }
    return 0;
}

int cli_output_close(cli_output *o, int ok)
{
    int bad = 0;
    if (o->f == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error("<stdout>: error writing: %s; the output is incomplete",
                      strerror(errno));
            return -1;
        }
        return 0;
    }
    if (o->f) {
        bad = fflush(o->f) != 0 || ferror(o->f) || o->err;
        if (fclose(o->f) != 0)
            bad = 1;
    }
    if (o->tmp) {
        if (!bad && ok && rename(o->tmp, o->target) != 0) {
            o->err = errno;
            bad = 1;
        }
        if (bad || !ok)
            unlink(o->tmp);
        if (bad)
            cli_error("%s: error writing: %s; %s was left as it was", o->path,
                      strerror(o->err ? o->err : EIO), o->path);
    } else if (bad) {
        cli_error("%s: error writing after %llu bytes: %s; %s is incomplete",
                  o->path, o->written, strerror(o->err ? o->err : EIO),
                  o->path);
    }
    free(o->tmp);
    free(o->target);
    memset(o, 0, sizeof *o);
    return bad ? -1 : 0;
}

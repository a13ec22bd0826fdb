/* batch_reader.c - reading a book line by line in chunks, in fixed memory:
 * a block buffer the size of the longest line accepted, and the caller's
 * arena for the text of one chunk's lines. */
#include "cli.h"
#include "journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define READ_BLOCK ((size_t)64 << 10)

static const char too_long[] = "line longer than 1 MiB";

int batch_reader_open(batch_reader *r, const char *path)
{
    struct stat st;

    memset(r, 0, sizeof *r);
    r->name = cli_input_name(path);
    r->is_stdin = strcmp(path, "-") == 0;
    r->f = r->is_stdin ? stdin : fopen(path, "rb");
    if (r->f == NULL) {
        cli_error("%s: %s", r->name, strerror(errno));
        return -1;
    }
    if (fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode))
        r->total_bytes = (unsigned long long)st.st_size;
    r->cap = BATCH_MAX_LINE + 2 + READ_BLOCK;
    r->buf = malloc(r->cap);
    if (r->buf == NULL) {
        cli_error("%s: out of memory", r->name);
        batch_reader_close(r);
        return -1;
    }
    return 0;
}

int batch_reader_seek(batch_reader *r, unsigned long long bytes, long lineno)
{
    if (r->is_stdin || fseeko(r->f, (off_t)bytes, SEEK_SET) != 0) {
        cli_error("%s: cannot read on from byte %llu%s", r->name, bytes,
                  r->is_stdin ? ": a book read from stdin cannot be resumed"
                              : "");
        return -1;
    }
    clearerr(r->f);
    r->start = r->end = 0;
    r->eof = 0;
    r->bytes = bytes;
    r->lineno = lineno;
    return 0;
}

void batch_reader_close(batch_reader *r)
{
    if (r->f != NULL && !r->is_stdin)
        fclose(r->f); /* read-only: nothing to lose */
    r->f = NULL;
    free(r->buf);
    r->buf = NULL;
}

void batch_arena_free(batch_arena *a)
{
    free(a->p);
    memset(a, 0, sizeof *a);
}

/* Reads more input after the unread bytes. Returns 0, or -1 on an error. */
static int fill(batch_reader *r)
{
    size_t got;

    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got == 0) {
        if (ferror(r->f)) {
            cli_error("%s: %s", r->name, strerror(errno));
            return -1;
        }
        r->eof = 1;
    }
    return 0;
}

static int arena_add(const batch_reader *r, batch_arena *a, const char *s,
                     size_t len, size_t *at)
{
    if (a->cap - a->used < len) {
        size_t ncap = a->cap ? a->cap : (size_t)1 << 20;
        char *p;
        while (ncap - a->used < len)
            ncap *= 2;
        p = realloc(a->p, ncap);
        if (p == NULL) {
            cli_error("%s: out of memory", r->name);
            return -1;
        }
        a->p = p;
        a->cap = ncap;
    }
    memcpy(a->p + a->used, s, len);
    *at = a->used;
    a->used += len;
    return 0;
}

static int blank(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* Skips the rest of an over-long line. Returns 0, or -1 on an error. */
static int skip_line(batch_reader *r)
{
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl != NULL) {
            r->bytes += (size_t)(nl + 1 - (r->buf + r->start));
            r->start = (size_t)(nl + 1 - r->buf);
            return 0;
        }
        r->bytes += r->end - r->start;
        r->start = r->end = 0;
        if (r->eof)
            return 0;
        if (fill(r) != 0)
            return -1;
    }
}

/* The next line: 1 and its text in [*s, *s + *len) (or an error in
 * line->error), 0 at the end of the input, -1 on a read error. */
static int next_line(batch_reader *r, const char **s, size_t *len,
                     const char **error)
{
    *error = NULL;
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        size_t avail = r->end - r->start;
        if (nl != NULL || (r->eof && avail > 0)) {
            size_t n = nl ? (size_t)(nl - (r->buf + r->start)) : avail;
            *s = r->buf + r->start;
            r->start += nl ? n + 1 : n;
            r->bytes += nl ? n + 1 : n;
            if (n > 0 && (*s)[n - 1] == '\r')
                n--;
            *len = n;
            r->lineno++;
            if (n > BATCH_MAX_LINE) {
                *error = too_long;
                *len = 0;
            }
            return 1;
        }
        if (r->eof)
            return 0;
        if (avail > BATCH_MAX_LINE + 1) {
            r->lineno++;
            *error = too_long;
            *len = 0;
            return skip_line(r) == 0 ? 1 : -1;
        }
        if (fill(r) != 0)
            return -1;
    }
}

int batch_reader_chunk(batch_reader *r, batch_arena *arena, batch_line *lines,
                       size_t max, size_t *n)
{
    size_t i, got = 0;

    arena->used = 0;
    while (got < max) {
        const char *s = NULL, *error;
        size_t len = 0, at = 0;
        int rc = next_line(r, &s, &len, &error);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        if (error == NULL && blank(s, len))
            continue;
        if (len > 0 && arena_add(r, arena, s, len, &at) != 0)
            return -1;
        lines[got].len = len;
        lines[got].lineno = r->lineno;
        lines[got].error = error;
        /* offsets until the arena stops moving */
        lines[got].text = (const char *)(uintptr_t)at;
        got++;
    }
    for (i = 0; i < got; i++)
        lines[i].text = arena->p != NULL
                            ? arena->p + (uintptr_t)lines[i].text : "";
    *n = got;
    return 0;
}

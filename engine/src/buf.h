/* buf.h - a growable byte buffer for building text (JSON, messages). */
#ifndef RATEL_BUF_H
#define RATEL_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct buf {
    char *data; /* always NUL-terminated when len > 0 or after buf_cstr */
    size_t len, cap;
    int oom;    /* set once an allocation failed; later appends are no-ops */
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b); /* len = 0, keeps the memory */
/* Makes room for `extra` more bytes (+ NUL); 0, or -1 with oom set. */
int buf_reserve(buf *b, size_t extra);

static inline void buf_put(buf *b, const char *s, size_t n)
{
    if ((b->len + n + 1 > b->cap || b->oom) && buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void buf_putc(buf *b, char c)
{
    if ((b->len + 2 > b->cap || b->oom) && buf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_put_i64(buf *b, int64_t v);
/* v with a comma between each group of three digits: "1,234,560". */
void buf_put_grouped(buf *b, uint64_t v);
/* Shortest decimal text that reads back as the same double; "null" for
 * NaN or infinities. Independent of the locale. */
void buf_put_double(buf *b, double v);
/* A JSON string literal with quotes and escapes (UTF-8 passed through). */
void buf_put_json_string(buf *b, const char *s);
/* `sep` (unless 0), then "k": for an object key that needs no escaping
 * (a writer's own ASCII name), in one step. Inline, so that the length
 * of a literal key is known when compiling. */
static inline void buf_put_json_key(buf *b, char sep, const char *k)
{
    size_t n = strlen(k);
    char *d;
    if ((b->len + n + 5 > b->cap || b->oom) && buf_reserve(b, n + 4))
        return;
    d = b->data + b->len;
    if (sep)
        *d++ = sep;
    *d++ = '"';
    memcpy(d, k, n);
    d += n;
    *d++ = '"';
    *d++ = ':';
    *d = '\0';
    b->len = (size_t)(d - b->data);
}
/* The content as a C string ("" when empty); NULL if out of memory. */
const char *buf_cstr(buf *b);
/* Hands the memory to the caller (NUL-terminated), leaves b empty. */
char *buf_take(buf *b);

/* Room for element n of an array of `size`-byte elements with capacity
 * *cap: returns arr when n < *cap, else arr reallocated to twice *cap
 * (`first` when empty) with *cap updated, or NULL when out of memory
 * (arr is then untouched and still the caller's). */
void *mem_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

#endif

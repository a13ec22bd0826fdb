/* err.c - error detail on a handle. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static char empty_message[] = "";
static char oom_message[] = "out of memory while formatting an error";

static void free_message(ratel_err *e)
{
    if (e->message != empty_message && e->message != oom_message)
        free(e->message);
    e->message = empty_message;
}

void err_init(ratel_err *e)
{
    memset(e, 0, sizeof *e);
    e->message = empty_message;
}

void err_clear(ratel_err *e)
{
    size_t i;
    free_message(e);
    free(e->script);
    e->script = NULL;
    e->line = 0;
    e->code = RATEL_OK;
    for (i = 0; i < e->nfields; i++) {
        free(e->fields[i].path);
        free(e->fields[i].message);
    }
    e->nfields = 0;
}

void err_dispose(ratel_err *e)
{
    err_clear(e);
    free(e->fields);
    e->fields = NULL;
    e->capfields = 0;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *s;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

int err_set(ratel_err *e, int code, const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = vformat(fmt, ap);
    va_end(ap);
    free_message(e);
    e->message = s ? s : oom_message;
    e->code = code;
    return code;
}

void err_set_where(ratel_err *e, const char *script, int line)
{
    free(e->script);
    e->script = script ? strdup(script) : NULL;
    e->line = line;
}

int err_add_field(ratel_err *e, const char *path, int line, int column,
                  const char *fmt, ...)
{
    va_list ap;
    err_field *f;
    if (e->nfields == e->capfields) {
        size_t cap = e->capfields ? e->capfields * 2 : 8;
        err_field *nf = realloc(e->fields, cap * sizeof *nf);
        if (!nf)
            return RATEL_ENOMEM;
        e->fields = nf;
        e->capfields = cap;
    }
    f = &e->fields[e->nfields];
    f->path = strdup(path);
    va_start(ap, fmt);
    f->message = vformat(fmt, ap);
    va_end(ap);
    if (!f->path || !f->message) {
        free(f->path);
        free(f->message);
        return RATEL_ENOMEM;
    }
    f->line = line;
    f->column = column;
    e->nfields++;
    return RATEL_OK;
}

int err_finish_fields(ratel_err *e)
{
    buf b;
    size_t i;
    buf_init(&b);
    for (i = 0; i < e->nfields; i++) {
        const err_field *f = &e->fields[i];
        if (i)
            buf_putc(&b, '\n');
        buf_puts(&b, f->path);
        if (f->line)
            buf_printf(&b, " (line %d, column %d)", f->line, f->column);
        buf_puts(&b, ": ");
        buf_puts(&b, f->message);
    }
    free_message(e);
    e->message = b.oom ? oom_message : buf_take(&b);
    buf_free(&b);
    e->code = RATEL_EDECL;
    return RATEL_EDECL;
}

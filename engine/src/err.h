/* err.h - error detail kept on a handle: code, message, script and line,
 * and a list of per-field errors for declarations. */
#ifndef RATEL_ERR_H
#define RATEL_ERR_H

#include <stddef.h>
#include "ratel.h"

typedef struct err_field {
    char *path;
    char *message;
    int line;
    int column;
} err_field;

typedef struct ratel_err {
    int code;
    char *message;     /* owned; "" when none */
    char *script;      /* owned; NULL unless a plan error */
    int line;
    err_field *fields; /* owned array */
    size_t nfields, capfields;
} ratel_err;

void err_init(ratel_err *e);
void err_clear(ratel_err *e);   /* back to "no error", keeps nothing */
void err_dispose(ratel_err *e); /* frees everything */

/* Sets code and a printf-style message; returns code. On allocation
 * failure the message is a static text and the code stays. */
int err_set(ratel_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records the script and line of a plan error (copies script). */
void err_set_where(ratel_err *e, const char *script, int line);

/* Appends a field error (copies strings). Returns RATEL_OK or ENOMEM. */
int err_add_field(ratel_err *e, const char *path, int line, int column,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* After fields were added: sets code RATEL_EDECL and joins the field
 * errors, one per line ("path: message"), into the message. */
int err_finish_fields(ratel_err *e);

#endif

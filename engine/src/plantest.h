/* plantest.h - private to the plan-test files (plantest*.c): plan test
 * cases and options menus read from JSON. These files are part of the
 * declaration room, the only room that includes the JSON library (yajl):
 * a test case is a declaration plus expectations, and an options file is
 * the request part of a declaration, several times over. Case files are
 * small and read once, so they use yajl's tree API (yajl_tree.h) rather
 * than the streaming reader of decl_json.c. */
#ifndef RATEL_PLANTEST_H
#define RATEL_PLANTEST_H

#include <yajl/yajl_tree.h>

#include "buf.h"
#include "err.h"
#include "ratel.h"

/* Collects the field errors of one document (JSON path + message). */
typedef struct pt_check {
    ratel_err *e;
    int oom; /* set when a field error could not be recorded */
} pt_check;

/* Records "path: message" (printf-style message). */
void pt_bad(pt_check *ck, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends ".key" (or ["key"]) to path, into out (cap bytes). */
void pt_path_key(char *out, size_t cap, const char *path, const char *key);
/* Appends "[i]" to path, into out (cap bytes). */
void pt_path_index(char *out, size_t cap, const char *path, size_t i);

/* The member `key` of an object, or NULL. */
yajl_val pt_member(yajl_val obj, const char *key);

/* Records an error for every key of `obj` (at `path`) that is not in
 * known[0..n); `what` names the kind of key in the message. */
void pt_known_keys(pt_check *ck, yajl_val obj, const char *path,
                   const char *const *known, size_t n, const char *what);

/* Parses `len` bytes of JSON text into *out. A syntax error is a field
 * error at JSON path `at` (`name` prefixes the message when not NULL).
 * Returns RATEL_OK, RATEL_EDECL (after err_finish_fields) or
 * RATEL_ENOMEM. */
int pt_parse(ratel_err *e, const char *json, size_t len, const char *at,
             const char *name, yajl_val *out);

/* Reads a whole file (at most 16 MiB); errors RATEL_EIO / RATEL_ENOMEM on
 * e. The caller frees *out. */


/* Writes `base` with `over` (may be NULL) merged in as JSON text into b:
 * objects key by key, recursively (base's keys first, in base order, then
 * keys only in `over`); anything else in `over` (arrays, numbers, strings)
 * replaces the base value whole. Numbers keep their source text. Returns
 * RATEL_OK or RATEL_ENOMEM. */
int pt_merge(buf *b, yajl_val base, yajl_val over);

/* Checks the shape of a case's "expect" object (at "$.expect"). */
void pt_expect_check(pt_check *ck, yajl_val expect);

/* Compares quote q with a checked "expect"; appends one line per
 * difference to report and returns how many differences there were. */
int pt_expect_compare(buf *report, const ratel_quote *q, yajl_val expect);

#define PT_MAX_FILE ((size_t)16 << 20) /* a case or its base */

#endif

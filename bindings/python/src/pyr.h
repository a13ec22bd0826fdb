/* pyr.h - the private header of the Python binding (module ratel._ratel).
 * Every symbol here starts with pyr_, the binding's room; the module uses
 * only the public C API (ratel.h) and CPython's. */
#ifndef PYR_H
#define PYR_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <ratel.h>

/* ---- a growing byte buffer (buf.c) ---------------------------------- */

typedef struct pyr_buf {
    char *data;
    size_t len, cap;
    int oom; /* an allocation failed: the content is incomplete */
} pyr_buf;

int pyr_buf_grow(pyr_buf *b, size_t n);
void pyr_buf_put(pyr_buf *b, const char *s, size_t n);
void pyr_buf_str(pyr_buf *b, const char *s);
void pyr_buf_int(pyr_buf *b, long long v);
void pyr_buf_free(pyr_buf *b);
#define PYR_BUF_LIT(b, lit) pyr_buf_put((b), (lit), sizeof(lit) - 1)

/* ---- exceptions (errors.c) ------------------------------------------ */

/* What a failed call left on its context, copied so that the context can
 * be reused before the exception is made (rate_many's workers). */
typedef struct pyr_failure {
    int code;
    char *message;
    char *script;
    int line;
    size_t nfields;
    ratel_field_error *fields; /* path and message owned here */
} pyr_failure;

extern PyObject *pyr_Error;

int pyr_errors_init(PyObject *module);
void pyr_failure_capture(pyr_failure *f, const ratel_ctx *ctx, int code);
/* A failure that has no context: a code and a message. */
void pyr_failure_set(pyr_failure *f, int code, const char *message);
void pyr_failure_clear(pyr_failure *f);
/* The exception instance for a failure; NULL with a Python error set. */
PyObject *pyr_failure_exception(const pyr_failure *f);
/* Raises the failure; returns NULL. */
PyObject *pyr_failure_raise(const pyr_failure *f);
/* Raises the error of ctx after `code`; returns NULL. */
PyObject *pyr_raise_ctx(const ratel_ctx *ctx, int code);
/* Raises a DeclarationError of one field error; returns NULL. */
PyObject *pyr_raise_field(const char *path, const char *message);
/* Puts "prefix: " before the message of the exception being raised (its
 * type and attributes kept), e.g. the plan whose menu was refused. */
void pyr_error_prefix(const char *prefix);
/* Raises ratel's exception class for `code` with a message; NULL. */
PyObject *pyr_raise(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Helpers (module.c): a str, or None for NULL; appending a new reference
 * to a list, consuming it (-1 when item is NULL or the append fails). */
PyObject *pyr_str_or_none(const char *s);
int pyr_append_new(PyObject *list, PyObject *item);

/* json.loads(json), consuming the reference to json (which may be NULL
 * after an error); NULL with a Python error (module.c). */
PyObject *pyr_json_loads(PyObject *json);

/* ---- engine (engine.c, engine_info.c) -------------------------------- */

/* The installed data (datadir.c): the nearest share/ratel above the
 * module's file, else the prefix baked in at build time. Not owned. */
const char *pyr_datadir(void);

typedef struct pyr_engine {
    PyObject_HEAD
    ratel_engine *eng;
    ratel_ctx **idle;  /* contexts not in use, reused by later calls */
    size_t nidle, capidle;
    Py_ssize_t users;  /* live declarations and calls in flight */
    int closed;
} pyr_engine;

extern PyTypeObject pyr_EngineType;

/* A context for one call (made or reused), with the authority level set;
 * NULL with a Python error set (closed engine, no memory). Give it back
 * with pyr_ctx_put, even after an error (read the error first). */
ratel_ctx *pyr_ctx_take(pyr_engine *e, int authority);
void pyr_ctx_put(pyr_engine *e, ratel_ctx *ctx);
/* The engine is used by a live object (a declaration, an iterator): it
 * is freed only after the matching pyr_engine_unuse. 0, or -1 with a
 * Python error when it is closed. */
int pyr_engine_use(pyr_engine *e);
void pyr_engine_unuse(pyr_engine *e);
/* The schema id of plan `plan_id` (NULL when plan_id is NULL or unknown:
 * the document's or the default plan's schema then applies). */
const char *pyr_plan_schema(const ratel_engine *eng, const char *plan_id);

/* 0 when the engine is open, else -1 with ArgumentError raised. */
int pyr_engine_check(const pyr_engine *e);
PyObject *pyr_engine_plans(pyr_engine *e, PyObject *unused);
PyObject *pyr_engine_schemas(pyr_engine *e, PyObject *unused);

/* ---- Python values to JSON text (tojson.c) ----------------------------- */

/* Where a value cannot be JSON: its JSON path and what is wrong. */
typedef struct pyr_json_error {
    char path[512];
    char message[160];
} pyr_json_error;

/* Appends obj as JSON (dict, list, tuple, str, int, float, bool, None,
 * datetime.date). On a value that cannot be JSON, returns -1 with its
 * path and the reason in *err (no Python error set); -2 with a Python
 * error set when Python itself failed. */
int pyr_tojson(pyr_buf *b, PyObject *obj, pyr_json_error *err);

/* ---- declarations (decl.c, decl_value.c) ---------------------------- */

typedef struct pyr_decl {
    PyObject_HEAD
    pyr_engine *engine; /* strong reference */
    ratel_decl *decl;
    Py_ssize_t readers; /* rating calls reading it without the GIL */
} pyr_decl;

extern PyTypeObject pyr_DeclType;

/* A declaration's value at path as a Python object (None when not given
 * and without default); NULL with a Python error. */
PyObject *pyr_decl_get_value(pyr_decl *d, const char *path);
/* Sets the value at path (scalars, dicts of fields, lists of items).
 * 0, or -1 with a Python error. */
int pyr_decl_set_value(pyr_decl *d, ratel_ctx *ctx, const char *path,
                       PyObject *value);

/* The input of a rating call: text to parse, or a Declaration. */
typedef struct pyr_input {
    pyr_buf json;          /* a dict made JSON */
    Py_buffer view;        /* str (UTF-8), bytes, bytearray */
    PyObject *owner;       /* what the text or declaration belongs to */
    const char *text;
    size_t len;
    pyr_decl *decl;        /* a Declaration, its readers counted */
} pyr_input;

/* Reads `obj` (dict, str, bytes-like, Declaration) for a rating call on
 * engine e. 0, or -1 with a Python error (DeclarationError for a value
 * that cannot be JSON). Release with pyr_input_release. */
int pyr_input_get(pyr_input *in, pyr_engine *e, PyObject *obj);
void pyr_input_release(pyr_input *in);
/* Parses the input (when text) and rates it, without the GIL held by
 * the caller's choice. The declaration parsed is freed here. */
int pyr_input_rate(ratel_quote **out, ratel_ctx *ctx, const pyr_input *in,
                   const char *schema, const ratel_rate_options *opts);
/* The declaration of an input, parsed if needed (the caller frees *own
 * when set). RATEL_OK or an error on ctx. */
int pyr_input_decl(const ratel_decl **out, ratel_decl **own, ratel_ctx *ctx,
                   const pyr_input *in, const char *schema);

/* ---- quotes (quote.c, quote_parts.c) -------------------------------- */

typedef struct pyr_quote {
    PyObject_HEAD
    ratel_quote *quote;
    PyObject *owner; /* NULL: the quote is ours to free; else a menu */
    PyObject *json;  /* cached str */
} pyr_quote;

extern PyTypeObject pyr_QuoteType;

/* A Quote taking ownership of q (owner NULL), or borrowing it from owner. */
PyObject *pyr_quote_wrap(ratel_quote *q, PyObject *owner);

PyObject *pyr_quote_coverages(const ratel_quote *q);
PyObject *pyr_quote_worksheet(const ratel_quote *q);
PyObject *pyr_quote_reasons(const ratel_quote *q, int subjectivities);
PyObject *pyr_quote_authority(const ratel_quote *q);
PyObject *pyr_quote_tables(const ratel_quote *q);
PyObject *pyr_quote_strings(const ratel_quote *q, int which);
PyObject *pyr_quote_differences(const ratel_quote *q, const char *coverage);
PyObject *pyr_quote_attributes(const ratel_quote *q);
/* {'kind', 'code', 'text'} of a reason (a quote's, a scheme case's). */
PyObject *pyr_reason_dict(const ratel_reason *r);
/* The entities of group quote q, wrapped by the Quote `group`. */
PyObject *pyr_quote_entities(PyObject *group, const ratel_quote *q);

/* ---- rating calls (rate.c, menu.c, structure.c) ---------------------- */

/* Rating options from Python arguments; 0 or -1 with a Python error.
 * Strings are borrowed from the arguments (hold them). */
typedef struct pyr_rate_args {
    ratel_rate_options opts;
    ratel_override *overrides;
    int authority;
} pyr_rate_args;

int pyr_rate_args_get(pyr_rate_args *a, const char *plan, int worksheet,
                      PyObject *authority, PyObject *overrides,
                      PyObject *total_override);
void pyr_rate_args_release(pyr_rate_args *a);
/* A str argument or None as a C string (NULL for None); 0 or -1. */
int pyr_optional_str(PyObject *obj, const char *name, const char **out);

/* The menu of `opts` in *out (menu.c): NULL for None (the plan's own),
 * made from a list of {'name', 'set'} dicts, or parsed from JSON text on
 * ctx. 0, or -1 with a Python error. */
int pyr_options_arg(ratel_options **out, ratel_ctx *ctx, PyObject *opts);

PyObject *pyr_engine_quote(pyr_engine *e, PyObject *args, PyObject *kw);
PyObject *pyr_engine_menu(pyr_engine *e, PyObject *args, PyObject *kw);
PyObject *pyr_engine_structure(pyr_engine *e, PyObject *args, PyObject *kw);
PyObject *pyr_engine_compare(pyr_engine *e, PyObject *args, PyObject *kw);

extern PyTypeObject pyr_MenuType;
extern PyTypeObject pyr_StructureResultType;

/* ---- the broker's comparison (compare.c, comparison.c) ---------------- */

typedef struct pyr_comparison {
    PyObject_HEAD
    ratel_comparison *c;
} pyr_comparison;

extern PyTypeObject pyr_ComparisonType;

/* ---- association schemes (scheme.c, scheme_rate.c) ------------------- */

typedef struct pyr_scheme {
    PyObject_HEAD
    ratel_scheme *s;
} pyr_scheme;

extern PyTypeObject pyr_SchemeType;

/* Raises the account's last error after `rc` (it names the member);
 * returns NULL. */
PyObject *pyr_scheme_raise(const pyr_scheme *self, int rc);
PyObject *pyr_engine_scheme(pyr_engine *e, PyObject *args, PyObject *kw);

/* ---- rate_many (many.c, many_pool.c, row.c) -------------------------- */

PyObject *pyr_engine_rate_many(pyr_engine *e, PyObject *args, PyObject *kw);
extern PyTypeObject pyr_ManyType;

/* The longest line of a book `ratel batch` rates (longer: an error). */
#define PYR_MAX_LINE ((size_t)1 << 20)
/* Lines per chunk, as `ratel batch` reads them. */
#define PYR_CHUNK 4096

/* The rows `ratel batch` writes (cli/batch_result.c, docs/cli.md): a
 * quote's row or an error row, for JSON Lines (csv 0) or CSV (csv 1). */
void pyr_row_quote(pyr_buf *b, long lineno, const ratel_quote *q, int csv);
void pyr_row_error(pyr_buf *b, long lineno, const char *msg, int csv);
/* The one-line error of a failed rating, as `ratel batch` words it. */
void pyr_row_message(char *err, size_t size, const ratel_ctx *ctx, int rc);
extern const char pyr_csv_header[];

#endif /* PYR_H */

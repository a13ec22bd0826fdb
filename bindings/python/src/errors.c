/* errors.c - ratel's exceptions: one class per error code under
 * ratel.Error, carrying what the C API reports (code, message, script and
 * line, the declaration's field errors with their JSON paths). */
#include "pyr.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

PyObject *pyr_Error;

/* The class of each code, by -code (RATEL_OK unused). */
#define NCODES 11
static PyObject *by_code[NCODES];

static const struct exc_def {
    int code;
    const char *name;   /* "ratel.X" */
    const char *extra;  /* a builtin base beside ratel.Error, or NULL */
    int under_plan;     /* a subclass of PlanError */
    const char *doc;
} defs[] = {
    {RATEL_EPLAN, "ratel.PlanError", NULL, 0,
     "A plan failed to load (syntax, metadata); .script and .line where "
     "known."},
    {RATEL_ENOMEM, "ratel.OutOfMemoryError", "MemoryError", 0,
     "The library ran out of memory."},
    {RATEL_EARG, "ratel.ArgumentError", "ValueError", 0,
     "A bad argument: an unknown name or path, a value out of range."},
    {RATEL_EIO, "ratel.FileError", "OSError", 0,
     "A file could not be read or written."},
    {RATEL_ETABLE, "ratel.TableError", NULL, 0,
     "A rate-table source or database is invalid."},
    {RATEL_EDECL, "ratel.DeclarationError", "ValueError", 0,
     "The declaration is invalid; .errors lists (json_path, message)."},
    {RATEL_ESCRIPT, "ratel.ScriptError", NULL, 1,
     "The plan raised an error while rating; .script and .line."},
    {RATEL_ELIMIT, "ratel.LimitError", NULL, 1,
     "The plan hit its instruction, memory or time limit."},
    {RATEL_ENOTFOUND, "ratel.NotFoundError", "LookupError", 0,
     "No plan, table, schema or field matches the name (and date)."},
    {RATEL_ERESULT, "ratel.ResultError", NULL, 0,
     "The plan produced an invalid result (NaN, out of range)."},
};

static int add_class(PyObject *module, const struct exc_def *d)
{
    PyObject *bases, *cls, *builtins, *extra = NULL;
    PyObject *first = d->under_plan ? by_code[-RATEL_EPLAN] : pyr_Error;

    if (d->extra != NULL) {
        builtins = PyEval_GetBuiltins(); /* borrowed */
        extra = PyDict_GetItemString(builtins, d->extra);
    }
    bases = extra ? PyTuple_Pack(2, first, extra) : PyTuple_Pack(1, first);
    if (bases == NULL)
        return -1;
    cls = PyErr_NewExceptionWithDoc(d->name, d->doc, bases, NULL);
    Py_DECREF(bases);
    if (cls == NULL)
        return -1;
    by_code[-d->code] = cls;
    Py_INCREF(cls);
    return PyModule_AddObject(module, strchr(d->name, '.') + 1, cls);
}

int pyr_errors_init(PyObject *module)
{
    size_t i;
    pyr_Error = PyErr_NewExceptionWithDoc(
        "ratel.Error",
        "Base of ratel's errors: .code (the C API's negative code), "
        ".script and .line (plan errors), .errors (declarations).",
        NULL, NULL);
    if (pyr_Error == NULL)
        return -1;
    Py_INCREF(pyr_Error);
    if (PyModule_AddObject(module, "Error", pyr_Error) != 0)
        return -1;
    for (i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (add_class(module, &defs[i]) != 0)
            return -1;
    return 0;
}

static PyObject *class_of(int code)
{
    if (code < 0 && code > -NCODES && by_code[-code] != NULL)
        return by_code[-code];
    return pyr_Error;
}

static char *copy_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

void pyr_failure_set(pyr_failure *f, int code, const char *message)
{
    memset(f, 0, sizeof *f);
    f->code = code;
    f->message = copy_str(message && *message ? message : ratel_strerror(code));
}

void pyr_failure_capture(pyr_failure *f, const ratel_ctx *ctx, int code)
{
    size_t i, n = ratel_ctx_field_error_count(ctx);
    pyr_failure_set(f, code, ratel_ctx_errmsg(ctx));
    f->script = copy_str(ratel_ctx_errscript(ctx));
    f->line = ratel_ctx_errline(ctx);
    if (code != RATEL_EDECL || n == 0)
        return;
    f->fields = calloc(n, sizeof *f->fields);
    for (i = 0; f->fields != NULL && i < n; i++) {
        ratel_field_error fe;
        if (ratel_ctx_field_error(ctx, i, &fe) != RATEL_OK)
            continue;
        f->fields[f->nfields].path = copy_str(fe.path ? fe.path : "$");
        f->fields[f->nfields].message = copy_str(fe.message ? fe.message : "");
        f->fields[f->nfields].line = fe.line;
        f->fields[f->nfields].column = fe.column;
        f->nfields++;
    }
}

void pyr_failure_clear(pyr_failure *f)
{
    size_t i;
    for (i = 0; i < f->nfields; i++) {
        free((char *)f->fields[i].path);
        free((char *)f->fields[i].message);
    }
    free(f->fields);
    free(f->message);
    free(f->script);
    memset(f, 0, sizeof *f);
}

/* .errors: [(json_path, message)]; .fields: the same with line and
 * column (JSON syntax errors). */
static int set_field_errors(PyObject *exc, const pyr_failure *f)
{
    PyObject *errors = PyList_New(0), *fields = PyList_New(0), *t;
    size_t i;
    int rc = -1;

    if (errors == NULL || fields == NULL)
        goto done;
    for (i = 0; i < f->nfields; i++) {
        const ratel_field_error *fe = &f->fields[i];
        t = Py_BuildValue("(ss)", fe->path, fe->message);
        if (t == NULL || PyList_Append(errors, t) != 0) {
            Py_XDECREF(t);
            goto done;
        }
        Py_DECREF(t);
        t = Py_BuildValue("{s:s,s:s,s:i,s:i}", "path", fe->path, "message",
                          fe->message, "line", fe->line, "column",
                          fe->column);
        if (t == NULL || PyList_Append(fields, t) != 0) {
            Py_XDECREF(t);
            goto done;
        }
        Py_DECREF(t);
    }
    rc = PyObject_SetAttrString(exc, "errors", errors) |
         PyObject_SetAttrString(exc, "fields", fields);
done:
    Py_XDECREF(errors);
    Py_XDECREF(fields);
    return rc;
}

PyObject *pyr_failure_exception(const pyr_failure *f)
{
    PyObject *exc, *v;
    const char *msg = f->message ? f->message : ratel_strerror(f->code);

    exc = PyObject_CallFunction(class_of(f->code), "s", msg);
    if (exc == NULL)
        return NULL;
    if ((v = PyLong_FromLong(f->code)) == NULL ||
        PyObject_SetAttrString(exc, "code", v) != 0)
        goto fail;
    Py_DECREF(v);
    v = f->script ? PyUnicode_FromString(f->script) : Py_NewRef(Py_None);
    if (v == NULL || PyObject_SetAttrString(exc, "script", v) != 0)
        goto fail;
    Py_DECREF(v);
    if ((v = PyLong_FromLong(f->line)) == NULL ||
        PyObject_SetAttrString(exc, "line", v) != 0)
        goto fail;
    Py_DECREF(v);
    if (set_field_errors(exc, f) != 0) {
        Py_DECREF(exc);
        return NULL;
    }
    return exc;
fail:
    Py_XDECREF(v);
    Py_DECREF(exc);
    return NULL;
}

PyObject *pyr_failure_raise(const pyr_failure *f)
{
    PyObject *exc = pyr_failure_exception(f);
    if (exc != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *pyr_raise_ctx(const ratel_ctx *ctx, int code)
{
    pyr_failure f;
    pyr_failure_capture(&f, ctx, code);
    pyr_failure_raise(&f);
    pyr_failure_clear(&f);
    return NULL;
}

PyObject *pyr_raise_field(const char *path, const char *message)
{
    char msg[1024];
    ratel_field_error fe;
    pyr_failure f;

    snprintf(msg, sizeof msg, "%s: %s", path, message);
    pyr_failure_set(&f, RATEL_EDECL, msg);
    fe.path = path;
    fe.message = message;
    fe.line = fe.column = 0;
    f.nfields = 1;
    f.fields = &fe;
    pyr_failure_raise(&f);
    f.nfields = 0;
    f.fields = NULL;
    pyr_failure_clear(&f);
    return NULL;
}

PyObject *pyr_raise(int code, const char *fmt, ...)
{
    char msg[1024];
    pyr_failure f;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pyr_failure_set(&f, code, msg);
    pyr_failure_raise(&f);
    pyr_failure_clear(&f);
    return NULL;
}

void pyr_error_prefix(const char *prefix)
{
    PyObject *type, *value, *tb, *msg = NULL, *args = NULL;

    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value != NULL && (msg = PyObject_Str(value)) != NULL &&
        (args = Py_BuildValue("(N)", PyUnicode_FromFormat("%s: %U", prefix,
                                                          msg))) != NULL)
        PyObject_SetAttrString(value, "args", args);
    Py_XDECREF(msg);
    Py_XDECREF(args);
    if (PyErr_Occurred()) /* out of memory: the error without its prefix */
        PyErr_Clear();
    PyErr_Restore(type, value, tb);
}

/* scheme_rate.c - Engine.scheme(): the members of a roster (a file of
 * JSON Lines or CSV, or an iterable of declarations) rated by the
 * scheme's plan on N threads with the GIL released, as rate_many rates a
 * book, and added to a ratel.Scheme in roster order while the threads
 * rate the next chunk: the account `ratel scheme quote` makes. */
#include "many.h"

#include <string.h>

/* Adds a chunk's members to the account (m->take_arg), in order: "line
 * N", as `ratel scheme quote` names them. */
static int take_members(pyr_many *m, many_chunk *c)
{
    pyr_scheme *account = m->take_arg;
    int rc = RATEL_OK;
    char member[32];
    size_t i;

    for (i = 0; i < c->n; i++) {
        many_item *it = &c->items[i];
        if (rc == RATEL_OK) {
            snprintf(member, sizeof member, "line %ld", it->lineno);
            rc = it->quote ? ratel_scheme_add(account->s, member, it->quote)
                           : ratel_scheme_add_failure(
                                 account->s, member,
                                 it->fail.message ? it->fail.message
                                                  : "out of memory");
        }
        ratel_quote_free(it->quote); /* the account keeps what it needs */
        it->quote = NULL;
        pyr_failure_clear(&it->fail);
    }
    pyr_many_unkeep(c);
    if (rc != RATEL_OK) {
        pyr_scheme_raise(account, rc);
        return -1;
    }
    return 0;
}

/* The text of a line given as str or bytes, its line break dropped; -1
 * with a Python error for anything else. */
static int line_text(PyObject *obj, const char **s, Py_ssize_t *len)
{
    if (PyBytes_Check(obj)) {
        *s = PyBytes_AS_STRING(obj);
        *len = PyBytes_GET_SIZE(obj);
    } else if (PyUnicode_Check(obj)) {
        if ((*s = PyUnicode_AsUTF8AndSize(obj, len)) == NULL)
            return -1;
    } else {
        pyr_raise(RATEL_EARG, "the header of a CSV roster is a line of "
                              "text, not '%.60s'", Py_TYPE(obj)->tp_name);
        return -1;
    }
    if (*len > 0 && (*s)[*len - 1] == '\n')
        (*len)--;
    if (*len > 0 && (*s)[*len - 1] == '\r')
        (*len)--;
    return 0;
}

/* Reads the header row, the first item of iter. 0 or -1. */
static int read_header(ratel_csv_header **csv, pyr_engine *e,
                       PyObject *iter, const char *schema, PyObject *name,
                       long lineno)
{
    PyObject *first = PyIter_Next(iter);
    ratel_ctx *ctx;
    const char *s;
    Py_ssize_t len;
    int rc = -1;

    if (first == NULL) {
        if (!PyErr_Occurred())
            pyr_raise(RATEL_EARG, "%s: no header row", PyUnicode_AsUTF8(name));
        return -1;
    }
    if (line_text(first, &s, &len) == 0 &&
        (ctx = pyr_ctx_take(e, 1)) != NULL) {
        if (ratel_csv_header_parse(csv, ctx, schema, s, (size_t)len) ==
            RATEL_OK)
            rc = 0;
        else
            pyr_raise(RATEL_EARG, "%s:%ld: header, %s",
                      PyUnicode_AsUTF8(name), lineno, ratel_ctx_errmsg(ctx));
        pyr_ctx_put(e, ctx);
    }
    Py_DECREF(first);
    return rc;
}

/* A roster given as a path: the file, opened to read bytes, and whether
 * its name ends in .csv. NULL (not a path, no error), or the file. */
static PyObject *open_path(PyObject *roster, PyObject **name, int *csv)
{
    PyObject *path, *io, *suffix, *file = NULL;

    if (!PyUnicode_Check(roster) && !PyBytes_Check(roster) &&
        !PyObject_HasAttrString(roster, "__fspath__"))
        return NULL;
    if ((path = PyOS_FSPath(roster)) == NULL)
        return NULL;
    *name = PyUnicode_Check(path) ? Py_NewRef(path)
                                  : PyUnicode_DecodeFSDefaultAndSize(
                                        PyBytes_AS_STRING(path),
                                        PyBytes_GET_SIZE(path));
    if (*name != NULL && (suffix = PyUnicode_FromString(".csv")) != NULL) {
        *csv = PyUnicode_Tailmatch(*name, suffix, 0, PY_SSIZE_T_MAX, 1) == 1;
        Py_DECREF(suffix);
        if ((io = PyImport_ImportModule("io")) != NULL) {
            file = PyObject_CallMethod(io, "open", "Os", path, "rb");
            Py_DECREF(io);
        }
    }
    Py_DECREF(path);
    if (file == NULL && PyErr_ExceptionMatches(PyExc_OSError)) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_NormalizeException(&type, &value, &tb);
        PyObject *text = PyObject_Str(value);
        const char *msg = text ? PyUnicode_AsUTF8(text) : NULL;
        if (msg != NULL)
            pyr_raise(RATEL_EIO, "%s", msg); /* ratel.FileError */
        Py_XDECREF(text);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
    return file;
}

/* Rates the roster's members into account; 0 or -1. */
static int rate_roster(pyr_engine *e, PyObject *items, PyObject *name,
                       int csv, PyObject *threads, const char *plan,
                       long first, pyr_scheme *account)
{
    const char *schema = pyr_plan_schema(e->eng, plan);
    ratel_csv_header *header = NULL;
    PyObject *iter = PyObject_GetIter(items);
    pyr_many *m;
    int rc;

    if (iter == NULL ||
        (csv && read_header(&header, e, iter, schema, name, first) != 0)) {
        Py_XDECREF(iter);
        return -1;
    }
    m = pyr_many_new(e, iter, threads, plan, MANY_SCHEME,
                     csv ? first + 1 : first, 0);
    Py_DECREF(iter);
    if (m == NULL) {
        ratel_csv_header_free(header);
        return -1;
    }
    m->csv = header;
    m->take = take_members;
    m->take_arg = account;
    rc = pyr_many_drain(m);
    Py_DECREF(m);
    return rc;
}

static int parse_in_format(const char *format, int *csv)
{
    if (format == NULL)
        return 0;
    if (strcmp(format, "jsonl") != 0 && strcmp(format, "csv") != 0) {
        pyr_raise(RATEL_EARG, "format must be 'jsonl' or 'csv', got '%s'",
                  format);
        return -1;
    }
    *csv = strcmp(format, "csv") == 0;
    return 0;
}

PyObject *pyr_engine_scheme(pyr_engine *e, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"roster", "plan", "threads", "format", "start",
                             NULL};
    PyObject *roster, *threads = Py_None, *file, *name = NULL, *account;
    const char *plan, *format = NULL;
    long first = 1;
    int csv = 0, rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "Os|Ozl:scheme", kwlist,
                                     &roster, &plan, &threads, &format,
                                     &first))
        return NULL;
    if (pyr_engine_check(e) != 0)
        return NULL;
    if (pyr_plan_schema(e->eng, plan) == NULL)
        return pyr_raise(RATEL_ENOTFOUND, "no plan '%s'", plan);
    file = open_path(roster, &name, &csv);
    if (PyErr_Occurred() || parse_in_format(format, &csv) != 0 ||
        (name == NULL && (name = PyUnicode_FromString("roster")) == NULL) ||
        (account = PyObject_CallNoArgs((PyObject *)&pyr_SchemeType)) ==
            NULL) {
        Py_XDECREF(file);
        Py_XDECREF(name);
        return NULL;
    }
    rc = rate_roster(e, file ? file : roster, name, csv, threads, plan,
                     first, (pyr_scheme *)account);
    if (file != NULL) {
        PyObject *type, *value, *tb, *r;
        PyErr_Fetch(&type, &value, &tb);
        r = PyObject_CallMethod(file, "close", NULL);
        Py_XDECREF(r);
        if (type != NULL) /* the roster's error, not close's */
            PyErr_Restore(type, value, tb);
        else if (r == NULL)
            rc = -1;
        Py_DECREF(file);
    }
    Py_DECREF(name);
    if (rc != 0)
        Py_CLEAR(account);
    return account;
}

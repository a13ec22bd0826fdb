/* tojson.c - a declaration given as Python values (dict, list, str, int,
 * float, bool, None, datetime.date) written as JSON text for the
 * engine's reader, so that a dict is checked exactly as a JSON document
 * is. A value JSON cannot hold is refused with its JSON path. */
#include "pyr.h"

#include <datetime.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct writer {
    pyr_buf *b;
    char path[512]; /* "$.incidents[2].paid" */
    size_t plen;
    pyr_json_error *err;
} writer;

static int value(writer *w, PyObject *obj, int depth);

static int fail(writer *w, const char *what)
{
    snprintf(w->err->path, sizeof w->err->path, "%s", w->path);
    snprintf(w->err->message, sizeof w->err->message, "%s", what);
    return -1;
}

/* Appends ".key" or "[i]" to the path; returns the old length. */
static size_t push(writer *w, const char *fmt, const char *key, Py_ssize_t i)
{
    size_t old = w->plen;
    int n;
    if (w->plen < sizeof w->path) {
        n = key ? snprintf(w->path + w->plen, sizeof w->path - w->plen, fmt,
                           key)
                : snprintf(w->path + w->plen, sizeof w->path - w->plen, fmt,
                           (long long)i);
        if (n > 0)
            w->plen = w->plen + (size_t)n < sizeof w->path
                          ? w->plen + (size_t)n : sizeof w->path - 1;
    }
    return old;
}

static void pop(writer *w, size_t old)
{
    w->plen = old;
    w->path[old] = '\0';
}

static void json_string(pyr_buf *b, const char *s, Py_ssize_t n)
{
    static const char hex[] = "0123456789abcdef";
    Py_ssize_t i, run = 0;
    char e[6] = {'\\', 'u', '0', '0', 0, 0};

    PYR_BUF_LIT(b, "\"");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        pyr_buf_put(b, s + run, (size_t)(i - run));
        run = i + 1;
        if (c == '"' || c == '\\') {
            e[1] = (char)c;
            pyr_buf_put(b, e, 2);
            e[1] = 'u';
        } else {
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            pyr_buf_put(b, e, 6);
        }
    }
    pyr_buf_put(b, s + run, (size_t)(n - run));
    PYR_BUF_LIT(b, "\"");
}

static int text(writer *w, PyObject *obj)
{
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(obj, &n);
    if (s == NULL) {
        PyErr_Clear();
        return fail(w, "text that is not valid Unicode");
    }
    json_string(w->b, s, n);
    return 0;
}

static int integer(writer *w, PyObject *obj)
{
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
    PyObject *s;
    if (v == -1 && PyErr_Occurred())
        return -2;
    if (!overflow) {
        pyr_buf_int(w->b, v);
        return 0;
    }
    /* too large for 64 bits: the reader reports it out of range */
    if ((s = PyObject_Str(obj)) == NULL)
        return -2;
    pyr_buf_str(w->b, PyUnicode_AsUTF8(s));
    Py_DECREF(s);
    return 0;
}

static int number(writer *w, double v)
{
    char *s;
    if (!isfinite(v))
        return fail(w, "a number that is not finite (NaN or infinity)");
    if ((s = PyOS_double_to_string(v, 'r', 0, 0, NULL)) == NULL)
        return -2;
    pyr_buf_str(w->b, s);
    PyMem_Free(s);
    return 0;
}

static int object(writer *w, PyObject *obj, int depth)
{
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    int first = 1, rc;

    PYR_BUF_LIT(w->b, "{");
    while (PyDict_Next(obj, &pos, &k, &v)) {
        const char *key;
        size_t old;
        if (!PyUnicode_Check(k) || (key = PyUnicode_AsUTF8(k)) == NULL) {
            PyErr_Clear();
            return fail(w, "a key that is not text");
        }
        if (!first)
            PYR_BUF_LIT(w->b, ",");
        first = 0;
        if (text(w, k) != 0)
            return -1;
        PYR_BUF_LIT(w->b, ":");
        old = push(w, ".%s", key, 0);
        rc = value(w, v, depth + 1);
        if (rc != 0)
            return rc;
        pop(w, old);
    }
    PYR_BUF_LIT(w->b, "}");
    return 0;
}

static int array(writer *w, PyObject *obj, int depth)
{
    Py_ssize_t i, n = PySequence_Fast_GET_SIZE(obj);
    PyObject **items = PySequence_Fast_ITEMS(obj);
    int rc;

    PYR_BUF_LIT(w->b, "[");
    for (i = 0; i < n; i++) {
        size_t old = push(w, "[%lld]", NULL, i);
        if (i > 0)
            PYR_BUF_LIT(w->b, ",");
        if ((rc = value(w, items[i], depth + 1)) != 0)
            return rc;
        pop(w, old);
    }
    PYR_BUF_LIT(w->b, "]");
    return 0;
}

static int date(writer *w, PyObject *obj)
{
    char s[16];
    snprintf(s, sizeof s, "\"%04d-%02d-%02d\"", PyDateTime_GET_YEAR(obj),
             PyDateTime_GET_MONTH(obj), PyDateTime_GET_DAY(obj));
    pyr_buf_str(w->b, s);
    return 0;
}

static int value(writer *w, PyObject *obj, int depth)
{
    char what[160];

    if (depth > MAX_DEPTH)
        return fail(w, "nested more than 64 levels deep");
    if (obj == Py_None) {
        PYR_BUF_LIT(w->b, "null");
        return 0;
    }
    if (PyBool_Check(obj)) {
        pyr_buf_str(w->b, obj == Py_True ? "true" : "false");
        return 0;
    }
    if (PyUnicode_Check(obj))
        return text(w, obj);
    if (PyLong_Check(obj))
        return integer(w, obj);
    if (PyFloat_Check(obj))
        return number(w, PyFloat_AS_DOUBLE(obj));
    if (PyDict_Check(obj))
        return object(w, obj, depth);
    if (PyList_Check(obj) || PyTuple_Check(obj))
        return array(w, obj, depth);
    if (PyDate_Check(obj))
        return date(w, obj);
    if (PyIndex_Check(obj)) { /* numpy integers and the like */
        PyObject *i = PyNumber_Index(obj);
        int rc;
        if (i == NULL)
            return -2;
        rc = integer(w, i);
        Py_DECREF(i);
        return rc;
    }
    snprintf(what, sizeof what, "a value of type '%.100s' cannot be JSON",
             Py_TYPE(obj)->tp_name);
    return fail(w, what);
}

int pyr_tojson(pyr_buf *b, PyObject *obj, pyr_json_error *err)
{
    writer w;
    int rc;

    if (PyDateTimeAPI == NULL) {
        PyDateTime_IMPORT;
        if (PyDateTimeAPI == NULL)
            return -2;
    }
    w.b = b;
    w.path[0] = '$';
    w.path[1] = '\0';
    w.plen = 1;
    w.err = err;
    err->path[0] = err->message[0] = '\0';
    rc = value(&w, obj, 0);
    if (rc == 0 && b->oom) {
        PyErr_NoMemory();
        return -2;
    }
    return rc;
}

/* decl_value.c - a declaration's fields by path as Python values: the
 * getter or setter of the field's type (from the schema's description),
 * whole objects as dicts, lists as lists of items, flags as dicts of
 * booleans, sets as lists of codes. */
#include "pyr.h"

#include <datetime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_LEN 512

/* The path with every "[N]" written "[]", as the schema names fields. */
static int normalize(const char *path, char *out, size_t size)
{
    size_t o = 0;
    while (*path != '\0') {
        if (o + 3 >= size)
            return -1;
        if (*path == '[') {
            out[o++] = '[';
            out[o++] = ']';
            path = strchr(path, ']');
            if (path == NULL)
                return -1;
            path++;
            continue;
        }
        out[o++] = *path++;
    }
    out[o] = '\0';
    return 0;
}

/* The index of the declaration's schema among the engine's. */
static int schema_index(const pyr_decl *d, size_t *index)
{
    const char *id = ratel_decl_schema(d->decl);
    size_t i, n = ratel_engine_schema_count(d->engine->eng);
    ratel_schema_info info;
    for (i = 0; i < n; i++)
        if (ratel_engine_schema(d->engine->eng, i, &info) == RATEL_OK &&
            strcmp(info.id, id) == 0) {
            *index = i;
            return 0;
        }
    return -1;
}

static int find_field(const pyr_decl *d, const char *norm,
                      ratel_schema_field *f);

/* An item of a list of records ("incidents[]"), which the schema does not
 * list as a field of its own: described as an object. */
static int find_item(const pyr_decl *d, const char *norm,
                     ratel_schema_field *f)
{
    char list[PATH_MAX_LEN];
    size_t n = strlen(norm);
    if (n < 3 || n >= sizeof list || strcmp(norm + n - 2, "[]") != 0)
        return -1;
    memcpy(list, norm, n - 2);
    list[n - 2] = '\0';
    if (find_field(d, list, f) != 0 || strcmp(f->type, "list") != 0)
        return -1;
    f->type = "object";
    return 0;
}

/* The schema's description of the field `norm` (a normalized path). */
static int find_field(const pyr_decl *d, const char *norm,
                      ratel_schema_field *f)
{
    size_t s, i;
    ratel_schema_info info;
    if (schema_index(d, &s) != 0 ||
        ratel_engine_schema(d->engine->eng, s, &info) != RATEL_OK)
        return -1;
    for (i = 0; i < info.nfields; i++)
        if (ratel_engine_schema_field(d->engine->eng, s, i, f) == RATEL_OK &&
            strcmp(f->path, norm) == 0)
            return 0;
    return find_item(d, norm, f);
}

static int is(const ratel_schema_field *f, const char *type)
{
    return strcmp(f->type, type) == 0;
}

/* YYYY-MM-DD of a day count since 1970-01-01 (proleptic Gregorian). */
static PyObject *date_text(int64_t days)
{
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, day = doy - (153 * mp + 2) / 5 + 1;
    int64_t month = mp < 10 ? mp + 3 : mp - 9, year = yoe + era * 400;
    return PyUnicode_FromFormat("%04d-%02d-%02d", (int)(year + (month <= 2)),
                                (int)month, (int)day);
}

static PyObject *scalar(const pyr_decl *d, const char *path,
                        const ratel_schema_field *f)
{
    const ratel_decl *decl = d->decl;
    int64_t i = 0;
    double x = 0;
    int b = 0, rc;
    const char *s = NULL;

    if (is(f, "money") || is(f, "integer") || is(f, "date"))
        rc = ratel_decl_get_int(decl, path, &i);
    else if (is(f, "number"))
        rc = ratel_decl_get_number(decl, path, &x);
    else if (is(f, "boolean"))
        rc = ratel_decl_get_bool(decl, path, &b);
    else
        rc = ratel_decl_get_string(decl, path, &s);
    if (rc == RATEL_ENOTFOUND)
        Py_RETURN_NONE; /* not given, and no default */
    if (rc != RATEL_OK)
        return pyr_raise(rc, "%s: cannot be read as %s", path, f->type);
    if (is(f, "date"))
        return date_text(i);
    if (is(f, "money") || is(f, "integer"))
        return PyLong_FromLongLong(i);
    if (is(f, "number"))
        return PyFloat_FromDouble(x);
    if (is(f, "boolean"))
        return PyBool_FromLong(b);
    return PyUnicode_FromString(s);
}

static PyObject *value_at(const pyr_decl *d, const char *path,
                          const char *norm, const ratel_schema_field *f);

/* The codes of a flags field as {code: bool}, of a set as [code]. */
static PyObject *codes(const pyr_decl *d, const char *path,
                       const ratel_schema_field *f, int as_dict)
{
    PyObject *out = as_dict ? PyDict_New() : PyList_New(0);
    char sub[PATH_MAX_LEN];
    size_t i;
    int on, rc = 0;

    for (i = 0; out != NULL && rc == 0 && i < f->ncodes; i++) {
        snprintf(sub, sizeof sub, "%s.%s", path, f->codes[i]);
        if (ratel_decl_get_bool(d->decl, sub, &on) != RATEL_OK)
            continue;
        if (as_dict)
            rc = PyDict_SetItemString(out, f->codes[i],
                                      on ? Py_True : Py_False);
        else if (on) {
            PyObject *s = PyUnicode_FromString(f->codes[i]);
            rc = s ? PyList_Append(out, s) : -1;
            Py_XDECREF(s);
        }
    }
    if (rc != 0)
        Py_CLEAR(out);
    return out;
}

/* An object's fields (or a list item's) given or defaulted, as a dict:
 * the fields named norm.X in the schema, read at path.X. */
static PyObject *record(const pyr_decl *d, const char *path,
                        const char *norm)
{
    PyObject *out = PyDict_New(), *v;
    size_t s, i, nlen = strlen(norm);
    ratel_schema_info info;
    ratel_schema_field f;
    char sub[PATH_MAX_LEN];

    if (out == NULL || schema_index(d, &s) != 0 ||
        ratel_engine_schema(d->engine->eng, s, &info) != RATEL_OK)
        return out;
    for (i = 0; i < info.nfields; i++) {
        const char *name;
        if (ratel_engine_schema_field(d->engine->eng, s, i, &f) != RATEL_OK ||
            strncmp(f.path, norm, nlen) != 0 || f.path[nlen] != '.' ||
            f.input_only)
            continue;
        name = f.path + nlen + 1;
        if (strchr(name, '.') != NULL || strchr(name, '[') != NULL)
            continue; /* not a direct child */
        snprintf(sub, sizeof sub, "%s.%s", path, name);
        if ((v = value_at(d, sub, f.path, &f)) == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        if (v != Py_None && PyDict_SetItemString(out, name, v) != 0) {
            Py_DECREF(v);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(v);
    }
    return out;
}

static PyObject *items(const pyr_decl *d, const char *path, const char *norm)
{
    PyObject *out, *v;
    ratel_schema_field item;
    char sub[PATH_MAX_LEN], inorm[PATH_MAX_LEN];
    size_t i, n = 0;
    int scalar_items;

    if (ratel_decl_get_count(d->decl, path, &n) != RATEL_OK)
        Py_RETURN_NONE;
    snprintf(inorm, sizeof inorm, "%s[]", norm);
    scalar_items = find_field(d, inorm, &item) == 0 && !is(&item, "object");
    if ((out = PyList_New(0)) == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        snprintf(sub, sizeof sub, "%s[%zu]", path, i);
        v = scalar_items ? scalar(d, sub, &item) : record(d, sub, inorm);
        if (v == NULL || PyList_Append(out, v) != 0) {
            Py_XDECREF(v);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(v);
    }
    return out;
}

static PyObject *value_at(const pyr_decl *d, const char *path,
                          const char *norm, const ratel_schema_field *f)
{
    if (is(f, "object"))
        return record(d, path, norm);
    if (is(f, "list"))
        return items(d, path, norm);
    if (is(f, "flags") || is(f, "set"))
        return codes(d, path, f, is(f, "flags"));
    return scalar(d, path, f);
}

/* The parent path of a code of flags or sets ("controls" of
 * "controls.mfa"), when that is what path is. */
static int code_parent(const pyr_decl *d, const char *norm,
                       ratel_schema_field *f)
{
    char parent[PATH_MAX_LEN];
    const char *dot = strrchr(norm, '.');
    if (dot == NULL || (size_t)(dot - norm) >= sizeof parent)
        return -1;
    memcpy(parent, norm, (size_t)(dot - norm));
    parent[dot - norm] = '\0';
    if (find_field(d, parent, f) != 0 || !(is(f, "flags") || is(f, "set")))
        return -1;
    return 0;
}

/* Whether "list[N]", or the object an item path ends in, exists. */
static int item_exists(const pyr_decl *d, const char *path)
{
    char list[PATH_MAX_LEN];
    const char *open = strrchr(path, '[');
    size_t n = 0;
    if (open == NULL || (size_t)(open - path) >= sizeof list)
        return 0;
    memcpy(list, path, (size_t)(open - path));
    list[open - path] = '\0';
    return ratel_decl_get_count(d->decl, list, &n) == RATEL_OK &&
           strtoul(open + 1, NULL, 10) < n;
}

PyObject *pyr_decl_get_value(pyr_decl *d, const char *path)
{
    char norm[PATH_MAX_LEN];
    ratel_schema_field f;
    int on;

    if (normalize(path, norm, sizeof norm) != 0)
        return pyr_raise(RATEL_EARG, "%s: not a field path", path);
    if (find_field(d, norm, &f) == 0) {
        if (strchr(path, '[') && ratel_decl_given(d->decl, path) < 0 &&
            !(is(&f, "object") && item_exists(d, path)))
            return pyr_raise(RATEL_ENOTFOUND, "%s: no such item", path);
        return value_at(d, path, norm, &f);
    }
    if (code_parent(d, norm, &f) == 0 &&
        ratel_decl_get_bool(d->decl, path, &on) == RATEL_OK)
        return PyBool_FromLong(on);
    return pyr_raise(RATEL_ENOTFOUND, "%s: no such field in schema %s", path,
                     ratel_decl_schema(d->decl));
}

/* ---- setting --------------------------------------------------------- */

static int set_fields(pyr_decl *d, ratel_ctx *ctx, const char *path,
                      PyObject *dict)
{
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    char sub[PATH_MAX_LEN];
    while (PyDict_Next(dict, &pos, &k, &v)) {
        const char *key = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (key == NULL) {
            PyErr_Clear();
            pyr_raise(RATEL_EARG, "%s: a key that is not text", path);
            return -1;
        }
        snprintf(sub, sizeof sub, "%s.%s", path, key);
        if (pyr_decl_set_value(d, ctx, sub, v) != 0)
            return -1;
    }
    return 0;
}

static int set_items(pyr_decl *d, ratel_ctx *ctx, const char *path,
                     PyObject *seq)
{
    Py_ssize_t i, n = PySequence_Fast_GET_SIZE(seq);
    char sub[PATH_MAX_LEN];
    size_t count = 0, index;
    int rc;

    if (ratel_decl_get_count(d->decl, path, &count) == RATEL_OK && count > 0) {
        pyr_raise(RATEL_EARG, "%s already has %zu items: append(\"%s\") "
                              "adds one", path, count, path);
        return -1;
    }
    for (i = 0; i < n; i++) {
        if ((rc = ratel_decl_append(d->decl, ctx, path, &index)) != RATEL_OK) {
            pyr_raise_ctx(ctx, rc);
            return -1;
        }
        snprintf(sub, sizeof sub, "%s[%zu]", path, index);
        if (pyr_decl_set_value(d, ctx, sub,
                               PySequence_Fast_GET_ITEM(seq, i)) != 0)
            return -1;
    }
    return 0;
}

/* A set's or flags' codes from a list: those listed on, the others off. */
static int set_codes(pyr_decl *d, ratel_ctx *ctx, const char *path,
                     const ratel_schema_field *f, PyObject *seq)
{
    Py_ssize_t i, n = PySequence_Fast_GET_SIZE(seq);
    char sub[PATH_MAX_LEN];
    size_t c;
    int rc;

    for (i = 0; i < n; i++) { /* every listed code must exist */
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        const char *code = PyUnicode_Check(item) ? PyUnicode_AsUTF8(item)
                                                 : NULL;
        if (code == NULL) {
            PyErr_Clear();
            snprintf(sub, sizeof sub, "$.%s[%zd]", path, i);
            pyr_raise_field(sub, "expected a code (text)");
            return -1;
        }
        snprintf(sub, sizeof sub, "%s.%s", path, code);
        if ((rc = ratel_decl_set_bool(d->decl, ctx, sub, 1)) != RATEL_OK) {
            pyr_raise_ctx(ctx, rc);
            return -1;
        }
    }
    for (c = 0; c < f->ncodes; c++) {
        int listed = 0;
        for (i = 0; i < n && !listed; i++)
            listed = PyUnicode_CompareWithASCIIString(
                         PySequence_Fast_GET_ITEM(seq, i), f->codes[c]) == 0;
        snprintf(sub, sizeof sub, "%s.%s", path, f->codes[c]);
        if (!listed &&
            (rc = ratel_decl_set_bool(d->decl, ctx, sub, 0)) != RATEL_OK) {
            pyr_raise_ctx(ctx, rc);
            return -1;
        }
    }
    return 0;
}

static int set_container(pyr_decl *d, ratel_ctx *ctx, const char *path,
                         PyObject *value)
{
    char norm[PATH_MAX_LEN];
    ratel_schema_field f;
    PyObject *seq;
    int rc;

    if (normalize(path, norm, sizeof norm) != 0 ||
        find_field(d, norm, &f) != 0) {
        pyr_raise(RATEL_EARG, "%s: no such field in schema %s", path,
                  ratel_decl_schema(d->decl));
        return -1;
    }
    if (PyDict_Check(value)) {
        if (is(&f, "object") || is(&f, "flags"))
            return set_fields(d, ctx, path, value);
        pyr_raise(RATEL_EARG, "%s: a dict sets an object or flags, not a "
                              "field of type %s", path, f.type);
        return -1;
    }
    if (!(is(&f, "list") || is(&f, "set") || is(&f, "flags"))) {
        pyr_raise(RATEL_EARG, "%s: a list sets a list, a set or flags, not "
                              "a field of type %s", path, f.type);
        return -1;
    }
    if ((seq = PySequence_Fast(value, "a list")) == NULL)
        return -1;
    rc = is(&f, "list") ? set_items(d, ctx, path, seq)
                        : set_codes(d, ctx, path, &f, seq);
    Py_DECREF(seq);
    return rc;
}

int pyr_decl_set_value(pyr_decl *d, ratel_ctx *ctx, const char *path,
                       PyObject *value)
{
    int overflow = 0, rc;
    long long i;

    if (PyDict_Check(value) || PyList_Check(value) || PyTuple_Check(value))
        return set_container(d, ctx, path, value);
    if (PyDateTimeAPI == NULL)
        PyDateTime_IMPORT;
    if (PyBool_Check(value)) {
        rc = ratel_decl_set_bool(d->decl, ctx, path, value == Py_True);
    } else if (PyLong_Check(value)) {
        i = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (overflow || (i == -1 && PyErr_Occurred())) {
            char where[PATH_MAX_LEN];
            PyErr_Clear();
            snprintf(where, sizeof where, "$.%s", path);
            pyr_raise_field(where, "an integer out of range");
            return -1;
        }
        rc = ratel_decl_set_int(d->decl, ctx, path, i);
    } else if (PyFloat_Check(value)) {
        rc = ratel_decl_set_number(d->decl, ctx, path,
                                   PyFloat_AS_DOUBLE(value));
    } else if (PyUnicode_Check(value)) {
        const char *s = PyUnicode_AsUTF8(value);
        if (s == NULL)
            return -1;
        rc = ratel_decl_set_string(d->decl, ctx, path, s);
    } else if (PyDateTimeAPI != NULL && PyDate_Check(value)) {
        char s[16];
        snprintf(s, sizeof s, "%04d-%02d-%02d", PyDateTime_GET_YEAR(value),
                 PyDateTime_GET_MONTH(value), PyDateTime_GET_DAY(value));
        rc = ratel_decl_set_string(d->decl, ctx, path, s);
    } else {
        char where[PATH_MAX_LEN], what[160];
        snprintf(where, sizeof where, "$.%s", path);
        snprintf(what, sizeof what, "a value of type '%.100s' cannot be set",
                 Py_TYPE(value)->tp_name);
        pyr_raise_field(where, what);
        return -1;
    }
    if (rc != RATEL_OK) {
        pyr_raise_ctx(ctx, rc);
        return -1;
    }
    return 0;
}

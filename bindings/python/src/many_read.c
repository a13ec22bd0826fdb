/* many_read.c - rate_many's input, read chunk by chunk with the GIL held:
 * each item is a line of a book (str or bytes, read as `ratel batch`
 * reads a line: the line break and a trailing \r removed, a blank line
 * skipped but counted, a line over 1 MiB an error), a dict (written as
 * JSON), or a ratel.Declaration (rated as it is). */
#include "many.h"

#include <stdio.h>
#include <string.h>

static int blank(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static many_item *add(many_chunk *c, long lineno, int kind)
{
    many_item *it = &c->items[c->n++];
    it->lineno = lineno;
    it->kind = kind;
    it->off = c->arena.len;
    it->len = 0;
    it->decl = NULL;
    return it;
}

static void error_item(many_chunk *c, long lineno, const char *msg)
{
    many_item *it = add(c, lineno, ITEM_ERROR);
    pyr_buf_str(&c->arena, msg);
    it->len = c->arena.len - it->off;
}

/* A line of a book; returns 0 (also when skipped) or -1. */
static int line(many_chunk *c, long lineno, const char *s, size_t len)
{
    many_item *it;
    if (len > 0 && s[len - 1] == '\n')
        len--;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (len > PYR_MAX_LINE) {
        error_item(c, lineno, "line longer than 1 MiB");
        return 0;
    }
    if (blank(s, len))
        return 0;
    it = add(c, lineno, ITEM_TEXT);
    pyr_buf_put(&c->arena, s, len);
    it->len = len;
    return 0;
}

static int dict(many_chunk *c, long lineno, PyObject *obj)
{
    many_item *it = add(c, lineno, ITEM_TEXT);
    pyr_json_error err;
    char msg[700];
    int rc = pyr_tojson(&c->arena, obj, &err);

    if (rc == -2)
        return -1;
    if (rc == -1) {
        c->arena.len = it->off;
        c->n--;
        snprintf(msg, sizeof msg, "%s: %s", err.path, err.message);
        error_item(c, lineno, msg);
        return 0;
    }
    it->len = c->arena.len - it->off;
    return 0;
}

static int one(pyr_many *m, many_chunk *c, long lineno, PyObject *obj)
{
    char msg[200];

    if (PyUnicode_Check(obj)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(obj, &n);
        if (s == NULL) { /* lone surrogates: not UTF-8 */
            PyErr_Clear();
            error_item(c, lineno, "text that is not valid Unicode");
            return 0;
        }
        return line(c, lineno, s, (size_t)n);
    }
    if (PyBytes_Check(obj))
        return line(c, lineno, PyBytes_AS_STRING(obj),
                    (size_t)PyBytes_GET_SIZE(obj));
    if (PyDict_Check(obj))
        return dict(c, lineno, obj);
    if (PyObject_TypeCheck(obj, &pyr_DeclType) &&
        ((pyr_decl *)obj)->engine == m->engine) {
        many_item *it = add(c, lineno, ITEM_DECL);
        if (PyList_Append(c->keep, obj) != 0) {
            c->n--;
            return -1;
        }
        ((pyr_decl *)obj)->readers++;
        it->decl = ((pyr_decl *)obj)->decl;
        return 0;
    }
    if (PyObject_CheckBuffer(obj)) {
        Py_buffer view;
        int rc;
        if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) != 0)
            return -1;
        rc = line(c, lineno, view.buf, (size_t)view.len);
        PyBuffer_Release(&view);
        return rc;
    }
    snprintf(msg, sizeof msg, "a declaration is a dict, JSON text (str or "
             "bytes) or a ratel.Declaration of this engine, not '%.60s'",
             Py_TYPE(obj)->tp_name);
    error_item(c, lineno, msg);
    return 0;
}

void pyr_many_unkeep(many_chunk *c)
{
    Py_ssize_t i, n = PyList_GET_SIZE(c->keep);
    for (i = 0; i < n; i++)
        ((pyr_decl *)PyList_GET_ITEM(c->keep, i))->readers--;
    PyList_SetSlice(c->keep, 0, n, NULL);
}

int pyr_many_read(pyr_many *m, many_chunk *c)
{
    PyObject *obj;
    int rc = 0;

    c->n = 0;
    c->arena.len = 0;
    while (c->n < PYR_CHUNK && m->iter != NULL) {
        if ((obj = PyIter_Next(m->iter)) == NULL) {
            Py_CLEAR(m->iter);
            return PyErr_Occurred() ? -1 : 0;
        }
        rc = one(m, c, m->next_line++, obj);
        Py_DECREF(obj);
        if (rc != 0)
            return -1;
    }
    if (c->arena.oom) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

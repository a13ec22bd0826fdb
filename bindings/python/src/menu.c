/* menu.c - Engine.menu(): one declaration rated under a menu of options
 * (fields set by path) in one call, and ratel.Menu, its result: one
 * {"name", "quote", "error"} per option, in order. */
#include "pyr.h"

#include <datetime.h>
#include <stdio.h>
#include <string.h>

typedef struct pyr_menu {
    PyObject_HEAD
    ratel_menu *menu;
} pyr_menu;

/* Sets `path` in the last option from a Python value. */
static int option_value(ratel_options *o, const char *path, PyObject *v)
{
    char date[16];
    long long i;

    if (PyDateTimeAPI == NULL)
        PyDateTime_IMPORT;
    if (PyBool_Check(v))
        return ratel_options_set_bool(o, path, v == Py_True);
    if (PyLong_Check(v)) {
        i = PyLong_AsLongLong(v);
        if (i == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return RATEL_EARG;
        }
        return ratel_options_set_int(o, path, i);
    }
    if (PyFloat_Check(v))
        return ratel_options_set_number(o, path, PyFloat_AS_DOUBLE(v));
    if (PyUnicode_Check(v)) {
        const char *s = PyUnicode_AsUTF8(v);
        return s ? ratel_options_set_string(o, path, s) : RATEL_EARG;
    }
    if (PyDateTimeAPI != NULL && PyDate_Check(v)) {
        snprintf(date, sizeof date, "%04d-%02d-%02d", PyDateTime_GET_YEAR(v),
                 PyDateTime_GET_MONTH(v), PyDateTime_GET_DAY(v));
        return ratel_options_set_string(o, path, date);
    }
    return RATEL_EARG;
}

static int one_option(ratel_options *o, PyObject *opt, Py_ssize_t index)
{
    PyObject *name, *set, *k, *v;
    const char *cname = NULL;
    Py_ssize_t pos = 0;
    int rc;

    if (!PyDict_Check(opt)) {
        pyr_raise(RATEL_EARG, "options[%zd]: an option is a dict {'name', "
                              "'set': {path: value}}", index);
        return -1;
    }
    /* a key other than these two is refused, never ignored: an option
       {"liability_limit": ...} rated as the cover asked would be a
       silently wrong premium (the shorthands are JSON text's, or paths
       under "set") */
    while (PyDict_Next(opt, &pos, &k, &v)) {
        const char *key = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (key == NULL || (strcmp(key, "name") != 0 &&
                            strcmp(key, "set") != 0)) {
            PyErr_Clear();
            pyr_raise(RATEL_EARG, "options[%zd]: unknown key %s%s%s (an "
                                  "option is {'name', 'set': {path: "
                                  "value}}; give shorthands such as "
                                  "'liability_limit' as JSON text)",
                      index, key ? "'" : "", key ? key : "that is not text",
                      key ? "'" : "");
            return -1;
        }
    }
    pos = 0;
    name = PyDict_GetItemString(opt, "name");
    set = PyDict_GetItemString(opt, "set");
    if (pyr_optional_str(name, "an option's name", &cname) != 0)
        return -1;
    if ((rc = ratel_options_add(o, cname)) != RATEL_OK) {
        pyr_raise(rc, "options[%zd]: cannot add the option (at most 1,000)",
                  index);
        return -1;
    }
    if (set != NULL && !PyDict_Check(set)) {
        pyr_raise(RATEL_EARG, "options[%zd].set: a dict {path: value}",
                  index);
        return -1;
    }
    while (set != NULL && PyDict_Next(set, &pos, &k, &v)) {
        const char *path = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (path == NULL || (rc = option_value(o, path, v)) != RATEL_OK) {
            PyErr_Clear();
            pyr_raise(RATEL_EARG, "options[%zd].set: %s: a field path and a "
                                  "number, bool, text or date (at most 64)",
                      index, path ? path : "a key that is not text");
            return -1;
        }
    }
    return 0;
}

int pyr_options_arg(ratel_options **out, ratel_ctx *ctx, PyObject *opts)
{
    Py_ssize_t i, n;
    int rc;

    *out = NULL;
    if (opts == Py_None)
        return 0;
    if (PyUnicode_Check(opts) || PyBytes_Check(opts)) {
        Py_ssize_t len;
        const char *s = PyUnicode_Check(opts)
                            ? PyUnicode_AsUTF8AndSize(opts, &len)
                            : (len = PyBytes_GET_SIZE(opts),
                               PyBytes_AS_STRING(opts));
        if (s == NULL)
            return -1;
        if ((rc = ratel_options_parse(out, ctx, s, (size_t)len)) != RATEL_OK) {
            pyr_raise_ctx(ctx, rc);
            return -1;
        }
        return 0;
    }
    if (!PyList_Check(opts) && !PyTuple_Check(opts)) {
        pyr_raise(RATEL_EARG, "options: a list of {'name', 'set'} dicts, "
                              "JSON text, or None for the plan's menu");
        return -1;
    }
    if ((rc = ratel_options_new(out)) != RATEL_OK) {
        pyr_raise(rc, "cannot make a menu");
        return -1;
    }
    n = PySequence_Fast_GET_SIZE(opts);
    for (i = 0; i < n; i++)
        if (one_option(*out, PySequence_Fast_GET_ITEM(opts, i), i) != 0) {
            ratel_options_free(*out);
            *out = NULL;
            return -1;
        }
    return 0;
}

PyObject *pyr_engine_menu(pyr_engine *e, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"decl", "options", "plan", "worksheet",
                             "authority", NULL};
    PyObject *decl, *opts = Py_None, *authority = Py_None, *result = NULL;
    const char *plan = NULL;
    int worksheet = 1, rc;
    pyr_rate_args a;
    pyr_input in;
    ratel_ctx *ctx = NULL;
    ratel_options *options = NULL;
    ratel_menu *menu = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OzpO:menu", kwlist, &decl,
                                     &opts, &plan, &worksheet, &authority))
        return NULL;
    if (pyr_rate_args_get(&a, plan, worksheet, authority, NULL, NULL) != 0)
        return NULL;
    if (pyr_input_get(&in, e, decl) != 0)
        return NULL;
    if ((ctx = pyr_ctx_take(e, a.authority)) == NULL ||
        pyr_options_arg(&options, ctx, opts) != 0)
        goto done;
    {
        const char *schema = pyr_plan_schema(e->eng, plan);
        const ratel_decl *d;
        ratel_decl *own = NULL;
        Py_BEGIN_ALLOW_THREADS
        rc = pyr_input_decl(&d, &own, ctx, &in, schema);
        if (rc == RATEL_OK)
            rc = ratel_rate_menu(&menu, ctx, d, &a.opts, options);
        ratel_decl_free(own);
        Py_END_ALLOW_THREADS
    }
    if (rc != RATEL_OK) {
        pyr_raise_ctx(ctx, rc);
        goto done;
    }
    if ((result = PyType_GenericAlloc(&pyr_MenuType, 0)) == NULL)
        ratel_menu_free(menu);
    else
        ((pyr_menu *)result)->menu = menu;
done:
    ratel_options_free(options);
    pyr_ctx_put(e, ctx);
    pyr_input_release(&in);
    return result;
}

static void menu_dealloc(pyr_menu *self)
{
    ratel_menu_free(self->menu);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static Py_ssize_t menu_len(pyr_menu *self)
{
    return (Py_ssize_t)ratel_menu_count(self->menu);
}

static PyObject *menu_item(pyr_menu *self, Py_ssize_t i)
{
    const ratel_quote *q;
    const char *msg = NULL;
    PyObject *quote, *error = Py_None;
    pyr_failure f;
    int code;

    if (i < 0 || (size_t)i >= ratel_menu_count(self->menu)) {
        PyErr_SetString(PyExc_IndexError, "menu index out of range");
        return NULL;
    }
    q = ratel_menu_quote(self->menu, (size_t)i);
    quote = q ? pyr_quote_wrap((ratel_quote *)q, (PyObject *)self)
              : Py_NewRef(Py_None);
    if (quote == NULL)
        return NULL;
    if ((code = ratel_menu_error(self->menu, (size_t)i, &msg)) != RATEL_OK) {
        pyr_failure_set(&f, code, msg);
        error = pyr_failure_exception(&f);
        pyr_failure_clear(&f);
        if (error == NULL) {
            Py_DECREF(quote);
            return NULL;
        }
    } else {
        Py_INCREF(error);
    }
    return Py_BuildValue("{s:s,s:N,s:N}", "name",
                         ratel_menu_option_name(self->menu, (size_t)i),
                         "quote", quote, "error", error);
}

static PyObject *menu_json(pyr_menu *self, void *unused)
{
    char *text = NULL;
    size_t len = 0;
    PyObject *s;
    int rc = ratel_menu_json(self->menu, &text, &len);
    if (rc != RATEL_OK)
        return pyr_raise(rc, "cannot write the menu: %s", ratel_strerror(rc));
    s = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "surrogateescape");
    ratel_free(text);
    return s;
}

static PyObject *menu_to_dict(pyr_menu *self, PyObject *unused)
{
    return pyr_json_loads(menu_json(self, NULL));
}

static PySequenceMethods menu_seq = {
    .sq_length = (lenfunc)menu_len,
    .sq_item = (ssizeargfunc)menu_item,
};

static PyGetSetDef menu_getset[] = {
    {"json", (getter)menu_json, NULL,
     "The menu as JSON: {format_version, options: [{name, set, quote or "
     "error}]}.", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMethodDef menu_methods[] = {
    {"to_dict", (PyCFunction)menu_to_dict, METH_NOARGS,
     "The menu document as a dict (json.loads of .json)."},
    {NULL, NULL, 0, NULL}};

PyTypeObject pyr_MenuType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.Menu",
    .tp_basicsize = sizeof(pyr_menu),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The result of Engine.menu: a sequence of {'name', 'quote' "
              "(a Quote or None), 'error' (a ratel.Error or None)}.",
    .tp_dealloc = (destructor)menu_dealloc,
    .tp_as_sequence = &menu_seq,
    .tp_getset = menu_getset,
    .tp_methods = menu_methods,
};

/* decl.c - ratel.Declaration: a declaration of one of an engine's product
 * schemas, parsed from a dict or JSON text, or built field by field with
 * set(path, value) and read back with get(path). It keeps its Engine
 * alive (it borrows the engine's schema). */
#include "pyr.h"

#include <string.h>

static int decl_init(pyr_decl *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"engine", "doc", "schema", NULL};
    PyObject *engine, *doc = Py_None;
    const char *schema = NULL;
    ratel_decl *d = NULL;
    ratel_ctx *ctx;
    pyr_input in;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|Oz:Declaration", kwlist,
                                     &pyr_EngineType, &engine, &doc, &schema))
        return -1;
    if (self->engine != NULL) {
        pyr_raise(RATEL_EARG, "the declaration is already made");
        return -1;
    }
    if (doc != Py_None && PyObject_TypeCheck(doc, &pyr_DeclType)) {
        pyr_raise(RATEL_EARG, "doc is already a Declaration");
        return -1;
    }
    if ((ctx = pyr_ctx_take((pyr_engine *)engine, 1)) == NULL)
        return -1;
    if (doc == Py_None) {
        rc = ratel_decl_new(&d, ctx, schema);
    } else {
        if (pyr_input_get(&in, (pyr_engine *)engine, doc) != 0) {
            pyr_ctx_put((pyr_engine *)engine, ctx);
            return -1;
        }
        Py_BEGIN_ALLOW_THREADS
        rc = ratel_decl_parse(&d, ctx, schema, in.text, in.len);
        Py_END_ALLOW_THREADS
        pyr_input_release(&in);
    }
    if (rc != RATEL_OK)
        pyr_raise_ctx(ctx, rc);
    pyr_ctx_put((pyr_engine *)engine, ctx);
    if (rc != RATEL_OK)
        return -1;
    if (pyr_engine_use((pyr_engine *)engine) != 0) {
        ratel_decl_free(d);
        return -1;
    }
    self->engine = (pyr_engine *)Py_NewRef(engine);
    self->decl = d;
    return 0;
}

static void decl_dealloc(pyr_decl *self)
{
    if (self->engine != NULL) {
        ratel_decl_free(self->decl);
        pyr_engine_unuse(self->engine);
        Py_DECREF(self->engine);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int check_made(const pyr_decl *self)
{
    if (self->decl != NULL)
        return 0;
    pyr_raise(RATEL_EARG, "the declaration was not made (call __init__)");
    return -1;
}

static PyObject *decl_get(pyr_decl *self, PyObject *arg)
{
    const char *path = PyUnicode_AsUTF8(arg);
    if (path == NULL || check_made(self) != 0)
        return NULL;
    return pyr_decl_get_value(self, path);
}

static PyObject *decl_set(pyr_decl *self, PyObject *args)
{
    const char *path;
    PyObject *value;
    ratel_ctx *ctx;
    int rc;

    if (!PyArg_ParseTuple(args, "sO:set", &path, &value) ||
        check_made(self) != 0)
        return NULL;
    if (self->readers > 0)
        return pyr_raise(RATEL_EARG, "the declaration is being rated by "
                                     "another thread; set it afterwards");
    if ((ctx = pyr_ctx_take(self->engine, 1)) == NULL)
        return NULL;
    rc = pyr_decl_set_value(self, ctx, path, value);
    pyr_ctx_put(self->engine, ctx);
    if (rc != 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *decl_append(pyr_decl *self, PyObject *arg)
{
    const char *path = PyUnicode_AsUTF8(arg);
    ratel_ctx *ctx;
    size_t index = 0;
    int rc;

    if (path == NULL || check_made(self) != 0)
        return NULL;
    if (self->readers > 0)
        return pyr_raise(RATEL_EARG, "the declaration is being rated by "
                                     "another thread; append afterwards");
    if ((ctx = pyr_ctx_take(self->engine, 1)) == NULL)
        return NULL;
    rc = ratel_decl_append(self->decl, ctx, path, &index);
    if (rc != RATEL_OK)
        pyr_raise_ctx(ctx, rc);
    pyr_ctx_put(self->engine, ctx);
    return rc == RATEL_OK ? PyLong_FromSize_t(index) : NULL;
}

static PyObject *decl_count(pyr_decl *self, PyObject *arg)
{
    const char *path = PyUnicode_AsUTF8(arg);
    size_t n = 0;
    int rc;
    if (path == NULL || check_made(self) != 0)
        return NULL;
    if ((rc = ratel_decl_get_count(self->decl, path, &n)) != RATEL_OK)
        return pyr_raise(rc, "%s: not a list of this declaration's schema",
                         path);
    return PyLong_FromSize_t(n);
}

static PyObject *decl_given(pyr_decl *self, PyObject *arg)
{
    const char *path = PyUnicode_AsUTF8(arg);
    int rc;
    if (path == NULL || check_made(self) != 0)
        return NULL;
    if ((rc = ratel_decl_given(self->decl, path)) < 0)
        return pyr_raise(rc, "%s: no such field", path);
    return PyBool_FromLong(rc);
}

static PyObject *decl_getitem(pyr_decl *self, PyObject *key)
{
    return decl_get(self, key);
}

static int decl_setitem(pyr_decl *self, PyObject *key, PyObject *value)
{
    PyObject *args, *r;
    if (value == NULL) {
        pyr_raise(RATEL_EARG, "a field cannot be deleted");
        return -1;
    }
    if ((args = PyTuple_Pack(2, key, value)) == NULL)
        return -1;
    r = decl_set(self, args);
    Py_DECREF(args);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

static PyObject *get_schema(pyr_decl *self, void *unused)
{
    if (check_made(self) != 0)
        return NULL;
    return PyUnicode_FromString(ratel_decl_schema(self->decl));
}

static PyObject *get_engine(pyr_decl *self, void *unused)
{
    if (check_made(self) != 0)
        return NULL;
    return Py_NewRef(self->engine);
}

static PyMethodDef decl_methods[] = {
    {"get", (PyCFunction)decl_get, METH_O,
     "get(path): the value at path (schema defaults for fields not given; "
     "None when not given and without default): int, float, bool, str "
     "(dates as YYYY-MM-DD), dict (objects, flags), list (lists, sets)."},
    {"set", (PyCFunction)decl_set, METH_VARARGS,
     "set(path, value): sets a field (checked as the JSON reader checks "
     "it); a dict sets an object's fields, a list a list's items or a "
     "set's codes."},
    {"append", (PyCFunction)decl_append, METH_O,
     "append(path) -> index: appends an item at its defaults to a list."},
    {"count", (PyCFunction)decl_count, METH_O,
     "count(path) -> the number of items of a list."},
    {"given", (PyCFunction)decl_given, METH_O,
     "given(path) -> True when the field was given (not its default)."},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef decl_getset[] = {
    {"schema", (getter)get_schema, NULL, "The id of its product schema.",
     NULL},
    {"engine", (getter)get_engine, NULL, "The Engine it belongs to.", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMappingMethods decl_mapping = {
    .mp_subscript = (binaryfunc)decl_getitem,
    .mp_ass_subscript = (objobjargproc)decl_setitem,
};

PyTypeObject pyr_DeclType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.Declaration",
    .tp_basicsize = sizeof(pyr_decl),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Declaration(engine, doc=None, schema=None): a declaration "
              "parsed from doc (dict, JSON str or bytes), or empty when doc "
              "is None, of the product schema `schema` (None: the one the "
              "document names, else the default plan's).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)decl_init,
    .tp_dealloc = (destructor)decl_dealloc,
    .tp_methods = decl_methods,
    .tp_getset = decl_getset,
    .tp_as_mapping = &decl_mapping,
};

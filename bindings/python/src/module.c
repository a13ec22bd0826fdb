/* module.c - the extension module ratel._ratel: its types, exceptions
 * and constants. The package ratel (ratel/__init__.py) re-exports them. */
#include "pyr.h"
#include "ratel_sys.h"

PyObject *pyr_str_or_none(const char *s)
{
    return s ? PyUnicode_FromString(s) : Py_NewRef(Py_None);
}

int pyr_append_new(PyObject *list, PyObject *item)
{
    int rc;
    if (item == NULL)
        return -1;
    rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

PyObject *pyr_json_loads(PyObject *json)
{
    PyObject *mod, *d = NULL;
    if (json == NULL)
        return NULL;
    if ((mod = PyImport_ImportModule("json")) != NULL) {
        d = PyObject_CallMethod(mod, "loads", "O", json);
        Py_DECREF(mod);
    }
    Py_DECREF(json);
    return d;
}

static PyObject *mod_version(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString(ratel_version());
}

static PyObject *mod_strerror(PyObject *self, PyObject *arg)
{
    long code = PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    return PyUnicode_FromString(ratel_strerror((int)code));
}

static PyObject *mod_plan_globals(PyObject *self, PyObject *unused)
{
    char *text = NULL;
    PyObject *s;
    int rc = ratel_plan_globals(&text);
    if (rc != RATEL_OK)
        return pyr_raise(rc, "%s", ratel_strerror(rc));
    PyObject *list = NULL;
    s = PyUnicode_FromString(text);
    ratel_free(text);
    if (s != NULL)
        list = PyObject_CallMethod(s, "split", NULL);
    Py_XDECREF(s);
    return list;
}

static PyMethodDef module_methods[] = {
    {"library_version", mod_version, METH_NOARGS,
     "The version of libratel the module runs."},
    {"strerror", mod_strerror, METH_O,
     "strerror(code): the description of an error code."},
    {"plan_globals", mod_plan_globals, METH_NOARGS,
     "Every global a plan can use, sorted."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ratel._ratel",
    "The C part of ratel: Engine, Declaration, Quote and the exceptions.",
    -1, module_methods, NULL, NULL, NULL, NULL};

static int add_type(PyObject *m, PyTypeObject *t, const char *name)
{
    if (PyType_Ready(t) != 0)
        return -1;
    Py_INCREF(t);
    if (PyModule_AddObject(m, name, (PyObject *)t) != 0) {
        Py_DECREF(t);
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC PyInit__ratel(void);

PyMODINIT_FUNC PyInit__ratel(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (m == NULL)
        return NULL;
    if (add_type(m, &pyr_EngineType, "Engine") != 0 ||
        add_type(m, &pyr_DeclType, "Declaration") != 0 ||
        add_type(m, &pyr_QuoteType, "Quote") != 0 ||
        add_type(m, &pyr_MenuType, "Menu") != 0 ||
        add_type(m, &pyr_StructureResultType, "StructureResult") != 0 ||
        add_type(m, &pyr_ComparisonType, "Comparison") != 0 ||
        add_type(m, &pyr_ManyType, "RateMany") != 0 ||
        add_type(m, &pyr_SchemeType, "Scheme") != 0 ||
        pyr_errors_init(m) != 0 ||
        PyModule_AddStringConstant(m, "BATCH_CSV_HEADER", pyr_csv_header) ||
        PyModule_AddIntConstant(m, "MONEY_MAX", (long)RATEL_MONEY_MAX) ||
        PyModule_AddStringConstant(m, "HEADER_VERSION", RATEL_VERSION)) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

/* rate.c - Engine.quote(): one declaration rated with the options of the
 * call (plan, worksheet, authority level, underwriter overrides), the
 * GIL released while the engine works. */
#include "pyr.h"

#include <stdlib.h>
#include <string.h>

#define MAX_OVERRIDES 64

int pyr_optional_str(PyObject *obj, const char *name, const char **out)
{
    *out = NULL;
    if (obj == NULL || obj == Py_None)
        return 0;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be a str or None", name);
        return -1;
    }
    return (*out = PyUnicode_AsUTF8(obj)) != NULL ? 0 : -1;
}

/* A text member of an override: d[key] or t[index]. */
static int member_str(PyObject *o, const char *key, Py_ssize_t index,
                      const char **out)
{
    PyObject *v = PyDict_Check(o) ? PyDict_GetItemString(o, key)
                                  : PySequence_Fast_GET_ITEM(o, index);
    if (v == NULL || !PyUnicode_Check(v)) {
        pyr_raise(RATEL_EARG, "an override needs '%s' as text", key);
        return -1;
    }
    return (*out = PyUnicode_AsUTF8(v)) != NULL ? 0 : -1;
}

/* One override: {"coverage", "label", "value", "reason"} or a 4-tuple. */
static int one_override(PyObject *o, ratel_override *ov)
{
    PyObject *v;
    if (!PyDict_Check(o) && !((PyTuple_Check(o) || PyList_Check(o)) &&
                              PySequence_Fast_GET_SIZE(o) == 4)) {
        pyr_raise(RATEL_EARG, "an override is a dict {coverage, label, "
                              "value, reason} or a 4-tuple");
        return -1;
    }
    if (member_str(o, "coverage", 0, &ov->coverage) != 0 ||
        member_str(o, "label", 1, &ov->label) != 0 ||
        member_str(o, "reason", 3, &ov->reason) != 0)
        return -1;
    v = PyDict_Check(o) ? PyDict_GetItemString(o, "value")
                        : PySequence_Fast_GET_ITEM(o, 2);
    ov->value = v ? PyFloat_AsDouble(v) : -1.0;
    if (v == NULL || PyErr_Occurred()) {
        PyErr_Clear();
        pyr_raise(RATEL_EARG, "an override needs 'value' as a number");
        return -1;
    }
    return 0;
}

static int overrides_arg(pyr_rate_args *a, PyObject *list)
{
    Py_ssize_t i, n;
    if (list == NULL || list == Py_None)
        return 0;
    if (!PyList_Check(list) && !PyTuple_Check(list)) {
        pyr_raise(RATEL_EARG, "overrides must be a list");
        return -1;
    }
    n = PySequence_Fast_GET_SIZE(list);
    if (n > MAX_OVERRIDES) {
        pyr_raise(RATEL_EARG, "at most %d overrides, got %zd", MAX_OVERRIDES,
                  n);
        return -1;
    }
    if (n == 0)
        return 0;
    if ((a->overrides = calloc((size_t)n, sizeof *a->overrides)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < n; i++)
        if (one_override(PySequence_Fast_GET_ITEM(list, i),
                         &a->overrides[i]) != 0)
            return -1;
    a->opts.overrides = a->overrides;
    a->opts.noverrides = (size_t)n;
    return 0;
}

/* total_override: (premium, reason) or {"premium", "reason"}. */
static int total_arg(pyr_rate_args *a, PyObject *t)
{
    PyObject *p, *r;
    long long v;
    if (t == NULL || t == Py_None)
        return 0;
    if (PyDict_Check(t)) {
        p = PyDict_GetItemString(t, "premium");
        r = PyDict_GetItemString(t, "reason");
    } else if ((PyTuple_Check(t) || PyList_Check(t)) &&
               PySequence_Fast_GET_SIZE(t) == 2) {
        p = PySequence_Fast_GET_ITEM(t, 0);
        r = PySequence_Fast_GET_ITEM(t, 1);
    } else {
        p = r = NULL;
    }
    if (p == NULL || r == NULL || !PyLong_Check(p) || !PyUnicode_Check(r)) {
        pyr_raise(RATEL_EARG, "total_override is (premium, reason) or "
                              "{\"premium\": int, \"reason\": str}");
        return -1;
    }
    v = PyLong_AsLongLong(p);
    if (v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        pyr_raise(RATEL_EARG, "total_override: a premium out of range");
        return -1;
    }
    a->opts.total_override = v < 0 ? RATEL_MONEY_MAX + 1 : v; /* refused */
    return (a->opts.total_override_reason = PyUnicode_AsUTF8(r)) ? 0 : -1;
}

int pyr_rate_args_get(pyr_rate_args *a, const char *plan, int worksheet,
                      PyObject *authority, PyObject *overrides,
                      PyObject *total_override)
{
    memset(a, 0, sizeof *a);
    ratel_rate_options_init(&a->opts, RATEL_RATE_OPTIONS_VERSION);
    a->opts.plan_id = plan;
    a->opts.flags = worksheet ? 0u : RATEL_RATE_NO_WORKSHEET;
    a->authority = 1; /* a new context's level */
    if (authority != NULL && authority != Py_None) {
        long level = PyLong_AsLong(authority);
        if (level == -1 && PyErr_Occurred())
            return -1;
        a->authority = level < 0 || level > 9 ? -1 : (int)level;
    }
    return overrides_arg(a, overrides) == 0 &&
           total_arg(a, total_override) == 0 ? 0 : -1;
}

void pyr_rate_args_release(pyr_rate_args *a)
{
    free(a->overrides);
    a->overrides = NULL;
}

PyObject *pyr_engine_quote(pyr_engine *e, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"decl", "plan", "worksheet", "authority",
                             "overrides", "total_override", NULL};
    PyObject *decl, *authority = Py_None, *overrides = Py_None;
    PyObject *total = Py_None, *result = NULL;
    const char *plan = NULL;
    int worksheet = 1, rc;
    pyr_rate_args a;
    pyr_input in;
    ratel_ctx *ctx;
    ratel_quote *q = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|zpOOO:quote", kwlist, &decl,
                                     &plan, &worksheet, &authority,
                                     &overrides, &total))
        return NULL;
    if (pyr_rate_args_get(&a, plan, worksheet, authority, overrides, total)
            != 0)
        goto done;
    if (pyr_input_get(&in, e, decl) != 0)
        goto done;
    if ((ctx = pyr_ctx_take(e, a.authority)) != NULL) {
        const char *schema = pyr_plan_schema(e->eng, plan);
        Py_BEGIN_ALLOW_THREADS
        rc = pyr_input_rate(&q, ctx, &in, schema, &a.opts);
        Py_END_ALLOW_THREADS
        result = rc == RATEL_OK ? pyr_quote_wrap(q, NULL)
                                : pyr_raise_ctx(ctx, rc);
        pyr_ctx_put(e, ctx);
    }
    pyr_input_release(&in);
done:
    pyr_rate_args_release(&a);
    return result;
}

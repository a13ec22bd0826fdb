/* structure.c - Engine.structure(): insurance against the alternatives a
 * buyer weighs (docs/structures.md), compared on the company's loss
 * model through ratel_structure_compare, and ratel.StructureResult. */
#include "pyr.h"

typedef struct pyr_structure {
    PyObject_HEAD
    ratel_structure_result *r;
} pyr_structure;

/* The structures file from a dict or JSON text, parsed on ctx. */
static int structures_arg(ratel_structures **out, ratel_ctx *ctx,
                          pyr_engine *e, PyObject *obj)
{
    pyr_input in;
    int rc;
    if (PyObject_TypeCheck(obj, &pyr_DeclType)) {
        pyr_raise(RATEL_EARG, "structures: a dict or JSON text");
        return -1;
    }
    if (pyr_input_get(&in, e, obj) != 0)
        return -1;
    Py_BEGIN_ALLOW_THREADS
    rc = ratel_structures_parse(out, ctx, in.text, in.len);
    Py_END_ALLOW_THREADS
    pyr_input_release(&in);
    if (rc != RATEL_OK) {
        pyr_raise_ctx(ctx, rc);
        return -1;
    }
    return 0;
}

PyObject *pyr_engine_structure(pyr_engine *e, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"decl", "structures", "seed", "years",
                             "threads", NULL};
    PyObject *decl, *structs, *result = NULL;
    unsigned long long seed = 1, years = 1000000;
    unsigned int threads = 1;
    ratel_structure_options o;
    ratel_structures *s = NULL;
    ratel_structure_result *r = NULL;
    ratel_ctx *ctx = NULL;
    pyr_input in;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|KKI:structure", kwlist,
                                     &decl, &structs, &seed, &years,
                                     &threads))
        return NULL;
    if (pyr_input_get(&in, e, decl) != 0)
        return NULL;
    if ((ctx = pyr_ctx_take(e, 1)) == NULL ||
        structures_arg(&s, ctx, e, structs) != 0)
        goto done;
    ratel_structure_options_init(&o, RATEL_STRUCTURE_OPTIONS_VERSION);
    o.seed = seed;
    o.years = years;
    o.threads = threads;
    {
        const ratel_decl *d;
        ratel_decl *own = NULL;
        Py_BEGIN_ALLOW_THREADS
        rc = pyr_input_decl(&d, &own, ctx, &in, NULL);
        if (rc == RATEL_OK)
            rc = ratel_structure_compare(&r, ctx, d, s, &o);
        ratel_decl_free(own);
        Py_END_ALLOW_THREADS
    }
    if (rc != RATEL_OK) {
        pyr_raise_ctx(ctx, rc);
        goto done;
    }
    if ((result = PyType_GenericAlloc(&pyr_StructureResultType, 0)) == NULL)
        ratel_structure_result_free(r);
    else
        ((pyr_structure *)result)->r = r;
done:
    ratel_structures_free(s);
    pyr_ctx_put(e, ctx);
    pyr_input_release(&in);
    return result;
}

static void structure_dealloc(pyr_structure *self)
{
    ratel_structure_result_free(self->r);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *get_json(pyr_structure *self, void *unused)
{
    size_t len = 0;
    const char *text = ratel_structure_result_json(self->r, &len);
    return PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "surrogateescape");
}

static PyObject *to_dict(pyr_structure *self, PyObject *unused)
{
    return pyr_json_loads(get_json(self, NULL));
}

static PyObject *get_cash(pyr_structure *self, void *unused)
{
    return PyLong_FromLongLong(ratel_structure_cash_on_hand(self->r));
}

static PyObject *notes(const ratel_structure_result *r, size_t i, size_t n)
{
    PyObject *list = PyList_New(0), *s;
    size_t k;
    for (k = 0; list != NULL && k < n; k++) {
        const char *note = ratel_structure_note(r, i, k);
        if (note == NULL)
            continue;
        s = PyUnicode_FromString(note);
        if (s == NULL || PyList_Append(list, s) != 0)
            Py_CLEAR(list);
        Py_XDECREF(s);
    }
    return list;
}

static PyObject *exceedance(const ratel_structure_result *r, size_t i)
{
    PyObject *list = PyList_New(0), *t;
    size_t k, n = ratel_structure_exceedance_count();
    for (k = 0; list != NULL && k < n; k++) {
        double p;
        int64_t cost;
        if (ratel_structure_exceedance(r, i, k, &p, &cost) != RATEL_OK)
            continue;
        t = Py_BuildValue("(dL)", p, (long long)cost);
        if (t == NULL || PyList_Append(list, t) != 0)
            Py_CLEAR(list);
        Py_XDECREF(t);
    }
    return list;
}

static PyObject *get_structures(pyr_structure *self, void *unused)
{
    PyObject *list = PyList_New(0), *d;
    size_t i, n = ratel_structure_count(self->r);
    ratel_structure_info s;
    for (i = 0; list != NULL && i < n; i++) {
        if (ratel_structure_get(self->r, i, &s) != RATEL_OK)
            continue;
        d = Py_BuildValue(
            "{s:s,s:s,s:O,s:L,s:L,s:L,s:L,s:L,s:L,s:N,s:N}", "name", s.name,
            "kind", s.kind, "declined", s.declined ? Py_True : Py_False,
            "fixed_cost", (long long)s.fixed_cost, "expected_cost",
            (long long)s.expected_cost, "cost_p95", (long long)s.cost_p95,
            "cost_p99", (long long)s.cost_p99, "capital",
            (long long)s.capital, "largest_uncovered",
            (long long)s.largest_uncovered, "notes",
            notes(self->r, i, s.nnotes), "exceedance",
            exceedance(self->r, i));
        if (d == NULL || PyList_Append(list, d) != 0)
            Py_CLEAR(list);
        Py_XDECREF(d);
    }
    return list;
}

static PyObject *get_perils(pyr_structure *self, void *unused)
{
    PyObject *list = PyList_New(0), *d;
    size_t i, n = ratel_structure_peril_count(self->r);
    ratel_structure_peril p;
    for (i = 0; list != NULL && i < n; i++) {
        if (ratel_structure_peril_get(self->r, i, &p) != RATEL_OK)
            continue;
        d = Py_BuildValue("{s:s,s:d,s:L,s:L}", "name", p.name, "frequency",
                          p.frequency, "mean_severity",
                          (long long)p.mean_severity, "expected_loss",
                          (long long)p.expected_loss);
        if (d == NULL || PyList_Append(list, d) != 0)
            Py_CLEAR(list);
        Py_XDECREF(d);
    }
    return list;
}

static PyObject *outcomes(const ratel_structure_result *r, size_t sc)
{
    PyObject *list = PyList_New(0), *d;
    size_t i, n = ratel_structure_count(r);
    ratel_structure_outcome o;
    for (i = 0; list != NULL && i < n; i++) {
        if (ratel_structure_outcome_get(r, sc, i, &o) != RATEL_OK)
            continue;
        d = Py_BuildValue(
            "{s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L}", "insurers",
            (long long)o.insurers, "captive", (long long)o.captive, "bond",
            (long long)o.bond, "reserve", (long long)o.reserve, "loan",
            (long long)o.loan, "interest", (long long)o.interest, "cash",
            (long long)o.cash, "company", (long long)o.company, "bridge",
            (long long)o.bridge);
        if (d == NULL || PyList_Append(list, d) != 0)
            Py_CLEAR(list);
        Py_XDECREF(d);
    }
    return list;
}

static PyObject *get_scenarios(pyr_structure *self, void *unused)
{
    PyObject *list = PyList_New(0), *d;
    size_t i, n = ratel_structure_scenario_count(self->r);
    for (i = 0; list != NULL && i < n; i++) {
        int64_t loss = 0;
        const char *name = ratel_structure_scenario_name(self->r, i, &loss);
        if (name == NULL)
            continue;
        d = Py_BuildValue("{s:s,s:L,s:N}", "name", name, "loss",
                          (long long)loss, "outcomes", outcomes(self->r, i));
        if (d == NULL || PyList_Append(list, d) != 0)
            Py_CLEAR(list);
        Py_XDECREF(d);
    }
    return list;
}

static PyGetSetDef structure_getset[] = {
    {"json", (getter)get_json, NULL,
     "The comparison's document (docs/structures.md).", NULL},
    {"cash_on_hand", (getter)get_cash, NULL, "Cash assumed on hand, yen.",
     NULL},
    {"structures", (getter)get_structures, NULL,
     "Each structure's figures, notes and exceedance curve "
     "[(probability, cost)].", NULL},
    {"perils", (getter)get_perils, NULL, "The loss model's perils.", NULL},
    {"scenarios", (getter)get_scenarios, NULL,
     "Each scenario's loss and what each structure leaves to pay.", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMethodDef structure_methods[] = {
    {"to_dict", (PyCFunction)to_dict, METH_NOARGS,
     "The document as a dict (json.loads of .json)."},
    {NULL, NULL, 0, NULL}};

PyTypeObject pyr_StructureResultType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.StructureResult",
    .tp_basicsize = sizeof(pyr_structure),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The result of Engine.structure.",
    .tp_dealloc = (destructor)structure_dealloc,
    .tp_getset = structure_getset,
    .tp_methods = structure_methods,
};

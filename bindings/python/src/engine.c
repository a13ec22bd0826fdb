/* engine.c - ratel.Engine: an engine opened once and shared by Python
 * threads, with a pool of rating contexts (one per call in flight, kept
 * for the next calls). The pool is changed only with the GIL held. The
 * C engine is freed when the Engine is closed and nothing uses it any
 * more (declarations borrow its schemas; calls in flight its contexts). */
#include "pyr.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void free_idle(pyr_engine *e)
{
    while (e->nidle > 0)
        ratel_ctx_free(e->idle[--e->nidle]);
}

/* Frees the C engine once closed and unused. */
static void release_if_done(pyr_engine *e)
{
    if (!e->closed || e->users > 0)
        return;
    free_idle(e);
    free(e->idle);
    e->idle = NULL;
    e->capidle = 0;
    ratel_engine_free(e->eng);
    e->eng = NULL;
}

int pyr_engine_check(const pyr_engine *e)
{
    if (e->eng != NULL && !e->closed)
        return 0;
    pyr_raise(RATEL_EARG, "the engine is closed");
    return -1;
}

int pyr_engine_use(pyr_engine *e)
{
    if (pyr_engine_check(e) != 0)
        return -1;
    e->users++;
    return 0;
}

void pyr_engine_unuse(pyr_engine *e)
{
    e->users--;
    release_if_done(e);
}

ratel_ctx *pyr_ctx_take(pyr_engine *e, int authority)
{
    ratel_ctx *ctx = NULL;
    int rc;

    if (pyr_engine_check(e) != 0)
        return NULL;
    if (e->nidle > 0) {
        ctx = e->idle[--e->nidle];
    } else if ((rc = ratel_ctx_new(&ctx, e->eng)) != RATEL_OK) {
        pyr_raise(rc, "cannot make a rating context: %s", ratel_strerror(rc));
        return NULL;
    }
    if ((rc = ratel_ctx_set_authority(ctx, authority)) != RATEL_OK) {
        pyr_raise(rc, "authority must be a level from 0 to 9, got %d",
                  authority);
        ratel_ctx_free(ctx);
        return NULL;
    }
    e->users++;
    return ctx;
}

void pyr_ctx_put(pyr_engine *e, ratel_ctx *ctx)
{
    if (ctx == NULL)
        return;
    if (e->closed) {
        ratel_ctx_free(ctx);
    } else if (e->nidle == e->capidle) {
        size_t ncap = e->capidle ? e->capidle * 2 : 8;
        ratel_ctx **p = realloc(e->idle, ncap * sizeof *p);
        if (p == NULL) {
            ratel_ctx_free(ctx);
        } else {
            e->idle = p;
            e->capidle = ncap;
            e->idle[e->nidle++] = ctx;
        }
    } else {
        e->idle[e->nidle++] = ctx;
    }
    pyr_engine_unuse(e);
}

const char *pyr_plan_schema(const ratel_engine *eng, const char *plan_id)
{
    size_t i, n = ratel_engine_plan_count(eng);
    ratel_plan_info info;
    for (i = 0; plan_id && i < n; i++)
        if (ratel_engine_plan(eng, i, &info) == RATEL_OK &&
            strcmp(info.id, plan_id) == 0)
            return info.schema;
    return NULL;
}

/* The path given, else $ENV, else `local` when it exists, else the
 * installed copy: the rules of the ratel command (docs/cli.md). */
static const char *default_path(const char *given, const char *env,
                                const char *local, const char *installed)
{
    struct stat st;
    const char *v;
    if (given != NULL)
        return given;
    if ((v = getenv(env)) != NULL && *v)
        return v;
    return stat(local, &st) == 0 ? local : installed;
}

/* An optional non-negative integer argument into *out. */
static int limit_arg(PyObject *obj, const char *name, unsigned long long max,
                     unsigned long long *out)
{
    unsigned long long v;
    if (obj == NULL || obj == Py_None)
        return 0;
    v = PyLong_AsUnsignedLongLong(obj);
    if (PyErr_Occurred() || v > max) {
        PyErr_Clear();
        pyr_raise(RATEL_EARG, "%s must be an integer from 0 to %llu", name,
                  max);
        return -1;
    }
    *out = v;
    return 0;
}

static int engine_init(pyr_engine *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"tables", "plans", "schemas", "default_plan",
                             "max_instructions", "max_memory",
                             "max_milliseconds", NULL};
    const char *tables = NULL, *plans = NULL, *schemas = NULL, *dflt = NULL;
    PyObject *ins = NULL, *mem = NULL, *ms = NULL;
    unsigned long long v;
    ratel_engine_options o;
    ratel_engine *eng = NULL;
    char installed_tables[4096], installed_plans[4096];
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "|zzzz$OOO:Engine", kwlist,
                                     &tables, &plans, &schemas, &dflt, &ins,
                                     &mem, &ms))
        return -1;
    if (self->eng != NULL) {
        pyr_raise(RATEL_EARG, "the engine is already open");
        return -1;
    }
    ratel_engine_options_init(&o, RATEL_ENGINE_OPTIONS_VERSION);
    o.schemas_path = schemas;
    o.default_plan = dflt;
    v = o.max_instructions;
    if (limit_arg(ins, "max_instructions", UINT64_MAX, &v) != 0)
        return -1;
    o.max_instructions = v;
    v = o.max_memory;
    if (limit_arg(mem, "max_memory", SIZE_MAX, &v) != 0)
        return -1;
    o.max_memory = (size_t)v;
    v = o.max_milliseconds;
    if (limit_arg(ms, "max_milliseconds", UINT32_MAX, &v) != 0)
        return -1;
    o.max_milliseconds = (uint32_t)v;
    snprintf(installed_tables, sizeof installed_tables, "%s/ratel.db",
             pyr_datadir());
    snprintf(installed_plans, sizeof installed_plans, "%s/rating-scripts",
             pyr_datadir());
    tables = default_path(tables, "RATEL_TABLES", "tables/ratel.db",
                          installed_tables);
    plans = default_path(plans, "RATEL_PLANS", "rating-scripts",
                         installed_plans);
    Py_BEGIN_ALLOW_THREADS
    rc = ratel_engine_open(&eng, tables, plans, &o);
    Py_END_ALLOW_THREADS
    if (rc != RATEL_OK) {
        pyr_raise(rc, "%s", eng ? ratel_engine_errmsg(eng)
                                : ratel_strerror(rc));
        ratel_engine_free(eng);
        return -1;
    }
    self->eng = eng;
    self->closed = 0;
    return 0;
}

static void engine_dealloc(pyr_engine *self)
{
    self->closed = 1;
    self->users = 0; /* nothing can hold it once its refcount is 0 */
    release_if_done(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *engine_close(pyr_engine *self, PyObject *unused)
{
    self->closed = 1;
    free_idle(self);
    release_if_done(self);
    Py_RETURN_NONE;
}

static PyObject *engine_enter(pyr_engine *self, PyObject *unused)
{
    if (pyr_engine_check(self) != 0)
        return NULL;
    return Py_NewRef(self);
}

static PyObject *engine_exit(pyr_engine *self, PyObject *args)
{
    return engine_close(self, NULL);
}

static PyObject *engine_declaration(pyr_engine *self, PyObject *args,
                                    PyObject *kw)
{
    PyObject *doc = Py_None, *schema = Py_None;
    static char *kwlist[] = {"doc", "schema", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:declaration", kwlist,
                                     &doc, &schema))
        return NULL;
    return PyObject_CallFunctionObjArgs((PyObject *)&pyr_DeclType, self, doc,
                                        schema, NULL);
}

static PyObject *get_closed(pyr_engine *self, void *unused)
{
    return PyBool_FromLong(self->closed || self->eng == NULL);
}

static PyObject *get_default_plan(pyr_engine *self, void *unused)
{
    const char *id;
    if (pyr_engine_check(self) != 0)
        return NULL;
    id = ratel_engine_default_plan(self->eng);
    return id ? PyUnicode_FromString(id) : Py_NewRef(Py_None);
}

static PyMethodDef engine_methods[] = {
    {"close", (PyCFunction)engine_close, METH_NOARGS,
     "Closes the engine (at once, or when the last declaration and call "
     "using it are done). Later calls raise ratel.ArgumentError."},
    {"__enter__", (PyCFunction)engine_enter, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)engine_exit, METH_VARARGS, NULL},
    {"plans", (PyCFunction)pyr_engine_plans, METH_NOARGS,
     "The plans, one dict per plan version, sorted by id then date."},
    {"schemas", (PyCFunction)pyr_engine_schemas, METH_NOARGS,
     "The product schemas, each with its fields."},
    {"quote", (PyCFunction)(void (*)(void))pyr_engine_quote,
     METH_VARARGS | METH_KEYWORDS,
     "quote(decl, plan=None, worksheet=True, authority=None, "
     "overrides=None, total_override=None) -> Quote"},
    {"menu", (PyCFunction)(void (*)(void))pyr_engine_menu,
     METH_VARARGS | METH_KEYWORDS,
     "menu(decl, options=None, plan=None, worksheet=True, authority=None) "
     "-> Menu"},
    {"structure", (PyCFunction)(void (*)(void))pyr_engine_structure,
     METH_VARARGS | METH_KEYWORDS,
     "structure(decl, structures, seed=1, years=1000000, threads=1) -> "
     "StructureResult"},
    {"compare", (PyCFunction)(void (*)(void))pyr_engine_compare,
     METH_VARARGS | METH_KEYWORDS,
     "compare(decl, plans=None, options=None, scenarios=None, "
     "cash_months=2, authority=None) -> Comparison: the broker's "
     "comparison of `ratel compare`"},
    {"rate_many", (PyCFunction)(void (*)(void))pyr_engine_rate_many,
     METH_VARARGS | METH_KEYWORDS,
     "rate_many(items, threads=None, plan=None, format='jsonl', start=1, "
     "worksheet=False) -> iterator of results in input order"},
    {"scheme", (PyCFunction)(void (*)(void))pyr_engine_scheme,
     METH_VARARGS | METH_KEYWORDS,
     "scheme(roster, plan, threads=None, format=None, start=1) -> Scheme: "
     "the account of an association scheme's members, rated on threads as "
     "`ratel scheme quote` rates a roster"},
    {"declaration", (PyCFunction)(void (*)(void))engine_declaration,
     METH_VARARGS | METH_KEYWORDS,
     "declaration(doc=None, schema=None) -> Declaration"},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef engine_getset[] = {
    {"closed", (getter)get_closed, NULL, "True once close() was called.",
     NULL},
    {"default_plan", (getter)get_default_plan, NULL,
     "The id of the plan rated when a call names none.", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

PyTypeObject pyr_EngineType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.Engine",
    .tp_basicsize = sizeof(pyr_engine),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Engine(tables=None, plans=None, schemas=None, "
              "default_plan=None, *, max_instructions=None, max_memory=None, "
              "max_milliseconds=None): rate tables and plans, loaded once and "
              "shared by threads.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)engine_init,
    .tp_dealloc = (destructor)engine_dealloc,
    .tp_methods = engine_methods,
    .tp_getset = engine_getset,
};

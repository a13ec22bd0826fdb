/* compare.c - Engine.compare(): the broker's comparison of one
 * declaration under every chosen plan and option (docs/compare.md),
 * through ratel_compare; the arguments read as `ratel compare` reads its
 * options. The result, ratel.Comparison, is in comparison.c. */
#include "pyr.h"

#include <string.h>

/* What the arguments ask, held for the call. */
typedef struct compare_call {
    ratel_compare_options o;
    const char **ids;        /* plan ids borrowed from the `plans` list */
    ratel_options *menu;
    ratel_compare_menus *menus;
    ratel_scenarios *scenarios;
} compare_call;

static int is_word(PyObject *obj, const char *word)
{
    const char *s = PyUnicode_Check(obj) ? PyUnicode_AsUTF8(obj) : NULL;
    if (s == NULL)
        PyErr_Clear();
    return s != NULL && strcmp(s, word) == 0;
}

/* plans: None or "all" (every plan of the declaration's schema), one id,
 * or a list of ids. */
static int plans_arg(compare_call *k, PyObject *plans)
{
    Py_ssize_t i, n;
    if (plans == Py_None || is_word(plans, "all"))
        return 0;
    if (PyUnicode_Check(plans)) {
        if ((k->ids = PyMem_Calloc(1, sizeof *k->ids)) == NULL ||
            (k->ids[0] = PyUnicode_AsUTF8(plans)) == NULL)
            return -1;
        k->o.plans = k->ids;
        k->o.nplans = 1;
        return 0;
    }
    if (!PyList_Check(plans) && !PyTuple_Check(plans)) {
        pyr_raise(RATEL_EARG, "plans: None, 'all', a plan id or a list of "
                              "plan ids");
        return -1;
    }
    n = PySequence_Fast_GET_SIZE(plans);
    if (n == 0) {
        pyr_raise(RATEL_EARG, "plans: an empty list (None or 'all' compares "
                              "every plan)");
        return -1;
    }
    if ((k->ids = PyMem_Calloc((size_t)n, sizeof *k->ids)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < n; i++) {
        PyObject *id = PySequence_Fast_GET_ITEM(plans, i);
        if (!PyUnicode_Check(id) ||
            (k->ids[i] = PyUnicode_AsUTF8(id)) == NULL) {
            PyErr_Clear();
            pyr_raise(RATEL_EARG, "plans[%zd]: a plan id (str)", i);
            return -1;
        }
    }
    k->o.plans = k->ids;
    k->o.nplans = (size_t)n;
    return 0;
}

/* A dict of plan id -> menu (each as Engine.menu takes it): each plan's
 * own menu, the plans not named giving one offer. */
static int plan_menus_arg(compare_call *k, ratel_ctx *ctx, PyObject *dict)
{
    PyObject *id, *menu;
    Py_ssize_t pos = 0;
    int rc = ratel_compare_menus_new(&k->menus);
    if (rc != RATEL_OK) {
        pyr_raise(rc, "cannot make the menus");
        return -1;
    }
    while (PyDict_Next(dict, &pos, &id, &menu)) {
        const char *s = PyUnicode_Check(id) ? PyUnicode_AsUTF8(id) : NULL;
        ratel_options *o = NULL;
        if (s == NULL) {
            PyErr_Clear();
            pyr_raise(RATEL_EARG, "options: a dict of plan id (str) -> "
                                  "menu");
            return -1;
        }
        if (menu == Py_None) {
            pyr_raise(RATEL_EARG, "options['%s']: a menu, not None", s);
            return -1;
        }
        if (pyr_options_arg(&o, ctx, menu) != 0) {
            char where[300];
            snprintf(where, sizeof where, "options['%.256s']", s);
            pyr_error_prefix(where);
            return -1;
        }
        if ((rc = ratel_compare_menus_add(k->menus, s, o)) != RATEL_OK) {
            ratel_options_free(o);
            pyr_raise(rc, "options['%s']: %s", s, rc == RATEL_EARG
                          ? "an empty plan id, or more than 256 plans"
                          : "out of memory");
            return -1;
        }
    }
    k->o.plan_menus = k->menus;
    return 0;
}

/* options: None (the cover asked), "all" (each plan's own menu), a menu
 * rated under every plan, as Engine.menu takes it, or a dict of plan id
 * -> menu. */
static int options_arg(compare_call *k, ratel_ctx *ctx, PyObject *opts)
{
    if (is_word(opts, "all")) {
        k->o.menus = 1;
        return 0;
    }
    if (PyDict_Check(opts))
        return plan_menus_arg(k, ctx, opts);
    if (pyr_options_arg(&k->menu, ctx, opts) != 0)
        return -1;
    k->o.options = k->menu;
    return 0;
}

/* scenarios: None or "default" (the shipped), a scenarios file as a dict
 * or JSON text, or the list of its "scenarios". Errors name JSON paths. */
static int scenarios_arg(compare_call *k, ratel_ctx *ctx, pyr_engine *e,
                         PyObject *obj)
{
    PyObject *doc = NULL;
    pyr_input in;
    int rc;
    if (obj == Py_None || is_word(obj, "default"))
        return 0;
    if (PyList_Check(obj) || PyTuple_Check(obj)) {
        if ((doc = Py_BuildValue("{s:i,s:O}", "format_version", 1,
                                 "scenarios", obj)) == NULL)
            return -1;
        obj = doc;
    }
    if (!PyDict_Check(obj) && !PyUnicode_Check(obj) && !PyBytes_Check(obj)) {
        Py_XDECREF(doc);
        pyr_raise(RATEL_EARG, "scenarios: None, 'default', a dict, a list "
                              "of scenarios or JSON text");
        return -1;
    }
    rc = pyr_input_get(&in, e, obj);
    Py_XDECREF(doc);
    if (rc != 0)
        return -1;
    Py_BEGIN_ALLOW_THREADS
    rc = ratel_scenarios_parse(&k->scenarios, ctx, in.text, in.len);
    Py_END_ALLOW_THREADS
    pyr_input_release(&in);
    if (rc != RATEL_OK) {
        pyr_raise_ctx(ctx, rc);
        return -1;
    }
    k->o.scenarios = k->scenarios;
    return 0;
}

static PyObject *wrap(ratel_comparison *c)
{
    PyObject *result = PyType_GenericAlloc(&pyr_ComparisonType, 0);
    if (result == NULL)
        ratel_comparison_free(c);
    else
        ((pyr_comparison *)result)->c = c;
    return result;
}

PyObject *pyr_engine_compare(pyr_engine *e, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"decl", "plans", "options", "scenarios",
                             "cash_months", "authority", NULL};
    PyObject *decl, *plans = Py_None, *opts = Py_None, *scen = Py_None;
    PyObject *authority = Py_None, *result = NULL;
    unsigned int cash_months = 2;
    ratel_comparison *c = NULL;
    ratel_ctx *ctx = NULL;
    pyr_rate_args a;
    compare_call k;
    pyr_input in;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOIO:compare", kwlist,
                                     &decl, &plans, &opts, &scen,
                                     &cash_months, &authority))
        return NULL;
    if (pyr_rate_args_get(&a, NULL, 0, authority, NULL, NULL) != 0)
        return NULL;
    memset(&k, 0, sizeof k);
    ratel_compare_options_init(&k.o, RATEL_COMPARE_OPTIONS_VERSION);
    k.o.cash_months = cash_months;
    if (plans_arg(&k, plans) != 0 || pyr_input_get(&in, e, decl) != 0) {
        PyMem_Free(k.ids);
        return NULL;
    }
    if ((ctx = pyr_ctx_take(e, a.authority)) == NULL ||
        options_arg(&k, ctx, opts) != 0 ||
        scenarios_arg(&k, ctx, e, scen) != 0)
        goto done;
    {
        /* As the command: the declaration read with the first plan's
         * schema when plans are named. */
        const char *schema =
            k.o.nplans ? pyr_plan_schema(e->eng, k.ids[0]) : NULL;
        const ratel_decl *d;
        ratel_decl *own = NULL;
        Py_BEGIN_ALLOW_THREADS
        rc = pyr_input_decl(&d, &own, ctx, &in, schema);
        if (rc == RATEL_OK)
            rc = ratel_compare(&c, ctx, d, &k.o);
        ratel_decl_free(own);
        Py_END_ALLOW_THREADS
    }
    if (rc != RATEL_OK)
        pyr_raise_ctx(ctx, rc);
    else
        result = wrap(c);
done:
    ratel_scenarios_free(k.scenarios);
    ratel_options_free(k.menu);
    ratel_compare_menus_free(k.menus);
    PyMem_Free(k.ids);
    pyr_ctx_put(e, ctx);
    pyr_input_release(&in);
    return result;
}

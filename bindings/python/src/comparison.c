/* comparison.c - ratel.Comparison, the result of Engine.compare: the
 * document of `ratel compare --format json` (and its CSV), and the same
 * read through the C accessors as Python values: who it is for, the
 * scenarios, each offer with its quote (a Quote borrowing the C quote
 * and keeping the Comparison alive), gaps, shortfalls and what it pays
 * in each scenario, and seed 003's four questions. */
#include "pyr.h"

#define C(self) (((pyr_comparison *)(self))->c)
#define TOTAL ((size_t)-1) /* ratel_comparison_settlement: all categories */

static void comparison_dealloc(pyr_comparison *self)
{
    ratel_comparison_free(self->c);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The comparison written by `write` (ratel_comparison_json or _csv). */
static PyObject *text(PyObject *self,
                      int (*write)(const ratel_comparison *, char **,
                                   size_t *))
{
    PyObject *str;
    char *s = NULL;
    size_t len = 0;
    int rc = write(C(self), &s, &len);
    if (rc != RATEL_OK)
        return pyr_raise(rc, "cannot write the comparison: %s",
                         ratel_strerror(rc));
    str = PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "surrogateescape");
    ratel_free(s);
    return str;
}

static PyObject *get_json(PyObject *self, void *unused)
{
    return text(self, ratel_comparison_json);
}

static PyObject *get_csv(PyObject *self, void *unused)
{
    return text(self, ratel_comparison_csv);
}

static PyObject *to_dict(PyObject *self, PyObject *unused)
{
    return pyr_json_loads(get_json(self, NULL));
}

static PyObject *get_info(PyObject *self, void *unused)
{
    ratel_comparison_info i;
    int rc = ratel_comparison_get(C(self), &i);
    if (rc != RATEL_OK)
        return pyr_raise(rc, "%s", ratel_strerror(rc));
    return Py_BuildValue(
        "{s:s,s:s,s:s,s:i,s:{s:L,s:L,s:L,s:n},s:I,s:L}", "applicant",
        i.applicant, "effective_date", i.effective_date, "currency",
        i.currency, "currency_digits", i.currency_digits, "exposure",
        "revenue", (long long)i.revenue, "personal_records",
        (long long)i.personal_records, "employees", (long long)i.employees,
        "companies", (Py_ssize_t)i.companies, "cash_months", i.cash_months,
        "cash", (long long)i.cash);
}

static PyObject *get_scenarios(PyObject *self, void *unused)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_comparison_scenario_count(C(self));
    ratel_scenario_info s;
    for (i = 0; list != NULL && i < n; i++)
        if (ratel_comparison_scenario(C(self), i, &s) != RATEL_OK ||
            pyr_append_new(list, Py_BuildValue(
                "{s:s,s:s,s:z,s:L,s:L,s:L,s:O}", "id", s.id, "name", s.name,
                "source", s.source, "loss", (long long)s.loss, "records",
                (long long)s.records, "outage_hours",
                (long long)s.outage_hours, "pml",
                s.is_pml ? Py_True : Py_False)) != 0)
            Py_CLEAR(list);
    return list;
}

/* A settlement as the document's "scenarios" entries name its figures. */
static PyObject *settlement_dict(const ratel_settlement *s)
{
    return Py_BuildValue(
        "{s:L,s:L,s:L,s:d,s:{s:L,s:L,s:L,s:L,s:L,s:L}}", "loss",
        (long long)s->loss, "insurer_pays", (long long)s->insurer_pays,
        "client_keeps", (long long)s->client_keeps,
        "client_keeps_pct_of_cash", s->share_of_cash_pct, "kept_because",
        "not_covered", (long long)s->kept_not_covered, "waiting_period",
        (long long)s->kept_waiting_period, "deductible",
        (long long)s->kept_deductible, "coinsurance",
        (long long)s->kept_coinsurance, "sublimit",
        (long long)s->kept_sublimit, "limit", (long long)s->kept_limit);
}

/* {category: settlement} of the categories with a loss. */
static PyObject *categories(const ratel_comparison *c, size_t offer,
                            size_t scenario)
{
    PyObject *d = PyDict_New(), *v;
    size_t k, n = ratel_loss_category_count();
    ratel_settlement s;
    for (k = 0; d != NULL && k < n; k++) {
        if (ratel_comparison_settlement(c, offer, scenario, k, &s) !=
                RATEL_OK ||
            s.loss == 0)
            continue;
        v = settlement_dict(&s);
        if (v == NULL ||
            PyDict_SetItemString(d, ratel_loss_category_id(k), v) != 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    return d;
}

/* Sets key -> value (a new reference, consumed) in d; -1 on failure. */
static int set_new(PyObject *d, const char *key, PyObject *value)
{
    int rc = value ? PyDict_SetItemString(d, key, value) : -1;
    Py_XDECREF(value);
    return rc;
}

/* insurer_pays and client_keeps by scenario id, and each scenario's
 * settlement with its categories, into the offer's dict d. */
static int settlements(PyObject *d, const ratel_comparison *c, size_t offer)
{
    PyObject *pays = PyDict_New(), *keeps = PyDict_New();
    PyObject *all = PyDict_New(), *s = NULL;
    size_t i, n = ratel_comparison_scenario_count(c);
    int rc = pays && keeps && all ? 0 : -1;
    for (i = 0; rc == 0 && i < n; i++) {
        ratel_scenario_info info;
        ratel_settlement t;
        if (ratel_comparison_scenario(c, i, &info) != RATEL_OK ||
            ratel_comparison_settlement(c, offer, i, TOTAL, &t) != RATEL_OK)
            continue;
        rc = set_new(pays, info.id, PyLong_FromLongLong(t.insurer_pays)) ||
             set_new(keeps, info.id, PyLong_FromLongLong(t.client_keeps)) ||
             (s = settlement_dict(&t)) == NULL ||
             set_new(s, "categories", categories(c, offer, i)) ||
             PyDict_SetItemString(all, info.id, s)
                 ? -1 : 0;
        Py_CLEAR(s);
    }
    if (rc == 0)
        rc = PyDict_SetItemString(d, "insurer_pays", pays) ||
             PyDict_SetItemString(d, "client_keeps", keeps) ||
             PyDict_SetItemString(d, "settlements", all) ? -1 : 0;
    Py_XDECREF(pays);
    Py_XDECREF(keeps);
    Py_XDECREF(all);
    return rc;
}

static PyObject *gaps(const ratel_comparison *c, size_t offer, size_t n)
{
    PyObject *list = PyList_New(0);
    ratel_gap g;
    size_t k;
    for (k = 0; list != NULL && k < n; k++)
        if (ratel_comparison_gap(c, offer, k, &g) != RATEL_OK ||
            pyr_append_new(list, Py_BuildValue("{s:s,s:s}", "code", g.code,
                                               "text", g.text)) != 0)
            Py_CLEAR(list);
    return list;
}

static PyObject *shortfalls(const ratel_comparison *c, size_t offer,
                            size_t n)
{
    PyObject *list = PyList_New(0);
    ratel_shortfall s;
    size_t k;
    for (k = 0; list != NULL && k < n; k++)
        if (ratel_comparison_shortfall(c, offer, k, &s) != RATEL_OK ||
            pyr_append_new(list, Py_BuildValue(
                "{s:z,s:L,s:L,s:L,s:s}", "part", s.part, "pml",
                (long long)s.pml, "pays", (long long)s.pays, "shortfall",
                (long long)s.shortfall, "text", s.text)) != 0)
            Py_CLEAR(list);
    return list;
}

/* The offer's failure as the ratel.Error it would raise, or None. */
static PyObject *offer_error(const ratel_offer *o)
{
    pyr_failure f;
    PyObject *error;
    if (o->error == RATEL_OK)
        return Py_NewRef(Py_None);
    pyr_failure_set(&f, o->error, o->message ? o->message : "");
    error = pyr_failure_exception(&f);
    pyr_failure_clear(&f);
    return error;
}

static PyObject *offer_dict(PyObject *self, size_t i)
{
    const ratel_comparison *c = C(self);
    PyObject *d, *quote;
    ratel_offer o;
    if (ratel_comparison_offer(c, i, &o) != RATEL_OK)
        return pyr_raise(RATEL_EARG, "no offer %zu", i);
    /* Borrowed: the Quote keeps the Comparison alive and never frees it. */
    quote = o.quote ? pyr_quote_wrap((ratel_quote *)o.quote, self)
                    : Py_NewRef(Py_None);
    if (quote == NULL)
        return NULL;
    d = Py_BuildValue(
        "{s:s,s:z,s:z,s:z,s:N,s:N,s:N,s:N,s:N,s:N}", "plan", o.plan,
        "insurer", o.insurer, "product", o.product, "option", o.option,
        "decision", o.quote ? PyUnicode_FromString(ratel_decision_name(
                                  ratel_quote_decision(o.quote)))
                            : Py_NewRef(Py_None),
        "premium", o.quote ? PyLong_FromLongLong(
                                 ratel_quote_total_premium(o.quote))
                           : Py_NewRef(Py_None),
        "quote", quote, "error", offer_error(&o), "gaps",
        gaps(c, i, o.ngaps), "shortfalls", shortfalls(c, i, o.nshortfalls));
    if (d != NULL && settlements(d, c, i) != 0)
        Py_CLEAR(d);
    return d;
}

static PyObject *get_offers(PyObject *self, void *unused)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_comparison_offer_count(C(self));
    for (i = 0; list != NULL && i < n; i++)
        if (pyr_append_new(list, offer_dict(self, i)) != 0)
            Py_CLEAR(list);
    return list;
}

static PyObject *get_questions(PyObject *self, void *unused)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_comparison_question_count(C(self));
    ratel_question q;
    for (i = 0; list != NULL && i < n; i++)
        if (ratel_comparison_question(C(self), i, &q) != RATEL_OK ||
            pyr_append_new(list, Py_BuildValue(
                "{s:i,s:s,s:s,s:s}", "number", q.number, "question",
                q.question, "answer", q.answer, "why", q.why)) != 0)
            Py_CLEAR(list);
    return list;
}

static PyObject *get_advice(PyObject *self, void *unused)
{
    return pyr_str_or_none(ratel_comparison_advice(C(self)));
}

static PyObject *comparison_repr(PyObject *self)
{
    ratel_comparison_info i;
    if (ratel_comparison_get(C(self), &i) != RATEL_OK)
        return PyUnicode_FromString("<ratel.Comparison>");
    return PyUnicode_FromFormat("<ratel.Comparison %s: %zu offers, %zu "
                                "scenarios>", i.applicant,
                                ratel_comparison_offer_count(C(self)),
                                ratel_comparison_scenario_count(C(self)));
}

static PyGetSetDef comparison_getset[] = {
    {"json", get_json, NULL,
     "The comparison's document, as `ratel compare --format json` writes "
     "it (without its final line break).", NULL},
    {"csv", get_csv, NULL,
     "A row per offer and scenario, as `ratel compare --format csv`.",
     NULL},
    {"info", get_info, NULL,
     "{'applicant', 'effective_date', 'currency', 'currency_digits', "
     "'exposure', 'cash_months', 'cash'}.", NULL},
    {"scenarios", get_scenarios, NULL,
     "The scenarios in order, the PML last: [{'id', 'name', 'source', "
     "'loss', 'records', 'outage_hours', 'pml'}].", NULL},
    {"offers", get_offers, NULL,
     "One dict per offer: plan, insurer, product, option, decision, "
     "premium, quote, error, gaps, shortfalls, insurer_pays and "
     "client_keeps by scenario id, settlements.", NULL},
    {"questions", get_questions, NULL,
     "Seed 003's four questions: [{'number', 'question', 'answer', "
     "'why'}].", NULL},
    {"advice", get_advice, NULL, "The seed's advice for the answers.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMethodDef comparison_methods[] = {
    {"to_dict", (PyCFunction)to_dict, METH_NOARGS,
     "The document as a dict (json.loads of .json)."},
    {NULL, NULL, 0, NULL}};

PyTypeObject pyr_ComparisonType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.Comparison",
    .tp_basicsize = sizeof(pyr_comparison),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The result of Engine.compare (docs/compare.md).",
    .tp_dealloc = (destructor)comparison_dealloc,
    .tp_repr = comparison_repr,
    .tp_getset = comparison_getset,
    .tp_methods = comparison_methods,
};

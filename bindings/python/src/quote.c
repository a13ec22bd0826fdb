/* quote.c - ratel.Quote: a rated quote, read through the C accessors.
 * Quotes made by Engine.quote() own their C quote; those of a Menu borrow
 * it and keep the Menu alive. */
#include "pyr.h"

PyObject *pyr_quote_wrap(ratel_quote *q, PyObject *owner)
{
    pyr_quote *self = PyObject_New(pyr_quote, &pyr_QuoteType);
    if (self == NULL) {
        if (owner == NULL)
            ratel_quote_free(q);
        return NULL;
    }
    self->quote = q;
    self->owner = owner ? Py_NewRef(owner) : NULL;
    self->json = NULL;
    return (PyObject *)self;
}

static void quote_dealloc(pyr_quote *self)
{
    if (self->owner == NULL)
        ratel_quote_free(self->quote);
    Py_XDECREF(self->owner);
    Py_XDECREF(self->json);
    PyObject_Free(self);
}

static PyObject *get_json(pyr_quote *self, void *unused)
{
    char *text = NULL;
    size_t len = 0;
    int rc;
    if (self->json == NULL) {
        if ((rc = ratel_quote_json(self->quote, &text, &len)) != RATEL_OK)
            return pyr_raise(rc, "cannot write the quote: %s",
                             ratel_strerror(rc));
        self->json = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len,
                                          "surrogateescape");
        ratel_free(text);
    }
    return Py_XNewRef(self->json);
}

static PyObject *quote_to_dict(pyr_quote *self, PyObject *unused)
{
    return pyr_json_loads(get_json(self, NULL));
}

static PyObject *quote_repr(pyr_quote *self)
{
    return PyUnicode_FromFormat(
        "<ratel.Quote %s %s %lld (plan %s %s)>",
        ratel_decision_name(ratel_quote_decision(self->quote)),
        ratel_quote_currency(self->quote),
        (long long)ratel_quote_total_premium(self->quote),
        ratel_quote_plan_id(self->quote),
        ratel_quote_plan_version(self->quote));
}

#define Q(self) (((pyr_quote *)(self))->quote)

static PyObject *get_decision(PyObject *s, void *u)
{
    return PyUnicode_FromString(ratel_decision_name(ratel_quote_decision(Q(s))));
}
static PyObject *get_total(PyObject *s, void *u)
{
    return PyLong_FromLongLong(ratel_quote_total_premium(Q(s)));
}
static PyObject *get_calculated(PyObject *s, void *u)
{
    return PyLong_FromLongLong(ratel_quote_calculated_premium(Q(s)));
}
static PyObject *get_currency(PyObject *s, void *u)
{
    return pyr_str_or_none(ratel_quote_currency(Q(s)));
}
static PyObject *get_digits(PyObject *s, void *u)
{
    return PyLong_FromLong(ratel_quote_currency_digits(Q(s)));
}
static PyObject *get_applicant(PyObject *s, void *u)
{
    return pyr_str_or_none(ratel_quote_applicant(Q(s)));
}
static PyObject *get_effective(PyObject *s, void *u)
{
    return pyr_str_or_none(ratel_quote_effective_date(Q(s)));
}
static PyObject *get_plan(PyObject *s, void *u)
{
    return Py_BuildValue("{s:z,s:z,s:z}", "id", ratel_quote_plan_id(Q(s)),
                         "version", ratel_quote_plan_version(Q(s)), "hash",
                         ratel_quote_plan_hash(Q(s)));
}
static PyObject *get_coverages(PyObject *s, void *u)
{
    return pyr_quote_coverages(Q(s));
}
static PyObject *get_differences(PyObject *s, void *u)
{
    return pyr_quote_differences(Q(s), NULL);
}
static PyObject *get_worksheet(PyObject *s, void *u)
{
    return pyr_quote_worksheet(Q(s));
}
static PyObject *get_reasons(PyObject *s, void *u)
{
    return pyr_quote_reasons(Q(s), 0);
}
static PyObject *get_subjectivities(PyObject *s, void *u)
{
    return pyr_quote_reasons(Q(s), 1);
}
static PyObject *get_authority(PyObject *s, void *u)
{
    return pyr_quote_authority(Q(s));
}
static PyObject *get_tables(PyObject *s, void *u)
{
    return pyr_quote_tables(Q(s));
}
static PyObject *get_services(PyObject *s, void *u)
{
    return pyr_quote_strings(Q(s), 0);
}
static PyObject *get_exclusions(PyObject *s, void *u)
{
    return pyr_quote_strings(Q(s), 1);
}
static PyObject *get_warnings(PyObject *s, void *u)
{
    return pyr_quote_strings(Q(s), 2);
}
static PyObject *get_attributes(PyObject *s, void *u)
{
    return pyr_quote_attributes(Q(s));
}
static PyObject *get_entities(PyObject *s, void *u)
{
    return pyr_quote_entities(s, Q(s));
}
static PyObject *get_group_allocation(PyObject *s, void *u)
{
    return pyr_str_or_none(ratel_quote_group_allocation(Q(s)));
}

static PyGetSetDef quote_getset[] = {
    {"decision", get_decision, NULL, "'quoted', 'referred' or 'declined'",
     NULL},
    {"total_premium", get_total, NULL,
     "The policy premium, in the currency's minor unit (0 when declined).",
     NULL},
    {"calculated_premium", get_calculated, NULL,
     "The premium the plan calculated (differs under a total override).",
     NULL},
    {"currency", get_currency, NULL, "ISO 4217 code ('JPY').", NULL},
    {"currency_digits", get_digits, NULL,
     "Digits of the minor unit (0 for JPY, 2 for USD).", NULL},
    {"applicant", get_applicant, NULL, "The applicant's name.", NULL},
    {"effective_date", get_effective, NULL, "YYYY-MM-DD", NULL},
    {"plan", get_plan, NULL, "{'id', 'version', 'hash'} of the plan.", NULL},
    {"coverages", get_coverages, NULL,
     "[{'name', 'limit', 'premium', 'terms', 'differences'}]", NULL},
    {"differences", get_differences, NULL,
     "Every term priced that differs from the one asked.", NULL},
    {"worksheet", get_worksheet, NULL,
     "The rating steps (empty when rated with worksheet=False).", NULL},
    {"reasons", get_reasons, NULL, "[{'kind', 'code', 'text'}]", NULL},
    {"subjectivities", get_subjectivities, NULL, "[{'code', 'text'}]", NULL},
    {"authority", get_authority, NULL,
     "{'required', 'held', 'reasons': [{'level', 'text'}]}", NULL},
    {"tables", get_tables, NULL,
     "The rate tables read: [{'name', 'version', 'effective_from', "
     "'hash'}]",
     NULL},
    {"services", get_services, NULL, "The plan's services.", NULL},
    {"exclusions", get_exclusions, NULL, "The plan's main exclusions.",
     NULL},
    {"warnings", get_warnings, NULL, "The plan's warnings.", NULL},
    {"attributes", get_attributes, NULL,
     "What the plan set with attribute(name, value): {name: str or int}, "
     "in the order first set (empty when none).",
     NULL},
    {"entities", get_entities, NULL,
     "A group quote's companies, the parent first: [{'path', 'name', "
     "'role', 'included', 'exclusion', 'standalone_premium', 'share', "
     "'saving', 'standalone' (its own Quote)}]; empty for another quote.",
     NULL},
    {"group_allocation", get_group_allocation, NULL,
     "How a group quote's premium was shared: 'standalone', 'revenue' or "
     "'employees'; None for another quote.",
     NULL},
    {"json", (getter)get_json, NULL,
     "The quote document (docs/quote.md), as ratel_quote_json writes it.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMethodDef quote_methods[] = {
    {"to_dict", (PyCFunction)quote_to_dict, METH_NOARGS,
     "The quote document as a dict (json.loads of .json)."},
    {NULL, NULL, 0, NULL}};

PyTypeObject pyr_QuoteType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.Quote",
    .tp_basicsize = sizeof(pyr_quote),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A quote: the result of rating one declaration (made by "
              "Engine.quote, Engine.menu and Engine.rate_many).",
    .tp_dealloc = (destructor)quote_dealloc,
    .tp_repr = (reprfunc)quote_repr,
    .tp_getset = quote_getset,
    .tp_methods = quote_methods,
};

/* scheme.c - ratel.Scheme: an association scheme's account (ratel_scheme,
 * docs/structures.md "Association schemes"): members added in roster
 * order, accounts merged, and the account read through the C accessors.
 * Engine.scheme (scheme_rate.c) fills one from a roster. */
#include "pyr.h"

#include <stdlib.h>
#include <string.h>

static PyObject *scheme_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {NULL};
    pyr_scheme *self;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, ":Scheme", kwlist))
        return NULL;
    if ((self = (pyr_scheme *)type->tp_alloc(type, 0)) == NULL)
        return NULL;
    if ((rc = ratel_scheme_new(&self->s)) != RATEL_OK) {
        Py_DECREF(self);
        return pyr_raise(rc, "%s", ratel_strerror(rc));
    }
    return (PyObject *)self;
}

static void scheme_dealloc(pyr_scheme *self)
{
    ratel_scheme_free(self->s);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

PyObject *pyr_scheme_raise(const pyr_scheme *self, int rc)
{
    return pyr_raise(rc, "%s", rc == RATEL_ENOMEM
                                   ? ratel_strerror(rc)
                                   : ratel_scheme_errmsg(self->s));
}

static PyObject *scheme_add(pyr_scheme *self, PyObject *args)
{
    const char *member;
    PyObject *quote;
    int rc;

    if (!PyArg_ParseTuple(args, "sO:add", &member, &quote))
        return NULL;
    if (!PyObject_TypeCheck(quote, &pyr_QuoteType))
        return pyr_raise(RATEL_EARG, "%s: a ratel.Quote, not '%.60s'",
                         member, Py_TYPE(quote)->tp_name);
    rc = ratel_scheme_add(self->s, member, ((pyr_quote *)quote)->quote);
    return rc == RATEL_OK ? Py_NewRef(Py_None) : pyr_scheme_raise(self, rc);
}

static PyObject *scheme_add_failure(pyr_scheme *self, PyObject *args)
{
    const char *member, *message;
    int rc;

    if (!PyArg_ParseTuple(args, "ss:add_failure", &member, &message))
        return NULL;
    rc = ratel_scheme_add_failure(self->s, member, message);
    return rc == RATEL_OK ? Py_NewRef(Py_None) : pyr_scheme_raise(self, rc);
}

static PyObject *scheme_merge(pyr_scheme *self, PyObject *other)
{
    int rc;

    if (!PyObject_TypeCheck(other, &pyr_SchemeType))
        return pyr_raise(RATEL_EARG, "merge: a ratel.Scheme, not '%.60s'",
                         Py_TYPE(other)->tp_name);
    if (other == (PyObject *)self)
        return pyr_raise(RATEL_EARG, "merge: an account into itself");
    rc = ratel_scheme_merge(self->s, ((pyr_scheme *)other)->s);
    return rc == RATEL_OK ? Py_NewRef(Py_None) : pyr_scheme_raise(self, rc);
}

static PyObject *get_json(pyr_scheme *self, void *unused)
{
    char *text = NULL;
    size_t len = 0;
    PyObject *s;
    int rc = ratel_scheme_json(self->s, &text, &len);

    if (rc != RATEL_OK)
        return pyr_raise(rc, "cannot write the account: %s",
                         ratel_strerror(rc));
    s = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "surrogateescape");
    ratel_free(text);
    return s;
}

/* Raises a failed ratel_scheme_parse: its lines "path: message" become
 * the DeclarationError's errors. Returns NULL. */
static PyObject *raise_parse(int rc, const char *msg)
{
    const char *line, *end, *colon;
    size_t n = 1;
    pyr_failure f;

    pyr_failure_set(&f, rc, rc == RATEL_ENOMEM ? NULL : msg);
    for (line = f.message; rc == RATEL_EDECL && *line; line++)
        n += *line == '\n';
    if (rc == RATEL_EDECL)
        f.fields = calloc(n, sizeof *f.fields);
    for (line = f.message; f.fields != NULL && *line; line = end) {
        ratel_field_error *fe = &f.fields[f.nfields];
        end = line + strcspn(line, "\n");
        colon = strstr(line, ": ");
        if (colon != NULL && colon < end) {
            fe->path = strndup(line, (size_t)(colon - line));
            fe->message = strndup(colon + 2, (size_t)(end - colon - 2));
            fe->line = fe->column = 0;
            f.nfields++;
        }
        end += *end == '\n';
    }
    pyr_failure_raise(&f);
    pyr_failure_clear(&f);
    return NULL;
}

/* Scheme.from_json(text): the account read back from its document. */
static PyObject *scheme_from_json(PyObject *cls, PyObject *text)
{
    ratel_scheme *s = NULL;
    pyr_scheme *self;
    Py_buffer view;
    const char *data;
    Py_ssize_t len;
    int rc;

    if (PyUnicode_Check(text)) {
        if ((data = PyUnicode_AsUTF8AndSize(text, &len)) == NULL)
            return NULL;
        Py_BEGIN_ALLOW_THREADS
        rc = ratel_scheme_parse(&s, data, (size_t)len);
        Py_END_ALLOW_THREADS
    } else if (PyObject_GetBuffer(text, &view, PyBUF_SIMPLE) == 0) {
        Py_BEGIN_ALLOW_THREADS
        rc = ratel_scheme_parse(&s, view.buf, (size_t)view.len);
        Py_END_ALLOW_THREADS
        PyBuffer_Release(&view);
    } else {
        return NULL;
    }
    if (rc != RATEL_OK) {
        raise_parse(rc, s ? ratel_scheme_errmsg(s) : NULL);
        ratel_scheme_free(s);
        return NULL;
    }
    if ((self = (pyr_scheme *)((PyTypeObject *)cls)->tp_alloc(
             (PyTypeObject *)cls, 0)) == NULL) {
        ratel_scheme_free(s);
        return NULL;
    }
    self->s = s;
    return (PyObject *)self;
}

/* Pickled as its document, read back by Scheme.from_json (Dask sends
 * the accounts of a roster's partitions to the client this way). */
static PyObject *scheme_reduce(pyr_scheme *self, PyObject *unused)
{
    PyObject *from = PyObject_GetAttrString((PyObject *)Py_TYPE(self),
                                            "from_json");
    PyObject *json = from ? get_json(self, NULL) : NULL;
    PyObject *r = json ? Py_BuildValue("(N(N))", from, json) : NULL;
    if (r == NULL) {
        Py_XDECREF(from);
        Py_XDECREF(json);
    }
    return r;
}

static PyObject *scheme_to_dict(pyr_scheme *self, PyObject *unused)
{
    return pyr_json_loads(get_json(self, NULL));
}

static PyObject *get_totals(pyr_scheme *self, void *unused)
{
    ratel_scheme_totals t;
    int rc = ratel_scheme_totals_get(self->s, &t);

    if (rc != RATEL_OK)
        return pyr_scheme_raise(self, rc);
    return Py_BuildValue(
        "{s:z,s:z,s:z,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L,s:L}",
        "plan_id", t.plan_id, "plan_version", t.plan_version, "currency",
        t.currency, "members", (long long)t.members, "accepted",
        (long long)t.accepted, "referred", (long long)t.referred, "refused",
        (long long)t.refused, "failed", (long long)t.failed, "fees",
        (long long)t.fees, "fixed_fees", (long long)t.fixed_fees,
        "top_up_fees", (long long)t.top_up_fees, "admin_fees",
        (long long)t.admin_fees, "insurer_premium",
        (long long)t.insurer_premium, "minimum_premium",
        (long long)t.minimum_premium, "shortfall", (long long)t.shortfall,
        "referred_fees", (long long)t.referred_fees);
}

static PyObject *get_tiers(pyr_scheme *self, void *unused)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_scheme_tier_count(self->s);
    ratel_scheme_tier t;

    for (i = 0; list != NULL && i < n; i++)
        if (ratel_scheme_tier_get(self->s, i, &t) == RATEL_OK &&
            pyr_append_new(list, Py_BuildValue(
                "{s:s,s:L,s:L,s:L,s:L,s:L,s:L,s:N,s:n}", "tier", t.name,
                "members", (long long)t.members, "fees", (long long)t.fees,
                "fixed_fees", (long long)t.fixed_fees, "top_ups",
                (long long)t.top_ups, "top_up_fees",
                (long long)t.top_up_fees, "admin_fees",
                (long long)t.admin_fees, "tier_order",
                t.has_tier_order ? PyLong_FromLongLong(t.tier_order)
                                 : Py_NewRef(Py_None),
                "first_seen", (Py_ssize_t)t.first_seen)) != 0)
            Py_CLEAR(list);
    return list;
}

static PyObject *case_reasons(const ratel_scheme *s, size_t index,
                              size_t n)
{
    PyObject *list = PyList_New(0);
    ratel_reason r;
    size_t k;

    for (k = 0; list != NULL && k < n; k++)
        if (ratel_scheme_case_reason(s, index, k, &r) == RATEL_OK &&
            pyr_append_new(list, pyr_reason_dict(&r)) != 0)
            Py_CLEAR(list);
    return list;
}

static PyObject *get_cases(pyr_scheme *self, void *unused)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_scheme_case_count(self->s);
    ratel_scheme_case c;

    for (i = 0; list != NULL && i < n; i++)
        if (ratel_scheme_case_get(self->s, i, &c) == RATEL_OK &&
            pyr_append_new(list, Py_BuildValue(
                "{s:s,s:s,s:s,s:L,s:N,s:z}", "kind", c.kind, "member",
                c.member, "applicant", c.applicant, "fee", (long long)c.fee,
                "reasons", case_reasons(self->s, i, c.reason_count),
                "error", c.error)) != 0)
            Py_CLEAR(list);
    return list;
}

static PyObject *scheme_repr(pyr_scheme *self)
{
    ratel_scheme_totals t;
    if (ratel_scheme_totals_get(self->s, &t) != RATEL_OK || !t.plan_id)
        return PyUnicode_FromString("<ratel.Scheme (no member)>");
    return PyUnicode_FromFormat(
        "<ratel.Scheme %s %s: %lld members, fees %lld %s>", t.plan_id,
        t.plan_version, (long long)t.members, (long long)t.fees,
        t.currency ? t.currency : "");
}

static PyGetSetDef scheme_getset[] = {
    {"totals", (getter)get_totals, NULL,
     "{'plan_id', 'plan_version', 'currency', 'members', 'accepted', "
     "'referred', 'refused', 'failed', 'fees', 'fixed_fees', "
     "'top_up_fees', 'admin_fees', 'insurer_premium', 'minimum_premium', "
     "'shortfall', 'referred_fees'} (plan and currency None before the "
     "first member).",
     NULL},
    {"tiers", (getter)get_tiers, NULL,
     "The accepted members by tier: [{'tier', 'members', 'fees', "
     "'fixed_fees', 'top_ups', 'top_up_fees', 'admin_fees', 'tier_order' "
     "(None: the plan set none), 'first_seen'}], by scheme.tier_order, "
     "then first seen.",
     NULL},
    {"cases", (getter)get_cases, NULL,
     "The members not accepted, in the order added: [{'kind' ('referred', "
     "'refused', 'failed'), 'member', 'applicant', 'fee', 'reasons': "
     "[{'kind', 'code', 'text'}], 'error'}].",
     NULL},
    {"json", (getter)get_json, NULL,
     "The account document (docs/structures.md), as ratel_scheme_json "
     "writes it and `ratel scheme quote --format json` prints it.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyMethodDef scheme_methods[] = {
    {"add", (PyCFunction)scheme_add, METH_VARARGS,
     "add(member, quote): adds a member's Quote (rated by the scheme's "
     "plan) under the name `member`. Raises (the account unchanged) "
     "ArgumentError for another plan or currency, ResultError for a quote "
     "the account cannot read (no scheme.tier, ...), naming the member."},
    {"add_failure", (PyCFunction)scheme_add_failure, METH_VARARGS,
     "add_failure(member, message): lists a member that could not be "
     "rated, with why."},
    {"merge", (PyCFunction)scheme_merge, METH_O,
     "merge(other): adds the members of `other` after this account's "
     "(other unchanged), so that the accounts of a roster's parts, merged "
     "in roster order, are the account of the whole roster. Raises (this "
     "account unchanged) ArgumentError for other plans, ResultError for "
     "other minimum premiums or sums beyond 2^63."},
    {"to_dict", (PyCFunction)scheme_to_dict, METH_NOARGS,
     "The account document as a dict (json.loads of .json)."},
    {"from_json", (PyCFunction)scheme_from_json, METH_O | METH_CLASS,
     "from_json(text): the account read back from its document (str or "
     "bytes, as .json writes it), to be merged with others. The members "
     "not accepted come back listed by kind, as the document lists them. "
     "Raises DeclarationError, .errors naming each problem's JSON path "
     "(a total that is not what the tiers and members add up to, ...)."},
    {"__reduce__", (PyCFunction)scheme_reduce, METH_NOARGS,
     "Pickled as its document (Scheme.from_json reads it back)."},
    {NULL, NULL, 0, NULL}};

PyTypeObject pyr_SchemeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.Scheme",
    .tp_basicsize = sizeof(pyr_scheme),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scheme(): an association scheme's account, empty; "
              "Engine.scheme() rates a roster into one.",
    .tp_new = scheme_new,
    .tp_dealloc = (destructor)scheme_dealloc,
    .tp_repr = (reprfunc)scheme_repr,
    .tp_getset = scheme_getset,
    .tp_methods = scheme_methods,
};

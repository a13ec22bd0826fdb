/* quote_parts.c - the parts of a quote as Python values, read through the
 * C accessors, shaped as the quote's JSON document (docs/quote.md):
 * coverages with their terms and differences, worksheet steps, reasons,
 * authority, tables, services, exclusions and warnings. */
#include "pyr.h"

#include <string.h>

static PyObject *terms(const ratel_quote *q, size_t c)
{
    PyObject *d = PyDict_New(), *v;
    size_t i, n = ratel_quote_term_count(q, c);
    for (i = 0; d != NULL && i < n; i++) {
        const char *name;
        int64_t value;
        if (ratel_quote_term(q, c, i, &name, &value) != RATEL_OK)
            continue;
        v = PyLong_FromLongLong(value);
        if (v == NULL || PyDict_SetItemString(d, name, v) != 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    return d;
}

PyObject *pyr_quote_differences(const ratel_quote *q, const char *coverage)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_quote_difference_count(q);
    ratel_term_difference t;

    for (i = 0; list != NULL && i < n; i++) {
        if (ratel_quote_difference(q, i, &t) != RATEL_OK ||
            (coverage && strcmp(coverage, t.coverage) != 0))
            continue;
        if (pyr_append_new(list, Py_BuildValue(
                "{s:s,s:s,s:N,s:L,s:s}", "coverage", t.coverage, "term",
                t.term, "asked",
                t.has_asked ? PyLong_FromLongLong(t.asked)
                            : Py_NewRef(Py_None),
                "priced", (long long)t.priced, "reason", t.reason)) != 0)
            Py_CLEAR(list);
    }
    return list;
}

PyObject *pyr_quote_coverages(const ratel_quote *q)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_quote_coverage_count(q);
    ratel_coverage c;

    for (i = 0; list != NULL && i < n; i++) {
        if (ratel_quote_coverage(q, i, &c) != RATEL_OK)
            continue;
        if (pyr_append_new(list, Py_BuildValue(
                "{s:s,s:L,s:L,s:N,s:N}", "name", c.name, "limit",
                (long long)c.limit, "premium", (long long)c.premium, "terms",
                terms(q, i), "differences",
                pyr_quote_differences(q, c.name))) != 0)
            Py_CLEAR(list);
    }
    return list;
}

static PyObject *step_dict(const ratel_step *s, size_t index)
{
    PyObject *d = Py_BuildValue(
        "{s:n,s:s,s:s,s:s,s:N,s:N,s:d,s:d}", "step", (Py_ssize_t)index + 1,
        "coverage", s->coverage, "label", s->label, "op", s->op, "table",
        pyr_str_or_none(s->table), "key", pyr_str_or_none(s->key), "value", s->value,
        "premium", s->premium);
    PyObject *ov;
    if (d == NULL || s->override_reason == NULL)
        return d;
    ov = Py_BuildValue("{s:d,s:s}", "calculated", s->calculated, "reason",
                       s->override_reason);
    if (ov == NULL || PyDict_SetItemString(d, "override", ov) != 0)
        Py_CLEAR(d);
    Py_XDECREF(ov);
    return d;
}

PyObject *pyr_quote_worksheet(const ratel_quote *q)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_quote_step_count(q);
    ratel_step s;
    for (i = 0; list != NULL && i < n; i++)
        if (ratel_quote_step(q, i, &s) == RATEL_OK &&
            pyr_append_new(list, step_dict(&s, i)) != 0)
            Py_CLEAR(list);
    return list;
}

PyObject *pyr_reason_dict(const ratel_reason *r)
{
    return Py_BuildValue("{s:z,s:z,s:z}", "kind", r->kind, "code", r->code,
                         "text", r->text);
}

PyObject *pyr_quote_reasons(const ratel_quote *q, int subjectivities)
{
    PyObject *list = PyList_New(0);
    size_t i, n = subjectivities ? ratel_quote_subjectivity_count(q)
                                 : ratel_quote_reason_count(q);
    ratel_reason r;
    for (i = 0; list != NULL && i < n; i++) {
        int rc = subjectivities ? ratel_quote_subjectivity(q, i, &r)
                                : ratel_quote_reason(q, i, &r);
        if (rc != RATEL_OK)
            continue;
        if (pyr_append_new(list, subjectivities
                                 ? Py_BuildValue("{s:z,s:z}", "code", r.code,
                                                 "text", r.text)
                                 : pyr_reason_dict(&r)) != 0)
            Py_CLEAR(list);
    }
    return list;
}

PyObject *pyr_quote_authority(const ratel_quote *q)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_quote_authority_reason_count(q);
    for (i = 0; list != NULL && i < n; i++) {
        int level;
        const char *text;
        if (ratel_quote_authority_reason(q, i, &level, &text) == RATEL_OK &&
            pyr_append_new(list, Py_BuildValue("{s:i,s:z}", "level", level,
                                           "text", text)) != 0)
            Py_CLEAR(list);
    }
    if (list == NULL)
        return NULL;
    return Py_BuildValue("{s:i,s:i,s:N}", "required",
                         ratel_quote_authority_required(q), "held",
                         ratel_quote_authority_held(q), "reasons", list);
}

PyObject *pyr_quote_tables(const ratel_quote *q)
{
    PyObject *list = PyList_New(0);
    size_t i, n = ratel_quote_table_count(q);
    ratel_table_used t;
    for (i = 0; list != NULL && i < n; i++)
        if (ratel_quote_table(q, i, &t) == RATEL_OK &&
            pyr_append_new(list, Py_BuildValue(
                "{s:s,s:s,s:s,s:s}", "name", t.name, "version", t.version,
                "effective_from", t.effective_from, "hash", t.hash)) != 0)
            Py_CLEAR(list);
    return list;
}

/* which: 0 services, 1 exclusions, 2 warnings. */
PyObject *pyr_quote_strings(const ratel_quote *q, int which)
{
    size_t (*count[3])(const ratel_quote *) = {
        ratel_quote_service_count, ratel_quote_exclusion_count,
        ratel_quote_warning_count};
    const char *(*item[3])(const ratel_quote *, size_t) = {
        ratel_quote_service, ratel_quote_exclusion, ratel_quote_warning};
    PyObject *list = PyList_New(0);
    size_t i, n = count[which](q);
    for (i = 0; list != NULL && i < n; i++)
        if (pyr_append_new(list, pyr_str_or_none(item[which](q, i))) != 0)
            Py_CLEAR(list);
    return list;
}

/* The plan's attributes in the order first set: name -> str or int. */
PyObject *pyr_quote_attributes(const ratel_quote *q)
{
    PyObject *d = PyDict_New(), *v;
    size_t i, n = ratel_quote_attribute_count(q);
    ratel_attribute a;
    for (i = 0; d != NULL && i < n; i++) {
        if (ratel_quote_attribute(q, i, &a) != RATEL_OK)
            continue;
        v = a.text ? PyUnicode_FromString(a.text)
                   : PyLong_FromLongLong(a.integer);
        if (v == NULL || PyDict_SetItemString(d, a.name, v) != 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    return d;
}

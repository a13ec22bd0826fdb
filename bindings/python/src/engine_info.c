/* engine_info.c - what an Engine holds, as Python values: its plans and
 * its product schemas with their fields. */
#include "pyr.h"

static PyObject *str_list(const char *const *items, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n), *s;
    size_t i;
    for (i = 0; list != NULL && i < n; i++) {
        if ((s = pyr_str_or_none(items[i])) == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

PyObject *pyr_engine_plans(pyr_engine *e, PyObject *unused)
{
    PyObject *list;
    size_t i, n;
    ratel_plan_info p;

    if (pyr_engine_check(e) != 0 || (list = PyList_New(0)) == NULL)
        return NULL;
    n = ratel_engine_plan_count(e->eng);
    for (i = 0; i < n; i++) {
        if (ratel_engine_plan(e->eng, i, &p) != RATEL_OK)
            continue;
        if (pyr_append_new(list, Py_BuildValue(
                "{s:s,s:z,s:z,s:z,s:z,s:z,s:z,s:N,s:z,s:i}", "id", p.id,
                "insurer", p.insurer, "product", p.product, "version",
                p.version, "effective_date", p.effective_date, "hash", p.hash,
                "path", p.path, "tables", str_list(p.tables, p.ntables),
                "schema", p.schema, "schema_version", p.schema_version)) != 0) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

static PyObject *schema_fields(const ratel_engine *eng, size_t schema,
                               size_t n)
{
    PyObject *list = PyList_New(0);
    ratel_schema_field f;
    size_t i;

    for (i = 0; list != NULL && i < n; i++) {
        if (ratel_engine_schema_field(eng, schema, i, &f) != RATEL_OK)
            continue;
        if (pyr_append_new(list, Py_BuildValue(
                "{s:s,s:s,s:z,s:O,s:O,s:z,s:z,s:N,s:z}", "path", f.path,
                "type", f.type, "description", f.description, "required",
                f.required ? Py_True : Py_False, "input_only",
                f.input_only ? Py_True : Py_False, "default",
                f.default_text, "bounds", f.bounds, "codes",
                str_list(f.codes, f.ncodes), "note", f.note)) != 0) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

PyObject *pyr_engine_schemas(pyr_engine *e, PyObject *unused)
{
    PyObject *list;
    size_t i, n;
    ratel_schema_info s;

    if (pyr_engine_check(e) != 0 || (list = PyList_New(0)) == NULL)
        return NULL;
    n = ratel_engine_schema_count(e->eng);
    for (i = 0; i < n; i++) {
        if (ratel_engine_schema(e->eng, i, &s) != RATEL_OK)
            continue;
        if (pyr_append_new(list, Py_BuildValue(
                "{s:s,s:i,s:z,s:z,s:z,s:z,s:N}", "id", s.id, "version",
                s.version, "title", s.title, "description", s.description,
                "path", s.path, "hash", s.hash, "fields",
                schema_fields(e->eng, i, s.nfields))) != 0) {
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

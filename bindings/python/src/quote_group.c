/* quote_group.c - Quote.entities: the companies of a group quote
 * (docs/structures.md, "The group quote document"), each with its
 * standalone quote, a Quote borrowing the C quote from the group's. */
#include "pyr.h"

static PyObject *entity_dict(const ratel_entity *e, PyObject *standalone)
{
    return Py_BuildValue(
        "{s:s,s:z,s:z,s:O,s:z,s:L,s:L,s:L,s:N}", "path", e->path, "name",
        e->name, "role", e->role, "included",
        e->included ? Py_True : Py_False, "exclusion", e->exclusion,
        "standalone_premium", (long long)e->standalone_premium, "share",
        (long long)e->share, "saving", (long long)e->saving, "standalone",
        standalone);
}

PyObject *pyr_quote_entities(PyObject *group, const ratel_quote *q)
{
    PyObject *list = PyList_New(0), *standalone;
    size_t i, n = ratel_quote_entity_count(q);
    ratel_entity e;

    for (i = 0; list != NULL && i < n; i++) {
        const ratel_quote *sq = ratel_quote_entity_quote(q, i);
        if (ratel_quote_entity(q, i, &e) != RATEL_OK)
            continue;
        /* Borrowed: the Quote keeps `group` alive and never frees it. */
        standalone = sq ? pyr_quote_wrap((ratel_quote *)sq, group)
                        : Py_NewRef(Py_None);
        if (standalone == NULL ||
            pyr_append_new(list, entity_dict(&e, standalone)) != 0)
            Py_CLEAR(list);
    }
    return list;
}

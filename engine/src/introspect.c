/* introspect.c - what an engine holds and what plans may use, for tools
 * such as `ratel lint` (rate tables, vocabularies, sandbox globals). */
#include <stdio.h>
#include <string.h>

#include "decl.h"
#include "engine.h"
#include "sandbox.h"

size_t ratel_engine_table_count(const ratel_engine *e)
{
    return e && e->tables ? e->tables->n : 0;
}

int ratel_engine_table(const ratel_engine *e, size_t index,
                       ratel_table_info *info)
{
    const tbl_table *t;
    if (!info || index >= ratel_engine_table_count(e))
        return RATEL_EARG;
    t = &e->tables->tables[index];
    info->name = t->name;
    info->version = t->version;
    info->effective_from = t->effective_str;
    info->kind = tbl_kind_name(t->kind);
    info->nkeys = (size_t)t->nkeys;
    info->key_names = (const char *const *)t->key_names;
    info->nvalues = (size_t)t->nvalues;
    info->value_names = (const char *const *)t->value_names;
    info->rows = t->nrows;
    return RATEL_OK;
}

int ratel_engine_table_key(const ratel_engine *e, size_t index, size_t row,
                           size_t key, char *out, size_t size)
{
    const tbl_table *t;
    buf b;
    int rc = RATEL_OK;
    if (!out || index >= ratel_engine_table_count(e))
        return RATEL_EARG;
    t = &e->tables->tables[index];
    if (row >= t->nrows || key >= (size_t)t->nkeys)
        return RATEL_EARG;
    buf_init(&b);
    if (t->kind != TBL_EXACT)
        buf_put_double(&b, t->lo[row]);
    else if (t->key_types[key] == TBL_TEXT)
        buf_puts(&b, t->keys[row * (size_t)t->nkeys + key].s);
    else
        buf_put_i64(&b, t->keys[row * (size_t)t->nkeys + key].i);
    if (b.oom || b.len + 1 > size)
        rc = b.oom ? RATEL_ENOMEM : RATEL_EARG;
    else
        memcpy(out, b.data, b.len + 1);
    buf_free(&b);
    return rc;
}

int ratel_plan_globals(char **out)
{
    plan_limits none = {0, 0, 0};
    sbx *s;
    int rc;
    if (!out)
        return RATEL_EARG;
    *out = NULL;
    s = sbx_new(&none);
    if (!s)
        return RATEL_ENOMEM;
    rc = sbx_list_globals(s, out);
    sbx_free(s);
    return rc;
}

/* plantest_json.c - JSON helpers of the plan-test files: parsing with
 * field errors, JSON paths, key checks and the merge of a partial
 * declaration into a base one. Part of the declaration room (see
 * plantest.h): one of the few files that include yajl. */
#include "plantest.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "decl_fields.h"


void pt_bad(pt_check *ck, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (err_add_field(ck->e, path, 0, 0, "%s", msg) != RATEL_OK)
        ck->oom = 1;
}

void pt_path_key(char *out, size_t cap, const char *path, const char *key)
{
    snprintf(out, cap, "%s", path);
    decl_path_append_key(out, cap, key, strlen(key));
}

void pt_path_index(char *out, size_t cap, const char *path, size_t i)
{
    snprintf(out, cap, "%s[%zu]", path, i);
}

yajl_val pt_member(yajl_val obj, const char *key)
{
    size_t i;
    if (!YAJL_IS_OBJECT(obj))
        return NULL;
    for (i = 0; i < obj->u.object.len; i++)
        if (strcmp(obj->u.object.keys[i], key) == 0)
            return obj->u.object.values[i];
    return NULL;
}

void pt_known_keys(pt_check *ck, yajl_val obj, const char *path,
                   const char *const *known, size_t n, const char *what)
{
    char list[256], p[256];
    size_t i, k, used = 0;
    list[0] = '\0';
    for (k = 0; k < n && used < sizeof list; k++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                 k ? ", " : "", known[k]);
    for (i = 0; YAJL_IS_OBJECT(obj) && i < obj->u.object.len; i++) {
        for (k = 0; k < n; k++)
            if (strcmp(obj->u.object.keys[i], known[k]) == 0)
                break;
        if (k < n)
            continue;
        pt_path_key(p, sizeof p, path, obj->u.object.keys[i]);
        pt_bad(ck, p, "unknown %s (known: %s)", what, list);
    }
}

int pt_parse(ratel_err *e, const char *json, size_t len, const char *at,
             const char *name, yajl_val *out)
{
    char msg[512], *text;
    size_t i;
    *out = NULL;
    text = malloc(len + 1);
    if (!text)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    memcpy(text, json, len);
    text[len] = '\0';
    msg[0] = '\0';
    *out = yajl_tree_parse(text, msg, sizeof msg);
    free(text);
    if (*out)
        return RATEL_OK;
    for (i = 0; msg[i]; i++) /* yajl's message spans several lines */
        if (msg[i] == '\n' || msg[i] == '\r')
            msg[i] = ' ';
    if (err_add_field(e, at, 0, 0, "%s%s%s", name ? name : "",
                      name ? ": " : "", *msg ? msg : "invalid JSON") != 0)
        return err_set(e, RATEL_ENOMEM, "out of memory");
    return err_finish_fields(e);
}


static int gen_merged(yajl_gen g, yajl_val base, yajl_val over);

static int gen_str(yajl_gen g, const char *s)
{
    return yajl_gen_string(g, (const unsigned char *)s, strlen(s)) !=
           yajl_gen_status_ok;
}

/* Writes a parsed value as it is; nonzero on failure. */
static int gen_value(yajl_gen g, yajl_val v)
{
    size_t i;
    int bad = 0;
    if (YAJL_IS_OBJECT(v))
        return gen_merged(g, v, NULL);
    if (YAJL_IS_ARRAY(v)) {
        bad = yajl_gen_array_open(g) != yajl_gen_status_ok;
        for (i = 0; !bad && i < v->u.array.len; i++)
            bad = gen_value(g, v->u.array.values[i]);
        return bad || yajl_gen_array_close(g) != yajl_gen_status_ok;
    }
    if (YAJL_IS_STRING(v))
        return gen_str(g, YAJL_GET_STRING(v));
    if (YAJL_IS_NUMBER(v))
        return yajl_gen_number(g, v->u.number.r, strlen(v->u.number.r)) !=
               yajl_gen_status_ok;
    if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v))
        return yajl_gen_bool(g, YAJL_IS_TRUE(v)) != yajl_gen_status_ok;
    return yajl_gen_null(g) != yajl_gen_status_ok;
}

static int gen_merged(yajl_gen g, yajl_val base, yajl_val over)
{
    size_t i;
    int bad;
    if (over && !(YAJL_IS_OBJECT(base) && YAJL_IS_OBJECT(over)))
        return gen_value(g, over);
    if (!over && !YAJL_IS_OBJECT(base))
        return gen_value(g, base);
    bad = yajl_gen_map_open(g) != yajl_gen_status_ok;
    for (i = 0; !bad && i < base->u.object.len; i++) {
        const char *k = base->u.object.keys[i];
        yajl_val o = pt_member(over, k);
        if (o && YAJL_IS_NULL(o))
            continue; /* null removes the key (as a JSON merge patch) */
        bad = gen_str(g, k) || gen_merged(g, base->u.object.values[i], o);
    }
    for (i = 0; !bad && over && i < over->u.object.len; i++) {
        const char *k = over->u.object.keys[i];
        if (pt_member(base, k) || YAJL_IS_NULL(over->u.object.values[i]))
            continue;
        bad = gen_str(g, k) || gen_value(g, over->u.object.values[i]);
    }
    return bad || yajl_gen_map_close(g) != yajl_gen_status_ok;
}

int pt_merge(buf *b, yajl_val base, yajl_val over)
{
    yajl_gen g = yajl_gen_alloc(NULL);
    const unsigned char *text;
    size_t len;
    int bad;
    if (!g)
        return RATEL_ENOMEM;
    bad = gen_merged(g, base, over) ||
          yajl_gen_get_buf(g, &text, &len) != yajl_gen_status_ok;
    if (!bad)
        buf_put(b, (const char *)text, len);
    yajl_gen_free(g);
    return bad || b->oom ? RATEL_ENOMEM : RATEL_OK;
}

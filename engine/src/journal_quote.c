/* journal_quote.c - a quote's JSON cut for storage and joined again. The
 * "plan" member (the same for every quote of a plan version) and the
 * "tables" member (the same for most quotes of a set of table versions)
 * are two-thirds of a quote without a worksheet; the journal keeps each
 * distinct one once and the rest of the document (the core) per quote,
 * with the byte offsets where the two go back (docs/journal.md). */
#include <string.h>

#include "journal_int.h"

/* The line of member `key` ("\n\"plan\":" ... "\n") at or after `from`:
 * its offset and length with the newline; 0 when there is none. */
static size_t member_line(const buf *json, size_t from, const char *key,
                          size_t *at)
{
    size_t klen = strlen(key);
    const char *p = json->data + from, *end = json->data + json->len, *nl;
    while (p + klen <= end) {
        const char *hit = memchr(p, '\n', (size_t)(end - p));
        if (!hit || hit + 1 + klen > end)
            return 0;
        if (memcmp(hit + 1, key, klen) == 0) {
            nl = memchr(hit + 1, '\n', (size_t)(end - hit - 1));
            if (!nl)
                return 0;
            *at = (size_t)(hit + 1 - json->data);
            return (size_t)(nl + 1 - (hit + 1));
        }
        p = hit + 1;
    }
    return 0;
}

void journal_quote_cut(struct journal_rec *rec)
{
    size_t plan_at = 0, tables_at = 0, plan_len, tables_len = 0;
    plan_len = member_line(&rec->json, 0, "\"plan\":", &plan_at);
    if (plan_len)
        tables_len = member_line(&rec->json, plan_at + plan_len,
                                 "\"tables\":", &tables_at);
    if (!plan_len || !tables_len)
        plan_len = tables_len = plan_at = tables_at = 0; /* keep it whole */
    rec->plan_at = plan_at;
    rec->plan_len = plan_len;
    rec->tables_at = tables_at;
    rec->tables_len = tables_len;
}

int journal_quote_join(buf *out, const char *core, size_t len,
                       int64_t plan_at, const char *plan, size_t plan_len,
                       int64_t tables_at, const char *tables,
                       size_t tables_len)
{
    buf_reset(out);
    if (!plan && !tables) {
        buf_put(out, core, len);
    } else {
        size_t a = (size_t)plan_at, t = (size_t)tables_at;
        if (!plan || !tables || plan_at < 0 || tables_at < plan_at ||
            (uint64_t)tables_at > len)
            return -1;
        buf_put(out, core, a);
        buf_put(out, plan, plan_len);
        buf_put(out, core + a, t - a);
        buf_put(out, tables, tables_len);
        buf_put(out, core + t, len - t);
    }
    buf_cstr(out);
    return out->oom ? -1 : 0;
}

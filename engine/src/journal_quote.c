/* journal_quote.c - a stored quote's JSON joined again. The "plan"
 * member (the same for every quote of a plan version) and the "tables"
 * member (the same for most quotes of a set of table versions) are
 * two-thirds of a quote without a worksheet; the journal keeps each
 * distinct one once and the rest of the document (the core, written
 * without them by quote_write_core) per quote, with the byte offsets
 * where the two go back (docs/journal.md). */

#include "journal_int.h"

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

/* test_scheme.c - the account of an association scheme (ratel_scheme):
 * members accepted, referred, refused and failed, counted and listed in
 * order; tiers by scheme.tier_order, then as first seen; the totals and
 * the scheme's minimum premium; errors that leave the account as it was;
 * merging accounts; the JSON. Quotes come from a small plan written here,
 * whose member's name says what its quote sets ("tier=mid;fee=1000;
 * top=100"), and from the shipped chamber-scheme plan. */
#include "testutil.h"

#include <yajl/yajl_tree.h>

#define PLAN_HEAD(id, version, date)                                       \
    "plan = { id = '" id "', insurer = 'Test', product = 'Test', "          \
    "version = '" version "', effective_date = '" date "', tables = {} }\n"

/* rate(d): the fee, decision and attributes the member's name asks for:
 * fee=N, tier=WORD, tiern=N (a number as the tier), order=N, top=N|WORD,
 * admin=N|WORD, min=N|WORD, refer=CODE, decline=CODE[,CODE]. */
#define PLAN_RATE                                                          \
    "local function asks(name)\n"                                          \
    "  local o = {}\n"                                                     \
    "  for k, v in string.gmatch(name, '(%w+)=([^;]*)') do o[k] = v end\n" \
    "  return o\n"                                                         \
    "end\n"                                                                \
    "local function value(v) return tonumber(v) or v end\n"                \
    "function rate(d)\n"                                                   \
    "  local o = asks(d.applicant.name)\n"                                 \
    "  cover('liability', 1)\n"                                            \
    "  set('liability', 'Fee', tonumber(o.fee or '1000'))\n"               \
    "  combine('Fee')\n"                                                   \
    "  round('policy', 'Whole yen', 1)\n"                                  \
    "  if o.refer then refer(o.refer, 'asked to refer') end\n"             \
    "  for code in string.gmatch(o.decline or '', '[^,]+') do\n"           \
    "    decline(code, 'asked to decline: ' .. code)\n"                    \
    "  end\n"                                                              \
    "  if o.tier then attribute('scheme.tier', o.tier) end\n"              \
    "  if o.tiern then attribute('scheme.tier', tonumber(o.tiern)) end\n"  \
    "  if o.order then attribute('scheme.tier_order', value(o.order)) end\n" \
    "  if o.top then attribute('scheme.top_up', value(o.top)) end\n"       \
    "  if o.admin then attribute('scheme.admin_fee', value(o.admin)) end\n" \
    "  if o.min then attribute('scheme.minimum_premium', value(o.min)) end\n" \
    "end\n"

#define FEE_MAX 1000000000000000LL /* 10^15, the most a fee can be */

static char dir[64];
static ratel_engine *engine, *shipped;
static ratel_ctx *ctx, *shipped_ctx;
static char *neutral;
static size_t neutral_len;

static int setup(void **state)
{
    ratel_engine_options o = test_engine_options();
    (void)state;
    test_tmpdir(dir);
    test_write(dir, "scheme1.lua", PLAN_HEAD("scheme-t", "1", "2025-04-01")
               PLAN_RATE);
    test_write(dir, "scheme2.lua", PLAN_HEAD("scheme-t", "2", "2026-01-01")
               PLAN_RATE);
    test_write(dir, "other.lua", PLAN_HEAD("other-t", "1", "2025-04-01")
               PLAN_RATE);
    neutral = test_slurp(TEST_NEUTRAL, &neutral_len);
    if (!neutral ||
        ratel_engine_open(&engine, "tables/ratel.db", dir, &o) ||
        ratel_ctx_new(&ctx, engine) ||
        ratel_engine_open(&shipped, "tables/ratel.db", TEST_PLANS_DIR,
                          NULL) ||
        ratel_ctx_new(&shipped_ctx, shipped))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ratel_ctx_free(ctx);
    ratel_ctx_free(shipped_ctx);
    ratel_engine_free(engine);
    ratel_engine_free(shipped);
    free(neutral);
    test_rmdir(dir);
    return 0;
}

/* The quote of plan `plan` for the neutral declaration named `name`,
 * effective on `date`. */
static ratel_quote *quote_of(const char *plan, const char *name,
                             const char *date)
{
    ratel_decl *d = NULL;
    ratel_quote *q = NULL;
    ratel_rate_options o;
    if (ratel_decl_parse(&d, ctx, NULL, neutral, neutral_len) ||
        ratel_decl_set_string(d, ctx, "applicant.name", name) ||
        ratel_decl_set_string(d, ctx, "effective_date", date))
        fail_msg("%s", ratel_ctx_errmsg(ctx));
    ratel_rate_options_init(&o, RATEL_RATE_OPTIONS_VERSION);
    o.plan_id = plan;
    if (ratel_rate(&q, ctx, d, &o) != RATEL_OK)
        fail_msg("%s: %s", name, ratel_ctx_errmsg(ctx));
    ratel_decl_free(d);
    return q;
}

/* A member of the test scheme (plan scheme-t version 1). */
static ratel_quote *member(const char *name)
{
    return quote_of("scheme-t", name, "2025-07-01");
}

/* Adds the member named `name` as `label`; returns what add returned. */
static int add(ratel_scheme *s, const char *label, const char *name)
{
    ratel_quote *q = member(name);
    int rc = ratel_scheme_add(s, label, q);
    ratel_quote_free(q);
    return rc;
}

static void add_ok(ratel_scheme *s, const char *label, const char *name)
{
    if (add(s, label, name) != RATEL_OK)
        fail_msg("%s: %s", label, ratel_scheme_errmsg(s));
}

static ratel_scheme *new_scheme(void)
{
    ratel_scheme *s = NULL;
    assert_int_equal(ratel_scheme_new(&s), RATEL_OK);
    assert_non_null(s);
    return s;
}

/* The account's JSON (the caller frees it with ratel_free). */
static char *json_of(const ratel_scheme *s)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(ratel_scheme_json(s, &text, &len), RATEL_OK);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    return text;
}

/* `rc` was refused with `code`, a message naming `needle`, and the
 * account's JSON is still `before`. */
static void assert_unchanged(const ratel_scheme *s, int rc, int code,
                             const char *needle, const char *before)
{
    char *after = json_of(s);
    assert_int_equal(rc, code);
    if (!strstr(ratel_scheme_errmsg(s), needle))
        fail_msg("message '%s' lacks '%s'", ratel_scheme_errmsg(s), needle);
    assert_string_equal(after, before);
    ratel_free(after);
}

static ratel_scheme_totals totals_of(const ratel_scheme *s)
{
    ratel_scheme_totals t;
    assert_int_equal(ratel_scheme_totals_get(s, &t), RATEL_OK);
    return t;
}

static void assert_case(const ratel_scheme *s, size_t i, const char *kind,
                        const char *member_label, int64_t fee,
                        const char *codes, const char *text)
{
    ratel_scheme_case c;
    char got_codes[256] = "", got_text[1024] = "";
    size_t k;
    assert_int_equal(ratel_scheme_case_get(s, i, &c), RATEL_OK);
    assert_string_equal(c.kind, kind);
    assert_string_equal(c.member, member_label);
    assert_true(c.fee == fee);
    /* codes joined by spaces; texts as "CODE: text; CODE: text", or the
     * error of a failed member */
    for (k = 0; k < c.reason_count; k++) {
        ratel_reason r;
        assert_int_equal(ratel_scheme_case_reason(s, i, k, &r), RATEL_OK);
        snprintf(got_codes + strlen(got_codes),
                 sizeof got_codes - strlen(got_codes), "%s%s",
                 k ? " " : "", r.code);
        snprintf(got_text + strlen(got_text),
                 sizeof got_text - strlen(got_text), "%s%s: %s",
                 k ? "; " : "", r.code, r.text);
    }
    assert_int_equal(ratel_scheme_case_reason(s, i, k, NULL) != RATEL_OK, 1);
    if (c.error)
        assert_string_equal(c.error, text);
    else
        assert_string_equal(got_text, text);
    assert_string_equal(got_codes, codes);
}

static void test_scheme__members_counted_and_listed_in_order(void **state)
{
    ratel_scheme *s = new_scheme();
    ratel_scheme_totals t;
    ratel_scheme_case c;
    (void)state;
    add_ok(s, "line 2", "tier=small;fee=30000");
    add_ok(s, "line 3", "tier=small;fee=45000;refer=AUTHORITY");
    add_ok(s, "line 4",
           "tier=large;fee=90000;decline=TOO_LARGE,LOSS_FREQUENCY");
    assert_int_equal(ratel_scheme_add_failure(s, "line 5", "$.applicant."
                                              "revenue: required"), RATEL_OK);
    add_ok(s, "line 6", "tier=mid;fee=50000");
    add_ok(s, "line 7", "fee=20000;refer=MFA_MISSING");
    t = totals_of(s);
    assert_int_equal(t.members, 6);
    assert_int_equal(t.accepted, 2);
    assert_int_equal(t.referred, 2);
    assert_int_equal(t.refused, 1);
    assert_int_equal(t.failed, 1);
    assert_string_equal(t.plan_id, "scheme-t");
    assert_string_equal(t.plan_version, "1");
    assert_string_equal(t.currency, "JPY");
    assert_int_equal(ratel_scheme_case_count(s), 4);
    assert_case(s, 0, "referred", "line 3", 45000, "AUTHORITY",
                "AUTHORITY: asked to refer");
    /* a refused member's fee is its declined quote's: 0 */
    assert_case(s, 1, "refused", "line 4", 0, "TOO_LARGE LOSS_FREQUENCY",
                "TOO_LARGE: asked to decline: TOO_LARGE; LOSS_FREQUENCY: "
                "asked to decline: LOSS_FREQUENCY");
    assert_case(s, 2, "failed", "line 5", 0, "",
                "$.applicant.revenue: required");
    /* a referred member needs no tier */
    assert_case(s, 3, "referred", "line 7", 20000, "MFA_MISSING",
                "MFA_MISSING: asked to refer");
    assert_int_equal(ratel_scheme_case_get(s, 1, &c), RATEL_OK);
    assert_string_equal(c.applicant, "tier=large;fee=90000;decline="
                                     "TOO_LARGE,LOSS_FREQUENCY");
    assert_int_equal(ratel_scheme_case_get(s, 2, &c), RATEL_OK);
    assert_string_equal(c.applicant, "");
    assert_int_equal(ratel_scheme_case_get(s, 4, &c), RATEL_EARG);
    assert_int_equal(ratel_scheme_case_get(s, 0, NULL), RATEL_EARG);
    ratel_scheme_free(s);
}

static void assert_tier(const ratel_scheme *s, size_t i, const char *name,
                        long long members, long long top_ups, int64_t fees,
                        int64_t top_up_fees, int64_t admin_fees)
{
    ratel_scheme_tier t;
    assert_int_equal(ratel_scheme_tier_get(s, i, &t), RATEL_OK);
    assert_string_equal(t.name, name);
    assert_int_equal(t.members, members);
    assert_int_equal(t.top_ups, top_ups);
    assert_true(t.fees == fees);
    assert_true(t.top_up_fees == top_up_fees);
    assert_true(t.fixed_fees == fees - top_up_fees);
    assert_true(t.admin_fees == admin_fees);
}

static void test_scheme__tiers_by_order_then_first_seen(void **state)
{
    ratel_scheme *s = new_scheme(), *u = new_scheme();
    ratel_scheme_tier t;
    (void)state;
    add_ok(s, "1", "tier=upper_mid;order=3;fee=100000;admin=10000");
    add_ok(s, "2", "tier=small;order=1;fee=20000;top=5000;admin=2000");
    add_ok(s, "3", "tier=mid;order=2;fee=50000;admin=5000");
    add_ok(s, "4", "tier=small;order=1;fee=21000;admin=2100");
    add_ok(s, "5", "tier=small;order=1;fee=30000;top=9000;admin=3000");
    /* a tier never seen after an order: ties sort as first seen */
    add_ok(s, "6", "tier=other;order=2;fee=1000;admin=0");
    assert_int_equal(ratel_scheme_tier_count(s), 4);
    assert_tier(s, 0, "small", 3, 2, 71000, 14000, 7100);
    assert_tier(s, 1, "mid", 1, 0, 50000, 0, 5000);
    assert_tier(s, 2, "other", 1, 0, 1000, 0, 0);
    assert_tier(s, 3, "upper_mid", 1, 0, 100000, 0, 10000);
    assert_int_equal(ratel_scheme_tier_get(s, 4, &t), RATEL_EARG);
    assert_int_equal(ratel_scheme_tier_get(s, 0, NULL), RATEL_EARG);

    /* without tier_order: in the order first seen */
    add_ok(u, "1", "tier=zeta;fee=1000");
    add_ok(u, "2", "tier=alpha;fee=2000");
    add_ok(u, "3", "tier=zeta;fee=3000");
    add_ok(u, "4", "tier=mid;fee=4000");
    assert_tier(u, 0, "zeta", 2, 0, 4000, 0, 0);
    assert_tier(u, 1, "alpha", 1, 0, 2000, 0, 0);
    assert_tier(u, 2, "mid", 1, 0, 4000, 0, 0);
    /* a later member's tier_order moves its tier */
    add_ok(u, "5", "tier=alpha;order=-1;fee=1000");
    assert_tier(u, 0, "alpha", 2, 0, 3000, 0, 0);
    assert_tier(u, 1, "zeta", 2, 0, 4000, 0, 0);
    add_ok(u, "6", "tier=alpha;order=7;fee=1000");
    assert_tier(u, 0, "zeta", 2, 0, 4000, 0, 0);
    assert_tier(u, 1, "mid", 1, 0, 4000, 0, 0);
    assert_tier(u, 2, "alpha", 3, 0, 4000, 0, 0);
    ratel_scheme_free(s);
    ratel_scheme_free(u);
}

typedef struct seen_tier {
    long long order;
    size_t first_seen;
} seen_tier;

static int seen_cmp(const void *a, const void *b)
{
    const seen_tier *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return x->first_seen < y->first_seen ? -1 : 1;
}

/* Thousands of tiers (a plan that names a tier per member) in order,
 * every order given twice and some tiers without one: a sort, not a
 * scan per tier (the account's JSON of 20,000 tiers took hours). */
static void test_scheme__many_tiers_in_order(void **state)
{
    enum { N = 3000 };
    ratel_scheme *s = new_scheme();
    seen_tier *want = calloc(N, sizeof *want);
    char *json;
    size_t i;
    (void)state;
    assert_non_null(want);
    for (i = 0; i < N; i++) {
        char name[64];
        want[i].first_seen = i;
        want[i].order = (long long)(i % 5 == 0 ? i : i * 7919 % (N / 2));
        if (i % 5 == 0)
            snprintf(name, sizeof name, "tier=t%zu;fee=1000", i);
        else
            snprintf(name, sizeof name, "tier=t%zu;order=%lld;fee=1000", i,
                     want[i].order);
        add_ok(s, "m", name);
    }
    qsort(want, N, sizeof *want, seen_cmp);
    assert_int_equal(ratel_scheme_tier_count(s), N);
    for (i = 0; i < N; i++) {
        ratel_scheme_tier t;
        char name[32];
        snprintf(name, sizeof name, "t%zu", want[i].first_seen);
        assert_int_equal(ratel_scheme_tier_get(s, i, &t), RATEL_OK);
        assert_string_equal(t.name, name);
    }
    json = json_of(s);
    ratel_free(json);
    free(want);
    ratel_scheme_free(s);
}

/* The account's amounts: fees, fixed fees, top-up fees, administration,
 * premium to the insurer, minimum premium, shortfall, referred fees. */
static void assert_amounts(const ratel_scheme *s, const int64_t want[8])
{
    ratel_scheme_totals t = totals_of(s);
    const int64_t got[8] = {t.fees, t.fixed_fees, t.top_up_fees,
                            t.admin_fees, t.insurer_premium,
                            t.minimum_premium, t.shortfall, t.referred_fees};
    size_t i;
    for (i = 0; i < 8; i++)
        if (got[i] != want[i])
            fail_msg("amount %zu: %lld, expected %lld", i,
                     (long long)got[i], (long long)want[i]);
}

static void test_scheme__totals_and_the_minimum(void **state)
{
    ratel_scheme *s = new_scheme();
    ratel_scheme_totals t;
    (void)state;
    /* empty: nothing, no plan yet */
    t = totals_of(s);
    assert_null(t.plan_id);
    assert_null(t.currency);
    assert_int_equal(t.members, 0);
    assert_amounts(s, (const int64_t[8]){0, 0, 0, 0, 0, 0, 0, 0});

    add_ok(s, "1", "tier=small;fee=20000;top=0;admin=2000;min=100000");
    add_ok(s, "2", "tier=small;fee=28000;top=8000;admin=2800;min=100000");
    add_ok(s, "3", "tier=mid;fee=56000;top=12000;admin=5600;min=100000");
    add_ok(s, "4", "tier=mid;fee=59000;top=13000;admin=5900;min=100000;"
                   "refer=MFA_MISSING");
    add_ok(s, "5", "tier=large;fee=0;decline=TOO_LARGE;min=100000");
    /* 20,000 + 28,000 + 56,000 = 104,000 (top-ups 20,000, administration
     * 10,400, to the insurer 93,600: 6,400 short of the minimum); the
     * referred 59,000 apart */
    assert_amounts(s, (const int64_t[8]){104000, 84000, 20000, 10400, 93600,
                                         100000, 6400, 59000});
    /* exactly at the minimum: no shortfall */
    add_ok(s, "6", "tier=mid;fee=7112;top=0;admin=712;min=100000");
    assert_amounts(s, (const int64_t[8]){111112, 91112, 20000, 11112,
                                         100000, 100000, 0, 59000});
    /* above it: still none; a member that states no minimum keeps the
     * scheme's */
    add_ok(s, "7", "tier=mid;fee=1000;admin=0");
    assert_amounts(s, (const int64_t[8]){112112, 92112, 20000, 11112,
                                         101000, 100000, 0, 59000});
    /* top-up and administration share each up to the whole fee */
    add_ok(s, "8", "tier=mid;fee=5000;top=5000;admin=5000");
    assert_amounts(s, (const int64_t[8]){117112, 92112, 25000, 16112,
                                         101000, 100000, 0, 59000});
    ratel_scheme_free(s);
}

static void test_scheme__errors_change_nothing(void **state)
{
    static const struct {
        const char *name;
        int code;
        const char *message;
    } bad[] = {
        {"fee=1000", RATEL_ERESULT, "line 9: the plan set no scheme.tier "
                                    "(a word) for an accepted member"},
        {"tiern=5;fee=1000", RATEL_ERESULT, "set no scheme.tier (a word)"},
        {"tier=mid;fee=1000;top=abc", RATEL_ERESULT, "must be numbers"},
        {"tier=mid;fee=1000;admin=abc", RATEL_ERESULT, "must be numbers"},
        {"tier=mid;fee=1000;order=abc", RATEL_ERESULT, "must be numbers"},
        {"tier=mid;fee=1000;top=-1", RATEL_ERESULT,
         "scheme.top_up or scheme.admin_fee is not a part of the member's "
         "fee"},
        {"tier=mid;fee=1000;top=1001", RATEL_ERESULT, "not a part of"},
        {"tier=mid;fee=1000;admin=-1", RATEL_ERESULT, "not a part of"},
        {"tier=mid;fee=1000;admin=1001", RATEL_ERESULT, "not a part of"},
        {"tier=mid;fee=1000;min=abc", RATEL_ERESULT,
         "scheme.minimum_premium is not an amount"},
        {"tier=mid;fee=1000;min=-5", RATEL_ERESULT, "not an amount"},
        {"tier=mid;fee=1000;min=6000", RATEL_ERESULT,
         "states a scheme minimum premium of 6000 where earlier members' "
         "was 5000"},
        /* referred and refused members must agree on the minimum too */
        {"tier=mid;fee=1000;min=6000;refer=X", RATEL_ERESULT, "6000"},
        {"fee=0;min=abc;decline=X", RATEL_ERESULT, "not an amount"},
    };
    ratel_scheme *s = new_scheme();
    ratel_quote *q;
    char *before;
    size_t i;
    (void)state;
    add_ok(s, "line 2", "tier=mid;order=2;fee=40000;top=1000;admin=4000;"
                        "min=5000");
    add_ok(s, "line 3", "fee=30000;refer=R");
    before = json_of(s);
    for (i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_unchanged(s, add(s, "line 9", bad[i].name), bad[i].code,
                         bad[i].message, before);
    /* another plan, another version of the plan */
    q = quote_of("other-t", "tier=mid;fee=1000", "2025-07-01");
    assert_unchanged(s, ratel_scheme_add(s, "line 10", q), RATEL_EARG,
                     "line 10: rated by plan other-t 1 where the scheme's "
                     "members are rated by scheme-t 1", before);
    ratel_quote_free(q);
    q = quote_of("scheme-t", "tier=mid;fee=1000", "2026-07-01");
    assert_unchanged(s, ratel_scheme_add(s, "line 11", q), RATEL_EARG,
                     "rated by plan scheme-t 2", before);
    assert_int_equal(ratel_scheme_add(s, NULL, q), RATEL_EARG);
    assert_int_equal(ratel_scheme_add(NULL, "x", q), RATEL_EARG);
    ratel_quote_free(q);
    assert_int_equal(ratel_scheme_add(s, "x", NULL), RATEL_EARG);
    assert_int_equal(ratel_scheme_add_failure(s, "x", NULL), RATEL_EARG);
    assert_int_equal(ratel_scheme_add_failure(s, NULL, "x"), RATEL_EARG);
    assert_int_equal(ratel_scheme_add_failure(NULL, "x", "x"), RATEL_EARG);
    assert_unchanged(s, RATEL_EARG, RATEL_EARG, "", before);
    /* after all that, a good member is added as usual */
    add_ok(s, "line 12", "tier=mid;fee=2000;min=5000");
    assert_int_equal(totals_of(s).accepted, 2);
    assert_string_equal(ratel_scheme_errmsg(s), "");
    ratel_free(before);
    ratel_scheme_free(s);
}

/* The first member fixes the scheme's plan only when it is added: a
 * first member refused leaves an empty account, which then takes the
 * members of any plan. */
static void test_scheme__refused_first_member_fixes_nothing(void **state)
{
    ratel_scheme *s = new_scheme(), *empty = new_scheme();
    char *before = json_of(empty);
    ratel_quote *q;
    (void)state;
    assert_unchanged(s, add(s, "line 2", "fee=1000"), RATEL_ERESULT,
                     "scheme.tier", before);
    assert_null(totals_of(s).plan_id);
    q = quote_of("other-t", "tier=mid;fee=1000", "2025-07-01");
    assert_int_equal(ratel_scheme_add(s, "line 3", q), RATEL_OK);
    assert_string_equal(totals_of(s).plan_id, "other-t");
    ratel_quote_free(q);
    ratel_free(before);
    ratel_scheme_free(s);
    ratel_scheme_free(empty);
}

/* Sums beyond 2^63: fees of 10^15, added until the next would pass
 * INT64_MAX (9,223 members fit), leave the account as it was; a tier
 * not seen before is not left behind, empty. */
static void test_scheme__sums_beyond_2_63(void **state)
{
    ratel_quote *big = member("tier=a;fee=1000000000000000");
    ratel_quote *other = member("tier=b;fee=1000000000000000");
    ratel_quote *referred = member("fee=1000000000000000;refer=R");
    ratel_scheme *s = new_scheme(), *r = new_scheme();
    long long fit = INT64_MAX / FEE_MAX, i;
    char *before;
    (void)state;
    assert_int_equal(fit, 9223);
    for (i = 0; i < fit; i++)
        assert_int_equal(ratel_scheme_add(s, "m", big), RATEL_OK);
    assert_true(totals_of(s).fees == fit * FEE_MAX);
    before = json_of(s);
    assert_unchanged(s, ratel_scheme_add(s, "last", big), RATEL_ERESULT,
                     "last: the scheme's fees pass 2^63", before);
    assert_unchanged(s, ratel_scheme_add(s, "last", other), RATEL_ERESULT,
                     "pass 2^63", before);
    assert_int_equal(ratel_scheme_tier_count(s), 1);
    ratel_free(before);

    for (i = 0; i < fit; i++)
        assert_int_equal(ratel_scheme_add(r, "m", referred), RATEL_OK);
    before = json_of(r);
    assert_unchanged(r, ratel_scheme_add(r, "last", referred), RATEL_ERESULT,
                     "last: the referred fees pass 2^63", before);
    ratel_free(before);
    ratel_quote_free(big);
    ratel_quote_free(other);
    ratel_quote_free(referred);
    ratel_scheme_free(s);
    ratel_scheme_free(r);
}

/* A roster with every kind of member, tiers with and without an order. */
static const char *const roster[] = {
    "tier=zeta;fee=1000",
    "tier=mid;order=2;fee=56000;top=12000;admin=5600;min=30000000",
    "fee=59000;refer=MFA_MISSING;min=30000000",
    NULL, /* a failed line */
    "tier=small;order=1;fee=20000;admin=2000",
    "tier=alpha;fee=7000;top=7000",
    "tier=large;fee=0;decline=TOO_LARGE",
    "tier=mid;order=2;fee=44000;admin=4400",
    "tier=beta;fee=3000",
    "tier=zeta;fee=2000;top=500",
    "tier=small;order=1;fee=28000;top=8000;admin=2800;min=30000000",
    "tier=gamma;fee=4000",
};
#define ROSTER_N (sizeof roster / sizeof *roster)

static void add_roster(ratel_scheme *s, size_t from, size_t to)
{
    size_t i;
    for (i = from; i < to; i++) {
        char label[32];
        snprintf(label, sizeof label, "line %zu", i + 2);
        if (roster[i])
            add_ok(s, label, roster[i]);
        else
            assert_int_equal(ratel_scheme_add_failure(s, label, "column 3 "
                             "(applicant.revenue): not an integer"),
                             RATEL_OK);
    }
}

/* The roster split in two accounts at every line, merged, is the roster
 * added to one account, byte for byte. */
static void test_scheme__merge_equals_one_account(void **state)
{
    ratel_scheme *whole = new_scheme();
    char *want;
    size_t k;
    (void)state;
    add_roster(whole, 0, ROSTER_N);
    want = json_of(whole);
    for (k = 0; k <= ROSTER_N; k++) {
        ratel_scheme *a = new_scheme(), *b = new_scheme();
        char *got, *b_before;
        add_roster(a, 0, k);
        add_roster(b, k, ROSTER_N);
        b_before = json_of(b);
        if (ratel_scheme_merge(a, b) != RATEL_OK)
            fail_msg("split at %zu: %s", k, ratel_scheme_errmsg(a));
        got = json_of(a);
        if (strcmp(got, want) != 0)
            fail_msg("split at %zu:\n%s\nwhole:\n%s", k, got, want);
        assert_unchanged(b, RATEL_OK, RATEL_OK, "", b_before);
        ratel_free(got);
        ratel_free(b_before);
        ratel_scheme_free(a);
        ratel_scheme_free(b);
    }
    ratel_free(want);
    ratel_scheme_free(whole);
}

/* Three parts merged in order, as `ratel scheme quote` would with one
 * account per thread. */
static void test_scheme__merge_three_parts(void **state)
{
    ratel_scheme *whole = new_scheme(), *a = new_scheme(), *b = new_scheme(),
                 *c = new_scheme();
    char *want, *got;
    (void)state;
    add_roster(whole, 0, ROSTER_N);
    add_roster(a, 0, 3);
    add_roster(b, 3, 8);
    add_roster(c, 8, ROSTER_N);
    assert_int_equal(ratel_scheme_merge(a, b), RATEL_OK);
    assert_int_equal(ratel_scheme_merge(a, c), RATEL_OK);
    want = json_of(whole);
    got = json_of(a);
    assert_string_equal(got, want);
    ratel_free(want);
    ratel_free(got);
    ratel_scheme_free(whole);
    ratel_scheme_free(a);
    ratel_scheme_free(b);
    ratel_scheme_free(c);
}

static void test_scheme__merge_failures_change_nothing(void **state)
{
    ratel_scheme *into = new_scheme(), *other = new_scheme(),
                 *min = new_scheme(), *big = new_scheme(), *empty;
    ratel_quote *q = quote_of("other-t", "tier=mid;fee=1000", "2025-07-01");
    ratel_quote *fee = member("tier=mid;fee=1000000000000000");
    char *before;
    long long i;
    (void)state;
    add_roster(into, 0, ROSTER_N);
    before = json_of(into);
    assert_int_equal(ratel_scheme_add(other, "x", q), RATEL_OK);
    assert_unchanged(into, ratel_scheme_merge(into, other), RATEL_EARG,
                     "the accounts were rated by plans scheme-t 1 and "
                     "other-t 1", before);
    add_ok(min, "x", "tier=mid;fee=1000;min=1");
    assert_unchanged(into, ratel_scheme_merge(into, min), RATEL_ERESULT,
                     "the accounts state scheme minimum premiums of "
                     "30000000 and 1", before);
    /* fees of INT64_MAX - 100,000: with into's 165,000 they pass it */
    for (i = 0; i < INT64_MAX / FEE_MAX; i++)
        assert_int_equal(ratel_scheme_add(big, "m", fee), RATEL_OK);
    add_ok(big, "m", "tier=mid;fee=372036854675807");
    assert_true(totals_of(big).fees == INT64_MAX - 100000);
    assert_true(totals_of(into).fees == 165000);
    assert_unchanged(into, ratel_scheme_merge(into, big), RATEL_ERESULT,
                     "the scheme's fees pass 2^63", before);
    assert_unchanged(into, ratel_scheme_merge(into, into), RATEL_EARG, "",
                     before);
    assert_int_equal(ratel_scheme_merge(into, NULL), RATEL_EARG);
    assert_int_equal(ratel_scheme_merge(NULL, into), RATEL_EARG);
    /* merging an empty account changes nothing; merging into an empty
     * one copies */
    empty = new_scheme();
    assert_int_equal(ratel_scheme_merge(into, empty), RATEL_OK);
    assert_unchanged(into, RATEL_OK, RATEL_OK, "", before);
    assert_int_equal(ratel_scheme_merge(empty, into), RATEL_OK);
    assert_unchanged(empty, RATEL_OK, RATEL_OK, "", before);
    ratel_free(before);
    ratel_quote_free(q);
    ratel_quote_free(fee);
    ratel_scheme_free(into);
    ratel_scheme_free(other);
    ratel_scheme_free(min);
    ratel_scheme_free(big);
    ratel_scheme_free(empty);
}

static void test_scheme__json(void **state)
{
    ratel_scheme *s = new_scheme();
    char *text;
    (void)state;
    text = json_of(s);
    assert_string_equal(text,
        "{\"format_version\":1,\n"
        "\"plan\":{\"id\":null,\"version\":null},\n"
        "\"currency\":null,\n"
        "\"members\":{\"rated\":0,\"accepted\":0,\"referred\":0,"
        "\"refused\":0,\"failed\":0},\n"
        "\"totals\":{\"fees\":0,\"fixed_fees\":0,\"top_up_fees\":0,"
        "\"admin_fees\":0,\"insurer_premium\":0,\"minimum_premium\":0,"
        "\"shortfall\":0,\"referred_fees\":0},\n"
        "\"tiers\":[],\n"
        "\"referred\":[],\n"
        "\"refused\":[],\n"
        "\"failed\":[]}\n");
    ratel_free(text);
    add_roster(s, 0, 5);
    text = json_of(s);
    assert_string_equal(text,
        "{\"format_version\":1,\n"
        "\"plan\":{\"id\":\"scheme-t\",\"version\":\"1\"},\n"
        "\"currency\":\"JPY\",\n"
        "\"members\":{\"rated\":5,\"accepted\":3,\"referred\":1,"
        "\"refused\":0,\"failed\":1},\n"
        "\"totals\":{\"fees\":77000,\"fixed_fees\":65000,"
        "\"top_up_fees\":12000,\"admin_fees\":7600,"
        "\"insurer_premium\":69400,\"minimum_premium\":30000000,"
        "\"shortfall\":29930600,\"referred_fees\":59000},\n"
        "\"tiers\":[\n"
        "  {\"tier\":\"zeta\",\"members\":1,\"fees\":1000,\"fixed_fees\":1000,"
        "\"top_ups\":0,\"top_up_fees\":0,\"admin_fees\":0,"
        "\"tier_order\":null,\"first_seen\":0},\n"
        "  {\"tier\":\"small\",\"members\":1,\"fees\":20000,"
        "\"fixed_fees\":20000,\"top_ups\":0,\"top_up_fees\":0,"
        "\"admin_fees\":2000,\"tier_order\":1,\"first_seen\":2},\n"
        "  {\"tier\":\"mid\",\"members\":1,\"fees\":56000,"
        "\"fixed_fees\":44000,\"top_ups\":1,\"top_up_fees\":12000,"
        "\"admin_fees\":5600,\"tier_order\":2,\"first_seen\":1}],\n"
        "\"referred\":[\n"
        "  {\"member\":\"line 4\",\"applicant\":\"fee=59000;refer=MFA_MISSING;"
        "min=30000000\",\"fee\":59000,\"reasons\":[{\"kind\":\"refer\","
        "\"code\":\"MFA_MISSING\",\"text\":\"asked to refer\"}]}],\n"
        "\"refused\":[],\n"
        "\"failed\":[\n"
        "  {\"member\":\"line 5\",\"error\":\"column 3 (applicant.revenue): "
        "not an integer\"}]}\n");
    ratel_free(text);
    assert_int_equal(ratel_scheme_json(s, NULL, NULL), RATEL_EARG);
    ratel_scheme_free(s);
}

/* Text from members and errors is escaped: the JSON parses back. */
static void test_scheme__json_parses_back(void **state)
{
    ratel_scheme *s = new_scheme();
    char *text, err[256];
    yajl_val doc, v;
    const char *totals_fees[] = {"totals", "fees", NULL};
    const char *failed[] = {"failed", NULL};
    (void)state;
    add_roster(s, 0, ROSTER_N);
    assert_int_equal(ratel_scheme_add_failure(s, "line \"99\"", "bad\n\t"
                                              "\"line\" \\ 株式会社"),
                     RATEL_OK);
    text = json_of(s);
    doc = yajl_tree_parse(text, err, sizeof err);
    if (!doc)
        fail_msg("%s\n%s", err, text);
    v = yajl_tree_get(doc, totals_fees, yajl_t_number);
    assert_non_null(v);
    assert_int_equal(YAJL_GET_INTEGER(v), 1000 + 56000 + 20000 + 7000 +
                                          44000 + 3000 + 2000 + 28000 + 4000);
    v = yajl_tree_get(doc, failed, yajl_t_array);
    assert_non_null(v);
    assert_int_equal(v->u.array.len, 2);
    v = v->u.array.values[1];
    assert_string_equal(YAJL_GET_STRING(v->u.object.values[0]), "line \"99\"");
    assert_string_equal(YAJL_GET_STRING(v->u.object.values[1]),
                        "bad\n\t\"line\" \\ 株式会社");
    yajl_tree_free(doc);
    ratel_free(text);
    ratel_scheme_free(s);
}

/* The account read back from its JSON (ratel_scheme_parse). */
static ratel_scheme *parse_ok(const char *json)
{
    ratel_scheme *s = NULL;
    if (ratel_scheme_parse(&s, json, strlen(json)) != RATEL_OK)
        fail_msg("%s\n%s", ratel_scheme_errmsg(s), json);
    assert_non_null(s);
    return s;
}

/* An account read back writes the same bytes and has the same figures;
 * an empty account too. */
static void test_scheme__parse_reads_back(void **state)
{
    ratel_scheme *s = new_scheme(), *back;
    ratel_scheme_totals a, b;
    char *text, *again;
    size_t i;
    (void)state;
    add_roster(s, 0, ROSTER_N);
    text = json_of(s);
    back = parse_ok(text);
    again = json_of(back);
    assert_string_equal(again, text);
    a = totals_of(s);
    b = totals_of(back);
    assert_string_equal(a.plan_id, b.plan_id);
    assert_int_equal(a.members, b.members);
    assert_int_equal(a.insurer_premium, b.insurer_premium);
    assert_int_equal(ratel_scheme_tier_count(back),
                     ratel_scheme_tier_count(s));
    for (i = 0; i < ratel_scheme_tier_count(s); i++) {
        ratel_scheme_tier x, y;
        assert_int_equal(ratel_scheme_tier_get(s, i, &x), RATEL_OK);
        assert_int_equal(ratel_scheme_tier_get(back, i, &y), RATEL_OK);
        assert_string_equal(x.name, y.name);
        assert_int_equal(x.has_tier_order, y.has_tier_order);
        assert_int_equal(x.tier_order, y.tier_order);
        assert_int_equal(x.first_seen, y.first_seen);
        assert_int_equal(x.fees, y.fees);
    }
    assert_int_equal(ratel_scheme_case_count(back),
                     ratel_scheme_case_count(s));
    ratel_free(again);
    ratel_free(text);
    ratel_scheme_free(back);
    ratel_scheme_free(s);
    s = new_scheme();
    text = json_of(s);
    back = parse_ok(text);
    again = json_of(back);
    assert_string_equal(again, text);
    ratel_free(again);
    ratel_free(text);
    ratel_scheme_free(back);
    ratel_scheme_free(s);
}

/* The roster in two or three parts, each written as JSON and read back,
 * merged in order into an empty account: the account of the whole roster,
 * byte for byte, at every split (tiers with and without an order, new
 * tiers in later parts, an order changed). */
static void test_scheme__parsed_parts_merge_to_one_account(void **state)
{
    ratel_scheme *whole = new_scheme();
    char *want;
    size_t k, m;
    (void)state;
    add_roster(whole, 0, ROSTER_N);
    want = json_of(whole);
    for (k = 0; k <= ROSTER_N; k++)
        for (m = k; m <= ROSTER_N; m++) {
            const size_t cut[4] = {0, k, m, ROSTER_N};
            ratel_scheme *total = new_scheme();
            char *got;
            size_t p;
            for (p = 0; p < 3; p++) {
                ratel_scheme *part = new_scheme(), *back;
                char *text;
                add_roster(part, cut[p], cut[p + 1]);
                text = json_of(part);
                back = parse_ok(text);
                if (ratel_scheme_merge(total, back) != RATEL_OK)
                    fail_msg("%zu/%zu: %s", k, m, ratel_scheme_errmsg(total));
                ratel_free(text);
                ratel_scheme_free(back);
                ratel_scheme_free(part);
            }
            got = json_of(total);
            if (strcmp(got, want) != 0)
                fail_msg("parts at %zu, %zu:\n%s\nwhole:\n%s", k, m, got,
                         want);
            ratel_free(got);
            ratel_scheme_free(total);
        }
    ratel_free(want);
    ratel_scheme_free(whole);
}

/* The document with the first `from` replaced by `to`. */
static char *edited(const char *json, const char *from, const char *to)
{
    const char *at = strstr(json, from);
    size_t n = strlen(json) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    if (!at)
        fail_msg("'%s' is not in\n%s", from, json);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - json), json, to,
             at + strlen(from));
    return out;
}

/* Each document refused with a field error naming `path`. */
static void test_scheme__parse_errors(void **state)
{
    static const struct {
        const char *from, *to, *path;
    } cases[] = {
        {"{\"format_version\":1", "[", "$: line 1"},
        {"\"format_version\":1", "\"format_version\":2",
         "$.format_version: version 2 is newer"},
        {"\"format_version\":1,", "", "$.format_version: required"},
        {"\"currency\":\"JPY\",", "\"currency\":\"JPY\",\"x\":1,",
         "$.x: unknown key"},
        {"\"currency\":\"JPY\"", "\"currency\":null", "$.plan: the plan's"},
        {"\"fees\":3000,\"fixed_fees\":2500", "\"fees\":3001,\"fixed_fees\":2500",
         "$.tiers[0]: fixed_fees is 2500 where fees - top_up_fees is 2501"},
        {"\"top_ups\":1,", "\"top_ups\":5,", "$.tiers[0]: more members"},
        {"\"tier\":\"small\"", "\"tier\":\"zeta\"",
         "$.tiers[1].tier: tier 'zeta' is listed twice"},
        {"\"tier_order\":1,", "\"tier_order\":9,",
         "$.tiers[1]: out of order"},
        {"\"tier_order\":1,", "\"tier_order\":\"1\",",
         "$.tiers[1].tier_order: expected an integer"},
        {"\"first_seen\":0", "\"first_seen\":2",
         "$.tiers[1].first_seen: expected a place"},
        {"\"first_seen\":0", "\"first_seen\":99",
         "$.tiers[0].first_seen: expected a place from 0 to"},
        {"\"members\":2,", "\"members\":-1,",
         "$.tiers[0].members: expected a whole number"},
        {"\"rated\":12", "\"rated\":14",
         "$.members.rated: is 14 where the account adds up to 12"},
        {"\"referred\":1,", "\"referred\":2,", "$.members.referred: is 2"},
        {"\"insurer_premium\":", "\"insurer_premium\":1", "$.totals.insurer_premium"},
        {"\"kind\":\"refer\"", "\"kind\":\"maybe\"",
         "$.referred[0].reasons[0]: kind: 'refer' or 'decline'"},
        {"\"error\":\"column", "\"error\":null,\"x\":\"column",
         "$.failed[0].x: unknown key"},
        {"\"refused\":[", "\"refused\":\"none\",\"r\":[",
         "$.refused: expected: an array"},
        {"\"tiers\":[", "\"tiers\":[3,", "$.tiers[0]: expected: an object"},
        {"\"fee\":59000", "\"fee\":9223372036854775807",
         "$.totals.referred_fees"},
    };
    ratel_scheme *s = new_scheme(), *out = NULL;
    char *text;
    size_t i;
    (void)state;
    add_roster(s, 0, ROSTER_N);
    text = json_of(s);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *bad = edited(text, cases[i].from, cases[i].to);
        int rc = ratel_scheme_parse(&out, bad, strlen(bad));
        /* an empty account that says what is wrong */
        if (rc != RATEL_EDECL || out == NULL ||
            !strstr(ratel_scheme_errmsg(out), cases[i].path))
            fail_msg("case %zu: rc %d, '%s' lacks '%s'", i, rc,
                     ratel_scheme_errmsg(out), cases[i].path);
        assert_int_equal(ratel_scheme_tier_count(out), 0);
        assert_int_equal(ratel_scheme_case_count(out), 0);
        assert_null(totals_of(out).plan_id);
        ratel_scheme_free(out);
        free(bad);
    }
    ratel_free(text);
    ratel_scheme_free(s);
}

/* A document with many errors names the first 20 and counts the rest;
 * NULL arguments. */
static void test_scheme__parse_many_errors_and_nulls(void **state)
{
    char doc[4096] = "{";
    ratel_scheme *out = NULL;
    size_t n = 1;
    int i;
    (void)state;
    for (i = 0; i < 50; i++)
        n += (size_t)snprintf(doc + n, sizeof doc - n, "\"k%d\":1,", i);
    snprintf(doc + n, sizeof doc - n, "\"format_version\":1}");
    assert_int_equal(ratel_scheme_parse(&out, doc, strlen(doc)),
                     RATEL_EDECL);
    assert_non_null(strstr(ratel_scheme_errmsg(out), "$.k19: unknown key"));
    assert_null(strstr(ratel_scheme_errmsg(out), "$.k20:"));
    /* 50 unknown keys, the plan and four lists missing */
    assert_non_null(strstr(ratel_scheme_errmsg(out), "\n$: and 35 more "
                                                     "errors"));
    ratel_scheme_free(out);
    out = (ratel_scheme *)1;
    assert_int_equal(ratel_scheme_parse(NULL, doc, 1), RATEL_EARG);
    assert_int_equal(ratel_scheme_parse(&out, NULL, 1), RATEL_EARG);
    assert_null(out);
    assert_int_equal(ratel_scheme_parse(&out, NULL, 0), RATEL_EDECL);
    assert_non_null(strstr(ratel_scheme_errmsg(out), "$: "));
    ratel_scheme_free(out);
}

static void test_scheme__null_arguments(void **state)
{
    ratel_scheme_totals t;
    char *text = (char *)"x";
    (void)state;
    assert_int_equal(ratel_scheme_new(NULL), RATEL_EARG);
    ratel_scheme_free(NULL);
    assert_non_null(ratel_scheme_errmsg(NULL));
    assert_int_equal(ratel_scheme_totals_get(NULL, &t), RATEL_EARG);
    assert_int_equal(ratel_scheme_tier_count(NULL), 0);
    assert_int_equal(ratel_scheme_case_count(NULL), 0);
    assert_int_equal(ratel_scheme_json(NULL, &text, NULL), RATEL_EARG);
    assert_null(text);
}

/* Members of the shipped chamber scheme, effective 2026-07-01 (worked
 * out by hand in rating-scripts/tests/chamber-scheme/: 01, 20, 18, 21). */
static void test_scheme__chamber_scheme(void **state)
{
    static const struct {
        const char *revenue, *limit, *mfa;
    } members[] = {
        {"500000000", "100000000", "true"},  /* mid, 56,000, top-up 12,000 */
        {"50000000", "10000000", "true"},    /* small, minimum 20,000 */
        {"10000000000", "100000000", "true"}, /* too large: refused */
        {"500000000", "100000000", "false"}, /* MFA_MISSING: 59,000 */
    };
    ratel_scheme *s = new_scheme();
    ratel_scheme_totals t;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof members / sizeof *members; i++) {
        char json[4096], label[16];
        ratel_quote *q = NULL;
        snprintf(json, sizeof json, "{\"effective_date\": \"2026-07-01\", "
                 "\"applicant\": {\"name\": \"m%zu\", \"revenue\": %s, "
                 "\"industry\": \"manufacturing\", \"employees\": 10}, "
                 "\"controls\": {\"security_policy\": true, "
                 "\"risk_assessment\": true, \"mfa\": %s, "
                 "\"offline_backup\": true, \"patch_management\": true, "
                 "\"staff_training\": true}, \"request\": "
                 "{\"liability_limit\": %s, \"expense_limit\": 10000000, "
                 "\"deductible\": 100000}}", i, members[i].revenue,
                 members[i].mfa, members[i].limit);
        if (test_rate_json(&q, shipped_ctx, json, strlen(json),
                           "chamber-scheme", 0) != RATEL_OK)
            fail_msg("%s", ratel_ctx_errmsg(shipped_ctx));
        snprintf(label, sizeof label, "line %zu", i + 2);
        assert_int_equal(ratel_scheme_add(s, label, q), RATEL_OK);
        ratel_quote_free(q);
    }
    t = totals_of(s);
    assert_string_equal(t.plan_id, "chamber-scheme");
    assert_string_equal(t.plan_version, "2026.2");
    assert_int_equal(t.accepted, 2);
    assert_int_equal(t.referred, 1);
    assert_int_equal(t.refused, 1);
    /* 56,000 + 20,000; top-up 12,000; administration 5,600 + 2,000 */
    assert_amounts(s, (const int64_t[8]){76000, 64000, 12000, 7600, 68400,
                                         30000000, 29931600, 59000});
    /* small (tier_order 1) before mid (2), though mid came first */
    assert_tier(s, 0, "small", 1, 0, 20000, 0, 2000);
    assert_tier(s, 1, "mid", 1, 1, 56000, 12000, 5600);
    assert_case(s, 0, "refused", "line 4", 0, "TOO_LARGE",
                "TOO_LARGE: revenue of JPY 10,000,000,000: companies with "
                "JPY 10bn or more insure their own risk outside the scheme");
    assert_case(s, 1, "referred", "line 5", 59000, "MFA_MISSING",
                "MFA_MISSING: no multi-factor authentication with revenue "
                "of JPY 300m or more");
    ratel_scheme_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scheme__members_counted_and_listed_in_order),
        cmocka_unit_test(test_scheme__tiers_by_order_then_first_seen),
        cmocka_unit_test(test_scheme__many_tiers_in_order),
        cmocka_unit_test(test_scheme__totals_and_the_minimum),
        cmocka_unit_test(test_scheme__errors_change_nothing),
        cmocka_unit_test(test_scheme__refused_first_member_fixes_nothing),
        cmocka_unit_test(test_scheme__sums_beyond_2_63),
        cmocka_unit_test(test_scheme__merge_equals_one_account),
        cmocka_unit_test(test_scheme__merge_three_parts),
        cmocka_unit_test(test_scheme__merge_failures_change_nothing),
        cmocka_unit_test(test_scheme__json),
        cmocka_unit_test(test_scheme__json_parses_back),
        cmocka_unit_test(test_scheme__parse_reads_back),
        cmocka_unit_test(test_scheme__parsed_parts_merge_to_one_account),
        cmocka_unit_test(test_scheme__parse_errors),
        cmocka_unit_test(test_scheme__parse_many_errors_and_nulls),
        cmocka_unit_test(test_scheme__null_arguments),
        cmocka_unit_test(test_scheme__chamber_scheme),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* lint_source.c - `ratel lint`: a scan of the plan's Lua source for the
 * table names it uses and declares, its global functions, its rounding
 * and its steps that name a table; and checks 3 (tables used but not
 * declared) and 7 (steps that name a table and key but pass a computed
 * value). The tokens are the sandbox's (engine/src/lua_lex.c, a private
 * part of libratel.a, which the tool links statically): lint reads a
 * keyword, string or comment exactly where the engine's tick scanner
 * and Lua do. */
#include "cli.h"
#include "lint_checks.h"
#include "lua_lex.h"

#include <stdlib.h>
#include <string.h>

/* The kinds of token the checks look at, by their lua_lex.h names. */
enum {
    TOK_NAME = LUALEX_NAME, TOK_NUMBER = LUALEX_NUMBER,
    TOK_STRING = LUALEX_STRING, TOK_OTHER = LUALEX_SYMBOL
};

/* A token of the plan: its kind, line and text (a string's contents). */
typedef struct tok {
    int kind;
    int line;
    const char *s;
    size_t len;
} tok;

/* Reads the whole text into *out (*n tokens; free()); stops quietly at an
 * unterminated string or comment, as Lua refuses the plan there. Returns
 * 0, or -1 out of memory. */
static int lex(const char *text, size_t len, tok **out, size_t *n)
{
    lualex lx;
    lualex_token lt;
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    lualex_init(&lx, text, len);
    while (lualex_next(&lx, &lt) != LUALEX_END &&
           lt.kind != LUALEX_UNFINISHED) {
        tok *t = cli_grow(*out, &cap, *n, sizeof *t, 256);
        if (t == NULL)
            return -1;
        *out = t;
        t = &t[(*n)++];
        t->kind = (int)lt.kind;
        t->line = lt.line;
        t->s = text + (lt.kind == LUALEX_STRING ? lt.body : lt.start);
        t->len = lt.kind == LUALEX_STRING ? lt.body_end - lt.body
                                          : lt.end - lt.start;
    }
    return 0;
}

static int tok_is(const tok *t, int kind, const char *s)
{
    return t->kind == kind && t->len == strlen(s) &&
           memcmp(t->s, s, t->len) == 0;
}

static int add_name(lint_name **v, size_t *n, const tok *t)
{
    lint_name *nv = realloc(*v, (*n + 1) * sizeof *nv);
    char *s;
    if (nv == NULL)
        return -1;
    *v = nv;
    if ((s = malloc(t->len + 1)) == NULL)
        return -1;
    memcpy(s, t->s, t->len);
    s[t->len] = '\0';
    nv[*n].name = s;
    nv[*n].line = t->line;
    (*n)++;
    return 0;
}

/* Index of the token starting argument `arg` (0-based) of the call whose
 * "(" is at index `open`, or 0 when the call has fewer arguments. */
static size_t arg_start(const tok *t, size_t n, size_t open, int arg)
{
    size_t i;
    int depth = 0;
    if (arg == 0)
        return open + 1 < n ? open + 1 : 0;
    for (i = open + 1; i < n; i++) {
        if (t[i].kind != TOK_OTHER || t[i].len != 1)
            continue;
        if (strchr("([{", t[i].s[0]) != NULL) {
            depth++;
        } else if (strchr(")]}", t[i].s[0]) != NULL) {
            if (depth-- == 0)
                return 0;
        } else if (t[i].s[0] == ',' && depth == 0 && --arg == 0) {
            return i + 1 < n ? i + 1 : 0;
        }
    }
    return 0;
}

/* The table argument of a call at token i, as a token index, or 0. */
static size_t table_arg(const tok *t, size_t n, size_t i)
{
    static const char *const first[] = {"lookup", "find", "rows"};
    static const char *const third[] = {"base", "factor"};
    size_t k, a = 0;
    int which = -1;

    if (i + 1 >= n || !tok_is(&t[i + 1], TOK_OTHER, "("))
        return 0;
    if (i > 0 && (tok_is(&t[i - 1], TOK_OTHER, ".") ||
                  tok_is(&t[i - 1], TOK_OTHER, ":") ||
                  tok_is(&t[i - 1], TOK_NAME, "function")))
        return 0; /* string.find(, s:find(, function find( */
    for (k = 0; k < 3; k++)
        if (tok_is(&t[i], TOK_NAME, first[k]))
            which = 0;
    for (k = 0; k < 2; k++)
        if (tok_is(&t[i], TOK_NAME, third[k]))
            which = 2;
    if (which < 0 || (a = arg_start(t, n, i + 1, which)) == 0)
        return 0;
    /* a literal alone, not the start of an expression ("x" .. y) */
    if (t[a].kind != TOK_STRING || a + 1 >= n ||
        !(tok_is(&t[a + 1], TOK_OTHER, ",") ||
          tok_is(&t[a + 1], TOK_OTHER, ")")))
        return 0;
    return a;
}

/* For a step call at token i (set, mul, add, at_least, at_most, note)
 * that names a table (a literal, argument 4) and a key (argument 5): the
 * table's token index when the value (argument 3) is computed, holding a
 * number, an arithmetic operator or a math.* call; else 0. A value read
 * from somewhere (s.industry, terms.minimum_premium, lookup(...)) is left
 * to the engine, which holds it to the table's at rating time. */
static size_t claim_arg(const tok *t, size_t n, size_t i)
{
    static const char *const steps[] = {"set", "mul", "add", "at_least",
                                        "at_most", "note"};
    size_t k, v, table, key;
    int step = 0;
    for (k = 0; k < 6; k++)
        step |= tok_is(&t[i], TOK_NAME, steps[k]);
    if (!step || i + 1 >= n || !tok_is(&t[i + 1], TOK_OTHER, "(") ||
        (i > 0 && (tok_is(&t[i - 1], TOK_OTHER, ".") ||
                   tok_is(&t[i - 1], TOK_OTHER, ":") ||
                   tok_is(&t[i - 1], TOK_NAME, "function"))))
        return 0;
    if ((v = arg_start(t, n, i + 1, 2)) == 0 ||
        (table = arg_start(t, n, i + 1, 3)) == 0 ||
        (key = arg_start(t, n, i + 1, 4)) == 0 ||
        t[table].kind != TOK_STRING || tok_is(&t[key], TOK_NAME, "nil"))
        return 0;
    for (k = v; k + 1 < table; k++) {
        if (t[k].kind == TOK_NUMBER ||
            (t[k].kind == TOK_OTHER && t[k].len == 1 &&
             strchr("+-*/%^", t[k].s[0]) != NULL) ||
            tok_is(&t[k], TOK_OTHER, "//") ||
            tok_is(&t[k], TOK_NAME, "math"))
            return table;
    }
    return 0;
}

/* The token after the "}" closing the "{" at index open. */
static size_t after_braces(const tok *t, size_t n, size_t open)
{
    size_t i;
    int depth = 0;
    for (i = open; i < n; i++) {
        if (tok_is(&t[i], TOK_OTHER, "{"))
            depth++;
        else if (tok_is(&t[i], TOK_OTHER, "}") && --depth == 0)
            return i + 1;
    }
    return n;
}

/* ---- declaration field paths (for check 6) ----------------------------- */

#define LINT_MAX_ALIASES 64

/* A name bound to a part of the declaration, at a block depth. */
typedef struct alias {
    const char *name;
    size_t len;
    char path[200]; /* "" for the declaration itself, "incidents[]" */
    int depth;
} alias;

typedef struct chains {
    alias a[LINT_MAX_ALIASES];
    int n;
    int depth;
} chains;

static const alias *alias_of(const chains *c, const tok *t)
{
    int i;
    if (t->kind != TOK_NAME)
        return NULL;
    for (i = c->n - 1; i >= 0; i--)
        if (c->a[i].len == t->len && memcmp(c->a[i].name, t->s, t->len) == 0)
            return &c->a[i];
    return NULL;
}

static void bind(chains *c, const tok *t, const char *path, int depth)
{
    alias *x;
    if (c->n == LINT_MAX_ALIASES)
        return;
    x = &c->a[c->n++];
    x->name = t->s;
    x->len = t->len;
    x->depth = depth;
    snprintf(x->path, sizeof x->path, "%s", path);
}

/* The chain at token i (an alias): its path in out, the index after it.
 * Stops at a call, a method or an index that is not a list item. */
static size_t chain_path(const tok *t, size_t n, size_t i, const alias *a,
                         char *out, size_t cap)
{
    size_t used = strlen(a->path);
    snprintf(out, cap, "%s", a->path);
    for (i++; i + 1 < n; ) {
        if (tok_is(&t[i], TOK_OTHER, ".") && t[i + 1].kind == TOK_NAME) {
            used += (size_t)snprintf(out + used, cap > used ? cap - used : 0,
                                     "%s%.*s", used ? "." : "",
                                     (int)t[i + 1].len, t[i + 1].s);
            i += 2;
        } else if (tok_is(&t[i], TOK_OTHER, "[") && used) {
            int depth = 0;
            for (; i < n; i++) { /* to the matching ] */
                if (tok_is(&t[i], TOK_OTHER, "["))
                    depth++;
                else if (tok_is(&t[i], TOK_OTHER, "]") && --depth == 0)
                    break;
            }
            used += (size_t)snprintf(out + used, cap > used ? cap - used : 0,
                                     "[]");
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* Records the declaration paths the plan reads: chains from a function
 * parameter named d (the plans' convention) and from locals bound to a
 * part of it (local a = d.applicant; for _, inc in ipairs(d.incidents)). */
static int collect_chains(lint_source *src, const tok *t, size_t n)
{
    chains c;
    size_t i;
    memset(&c, 0, sizeof c);
    for (i = 0; i < n; i++) {
        const alias *a;
        char path[200];
        if (tok_is(&t[i], TOK_NAME, "function") || tok_is(&t[i], TOK_NAME, "if") ||
            tok_is(&t[i], TOK_NAME, "do") || tok_is(&t[i], TOK_NAME, "repeat"))
            c.depth++;
        else if (tok_is(&t[i], TOK_NAME, "end") ||
                 tok_is(&t[i], TOK_NAME, "until")) {
            c.depth--;
            while (c.n > 0 && c.a[c.n - 1].depth > c.depth)
                c.n--;
        }
        /* function NAME(d ...): d is the declaration inside */
        if (tok_is(&t[i], TOK_OTHER, "(") && i > 0 &&
            (t[i - 1].kind == TOK_NAME || tok_is(&t[i - 1], TOK_NAME, "function")) &&
            i + 1 < n && tok_is(&t[i + 1], TOK_NAME, "d")) {
            size_t k = i;
            while (k > 0 && (t[k - 1].kind == TOK_NAME ||
                             tok_is(&t[k - 1], TOK_OTHER, "."))) {
                k--;
                if (tok_is(&t[k], TOK_NAME, "function"))
                    break;
            }
            if (tok_is(&t[k], TOK_NAME, "function"))
                bind(&c, &t[i + 1], "", c.depth);
        }
        /* local x, y = A.b, C.d (or for _, x in ipairs(A.list)) */
        if (tok_is(&t[i], TOK_NAME, "local") || tok_is(&t[i], TOK_NAME, "for")) {
            const tok *names[8];
            size_t k = i + 1, nn = 0, v;
            int is_for = tok_is(&t[i], TOK_NAME, "for");
            while (k < n && t[k].kind == TOK_NAME && nn < 8) {
                names[nn++] = &t[k++];
                if (k < n && tok_is(&t[k], TOK_OTHER, ","))
                    k++;
                else
                    break;
            }
            if (k < n && (tok_is(&t[k], TOK_OTHER, "=") ||
                          (is_for && tok_is(&t[k], TOK_NAME, "in")))) {
                size_t which = 0;
                k++;
                if (is_for && k + 1 < n && tok_is(&t[k], TOK_NAME, "ipairs") &&
                    tok_is(&t[k + 1], TOK_OTHER, "("))
                    k += 2, which = nn > 1 ? 1 : 0;
                for (v = which; v < nn && k < n; v++) {
                    if ((a = alias_of(&c, &t[k])) != NULL) {
                        k = chain_path(t, n, k, a, path, sizeof path);
                        if (is_for)
                            strncat(path, "[]", sizeof path - strlen(path) - 1);
                        bind(&c, names[v], path, c.depth + (is_for ? 1 : 0));
                    } else {
                        break;
                    }
                    if (is_for || !(k < n && tok_is(&t[k], TOK_OTHER, ",")))
                        break;
                    k++;
                }
            }
        }
        if ((a = alias_of(&c, &t[i])) != NULL && i + 2 < n &&
            tok_is(&t[i + 1], TOK_OTHER, ".") &&
            !(i > 0 && (tok_is(&t[i - 1], TOK_OTHER, ".") ||
                        tok_is(&t[i - 1], TOK_OTHER, ":")))) {
            tok at = t[i];
            size_t end = chain_path(t, n, i, a, path, sizeof path);
            at.s = path;
            at.len = strlen(path);
            if (add_name(&src->fields, &src->nfields, &at) != 0)
                return -1;
            (void)end;
        }
    }
    return 0;
}

static int analyse(lint_source *src, const tok *t, size_t n)
{
    size_t i, a, decl_end = 0;

    for (i = 0; i < n; i++) {
        if (t[i].kind == TOK_STRING) {
            if (i < decl_end
                    ? add_name(&src->declared, &src->ndeclared, &t[i])
                    : add_name(&src->literals, &src->nliterals, &t[i]))
                return -1;
            continue;
        }
        if (t[i].kind != TOK_NAME)
            continue;
        if (tok_is(&t[i], TOK_NAME, "tables") && i + 2 < n &&
            tok_is(&t[i + 1], TOK_OTHER, "=") &&
            tok_is(&t[i + 2], TOK_OTHER, "{") && decl_end == 0)
            decl_end = after_braces(t, n, i + 2);
        if ((a = table_arg(t, n, i)) != 0 &&
            add_name(&src->calls, &src->ncalls, &t[a]) != 0)
            return -1;
        if ((a = claim_arg(t, n, i)) != 0) {
            tok at = t[a];
            at.line = t[i].line;
            if (add_name(&src->claims, &src->nclaims, &at) != 0)
                return -1;
        }
        if (tok_is(&t[i], TOK_NAME, "function") && i + 2 < n &&
            t[i + 1].kind == TOK_NAME &&
            tok_is(&t[i + 2], TOK_OTHER, "(") &&
            !(i > 0 && tok_is(&t[i - 1], TOK_NAME, "local")) &&
            add_name(&src->functions, &src->nfunctions, &t[i + 1]) != 0)
            return -1;
        if (tok_is(&t[i], TOK_NAME, "round") && i + 2 < n &&
            !(i > 0 && (tok_is(&t[i - 1], TOK_OTHER, ".") ||
                        tok_is(&t[i - 1], TOK_OTHER, ":"))) &&
            tok_is(&t[i + 1], TOK_OTHER, "(") &&
            tok_is(&t[i + 2], TOK_STRING, "policy"))
            src->rounds_policy = 1;
    }
    return 0;
}

int lint_source_scan(lint_source *src, const char *path, const char *text,
                     size_t len)
{
    tok *toks;
    size_t n;
    int rc;

    memset(src, 0, sizeof *src);
    src->path = path;
    rc = lex(text, len, &toks, &n);
    if (rc == 0)
        rc = analyse(src, toks, n);
    if (rc == 0)
        rc = collect_chains(src, toks, n);
    free(toks);
    return rc;
}

static void free_names(lint_name *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(v[i].name);
    free(v);
}

void lint_source_free(lint_source *src)
{
    free_names(src->calls, src->ncalls);
    free_names(src->declared, src->ndeclared);
    free_names(src->literals, src->nliterals);
    free_names(src->functions, src->nfunctions);
    free_names(src->fields, src->nfields);
    free_names(src->claims, src->nclaims);
    memset(src, 0, sizeof *src);
}

static const lint_name *find_name(const lint_name *v, size_t n,
                                  const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

int lint_source_decl_line(const lint_source *src, const char *table)
{
    const lint_name *d = find_name(src->declared, src->ndeclared, table);
    return d ? d->line : 0;
}

/* ---- check 3 ---------------------------------------------------------- */

static int declared(const char *const *names, size_t n, const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

int lint_check_table_names(lint_report *r, const lint_source *src,
                           const char *const *names, size_t n)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < src->ncalls; i++)
        if (!declared(names, n, src->calls[i].name))
            rc |= lint_add(r, src->calls[i].line, LINT_ERROR,
                           LINT_CHECK_TABLES,
                           "table '%s' is used but not declared in "
                           "plan.tables", src->calls[i].name);
    for (i = 0; i < n; i++)
        if (find_name(src->literals, src->nliterals, names[i]) == NULL)
            rc |= lint_add(r, lint_source_decl_line(src, names[i]),
                           LINT_WARNING, LINT_CHECK_TABLES,
                           "table '%s' is declared in plan.tables but its "
                           "name never appears as a literal in the plan",
                           names[i]);
    return rc;
}

/* ---- check 7 ---------------------------------------------------------- */

int lint_check_step_claims(lint_report *r, const lint_source *src)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < src->nclaims; i++)
        rc |= lint_add(r, src->claims[i].line, LINT_WARNING, LINT_CHECK_STEPS,
                       "the step names table '%s' and a key but passes a "
                       "value of its own: the worksheet shows it as that "
                       "table's row, and the quote fails unless it is the "
                       "row's value; use base()/factor() for the row, or "
                       "leave out the table and key", src->claims[i].name);
    return rc;
}

/* sandbox_verify.c - proves from what Lua compiled, not from the source
 * text, that a plan's ticks bound every run of it.
 *
 * The ticks (sandbox_ticks.c) are placed by a scanner that reads the plan
 * as Lua text. Where it reads the text differently from Lua's lexer, a
 * loop could be left without a tick. So the ticks are trusted only once
 * the compiled chunk (lua_dump of Lua 5.4.4) shows that
 *   - the outer chunk is exactly the prelude (sandbox_prelude.c): code,
 *     constants and upvalues byte for byte those of the prelude compiled
 *     around an empty plan, and one nested function, the plan's: its text
 *     cannot have closed the wrapper and run code of its own there;
 *   - a tick is the exact ten instructions the prelude's tick compiles to,
 *     on the budget and tick function, found by following upvalues back
 *     to the prelude's locals (never by name), and no jump lands inside
 *     one;
 *   - the budget is written by ticks only;
 *   - in every function, every cycle of the control flow passes through
 *     a tick, and every function but the plan's main one begins with a
 *     tick, so recursion and callbacks through C tick too.
 * Then a run executes at most (longest path between two ticks) x 2
 * instructions per tick (every return matches a call, and every call
 * ticks), whatever the source looks like. A plan that fails any check is
 * still run, under the count hook from its first instruction.
 *
 * The same walk yields what freezing and the limits need to know about
 * the compiled plan: the names of the upvalues any function assigns
 * (SETUPVAL), the longest path between two ticks, its longest string
 * constant and whether one holds a NUL byte, and the most values a call
 * adds to the varargs it passes on (sandbox_limits.c). */
#include "sandbox_int.h"

#include <stdlib.h>
#include <string.h>

/* Lua 5.4's instruction set (lopcodes.h), the opcodes this file reads. */
enum {
    OP_LOADKX = 4, OP_LFALSESKIP = 6, OP_GETUPVAL = 9, OP_SETUPVAL = 10,
    OP_NEWTABLE = 19, OP_ADDI = 21, OP_SHLI = 33, OP_SHR = 45,
    OP_MMBINI = 47, OP_JMP = 56, OP_EQ = 57, OP_TESTSET = 67,
    OP_CALL = 68, OP_TAILCALL = 69, OP_RETURN = 70, OP_RETURN1 = 72,
    OP_FORLOOP = 73, OP_FORPREP = 74, OP_TFORPREP = 75, OP_TFORLOOP = 77,
    OP_SETLIST = 78, OP_VARARG = 80, OP_VARARGPREP = 81, NUM_OPCODES = 83
};
#define OP(i) ((int)((i) & 0x7F))
#define ARG_A(i) ((int)(((i) >> 7) & 0xFF))
#define ARG_K(i) ((int)(((i) >> 15) & 1))
#define ARG_B(i) ((int)(((i) >> 16) & 0xFF))
#define ARG_C(i) ((int)(((i) >> 24) & 0xFF))
#define ARG_BX(i) ((long)((i) >> 15))
#define ARG_SJ(i) ((long)(((i) >> 7) & 0x1FFFFFF) - 0xFFFFFF)
#define TICK_LEN 10 /* instructions of one tick */
#define MAX_NESTING 250 /* functions inside functions (Lua allows ~200) */

/* What an upvalue of a function is, traced back to the prelude. */
enum { UP_PLAN, UP_TICK, UP_BUDGET };

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

typedef struct verify {
    sbx_bytecode *out;
    unsigned char *scratch; /* per-instruction marks, grown as needed */
    int *dist;
    size_t cap;
} verify;

static size_t read_size(reader *r)
{
    size_t x = 0;
    int c;
    do {
        if (r->p >= r->end || x > (SIZE_MAX >> 7)) {
            r->bad = 1;
            return 0;
        }
        c = *r->p++;
        x = x << 7 | (size_t)(c & 0x7F);
    } while (!(c & 0x80));
    return x;
}

static const unsigned char *read_bytes(reader *r, size_t n)
{
    const unsigned char *at = r->p;
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    r->p += n;
    return at;
}

static int read_byte(reader *r)
{
    const unsigned char *b = read_bytes(r, 1);
    return b ? *b : 0;
}

/* A dumped string: its bytes and length; NULL for none (size 0). */
static const unsigned char *read_string(reader *r, size_t *len)
{
    size_t n = read_size(r);
    *len = n ? n - 1 : 0;
    return n ? read_bytes(r, n - 1) : NULL;
}

/* Instruction pc of a code vector (stored unaligned, native order). */
static uint32_t insn(const unsigned char *code, long pc)
{
    uint32_t i;
    memcpy(&i, code + pc * 4, 4);
    return i;
}

/* The header lua_dump writes in this process: signature, version 5.4,
 * format 0, LUAC_DATA, sizes of Instruction, lua_Integer and lua_Number,
 * then the test integer 0x5678 and the test number 370.5. */
static int header_ok(reader *r)
{
    static const unsigned char sig[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n"
                                       "\x04\x08\x08";
    lua_Integer i = 0x5678;
    lua_Number n = 370.5;
    const unsigned char *h = read_bytes(r, sizeof sig - 1 + 16);
    if (sizeof(lua_Integer) != 8 || sizeof(lua_Number) != 8)
        return 0;
    return h && memcmp(h, sig, sizeof sig - 1) == 0 &&
           memcmp(h + sizeof sig - 1, &i, 8) == 0 &&
           memcmp(h + sizeof sig + 7, &n, 8) == 0;
}

/* Whether code[pc..pc+10) is a tick: exactly what the prelude's
 *   _ratel_budget=_ratel_budget-1;if _ratel_budget<0 then
 *   _ratel_budget=_ratel_tick()end
 * compiles to in a function that reads both as upvalues:
 *   GETUPVAL a b; ADDI a a -1; MMBINI a 1 SUB; SETUPVAL a b;
 *   GETUPVAL a b; LTI a 0; JMP; GETUPVAL a t; CALL a 1 2;
 *   SETUPVAL a b
 * where every b is the budget and t the tick function. The JMP skips the
 * call: to the next instruction, or where a jump there would go (Lua
 * threads jumps to jumps); check_code checks where it lands. */
static int is_tick(const unsigned char *code, long n, long pc,
                   const unsigned char *role)
{
    static const int ops[TICK_LEN] = {OP_GETUPVAL, OP_ADDI, OP_MMBINI,
                                      OP_SETUPVAL, OP_GETUPVAL, 62 /* LTI */,
                                      OP_JMP, OP_GETUPVAL, OP_CALL,
                                      OP_SETUPVAL};
    static const int budget_at[] = {0, 3, 4, 9};
    uint32_t t[TICK_LEN];
    int k, a;
    if (pc + TICK_LEN >= n) /* a tick is followed by the code it guards */
        return 0;
    for (k = 0; k < TICK_LEN; k++) {
        t[k] = insn(code, pc + k);
        if (OP(t[k]) != ops[k])
            return 0;
    }
    a = ARG_A(t[0]);
    for (k = 0; k < TICK_LEN; k++)
        if (k != 6 && ARG_A(t[k]) != a)
            return 0;
    for (k = 0; k < 4; k++)
        if (role[ARG_B(t[budget_at[k]])] != UP_BUDGET)
            return 0;
    return ARG_B(t[1]) == a && ARG_C(t[1]) == 126 && !ARG_K(t[1]) &&
           ARG_B(t[2]) == 128 && ARG_C(t[2]) == 7 && !ARG_K(t[2]) &&
           ARG_B(t[5]) == 127 && ARG_C(t[5]) == 0 && !ARG_K(t[5]) &&
           role[ARG_B(t[7])] == UP_TICK &&
           ARG_B(t[8]) == 1 && ARG_C(t[8]) == 2;
}

/* The instructions that may run after the one at pc, at most 2 (more
 * than the VM takes is safe: the check only gets stricter). */
static int successors(uint32_t i, long pc, long *s)
{
    int op = OP(i);
    long next = pc + 1;
    switch (op) {
    case OP_JMP:
        s[0] = next + ARG_SJ(i);
        return 1;
    case OP_LOADKX:
    case OP_LFALSESKIP:
    case OP_NEWTABLE: /* skip their EXTRAARG (LFALSESKIP: the next one) */
        s[0] = pc + 2;
        return 1;
    case OP_SETLIST:
        s[0] = ARG_K(i) ? pc + 2 : next;
        return 1;
    case OP_RETURN:
    case 71:         /* RETURN0 */
    case OP_RETURN1:
        return 0;
    case OP_FORLOOP:
    case OP_TFORLOOP:
        s[0] = next;
        s[1] = next - ARG_BX(i);
        return 2;
    case OP_FORPREP:
        s[0] = next;
        s[1] = next + ARG_BX(i) + 1;
        return 2;
    case OP_TFORPREP:
        s[0] = next + ARG_BX(i);
        return 1;
    default:
        s[0] = next;
        /* tests skip the jump after them; arithmetic skips its MMBIN */
        if ((op >= OP_EQ && op <= OP_TESTSET) ||
            (op >= OP_ADDI && op <= OP_SHR)) {
            s[1] = pc + 2;
            return 2;
        }
        return 1;
    }
}

/* A call or return that passes on all of a function's varargs after
 * some values of its own (`f(a, b, ...)`, `return a, ...`) lets
 * recursion pile values up, that many more a level: the most of them
 * bounds what one instruction moving them costs (sandbox_limits.c). */
static void note_forward(verify *v, uint32_t prev, uint32_t i)
{
    int op = OP(i), own;
    if (OP(prev) != OP_VARARG || ARG_C(prev) != 0 || ARG_B(i) != 0 ||
        (op != OP_CALL && op != OP_TAILCALL && op != OP_RETURN))
        return;
    own = ARG_A(prev) - ARG_A(i) - (op == OP_RETURN ? 0 : 1);
    if (own > v->out->forward_values)
        v->out->forward_values = own;
}

static int grow_scratch(verify *v, size_t n)
{
    unsigned char *m;
    int *d;
    if (n <= v->cap)
        return 0;
    m = realloc(v->scratch, n);
    if (m)
        v->scratch = m;
    d = m ? realloc(v->dist, n * sizeof *d) : NULL;
    if (!d)
        return -1;
    v->dist = d;
    v->cap = n;
    return 0;
}

/* Marks in v->scratch: what each instruction is. */
enum { M_PLAIN = 0, M_TICK_START = 1, M_TICK_BODY = 2, M_SEEN = 4,
       M_DONE = 8 };

/* Checks one function's code (n instructions, upvalue roles in `role`):
 * ticks, budget writes, jumps, cycles, entry. Returns the longest run of
 * instructions between two ticks (ticks included), or -1 when the ticks
 * do not bound the function. Fills `written` with the upvalues it sets. */
static long check_code(verify *v, const unsigned char *code, long n,
                       const unsigned char *role, int is_main,
                       unsigned char *written)
{
    unsigned char *mark;
    int *dist;
    long pc, k, longest = 0, s[2], *stack;
    int ns, j;
    if (n <= 0 || grow_scratch(v, (size_t)n))
        return -1;
    mark = v->scratch;
    dist = v->dist;
    memset(mark, M_PLAIN, (size_t)n);
    for (pc = 0; pc < n; pc++) {
        uint32_t i = insn(code, pc);
        if (OP(i) >= NUM_OPCODES)
            return -1;
        if (OP(i) == OP_SETUPVAL)
            written[ARG_B(i)] = 1;
        if (pc > 0)
            note_forward(v, insn(code, pc - 1), i);
        if (mark[pc] == M_PLAIN && is_tick(code, n, pc, role)) {
            mark[pc] = M_TICK_START;
            for (k = 1; k < TICK_LEN; k++)
                mark[pc + k] = M_TICK_BODY;
        }
    }
    for (pc = 0; pc < n; pc++) {
        uint32_t i = insn(code, pc);
        if (mark[pc] == M_TICK_START)
            i = insn(code, pc + 6); /* a tick's only jump */
        else if (mark[pc] != M_PLAIN)
            continue;
        else if (OP(i) == OP_SETUPVAL && role[ARG_B(i)] != UP_PLAN)
            return -1; /* the budget or the tick set outside a tick */
        ns = successors(i, mark[pc] == M_TICK_START ? pc + 6 : pc, s);
        for (j = 0; j < ns; j++)
            if (s[j] < 0 || s[j] >= n || mark[s[j]] == M_TICK_BODY)
                return -1; /* out of the code, or into a tick's middle */
    }
    if (!is_main &&
        mark[0] != M_TICK_START &&
        !(OP(insn(code, 0)) == OP_VARARGPREP && n > 1 &&
          mark[1] == M_TICK_START))
        return -1;
    /* Depth-first over the instructions outside ticks (a tick ends every
     * path through it): a cycle there is a loop without a tick. dist[pc]
     * is the longest tick-free run from pc on. The explicit stack holds
     * pcs; dist doubles as the stack's storage until a pc is done. */
    stack = malloc((size_t)n * 3 * sizeof *stack); /* pushes: 1 + 2 each */
    if (!stack)
        return -1;
    for (pc = 0; pc < n; pc++) {
        long top = 0;
        if (mark[pc] != M_PLAIN)
            continue;
        stack[top++] = pc;
        while (top > 0) {
            long at = stack[top - 1];
            if (!(mark[at] & M_SEEN)) {
                mark[at] |= M_SEEN;
                ns = successors(insn(code, at), at, s);
                for (j = 0; j < ns; j++) {
                    if (mark[s[j]] & (M_TICK_START | M_TICK_BODY))
                        continue;
                    if ((mark[s[j]] & (M_SEEN | M_DONE)) == M_SEEN) {
                        free(stack);
                        return -1; /* back to a pc still open: a cycle */
                    }
                    if (!(mark[s[j]] & M_SEEN))
                        stack[top++] = s[j];
                }
                continue;
            }
            top--;
            if (mark[at] & M_DONE)
                continue;
            dist[at] = 1;
            ns = successors(insn(code, at), at, s);
            for (j = 0; j < ns; j++)
                if (mark[s[j]] & M_DONE && dist[s[j]] + 1 > dist[at])
                    dist[at] = dist[s[j]] + 1;
            mark[at] |= M_DONE;
            if (dist[at] > longest)
                longest = dist[at];
        }
    }
    free(stack);
    return longest + TICK_LEN;
}

static int check_function(verify *v, reader *r, const unsigned char *prole,
                          int parent_is_outer, int is_main, int depth);

/* Reads the constants of a function, noting its strings' lengths and NUL
 * bytes (they live as long as the plan does). */
static void read_constants(verify *v, reader *r)
{
    size_t n = read_size(r), k, len;
    for (k = 0; k < n && !r->bad; k++) {
        int tag = read_byte(r);
        const unsigned char *s;
        if (tag == 3 || tag == 19)                 /* integer, float */
            read_bytes(r, 8);
        else if (tag == 4 || tag == 20) {          /* short, long string */
            s = read_string(r, &len);
            if (len > v->out->longest_string)
                v->out->longest_string = len;
            if (s && memchr(s, 0, len))
                v->out->nul_strings = 1;
        } else if (tag != 0 && tag != 1 && tag != 17) /* nil, false, true */
            r->bad = 1;
    }
}

/* Reads the debug section; adds " name " to out->assigned for every
 * upvalue set in `written`. */
static void read_debug(verify *v, reader *r, const unsigned char *written,
                       size_t nups)
{
    size_t n, k, len;
    read_bytes(r, read_size(r));                     /* line info */
    for (n = read_size(r), k = 0; k < n && !r->bad; k++) {
        read_size(r);                                /* absolute lines */
        read_size(r);
    }
    for (n = read_size(r), k = 0; k < n && !r->bad; k++) {
        read_string(r, &len);                        /* local names */
        read_size(r);
        read_size(r);
    }
    n = read_size(r);
    if (n != nups && n != 0)
        r->bad = 1;
    for (k = 0; k < nups && !r->bad; k++) {
        const unsigned char *name = k < n ? read_string(r, &len) : NULL;
        if (!written[k])
            continue;
        if (!name) {
            v->out->all_assigned = 1;
            continue;
        }
        buf_put(v->out->assigned, (const char *)name, len);
        buf_putc(v->out->assigned, ' ');
    }
}

/* Checks one dumped function and those inside it. prole: the roles of
 * its parent's upvalues; parent_is_outer: the parent is the prelude with
 * ticks, whose registers 0 and 1 hold the tick function and the budget.
 * Returns 0, or -1 when the dump cannot be read. Sets out->ticks_hold
 * to 0 when a function's ticks do not bound it. */
static int check_function(verify *v, reader *r, const unsigned char *prole,
                          int parent_is_outer, int is_main, int depth)
{
    unsigned char role[256], written[256];
    const unsigned char *code, *ups;
    size_t len, n, nups, k;
    long longest;
    if (depth > MAX_NESTING)
        return -1;
    read_string(r, &len);           /* source */
    read_size(r);                   /* first and last line */
    read_size(r);
    read_bytes(r, 3);               /* parameters, vararg, stack size */
    n = read_size(r);
    if (n > (size_t)(r->end - r->p) / 4)
        return -1;
    code = read_bytes(r, n * 4);
    read_constants(v, r);
    nups = read_size(r);
    ups = nups <= 256 ? read_bytes(r, nups * 3) : NULL;
    if (r->bad || !ups)
        return -1;
    memset(role, UP_PLAN, sizeof role);
    memset(written, 0, sizeof written);
    for (k = 0; k < nups; k++) {
        int instack = ups[3 * k], idx = ups[3 * k + 1];
        if (instack && parent_is_outer)
            role[k] = idx == 0 ? UP_TICK : idx == 1 ? UP_BUDGET : UP_PLAN;
        else if (!instack && prole)
            role[k] = prole[idx];
    }
    longest = check_code(v, code, (long)n, role, is_main, written);
    for (k = 0; is_main && parent_is_outer && k < nups; k++)
        if (role[k] == UP_BUDGET)
            v->out->budget_up = (int)k + 1;
    if (longest < 0)
        v->out->ticks_hold = 0;
    else if (longest > v->out->longest_run)
        v->out->longest_run = longest;
    for (n = read_size(r), k = 0; k < n; k++)
        if (r->bad || check_function(v, r, role, 0, 0, depth + 1))
            return -1;
    read_debug(v, r, written, nups);
    return r->bad ? -1 : 0;
}

/* Reads a function's fields up to its nested functions (what the
 * prelude fixes); returns where they start, or NULL. Sets *code and *n
 * to its code. */
static const unsigned char *skip_to_protos(reader *r,
                                           const unsigned char **code,
                                           size_t *n)
{
    size_t k, len, nk;
    read_string(r, &len);
    read_size(r);
    read_size(r);
    read_bytes(r, 3);
    *n = read_size(r);
    if (*n > (size_t)(r->end - r->p) / 4)
        return NULL;
    *code = read_bytes(r, *n * 4);
    for (nk = read_size(r), k = 0; k < nk && !r->bad; k++) {
        int tag = read_byte(r);
        if (tag == 3 || tag == 19)
            read_bytes(r, 8);
        else if (tag == 4 || tag == 20)
            read_string(r, &len);
    }
    read_bytes(r, read_size(r) * 3);
    return r->bad ? NULL : r->p;
}

/* Whether the outer chunk dumped in a[0..end_a) is the prelude's, dumped
 * in b[0..end_b): the same bytes, but for the flag of a RETURN that says
 * whether the chunk's locals must be closed (they are when the plan's
 * function reads one, which the empty plan's does not). */
static int same_outer(const unsigned char *a, const unsigned char *code_a,
                      size_t n, const unsigned char *end_a,
                      const unsigned char *b, const unsigned char *code_b,
                      size_t nb, const unsigned char *end_b)
{
    size_t k;
    if (n != nb || code_a - a != code_b - b || end_a - a != end_b - b ||
        memcmp(a, b, (size_t)(code_a - a)) != 0)
        return 0;
    for (k = 0; k < n; k++) {
        uint32_t x = insn(code_a, (long)k), y = insn(code_b, (long)k);
        if (OP(x) == OP_RETURN)
            x &= ~((uint32_t)1 << 15), y &= ~((uint32_t)1 << 15);
        if (x != y)
            return 0;
    }
    k = (size_t)(end_a - (code_a + n * 4));
    return memcmp(code_a + n * 4, code_b + n * 4, k) == 0;
}

static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    buf_put(ud, p, sz);
    return ((buf *)ud)->oom;
}

/* The dump of the Lua function at idx, in b; 0 or -1. */
static int dump(lua_State *L, int idx, buf *b)
{
    buf_init(b);
    lua_pushvalue(L, idx);
    lua_dump(L, dump_writer, b, 0);
    lua_pop(L, 1);
    return b->oom || b->len == 0 ? -1 : 0;
}

int sbx_check_bytecode(lua_State *L, int f, int prelude, int ticked,
                       sbx_bytecode *out)
{
    buf mine, ref, *names = out->assigned;
    reader r, rr;
    const unsigned char *protos, *ref_protos, *code = NULL, *ref_code = NULL;
    size_t ncode = 0, ref_ncode = 0;
    verify v;
    int rc = -1;
    memset(out, 0, sizeof *out);
    out->assigned = names;
    buf_reset(names);
    buf_putc(names, ' ');
    out->ticks_hold = prelude && ticked;
    memset(&v, 0, sizeof v);
    v.out = out;
    buf_init(&ref);
    if (dump(L, f, &mine) || (prelude && dump(L, prelude, &ref)))
        goto done;
    r.p = (const unsigned char *)mine.data;
    r.end = r.p + mine.len;
    r.bad = 0;
#if LUA_VERSION_RELEASE_NUM != 50404
    out->ticks_hold = 0; /* the instruction set checked here is 5.4.4's */
#endif
    if (!header_ok(&r) || read_byte(&r) < 1)
        goto done;
    if (!prelude) { /* the plan's own chunk: nothing of the prelude */
        rc = check_function(&v, &r, NULL, 0, 1, 0);
        goto done;
    }
    rr.p = (const unsigned char *)ref.data;
    rr.end = rr.p + ref.len;
    rr.bad = 0;
    if (!header_ok(&rr) || read_byte(&rr) != r.p[-1])
        goto done;
    protos = skip_to_protos(&r, &code, &ncode);
    ref_protos = skip_to_protos(&rr, &ref_code, &ref_ncode);
    if (!protos || !ref_protos ||
        !same_outer((const unsigned char *)mine.data, code, ncode, protos,
                    (const unsigned char *)ref.data, ref_code, ref_ncode,
                    ref_protos) ||
        read_size(&r) != 1)
        goto done; /* the outer chunk is not the prelude's alone */
    rc = check_function(&v, &r, NULL, ticked, 1, 1);
done:
    if (rc)
        out->ticks_hold = 0;
    if (names->oom)
        out->all_assigned = 1;
    free(v.scratch);
    free(v.dist);
    buf_free(&mine);
    buf_free(&ref);
    return rc;
}

/* sandbox_limits.c - the instruction and time limits of a run (a quote,
 * a menu's shared(d) or option, or a plan's load).
 *
 * A run reads the clock, and counts, at these points:
 *   - the ticks: a plan whose ticks are proved (sandbox_verify.c) calls
 *     sbx_tick once it has taken sbx_plan.chunk steps, which is at most
 *     SBX_UNCOUNTED instructions (every step runs at most the plan's
 *     longest tick-free run, and every return matches a call, which is a
 *     step); sbx_tick reads the clock and gives the budget again, charged
 *     SBX_UNCOUNTED, a few times (may_refill), then turns on the hook;
 *   - the hook: every SBX_HOOK_STEP instructions it counts them and
 *     reads the clock (from the start for a plan whose ticks are not
 *     proved);
 *   - the charges: C functions charge the work they do (sbx_charge), and
 *     the clock is read once SBX_CLOCK_WORK was charged since the last
 *     reading.
 * That bounds the time between two readings when instructions are cheap,
 * as they are with short strings and few values. A VM instruction can
 * cost far more: comparing two strings runs strcoll once per NUL byte;
 * turning a string into a number, or passing a long list of values, is
 * linear. So the run's worst instruction is estimated from what it holds
 * (instruction_ns: its longest string, NUL bytes, values, memory), and
 * once SBX_UNCOUNTED of them could outlast SBX_SLICE_NS the run is heavy:
 * its hook runs from then on, every so many instructions that their
 * worst case stays within SBX_SLICE_NS. Strings are capped at
 * SBX_MAX_STRING (sandbox_alloc.c), so one instruction stays within a
 * few milliseconds.
 *
 * A limit passed is sticky: the hook then fails every instruction, so a
 * pcall that catches the error cannot carry on. */
#include "sandbox_int.h"

#include <math.h>

int sbx_past_deadline(const sbx *s)
{
    struct timespec now;
    if (!s->lim.max_milliseconds)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > s->deadline.tv_sec ||
           (now.tv_sec == s->deadline.tv_sec &&
            now.tv_nsec >= s->deadline.tv_nsec);
}

void sbx_mark_trip(sbx *s, int kind)
{
    if (s->tripped == SBX_TRIP_NONE) {
        s->tripped = kind;
        sbx_arm_hook(s);
    }
}

int sbx_trip(lua_State *L, int kind)
{
    static const char *const what[] = {"", "instruction", "time", "memory",
                                       "string length"};
    sbx *s = sbx_of(L);
    sbx_mark_trip(s, kind);
    return luaL_error(L, "%s limit exceeded", what[s->tripped]);
}

/* Checks the instruction count and, every `clock` calls, the deadline. */
static void check(lua_State *L, sbx *s, int clock)
{
    if (s->tripped != SBX_TRIP_NONE)
        sbx_trip(L, s->tripped);
    if (s->lim.max_instructions && s->instructions > s->lim.max_instructions)
        sbx_trip(L, SBX_TRIP_INSTRUCTIONS);
    if (clock && sbx_past_deadline(s))
        sbx_trip(L, SBX_TRIP_TIME);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    sbx *s = sbx_of(L);
    (void)ar;
    if (!s->in_quote)
        return;
    if (s->counting)
        s->instructions += (uint64_t)s->hook_period;
    check(L, s, 1);
}

/* The most one VM instruction can take in the run, in nanoseconds on
 * this project's machine (measured: bench/README.md): a string operation
 * 3 ns a byte of the longest string (converting it to a number, hashing a
 * new one), 8 with NUL bytes (strcoll once per NUL); moving values 2 ns
 * each. A call passes at most 255 values it names, the most values one C
 * function returned, or what recursion piles up: when each level adds f
 * values to the varargs it passes on (sbx_plan.forward_values), v values
 * need v^2 / 2f stack slots of 16 bytes in the run's memory. (Table
 * operations cost more only when they resize, at most once per doubling:
 * amortized.) */
static uint64_t cost_ns(size_t longest_string, int nul_strings,
                        double values)
{
    if (values < 255)
        values = 255;
    return (uint64_t)longest_string * (nul_strings ? 8 : 3) +
           2 * (uint64_t)values + 1;
}

static uint64_t instruction_ns(const sbx *s)
{
    size_t memory = s->used > s->quote_base ? s->used - s->quote_base : 0;
    double values = s->forward_values
                        ? sqrt((double)s->forward_values * (double)memory / 8)
                        : 0;
    if ((double)s->most_values > values)
        values = (double)s->most_values;
    return cost_ns(s->longest_string, s->nul_strings, values);
}

void sbx_arm_hook(sbx *s)
{
    uint64_t k = SBX_SLICE_NS / instruction_ns(s);
    int period = s->tripped != SBX_TRIP_NONE ? 1
                 : s->heavy ? (k < 1 ? 1 : k > SBX_HOOK_STEP ? SBX_HOOK_STEP
                                                           : (int)k)
                 : s->counting ? SBX_HOOK_STEP : 0;
    if (period == s->hook_period || !s->L)
        return;
    /* safe from anywhere, the allocator included: Lua's hook machinery
       is made to be set asynchronously */
    lua_sethook(s->L, period ? count_hook : NULL,
                period ? LUA_MASKCOUNT : 0, period);
    s->hook_period = period;
}

/* Whether what the run holds now makes it heavy (with a time limit).
   light: the uncounted instructions at their worst fit in a slice; the
   count alone needs no more than the usual hook */
static int sbx_is_heavy(const sbx *s)
{
    return s->lim.max_milliseconds &&
           instruction_ns(s) * SBX_UNCOUNTED > SBX_SLICE_NS;
}

void sbx_grew(sbx *s)
{
    size_t memory = s->used > s->quote_base ? s->used - s->quote_base : 0;
    if (memory > s->peak)
        s->peak = memory;
    s->next_look = s->used + (memory > 1024 ? memory : 1024);
    if (sbx_is_heavy(s))
        s->heavy = 1;
    if (s->heavy)
        sbx_arm_hook(s);
}

int sbx_state_is_heavy(const sbx *s, size_t longest_string, int nul_strings)
{
    return s->lim.max_milliseconds &&
           cost_ns(longest_string, nul_strings, 0) * SBX_UNCOUNTED >
               SBX_SLICE_NS;
}

void sbx_note_nul(lua_State *L)
{
    sbx *s = sbx_of(L);
    if (s->in_quote && !s->nul_strings) {
        s->nul_strings = 1;
        sbx_grew(s);
    }
}

void sbx_note_values(lua_State *L, size_t n)
{
    sbx *s = sbx_of(L);
    if (s->in_quote && n > s->most_values) {
        s->most_values = n;
        sbx_grew(s);
    }
}

/* Adds `work` to what was done since the clock was last read (and, when
 * `counted`, to the instruction count); checks the limits. */
static void add_work(lua_State *L, size_t work, int counted)
{
    sbx *s = sbx_of(L);
    int clock;
    if (!s->in_quote)
        return;
    if (counted)
        s->instructions += work;
    s->unclocked += work;
    clock = s->unclocked >= SBX_CLOCK_WORK;
    if (clock)
        s->unclocked = 0;
    check(L, s, clock);
}

void sbx_charge(lua_State *L, size_t work)
{
    add_work(L, work, 1);
}

void sbx_press_clock(lua_State *L, size_t work)
{
    add_work(L, work, 0);
}

/* Whether sbx_tick may give a light run its budget of steps again rather
 * than turn the counting hook on (with which Lua calls the hook at every
 * VM instruction). Each budget runs at most SBX_UNCOUNTED instructions
 * and is charged that in advance, so the count stays above what ran; the
 * clock is read at every tick, so its readings are as far apart as in
 * the first budget. Budgets are given again while their charges stay
 * within a sixteenth of the instruction limit (38 budgets at the default
 * 10,000,000), so that charging the worst case, many times what a
 * budget of a rating plan runs, costs a plan near its limit little. */
static int may_refill(const sbx *s)
{
    return !s->heavy &&
           s->instructions + SBX_UNCOUNTED <= s->lim.max_instructions / 16;
}

int sbx_tick(lua_State *L)
{
    sbx *s = sbx_of(L);
    if (!s->in_quote) {
        lua_pushinteger(L, LUA_MAXINTEGER / 2);
        return 1;
    }
    check(L, s, 1);
    if (!s->lim.max_instructions) { /* the deadline alone: come back */
        lua_pushinteger(L, s->chunk - 1);
        return 1;
    }
    if (may_refill(s)) { /* the next budget, at its worst, in advance */
        s->refills++;
        s->instructions += SBX_UNCOUNTED;
        lua_pushinteger(L, s->chunk - 1);
        return 1;
    }
    s->counting = 1; /* the hook checks the deadline from now on */
    sbx_arm_hook(s);
    lua_pushinteger(L, LUA_MAXINTEGER / 2);
    return 1;
}

void sbx_start_clock(sbx *s)
{
    uint32_t ms = s->lim.max_milliseconds;
    clock_gettime(CLOCK_MONOTONIC, &s->deadline);
    s->deadline.tv_sec += ms / 1000;
    s->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (s->deadline.tv_nsec >= 1000000000L) {
        s->deadline.tv_sec++;
        s->deadline.tv_nsec -= 1000000000L;
    }
}

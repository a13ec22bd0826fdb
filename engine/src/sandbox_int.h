/* sandbox_int.h - private to the sandbox room (sandbox*.c). */
#ifndef RATEL_SANDBOX_INT_H
#define RATEL_SANDBOX_INT_H

#include <lua.h>
#include <lauxlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "sandbox.h"

#define SBX_POOL_LARGEST 256 /* largest block kept for reuse, bytes */
#define SBX_POOL_CLASSES (SBX_POOL_LARGEST / 16)
#define SBX_POOL_BYTES ((size_t)1 << 20) /* kept at most, per interpreter */

/* A plan loaded in this interpreter: compiled, its top level run once,
 * its state frozen (sandbox_freeze.c). */
#define SBX_TEXT_CACHE 128   /* strings sbx_check_text remembers */

typedef struct sbx_plan {
    int chunk_ref;           /* the compiled main chunk, LUA_NOREF if not yet */
    int env_ref;             /* its globals after the top level ran (frozen) */
    int record_ref;          /* its upvalues, to put back before each quote */
    int nrecorded;           /* how many upvalues that record holds */
    int frozen_ref;          /* what the freeze visited: its closures (and
                                tables, upvalue ids) are keys */
    int quote_mt_ref;        /* metatable of a quote's globals: reads fall
                                through to the plan's globals and the
                                sandbox's, merged in one frozen table */
    int quote_env_ref;       /* a quote's globals, reused while empty */
    int env_up;              /* index of _ENV among the chunk's upvalues */
    int budget_up;           /* index of _ratel_budget, 0 when the plan's
                                ticks are not proved (then the count hook
                                runs) */
    int all_assigned;        /* restore every upvalue, not only those in
                                sbx.names when the plan was loaded */
    int rate_ref, shared_ref; /* rate(d, s) and the optional shared(d) */
    int group_ref;           /* the optional rate_group(d, members) */
    lua_Integer chunk;       /* steps before its first call of sbx_tick:
                                at most SBX_UNCOUNTED instructions */
    size_t longest_string;   /* what its loaded state may hold, bytes */
    int nul_strings;         /* ... and whether a string holds a NUL */
    int forward_values;      /* sbx_bytecode.forward_values */
    int heavy;               /* its loaded state alone makes a run heavy */
    const char **tnames;     /* interned names of the declared tables */
    size_t ntables;
    int names_ref;           /* anchors the interned names */
} sbx_plan;

/* A flags or set field of the document (d.controls, d.certifications)
 * that total() sums from the C declaration instead of its Lua table. */
#define SBX_MAX_DECL_SETS 8
typedef struct sbx_decl_set {
    const void *proxy;           /* lua_topointer of its read-only proxy */
    int node;                    /* its schema node */
    const char *const *names;    /* its codes */
    int n;                       /* codes in it (at most 64) */
    unsigned char order[64];     /* code indices in pairs() order */
    const tbl_table *table;      /* the table `values` come from, if any */
    double values[64];           /* that table's value for each code */
    uint64_t has_row;            /* bit i: names[i] has a row in it */
} sbx_decl_set;

/* The tables of a schema's declarations in one interpreter
 * (sandbox_decl.c). */
/* A list of the document as its tables show it: how many items it shows
 * and has tables for, and for lists whose items hold no text and no list
 * the items' slots (sandbox_decl.c). */
typedef struct sbx_list_shown {
    decl_slot *items;            /* `valid` items' slots, one after another */
    size_t cap, valid;
    size_t shown, made;          /* items in the list, item tables made */
} sbx_list_shown;

typedef struct sbx_view {
    const sch_schema *schema;
    int ref;                     /* its private table W */
    int proxy_ref;               /* the document's proxy, handed to rate() */
    const void *proxy;           /* ... its address (lua_topointer) */
    int coverages_ref;           /* the proxy of d.coverages, LUA_NOREF when
                                    the schema has no coverages role */
    int hidden_ref;              /* what d.coverages reads as in shared(d):
                                    an object every use of which raises */
    int key_base, meta_base, pool_base; /* indices in W */
    int *code_base;              /* per code list: index in W of code 0 */
    const char **keys;           /* per node: its key as the interned Lua
                                    string W holds (compared by address) */
    decl_slot *shown;            /* the document's slots as shown now
                                    (a text slot: the declaration's) */
    size_t *shown_at;            /* per text slot: its text in shown_text */
    int *run_end;                /* per slot of the document: where the
                                    run of value slots of one object that
                                    starts there ends (0: none starts) */
    int *visit;                  /* the document's slots fill_record
                                    looks at: runs (visit[k] to
                                    run_end[visit[k]]) and single slots */
    int nvisit;
    int *texts;                  /* the document's text slots */
    int ntexts;
    int *list_slots;             /* the document's list slots plans see */
    int nlist_slots;
    struct sbx_list_shown *lists; /* per node: a list of the document's
                                    items as their tables show them */
    buf shown_text;              /* their texts */
    int shown_valid;             /* `shown` is what the tables show */
    int frozen;                  /* the fixed key orders are made */
} sbx_view;

#define SBX_DATE_CACHE 1024

/* A plan interpreter, and the state of its current run: a quote, a
 * menu's shared(d) or option, a group's rate_group(d, members), or a
 * plan's load (its compilation and top level). */
struct sbx {
    lua_State *L;
    plan_limits lim;
    struct timespec deadline; /* of the current run, if limited */
    size_t used;             /* bytes the interpreter holds now */
    size_t quote_base;       /* `used` when the current run started */
    size_t peak;             /* most bytes above quote_base in the run */
    void *pool[SBX_POOL_CLASSES]; /* freed small blocks, by 16-byte class */
    size_t pooled;           /* bytes kept there */
    int in_quote;            /* a run is going on: limits apply */
    int fresh;               /* nothing ran here but the loading of the
                                plan being run (sandbox_run.c) */
    int tripped;             /* SBX_TRIP_*: a limit passed; the hook then
                                fails every instruction */
    int mem_refused;         /* the allocator refused once; Lua collects
                                garbage and asks again */
    uint64_t instructions;   /* counted by the hook and charged by C
                                functions, per run */
    uint64_t unclocked;      /* charged since the clock was last read */
    lua_Integer chunk;       /* the run's plan's sbx_plan.chunk */
    int counting;            /* the hook counts instructions */
    int refills;             /* step budgets given again by sbx_tick, each
                                charged SBX_UNCOUNTED in advance */
    int hook_period;         /* instructions between two hook calls, 0
                                when there is no hook */
    int heavy;               /* one instruction may cost much
                                (sbx_is_heavy): the hook reads the clock
                                every hook_period instructions, set by
                                what they may cost */
    size_t longest_string;   /* longest string made in the run or held by
                                the plan's state, bytes */
    int nul_strings;         /* a string with a NUL byte may exist */
    size_t most_values;      /* most results one C function returned */
    int forward_values;      /* the run's plan's sbx_plan.forward_values */
    size_t next_look;        /* sbx_grew() again when `used` is this */
    int again;               /* the run ended near a limit where the
                                interpreter's past could matter */
    ratel_err *run_err;      /* where the current run's error goes */
    int meta_rc;             /* what reading a plan's metadata gave */
    int env_mt_ref;          /* metatable of a per-quote environment */
    buf names;               /* upvalue names the plan being loaded may
                                assign (sandbox_verify.c) */
    const char *text_cache[SBX_TEXT_CACHE]; /* sbx_check_text's */
    int text_cache_ref;      /* the table anchoring those strings */
    /* the declaration's tables (sandbox_decl.c), one view per schema */
    sbx_view *views;
    size_t nviews;
    sbx_view *view;          /* of the declaration shown last */
    int maps_ref;            /* map() results by table version and column */
    sbx_decl_set decl_sets[SBX_MAX_DECL_SETS]; /* of `view` */
    int ndecl_sets;
    int date_cache_ref;      /* date texts, by day modulo SBX_DATE_CACHE */
    /* per-plan compiled state, indexed by plan_def.index */
    sbx_plan *plans;
    size_t nplans;
    /* the quote being rated (NULL outside sbx_rate) */
    rate_result *res;
    const plan_def *plan;
    const tbl_table *const *tables;
    const struct ratel_decl *decl;
    const struct ratel_decl *menu_decl; /* a menu's: its start's */
    group_members *group;    /* the companies, while rate_group runs */
    const char *chunkname;   /* of the plan running, for error lines */
    const char *stack_base;  /* C stack address when the quote began */
    /* a menu: shared(d) once for several options */
    int shared_ref;          /* what shared(d) returned */
    int in_shared;           /* inside shared(d): lookups only */
    int coverages_hidden;    /* d.coverages reads as view->hidden_ref */
    size_t menu_options;     /* how many options share it */
    const int *changed;      /* the slots an option changed, or NULL */
    size_t nchanged;
    rate_result shared_res;  /* what shared(d) looked up */
    int own_shared;          /* this option changes more than coverages:
                                its own shared(d), no blocks */
    /* sandbox_blocks.c: the menu's shared_steps() blocks */
    struct sbx_blocks *blocks; /* NULL until one is recorded */
    int blocks_on;           /* this option records and replays them */
    size_t blocks_replayed;  /* in this menu so far (tests, benchmarks) */
    int globals_set;         /* the run has set a global (its __newindex) */
    int shared_holds_document; /* the menu's shared(d) returned d in it */
    int in_block;            /* inside shared_steps(fn): fn running */
    uint64_t block_tables;   /* the tables used since fn began */
    int err_line;
    /* sandbox_decl.c: the day whose text each slot of its date cache
     * holds (INT32_MIN: none) */
    int32_t date_days[SBX_DATE_CACHE];
    /* sandbox_text.c: when each text_cache entry was last used (on
       text_clock), to evict the least recently used of its set */
    uint32_t text_used[SBX_TEXT_CACHE];
    uint32_t text_clock;
    /* sandbox_api.c: a guess of the plan.tables index of a table name,
       by the address of the (interned) name a plan passes */
    unsigned char table_hint[64];
    /* sandbox_api.c: "policy" and the coverage names cover() got, known
       by address (short strings are interned), anchored by api_names_ref */
    const char *policy_name;
    const rate_result *cov_res;   /* the result cov_names are for */
    const char *cov_names[RES_MAX_COVERAGES];
    int api_names_ref;
    /* sandbox_api.c: registry references to the first maps map() made,
       by their key in the maps_ref table (table values + column) */
    struct { const void *key; int ref; } map_refs[16];
    size_t nmap_refs;
};

#define SBX_MAX_STEPS 10000  /* worksheet steps (and reasons) in one quote */
#define SBX_MAX_PRELUDE 150  /* sandbox globals made constant locals */
#define SBX_HOOK_STEP 1000   /* instructions between two hook calls */
#define SBX_UNCOUNTED 16384  /* instructions a run takes, at most, before
                                the hook counts them and reads the clock */
#define SBX_MAX_STRING ((size_t)1 << 20) /* longest string a plan makes */
#define SBX_SLICE_NS 40000000 /* worst-case nanoseconds of instructions
                                between two readings of the clock */
#define SBX_CLOCK_WORK 50000 /* work charged between readings of the clock */
#define RO_MARK "__ratel_readonly" /* metatable field of read-only proxies */
#define KEYS_MARK "__ratel_keys"   /* pairs() over their frozen keys */
#define SBX_MAX_C_STACK ((size_t)96 << 10) /* C stack a quote may use */
enum { SBX_TRIP_NONE, SBX_TRIP_INSTRUCTIONS, SBX_TRIP_TIME,
       SBX_TRIP_MEMORY, SBX_TRIP_STRING };

static inline sbx *sbx_of(lua_State *L)
{
    return *(sbx **)lua_getextraspace(L);
}

/* Frees the interpreter and makes a new one with the same limits: every
 * plan loaded and every cache goes, and the memory with them. 0, or -1
 * when out of memory (s->L is then NULL, and every run fails). */
int sbx_reset(sbx *s);

/* Pushes the base environment of plans: allowed base functions and the
 * libraries as read-only proxies (sandbox_lib.c). */
void sbx_open_libs(lua_State *L);

/* Registers yen() and the date helpers into the table on top. */
void sbx_helpers_register(lua_State *L);

/* Registers the plan API (lookup, steps, underwriting, dates) into the
 * table at the top of the stack. */
void sbx_api_register(lua_State *L);

/* shared_steps() (sandbox_blocks.c): registers it in the table on top. */
typedef struct sbx_blocks sbx_blocks;
void sbx_blocks_register(lua_State *L);
/* Frees the menu's blocks (at its end, or when the interpreter goes). */
void sbx_blocks_free(sbx *s);
/* Raises: fname() was called inside shared_steps(fn). */
void sbx_in_block(lua_State *L, const char *fname);
/* pcall(f, ...) as Lua's; an error it catches also ends what began
 * inside it: shared_steps(fn) running, d.coverages hidden. */
int sbx_pcall(lua_State *L);
static inline void sbx_no_block(lua_State *L, const char *fname)
{
    if (sbx_of(L)->in_block)
        sbx_in_block(L, fname);
}
/* The index of the coverage named `name` in r, or RES_POLICY for
 * "policy"; raises for a coverage cover() did not declare. */
int sbx_coverage_named(lua_State *L, const rate_result *r,
                       const char *name);
/* Applies a recorded step st to coverage cov of r as the step taken
 * would be (sandbox_api.c); raises as that step would. Its label, table,
 * key and coverage name are offsets into `text`, each text with its
 * length in the 4 bytes before it (sandbox_blocks.c). */
void sbx_replay_step(lua_State *L, rate_result *r, const res_step *st,
                     const char *text, int cov);
/* The length of a text a block keeps at `off` of `text`. */
static inline size_t sbx_kept_len(const char *text, uint32_t off)
{
    uint32_t n;
    memcpy(&n, text + off - sizeof n, sizeof n);
    return n;
}
/* Raises the memory limit when r and the run's Lua values pass it. */
void sbx_charge_result(lua_State *L, const rate_result *r);

/* A registry reference to a new metatable whose reads fall through to the
 * table at idx (writes land in the table it is set on). */
int sbx_ref_fallthrough(lua_State *L, int idx);

/* A read-only proxy for the table at the top of the stack (replaced by
 * the proxy). Writes raise an error; # and the ordered pairs see through. */
void sbx_make_readonly(lua_State *L);

/* sandbox_costs.c: wraps the functions of library `lib` ("string",
 * "utf8", "table", or "" for the base functions) in the table on top of
 * the stack so that each charges the run for its work. */
void sbx_charge_library(lua_State *L, const char *lib);

/* sandbox_pairs.c: pairs(t), in the order of its keys alone (numbers by
 * value, strings, false, true); other keys are an error. */
int sbx_pairs(lua_State *L);
/* Pushes the table to iterate for the value at idx: the real table behind
 * a read-only proxy, or the value itself. */
void sbx_push_iterable(lua_State *L, int idx);

/* Pushes the keys of the table or read-only proxy at idx as a list, in
 * the order pairs() visits them, then the table holding their values
 * (the real table behind a proxy). Raises on keys pairs() cannot order. */
void sbx_push_ordered(lua_State *L, int idx);

/* Sorts the keys of the proxy at `proxy` once and keeps them, so pairs()
 * on it need not sort again. Only for tables whose keys never change. */
void sbx_freeze_keys(lua_State *L, int proxy);

/* Freezes the plan state reachable from the globals table at `env` (after
 * the plan's top level ran): tables become read-only proxies, upvalues are
 * recorded, except those whose id is a key of the set at `skip` (they
 * cannot change) and those whose name is not in `assigned` (" a b ", the
 * names the plan may assign to; NULL: all may be). Pushes the set of
 * what it visited (every frozen closure a key), then the record for
 * sbx_restore_plan. Raises on a table with table or function keys. */
void sbx_freeze_plan(lua_State *L, int env, int skip, const char *assigned);
/* Puts back every upvalue in the record at `record`. */
void sbx_restore_plan(lua_State *L, int record);
/* Replaces the table on top, what shared(d) returned for a menu, by its
 * read-only form, deeply: an option cannot change what the next one (or
 * a block replayed in it) reads. Raises on a function in it. Returns
 * whether it holds the declaration d (then no block is replayed: a
 * block could read d.coverages through it). */
int sbx_freeze_data(lua_State *L);

/* sandbox_load.c: the plan's slot in this interpreter, made on first
 * use (a Lua error when out of memory). */
sbx_plan *sbx_plan_slot(lua_State *L, sbx *s, const plan_def *p);
/* The main of a plan's load run: compiles s->plan, runs its top level
 * once, checks it defines rate(d) and freezes its state. */
int sbx_load_main(lua_State *L);
/* Gives the loaded plan fresh globals and its upvalues as loaded, and
 * arms the run's limits. */
void sbx_fresh_state(lua_State *L, sbx_plan *sp);

/* sandbox_run.c: the message handler of runs (keeps the error text and
 * finds the plan's line). */
int sbx_on_error(lua_State *L);
/* sandbox_meta.c: reads the plan's global `plan` from its globals at
 * stack index 1 into p; RATEL_OK or the error, set on e. */
int sbx_read_meta(lua_State *L, plan_def *p, ratel_err *e);

/* Pushes the read-only list of a group's companies for rate_group
 * (sandbox_group.c). */
void sbx_push_members(lua_State *L, const group_members *g);
/* Registers exclude() and allocate_by() into the table on top. */
void sbx_group_register(lua_State *L);
/* sandbox_attr.c: attribute(name, value) into the table at the top. */
void sbx_attr_register(lua_State *L);

/* Declaration tables: created once per schema, refreshed per quote. */
int sbx_decl_setup(sbx *s);
void sbx_decl_push(sbx *s, const struct ratel_decl *d);
/* Hides (hide 1) or shows again (0) d.coverages of the declaration shown:
 * hidden, any use of it raises, naming shared(d), or shared_steps() while
 * a block given d runs. A menu computes shared(d) once, and replays a
 * block, for options that change the coverages, so neither may read
 * them; hidden in every quote, so a single quote refuses what a menu
 * would price wrong. Nothing when the schema has no coverages. Allocates
 * nothing. */
void sbx_decl_hide_coverages(sbx *s, int hide);
/* Whether the table at idx is a proxy of the declaration's coverages
 * (d.coverages or a table under it). */
int sbx_decl_is_coverage(lua_State *L, int idx);
/* Whether the value at idx is the declaration's proxy d. */
int sbx_decl_is_document(lua_State *L, int idx);
/* The same when only the document slots `slots` (n of them; scalars,
 * flags and sets) may differ from what the tables show. */
void sbx_decl_push_slots(sbx *s, const struct ratel_decl *d,
                         const int *slots, size_t n);
void sbx_decl_views_free(sbx *s);

/* What the compiled code of a plan shows (sandbox_verify.c). */
typedef struct sbx_bytecode {
    int ticks_hold;        /* its ticks bound every loop and every call */
    int budget_up;         /* the budget's upvalue of its main function */
    long longest_run;      /* most instructions between two ticks */
    size_t longest_string; /* its longest string constant, bytes */
    int nul_strings;       /* a string constant holds a NUL byte */
    int forward_values;    /* most values of its own a call or return
                              adds to all of a function's varargs */
    buf *assigned;         /* the caller's: " a b ", the names of the
                              upvalues some function of it sets */
    int all_assigned;      /* one without a name: assume all are */
} sbx_bytecode;

/* Checks the compiled chunk at f: with `prelude` (the prelude compiled
 * around an empty plan, same chunk name) it must be that prelude around
 * one function, and with `ticked` the ticks must bound every function;
 * with prelude 0 it is the plan's own chunk (its ticks are not trusted).
 * Fills *out (out->assigned must point to a buffer, reset here). Returns
 * 0, or -1 when f is not the prelude's alone or cannot be read. Raises
 * no Lua error. */
int sbx_check_bytecode(lua_State *L, int f, int prelude, int ticked,
                       sbx_bytecode *out);

/* sandbox_prelude.c: pushes the plan's main function, compiled so that it
 * reads the sandbox's globals as constant upvalues and, when the engine
 * has limits, counts its steps (sandbox_ticks.c); or as written when that
 * cannot be done (the plan assigns to one of those names, has too many
 * top-level locals, or its text does not stay inside the prelude's
 * function). Raises the plan's syntax error as Lua reports it, and an
 * error on a name reserved for the engine. Fills *bc from the compiled
 * code (bc->ticks_hold only when the ticks were proved). Returns the
 * index of the function's _ENV upvalue. */
int sbx_compile_plan(lua_State *L, sbx *s, const plan_def *p,
                     sbx_bytecode *bc);
/* Pushes the set {upvalue id = true} of the constants the prelude gives
 * the plan's main function at `f`: no quote can change them. */
void sbx_push_prelude_ids(lua_State *L, int f);
/* The bits of the set of the declaration being rated (one of
 * s->decl_sets): bit i is true for set->names[i]. */
uint64_t sbx_decl_set_bits(const sbx *s, const sbx_decl_set *set);

/* 1 when s[0..len) is well-formed UTF-8 without NUL bytes. */
int sbx_clean_utf8(const char *s, size_t len);
/* The string argument `arg` as text a plan hands to the quote: not
 * empty, at most `max` bytes of UTF-8 without NUL or control characters
 * other than tab and newline, so every output stays valid; else a Lua
 * error naming `what`. Strings that passed are remembered (a few, by
 * address, anchored), so a label passed again is not scanned again. */
const char *sbx_check_text(lua_State *L, int arg, size_t *len, size_t max,
                           const char *what);
/* 1 when sbx_check_text would accept the string s (len bytes). */
int sbx_text_valid(const char *s, size_t len, size_t max);
/* Replaces control characters and bytes of invalid UTF-8 in a NUL-
 * terminated message by '?', in place, so errors print and serialise. */
void sbx_clean_message(char *msg);

/* sandbox_alloc.c: the lua_Alloc of the interpreter (ud is the sbx), and
 * the release of the blocks it keeps for reuse (after lua_close). */
void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void sbx_pool_free(sbx *s);

/* Raises a Lua error when the quote has used too much C stack. */
void sbx_check_c_stack(lua_State *L);

/* sandbox_limits.c: the instruction and time limits of a run. */

/* Sets the hook as the run's state asks: none, every SBX_HOOK_STEP
 * instructions while counting, more often in a heavy run, at every
 * instruction once a limit is passed. */
void sbx_arm_hook(sbx *s);
/* Marks limit `kind` as passed (the hook then fails every instruction,
 * so pcall cannot swallow it). sbx_trip also raises its error. */
void sbx_mark_trip(sbx *s, int kind);
int sbx_trip(lua_State *L, int kind);
/* Charges `work` (about one VM instruction's worth each) done by a C
 * function to the run's instruction count, reads the clock when enough
 * has been charged since it was last read, and raises the error of a
 * limit passed. Call it before the work. */
void sbx_charge(lua_State *L, size_t work);
/* The same for work whose cost is only a bound far above what it usually
 * takes (a pattern's worst case): it brings the next reading of the
 * clock nearer, but does not count as instructions. SBX_CLOCK_WORK reads
 * the clock now. */
void sbx_press_clock(lua_State *L, size_t work);
/* Called when the run's memory, longest string or most values grew: the
 * run turns heavy once what one instruction may cost, times
 * SBX_UNCOUNTED, passes SBX_SLICE_NS, and its hook period then follows
 * that cost. */
void sbx_grew(sbx *s);
/* Whether a plan's loaded state, strings up to longest_string bytes
 * (with NUL bytes or not), makes every run of it heavy. */
int sbx_state_is_heavy(const sbx *s, size_t longest_string, int nul_strings);
/* A C function made a string that may hold NUL bytes. */
void sbx_note_nul(lua_State *L);
/* A C function returned n values. */
void sbx_note_values(lua_State *L, size_t n);
/* 1 when the run has a deadline and it has passed. */
int sbx_past_deadline(const sbx *s);

/* _ratel_tick(): called by a plan's ticks after sbx_plan.chunk steps
 * (sandbox_ticks.c). Checks the deadline; gives the budget of steps again,
 * charged at its worst, while those charges stay within a sixteenth of
 * the instruction limit, then turns the counting hook on; raises the error of a limit passed. Returns the budget of
 * steps until the next call. */
int sbx_tick(lua_State *L);

/* Appends the plan source src[0..len) to b with a tick at the start of
 * every loop body and function body and before every goto, on the same
 * lines. Returns 0, -1 when out of memory, or the line of the first name
 * that starts with the reserved `_ratel_`. */
int sbx_add_ticks(buf *b, const char *src, size_t len);

/* Sets the deadline of a quote that starts now. */
void sbx_start_clock(sbx *s);

/* Raises a Lua error unless called while a quote is being rated. */
void sbx_require_quote(lua_State *L, const char *fname);

#endif

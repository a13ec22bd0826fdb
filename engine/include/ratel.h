/*
 * ratel.h - the public API of libratel, an embeddable premium-rating and
 * underwriting engine for cyber insurance.
 *
 * This is the only public header. Everything else in the source tree is
 * private and may change at any time.
 *
 * Objects and threads
 *   ratel_engine  rate tables and plans, loaded once, immutable afterwards.
 *                 One engine may be shared by any number of threads.
 *   ratel_ctx     a working context: the plan interpreter and scratch
 *                 memory. Use a context from one thread at a time; make one
 *                 context per thread. A context borrows its engine: free
 *                 every context before its engine.
 *   ratel_decl    a declaration (what the applicant declares), a document of
 *                 one of the engine's product schemas. Owned by the caller;
 *                 it borrows its schema from the engine: free every
 *                 declaration before its engine.
 *   ratel_quote   the result of rating one declaration. Owned by the
 *                 caller; independent of the context and engine that made it.
 *
 * Errors
 *   Functions that can fail return 0 (RATEL_OK) or a negative ratel_code.
 *   Details (message, script and line, per-field validation errors) are kept
 *   on the handle the call was made on and stay valid until the next call on
 *   that handle. An underwriting decline is a result, not an error.
 *   The library never prints, never calls exit() or abort(), and keeps no
 *   global state.
 *
 * Ownership
 *   A function that hands the caller an object does so through an
 *   out-parameter, its first argument; the caller frees it with the matching
 *   _free function. Every _free accepts NULL. Strings returned as
 *   `const char *` are borrowed from the handle they came from and stay valid
 *   for as long as the comment on the function says.
 *
 * Money is an integer (int64_t) in the minor unit of the declaration's
 * currency (yen for JPY, cents for USD) between 0 and RATEL_MONEY_MAX.
 */
#ifndef RATEL_H
#define RATEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define RATEL_API __attribute__((visibility("default")))
#else
#define RATEL_API
#endif

#define RATEL_VERSION "0.1.0"
#define RATEL_VERSION_NUMBER 1000 /* major*1000000 + minor*1000 + patch */

/* The largest amount of money (in the currency's minor unit) a
 * declaration or a quote may hold. */
#define RATEL_MONEY_MAX ((int64_t)1000000000000000) /* 10^15 */

/* Return codes. New codes are added at the end; none is ever renumbered. */
typedef enum ratel_code {
    RATEL_OK = 0,
    RATEL_ENOMEM = -1,    /* out of memory */
    RATEL_EARG = -2,      /* a bad argument from the caller (NULL, unknown name) */
    RATEL_EIO = -3,       /* a file could not be read or written */
    RATEL_ETABLE = -4,    /* a rate table source or database is invalid */
    RATEL_EPLAN = -5,     /* a plan failed to load (syntax, metadata) */
    RATEL_EDECL = -6,     /* the declaration is invalid; see the error list */
    RATEL_ESCRIPT = -7,   /* the plan raised an error while rating */
    RATEL_ELIMIT = -8,    /* the plan hit its instruction or memory limit */
    RATEL_ENOTFOUND = -9, /* no plan or table matches the name and date */
    RATEL_ERESULT = -10   /* the plan produced an invalid result (NaN, range) */
} ratel_code;

/* A static English description of a code. Never NULL. */
RATEL_API const char *ratel_strerror(int code);

/* The library's version string at run time (compare with RATEL_VERSION). */
RATEL_API const char *ratel_version(void);

/* ------------------------------------------------------------------------
 * Engine
 * ---------------------------------------------------------------------- */

typedef struct ratel_engine ratel_engine;
typedef struct ratel_ctx ratel_ctx;

/*
 * Options for ratel_engine_open. Initialise with RATEL_ENGINE_OPTIONS_INIT
 * and change the fields you need; `version` lets later releases add fields.
 * A limit of 0 means "no limit".
 */
typedef struct ratel_engine_options {
    unsigned int version;
    /* Virtual-machine instructions a plan may run for one quote. */
    uint64_t max_instructions;
    /* Bytes a plan may allocate for one quote, beyond its loaded state. */
    size_t max_memory;
    /* Plan used when a rate call names none; NULL: the first plan by id. */
    const char *default_plan;
    /* Wall-clock time one quote's plan may run, in milliseconds: a
     * deadline that holds inside pcall and error handlers too. */
    uint32_t max_milliseconds;
    /* Version 2: the directory of product schemas (*.json); NULL: the
     * "schemas" directory beside the plans (inside plans_path when it is
     * a directory, beside the file when it is one plan). */
    const char *schemas_path;
} ratel_engine_options;

#define RATEL_ENGINE_OPTIONS_VERSION 2
#define RATEL_ENGINE_OPTIONS_INIT \
    { RATEL_ENGINE_OPTIONS_VERSION, 10000000u, (size_t)32 << 20, NULL, 1000u, \
      NULL }

/* Fills *opts with the defaults of this version of the library (what
 * RATEL_ENGINE_OPTIONS_INIT gives), for callers that cannot use the
 * macro (bindings). */
RATEL_API void ratel_engine_options_init(ratel_engine_options *opts);

/*
 * Loads the rate-table database `tables_db` (built by `ratel tables build`),
 * the product schemas (see ratel_engine_options.schemas_path and
 * docs/schemas.md) and the plans at `plans_path` (a directory of *.lua
 * files, or one .lua file), compiling and checking each plan against the
 * schema it names. `opts` may be NULL for defaults; options of a version
 * newer than the library are refused (RATEL_EARG).
 *
 * On success *out is a ready engine. On failure the return code says why
 * and, unless it is RATEL_ENOMEM, *out is still set to an engine handle in a
 * failed state whose ratel_engine_errmsg() explains (file and line where
 * known); free it with ratel_engine_free(). Errors: RATEL_EARG, RATEL_EIO,
 * RATEL_ETABLE, RATEL_EPLAN, RATEL_ENOMEM.
 */
RATEL_API int ratel_engine_open(ratel_engine **out, const char *tables_db,
                                const char *plans_path,
                                const ratel_engine_options *opts);

/* Frees an engine. Free its contexts first. NULL is a no-op. */
RATEL_API void ratel_engine_free(ratel_engine *engine);

/* The last error message of an engine (empty when none). Borrowed: valid
 * until the engine is freed. */
RATEL_API const char *ratel_engine_errmsg(const ratel_engine *engine);

/*
 * A menu of options: each option has a name and sets declaration fields
 * by path (docs/schemas.md), such as "coverages.liability.limit" or the
 * shorthand "request.deductible", to values that replace the
 * declaration's. An option sets money, integers, numbers, booleans,
 * dates and codes, outside lists. Made by ratel_options_new() and the
 * functions below, by ratel_options_parse(), or held by a plan (its
 * plan.options). Paths and values are checked against the declaration's
 * schema when the menu is rated (a bad one fails that option only).
 */
typedef struct ratel_options ratel_options;

/* An empty menu. Errors: RATEL_ENOMEM (*out NULL), RATEL_EARG. */
RATEL_API int ratel_options_new(ratel_options **out);
/* Frees a menu. NULL is a no-op. */
RATEL_API void ratel_options_free(ratel_options *options);
/* Appends an option named `name` (copied; NULL: "option N"); the
 * setters below then add to it. Errors: RATEL_EARG (NULL options, or
 * 1,000 options already), RATEL_ENOMEM. */
RATEL_API int ratel_options_add(ratel_options *options, const char *name);
/* Sets `path` in the last option added (copied). Errors: RATEL_EARG (no
 * option yet, a path that is not a field name, more than 64 per
 * option), RATEL_ENOMEM. */
RATEL_API int ratel_options_set_int(ratel_options *options, const char *path,
                                    int64_t value);
RATEL_API int ratel_options_set_number(ratel_options *options,
                                       const char *path, double value);
RATEL_API int ratel_options_set_bool(ratel_options *options, const char *path,
                                     int value);
/* For dates ("YYYY-MM-DD") and codes. */
RATEL_API int ratel_options_set_string(ratel_options *options,
                                       const char *path, const char *value);
/* The number of options, an option's name, and the number of fields it
 * sets. Names are borrowed from the menu. */
RATEL_API size_t ratel_options_count(const ratel_options *options);
RATEL_API const char *ratel_options_name(const ratel_options *options,
                                         size_t index);

/*
 * Reads a menu from JSON text: an array of 1 to 1,000 objects, each with
 * "name" (a string), and "set": an object of path -> value; the keys
 * "liability_limit", "expense_limit", "bi_limit", "bi_waiting_hours",
 * "deductible" and "coinsurance_pct" are kept as short for
 * "request.<key>". On success *out holds the menu (ratel_options_free).
 * Errors: RATEL_EDECL (not JSON, an unknown key, a value of the wrong
 * type; field errors on ctx with JSON paths such as "$[2].set.x"),
 * RATEL_EARG, RATEL_ENOMEM.
 */
RATEL_API int ratel_options_parse(ratel_options **out, ratel_ctx *ctx,
                                  const char *json, size_t len);

/*
 * Plans held by the engine, one entry per plan version, sorted by id then
 * effective date. Index 0 .. ratel_engine_plan_count()-1. Strings are
 * borrowed from the engine. Returns RATEL_EARG for an index out of range.
 */
typedef struct ratel_plan_info {
    const char *id;
    const char *insurer;
    const char *product;
    const char *version;
    const char *effective_date; /* YYYY-MM-DD */
    const char *hash;           /* SHA-256 of the plan source, hex */
    const char *path;           /* file the plan was loaded from */
    const char *const *tables;  /* names in its plan.tables */
    size_t ntables;
    const char *schema;         /* the schema it rates (plan.schema) */
    int schema_version;         /* the least version it needs */
} ratel_plan_info;

RATEL_API size_t ratel_engine_plan_count(const ratel_engine *engine);
/* The id of the plan rated when a call names none: the engine option
 * default_plan, else the plan whose file sets plan.default = true, else
 * the first plan by id. Borrowed from the engine; NULL without plans. */
RATEL_API const char *ratel_engine_default_plan(const ratel_engine *engine);
RATEL_API int ratel_engine_plan(const ratel_engine *engine, size_t index,
                                ratel_plan_info *info);
/* The plan's own menu (plan.options) in *out, borrowed from the engine;
 * NULL when it has none. Errors: RATEL_EARG. */
RATEL_API int ratel_engine_plan_options(const ratel_engine *engine,
                                        size_t index,
                                        const ratel_options **out);

/*
 * The rate tables an engine holds, one entry per table version, sorted by
 * name then effective date. Strings are borrowed from the engine.
 * Returns RATEL_EARG for an index out of range.
 */
typedef struct ratel_table_info {
    const char *name;
    const char *version;
    const char *effective_from;      /* YYYY-MM-DD */
    const char *kind;                /* "exact", "band" or "interpolate" */
    size_t nkeys;
    const char *const *key_names;
    size_t nvalues;
    const char *const *value_names;
    size_t rows;
} ratel_table_info;

RATEL_API size_t ratel_engine_table_count(const ratel_engine *engine);
RATEL_API int ratel_engine_table(const ratel_engine *engine, size_t index,
                                 ratel_table_info *info);

/*
 * The text of key `key` of row `row` of table `index` (for a band table,
 * the lower bound; for interpolation, the point), written NUL-terminated
 * into buf (size bytes). Errors: RATEL_EARG (an index out of range, or
 * size too small).
 */
RATEL_API int ratel_engine_table_key(const ratel_engine *engine, size_t index,
                                     size_t row, size_t key, char *buf,
                                     size_t size);

/*
 * Product schemas (docs/schemas.md): the declaration format of each
 * product the engine's plans rate, sorted by id. Strings are borrowed
 * from the engine. Returns RATEL_EARG for an index out of range.
 */
typedef struct ratel_schema_info {
    const char *id;           /* "cyber-sme" */
    int version;
    const char *title;
    const char *description;
    const char *path;         /* the file it was loaded from */
    const char *hash;         /* SHA-256 of the file, hex */
    size_t nfields;           /* fields, for ratel_engine_schema_field */
} ratel_schema_info;

RATEL_API size_t ratel_engine_schema_count(const ratel_engine *engine);
RATEL_API int ratel_engine_schema(const ratel_engine *engine, size_t index,
                                  ratel_schema_info *info);

/* One field of a schema, in document order (depth first). */
typedef struct ratel_schema_field {
    const char *path;         /* "applicant.revenue", "incidents[].paid" */
    const char *type;         /* object, list, flags, set, money, integer,
                                 number, boolean, date, text, code */
    const char *description;  /* one line */
    int required;             /* 1: must be given (or via a shorthand) */
    int input_only;           /* 1: a shorthand a plan does not see */
    const char *default_text; /* the default as JSON text, or NULL (none:
                                 a plan reads nil) */
    const char *bounds;       /* "0 to 100", "1 to 400 bytes", or NULL */
    const char *const *codes; /* code, flags, set: the codes */
    size_t ncodes;
    const char *note;         /* the rule that applies (required when,
                                 stands for, not after), or NULL */
} ratel_schema_field;

RATEL_API int ratel_engine_schema_field(const ratel_engine *engine,
                                        size_t schema, size_t index,
                                        ratel_schema_field *field);

/*
 * Every global a plan can use, one per line, sorted: plain names
 * ("lookup", "pairs") and library fields ("string.format"). For linters.
 * The caller frees *out with ratel_free(). Errors: RATEL_ENOMEM.
 */
RATEL_API int ratel_plan_globals(char **out);

/* ------------------------------------------------------------------------
 * Context
 * ---------------------------------------------------------------------- */

/* Creates a working context on an engine. Errors: RATEL_EARG, RATEL_ENOMEM
 * (then *out is NULL). The engine must outlive the context. */
RATEL_API int ratel_ctx_new(ratel_ctx **out, ratel_engine *engine);

/* The engine a context works on. */
RATEL_API ratel_engine *ratel_ctx_engine(const ratel_ctx *ctx);

/* Frees a context. NULL is a no-op. */
RATEL_API void ratel_ctx_free(ratel_ctx *ctx);

/*
 * Sets the authority level (0..9) of the underwriter using the context;
 * new contexts hold level 1. A plan may require a level for a quote
 * (require_authority in docs/plans.md); when the context holds less, the
 * quote is referred with reason AUTHORITY. Errors: RATEL_EARG.
 */
RATEL_API int ratel_ctx_set_authority(ratel_ctx *ctx, int level);

/*
 * The last error on a context: its code, its message (all lines, for a
 * declaration with several errors), and for plan errors the script and
 * line (script NULL and line 0 when not a plan error). Borrowed: valid
 * until the next call on the context.
 */
RATEL_API int ratel_ctx_errcode(const ratel_ctx *ctx);
RATEL_API const char *ratel_ctx_errmsg(const ratel_ctx *ctx);
RATEL_API const char *ratel_ctx_errscript(const ratel_ctx *ctx);
RATEL_API int ratel_ctx_errline(const ratel_ctx *ctx);

/*
 * Individual declaration errors after RATEL_EDECL, in document order:
 * `path` is a JSON path such as "$.incidents[1].paid" ("$" for the whole
 * document), `message` says what was expected; for a JSON syntax error
 * `line` and `column` are 1-based (0 otherwise). Borrowed as above.
 * Returns RATEL_EARG for an index out of range.
 */
typedef struct ratel_field_error {
    const char *path;
    const char *message;
    int line;
    int column;
} ratel_field_error;

RATEL_API size_t ratel_ctx_field_error_count(const ratel_ctx *ctx);
RATEL_API int ratel_ctx_field_error(const ratel_ctx *ctx, size_t index,
                                    ratel_field_error *err);

/* ------------------------------------------------------------------------
 * Declarations
 * ---------------------------------------------------------------------- */

typedef struct ratel_decl ratel_decl;

/*
 * Parses and validates a declaration given as JSON text (`len` bytes, need
 * not be NUL-terminated; see docs/declaration.md), as a document of the
 * product schema `schema` (an id such as "cyber-sme"; NULL: the schema
 * the document names in a "schema" key that comes first, else the schema
 * of the engine's default plan). Every error of the document is reported
 * through the context's field errors; the call then returns RATEL_EDECL
 * and *out is NULL. On success the caller owns *out.
 * Errors: RATEL_EDECL, RATEL_ENOTFOUND (no such schema), RATEL_EARG,
 * RATEL_ENOMEM.
 */
RATEL_API int ratel_decl_parse(ratel_decl **out, ratel_ctx *ctx,
                               const char *schema, const char *json,
                               size_t len);

/*
 * Builds a declaration through the API: create an empty one of a schema
 * (NULL: the default plan's), set fields by their path, then rate it
 * (rating checks that the required fields are present). Paths are those
 * of docs/schemas.md without "$.": "effective_date", "applicant.revenue",
 * "coverages.liability.limit", "incidents[0].paid" (an item appended
 * with ratel_decl_append), "controls.mfa" and "certifications.isms" (a
 * code of flags or of a set: set_bool adds or removes it).
 * ratel_decl_new errors: RATEL_ENOTFOUND (no such schema), RATEL_EARG,
 * RATEL_ENOMEM.
 */
RATEL_API int ratel_decl_new(ratel_decl **out, ratel_ctx *ctx,
                             const char *schema);
RATEL_API void ratel_decl_free(ratel_decl *decl);
/* The id of the declaration's schema, borrowed from the engine. */
RATEL_API const char *ratel_decl_schema(const ratel_decl *decl);

/*
 * Setters check the value as the JSON reader does and on error return
 * RATEL_EDECL (a field error at "$.path" on `ctx`), RATEL_EARG (an
 * unknown path, with a message on `ctx`) or RATEL_ENOTFOUND (an item
 * index past the end of its list: "incidents[3]" of 2 items), leaving the
 * declaration unchanged. set_int is for money, integers, numbers and booleans (0/1);
 * set_number for numbers; set_bool for booleans and codes of flags and
 * sets; set_string for text, dates and codes. A shorthand path
 * ("request.deductible") sets every field it stands for.
 */
RATEL_API int ratel_decl_set_string(ratel_decl *decl, ratel_ctx *ctx,
                                    const char *path, const char *value);
RATEL_API int ratel_decl_set_int(ratel_decl *decl, ratel_ctx *ctx,
                                 const char *path, int64_t value);
RATEL_API int ratel_decl_set_number(ratel_decl *decl, ratel_ctx *ctx,
                                    const char *path, double value);
RATEL_API int ratel_decl_set_bool(ratel_decl *decl, ratel_ctx *ctx,
                                  const char *path, int value);
/* Appends an item at its defaults to the list at `path` ("incidents");
 * its index in *index (may be NULL). Errors as the setters'. */
RATEL_API int ratel_decl_append(ratel_decl *decl, ratel_ctx *ctx,
                                const char *path, size_t *index);

/*
 * Getters by path, with the schema's defaults for fields not given.
 * get_int reads money, integers, booleans (0/1) and dates (days since
 * 1970-01-01); get_number numbers (and integers, converted); get_bool
 * booleans and codes of flags and sets ("controls.mfa"); get_string text
 * and codes (borrowed from the declaration until it changes); get_count
 * the items of a list. Errors: RATEL_ENOTFOUND (no such field or item,
 * or a field not given that has no default), RATEL_EARG (NULL, or a
 * field of another type).
 */
RATEL_API int ratel_decl_get_int(const ratel_decl *decl, const char *path,
                                 int64_t *value);
RATEL_API int ratel_decl_get_number(const ratel_decl *decl, const char *path,
                                    double *value);
RATEL_API int ratel_decl_get_bool(const ratel_decl *decl, const char *path,
                                  int *value);
RATEL_API int ratel_decl_get_string(const ratel_decl *decl, const char *path,
                                    const char **value);
RATEL_API int ratel_decl_get_count(const ratel_decl *decl, const char *path,
                                   size_t *count);
/* 1 when the field at `path` was given (in the document or by a setter),
 * 0 when it has its default, negative (RATEL_ENOTFOUND) when there is no
 * such field. */
RATEL_API int ratel_decl_given(const ratel_decl *decl, const char *path);

/* ------------------------------------------------------------------------
 * Rating
 * ---------------------------------------------------------------------- */

typedef struct ratel_quote ratel_quote;

/* Flags for ratel_rate. */
#define RATEL_RATE_NO_WORKSHEET 0x1u /* skip recording worksheet steps */

/*
 * An underwriter's override of one worksheet step: the step of `coverage`
 * ("policy" for policy-level steps) whose label is exactly `label` uses
 * `value` (a factor for mul steps, an amount for set/add/minimum steps)
 * instead of what the plan computed. The quote keeps both figures and the
 * reason. Strings are read during the call only.
 */
typedef struct ratel_override {
    const char *coverage;
    const char *label;
    double value;
    const char *reason;
} ratel_override;

/*
 * Options of one rating call: fill with ratel_rate_options_init() (or
 * RATEL_RATE_OPTIONS_INIT) and change what you need. total_override >= 0
 * replaces the final premium (the calculated one is kept on the quote as
 * calculated_premium); it needs a reason.
 */
typedef struct ratel_rate_options {
    unsigned int version;
    const char *plan_id;       /* NULL: the engine's default plan */
    unsigned int flags;        /* RATEL_RATE_* */
    const ratel_override *overrides;
    size_t noverrides;         /* at most 64 */
    int64_t total_override;    /* < 0: none */
    const char *total_override_reason;
} ratel_rate_options;

#define RATEL_RATE_OPTIONS_VERSION 1
#define RATEL_RATE_OPTIONS_INIT \
    { RATEL_RATE_OPTIONS_VERSION, NULL, 0u, NULL, 0, -1, NULL }

/* Fills *opts with the defaults (RATEL_RATE_OPTIONS_INIT). */
RATEL_API void ratel_rate_options_init(ratel_rate_options *opts);

/*
 * Rates `decl` with the plan opts->plan_id (NULL opts, or a NULL plan_id:
 * the engine's default plan), choosing the plan version and each table's
 * version effective on the declaration's effective date.
 *
 * Returns 0 and a quote in *out (owned by the caller) whatever the
 * underwriting decision. Errors (*out is NULL, details on ctx):
 * RATEL_EDECL (a required field is missing, or the plan rates another
 * schema), RATEL_ENOTFOUND (no such plan, or none effective on that date),
 * RATEL_ESCRIPT (the plan failed; script and line on ctx), RATEL_ELIMIT,
 * RATEL_ERESULT, RATEL_ENOMEM, RATEL_EARG (options of version 0 or newer
 * than the library, an override without coverage, label or reason, one
 * that matches no step of the plan, a total override out of range or
 * without a reason). A failed call leaves the context ready for the next
 * one.
 */
RATEL_API int ratel_rate(ratel_quote **out, ratel_ctx *ctx,
                         const ratel_decl *decl,
                         const ratel_rate_options *opts);

typedef struct ratel_menu ratel_menu;

/*
 * Rates one declaration under the options of a menu in one call: one
 * result per option, in their order. With `options` NULL, the plan's own
 * menu (plan.options) is used. What does not depend on the option is done
 * once: the plan and table versions, the declaration's tables in the
 * interpreter, the plan's top level, and its optional shared(d). Each
 * option still starts from fresh globals.
 * An option that fails (a path the schema does not have, a value out of
 * range) has no quote and an error of its own (ratel_menu_error); the
 * call itself fails only when nothing can be rated: RATEL_EDECL,
 * RATEL_ENOTFOUND, RATEL_ESCRIPT (the plan's top level or shared()
 * failed), RATEL_EARG (no options, or bad `opts`), RATEL_ENOMEM. The
 * caller frees *out with ratel_menu_free.
 */
RATEL_API int ratel_rate_menu(ratel_menu **out, ratel_ctx *ctx,
                              const ratel_decl *decl,
                              const ratel_rate_options *opts,
                              const ratel_options *options);
RATEL_API void ratel_menu_free(ratel_menu *menu);
RATEL_API size_t ratel_menu_count(const ratel_menu *menu);
/* The option's name (or "option N"), borrowed from the menu. */
RATEL_API const char *ratel_menu_option_name(const ratel_menu *menu,
                                             size_t index);
/* The option's quote, borrowed from the menu; NULL when it failed. */
RATEL_API const ratel_quote *ratel_menu_quote(const ratel_menu *menu,
                                              size_t index);
/* The option's error code (RATEL_OK when it has a quote) and message. */
RATEL_API int ratel_menu_error(const ratel_menu *menu, size_t index,
                               const char **message);
/* The whole menu as JSON: {"format_version", "options":[{"name", "set",
 * "quote" or "error"}]}, in *out (the caller frees it with ratel_free),
 * its length in *len (may be NULL). Errors: RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_menu_json(const ratel_menu *menu, char **out,
                              size_t *len);

/* ------------------------------------------------------------------------
 * Quotes
 * ---------------------------------------------------------------------- */

typedef enum ratel_decision {
    RATEL_QUOTED = 0,
    RATEL_REFERRED = 1,
    RATEL_DECLINED = 2
} ratel_decision;

/* Frees a quote. NULL is a no-op. */
RATEL_API void ratel_quote_free(ratel_quote *quote);

/* The quote as JSON (see docs/quote.md), NUL-terminated, in *out (the
 * caller frees it with ratel_free); its length in *len when `len` is not
 * NULL. Reads the quote only: threads may share a quote. Errors:
 * RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_quote_json(const ratel_quote *quote, char **out,
                               size_t *len);

RATEL_API ratel_decision ratel_quote_decision(const ratel_quote *quote);
/* "quoted", "referred" or "declined". */
RATEL_API const char *ratel_decision_name(ratel_decision decision);
RATEL_API int64_t ratel_quote_total_premium(const ratel_quote *quote);
/* The premium the plan calculated: differs from the total when an
 * underwriter overrode the total premium. */
RATEL_API int64_t ratel_quote_calculated_premium(const ratel_quote *quote);

/* Strings below are borrowed from the quote and valid until it is freed.
 * Each accessor returns RATEL_EARG for an index out of range. */

typedef struct ratel_reason {
    const char *kind; /* "refer", "decline" or "subjectivity" */
    const char *code;
    const char *text;
} ratel_reason;

RATEL_API size_t ratel_quote_reason_count(const ratel_quote *quote);
RATEL_API int ratel_quote_reason(const ratel_quote *quote, size_t index,
                                 ratel_reason *reason);

/* Subjectivities: conditions to bind the quote ("EDR on all endpoints
 * within 30 days"), kind "subjectivity". */
RATEL_API size_t ratel_quote_subjectivity_count(const ratel_quote *quote);
RATEL_API int ratel_quote_subjectivity(const ratel_quote *quote,
                                       size_t index, ratel_reason *reason);

/* The underwriting authority level the quote needs (0: none), the level
 * the rating context held, and the plan's reasons for each level it asked
 * (kind "authority", code NULL, the level in *level). */
RATEL_API int ratel_quote_authority_required(const ratel_quote *quote);
RATEL_API int ratel_quote_authority_held(const ratel_quote *quote);
RATEL_API size_t ratel_quote_authority_reason_count(const ratel_quote *quote);
RATEL_API int ratel_quote_authority_reason(const ratel_quote *quote,
                                           size_t index, int *level,
                                           const char **text);

/* The services that come with the policy and its main exclusions (the
 * plan's plan.services and plan.exclusions), borrowed from the quote.
 * NULL for an index out of range. */
RATEL_API size_t ratel_quote_service_count(const ratel_quote *quote);
RATEL_API const char *ratel_quote_service(const ratel_quote *quote,
                                          size_t index);
RATEL_API size_t ratel_quote_exclusion_count(const ratel_quote *quote);
RATEL_API const char *ratel_quote_exclusion(const ratel_quote *quote,
                                            size_t index);

RATEL_API size_t ratel_quote_warning_count(const ratel_quote *quote);
RATEL_API const char *ratel_quote_warning(const ratel_quote *quote,
                                          size_t index);

/* Attributes: named words or whole numbers the plan set with
 * attribute(name, value) for the programs around the quote (a scheme's
 * tier and the parts of a member's fee: docs/structures.md). They change
 * no premium. text is NULL for a number (then in integer). Strings are
 * borrowed from the quote. ratel_quote_attribute: RATEL_EARG for an
 * index out of range; ratel_quote_attribute_find: RATEL_ENOTFOUND when
 * the plan set no attribute of that name. */
typedef struct ratel_attribute {
    const char *name;
    const char *text;
    int64_t integer;
} ratel_attribute;

RATEL_API size_t ratel_quote_attribute_count(const ratel_quote *quote);
RATEL_API int ratel_quote_attribute(const ratel_quote *quote, size_t index,
                                    ratel_attribute *attribute);
RATEL_API int ratel_quote_attribute_find(const ratel_quote *quote,
                                         const char *name,
                                         ratel_attribute *attribute);

typedef struct ratel_coverage {
    const char *name; /* "liability", "expense", "bi" */
    int64_t limit;
    int64_t premium;
} ratel_coverage;

RATEL_API size_t ratel_quote_coverage_count(const ratel_quote *quote);
RATEL_API int ratel_quote_coverage(const ratel_quote *quote, size_t index,
                                   ratel_coverage *coverage);

/*
 * The terms the premium of coverage `index` was computed for (docs/
 * quote.md "Terms priced"): term `n` of its terms, by name ("limit",
 * "deductible", "coinsurance_pct", "aggregate_limit", "waiting_hours",
 * "indemnity_days", "sublimits.ransom", ...) and value. Terms the plan
 * did not state are those asked for. Errors: RATEL_EARG (an index out of
 * range).
 */
RATEL_API size_t ratel_quote_term_count(const ratel_quote *quote,
                                        size_t coverage);
RATEL_API int ratel_quote_term(const ratel_quote *quote, size_t coverage,
                               size_t n, const char **name, int64_t *value);
/* A term by name: RATEL_OK, or RATEL_ENOTFOUND when the coverage has no
 * such term. */
RATEL_API int ratel_quote_term_value(const ratel_quote *quote,
                                     size_t coverage, const char *name,
                                     int64_t *value);

/* Where the terms priced differ from those asked: the coverage, the
 * term, both values (asked is absent, has_asked 0, when the declaration
 * asked for none), and the plan's reason code. */
typedef struct ratel_term_difference {
    const char *coverage;
    const char *term;
    int64_t asked;
    int has_asked;
    int64_t priced;
    const char *reason;
} ratel_term_difference;

RATEL_API size_t ratel_quote_difference_count(const ratel_quote *quote);
RATEL_API int ratel_quote_difference(const ratel_quote *quote, size_t index,
                                     ratel_term_difference *difference);

/*
 * A group quote (a declaration with companies in `entities`; see
 * docs/structures.md, "Groups") prices the group as a whole, and keeps
 * each company: its standalone quote (the company rated on its own),
 * whether the plan kept it in the group, its share of the group premium
 * (whole units that add up to the total) and what the group saves it.
 * ratel_quote_entity_count is 0 for any other quote. Strings and the
 * standalone quote are borrowed from the group quote. Errors:
 * RATEL_EARG (an index out of range).
 */
typedef struct ratel_entity {
    const char *path;         /* "applicant" (the parent), "entities[2]" */
    const char *name;
    const char *role;         /* "parent", "subsidiary", ... */
    int included;             /* 0: the plan left it out of the group */
    const char *exclusion;    /* why it was left out, or NULL */
    int64_t standalone_premium;
    int64_t share;            /* of the group's total premium */
    int64_t saving;           /* standalone_premium - share (0 if out) */
} ratel_entity;

RATEL_API size_t ratel_quote_entity_count(const ratel_quote *quote);
RATEL_API int ratel_quote_entity(const ratel_quote *quote, size_t index,
                                 ratel_entity *entity);
RATEL_API const ratel_quote *ratel_quote_entity_quote(const ratel_quote *quote,
                                                      size_t index);

/* The currency the quote's amounts are in (ISO 4217, "JPY"), and the
 * digits of its minor unit (0 for JPY, 2 for USD). */
RATEL_API const char *ratel_quote_currency(const ratel_quote *quote);
RATEL_API int ratel_quote_currency_digits(const ratel_quote *quote);

typedef struct ratel_step {
    const char *coverage; /* a coverage name or "policy" */
    const char *label;
    const char *op;       /* set, mul, add, at_least, at_most, round, note,
                             combine, allocate, override */
    const char *table;    /* table used, or NULL */
    const char *key;      /* key looked up, as text, or NULL */
    double value;         /* the step's value (factor, amount, unit) */
    double premium;       /* the coverage's running premium after the step */
    double calculated;    /* what the plan computed, when overridden */
    const char *override_reason; /* NULL unless an underwriter overrode it */
} ratel_step;

RATEL_API size_t ratel_quote_step_count(const ratel_quote *quote);
RATEL_API int ratel_quote_step(const ratel_quote *quote, size_t index,
                               ratel_step *step);

/* The applicant's name and the effective date (YYYY-MM-DD) rated. */
RATEL_API const char *ratel_quote_applicant(const ratel_quote *quote);
RATEL_API const char *ratel_quote_effective_date(const ratel_quote *quote);

/* The rate tables the plan looked up, with the version used. */
typedef struct ratel_table_used {
    const char *name;
    const char *version;
    const char *effective_from; /* YYYY-MM-DD */
    const char *hash;           /* of its content: 16 hex digits */
} ratel_table_used;

RATEL_API size_t ratel_quote_table_count(const ratel_quote *quote);
RATEL_API int ratel_quote_table(const ratel_quote *quote, size_t index,
                                ratel_table_used *table);

/* The plan that made the quote. Strings borrowed from the quote. */
RATEL_API const char *ratel_quote_plan_id(const ratel_quote *quote);
RATEL_API const char *ratel_quote_plan_version(const ratel_quote *quote);
RATEL_API const char *ratel_quote_plan_hash(const ratel_quote *quote);

/* ------------------------------------------------------------------------
 * Rate tables (the build step behind `ratel tables build`)
 * ---------------------------------------------------------------------- */

/*
 * Compiles the table sources in `source_dir` (manifest.csv and the CSV
 * files it names; see docs/tables.md) into a new SQLite database at
 * `db_path`, replacing it only when every table is valid. On error returns
 * RATEL_ETABLE or RATEL_EIO and, when `errmsg` is not NULL, stores a
 * message naming every problem with its file and line in *errmsg, which the
 * caller frees with ratel_free(). The build is deterministic: the same
 * sources give the same database content.
 */
RATEL_API int ratel_tables_build(const char *source_dir, const char *db_path,
                                 char **errmsg);

/*
 * Checks table sources (a directory) or a built database (a file) without
 * writing anything. Same errors and message as ratel_tables_build().
 */
RATEL_API int ratel_tables_check(const char *path, char **errmsg);

/* Frees memory the library handed to the caller as a plain pointer. */
RATEL_API void ratel_free(void *ptr);

/* ------------------------------------------------------------------------
 * Plan tests and options files (the machinery behind `ratel test` and
 * `ratel quote --options FILE`; case format: "Plan tests" in
 * docs/plans.md)
 * ---------------------------------------------------------------------- */

typedef struct ratel_plan_test_result ratel_plan_test_result;

/*
 * Runs one plan test case, given as JSON text (`len` bytes): a declaration
 * ("base": a declaration file, or "declaration": an inline object, with
 * "override", a partial declaration, merged in), the plan to rate it with
 * ("plan"; absent: the engine's default plan) and "expect"ations about the
 * quote. A relative "base" path is resolved against `base_dir` (NULL or
 * "": the current directory). The case may set the context's authority
 * level ("authority", restored afterwards) and underwriter overrides
 * ("overrides", "total_override", "total_override_reason") as
 * ratel_rate_with() takes them.
 *
 * Returns 0 and a result in *out (owned by the caller) when the case was
 * run, whether it passed or not; a declaration or plan that fails to rate
 * is a failed test, explained in the report. Errors (*out is NULL,
 * details on ctx): RATEL_EDECL (the case is malformed: not JSON, an
 * unknown key at the top level or in "expect", a value of the wrong type;
 * each error names its JSON path, as for declarations), RATEL_EIO (the
 * base file cannot be read), RATEL_ENOMEM, RATEL_EARG.
 */
RATEL_API int ratel_plan_test_run(ratel_plan_test_result **out,
                                  ratel_ctx *ctx, const char *case_json,
                                  size_t len, const char *base_dir);
/* 1 when every expectation held, else 0. */
RATEL_API int ratel_plan_test_passed(const ratel_plan_test_result *r);
/* The differences, one line each ("total_premium: expected 67380, got
 * 67370"; for a step its label and both values); "" when passed.
 * Borrowed: valid until the result is freed. */
RATEL_API const char *ratel_plan_test_report(const ratel_plan_test_result *r);
/* The id of the plan the case was rated with (borrowed, as above). */
RATEL_API const char *ratel_plan_test_plan(const ratel_plan_test_result *r);
/* Frees a result. NULL is a no-op. */
RATEL_API void ratel_plan_test_free(ratel_plan_test_result *r);


/* ------------------------------------------------------------------------
 * Association schemes: the members of a roster, each rated on its own by
 * the scheme's plan, added to an account that keeps the fees by tier, the
 * scheme's totals and minimum premium, and the members it did not accept
 * (referred, refused, failed) with why. The plan says what a member's
 * quote means to the scheme through attributes: scheme.tier,
 * scheme.tier_order, scheme.top_up, scheme.admin_fee,
 * scheme.minimum_premium (docs/structures.md, "Association schemes").
 * An account is not thread-safe: add from one thread (in roster order),
 * or keep one account per thread and merge them in roster order.
 * ---------------------------------------------------------------------- */

typedef struct ratel_scheme ratel_scheme;

/* Makes an empty account in *out (the caller frees it with
 * ratel_scheme_free). Errors: RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_scheme_new(ratel_scheme **out);
RATEL_API void ratel_scheme_free(ratel_scheme *scheme);
/* The message of the account's last error ("" after a success). */
RATEL_API const char *ratel_scheme_errmsg(const ratel_scheme *scheme);

/*
 * Adds the quote of one member; `member` names it in the account ("line
 * 12", a member number; copied). A quoted member is accepted: its fee
 * (the quote's total premium) goes to its tier and the totals; a
 * referred one is listed with its reasons and its fee indicated apart; a
 * declined one is listed as refused with its reasons. The quote stays
 * the caller's. Errors (the account unchanged): RATEL_EARG (NULL, or a
 * quote of another plan or currency than the first member's);
 * RATEL_ERESULT (an accepted member's quote without scheme.tier, parts of
 * the fee that are not amounts within it, another scheme minimum premium
 * than earlier members', sums beyond 2^63); RATEL_ENOMEM.
 */
RATEL_API int ratel_scheme_add(ratel_scheme *scheme, const char *member,
                               const ratel_quote *quote);
/* Lists a member whose declaration could not be rated, with the error
 * (copied). Errors: RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_scheme_add_failure(ratel_scheme *scheme,
                                       const char *member,
                                       const char *message);
/* Adds the members of `from` after those of `into` (from is unchanged).
 * Errors (into unchanged): RATEL_EARG (other plans), RATEL_ERESULT
 * (other minimum premiums, sums beyond 2^63), RATEL_ENOMEM. */
RATEL_API int ratel_scheme_merge(ratel_scheme *into,
                                 const ratel_scheme *from);

typedef struct ratel_scheme_totals {
    const char *plan_id, *plan_version, *currency; /* NULL: no member yet */
    int64_t members;           /* accepted + referred + refused + failed */
    int64_t accepted, referred, refused, failed;
    int64_t fees;              /* the accepted members' fees */
    int64_t fixed_fees;        /* fees - top_up_fees */
    int64_t top_up_fees;
    int64_t admin_fees;        /* the association's administration share */
    int64_t insurer_premium;   /* fees - admin_fees */
    int64_t minimum_premium;   /* the scheme's, to the insurer (0: none) */
    int64_t shortfall;         /* minimum_premium - insurer_premium, or 0 */
    int64_t referred_fees;     /* indicated for referred members; not in fees */
} ratel_scheme_totals;

/* The account's totals (strings borrowed from the account). Errors:
 * RATEL_EARG. */
RATEL_API int ratel_scheme_totals_get(const ratel_scheme *scheme,
                                      ratel_scheme_totals *totals);

typedef struct ratel_scheme_tier {
    const char *name;
    int64_t members, top_ups;   /* accepted members; those with a top-up */
    int64_t fees, fixed_fees, top_up_fees, admin_fees;
} ratel_scheme_tier;

/* The tiers, by scheme.tier_order, then in the order first seen.
 * Errors: RATEL_EARG (an index out of range). */
RATEL_API size_t ratel_scheme_tier_count(const ratel_scheme *scheme);
RATEL_API int ratel_scheme_tier_get(const ratel_scheme *scheme,
                                    size_t index, ratel_scheme_tier *tier);

typedef struct ratel_scheme_case {
    const char *kind;      /* "referred", "refused" or "failed" */
    const char *member;
    const char *applicant; /* "" for a failed member */
    int64_t fee;           /* the fee indicated (0 unless referred) */
    size_t reason_count;   /* its quote's refer and decline reasons */
    const char *error;     /* why a failed member was not rated, or NULL */
} ratel_scheme_case;

/* The members the scheme did not accept, in the order added, and the
 * reasons of each (k < reason_count). Strings are borrowed from the
 * account. Errors: RATEL_EARG (an index out of range). */
RATEL_API size_t ratel_scheme_case_count(const ratel_scheme *scheme);
RATEL_API int ratel_scheme_case_get(const ratel_scheme *scheme, size_t index,
                                    ratel_scheme_case *c);
RATEL_API int ratel_scheme_case_reason(const ratel_scheme *scheme,
                                       size_t index, size_t k,
                                       ratel_reason *reason);

/* The account as JSON (docs/structures.md), allocated for the caller
 * (free with ratel_free); *len, when not NULL, its length. Errors:
 * RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_scheme_json(const ratel_scheme *scheme, char **out,
                                size_t *len);

/* ------------------------------------------------------------------------
 * Structures: insurance against the alternatives a buyer weighs (a higher
 * deductible, a captive with market excess layers, self-insurance, a
 * commitment line, a CAT bond), compared on the company's loss model.
 * Formulas, the loss model and the file format: docs/structures.md.
 * ---------------------------------------------------------------------- */

typedef struct ratel_structures ratel_structures;

/*
 * Reads a structures file given as JSON text (`len` bytes): its
 * "format_version", the "structures" to compare and the loss "scenarios"
 * to show (docs/structures.md). On success the caller owns *out, freed
 * with ratel_structures_free(); it does not depend on ctx. Errors (*out
 * NULL, details on ctx): RATEL_EDECL (not JSON, an unknown key, a value of
 * the wrong type or range, a newer format_version; each field error
 * names its JSON path, such as "$.structures[2].retention"), RATEL_EARG,
 * RATEL_ENOMEM.
 */
RATEL_API int ratel_structures_parse(ratel_structures **out, ratel_ctx *ctx,
                                     const char *json, size_t len);
/* Frees a structures file. NULL is a no-op. */
RATEL_API void ratel_structures_free(ratel_structures *structures);

/*
 * Options of a comparison. Fill with ratel_structure_options_init(), then
 * change the fields you need. The simulation's output depends on the seed
 * and the number of years, never on the number of threads.
 */
typedef struct ratel_structure_options {
    unsigned int version;
    uint64_t seed;        /* default 1 */
    uint64_t years;       /* simulated years, 1 .. 10,000,000; default
                             1,000,000; 16 bytes a year per structure, at
                             most 2 GiB in all */
    unsigned int threads; /* 1 .. 64; default 1 */
} ratel_structure_options;

#define RATEL_STRUCTURE_OPTIONS_VERSION 1

/*
 * Sets *opts to the defaults of options version `version` (pass
 * RATEL_STRUCTURE_OPTIONS_VERSION). Errors: RATEL_EARG for NULL, version
 * 0, or a version newer than this library knows.
 */
RATEL_API int ratel_structure_options_init(ratel_structure_options *opts,
                                           unsigned int version);

typedef struct ratel_structure_result ratel_structure_result;

/*
 * Compares the structures of `structures` for the declaration `decl`:
 * builds the company's loss model from the engine's risk_* tables, prices
 * the insured layers with the shipped plans through ratel_rate_menu()
 * (an excess layer costs the plan's price at its top limit minus its
 * price at its attachment), simulates opts->years years, and computes
 * for each structure its expected annual cost, the cost in a bad year
 * (95th and 99th percentiles), the capital or cash it needs, the largest
 * loss it leaves unfunded (1 year in 200), the layers' aggregate
 * distributions (Panjer) and plain-language notes; and for each scenario
 * what each structure leaves the company to pay. A structure a plan will
 * not write or front is a result ("declined", with the reason), not an
 * error. `opts` may be NULL for the defaults.
 *
 * On success *out is owned by the caller (free with
 * ratel_structure_result_free); it holds no reference to ctx, decl or
 * structures. Errors (*out NULL, details on ctx): RATEL_EARG (NULL
 * arguments, options not made by ratel_structure_options_init() or
 * newer than this library, years or threads out of range, years x
 * structures beyond the 2 GiB the simulation may keep),
 * RATEL_ENOTFOUND (a plan or a loss-model table missing; the message
 * names the structure's JSON path), RATEL_EDECL (an amount that does not
 * fit the declaration, with its JSON path; or an incomplete declaration),
 * RATEL_ETABLE (a loss-model parameter out of range), the errors of
 * ratel_rate(), RATEL_ENOMEM.
 */
RATEL_API int ratel_structure_compare(ratel_structure_result **out,
                                      ratel_ctx *ctx, const ratel_decl *decl,
                                      const ratel_structures *structures,
                                      const ratel_structure_options *opts);
/* Frees a result. NULL is a no-op. */
RATEL_API void ratel_structure_result_free(ratel_structure_result *r);

/* The whole result as JSON with "format_version" (docs/structures.md),
 * NUL-terminated; its length in *len when len is not NULL. The same bytes
 * for the same input, options and library, on any number of threads.
 * Borrowed: valid until the result is freed. */
RATEL_API const char *ratel_structure_result_json(
    const ratel_structure_result *r, size_t *len);

/* Cash on hand assumed for the company (months of sales from the file
 * times revenue / 12), in yen. */
RATEL_API int64_t ratel_structure_cash_on_hand(
    const ratel_structure_result *r);

/* The structures compared, in file order ("plan": "*" expanded). Strings
 * are borrowed from the result; amounts are yen a year. Accessors return
 * RATEL_EARG for an index out of range. */
typedef struct ratel_structure_info {
    const char *name;
    const char *kind;        /* "insurance", "captive", "self_insurance",
                                "commitment_line" or "cat_bond" */
    int declined;            /* 1: a plan will not write or front it */
    int64_t fixed_cost;      /* premiums, fees, cost of capital a year */
    int64_t expected_cost;   /* mean total cost of risk a year */
    int64_t cost_p95, cost_p99; /* the cost in 1 year in 20 and in 100 */
    int64_t capital;         /* capital, reserve or issuance cost put up */
    int64_t largest_uncovered; /* unfunded in 1 year in 200 */
    size_t nnotes;           /* notes, and reasons when declined */
} ratel_structure_info;

RATEL_API size_t ratel_structure_count(const ratel_structure_result *r);
RATEL_API int ratel_structure_get(const ratel_structure_result *r,
                                  size_t index, ratel_structure_info *info);
/* Note `note` of structure `index`, one plain-language sentence or two;
 * NULL when out of range. */
RATEL_API const char *ratel_structure_note(const ratel_structure_result *r,
                                           size_t index, size_t note);

/* The exceedance curve of a structure's annual cost: point `point` (0 ..
 * ratel_structure_exceedance_count() - 1, rarer years last) is the cost
 * exceeded with probability *probability (1 year in 2, 5, ..., 1000). */
RATEL_API size_t ratel_structure_exceedance_count(void);
RATEL_API int ratel_structure_exceedance(const ratel_structure_result *r,
                                         size_t index, size_t point,
                                         double *probability, int64_t *cost);

/* The perils of the loss model: frequency a year, mean severity and
 * expected annual loss. */
typedef struct ratel_structure_peril {
    const char *name;
    double frequency;
    int64_t mean_severity;
    int64_t expected_loss;
} ratel_structure_peril;

RATEL_API size_t ratel_structure_peril_count(const ratel_structure_result *r);
RATEL_API int ratel_structure_peril_get(const ratel_structure_result *r,
                                        size_t index,
                                        ratel_structure_peril *peril);

/* The scenarios of the file, and what each structure leaves to pay. */
RATEL_API size_t ratel_structure_scenario_count(
    const ratel_structure_result *r);
/* The scenario's name and total loss; NULL when out of range. */
RATEL_API const char *ratel_structure_scenario_name(
    const ratel_structure_result *r, size_t scenario, int64_t *loss);

typedef struct ratel_structure_outcome {
    int64_t insurers; /* paid by market insurers, months later */
    int64_t captive;  /* paid by the captive (the group's money) */
    int64_t bond;     /* CAT bond principal forgiven */
    int64_t reserve;  /* from the self-insurance fund */
    int64_t loan;     /* drawn on the commitment line, to be repaid */
    int64_t interest; /* on the drawing */
    int64_t cash;     /* from the company's own cash: nothing funds it */
    int64_t company;  /* left to the company or group: loss - insurers -
                         bond + interest */
    int64_t bridge;   /* paid out before reimbursement beyond the cash on
                         hand: a bridge loan's size */
} ratel_structure_outcome;

RATEL_API int ratel_structure_outcome_get(const ratel_structure_result *r,
                                          size_t scenario, size_t index,
                                          ratel_structure_outcome *outcome);

#ifdef __cplusplus
}
#endif

#endif /* RATEL_H */

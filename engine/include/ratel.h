/*
 * ratel.h - the public API of libratel, an embeddable premium-rating and
 * underwriting engine for cyber insurance.
 *
 * This header and ratel_sys.h (the tooling API: table builds, plan tests,
 * lint) are the public API. Everything else in the source tree is private
 * and may change at any time.
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
 * Structs the library fills
 *   A struct the library fills for the caller (ratel_reason, ratel_step,
 *   ratel_plan_info, ...) only ever grows at its end. Its getter takes
 *   the size of the caller's struct as its last argument, which the macro
 *   of the getter's name passes for C and C++ callers (sizeof), so that
 *   code compiled against this header keeps working with a later library:
 *   the library fills what both know, and zeroes fields it does not know.
 *   A size below the struct's 1.0 layout is refused (RATEL_EARG). Callers
 *   through a foreign-function interface pass the size themselves.
 *   Structs the caller fills for the library (the options) carry a
 *   version set by their _init function; a version newer than the library
 *   is refused.
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

/* Fills *opts with the defaults of options version `version` (pass
 * RATEL_ENGINE_OPTIONS_VERSION; what RATEL_ENGINE_OPTIONS_INIT gives),
 * writing only the fields that version has, for callers that cannot use
 * the macro (bindings). Errors: RATEL_EARG for NULL, version 0, or a
 * version newer than this library knows. */
RATEL_API int ratel_engine_options_init(ratel_engine_options *opts,
                                        unsigned int version);

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
                                ratel_plan_info *info, size_t info_size);
#define ratel_engine_plan(engine, index, info) \
    ratel_engine_plan((engine), (index), (info), sizeof *(info))
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
                                 ratel_table_info *info, size_t info_size);
#define ratel_engine_table(engine, index, info) \
    ratel_engine_table((engine), (index), (info), sizeof *(info))

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
                                  ratel_schema_info *info, size_t info_size);
#define ratel_engine_schema(engine, index, info) \
    ratel_engine_schema((engine), (index), (info), sizeof *(info))

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
                                        ratel_schema_field *field,
                                        size_t field_size);
#define ratel_engine_schema_field(engine, schema, index, field) \
    ratel_engine_schema_field((engine), (schema), (index), (field), \
        sizeof *(field))


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
                                    ratel_field_error *err, size_t err_size);
#define ratel_ctx_field_error(ctx, index, err) \
    ratel_ctx_field_error((ctx), (index), (err), sizeof *(err))

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
 * CSV rows (docs/declaration.md, "CSV rows"): a header row names each
 * column by a path of the schema (as the setters above, plus "FLAGS.CODE"
 * columns of one code, list columns of items ';' apart with their fields
 * ':' apart, and ignored columns "line" and "#..."); each data row is
 * then made into a declaration. One line at a time (`len` bytes, no line
 * end, need not be NUL-terminated), RFC 4180 quoting within the line.
 *
 * ratel_csv_header_parse reads the header for declarations of `schema`
 * (NULL: the default plan's). On success the caller owns *out (free with
 * ratel_csv_header_free), which borrows the engine's schema: free it
 * before the engine. Once parsed it is read-only: threads may share it,
 * each with its own context. Errors, on ctx: RATEL_EDECL ("column 3:
 * unknown field 'x' ...", "column 2: quote not closed"), RATEL_ENOTFOUND
 * (no such schema), RATEL_EARG, RATEL_ENOMEM.
 */
typedef struct ratel_csv_header ratel_csv_header;
RATEL_API int ratel_csv_header_parse(ratel_csv_header **out, ratel_ctx *ctx,
                                     const char *schema, const char *line,
                                     size_t len);
RATEL_API void ratel_csv_header_free(ratel_csv_header *h);
/* The number of columns of the header (0 for NULL). */
RATEL_API size_t ratel_csv_header_columns(const ratel_csv_header *h);
/*
 * Makes the declaration of one data row of header h (an empty cell: the
 * field is absent); the caller owns *out. The error is one line on ctx
 * naming the column and its path: "column 3 (applicant.revenue): expected
 * an integer, got 'x'", "column 4 (controls): $.controls.xyz: ...",
 * "5 columns, the header has 6", "column 2: quote not closed".
 * Errors: RATEL_EDECL (the row's), or a setter's (RATEL_EARG,
 * RATEL_ENOTFOUND), RATEL_ENOMEM; *out is then NULL.
 */
RATEL_API int ratel_decl_parse_csv(ratel_decl **out, ratel_ctx *ctx,
                                   const ratel_csv_header *h,
                                   const char *line, size_t len);

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

/* Fills *opts with the defaults of options version `version` (pass
 * RATEL_RATE_OPTIONS_VERSION; RATEL_RATE_OPTIONS_INIT). Errors:
 * RATEL_EARG for NULL, version 0, or a version newer than this library
 * knows. */
RATEL_API int ratel_rate_options_init(ratel_rate_options *opts,
                                      unsigned int version);

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
 * interpreter, the plan's top level and its optional shared(d)
 * (docs/plans.md, "Options menus"). Each option still starts from fresh globals, and its quote is
 * the one ratel_rate gives for the declaration with the option's fields
 * set; an option that changes fields outside `coverages` shares nothing
 * but the plan and tables.
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
                                 ratel_reason *reason, size_t reason_size);
#define ratel_quote_reason(quote, index, reason) \
    ratel_quote_reason((quote), (index), (reason), sizeof *(reason))

/* Subjectivities: conditions to bind the quote ("EDR on all endpoints
 * within 30 days"), kind "subjectivity". */
RATEL_API size_t ratel_quote_subjectivity_count(const ratel_quote *quote);
RATEL_API int ratel_quote_subjectivity(const ratel_quote *quote, size_t index,
                                       ratel_reason *reason,
                                       size_t reason_size);
#define ratel_quote_subjectivity(quote, index, reason) \
    ratel_quote_subjectivity((quote), (index), (reason), sizeof *(reason))

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
                                    ratel_attribute *attribute,
                                    size_t attribute_size);
#define ratel_quote_attribute(quote, index, attribute) \
    ratel_quote_attribute((quote), (index), (attribute), sizeof *(attribute))
RATEL_API int ratel_quote_attribute_find(const ratel_quote *quote,
                                         const char *name,
                                         ratel_attribute *attribute,
                                         size_t attribute_size);
#define ratel_quote_attribute_find(quote, name, attribute) \
    ratel_quote_attribute_find((quote), (name), (attribute), \
        sizeof *(attribute))

typedef struct ratel_coverage {
    const char *name; /* "liability", "expense", "bi" */
    int64_t limit;
    int64_t premium;
} ratel_coverage;

RATEL_API size_t ratel_quote_coverage_count(const ratel_quote *quote);
RATEL_API int ratel_quote_coverage(const ratel_quote *quote, size_t index,
                                   ratel_coverage *coverage,
                                   size_t coverage_size);
#define ratel_quote_coverage(quote, index, coverage) \
    ratel_quote_coverage((quote), (index), (coverage), sizeof *(coverage))

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
                                     ratel_term_difference *difference,
                                     size_t difference_size);
#define ratel_quote_difference(quote, index, difference) \
    ratel_quote_difference((quote), (index), (difference), \
        sizeof *(difference))

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
                                 ratel_entity *entity, size_t entity_size);
#define ratel_quote_entity(quote, index, entity) \
    ratel_quote_entity((quote), (index), (entity), sizeof *(entity))
RATEL_API const ratel_quote *ratel_quote_entity_quote(const ratel_quote *quote,
                                                      size_t index);
/* The rule that shared a group quote's premium among its companies, as
 * the quote document's "group_allocation" names it: "standalone" (in
 * proportion to the standalone premiums), "revenue" or "employees"
 * (the plan's allocate_by); NULL for a quote that is not a group's.
 * Static storage. */
RATEL_API const char *ratel_quote_group_allocation(const ratel_quote *quote);

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
                               ratel_step *step, size_t step_size);
#define ratel_quote_step(quote, index, step) \
    ratel_quote_step((quote), (index), (step), sizeof *(step))

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
                                ratel_table_used *table, size_t table_size);
#define ratel_quote_table(quote, index, table) \
    ratel_quote_table((quote), (index), (table), sizeof *(table))

/* The plan that made the quote. Strings borrowed from the quote. */
RATEL_API const char *ratel_quote_plan_id(const ratel_quote *quote);
RATEL_API const char *ratel_quote_plan_version(const ratel_quote *quote);
RATEL_API const char *ratel_quote_plan_hash(const ratel_quote *quote);

/* Frees memory the library handed to the caller as a plain pointer. */
RATEL_API void ratel_free(void *ptr);



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
                                      ratel_scheme_totals *totals,
                                      size_t totals_size);
#define ratel_scheme_totals_get(scheme, totals) \
    ratel_scheme_totals_get((scheme), (totals), sizeof *(totals))

typedef struct ratel_scheme_tier {
    const char *name;
    int64_t members, top_ups;   /* accepted members; those with a top-up */
    int64_t fees, fixed_fees, top_up_fees, admin_fees;
    int has_tier_order;         /* 0: the plan set no scheme.tier_order */
    int64_t tier_order;         /* where it sorts, when has_tier_order */
    size_t first_seen;          /* its place in the order first seen */
} ratel_scheme_tier;

/* The tiers, by scheme.tier_order, then in the order first seen.
 * Errors: RATEL_EARG (an index out of range). */
RATEL_API size_t ratel_scheme_tier_count(const ratel_scheme *scheme);
RATEL_API int ratel_scheme_tier_get(const ratel_scheme *scheme, size_t index,
                                    ratel_scheme_tier *tier,
                                    size_t tier_size);
#define ratel_scheme_tier_get(scheme, index, tier) \
    ratel_scheme_tier_get((scheme), (index), (tier), sizeof *(tier))

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
                                    ratel_scheme_case *c, size_t c_size);
#define ratel_scheme_case_get(scheme, index, c) \
    ratel_scheme_case_get((scheme), (index), (c), sizeof *(c))
RATEL_API int ratel_scheme_case_reason(const ratel_scheme *scheme,
                                       size_t index, size_t k,
                                       ratel_reason *reason,
                                       size_t reason_size);
#define ratel_scheme_case_reason(scheme, index, k, reason) \
    ratel_scheme_case_reason((scheme), (index), (k), (reason), \
        sizeof *(reason))

/* The account as JSON (docs/structures.md), allocated for the caller
 * (free with ratel_free); *len, when not NULL, its length. Errors:
 * RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_scheme_json(const ratel_scheme *scheme, char **out,
                                size_t *len);

/*
 * Reads an account back from the JSON that ratel_scheme_json() wrote
 * (`len` bytes), so that accounts of a roster's parts made in other
 * processes or on other machines can be merged here in roster order,
 * giving the account of the whole roster. The members not accepted come
 * back listed by kind (referred, refused, failed), as the document lists
 * them. On success *out is the account (the caller frees it with
 * ratel_scheme_free). On failure the return code says why and, unless it
 * is RATEL_ENOMEM or RATEL_EARG, *out is an empty account whose
 * ratel_scheme_errmsg() lists the problems, one a line, each after its
 * JSON path ("$.totals.fees: is 1001 where the account adds up to
 * 1000"; at most 20, then how many more); free it too. Errors:
 * RATEL_EDECL (not JSON, an unknown key, a value of the wrong type, a
 * newer format_version, tiers out of their order, a count or total that
 * is not what the tiers and members add up to), RATEL_EARG (out NULL,
 * json NULL with a length), RATEL_ENOMEM.
 */
RATEL_API int ratel_scheme_parse(ratel_scheme **out, const char *json,
                                 size_t len);

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
                                  size_t index, ratel_structure_info *info,
                                  size_t info_size);
#define ratel_structure_get(r, index, info) \
    ratel_structure_get((r), (index), (info), sizeof *(info))
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
                                        ratel_structure_peril *peril,
                                        size_t peril_size);
#define ratel_structure_peril_get(r, index, peril) \
    ratel_structure_peril_get((r), (index), (peril), sizeof *(peril))

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
                                          ratel_structure_outcome *outcome,
                                          size_t outcome_size);
#define ratel_structure_outcome_get(r, scenario, index, outcome) \
    ratel_structure_outcome_get((r), (scenario), (index), (outcome), \
        sizeof *(outcome))

/* ------------------------------------------------------------------------
 * The broker's comparison: one declaration under every chosen plan (and
 * its options), what each offer pays in loss scenarios, the coverage
 * gaps, the probable maximum loss against the limits, and the questions
 * of whether to buy at all. Formats and formulas: docs/compare.md.
 * ---------------------------------------------------------------------- */

/* Loss scenarios: the shipped ones, or a broker's own from JSON. */
typedef struct ratel_scenarios ratel_scenarios;

/*
 * Reads a scenarios file given as JSON text (`len` bytes): its
 * "format_version" and its "scenarios" (docs/compare.md). On success the
 * caller owns *out, freed with ratel_scenarios_free(); it does not
 * depend on ctx. Errors (*out NULL, details on ctx): RATEL_EDECL (not
 * JSON, an unknown key, a value of the wrong type or range, a newer
 * format_version; each field error names its JSON path, such as
 * "$.scenarios[1].losses.ransome"), RATEL_EARG, RATEL_ENOMEM.
 */
RATEL_API int ratel_scenarios_parse(ratel_scenarios **out, ratel_ctx *ctx,
                                    const char *json, size_t len);
/* The scenarios ratel ships (ransomware, leak, bec, bi_30_days), owned
 * by the caller. Errors: RATEL_EARG, RATEL_ENOMEM. */
RATEL_API int ratel_scenarios_shipped(ratel_scenarios **out);
/* Frees scenarios. NULL is a no-op. */
RATEL_API void ratel_scenarios_free(ratel_scenarios *scenarios);

/* The loss categories scenarios are made of and plans pay
 * (plan.coverage_terms): their ids ("forensic_investigation") and
 * labels, for index 0 .. ratel_loss_category_count() - 1; NULL beyond. */
RATEL_API size_t ratel_loss_category_count(void);
RATEL_API const char *ratel_loss_category_id(size_t index);
RATEL_API const char *ratel_loss_category_label(size_t index);

/*
 * Menus per plan: a broker's own options for each insurer, by plan id.
 * Made empty by ratel_compare_menus_new() and filled with
 * ratel_compare_menus_add(), or read by ratel_compare_menus_parse().
 */
typedef struct ratel_compare_menus ratel_compare_menus;

/* An empty set of menus. Errors: RATEL_EARG, RATEL_ENOMEM (*out NULL). */
RATEL_API int ratel_compare_menus_new(ratel_compare_menus **out);
/* Frees menus and the ratel_options they hold. NULL is a no-op. */
RATEL_API void ratel_compare_menus_free(ratel_compare_menus *menus);
/* Gives plan `plan_id` (copied) the menu `options`, which the menus then
 * own (freed with them) on success; on an error the caller still owns
 * it. Errors: RATEL_EARG (NULL arguments, an empty id, a plan already
 * given a menu, more than 256 plans), RATEL_ENOMEM. */
RATEL_API int ratel_compare_menus_add(ratel_compare_menus *menus,
                                      const char *plan_id,
                                      ratel_options *options);
/*
 * Reads menus per plan from JSON text (`len` bytes): {"format_version":
 * 1, "plans": {"<plan id>": <a menu as ratel_options_parse reads>, ...}}
 * (docs/compare.md). On success the caller owns *out
 * (ratel_compare_menus_free). Errors (*out NULL, details on ctx):
 * RATEL_EDECL (not JSON, an unknown key, a newer format_version, a bad
 * menu; each field error names its JSON path, such as
 * "$.plans[\"sme-cyber\"][0].deductable"), RATEL_EARG, RATEL_ENOMEM.
 */
RATEL_API int ratel_compare_menus_parse(ratel_compare_menus **out,
                                        ratel_ctx *ctx, const char *json,
                                        size_t len);

/*
 * Options of a comparison. Fill with ratel_compare_options_init(), then
 * change the fields you need. Strings and arrays are read during the
 * call only.
 */
typedef struct ratel_compare_options {
    unsigned int version;
    const char *const *plans; /* plan ids; NULL: every plan of the
                                 declaration's schema */
    size_t nplans;
    int menus;                /* 1: each plan's own menu (plan.options);
                                 a plan without one gives one offer */
    const ratel_options *options; /* a menu rated under every plan
                                     (NULL: none; menus then ignored) */
    const ratel_scenarios *scenarios; /* NULL: the shipped ones */
    unsigned int cash_months; /* cash on hand in months of revenue, the
                                 yardstick of seed 003; default 2 */
    /* version 2: */
    const ratel_compare_menus *plan_menus; /* each named plan's own menu,
                                 rated instead of `options` and `menus`
                                 for that plan; the other plans as above.
                                 NULL: none. A plan id the engine lacks
                                 is RATEL_ENOTFOUND; one not compared is
                                 unused */
} ratel_compare_options;

#define RATEL_COMPARE_OPTIONS_VERSION 2

/* Sets *opts to the defaults of options version `version` (pass
 * RATEL_COMPARE_OPTIONS_VERSION). Errors: RATEL_EARG for NULL, version
 * 0, or a version newer than this library knows. */
RATEL_API int ratel_compare_options_init(ratel_compare_options *opts,
                                         unsigned int version);

typedef struct ratel_comparison ratel_comparison;

/*
 * Rates `decl` under every chosen plan (and its options), without
 * worksheets, and for each offer settles every scenario and the probable
 * maximum loss against the terms it priced and the plan's coverage
 * terms; names the coverage gaps and the shortfalls of the limits
 * against the PML; answers what the declaration and scenarios can of
 * seed 003's four questions. An offer a plan declines, or an option that
 * fails, is a result (ratel_comparison_offer), not an error. `opts` may
 * be NULL for the defaults.
 *
 * On success *out is owned by the caller (free with
 * ratel_comparison_free); it holds no reference to ctx, decl, the
 * engine or the options. Errors (*out NULL, details on ctx): RATEL_EARG
 * (NULL arguments, options not made by ratel_compare_options_init() or
 * newer than this library, no plan to compare, more than 4,000 offers),
 * RATEL_ENOTFOUND (a plan
 * named that the engine lacks), RATEL_EDECL (an incomplete declaration,
 * or one whose schema lacks the fields the scenarios read), RATEL_ERESULT
 * (a scenario's loss beyond 10^15 yen, naming it), RATEL_ENOMEM. A plan
 * whose top level or shared() fails gives an offer with that error.
 */
RATEL_API int ratel_compare(ratel_comparison **out, ratel_ctx *ctx,
                            const ratel_decl *decl,
                            const ratel_compare_options *opts);
/* Frees a comparison. NULL is a no-op. */
RATEL_API void ratel_comparison_free(ratel_comparison *c);

/* The comparison as JSON with "format_version" (docs/compare.md), or as
 * CSV (one row per offer and scenario), NUL-terminated, in *out (the
 * caller frees it with ratel_free); its length in *len when `len` is not
 * NULL. The same bytes for the same input. Errors: RATEL_EARG,
 * RATEL_ENOMEM. */
RATEL_API int ratel_comparison_json(const ratel_comparison *c, char **out,
                                    size_t *len);
RATEL_API int ratel_comparison_csv(const ratel_comparison *c, char **out,
                                   size_t *len);

/* Strings and quotes below are borrowed from the comparison and valid
 * until it is freed. Indexed accessors return RATEL_EARG for an index
 * out of range. Amounts are in the declaration's currency. */

/* Who and what the comparison is for: the applicant, the effective date
 * (YYYY-MM-DD), the currency of every amount and the digits of its minor
 * unit; what the scenarios read of the declaration (a group's companies
 * summed); and the cash yardstick, cash_months of that revenue. */
typedef struct ratel_comparison_info {
    const char *applicant;
    const char *effective_date;
    const char *currency;
    int currency_digits;
    int64_t revenue;
    int64_t personal_records;
    int64_t employees;
    size_t companies;
    unsigned int cash_months;
    int64_t cash;
} ratel_comparison_info;

RATEL_API int ratel_comparison_get(const ratel_comparison *c,
                                   ratel_comparison_info *info,
                                   size_t info_size);
#define ratel_comparison_get(c, info) \
    ratel_comparison_get((c), (info), sizeof *(info))

/* The offers: one per plan, or per plan and option. */
typedef struct ratel_offer {
    const char *plan;       /* plan id */
    const char *insurer;
    const char *product;
    const char *option;     /* the option's name; NULL: no option */
    const ratel_quote *quote; /* NULL when rating failed */
    int error;              /* RATEL_OK, or why rating failed */
    const char *message;    /* the failure's message, or NULL */
    size_t ngaps;
    size_t nshortfalls;
} ratel_offer;

RATEL_API size_t ratel_comparison_offer_count(const ratel_comparison *c);
RATEL_API int ratel_comparison_offer(const ratel_comparison *c, size_t index,
                                     ratel_offer *offer, size_t offer_size);
#define ratel_comparison_offer(c, index, offer) \
    ratel_comparison_offer((c), (index), (offer), sizeof *(offer))

/* A coverage gap of an offer: a code ("no_business_interruption",
 * "not_covered", "sublimit", "coinsurance", "no_coverage_terms") and a
 * text ("no business interruption", "ransom (where lawful) not covered",
 * "expense sub-limit JPY 20,000,000"). */
typedef struct ratel_gap {
    const char *code;
    const char *text;
} ratel_gap;

RATEL_API int ratel_comparison_gap(const ratel_comparison *c, size_t offer,
                                   size_t index, ratel_gap *gap,
                                   size_t gap_size);
#define ratel_comparison_gap(c, offer, index, gap) \
    ratel_comparison_gap((c), (offer), (index), (gap), sizeof *(gap))

/* Where an offer's limit (or a sub-limit, or a missing part) leaves part
 * of the probable maximum loss uninsured: the coverage part, what the
 * PML asks of it, what it pays, the shortfall, and a sentence. */
typedef struct ratel_shortfall {
    const char *part;
    int64_t pml;
    int64_t pays;
    int64_t shortfall;
    const char *text;
} ratel_shortfall;

RATEL_API int ratel_comparison_shortfall(const ratel_comparison *c,
                                         size_t offer, size_t index,
                                         ratel_shortfall *shortfall,
                                         size_t shortfall_size);
#define ratel_comparison_shortfall(c, offer, index, shortfall) \
    ratel_comparison_shortfall((c), (offer), (index), (shortfall), sizeof *(shortfall))

/* The scenarios, in order, the probable maximum loss last (id "pml"). */
typedef struct ratel_scenario_info {
    const char *id;
    const char *name;
    const char *source;
    int64_t loss;           /* the total loss for this declaration */
    int64_t records;        /* personal records counted (0: none) */
    int64_t outage_hours;   /* of time-element losses (0: none) */
    int is_pml;
} ratel_scenario_info;

RATEL_API size_t ratel_comparison_scenario_count(const ratel_comparison *c);
RATEL_API int ratel_comparison_scenario(const ratel_comparison *c,
                                        size_t index,
                                        ratel_scenario_info *info,
                                        size_t info_size);
#define ratel_comparison_scenario(c, index, info) \
    ratel_comparison_scenario((c), (index), (info), sizeof *(info))

/* What an offer pays and what the client keeps in a scenario, in total
 * (category (size_t)-1) or for one loss category; share_of_cash_pct is
 * the client's part against the cash yardstick, in percent. A declined
 * or failed offer pays nothing. */
typedef struct ratel_settlement {
    int64_t loss;
    int64_t insurer_pays;
    int64_t client_keeps;
    double share_of_cash_pct;
    /* why the client keeps what it keeps, in claim-adjustment order: no
     * part priced pays it, the waiting or indemnity period, the
     * deductible, the coinsurance, a sub-limit, the limit or aggregate */
    int64_t kept_not_covered, kept_waiting_period, kept_deductible;
    int64_t kept_coinsurance, kept_sublimit, kept_limit;
} ratel_settlement;

RATEL_API int ratel_comparison_settlement(const ratel_comparison *c,
                                          size_t offer, size_t scenario,
                                          size_t category,
                                          ratel_settlement *settlement,
                                          size_t settlement_size);
#define ratel_comparison_settlement(c, offer, scenario, category, settlement) \
    ratel_comparison_settlement((c), (offer), (scenario), (category), (settlement), sizeof *(settlement))

/* Seed 003's four questions (is cash for incident response secured; is
 * the expected loss tolerable this year; are response staff in place;
 * is security know-how in house or on call), each answered "yes",
 * "doubt" or "unknown" from what the declaration and scenarios show,
 * with why; and the seed's advice for the answers ("decide on other
 * needs", "consider insurance", "check first"). */
typedef struct ratel_question {
    int number;             /* 1..4 */
    const char *question;
    const char *answer;     /* "yes", "doubt" or "unknown" */
    const char *why;
} ratel_question;

RATEL_API size_t ratel_comparison_question_count(const ratel_comparison *c);
RATEL_API int ratel_comparison_question(const ratel_comparison *c,
                                        size_t index,
                                        ratel_question *question,
                                        size_t question_size);
#define ratel_comparison_question(c, index, question) \
    ratel_comparison_question((c), (index), (question), sizeof *(question))
RATEL_API const char *ratel_comparison_advice(const ratel_comparison *c);

/* ------------------------------------------------------------------------
 * Quote journal (docs/journal.md): every quote kept in an SQLite database
 * with what made it, replayable to the byte: the declaration's bytes, the
 * product schema, the plan source and each rate table's content (each of
 * these stored once, by its SHA-256), the options, overrides and
 * authority, the engine version and the quote's JSON, with the caller's
 * reference and timestamp (the library reads no clock).
 *
 * A ratel_journal is one connection to the database: use it from one
 * thread at a time. Several handles, in several threads and processes,
 * may append to one journal at once (WAL mode; a writer waits for the
 * others up to busy_timeout_ms).
 * ---------------------------------------------------------------------- */

typedef struct ratel_journal ratel_journal;

typedef struct ratel_journal_options {
    unsigned int version;
    int read_only;        /* 1: open an existing journal, only to read */
    int durable;          /* 1: a commit returns once it is on disk, so a
                             power cut loses nothing committed; 0: a killed
                             process loses nothing committed, a power cut
                             may lose the last commits (faster) */
    unsigned int busy_timeout_ms; /* a write waits this long for another
                             writer before failing; default 10,000 */
    int verify;           /* 1: check every page at open (PRAGMA
                             quick_check); slow on a large journal */
} ratel_journal_options;

#define RATEL_JOURNAL_OPTIONS_VERSION 1

/* Sets *opts to the defaults of options version `version` (pass
 * RATEL_JOURNAL_OPTIONS_VERSION). Errors: RATEL_EARG for NULL, version
 * 0, or a version newer than this library knows. */
RATEL_API int ratel_journal_options_init(ratel_journal_options *opts,
                                         unsigned int version);

/*
 * Opens the journal at `path`, creating it when the file does not exist
 * or is empty (unless opts->read_only). A file that is not a quote
 * journal, a journal of a newer format, and a damaged one are refused and
 * left as they are. `opts` may be NULL for the defaults; options not made
 * by ratel_journal_options_init() or newer than the library are refused.
 * On success *out is the journal (ratel_journal_close). On failure *out
 * is NULL for RATEL_ENOMEM, else a handle in a failed state whose
 * ratel_journal_errmsg() explains (close it). Errors: RATEL_EARG,
 * RATEL_EIO (cannot open or create, not a journal, newer, damaged),
 * RATEL_ENOMEM.
 */
RATEL_API int ratel_journal_open(ratel_journal **out, const char *path,
                                 const ratel_journal_options *opts);
/* Closes a journal, rolling back a transaction left open. Detach it from
 * its contexts first. NULL is a no-op. */
RATEL_API void ratel_journal_close(ratel_journal *j);
/* The last error message of a journal, naming its file ("" when none).
 * Borrowed: valid until the next call on j. */
RATEL_API const char *ratel_journal_errmsg(const ratel_journal *j);

/*
 * Makes every quote ratel_rate() makes on ctx keep what a journal records,
 * for ratel_journal_add() (on = 0 stops, and detaches a journal). A
 * declaration parsed on ctx while it keeps records keeps its bytes; one
 * built through the setters (or parsed elsewhere, or changed by a setter
 * since) is recorded as its ratel_decl_json() text. Menus
 * (ratel_rate_menu) are not recorded. Errors: RATEL_EARG, RATEL_ENOMEM.
 */
RATEL_API int ratel_journal_keep(ratel_ctx *ctx, int on);

/*
 * Attaches journal j to ctx (NULL detaches): from then on ratel_rate() on
 * ctx records each quote in j before it returns it, within j's open
 * transaction if any, else committed at once, with the reference and
 * timestamp given by ratel_journal_stamp() before the call. A quote that
 * cannot be recorded is not returned: ratel_rate() fails with RATEL_EARG
 * (no stamp) or the error of ratel_journal_add() (message on ctx).
 * Implies ratel_journal_keep(ctx, 1). j must stay open while attached and
 * be used on ctx's thread only. Errors: RATEL_EARG (j not open),
 * RATEL_ENOMEM.
 */
RATEL_API int ratel_journal_attach(ratel_ctx *ctx, ratel_journal *j);

/* The caller's reference (text up to 1,000 bytes without NUL, copied;
 * NULL: none) and timestamp (milliseconds since 1970-01-01T00:00:00Z,
 * up to the end of year 2999) of the next quote ratel_rate() records
 * through ctx's journal; used by that quote only. Errors: RATEL_EARG,
 * RATEL_ENOMEM. */
RATEL_API int ratel_journal_stamp(ratel_ctx *ctx, const char *reference,
                                  int64_t timestamp_ms);

/* The quote id of the last quote recorded through ctx's journal (0 when
 * none). */
RATEL_API int64_t ratel_journal_last_id(const ratel_ctx *ctx);

/*
 * Records quote q, rated on a context keeping records by `engine` (still
 * open), in j, with the caller's reference and timestamp (as for
 * ratel_journal_stamp): within j's open transaction if any, else
 * committed at once. Its quote id in *id (may be NULL). The plan, schema
 * and tables are stored the first time the journal sees them. Errors (on
 * j): RATEL_EARG (q keeps no record, or was rated by another engine; a
 * bad reference or timestamp), RATEL_EIO (the journal could not be
 * written: disk full, busy beyond the timeout, damaged; nothing of q is
 * written), RATEL_ENOMEM.
 */
RATEL_API int ratel_journal_add(ratel_journal *j, const ratel_engine *engine,
                                const ratel_quote *q, const char *reference,
                                int64_t timestamp_ms, int64_t *id);

/*
 * A quote's record apart from the quote: what ratel_journal_add() records
 * of it (the declaration's bytes, the options, the quote's JSON without
 * the members its plan and tables share), about 1.3 KB where the quote
 * takes several. A batch takes the records on its rating threads, frees
 * each quote at once, and records them on the journal's thread.
 *
 * ratel_journal_record_take moves q's record (q rated on a context keeping
 * records) into *out, caller-owned (ratel_journal_record_free; it may be
 * freed on any thread); q keeps none afterwards, so no other thread may
 * use q meanwhile. Errors: RATEL_EARG (NULL, or q keeps no record; *out
 * NULL).
 *
 * ratel_journal_add_record records rec as ratel_journal_add() records its
 * quote: same arguments, errors and transaction; the recorded bytes are
 * the same. rec stays the caller's.
 */
typedef struct ratel_journal_record ratel_journal_record;
RATEL_API int ratel_journal_record_take(ratel_journal_record **out,
                                        ratel_quote *q);
RATEL_API int ratel_journal_add_record(ratel_journal *j,
                                       const ratel_engine *engine,
                                       const ratel_journal_record *rec,
                                       const char *reference,
                                       int64_t timestamp_ms, int64_t *id);
RATEL_API void ratel_journal_record_free(ratel_journal_record *rec);

/* A transaction: what is recorded between begin and commit is written
 * together (one commit for a chunk of a batch, not one per quote), or not
 * at all after rollback or when the process dies first. Errors (on j):
 * RATEL_EARG (begin with one open, commit without), RATEL_EIO (busy
 * beyond the timeout, disk full; a failed commit is rolled back),
 * RATEL_ENOMEM. */
RATEL_API int ratel_journal_begin(ratel_journal *j);
RATEL_API int ratel_journal_commit(ratel_journal *j);
RATEL_API void ratel_journal_rollback(ratel_journal *j);

/* A mark: a key (text up to 1,000 bytes) recorded with the transaction,
 * so that work redone after a crash can tell what was already recorded
 * ("batch RUN chunk 12"). ratel_journal_marked returns 1 when the key was
 * marked, 0 when not, or a negative error. Errors (on j): RATEL_EARG
 * (NULL, empty or too long; a key marked already), RATEL_EIO,
 * RATEL_ENOMEM. */
RATEL_API int ratel_journal_mark(ratel_journal *j, const char *key);
RATEL_API int ratel_journal_marked(ratel_journal *j, const char *key);

/* One recorded quote, as read back. Strings are borrowed from the cursor
 * until its next call. */
typedef struct ratel_journal_entry {
    int64_t id;
    const char *reference;    /* NULL: none */
    const char *timestamp;    /* "YYYY-MM-DDTHH:MM:SS.sssZ" */
    const char *plan_id;
    const char *plan_version;
    const char *decision;     /* "quoted", "referred" or "declined" */
    int64_t total_premium;
    const char *currency;
    const char *declaration;  /* the bytes recorded */
    size_t declaration_len;
    const char *quote_json;   /* the quote's JSON, as ratel_quote_json() */
    size_t quote_len;
} ratel_journal_entry;

typedef struct ratel_journal_cursor ratel_journal_cursor;

/*
 * Reads the quotes of j: quote `id` alone when id > 0, else those
 * stamped at or after `since` ("YYYY-MM-DD", or a timestamp
 * "YYYY-MM-DDTHH:MM:SS[.sss]Z", UTC) in time order, else (since NULL)
 * all in id order. j must stay open while the cursor lives. Errors (on
 * j): RATEL_EARG (a bad `since`), RATEL_EIO, RATEL_ENOMEM.
 */
RATEL_API int ratel_journal_read(ratel_journal_cursor **out, ratel_journal *j,
                                 int64_t id, const char *since);
/* The next quote: 1 and *entry, 0 at the end, or a negative error
 * (RATEL_EIO: the journal is damaged; message on the cursor's journal). */
RATEL_API int ratel_journal_next(ratel_journal_cursor *c,
                                 ratel_journal_entry *entry,
                                 size_t entry_size);
#define ratel_journal_next(c, entry) \
    ratel_journal_next((c), (entry), sizeof *(entry))
/* The current quote as a JSON document (docs/journal.md, "Export"):
 * format_version, id, reference, timestamp, engine version, schema, plan,
 * tables, authority, flags, overrides, the declaration and the quote; on
 * one line when one_line, else one member a line. The caller frees *out
 * with ratel_free(). Errors: RATEL_EARG (no current quote),
 * RATEL_ENOMEM, RATEL_EIO. */
RATEL_API int ratel_journal_entry_json(ratel_journal_cursor *c, int one_line,
                                       char **out, size_t *len);
/* Frees a cursor. NULL is a no-op. */
RATEL_API void ratel_journal_cursor_free(ratel_journal_cursor *c);

/*
 * Replay: re-rates recorded quotes and compares the bytes of each new
 * quote JSON with the recorded one.
 */
typedef struct ratel_replay_options {
    unsigned int version;
    int64_t id;               /* > 0: this quote alone */
    const char *since;        /* as for ratel_journal_read; NULL: all */
    ratel_engine *engine;     /* NULL: each quote's stored plan source,
                                 schema and tables; else this engine
                                 (today's plans and tables) */
    unsigned int threads;     /* 1 .. 64; default 1 */
    int all;                  /* 1: an item for every quote; 0: only for
                                 those that differ or fail */
} ratel_replay_options;

#define RATEL_REPLAY_OPTIONS_VERSION 1

/* Sets *opts to the defaults of options version `version`. Errors:
 * RATEL_EARG for NULL, version 0, or newer than this library. */
RATEL_API int ratel_replay_options_init(ratel_replay_options *opts,
                                        unsigned int version);

typedef enum ratel_replay_status {
    RATEL_REPLAY_SAME = 0,    /* the same bytes */
    RATEL_REPLAY_DIFFERS = 1, /* rated, other bytes */
    RATEL_REPLAY_FAILED = 2   /* could not be rated again */
} ratel_replay_status;

/* One replayed quote. Strings are borrowed from the replay until its next
 * call. */
typedef struct ratel_replay_item {
    int64_t id;
    const char *reference;    /* NULL: none */
    const char *timestamp;
    ratel_replay_status status;
    const char *recorded;     /* the recorded quote JSON */
    size_t recorded_len;
    const char *replayed;     /* the new one (NULL when failed) */
    size_t replayed_len;
    int64_t total_recorded, total_replayed;
    const char *decision_recorded, *decision_replayed;
    size_t step;              /* the first worksheet step that differs
                                 (1-based); 0: none found */
    const char *difference;   /* where the quotes first differ, one line
                                 ("step 12 policy \"Security credit\":
                                 value 0.8 -> 0.75, premium ..." or
                                 "total_premium: 148950 -> 150000"); for
                                 a failed quote, why; "" when the same */
} ratel_replay_item;

typedef struct ratel_replay ratel_replay;

/* Starts a replay of j's quotes chosen by opts (NULL: all, stored
 * sources, one thread). j and opts->engine must outlive it. Errors (on
 * j): RATEL_EARG (bad options), RATEL_EIO, RATEL_ENOMEM. */
RATEL_API int ratel_replay_open(ratel_replay **out, ratel_journal *j,
                                const ratel_replay_options *opts);
/* The next item in id order: 1 and *item, 0 at the end, or a negative
 * error (the journal unreadable; message on j). A quote that cannot be
 * rated again is an item (RATEL_REPLAY_FAILED), not an error. */
RATEL_API int ratel_replay_next(ratel_replay *r, ratel_replay_item *item,
                                size_t item_size);
#define ratel_replay_next(r, item) \
    ratel_replay_next((r), (item), sizeof *(item))
/* The quotes replayed so far: the same, differing and failed. */
RATEL_API void ratel_replay_counts(const ratel_replay *r, uint64_t *same,
                                   uint64_t *differ, uint64_t *failed);
/* Frees a replay. NULL is a no-op. */
RATEL_API void ratel_replay_free(ratel_replay *r);

/* A declaration written as JSON (decl_write.c): the fields given, in the
 * schema's order, after a "schema" key; parsing the text with the same
 * schema gives the same declaration. The caller frees *out with
 * ratel_free(); its length in *len (may be NULL). Errors: RATEL_EARG,
 * RATEL_ENOMEM. */
RATEL_API int ratel_decl_json(const ratel_decl *decl, char **out,
                              size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* RATEL_H */

/*
 * ratel_sys.h - the tooling API of libratel: what `ratel tables build`,
 * `ratel test` and `ratel lint` are made of (table builds, plan tests, the
 * globals a plan may use, the keys of a loaded table). A quoting system
 * needs only ratel.h; tools that build tables or test and lint plans
 * include this header too. Same conventions and stability promise as
 * ratel.h (docs/api.md).
 */
#ifndef RATEL_SYS_H
#define RATEL_SYS_H

#include "ratel.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/*
 * Options of a table build or check. schemas_path: the folder of product
 * schemas (ID.json) that keys declared as codes in the manifest
 * ("industry:code(cyber-sme.industries)", docs/tables.md) are checked
 * against; NULL: none, and a manifest that declares code keys is refused.
 * Initialise with ratel_tables_options_init(&o, RATEL_TABLES_OPTIONS_VERSION)
 * (RATEL_EARG for version 0 or a version newer than the library's).
 */
typedef struct ratel_tables_options {
    unsigned int version;
    const char *schemas_path;
} ratel_tables_options;

#define RATEL_TABLES_OPTIONS_VERSION 1
RATEL_API int ratel_tables_options_init(ratel_tables_options *opts,
                                        unsigned int version);

/*
 * ratel_tables_build() and ratel_tables_check() with options (NULL: the
 * defaults). Besides the errors of those, RATEL_EARG for options of a
 * newer version. Warnings (a code with no row in a table the manifest
 * says must cover every code) follow the problems in *errmsg, one per
 * line as "manifest.csv:LINE: warning: ...", and are there on success
 * too (*errmsg NULL when there is nothing to say; the caller frees it
 * with ratel_free()).
 */
RATEL_API int ratel_tables_build_with(const char *source_dir,
                                      const char *db_path,
                                      const ratel_tables_options *opts,
                                      char **errmsg);
RATEL_API int ratel_tables_check_with(const char *path,
                                      const ratel_tables_options *opts,
                                      char **errmsg);

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
 * Checks text key `key` of exact table `index` against the codes of a
 * list (`codes`, ncodes of them, named `list` in messages), as
 * `ratel tables build` checks a key the manifest declares as codes: each
 * key not in the list is a problem, with the nearest code ("column
 * industry: \"retial\" is not a code of industries; did you mean
 * \"retail\"?"), and when `every` each code with no row too ("column
 * industry: no row for \"education\" of industries"). *problems gets them one a line, or NULL when there are
 * none; the caller frees it with ratel_free(). Errors: RATEL_EARG (an
 * index out of range, not a text key of an exact table, a NULL
 * argument), RATEL_ENOMEM.
 */
RATEL_API int ratel_engine_table_check_codes(
    const ratel_engine *engine, size_t index, size_t key, const char *list,
    const char *const *codes, size_t ncodes, int every, char **problems);

/*
 * Every global a plan can use, one per line, sorted: plain names
 * ("lookup", "pairs") and library fields ("string.format"). For linters.
 * The caller frees *out with ratel_free(). Errors: RATEL_ENOMEM.
 */
RATEL_API int ratel_plan_globals(char **out);

/*
 * The folder of the installed data (ratel.db, rating-scripts/, their
 * schemas/), written NUL-terminated into buf (size bytes): the nearest
 * DIR/share/ratel above the file `near` (NULL: the running program, read
 * from /proc/self/exe), so that a tree installed under any prefix, or
 * moved, finds its own data; else the prefix the library was built for
 * (PREFIX/share/ratel, /usr/local/share/ratel by default). The tool and
 * the Python module (`near`: its shared object) default to it; the
 * folder is not checked for content. Errors: RATEL_EARG (buf NULL, or
 * size too small for the result).
 */
RATEL_API int ratel_data_dir(char *buf, size_t size, const char *near);

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
 * ratel_rate_options holds them.
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

#ifdef __cplusplus
}
#endif

#endif

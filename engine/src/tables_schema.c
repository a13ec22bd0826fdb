/* tables_schema.c - the schema of a table database (docs/tables.md). The
 * build creates exactly these tables and the load accepts nothing else:
 * no view, trigger or other object that could run code or loop while the
 * database is read. */
#include "tables_int.h"

const char *const tbl_schema_names[TBL_SCHEMA_TABLES] = {
    "ratel_meta", "ratel_tables", "ratel_columns", "ratel_rows",
    "ratel_cells"};

const char *const tbl_schema_sql[TBL_SCHEMA_TABLES] = {
    "CREATE TABLE ratel_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE ratel_tables("
    " id INTEGER PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL,"
    " effective_from TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
    " UNIQUE(name, effective_from), UNIQUE(name, version))",
    "CREATE TABLE ratel_columns("
    " table_id INTEGER NOT NULL REFERENCES ratel_tables(id),"
    " position INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,"
    " type TEXT NOT NULL, domain TEXT NOT NULL,"
    " PRIMARY KEY(table_id, position)) WITHOUT ROWID",
    "CREATE TABLE ratel_rows("
    " table_id INTEGER NOT NULL REFERENCES ratel_tables(id),"
    " row INTEGER NOT NULL, line INTEGER NOT NULL,"
    " PRIMARY KEY(table_id, row)) WITHOUT ROWID",
    "CREATE TABLE ratel_cells("
    " table_id INTEGER NOT NULL REFERENCES ratel_tables(id),"
    " row INTEGER NOT NULL, col INTEGER NOT NULL, value,"
    " PRIMARY KEY(table_id, row, col)) WITHOUT ROWID"};

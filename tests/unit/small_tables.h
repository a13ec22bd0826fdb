/* small_tables.h - a small set of table sources (one table of each kind,
 * a declared domain) and a plan that uses them, for the tests that break
 * things many times over: a build, a load or an engine open costs little. */
#ifndef RATEL_SMALL_TABLES_H
#define RATEL_SMALL_TABLES_H

#include "testutil.h"

#include <sys/stat.h>

/* A fresh scratch directory (in buf[64]) on /dev/shm when there is one:
 * these tests build databases thousands of times, and SQLite syncs each
 * one to disk, which on a disk costs far more than the work. Remove it
 * with test_rmdir. */
static inline const char *small_tables_dir(char buf[64])
{
    strcpy(buf, access("/dev/shm", W_OK) == 0 ? "/dev/shm/ratel-test-XXXXXX"
                                              : "/tmp/ratel-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
    return buf;
}

/* Writes manifest.csv, i.csv, b.csv, e.csv, plan.lua and the plan's
 * product schema (schemas/small.json, where engine open looks beside a
 * plan file) into dir. */
static inline void small_tables_write(const char *dir)
{
    char schemas[128];
    snprintf(schemas, sizeof schemas, "%s/schemas", dir);
    assert_int_equal(mkdir(schemas, 0700), 0);
    test_write(schemas, "small.json",
               "{\"schema\": \"small\", \"version\": 1, \"title\": "
               "\"Small\", \"description\": \"A date and a revenue\", "
               "\"money_words\": \"yen\", \"fields\": {\"effective_date\": "
               "{\"type\": \"date\", \"description\": \"Date\", "
               "\"required\": true, \"role\": \"effective_date\"}, "
               "\"revenue\": {\"type\": \"money\", \"description\": "
               "\"Revenue\"}}}\n");
    test_write(dir, "manifest.csv",
               "file,name,version,effective_from,kind,keys,values\n"
               "i.csv,industry,1,2020-01-01,exact,industry,factor\n"
               "b.csv,base,1,2020-01-01,interpolate,revenue,premium\n"
               "e.csv,emp,1,2020-01-01,band,employees,factor credit:-1..1\n");
    test_write(dir, "i.csv", "industry,factor\nretail,1.2\nfinance,1.5\n");
    test_write(dir, "b.csv", "revenue,premium\n0,1000\n100,2000\n");
    test_write(dir, "e.csv", "employees_from,employees_to,factor,credit\n"
                             "0,50,1,-0.5\n50,,1.5,0.25\n");
    test_write(dir, "plan.lua",
               "plan = { id = 't', insurer = 'I', product = 'P', "
               "version = '1', effective_date = '2020-01-01', "
               "schema = 'small@1', tables = { 'industry', 'base' } }\n"
               "function rate(d) cover('liability', 1) "
               "set('liability', 'p', 1000) combine('c') end\n");
}

#endif

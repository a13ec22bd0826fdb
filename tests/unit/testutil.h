/* testutil.h - what every cmocka unit test includes. */
#ifndef RATEL_TESTUTIL_H
#define RATEL_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ratel.h"

/* Paths in tests are relative to the repository root (make runs there). */
#define TEST_TABLES_DIR "tables"
#define TEST_PLANS_DIR "rating-scripts"

#endif

#include <sys/stat.h>
#include <unistd.h>

/* Reads a whole file (NUL-terminated); NULL if it cannot. Caller frees. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1))) {
        if (fread(data, 1, (size_t)n, f) != (size_t)n) {
            free(data);
            data = NULL;
        } else {
            data[n] = '\0';
            if (len)
                *len = (size_t)n;
        }
    }
    fclose(f);
    return data;
}

/* Writes `text` to dir/name. */
static inline void test_write(const char *dir, const char *name,
                              const char *text)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A fresh temporary directory (template in buf[64]). */
static inline const char *test_tmpdir(char buf[64])
{
    strcpy(buf, "/tmp/ratel-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
    return buf;
}

/* Removes a directory made by test_tmpdir and the files in it. */
static inline void test_rmdir(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The text of a plan with standard metadata around `body` (Lua). */
#define TEST_PLAN(body)                                                     \
    "plan = { id = 't', insurer = 'Test', product = 'Test', version = '1',"  \
    " effective_date = '2020-01-01', tables = { 'sme_terms', "               \
    "'sme_industry', 'sme_incident_severity', 'sme_deductible' } }\n" body

/* The neutral example declaration. */
#define TEST_NEUTRAL "examples/neutral.json"

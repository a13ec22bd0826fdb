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

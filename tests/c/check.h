/* Minimal assertion helpers for the C tests: each CHECK counts; main returns report(). */
#ifndef OTCORE_TEST_CHECK_H
#define OTCORE_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include "otcore.h"

static int checks_passed = 0;
static int checks_failed = 0;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond) {                                                            \
            checks_passed++;                                                   \
        } else {                                                               \
            checks_failed++;                                                   \
            printf("FAILED %s:%d: %s (last error: %s)\n", __FILE__, __LINE__,  \
                   #cond, otc_last_error_message());                           \
        }                                                                      \
    } while (0)

#define CHECK_STATUS(call, expected)                                           \
    do {                                                                       \
        otc_status check_status_ = (call);                                     \
        if (check_status_ == (expected)) {                                     \
            checks_passed++;                                                   \
        } else {                                                               \
            checks_failed++;                                                   \
            printf("FAILED %s:%d: %s returned %d (%s), expected %d: %s\n",     \
                   __FILE__, __LINE__, #call, (int)check_status_,              \
                   otc_status_message(check_status_), (int)(expected),         \
                   otc_last_error_message());                                  \
        }                                                                      \
    } while (0)

#define CHECK_CLOSE(a, b, tol) CHECK(fabs((double)(a) - (double)(b)) <= (tol))

static int report(void) {
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif

/* Teardown: entry points called while the calling thread's thread-local storage is being or
 * has been destroyed: from a pthread key destructor (run after the thread's TLS destructors)
 * and from an atexit handler (run after the main thread's TLS destructors). Good calls
 * succeed with the right values, bad calls return their status, otc_last_error_message
 * never aborts and never returns NULL. The atexit handler prints the report and exits. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

/* Exact OT between two 2-point histograms with cost [[0, 1], [1, 0]] and a = (0.25, 0.75),
 * b = (0.75, 0.25): half of the mass moves at cost 1, so the optimum is 0.5. */
static void calls(uint32_t threads) {
    static const double a[2] = {0.25, 0.75}, b[2] = {0.75, 0.25};
    static const double c[4] = {0.0, 1.0, 1.0, 0.0};
    otc_emd_options opts;
    otc_emd_result res;
    otc_matrix_f64 cost = {c, 2, 2, 2, 1};
    otc_matrix_mut_f64 no_plan = {NULL, 0, 0, 0, 0};
    const char *msg;
    double sliced = -1.0;
    otc_matrix_f64 x = {a, 2, 1, 1, 1};
    otc_matrix_f64 no_dirs = {NULL, 0, 0, 0, 0};

    CHECK_STATUS(otc_emd_options_default(&opts), OTC_OK);
    opts.num_threads = threads;
    res.cost = -1.0;
    CHECK_STATUS(otc_emd(a, 2, b, 2, cost, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL,
                         no_plan, &opts, NULL, 0),
                 OTC_OK);
    CHECK_CLOSE(res.cost, 0.5, 1e-15);
    msg = otc_last_error_message();
    CHECK(msg != NULL);
    /* Threaded (directions split over the workers when threads > 1). */
    CHECK_STATUS(otc_sliced_wasserstein(x, a, x, a, 2.0, 16, 3, no_dirs, &sliced, &opts, NULL, 0),
                 OTC_OK);
    CHECK(sliced == 0.0);
    /* A bad call: a NULL weight vector. */
    res.cost = -1.0;
    CHECK_STATUS(otc_emd(NULL, 2, b, 2, cost, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL,
                         no_plan, &opts, NULL, 0),
                 OTC_ERR_NULL_POINTER);
    CHECK(res.cost == -1.0);
    msg = otc_last_error_message();
    CHECK(msg != NULL && msg[0] != '\0');
    CHECK(otc_status_message(OTC_ERR_NULL_POINTER) != NULL);
}

static pthread_key_t key;

static void key_destructor(void *value) {
    (void)value;
    calls(1);
    calls(2);
}

static void *thread_body(void *arg) {
    (void)arg;
    calls(1); /* the thread's otcore state now exists (and has a destructor) */
    pthread_setspecific(key, &key);
    return NULL;
}

static void at_exit(void) {
    int code;
    calls(1);
    calls(2);
    code = report();
    fflush(stdout);
    _exit(code);
}

int main(void) {
    pthread_t t;
    CHECK(pthread_key_create(&key, key_destructor) == 0);
    CHECK(pthread_create(&t, NULL, thread_body, NULL) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    calls(1); /* the main thread's state exists before exit destroys it */
    CHECK(atexit(at_exit) == 0);
    return 0;
}

/* Teardown: entry points called while the calling thread's thread-local storage is being or
 * has been destroyed: from a pthread key destructor (run after the thread's TLS destructors)
 * and from an atexit handler (run after the main thread's TLS destructors). Good calls
 * succeed with the right values, bad calls return their status, otc_last_error_message
 * never aborts and never returns NULL. The atexit handler prints the report and exits. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

/* Exact OT between two 2-point histograms with cost [[0, 1], [1, 0]] and a = (0.25, 0.75),
 * b = (0.75, 0.25): half of the mass moves at cost 1, so the optimum is 0.5. */
static void calls(uint32_t threads) {
    static const double a[2] = {0.25, 0.75}, b[2] = {0.75, 0.25};
    static const double c[4] = {0.0, 1.0, 1.0, 0.0};
    otc_emd_problem_f64 pb;
    otc_emd_outputs_f64 res;
    otc_sliced_wasserstein_options sopts;
    otc_sliced_wasserstein_problem_f64 sp;
    otc_sliced_wasserstein_outputs_f64 sliced;
    otc_workspace alloc = {NULL, 0};
    otc_matrix_f64 cost = {c, 2, 2, 2, 1};
    otc_matrix_f64 x = {a, 2, 1, 1, 1};
    const char *msg;

    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.a = a;
    pb.n = 2;
    pb.b = b;
    pb.m = 2;
    pb.cost = cost;
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    res.cost = -1.0;
    CHECK_STATUS(otc_emd_f64(&pb, &res, NULL, alloc), OTC_OK);
    CHECK_CLOSE(res.cost, 0.5, 1e-15);
    msg = otc_last_error_message();
    CHECK(msg != NULL);
    /* Threaded (directions split over the workers when threads > 1). */
    CHECK_STATUS(otc_sliced_wasserstein_options_default(&sopts), OTC_OK);
    sopts.num_threads = threads;
    sopts.num_directions = 16;
    sopts.seed = 3;
    memset(&sp, 0, sizeof sp);
    sp.struct_size = sizeof sp;
    sp.x = x;
    sp.a = a;
    sp.y = x;
    sp.b = a;
    sp.p = 2.0;
    memset(&sliced, 0, sizeof sliced);
    sliced.struct_size = sizeof sliced;
    sliced.swp_p = -1.0;
    CHECK_STATUS(otc_sliced_wasserstein_f64(&sp, &sliced, &sopts, alloc), OTC_OK);
    CHECK(sliced.swp_p == 0.0);
    /* A bad call: a NULL weight vector. */
    res.cost = -1.0;
    pb.a = NULL;
    CHECK_STATUS(otc_emd_f64(&pb, &res, NULL, alloc), OTC_ERR_NULL_POINTER);
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

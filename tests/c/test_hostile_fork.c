/* Threads: a thread count above the cap (UINT32_MAX, a -1 passed as uint32_t) is refused
 * with OTC_ERR_THREADS at once; after fork(), the child's threaded calls return the same
 * values as the parent's (the parent's pools are not used in the child). The child runs
 * under a deadline: a hang fails the test instead of hanging it. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Sliced W2^2 between two 64-point clouds on the line, on `threads` workers. */
static otc_status sliced(uint32_t threads, double *out) {
    static double x[64], y[64], w[64];
    otc_sliced_wasserstein_options opts;
    otc_sliced_wasserstein_problem_f64 pb;
    otc_sliced_wasserstein_outputs_f64 res;
    otc_workspace alloc = {NULL, 0};
    otc_matrix_f64 xv = {x, 64, 1, 1, 1}, yv = {y, 64, 1, 1, 1};
    otc_status st;
    int i;
    for (i = 0; i < 64; i++) {
        x[i] = (double)i;
        y[i] = (double)i + 0.5;
        w[i] = 1.0 / 64.0;
    }
    otc_sliced_wasserstein_options_default(&opts);
    opts.num_threads = threads;
    opts.num_directions = 64;
    opts.seed = 11;
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.x = xv;
    pb.a = w;
    pb.y = yv;
    pb.b = w;
    pb.p = 2.0;
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    st = otc_sliced_wasserstein_f64(&pb, &res, &opts, alloc);
    if (st < 100) *out = res.swp_p;
    return st;
}

int main(void) {
    double parent = -1.0, refused = -1.0;
    pid_t child;
    int status = 0, waited = 0;
    struct timespec tick = {0, 50 * 1000 * 1000};

    CHECK_STATUS(sliced(UINT32_MAX, &refused), OTC_ERR_THREADS);
    CHECK(refused == -1.0);
    CHECK_STATUS(sliced(257, &refused), OTC_ERR_THREADS);
    CHECK_STATUS(sliced(4, &parent), OTC_OK);
    /* On the line every direction is ±1: each slice is the 1-D W2^2 of a shift by 0.5. */
    CHECK_CLOSE(parent, 0.25, 1e-12);

    fflush(stdout);
    child = fork();
    if (child == 0) {
        double v3 = -1.0, v4 = -1.0;
        int ok = sliced(4, &v4) == OTC_OK && sliced(3, &v3) == OTC_OK && v4 == parent &&
                 v3 == parent;
        _exit(ok ? 0 : 1);
    }
    CHECK(child > 0);
    /* Up to 30 s for the child. */
    while (waited < 600 && waitpid(child, &status, WNOHANG) == 0) {
        nanosleep(&tick, NULL);
        waited++;
    }
    if (waited == 600) {
        printf("the child's threaded call hung after fork()\n");
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        CHECK(0);
    } else {
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    /* The parent's pools still work. */
    CHECK_STATUS(sliced(4, &refused), OTC_OK);
    CHECK(refused == parent);
    return report();
}

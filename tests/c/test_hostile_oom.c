/* Out of memory: under an address-space limit (setrlimit(RLIMIT_AS)), calls that must
 * allocate their workspace (work = NULL) with large but valid sizes return
 * OTC_ERR_OUT_OF_MEMORY naming the bytes asked, leave their outputs untouched, and the
 * process lives on (no SIGABRT). The calls run in a forked child; the parent checks how it
 * ended. Inputs are zero-stride ("broadcast") views or arrays allocated before the limit. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

/* Bytes of address space in use now (first field of /proc/self/statm, in pages). */
static size_t address_space_in_use(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f == NULL) return 0;
    if (fscanf(f, "%lu", &pages) != 1) pages = 0;
    fclose(f);
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

#define N ((size_t)1 << 22) /* 4 Mi rows: O(N) workspaces of tens to hundreds of MB */

static int oom_message_names_bytes(void) {
    const char *msg = otc_last_error_message();
    return strstr(msg, "cannot allocate") != NULL && strstr(msg, "bytes") != NULL;
}

static void calls_under_limit(double *a, double *b, double *f) {
    static const double one = 1.0;
    double untouched = 12345.0;
    f[0] = untouched;

    /* Exact OT: n = m = 4 Mi, constant (broadcast) cost; the O(n + m) workspace is ~0.5 GB. */
    {
        otc_emd_options opts;
        otc_emd_problem_f64 pb;
        otc_emd_outputs_f64 res;
        otc_workspace alloc = {NULL, 0};
        otc_matrix_f64 cost = {&one, N, N, 0, 0};
        memset(&pb, 0, sizeof pb);
        pb.struct_size = sizeof pb;
        pb.a = a;
        pb.n = N;
        pb.b = b;
        pb.m = N;
        pb.cost = cost;
        memset(&res, 0, sizeof res);
        res.struct_size = sizeof res;
        res.f = f;
        CHECK_STATUS(otc_emd_options_default(&opts), OTC_OK);
        opts.num_threads = 1;
        res.cost = untouched;
        CHECK_STATUS(otc_emd_f64(&pb, &res, &opts, alloc), OTC_ERR_OUT_OF_MEMORY);
        CHECK(oom_message_names_bytes());
        CHECK(res.cost == untouched && f[0] == untouched);
    }
    /* Log-domain Sinkhorn on the same broadcast cost. */
    {
        otc_sinkhorn_options opts;
        otc_sinkhorn_problem_f64 problem;
        otc_sinkhorn_outputs_f64 out;
        otc_workspace no_work = {NULL, 0};
        otc_matrix_f64 cost = {&one, N, N, 0, 0};
        CHECK_STATUS(otc_sinkhorn_options_default(&opts), OTC_OK);
        opts.num_threads = 1;
        memset(&problem, 0, sizeof problem);
        memset(&out, 0, sizeof out);
        problem.struct_size = sizeof problem;
        problem.a = a;
        problem.n = N;
        problem.b = b;
        problem.m = N;
        problem.cost = cost;
        out.struct_size = sizeof out;
        out.f = f;
        CHECK_STATUS(otc_sinkhorn_f64(&problem, &out, &opts, no_work), OTC_ERR_OUT_OF_MEMORY);
        CHECK(oom_message_names_bytes());
        CHECK(f[0] == untouched);
    }
    /* Squared Bures distance between two broadcast 8192 x 8192 PSD matrices: O(d^2) workspace. */
    {
        otc_bures_options opts;
        otc_bures_problem_f64 p;
        otc_bures_outputs_f64 out;
        otc_matrix_f64 s = {&one, 8192, 8192, 0, 0};
        otc_workspace none = {NULL, 0};
        memset(&p, 0, sizeof p);
        memset(&out, 0, sizeof out);
        p.struct_size = sizeof p;
        out.struct_size = sizeof out;
        p.sigma1 = s;
        p.sigma2 = s;
        out.bures_squared = untouched;
        CHECK_STATUS(otc_bures_options_default(&opts), OTC_OK);
        opts.num_threads = 1;
        CHECK_STATUS(otc_bures_f64(&p, &out, &opts, none), OTC_ERR_OUT_OF_MEMORY);
        CHECK(oom_message_names_bytes());
        CHECK(out.bures_squared == untouched);
    }
    /* Sliced Wasserstein with 2^40 random directions: an O(k) workspace. */
    {
        otc_sliced_wasserstein_options opts;
        otc_sliced_wasserstein_problem_f64 pb;
        otc_sliced_wasserstein_outputs_f64 res;
        otc_workspace alloc = {NULL, 0};
        otc_matrix_f64 x = {a, 8, 1, 1, 1};
        memset(&pb, 0, sizeof pb);
        pb.struct_size = sizeof pb;
        pb.x = x;
        pb.a = a;
        pb.y = x;
        pb.b = b;
        pb.p = 2.0;
        memset(&res, 0, sizeof res);
        res.struct_size = sizeof res;
        res.swp_p = untouched;
        CHECK_STATUS(otc_sliced_wasserstein_options_default(&opts), OTC_OK);
        opts.num_threads = 1;
        opts.num_directions = (size_t)1 << 40;
        opts.seed = 7;
        CHECK_STATUS(otc_sliced_wasserstein_f64(&pb, &res, &opts, alloc), OTC_ERR_OUT_OF_MEMORY);
        CHECK(oom_message_names_bytes());
        CHECK(res.swp_p == untouched);
    }
    /* A small call still works under the limit. */
    {
        double ca[2] = {0.5, 0.5}, cb[2] = {0.5, 0.5}, c[4] = {0.0, 1.0, 1.0, 0.0};
        otc_emd_problem_f64 pb;
        otc_emd_outputs_f64 res;
        otc_workspace alloc = {NULL, 0};
        otc_matrix_f64 cost = {c, 2, 2, 2, 1};
        otc_emd_options opts;
        memset(&pb, 0, sizeof pb);
        pb.struct_size = sizeof pb;
        pb.a = ca;
        pb.n = 2;
        pb.b = cb;
        pb.m = 2;
        pb.cost = cost;
        memset(&res, 0, sizeof res);
        res.struct_size = sizeof res;
        res.cost = -1.0;
        CHECK_STATUS(otc_emd_options_default(&opts), OTC_OK);
        opts.num_threads = 1;
        CHECK_STATUS(otc_emd_f64(&pb, &res, &opts, alloc), OTC_OK);
        CHECK(res.cost == 0.0);
    }
}

int main(void) {
    double *a = malloc(N * sizeof(double));
    double *b = malloc(N * sizeof(double));
    double *fs = malloc(N * sizeof(double));
    pid_t child;
    int status = 0;
    size_t i;
    CHECK(a != NULL && b != NULL && fs != NULL);
    if (a == NULL || b == NULL || fs == NULL) return report();
    for (i = 0; i < N; i++) {
        a[i] = 1.0 / (double)N;
        b[i] = 1.0 / (double)N;
    }
    fflush(stdout);
    child = fork();
    if (child == 0) {
        /* Room for the stack, stdio and small messages, not for any O(N) workspace. */
        struct rlimit lim;
        lim.rlim_cur = lim.rlim_max = address_space_in_use() + ((size_t)48 << 20);
        if (setrlimit(RLIMIT_AS, &lim) != 0) {
            printf("setrlimit failed\n");
            _exit(3);
        }
        calls_under_limit(a, b, fs);
        fflush(stdout);
        _exit(checks_failed == 0 ? 0 : 1);
    }
    CHECK(child > 0);
    CHECK(waitpid(child, &status, 0) == child);
    if (WIFSIGNALED(status)) printf("child killed by signal %d\n", WTERMSIG(status));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(a);
    free(b);
    free(fs);
    return report();
}

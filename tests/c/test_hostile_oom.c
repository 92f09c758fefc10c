/* Out of memory: under an address-space limit (setrlimit(RLIMIT_AS)), calls of every kind
 * of operation that must allocate their workspace (work = NULL) with large but valid sizes return
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

/* One ABI 1 call of OP (precision T) with work = {NULL, 0} and num_threads = 1, after the
 * statements SETUP on its zeroed problem `p`, outputs `r` and default options `o`: it must be
 * OTC_ERR_OUT_OF_MEMORY naming the bytes, with the outputs struct untouched. */
#define OOM_CALL(OP, T, ...)                                                                   \
    do {                                                                                       \
        otc_##OP##_options o;                                                                  \
        otc_##OP##_problem_##T p;                                                              \
        otc_##OP##_outputs_##T r;                                                              \
        otc_workspace none = {NULL, 0};                                                        \
        memset(&p, 0, sizeof p);                                                               \
        memset(&r, 0, sizeof r);                                                               \
        p.struct_size = sizeof p;                                                              \
        r.struct_size = sizeof r;                                                              \
        CHECK_STATUS(otc_##OP##_options_default(&o), OTC_OK);                                  \
        o.num_threads = 1;                                                                     \
        __VA_ARGS__;                                                                           \
        r.report.iterations = 777;                                                             \
        CHECK_STATUS(otc_##OP##_##T(&p, &r, &o, none), OTC_ERR_OUT_OF_MEMORY);                 \
        CHECK(oom_message_names_bytes());                                                      \
        CHECK(r.report.iterations == 777);                                                     \
    } while (0)

#define D ((size_t)4096) /* Gaussian outputs of D x D (128 MB, allocated before the limit) */

static void calls_under_limit(double *a, double *b, double *f, double *big, uint32_t *cells) {
    static const double one = 1.0;
    static const otc_matrix_f64 flat = {&one, N, N, 0, 0}; /* N x N, every entry 1 */
    static const otc_matrix_f64 wide = {&one, 8192, 8192, 0, 0}; /* a PSD 8192 x 8192 */
    static const otc_matrix_f64 cloud = {&one, N, 2, 0, 0}; /* N points in 2-D */
    static const otc_matrix_f64 psd = {&one, D, D, 0, 0};
    static const otc_matrix_f64 hists = {&one, N, 2, 0, 0}; /* two constant histograms */
    static const otc_matrix_f64 means = {&one, 2, D, 0, 0};
    const otc_matrix_f64 pair[2] = {psd, psd};
    otc_matrix_mut_f64 square = {big, D, D, (ptrdiff_t)D, 1}, sites = {big, N, 2, 2, 1};
    otc_matrix_mut_f64 pairs = {f, 2, 2, 2, 1};
    size_t shape[1] = {N};
    double untouched = 12345.0;
    f[0] = untouched;

    /* Every other exact solver, the divergence, the Gaussian and semi-discrete operations on
     * the same broadcast inputs: O(N) or O(d^2) workspaces. */
    OOM_CALL(emd_batch, f64, p.count = 1; p.n = N; p.m = N; p.a = a; p.b = b; p.costs = &flat);
    OOM_CALL(emd_partial, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat; p.mass = 0.5);
    OOM_CALL(emd_unbalanced_tv, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat;
             p.rho = 1.0);
    OOM_CALL(assignment, f64, p.count = 1; p.costs = &flat);
    OOM_CALL(emd_grid, f64, p.ndim = 1; p.shape = shape; p.a = a; p.b = b);
    OOM_CALL(wasserstein_1d, f64, p.x = a; p.a = a; p.n = N; p.y = b; p.b = b; p.m = N;
             p.p = 2.0);
    OOM_CALL(sinkhorn_divergence, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost_xy = flat;
             p.cost_xx = flat; p.cost_yy = flat);
    OOM_CALL(gaussian_w2, f64, p.m1 = a; p.sigma1 = wide; p.m2 = b; p.sigma2 = wide);
    OOM_CALL(gaussian_entropic_w2, f64, p.m1 = a; p.sigma1 = wide; p.m2 = b; p.sigma2 = wide;
             p.epsilon = 1.0);
    OOM_CALL(gaussian_map, f64, p.m1 = a; p.sigma1 = psd; p.m2 = b; p.sigma2 = psd;
             r.a = square);
    OOM_CALL(gaussian_geodesic, f64, p.m1 = a; p.sigma1 = psd; p.m2 = b; p.sigma2 = psd;
             p.t = 0.5; r.cov = square);
    OOM_CALL(psd_sqrt, f64, p.a = psd; r.sqrt = square);
    OOM_CALL(laguerre_assign, f64, p.points = cloud; p.sites = cloud; p.g = a; r.cells = cells);
    OOM_CALL(lloyd, f64, p.points = cloud; p.sites = cloud; r.sites = sites);
    OOM_CALL(semidiscrete, f64, p.points = cloud; p.sites = cloud; p.b = a; r.g = f);
    OOM_CALL(barycenter, f64, p.hists = hists; p.cost = flat; r.barycenter = f);
    OOM_CALL(convolutional_barycenter, f64, p.images = hists; p.height = 2048; p.width = 2048;
             r.barycenter = f);
    /* Not otc_gaussian_moments_f64: its workspace is O(d), so under this limit it reaches
     * faer's per-thread product buffer (2 x L3 bytes), whose allocation is infallible and
     * aborts (docs/abi.md, Memory: a known hole). */
    OOM_CALL(gaussian_barycenter, f64, p.means = means; p.covs = pair; r.cov = square);
    OOM_CALL(gaussian_w2_pairwise, f64, p.means1 = means; p.covs1 = pair; p.means2 = means;
             p.covs2 = pair; r.w2_squared = pairs);

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
    /* Output room, never touched (the calls fail first): no resident memory. */
    double *big = malloc(D * D * sizeof(double));
    uint32_t *cells = malloc(N * sizeof(uint32_t));
    pid_t child;
    int status = 0;
    size_t i;
    CHECK(a != NULL && b != NULL && fs != NULL && big != NULL && cells != NULL);
    if (a == NULL || b == NULL || fs == NULL || big == NULL || cells == NULL) return report();
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
        calls_under_limit(a, b, fs, big, cells);
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
    free(big);
    free(cells);
    return report();
}

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

/* The declarations of one ABI 1 call of OP (precision T): a zeroed problem `p` and outputs
 * `r` with their struct sizes, default options `o` with num_threads = 1, `none` = {NULL, 0}. */
#define DECLARE_CALL(OP, T)                                                                    \
    otc_##OP##_options o;                                                                      \
    otc_##OP##_problem_##T p;                                                                  \
    otc_##OP##_outputs_##T r;                                                                  \
    otc_workspace none = {NULL, 0};                                                            \
    memset(&p, 0, sizeof p);                                                                   \
    memset(&r, 0, sizeof r);                                                                   \
    p.struct_size = sizeof p;                                                                  \
    r.struct_size = sizeof r;                                                                  \
    CHECK_STATUS(otc_##OP##_options_default(&o), OTC_OK);                                      \
    o.num_threads = 1

/* One ABI 1 call of OP (precision T) with work = {NULL, 0} and num_threads = 1, after the
 * statements SETUP on its problem `p`, outputs `r` and options `o`: it must be
 * OTC_ERR_OUT_OF_MEMORY naming the bytes, with the outputs struct untouched. */
#define OOM_CALL(OP, T, ...)                                                                   \
    do {                                                                                       \
        DECLARE_CALL(OP, T);                                                                   \
        __VA_ARGS__;                                                                           \
        r.report.iterations = 777;                                                             \
        CHECK_STATUS(otc_##OP##_##T(&p, &r, &o, none), OTC_ERR_OUT_OF_MEMORY);                 \
        CHECK(oom_message_names_bytes());                                                      \
        CHECK(r.report.iterations == 777);                                                     \
    } while (0)

/* One ABI 1 call of OP that needs no workspace (its size query says 0 bytes): under the
 * limit it allocates nothing and succeeds. */
#define NO_WORKSPACE_CALL(OP, T, ...)                                                          \
    do {                                                                                       \
        size_t bytes = 1;                                                                      \
        DECLARE_CALL(OP, T);                                                                   \
        __VA_ARGS__;                                                                           \
        CHECK_STATUS(otc_##OP##_workspace_size_##T(&p, &o, &bytes), OTC_OK);                   \
        CHECK(bytes == 0);                                                                     \
        CHECK_STATUS(otc_##OP##_##T(&p, &r, &o, none), OTC_OK);                                \
    } while (0)

#define D ((size_t)4096) /* Gaussian outputs of D x D (128 MB, allocated before the limit) */

/* Every computing entry point of the header appears in this program as OOM_CALL(op, T, ...)
 * or NO_WORKSPACE_CALL(op, T, ...) (here or in product_buffer_under_limit):
 * tests/bindings/c_programs.rs fails when one is missing. */
static void calls_under_limit(double *a, double *b, double *f, double *big, uint32_t *cells,
                              float *af, float *bf, float *ff, float *bigf) {
    static const double one = 1.0;
    static const float onef = 1.0f;
    static const otc_matrix_f64 flat = {&one, N, N, 0, 0}; /* N x N, every entry 1 */
    static const otc_matrix_f32 flatf = {&onef, N, N, 0, 0};
    static const otc_matrix_f64 wide = {&one, 8192, 8192, 0, 0}; /* a PSD 8192 x 8192 */
    static const otc_matrix_f64 cloud = {&one, N, 2, 0, 0}; /* N points in 2-D */
    static const otc_matrix_f64 tall = {&one, N, 8, 0, 0}; /* N points in 8-D */
    static const otc_matrix_f32 tallf = {&onef, N, 8, 0, 0};
    static const otc_matrix_f64 psd = {&one, D, D, 0, 0};
    static const otc_matrix_f64 hists = {&one, N, 2, 0, 0}; /* two constant histograms */
    static const otc_matrix_f32 histsf = {&onef, N, 2, 0, 0};
    static const otc_matrix_f64 means = {&one, 2, D, 0, 0};
    const otc_matrix_f64 pair[2] = {psd, psd};
    otc_matrix_mut_f64 square = {big, D, D, (ptrdiff_t)D, 1}, sites = {big, N, 2, 2, 1};
    otc_matrix_mut_f32 sitesf = {bigf, N, 8, 8, 1};
    otc_matrix_mut_f64 column = {big, N, 1, 1, 1}, eight = {big, 8, 8, 8, 1};
    otc_matrix_mut_f32 columnf = {bigf, N, 1, 1, 1};
    otc_matrix_mut_f64 pairs = {f, 2, 2, 2, 1};
    otc_matrix_f64 few = {a, 8, 1, 1, 1};
    otc_matrix_mut_f64 line8 = {big, 8, 1, 1, 1}, point1 = {big, 1, 1, 1, 1};
    static const size_t arc[1] = {0};
    static const otc_lse_pair lse[2] = {{0.0, 1.0}, {-1.0, 2.0}};
    size_t shape[1] = {N}, both[2] = {N, N};
    double lambda[2] = {0.5, 0.5}, unit = 1.0, g2[2] = {0.0, 0.0};

    /* Exact OT: n = m = 4 Mi, constant (broadcast) cost; O(n + m) workspaces of ~0.5 GB. */
    OOM_CALL(emd, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat; r.f = f);
    OOM_CALL(emd_batch, f64, p.count = 1; p.n = N; p.m = N; p.a = a; p.b = b; p.costs = &flat);
    OOM_CALL(emd_partial, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat; p.mass = 0.5);
    OOM_CALL(emd_unbalanced_tv, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat;
             p.rho = 1.0);
    OOM_CALL(assignment, f64, p.count = 1; p.costs = &flat);
    OOM_CALL(emd_grid, f64, p.ndim = 1; p.shape = shape; p.a = a; p.b = b);
    OOM_CALL(emd_points, f64, p.a = a; p.b = b; p.x = cloud; p.y = cloud; r.f = f);
    /* 1-D: O(n) sorting workspaces; sliced with 2^40 random directions: O(k). */
    OOM_CALL(wasserstein_1d, f64, p.x = a; p.a = a; p.n = N; p.y = b; p.b = b; p.m = N;
             p.p = 2.0);
    OOM_CALL(quantile_1d, f64, p.x = a; p.a = b; p.n = N; p.levels = b; p.num_levels = N;
             r.quantiles = f);
    /* Two measures of N points (a and b are one array of 2N): an O(2N) index array. */
    OOM_CALL(barycenter_1d, f64, p.x = a; p.a = a; p.n = 2 * N; p.sizes = both; p.k = 2;
             p.lambda = lambda; p.p = 2.0; r.points = big; r.weights = big + 2 * N);
    OOM_CALL(sliced_wasserstein, f64, p.x = few; p.a = a; p.y = few; p.b = b; p.p = 2.0;
             o.num_directions = (size_t)1 << 40; o.seed = 7);
    /* Cost matrices of N x 8 points against one: O(N d) packed points. */
    OOM_CALL(cost_matrix, f64, p.x = tall; p.y = tall; p.y.rows = 1; r.cost = column);
    OOM_CALL(cost_matrix, f32, p.x = tallf; p.y = tallf; p.y.rows = 1; r.cost = columnf);
    /* Entropic OT on the broadcast N x N cost: O(n + m) workspaces. */
    OOM_CALL(sinkhorn, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat; r.f = f);
    OOM_CALL(sinkhorn, f32, p.a = af; p.n = N; p.b = bf; p.m = N; p.cost = flatf; r.f = f);
    OOM_CALL(sinkhorn_partial, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost = flat; p.mass = 0.5);
    OOM_CALL(sinkhorn_divergence, f64, p.a = a; p.n = N; p.b = b; p.m = N; p.cost_xy = flat;
             p.cost_xx = flat; p.cost_yy = flat);
    OOM_CALL(sinkhorn_divergence, f32, p.a = af; p.n = N; p.b = bf; p.m = N; p.cost_xy = flatf;
             p.cost_xx = flatf; p.cost_yy = flatf);
    OOM_CALL(sinkhorn_block_step, f64, p.cost_block = flat; p.a_block = a; p.b = b; p.g = b;
             p.f_block = a; r.f_block = f);
    OOM_CALL(sinkhorn_block_step, f32, p.cost_block = flatf; p.a_block = af; p.b = bf;
             p.g = b; p.f_block = a; r.f_block = f);
    /* Needs no workspace (its size query says 0): allocates nothing, works under the limit. */
    NO_WORKSPACE_CALL(sinkhorn_block_column_update, f64, p.pairs = lse; p.m = 2; r.g = g2);
    /* Gaussian OT: O(d^2) workspaces at d = 4096 or 8192. */
    OOM_CALL(bures, f64, p.sigma1 = wide; p.sigma2 = wide);
    OOM_CALL(gaussian_w2, f64, p.m1 = a; p.sigma1 = wide; p.m2 = b; p.sigma2 = wide);
    OOM_CALL(gaussian_entropic_w2, f64, p.m1 = a; p.sigma1 = wide; p.m2 = b; p.sigma2 = wide;
             p.epsilon = 1.0);
    OOM_CALL(gaussian_map, f64, p.m1 = a; p.sigma1 = psd; p.m2 = b; p.sigma2 = psd;
             r.a = square);
    OOM_CALL(gaussian_geodesic, f64, p.m1 = a; p.sigma1 = psd; p.m2 = b; p.sigma2 = psd;
             p.t = 0.5; r.cov = square);
    OOM_CALL(psd_sqrt, f64, p.a = psd; r.sqrt = square);
    OOM_CALL(gaussian_barycenter, f64, p.means = means; p.covs = pair; r.cov = square);
    OOM_CALL(gaussian_w2_pairwise, f64, p.means1 = means; p.covs1 = pair; p.means2 = means;
             p.covs2 = pair; r.w2_squared = pairs);
    /* Moments of N points in 8-D: an O(n d) centred copy. (The affine map's workspace is d
     * doubles, which only a d whose d x d map takes hours to check would make large: it
     * meets the limit at faer's product buffer, in product_buffer_under_limit.) */
    OOM_CALL(gaussian_moments, f64, p.x = tall; r.mean = f; r.cov = eight);
    /* Semi-discrete OT: N sites, O(N d) workspaces (d = 8 in single precision). */
    OOM_CALL(laguerre_assign, f64, p.points = cloud; p.sites = cloud; p.g = a; r.cells = cells);
    OOM_CALL(laguerre_assign, f32, p.points = tallf; p.sites = tallf; p.g = af;
             r.cells = cells);
    OOM_CALL(lloyd, f64, p.points = cloud; p.sites = cloud; r.sites = sites);
    OOM_CALL(lloyd, f32, p.points = tallf; p.sites = tallf; r.sites = sitesf);
    OOM_CALL(semidiscrete, f64, p.points = cloud; p.sites = cloud; p.b = a; r.g = f);
    OOM_CALL(semidiscrete, f32, p.points = tallf; p.sites = tallf; p.b = af; r.g = ff);
    OOM_CALL(semidiscrete_sgd, f64, p.sites = cloud; p.b = a; p.points = cloud; r.g = f);
    OOM_CALL(semidiscrete_sgd, f32, p.sites = tallf; p.b = af; p.points = tallf; r.g = ff);
    /* Barycenters: O(N) histograms; a 2048 x 2048 grid; N support points. */
    OOM_CALL(barycenter, f64, p.hists = hists; p.cost = flat; r.barycenter = f);
    OOM_CALL(barycenter, f32, p.hists = histsf; p.cost = flatf; r.barycenter = ff);
    OOM_CALL(convolutional_barycenter, f64, p.images = hists; p.height = 2048; p.width = 2048;
             r.barycenter = f);
    OOM_CALL(convolutional_barycenter, f32, p.images = histsf; p.height = 2048;
             p.width = 2048; r.barycenter = ff);
    OOM_CALL(free_support_barycenter, f64, p.y = cloud; p.b = b; p.sizes = shape; p.k = 1;
             p.lambda = &unit; p.x0 = cloud; p.a = a; r.x = sites);
    /* Flows: O((n + m) d) Sinkhorn and MMD workspaces for N particles; a 2048 x 2048 JKO grid. */
    OOM_CALL(wasserstein_flow_step, f64, p.x = cloud; p.a = a; p.y = cloud; p.b = b;
             r.x = sites);
    OOM_CALL(mmd_flow_step, f64, p.x = cloud; p.a = a; p.y = cloud; p.b = b; r.x = sites);
    OOM_CALL(jko_step, f64, p.rho = a; p.height = 2048; p.width = 2048; r.rho_next = f);
    OOM_CALL(jko_step, f64, p.rho = a; p.height = 2048; p.width = 2048; p.init_dual = b;
             r.rho_next = f; r.dual = big); /* warm-started: the same workspace */
    /* Plan operations need no workspace: one arc between 8 points on a line. */
    NO_WORKSPACE_CALL(plan_position_gradient, f64, p.x = few; p.y = few; p.plan_nnz = 1;
                      p.plan_rows = arc; p.plan_cols = arc; p.plan_mass = &unit;
                      r.gx = line8);
    NO_WORKSPACE_CALL(displacement_interpolation, f64, p.x = few; p.y = few; p.plan_nnz = 1;
                      p.plan_rows = arc; p.plan_cols = arc; p.plan_mass = &unit; p.t = 0.5;
                      r.points = point1; r.weights = big + 8);

    CHECK(f[0] == 12345.0 && ff[0] == 12345.0f); /* no output written */

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

/* The bytes named by the last error's "cannot allocate N bytes", or 0. */
static size_t bytes_named(void) {
    const char *msg = strstr(otc_last_error_message(), "cannot allocate ");
    unsigned long long bytes = 0;
    if (msg == NULL || sscanf(msg, "cannot allocate %llu", &bytes) != 1) return 0;
    return (size_t)bytes;
}

/* Sets the soft address-space limit to what is in use now plus `room` bytes. */
static int limit_to(size_t room) {
    struct rlimit lim;
    if (getrlimit(RLIMIT_AS, &lim) != 0) return 0;
    lim.rlim_cur = address_space_in_use() + room;
    return setrlimit(RLIMIT_AS, &lim) == 0;
}

/* faer's per-thread product buffer (docs/abi.md, Memory): a product of 32 x 1024 by
 * 1024 x 32 under a limit with 4 MB of room is OTC_ERR_OUT_OF_MEMORY naming the buffer's
 * bytes (on x86-64 with AVX2 and FMA, where faer packs into it), for the affine map and the
 * moments alike; with room for those bytes (plus 8 MB) both calls succeed: the bytes asked
 * are the bytes faer takes (fewer would end in SIGABRT). */
static void product_buffer_under_limit(double *f, double *big) {
    static const double one = 1.0, zero = 0.0;
    static const otc_matrix_f64 x = {&one, 1024, 32, 0, 0}, a = {&zero, 32, 32, 0, 0};
    otc_gaussian_map_apply_options mo;
    otc_gaussian_map_apply_problem_f64 mp;
    otc_gaussian_map_apply_outputs_f64 mr;
    otc_gaussian_moments_options vo;
    otc_gaussian_moments_problem_f64 vp;
    otc_gaussian_moments_outputs_f64 vr;
    otc_matrix_mut_f64 y = {big, 1024, 32, 32, 1}, cov = {big + 1024 * 32, 32, 32, 32, 1};
    otc_workspace none = {NULL, 0};
    int packs = 0, pass;
    size_t bytes;
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    packs = __builtin_cpu_supports("avx512f") ||
            (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"));
#endif
    memset(&mp, 0, sizeof mp);
    memset(&mr, 0, sizeof mr);
    memset(&vp, 0, sizeof vp);
    memset(&vr, 0, sizeof vr);
    mp.struct_size = sizeof mp;
    mr.struct_size = sizeof mr;
    vp.struct_size = sizeof vp;
    vr.struct_size = sizeof vr;
    mp.a = a;
    mp.b = f;
    mp.x = x;
    mr.y = y;
    vp.x = x;
    vr.mean = f + 32;
    vr.cov = cov;
    CHECK_STATUS(otc_gaussian_map_apply_options_default(&mo), OTC_OK);
    CHECK_STATUS(otc_gaussian_moments_options_default(&vo), OTC_OK);
    mo.num_threads = 1;
    vo.num_threads = 1;
    memset(f, 0, 32 * sizeof(double));
    CHECK(limit_to((size_t)4 << 20));
    if (packs) {
        OOM_CALL(gaussian_map_apply, f64, p.a = a; p.b = f; p.x = x; r.y = y);
        bytes = bytes_named();
        CHECK(bytes > ((size_t)4 << 20) && strstr(otc_last_error_message(), "product") != NULL);
        OOM_CALL(gaussian_moments, f64, p.x = x; r.mean = f + 32; r.cov = cov);
        CHECK(bytes_named() == bytes);
        CHECK(limit_to(bytes + ((size_t)8 << 20)));
    }
    for (pass = 0; pass < 2; pass++) {
        CHECK_STATUS(otc_gaussian_map_apply_f64(&mp, &mr, &mo, none), OTC_OK);
        CHECK(big[0] == 0.0 && big[1024 * 32 - 1] == 0.0);
        CHECK_STATUS(otc_gaussian_moments_f64(&vp, &vr, &vo, none), OTC_OK);
        CHECK(f[32] == 1.0 && big[1024 * 32] == 0.0);
    }
}

int main(void) {
    double *a = malloc(2 * N * sizeof(double)); /* a, then b */
    double *b = a == NULL ? NULL : a + N;
    double *fs = malloc(N * sizeof(double));
    /* Output room, never touched (the calls fail first): no resident memory. */
    double *big = malloc(D * D * sizeof(double));
    uint32_t *cells = malloc(N * sizeof(uint32_t));
    float *af = malloc(N * sizeof(float)), *bf = malloc(N * sizeof(float));
    float *ff = malloc(N * sizeof(float)), *bigf = malloc(D * D * sizeof(float));
    pid_t child;
    int status = 0;
    size_t i;
    int allocated = a != NULL && b != NULL && fs != NULL && big != NULL && cells != NULL &&
                    af != NULL && bf != NULL && ff != NULL && bigf != NULL;
    CHECK(allocated);
    if (!allocated) return report();
    for (i = 0; i < N; i++) {
        a[i] = 1.0 / (double)N;
        b[i] = 1.0 / (double)N;
        af[i] = 1.0f / (float)N;
        bf[i] = 1.0f / (float)N;
    }
    fs[0] = 12345.0;
    ff[0] = 12345.0f;
    fflush(stdout);
    child = fork();
    if (child == 0) {
        /* Room for the stack, stdio and small messages, not for any O(N) workspace. */
        if (!limit_to((size_t)48 << 20)) {
            printf("setrlimit failed\n");
            _exit(3);
        }
        calls_under_limit(a, b, fs, big, cells, af, bf, ff, bigf);
        product_buffer_under_limit(fs, big);
        printf("child: ");
        report();
        fflush(stdout);
        _exit(checks_failed == 0 ? 0 : 1);
    }
    CHECK(child > 0);
    CHECK(waitpid(child, &status, 0) == child);
    if (WIFSIGNALED(status)) printf("child killed by signal %d\n", WTERMSIG(status));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(a);
    free(fs);
    free(big);
    free(cells);
    free(af);
    free(bf);
    free(ff);
    free(bigf);
    return report();
}

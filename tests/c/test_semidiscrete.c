/* Laguerre cells through the C ABI: brute force, f32, masses, workspace, errors. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static double lcg(unsigned long *s) {
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)((*s >> 11) & ((1UL << 53) - 1)) / 9007199254740992.0;
}

static void test_laguerre(void) {
    enum { N = 500, n = 23, d = 2 };
    static double x[N * d], y[n * d], g[n], masses[n], w[N];
    static float xf[N * d], yf[n * d], gf[n];
    static uint32_t cells[N], cells_f[N];
    unsigned long s = 42;
    int i, j, k;
    for (i = 0; i < N * d; i++) { x[i] = lcg(&s); xf[i] = (float)x[i]; }
    for (i = 0; i < n * d; i++) { y[i] = lcg(&s); yf[i] = (float)y[i]; }
    for (j = 0; j < n; j++) { g[j] = 0.05 * lcg(&s); gf[j] = (float)g[j]; }
    for (i = 0; i < N; i++) w[i] = 1.0 + (double)(i % 3);
    otc_matrix_f64 X = {x, N, d, d, 1}, Y = {y, n, d, d, 1};
    otc_matrix_f32 Xf = {xf, N, d, d, 1}, Yf = {yf, n, d, d, 1};
    otc_laguerre_options opts;
    CHECK_STATUS(otc_laguerre_options_default(&opts), OTC_OK);
    opts.num_threads = 2;
    size_t bytes = 0;
    CHECK_STATUS(otc_laguerre_workspace_size(n, d, &opts, &bytes), OTC_OK);
    void *work = malloc(bytes);
    CHECK_STATUS(otc_laguerre_assign_f64(X, w, Y, g, &opts, cells, masses, work, bytes), OTC_OK);
    CHECK_STATUS(otc_laguerre_assign_f32(Xf, NULL, Yf, gf, NULL, cells_f, NULL, NULL, 0), OTC_OK);
    int agree = 0, agree_f = 0;
    double total = 0.0, wsum = 0.0;
    for (i = 0; i < N; i++) {
        int best = 0;
        double bs = 1e300;
        for (j = 0; j < n; j++) {
            double sc = -g[j];
            for (k = 0; k < d; k++) sc += (x[i * d + k] - y[j * d + k]) * (x[i * d + k] - y[j * d + k]);
            if (sc < bs) { bs = sc; best = j; }
        }
        agree += (int)cells[i] == best;
        agree_f += (int)cells_f[i] == best;
        wsum += w[i];
    }
    for (j = 0; j < n; j++) total += masses[j];
    CHECK(agree == N);
    CHECK(agree_f >= N - 2);
    CHECK_CLOSE(total, wsum, 1e-9);
    /* A workspace one byte short, a NaN weight, an output aliasing an input. */
    CHECK_STATUS(otc_laguerre_assign_f64(X, w, Y, g, &opts, cells, masses, work, bytes / 2),
                 OTC_ERR_WORKSPACE_TOO_SMALL);
    g[3] = NAN;
    CHECK_STATUS(otc_laguerre_assign_f64(X, NULL, Y, g, NULL, cells, NULL, NULL, 0), OTC_ERR_NON_FINITE);
    g[3] = 0.0;
    CHECK_STATUS(otc_laguerre_assign_f64(X, NULL, Y, g, NULL, cells, (double *)y, NULL, 0), OTC_ERR_ALIASING);
    CHECK_STATUS(otc_laguerre_assign_f64(X, NULL, Y, NULL, NULL, cells, NULL, NULL, 0), OTC_ERR_NULL_POINTER);
    free(work);
}

/* Uniform density on [0, 1] (grid midpoints), 3 sites: cells are intervals ending at the
   cumulative weights, and g_j - g_{j+1} = (t - y_j)^2 - (t - y_{j+1})^2 at each boundary t. */
static void expected_g(const double *y, const double *b, double *e) {
    double t = 0.0, mean = 0.0;
    int j;
    e[0] = 0.0;
    for (j = 0; j < 2; j++) {
        t += b[j];
        e[j + 1] = e[j] - ((t - y[j]) * (t - y[j]) - (t - y[j + 1]) * (t - y[j + 1]));
    }
    for (j = 0; j < 3; j++) mean += e[j] / 3.0;
    for (j = 0; j < 3; j++) e[j] -= mean;
}

static void test_solvers(void) {
    enum { N = 2000 };
    static double x[N];
    double y[3] = {0.2, 0.5, 0.7}, b[3] = {0.3, 0.3, 0.4}, g[3] = {0, 0, 0}, masses[3], e[3];
    int i, j;
    for (i = 0; i < N; i++) x[i] = (i + 0.5) / N;
    otc_matrix_f64 X = {x, N, 1, 1, 1}, Y = {y, 3, 1, 1, 1};
    otc_semidiscrete_options opts;
    otc_semidiscrete_info info;
    CHECK_STATUS(otc_semidiscrete_options_default(&opts), OTC_OK);
    opts.tol = 1e-9;
    size_t bytes = 0;
    CHECK_STATUS(otc_semidiscrete_workspace_size(N, 3, 1, &opts, &bytes), OTC_OK);
    void *work = malloc(bytes);
    CHECK_STATUS(otc_semidiscrete_f64(X, NULL, Y, b, &opts, g, masses, &info, work, bytes), OTC_OK);
    expected_g(y, b, e);
    for (j = 0; j < 3; j++) {
        CHECK_CLOSE(g[j], e[j], 2e-3);
        CHECK_CLOSE(masses[j], b[j], 2.0 / N);
    }
    CHECK(info.converged == 1);
    /* Gradient ascent, capped at 2 iterations: a warning, outputs still written. */
    opts.method = OTC_SEMIDISCRETE_GRADIENT;
    opts.max_iter = 2;
    g[0] = g[1] = g[2] = 0.0;
    CHECK_STATUS(otc_semidiscrete_f64(X, NULL, Y, b, &opts, g, NULL, &info, NULL, 0), OTC_WARN_MAX_ITER);
    CHECK(info.iterations == 2 && info.converged == 0);
    opts.method = 7;
    CHECK_STATUS(otc_semidiscrete_f64(X, NULL, Y, b, &opts, g, NULL, NULL, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
    b[2] = 0.5; /* masses no longer balance */
    CHECK_STATUS(otc_semidiscrete_f64(X, NULL, Y, b, NULL, g, NULL, NULL, NULL, 0), OTC_ERR_MASS_MISMATCH);
    b[2] = 0.4;
    /* Sites 1 and 2 at the same position, both with mass: refused, g untouched. */
    y[2] = y[1];
    g[0] = -7.0;
    CHECK_STATUS(otc_semidiscrete_f64(X, NULL, Y, b, NULL, g, NULL, NULL, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
    CHECK(strstr(otc_last_error_message(), "sites 1 and 2 coincide") != NULL && g[0] == -7.0);
    y[2] = 0.7;
    free(work);
}

static int32_t uniform_sampler(void *user, size_t count, double *out) {
    size_t i;
    for (i = 0; i < count; i++) out[i] = lcg((unsigned long *)user);
    return 0;
}

static int32_t failing_sampler(void *user, size_t count, double *out) {
    (void)user; (void)count; (void)out;
    return -3;
}

static void test_sgd_and_lloyd(void) {
    double y[3] = {0.2, 0.5, 0.7}, b[3] = {0.3, 0.3, 0.4}, g[3], e[3];
    unsigned long state = 99;
    int j;
    otc_matrix_f64 Y = {y, 3, 1, 1, 1};
    otc_sgd_options opts;
    CHECK_STATUS(otc_sgd_options_default(&opts), OTC_OK);
    opts.iterations = 20000;
    opts.num_threads = 1;
    CHECK_STATUS(otc_semidiscrete_sgd_f64(uniform_sampler, &state, Y, b, &opts, g, NULL, 0), OTC_OK);
    expected_g(y, b, e);
    for (j = 0; j < 3; j++) CHECK_CLOSE(g[j], e[j], 5e-3);
    CHECK_STATUS(otc_semidiscrete_sgd_f64(failing_sampler, NULL, Y, b, &opts, g, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(otc_semidiscrete_sgd_f64(NULL, NULL, Y, b, &opts, g, NULL, 0), OTC_ERR_NULL_POINTER);

    /* Lloyd: the optimal 4-point quantiser of U[0, 1] is (2j + 1)/8, distortion 1/192. */
    enum { N = 4000 };
    static double x[N];
    double sites[4] = {0.05, 0.1, 0.2, 0.3}, distortion = 0.0;
    int i;
    for (i = 0; i < N; i++) x[i] = (i + 0.5) / N;
    otc_matrix_f64 X = {x, N, 1, 1, 1};
    otc_matrix_mut_f64 S = {sites, 4, 1, 1, 1};
    size_t bytes = 0;
    CHECK_STATUS(otc_lloyd_workspace_size(N, 4, 1, NULL, &bytes), OTC_OK);
    CHECK_STATUS(otc_lloyd_f64(X, NULL, S, 10000, 1e-12, NULL, &distortion, NULL, 0), OTC_OK);
    for (j = 0; j < 4; j++) CHECK_CLOSE(sites[j], (2 * j + 1) / 8.0, 1e-3);
    CHECK_CLOSE(distortion, 1.0 / 192.0, 1e-5);
    sites[0] = 0.0;
    CHECK_STATUS(otc_lloyd_f64(X, NULL, S, 1, 0.0, NULL, NULL, NULL, 0), OTC_WARN_MAX_ITER);
}

static int32_t uniform_sampler_f32(void *user, size_t count, float *out) {
    size_t i;
    for (i = 0; i < count; i++) out[i] = (float)lcg((unsigned long *)user);
    return 0;
}

/* Single precision agrees with double, the sample-array SGD reaches the closed form and does
   not depend on the thread count, and refused inputs leave every output as it was. */
static void test_f32_and_sgd_samples(void) {
    enum { N = 2000 };
    static double x[N];
    static float xf[N];
    double y[3] = {0.2, 0.5, 0.7}, b[3] = {0.3, 0.3, 0.4}, g[3] = {0, 0, 0}, g2[3], e[3];
    double masses[3], masses_f[3];
    float yf[3] = {0.2f, 0.5f, 0.7f}, bf[3] = {0.3f, 0.3f, 0.4f}, gf[3] = {0, 0, 0};
    int i, j;
    for (i = 0; i < N; i++) { x[i] = (i + 0.5) / N; xf[i] = (float)x[i]; }
    otc_matrix_f64 X = {x, N, 1, 1, 1}, Y = {y, 3, 1, 1, 1};
    otc_matrix_f32 Xf = {xf, N, 1, 1, 1}, Yf = {yf, 3, 1, 1, 1};
    expected_g(y, b, e);

    /* Newton in f32 and f64. */
    otc_semidiscrete_options sopts;
    otc_semidiscrete_info info;
    CHECK_STATUS(otc_semidiscrete_options_default(&sopts), OTC_OK);
    sopts.tol = 1e-6;
    CHECK_STATUS(otc_semidiscrete_f64(X, NULL, Y, b, &sopts, g, masses, NULL, NULL, 0), OTC_OK);
    size_t bytes = 0;
    CHECK_STATUS(otc_semidiscrete_workspace_size(N, 3, 1, &sopts, &bytes), OTC_OK);
    void *work = malloc(bytes);
    CHECK_STATUS(otc_semidiscrete_f32(Xf, NULL, Yf, bf, &sopts, gf, masses_f, &info, work, bytes), OTC_OK);
    free(work);
    CHECK(info.converged == 1);
    for (j = 0; j < 3; j++) {
        CHECK_CLOSE(gf[j], g[j], 1e-4);
        CHECK_CLOSE(gf[j], e[j], 2e-3);
        CHECK_CLOSE(masses_f[j], masses[j], 2.0 / N);
    }
    /* Refused: a negative point weight; g and masses keep their values. */
    {
        static float wf[N];
        float keep[3] = {7.0f, 8.0f, 9.0f};
        double mkeep[3] = {-1.0, -2.0, -3.0};
        for (i = 0; i < N; i++) wf[i] = 1.0f / N;
        wf[5] = -1.0f;
        CHECK_STATUS(otc_semidiscrete_f32(Xf, wf, Yf, bf, NULL, keep, mkeep, NULL, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
        CHECK(keep[0] == 7.0f && keep[1] == 8.0f && keep[2] == 9.0f);
        CHECK(mkeep[0] == -1.0 && mkeep[1] == -2.0 && mkeep[2] == -3.0);
    }

    /* SGD from the sample array: the closed form, and the same g for 1 and 2 threads. */
    otc_sgd_options opts;
    CHECK_STATUS(otc_sgd_options_default(&opts), OTC_OK);
    opts.iterations = 20000;
    opts.num_threads = 1;
    CHECK_STATUS(otc_semidiscrete_sgd_samples_workspace_size(N, 3, 1, &opts, &bytes), OTC_OK);
    work = malloc(bytes);
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f64(X, NULL, Y, b, 5, &opts, g, work, bytes), OTC_OK);
    for (j = 0; j < 3; j++) CHECK_CLOSE(g[j], e[j], 5e-3);
    opts.num_threads = 2;
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f64(X, NULL, Y, b, 5, &opts, g2, NULL, 0), OTC_OK);
    for (j = 0; j < 3; j++) CHECK(g2[j] == g[j]);
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f64(X, NULL, Y, b, 5, &opts, g2, work, bytes / 2),
                 OTC_ERR_WORKSPACE_TOO_SMALL);
    free(work);
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f32(Xf, NULL, Yf, bf, 5, &opts, gf, NULL, 0), OTC_OK);
    for (j = 0; j < 3; j++) CHECK_CLOSE(gf[j], g[j], 2e-3);
    /* Refused: NaN sample, g overlapping b, wrong struct_size; g untouched each time. */
    g2[0] = 1.0; g2[1] = 2.0; g2[2] = 3.0;
    x[7] = NAN;
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f64(X, NULL, Y, b, 5, &opts, g2, NULL, 0), OTC_ERR_NON_FINITE);
    x[7] = (7 + 0.5) / N;
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f64(X, NULL, Y, b, 5, &opts, b, NULL, 0), OTC_ERR_ALIASING);
    opts.struct_size = 3;
    CHECK_STATUS(otc_semidiscrete_sgd_samples_f64(X, NULL, Y, b, 5, &opts, g2, NULL, 0), OTC_ERR_ABI_MISMATCH);
    CHECK(g2[0] == 1.0 && g2[1] == 2.0 && g2[2] == 3.0);

    /* SGD from a float sampler. */
    {
        unsigned long state = 99;
        CHECK_STATUS(otc_sgd_options_default(&opts), OTC_OK);
        opts.iterations = 20000;
        CHECK_STATUS(otc_semidiscrete_sgd_f32(uniform_sampler_f32, &state, Yf, bf, &opts, gf, NULL, 0), OTC_OK);
        for (j = 0; j < 3; j++) CHECK_CLOSE(gf[j], e[j], 5e-3);
        CHECK_STATUS(otc_semidiscrete_sgd_f32(NULL, NULL, Yf, bf, &opts, gf, NULL, 0), OTC_ERR_NULL_POINTER);
    }

    /* Lloyd in f32 against f64 (the optimal 4-point quantiser of U[0, 1]). */
    {
        double sites[4] = {0.05, 0.1, 0.2, 0.3}, d64 = 0.0, d32 = 0.0;
        float sites_f[4] = {0.05f, 0.1f, 0.2f, 0.3f}, keep[4];
        otc_matrix_mut_f64 S = {sites, 4, 1, 1, 1};
        otc_matrix_mut_f32 Sf = {sites_f, 4, 1, 1, 1};
        /* tol = 0: iterate until the cells stop changing. The 2000 samples have many fixed
           points within a few grid steps (1/2000) of (2j+1)/8; rounding may pick a neighbour,
           so f32 and f64 agree to 4 grid steps and in distortion to 1e-6. */
        otc_status st32;
        CHECK_STATUS(otc_lloyd_f64(X, NULL, S, 100000, 0.0, NULL, &d64, NULL, 0), OTC_OK);
        st32 = otc_lloyd_f32(Xf, NULL, Sf, 100000, 0.0, NULL, &d32, NULL, 0);
        CHECK(st32 == OTC_OK || st32 == OTC_WARN_MAX_ITER);
        for (j = 0; j < 4; j++) {
            CHECK_CLOSE(sites_f[j], sites[j], 4.0 / N);
            CHECK_CLOSE(sites_f[j], (2 * j + 1) / 8.0, 4e-3);
        }
        CHECK_CLOSE(d32, d64, 1e-6);
        for (j = 0; j < 4; j++) keep[j] = sites_f[j];
        CHECK_STATUS(otc_lloyd_f32(Xf, NULL, Sf, -1, 0.0, NULL, NULL, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
        xf[3] = NAN;
        CHECK_STATUS(otc_lloyd_f32(Xf, NULL, Sf, 10, 0.0, NULL, NULL, NULL, 0), OTC_ERR_NON_FINITE);
        xf[3] = (float)x[3];
        for (j = 0; j < 4; j++) CHECK(keep[j] == sites_f[j]);
    }
}

/* Barycenters: convolutional and fixed-support agree on a 5x6 grid of the unit square. */
static void test_barycenters(void) {
    enum { H = 5, W = 6, NP = H * W };
    static double imgs[NP * 2], cost[NP * NP], conv[NP], fixed[NP];
    double wts[2] = {0.25, 0.75}, s0 = 0.0, s1 = 0.0, mass = 0.0;
    int i, j;
    uint64_t iters = 0;
    for (i = 0; i < NP; i++) {
        double r = (double)(i / W) / (H - 1), c = (double)(i % W) / (W - 1);
        imgs[2 * i] = exp(-((r - 0.2) * (r - 0.2) + (c - 0.3) * (c - 0.3)) / 0.05);
        imgs[2 * i + 1] = exp(-((r - 0.8) * (r - 0.8) + (c - 0.6) * (c - 0.6)) / 0.08);
        s0 += imgs[2 * i];
        s1 += imgs[2 * i + 1];
        for (j = 0; j < NP; j++) {
            double r2 = (double)(j / W) / (H - 1), c2 = (double)(j % W) / (W - 1);
            cost[i * NP + j] = (r - r2) * (r - r2) + (c - c2) * (c - c2);
        }
    }
    for (i = 0; i < NP; i++) { imgs[2 * i] /= s0; imgs[2 * i + 1] /= s1; }
    otc_matrix_f64 A = {imgs, NP, 2, 2, 1}, C = {cost, NP, NP, NP, 1};
    otc_workspace none = {NULL, 0};
    otc_barycenter_problem_f64 fp = {sizeof fp, A, C, wts};
    otc_barycenter_outputs_f64 fo = {sizeof fo, {0}, fixed};
    otc_convolutional_barycenter_problem_f64 cp = {sizeof cp, A, H, W, wts};
    otc_convolutional_barycenter_outputs_f64 co = {sizeof co, {0}, conv};
    otc_barycenter_options opts;
    otc_convolutional_barycenter_options copts;
    CHECK_STATUS(otc_barycenter_options_default(&opts), OTC_OK);
    CHECK_STATUS(otc_convolutional_barycenter_options_default(&copts), OTC_OK);
    opts.epsilon = copts.epsilon = 0.05;
    opts.tol = copts.tol = 1e-12;
    opts.max_iter = copts.max_iter = 10000;
    size_t bytes = 0;
    CHECK_STATUS(otc_convolutional_barycenter_workspace_size_f64(&cp, &copts, &bytes), OTC_OK);
    otc_workspace work = {malloc(bytes), bytes};
    CHECK_STATUS(otc_convolutional_barycenter_f64(&cp, &co, &copts, work), OTC_OK);
    free(work.data);
    iters = co.report.iterations;
    CHECK(iters > 0 && co.report.error <= 1e-12);
    CHECK_STATUS(otc_barycenter_f64(&fp, &fo, &opts, none), OTC_OK);
    for (i = 0; i < NP; i++) { CHECK_CLOSE(conv[i], fixed[i], 1e-10); mass += fixed[i]; }
    CHECK_CLOSE(mass, 1.0, 1e-10);
    opts.max_iter = 1;
    CHECK_STATUS(otc_barycenter_f64(&fp, &fo, &opts, none), OTC_WARN_MAX_ITER);
    CHECK(fo.report.status == OTC_WARN_MAX_ITER && fo.report.iterations == 1);
    cp.width = W + 1;
    CHECK_STATUS(otc_convolutional_barycenter_f64(&cp, &co, &copts, none), OTC_ERR_INVALID_DIMENSION);
}

int main(void) {
    test_barycenters();
    test_laguerre();
    test_solvers();
    test_sgd_and_lloyd();
    test_f32_and_sgd_samples();
    return report();
}

/* Cost matrices through the C ABI: row-major and column-major inputs and outputs against a
 * naive loop, a caller workspace, f32, and error paths with otc_last_error_message. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define N 7
#define M 5
#define D 3

static double naive(const double *x, const double *y, int metric, double p) {
    double s = 0.0, dot = 0.0, nx = 0.0, ny = 0.0;
    int k;
    for (k = 0; k < D; k++) {
        double t = fabs(x[k] - y[k]);
        s += metric == OTC_METRIC_MINKOWSKI ? pow(t, p) : t * t;
        dot += x[k] * y[k];
        nx += x[k] * x[k];
        ny += y[k] * y[k];
    }
    switch (metric) {
    case OTC_METRIC_SQEUCLIDEAN: return s;
    case OTC_METRIC_EUCLIDEAN: return sqrt(s);
    case OTC_METRIC_MINKOWSKI: return pow(s, 1.0 / p);
    default: return 1.0 - dot / sqrt(nx * ny);
    }
}

int main(void) {
    double x[N * D], y[M * D], ycol[D * M], c[N * M], ccol[M * N];
    float x32[N * D], y32[M * D], c32[N * M];
    otc_cost_options opts;
    size_t bytes = 0;
    void *work;
    int i, j, k, metric;

    for (i = 0; i < N * D; i++) x[i] = x32[i] = (float)(0.1 * (i % 5) - 0.3 * (i % 3) + 1.0);
    for (i = 0; i < M * D; i++) y[i] = y32[i] = (float)(0.2 * (i % 4) - 0.1 * (i % 7) + 0.5);
    for (j = 0; j < M; j++)
        for (k = 0; k < D; k++) ycol[j + k * M] = y[j * D + k];
    /* One x row equal to a y row: its cost is exactly 0. */
    for (k = 0; k < D; k++) x[2 * D + k] = y[4 * D + k];

    CHECK_STATUS(otc_cost_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof(otc_cost_options));
    CHECK(opts.metric == OTC_METRIC_SQEUCLIDEAN && opts.p == 2.0 && opts.num_threads == 0);

    for (metric = OTC_METRIC_SQEUCLIDEAN; metric <= OTC_METRIC_COSINE; metric++) {
        otc_matrix_f64 xv = {x, N, D, D, 1};
        otc_matrix_f64 yv = {ycol, M, D, 1, M}; /* column-major y */
        otc_matrix_mut_f64 cv = {c, N, M, M, 1}; /* row-major out */
        otc_matrix_mut_f64 ctv = {ccol, N, M, 1, N}; /* column-major out */
        opts.metric = metric;
        opts.p = 3.0;
        opts.num_threads = 2;
        CHECK_STATUS(otc_cost_matrix_workspace_size(N, M, D, &opts, &bytes), OTC_OK);
        CHECK(bytes > 0);
        work = malloc(bytes);
        CHECK_STATUS(otc_cost_matrix_f64(xv, yv, cv, &opts, work, bytes), OTC_OK);
        CHECK_STATUS(otc_cost_matrix_f64(xv, yv, ctv, &opts, NULL, 0), OTC_OK);
        free(work);
        for (i = 0; i < N; i++)
            for (j = 0; j < M; j++) {
                double want = naive(&x[i * D], &y[j * D], metric, 3.0);
                CHECK_CLOSE(c[i * M + j], want, 1e-12 * (1.0 + want));
                CHECK(ccol[i + j * N] == c[i * M + j]);
            }
        CHECK(c[2 * M + 4] == 0.0);
    }

    /* f32 with NULL options (squared Euclidean, default threads). */
    {
        otc_matrix_f32 xv = {x32, N, D, D, 1};
        otc_matrix_f32 yv = {y32, M, D, D, 1};
        otc_matrix_mut_f32 cv = {c32, N, M, M, 1};
        CHECK_STATUS(otc_cost_matrix_f32(xv, yv, cv, NULL, NULL, 0), OTC_OK);
        for (i = 0; i < N; i++)
            for (j = 0; j < M; j++) {
                double xs[D], ys[D];
                for (k = 0; k < D; k++) {
                    xs[k] = x32[i * D + k];
                    ys[k] = y32[j * D + k];
                }
                CHECK_CLOSE(c32[i * M + j], naive(xs, ys, OTC_METRIC_SQEUCLIDEAN, 2.0), 1e-5);
            }
    }

    /* Errors: status, message, output untouched. */
    {
        otc_matrix_f64 xv = {x, N, D, D, 1};
        otc_matrix_f64 yv = {y, M, D, D, 1};
        otc_matrix_f64 ybad = {y, M, D - 1, D - 1, 1};
        otc_matrix_mut_f64 cv = {c, N, M, M, 1};
        otc_matrix_f64 xnull = {NULL, N, D, D, 1};
        for (i = 0; i < N * M; i++) c[i] = -5.0;
        CHECK_STATUS(otc_cost_matrix_f64(xv, ybad, cv, NULL, NULL, 0), OTC_ERR_INVALID_DIMENSION);
        CHECK(strstr(otc_last_error_message(), "same number of columns") != NULL);
        CHECK_STATUS(otc_cost_matrix_f64(xnull, yv, cv, NULL, NULL, 0), OTC_ERR_NULL_POINTER);
        CHECK(strcmp(otc_last_error_message(), "otc_cost_matrix_f64: x.data is NULL") == 0);
        otc_cost_options_default(&opts);
        opts.metric = 42;
        CHECK_STATUS(otc_cost_matrix_workspace_size(N, M, D, &opts, &bytes), OTC_ERR_INVALID_ARGUMENT);
        CHECK(strstr(otc_last_error_message(), "metric = 42 is unknown") != NULL);
        opts.metric = OTC_METRIC_MINKOWSKI;
        opts.p = 0.25;
        CHECK_STATUS(otc_cost_matrix_f64(xv, yv, cv, &opts, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
        otc_cost_options_default(&opts);
        opts.struct_size = 8;
        CHECK_STATUS(otc_cost_matrix_f64(xv, yv, cv, &opts, NULL, 0), OTC_ERR_ABI_MISMATCH);
        x[5] = NAN;
        CHECK_STATUS(otc_cost_matrix_f64(xv, yv, cv, NULL, NULL, 0), OTC_ERR_NON_FINITE);
        for (i = 0; i < N * M; i++) CHECK(c[i] == -5.0);
        CHECK_STATUS(otc_cost_options_default(NULL), OTC_ERR_NULL_POINTER);
    }
    return report();
}

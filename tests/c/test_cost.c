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

/* Computes x (n x D) against y into the view `cost` with `opts` and workspace `work`. */
static otc_status run64(otc_matrix_f64 x, otc_matrix_f64 y, otc_matrix_mut_f64 cost,
                        const otc_cost_matrix_options *opts, otc_workspace work) {
    otc_cost_matrix_problem_f64 problem;
    otc_cost_matrix_outputs_f64 out;
    memset(&out, 0, sizeof out);
    problem.struct_size = sizeof problem;
    problem.x = x;
    problem.y = y;
    out.struct_size = sizeof out;
    out.cost = cost;
    return otc_cost_matrix_f64(&problem, &out, opts, work);
}

int main(void) {
    double x[N * D], y[M * D], ycol[D * M], c[N * M], ccol[M * N];
    float x32[N * D], y32[M * D], c32[N * M];
    otc_cost_matrix_options opts;
    otc_workspace none = {NULL, 0};
    size_t bytes = 0;
    int i, j, k, metric;

    for (i = 0; i < N * D; i++) x[i] = x32[i] = (float)(0.1 * (i % 5) - 0.3 * (i % 3) + 1.0);
    for (i = 0; i < M * D; i++) y[i] = y32[i] = (float)(0.2 * (i % 4) - 0.1 * (i % 7) + 0.5);
    for (j = 0; j < M; j++)
        for (k = 0; k < D; k++) ycol[j + k * M] = y[j * D + k];
    /* One x row equal to a y row: its cost is exactly 0. */
    for (k = 0; k < D; k++) x[2 * D + k] = y[4 * D + k];

    CHECK_STATUS(otc_cost_matrix_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof(otc_cost_matrix_options));
    CHECK(opts.metric == OTC_METRIC_SQEUCLIDEAN && opts.p == 2.0 && opts.num_threads == 0);

    for (metric = OTC_METRIC_SQEUCLIDEAN; metric <= OTC_METRIC_COSINE; metric++) {
        otc_cost_matrix_problem_f64 problem = {sizeof problem, {x, N, D, D, 1},
                                               {ycol, M, D, 1, M}}; /* column-major y */
        otc_cost_matrix_outputs_f64 out;
        otc_matrix_mut_f64 ctv = {ccol, N, M, 1, N}; /* column-major out */
        otc_workspace work;
        memset(&out, 0, sizeof out);
        out.struct_size = sizeof out;
        out.cost = (otc_matrix_mut_f64){c, N, M, M, 1}; /* row-major out */
        opts.metric = metric;
        opts.p = 3.0;
        opts.num_threads = 2;
        CHECK_STATUS(otc_cost_matrix_workspace_size_f64(&problem, &opts, &bytes), OTC_OK);
        CHECK(bytes > 0);
        work.data = malloc(bytes);
        work.bytes = bytes;
        CHECK_STATUS(otc_cost_matrix_f64(&problem, &out, &opts, work), OTC_OK);
        CHECK(out.report.status == OTC_OK && out.report.iterations == 0 && out.report.seconds >= 0.0);
        CHECK_STATUS(run64(problem.x, problem.y, ctv, &opts, none), OTC_OK);
        free(work.data);
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
        otc_cost_matrix_problem_f32 problem = {sizeof problem, {x32, N, D, D, 1}, {y32, M, D, D, 1}};
        otc_cost_matrix_outputs_f32 out;
        memset(&out, 0, sizeof out);
        out.struct_size = sizeof out;
        out.cost = (otc_matrix_mut_f32){c32, N, M, M, 1};
        CHECK_STATUS(otc_cost_matrix_workspace_size_f32(&problem, NULL, &bytes), OTC_OK);
        CHECK_STATUS(otc_cost_matrix_f32(&problem, &out, NULL, none), OTC_OK);
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
        otc_cost_matrix_problem_f64 problem = {sizeof problem, {x, N, D, D, 1}, {y, M, D, D, 1}};
        for (i = 0; i < N * M; i++) c[i] = -5.0;
        CHECK_STATUS(run64(xv, ybad, cv, NULL, none), OTC_ERR_INVALID_DIMENSION);
        CHECK(strstr(otc_last_error_message(), "same number of columns") != NULL);
        CHECK_STATUS(run64(xnull, yv, cv, NULL, none), OTC_ERR_NULL_POINTER);
        CHECK(strcmp(otc_last_error_message(), "otc_cost_matrix_f64: problem->x.data is NULL") == 0);
        otc_cost_matrix_options_default(&opts);
        opts.metric = 42;
        CHECK_STATUS(otc_cost_matrix_workspace_size_f64(&problem, &opts, &bytes), OTC_ERR_INVALID_ARGUMENT);
        CHECK(strstr(otc_last_error_message(), "metric = 42 is unknown") != NULL);
        opts.metric = OTC_METRIC_MINKOWSKI;
        opts.p = 0.25;
        CHECK_STATUS(run64(xv, yv, cv, &opts, none), OTC_ERR_INVALID_ARGUMENT);
        otc_cost_matrix_options_default(&opts);
        opts.struct_size = 8;
        CHECK_STATUS(run64(xv, yv, cv, &opts, none), OTC_ERR_ABI_MISMATCH);
        CHECK(strstr(otc_last_error_message(), "opts->struct_size is 8") != NULL);
        otc_cost_matrix_options_default(&opts);
        opts.num_threads = 257;
        CHECK_STATUS(run64(xv, yv, cv, &opts, none), OTC_ERR_THREADS);
        x[5] = NAN;
        CHECK_STATUS(run64(xv, yv, cv, NULL, none), OTC_ERR_NON_FINITE);
        for (i = 0; i < N * M; i++) CHECK(c[i] == -5.0);
        CHECK_STATUS(otc_cost_matrix_options_default(NULL), OTC_ERR_NULL_POINTER);
        CHECK_STATUS(otc_cost_matrix_f64(NULL, NULL, NULL, none), OTC_ERR_NULL_POINTER);
    }
    return report();
}

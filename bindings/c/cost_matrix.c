/* otcore from C: pairwise cost matrices between two point clouds.
 *   cc -std=c99 cost_matrix.c $(pkg-config --cflags --libs otcore) -lm -o cost_matrix
 * Shows the ABI 1 shape (problem, outputs, options, workspace), row-major and column-major
 * inputs (strided views, no copy), a caller workspace, and how a failure reports its status
 * and message. Exits non-zero if a value is wrong. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "otcore.h"

enum { N = 4, M = 3, D = 3 };

/* The cost the library should return, computed naively. */
static double reference(const double *xi, const double *yj, int metric, double p) {
    double s = 0.0, dot = 0.0, nx = 0.0, ny = 0.0;
    int k;
    for (k = 0; k < D; k++) {
        double t = xi[k] - yj[k];
        switch (metric) {
        case OTC_METRIC_MINKOWSKI: s += pow(fabs(t), p); break;
        default: s += t * t; break;
        }
        dot += xi[k] * yj[k];
        nx += xi[k] * xi[k];
        ny += yj[k] * yj[k];
    }
    switch (metric) {
    case OTC_METRIC_SQEUCLIDEAN: return s;
    case OTC_METRIC_EUCLIDEAN: return sqrt(s);
    case OTC_METRIC_MINKOWSKI: return pow(s, 1.0 / p);
    default: return 1.0 - dot / (sqrt(nx) * sqrt(ny));
    }
}

static int check(const double *c, const double *x, const double *y, int metric, double p,
                 const char *what) {
    int i, j, bad = 0;
    for (i = 0; i < N; i++)
        for (j = 0; j < M; j++) {
            double want = reference(&x[i * D], &y[j * D], metric, p);
            if (fabs(c[i * M + j] - want) > 1e-12 * (1.0 + fabs(want))) {
                printf("%s: C[%d][%d] = %.17g, expected %.17g\n", what, i, j, c[i * M + j], want);
                bad = 1;
            }
        }
    return bad;
}

int main(void) {
    /* Row-major clouds: point i of x is x[i*D .. i*D+D-1]. */
    double x[N * D] = {0, 0, 1, 1, 0, 0, 0.5, 2, -1, 3, 1, 1};
    double y[M * D] = {1, 1, 1, -2, 0.5, 0, 0, 1, 4};
    double xt[D * N]; /* the same x stored column-major (as Fortran, Julia and R do) */
    double c[N * M];
    int metrics[4] = {OTC_METRIC_SQEUCLIDEAN, OTC_METRIC_EUCLIDEAN, OTC_METRIC_MINKOWSKI,
                      OTC_METRIC_COSINE};
    const char *names[4] = {"sqeuclidean", "euclidean", "minkowski(p=3)", "cosine"};
    otc_cost_matrix_options opts;
    size_t bytes = 0;
    otc_workspace work = {NULL, 0}; /* {NULL, 0}: otcore allocates */
    int i, j, bad = 0;
    otc_status st;

    otc_cost_matrix_problem_f64 problem = {sizeof(otc_cost_matrix_problem_f64),
                                           {x, N, D, D, 1}, {y, M, D, D, 1}};
    otc_cost_matrix_outputs_f64 out;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.cost = (otc_matrix_mut_f64){c, N, M, M, 1};

    for (i = 0; i < N; i++)
        for (j = 0; j < D; j++) xt[j * N + i] = x[i * D + j];

    if (otc_cost_matrix_options_default(&opts) != OTC_OK) return 1;
    for (i = 0; i < 4; i++) {
        opts.metric = metrics[i];
        opts.p = 3.0;
        st = otc_cost_matrix_f64(&problem, &out, &opts, work);
        if (st != OTC_OK) {
            printf("%s: %s: %s\n", names[i], otc_status_message(st), otc_last_error_message());
            return 1;
        }
        bad |= check(c, x, y, metrics[i], 3.0, names[i]);
        printf("%-15s C[0][*] = %8.4f %8.4f %8.4f\n", names[i], c[0], c[1], c[2]);
    }

    /* Column-major x (row_stride 1, col_stride N), single thread, caller-owned workspace. */
    {
        otc_matrix_f64 xcol = {xt, N, D, 1, N};
        problem.x = xcol;
        opts.metric = OTC_METRIC_EUCLIDEAN;
        opts.num_threads = 1;
        if (otc_cost_matrix_workspace_size_f64(&problem, &opts, &bytes) != OTC_OK) return 1;
        work.data = malloc(bytes > 0 ? bytes : 1);
        work.bytes = bytes;
        st = otc_cost_matrix_f64(&problem, &out, &opts, work);
        free(work.data);
        work.data = NULL;
        work.bytes = 0;
        if (st != OTC_OK) return 1;
        bad |= check(c, x, y, OTC_METRIC_EUCLIDEAN, 2.0, "column-major x");
        printf("column-major x with a %lu-byte workspace: ok\n", (unsigned long)bytes);
    }

    /* A NaN in the input: an error, the message says where, the output is untouched. */
    {
        double before = c[0];
        x[4] = NAN;
        problem.x = (otc_matrix_f64){x, N, D, D, 1};
        st = otc_cost_matrix_f64(&problem, &out, &opts, work);
        printf("with a NaN: %s (%s)\n", otc_status_message(st), otc_last_error_message());
        if (st != OTC_ERR_NON_FINITE || c[0] != before) bad = 1;
    }

    printf(bad ? "cost_matrix example FAILED\n" : "cost_matrix example ok\n");
    return bad;
}

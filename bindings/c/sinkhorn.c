/* otcore from C: entropic OT by log-domain Sinkhorn between two point clouds.
 *   cc -std=c99 sinkhorn.c $(pkg-config --cflags --libs otcore) -lm -o sinkhorn
 * Builds the squared-Euclidean cost, solves with a caller workspace, and checks that the plan
 * has the prescribed marginals and the Gibbs form P = a b exp((f + g - C) / eps). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "otcore.h"

enum { N = 6, M = 4, D = 2 };

int main(void) {
    double x[N * D], y[M * D], a[N], b[M], c[N * M], plan[N * M], f[N], g[M], err = 0.0;
    otc_matrix_f64 X = {x, N, D, D, 1}, Y = {y, M, D, D, 1}, C = {c, N, M, M, 1};
    otc_matrix_mut_f64 Cout = {c, N, M, M, 1}, P = {plan, N, M, M, 1};
    otc_sinkhorn_options opts;
    otc_sinkhorn_info info;
    size_t bytes = 0;
    void *work;
    otc_status st;
    int i, j;

    for (i = 0; i < N * D; i++) x[i] = (double)((i * 37) % 17) / 17.0;
    for (i = 0; i < M * D; i++) y[i] = (double)((i * 23) % 13) / 13.0;
    for (i = 0; i < N; i++) a[i] = 1.0 / N;
    for (j = 0; j < M; j++) b[j] = 1.0 / M;
    {
        otc_cost_matrix_problem_f64 cp = {sizeof cp, X, Y};
        otc_cost_matrix_outputs_f64 co = {sizeof co, {0}, Cout};
        otc_workspace no_work = {NULL, 0};
        if (otc_cost_matrix_f64(&cp, &co, NULL, no_work) != OTC_OK) return 1;
    }

    otc_sinkhorn_options_default(&opts);
    opts.epsilon = 0.05;
    opts.tolerance = 1e-12;
    opts.max_iter = 100000;
    info.struct_size = sizeof info;
    if (otc_sinkhorn_workspace_size(N, M, 0, &opts, &bytes) != OTC_OK) return 1;
    work = malloc(bytes);
    st = otc_sinkhorn_f64(C, a, b, &opts, NULL, NULL, f, g, &P, &info, work, bytes);
    free(work);
    if (st != OTC_OK) {
        printf("otc_sinkhorn_f64: %s\n", otc_last_error_message());
        return 1;
    }
    for (i = 0; i < N; i++) {
        double row = 0.0;
        for (j = 0; j < M; j++) {
            double gibbs = a[i] * b[j] * exp((f[i] + g[j] - c[i * M + j]) / opts.epsilon);
            row += plan[i * M + j];
            err = fmax(err, fabs(plan[i * M + j] - gibbs));
        }
        err = fmax(err, fabs(row - a[i]));
    }
    for (j = 0; j < M; j++) {
        double col = 0.0;
        for (i = 0; i < N; i++) col += plan[i * M + j];
        err = fmax(err, fabs(col - b[j]));
    }
    printf("sinkhorn: %u iterations, transport cost %.9f, dual %.9f, max error %.2e\n",
           info.iterations, info.transport_cost, info.dual, err);
    if (err > 1e-10 || !info.converged) return 1;
    printf("sinkhorn example ok\n");
    return 0;
}

/* otcore from C: exact optimal transport between two images on a grid (ABI 1 shape).
 *   cc -std=c99 exact_grid.c $(pkg-config --cflags --libs otcore) -o exact_grid
 * Moves a 32x32 blob to a shifted copy: the exact cost of a translation by (dy, dx) pixels is
 * dy^2 + dx^2 (every unit of mass moves by the shift); checks it, the certificate over all
 * arcs and the sparse plan, then stops a solve from a callback (OTC_WARN_CANCELLED). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "otcore.h"

enum { H = 32, W = 32, N = H * W };

static int32_t stop_at_once(void *data, uint64_t pivots, double violations) {
    (void)pivots;
    (void)violations;
    ++*(int *)data;
    return 1;
}

int main(void) {
    static double a[N], b[N], mass[2 * N - 1];
    static size_t rows[2 * N - 1], cols[2 * N - 1];
    size_t shape[2] = {H, W}, k;
    double sa = 0;
    int i, j, calls = 0, bad = 0;
    otc_workspace no_work = {NULL, 0};
    otc_emd_grid_options opts;
    otc_emd_grid_problem_f64 p = {sizeof p, 2, shape, NULL, a, b};
    otc_emd_grid_outputs_f64 out = {0};
    otc_status s;

    for (i = 0; i < H; i++)
        for (j = 0; j < W; j++) {
            double r2 = (i - 12.0) * (i - 12.0) + (j - 10.0) * (j - 10.0);
            a[i * W + j] = r2 < 49 ? exp(-r2 / 20) : 0; /* a blob, zero outside */
            sa += a[i * W + j];
        }
    for (i = 0; i < N; i++) a[i] /= sa;
    for (i = 0; i < H; i++) /* b: a shifted by (dy, dx) = (5, 7) */
        for (j = 0; j < W; j++) b[i * W + j] = (i >= 5 && j >= 7) ? a[(i - 5) * W + (j - 7)] : 0;

    out.struct_size = sizeof out;
    out.plan_rows = rows;
    out.plan_cols = cols;
    out.plan_mass = mass;
    s = otc_emd_grid_f64(&p, &out, NULL, no_work);
    if (s >= 100) {
        fprintf(stderr, "%s\n", otc_last_error_message());
        return 1;
    }
    printf("cost %.12f (translation: 74), certificate %.1e, %zu plan entries, %u levels\n",
           out.cost, out.gap, out.plan_nnz, (unsigned)out.levels);
    bad += fabs(out.cost - 74.0) > 1e-9;
    bad += !(out.gap <= 0 && out.gap > -1e-9);
    for (k = 0; k < out.plan_nnz; k++) /* every unit moves by the shift */
        bad += mass[k] > 1e-12 && cols[k] != rows[k] + 5 * W + 7;

    /* A callback that stops at its first call: a feasible plan, OTC_WARN_CANCELLED. */
    otc_emd_grid_options_default(&opts);
    opts.callback_every = 1;
    opts.callback = stop_at_once;
    opts.callback_data = &calls;
    s = otc_emd_grid_f64(&p, &out, &opts, no_work);
    printf("stopped: status %d (%s), %d call, cost %.6f\n", (int)s, otc_status_message(s), calls,
           out.cost);
    bad += s != OTC_WARN_CANCELLED || calls != 1 || out.cost < 74.0 - 1e-9;
    if (bad) return 1;
    printf("exact_grid example ok\n");
    return 0;
}

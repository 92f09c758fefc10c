/* Exact OT on a grid through the C ABI (ABI 1 shape): a 2-D pair whose optimum is known
 * by hand, equality with the dense network simplex on the grid's cost, the sparse plan's
 * marginals, a caller workspace, and refused inputs leaving the outputs untouched. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define H 4
#define W 5
#define N (H * W)

int main(void) {
    size_t shape[2] = {H, W}, rows[2 * N - 1], cols[2 * N - 1], bytes = 0, k;
    double spacing[2] = {1.0, 0.5};
    double a[N], b[N], f[N], g[N], mass[2 * N - 1], c[N * N], rowsum[N];
    otc_emd_grid_problem_f64 p;
    otc_emd_grid_outputs_f64 out;
    otc_emd_grid_options opts;
    otc_workspace none = {NULL, 0};
    int i, j;

    /* Irregular histograms with zeros on both sides. */
    for (i = 0; i < N; i++) {
        a[i] = (double)((i * 7) % 5);
        b[i] = (double)((i * 3 + 1) % 4);
    }
    {
        double sa = 0, sb = 0;
        for (i = 0; i < N; i++) { sa += a[i]; sb += b[i]; }
        for (i = 0; i < N; i++) { a[i] /= sa; b[i] /= sb; }
    }
    CHECK_STATUS(otc_emd_grid_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof opts && opts.arcs_per_node == 16 && opts.mass_tolerance == 1e-9);

    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    p.ndim = 2;
    p.shape = shape;
    p.spacing = spacing;
    p.a = a;
    p.b = b;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.f = f;
    out.g = g;
    out.plan_rows = rows;
    out.plan_cols = cols;
    out.plan_mass = mass;
    CHECK_STATUS(otc_emd_grid_workspace_size_f64(&p, &opts, &bytes), OTC_OK);
    CHECK(bytes > 0);
    {
        otc_workspace work;
        work.data = malloc(bytes);
        work.bytes = bytes;
        CHECK_STATUS(otc_emd_grid_f64(&p, &out, &opts, work), OTC_OK);
        free(work.data);
    }
    CHECK(out.report.status == OTC_OK && out.report.error == out.gap);
    CHECK(out.gap <= 0.0 && out.gap > -1e-12);
    CHECK(out.plan_nnz >= 1 && out.plan_nnz <= 2 * N - 1);
    CHECK(out.levels == 1);

    /* The dense problem on the grid's cost, solved by the network simplex: the same cost. */
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++) {
            double dy = (double)(i / W - j / W), dx = 0.5 * (double)(i % W - j % W);
            c[i * N + j] = dy * dy + dx * dx;
        }
    {
        otc_emd_problem_f64 dp;
        otc_emd_outputs_f64 dense;
        otc_workspace alloc = {NULL, 0};
        memset(&dp, 0, sizeof dp);
        memset(&dense, 0, sizeof dense);
        dp.struct_size = sizeof dp;
        dp.a = a;
        dp.n = N;
        dp.b = b;
        dp.m = N;
        dp.cost = (otc_matrix_f64){c, N, N, N, 1};
        dense.struct_size = sizeof dense;
        CHECK_STATUS(otc_emd_f64(&dp, &dense, NULL, alloc), OTC_OK);
        CHECK_CLOSE(out.cost, dense.cost, 1e-12);
    }
    /* The plan: row sums a, cost Σ C P, duals feasible everywhere and centred. */
    {
        double total = 0, fa = 0, gb = 0;
        for (i = 0; i < N; i++) rowsum[i] = 0;
        for (k = 0; k < out.plan_nnz; k++) {
            rowsum[rows[k]] += mass[k];
            total += mass[k] * c[rows[k] * N + cols[k]];
            CHECK_CLOSE(f[rows[k]] + g[cols[k]], c[rows[k] * N + cols[k]], 1e-12);
        }
        for (i = 0; i < N; i++) CHECK_CLOSE(rowsum[i], a[i], 1e-14);
        CHECK_CLOSE(total, out.cost, 1e-12);
        for (i = 0; i < N; i++) {
            fa += a[i] * f[i];
            gb += b[i] * g[i];
            for (j = 0; j < N; j++) CHECK(f[i] + g[j] <= c[i * N + j] + 1e-12);
        }
        CHECK_CLOSE(fa, gb, 1e-12);
    }

    /* Refused: unequal masses (naming the heavier side), a spacing of 0, ndim 4, two of the
     * three plan arrays; nothing written. */
    {
        double heavy[N];
        for (i = 0; i < N; i++) heavy[i] = 2 * b[i];
        out.cost = -7.0;
        f[0] = 99.0;
        p.b = heavy;
        CHECK_STATUS(otc_emd_grid_f64(&p, &out, NULL, none), OTC_ERR_MASS_MISMATCH);
        CHECK(strstr(otc_last_error_message(), "b is heavier") != NULL);
        p.b = b;
        spacing[1] = 0.0;
        CHECK_STATUS(otc_emd_grid_f64(&p, &out, NULL, none), OTC_ERR_INVALID_ARGUMENT);
        CHECK(strstr(otc_last_error_message(), "spacing[1]") != NULL);
        spacing[1] = 0.5;
        p.ndim = 4;
        CHECK_STATUS(otc_emd_grid_f64(&p, &out, NULL, none), OTC_ERR_INVALID_DIMENSION);
        CHECK(strstr(otc_last_error_message(), "ndim") != NULL);
        p.ndim = 2;
        out.plan_mass = NULL;
        CHECK_STATUS(otc_emd_grid_f64(&p, &out, NULL, none), OTC_ERR_NULL_POINTER);
        CHECK(strstr(otc_last_error_message(), "out->plan_mass") != NULL);
        CHECK(out.cost == -7.0 && f[0] == 99.0);
    }
    return report();
}

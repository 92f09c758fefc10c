/* The sparse and structured exact solvers through the C ABI (ABI 1 shape), one program as in
 * the other languages' `exact_sparse` tests:
 * - assignment (LAPJV): a 3x3 problem with a known optimum, duals certifying it, a batch of
 *   two (one column-major) on two threads with a caller workspace;
 * - exact OT on a grid: a 2-D pair whose optimum is known by hand, equality with the dense
 *   network simplex on the grid's cost, the sparse plan's marginals, a caller workspace;
 * - exact partial and TV-unbalanced OT: small problems whose optima are known by hand, the
 *   duals' certificates, dense and sparse plans;
 * and, for each, refused inputs leaving the outputs untouched. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

static void assignment(void) {
    /* The optimum is 0->1, 1->2, 2->0 at cost 1 + 1 + 1 = 3 (brute force over 6 permutations). */
    double c[9] = {4, 1, 3,
                   2, 5, 1,
                   1, 3, 6};
    double ct[9];
    otc_matrix_f64 views[2];
    otc_assignment_problem_f64 p;
    otc_assignment_outputs_f64 out;
    otc_assignment_options opts;
    size_t perm[6], bytes = 0;
    double u[6], v[6], costs[2];
    int i, j;

    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) ct[j * 3 + i] = c[i * 3 + j];
    views[0].data = c;  views[0].rows = 3; views[0].cols = 3; views[0].row_stride = 3; views[0].col_stride = 1;
    views[1].data = ct; views[1].rows = 3; views[1].cols = 3; views[1].row_stride = 1; views[1].col_stride = 3;

    CHECK_STATUS(otc_assignment_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof(opts) && opts.num_threads == 0);

    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    p.count = 1;
    p.costs = views;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.perm = perm;
    out.u = u;
    out.v = v;
    {
        otc_workspace none = {NULL, 0};
        CHECK_STATUS(otc_assignment_f64(&p, &out, NULL, none), OTC_OK);
    }
    CHECK_CLOSE(out.cost, 3.0, 0.0);
    CHECK(perm[0] == 1 && perm[1] == 2 && perm[2] == 0);
    CHECK(out.gap <= 0.0 && out.gap > -1e-12);
    CHECK(out.report.status == OTC_OK && out.report.error == out.gap && out.report.path == 0);
    for (i = 0; i < 3; i++) {
        CHECK_CLOSE(u[i] + v[perm[i]], c[i * 3 + perm[i]], 1e-12);
        for (j = 0; j < 3; j++) CHECK(u[i] + v[j] <= c[i * 3 + j] + 1e-12);
    }

    /* The batch: the same problem row-major and column-major, on two threads. */
    p.count = 2;
    opts.num_threads = 2;
    out.problem_costs = costs;
    CHECK_STATUS(otc_assignment_workspace_size_f64(&p, &opts, &bytes), OTC_OK);
    CHECK(bytes > 0);
    {
        otc_workspace work;
        work.data = malloc(bytes);
        work.bytes = bytes;
        CHECK_STATUS(otc_assignment_f64(&p, &out, &opts, work), OTC_OK);
        CHECK_CLOSE(out.cost, 6.0, 0.0);
        CHECK_CLOSE(costs[0], 3.0, 0.0);
        CHECK_CLOSE(costs[1], 3.0, 0.0);
        for (i = 0; i < 3; i++) CHECK(perm[3 + i] == perm[i]);
        /* A workspace far too small is refused. */
        work.bytes = 16;
        CHECK_STATUS(otc_assignment_f64(&p, &out, &opts, work), OTC_ERR_WORKSPACE_TOO_SMALL);
        free(work.data);
    }

    /* Refused: a NaN cost (named in the message), an output over the cost; nothing written. */
    {
        otc_workspace none = {NULL, 0};
        double bad[9];
        otc_matrix_f64 bv;
        memcpy(bad, c, sizeof bad);
        bad[4] = NAN;
        bv = views[0];
        bv.data = bad;
        p.count = 1;
        p.costs = &bv;
        perm[0] = 77;
        out.cost = -5.0;
        CHECK_STATUS(otc_assignment_f64(&p, &out, NULL, none), OTC_ERR_NON_FINITE);
        CHECK(strstr(otc_last_error_message(), "cost[1, 1]") != NULL);
        CHECK(perm[0] == 77 && out.cost == -5.0);
        p.costs = views;
        out.u = c;
        CHECK_STATUS(otc_assignment_f64(&p, &out, NULL, none), OTC_ERR_ALIASING);
        CHECK(strstr(otc_last_error_message(), "out->u") != NULL);
        CHECK(perm[0] == 77 && out.cost == -5.0);
    }
}

#define H 4
#define W 5
#define N (H * W)

static void emd_grid(void) {
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
}

static void emd_partial_and_unbalanced_tv(void) {
    /* C = [0 3; 1 2], a = (1/2, 1/2), b = (1/4, 3/4). */
    double c[4] = {0, 3, 1, 2};
    double a[2] = {0.5, 0.5}, b[2] = {0.25, 0.75};
    double f[2], g[2], plan[4], mass[3];
    size_t rows[3], cols[3];
    otc_workspace none = {NULL, 0};
    int i, j;

    {
        otc_emd_partial_options opts;
        otc_emd_partial_problem_f64 p;
        otc_emd_partial_outputs_f64 out;
        otc_matrix_f64 cv = {c, 2, 2, 2, 1};
        otc_matrix_mut_f64 pv = {plan, 2, 2, 2, 1};
        size_t bytes = 0;
        CHECK_STATUS(otc_emd_partial_options_default(&opts), OTC_OK);
        CHECK(opts.struct_size == sizeof opts && opts.max_iter > 1000000);
        memset(&p, 0, sizeof p);
        p.struct_size = sizeof p;
        p.a = a; p.n = 2; p.b = b; p.m = 2; p.cost = cv;
        p.mass = 0.75;
        memset(&out, 0, sizeof out);
        out.struct_size = sizeof out;
        out.f = f; out.g = g; out.plan = pv;
        out.plan_rows = rows; out.plan_cols = cols; out.plan_mass = mass;
        CHECK_STATUS(otc_emd_partial_workspace_size_f64(&p, &opts, &bytes), OTC_OK);
        CHECK(bytes > 0);
        CHECK_STATUS(otc_emd_partial_f64(&p, &out, &opts, none), OTC_OK);
        /* Mass 3/4: 1/4 on (0,0) at 0, then 1/2 on (1,1) at 2: cost 1. */
        CHECK_CLOSE(out.cost, 1.0, 1e-14);
        CHECK_CLOSE(out.transported_mass, 0.75, 1e-14);
        CHECK_CLOSE(plan[0], 0.25, 1e-15);
        CHECK_CLOSE(plan[3], 0.5, 1e-15);
        CHECK(plan[1] == 0.0 && plan[2] == 0.0);
        CHECK(out.plan_nnz >= 2 && out.plan_nnz <= 3);
        /* Duals: f, g <= 0, f_i + g_j + λ <= C_ij, cost = a.f + b.g + mass λ. */
        for (i = 0; i < 2; i++) {
            CHECK(f[i] <= 1e-14 && g[i] <= 1e-14);
            for (j = 0; j < 2; j++) CHECK(f[i] + g[j] + out.mass_price <= c[i * 2 + j] + 1e-12);
        }
        CHECK_CLOSE(a[0] * f[0] + a[1] * f[1] + b[0] * g[0] + b[1] * g[1] + 0.75 * out.mass_price,
                    out.cost, 1e-12);
        CHECK(out.report.status == OTC_OK && out.report.error == out.gap);
        /* Refused: a mass above min(Σa, Σb) = 1; nothing written. */
        out.cost = -3.0;
        p.mass = 2.0;
        CHECK_STATUS(otc_emd_partial_f64(&p, &out, &opts, none), OTC_ERR_INVALID_ARGUMENT);
        CHECK(strstr(otc_last_error_message(), "target mass") != NULL);
        CHECK(out.cost == -3.0);
        /* The pivot cap: a warning with a feasible plan. */
        p.mass = 0.75;
        opts.max_iter = 1;
        CHECK_STATUS(otc_emd_partial_f64(&p, &out, &opts, none), OTC_WARN_MAX_ITER);
        CHECK(out.report.status == OTC_WARN_MAX_ITER && out.report.iterations <= 1);
    }
    {
        otc_emd_unbalanced_tv_problem_f64 p;
        otc_emd_unbalanced_tv_outputs_f64 out;
        otc_matrix_f64 cv = {c, 2, 2, 2, 1};
        otc_matrix_mut_f64 pv = {plan, 2, 2, 1, 2}; /* column-major plan */
        memset(&p, 0, sizeof p);
        p.struct_size = sizeof p;
        p.a = a; p.n = 2; p.b = b; p.m = 2; p.cost = cv;
        p.rho = 0.9; /* arcs with C < 1.8 move mass: (0,0) and (1,0), into b_0 = 1/4 */
        memset(&out, 0, sizeof out);
        out.struct_size = sizeof out;
        out.f = f; out.g = g; out.plan = pv;
        CHECK_STATUS(otc_emd_unbalanced_tv_f64(&p, &out, NULL, none), OTC_OK);
        CHECK_CLOSE(out.transported_mass, 0.25, 1e-14);
        CHECK_CLOSE(out.cost, 0.0, 1e-15);
        CHECK_CLOSE(out.objective, 0.9 * (2.0 - 0.5), 1e-14);
        CHECK_CLOSE(a[0] * f[0] + a[1] * f[1] + b[0] * g[0] + b[1] * g[1], out.objective, 1e-12);
        CHECK_CLOSE(plan[0], 0.25, 1e-15);
        for (i = 0; i < 2; i++) CHECK(f[i] <= 0.9 + 1e-12 && g[i] <= 0.9 + 1e-12);
        /* Refused: ρ < 0, and the plan over the cost; nothing written. */
        out.objective = -1.0;
        p.rho = -1.0;
        CHECK_STATUS(otc_emd_unbalanced_tv_f64(&p, &out, NULL, none), OTC_ERR_INVALID_ARGUMENT);
        CHECK(strstr(otc_last_error_message(), "rho") != NULL);
        p.rho = 0.9;
        out.plan.data = c;
        CHECK_STATUS(otc_emd_unbalanced_tv_f64(&p, &out, NULL, none), OTC_ERR_ALIASING);
        CHECK(strstr(otc_last_error_message(), "out->plan") != NULL);
        CHECK(out.objective == -1.0);
    }
}

int main(void) {
    assignment();
    emd_grid();
    emd_partial_and_unbalanced_tv();
    return report();
}

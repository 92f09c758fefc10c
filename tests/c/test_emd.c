/* Network simplex through the C ABI: a 3x3 assignment with a known optimum, duals, sparse and
 * dense plans, column-major input, workspace, errors and the iteration-cap warning. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void) {
    /* Row-major cost; the optimal permutation is (0->1, 1->2, 2->0), cost (1+1+1)/3. */
    double c[9] = {4, 1, 3,
                   2, 5, 1,
                   1, 3, 6};
    double a[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    double b[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    otc_matrix_f64 cost = {c, 3, 3, 3, 1};
    otc_matrix_mut_f64 none = {NULL, 0, 0, 0, 0};
    otc_emd_options opts;
    otc_emd_result res;
    double f[3], g[3], mass[5], dense[9];
    size_t rows[5], cols[5];
    size_t k, bytes = 0;
    int i, j;
    void *work;

    CHECK_STATUS(otc_emd_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof(otc_emd_options));
    CHECK(opts.max_iter > 1000000);
    CHECK_STATUS(otc_emd(a, 3, b, 3, cost, NULL, NULL, &res, f, g, rows, cols, mass, none, &opts, NULL, 0), OTC_OK);
    CHECK_CLOSE(res.cost, 1.0, 1e-15);
    CHECK(res.nnz == 3);
    CHECK(res.gap <= 0.0 && res.gap > -1e-12);
    for (k = 0; k < res.nnz; k++) {
        CHECK(cols[k] == (rows[k] + 1) % 3);
        CHECK_CLOSE(mass[k], 1.0 / 3, 1e-15);
    }
    /* Duals: feasible, tight on the plan, centred, and their objective equals the cost. */
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++) CHECK(f[i] + g[j] <= c[i * 3 + j] + 1e-12);
    CHECK_CLOSE((f[0] + f[1] + f[2]) / 3, (g[0] + g[1] + g[2]) / 3, 1e-12);
    CHECK_CLOSE((f[0] + f[1] + f[2] + g[0] + g[1] + g[2]) / 3, 1.0, 1e-12);

    /* Warm start from the duals just found: same optimum, no more pivots than cold. */
    {
        otc_emd_result cold = res, warm;
        CHECK_STATUS(otc_emd(a, 3, b, 3, cost, f, g, &warm, NULL, NULL, NULL, NULL, NULL, none, &opts, NULL, 0), OTC_OK);
        CHECK_CLOSE(warm.cost, 1.0, 1e-15);
        CHECK(warm.iterations <= cold.iterations);
        CHECK_STATUS(otc_emd(a, 3, b, 3, cost, f, NULL, &warm, NULL, NULL, NULL, NULL, NULL, none, &opts, NULL, 0), OTC_ERR_NULL_POINTER);
    }

    /* Column-major cost (the transpose layout) and a dense plan, with a caller workspace. */
    {
        double cm[9];
        otc_matrix_f64 costc = {cm, 3, 3, 1, 3};
        otc_matrix_mut_f64 plan = {dense, 3, 3, 3, 1};
        for (i = 0; i < 3; i++)
            for (j = 0; j < 3; j++) cm[j * 3 + i] = c[i * 3 + j];
        CHECK_STATUS(otc_emd_workspace_size(3, 3, &opts, &bytes), OTC_OK);
        CHECK(bytes > 0);
        work = malloc(bytes);
        CHECK_STATUS(otc_emd(a, 3, b, 3, costc, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL, plan, &opts, work, bytes), OTC_OK);
        CHECK_CLOSE(res.cost, 1.0, 1e-15);
        CHECK_CLOSE(dense[0 * 3 + 1], 1.0 / 3, 1e-15);
        CHECK_CLOSE(dense[1 * 3 + 2], 1.0 / 3, 1e-15);
        CHECK_CLOSE(dense[2 * 3 + 0], 1.0 / 3, 1e-15);
        CHECK(dense[0] == 0.0);
        CHECK_STATUS(otc_emd(a, 3, b, 3, costc, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL, plan, &opts, work, 8), OTC_ERR_WORKSPACE_TOO_SMALL);
        free(work);
    }

    /* Errors: mass mismatch names the heavier side; negative cost; partial sparse outputs. */
    {
        double heavy[3] = {0.5, 0.5, 0.5};
        double bad[9];
        memcpy(bad, c, sizeof bad);
        bad[4] = -1.0;
        res.cost = 42.0;
        CHECK_STATUS(otc_emd(a, 3, heavy, 3, cost, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL, none, NULL, NULL, 0), OTC_ERR_MASS_MISMATCH);
        CHECK(strstr(otc_last_error_message(), "b is heavier") != NULL);
        CHECK(res.cost == 42.0);
        cost.data = bad;
        CHECK_STATUS(otc_emd(a, 3, b, 3, cost, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL, none, NULL, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
        cost.data = c;
        CHECK_STATUS(otc_emd(a, 3, b, 3, cost, NULL, NULL, &res, NULL, NULL, rows, NULL, NULL, none, NULL, NULL, 0), OTC_ERR_NULL_POINTER);
        opts.struct_size = 3;
        CHECK_STATUS(otc_emd(a, 3, b, 3, cost, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL, none, &opts, NULL, 0), OTC_ERR_ABI_MISMATCH);
        otc_emd_options_default(&opts);
    }

    /* The iteration cap: a warning, with a feasible plan. */
    opts.max_iter = 1;
    CHECK_STATUS(otc_emd(a, 3, b, 3, cost, NULL, NULL, &res, NULL, NULL, rows, cols, mass, none, &opts, NULL, 0), OTC_WARN_MAX_ITER);
    CHECK(res.iterations == 1);
    {
        double total = 0;
        for (k = 0; k < res.nnz; k++) total += mass[k];
        CHECK_CLOSE(total, 1.0, 1e-15);
        CHECK(res.cost >= 1.0 - 1e-15);
    }

    /* 1-D: two Diracs against one point (W1 = mean distance), unsorted input, monotone plan. */
    {
        double x[2] = {2.0, 0.0}, wx[2] = {0.5, 0.5}, y[1] = {1.5}, wy[1] = {1.0}, w1 = 0;
        size_t r[2], q[2], nz = 0;
        double ms[2];
        CHECK_STATUS(otc_wasserstein_1d(x, wx, 2, y, wy, 1, 1.0, &w1, r, q, ms, &nz, NULL, NULL, 0), OTC_OK);
        CHECK_CLOSE(w1, 1.0, 1e-15);
        CHECK(nz == 2 && r[0] == 1 && r[1] == 0 && q[0] == 0);
        CHECK_STATUS(otc_wasserstein_1d(x, wx, 2, y, wy, 1, 0.5, &w1, NULL, NULL, NULL, NULL, NULL, NULL, 0), OTC_ERR_INVALID_ARGUMENT);
    }

    /* Sliced: a translation by t along the given axis directions costs t_d^2 each. */
    {
        double px[6] = {0, 0, 1, 0, 0, 1}, py[6] = {0.5, -1, 1.5, -1, 0.5, 0};
        double w[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3}, dirs[4] = {1, 0, 0, 1}, sw = 0, sw1 = 0, sw2 = 0;
        otc_matrix_f64 X = {px, 3, 2, 2, 1}, Y = {py, 3, 2, 2, 1}, D = {dirs, 2, 2, 2, 1};
        otc_matrix_f64 random = {NULL, 0, 0, 0, 0};
        CHECK_STATUS(otc_sliced_wasserstein(X, w, Y, w, 2.0, 2, 0, D, &sw, NULL, NULL, 0), OTC_OK);
        CHECK_CLOSE(sw, (0.25 + 1.0) / 2, 1e-15);
        otc_emd_options_default(&opts);
        opts.num_threads = 1;
        CHECK_STATUS(otc_sliced_wasserstein(X, w, Y, w, 2.0, 50, 7, random, &sw1, &opts, NULL, 0), OTC_OK);
        opts.num_threads = 2;
        CHECK_STATUS(otc_sliced_wasserstein(X, w, Y, w, 2.0, 50, 7, random, &sw2, &opts, NULL, 0), OTC_OK);
        CHECK(sw1 == sw2 && sw1 > 0.0);
    }

    /* Batch: the same problem twice and its transpose-equivalent, 2 threads. */
    {
        double ab[6], bb[6];
        otc_matrix_f64 cs[2];
        otc_emd_result rs[2];
        for (i = 0; i < 6; i++) ab[i] = bb[i] = 1.0 / 3;
        cs[0] = cost;
        cs[1] = cost;
        otc_emd_options_default(&opts);
        opts.num_threads = 2;
        CHECK_STATUS(otc_emd_batch_workspace_size(3, 3, 2, &opts, &bytes), OTC_OK);
        CHECK_STATUS(otc_emd_batch(3, 3, 2, ab, bb, cs, rs, NULL, NULL, NULL, NULL, NULL, &opts, NULL, 0), OTC_OK);
        CHECK_CLOSE(rs[0].cost, 1.0, 1e-15);
        CHECK(rs[0].cost == rs[1].cost && rs[1].nnz == 3);
    }
    return report();
}

/* Exact OT through the C ABI (ABI 1 shape): the network simplex on a 3x3 assignment with a
 * known optimum, duals, sparse and dense plans, column-major input, warm start, workspace,
 * errors and the iteration-cap warning; the batch; 1-D and sliced Wasserstein. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* Stops the solve at its first call; counts the calls. */
static int32_t stop_at_once(void *data, uint64_t iteration, double error) {
    (*(int *)data)++;
    return iteration > 0 && error >= 0.0;
}

int main(void) {
    /* Row-major cost; the optimal permutation is (0->1, 1->2, 2->0), cost (1+1+1)/3. */
    double c[9] = {4, 1, 3,
                   2, 5, 1,
                   1, 3, 6};
    double a[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    double b[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    otc_workspace alloc = {NULL, 0};
    otc_emd_options opts;
    otc_emd_problem_f64 pb;
    otc_emd_outputs_f64 out;
    double f[3], g[3], mass[5], dense[9];
    size_t rows[5], cols[5];
    size_t k, bytes = 0;
    int i, j;

    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.a = a;
    pb.n = 3;
    pb.b = b;
    pb.m = 3;
    pb.cost.data = c;
    pb.cost.rows = 3;
    pb.cost.cols = 3;
    pb.cost.row_stride = 3;
    pb.cost.col_stride = 1;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.f = f;
    out.g = g;
    out.plan_rows = rows;
    out.plan_cols = cols;
    out.plan_mass = mass;

    CHECK_STATUS(otc_emd_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof(otc_emd_options));
    CHECK(opts.max_iter > 1000000);
    CHECK_STATUS(otc_emd_f64(&pb, &out, &opts, alloc), OTC_OK);
    CHECK(out.report.status == OTC_OK && out.report.iterations > 0);
    CHECK_CLOSE(out.cost, 1.0, 1e-15);
    CHECK(out.nnz == 3);
    CHECK(out.gap <= 0.0 && out.gap > -1e-12);
    CHECK(out.report.error == -out.gap);
    for (k = 0; k < out.nnz; k++) {
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
        otc_emd_problem_f64 warm = pb;
        otc_emd_outputs_f64 wo;
        double wf[3], wg[3];
        memcpy(wf, f, sizeof wf);
        memcpy(wg, g, sizeof wg);
        memset(&wo, 0, sizeof wo);
        wo.struct_size = sizeof wo;
        warm.warm_f = wf;
        warm.warm_g = wg;
        CHECK_STATUS(otc_emd_f64(&warm, &wo, &opts, alloc), OTC_OK);
        CHECK_CLOSE(wo.cost, 1.0, 1e-15);
        CHECK(wo.report.iterations <= out.report.iterations);
        warm.warm_g = NULL;
        CHECK_STATUS(otc_emd_f64(&warm, &wo, &opts, alloc), OTC_ERR_NULL_POINTER);
    }

    /* Column-major cost (the transpose layout) and a dense plan, with a caller workspace. */
    {
        double cm[9];
        otc_emd_problem_f64 pc = pb;
        otc_emd_outputs_f64 dense_out;
        otc_workspace work;
        for (i = 0; i < 3; i++)
            for (j = 0; j < 3; j++) cm[j * 3 + i] = c[i * 3 + j];
        pc.cost.data = cm;
        pc.cost.row_stride = 1;
        pc.cost.col_stride = 3;
        memset(&dense_out, 0, sizeof dense_out);
        dense_out.struct_size = sizeof dense_out;
        dense_out.plan.data = dense;
        dense_out.plan.rows = 3;
        dense_out.plan.cols = 3;
        dense_out.plan.row_stride = 3;
        dense_out.plan.col_stride = 1;
        CHECK_STATUS(otc_emd_workspace_size_f64(&pc, &opts, &bytes), OTC_OK);
        CHECK(bytes > 0);
        work.data = malloc(bytes);
        work.bytes = bytes;
        CHECK_STATUS(otc_emd_f64(&pc, &dense_out, &opts, work), OTC_OK);
        CHECK_CLOSE(dense_out.cost, 1.0, 1e-15);
        CHECK_CLOSE(dense[0 * 3 + 1], 1.0 / 3, 1e-15);
        CHECK_CLOSE(dense[1 * 3 + 2], 1.0 / 3, 1e-15);
        CHECK_CLOSE(dense[2 * 3 + 0], 1.0 / 3, 1e-15);
        CHECK(dense[0] == 0.0);
        work.bytes = 8;
        CHECK_STATUS(otc_emd_f64(&pc, &dense_out, &opts, work), OTC_ERR_WORKSPACE_TOO_SMALL);
        free(work.data);
    }

    /* Errors: mass mismatch names the heavier side; negative cost; partial sparse outputs;
     * a struct_size from no header. Nothing is written. */
    {
        double heavy[3] = {0.5, 0.5, 0.5};
        double bad[9];
        otc_emd_problem_f64 pe = pb;
        memcpy(bad, c, sizeof bad);
        bad[4] = -1.0;
        out.cost = 42.0;
        pe.b = heavy;
        CHECK_STATUS(otc_emd_f64(&pe, &out, NULL, alloc), OTC_ERR_MASS_MISMATCH);
        CHECK(strstr(otc_last_error_message(), "b is heavier") != NULL);
        CHECK(out.cost == 42.0);
        pe.b = b;
        pe.cost.data = bad;
        CHECK_STATUS(otc_emd_f64(&pe, &out, NULL, alloc), OTC_ERR_INVALID_ARGUMENT);
        pe.cost.data = c;
        out.plan_cols = NULL;
        CHECK_STATUS(otc_emd_f64(&pe, &out, NULL, alloc), OTC_ERR_NULL_POINTER);
        out.plan_cols = cols;
        opts.struct_size = 3;
        CHECK_STATUS(otc_emd_f64(&pe, &out, &opts, alloc), OTC_ERR_ABI_MISMATCH);
        CHECK(out.cost == 42.0);
        otc_emd_options_default(&opts);
    }

    /* The iteration cap: a warning, with a feasible plan. */
    opts.max_iter = 1;
    CHECK_STATUS(otc_emd_f64(&pb, &out, &opts, alloc), OTC_WARN_MAX_ITER);
    CHECK(out.report.status == OTC_WARN_MAX_ITER && out.report.iterations == 1);
    {
        double total = 0;
        for (k = 0; k < out.nnz; k++) total += mass[k];
        CHECK_CLOSE(total, 1.0, 1e-15);
        CHECK(out.cost >= 1.0 - 1e-15);
    }

    /* A callback stopping the solve at its first call (every pivot, 2 threads asked): the
     * outputs of a feasible plan with OTC_WARN_CANCELLED. */
    {
        double big[64 * 48], wa[64], wb[48], total = 0;
        int calls = 0;
        otc_emd_problem_f64 pbig = pb;
        otc_emd_outputs_f64 ob;
        for (i = 0; i < 64; i++) wa[i] = 1.0 / 64;
        for (j = 0; j < 48; j++) wb[j] = 1.0 / 48;
        for (i = 0; i < 64 * 48; i++) big[i] = (double)((i * 37) % 101);
        pbig.a = wa;
        pbig.n = 64;
        pbig.b = wb;
        pbig.m = 48;
        pbig.cost.data = big;
        pbig.cost.rows = 64;
        pbig.cost.cols = 48;
        pbig.cost.row_stride = 48;
        memset(&ob, 0, sizeof ob);
        ob.struct_size = sizeof ob;
        ob.plan_rows = malloc(111 * sizeof(size_t));
        ob.plan_cols = malloc(111 * sizeof(size_t));
        ob.plan_mass = malloc(111 * sizeof(double));
        otc_emd_options_default(&opts);
        opts.num_threads = 2;
        opts.callback_every = 1;
        opts.callback = stop_at_once;
        opts.callback_data = &calls;
        CHECK_STATUS(otc_emd_f64(&pbig, &ob, &opts, alloc), OTC_WARN_CANCELLED);
        CHECK(calls == 1 && ob.report.status == OTC_WARN_CANCELLED);
        CHECK(ob.report.iterations > 0 && ob.report.iterations <= 48 + 1);
        for (k = 0; k < ob.nnz; k++) total += ob.plan_mass[k];
        CHECK_CLOSE(total, 1.0, 1e-13);
        free(ob.plan_rows);
        free(ob.plan_cols);
        free(ob.plan_mass);
        otc_emd_options_default(&opts);
    }

    /* 1-D: two Diracs against one point (W1 = mean distance), unsorted input, monotone plan. */
    {
        double x[2] = {2.0, 0.0}, wx[2] = {0.5, 0.5}, y[1] = {1.5}, wy[1] = {1.0};
        size_t r[2], q[2];
        double ms[2];
        otc_wasserstein_1d_problem_f64 p1;
        otc_wasserstein_1d_outputs_f64 o1;
        memset(&p1, 0, sizeof p1);
        p1.struct_size = sizeof p1;
        p1.x = x;
        p1.a = wx;
        p1.n = 2;
        p1.y = y;
        p1.b = wy;
        p1.m = 1;
        p1.p = 1.0;
        memset(&o1, 0, sizeof o1);
        o1.struct_size = sizeof o1;
        o1.plan_rows = r;
        o1.plan_cols = q;
        o1.plan_mass = ms;
        CHECK_STATUS(otc_wasserstein_1d_f64(&p1, &o1, NULL, alloc), OTC_OK);
        CHECK_CLOSE(o1.wp_p, 1.0, 1e-15);
        CHECK(o1.nnz == 2 && r[0] == 1 && r[1] == 0 && q[0] == 0);
        p1.p = 0.5;
        CHECK_STATUS(otc_wasserstein_1d_f64(&p1, &o1, NULL, alloc), OTC_ERR_INVALID_ARGUMENT);
        CHECK(strstr(otc_last_error_message(), "p is") != NULL);
    }

    /* Sliced: a translation by t along the given axis directions costs t_d^2 each; random
     * directions give the same value on 1 and 2 threads. */
    {
        double px[6] = {0, 0, 1, 0, 0, 1}, py[6] = {0.5, -1, 1.5, -1, 0.5, 0};
        double w[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3}, dirs[4] = {1, 0, 0, 1}, sw1;
        otc_matrix_f64 X = {px, 3, 2, 2, 1}, Y = {py, 3, 2, 2, 1}, D = {dirs, 2, 2, 2, 1};
        otc_sliced_wasserstein_problem_f64 ps;
        otc_sliced_wasserstein_outputs_f64 os;
        otc_sliced_wasserstein_options so;
        memset(&ps, 0, sizeof ps);
        ps.struct_size = sizeof ps;
        ps.x = X;
        ps.a = w;
        ps.y = Y;
        ps.b = w;
        ps.p = 2.0;
        ps.directions = D;
        memset(&os, 0, sizeof os);
        os.struct_size = sizeof os;
        CHECK_STATUS(otc_sliced_wasserstein_f64(&ps, &os, NULL, alloc), OTC_OK);
        CHECK_CLOSE(os.swp_p, (0.25 + 1.0) / 2, 1e-15);
        CHECK(os.report.iterations == 2);
        ps.directions.data = NULL;
        CHECK_STATUS(otc_sliced_wasserstein_options_default(&so), OTC_OK);
        CHECK(so.num_directions == 50);
        so.seed = 7;
        so.num_threads = 1;
        CHECK_STATUS(otc_sliced_wasserstein_f64(&ps, &os, &so, alloc), OTC_OK);
        sw1 = os.swp_p;
        so.num_threads = 2;
        CHECK_STATUS(otc_sliced_wasserstein_f64(&ps, &os, &so, alloc), OTC_OK);
        CHECK(os.swp_p == sw1 && sw1 > 0.0 && os.report.iterations == 50);
    }

    /* Batch: the same problem twice, 2 threads; per-problem costs and the sum. */
    {
        double ab[6], bb[6], costs[2];
        size_t nnz[2];
        otc_matrix_f64 cs[2];
        otc_emd_batch_options bo;
        otc_emd_batch_problem_f64 bp;
        otc_emd_batch_outputs_f64 bout;
        for (i = 0; i < 6; i++) ab[i] = bb[i] = 1.0 / 3;
        cs[0] = pb.cost;
        cs[1] = pb.cost;
        CHECK_STATUS(otc_emd_batch_options_default(&bo), OTC_OK);
        bo.num_threads = 2;
        memset(&bp, 0, sizeof bp);
        bp.struct_size = sizeof bp;
        bp.count = 2;
        bp.n = 3;
        bp.m = 3;
        bp.a = ab;
        bp.b = bb;
        bp.costs = cs;
        memset(&bout, 0, sizeof bout);
        bout.struct_size = sizeof bout;
        bout.problem_costs = costs;
        bout.plan_nnz = nnz;
        CHECK_STATUS(otc_emd_batch_workspace_size_f64(&bp, &bo, &bytes), OTC_OK);
        CHECK(bytes > 0);
        CHECK_STATUS(otc_emd_batch_f64(&bp, &bout, &bo, alloc), OTC_OK);
        CHECK_CLOSE(costs[0], 1.0, 1e-15);
        CHECK(costs[0] == costs[1] && nnz[1] == 3);
        CHECK(bout.cost == costs[0] + costs[1] && bout.capped == 0);
    }
    return report();
}

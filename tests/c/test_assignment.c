/* Assignment (LAPJV) through the C ABI in the ABI 1 shape: a 3x3 problem with a known
 * optimum, duals certifying it, a batch of two (one column-major) on two threads with a
 * caller workspace, and refused inputs leaving the outputs untouched. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void) {
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
    return report();
}

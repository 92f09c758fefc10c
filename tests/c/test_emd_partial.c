/* Exact partial and TV-unbalanced OT through the C ABI (ABI 1 shape): small problems whose
 * optima are known by hand, the duals' certificates, dense and sparse plans, and refused
 * inputs leaving the outputs untouched. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void) {
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
    return report();
}

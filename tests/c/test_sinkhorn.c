/* Log-domain Sinkhorn through the C ABI: dense (row- and column-major), point clouds, f32,
 * unbalanced closed form, warm start, workspace, errors leaving outputs untouched, divergence. */
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define N 6
#define M 5

static double x[N * 2], y[M * 2], c[N * M], ct[M * N], a[N], b[M];

static void setup(void) {
    int i, j;
    unsigned s = 12345u;
    for (i = 0; i < N * 2; i++) {
        s = s * 1103515245u + 12345u;
        x[i] = (double)(s >> 8) / 16777216.0;
    }
    for (i = 0; i < M * 2; i++) {
        s = s * 1103515245u + 12345u;
        y[i] = (double)(s >> 8) / 16777216.0;
    }
    for (i = 0; i < N; i++) a[i] = 1.0 / N;
    for (j = 0; j < M; j++) b[j] = (j + 1) / 15.0; /* sums to 1 */
    for (i = 0; i < N; i++)
        for (j = 0; j < M; j++) {
            double dx = x[2 * i] - y[2 * j], dy = x[2 * i + 1] - y[2 * j + 1];
            c[i * M + j] = dx * dx + dy * dy;
            ct[j * N + i] = c[i * M + j];
        }
}

int main(void) {
    otc_sinkhorn_options o;
    otc_sinkhorn_info info, info2;
    double f[N], g[M], f2[N], g2[M], p[N * M], map[N * 2];
    otc_matrix_f64 cost = {c, N, M, M, 1};
    otc_matrix_f64 cost_cm = {ct, N, M, 1, N}; /* the same matrix stored column-major */
    otc_matrix_mut_f64 plan = {p, N, M, M, 1};
    int i, j;
    double pc = 0.0;
    setup();

    CHECK_STATUS(otc_sinkhorn_options_default(&o), OTC_OK);
    CHECK(o.struct_size == sizeof(otc_sinkhorn_options));
    CHECK(o.max_iter == 1000 && o.check_every == 10 && o.symmetric == 0);
    CHECK(isinf(o.rho_a) && isinf(o.rho_b));
    o.epsilon = 0.05;
    o.tolerance = 1e-12;
    o.num_threads = 1;
    info.struct_size = sizeof(info);
    info2.struct_size = sizeof(info2);

    /* Dense row-major: converged, marginals of the returned plan, reported values. */
    CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, f, g, &plan, &info, NULL, 0), OTC_OK);
    CHECK(info.converged == 1 && info.marginal_error <= 1e-12);
    for (i = 0; i < N; i++) {
        double r = 0.0;
        for (j = 0; j < M; j++) r += p[i * M + j];
        CHECK_CLOSE(r, a[i], 1e-12);
    }
    for (j = 0; j < M; j++) {
        double s = 0.0;
        for (i = 0; i < N; i++) s += p[i * M + j];
        CHECK_CLOSE(s, b[j], 1e-13);
    }
    for (i = 0; i < N * M; i++) pc += p[i] * c[i];
    CHECK_CLOSE(info.transport_cost, pc, 1e-14);
    CHECK_CLOSE(info.mass, 1.0, 1e-12);
    {
        double dual = 0.0;
        for (i = 0; i < N; i++) dual += a[i] * f[i];
        for (j = 0; j < M; j++) dual += b[j] * g[j];
        CHECK_CLOSE(info.dual, dual - o.epsilon * (info.mass - 1.0), 1e-13);
    }

    /* Column-major storage and point clouds give the same potentials. */
    CHECK_STATUS(otc_sinkhorn_f64(cost_cm, a, b, &o, NULL, NULL, f2, g2, NULL, &info2, NULL, 0),
                 OTC_OK);
    CHECK(info2.iterations == info.iterations);
    for (i = 0; i < N; i++) CHECK_CLOSE(f2[i], f[i], 1e-12);
    {
        otc_matrix_f64 xv = {x, N, 2, 2, 1}, yv = {y, M, 2, 2, 1};
        otc_matrix_mut_f64 mv = {map, N, 2, 2, 1};
        CHECK_STATUS(otc_sinkhorn_points_f64(xv, yv, a, b, &o, NULL, NULL, f2, g2, NULL, &mv,
                                             NULL, NULL, 0),
                     OTC_OK);
        for (j = 0; j < M; j++) CHECK_CLOSE(g2[j], g[j], 1e-12);
        for (i = 0; i < N; i++) { /* map = P y / a */
            double m0 = 0.0, m1 = 0.0;
            for (j = 0; j < M; j++) {
                m0 += p[i * M + j] * y[2 * j];
                m1 += p[i * M + j] * y[2 * j + 1];
            }
            CHECK_CLOSE(map[2 * i], m0 / a[i], 1e-10);
            CHECK_CLOSE(map[2 * i + 1], m1 / a[i], 1e-10);
        }
    }

    /* f32: potentials within f32 accuracy. */
    {
        float c32[N * M], a32[N], b32[M];
        otc_matrix_f32 cv = {c32, N, M, M, 1};
        for (i = 0; i < N * M; i++) c32[i] = (float)c[i];
        for (i = 0; i < N; i++) a32[i] = (float)a[i];
        for (j = 0; j < M; j++) b32[j] = (float)b[j];
        o.tolerance = 1e-6;
        CHECK_STATUS(otc_sinkhorn_f32(cv, a32, b32, &o, NULL, NULL, f2, g2, NULL, NULL, NULL, 0),
                     OTC_OK);
        for (i = 0; i < N; i++) CHECK_CLOSE(f2[i], f[i], 1e-4);
        o.tolerance = 1e-12;
    }

    /* Warm start from the solution: converged at the first check. */
    o.check_every = 1;
    CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, f, g, f2, g2, NULL, &info2, NULL, 0), OTC_OK);
    CHECK(info2.iterations == 1 && info2.converged == 1);
    o.check_every = 10;

    /* The cap: a warning, valid outputs. */
    o.max_iter = 2;
    CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, f2, g2, NULL, &info2, NULL, 0),
                 OTC_WARN_MAX_ITER);
    CHECK(info2.converged == 0 && info2.iterations == 2 && isfinite(f2[0]));
    o.max_iter = 1000;

    /* Caller workspace; too small is an error. */
    {
        size_t bytes = 0;
        void *w;
        CHECK_STATUS(otc_sinkhorn_workspace_size(N, M, 0, &o, &bytes), OTC_OK);
        CHECK(bytes > 0);
        w = malloc(bytes);
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, f2, NULL, NULL, NULL, w, bytes),
                     OTC_OK);
        CHECK_CLOSE(f2[3], f[3], 0.0);
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, f2, NULL, NULL, NULL, w, 8),
                     OTC_ERR_WORKSPACE_TOO_SMALL);
        free(w);
    }

    /* Errors leave the outputs untouched. */
    {
        double bad_b[M];
        memcpy(bad_b, b, sizeof bad_b);
        bad_b[0] += 0.5;
        for (i = 0; i < N; i++) f2[i] = -7.0;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, bad_b, &o, NULL, NULL, f2, NULL, NULL, NULL, NULL, 0),
                     OTC_ERR_MASS_MISMATCH);
        CHECK(f2[0] == -7.0 && f2[N - 1] == -7.0);
        CHECK_STATUS(otc_sinkhorn_f64(cost, NULL, b, &o, NULL, NULL, f2, NULL, NULL, NULL, NULL, 0),
                     OTC_ERR_NULL_POINTER);
        o.struct_size = 8;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, f2, NULL, NULL, NULL, NULL, 0),
                     OTC_ERR_ABI_MISMATCH);
        o.struct_size = sizeof o;
        o.epsilon = -1.0;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, f2, NULL, NULL, NULL, NULL, 0),
                     OTC_ERR_INVALID_ARGUMENT);
        o.epsilon = 0.05;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, b, &o, NULL, NULL, c, NULL, NULL, NULL, NULL, 0),
                     OTC_ERR_ALIASING);
        CHECK(f2[0] == -7.0);
    }

    /* Masses equal up to rounding: b heavier by 2e-6 (relative) is refused by default (outputs
     * untouched), solved with b rescaled to a's mass when mass_tolerance allows it. */
    {
        otc_sinkhorn_options u = o;
        double bh[M];
        CHECK(o.mass_tolerance == 1e-6);
        for (j = 0; j < M; j++) bh[j] = b[j] * (1.0 + 2e-6);
        f2[0] = -7.0;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, bh, &u, NULL, NULL, f2, g2, NULL, NULL, NULL, 0),
                     OTC_ERR_MASS_MISMATCH);
        CHECK(f2[0] == -7.0);
        u.mass_tolerance = 1e-5;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, bh, &u, NULL, NULL, f2, g2, NULL, &info2, NULL, 0),
                     OTC_OK);
        CHECK(info2.converged == 1 && info2.marginal_error <= 1e-12);
        u.mass_tolerance = -1.0;
        f2[0] = -7.0;
        CHECK_STATUS(otc_sinkhorn_f64(cost, a, bh, &u, NULL, NULL, f2, g2, NULL, NULL, NULL, 0),
                     OTC_ERR_INVALID_ARGUMENT);
        CHECK(f2[0] == -7.0);
    }

    /* Unbalanced 1x1: P = exp((eps log(ab) + ra log a + rb log b - c)/(eps + ra + rb)). */
    {
        double c1 = 0.4, a1 = 0.8, b1 = 1.7, ra = 0.5, rb = 2.0;
        otc_matrix_f64 cv = {&c1, 1, 1, 1, 1};
        double p1, want;
        otc_matrix_mut_f64 pv = {&p1, 1, 1, 1, 1};
        otc_sinkhorn_options u = o;
        u.epsilon = 0.1;
        u.rho_a = ra;
        u.rho_b = rb;
        u.max_iter = 100000;
        CHECK_STATUS(otc_sinkhorn_f64(cv, &a1, &b1, &u, NULL, NULL, NULL, NULL, &pv, NULL, NULL, 0),
                     OTC_OK);
        want = exp((0.1 * log(a1 * b1) + ra * log(a1) + rb * log(b1) - c1) / (0.1 + ra + rb));
        CHECK_CLOSE(p1, want, 1e-10 * want);
    }

    /* Divergence: 0 for identical inputs, positive otherwise. */
    {
        otc_matrix_f64 xv = {x, N, 2, 2, 1}, yv = {y, M, 2, 2, 1};
        double s_same = 1.0, s_diff = 0.0;
        otc_sinkhorn_info three[3];
        three[0].struct_size = three[1].struct_size = three[2].struct_size = sizeof three[0];
        CHECK_STATUS(otc_sinkhorn_divergence_points_f64(xv, xv, a, a, &o, &s_same, three, NULL, 0),
                     OTC_OK);
        CHECK(fabs(s_same) < 1e-12 && three[1].converged == 1);
        CHECK_STATUS(otc_sinkhorn_divergence_points_f64(xv, yv, a, b, &o, &s_diff, NULL, NULL, 0),
                     OTC_OK);
        CHECK(s_diff > 1e-3);
    }
    return report();
}

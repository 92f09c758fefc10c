/* Sinkhorn through the C ABI (ABI 1 shape): dense (row- and column-major), point clouds, f32,
 * unbalanced closed form, warm start, workspace, errors leaving outputs untouched, the paths,
 * a cancelling callback, divergence and its gradients. */
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

static const otc_matrix_f64 NO_VIEW = {NULL, 0, 0, 0, 0};
static const otc_matrix_mut_f64 NO_OUT = {NULL, 0, 0, 0, 0};

/* A problem on the dense cost `cost` (or on the points x, y when cost.data is NULL). */
static otc_sinkhorn_problem_f64 problem(otc_matrix_f64 cost, const double *bw) {
    otc_sinkhorn_problem_f64 p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    p.a = a;
    p.n = N;
    p.b = bw;
    p.m = M;
    p.cost = cost;
    p.x = NO_VIEW;
    p.y = NO_VIEW;
    if (!cost.data) {
        otc_matrix_f64 xv = {x, N, 2, 2, 1}, yv = {y, M, 2, 2, 1};
        p.x = xv;
        p.y = yv;
    }
    return p;
}

static otc_sinkhorn_outputs_f64 outputs(double *f, double *g) {
    otc_sinkhorn_outputs_f64 o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.f = f;
    o.g = g;
    o.plan = NO_OUT;
    o.map = NO_OUT;
    o.grad_x = NO_OUT;
    o.grad_y = NO_OUT;
    return o;
}

static int calls = 0;
static int32_t stop_at_once(void *data, uint64_t iteration, double error) {
    (void)data;
    (void)iteration;
    (void)error;
    calls++;
    return 1;
}

static const otc_workspace NO_WORK = {NULL, 0};

int main(void) {
    otc_sinkhorn_options o;
    otc_sinkhorn_outputs_f64 out, out2;
    otc_sinkhorn_problem_f64 pr;
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
    CHECK(isinf(o.rho_a) && isinf(o.rho_b) && o.over_relaxation == 1.0);
    CHECK(o.path == OTC_SINKHORN_PATH_AUTO && o.penalty == OTC_SINKHORN_PENALTY_KL);
    o.epsilon = 0.05;
    o.tolerance = 1e-12;
    o.num_threads = 1;

    /* Dense row-major: converged, marginals of the returned plan, reported values. */
    pr = problem(cost, b);
    out = outputs(f, g);
    out.plan = plan;
    CHECK_STATUS(otc_sinkhorn_f64(&pr, &out, &o, NO_WORK), OTC_OK);
    CHECK(out.report.status == OTC_OK && out.report.error <= 1e-12);
    CHECK(out.report.path == OTC_SINKHORN_PATH_KERNEL); /* small dense cost: the stored kernel */
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
    CHECK_CLOSE(out.transport_cost, pc, 1e-14);
    CHECK_CLOSE(out.mass, 1.0, 1e-12);
    {
        /* OT_eps = <C,P> + eps KL(P | a b): from the plan, and as the dual objective. */
        double dual = 0.0, kl = 0.0;
        for (i = 0; i < N; i++) dual += a[i] * f[i];
        for (j = 0; j < M; j++) dual += b[j] * g[j];
        CHECK_CLOSE(out.entropic_ot, dual - o.epsilon * (out.mass - 1.0), 1e-13);
        for (i = 0; i < N; i++)
            for (j = 0; j < M; j++) {
                double q = a[i] * b[j], pij = p[i * M + j];
                kl += pij * log(pij / q) - pij + q;
            }
        CHECK_CLOSE(out.entropic_ot, pc + o.epsilon * kl, 1e-10);
    }

    /* The log-domain path, column-major storage and point clouds give the same potentials. */
    o.path = OTC_SINKHORN_PATH_LOG_DOMAIN;
    pr = problem(cost_cm, b);
    out2 = outputs(f2, g2);
    CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_OK);
    CHECK(out2.report.path == OTC_SINKHORN_PATH_LOG_DOMAIN);
    for (i = 0; i < N; i++) CHECK_CLOSE(f2[i], f[i], 1e-10);
    o.path = OTC_SINKHORN_PATH_AUTO;
    {
        otc_matrix_mut_f64 mv = {map, N, 2, 2, 1};
        pr = problem(NO_VIEW, b);
        out2 = outputs(f2, g2);
        out2.map = mv;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_OK);
        CHECK(out2.report.path == OTC_SINKHORN_PATH_LOG_DOMAIN); /* points keep O((n+m)d) */
        for (j = 0; j < M; j++) CHECK_CLOSE(g2[j], g[j], 1e-10);
        for (i = 0; i < N; i++) { /* map = P y / a */
            double m0 = 0.0, m1 = 0.0;
            for (j = 0; j < M; j++) {
                m0 += p[i * M + j] * y[2 * j];
                m1 += p[i * M + j] * y[2 * j + 1];
            }
            CHECK_CLOSE(map[2 * i], m0 / a[i], 1e-10);
            CHECK_CLOSE(map[2 * i + 1], m1 / a[i], 1e-10);
        }
        /* Both forms at once, or a metric not computed on the fly: refused. */
        pr.cost = cost;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_INVALID_ARGUMENT);
        pr = problem(NO_VIEW, b);
        pr.metric = OTC_METRIC_EUCLIDEAN;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_INVALID_ARGUMENT);
    }

    /* f32: potentials within f32 accuracy. */
    {
        float c32[N * M], a32[N], b32[M];
        otc_matrix_f32 cv = {c32, N, M, M, 1};
        otc_sinkhorn_problem_f32 p32;
        otc_sinkhorn_outputs_f32 o32;
        for (i = 0; i < N * M; i++) c32[i] = (float)c[i];
        for (i = 0; i < N; i++) a32[i] = (float)a[i];
        for (j = 0; j < M; j++) b32[j] = (float)b[j];
        memset(&p32, 0, sizeof p32);
        memset(&o32, 0, sizeof o32);
        p32.struct_size = sizeof p32;
        p32.a = a32;
        p32.n = N;
        p32.b = b32;
        p32.m = M;
        p32.cost = cv;
        o32.struct_size = sizeof o32;
        o32.f = f2;
        o.tolerance = 1e-6;
        CHECK_STATUS(otc_sinkhorn_f32(&p32, &o32, &o, NO_WORK), OTC_OK);
        for (i = 0; i < N; i++) CHECK_CLOSE(f2[i], f[i], 1e-4);
        o.tolerance = 1e-12;
    }

    /* Warm start from the solution: converged at the first check. */
    o.check_every = 1;
    pr = problem(cost, b);
    pr.init_f = f;
    pr.init_g = g;
    out2 = outputs(f2, g2);
    CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_OK);
    CHECK(out2.report.iterations == 1);
    o.check_every = 10;

    /* The cap: a warning, valid outputs. */
    o.max_iter = 2;
    pr = problem(cost, b);
    out2 = outputs(f2, g2);
    CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_WARN_MAX_ITER);
    CHECK(out2.report.status == OTC_WARN_MAX_ITER && out2.report.iterations == 2);
    CHECK(isfinite(f2[0]) && out2.report.error > 1e-12);
    o.max_iter = 1000;

    /* A callback that stops at its first call: cancelled, valid outputs, on 2 threads. */
    {
        otc_sinkhorn_options cb = o;
        cb.num_threads = 2;
        cb.check_every = 1;
        cb.callback_every = 1;
        cb.callback = stop_at_once;
        out2 = outputs(f2, g2);
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &cb, NO_WORK), OTC_WARN_CANCELLED);
        CHECK(calls == 1 && out2.report.iterations <= 2 && isfinite(f2[0]));
    }

    /* Caller workspace; too small is an error. */
    {
        size_t bytes = 0;
        otc_workspace w;
        CHECK_STATUS(otc_sinkhorn_workspace_size_f64(&pr, &o, &bytes), OTC_OK);
        CHECK(bytes > 0);
        w.data = malloc(bytes);
        w.bytes = bytes;
        out2 = outputs(f2, NULL);
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, w), OTC_OK);
        CHECK_CLOSE(f2[3], f[3], 0.0);
        w.bytes = 8;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, w), OTC_ERR_WORKSPACE_TOO_SMALL);
        free(w.data);
    }

    /* Errors leave the outputs untouched. */
    {
        double bad_b[M];
        memcpy(bad_b, b, sizeof bad_b);
        bad_b[0] += 0.5;
        for (i = 0; i < N; i++) f2[i] = -7.0;
        pr = problem(cost, bad_b);
        out2 = outputs(f2, NULL);
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_MASS_MISMATCH);
        CHECK(f2[0] == -7.0 && f2[N - 1] == -7.0 && out2.report.status == 0);
        pr = problem(cost, b);
        pr.a = NULL;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_NULL_POINTER);
        pr = problem(cost, b);
        o.struct_size = 8;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_ABI_MISMATCH);
        o.struct_size = sizeof o;
        o.epsilon = -1.0;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_INVALID_ARGUMENT);
        o.epsilon = 0.05;
        o.path = 7;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_INVALID_ARGUMENT);
        o.path = OTC_SINKHORN_PATH_AUTO;
        out2.f = c;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &o, NO_WORK), OTC_ERR_ALIASING);
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
        pr = problem(cost, bh);
        out2 = outputs(f2, g2);
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &u, NO_WORK), OTC_ERR_MASS_MISMATCH);
        CHECK(f2[0] == -7.0);
        u.mass_tolerance = 1e-5;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &u, NO_WORK), OTC_OK);
        CHECK(out2.report.error <= 1e-12);
        u.mass_tolerance = -1.0;
        f2[0] = -7.0;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &u, NO_WORK), OTC_ERR_INVALID_ARGUMENT);
        CHECK(f2[0] == -7.0);
    }

    /* Unbalanced 1x1: P = exp((eps log(ab) + ra log a + rb log b - c)/(eps + ra + rb)); the
     * TV penalty on a balanced-mass problem leaves the plan at min(a, b)-ish bounds. */
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
        u.over_relaxation = 0.0; /* adaptive: the same fixed point */
        memset(&pr, 0, sizeof pr);
        pr.struct_size = sizeof pr;
        pr.a = &a1;
        pr.n = 1;
        pr.b = &b1;
        pr.m = 1;
        pr.cost = cv;
        out2 = outputs(NULL, NULL);
        out2.plan = pv;
        CHECK_STATUS(otc_sinkhorn_f64(&pr, &out2, &u, NO_WORK), OTC_OK);
        want = exp((0.1 * log(a1 * b1) + ra * log(a1) + rb * log(b1) - c1) / (0.1 + ra + rb));
        CHECK_CLOSE(p1, want, 1e-10 * want);
        CHECK_CLOSE(out2.mass, want, 1e-10 * want);
    }

    /* Divergence: 0 for identical inputs, positive otherwise; dense equals points; the
     * gradient in x against central differences of the divergence. */
    {
        otc_matrix_f64 xv = {x, N, 2, 2, 1}, yv = {y, M, 2, 2, 1};
        otc_sinkhorn_divergence_options dopt;
        otc_sinkhorn_divergence_problem_f64 dp;
        otc_sinkhorn_divergence_outputs_f64 dout;
        double gx[N * 2], ga[N], s_plus, s_minus, h = 1e-6;
        double cxx[N * N], cyy[M * M];
        otc_matrix_mut_f64 gxv = {gx, N, 2, 2, 1};
        CHECK_STATUS(otc_sinkhorn_divergence_options_default(&dopt), OTC_OK);
        dopt.epsilon = 0.05;
        dopt.tolerance = 1e-12;
        memset(&dp, 0, sizeof dp);
        dp.struct_size = sizeof dp;
        dp.a = a;
        dp.n = N;
        dp.b = a;
        dp.m = N;
        dp.x = xv;
        dp.y = xv;
        memset(&dout, 0, sizeof dout);
        dout.struct_size = sizeof dout;
        dout.divergence = 1.0;
        CHECK_STATUS(otc_sinkhorn_divergence_f64(&dp, &dout, &dopt, NO_WORK), OTC_OK);
        CHECK(fabs(dout.divergence) < 1e-12);
        dp.b = b;
        dp.m = M;
        dp.y = yv;
        dout.grad_x = gxv;
        dout.grad_a = ga;
        CHECK_STATUS(otc_sinkhorn_divergence_f64(&dp, &dout, &dopt, NO_WORK), OTC_OK);
        CHECK(dout.divergence > 1e-3);
        CHECK_CLOSE(dout.divergence,
                    dout.entropic_ot_xy - 0.5 * (dout.entropic_ot_xx + dout.entropic_ot_yy), 1e-14);
        {
            otc_sinkhorn_divergence_outputs_f64 plain = dout;
            double s = dout.divergence;
            plain.grad_x = NO_OUT;
            plain.grad_a = NULL;
            x[0] += h;
            CHECK_STATUS(otc_sinkhorn_divergence_f64(&dp, &plain, &dopt, NO_WORK), OTC_OK);
            s_plus = plain.divergence;
            x[0] -= 2 * h;
            CHECK_STATUS(otc_sinkhorn_divergence_f64(&dp, &plain, &dopt, NO_WORK), OTC_OK);
            s_minus = plain.divergence;
            x[0] += h;
            CHECK_CLOSE(gx[0], (s_plus - s_minus) / (2 * h), 1e-5);
            (void)s;
        }
        /* Dense costs: the same value; a gradient asked of them is refused. */
        for (i = 0; i < N; i++)
            for (j = 0; j < N; j++) {
                double dx = x[2 * i] - x[2 * j], dy = x[2 * i + 1] - x[2 * j + 1];
                cxx[i * N + j] = dx * dx + dy * dy;
            }
        for (i = 0; i < M; i++)
            for (j = 0; j < M; j++) {
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                cyy[i * M + j] = dx * dx + dy * dy;
            }
        {
            otc_matrix_f64 vxx = {cxx, N, N, N, 1}, vyy = {cyy, M, M, M, 1};
            double s_points = dout.divergence;
            dp.x = NO_VIEW;
            dp.y = NO_VIEW;
            dp.cost_xy = cost;
            dp.cost_xx = vxx;
            dp.cost_yy = vyy;
            CHECK_STATUS(otc_sinkhorn_divergence_f64(&dp, &dout, &dopt, NO_WORK),
                         OTC_ERR_INVALID_ARGUMENT);
            dout.grad_x = NO_OUT;
            dout.grad_a = NULL;
            CHECK_STATUS(otc_sinkhorn_divergence_f64(&dp, &dout, &dopt, NO_WORK), OTC_OK);
            CHECK_CLOSE(dout.divergence, s_points, 1e-10);
        }
    }
    return report();
}

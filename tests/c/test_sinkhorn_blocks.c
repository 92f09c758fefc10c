/* The row-partitioned Sinkhorn pieces through the C ABI: splitting the rows into 1, 2 and 3
 * blocks and iterating (block steps, pairs merged in block order, column update) reproduces
 * otc_sinkhorn_f64 / _f32 (alternating, no eps-scaling) for dense costs (row- and
 * column-major blocks) and point clouds, balanced and unbalanced, with a fixed iteration
 * count and with the stopping test on the summed block errors; bad arguments give their
 * status and leave the outputs untouched. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define N 13
#define M 9
#define D 2

static double x[N * D], y[M * D], c[N * M], ct[M * N], a[N], b[M];
static float xs[N * D], ys[M * D], cs[N * M], as[N], bs[M];

enum kind { DENSE_ROW, DENSE_COL, POINTS, DENSE_F32, POINTS_F32, KINDS };

static void setup(void) {
    int i, j;
    unsigned s = 2024u;
    double sa = 0.0, sb = 0.0;
    for (i = 0; i < N * D; i++) {
        s = s * 1103515245u + 12345u;
        x[i] = (double)(s >> 8) / 16777216.0;
    }
    for (i = 0; i < M * D; i++) {
        s = s * 1103515245u + 12345u;
        y[i] = (double)(s >> 8) / 16777216.0 + 0.25;
    }
    for (i = 0; i < N; i++) sa += (a[i] = 1.0 + (i % 4));
    for (j = 0; j < M; j++) sb += (b[j] = 2.0 + (j % 3));
    for (i = 0; i < N; i++) a[i] /= sa;
    for (j = 0; j < M; j++) b[j] /= sb;
    for (i = 0; i < N * D; i++) xs[i] = (float)x[i];
    for (i = 0; i < M * D; i++) ys[i] = (float)y[i];
    for (i = 0; i < N; i++) as[i] = (float)a[i];
    for (j = 0; j < M; j++) bs[j] = (float)b[j];
    for (i = 0; i < N; i++)
        for (j = 0; j < M; j++) {
            double dx = x[D * i] - y[D * j], dy = x[D * i + 1] - y[D * j + 1];
            c[i * M + j] = dx * dx + dy * dy;
            ct[j * N + i] = c[i * M + j];
            cs[i * M + j] = (float)(((double)xs[D * i] - ys[D * j]) * ((double)xs[D * i] - ys[D * j]) +
                                    ((double)xs[D * i + 1] - ys[D * j + 1]) *
                                        ((double)xs[D * i + 1] - ys[D * j + 1]));
        }
}

/* One block step of rows [r0, r0 + rows) for the given kind of cost. */
static otc_status step(enum kind k, size_t r0, size_t rows, const double *g,
                       const otc_sinkhorn_options *o, double *f, otc_lse_pair *pairs, double *err) {
    switch (k) {
    case DENSE_ROW: {
        otc_matrix_f64 cb = {c + r0 * M, rows, M, M, 1};
        return otc_sinkhorn_block_step_f64(cb, a + r0, b, g, o, f + r0, pairs, err, NULL, 0);
    }
    case DENSE_COL: {
        otc_matrix_f64 cb = {ct + r0, rows, M, 1, N};
        return otc_sinkhorn_block_step_f64(cb, a + r0, b, g, o, f + r0, pairs, err, NULL, 0);
    }
    case POINTS: {
        otc_matrix_f64 xb = {x + r0 * D, rows, D, D, 1}, yv = {y, M, D, D, 1};
        return otc_sinkhorn_block_step_points_f64(xb, yv, a + r0, b, g, o, f + r0, pairs, err,
                                                  NULL, 0);
    }
    case DENSE_F32: {
        otc_matrix_f32 cb = {cs + r0 * M, rows, M, M, 1};
        return otc_sinkhorn_block_step_f32(cb, as + r0, bs, g, o, f + r0, pairs, err, NULL, 0);
    }
    default: {
        otc_matrix_f32 xb = {xs + r0 * D, rows, D, D, 1}, yv = {ys, M, D, D, 1};
        return otc_sinkhorn_block_step_points_f32(xb, yv, as + r0, bs, g, o, f + r0, pairs, err,
                                                  NULL, 0);
    }
    }
}

/* The whole solve of the same kind (otc_sinkhorn_f64 / _f32, dense or points); its report
 * into *info. */
static otc_status whole(enum kind k, const otc_sinkhorn_options *o, double *f, double *g,
                        otc_report *info) {
    otc_matrix_f64 cv = {c, N, M, M, 1}, xv = {x, N, D, D, 1}, yv = {y, M, D, D, 1};
    otc_matrix_f32 cvs = {cs, N, M, M, 1}, xvs = {xs, N, D, D, 1}, yvs = {ys, M, D, D, 1};
    otc_workspace no_work = {NULL, 0};
    otc_status st;
    if (k == DENSE_ROW || k == DENSE_COL || k == POINTS) {
        otc_sinkhorn_problem_f64 p;
        otc_sinkhorn_outputs_f64 r;
        memset(&p, 0, sizeof p);
        memset(&r, 0, sizeof r);
        p.struct_size = sizeof p;
        p.a = a;
        p.n = N;
        p.b = b;
        p.m = M;
        if (k == POINTS) {
            p.x = xv;
            p.y = yv;
        } else {
            p.cost = cv;
        }
        r.struct_size = sizeof r;
        r.f = f;
        r.g = g;
        st = otc_sinkhorn_f64(&p, &r, o, no_work);
        *info = r.report;
    } else {
        otc_sinkhorn_problem_f32 p;
        otc_sinkhorn_outputs_f32 r;
        memset(&p, 0, sizeof p);
        memset(&r, 0, sizeof r);
        p.struct_size = sizeof p;
        p.a = as;
        p.n = N;
        p.b = bs;
        p.m = M;
        if (k == DENSE_F32) {
            p.cost = cvs;
        } else {
            p.x = xvs;
            p.y = yvs;
        }
        r.struct_size = sizeof r;
        r.f = f;
        r.g = g;
        st = otc_sinkhorn_f32(&p, &r, o, no_work);
        *info = r.report;
    }
    return st;
}

/* Runs the row-partitioned iteration on `blocks` blocks: at most o->max_iter iterations,
 * stopping (after the first) when the summed block errors are <= o->tolerance, checked every
 * iteration (o->check_every must be 1), as otc_sinkhorn does. Returns the iterations done, or
 * -1 on a failed call. */
static int partitioned(enum kind k, int blocks, const otc_sinkhorn_options *o, double *f,
                       double *g) {
    otc_lse_pair acc[M], part[M];
    double f_prev[N];
    int it, r, j;
    for (j = 0; j < M; j++) g[j] = 0.0;
    for (r = 0; r < N; r++) f[r] = 0.0;
    for (it = 0;; it++) {
        double err = 0.0;
        memcpy(f_prev, f, sizeof f_prev);
        for (r = 0; r < blocks; r++) {
            size_t r0 = (size_t)r * N / (size_t)blocks, r1 = (size_t)(r + 1) * N / (size_t)blocks;
            double e = -1.0;
            if (step(k, r0, r1 - r0, g, o, f, r == 0 ? acc : part, &e) != OTC_OK) return -1;
            if (r > 0 && otc_lse_pair_merge(acc, part, M) != OTC_OK) return -1;
            err += e;
        }
        if (it >= 1 && err <= o->tolerance) {
            memcpy(f, f_prev, sizeof f_prev); /* the potentials the check was made on */
            return it;
        }
        if (it == (int)o->max_iter) {
            memcpy(f, f_prev, sizeof f_prev);
            return it;
        }
        if (otc_sinkhorn_block_column_update(acc, M, o, g) != OTC_OK) return -1;
    }
}

static double max_abs_diff(const double *u, const double *v, int len) {
    double d = 0.0;
    int i;
    for (i = 0; i < len; i++) d = fmax(d, fabs(u[i] - v[i]));
    return d;
}

static void agreement(void) {
    otc_sinkhorn_options o;
    otc_report info;
    double fw[N], gw[M], fb[N], gb[M];
    int k, blocks, unbalanced, stop;
    CHECK_STATUS(otc_sinkhorn_options_default(&o), OTC_OK);
    o.epsilon = 0.03;
    o.num_threads = 1;
    o.check_every = 1;
    for (k = 0; k < KINDS; k++)
        for (unbalanced = 0; unbalanced < 2; unbalanced++)
            for (stop = 0; stop < 2; stop++) {
                double tol = k >= DENSE_F32 ? 2e-5 : 1e-12;
                o.rho_a = unbalanced ? 0.7 : INFINITY;
                o.rho_b = unbalanced ? 1.3 : INFINITY;
                o.max_iter = stop ? 5000 : 40;
                o.tolerance = stop ? (k >= DENSE_F32 ? 1e-5 : 1e-10) : 0.0;
                CHECK_STATUS(whole((enum kind)k, &o, fw, gw, &info), stop ? OTC_OK : OTC_WARN_MAX_ITER);
                for (blocks = 1; blocks <= 3; blocks++) {
                    int it = partitioned((enum kind)k, blocks, &o, fb, gb);
                    double df = max_abs_diff(fb, fw, N), dg = max_abs_diff(gb, gw, M);
                    /* f32 errors are rounded in float: near the tolerance the stopping
                     * iteration may move by one. */
                    int slack = k >= DENSE_F32 ? 1 : 0;
                    int off = abs(it - (int)info.iterations);
                    CHECK(it >= 1 && off <= slack);
                    CHECK(df <= tol && dg <= tol);
                    if (off > slack || df > tol || dg > tol)
                        printf("kind %d unbalanced %d stop %d blocks %d: %d vs %u iterations, "
                               "f off by %.3e, g by %.3e\n",
                               k, unbalanced, stop, blocks, it, (unsigned)info.iterations, df, dg);
                }
            }
}

/* Two threads give the same bits as one, and a caller workspace of the queried size works. */
static void threads_and_workspace(void) {
    otc_sinkhorn_options o;
    double g[M], f1[N], f2[N], e1, e2;
    otc_lse_pair p1[M], p2[M];
    size_t bytes = 0;
    void *work;
    int j;
    otc_matrix_f64 xv = {x, N, D, D, 1}, yv = {y, M, D, D, 1};
    otc_sinkhorn_options_default(&o);
    o.epsilon = 0.02;
    for (j = 0; j < M; j++) g[j] = 0.01 * j;
    memset(f1, 0, sizeof f1);
    memset(f2, 0, sizeof f2);
    o.num_threads = 1;
    CHECK_STATUS(otc_sinkhorn_block_step_points_f64(xv, yv, a, b, g, &o, f1, p1, &e1, NULL, 0),
                 OTC_OK);
    o.num_threads = 2;
    CHECK_STATUS(otc_sinkhorn_block_workspace_size(N, M, D, &o, &bytes), OTC_OK);
    CHECK(bytes > 0);
    work = malloc(bytes + 1);
    CHECK_STATUS(otc_sinkhorn_block_step_points_f64(xv, yv, a, b, g, &o, f2, p2, &e2,
                                                    (char *)work + 1, bytes),
                 OTC_OK);
    CHECK(memcmp(f1, f2, sizeof f1) == 0 && memcmp(p1, p2, sizeof p1) == 0 && e1 == e2);
    CHECK_STATUS(otc_sinkhorn_block_step_points_f64(xv, yv, a, b, g, &o, f2, p2, &e2, work,
                                                    bytes / 2),
                 OTC_ERR_WORKSPACE_TOO_SMALL);
    free(work);
    /* Without pairs the step is the row update alone: the same f. */
    memset(f2, 0, sizeof f2);
    CHECK_STATUS(otc_sinkhorn_block_step_points_f64(xv, yv, a, b, g, &o, f2, NULL, NULL, NULL, 0),
                 OTC_OK);
    CHECK(memcmp(f1, f2, sizeof f1) == 0);
}

/* Merging pairs: the closed form, either order, the empty pair. */
static void merging(void) {
    otc_lse_pair u[2] = {{2.0, 1.5}, {-INFINITY, 0.0}};
    otc_lse_pair v[2] = {{-1.0, 3.0}, {0.5, 2.0}};
    otc_lse_pair w[2] = {{-1.0, 3.0}, {0.5, 2.0}};
    otc_lse_pair uu[2] = {{2.0, 1.5}, {-INFINITY, 0.0}};
    double want = log(1.5 * exp(2.0) + 3.0 * exp(-1.0));
    CHECK_STATUS(otc_lse_pair_merge(u, v, 2), OTC_OK);
    CHECK_CLOSE(u[0].max + log(u[0].sum), want, 1e-15);
    CHECK(u[1].max == 0.5 && u[1].sum == 2.0);
    CHECK_STATUS(otc_lse_pair_merge(w, uu, 2), OTC_OK);
    CHECK(memcmp(u, w, sizeof u) == 0); /* commutative, bit for bit */
}

/* Bad arguments: the status, and outputs untouched. */
static void errors(void) {
    otc_sinkhorn_options o, bad;
    double g[M], f[N], e = 7.0, gn[M], sentinel_f[N];
    otc_lse_pair pairs[M], keep[M];
    otc_matrix_f64 cv = {c, N, M, M, 1}, empty = {c, 0, M, M, 1};
    double cn[N * M];
    int i;
    otc_sinkhorn_options_default(&o);
    o.epsilon = 0.05;
    o.num_threads = 1;
    for (i = 0; i < M; i++) {
        g[i] = 0.0;
        pairs[i].max = 42.0;
        pairs[i].sum = 42.0;
    }
    for (i = 0; i < N; i++) f[i] = sentinel_f[i] = 3.0 + i;
    memcpy(keep, pairs, sizeof keep);
#define UNTOUCHED() \
    CHECK(memcmp(f, sentinel_f, sizeof f) == 0 && memcmp(pairs, keep, sizeof keep) == 0 && e == 7.0)
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, NULL, b, g, &o, f, pairs, &e, NULL, 0),
                 OTC_ERR_NULL_POINTER);
    UNTOUCHED();
    CHECK_STATUS(otc_sinkhorn_block_step_f64(empty, a, b, g, &o, f, pairs, &e, NULL, 0),
                 OTC_ERR_INVALID_DIMENSION);
    UNTOUCHED();
    memcpy(gn, g, sizeof gn);
    gn[3] = NAN;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, gn, &o, f, pairs, &e, NULL, 0),
                 OTC_ERR_NON_FINITE);
    UNTOUCHED();
    memcpy(cn, c, sizeof cn);
    cn[N * M - 1] = INFINITY;
    {
        otc_matrix_f64 cvn = {cn, N, M, M, 1};
        CHECK_STATUS(otc_sinkhorn_block_step_f64(cvn, a, b, g, &o, f, pairs, &e, NULL, 0),
                     OTC_ERR_NON_FINITE);
        UNTOUCHED();
    }
    {
        double an[N];
        memcpy(an, a, sizeof an);
        an[2] = -0.1;
        CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, an, b, g, &o, f, pairs, &e, NULL, 0),
                     OTC_ERR_INVALID_ARGUMENT);
        UNTOUCHED();
    }
    bad = o;
    bad.epsilon = 0.0;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &bad, f, pairs, &e, NULL, 0),
                 OTC_ERR_INVALID_ARGUMENT);
    UNTOUCHED();
    bad = o;
    bad.rho_a = -1.0;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &bad, f, pairs, &e, NULL, 0),
                 OTC_ERR_INVALID_ARGUMENT);
    UNTOUCHED();
    bad = o;
    bad.symmetric = 1; /* the pieces do alternating updates */
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &bad, f, pairs, &e, NULL, 0),
                 OTC_ERR_INVALID_ARGUMENT);
    UNTOUCHED();
    bad = o;
    bad.eps_scaling_steps = 3; /* and run at epsilon */
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &bad, f, pairs, &e, NULL, 0),
                 OTC_ERR_INVALID_ARGUMENT);
    UNTOUCHED();
    bad = o;
    bad.struct_size = 8;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &bad, f, pairs, &e, NULL, 0),
                 OTC_ERR_ABI_MISMATCH);
    UNTOUCHED();
    /* f_block on a non-finite value, and outputs overlapping an input. */
    sentinel_f[5] = f[5] = NAN;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &o, f, pairs, &e, NULL, 0),
                 OTC_ERR_NON_FINITE);
    CHECK(isnan(f[5]) && memcmp(pairs, keep, sizeof keep) == 0 && e == 7.0);
    sentinel_f[5] = f[5] = 8.0;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &o, f, pairs, (double *)&b[1], NULL, 0),
                 OTC_ERR_ALIASING);
    UNTOUCHED();
    CHECK_STATUS(otc_sinkhorn_block_step_f64(cv, a, b, g, &o, f, (otc_lse_pair *)c, &e, NULL, 0),
                 OTC_ERR_ALIASING);
    UNTOUCHED();
    {
        otc_matrix_f64 xv = {x, N, D, D, 1}, y3 = {y, M, 3, 3, 1};
        CHECK_STATUS(otc_sinkhorn_block_step_points_f64(xv, y3, a, b, g, &o, f, pairs, &e, NULL, 0),
                     OTC_ERR_INVALID_DIMENSION);
        UNTOUCHED();
    }
    CHECK_STATUS(otc_sinkhorn_block_workspace_size(N, M, 0, &o, NULL), OTC_ERR_NULL_POINTER);

    /* Column update: empty or invalid pairs, bad sizes; g untouched. */
    {
        otc_lse_pair p[M];
        double gg[M], gs[M];
        for (i = 0; i < M; i++) {
            p[i].max = -1.0 - i;
            p[i].sum = 1.0;
            gg[i] = gs[i] = 5.0;
        }
        p[4].max = -INFINITY;
        p[4].sum = 0.0;
        CHECK_STATUS(otc_sinkhorn_block_column_update(p, M, &o, gg), OTC_ERR_INVALID_ARGUMENT);
        CHECK(memcmp(gg, gs, sizeof gg) == 0);
        p[4].max = NAN;
        p[4].sum = 1.0;
        CHECK_STATUS(otc_sinkhorn_block_column_update(p, M, &o, gg), OTC_ERR_NON_FINITE);
        CHECK(memcmp(gg, gs, sizeof gg) == 0);
        CHECK_STATUS(otc_sinkhorn_block_column_update(p, 0, &o, gg), OTC_ERR_INVALID_DIMENSION);
        {
            otc_sinkhorn_options sym = o;
            sym.symmetric = 1;
            p[4].max = -2.0;
            p[4].sum = 4.0;
            CHECK_STATUS(otc_sinkhorn_block_column_update(p, M, &sym, gg), OTC_ERR_INVALID_ARGUMENT);
            p[4].max = NAN;
            p[4].sum = 1.0;
        }
        CHECK_STATUS(otc_sinkhorn_block_column_update(NULL, M, &o, gg), OTC_ERR_NULL_POINTER);
        CHECK(memcmp(gg, gs, sizeof gg) == 0);
        p[4].max = -2.0;
        p[4].sum = 4.0;
        CHECK_STATUS(otc_sinkhorn_block_column_update(p, M, &o, gg), OTC_OK);
        CHECK_CLOSE(gg[4], -o.epsilon * (-2.0 + log(4.0)), 1e-15);
        o.rho_b = 0.45; /* kappa_b = rho / (rho + eps) = 0.9 */
        CHECK_STATUS(otc_sinkhorn_block_column_update(p, M, &o, gg), OTC_OK);
        CHECK_CLOSE(gg[4], -0.9 * o.epsilon * (-2.0 + log(4.0)), 1e-15);
    }

    /* Merge: overlap, invalid pairs; acc untouched. */
    {
        otc_lse_pair u[3] = {{1.0, 1.0}, {0.0, 2.0}, {-1.0, 0.5}};
        otc_lse_pair v[3] = {{0.0, 1.0}, {0.0, -1.0}, {0.0, 1.0}};
        otc_lse_pair us[3];
        memcpy(us, u, sizeof us);
        CHECK_STATUS(otc_lse_pair_merge(u, v, 3), OTC_ERR_NON_FINITE);
        CHECK(memcmp(u, us, sizeof u) == 0);
        CHECK_STATUS(otc_lse_pair_merge(u, u + 1, 2), OTC_ERR_ALIASING);
        CHECK(memcmp(u, us, sizeof u) == 0);
        CHECK_STATUS(otc_lse_pair_merge(u, NULL, 3), OTC_ERR_NULL_POINTER);
        CHECK_STATUS(otc_lse_pair_merge(u, v, 0), OTC_ERR_INVALID_DIMENSION);
        CHECK(memcmp(u, us, sizeof u) == 0);
    }
#undef UNTOUCHED
}

int main(void) {
    setup();
    agreement();
    threads_and_workspace();
    merging();
    errors();
    return report();
}

/* The row-partitioned Sinkhorn pieces through the C ABI (ops sinkhorn_block_step and
 * sinkhorn_block_column_update, and otc_lse_pair_merge): splitting the rows into 1, 2 and 3
 * blocks and iterating (block steps, pairs merged in block order, column update) reproduces a
 * plain alternating log-domain Sinkhorn written here (the independent reference), for dense
 * costs (row- and column-major blocks) and point clouds, doubles and floats, balanced and
 * unbalanced; the blocks' errors add up to the reference's marginal error; bad arguments give
 * their status and leave the outputs untouched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define N 13
#define M 9
#define D 2

static double x[N * D], y[M * D], c[N * M], ct[M * N], a[N], b[M];
static float xs[N * D], ys[M * D], cs[N * M], as[N], bs[M];
static double cs64[N * M]; /* the float costs, as doubles: the reference of the float paths */

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
            double ex = (double)xs[D * i] - ys[D * j], ey = (double)xs[D * i + 1] - ys[D * j + 1];
            c[i * M + j] = dx * dx + dy * dy;
            ct[j * N + i] = c[i * M + j];
            cs[i * M + j] = (float)(ex * ex + ey * ey);
            cs64[i * M + j] = ex * ex + ey * ey;
        }
}

static double kappa(double rho, double eps) { return isinf(rho) ? 1.0 : rho / (rho + eps); }

/* log sum_k w_k exp(v_k), stably. */
static double lse(const double *w, const double *v, int len) {
    double top = -INFINITY, s = 0.0;
    int k;
    for (k = 0; k < len; k++)
        if (w[k] > 0 && v[k] > top) top = v[k];
    for (k = 0; k < len; k++)
        if (w[k] > 0) s += w[k] * exp(v[k] - top);
    return top + log(s);
}

/* The reference: `iters` alternating iterations (f from g, then g from f) from zeros on the
 * dense cost `cost` (N x M row-major); then the L1 marginal error of (f, g) on the row side. */
static double reference(const double *cost, double eps, double rho_a, double rho_b, int iters,
                        double *f, double *g) {
    double v[N > M ? N : M], err = 0.0;
    int it, i, j;
    for (i = 0; i < N; i++) f[i] = 0.0;
    for (j = 0; j < M; j++) g[j] = 0.0;
    for (it = 0; it < iters; it++) {
        for (i = 0; i < N; i++) {
            for (j = 0; j < M; j++) v[j] = (g[j] - cost[i * M + j]) / eps;
            f[i] = -kappa(rho_a, eps) * eps * lse(b, v, M);
        }
        for (j = 0; j < M; j++) {
            for (i = 0; i < N; i++) v[i] = (f[i] - cost[i * M + j]) / eps;
            g[j] = -kappa(rho_b, eps) * eps * lse(a, v, N);
        }
    }
    for (i = 0; i < N; i++) {
        for (j = 0; j < M; j++) v[j] = (g[j] - cost[i * M + j]) / eps;
        err += fabs(a[i] * exp(f[i] / eps + lse(b, v, M)) - a[i] * exp(-f[i] / rho_a));
    }
    return err;
}

static otc_sinkhorn_block_step_options step_opts(double eps, double rho_a, double rho_b) {
    otc_sinkhorn_block_step_options o;
    otc_sinkhorn_block_step_options_default(&o);
    o.epsilon = eps;
    o.rho_a = rho_a;
    o.rho_b = rho_b;
    o.num_threads = 1;
    return o;
}

static otc_sinkhorn_block_column_update_options column_opts(double eps, double rho_b) {
    otc_sinkhorn_block_column_update_options o;
    otc_sinkhorn_block_column_update_options_default(&o);
    o.epsilon = eps;
    o.rho_b = rho_b;
    return o;
}

static const otc_matrix_f64 NO_F64 = {NULL, 0, 0, 0, 0};
static const otc_matrix_f32 NO_F32 = {NULL, 0, 0, 0, 0};

/* One block step of rows [r0, r0 + rows) for the given kind of cost: f_in -> f_out, pairs,
 * error (the outputs' report in *rep). */
static otc_status step(enum kind k, size_t r0, size_t rows, const double *g, const double *f_in,
                       const otc_sinkhorn_block_step_options *o, double *f_out,
                       otc_lse_pair *pairs, double *err, otc_report *rep) {
    otc_status st;
    if (k <= POINTS) {
        otc_sinkhorn_block_step_problem_f64 p = {sizeof p, NO_F64, NO_F64, NO_F64, NULL, NULL, NULL, NULL};
        otc_sinkhorn_block_step_outputs_f64 out;
        memset(&out, 0, sizeof out);
        out.struct_size = sizeof out;
        p.a_block = a + r0;
        p.b = b;
        p.g = g;
        p.f_block = f_in + r0;
        if (k == DENSE_ROW) {
            otc_matrix_f64 cb = {c + r0 * M, rows, M, M, 1};
            p.cost_block = cb;
        } else if (k == DENSE_COL) {
            otc_matrix_f64 cb = {ct + r0, rows, M, 1, N};
            p.cost_block = cb;
        } else {
            otc_matrix_f64 xb = {x + r0 * D, rows, D, D, 1}, yv = {y, M, D, D, 1};
            p.x_block = xb;
            p.y = yv;
        }
        out.f_block = f_out ? f_out + r0 : NULL;
        out.pairs = pairs;
        st = otc_sinkhorn_block_step_f64(&p, &out, o, (otc_workspace){NULL, 0});
        if (st == OTC_OK) {
            *err = out.marginal_error;
            *rep = out.report;
        }
    } else {
        otc_sinkhorn_block_step_problem_f32 p = {sizeof p, NO_F32, NO_F32, NO_F32, NULL, NULL, NULL, NULL};
        otc_sinkhorn_block_step_outputs_f32 out;
        memset(&out, 0, sizeof out);
        out.struct_size = sizeof out;
        p.a_block = as + r0;
        p.b = bs;
        p.g = g;
        p.f_block = f_in + r0;
        if (k == DENSE_F32) {
            otc_matrix_f32 cb = {cs + r0 * M, rows, M, M, 1};
            p.cost_block = cb;
        } else {
            otc_matrix_f32 xb = {xs + r0 * D, rows, D, D, 1}, yv = {ys, M, D, D, 1};
            p.x_block = xb;
            p.y = yv;
        }
        out.f_block = f_out ? f_out + r0 : NULL;
        out.pairs = pairs;
        st = otc_sinkhorn_block_step_f32(&p, &out, o, (otc_workspace){NULL, 0});
        if (st == OTC_OK) {
            *err = out.marginal_error;
            *rep = out.report;
        }
    }
    return st;
}

static otc_status column_update(const otc_lse_pair *pairs, size_t m,
                                const otc_sinkhorn_block_column_update_options *o, double *g) {
    otc_sinkhorn_block_column_update_problem_f64 p = {sizeof p, pairs, m};
    otc_sinkhorn_block_column_update_outputs_f64 out;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.g = g;
    return otc_sinkhorn_block_column_update_f64(&p, &out, o, (otc_workspace){NULL, 0});
}

/* `iters` row-partitioned iterations on `blocks` blocks from zeros, then one more round of
 * steps for the summed block errors of the final (f, g). Returns 0, or -1 on a failed call. */
static int partitioned(enum kind k, int blocks, int iters, const otc_sinkhorn_block_step_options *o,
                       const otc_sinkhorn_block_column_update_options *oc, double *f, double *g,
                       double *err_sum) {
    otc_lse_pair acc[M], part[M];
    double f_next[N];
    otc_report rep;
    int it, r, j;
    for (j = 0; j < M; j++) g[j] = 0.0;
    for (r = 0; r < N; r++) f[r] = 0.0;
    for (it = 0; it <= iters; it++) {
        *err_sum = 0.0;
        for (r = 0; r < blocks; r++) {
            size_t r0 = (size_t)r * N / (size_t)blocks, r1 = (size_t)(r + 1) * N / (size_t)blocks;
            double e = -1.0;
            if (step(k, r0, r1 - r0, g, f, o, f_next, r == 0 ? acc : part, &e, &rep) != OTC_OK)
                return -1;
            if (rep.iterations != 1 || rep.error != e || rep.status != OTC_OK) return -1;
            if (r > 0 && otc_lse_pair_merge(acc, part, M) != OTC_OK) return -1;
            *err_sum += e;
        }
        if (it == iters) return 0; /* the errors of the (f, g) the iterations produced */
        memcpy(f, f_next, sizeof f_next);
        if (column_update(acc, M, oc, g) != OTC_OK) return -1;
    }
    return 0;
}

static double max_abs_diff(const double *u, const double *v, int len) {
    double d = 0.0;
    int i;
    for (i = 0; i < len; i++) d = fmax(d, fabs(u[i] - v[i]));
    return d;
}

static void agreement(void) {
    double fr[N], gr[M], fb[N], gb[M];
    int k, blocks, unbalanced;
    const double eps = 0.03;
    const int iters = 40;
    for (k = 0; k < KINDS; k++)
        for (unbalanced = 0; unbalanced < 2; unbalanced++) {
            double tol = k >= DENSE_F32 ? 2e-5 : 1e-12;
            double rho_a = unbalanced ? 0.7 : INFINITY, rho_b = unbalanced ? 1.3 : INFINITY;
            otc_sinkhorn_block_step_options o = step_opts(eps, rho_a, rho_b);
            otc_sinkhorn_block_column_update_options oc = column_opts(eps, rho_b);
            double err_ref = reference(k >= DENSE_F32 ? cs64 : c, eps, rho_a, rho_b, iters, fr, gr);
            for (blocks = 1; blocks <= 3; blocks++) {
                double err = -1.0, df, dg;
                CHECK(partitioned((enum kind)k, blocks, iters, &o, &oc, fb, gb, &err) == 0);
                df = max_abs_diff(fb, fr, N);
                dg = max_abs_diff(gb, gr, M);
                CHECK(df <= tol && dg <= tol);
                CHECK(fabs(err - err_ref) <= 1e-9 + (k >= DENSE_F32 ? 1e-4 : 1e-9) * err_ref);
                CHECK(err_ref > 1e-8); /* a real error, not a converged zero */
                if (df > tol || dg > tol)
                    printf("kind %d unbalanced %d blocks %d: f off by %.3e, g by %.3e\n", k,
                           unbalanced, blocks, df, dg);
            }
        }
}

/* Two threads give the same bits as one, and a caller workspace of the queried size works;
 * outputs not wanted change nothing else. */
static void threads_and_workspace(void) {
    otc_sinkhorn_block_step_options o = step_opts(0.02, INFINITY, INFINITY);
    otc_sinkhorn_block_step_problem_f64 p = {sizeof p, NO_F64, {x, N, D, D, 1}, {y, M, D, D, 1}, a, b, NULL, NULL};
    otc_sinkhorn_block_step_outputs_f64 o1, o2;
    double g[M], f0[N], f1[N], f2[N];
    otc_lse_pair p1[M], p2[M];
    size_t bytes = 0;
    void *work;
    int j;
    for (j = 0; j < M; j++) g[j] = 0.01 * j;
    for (j = 0; j < N; j++) f0[j] = 0.002 * j;
    p.g = g;
    p.f_block = f0;
    memset(&o1, 0, sizeof o1);
    o1.struct_size = sizeof o1;
    o2 = o1;
    o1.f_block = f1;
    o1.pairs = p1;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &o1, &o, (otc_workspace){NULL, 0}), OTC_OK);
    o.num_threads = 2;
    CHECK_STATUS(otc_sinkhorn_block_step_workspace_size_f64(&p, &o, &bytes), OTC_OK);
    CHECK(bytes > 0);
    work = malloc(bytes + 1);
    o2.f_block = f2;
    o2.pairs = p2;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &o2, &o, (otc_workspace){(char *)work + 1, bytes}),
                 OTC_OK);
    CHECK(memcmp(f1, f2, sizeof f1) == 0 && memcmp(p1, p2, sizeof p1) == 0 &&
          o1.marginal_error == o2.marginal_error);
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &o2, &o, (otc_workspace){work, bytes / 2}),
                 OTC_ERR_WORKSPACE_TOO_SMALL);
    free(work);
    /* Without pairs the step is the row update alone: the same f; without f, the same pairs
     * and error. */
    memset(f2, 0, sizeof f2);
    o2.pairs = NULL;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &o2, &o, (otc_workspace){NULL, 0}), OTC_OK);
    CHECK(memcmp(f1, f2, sizeof f1) == 0);
    memset(p2, 0, sizeof p2);
    o2.pairs = p2;
    o2.f_block = NULL;
    o2.marginal_error = -1.0;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &o2, &o, (otc_workspace){NULL, 0}), OTC_OK);
    CHECK(memcmp(p1, p2, sizeof p1) == 0 && o1.marginal_error == o2.marginal_error);
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
    otc_sinkhorn_block_step_options o = step_opts(0.05, INFINITY, INFINITY), bad;
    otc_sinkhorn_block_column_update_options oc = column_opts(0.05, INFINITY);
    otc_sinkhorn_block_step_problem_f64 p = {sizeof p, {c, N, M, M, 1}, NO_F64, NO_F64, a, b, NULL, NULL}, q;
    otc_sinkhorn_block_step_outputs_f64 out, keep_out;
    double g[M], f0[N], f[N], sentinel_f[N], gn[M];
    otc_lse_pair pairs[M], keep[M];
    int i;
    for (i = 0; i < M; i++) {
        g[i] = 0.0;
        pairs[i].max = 42.0;
        pairs[i].sum = 42.0;
    }
    for (i = 0; i < N; i++) {
        f[i] = sentinel_f[i] = 3.0 + i;
        f0[i] = 0.0;
    }
    p.g = g;
    p.f_block = f0;
    memcpy(keep, pairs, sizeof keep);
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.marginal_error = 7.0;
    out.f_block = f;
    out.pairs = pairs;
    keep_out = out;
#define UNTOUCHED()                                                                              \
    CHECK(memcmp(f, sentinel_f, sizeof f) == 0 && memcmp(pairs, keep, sizeof keep) == 0 &&       \
          memcmp(&out, &keep_out, sizeof out) == 0)
#define STEP(prob, opts, want)                                                                   \
    do {                                                                                         \
        CHECK_STATUS(otc_sinkhorn_block_step_f64(prob, &out, opts, (otc_workspace){NULL, 0}),    \
                     want);                                                                      \
        UNTOUCHED();                                                                             \
    } while (0)
    q = p;
    q.a_block = NULL;
    STEP(&q, &o, OTC_ERR_NULL_POINTER);
    q = p;
    q.cost_block.rows = 0;
    STEP(&q, &o, OTC_ERR_INVALID_DIMENSION);
    q = p;
    q.cost_block.data = NULL; /* neither form */
    STEP(&q, &o, OTC_ERR_NULL_POINTER);
    q = p;
    q.x_block.data = x; /* both forms */
    q.x_block.rows = N;
    q.x_block.cols = D;
    STEP(&q, &o, OTC_ERR_INVALID_ARGUMENT);
    memcpy(gn, g, sizeof gn);
    gn[3] = NAN;
    q = p;
    q.g = gn;
    STEP(&q, &o, OTC_ERR_NON_FINITE);
    {
        double an[N], cn[N * M];
        memcpy(cn, c, sizeof cn);
        cn[N * M - 1] = INFINITY;
        q = p;
        q.cost_block.data = cn;
        STEP(&q, &o, OTC_ERR_NON_FINITE);
        memcpy(an, a, sizeof an);
        an[2] = -0.1;
        q = p;
        q.a_block = an;
        STEP(&q, &o, OTC_ERR_INVALID_ARGUMENT);
    }
    bad = o;
    bad.epsilon = 0.0;
    STEP(&p, &bad, OTC_ERR_INVALID_ARGUMENT);
    bad = o;
    bad.rho_a = -1.0;
    STEP(&p, &bad, OTC_ERR_INVALID_ARGUMENT);
    bad = o;
    bad.struct_size = 8;
    STEP(&p, &bad, OTC_ERR_ABI_MISMATCH);
    bad = o;
    bad.num_threads = 257;
    STEP(&p, &bad, OTC_ERR_THREADS);
    /* Outputs overlapping an input, or each other; the potentials on entry not finite. */
    out.f_block = (double *)b;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &out, &o, (otc_workspace){NULL, 0}), OTC_ERR_ALIASING);
    out.f_block = f;
    out.pairs = (otc_lse_pair *)c;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &out, &o, (otc_workspace){NULL, 0}), OTC_ERR_ALIASING);
    out.pairs = (otc_lse_pair *)f;
    CHECK_STATUS(otc_sinkhorn_block_step_f64(&p, &out, &o, (otc_workspace){NULL, 0}), OTC_ERR_ALIASING);
    out.pairs = pairs;
    UNTOUCHED();
    q = p;
    q.f_block = f; /* in place: the output f overlaps the input f */
    STEP(&q, &o, OTC_ERR_ALIASING);
    f0[5] = NAN;
    STEP(&p, &o, OTC_ERR_NON_FINITE);
    f0[5] = 0.0;
    {
        otc_matrix_f64 xv = {x, N, D, D, 1}, y3 = {y, M, 3, 3, 1};
        q = p;
        q.cost_block = NO_F64;
        q.x_block = xv;
        q.y = y3;
        STEP(&q, &o, OTC_ERR_INVALID_DIMENSION);
    }
    CHECK_STATUS(otc_sinkhorn_block_step_workspace_size_f64(&p, &o, NULL), OTC_ERR_NULL_POINTER);

    /* Column update: empty or invalid pairs, bad sizes; g untouched. */
    {
        otc_lse_pair pc[M];
        double gg[M], gs[M];
        for (i = 0; i < M; i++) {
            pc[i].max = -1.0 - i;
            pc[i].sum = 1.0;
            gg[i] = gs[i] = 5.0;
        }
        pc[4].max = -INFINITY;
        pc[4].sum = 0.0;
        CHECK_STATUS(column_update(pc, M, &oc, gg), OTC_ERR_INVALID_ARGUMENT);
        CHECK(memcmp(gg, gs, sizeof gg) == 0);
        pc[4].max = NAN;
        pc[4].sum = 1.0;
        CHECK_STATUS(column_update(pc, M, &oc, gg), OTC_ERR_NON_FINITE);
        CHECK(memcmp(gg, gs, sizeof gg) == 0);
        CHECK_STATUS(column_update(pc, 0, &oc, gg), OTC_ERR_INVALID_DIMENSION);
        CHECK_STATUS(column_update(NULL, M, &oc, gg), OTC_ERR_NULL_POINTER);
        CHECK(memcmp(gg, gs, sizeof gg) == 0);
        pc[4].max = -2.0;
        pc[4].sum = 4.0;
        CHECK_STATUS(column_update(pc, M, &oc, gg), OTC_OK);
        CHECK_CLOSE(gg[4], -oc.epsilon * (-2.0 + log(4.0)), 1e-15);
        oc.rho_b = 0.45; /* kappa_b = rho / (rho + eps) = 0.9 */
        CHECK_STATUS(column_update(pc, M, &oc, gg), OTC_OK);
        CHECK_CLOSE(gg[4], -0.9 * oc.epsilon * (-2.0 + log(4.0)), 1e-15);
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
#undef STEP
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

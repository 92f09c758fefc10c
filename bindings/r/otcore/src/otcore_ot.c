/* .Call glue for exact OT, Sinkhorn, Gaussians, semi-discrete OT and barycenters. The R
 * functions (R/ot.R) have already coerced and checked types and lengths; here every array is
 * checked again for its type and size before its pointer is used, outputs are allocated
 * before the otcore call, and an error status becomes an R error after the call returns (no
 * R error ever unwinds through otcore). Warnings come back as the "status" element. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <R.h>
#include <Rinternals.h>
#include "otcore.h"
#include "otcore_r.h"
#include "otcore_options.h"

/* ---- exact OT ---------------------------------------------------------------------------- */

SEXP otc_r_emd(SEXP a, SEXP b, SEXP cost, SEXP warm_f, SEXP warm_g, SEXP options) {
    otc_emd_problem_f64 pb;
    otc_emd_outputs_f64 res;
    otc_emd_options opts;
    otc_status st;
    const char *names[] = {"cost", "plan", "f", "g", "gap", "iterations", "status"};
    SEXP out, plan, f, g;
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.cost = rview(cost, "C");
    pb.n = pb.cost.rows;
    pb.m = pb.cost.cols;
    pb.a = dvec(a, (R_xlen_t)pb.n, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.m, "b", 0);
    pb.warm_f = dvec(warm_f, (R_xlen_t)pb.n, "warm_f", 1);
    pb.warm_g = dvec(warm_g, (R_xlen_t)pb.m, "warm_g", 1);
    OTCR_DEFAULT_OPTIONS(emd, opts);
    opts.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    opts.callback_every = 1000;
    OTCR_SET_OPTIONS(emd, opts, options);
    out = PROTECT(named_list(7, names));
    plan = Rf_allocMatrix(REALSXP, (int)pb.n, (int)pb.m);
    SET_VECTOR_ELT(out, 1, plan);
    f = Rf_allocVector(REALSXP, (R_xlen_t)pb.n);
    SET_VECTOR_ELT(out, 2, f);
    g = Rf_allocVector(REALSXP, (R_xlen_t)pb.m);
    SET_VECTOR_ELT(out, 3, g);
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    res.f = REAL(f);
    res.g = REAL(g);
    res.plan = wview(plan);
    st = otc_emd_f64(&pb, &res, &opts, OTCR_NO_WORK);
    check_status(st, "otc_emd_f64");
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(res.cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(res.gap));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)res.report.iterations));
    SET_VECTOR_ELT(out, 6, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- Sinkhorn ---------------------------------------------------------------------------- */

static const otc_matrix_f64 NO_VIEW = {NULL, 0, 0, 0, 0};

/* The report of a call as list elements path, iterations, error, status at `at`..`at + 3`. */
static void set_report(SEXP out, int at, const otc_report *r, otc_status st) {
    SET_VECTOR_ELT(out, at, Rf_ScalarInteger(r->path));
    SET_VECTOR_ELT(out, at + 1, Rf_ScalarReal((double)r->iterations));
    SET_VECTOR_ELT(out, at + 2, Rf_ScalarReal(r->error));
    SET_VECTOR_ELT(out, at + 3, Rf_ScalarInteger(st));
}

/* A fresh n x d matrix in `out` at `at` and its view, or no view when not wanted. */
static otc_matrix_mut_f64 matrix_output(SEXP out, int at, int want, R_xlen_t rows,
                                        R_xlen_t cols) {
    SEXP m;
    if (!want) return no_output();
    m = Rf_allocMatrix(REALSXP, (int)rows, (int)cols);
    SET_VECTOR_ELT(out, at, m);
    return wview(m);
}

/* A fresh double vector in `out` at `at`, or NULL when not wanted. */
static double *vector_output(SEXP out, int at, int want, R_xlen_t n) {
    SEXP v;
    if (!want) return NULL;
    v = Rf_allocVector(REALSXP, n);
    SET_VECTOR_ELT(out, at, v);
    return REAL(v);
}

/* Entropic OT on the dense cost (x NULL) or the points x, y (cost NULL). Returns the list
 * f, g, entropic_ot, transport_cost, mass, path, iterations, error, status, plan, map,
 * grad_x, grad_y, grad_a, grad_b (the last ones NULL unless asked for). */
SEXP otc_r_sinkhorn(SEXP a, SEXP b, SEXP cost, SEXP x, SEXP y, SEXP options, SEXP init_f,
                    SEXP init_g, SEXP want) {
    otc_sinkhorn_problem_f64 p;
    otc_sinkhorn_outputs_f64 r;
    otc_sinkhorn_options o;
    otc_status st;
    R_xlen_t n, m, d = 0;
    const int *w = LOGICAL(want); /* plan, map, gradients */
    const char *names[] = {"f", "g", "entropic_ot", "transport_cost", "mass", "path",
                           "iterations", "error", "status", "plan", "map", "grad_x",
                           "grad_y", "grad_a", "grad_b"};
    SEXP out;
    if (!Rf_isLogical(want) || XLENGTH(want) != 3) Rf_error("want must be 3 logicals");
    memset(&p, 0, sizeof p);
    memset(&r, 0, sizeof r);
    p.struct_size = sizeof p;
    r.struct_size = sizeof r;
    p.cost = p.x = p.y = NO_VIEW;
    if (Rf_isNull(x)) {
        p.cost = rview(cost, "C");
        n = (R_xlen_t)p.cost.rows;
        m = (R_xlen_t)p.cost.cols;
    } else {
        p.x = rview(x, "x");
        p.y = rview(y, "y");
        n = (R_xlen_t)p.x.rows;
        m = (R_xlen_t)p.y.rows;
        d = (R_xlen_t)p.x.cols;
    }
    p.a = dvec(a, n, "a", 0);
    p.n = (size_t)n;
    p.b = dvec(b, m, "b", 0);
    p.m = (size_t)m;
    p.init_f = dvec(init_f, n, "init_f", 1);
    p.init_g = dvec(init_g, m, "init_g", 1);
    OTCR_DEFAULT_OPTIONS(sinkhorn, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 10;
    OTCR_SET_OPTIONS(sinkhorn, o, options);
    out = PROTECT(named_list(15, names));
    r.f = vector_output(out, 0, 1, n);
    r.g = vector_output(out, 1, 1, m);
    r.plan = matrix_output(out, 9, w[0] == TRUE, n, m);
    r.map = matrix_output(out, 10, w[1] == TRUE, n, d);
    r.grad_x = matrix_output(out, 11, w[2] == TRUE, n, d);
    r.grad_y = matrix_output(out, 12, w[2] == TRUE, m, d);
    r.grad_a = vector_output(out, 13, w[2] == TRUE, n);
    r.grad_b = vector_output(out, 14, w[2] == TRUE, m);
    st = otc_sinkhorn_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_sinkhorn_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(r.entropic_ot));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.transport_cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(r.mass));
    set_report(out, 5, &r.report, st);
    UNPROTECT(1);
    return out;
}

/* The Sinkhorn divergence from the dense costs (x NULL) or the points x, y (costs NULL).
 * Returns the list divergence, entropic_ot_xy, entropic_ot_xx, entropic_ot_yy, path,
 * iterations, error, status, grad_x, grad_y, grad_a, grad_b. */
SEXP otc_r_sinkhorn_divergence(SEXP a, SEXP b, SEXP cxy, SEXP cxx, SEXP cyy, SEXP x, SEXP y,
                               SEXP options, SEXP gradients) {
    otc_sinkhorn_divergence_problem_f64 p;
    otc_sinkhorn_divergence_outputs_f64 r;
    otc_sinkhorn_divergence_options o;
    otc_status st;
    R_xlen_t n, m, d = 0;
    int grads = Rf_asLogical(gradients) == TRUE;
    const char *names[] = {"divergence", "entropic_ot_xy", "entropic_ot_xx", "entropic_ot_yy",
                           "path", "iterations", "error", "status", "grad_x", "grad_y",
                           "grad_a", "grad_b"};
    SEXP out;
    memset(&p, 0, sizeof p);
    memset(&r, 0, sizeof r);
    p.struct_size = sizeof p;
    r.struct_size = sizeof r;
    p.cost_xy = p.cost_xx = p.cost_yy = p.x = p.y = NO_VIEW;
    if (Rf_isNull(x)) {
        p.cost_xy = rview(cxy, "Cxy");
        p.cost_xx = rview(cxx, "Cxx");
        p.cost_yy = rview(cyy, "Cyy");
        n = (R_xlen_t)p.cost_xy.rows;
        m = (R_xlen_t)p.cost_xy.cols;
    } else {
        p.x = rview(x, "x");
        p.y = rview(y, "y");
        n = (R_xlen_t)p.x.rows;
        m = (R_xlen_t)p.y.rows;
        d = (R_xlen_t)p.x.cols;
    }
    p.a = dvec(a, n, "a", 0);
    p.n = (size_t)n;
    p.b = dvec(b, m, "b", 0);
    p.m = (size_t)m;
    OTCR_DEFAULT_OPTIONS(sinkhorn_divergence, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 10;
    OTCR_SET_OPTIONS(sinkhorn_divergence, o, options);
    out = PROTECT(named_list(12, names));
    r.grad_x = matrix_output(out, 8, grads, n, d);
    r.grad_y = matrix_output(out, 9, grads, m, d);
    r.grad_a = vector_output(out, 10, grads, n);
    r.grad_b = vector_output(out, 11, grads, m);
    st = otc_sinkhorn_divergence_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_sinkhorn_divergence_f64");
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(r.divergence));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.entropic_ot_xy));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(r.entropic_ot_xx));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.entropic_ot_yy));
    set_report(out, 4, &r.report, st);
    UNPROTECT(1);
    return out;
}

/* ---- Row-partitioned Sinkhorn pieces ------------------------------------------------------ */
/* Pairs cross as 2 x m double matrices (rows "max", "sum"): column-major, that is the layout
 * of an array of otc_lse_pair. */

static otc_lse_pair *pair_matrix(SEXP p, R_xlen_t m, const char *what) {
    if (!Rf_isReal(p) || !Rf_isMatrix(p) || Rf_nrows(p) != 2 || (R_xlen_t)Rf_ncols(p) != m) {
        Rf_error("%s must be a 2 x %lld double matrix of pairs", what, (long long)m);
    }
    return (otc_lse_pair *)REAL(p);
}

static SEXP new_pairs(R_xlen_t m) { return Rf_allocMatrix(REALSXP, 2, (int)m); }

/* One block step (otc_sinkhorn_block_step_f64): the cost given as C_block (rows x m) or as
 * points x_block (rows x d) and y (m x d), the other NULL. Returns f (the new potentials),
 * pairs (2 x m, or NULL) and marginal_error. */
SEXP otc_r_sinkhorn_block_step(SEXP f_block, SEXP cost, SEXP x, SEXP y, SEXP a_block, SEXP b,
                               SEXP g, SEXP want_pairs, SEXP options) {
    const char *names[] = {"f", "pairs", "marginal_error"};
    otc_sinkhorn_block_step_problem_f64 p;
    otc_sinkhorn_block_step_outputs_f64 out;
    otc_sinkhorn_block_step_options o;
    R_xlen_t rows, m;
    SEXP res, f, pairs = R_NilValue;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    if (!Rf_isNull(cost)) {
        p.cost_block = rview(cost, "C_block");
        rows = (R_xlen_t)p.cost_block.rows;
        m = (R_xlen_t)p.cost_block.cols;
    } else {
        p.x_block = rview(x, "x_block");
        p.y = rview(y, "y");
        rows = (R_xlen_t)p.x_block.rows;
        m = (R_xlen_t)p.y.rows;
    }
    p.a_block = dvec(a_block, rows, "a_block", 0);
    p.b = dvec(b, m, "b", 0);
    p.g = dvec(g, m, "g", 0);
    p.f_block = dvec(f_block, rows, "f_block", 0);
    OTCR_DEFAULT_OPTIONS(sinkhorn_block_step, o);
    OTCR_SET_OPTIONS(sinkhorn_block_step, o, options);
    res = PROTECT(named_list(3, names));
    f = Rf_allocVector(REALSXP, rows);
    SET_VECTOR_ELT(res, 0, f);
    if (Rf_asLogical(want_pairs) == TRUE) {
        pairs = new_pairs(m);
        SET_VECTOR_ELT(res, 1, pairs);
    }
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.f_block = REAL(f);
    out.pairs = Rf_isNull(pairs) ? NULL : (otc_lse_pair *)REAL(pairs);
    check_status(otc_sinkhorn_block_step_f64(&p, &out, &o, OTCR_NO_WORK),
                 "otc_sinkhorn_block_step_f64");
    SET_VECTOR_ELT(res, 2, Rf_ScalarReal(out.marginal_error));
    UNPROTECT(1);
    return res;
}

SEXP otc_r_lse_pair_merge(SEXP acc, SEXP other) {
    R_xlen_t m = Rf_isMatrix(acc) ? (R_xlen_t)Rf_ncols(acc) : 0;
    const otc_lse_pair *pa = pair_matrix(acc, m, "acc"), *po = pair_matrix(other, m, "other");
    SEXP out = PROTECT(new_pairs(m));
    memcpy(REAL(out), pa, (size_t)m * sizeof(otc_lse_pair));
    check_status(otc_lse_pair_merge((otc_lse_pair *)REAL(out), po, (size_t)m),
                 "otc_lse_pair_merge");
    UNPROTECT(1);
    return out;
}

SEXP otc_r_sinkhorn_block_column_update(SEXP pairs, SEXP options) {
    R_xlen_t m = Rf_isMatrix(pairs) ? (R_xlen_t)Rf_ncols(pairs) : 0;
    otc_sinkhorn_block_column_update_problem_f64 p;
    otc_sinkhorn_block_column_update_outputs_f64 out;
    otc_sinkhorn_block_column_update_options o;
    SEXP g;
    p.struct_size = sizeof p;
    p.pairs = pair_matrix(pairs, m, "pairs");
    p.m = (size_t)m;
    OTCR_DEFAULT_OPTIONS(sinkhorn_block_column_update, o);
    OTCR_SET_OPTIONS(sinkhorn_block_column_update, o, options);
    g = PROTECT(Rf_allocVector(REALSXP, m));
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.g = REAL(g);
    check_status(otc_sinkhorn_block_column_update_f64(&p, &out, &o, OTCR_NO_WORK),
                 "otc_sinkhorn_block_column_update_f64");
    UNPROTECT(1);
    return g;
}

/* The workspaces the block ops would need (the calls above let otcore allocate): bytes of
 * otc_sinkhorn_block_step_workspace_size_f64 for a rows x m block of points of dimension d
 * (d = 0: a dense block) and of otc_sinkhorn_block_column_update_workspace_size_f64. */
SEXP otc_r_sinkhorn_block_workspace_sizes(SEXP rows, SEXP m, SEXP d) {
    otc_sinkhorn_block_step_problem_f64 p;
    otc_sinkhorn_block_column_update_problem_f64 pc;
    size_t step = 0, column = 0;
    SEXP out;
    /* The query reads which form is given and the views' sizes only: any non-NULL data
     * pointer marks the form. */
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    if (Rf_asInteger(d) == 0) {
        p.cost_block.data = (const double *)&p;
        p.cost_block.rows = (size_t)Rf_asInteger(rows);
        p.cost_block.cols = (size_t)Rf_asInteger(m);
    } else {
        p.x_block.data = (const double *)&p;
        p.x_block.rows = (size_t)Rf_asInteger(rows);
        p.x_block.cols = (size_t)Rf_asInteger(d);
        p.y.rows = (size_t)Rf_asInteger(m);
    }
    pc.struct_size = sizeof pc;
    pc.pairs = NULL;
    pc.m = (size_t)Rf_asInteger(m);
    check_status(otc_sinkhorn_block_step_workspace_size_f64(&p, NULL, &step),
                 "otc_sinkhorn_block_step_workspace_size_f64");
    check_status(otc_sinkhorn_block_column_update_workspace_size_f64(&pc, NULL, &column),
                 "otc_sinkhorn_block_column_update_workspace_size_f64");
    out = PROTECT(Rf_allocVector(REALSXP, 2));
    REAL(out)[0] = (double)step;
    REAL(out)[1] = (double)column;
    UNPROTECT(1);
    return out;
}

/* ---- Gaussians --------------------------------------------------------------------------- */

static size_t square(SEXP s, const char *what) {
    otc_matrix_f64 v = rview(s, what);
    if (!Rf_isMatrix(s) || v.rows != v.cols) Rf_error("%s must be a square matrix", what);
    return v.rows;
}

SEXP otc_r_bures(SEXP s1, SEXP s2, SEXP options) {
    OTCR_OPTIONS(bures, o, options);
    OTCR_STRUCT(otc_bures_problem_f64, p);
    OTCR_STRUCT(otc_bures_outputs_f64, r);
    p.sigma1 = rview(s1, "S1");
    p.sigma2 = rview(s2, "S2");
    check_status(otc_bures_f64(&p, &r, &o, OTCR_NO_WORK), "otc_bures_f64");
    return Rf_ScalarReal(r.bures_squared);
}

SEXP otc_r_gaussian_w2(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP eps, SEXP options) {
    size_t d = square(s1, "S1");
    const double *p1 = dvec(m1, (R_xlen_t)d, "m1", 0), *p2 = dvec(m2, (R_xlen_t)d, "m2", 0);
    if (Rf_isNull(eps)) {
        OTCR_OPTIONS(gaussian_w2, o, options);
        OTCR_STRUCT(otc_gaussian_w2_problem_f64, p);
        OTCR_STRUCT(otc_gaussian_w2_outputs_f64, r);
        p.m1 = p1; p.sigma1 = rview(s1, "S1"); p.m2 = p2; p.sigma2 = rview(s2, "S2");
        check_status(otc_gaussian_w2_f64(&p, &r, &o, OTCR_NO_WORK), "otc_gaussian_w2_f64");
        return Rf_ScalarReal(r.w2_squared);
    } else {
        OTCR_OPTIONS(gaussian_entropic_w2, o, options);
        OTCR_STRUCT(otc_gaussian_entropic_w2_problem_f64, p);
        OTCR_STRUCT(otc_gaussian_entropic_w2_outputs_f64, r);
        p.m1 = p1; p.sigma1 = rview(s1, "S1"); p.m2 = p2; p.sigma2 = rview(s2, "S2");
        p.epsilon = Rf_asReal(eps);
        check_status(otc_gaussian_entropic_w2_f64(&p, &r, &o, OTCR_NO_WORK),
                     "otc_gaussian_entropic_w2_f64");
        return Rf_ScalarReal(r.cost);
    }
}

SEXP otc_r_gaussian_w2_pairwise(SEXP means1, SEXP covs1, SEXP means2, SEXP covs2,
                                SEXP options) {
    OTCR_OPTIONS(gaussian_w2_pairwise, o, options);
    OTCR_STRUCT(otc_gaussian_w2_pairwise_problem_f64, p);
    OTCR_STRUCT(otc_gaussian_w2_pairwise_outputs_f64, r);
    otc_status st;
    p.means1 = rview(means1, "means1");
    p.means2 = rview(means2, "means2");
    p.covs1 = matrix_views(covs1, (R_xlen_t)p.means1.rows, "covs1");
    p.covs2 = matrix_views(covs2, (R_xlen_t)p.means2.rows, "covs2");
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)p.means1.rows, (int)p.means2.rows));
    r.w2_squared = wview(out);
    st = otc_gaussian_w2_pairwise_f64(&p, &r, &o, OTCR_NO_WORK);
    UNPROTECT(1);
    check_status(st, "otc_gaussian_w2_pairwise_f64");
    return out;
}

SEXP otc_r_gaussian_map(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP options) {
    size_t d = square(s1, "S1");
    OTCR_OPTIONS(gaussian_map, o, options);
    OTCR_STRUCT(otc_gaussian_map_problem_f64, p);
    OTCR_STRUCT(otc_gaussian_map_outputs_f64, r);
    const char *names[] = {"A", "b", "rank", "status"};
    SEXP out = PROTECT(named_list(4, names)), a, b;
    otc_status st;
    p.m1 = dvec(m1, (R_xlen_t)d, "m1", 0); p.sigma1 = rview(s1, "S1");
    p.m2 = dvec(m2, (R_xlen_t)d, "m2", 0); p.sigma2 = rview(s2, "S2");
    a = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 0, a);
    b = Rf_allocVector(REALSXP, (R_xlen_t)d);
    SET_VECTOR_ELT(out, 1, b);
    r.a = wview(a);
    r.b = REAL(b);
    st = otc_gaussian_map_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_gaussian_map_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_map_apply(SEXP a, SEXP b, SEXP x, SEXP options) {
    OTCR_OPTIONS(gaussian_map_apply, o, options);
    OTCR_STRUCT(otc_gaussian_map_apply_problem_f64, p);
    OTCR_STRUCT(otc_gaussian_map_apply_outputs_f64, r);
    otc_status st;
    p.a = rview(a, "A");
    p.x = rview(x, "x");
    p.b = dvec(b, (R_xlen_t)p.a.rows, "b", 1);
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)p.x.rows, (int)p.a.rows));
    r.y = wview(out);
    st = otc_gaussian_map_apply_f64(&p, &r, &o, OTCR_NO_WORK);
    UNPROTECT(1);
    check_status(st, "otc_gaussian_map_apply_f64");
    return out;
}

SEXP otc_r_gaussian_geodesic(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP t, SEXP options) {
    size_t d = square(s1, "S1");
    OTCR_OPTIONS(gaussian_geodesic, o, options);
    OTCR_STRUCT(otc_gaussian_geodesic_problem_f64, p);
    OTCR_STRUCT(otc_gaussian_geodesic_outputs_f64, r);
    const char *names[] = {"mean", "cov", "rank", "status"};
    SEXP out = PROTECT(named_list(4, names)), mean, cov;
    otc_status st;
    p.m1 = dvec(m1, (R_xlen_t)d, "m1", 0); p.sigma1 = rview(s1, "S1");
    p.m2 = dvec(m2, (R_xlen_t)d, "m2", 0); p.sigma2 = rview(s2, "S2");
    p.t = Rf_asReal(t);
    mean = Rf_allocVector(REALSXP, (R_xlen_t)d);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 1, cov);
    r.mean = REAL(mean);
    r.cov = wview(cov);
    st = otc_gaussian_geodesic_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_gaussian_geodesic_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_barycenter(SEXP means, SEXP covs, SEXP weights, SEXP options) {
    otc_gaussian_barycenter_options o;
    OTCR_STRUCT(otc_gaussian_barycenter_problem_f64, p);
    OTCR_STRUCT(otc_gaussian_barycenter_outputs_f64, r);
    const char *names[] = {"mean", "cov", "iterations", "error", "rank", "status"};
    SEXP out = PROTECT(named_list(6, names)), mean, cov;
    otc_status st;
    /* Ctrl-C: checked at every iteration (each costs k eigendecompositions) unless the
     * options say otherwise. */
    OTCR_DEFAULT_OPTIONS(gaussian_barycenter, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1;
    OTCR_SET_OPTIONS(gaussian_barycenter, o, options);
    p.means = rview(means, "means");
    p.covs = matrix_views(covs, (R_xlen_t)p.means.rows, "covs");
    p.weights = dvec(weights, (R_xlen_t)p.means.rows, "weights", 1);
    mean = Rf_allocVector(REALSXP, (R_xlen_t)p.means.cols);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)p.means.cols, (int)p.means.cols);
    SET_VECTOR_ELT(out, 1, cov);
    r.mean = REAL(mean);
    r.cov = wview(cov);
    st = otc_gaussian_barycenter_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_gaussian_barycenter_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.report.error));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 5, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_moments(SEXP x, SEXP weights, SEXP options) {
    OTCR_OPTIONS(gaussian_moments, o, options);
    OTCR_STRUCT(otc_gaussian_moments_problem_f64, p);
    OTCR_STRUCT(otc_gaussian_moments_outputs_f64, r);
    const char *names[] = {"mean", "cov"};
    SEXP out = PROTECT(named_list(2, names)), mean, cov;
    p.x = rview(x, "x");
    p.weights = dvec(weights, (R_xlen_t)p.x.rows, "weights", 1);
    mean = Rf_allocVector(REALSXP, (R_xlen_t)p.x.cols);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)p.x.cols, (int)p.x.cols);
    SET_VECTOR_ELT(out, 1, cov);
    r.mean = REAL(mean);
    r.cov = wview(cov);
    check_status(otc_gaussian_moments_f64(&p, &r, &o, OTCR_NO_WORK), "otc_gaussian_moments_f64");
    UNPROTECT(1);
    return out;
}

SEXP otc_r_psd_sqrt(SEXP s, SEXP options) {
    size_t d = square(s, "S");
    OTCR_OPTIONS(psd_sqrt, o, options);
    OTCR_STRUCT(otc_psd_sqrt_problem_f64, p);
    OTCR_STRUCT(otc_psd_sqrt_outputs_f64, r);
    const char *names[] = {"sqrt", "inv_sqrt", "rank", "status"};
    SEXP out = PROTECT(named_list(4, names)), sq, isq;
    otc_status st;
    p.a = rview(s, "S");
    sq = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 0, sq);
    isq = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 1, isq);
    r.sqrt = wview(sq);
    r.inv_sqrt = wview(isq);
    st = otc_psd_sqrt_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_psd_sqrt_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- semi-discrete (ABI 1 shape) ---------------------------------------------------------- */

/* The report into three list elements from `at`: iterations, error, status (the ops with one
 * path). */
static void set_report_without_path(SEXP out, int at, otc_report r) {
    SET_VECTOR_ELT(out, at, Rf_ScalarReal((double)r.iterations));
    SET_VECTOR_ELT(out, at + 1, Rf_ScalarReal(r.error));
    SET_VECTOR_ELT(out, at + 2, Rf_ScalarInteger(r.status));
}

SEXP otc_r_laguerre_assign(SEXP points, SEXP sites, SEXP g, SEXP weights, SEXP opts) {
    otc_matrix_f64 vp = rview(points, "points"), vs = rview(sites, "sites");
    otc_laguerre_assign_problem_f64 p = {sizeof p, vp, dvec(weights, (R_xlen_t)vp.rows, "weights", 1),
                                         vs, dvec(g, (R_xlen_t)vs.rows, "g", 0)};
    otc_laguerre_assign_options o;
    otc_laguerre_assign_outputs_f64 r;
    const char *names[] = {"cells", "masses", "empty_cells"};
    SEXP out = PROTECT(named_list(3, names)), cells, masses;
    uint32_t *c = (uint32_t *)R_alloc(vp.rows > 0 ? vp.rows : 1, sizeof *c);
    OTCR_DEFAULT_OPTIONS(laguerre_assign, o);
    OTCR_SET_OPTIONS(laguerre_assign, o, opts);
    cells = Rf_allocVector(INTSXP, (R_xlen_t)vp.rows);
    SET_VECTOR_ELT(out, 0, cells);
    masses = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 1, masses);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.cells = c;
    r.masses = REAL(masses);
    check_status(otc_laguerre_assign_f64(&p, &r, &o, OTCR_NO_WORK), "otc_laguerre_assign_f64");
    for (size_t i = 0; i < vp.rows; i++) INTEGER(cells)[i] = (int)c[i] + 1;
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.empty_cells));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_semidiscrete(SEXP points, SEXP sites, SEXP b, SEXP weights, SEXP g0, SEXP opts) {
    otc_matrix_f64 vp = rview(points, "points"), vs = rview(sites, "sites");
    otc_semidiscrete_problem_f64 p = {sizeof p, vp, dvec(weights, (R_xlen_t)vp.rows, "weights", 1),
                                      vs, dvec(b, (R_xlen_t)vs.rows, "b", 0),
                                      dvec(g0, (R_xlen_t)vs.rows, "g0", 1)};
    otc_semidiscrete_options o;
    otc_semidiscrete_outputs_f64 r;
    const char *names[] = {"g", "masses", "mass_error", "epsilon", "step", "iterations", "error",
                           "status"};
    SEXP out = PROTECT(named_list(8, names)), g, masses;
    otc_status st;
    OTCR_DEFAULT_OPTIONS(semidiscrete, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1;
    OTCR_SET_OPTIONS(semidiscrete, o, opts);
    g = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 0, g);
    masses = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 1, masses);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.g = REAL(g);
    r.masses = REAL(masses);
    st = otc_semidiscrete_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_semidiscrete_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(r.mass_error));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.epsilon));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(r.step));
    set_report_without_path(out, 5, r.report);
    UNPROTECT(1);
    return out;
}

/* The sampler callback: calls the R function `fn(count)`, which returns a count×dim matrix,
 * inside R_tryEval (an R error returns nonzero to otcore instead of unwinding through it). */
struct sampler {
    SEXP fn, env;
    size_t dim;
};

static int32_t call_sampler(void *user, size_t count, double *out) {
    struct sampler *s = (struct sampler *)user;
    int failed = 0;
    SEXP call = PROTECT(Rf_lang2(s->fn, Rf_ScalarInteger((int)count)));
    SEXP x = R_tryEvalSilent(call, s->env, &failed);
    if (failed || !Rf_isReal(x) || !Rf_isMatrix(x) || (size_t)Rf_nrows(x) != count ||
        (size_t)Rf_ncols(x) != s->dim) {
        UNPROTECT(1);
        return 1;
    }
    PROTECT(x);
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < s->dim; k++) out[i * s->dim + k] = REAL(x)[i + k * count];
    }
    UNPROTECT(2);
    return 0;
}

/* Averaged SGD from an R sampler `fn` (points NULL) or from the rows of `points`. */
SEXP otc_r_semidiscrete_sgd(SEXP fn, SEXP env, SEXP points, SEXP sites, SEXP b, SEXP weights,
                            SEXP opts) {
    otc_matrix_f64 vs = rview(sites, "sites");
    otc_semidiscrete_sgd_problem_f64 p;
    otc_semidiscrete_sgd_options o;
    otc_semidiscrete_sgd_outputs_f64 r;
    struct sampler s;
    const char *names[] = {"g", "step", "iterations", "error", "status"};
    SEXP out = PROTECT(named_list(5, names)), g;
    otc_status st;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    p.sites = vs;
    p.b = dvec(b, (R_xlen_t)vs.rows, "b", 0);
    OTCR_DEFAULT_OPTIONS(semidiscrete_sgd, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 100;
    OTCR_SET_OPTIONS(semidiscrete_sgd, o, opts);
    if (Rf_isNull(points)) {
        s.fn = fn;
        s.env = env;
        s.dim = vs.cols;
        p.sample = call_sampler;
        p.sample_data = &s;
    } else {
        p.points = rview(points, "points");
        p.point_weights = dvec(weights, (R_xlen_t)p.points.rows, "weights", 1);
    }
    /* The sampler is R code: the calling thread only, whatever the options say. */
    if (p.sample != NULL) o.num_threads = 1;
    g = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 0, g);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.g = REAL(g);
    st = otc_semidiscrete_sgd_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_semidiscrete_sgd_f64");
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.step));
    set_report_without_path(out, 2, r.report);
    UNPROTECT(1);
    return out;
}

SEXP otc_r_lloyd(SEXP points, SEXP sites, SEXP weights, SEXP opts) {
    otc_matrix_f64 vp = rview(points, "points");
    otc_lloyd_problem_f64 p = {sizeof p, vp, dvec(weights, (R_xlen_t)vp.rows, "weights", 1),
                               rview(sites, "sites")};
    otc_lloyd_options o;
    otc_lloyd_outputs_f64 r;
    const char *names[] = {"sites", "distortion", "iterations", "error", "status"};
    SEXP out = PROTECT(named_list(5, names)), moved;
    otc_status st;
    OTCR_DEFAULT_OPTIONS(lloyd, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1;
    OTCR_SET_OPTIONS(lloyd, o, opts);
    moved = Rf_allocMatrix(REALSXP, Rf_nrows(sites), Rf_ncols(sites));
    SET_VECTOR_ELT(out, 0, moved);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.sites = wview(moved);
    st = otc_lloyd_f64(&p, &r, &o, OTCR_NO_WORK);
    check_status(st, "otc_lloyd_f64");
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.distortion));
    set_report_without_path(out, 2, r.report);
    UNPROTECT(1);
    return out;
}

/* ---- barycenters ------------------------------------------------------------------------- */

/* Iterations between two Ctrl-C checks for a solver doing about `work` operations an
 * iteration: a few checks a second (about 2e7 operations between checks), at least 1. */
static uint64_t interrupt_every(double work) {
    double every = 2e7 / (work > 1.0 ? work : 1.0);
    return every < 1.0 ? 1 : (uint64_t)every;
}

/* images: (h·w)×k with pixel (r, c) at row r·w + c (h, w NULL: a fixed-support problem whose
 * cost is `cost`). `options`: a named list of fields of otc_barycenter_options (or
 * otc_convolutional_barycenter_options). Ctrl-C stops the solve (otcr_interrupt_callback).
 * Returns the barycenter and the report. */
SEXP otc_r_barycenter(SEXP hists, SEXP cost, SEXP h, SEXP w, SEXP weights, SEXP options) {
    otc_matrix_f64 vh = rview(hists, "hists");
    const double *pw = dvec(weights, (R_xlen_t)vh.cols, "weights", 1);
    const char *names[] = {"barycenter", "iterations", "error", "status"};
    SEXP out, bar;
    otc_report report;
    otc_status st;
    int fixed = Rf_isNull(h);
    out = PROTECT(named_list(4, names));
    bar = Rf_allocVector(REALSXP, (R_xlen_t)vh.rows);
    SET_VECTOR_ELT(out, 0, bar);
    if (fixed) {
        otc_barycenter_options o;
        otc_barycenter_problem_f64 p = {sizeof p, vh, rview(cost, "C"), pw};
        otc_barycenter_outputs_f64 r;
        memset(&r, 0, sizeof r);
        r.struct_size = sizeof r;
        r.barycenter = REAL(bar);
        OTCR_DEFAULT_OPTIONS(barycenter, o);
        o.callback = otcr_interrupt_callback;
        o.callback_every = interrupt_every(2.0 * (double)vh.cols * (double)vh.rows * (double)vh.rows);
        OTCR_SET_OPTIONS(barycenter, o, options);
        st = otc_barycenter_f64(&p, &r, &o, OTCR_NO_WORK);
        check_status(st, "otc_barycenter_f64");
        report = r.report;
    } else {
        otc_convolutional_barycenter_options o;
        otc_convolutional_barycenter_problem_f64 p = {sizeof p, vh, (size_t)Rf_asInteger(h),
                                                      (size_t)Rf_asInteger(w), pw};
        otc_convolutional_barycenter_outputs_f64 r;
        memset(&r, 0, sizeof r);
        r.struct_size = sizeof r;
        r.barycenter = REAL(bar);
        OTCR_DEFAULT_OPTIONS(convolutional_barycenter, o);
        o.callback = otcr_interrupt_callback;
        o.callback_every = interrupt_every(0.1 * (double)vh.cols * (double)vh.rows *
                                           (double)(p.height + p.width));
        OTCR_SET_OPTIONS(convolutional_barycenter, o, options);
        st = otc_convolutional_barycenter_f64(&p, &r, &o, OTCR_NO_WORK);
        check_status(st, "otc_convolutional_barycenter_f64");
        report = r.report;
    }
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal((double)report.iterations));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(report.error));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* `sizes` holds the k cloud sizes as doubles (whole numbers, checked in R); y stacks the
 * clouds' points (rows). */
SEXP otc_r_free_support_barycenter(SEXP y, SEXP b, SEXP sizes, SEXP lambda, SEXP x0, SEXP a,
                                   SEXP options) {
    static const char *names[] = {"x", "objective", "iterations", "error", "status"};
    SEXP out, x;
    size_t *sz;
    otc_status st;
    R_xlen_t k = XLENGTH(sizes);
    OTCR_STRUCT(otc_free_support_barycenter_problem_f64, pb);
    OTCR_STRUCT(otc_free_support_barycenter_outputs_f64, res);
    otc_free_support_barycenter_options opts;
    pb.y = rview(y, "y");
    pb.x0 = rview(x0, "x0");
    pb.b = dvec(b, (R_xlen_t)pb.y.rows, "b", 0);
    pb.a = dvec(a, (R_xlen_t)pb.x0.rows, "a", 0);
    pb.lambda = dvec(lambda, k, "lambda", 0);
    sz = (size_t *)R_alloc((size_t)(k > 0 ? k : 1), sizeof(size_t));
    for (R_xlen_t i = 0; i < k; i++) sz[i] = (size_t)REAL(sizes)[i];
    pb.sizes = sz;
    pb.k = (size_t)k;
    OTCR_DEFAULT_OPTIONS(free_support_barycenter, opts);
    opts.callback = otcr_interrupt_callback;
    opts.callback_every = 1;
    OTCR_SET_OPTIONS(free_support_barycenter, opts, options);
    x = PROTECT(Rf_allocMatrix(REALSXP, (int)pb.x0.rows, (int)pb.x0.cols));
    res.x = wview(x);
    st = otc_free_support_barycenter_f64(&pb, &res, &opts, OTCR_NO_WORK);
    check_status(st, "otc_free_support_barycenter_f64");
    out = PROTECT(named_list(5, names));
    SET_VECTOR_ELT(out, 0, x);
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(res.objective));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)res.report.iterations));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(res.report.error));
    SET_VECTOR_ELT(out, 4, Rf_ScalarInteger(st));
    UNPROTECT(2);
    return out;
}

/* ---- Gradient flows, one step per call ----------------------------------------------------- */

/* One Wasserstein flow step of the particles x (rows, weights a) toward y (b); init_potentials
 * NULL or 3(n + m) values. Ctrl-C stops a solve. */
SEXP otc_r_wasserstein_flow_step(SEXP x, SEXP a, SEXP y, SEXP b, SEXP init, SEXP options) {
    static const char *names[] = {"x", "divergence", "potentials", "iterations", "error", "status"};
    SEXP out, xn, pots;
    otc_status st;
    OTCR_STRUCT(otc_wasserstein_flow_step_problem_f64, pb);
    OTCR_STRUCT(otc_wasserstein_flow_step_outputs_f64, res);
    otc_wasserstein_flow_step_options opts;
    R_xlen_t np;
    pb.x = rview(x, "x");
    pb.y = rview(y, "y");
    pb.a = dvec(a, (R_xlen_t)pb.x.rows, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.y.rows, "b", 0);
    np = 3 * (R_xlen_t)(pb.x.rows + pb.y.rows);
    pb.init_potentials = dvec(init, np, "init_potentials", 1);
    OTCR_DEFAULT_OPTIONS(wasserstein_flow_step, opts);
    opts.callback = otcr_interrupt_callback;
    opts.callback_every = interrupt_every((double)pb.x.rows * (double)(pb.x.rows + pb.y.rows) *
                                          (double)pb.x.cols);
    OTCR_SET_OPTIONS(wasserstein_flow_step, opts, options);
    xn = PROTECT(Rf_allocMatrix(REALSXP, (int)pb.x.rows, (int)pb.x.cols));
    pots = PROTECT(Rf_allocVector(REALSXP, np));
    res.x = wview(xn);
    res.potentials = REAL(pots);
    st = otc_wasserstein_flow_step_f64(&pb, &res, &opts, OTCR_NO_WORK);
    check_status(st, "otc_wasserstein_flow_step_f64");
    out = PROTECT(named_list(6, names));
    SET_VECTOR_ELT(out, 0, xn);
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(res.divergence));
    SET_VECTOR_ELT(out, 2, pots);
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal((double)res.report.iterations));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(res.report.error));
    SET_VECTOR_ELT(out, 5, Rf_ScalarInteger(st));
    UNPROTECT(3);
    return out;
}

/* One MMD flow step; target_term NULL or one number (a previous step's). */
SEXP otc_r_mmd_flow_step(SEXP x, SEXP a, SEXP y, SEXP b, SEXP target, SEXP options) {
    static const char *names[] = {"x", "mmd_squared", "target_term", "status"};
    SEXP out, xn;
    otc_status st;
    OTCR_STRUCT(otc_mmd_flow_step_problem_f64, pb);
    OTCR_STRUCT(otc_mmd_flow_step_outputs_f64, res);
    pb.x = rview(x, "x");
    pb.y = rview(y, "y");
    pb.a = dvec(a, (R_xlen_t)pb.x.rows, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.y.rows, "b", 0);
    pb.target_term = dvec(target, 1, "target_term", 1);
    OTCR_OPTIONS(mmd_flow_step, opts, options);
    xn = PROTECT(Rf_allocMatrix(REALSXP, (int)pb.x.rows, (int)pb.x.cols));
    res.x = wview(xn);
    st = otc_mmd_flow_step_f64(&pb, &res, &opts, OTCR_NO_WORK);
    check_status(st, "otc_mmd_flow_step_f64");
    out = PROTECT(named_list(4, names));
    SET_VECTOR_ELT(out, 0, xn);
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(res.mmd_squared));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(res.target_term));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(2);
    return out;
}

/* One entropic JKO step of rho (h·w values, pixel (r, c) at r·w + c); potential NULL or h·w
 * values; init_dual NULL (cold start) or a previous step's dual (h·w values). Ctrl-C stops
 * the iterations. */
SEXP otc_r_jko_step(SEXP rho, SEXP h, SEXP w, SEXP potential, SEXP init_dual, SEXP options) {
    static const char *names[] = {"rho", "dual", "iterations", "error", "status"};
    SEXP out, next, dual;
    otc_status st;
    R_xlen_t n;
    OTCR_STRUCT(otc_jko_step_problem_f64, pb);
    OTCR_STRUCT(otc_jko_step_outputs_f64, res);
    otc_jko_step_options opts;
    pb.height = (size_t)Rf_asInteger(h);
    pb.width = (size_t)Rf_asInteger(w);
    n = (R_xlen_t)(pb.height * pb.width);
    pb.rho = dvec(rho, n, "rho", 0);
    pb.potential = dvec(potential, n, "potential", 1);
    pb.init_dual = dvec(init_dual, n, "init_dual", 1);
    OTCR_DEFAULT_OPTIONS(jko_step, opts);
    opts.callback = otcr_interrupt_callback;
    opts.callback_every = interrupt_every(2.0 * (double)n * (double)(pb.height + pb.width));
    OTCR_SET_OPTIONS(jko_step, opts, options);
    next = PROTECT(Rf_allocVector(REALSXP, n));
    dual = PROTECT(Rf_allocVector(REALSXP, n));
    res.rho_next = REAL(next);
    res.dual = REAL(dual);
    st = otc_jko_step_f64(&pb, &res, &opts, OTCR_NO_WORK);
    check_status(st, "otc_jko_step_f64");
    out = PROTECT(named_list(5, names));
    SET_VECTOR_ELT(out, 0, next);
    SET_VECTOR_ELT(out, 1, dual);
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)res.report.iterations));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(res.report.error));
    SET_VECTOR_ELT(out, 4, Rf_ScalarInteger(st));
    UNPROTECT(3);
    return out;
}

/* ---- 1-D, sliced and batched exact OT ---------------------------------------------------- */

SEXP otc_r_wasserstein_1d(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP options) {
    otc_wasserstein_1d_problem_f64 pb;
    otc_wasserstein_1d_outputs_f64 res;
    otc_wasserstein_1d_options opts;
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.n = (size_t)XLENGTH(x);
    pb.m = (size_t)XLENGTH(y);
    pb.x = dvec(x, (R_xlen_t)pb.n, "x", 0);
    pb.y = dvec(y, (R_xlen_t)pb.m, "y", 0);
    pb.a = dvec(a, (R_xlen_t)pb.n, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.m, "b", 0);
    pb.p = Rf_asReal(p);
    OTCR_DEFAULT_OPTIONS(wasserstein_1d, opts);
    OTCR_SET_OPTIONS(wasserstein_1d, opts, options);
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    check_status(otc_wasserstein_1d_f64(&pb, &res, &opts, OTCR_NO_WORK), "otc_wasserstein_1d_f64");
    return Rf_ScalarReal(res.wp_p);
}

SEXP otc_r_quantile_1d(SEXP x, SEXP a, SEXP levels, SEXP options) {
    SEXP q;
    OTCR_STRUCT(otc_quantile_1d_problem_f64, pb);
    OTCR_STRUCT(otc_quantile_1d_outputs_f64, res);
    pb.n = (size_t)XLENGTH(x);
    pb.num_levels = (size_t)XLENGTH(levels);
    pb.x = dvec(x, (R_xlen_t)pb.n, "x", 0);
    pb.a = dvec(a, (R_xlen_t)pb.n, "a", 0);
    pb.levels = dvec(levels, (R_xlen_t)pb.num_levels, "levels", 0);
    OTCR_OPTIONS(quantile_1d, opts, options);
    q = PROTECT(Rf_allocVector(REALSXP, XLENGTH(levels)));
    res.quantiles = REAL(q);
    check_status(otc_quantile_1d_f64(&pb, &res, &opts, OTCR_NO_WORK), "otc_quantile_1d_f64");
    UNPROTECT(1);
    return q;
}

/* `sizes` holds the k measure sizes as doubles (whole numbers, checked in R). */
SEXP otc_r_barycenter_1d(SEXP x, SEXP a, SEXP sizes, SEXP lambda, SEXP p, SEXP options) {
    static const char *names[] = {"points", "weights"};
    SEXP out, points, weights;
    size_t *sz, room;
    R_xlen_t k = XLENGTH(sizes);
    OTCR_STRUCT(otc_barycenter_1d_problem_f64, pb);
    OTCR_STRUCT(otc_barycenter_1d_outputs_f64, res);
    pb.n = (size_t)XLENGTH(x);
    pb.k = (size_t)k;
    pb.x = dvec(x, (R_xlen_t)pb.n, "x", 0);
    pb.a = dvec(a, (R_xlen_t)pb.n, "a", 0);
    pb.lambda = dvec(lambda, k, "lambda", 0);
    sz = (size_t *)R_alloc((size_t)(k > 0 ? k : 1), sizeof(size_t));
    for (R_xlen_t i = 0; i < k; i++) sz[i] = (size_t)REAL(sizes)[i];
    pb.sizes = sz;
    pb.p = Rf_asReal(p);
    OTCR_OPTIONS(barycenter_1d, opts, options);
    room = pb.k >= 1 && pb.k <= pb.n ? pb.n - pb.k + 1 : 1;
    points = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)room));
    weights = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)room));
    res.points = REAL(points);
    res.weights = REAL(weights);
    check_status(otc_barycenter_1d_f64(&pb, &res, &opts, OTCR_NO_WORK), "otc_barycenter_1d_f64");
    out = PROTECT(named_list(2, names));
    SET_VECTOR_ELT(out, 0, Rf_xlengthgets(points, (R_xlen_t)res.nnz));
    SET_VECTOR_ELT(out, 1, Rf_xlengthgets(weights, (R_xlen_t)res.nnz));
    UNPROTECT(3);
    return out;
}

SEXP otc_r_sliced_wasserstein(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP directions,
                              SEXP options) {
    otc_sliced_wasserstein_problem_f64 pb;
    otc_sliced_wasserstein_outputs_f64 res;
    otc_sliced_wasserstein_options opts;
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.x = rview(x, "x");
    pb.y = rview(y, "y");
    pb.a = dvec(a, (R_xlen_t)pb.x.rows, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.y.rows, "b", 0);
    pb.p = Rf_asReal(p);
    if (!Rf_isNull(directions)) pb.directions = rview(directions, "directions");
    OTCR_DEFAULT_OPTIONS(sliced_wasserstein, opts);
    OTCR_SET_OPTIONS(sliced_wasserstein, opts, options);
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    check_status(otc_sliced_wasserstein_f64(&pb, &res, &opts, OTCR_NO_WORK), "otc_sliced_wasserstein_f64");
    return Rf_ScalarReal(res.swp_p);
}

/* a: n×k (column l = problem l's weights), b: m×k, costs: a list of k n×m matrices. */
SEXP otc_r_emd_batch(SEXP a, SEXP b, SEXP costs, SEXP options) {
    otc_matrix_f64 va = rview(a, "a"), vb = rview(b, "b");
    R_xlen_t k = (R_xlen_t)va.cols;
    otc_emd_batch_problem_f64 pb;
    otc_emd_batch_outputs_f64 res;
    otc_emd_batch_options opts;
    const char *names[] = {"costs", "gaps", "iterations", "f", "g", "cost", "status"};
    SEXP out = PROTECT(named_list(7, names)), c, gaps, its, f, g;
    uint64_t *iters = (uint64_t *)R_alloc((size_t)(k > 0 ? k : 1), sizeof *iters);
    otc_status st;
    if ((R_xlen_t)vb.cols != k) Rf_error("a and b must have one column per problem");
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.count = (size_t)k;
    pb.n = va.rows;
    pb.m = vb.rows;
    pb.a = va.data;
    pb.b = vb.data;
    pb.costs = matrix_views(costs, k, "costs");
    OTCR_DEFAULT_OPTIONS(emd_batch, opts);
    opts.callback = otcr_interrupt_callback; /* Ctrl-C stops the batch */
    opts.callback_every = 1;
    OTCR_SET_OPTIONS(emd_batch, opts, options);
    c = Rf_allocVector(REALSXP, k);
    SET_VECTOR_ELT(out, 0, c);
    gaps = Rf_allocVector(REALSXP, k);
    SET_VECTOR_ELT(out, 1, gaps);
    its = Rf_allocVector(REALSXP, k);
    SET_VECTOR_ELT(out, 2, its);
    f = Rf_allocMatrix(REALSXP, (int)va.rows, (int)k);
    SET_VECTOR_ELT(out, 3, f);
    g = Rf_allocMatrix(REALSXP, (int)vb.rows, (int)k);
    SET_VECTOR_ELT(out, 4, g);
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    res.problem_costs = REAL(c);
    res.problem_gaps = REAL(gaps);
    res.problem_iterations = iters;
    res.f = REAL(f);
    res.g = REAL(g);
    st = otc_emd_batch_f64(&pb, &res, &opts, OTCR_NO_WORK);
    check_status(st, "otc_emd_batch_f64");
    for (R_xlen_t l = 0; l < k; l++) REAL(its)[l] = (double)iters[l];
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(res.cost));
    SET_VECTOR_ELT(out, 6, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- What a plan gives: position gradient, displacement interpolation --------------------- */

SEXP otc_r_plan_position_gradient(SEXP x, SEXP y, SEXP plan, SEXP options) {
    static const char *names[] = {"gx", "gy"};
    SEXP out, gx, gy;
    OTCR_STRUCT(otc_plan_position_gradient_problem_f64, pb);
    OTCR_STRUCT(otc_plan_position_gradient_outputs_f64, res);
    otc_plan_position_gradient_options opts;
    pb.x = rview(x, "x");
    pb.y = rview(y, "y");
    pb.plan = rview(plan, "plan");
    OTCR_DEFAULT_OPTIONS(plan_position_gradient, opts);
    OTCR_SET_OPTIONS(plan_position_gradient, opts, options);
    gx = PROTECT(Rf_allocMatrix(REALSXP, (int)pb.x.rows, (int)pb.x.cols));
    gy = PROTECT(Rf_allocMatrix(REALSXP, (int)pb.y.rows, (int)pb.y.cols));
    res.gx = wview(gx);
    res.gy = wview(gy);
    check_status(otc_plan_position_gradient_f64(&pb, &res, &opts, OTCR_NO_WORK),
                 "otc_plan_position_gradient_f64");
    out = PROTECT(named_list(2, names));
    SET_VECTOR_ELT(out, 0, gx);
    SET_VECTOR_ELT(out, 1, gy);
    UNPROTECT(3);
    return out;
}

SEXP otc_r_displacement_interpolation(SEXP x, SEXP y, SEXP plan, SEXP t, SEXP options) {
    static const char *names[] = {"points", "weights"};
    SEXP out, points, weights;
    OTCR_STRUCT(otc_displacement_interpolation_problem_f64, pb);
    OTCR_STRUCT(otc_displacement_interpolation_outputs_f64, res);
    otc_displacement_interpolation_options opts;
    double count;
    pb.x = rview(x, "x");
    pb.y = rview(y, "y");
    pb.plan = rview(plan, "plan");
    pb.t = Rf_asReal(t);
    OTCR_DEFAULT_OPTIONS(displacement_interpolation, opts);
    OTCR_SET_OPTIONS(displacement_interpolation, opts, options);
    count = (double)pb.plan.rows * (double)pb.plan.cols;
    if (count > INT_MAX) Rf_error("displacement_interpolation: the plan has more than 2^31 - 1 entries");
    points = PROTECT(Rf_allocMatrix(REALSXP, (int)count, (int)pb.x.cols));
    weights = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)count));
    res.points = wview(points);
    res.weights = REAL(weights);
    check_status(otc_displacement_interpolation_f64(&pb, &res, &opts, OTCR_NO_WORK),
                 "otc_displacement_interpolation_f64");
    out = PROTECT(named_list(2, names));
    SET_VECTOR_ELT(out, 0, points);
    SET_VECTOR_ELT(out, 1, weights);
    UNPROTECT(3);
    return out;
}

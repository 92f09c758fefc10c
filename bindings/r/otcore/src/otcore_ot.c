/* .Call glue for exact OT, Sinkhorn, Gaussians, semi-discrete OT and barycenters. The R
 * functions (R/ot.R) have already coerced and checked types and lengths; here every array is
 * checked again for its type and size before its pointer is used, outputs are allocated
 * before the otcore call, and an error status becomes an R error after the call returns (no
 * R error ever unwinds through otcore). Warnings come back as the "status" element. */
#include <math.h>
#include <string.h>
#include <R.h>
#include <Rinternals.h>
#include "otcore.h"
#include "otcore_r.h"

/* A double matrix (or vector, as a column) as a read-only column-major view. */
static otc_matrix_f64 rview(SEXP a, const char *what) {
    otc_matrix_f64 v;
    if (!Rf_isReal(a)) Rf_error("%s must be a double matrix", what);
    v.data = REAL(a);
    v.rows = (size_t)(Rf_isMatrix(a) ? Rf_nrows(a) : XLENGTH(a));
    v.cols = (size_t)(Rf_isMatrix(a) ? Rf_ncols(a) : 1);
    v.row_stride = 1;
    v.col_stride = (ptrdiff_t)v.rows;
    return v;
}

static otc_matrix_mut_f64 wview(SEXP a) {
    otc_matrix_mut_f64 v;
    v.data = REAL(a);
    v.rows = (size_t)Rf_nrows(a);
    v.cols = (size_t)Rf_ncols(a);
    v.row_stride = 1;
    v.col_stride = (ptrdiff_t)v.rows;
    return v;
}

static otc_matrix_mut_f64 no_output(void) {
    otc_matrix_mut_f64 v;
    memset(&v, 0, sizeof v);
    return v;
}

/* A double vector of length n (NULL for R's NULL when optional). */
static const double *dvec(SEXP v, R_xlen_t n, const char *what, int optional) {
    if (optional && Rf_isNull(v)) return NULL;
    if (!Rf_isReal(v) || XLENGTH(v) != n) {
        Rf_error("%s must be a double vector of length %lld", what, (long long)n);
    }
    return REAL(v);
}

static SEXP named_list(int n, const char **names) {
    SEXP out = PROTECT(Rf_allocVector(VECSXP, n));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++) SET_STRING_ELT(nm, i, Rf_mkChar(names[i]));
    Rf_setAttrib(out, R_NamesSymbol, nm);
    UNPROTECT(2);
    return out;
}

static int opt_int(SEXP v) { return Rf_isNull(v) ? NA_INTEGER : Rf_asInteger(v); }
static double opt_real(SEXP v) { return Rf_isNull(v) ? NA_REAL : Rf_asReal(v); }

/* ---- exact OT ---------------------------------------------------------------------------- */

SEXP otc_r_emd(SEXP a, SEXP b, SEXP cost, SEXP threads, SEXP max_iter, SEXP warm_f,
               SEXP warm_g) {
    otc_matrix_f64 c = rview(cost, "C");
    R_xlen_t n = (R_xlen_t)c.rows, m = (R_xlen_t)c.cols;
    const double *pa = dvec(a, n, "a", 0), *pb = dvec(b, m, "b", 0);
    const double *wf = dvec(warm_f, n, "warm_f", 1), *wg = dvec(warm_g, m, "warm_g", 1);
    otc_emd_options opts;
    otc_emd_result res;
    otc_status st;
    const char *names[] = {"cost", "plan", "f", "g", "gap", "iterations", "status"};
    SEXP out, plan, f, g;
    check_status(otc_emd_options_default(&opts), "otc_emd_options_default");
    opts.num_threads = (uint32_t)Rf_asInteger(threads);
    if (opt_int(max_iter) != NA_INTEGER) opts.max_iter = (uint64_t)Rf_asInteger(max_iter);
    out = PROTECT(named_list(7, names));
    plan = Rf_allocMatrix(REALSXP, (int)n, (int)m);
    SET_VECTOR_ELT(out, 1, plan);
    f = Rf_allocVector(REALSXP, n);
    SET_VECTOR_ELT(out, 2, f);
    g = Rf_allocVector(REALSXP, m);
    SET_VECTOR_ELT(out, 3, g);
    st = otc_emd(pa, (size_t)n, pb, (size_t)m, c, wf, wg, &res, REAL(f), REAL(g), NULL, NULL,
                 NULL, wview(plan), &opts, NULL, 0);
    check_status(st, "otc_emd");
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(res.cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(res.gap));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)res.iterations));
    SET_VECTOR_ELT(out, 6, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- Sinkhorn ---------------------------------------------------------------------------- */

/* Options from the defaults; NA/NULL arguments keep them. `extra` = (tol, max_iter, rho). */
static otc_sinkhorn_options sinkhorn_opts(SEXP eps, SEXP threads, SEXP tol, SEXP max_iter,
                                          SEXP rho) {
    otc_sinkhorn_options o;
    check_status(otc_sinkhorn_options_default(&o), "otc_sinkhorn_options_default");
    o.epsilon = Rf_asReal(eps);
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    if (!ISNA(opt_real(tol))) o.tolerance = Rf_asReal(tol);
    if (opt_int(max_iter) != NA_INTEGER) o.max_iter = (uint32_t)Rf_asInteger(max_iter);
    if (!ISNA(opt_real(rho))) o.rho_a = o.rho_b = Rf_asReal(rho);
    return o;
}

static void set_info(SEXP out, int at, const otc_sinkhorn_info *i, otc_status st) {
    SET_VECTOR_ELT(out, at, Rf_ScalarReal(i->transport_cost));
    SET_VECTOR_ELT(out, at + 1, Rf_ScalarReal(i->dual));
    SET_VECTOR_ELT(out, at + 2, Rf_ScalarReal(i->marginal_error));
    SET_VECTOR_ELT(out, at + 3, Rf_ScalarInteger((int)i->iterations));
    SET_VECTOR_ELT(out, at + 4, Rf_ScalarLogical(i->converged != 0));
    SET_VECTOR_ELT(out, at + 5, Rf_ScalarInteger(st));
}

SEXP otc_r_sinkhorn(SEXP a, SEXP b, SEXP cost, SEXP eps, SEXP threads, SEXP tol,
                    SEXP max_iter, SEXP rho) {
    otc_matrix_f64 c = rview(cost, "C");
    R_xlen_t n = (R_xlen_t)c.rows, m = (R_xlen_t)c.cols;
    const double *pa = dvec(a, n, "a", 0), *pb = dvec(b, m, "b", 0);
    otc_sinkhorn_options o = sinkhorn_opts(eps, threads, tol, max_iter, rho);
    otc_sinkhorn_info info;
    otc_matrix_mut_f64 pv;
    otc_status st;
    const char *names[] = {"plan", "f", "g", "cost", "dual", "marginal_error", "iterations",
                           "converged", "status"};
    SEXP out = PROTECT(named_list(9, names));
    SEXP plan = Rf_allocMatrix(REALSXP, (int)n, (int)m), f, g;
    SET_VECTOR_ELT(out, 0, plan);
    f = Rf_allocVector(REALSXP, n);
    SET_VECTOR_ELT(out, 1, f);
    g = Rf_allocVector(REALSXP, m);
    SET_VECTOR_ELT(out, 2, g);
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    pv = wview(plan);
    st = otc_sinkhorn_f64(c, pa, pb, &o, NULL, NULL, REAL(f), REAL(g), &pv, &info, NULL, 0);
    check_status(st, "otc_sinkhorn_f64");
    set_info(out, 3, &info, st);
    UNPROTECT(1);
    return out;
}

SEXP otc_r_sinkhorn_points(SEXP x, SEXP y, SEXP a, SEXP b, SEXP eps, SEXP threads, SEXP tol,
                           SEXP max_iter, SEXP rho) {
    otc_matrix_f64 vx = rview(x, "x"), vy = rview(y, "y");
    R_xlen_t n = (R_xlen_t)vx.rows, m = (R_xlen_t)vy.rows;
    const double *pa = dvec(a, n, "a", 0), *pb = dvec(b, m, "b", 0);
    otc_sinkhorn_options o = sinkhorn_opts(eps, threads, tol, max_iter, rho);
    otc_sinkhorn_info info;
    otc_matrix_mut_f64 mv;
    otc_status st;
    const char *names[] = {"map", "f", "g", "cost", "dual", "marginal_error", "iterations",
                           "converged", "status"};
    SEXP out = PROTECT(named_list(9, names));
    SEXP map = Rf_allocMatrix(REALSXP, (int)n, (int)vx.cols), f, g;
    SET_VECTOR_ELT(out, 0, map);
    f = Rf_allocVector(REALSXP, n);
    SET_VECTOR_ELT(out, 1, f);
    g = Rf_allocVector(REALSXP, m);
    SET_VECTOR_ELT(out, 2, g);
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    mv = wview(map);
    st = otc_sinkhorn_points_f64(vx, vy, pa, pb, &o, NULL, NULL, REAL(f), REAL(g), NULL, &mv,
                                 &info, NULL, 0);
    check_status(st, "otc_sinkhorn_points_f64");
    set_info(out, 3, &info, st);
    UNPROTECT(1);
    return out;
}

SEXP otc_r_sinkhorn_divergence(SEXP a, SEXP b, SEXP cxy, SEXP cxx, SEXP cyy, SEXP eps,
                               SEXP threads) {
    otc_matrix_f64 c = rview(cxy, "Cxy"), c1 = rview(cxx, "Cxx"), c2 = rview(cyy, "Cyy");
    const double *pa = dvec(a, (R_xlen_t)c.rows, "a", 0);
    const double *pb = dvec(b, (R_xlen_t)c.cols, "b", 0);
    otc_sinkhorn_options o = sinkhorn_opts(eps, threads, R_NilValue, R_NilValue, R_NilValue);
    double value = 0.0;
    check_status(otc_sinkhorn_divergence_f64(c, c1, c2, pa, pb, &o, &value, NULL, NULL, 0),
                 "otc_sinkhorn_divergence_f64");
    return Rf_ScalarReal(value);
}

SEXP otc_r_sinkhorn_divergence_points(SEXP x, SEXP y, SEXP a, SEXP b, SEXP eps, SEXP threads) {
    otc_matrix_f64 vx = rview(x, "x"), vy = rview(y, "y");
    const double *pa = dvec(a, (R_xlen_t)vx.rows, "a", 0);
    const double *pb = dvec(b, (R_xlen_t)vy.rows, "b", 0);
    otc_sinkhorn_options o = sinkhorn_opts(eps, threads, R_NilValue, R_NilValue, R_NilValue);
    double value = 0.0;
    check_status(otc_sinkhorn_divergence_points_f64(vx, vy, pa, pb, &o, &value, NULL, NULL, 0),
                 "otc_sinkhorn_divergence_points_f64");
    return Rf_ScalarReal(value);
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

/* An option field of a C options struct, by its C name: a double or a count. */
typedef struct {
    const char *name;
    double *real;
    uint32_t *count;
} block_option;

/* Sets the fields named in the R list `options` (names are the C fields); an unknown name,
 * or a count that is NA or negative, is an R error. */
static void apply_block_options(SEXP options, const block_option *fields, int n_fields,
                                const char *what) {
    SEXP names = Rf_getAttrib(options, R_NamesSymbol);
    R_xlen_t k;
    if (!Rf_isNewList(options)) Rf_error("%s must be a list", what);
    for (k = 0; k < XLENGTH(options); k++) {
        const char *name = Rf_isNull(names) ? "" : CHAR(STRING_ELT(names, k));
        SEXP v = VECTOR_ELT(options, k);
        int i = 0;
        while (i < n_fields && strcmp(fields[i].name, name) != 0) i++;
        if (i == n_fields) Rf_error("%s: unknown option '%s'", what, name);
        if (fields[i].real != NULL) {
            *fields[i].real = Rf_asReal(v);
        } else {
            int c = Rf_asInteger(v);
            if (c == NA_INTEGER || c < 0) Rf_error("%s: %s must be a count >= 0", what, name);
            *fields[i].count = (uint32_t)c;
        }
    }
}

/* One block step (otc_sinkhorn_block_step_f64): the cost given as C_block (rows x m) or as
 * points x_block (rows x d) and y (m x d), the other NULL. Returns f (the new potentials),
 * pairs (2 x m, or NULL) and marginal_error. */
SEXP otc_r_sinkhorn_block_step(SEXP f_block, SEXP cost, SEXP x, SEXP y, SEXP a_block, SEXP b,
                               SEXP g, SEXP want_pairs, SEXP options) {
    const char *names[] = {"f", "pairs", "marginal_error"};
    otc_sinkhorn_block_step_problem_f64 p;
    otc_sinkhorn_block_step_outputs_f64 out;
    otc_sinkhorn_block_step_options o;
    block_option fields[4];
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
    check_status(otc_sinkhorn_block_step_options_default(&o),
                 "otc_sinkhorn_block_step_options_default");
    fields[0] = (block_option){"num_threads", NULL, &o.num_threads};
    fields[1] = (block_option){"epsilon", &o.epsilon, NULL};
    fields[2] = (block_option){"rho_a", &o.rho_a, NULL};
    fields[3] = (block_option){"rho_b", &o.rho_b, NULL};
    apply_block_options(options, fields, 4, "options");
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
    check_status(otc_sinkhorn_block_step_f64(&p, &out, &o, (otc_workspace){NULL, 0}),
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
    block_option fields[3];
    SEXP g;
    p.struct_size = sizeof p;
    p.pairs = pair_matrix(pairs, m, "pairs");
    p.m = (size_t)m;
    check_status(otc_sinkhorn_block_column_update_options_default(&o),
                 "otc_sinkhorn_block_column_update_options_default");
    fields[0] = (block_option){"num_threads", NULL, &o.num_threads};
    fields[1] = (block_option){"epsilon", &o.epsilon, NULL};
    fields[2] = (block_option){"rho_b", &o.rho_b, NULL};
    apply_block_options(options, fields, 3, "options");
    g = PROTECT(Rf_allocVector(REALSXP, m));
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.g = REAL(g);
    check_status(otc_sinkhorn_block_column_update_f64(&p, &out, &o, (otc_workspace){NULL, 0}),
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

static otc_gaussian_options gaussian_opts(SEXP threads) {
    otc_gaussian_options o;
    check_status(otc_gaussian_options_default(&o), "otc_gaussian_options_default");
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    return o;
}

static size_t square(SEXP s, const char *what) {
    otc_matrix_f64 v = rview(s, what);
    if (!Rf_isMatrix(s) || v.rows != v.cols) Rf_error("%s must be a square matrix", what);
    return v.rows;
}

SEXP otc_r_bures(SEXP s1, SEXP s2, SEXP threads) {
    otc_gaussian_options o = gaussian_opts(threads);
    double out = 0.0;
    check_status(otc_bures_distance(rview(s1, "S1"), rview(s2, "S2"), &o, NULL, 0, &out),
                 "otc_bures_distance");
    return Rf_ScalarReal(out);
}

SEXP otc_r_gaussian_w2(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP eps, SEXP threads) {
    size_t d = square(s1, "S1");
    const double *p1 = dvec(m1, (R_xlen_t)d, "m1", 0), *p2 = dvec(m2, (R_xlen_t)d, "m2", 0);
    otc_gaussian_options o = gaussian_opts(threads);
    double out = 0.0;
    if (Rf_isNull(eps)) {
        check_status(otc_gaussian_w2(d, p1, rview(s1, "S1"), p2, rview(s2, "S2"), &o, NULL, 0,
                                     &out), "otc_gaussian_w2");
    } else {
        check_status(otc_gaussian_entropic_w2(d, p1, rview(s1, "S1"), p2, rview(s2, "S2"),
                                              Rf_asReal(eps), &o, NULL, 0, &out),
                     "otc_gaussian_entropic_w2");
    }
    return Rf_ScalarReal(out);
}

/* A list of k covariance matrices as views (R_alloc'd: freed when .Call returns). */
static otc_matrix_f64 *cov_views(SEXP covs, R_xlen_t k, const char *what) {
    otc_matrix_f64 *v;
    if (!Rf_isNewList(covs) || XLENGTH(covs) != k) {
        Rf_error("%s must be a list of %lld matrices", what, (long long)k);
    }
    v = (otc_matrix_f64 *)R_alloc((size_t)(k > 0 ? k : 1), sizeof *v);
    for (R_xlen_t i = 0; i < k; i++) v[i] = rview(VECTOR_ELT(covs, i), what);
    return v;
}

SEXP otc_r_gaussian_w2_pairwise(SEXP means1, SEXP covs1, SEXP means2, SEXP covs2,
                                SEXP threads) {
    otc_matrix_f64 v1 = rview(means1, "means1"), v2 = rview(means2, "means2");
    otc_matrix_f64 *c1 = cov_views(covs1, (R_xlen_t)v1.rows, "covs1");
    otc_matrix_f64 *c2 = cov_views(covs2, (R_xlen_t)v2.rows, "covs2");
    otc_gaussian_options o = gaussian_opts(threads);
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)v1.rows, (int)v2.rows));
    otc_status st = otc_gaussian_w2_pairwise(v1, c1, v2, c2, &o, NULL, 0, wview(out));
    UNPROTECT(1);
    check_status(st, "otc_gaussian_w2_pairwise");
    return out;
}

SEXP otc_r_gaussian_map(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP threads) {
    size_t d = square(s1, "S1");
    const double *p1 = dvec(m1, (R_xlen_t)d, "m1", 0), *p2 = dvec(m2, (R_xlen_t)d, "m2", 0);
    otc_gaussian_options o = gaussian_opts(threads);
    const char *names[] = {"A", "b", "status"};
    SEXP out = PROTECT(named_list(3, names)), a, b;
    otc_status st;
    a = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 0, a);
    b = Rf_allocVector(REALSXP, (R_xlen_t)d);
    SET_VECTOR_ELT(out, 1, b);
    st = otc_gaussian_map(p1, rview(s1, "S1"), p2, rview(s2, "S2"), &o, NULL, 0, wview(a),
                          REAL(b));
    check_status(st, "otc_gaussian_map");
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_map_apply(SEXP a, SEXP b, SEXP x, SEXP threads) {
    otc_matrix_f64 va = rview(a, "A"), vx = rview(x, "x");
    const double *pb = dvec(b, (R_xlen_t)va.rows, "b", 1);
    otc_gaussian_options o = gaussian_opts(threads);
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)vx.rows, (int)va.rows));
    otc_status st = otc_gaussian_map_apply(va, pb, vx, &o, wview(out));
    UNPROTECT(1);
    check_status(st, "otc_gaussian_map_apply");
    return out;
}

SEXP otc_r_gaussian_geodesic(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP t, SEXP threads) {
    size_t d = square(s1, "S1");
    const double *p1 = dvec(m1, (R_xlen_t)d, "m1", 0), *p2 = dvec(m2, (R_xlen_t)d, "m2", 0);
    otc_gaussian_options o = gaussian_opts(threads);
    const char *names[] = {"mean", "cov", "status"};
    SEXP out = PROTECT(named_list(3, names)), mean, cov;
    otc_status st;
    mean = Rf_allocVector(REALSXP, (R_xlen_t)d);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 1, cov);
    st = otc_gaussian_geodesic(p1, rview(s1, "S1"), p2, rview(s2, "S2"), Rf_asReal(t), &o, NULL,
                               0, REAL(mean), wview(cov));
    check_status(st, "otc_gaussian_geodesic");
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_barycenter(SEXP means, SEXP covs, SEXP weights, SEXP threads) {
    otc_matrix_f64 vm = rview(means, "means");
    otc_matrix_f64 *cv = cov_views(covs, (R_xlen_t)vm.rows, "covs");
    const double *w = dvec(weights, (R_xlen_t)vm.rows, "weights", 1);
    otc_gaussian_options o = gaussian_opts(threads);
    const char *names[] = {"mean", "cov", "iterations", "status"};
    SEXP out = PROTECT(named_list(4, names)), mean, cov;
    uint32_t iters = 0;
    otc_status st;
    mean = Rf_allocVector(REALSXP, (R_xlen_t)vm.cols);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)vm.cols, (int)vm.cols);
    SET_VECTOR_ELT(out, 1, cov);
    st = otc_gaussian_barycenter(vm, cv, w, &o, NULL, 0, REAL(mean), wview(cov), &iters);
    check_status(st, "otc_gaussian_barycenter");
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger((int)iters));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_moments(SEXP x, SEXP weights, SEXP threads) {
    otc_matrix_f64 vx = rview(x, "x");
    const double *w = dvec(weights, (R_xlen_t)vx.rows, "weights", 1);
    otc_gaussian_options o = gaussian_opts(threads);
    const char *names[] = {"mean", "cov"};
    SEXP out = PROTECT(named_list(2, names)), mean, cov;
    mean = Rf_allocVector(REALSXP, (R_xlen_t)vx.cols);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)vx.cols, (int)vx.cols);
    SET_VECTOR_ELT(out, 1, cov);
    check_status(otc_gaussian_moments(vx, w, &o, NULL, 0, REAL(mean), wview(cov)),
                 "otc_gaussian_moments");
    UNPROTECT(1);
    return out;
}

SEXP otc_r_psd_sqrt(SEXP s, SEXP threads) {
    size_t d = square(s, "S");
    otc_gaussian_options o = gaussian_opts(threads);
    const char *names[] = {"sqrt", "inv_sqrt", "status"};
    SEXP out = PROTECT(named_list(3, names)), r, ri;
    otc_status st;
    r = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 0, r);
    ri = Rf_allocMatrix(REALSXP, (int)d, (int)d);
    SET_VECTOR_ELT(out, 1, ri);
    st = otc_psd_sqrt(rview(s, "S"), &o, NULL, 0, wview(r), wview(ri));
    check_status(st, "otc_psd_sqrt");
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- semi-discrete ----------------------------------------------------------------------- */

static otc_laguerre_options laguerre_opts(SEXP threads) {
    otc_laguerre_options o;
    check_status(otc_laguerre_options_default(&o), "otc_laguerre_options_default");
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    return o;
}

SEXP otc_r_laguerre_assign(SEXP points, SEXP sites, SEXP g, SEXP weights, SEXP threads) {
    otc_matrix_f64 vp = rview(points, "points"), vs = rview(sites, "sites");
    const double *pg = dvec(g, (R_xlen_t)vs.rows, "g", 0);
    const double *w = dvec(weights, (R_xlen_t)vp.rows, "weights", 1);
    otc_laguerre_options o = laguerre_opts(threads);
    const char *names[] = {"cells", "masses"};
    SEXP out = PROTECT(named_list(2, names)), cells, masses;
    uint32_t *c = (uint32_t *)R_alloc(vp.rows > 0 ? vp.rows : 1, sizeof *c);
    cells = Rf_allocVector(INTSXP, (R_xlen_t)vp.rows);
    SET_VECTOR_ELT(out, 0, cells);
    masses = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 1, masses);
    check_status(otc_laguerre_assign_f64(vp, w, vs, pg, &o, c, REAL(masses), NULL, 0),
                 "otc_laguerre_assign_f64");
    for (size_t i = 0; i < vp.rows; i++) INTEGER(cells)[i] = (int)c[i] + 1;
    UNPROTECT(1);
    return out;
}

SEXP otc_r_semidiscrete(SEXP points, SEXP sites, SEXP b, SEXP weights, SEXP g0, SEXP method,
                        SEXP max_iter, SEXP tol, SEXP threads) {
    otc_matrix_f64 vp = rview(points, "points"), vs = rview(sites, "sites");
    const double *pb = dvec(b, (R_xlen_t)vs.rows, "b", 0);
    const double *w = dvec(weights, (R_xlen_t)vp.rows, "weights", 1);
    const double *start = dvec(g0, (R_xlen_t)vs.rows, "g0", 1);
    otc_semidiscrete_options o;
    otc_semidiscrete_info info;
    const char *names[] = {"g", "masses", "iterations", "mass_error", "converged", "status"};
    SEXP out = PROTECT(named_list(6, names)), g, masses;
    otc_status st;
    check_status(otc_semidiscrete_options_default(&o), "otc_semidiscrete_options_default");
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    o.method = strcmp(CHAR(STRING_ELT(method, 0)), "gradient") == 0 ? OTC_SEMIDISCRETE_GRADIENT
                                                                    : OTC_SEMIDISCRETE_NEWTON;
    if (opt_int(max_iter) != NA_INTEGER) o.max_iter = Rf_asInteger(max_iter);
    if (!ISNA(opt_real(tol))) o.tol = Rf_asReal(tol);
    g = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 0, g);
    for (size_t j = 0; j < vs.rows; j++) REAL(g)[j] = start ? start[j] : 0.0;
    masses = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 1, masses);
    memset(&info, 0, sizeof info);
    st = otc_semidiscrete_f64(vp, w, vs, pb, &o, REAL(g), REAL(masses), &info, NULL, 0);
    check_status(st, "otc_semidiscrete_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)info.iterations));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(info.mass_error));
    SET_VECTOR_ELT(out, 4, Rf_ScalarLogical(info.converged != 0));
    SET_VECTOR_ELT(out, 5, Rf_ScalarInteger(st));
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

SEXP otc_r_semidiscrete_sgd(SEXP fn, SEXP env, SEXP sites, SEXP b, SEXP iterations,
                            SEXP batch, SEXP step) {
    otc_matrix_f64 vs = rview(sites, "sites");
    const double *pb = dvec(b, (R_xlen_t)vs.rows, "b", 0);
    otc_sgd_options o;
    struct sampler s;
    SEXP g;
    otc_status st;
    check_status(otc_sgd_options_default(&o), "otc_sgd_options_default");
    o.num_threads = 1; /* the sampler is R code: the calling thread only */
    if (opt_int(iterations) != NA_INTEGER) o.iterations = Rf_asInteger(iterations);
    if (opt_int(batch) != NA_INTEGER) o.batch = Rf_asInteger(batch);
    if (!ISNA(opt_real(step))) o.step = Rf_asReal(step);
    s.fn = fn;
    s.env = env;
    s.dim = vs.cols;
    g = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)vs.rows));
    st = otc_semidiscrete_sgd_f64(call_sampler, &s, vs, pb, &o, REAL(g), NULL, 0);
    UNPROTECT(1);
    check_status(st, "otc_semidiscrete_sgd_f64");
    return g;
}

SEXP otc_r_semidiscrete_sgd_samples(SEXP points, SEXP sites, SEXP b, SEXP weights, SEXP seed,
                                    SEXP iterations, SEXP batch, SEXP step, SEXP threads) {
    otc_matrix_f64 vp = rview(points, "points"), vs = rview(sites, "sites");
    const double *pb = dvec(b, (R_xlen_t)vs.rows, "b", 0);
    const double *w = dvec(weights, (R_xlen_t)vp.rows, "weights", 1);
    otc_sgd_options o;
    SEXP g;
    otc_status st;
    check_status(otc_sgd_options_default(&o), "otc_sgd_options_default");
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    if (opt_int(iterations) != NA_INTEGER) o.iterations = Rf_asInteger(iterations);
    if (opt_int(batch) != NA_INTEGER) o.batch = Rf_asInteger(batch);
    if (!ISNA(opt_real(step))) o.step = Rf_asReal(step);
    g = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)vs.rows));
    st = otc_semidiscrete_sgd_samples_f64(vp, w, vs, pb, (uint64_t)Rf_asReal(seed), &o, REAL(g),
                                          NULL, 0);
    UNPROTECT(1);
    check_status(st, "otc_semidiscrete_sgd_samples_f64");
    return g;
}

SEXP otc_r_lloyd(SEXP points, SEXP sites, SEXP weights, SEXP max_iter, SEXP tol,
                 SEXP threads) {
    otc_matrix_f64 vp = rview(points, "points");
    const double *w = dvec(weights, (R_xlen_t)vp.rows, "weights", 1);
    otc_laguerre_options o;
    const char *names[] = {"sites", "distortion", "status"};
    SEXP out = PROTECT(named_list(3, names)), moved;
    double distortion = 0.0;
    otc_status st;
    (void)rview(sites, "sites"); /* a double matrix: its copy is the output */
    o = laguerre_opts(threads);
    moved = Rf_duplicate(sites);
    SET_VECTOR_ELT(out, 0, moved);
    st = otc_lloyd_f64(vp, w, wview(moved), Rf_asInteger(max_iter), Rf_asReal(tol), &o,
                       &distortion, NULL, 0);
    check_status(st, "otc_lloyd_f64");
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(distortion));
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- barycenters ------------------------------------------------------------------------- */

static const char *const barycenter_fields[] = {"num_threads", "max_iter", "epsilon", "tol"};

/* Sets the fields named in the R list `options` (names checked by the caller) of either
 * barycenter options struct. */
#define SET_BARYCENTER_OPTIONS(o, options)                                                     \
    do {                                                                                       \
        SEXP v_;                                                                               \
        if (!Rf_isNull(v_ = option_value(options, "num_threads")))                             \
            (o).num_threads = (uint32_t)Rf_asReal(v_);                                         \
        if (!Rf_isNull(v_ = option_value(options, "max_iter"))) (o).max_iter = (uint64_t)Rf_asReal(v_); \
        if (!Rf_isNull(v_ = option_value(options, "epsilon"))) (o).epsilon = Rf_asReal(v_);   \
        if (!Rf_isNull(v_ = option_value(options, "tol"))) (o).tol = Rf_asReal(v_);           \
    } while (0)

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
    otc_workspace no_work = {NULL, 0};
    SEXP out, bar;
    otc_report report;
    otc_status st;
    int fixed = Rf_isNull(h);
    check_option_names(options,
                       fixed ? "otc_barycenter_options" : "otc_convolutional_barycenter_options",
                       barycenter_fields, 4);
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
        check_status(otc_barycenter_options_default(&o), "otc_barycenter_options_default");
        SET_BARYCENTER_OPTIONS(o, options);
        o.callback = otcr_interrupt_callback;
        o.callback_every = interrupt_every(2.0 * (double)vh.cols * (double)vh.rows * (double)vh.rows);
        st = otc_barycenter_f64(&p, &r, &o, no_work);
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
        check_status(otc_convolutional_barycenter_options_default(&o),
                     "otc_convolutional_barycenter_options_default");
        SET_BARYCENTER_OPTIONS(o, options);
        o.callback = otcr_interrupt_callback;
        o.callback_every = interrupt_every(0.1 * (double)vh.cols * (double)vh.rows *
                                           (double)(p.height + p.width));
        st = otc_convolutional_barycenter_f64(&p, &r, &o, no_work);
        check_status(st, "otc_convolutional_barycenter_f64");
        report = r.report;
    }
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal((double)report.iterations));
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(report.error));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- 1-D, sliced and batched exact OT ---------------------------------------------------- */

SEXP otc_r_wasserstein_1d(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p) {
    R_xlen_t n = XLENGTH(x), m = XLENGTH(y);
    const double *px = dvec(x, n, "x", 0), *py = dvec(y, m, "y", 0);
    const double *pa = dvec(a, n, "a", 0), *pb = dvec(b, m, "b", 0);
    double cost = 0.0;
    check_status(otc_wasserstein_1d(px, pa, (size_t)n, py, pb, (size_t)m, Rf_asReal(p), &cost, NULL,
                                    NULL, NULL, NULL, NULL, NULL, 0),
                 "otc_wasserstein_1d");
    return Rf_ScalarReal(cost);
}

SEXP otc_r_sliced_wasserstein(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP k, SEXP seed,
                              SEXP directions, SEXP threads) {
    otc_matrix_f64 vx = rview(x, "x"), vy = rview(y, "y"), dv;
    const double *pa = dvec(a, (R_xlen_t)vx.rows, "a", 0);
    const double *pb = dvec(b, (R_xlen_t)vy.rows, "b", 0);
    otc_emd_options o;
    double out = 0.0;
    size_t nk;
    check_status(otc_emd_options_default(&o), "otc_emd_options_default");
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    if (Rf_isNull(directions)) {
        nk = (size_t)Rf_asInteger(k);
        memset(&dv, 0, sizeof dv);
        dv.rows = nk;
        dv.cols = vx.cols;
        dv.row_stride = (ptrdiff_t)vx.cols;
        dv.col_stride = 1;
    } else {
        dv = rview(directions, "directions");
        nk = dv.rows;
    }
    check_status(otc_sliced_wasserstein(vx, pa, vy, pb, Rf_asReal(p), nk,
                                        (uint64_t)Rf_asReal(seed), dv, &out, &o, NULL, 0),
                 "otc_sliced_wasserstein");
    return Rf_ScalarReal(out);
}

/* a: n×k (column l = problem l's weights), b: m×k, costs: a list of k n×m matrices. */
SEXP otc_r_emd_batch(SEXP a, SEXP b, SEXP costs, SEXP threads) {
    otc_matrix_f64 va = rview(a, "a"), vb = rview(b, "b");
    R_xlen_t k = (R_xlen_t)va.cols;
    otc_matrix_f64 *cv = cov_views(costs, k, "costs");
    otc_emd_options o;
    otc_emd_result *res = (otc_emd_result *)R_alloc((size_t)(k > 0 ? k : 1), sizeof *res);
    const char *names[] = {"costs", "f", "g", "status"};
    SEXP out = PROTECT(named_list(4, names)), c, f, g;
    otc_status st;
    if ((R_xlen_t)vb.cols != k) Rf_error("a and b must have one column per problem");
    check_status(otc_emd_options_default(&o), "otc_emd_options_default");
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    c = Rf_allocVector(REALSXP, k);
    SET_VECTOR_ELT(out, 0, c);
    f = Rf_allocMatrix(REALSXP, (int)va.rows, (int)k);
    SET_VECTOR_ELT(out, 1, f);
    g = Rf_allocMatrix(REALSXP, (int)vb.rows, (int)k);
    SET_VECTOR_ELT(out, 2, g);
    st = otc_emd_batch(va.rows, vb.rows, (size_t)k, va.data, vb.data, cv, res, REAL(f), REAL(g),
                       NULL, NULL, NULL, &o, NULL, 0);
    check_status(st, "otc_emd_batch");
    for (R_xlen_t l = 0; l < k; l++) REAL(c)[l] = res[l].cost;
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

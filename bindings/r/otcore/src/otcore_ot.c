/* .Call glue for exact OT, Sinkhorn, Gaussians, semi-discrete OT and barycenters. The R
 * functions (R/ot.R) have already coerced and checked types and lengths; here every array is
 * checked again for its type and size before its pointer is used, outputs are allocated
 * before the otcore call, and an error status becomes an R error after the call returns (no
 * R error ever unwinds through otcore). Warnings come back as the "status" element. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
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

/* One field of an options struct reachable from R by its C name. */
typedef enum { OPT_U32, OPT_U64, OPT_SIZE, OPT_DOUBLE } opt_kind;
typedef struct {
    const char *name;
    opt_kind kind;
    size_t offset;
} opt_field;

/* Sets the fields of the options struct `opts` named in the R list `options` (each name must
 * be one of `fields`; values are numbers, R's doubles holding integers up to 2^53). */
static void set_options(void *opts, SEXP options, const opt_field *fields, int nf,
                        const char *fn) {
    SEXP names = Rf_getAttrib(options, R_NamesSymbol);
    R_xlen_t len = Rf_isNull(options) ? 0 : XLENGTH(options);
    for (R_xlen_t i = 0; i < len; i++) {
        const char *name = Rf_isNull(names) ? "" : CHAR(STRING_ELT(names, i));
        SEXP v = VECTOR_ELT(options, i);
        int k = 0;
        double x;
        while (k < nf && strcmp(fields[k].name, name) != 0) k++;
        if (k == nf) Rf_error("%s: options has no field \"%s\"", fn, name);
        if (!Rf_isNumeric(v) || XLENGTH(v) != 1) Rf_error("%s: options$%s must be a number", fn, name);
        x = Rf_asReal(v);
        if (fields[k].kind != OPT_DOUBLE && !(x >= 0 && x == floor(x) && x <= 9007199254740992.0))
            Rf_error("%s: options$%s must be a non-negative integer", fn, name);
        switch (fields[k].kind) {
        case OPT_U32:
            if (x > 4294967295.0) Rf_error("%s: options$%s is above 2^32 - 1", fn, name);
            *(uint32_t *)((char *)opts + fields[k].offset) = (uint32_t)x;
            break;
        case OPT_U64: *(uint64_t *)((char *)opts + fields[k].offset) = (uint64_t)x; break;
        case OPT_SIZE: *(size_t *)((char *)opts + fields[k].offset) = (size_t)x; break;
        case OPT_DOUBLE: *(double *)((char *)opts + fields[k].offset) = x; break;
        }
    }
}

#define OPT(type, field, kind) {#field, kind, offsetof(type, field)}

SEXP otc_r_emd(SEXP a, SEXP b, SEXP cost, SEXP warm_f, SEXP warm_g, SEXP options) {
    static const opt_field fields[] = {OPT(otc_emd_options, num_threads, OPT_U32),
                                       OPT(otc_emd_options, max_iter, OPT_U64),
                                       OPT(otc_emd_options, mass_tolerance, OPT_DOUBLE),
                                       OPT(otc_emd_options, callback_every, OPT_U64)};
    otc_emd_problem_f64 pb;
    otc_emd_outputs_f64 res;
    otc_emd_options opts;
    otc_workspace alloc = {NULL, 0};
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
    check_status(otc_emd_options_default(&opts), "otc_emd_options_default");
    opts.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    opts.callback_every = 1000;
    set_options(&opts, options, fields, 4, "emd");
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
    st = otc_emd_f64(&pb, &res, &opts, alloc);
    check_status(st, "otc_emd_f64");
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(res.cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(res.gap));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)res.report.iterations));
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

/* Shared tail of the two step calls: f (a copy of f_block, updated), pairs (or NULL),
 * block_error. */
static SEXP block_step_result(SEXP f_block, R_xlen_t rows, R_xlen_t m, SEXP want_pairs,
                              SEXP *f, SEXP *pairs) {
    const char *names[] = {"f", "pairs", "block_error"};
    SEXP out = PROTECT(named_list(3, names));
    dvec(f_block, rows, "f_block", 0);
    *f = Rf_allocVector(REALSXP, rows);
    SET_VECTOR_ELT(out, 0, *f);
    memcpy(REAL(*f), REAL(f_block), (size_t)rows * sizeof(double));
    *pairs = R_NilValue;
    if (Rf_asLogical(want_pairs) == TRUE) {
        *pairs = new_pairs(m);
        SET_VECTOR_ELT(out, 1, *pairs);
    }
    UNPROTECT(1);
    return out;
}

SEXP otc_r_sinkhorn_block_step(SEXP f_block, SEXP cost, SEXP a_block, SEXP b, SEXP g, SEXP eps,
                               SEXP rho, SEXP want_pairs, SEXP threads) {
    otc_matrix_f64 c = rview(cost, "C_block");
    R_xlen_t rows = (R_xlen_t)c.rows, m = (R_xlen_t)c.cols;
    const double *pa = dvec(a_block, rows, "a_block", 0), *pb = dvec(b, m, "b", 0);
    const double *pg = dvec(g, m, "g", 0);
    otc_sinkhorn_options o = sinkhorn_opts(eps, threads, R_NilValue, R_NilValue, rho);
    double err = 0.0;
    otc_status st;
    SEXP f, pairs, out = PROTECT(block_step_result(f_block, rows, m, want_pairs, &f, &pairs));
    st = otc_sinkhorn_block_step_f64(c, pa, pb, pg, &o, REAL(f),
                                     Rf_isNull(pairs) ? NULL : (otc_lse_pair *)REAL(pairs), &err,
                                     NULL, 0);
    check_status(st, "otc_sinkhorn_block_step_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(err));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_sinkhorn_block_step_points(SEXP f_block, SEXP x, SEXP y, SEXP a_block, SEXP b,
                                      SEXP g, SEXP eps, SEXP rho, SEXP want_pairs,
                                      SEXP threads) {
    otc_matrix_f64 vx = rview(x, "x_block"), vy = rview(y, "y");
    R_xlen_t rows = (R_xlen_t)vx.rows, m = (R_xlen_t)vy.rows;
    const double *pa = dvec(a_block, rows, "a_block", 0), *pb = dvec(b, m, "b", 0);
    const double *pg = dvec(g, m, "g", 0);
    otc_sinkhorn_options o = sinkhorn_opts(eps, threads, R_NilValue, R_NilValue, rho);
    double err = 0.0;
    otc_status st;
    SEXP f, pairs, out = PROTECT(block_step_result(f_block, rows, m, want_pairs, &f, &pairs));
    st = otc_sinkhorn_block_step_points_f64(vx, vy, pa, pb, pg, &o, REAL(f),
                                            Rf_isNull(pairs) ? NULL : (otc_lse_pair *)REAL(pairs),
                                            &err, NULL, 0);
    check_status(st, "otc_sinkhorn_block_step_points_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal(err));
    UNPROTECT(1);
    return out;
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

SEXP otc_r_sinkhorn_block_column_update(SEXP pairs, SEXP eps, SEXP rho) {
    R_xlen_t m = Rf_isMatrix(pairs) ? (R_xlen_t)Rf_ncols(pairs) : 0;
    const otc_lse_pair *pp = pair_matrix(pairs, m, "pairs");
    otc_sinkhorn_options o = sinkhorn_opts(eps, Rf_ScalarInteger(0), R_NilValue, R_NilValue, rho);
    SEXP g = PROTECT(Rf_allocVector(REALSXP, m));
    check_status(otc_sinkhorn_block_column_update(pp, (size_t)m, &o, REAL(g)),
                 "otc_sinkhorn_block_column_update");
    UNPROTECT(1);
    return g;
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

static otc_barycenter_options barycenter_opts(SEXP eps, SEXP max_iter, SEXP threads) {
    otc_barycenter_options o;
    check_status(otc_barycenter_options_default(&o), "otc_barycenter_options_default");
    o.epsilon = Rf_asReal(eps);
    o.num_threads = (uint32_t)Rf_asInteger(threads);
    if (opt_int(max_iter) != NA_INTEGER) o.max_iter = Rf_asInteger(max_iter);
    return o;
}

/* images: (h·w)×k with pixel (r, c) at row r·w + c (h, w NULL: a fixed-support problem whose
 * cost is `cost`). */
SEXP otc_r_barycenter(SEXP hists, SEXP cost, SEXP h, SEXP w, SEXP weights, SEXP eps,
                      SEXP max_iter, SEXP threads) {
    otc_matrix_f64 vh = rview(hists, "hists");
    const double *pw = dvec(weights, (R_xlen_t)vh.cols, "weights", 1);
    otc_barycenter_options o = barycenter_opts(eps, max_iter, threads);
    const char *names[] = {"barycenter", "iterations", "status"};
    SEXP out = PROTECT(named_list(3, names)), bar;
    uint64_t iters = 0;
    otc_status st;
    bar = Rf_allocVector(REALSXP, (R_xlen_t)vh.rows);
    SET_VECTOR_ELT(out, 0, bar);
    if (Rf_isNull(h)) {
        st = otc_barycenter_f64(vh, rview(cost, "C"), pw, &o, REAL(bar), &iters, NULL, 0);
        check_status(st, "otc_barycenter_f64");
    } else {
        st = otc_convolutional_barycenter_f64(vh, (size_t)Rf_asInteger(h),
                                              (size_t)Rf_asInteger(w), pw, &o, REAL(bar), &iters,
                                              NULL, 0);
        check_status(st, "otc_convolutional_barycenter_f64");
    }
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal((double)iters));
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* ---- 1-D, sliced and batched exact OT ---------------------------------------------------- */

SEXP otc_r_wasserstein_1d(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP options) {
    static const opt_field fields[] = {
        OPT(otc_wasserstein_1d_options, num_threads, OPT_U32),
        OPT(otc_wasserstein_1d_options, mass_tolerance, OPT_DOUBLE)};
    otc_wasserstein_1d_problem_f64 pb;
    otc_wasserstein_1d_outputs_f64 res;
    otc_wasserstein_1d_options opts;
    otc_workspace alloc = {NULL, 0};
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.n = (size_t)XLENGTH(x);
    pb.m = (size_t)XLENGTH(y);
    pb.x = dvec(x, (R_xlen_t)pb.n, "x", 0);
    pb.y = dvec(y, (R_xlen_t)pb.m, "y", 0);
    pb.a = dvec(a, (R_xlen_t)pb.n, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.m, "b", 0);
    pb.p = Rf_asReal(p);
    check_status(otc_wasserstein_1d_options_default(&opts), "otc_wasserstein_1d_options_default");
    set_options(&opts, options, fields, 2, "wasserstein_1d");
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    check_status(otc_wasserstein_1d_f64(&pb, &res, &opts, alloc), "otc_wasserstein_1d_f64");
    return Rf_ScalarReal(res.wp_p);
}

SEXP otc_r_sliced_wasserstein(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP directions,
                              SEXP options) {
    static const opt_field fields[] = {
        OPT(otc_sliced_wasserstein_options, num_threads, OPT_U32),
        OPT(otc_sliced_wasserstein_options, mass_tolerance, OPT_DOUBLE),
        OPT(otc_sliced_wasserstein_options, num_directions, OPT_SIZE),
        OPT(otc_sliced_wasserstein_options, seed, OPT_U64)};
    otc_sliced_wasserstein_problem_f64 pb;
    otc_sliced_wasserstein_outputs_f64 res;
    otc_sliced_wasserstein_options opts;
    otc_workspace alloc = {NULL, 0};
    memset(&pb, 0, sizeof pb);
    pb.struct_size = sizeof pb;
    pb.x = rview(x, "x");
    pb.y = rview(y, "y");
    pb.a = dvec(a, (R_xlen_t)pb.x.rows, "a", 0);
    pb.b = dvec(b, (R_xlen_t)pb.y.rows, "b", 0);
    pb.p = Rf_asReal(p);
    if (!Rf_isNull(directions)) pb.directions = rview(directions, "directions");
    check_status(otc_sliced_wasserstein_options_default(&opts),
                 "otc_sliced_wasserstein_options_default");
    set_options(&opts, options, fields, 4, "sliced_wasserstein");
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    check_status(otc_sliced_wasserstein_f64(&pb, &res, &opts, alloc), "otc_sliced_wasserstein_f64");
    return Rf_ScalarReal(res.swp_p);
}

/* a: n×k (column l = problem l's weights), b: m×k, costs: a list of k n×m matrices. */
SEXP otc_r_emd_batch(SEXP a, SEXP b, SEXP costs, SEXP options) {
    static const opt_field fields[] = {OPT(otc_emd_batch_options, num_threads, OPT_U32),
                                       OPT(otc_emd_batch_options, max_iter, OPT_U64),
                                       OPT(otc_emd_batch_options, mass_tolerance, OPT_DOUBLE)};
    otc_matrix_f64 va = rview(a, "a"), vb = rview(b, "b");
    R_xlen_t k = (R_xlen_t)va.cols;
    otc_emd_batch_problem_f64 pb;
    otc_emd_batch_outputs_f64 res;
    otc_emd_batch_options opts;
    otc_workspace alloc = {NULL, 0};
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
    pb.costs = cov_views(costs, k, "costs");
    check_status(otc_emd_batch_options_default(&opts), "otc_emd_batch_options_default");
    set_options(&opts, options, fields, 3, "emd_batch");
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
    st = otc_emd_batch_f64(&pb, &res, &opts, alloc);
    check_status(st, "otc_emd_batch_f64");
    for (R_xlen_t l = 0; l < k; l++) REAL(its)[l] = (double)iters[l];
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(res.cost));
    SET_VECTOR_ELT(out, 6, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

/* .Call glue for exact OT, Sinkhorn, Gaussians, semi-discrete OT and barycenters. The R
 * functions (R/ot.R) have already coerced and checked types and lengths; here every array is
 * checked again for its type and size before its pointer is used, outputs are allocated
 * before the otcore call, and an error status becomes an R error after the call returns (no
 * R error ever unwinds through otcore). Warnings come back as the "status" element. */
#include <math.h>
#include <stddef.h>
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

/* One field of a Gaussian options struct that R may set by name: uint32_t ('u'), uint64_t
 * ('U') or double ('d'), at `offset`. */
typedef struct {
    const char *name;
    char kind;
    size_t offset;
} gaussian_field;

#define GAUSSIAN_TOL_FIELDS(T)                                                                 \
    {"num_threads", 'u', offsetof(T, num_threads)},                                            \
        {"symmetry_tol", 'd', offsetof(T, symmetry_tol)}, {"psd_tol", 'd', offsetof(T, psd_tol)}

/* Sets the fields of options struct `o` named in the R list `opts` (names as in the C
 * struct); an unknown name or a value that is not one number is an R error. */
static void gaussian_set(void *o, SEXP opts, const gaussian_field *fields, size_t nf,
                         const char *what) {
    SEXP names = Rf_getAttrib(opts, R_NamesSymbol);
    if (!Rf_isNewList(opts)) Rf_error("%s: options must be a list", what);
    for (R_xlen_t i = 0; i < XLENGTH(opts); i++) {
        const char *name = Rf_isNull(names) ? "" : CHAR(STRING_ELT(names, i));
        SEXP v = VECTOR_ELT(opts, i);
        size_t f = 0;
        while (f < nf && strcmp(fields[f].name, name) != 0) f++;
        if (f == nf) Rf_error("%s: unknown option '%s'", what, name);
        if (!Rf_isNumeric(v) || XLENGTH(v) != 1 || ISNAN(Rf_asReal(v)))
            Rf_error("%s: option %s must be one number", what, name);
        char *p = (char *)o + fields[f].offset;
        if (fields[f].kind == 'd') {
            *(double *)p = Rf_asReal(v);
        } else {
            double x = Rf_asReal(v), cap = fields[f].kind == 'u' ? 4294967295.0 : 1.8e19;
            if (x < 0 || x > cap || x != floor(x))
                Rf_error("%s: option %s must be a whole number >= 0", what, name);
            if (fields[f].kind == 'u') *(uint32_t *)p = (uint32_t)x;
            else *(uint64_t *)p = (uint64_t)x;
        }
    }
}

/* Declares `T o` filled by `fill` (its otc_<op>_options_default), then the R list `opts`. */
#define GAUSSIAN_OPTIONS(T, fill, opts, ...)                                                   \
    T o;                                                                                       \
    do {                                                                                       \
        static const gaussian_field fields_[] = {__VA_ARGS__};                                 \
        check_status(fill(&o), #fill);                                                         \
        gaussian_set(&o, opts, fields_, sizeof fields_ / sizeof fields_[0], #T);               \
    } while (0)

#define GAUSSIAN_STRUCT(T, v)                                                                  \
    T v;                                                                                       \
    memset(&v, 0, sizeof v);                                                                   \
    v.struct_size = sizeof v

static const otc_workspace NO_WORK = {NULL, 0};

static size_t square(SEXP s, const char *what) {
    otc_matrix_f64 v = rview(s, what);
    if (!Rf_isMatrix(s) || v.rows != v.cols) Rf_error("%s must be a square matrix", what);
    return v.rows;
}

SEXP otc_r_bures(SEXP s1, SEXP s2, SEXP options) {
    GAUSSIAN_OPTIONS(otc_bures_options, otc_bures_options_default, options,
                     GAUSSIAN_TOL_FIELDS(otc_bures_options));
    GAUSSIAN_STRUCT(otc_bures_problem_f64, p);
    GAUSSIAN_STRUCT(otc_bures_outputs_f64, r);
    p.sigma1 = rview(s1, "S1");
    p.sigma2 = rview(s2, "S2");
    check_status(otc_bures_f64(&p, &r, &o, NO_WORK), "otc_bures_f64");
    return Rf_ScalarReal(r.bures_squared);
}

SEXP otc_r_gaussian_w2(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP eps, SEXP options) {
    size_t d = square(s1, "S1");
    const double *p1 = dvec(m1, (R_xlen_t)d, "m1", 0), *p2 = dvec(m2, (R_xlen_t)d, "m2", 0);
    if (Rf_isNull(eps)) {
        GAUSSIAN_OPTIONS(otc_gaussian_w2_options, otc_gaussian_w2_options_default, options,
                         GAUSSIAN_TOL_FIELDS(otc_gaussian_w2_options));
        GAUSSIAN_STRUCT(otc_gaussian_w2_problem_f64, p);
        GAUSSIAN_STRUCT(otc_gaussian_w2_outputs_f64, r);
        p.m1 = p1; p.sigma1 = rview(s1, "S1"); p.m2 = p2; p.sigma2 = rview(s2, "S2");
        check_status(otc_gaussian_w2_f64(&p, &r, &o, NO_WORK), "otc_gaussian_w2_f64");
        return Rf_ScalarReal(r.w2_squared);
    } else {
        GAUSSIAN_OPTIONS(otc_gaussian_entropic_w2_options, otc_gaussian_entropic_w2_options_default, options,
                         GAUSSIAN_TOL_FIELDS(otc_gaussian_entropic_w2_options));
        GAUSSIAN_STRUCT(otc_gaussian_entropic_w2_problem_f64, p);
        GAUSSIAN_STRUCT(otc_gaussian_entropic_w2_outputs_f64, r);
        p.m1 = p1; p.sigma1 = rview(s1, "S1"); p.m2 = p2; p.sigma2 = rview(s2, "S2");
        p.epsilon = Rf_asReal(eps);
        check_status(otc_gaussian_entropic_w2_f64(&p, &r, &o, NO_WORK),
                     "otc_gaussian_entropic_w2_f64");
        return Rf_ScalarReal(r.cost);
    }
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
                                SEXP options) {
    GAUSSIAN_OPTIONS(otc_gaussian_w2_pairwise_options, otc_gaussian_w2_pairwise_options_default, options,
                     GAUSSIAN_TOL_FIELDS(otc_gaussian_w2_pairwise_options));
    GAUSSIAN_STRUCT(otc_gaussian_w2_pairwise_problem_f64, p);
    GAUSSIAN_STRUCT(otc_gaussian_w2_pairwise_outputs_f64, r);
    otc_status st;
    p.means1 = rview(means1, "means1");
    p.means2 = rview(means2, "means2");
    p.covs1 = cov_views(covs1, (R_xlen_t)p.means1.rows, "covs1");
    p.covs2 = cov_views(covs2, (R_xlen_t)p.means2.rows, "covs2");
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)p.means1.rows, (int)p.means2.rows));
    r.w2_squared = wview(out);
    st = otc_gaussian_w2_pairwise_f64(&p, &r, &o, NO_WORK);
    UNPROTECT(1);
    check_status(st, "otc_gaussian_w2_pairwise_f64");
    return out;
}

SEXP otc_r_gaussian_map(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP options) {
    size_t d = square(s1, "S1");
    GAUSSIAN_OPTIONS(otc_gaussian_map_options, otc_gaussian_map_options_default, options,
                     GAUSSIAN_TOL_FIELDS(otc_gaussian_map_options),
                     {"rank_tol", 'd', offsetof(otc_gaussian_map_options, rank_tol)});
    GAUSSIAN_STRUCT(otc_gaussian_map_problem_f64, p);
    GAUSSIAN_STRUCT(otc_gaussian_map_outputs_f64, r);
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
    st = otc_gaussian_map_f64(&p, &r, &o, NO_WORK);
    check_status(st, "otc_gaussian_map_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_map_apply(SEXP a, SEXP b, SEXP x, SEXP options) {
    GAUSSIAN_OPTIONS(otc_gaussian_map_apply_options, otc_gaussian_map_apply_options_default, options,
                     {"num_threads", 'u', offsetof(otc_gaussian_map_apply_options, num_threads)});
    GAUSSIAN_STRUCT(otc_gaussian_map_apply_problem_f64, p);
    GAUSSIAN_STRUCT(otc_gaussian_map_apply_outputs_f64, r);
    otc_status st;
    p.a = rview(a, "A");
    p.x = rview(x, "x");
    p.b = dvec(b, (R_xlen_t)p.a.rows, "b", 1);
    SEXP out = PROTECT(Rf_allocMatrix(REALSXP, (int)p.x.rows, (int)p.a.rows));
    r.y = wview(out);
    st = otc_gaussian_map_apply_f64(&p, &r, &o, NO_WORK);
    UNPROTECT(1);
    check_status(st, "otc_gaussian_map_apply_f64");
    return out;
}

SEXP otc_r_gaussian_geodesic(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP t, SEXP options) {
    size_t d = square(s1, "S1");
    GAUSSIAN_OPTIONS(otc_gaussian_geodesic_options, otc_gaussian_geodesic_options_default, options,
                     GAUSSIAN_TOL_FIELDS(otc_gaussian_geodesic_options),
                     {"rank_tol", 'd', offsetof(otc_gaussian_geodesic_options, rank_tol)});
    GAUSSIAN_STRUCT(otc_gaussian_geodesic_problem_f64, p);
    GAUSSIAN_STRUCT(otc_gaussian_geodesic_outputs_f64, r);
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
    st = otc_gaussian_geodesic_f64(&p, &r, &o, NO_WORK);
    check_status(st, "otc_gaussian_geodesic_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_barycenter(SEXP means, SEXP covs, SEXP weights, SEXP options) {
    GAUSSIAN_OPTIONS(otc_gaussian_barycenter_options, otc_gaussian_barycenter_options_default, options,
                     GAUSSIAN_TOL_FIELDS(otc_gaussian_barycenter_options),
                     {"rank_tol", 'd', offsetof(otc_gaussian_barycenter_options, rank_tol)},
                     {"tol", 'd', offsetof(otc_gaussian_barycenter_options, tol)},
                     {"max_iter", 'U', offsetof(otc_gaussian_barycenter_options, max_iter)},
                     {"callback_every", 'U',
                      offsetof(otc_gaussian_barycenter_options, callback_every)});
    GAUSSIAN_STRUCT(otc_gaussian_barycenter_problem_f64, p);
    GAUSSIAN_STRUCT(otc_gaussian_barycenter_outputs_f64, r);
    const char *names[] = {"mean", "cov", "iterations", "error", "rank", "status"};
    SEXP out = PROTECT(named_list(6, names)), mean, cov;
    otc_status st;
    /* Ctrl-C: checked at every iteration (each costs k eigendecompositions) unless the
     * options say otherwise. */
    if (o.callback_every == 0) o.callback_every = 1;
    o.callback = otcr_interrupt_callback;
    o.callback_data = NULL;
    p.means = rview(means, "means");
    p.covs = cov_views(covs, (R_xlen_t)p.means.rows, "covs");
    p.weights = dvec(weights, (R_xlen_t)p.means.rows, "weights", 1);
    mean = Rf_allocVector(REALSXP, (R_xlen_t)p.means.cols);
    SET_VECTOR_ELT(out, 0, mean);
    cov = Rf_allocMatrix(REALSXP, (int)p.means.cols, (int)p.means.cols);
    SET_VECTOR_ELT(out, 1, cov);
    r.mean = REAL(mean);
    r.cov = wview(cov);
    st = otc_gaussian_barycenter_f64(&p, &r, &o, NO_WORK);
    check_status(st, "otc_gaussian_barycenter_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.report.error));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 5, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_gaussian_moments(SEXP x, SEXP weights, SEXP options) {
    GAUSSIAN_OPTIONS(otc_gaussian_moments_options, otc_gaussian_moments_options_default, options,
                     {"num_threads", 'u', offsetof(otc_gaussian_moments_options, num_threads)});
    GAUSSIAN_STRUCT(otc_gaussian_moments_problem_f64, p);
    GAUSSIAN_STRUCT(otc_gaussian_moments_outputs_f64, r);
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
    check_status(otc_gaussian_moments_f64(&p, &r, &o, NO_WORK), "otc_gaussian_moments_f64");
    UNPROTECT(1);
    return out;
}

SEXP otc_r_psd_sqrt(SEXP s, SEXP options) {
    size_t d = square(s, "S");
    GAUSSIAN_OPTIONS(otc_psd_sqrt_options, otc_psd_sqrt_options_default, options,
                     GAUSSIAN_TOL_FIELDS(otc_psd_sqrt_options),
                     {"rank_tol", 'd', offsetof(otc_psd_sqrt_options, rank_tol)});
    GAUSSIAN_STRUCT(otc_psd_sqrt_problem_f64, p);
    GAUSSIAN_STRUCT(otc_psd_sqrt_outputs_f64, r);
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
    st = otc_psd_sqrt_f64(&p, &r, &o, NO_WORK);
    check_status(st, "otc_psd_sqrt_f64");
    SET_VECTOR_ELT(out, 2, Rf_ScalarReal((double)r.rank));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(st));
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

/* .Call glue for the exact solvers of the ABI 1 shape: assignment (otc_assignment_f64), grids
 * (otc_emd_grid_f64), partial (otc_emd_partial_f64) and TV-unbalanced
 * (otc_emd_unbalanced_tv_f64). Options come as an R list whose names are the C options
 * struct's fields; outputs are allocated before the otcore call, and an error status becomes
 * an R error after the call returns (no R error unwinds through otcore). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <R.h>
#include <Rinternals.h>
#include "otcore.h"
#include "otcore_r.h"

/* One settable field of an options struct: uint32_t ('u'), uint64_t ('U'), size_t ('z') or
 * double ('d'), at `offset`. */
typedef struct {
    const char *name;
    char kind;
    size_t offset;
} exact_field;

/* Sets the fields of the options struct `o` named in the R list `opts`; an unknown name or a
 * value that is not one number of the field's kind is an R error naming it. */
static void exact_set_options(void *o, SEXP opts, const exact_field *fields, size_t nf,
                              const char *what) {
    SEXP names = Rf_getAttrib(opts, R_NamesSymbol);
    if (!Rf_isNewList(opts)) Rf_error("%s: options must be a list", what);
    for (R_xlen_t i = 0; i < XLENGTH(opts); i++) {
        const char *name = Rf_isNull(names) ? "" : CHAR(STRING_ELT(names, i));
        SEXP v = VECTOR_ELT(opts, i);
        size_t f = 0;
        char *p;
        while (f < nf && strcmp(fields[f].name, name) != 0) f++;
        if (f == nf) Rf_error("%s: unknown option '%s'", what, name);
        if (!Rf_isNumeric(v) || XLENGTH(v) != 1 || ISNAN(Rf_asReal(v)))
            Rf_error("%s: option %s must be one number", what, name);
        p = (char *)o + fields[f].offset;
        if (fields[f].kind == 'd') {
            *(double *)p = Rf_asReal(v);
        } else {
            double x = Rf_asReal(v), cap = fields[f].kind == 'u' ? 4294967295.0 : 1.8e19;
            if (x < 0 || x > cap || x != floor(x))
                Rf_error("%s: option %s must be a whole number >= 0", what, name);
            if (fields[f].kind == 'u') *(uint32_t *)p = (uint32_t)x;
            else if (fields[f].kind == 'U') *(uint64_t *)p = (uint64_t)x;
            else *(size_t *)p = (size_t)x;
        }
    }
}

#define EXACT_OPTIONS(T, DEFAULT, o, opts, ...)                                                \
    T o;                                                                                       \
    do {                                                                                       \
        static const exact_field fields_[] = {__VA_ARGS__};                                    \
        check_status(DEFAULT(&o), #DEFAULT);                                                   \
        exact_set_options(&o, opts, fields_, sizeof fields_ / sizeof fields_[0], #T);          \
    } while (0)

/* A zeroed ABI 1 struct with its struct_size set. */
#define EXACT_STRUCT(T, v)                                                                     \
    T v;                                                                                       \
    memset(&v, 0, sizeof v);                                                                   \
    v.struct_size = sizeof v

static const otc_workspace EXACT_NO_WORK = {NULL, 0};

/* A column-major double matrix as a read-only view. */
static otc_matrix_f64 exact_view(SEXP a, const char *what) {
    otc_matrix_f64 v;
    if (!Rf_isReal(a) || !Rf_isMatrix(a)) Rf_error("%s must be a double matrix", what);
    v.data = REAL(a);
    v.rows = (size_t)Rf_nrows(a);
    v.cols = (size_t)Rf_ncols(a);
    v.row_stride = 1;
    v.col_stride = (ptrdiff_t)v.rows;
    return v;
}

/* A double vector of length n. */
static const double *exact_vec(SEXP v, R_xlen_t n, const char *what) {
    if (!Rf_isReal(v) || XLENGTH(v) != n)
        Rf_error("%s must be a double vector of length %lld", what, (long long)n);
    return REAL(v);
}

static SEXP exact_list(int n, const char **names) {
    SEXP out = PROTECT(Rf_allocVector(VECSXP, n));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++) SET_STRING_ELT(nm, i, Rf_mkChar(names[i]));
    Rf_setAttrib(out, R_NamesSymbol, nm);
    UNPROTECT(2);
    return out;
}

/* 1-based R integers (as doubles: sizes may pass 2^31) from 0-based size_t indices. */
static SEXP exact_indices(const size_t *ix, size_t len) {
    SEXP out = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)len));
    for (size_t k = 0; k < len; k++) REAL(out)[k] = (double)ix[k] + 1.0;
    UNPROTECT(1);
    return out;
}

SEXP otc_r_assignment(SEXP costs, SEXP options) {
    R_xlen_t k = XLENGTH(costs);
    size_t n, kn;
    otc_matrix_f64 *views;
    size_t *perm;
    otc_status st;
    const char *names[] = {"cost", "gap", "perm", "u", "v", "problem_costs", "iterations", "status"};
    SEXP out, u, v, pc;
    /* Ctrl-C: R's interrupt flag is polled every 16 augmenting paths by default. */
    EXACT_OPTIONS(otc_assignment_options, otc_assignment_options_default, o, options,
                  {"num_threads", 'u', offsetof(otc_assignment_options, num_threads)},
                  {"callback_every", 'U', offsetof(otc_assignment_options, callback_every)});
    o.callback = otcr_interrupt_callback;
    if (o.callback_every == 0) o.callback_every = 16;
    EXACT_STRUCT(otc_assignment_problem_f64, p);
    EXACT_STRUCT(otc_assignment_outputs_f64, r);
    if (!Rf_isNewList(costs) || k < 1) Rf_error("costs must be a non-empty list of matrices");
    views = (otc_matrix_f64 *)R_alloc((size_t)k, sizeof(otc_matrix_f64));
    for (R_xlen_t l = 0; l < k; l++) views[l] = exact_view(VECTOR_ELT(costs, l), "each cost");
    n = views[0].rows;
    kn = n * (size_t)k;
    perm = (size_t *)R_alloc(kn > 0 ? kn : 1, sizeof(size_t));
    out = PROTECT(exact_list(8, names));
    u = Rf_allocMatrix(REALSXP, (int)n, (int)k);
    SET_VECTOR_ELT(out, 3, u);
    v = Rf_allocMatrix(REALSXP, (int)n, (int)k);
    SET_VECTOR_ELT(out, 4, v);
    pc = Rf_allocVector(REALSXP, k);
    SET_VECTOR_ELT(out, 5, pc);
    p.count = (size_t)k;
    p.costs = views;
    r.perm = perm;
    r.u = REAL(u);
    r.v = REAL(v);
    r.problem_costs = REAL(pc);
    st = otc_assignment_f64(&p, &r, &o, EXACT_NO_WORK);
    if (st >= 100) {
        UNPROTECT(1);
        check_status(st, "otc_assignment_f64");
    }
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(r.cost));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.gap));
    {
        SEXP pm = PROTECT(exact_indices(perm, kn));
        SEXP dim = PROTECT(Rf_allocVector(INTSXP, 2));
        INTEGER(dim)[0] = (int)n;
        INTEGER(dim)[1] = (int)k;
        Rf_setAttrib(pm, R_DimSymbol, dim);
        SET_VECTOR_ELT(out, 2, pm);
        UNPROTECT(2);
    }
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 7, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_emd_grid(SEXP shape, SEXP a, SEXP b, SEXP spacing, SEXP options) {
    size_t dims[3], ndim = (size_t)XLENGTH(shape), n = 1, cap;
    size_t *rows, *cols;
    otc_status st;
    const char *names[] = {"cost", "gap", "plan", "f", "g", "iterations", "rounds", "levels",
                           "status"};
    const char *plan_names[] = {"rows", "cols", "mass"};
    SEXP out, f, g, mass, plan;
    /* Ctrl-C: R's interrupt flag is polled at every check of all arcs (a few per level). */
    EXACT_OPTIONS(otc_emd_grid_options, otc_emd_grid_options_default, o, options,
                  {"num_threads", 'u', offsetof(otc_emd_grid_options, num_threads)},
                  {"mass_tolerance", 'd', offsetof(otc_emd_grid_options, mass_tolerance)},
                  {"arcs_per_node", 'z', offsetof(otc_emd_grid_options, arcs_per_node)},
                  {"callback_every", 'U', offsetof(otc_emd_grid_options, callback_every)});
    EXACT_STRUCT(otc_emd_grid_problem_f64, p);
    o.callback = otcr_interrupt_callback;
    if (o.callback_every == 0) o.callback_every = 1;
    EXACT_STRUCT(otc_emd_grid_outputs_f64, r);
    if (!Rf_isReal(shape) || ndim < 1 || ndim > 3) Rf_error("shape must have 1 to 3 sizes");
    for (size_t k = 0; k < ndim; k++) {
        double s = REAL(shape)[k];
        if (!(s >= 1 && s == floor(s) && s < 2147483648.0)) Rf_error("shape sizes must be whole numbers >= 1");
        dims[k] = (size_t)s;
        n *= dims[k];
    }
    if (n >= 2147483648.0 / 2) Rf_error("the grid has too many pixels for R vectors");
    cap = 2 * n - 1;
    p.ndim = ndim;
    p.shape = dims;
    p.spacing = Rf_isNull(spacing) ? NULL : exact_vec(spacing, (R_xlen_t)ndim, "spacing");
    p.a = exact_vec(a, (R_xlen_t)n, "a");
    p.b = exact_vec(b, (R_xlen_t)n, "b");
    rows = (size_t *)R_alloc(cap, sizeof(size_t));
    cols = (size_t *)R_alloc(cap, sizeof(size_t));
    out = PROTECT(exact_list(9, names));
    f = Rf_allocVector(REALSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 3, f);
    g = Rf_allocVector(REALSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 4, g);
    mass = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)cap));
    r.f = REAL(f);
    r.g = REAL(g);
    r.plan_rows = rows;
    r.plan_cols = cols;
    r.plan_mass = REAL(mass);
    st = otc_emd_grid_f64(&p, &r, &o, EXACT_NO_WORK);
    if (st >= 100 || st == OTC_WARN_CANCELLED) {
        UNPROTECT(2);
        check_status(st, "otc_emd_grid_f64");
    }
    plan = PROTECT(exact_list(3, plan_names));
    SET_VECTOR_ELT(plan, 0, exact_indices(rows, r.plan_nnz));
    SET_VECTOR_ELT(plan, 1, exact_indices(cols, r.plan_nnz));
    SET_VECTOR_ELT(plan, 2, Rf_lengthgets(mass, (R_xlen_t)r.plan_nnz));
    SET_VECTOR_ELT(out, 2, plan);
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(r.cost));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.gap));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal((double)r.rounds));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)r.levels));
    SET_VECTOR_ELT(out, 8, Rf_ScalarInteger(st));
    UNPROTECT(3);
    return out;
}

/* The inputs and optional outputs both dense dummy-node problems share; `out` is the R list
 * under construction (plan at 0, f at 1, g at 2). */
#define EXACT_DENSE_PROBLEM(p, r, a, b, cost, out)                                             \
    do {                                                                                       \
        SEXP plan_, f_, g_;                                                                    \
        p.cost = exact_view(cost, "C");                                                        \
        p.n = p.cost.rows;                                                                     \
        p.m = p.cost.cols;                                                                     \
        p.a = exact_vec(a, (R_xlen_t)p.n, "a");                                                \
        p.b = exact_vec(b, (R_xlen_t)p.m, "b");                                                \
        plan_ = Rf_allocMatrix(REALSXP, (int)p.n, (int)p.m);                                   \
        SET_VECTOR_ELT(out, 0, plan_);                                                         \
        f_ = Rf_allocVector(REALSXP, (R_xlen_t)p.n);                                           \
        SET_VECTOR_ELT(out, 1, f_);                                                            \
        g_ = Rf_allocVector(REALSXP, (R_xlen_t)p.m);                                           \
        SET_VECTOR_ELT(out, 2, g_);                                                            \
        r.plan.data = REAL(plan_);                                                             \
        r.plan.rows = p.n;                                                                     \
        r.plan.cols = p.m;                                                                     \
        r.plan.row_stride = 1;                                                                 \
        r.plan.col_stride = (ptrdiff_t)p.n;                                                    \
        r.f = REAL(f_);                                                                        \
        r.g = REAL(g_);                                                                        \
    } while (0)

SEXP otc_r_emd_partial(SEXP a, SEXP b, SEXP cost, SEXP mass, SEXP options) {
    otc_status st;
    const char *names[] = {"plan", "f", "g", "cost", "transported_mass", "mass_price", "gap",
                           "iterations", "status"};
    SEXP out;
    EXACT_OPTIONS(otc_emd_partial_options, otc_emd_partial_options_default, o, options,
                  {"num_threads", 'u', offsetof(otc_emd_partial_options, num_threads)},
                  {"max_iter", 'U', offsetof(otc_emd_partial_options, max_iter)},
                  {"mass_tolerance", 'd', offsetof(otc_emd_partial_options, mass_tolerance)},
                  {"callback_every", 'U', offsetof(otc_emd_partial_options, callback_every)});
    o.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    if (o.callback_every == 0) o.callback_every = 1000;
    EXACT_STRUCT(otc_emd_partial_problem_f64, p);
    EXACT_STRUCT(otc_emd_partial_outputs_f64, r);
    out = PROTECT(exact_list(9, names));
    EXACT_DENSE_PROBLEM(p, r, a, b, cost, out);
    p.mass = Rf_asReal(mass);
    st = otc_emd_partial_f64(&p, &r, &o, EXACT_NO_WORK);
    if (st >= 100) {
        UNPROTECT(1);
        check_status(st, "otc_emd_partial_f64");
    }
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(r.transported_mass));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(r.mass_price));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal(r.gap));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 8, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_emd_unbalanced_tv(SEXP a, SEXP b, SEXP cost, SEXP rho, SEXP options) {
    otc_status st;
    const char *names[] = {"plan", "f", "g", "cost", "objective", "transported_mass", "gap",
                           "iterations", "status"};
    SEXP out;
    EXACT_OPTIONS(otc_emd_unbalanced_tv_options, otc_emd_unbalanced_tv_options_default, o, options,
                  {"num_threads", 'u', offsetof(otc_emd_unbalanced_tv_options, num_threads)},
                  {"max_iter", 'U', offsetof(otc_emd_unbalanced_tv_options, max_iter)},
                  {"callback_every", 'U', offsetof(otc_emd_unbalanced_tv_options, callback_every)});
    o.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    if (o.callback_every == 0) o.callback_every = 1000;
    EXACT_STRUCT(otc_emd_unbalanced_tv_problem_f64, p);
    EXACT_STRUCT(otc_emd_unbalanced_tv_outputs_f64, r);
    out = PROTECT(exact_list(9, names));
    EXACT_DENSE_PROBLEM(p, r, a, b, cost, out);
    p.rho = Rf_asReal(rho);
    st = otc_emd_unbalanced_tv_f64(&p, &r, &o, EXACT_NO_WORK);
    if (st >= 100) {
        UNPROTECT(1);
        check_status(st, "otc_emd_unbalanced_tv_f64");
    }
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(r.objective));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(r.transported_mass));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal(r.gap));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 8, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

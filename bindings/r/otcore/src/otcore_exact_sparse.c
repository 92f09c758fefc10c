/* .Call glue for the exact solvers of the ABI 1 shape: assignment (otc_assignment_f64), grids
 * (otc_emd_grid_f64), point clouds (otc_emd_points_f64), partial (otc_emd_partial_f64, and the entropic otc_sinkhorn_partial_f64) and TV-unbalanced
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
#include "otcore_options.h"

/* 1-based R integers (as doubles: sizes may pass 2^31) from 0-based size_t indices. */
static SEXP exact_indices(const size_t *ix, size_t len) {
    SEXP out = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)len));
    for (size_t k = 0; k < len; k++) REAL(out)[k] = (double)ix[k] + 1.0;
    UNPROTECT(1);
    return out;
}

/* The sparse plan list (1-based rows, cols, and mass cut to nnz entries). */
static SEXP sparse_plan(const size_t *rows, const size_t *cols, SEXP mass, size_t nnz) {
    const char *plan_names[] = {"rows", "cols", "mass"};
    SEXP plan = PROTECT(named_list(3, plan_names));
    SET_VECTOR_ELT(plan, 0, exact_indices(rows, nnz));
    SET_VECTOR_ELT(plan, 1, exact_indices(cols, nnz));
    SET_VECTOR_ELT(plan, 2, Rf_lengthgets(mass, (R_xlen_t)nnz));
    UNPROTECT(1);
    return plan;
}

SEXP otc_r_assignment(SEXP costs, SEXP options) {
    R_xlen_t k = Rf_isNewList(costs) ? XLENGTH(costs) : 0;
    size_t n, kn;
    otc_matrix_f64 *views;
    size_t *perm;
    otc_status st;
    const char *names[] = {"cost", "gap", "perm", "u", "v", "problem_costs", "iterations", "status"};
    SEXP out, u, v, pc;
    /* Ctrl-C: R's interrupt flag is polled every 16 augmenting paths unless options say. */
    otc_assignment_options o;
    OTCR_DEFAULT_OPTIONS(assignment, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 16;
    OTCR_SET_OPTIONS(assignment, o, options);
    OTCR_STRUCT(otc_assignment_problem_f64, p);
    OTCR_STRUCT(otc_assignment_outputs_f64, r);
    if (k < 1) Rf_error("costs must be a non-empty list of matrices");
    views = matrix_views(costs, k, "costs");
    n = views[0].rows;
    kn = n * (size_t)k;
    perm = (size_t *)R_alloc(kn > 0 ? kn : 1, sizeof(size_t));
    out = PROTECT(named_list(8, names));
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
    st = otc_assignment_f64(&p, &r, &o, OTCR_NO_WORK);
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
    SEXP out, f, g, mass;
    /* Ctrl-C: R's interrupt flag is polled at every check of all arcs (a few per level). */
    otc_emd_grid_options o;
    OTCR_STRUCT(otc_emd_grid_problem_f64, p);
    OTCR_DEFAULT_OPTIONS(emd_grid, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1;
    OTCR_SET_OPTIONS(emd_grid, o, options);
    OTCR_STRUCT(otc_emd_grid_outputs_f64, r);
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
    p.spacing = Rf_isNull(spacing) ? NULL : dvec(spacing, (R_xlen_t)ndim, "spacing", 0);
    p.a = dvec(a, (R_xlen_t)n, "a", 0);
    p.b = dvec(b, (R_xlen_t)n, "b", 0);
    rows = (size_t *)R_alloc(cap, sizeof(size_t));
    cols = (size_t *)R_alloc(cap, sizeof(size_t));
    out = PROTECT(named_list(9, names));
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
    st = otc_emd_grid_f64(&p, &r, &o, OTCR_NO_WORK);
    if (st >= 100 || st == OTC_WARN_CANCELLED) {
        UNPROTECT(2);
        check_status(st, "otc_emd_grid_f64");
    }
    SET_VECTOR_ELT(out, 2, sparse_plan(rows, cols, mass, r.plan_nnz));
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(r.cost));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.gap));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal((double)r.rounds));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal((double)r.levels));
    SET_VECTOR_ELT(out, 8, Rf_ScalarInteger(st));
    UNPROTECT(2);
    return out;
}

SEXP otc_r_emd_points(SEXP a, SEXP b, SEXP x, SEXP y, SEXP options) {
    size_t n, m, cap;
    size_t *rows, *cols;
    otc_status st;
    const char *names[] = {"cost", "gap", "plan", "f", "g", "iterations", "status"};
    SEXP out, f, g, mass;
    /* Ctrl-C: R's interrupt flag is polled every 1000 pivots unless options say. */
    otc_emd_points_options o;
    OTCR_STRUCT(otc_emd_points_problem_f64, p);
    OTCR_DEFAULT_OPTIONS(emd_points, o);
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1000;
    OTCR_SET_OPTIONS(emd_points, o, options);
    OTCR_STRUCT(otc_emd_points_outputs_f64, r);
    if (!Rf_isReal(x) || !Rf_isMatrix(x) || !Rf_isReal(y) || !Rf_isMatrix(y)) {
        Rf_error("x and y must be double matrices");
    }
    p.x = rview(x, "x");
    p.y = rview(y, "y");
    n = p.x.rows;
    m = p.y.rows;
    if (n < 1 || m < 1) Rf_error("x and y must have at least one row");
    cap = n + m - 1;
    p.a = dvec(a, (R_xlen_t)n, "a", 0);
    p.b = dvec(b, (R_xlen_t)m, "b", 0);
    rows = (size_t *)R_alloc(cap, sizeof(size_t));
    cols = (size_t *)R_alloc(cap, sizeof(size_t));
    out = PROTECT(named_list(7, names));
    f = Rf_allocVector(REALSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, 3, f);
    g = Rf_allocVector(REALSXP, (R_xlen_t)m);
    SET_VECTOR_ELT(out, 4, g);
    mass = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)cap));
    r.f = REAL(f);
    r.g = REAL(g);
    r.plan_rows = rows;
    r.plan_cols = cols;
    r.plan_mass = REAL(mass);
    st = otc_emd_points_f64(&p, &r, &o, OTCR_NO_WORK);
    if (st >= 100 || st == OTC_WARN_CANCELLED) {
        UNPROTECT(2);
        check_status(st, "otc_emd_points_f64");
    }
    SET_VECTOR_ELT(out, 2, sparse_plan(rows, cols, mass, r.nnz));
    SET_VECTOR_ELT(out, 0, Rf_ScalarReal(r.cost));
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.gap));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 6, Rf_ScalarInteger(st));
    UNPROTECT(2);
    return out;
}

/* The inputs and optional outputs both dense dummy-node problems share; `out` is the R list
 * under construction (plan at 0, f at 1, g at 2). */
#define EXACT_DENSE_PROBLEM(p, r, a, b, cost, out)                                             \
    do {                                                                                       \
        SEXP plan_, f_, g_;                                                                    \
        p.cost = rview(cost, "C");                                                             \
        p.n = p.cost.rows;                                                                     \
        p.m = p.cost.cols;                                                                     \
        p.a = dvec(a, (R_xlen_t)p.n, "a", 0);                                                  \
        p.b = dvec(b, (R_xlen_t)p.m, "b", 0);                                                  \
        plan_ = Rf_allocMatrix(REALSXP, (int)p.n, (int)p.m);                                   \
        SET_VECTOR_ELT(out, 0, plan_);                                                         \
        f_ = Rf_allocVector(REALSXP, (R_xlen_t)p.n);                                           \
        SET_VECTOR_ELT(out, 1, f_);                                                            \
        g_ = Rf_allocVector(REALSXP, (R_xlen_t)p.m);                                           \
        SET_VECTOR_ELT(out, 2, g_);                                                            \
        r.plan = wview(plan_);                                                                 \
        r.f = REAL(f_);                                                                        \
        r.g = REAL(g_);                                                                        \
    } while (0)

SEXP otc_r_emd_partial(SEXP a, SEXP b, SEXP cost, SEXP mass, SEXP options) {
    otc_status st;
    const char *names[] = {"plan", "f", "g", "cost", "transported_mass", "mass_price", "gap",
                           "iterations", "status"};
    SEXP out;
    otc_emd_partial_options o;
    OTCR_DEFAULT_OPTIONS(emd_partial, o);
    o.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    o.callback_every = 1000;
    OTCR_SET_OPTIONS(emd_partial, o, options);
    OTCR_STRUCT(otc_emd_partial_problem_f64, p);
    OTCR_STRUCT(otc_emd_partial_outputs_f64, r);
    out = PROTECT(named_list(9, names));
    EXACT_DENSE_PROBLEM(p, r, a, b, cost, out);
    p.mass = Rf_asReal(mass);
    st = otc_emd_partial_f64(&p, &r, &o, OTCR_NO_WORK);
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

SEXP otc_r_sinkhorn_partial(SEXP a, SEXP b, SEXP cost, SEXP mass, SEXP options) {
    otc_status st;
    const char *names[] = {"plan", "f", "g", "transport_cost", "entropic_ot",
                           "transported_mass", "mass_price", "error", "iterations", "status"};
    SEXP out;
    otc_sinkhorn_partial_options o;
    OTCR_DEFAULT_OPTIONS(sinkhorn_partial, o);
    o.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    o.callback_every = 10;
    OTCR_SET_OPTIONS(sinkhorn_partial, o, options);
    OTCR_STRUCT(otc_sinkhorn_partial_problem_f64, p);
    OTCR_STRUCT(otc_sinkhorn_partial_outputs_f64, r);
    out = PROTECT(named_list(10, names));
    EXACT_DENSE_PROBLEM(p, r, a, b, cost, out);
    p.mass = Rf_asReal(mass);
    st = otc_sinkhorn_partial_f64(&p, &r, &o, OTCR_NO_WORK);
    if (st >= 100) {
        UNPROTECT(1);
        check_status(st, "otc_sinkhorn_partial_f64");
    }
    SET_VECTOR_ELT(out, 3, Rf_ScalarReal(r.transport_cost));
    SET_VECTOR_ELT(out, 4, Rf_ScalarReal(r.entropic_ot));
    SET_VECTOR_ELT(out, 5, Rf_ScalarReal(r.transported_mass));
    SET_VECTOR_ELT(out, 6, Rf_ScalarReal(r.mass_price));
    SET_VECTOR_ELT(out, 7, Rf_ScalarReal(r.report.error));
    SET_VECTOR_ELT(out, 8, Rf_ScalarReal((double)r.report.iterations));
    SET_VECTOR_ELT(out, 9, Rf_ScalarInteger(st));
    UNPROTECT(1);
    return out;
}

SEXP otc_r_emd_unbalanced_tv(SEXP a, SEXP b, SEXP cost, SEXP rho, SEXP options) {
    otc_status st;
    const char *names[] = {"plan", "f", "g", "cost", "objective", "transported_mass", "gap",
                           "iterations", "status"};
    SEXP out;
    otc_emd_unbalanced_tv_options o;
    OTCR_DEFAULT_OPTIONS(emd_unbalanced_tv, o);
    o.callback = otcr_interrupt_callback; /* Ctrl-C stops the solve */
    o.callback_every = 1000;
    OTCR_SET_OPTIONS(emd_unbalanced_tv, o, options);
    OTCR_STRUCT(otc_emd_unbalanced_tv_problem_f64, p);
    OTCR_STRUCT(otc_emd_unbalanced_tv_outputs_f64, r);
    out = PROTECT(named_list(9, names));
    EXACT_DENSE_PROBLEM(p, r, a, b, cost, out);
    p.rho = Rf_asReal(rho);
    st = otc_emd_unbalanced_tv_f64(&p, &r, &o, OTCR_NO_WORK);
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

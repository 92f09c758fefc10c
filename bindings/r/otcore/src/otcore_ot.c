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

/* One numeric option value: a finite number (integer-valued, 0 <= v <= max for the integer
 * fields, max = 0 for a double field). */
static double option_number(SEXP v, const char *name, double max) {
    double x;
    if (!Rf_isNumeric(v) || XLENGTH(v) != 1) Rf_error("options$%s must be one number", name);
    x = Rf_asReal(v);
    if (max > 0 && (!R_FINITE(x) || x < 0 || x > max || x != floor(x))) {
        Rf_error("options$%s must be a whole number in [0, %.0f]", name, max);
    }
    if (max == 0 && ISNAN(x)) Rf_error("options$%s is NA", name);
    return x;
}

/* Sets the fields of an otc_sinkhorn_options or otc_sinkhorn_divergence_options (same fields)
 * named in the R list `opts`; an unknown name is an error. The callback is R's interrupt
 * check (every 10 iterations unless options$callback_every says otherwise). */
#define SET_SINKHORN_OPTIONS(o, opts)                                                        \
    do {                                                                                     \
        SEXP nm_ = Rf_getAttrib(opts, R_NamesSymbol);                                        \
        R_xlen_t k_;                                                                         \
        (o).callback = otcr_interrupt_callback;                                              \
        (o).callback_data = NULL;                                                            \
        (o).callback_every = 10;                                                             \
        if (!Rf_isNewList(opts)) Rf_error("options must be a list");                         \
        if (XLENGTH(opts) > 0 && Rf_isNull(nm_)) Rf_error("options must be a named list");   \
        for (k_ = 0; k_ < XLENGTH(opts); k_++) {                                             \
            const char *n_ = CHAR(STRING_ELT(nm_, k_));                                      \
            SEXP v_ = VECTOR_ELT(opts, k_);                                                  \
            if (!strcmp(n_, "num_threads")) (o).num_threads = (uint32_t)option_number(v_, n_, 4294967295.0); \
            else if (!strcmp(n_, "symmetric")) (o).symmetric = (uint32_t)option_number(v_, n_, 4294967295.0); \
            else if (!strcmp(n_, "epsilon")) (o).epsilon = option_number(v_, n_, 0);         \
            else if (!strcmp(n_, "tolerance")) (o).tolerance = option_number(v_, n_, 0);     \
            else if (!strcmp(n_, "max_iter")) (o).max_iter = (uint64_t)option_number(v_, n_, 9007199254740992.0); \
            else if (!strcmp(n_, "check_every")) (o).check_every = (uint64_t)option_number(v_, n_, 9007199254740992.0); \
            else if (!strcmp(n_, "path")) (o).path = (int32_t)option_number(v_, n_, 2147483647.0); \
            else if (!strcmp(n_, "penalty")) (o).penalty = (int32_t)option_number(v_, n_, 2147483647.0); \
            else if (!strcmp(n_, "rho_a")) (o).rho_a = option_number(v_, n_, 0);             \
            else if (!strcmp(n_, "rho_b")) (o).rho_b = option_number(v_, n_, 0);             \
            else if (!strcmp(n_, "mass_tolerance")) (o).mass_tolerance = option_number(v_, n_, 0); \
            else if (!strcmp(n_, "over_relaxation")) (o).over_relaxation = option_number(v_, n_, 0); \
            else if (!strcmp(n_, "kernel_memory_cap")) (o).kernel_memory_cap = (size_t)option_number(v_, n_, 9007199254740992.0); \
            else if (!strcmp(n_, "eps_scaling_steps")) (o).eps_scaling_steps = (uint64_t)option_number(v_, n_, 9007199254740992.0); \
            else if (!strcmp(n_, "eps_scaling_iters")) (o).eps_scaling_iters = (uint64_t)option_number(v_, n_, 9007199254740992.0); \
            else if (!strcmp(n_, "eps_scaling_start")) (o).eps_scaling_start = option_number(v_, n_, 0); \
            else if (!strcmp(n_, "callback_every")) (o).callback_every = (uint64_t)option_number(v_, n_, 9007199254740992.0); \
            else Rf_error("options$%s is not a field of the Sinkhorn options", n_);          \
        }                                                                                    \
    } while (0)

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
SEXP otc_r_sinkhorn(SEXP a, SEXP b, SEXP cost, SEXP x, SEXP y, SEXP eps, SEXP options,
                    SEXP init_f, SEXP init_g, SEXP want) {
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
    check_status(otc_sinkhorn_options_default(&o), "otc_sinkhorn_options_default");
    SET_SINKHORN_OPTIONS(o, options);
    o.epsilon = Rf_asReal(eps);
    out = PROTECT(named_list(15, names));
    r.f = vector_output(out, 0, 1, n);
    r.g = vector_output(out, 1, 1, m);
    r.plan = matrix_output(out, 9, w[0] == TRUE, n, m);
    r.map = matrix_output(out, 10, w[1] == TRUE, n, d);
    r.grad_x = matrix_output(out, 11, w[2] == TRUE, n, d);
    r.grad_y = matrix_output(out, 12, w[2] == TRUE, m, d);
    r.grad_a = vector_output(out, 13, w[2] == TRUE, n);
    r.grad_b = vector_output(out, 14, w[2] == TRUE, m);
    st = otc_sinkhorn_f64(&p, &r, &o, (otc_workspace){NULL, 0});
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
                               SEXP eps, SEXP options, SEXP gradients) {
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
    check_status(otc_sinkhorn_divergence_options_default(&o),
                 "otc_sinkhorn_divergence_options_default");
    SET_SINKHORN_OPTIONS(o, options);
    o.epsilon = Rf_asReal(eps);
    out = PROTECT(named_list(12, names));
    r.grad_x = matrix_output(out, 8, grads, n, d);
    r.grad_y = matrix_output(out, 9, grads, m, d);
    r.grad_a = vector_output(out, 10, grads, n);
    r.grad_b = vector_output(out, 11, grads, m);
    st = otc_sinkhorn_divergence_f64(&p, &r, &o, (otc_workspace){NULL, 0});
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

/* ---- semi-discrete (ABI 1 shape) ---------------------------------------------------------- */

/* The element `name` of the named list `opts` (R/ot.R has checked the names), or NULL. */
static SEXP opt_elt(SEXP opts, const char *name) {
    SEXP names = Rf_getAttrib(opts, R_NamesSymbol);
    for (R_xlen_t k = 0; k < XLENGTH(opts); k++) {
        if (strcmp(CHAR(STRING_ELT(names, k)), name) == 0) return VECTOR_ELT(opts, k);
    }
    return R_NilValue;
}
#define SET_REAL(o, opts, f) do { SEXP v_ = opt_elt(opts, #f); if (!Rf_isNull(v_)) (o).f = Rf_asReal(v_); } while (0)
#define SET_COUNT(o, opts, f, T) do { SEXP v_ = opt_elt(opts, #f); if (!Rf_isNull(v_)) (o).f = (T)Rf_asReal(v_); } while (0)


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
    check_status(otc_laguerre_assign_options_default(&o), "otc_laguerre_assign_options_default");
    SET_COUNT(o, opts, num_threads, uint32_t);
    cells = Rf_allocVector(INTSXP, (R_xlen_t)vp.rows);
    SET_VECTOR_ELT(out, 0, cells);
    masses = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 1, masses);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.cells = c;
    r.masses = REAL(masses);
    check_status(otc_laguerre_assign_f64(&p, &r, &o, NO_WORK), "otc_laguerre_assign_f64");
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
    check_status(otc_semidiscrete_options_default(&o), "otc_semidiscrete_options_default");
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1;
    SET_COUNT(o, opts, num_threads, uint32_t);
    SET_COUNT(o, opts, method, int32_t);
    SET_COUNT(o, opts, max_iter, uint64_t);
    SET_REAL(o, opts, tol);
    SET_REAL(o, opts, step);
    SET_REAL(o, opts, epsilon);
    SET_COUNT(o, opts, callback_every, uint64_t);
    g = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 0, g);
    masses = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 1, masses);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.g = REAL(g);
    r.masses = REAL(masses);
    st = otc_semidiscrete_f64(&p, &r, &o, NO_WORK);
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
    check_status(otc_semidiscrete_sgd_options_default(&o), "otc_semidiscrete_sgd_options_default");
    o.callback = otcr_interrupt_callback;
    o.callback_every = 100;
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
    SET_COUNT(o, opts, num_threads, uint32_t);
    SET_COUNT(o, opts, iterations, uint64_t);
    SET_COUNT(o, opts, batch, size_t);
    SET_REAL(o, opts, step);
    SET_COUNT(o, opts, seed, uint64_t);
    SET_COUNT(o, opts, callback_every, uint64_t);
    if (p.sample != NULL) o.num_threads = 1; /* the sampler is R code: the calling thread only */
    g = Rf_allocVector(REALSXP, (R_xlen_t)vs.rows);
    SET_VECTOR_ELT(out, 0, g);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.g = REAL(g);
    st = otc_semidiscrete_sgd_f64(&p, &r, &o, NO_WORK);
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
    check_status(otc_lloyd_options_default(&o), "otc_lloyd_options_default");
    o.callback = otcr_interrupt_callback;
    o.callback_every = 1;
    SET_COUNT(o, opts, num_threads, uint32_t);
    SET_COUNT(o, opts, max_iter, uint64_t);
    SET_REAL(o, opts, tol);
    SET_COUNT(o, opts, callback_every, uint64_t);
    moved = Rf_allocMatrix(REALSXP, Rf_nrows(sites), Rf_ncols(sites));
    SET_VECTOR_ELT(out, 0, moved);
    memset(&r, 0, sizeof r);
    r.struct_size = sizeof r;
    r.sites = wview(moved);
    st = otc_lloyd_f64(&p, &r, &o, NO_WORK);
    check_status(st, "otc_lloyd_f64");
    SET_VECTOR_ELT(out, 1, Rf_ScalarReal(r.distortion));
    set_report_without_path(out, 2, r.report);
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
    opts.callback = otcr_interrupt_callback; /* Ctrl-C stops the batch */
    opts.callback_every = 1;
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

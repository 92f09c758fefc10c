/* .Call glue between R and the otcore C ABI. R matrices are column-major doubles: they cross
 * as strided views (row_stride 1, col_stride nrow) without copies. Errors become R errors
 * carrying otcore's status text and message. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <R.h>
#include <Rinternals.h>
#include "otcore.h"
#include "otcore_r.h"
#include "otcore_options.h"

/* Raises an R error for an error status: otcore's detail (which names the C function) and
 * the status text, "otc_f: x[(1, 0)] is NaN ... (input holds NaN or infinity)"; "<fn>: <status
 * text>" when there is no detail. */
void check_status(otc_status status, const char *fn) {
    if (status == OTC_WARN_CANCELLED) Rf_error("%s: interrupted by the user", fn);
    if (status >= 100) {
        const char *detail = otc_last_error_message(); /* first: this thread's last call */
        if (detail[0] != '\0') Rf_error("%s (%s)", detail, otc_status_message(status));
        Rf_error("%s: %s", fn, otc_status_message(status));
    }
}

/* R_CheckUserInterrupt() longjmps when the user pressed Ctrl-C; R_ToplevelExec catches that
 * jump, so no longjmp ever crosses otcore's (Rust) frames. */
static void check_interrupt(void *unused) {
    (void)unused;
    R_CheckUserInterrupt();
}

int32_t otcr_interrupt_callback(void *data, uint64_t iteration, double error) {
    (void)data;
    (void)iteration;
    (void)error;
    return R_ToplevelExec(check_interrupt, NULL) ? 0 : 1;
}

SEXP otc_r_version(void) {
    SEXP out = PROTECT(Rf_allocVector(STRSXP, 1));
    SET_STRING_ELT(out, 0, Rf_mkChar(otc_version_string()));
    if (otc_version_number() != OTC_VERSION_NUMBER) {
        UNPROTECT(1);
        Rf_error("otcore library %s does not match the header the package was built with",
                 otc_version_string());
    }
    UNPROTECT(1);
    return out;
}

/* Raises the R error otcore's status would raise (used to test the error path). */
SEXP otc_r_check_status(SEXP status) {
    check_status((otc_status)Rf_asInteger(status), "otc_r_check_status");
    return R_NilValue;
}

/* A double matrix (or vector, as a column) as a read-only column-major view. */
otc_matrix_f64 rview(SEXP a, const char *what) {
    otc_matrix_f64 v;
    if (!Rf_isReal(a)) Rf_error("%s must be a double matrix", what);
    v.data = REAL(a);
    v.rows = (size_t)(Rf_isMatrix(a) ? Rf_nrows(a) : XLENGTH(a));
    v.cols = (size_t)(Rf_isMatrix(a) ? Rf_ncols(a) : 1);
    v.row_stride = 1;
    v.col_stride = (ptrdiff_t)v.rows;
    return v;
}

otc_matrix_mut_f64 wview(SEXP a) {
    otc_matrix_mut_f64 v;
    v.data = REAL(a);
    v.rows = (size_t)Rf_nrows(a);
    v.cols = (size_t)Rf_ncols(a);
    v.row_stride = 1;
    v.col_stride = (ptrdiff_t)v.rows;
    return v;
}

otc_matrix_mut_f64 no_output(void) {
    otc_matrix_mut_f64 v;
    memset(&v, 0, sizeof v);
    return v;
}

/* A double vector of length n (NULL for R's NULL when optional). */
const double *dvec(SEXP v, R_xlen_t n, const char *what, int optional) {
    if (optional && Rf_isNull(v)) return NULL;
    if (!Rf_isReal(v) || XLENGTH(v) != n) {
        Rf_error("%s must be a double vector of length %lld", what, (long long)n);
    }
    return REAL(v);
}

SEXP named_list(int n, const char **names) {
    SEXP out = PROTECT(Rf_allocVector(VECSXP, n));
    SEXP nm = PROTECT(Rf_allocVector(STRSXP, n));
    for (int i = 0; i < n; i++) SET_STRING_ELT(nm, i, Rf_mkChar(names[i]));
    Rf_setAttrib(out, R_NamesSymbol, nm);
    UNPROTECT(2);
    return out;
}

/* The k double matrices of an R list as views (see otcore_r.h). */
otc_matrix_f64 *matrix_views(SEXP list, R_xlen_t k, const char *what) {
    otc_matrix_f64 *v;
    if (!Rf_isNewList(list) || XLENGTH(list) != k) {
        Rf_error("%s must be a list of %lld matrices", what, (long long)k);
    }
    v = (otc_matrix_f64 *)R_alloc((size_t)(k > 0 ? k : 1), sizeof *v);
    for (R_xlen_t i = 0; i < k; i++) v[i] = rview(VECTOR_ELT(list, i), what);
    return v;
}

SEXP otc_r_cost_matrix(SEXP x, SEXP y, SEXP options) {
#ifdef OTC_METRIC_SQEUCLIDEAN
    otc_cost_matrix_options opts;
    otc_cost_matrix_problem_f64 problem;
    otc_cost_matrix_outputs_f64 res;
    otc_status st;
    SEXP out;
    if (!Rf_isReal(x) || !Rf_isMatrix(x) || !Rf_isReal(y) || !Rf_isMatrix(y)) {
        Rf_error("x and y must be double matrices");
    }
    OTCR_DEFAULT_OPTIONS(cost_matrix, opts);
    OTCR_SET_OPTIONS(cost_matrix, opts, options);
    problem.struct_size = sizeof problem;
    problem.x = rview(x, "x");
    problem.y = rview(y, "y");
    out = PROTECT(Rf_allocMatrix(REALSXP, Rf_nrows(x), Rf_nrows(y)));
    memset(&res, 0, sizeof res);
    res.struct_size = sizeof res;
    res.cost = wview(out);
    st = otc_cost_matrix_f64(&problem, &res, &opts, OTCR_NO_WORK);
    UNPROTECT(1);
    check_status(st, "otc_cost_matrix_f64");
    return out;
#else
    (void)x; (void)y; (void)options;
    Rf_error("this otcore library has no cost matrices");
    return R_NilValue;
#endif
}

/* The C type and the whole numbers R may give for an integer option kind (R's doubles hold
 * integers exactly up to 2^53). */
static const char *kind_type(otcr_option_kind kind, double *lo, double *hi) {
    *lo = 0;
    *hi = 9007199254740992.0;
    switch (kind) {
    case OTCR_U32: *hi = 4294967295.0; return "uint32_t";
    case OTCR_I32: *lo = -2147483648.0; *hi = 2147483647.0; return "int32_t";
    case OTCR_U64: return "uint64_t";
    case OTCR_SIZE: return "size_t";
    case OTCR_DOUBLE: break;
    }
    return "double";
}

/* Raises the R error for an options name that is none of the `n` `fields`, listing them. */
static void unknown_field(const char *fn, const char *name, const otcr_option_field *fields,
                          size_t n) {
    char known[2048];
    size_t used = 0, k;
    known[0] = '\0';
    for (k = 0; k < n && used < sizeof known; k++) {
        int w = snprintf(known + used, sizeof known - used, "%s%s", k > 0 ? ", " : "",
                         fields[k].name);
        if (w < 0) break;
        used += (size_t)w;
    }
    Rf_error("%s: options has no field \"%s\" (its fields: %s)", fn, name, known);
}

void otcr_set_options(void *opts, SEXP options, const otcr_option_field *fields, size_t n,
                      const char *fn) {
    SEXP names;
    R_xlen_t len, i;
    if (Rf_isNull(options)) return;
    if (!Rf_isNewList(options)) Rf_error("%s: options must be a list", fn);
    names = Rf_getAttrib(options, R_NamesSymbol);
    len = XLENGTH(options);
    if (len > 0 && Rf_isNull(names)) Rf_error("%s: options must be a named list", fn);
    for (i = 0; i < len; i++) {
        const char *name = CHAR(STRING_ELT(names, i)), *type;
        SEXP v = VECTOR_ELT(options, i);
        char *at;
        size_t k = 0;
        double x, lo, hi;
        while (k < n && strcmp(fields[k].name, name) != 0) k++;
        if (k == n) unknown_field(fn, name, fields, n);
        if (!Rf_isNumeric(v) || XLENGTH(v) != 1) Rf_error("%s: options$%s must be one number", fn, name);
        x = Rf_asReal(v);
        if (ISNAN(x)) Rf_error("%s: options$%s is NA", fn, name);
        at = (char *)opts + fields[k].offset;
        type = kind_type(fields[k].kind, &lo, &hi);
        if (fields[k].kind == OTCR_DOUBLE) {
            *(double *)at = x;
            continue;
        }
        if (x != floor(x) || x < lo || x > hi) {
            Rf_error("%s: options$%s = %g must be a whole number in [%.0f, %.0f] (%s)", fn, name,
                     x, lo, hi, type);
        }
        switch (fields[k].kind) {
        case OTCR_U32: *(uint32_t *)at = (uint32_t)x; break;
        case OTCR_I32: *(int32_t *)at = (int32_t)x; break;
        case OTCR_U64: *(uint64_t *)at = (uint64_t)x; break;
        case OTCR_SIZE: *(size_t *)at = (size_t)x; break;
        case OTCR_DOUBLE: break;
        }
    }
}

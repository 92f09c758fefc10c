/* .Call glue between R and the otcore C ABI. R matrices are column-major doubles: they cross
 * as strided views (row_stride 1, col_stride nrow) without copies. Errors become R errors
 * carrying otcore's status text and message. */
#include <string.h>
#include <R.h>
#include <Rinternals.h>
#include "otcore.h"
#include "otcore_r.h"

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

/* The capabilities this build was compiled with (its otcore.h declared them). */
SEXP otc_r_capabilities(void) {
    int n = 0;
    SEXP out = PROTECT(Rf_allocVector(STRSXP, 6));
#ifdef OTC_METRIC_SQEUCLIDEAN
    SET_STRING_ELT(out, n++, Rf_mkChar("cost"));
#endif
    /* otcore_ot.c needs these families' entry points to compile. */
    SET_STRING_ELT(out, n++, Rf_mkChar("exact"));
    SET_STRING_ELT(out, n++, Rf_mkChar("sinkhorn"));
    SET_STRING_ELT(out, n++, Rf_mkChar("gaussian"));
    SET_STRING_ELT(out, n++, Rf_mkChar("semidiscrete"));
    SET_STRING_ELT(out, n++, Rf_mkChar("barycenter"));
    out = Rf_lengthgets(out, n);
    UNPROTECT(1);
    return out;
}

/* Raises the R error otcore's status would raise (used to test the error path). */
SEXP otc_r_check_status(SEXP status) {
    check_status((otc_status)Rf_asInteger(status), "otc_r_check_status");
    return R_NilValue;
}

#ifdef OTC_METRIC_SQEUCLIDEAN
static otc_matrix_f64 view(SEXP a) {
    otc_matrix_f64 v;
    v.data = REAL(a);
    v.rows = (size_t)Rf_nrows(a);
    v.cols = (size_t)Rf_ncols(a);
    v.row_stride = 1;
    v.col_stride = (intptr_t)Rf_nrows(a);
    return v;
}

static int32_t metric_code(const char *name) {
    if (strcmp(name, "sqeuclidean") == 0) return OTC_METRIC_SQEUCLIDEAN;
    if (strcmp(name, "euclidean") == 0) return OTC_METRIC_EUCLIDEAN;
    if (strcmp(name, "minkowski") == 0) return OTC_METRIC_MINKOWSKI;
    if (strcmp(name, "cosine") == 0) return OTC_METRIC_COSINE;
    Rf_error("unknown metric '%s'", name);
    return -1;
}
#endif

SEXP otc_r_cost_matrix(SEXP x, SEXP y, SEXP metric, SEXP p, SEXP threads) {
#ifdef OTC_METRIC_SQEUCLIDEAN
    otc_cost_options opts;
    otc_matrix_mut_f64 outv;
    otc_status st;
    SEXP out;
    if (!Rf_isReal(x) || !Rf_isMatrix(x) || !Rf_isReal(y) || !Rf_isMatrix(y)) {
        Rf_error("x and y must be double matrices");
    }
    check_status(otc_cost_options_default(&opts), "otc_cost_options_default");
    opts.metric = metric_code(CHAR(STRING_ELT(metric, 0)));
    opts.p = Rf_asReal(p);
    opts.num_threads = (uint32_t)Rf_asInteger(threads);
    out = PROTECT(Rf_allocMatrix(REALSXP, Rf_nrows(x), Rf_nrows(y)));
    outv.data = REAL(out);
    outv.rows = (size_t)Rf_nrows(x);
    outv.cols = (size_t)Rf_nrows(y);
    outv.row_stride = 1;
    outv.col_stride = (intptr_t)Rf_nrows(x);
    st = otc_cost_matrix_f64(view(x), view(y), outv, &opts, NULL, 0);
    UNPROTECT(1);
    check_status(st, "otc_cost_matrix_f64");
    return out;
#else
    (void)x; (void)y; (void)metric; (void)p; (void)threads;
    Rf_error("this otcore library has no cost matrices");
    return R_NilValue;
#endif
}

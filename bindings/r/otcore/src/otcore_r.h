/* .Call entry points of the otcore R package (registered in init.c). */
#ifndef OTCORE_R_H
#define OTCORE_R_H
#include <Rinternals.h>

SEXP otc_r_version(void);
SEXP otc_r_capabilities(void);
SEXP otc_r_check_status(SEXP status);
SEXP otc_r_cost_matrix(SEXP x, SEXP y, SEXP metric, SEXP p, SEXP threads);

#endif

/* Registration of the package's .Call entry points (no dynamic symbol lookup). */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>
#include "otcore_r.h"

static const R_CallMethodDef call_methods[] = {
    {"otc_r_version", (DL_FUNC)&otc_r_version, 0},
    {"otc_r_capabilities", (DL_FUNC)&otc_r_capabilities, 0},
    {"otc_r_check_status", (DL_FUNC)&otc_r_check_status, 1},
    {"otc_r_cost_matrix", (DL_FUNC)&otc_r_cost_matrix, 5},
    {NULL, NULL, 0}};

void R_init_otcore(DllInfo *dll) {
    R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
    R_forceSymbols(dll, TRUE);
}

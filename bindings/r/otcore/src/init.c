/* GENERATED from bindings/r/otcore/src/otcore_r.h by abi-gen (cargo run -p
 * otcore-abi-gen). Do not edit: declare a new routine in otcore_r.h and regenerate. */
/* Registration of the package's .Call entry points (no dynamic symbol lookup): every
 * `SEXP otc_r_*(...)` routine declared in otcore_r.h, with its number of arguments. */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>
#include "otcore_r.h"

static const R_CallMethodDef call_methods[] = {
    {"otc_r_version", (DL_FUNC)&otc_r_version, 0},
    {"otc_r_check_status", (DL_FUNC)&otc_r_check_status, 1},
    {"otc_r_cost_matrix", (DL_FUNC)&otc_r_cost_matrix, 3},
    {"otc_r_emd", (DL_FUNC)&otc_r_emd, 6},
    {"otc_r_sinkhorn", (DL_FUNC)&otc_r_sinkhorn, 9},
    {"otc_r_sinkhorn_divergence", (DL_FUNC)&otc_r_sinkhorn_divergence, 9},
    {"otc_r_sinkhorn_block_step", (DL_FUNC)&otc_r_sinkhorn_block_step, 9},
    {"otc_r_lse_pair_merge", (DL_FUNC)&otc_r_lse_pair_merge, 2},
    {"otc_r_sinkhorn_block_column_update", (DL_FUNC)&otc_r_sinkhorn_block_column_update, 2},
    {"otc_r_sinkhorn_block_workspace_sizes", (DL_FUNC)&otc_r_sinkhorn_block_workspace_sizes, 3},
    {"otc_r_bures", (DL_FUNC)&otc_r_bures, 3},
    {"otc_r_gaussian_w2", (DL_FUNC)&otc_r_gaussian_w2, 6},
    {"otc_r_gaussian_w2_pairwise", (DL_FUNC)&otc_r_gaussian_w2_pairwise, 5},
    {"otc_r_gaussian_map", (DL_FUNC)&otc_r_gaussian_map, 5},
    {"otc_r_gaussian_map_apply", (DL_FUNC)&otc_r_gaussian_map_apply, 4},
    {"otc_r_gaussian_geodesic", (DL_FUNC)&otc_r_gaussian_geodesic, 6},
    {"otc_r_gaussian_barycenter", (DL_FUNC)&otc_r_gaussian_barycenter, 4},
    {"otc_r_gaussian_moments", (DL_FUNC)&otc_r_gaussian_moments, 3},
    {"otc_r_psd_sqrt", (DL_FUNC)&otc_r_psd_sqrt, 2},
    {"otc_r_laguerre_assign", (DL_FUNC)&otc_r_laguerre_assign, 5},
    {"otc_r_semidiscrete", (DL_FUNC)&otc_r_semidiscrete, 6},
    {"otc_r_semidiscrete_sgd", (DL_FUNC)&otc_r_semidiscrete_sgd, 7},
    {"otc_r_lloyd", (DL_FUNC)&otc_r_lloyd, 4},
    {"otc_r_barycenter", (DL_FUNC)&otc_r_barycenter, 6},
    {"otc_r_wasserstein_1d", (DL_FUNC)&otc_r_wasserstein_1d, 6},
    {"otc_r_quantile_1d", (DL_FUNC)&otc_r_quantile_1d, 4},
    {"otc_r_barycenter_1d", (DL_FUNC)&otc_r_barycenter_1d, 6},
    {"otc_r_wasserstein_flow_step", (DL_FUNC)&otc_r_wasserstein_flow_step, 6},
    {"otc_r_mmd_flow_step", (DL_FUNC)&otc_r_mmd_flow_step, 6},
    {"otc_r_jko_step", (DL_FUNC)&otc_r_jko_step, 6},
    {"otc_r_free_support_barycenter", (DL_FUNC)&otc_r_free_support_barycenter, 7},
    {"otc_r_plan_position_gradient", (DL_FUNC)&otc_r_plan_position_gradient, 4},
    {"otc_r_displacement_interpolation", (DL_FUNC)&otc_r_displacement_interpolation, 5},
    {"otc_r_sliced_wasserstein", (DL_FUNC)&otc_r_sliced_wasserstein, 7},
    {"otc_r_emd_batch", (DL_FUNC)&otc_r_emd_batch, 4},
    {"otc_r_assignment", (DL_FUNC)&otc_r_assignment, 2},
    {"otc_r_emd_grid", (DL_FUNC)&otc_r_emd_grid, 5},
    {"otc_r_emd_points", (DL_FUNC)&otc_r_emd_points, 5},
    {"otc_r_emd_partial", (DL_FUNC)&otc_r_emd_partial, 5},
    {"otc_r_sinkhorn_partial", (DL_FUNC)&otc_r_sinkhorn_partial, 5},
    {"otc_r_emd_unbalanced_tv", (DL_FUNC)&otc_r_emd_unbalanced_tv, 5},
    {NULL, NULL, 0}};

void R_init_otcore(DllInfo *dll) {
    R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
    R_forceSymbols(dll, TRUE);
}

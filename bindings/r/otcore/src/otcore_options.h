/* GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit. */
/* Setters of every operation's options struct from an R list named by the C fields. */
#ifndef OTCORE_OPTIONS_H
#define OTCORE_OPTIONS_H
#include <Rinternals.h>
#include "otcore.h"

/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_assignment_options(otc_assignment_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_barycenter_options(otc_barycenter_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_convolutional_barycenter_options(otc_convolutional_barycenter_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_free_support_barycenter_options(otc_free_support_barycenter_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_cost_matrix_options(otc_cost_matrix_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_emd_grid_options(otc_emd_grid_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_emd_partial_options(otc_emd_partial_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_emd_unbalanced_tv_options(otc_emd_unbalanced_tv_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_emd_points_options(otc_emd_points_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_emd_options(otc_emd_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_emd_batch_options(otc_emd_batch_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_wasserstein_1d_options(otc_wasserstein_1d_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_sliced_wasserstein_options(otc_sliced_wasserstein_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_wasserstein_flow_step_options(otc_wasserstein_flow_step_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_mmd_flow_step_options(otc_mmd_flow_step_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_jko_step_options(otc_jko_step_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_bures_options(otc_bures_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_w2_options(otc_gaussian_w2_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_entropic_w2_options(otc_gaussian_entropic_w2_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_w2_pairwise_options(otc_gaussian_w2_pairwise_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_map_options(otc_gaussian_map_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_map_apply_options(otc_gaussian_map_apply_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_geodesic_options(otc_gaussian_geodesic_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_barycenter_options(otc_gaussian_barycenter_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_gaussian_moments_options(otc_gaussian_moments_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_psd_sqrt_options(otc_psd_sqrt_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_plan_position_gradient_options(otc_plan_position_gradient_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_displacement_interpolation_options(otc_displacement_interpolation_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_quantile_1d_options(otc_quantile_1d_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_barycenter_1d_options(otc_barycenter_1d_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_laguerre_assign_options(otc_laguerre_assign_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_semidiscrete_options(otc_semidiscrete_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_semidiscrete_sgd_options(otc_semidiscrete_sgd_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_lloyd_options(otc_lloyd_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_sinkhorn_options(otc_sinkhorn_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_sinkhorn_divergence_options(otc_sinkhorn_divergence_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_sinkhorn_block_step_options(otc_sinkhorn_block_step_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_sinkhorn_block_column_update_options(otc_sinkhorn_block_column_update_options *opts, SEXP options, const char *fn);
/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad
 * value is an R error naming `fn`. */
void otcr_set_sinkhorn_partial_options(otc_sinkhorn_partial_options *opts, SEXP options, const char *fn);

#endif

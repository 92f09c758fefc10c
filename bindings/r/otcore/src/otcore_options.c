/* GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit. */
#include <stddef.h>
#include "otcore_r.h"
#include "otcore_options.h"

static const otcr_option_field assignment_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_assignment_options, num_threads)},
    {"callback_every", OTCR_U64, offsetof(otc_assignment_options, callback_every)},
};
void otcr_set_assignment_options(otc_assignment_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, assignment_fields,
                     sizeof assignment_fields / sizeof assignment_fields[0], fn);
}

static const otcr_option_field barycenter_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_barycenter_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_barycenter_options, max_iter)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_barycenter_options, epsilon)},
    {"tol", OTCR_DOUBLE, offsetof(otc_barycenter_options, tol)},
    {"callback_every", OTCR_U64, offsetof(otc_barycenter_options, callback_every)},
};
void otcr_set_barycenter_options(otc_barycenter_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, barycenter_fields,
                     sizeof barycenter_fields / sizeof barycenter_fields[0], fn);
}

static const otcr_option_field convolutional_barycenter_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_convolutional_barycenter_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_convolutional_barycenter_options, max_iter)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_convolutional_barycenter_options, epsilon)},
    {"tol", OTCR_DOUBLE, offsetof(otc_convolutional_barycenter_options, tol)},
    {"callback_every", OTCR_U64, offsetof(otc_convolutional_barycenter_options, callback_every)},
};
void otcr_set_convolutional_barycenter_options(otc_convolutional_barycenter_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, convolutional_barycenter_fields,
                     sizeof convolutional_barycenter_fields / sizeof convolutional_barycenter_fields[0], fn);
}

static const otcr_option_field free_support_barycenter_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_free_support_barycenter_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_free_support_barycenter_options, max_iter)},
    {"tol", OTCR_DOUBLE, offsetof(otc_free_support_barycenter_options, tol)},
    {"inner", OTCR_I32, offsetof(otc_free_support_barycenter_options, inner)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_free_support_barycenter_options, epsilon)},
    {"inner_max_iter", OTCR_U64, offsetof(otc_free_support_barycenter_options, inner_max_iter)},
    {"inner_tolerance", OTCR_DOUBLE, offsetof(otc_free_support_barycenter_options, inner_tolerance)},
    {"callback_every", OTCR_U64, offsetof(otc_free_support_barycenter_options, callback_every)},
};
void otcr_set_free_support_barycenter_options(otc_free_support_barycenter_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, free_support_barycenter_fields,
                     sizeof free_support_barycenter_fields / sizeof free_support_barycenter_fields[0], fn);
}

static const otcr_option_field cost_matrix_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_cost_matrix_options, num_threads)},
    {"metric", OTCR_I32, offsetof(otc_cost_matrix_options, metric)},
    {"p", OTCR_DOUBLE, offsetof(otc_cost_matrix_options, p)},
};
void otcr_set_cost_matrix_options(otc_cost_matrix_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, cost_matrix_fields,
                     sizeof cost_matrix_fields / sizeof cost_matrix_fields[0], fn);
}

static const otcr_option_field emd_grid_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_emd_grid_options, num_threads)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_emd_grid_options, mass_tolerance)},
    {"arcs_per_node", OTCR_SIZE, offsetof(otc_emd_grid_options, arcs_per_node)},
    {"callback_every", OTCR_U64, offsetof(otc_emd_grid_options, callback_every)},
};
void otcr_set_emd_grid_options(otc_emd_grid_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, emd_grid_fields,
                     sizeof emd_grid_fields / sizeof emd_grid_fields[0], fn);
}

static const otcr_option_field emd_partial_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_emd_partial_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_emd_partial_options, max_iter)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_emd_partial_options, mass_tolerance)},
    {"callback_every", OTCR_U64, offsetof(otc_emd_partial_options, callback_every)},
};
void otcr_set_emd_partial_options(otc_emd_partial_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, emd_partial_fields,
                     sizeof emd_partial_fields / sizeof emd_partial_fields[0], fn);
}

static const otcr_option_field emd_unbalanced_tv_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_emd_unbalanced_tv_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_emd_unbalanced_tv_options, max_iter)},
    {"callback_every", OTCR_U64, offsetof(otc_emd_unbalanced_tv_options, callback_every)},
};
void otcr_set_emd_unbalanced_tv_options(otc_emd_unbalanced_tv_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, emd_unbalanced_tv_fields,
                     sizeof emd_unbalanced_tv_fields / sizeof emd_unbalanced_tv_fields[0], fn);
}

static const otcr_option_field emd_points_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_emd_points_options, num_threads)},
    {"metric", OTCR_I32, offsetof(otc_emd_points_options, metric)},
    {"p", OTCR_DOUBLE, offsetof(otc_emd_points_options, p)},
    {"max_iter", OTCR_U64, offsetof(otc_emd_points_options, max_iter)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_emd_points_options, mass_tolerance)},
    {"callback_every", OTCR_U64, offsetof(otc_emd_points_options, callback_every)},
};
void otcr_set_emd_points_options(otc_emd_points_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, emd_points_fields,
                     sizeof emd_points_fields / sizeof emd_points_fields[0], fn);
}

static const otcr_option_field emd_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_emd_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_emd_options, max_iter)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_emd_options, mass_tolerance)},
    {"callback_every", OTCR_U64, offsetof(otc_emd_options, callback_every)},
};
void otcr_set_emd_options(otc_emd_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, emd_fields,
                     sizeof emd_fields / sizeof emd_fields[0], fn);
}

static const otcr_option_field emd_batch_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_emd_batch_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_emd_batch_options, max_iter)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_emd_batch_options, mass_tolerance)},
    {"callback_every", OTCR_U64, offsetof(otc_emd_batch_options, callback_every)},
};
void otcr_set_emd_batch_options(otc_emd_batch_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, emd_batch_fields,
                     sizeof emd_batch_fields / sizeof emd_batch_fields[0], fn);
}

static const otcr_option_field wasserstein_1d_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_wasserstein_1d_options, num_threads)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_wasserstein_1d_options, mass_tolerance)},
};
void otcr_set_wasserstein_1d_options(otc_wasserstein_1d_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, wasserstein_1d_fields,
                     sizeof wasserstein_1d_fields / sizeof wasserstein_1d_fields[0], fn);
}

static const otcr_option_field sliced_wasserstein_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_sliced_wasserstein_options, num_threads)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_sliced_wasserstein_options, mass_tolerance)},
    {"num_directions", OTCR_SIZE, offsetof(otc_sliced_wasserstein_options, num_directions)},
    {"seed", OTCR_U64, offsetof(otc_sliced_wasserstein_options, seed)},
};
void otcr_set_sliced_wasserstein_options(otc_sliced_wasserstein_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, sliced_wasserstein_fields,
                     sizeof sliced_wasserstein_fields / sizeof sliced_wasserstein_fields[0], fn);
}

static const otcr_option_field wasserstein_flow_step_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_wasserstein_flow_step_options, num_threads)},
    {"step", OTCR_DOUBLE, offsetof(otc_wasserstein_flow_step_options, step)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_wasserstein_flow_step_options, epsilon)},
    {"tolerance", OTCR_DOUBLE, offsetof(otc_wasserstein_flow_step_options, tolerance)},
    {"max_iter", OTCR_U64, offsetof(otc_wasserstein_flow_step_options, max_iter)},
    {"check_every", OTCR_U64, offsetof(otc_wasserstein_flow_step_options, check_every)},
    {"callback_every", OTCR_U64, offsetof(otc_wasserstein_flow_step_options, callback_every)},
};
void otcr_set_wasserstein_flow_step_options(otc_wasserstein_flow_step_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, wasserstein_flow_step_fields,
                     sizeof wasserstein_flow_step_fields / sizeof wasserstein_flow_step_fields[0], fn);
}

static const otcr_option_field mmd_flow_step_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_mmd_flow_step_options, num_threads)},
    {"kernel", OTCR_I32, offsetof(otc_mmd_flow_step_options, kernel)},
    {"step", OTCR_DOUBLE, offsetof(otc_mmd_flow_step_options, step)},
    {"sigma", OTCR_DOUBLE, offsetof(otc_mmd_flow_step_options, sigma)},
};
void otcr_set_mmd_flow_step_options(otc_mmd_flow_step_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, mmd_flow_step_fields,
                     sizeof mmd_flow_step_fields / sizeof mmd_flow_step_fields[0], fn);
}

static const otcr_option_field jko_step_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_jko_step_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_jko_step_options, max_iter)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_jko_step_options, epsilon)},
    {"step", OTCR_DOUBLE, offsetof(otc_jko_step_options, step)},
    {"tol", OTCR_DOUBLE, offsetof(otc_jko_step_options, tol)},
    {"callback_every", OTCR_U64, offsetof(otc_jko_step_options, callback_every)},
};
void otcr_set_jko_step_options(otc_jko_step_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, jko_step_fields,
                     sizeof jko_step_fields / sizeof jko_step_fields[0], fn);
}

static const otcr_option_field bures_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_bures_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_bures_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_bures_options, psd_tol)},
};
void otcr_set_bures_options(otc_bures_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, bures_fields,
                     sizeof bures_fields / sizeof bures_fields[0], fn);
}

static const otcr_option_field gaussian_w2_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_w2_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_gaussian_w2_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_gaussian_w2_options, psd_tol)},
};
void otcr_set_gaussian_w2_options(otc_gaussian_w2_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_w2_fields,
                     sizeof gaussian_w2_fields / sizeof gaussian_w2_fields[0], fn);
}

static const otcr_option_field gaussian_entropic_w2_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_entropic_w2_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_gaussian_entropic_w2_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_gaussian_entropic_w2_options, psd_tol)},
};
void otcr_set_gaussian_entropic_w2_options(otc_gaussian_entropic_w2_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_entropic_w2_fields,
                     sizeof gaussian_entropic_w2_fields / sizeof gaussian_entropic_w2_fields[0], fn);
}

static const otcr_option_field gaussian_w2_pairwise_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_w2_pairwise_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_gaussian_w2_pairwise_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_gaussian_w2_pairwise_options, psd_tol)},
};
void otcr_set_gaussian_w2_pairwise_options(otc_gaussian_w2_pairwise_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_w2_pairwise_fields,
                     sizeof gaussian_w2_pairwise_fields / sizeof gaussian_w2_pairwise_fields[0], fn);
}

static const otcr_option_field gaussian_map_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_map_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_gaussian_map_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_gaussian_map_options, psd_tol)},
    {"rank_tol", OTCR_DOUBLE, offsetof(otc_gaussian_map_options, rank_tol)},
};
void otcr_set_gaussian_map_options(otc_gaussian_map_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_map_fields,
                     sizeof gaussian_map_fields / sizeof gaussian_map_fields[0], fn);
}

static const otcr_option_field gaussian_map_apply_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_map_apply_options, num_threads)},
};
void otcr_set_gaussian_map_apply_options(otc_gaussian_map_apply_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_map_apply_fields,
                     sizeof gaussian_map_apply_fields / sizeof gaussian_map_apply_fields[0], fn);
}

static const otcr_option_field gaussian_geodesic_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_geodesic_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_gaussian_geodesic_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_gaussian_geodesic_options, psd_tol)},
    {"rank_tol", OTCR_DOUBLE, offsetof(otc_gaussian_geodesic_options, rank_tol)},
};
void otcr_set_gaussian_geodesic_options(otc_gaussian_geodesic_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_geodesic_fields,
                     sizeof gaussian_geodesic_fields / sizeof gaussian_geodesic_fields[0], fn);
}

static const otcr_option_field gaussian_barycenter_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_barycenter_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_gaussian_barycenter_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_gaussian_barycenter_options, psd_tol)},
    {"rank_tol", OTCR_DOUBLE, offsetof(otc_gaussian_barycenter_options, rank_tol)},
    {"tol", OTCR_DOUBLE, offsetof(otc_gaussian_barycenter_options, tol)},
    {"max_iter", OTCR_U64, offsetof(otc_gaussian_barycenter_options, max_iter)},
    {"callback_every", OTCR_U64, offsetof(otc_gaussian_barycenter_options, callback_every)},
};
void otcr_set_gaussian_barycenter_options(otc_gaussian_barycenter_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_barycenter_fields,
                     sizeof gaussian_barycenter_fields / sizeof gaussian_barycenter_fields[0], fn);
}

static const otcr_option_field gaussian_moments_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_gaussian_moments_options, num_threads)},
};
void otcr_set_gaussian_moments_options(otc_gaussian_moments_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, gaussian_moments_fields,
                     sizeof gaussian_moments_fields / sizeof gaussian_moments_fields[0], fn);
}

static const otcr_option_field psd_sqrt_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_psd_sqrt_options, num_threads)},
    {"symmetry_tol", OTCR_DOUBLE, offsetof(otc_psd_sqrt_options, symmetry_tol)},
    {"psd_tol", OTCR_DOUBLE, offsetof(otc_psd_sqrt_options, psd_tol)},
    {"rank_tol", OTCR_DOUBLE, offsetof(otc_psd_sqrt_options, rank_tol)},
};
void otcr_set_psd_sqrt_options(otc_psd_sqrt_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, psd_sqrt_fields,
                     sizeof psd_sqrt_fields / sizeof psd_sqrt_fields[0], fn);
}

static const otcr_option_field plan_position_gradient_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_plan_position_gradient_options, num_threads)},
    {"metric", OTCR_I32, offsetof(otc_plan_position_gradient_options, metric)},
    {"p", OTCR_DOUBLE, offsetof(otc_plan_position_gradient_options, p)},
};
void otcr_set_plan_position_gradient_options(otc_plan_position_gradient_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, plan_position_gradient_fields,
                     sizeof plan_position_gradient_fields / sizeof plan_position_gradient_fields[0], fn);
}

static const otcr_option_field displacement_interpolation_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_displacement_interpolation_options, num_threads)},
};
void otcr_set_displacement_interpolation_options(otc_displacement_interpolation_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, displacement_interpolation_fields,
                     sizeof displacement_interpolation_fields / sizeof displacement_interpolation_fields[0], fn);
}

static const otcr_option_field quantile_1d_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_quantile_1d_options, num_threads)},
};
void otcr_set_quantile_1d_options(otc_quantile_1d_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, quantile_1d_fields,
                     sizeof quantile_1d_fields / sizeof quantile_1d_fields[0], fn);
}

static const otcr_option_field barycenter_1d_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_barycenter_1d_options, num_threads)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_barycenter_1d_options, mass_tolerance)},
};
void otcr_set_barycenter_1d_options(otc_barycenter_1d_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, barycenter_1d_fields,
                     sizeof barycenter_1d_fields / sizeof barycenter_1d_fields[0], fn);
}

static const otcr_option_field laguerre_assign_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_laguerre_assign_options, num_threads)},
};
void otcr_set_laguerre_assign_options(otc_laguerre_assign_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, laguerre_assign_fields,
                     sizeof laguerre_assign_fields / sizeof laguerre_assign_fields[0], fn);
}

static const otcr_option_field semidiscrete_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_semidiscrete_options, num_threads)},
    {"method", OTCR_I32, offsetof(otc_semidiscrete_options, method)},
    {"max_iter", OTCR_U64, offsetof(otc_semidiscrete_options, max_iter)},
    {"tol", OTCR_DOUBLE, offsetof(otc_semidiscrete_options, tol)},
    {"step", OTCR_DOUBLE, offsetof(otc_semidiscrete_options, step)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_semidiscrete_options, epsilon)},
    {"callback_every", OTCR_U64, offsetof(otc_semidiscrete_options, callback_every)},
};
void otcr_set_semidiscrete_options(otc_semidiscrete_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, semidiscrete_fields,
                     sizeof semidiscrete_fields / sizeof semidiscrete_fields[0], fn);
}

static const otcr_option_field semidiscrete_sgd_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_semidiscrete_sgd_options, num_threads)},
    {"iterations", OTCR_U64, offsetof(otc_semidiscrete_sgd_options, iterations)},
    {"batch", OTCR_SIZE, offsetof(otc_semidiscrete_sgd_options, batch)},
    {"step", OTCR_DOUBLE, offsetof(otc_semidiscrete_sgd_options, step)},
    {"seed", OTCR_U64, offsetof(otc_semidiscrete_sgd_options, seed)},
    {"callback_every", OTCR_U64, offsetof(otc_semidiscrete_sgd_options, callback_every)},
};
void otcr_set_semidiscrete_sgd_options(otc_semidiscrete_sgd_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, semidiscrete_sgd_fields,
                     sizeof semidiscrete_sgd_fields / sizeof semidiscrete_sgd_fields[0], fn);
}

static const otcr_option_field lloyd_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_lloyd_options, num_threads)},
    {"max_iter", OTCR_U64, offsetof(otc_lloyd_options, max_iter)},
    {"tol", OTCR_DOUBLE, offsetof(otc_lloyd_options, tol)},
    {"callback_every", OTCR_U64, offsetof(otc_lloyd_options, callback_every)},
};
void otcr_set_lloyd_options(otc_lloyd_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, lloyd_fields,
                     sizeof lloyd_fields / sizeof lloyd_fields[0], fn);
}

static const otcr_option_field sinkhorn_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_sinkhorn_options, num_threads)},
    {"symmetric", OTCR_U32, offsetof(otc_sinkhorn_options, symmetric)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, epsilon)},
    {"tolerance", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, tolerance)},
    {"max_iter", OTCR_U64, offsetof(otc_sinkhorn_options, max_iter)},
    {"check_every", OTCR_U64, offsetof(otc_sinkhorn_options, check_every)},
    {"path", OTCR_I32, offsetof(otc_sinkhorn_options, path)},
    {"penalty", OTCR_I32, offsetof(otc_sinkhorn_options, penalty)},
    {"rho_a", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, rho_a)},
    {"rho_b", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, rho_b)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, mass_tolerance)},
    {"over_relaxation", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, over_relaxation)},
    {"kernel_memory_cap", OTCR_SIZE, offsetof(otc_sinkhorn_options, kernel_memory_cap)},
    {"eps_scaling_steps", OTCR_U64, offsetof(otc_sinkhorn_options, eps_scaling_steps)},
    {"eps_scaling_iters", OTCR_U64, offsetof(otc_sinkhorn_options, eps_scaling_iters)},
    {"eps_scaling_start", OTCR_DOUBLE, offsetof(otc_sinkhorn_options, eps_scaling_start)},
    {"callback_every", OTCR_U64, offsetof(otc_sinkhorn_options, callback_every)},
};
void otcr_set_sinkhorn_options(otc_sinkhorn_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, sinkhorn_fields,
                     sizeof sinkhorn_fields / sizeof sinkhorn_fields[0], fn);
}

static const otcr_option_field sinkhorn_divergence_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_sinkhorn_divergence_options, num_threads)},
    {"symmetric", OTCR_U32, offsetof(otc_sinkhorn_divergence_options, symmetric)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, epsilon)},
    {"tolerance", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, tolerance)},
    {"max_iter", OTCR_U64, offsetof(otc_sinkhorn_divergence_options, max_iter)},
    {"check_every", OTCR_U64, offsetof(otc_sinkhorn_divergence_options, check_every)},
    {"path", OTCR_I32, offsetof(otc_sinkhorn_divergence_options, path)},
    {"penalty", OTCR_I32, offsetof(otc_sinkhorn_divergence_options, penalty)},
    {"rho_a", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, rho_a)},
    {"rho_b", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, rho_b)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, mass_tolerance)},
    {"over_relaxation", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, over_relaxation)},
    {"kernel_memory_cap", OTCR_SIZE, offsetof(otc_sinkhorn_divergence_options, kernel_memory_cap)},
    {"eps_scaling_steps", OTCR_U64, offsetof(otc_sinkhorn_divergence_options, eps_scaling_steps)},
    {"eps_scaling_iters", OTCR_U64, offsetof(otc_sinkhorn_divergence_options, eps_scaling_iters)},
    {"eps_scaling_start", OTCR_DOUBLE, offsetof(otc_sinkhorn_divergence_options, eps_scaling_start)},
    {"callback_every", OTCR_U64, offsetof(otc_sinkhorn_divergence_options, callback_every)},
};
void otcr_set_sinkhorn_divergence_options(otc_sinkhorn_divergence_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, sinkhorn_divergence_fields,
                     sizeof sinkhorn_divergence_fields / sizeof sinkhorn_divergence_fields[0], fn);
}

static const otcr_option_field sinkhorn_block_step_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_sinkhorn_block_step_options, num_threads)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_sinkhorn_block_step_options, epsilon)},
    {"rho_a", OTCR_DOUBLE, offsetof(otc_sinkhorn_block_step_options, rho_a)},
    {"rho_b", OTCR_DOUBLE, offsetof(otc_sinkhorn_block_step_options, rho_b)},
};
void otcr_set_sinkhorn_block_step_options(otc_sinkhorn_block_step_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, sinkhorn_block_step_fields,
                     sizeof sinkhorn_block_step_fields / sizeof sinkhorn_block_step_fields[0], fn);
}

static const otcr_option_field sinkhorn_block_column_update_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_sinkhorn_block_column_update_options, num_threads)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_sinkhorn_block_column_update_options, epsilon)},
    {"rho_b", OTCR_DOUBLE, offsetof(otc_sinkhorn_block_column_update_options, rho_b)},
};
void otcr_set_sinkhorn_block_column_update_options(otc_sinkhorn_block_column_update_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, sinkhorn_block_column_update_fields,
                     sizeof sinkhorn_block_column_update_fields / sizeof sinkhorn_block_column_update_fields[0], fn);
}

static const otcr_option_field sinkhorn_partial_fields[] = {
    {"num_threads", OTCR_U32, offsetof(otc_sinkhorn_partial_options, num_threads)},
    {"epsilon", OTCR_DOUBLE, offsetof(otc_sinkhorn_partial_options, epsilon)},
    {"tolerance", OTCR_DOUBLE, offsetof(otc_sinkhorn_partial_options, tolerance)},
    {"max_iter", OTCR_U64, offsetof(otc_sinkhorn_partial_options, max_iter)},
    {"check_every", OTCR_U64, offsetof(otc_sinkhorn_partial_options, check_every)},
    {"mass_tolerance", OTCR_DOUBLE, offsetof(otc_sinkhorn_partial_options, mass_tolerance)},
    {"callback_every", OTCR_U64, offsetof(otc_sinkhorn_partial_options, callback_every)},
};
void otcr_set_sinkhorn_partial_options(otc_sinkhorn_partial_options *opts, SEXP options, const char *fn) {
    otcr_set_options(opts, options, sinkhorn_partial_fields,
                     sizeof sinkhorn_partial_fields / sizeof sinkhorn_partial_fields[0], fn);
}


// GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit.
//
// The mechanical C++ layer over include/otcore.h, included by otcore.hpp after
// otcore::check (not a standalone header):
// * otcore::abi::solve / workspace_size / solve_name / options_default, overloaded on
//   every operation's C structs;
// * otcore::abi::<op><T>: the problem, outputs and options types of <op> for T = double
//   (and float where the operation has it);
// * otcore::<Op>Options: the C options struct `c` with the library's defaults and a
//   chainable with_<field>(value) per field.
#ifndef OTCORE_ABI_HPP
#define OTCORE_ABI_HPP

#include <cstddef>
#include <cstdint>

#include "otcore.h"

namespace otcore {
namespace abi {

inline otc_status options_default(otc_assignment_options *opts) { return otc_assignment_options_default(opts); }
inline otc_status solve(const otc_assignment_problem_f64 *problem, otc_assignment_outputs_f64 *out, const otc_assignment_options *opts,
                        otc_workspace work) {
    return otc_assignment_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_assignment_problem_f64 *problem, const otc_assignment_options *opts,
                                 std::size_t *bytes) {
    return otc_assignment_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_assignment_problem_f64 *) { return "otc_assignment_f64"; }
/// The C structs of `assignment` in precision T.
template <class T>
struct assignment;
template <>
struct assignment<double> {
    using problem = otc_assignment_problem_f64;
    using outputs = otc_assignment_outputs_f64;
    using options = otc_assignment_options;
};

inline otc_status options_default(otc_barycenter_options *opts) { return otc_barycenter_options_default(opts); }
inline otc_status solve(const otc_barycenter_problem_f64 *problem, otc_barycenter_outputs_f64 *out, const otc_barycenter_options *opts,
                        otc_workspace work) {
    return otc_barycenter_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_barycenter_problem_f64 *problem, const otc_barycenter_options *opts,
                                 std::size_t *bytes) {
    return otc_barycenter_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_barycenter_problem_f64 *) { return "otc_barycenter_f64"; }
inline otc_status solve(const otc_barycenter_problem_f32 *problem, otc_barycenter_outputs_f32 *out, const otc_barycenter_options *opts,
                        otc_workspace work) {
    return otc_barycenter_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_barycenter_problem_f32 *problem, const otc_barycenter_options *opts,
                                 std::size_t *bytes) {
    return otc_barycenter_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_barycenter_problem_f32 *) { return "otc_barycenter_f32"; }
/// The C structs of `barycenter` in precision T.
template <class T>
struct barycenter;
template <>
struct barycenter<double> {
    using problem = otc_barycenter_problem_f64;
    using outputs = otc_barycenter_outputs_f64;
    using options = otc_barycenter_options;
};
template <>
struct barycenter<float> {
    using problem = otc_barycenter_problem_f32;
    using outputs = otc_barycenter_outputs_f32;
    using options = otc_barycenter_options;
};

inline otc_status options_default(otc_convolutional_barycenter_options *opts) { return otc_convolutional_barycenter_options_default(opts); }
inline otc_status solve(const otc_convolutional_barycenter_problem_f64 *problem, otc_convolutional_barycenter_outputs_f64 *out, const otc_convolutional_barycenter_options *opts,
                        otc_workspace work) {
    return otc_convolutional_barycenter_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_convolutional_barycenter_problem_f64 *problem, const otc_convolutional_barycenter_options *opts,
                                 std::size_t *bytes) {
    return otc_convolutional_barycenter_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_convolutional_barycenter_problem_f64 *) { return "otc_convolutional_barycenter_f64"; }
inline otc_status solve(const otc_convolutional_barycenter_problem_f32 *problem, otc_convolutional_barycenter_outputs_f32 *out, const otc_convolutional_barycenter_options *opts,
                        otc_workspace work) {
    return otc_convolutional_barycenter_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_convolutional_barycenter_problem_f32 *problem, const otc_convolutional_barycenter_options *opts,
                                 std::size_t *bytes) {
    return otc_convolutional_barycenter_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_convolutional_barycenter_problem_f32 *) { return "otc_convolutional_barycenter_f32"; }
/// The C structs of `convolutional_barycenter` in precision T.
template <class T>
struct convolutional_barycenter;
template <>
struct convolutional_barycenter<double> {
    using problem = otc_convolutional_barycenter_problem_f64;
    using outputs = otc_convolutional_barycenter_outputs_f64;
    using options = otc_convolutional_barycenter_options;
};
template <>
struct convolutional_barycenter<float> {
    using problem = otc_convolutional_barycenter_problem_f32;
    using outputs = otc_convolutional_barycenter_outputs_f32;
    using options = otc_convolutional_barycenter_options;
};

inline otc_status options_default(otc_free_support_barycenter_options *opts) { return otc_free_support_barycenter_options_default(opts); }
inline otc_status solve(const otc_free_support_barycenter_problem_f64 *problem, otc_free_support_barycenter_outputs_f64 *out, const otc_free_support_barycenter_options *opts,
                        otc_workspace work) {
    return otc_free_support_barycenter_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_free_support_barycenter_problem_f64 *problem, const otc_free_support_barycenter_options *opts,
                                 std::size_t *bytes) {
    return otc_free_support_barycenter_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_free_support_barycenter_problem_f64 *) { return "otc_free_support_barycenter_f64"; }
/// The C structs of `free_support_barycenter` in precision T.
template <class T>
struct free_support_barycenter;
template <>
struct free_support_barycenter<double> {
    using problem = otc_free_support_barycenter_problem_f64;
    using outputs = otc_free_support_barycenter_outputs_f64;
    using options = otc_free_support_barycenter_options;
};

inline otc_status options_default(otc_cost_matrix_options *opts) { return otc_cost_matrix_options_default(opts); }
inline otc_status solve(const otc_cost_matrix_problem_f64 *problem, otc_cost_matrix_outputs_f64 *out, const otc_cost_matrix_options *opts,
                        otc_workspace work) {
    return otc_cost_matrix_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_cost_matrix_problem_f64 *problem, const otc_cost_matrix_options *opts,
                                 std::size_t *bytes) {
    return otc_cost_matrix_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_cost_matrix_problem_f64 *) { return "otc_cost_matrix_f64"; }
inline otc_status solve(const otc_cost_matrix_problem_f32 *problem, otc_cost_matrix_outputs_f32 *out, const otc_cost_matrix_options *opts,
                        otc_workspace work) {
    return otc_cost_matrix_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_cost_matrix_problem_f32 *problem, const otc_cost_matrix_options *opts,
                                 std::size_t *bytes) {
    return otc_cost_matrix_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_cost_matrix_problem_f32 *) { return "otc_cost_matrix_f32"; }
/// The C structs of `cost_matrix` in precision T.
template <class T>
struct cost_matrix;
template <>
struct cost_matrix<double> {
    using problem = otc_cost_matrix_problem_f64;
    using outputs = otc_cost_matrix_outputs_f64;
    using options = otc_cost_matrix_options;
};
template <>
struct cost_matrix<float> {
    using problem = otc_cost_matrix_problem_f32;
    using outputs = otc_cost_matrix_outputs_f32;
    using options = otc_cost_matrix_options;
};

inline otc_status options_default(otc_emd_grid_options *opts) { return otc_emd_grid_options_default(opts); }
inline otc_status solve(const otc_emd_grid_problem_f64 *problem, otc_emd_grid_outputs_f64 *out, const otc_emd_grid_options *opts,
                        otc_workspace work) {
    return otc_emd_grid_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_emd_grid_problem_f64 *problem, const otc_emd_grid_options *opts,
                                 std::size_t *bytes) {
    return otc_emd_grid_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_emd_grid_problem_f64 *) { return "otc_emd_grid_f64"; }
/// The C structs of `emd_grid` in precision T.
template <class T>
struct emd_grid;
template <>
struct emd_grid<double> {
    using problem = otc_emd_grid_problem_f64;
    using outputs = otc_emd_grid_outputs_f64;
    using options = otc_emd_grid_options;
};

inline otc_status options_default(otc_emd_partial_options *opts) { return otc_emd_partial_options_default(opts); }
inline otc_status solve(const otc_emd_partial_problem_f64 *problem, otc_emd_partial_outputs_f64 *out, const otc_emd_partial_options *opts,
                        otc_workspace work) {
    return otc_emd_partial_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_emd_partial_problem_f64 *problem, const otc_emd_partial_options *opts,
                                 std::size_t *bytes) {
    return otc_emd_partial_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_emd_partial_problem_f64 *) { return "otc_emd_partial_f64"; }
/// The C structs of `emd_partial` in precision T.
template <class T>
struct emd_partial;
template <>
struct emd_partial<double> {
    using problem = otc_emd_partial_problem_f64;
    using outputs = otc_emd_partial_outputs_f64;
    using options = otc_emd_partial_options;
};

inline otc_status options_default(otc_emd_unbalanced_tv_options *opts) { return otc_emd_unbalanced_tv_options_default(opts); }
inline otc_status solve(const otc_emd_unbalanced_tv_problem_f64 *problem, otc_emd_unbalanced_tv_outputs_f64 *out, const otc_emd_unbalanced_tv_options *opts,
                        otc_workspace work) {
    return otc_emd_unbalanced_tv_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_emd_unbalanced_tv_problem_f64 *problem, const otc_emd_unbalanced_tv_options *opts,
                                 std::size_t *bytes) {
    return otc_emd_unbalanced_tv_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_emd_unbalanced_tv_problem_f64 *) { return "otc_emd_unbalanced_tv_f64"; }
/// The C structs of `emd_unbalanced_tv` in precision T.
template <class T>
struct emd_unbalanced_tv;
template <>
struct emd_unbalanced_tv<double> {
    using problem = otc_emd_unbalanced_tv_problem_f64;
    using outputs = otc_emd_unbalanced_tv_outputs_f64;
    using options = otc_emd_unbalanced_tv_options;
};

inline otc_status options_default(otc_emd_points_options *opts) { return otc_emd_points_options_default(opts); }
inline otc_status solve(const otc_emd_points_problem_f64 *problem, otc_emd_points_outputs_f64 *out, const otc_emd_points_options *opts,
                        otc_workspace work) {
    return otc_emd_points_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_emd_points_problem_f64 *problem, const otc_emd_points_options *opts,
                                 std::size_t *bytes) {
    return otc_emd_points_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_emd_points_problem_f64 *) { return "otc_emd_points_f64"; }
/// The C structs of `emd_points` in precision T.
template <class T>
struct emd_points;
template <>
struct emd_points<double> {
    using problem = otc_emd_points_problem_f64;
    using outputs = otc_emd_points_outputs_f64;
    using options = otc_emd_points_options;
};

inline otc_status options_default(otc_emd_options *opts) { return otc_emd_options_default(opts); }
inline otc_status solve(const otc_emd_problem_f64 *problem, otc_emd_outputs_f64 *out, const otc_emd_options *opts,
                        otc_workspace work) {
    return otc_emd_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_emd_problem_f64 *problem, const otc_emd_options *opts,
                                 std::size_t *bytes) {
    return otc_emd_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_emd_problem_f64 *) { return "otc_emd_f64"; }
/// The C structs of `emd` in precision T.
template <class T>
struct emd;
template <>
struct emd<double> {
    using problem = otc_emd_problem_f64;
    using outputs = otc_emd_outputs_f64;
    using options = otc_emd_options;
};

inline otc_status options_default(otc_emd_batch_options *opts) { return otc_emd_batch_options_default(opts); }
inline otc_status solve(const otc_emd_batch_problem_f64 *problem, otc_emd_batch_outputs_f64 *out, const otc_emd_batch_options *opts,
                        otc_workspace work) {
    return otc_emd_batch_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_emd_batch_problem_f64 *problem, const otc_emd_batch_options *opts,
                                 std::size_t *bytes) {
    return otc_emd_batch_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_emd_batch_problem_f64 *) { return "otc_emd_batch_f64"; }
/// The C structs of `emd_batch` in precision T.
template <class T>
struct emd_batch;
template <>
struct emd_batch<double> {
    using problem = otc_emd_batch_problem_f64;
    using outputs = otc_emd_batch_outputs_f64;
    using options = otc_emd_batch_options;
};

inline otc_status options_default(otc_wasserstein_1d_options *opts) { return otc_wasserstein_1d_options_default(opts); }
inline otc_status solve(const otc_wasserstein_1d_problem_f64 *problem, otc_wasserstein_1d_outputs_f64 *out, const otc_wasserstein_1d_options *opts,
                        otc_workspace work) {
    return otc_wasserstein_1d_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_wasserstein_1d_problem_f64 *problem, const otc_wasserstein_1d_options *opts,
                                 std::size_t *bytes) {
    return otc_wasserstein_1d_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_wasserstein_1d_problem_f64 *) { return "otc_wasserstein_1d_f64"; }
/// The C structs of `wasserstein_1d` in precision T.
template <class T>
struct wasserstein_1d;
template <>
struct wasserstein_1d<double> {
    using problem = otc_wasserstein_1d_problem_f64;
    using outputs = otc_wasserstein_1d_outputs_f64;
    using options = otc_wasserstein_1d_options;
};

inline otc_status options_default(otc_sliced_wasserstein_options *opts) { return otc_sliced_wasserstein_options_default(opts); }
inline otc_status solve(const otc_sliced_wasserstein_problem_f64 *problem, otc_sliced_wasserstein_outputs_f64 *out, const otc_sliced_wasserstein_options *opts,
                        otc_workspace work) {
    return otc_sliced_wasserstein_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sliced_wasserstein_problem_f64 *problem, const otc_sliced_wasserstein_options *opts,
                                 std::size_t *bytes) {
    return otc_sliced_wasserstein_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_sliced_wasserstein_problem_f64 *) { return "otc_sliced_wasserstein_f64"; }
/// The C structs of `sliced_wasserstein` in precision T.
template <class T>
struct sliced_wasserstein;
template <>
struct sliced_wasserstein<double> {
    using problem = otc_sliced_wasserstein_problem_f64;
    using outputs = otc_sliced_wasserstein_outputs_f64;
    using options = otc_sliced_wasserstein_options;
};

inline otc_status options_default(otc_wasserstein_flow_step_options *opts) { return otc_wasserstein_flow_step_options_default(opts); }
inline otc_status solve(const otc_wasserstein_flow_step_problem_f64 *problem, otc_wasserstein_flow_step_outputs_f64 *out, const otc_wasserstein_flow_step_options *opts,
                        otc_workspace work) {
    return otc_wasserstein_flow_step_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_wasserstein_flow_step_problem_f64 *problem, const otc_wasserstein_flow_step_options *opts,
                                 std::size_t *bytes) {
    return otc_wasserstein_flow_step_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_wasserstein_flow_step_problem_f64 *) { return "otc_wasserstein_flow_step_f64"; }
/// The C structs of `wasserstein_flow_step` in precision T.
template <class T>
struct wasserstein_flow_step;
template <>
struct wasserstein_flow_step<double> {
    using problem = otc_wasserstein_flow_step_problem_f64;
    using outputs = otc_wasserstein_flow_step_outputs_f64;
    using options = otc_wasserstein_flow_step_options;
};

inline otc_status options_default(otc_mmd_flow_step_options *opts) { return otc_mmd_flow_step_options_default(opts); }
inline otc_status solve(const otc_mmd_flow_step_problem_f64 *problem, otc_mmd_flow_step_outputs_f64 *out, const otc_mmd_flow_step_options *opts,
                        otc_workspace work) {
    return otc_mmd_flow_step_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_mmd_flow_step_problem_f64 *problem, const otc_mmd_flow_step_options *opts,
                                 std::size_t *bytes) {
    return otc_mmd_flow_step_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_mmd_flow_step_problem_f64 *) { return "otc_mmd_flow_step_f64"; }
/// The C structs of `mmd_flow_step` in precision T.
template <class T>
struct mmd_flow_step;
template <>
struct mmd_flow_step<double> {
    using problem = otc_mmd_flow_step_problem_f64;
    using outputs = otc_mmd_flow_step_outputs_f64;
    using options = otc_mmd_flow_step_options;
};

inline otc_status options_default(otc_jko_step_options *opts) { return otc_jko_step_options_default(opts); }
inline otc_status solve(const otc_jko_step_problem_f64 *problem, otc_jko_step_outputs_f64 *out, const otc_jko_step_options *opts,
                        otc_workspace work) {
    return otc_jko_step_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_jko_step_problem_f64 *problem, const otc_jko_step_options *opts,
                                 std::size_t *bytes) {
    return otc_jko_step_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_jko_step_problem_f64 *) { return "otc_jko_step_f64"; }
/// The C structs of `jko_step` in precision T.
template <class T>
struct jko_step;
template <>
struct jko_step<double> {
    using problem = otc_jko_step_problem_f64;
    using outputs = otc_jko_step_outputs_f64;
    using options = otc_jko_step_options;
};

inline otc_status options_default(otc_bures_options *opts) { return otc_bures_options_default(opts); }
inline otc_status solve(const otc_bures_problem_f64 *problem, otc_bures_outputs_f64 *out, const otc_bures_options *opts,
                        otc_workspace work) {
    return otc_bures_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_bures_problem_f64 *problem, const otc_bures_options *opts,
                                 std::size_t *bytes) {
    return otc_bures_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_bures_problem_f64 *) { return "otc_bures_f64"; }
/// The C structs of `bures` in precision T.
template <class T>
struct bures;
template <>
struct bures<double> {
    using problem = otc_bures_problem_f64;
    using outputs = otc_bures_outputs_f64;
    using options = otc_bures_options;
};

inline otc_status options_default(otc_gaussian_w2_options *opts) { return otc_gaussian_w2_options_default(opts); }
inline otc_status solve(const otc_gaussian_w2_problem_f64 *problem, otc_gaussian_w2_outputs_f64 *out, const otc_gaussian_w2_options *opts,
                        otc_workspace work) {
    return otc_gaussian_w2_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_w2_problem_f64 *problem, const otc_gaussian_w2_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_w2_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_w2_problem_f64 *) { return "otc_gaussian_w2_f64"; }
/// The C structs of `gaussian_w2` in precision T.
template <class T>
struct gaussian_w2;
template <>
struct gaussian_w2<double> {
    using problem = otc_gaussian_w2_problem_f64;
    using outputs = otc_gaussian_w2_outputs_f64;
    using options = otc_gaussian_w2_options;
};

inline otc_status options_default(otc_gaussian_entropic_w2_options *opts) { return otc_gaussian_entropic_w2_options_default(opts); }
inline otc_status solve(const otc_gaussian_entropic_w2_problem_f64 *problem, otc_gaussian_entropic_w2_outputs_f64 *out, const otc_gaussian_entropic_w2_options *opts,
                        otc_workspace work) {
    return otc_gaussian_entropic_w2_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_entropic_w2_problem_f64 *problem, const otc_gaussian_entropic_w2_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_entropic_w2_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_entropic_w2_problem_f64 *) { return "otc_gaussian_entropic_w2_f64"; }
/// The C structs of `gaussian_entropic_w2` in precision T.
template <class T>
struct gaussian_entropic_w2;
template <>
struct gaussian_entropic_w2<double> {
    using problem = otc_gaussian_entropic_w2_problem_f64;
    using outputs = otc_gaussian_entropic_w2_outputs_f64;
    using options = otc_gaussian_entropic_w2_options;
};

inline otc_status options_default(otc_gaussian_w2_pairwise_options *opts) { return otc_gaussian_w2_pairwise_options_default(opts); }
inline otc_status solve(const otc_gaussian_w2_pairwise_problem_f64 *problem, otc_gaussian_w2_pairwise_outputs_f64 *out, const otc_gaussian_w2_pairwise_options *opts,
                        otc_workspace work) {
    return otc_gaussian_w2_pairwise_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_w2_pairwise_problem_f64 *problem, const otc_gaussian_w2_pairwise_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_w2_pairwise_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_w2_pairwise_problem_f64 *) { return "otc_gaussian_w2_pairwise_f64"; }
/// The C structs of `gaussian_w2_pairwise` in precision T.
template <class T>
struct gaussian_w2_pairwise;
template <>
struct gaussian_w2_pairwise<double> {
    using problem = otc_gaussian_w2_pairwise_problem_f64;
    using outputs = otc_gaussian_w2_pairwise_outputs_f64;
    using options = otc_gaussian_w2_pairwise_options;
};

inline otc_status options_default(otc_gaussian_map_options *opts) { return otc_gaussian_map_options_default(opts); }
inline otc_status solve(const otc_gaussian_map_problem_f64 *problem, otc_gaussian_map_outputs_f64 *out, const otc_gaussian_map_options *opts,
                        otc_workspace work) {
    return otc_gaussian_map_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_map_problem_f64 *problem, const otc_gaussian_map_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_map_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_map_problem_f64 *) { return "otc_gaussian_map_f64"; }
/// The C structs of `gaussian_map` in precision T.
template <class T>
struct gaussian_map;
template <>
struct gaussian_map<double> {
    using problem = otc_gaussian_map_problem_f64;
    using outputs = otc_gaussian_map_outputs_f64;
    using options = otc_gaussian_map_options;
};

inline otc_status options_default(otc_gaussian_map_apply_options *opts) { return otc_gaussian_map_apply_options_default(opts); }
inline otc_status solve(const otc_gaussian_map_apply_problem_f64 *problem, otc_gaussian_map_apply_outputs_f64 *out, const otc_gaussian_map_apply_options *opts,
                        otc_workspace work) {
    return otc_gaussian_map_apply_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_map_apply_problem_f64 *problem, const otc_gaussian_map_apply_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_map_apply_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_map_apply_problem_f64 *) { return "otc_gaussian_map_apply_f64"; }
/// The C structs of `gaussian_map_apply` in precision T.
template <class T>
struct gaussian_map_apply;
template <>
struct gaussian_map_apply<double> {
    using problem = otc_gaussian_map_apply_problem_f64;
    using outputs = otc_gaussian_map_apply_outputs_f64;
    using options = otc_gaussian_map_apply_options;
};

inline otc_status options_default(otc_gaussian_geodesic_options *opts) { return otc_gaussian_geodesic_options_default(opts); }
inline otc_status solve(const otc_gaussian_geodesic_problem_f64 *problem, otc_gaussian_geodesic_outputs_f64 *out, const otc_gaussian_geodesic_options *opts,
                        otc_workspace work) {
    return otc_gaussian_geodesic_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_geodesic_problem_f64 *problem, const otc_gaussian_geodesic_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_geodesic_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_geodesic_problem_f64 *) { return "otc_gaussian_geodesic_f64"; }
/// The C structs of `gaussian_geodesic` in precision T.
template <class T>
struct gaussian_geodesic;
template <>
struct gaussian_geodesic<double> {
    using problem = otc_gaussian_geodesic_problem_f64;
    using outputs = otc_gaussian_geodesic_outputs_f64;
    using options = otc_gaussian_geodesic_options;
};

inline otc_status options_default(otc_gaussian_barycenter_options *opts) { return otc_gaussian_barycenter_options_default(opts); }
inline otc_status solve(const otc_gaussian_barycenter_problem_f64 *problem, otc_gaussian_barycenter_outputs_f64 *out, const otc_gaussian_barycenter_options *opts,
                        otc_workspace work) {
    return otc_gaussian_barycenter_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_barycenter_problem_f64 *problem, const otc_gaussian_barycenter_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_barycenter_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_barycenter_problem_f64 *) { return "otc_gaussian_barycenter_f64"; }
/// The C structs of `gaussian_barycenter` in precision T.
template <class T>
struct gaussian_barycenter;
template <>
struct gaussian_barycenter<double> {
    using problem = otc_gaussian_barycenter_problem_f64;
    using outputs = otc_gaussian_barycenter_outputs_f64;
    using options = otc_gaussian_barycenter_options;
};

inline otc_status options_default(otc_gaussian_moments_options *opts) { return otc_gaussian_moments_options_default(opts); }
inline otc_status solve(const otc_gaussian_moments_problem_f64 *problem, otc_gaussian_moments_outputs_f64 *out, const otc_gaussian_moments_options *opts,
                        otc_workspace work) {
    return otc_gaussian_moments_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_gaussian_moments_problem_f64 *problem, const otc_gaussian_moments_options *opts,
                                 std::size_t *bytes) {
    return otc_gaussian_moments_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_gaussian_moments_problem_f64 *) { return "otc_gaussian_moments_f64"; }
/// The C structs of `gaussian_moments` in precision T.
template <class T>
struct gaussian_moments;
template <>
struct gaussian_moments<double> {
    using problem = otc_gaussian_moments_problem_f64;
    using outputs = otc_gaussian_moments_outputs_f64;
    using options = otc_gaussian_moments_options;
};

inline otc_status options_default(otc_psd_sqrt_options *opts) { return otc_psd_sqrt_options_default(opts); }
inline otc_status solve(const otc_psd_sqrt_problem_f64 *problem, otc_psd_sqrt_outputs_f64 *out, const otc_psd_sqrt_options *opts,
                        otc_workspace work) {
    return otc_psd_sqrt_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_psd_sqrt_problem_f64 *problem, const otc_psd_sqrt_options *opts,
                                 std::size_t *bytes) {
    return otc_psd_sqrt_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_psd_sqrt_problem_f64 *) { return "otc_psd_sqrt_f64"; }
/// The C structs of `psd_sqrt` in precision T.
template <class T>
struct psd_sqrt;
template <>
struct psd_sqrt<double> {
    using problem = otc_psd_sqrt_problem_f64;
    using outputs = otc_psd_sqrt_outputs_f64;
    using options = otc_psd_sqrt_options;
};

inline otc_status options_default(otc_plan_position_gradient_options *opts) { return otc_plan_position_gradient_options_default(opts); }
inline otc_status solve(const otc_plan_position_gradient_problem_f64 *problem, otc_plan_position_gradient_outputs_f64 *out, const otc_plan_position_gradient_options *opts,
                        otc_workspace work) {
    return otc_plan_position_gradient_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_plan_position_gradient_problem_f64 *problem, const otc_plan_position_gradient_options *opts,
                                 std::size_t *bytes) {
    return otc_plan_position_gradient_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_plan_position_gradient_problem_f64 *) { return "otc_plan_position_gradient_f64"; }
/// The C structs of `plan_position_gradient` in precision T.
template <class T>
struct plan_position_gradient;
template <>
struct plan_position_gradient<double> {
    using problem = otc_plan_position_gradient_problem_f64;
    using outputs = otc_plan_position_gradient_outputs_f64;
    using options = otc_plan_position_gradient_options;
};

inline otc_status options_default(otc_displacement_interpolation_options *opts) { return otc_displacement_interpolation_options_default(opts); }
inline otc_status solve(const otc_displacement_interpolation_problem_f64 *problem, otc_displacement_interpolation_outputs_f64 *out, const otc_displacement_interpolation_options *opts,
                        otc_workspace work) {
    return otc_displacement_interpolation_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_displacement_interpolation_problem_f64 *problem, const otc_displacement_interpolation_options *opts,
                                 std::size_t *bytes) {
    return otc_displacement_interpolation_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_displacement_interpolation_problem_f64 *) { return "otc_displacement_interpolation_f64"; }
/// The C structs of `displacement_interpolation` in precision T.
template <class T>
struct displacement_interpolation;
template <>
struct displacement_interpolation<double> {
    using problem = otc_displacement_interpolation_problem_f64;
    using outputs = otc_displacement_interpolation_outputs_f64;
    using options = otc_displacement_interpolation_options;
};

inline otc_status options_default(otc_quantile_1d_options *opts) { return otc_quantile_1d_options_default(opts); }
inline otc_status solve(const otc_quantile_1d_problem_f64 *problem, otc_quantile_1d_outputs_f64 *out, const otc_quantile_1d_options *opts,
                        otc_workspace work) {
    return otc_quantile_1d_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_quantile_1d_problem_f64 *problem, const otc_quantile_1d_options *opts,
                                 std::size_t *bytes) {
    return otc_quantile_1d_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_quantile_1d_problem_f64 *) { return "otc_quantile_1d_f64"; }
/// The C structs of `quantile_1d` in precision T.
template <class T>
struct quantile_1d;
template <>
struct quantile_1d<double> {
    using problem = otc_quantile_1d_problem_f64;
    using outputs = otc_quantile_1d_outputs_f64;
    using options = otc_quantile_1d_options;
};

inline otc_status options_default(otc_barycenter_1d_options *opts) { return otc_barycenter_1d_options_default(opts); }
inline otc_status solve(const otc_barycenter_1d_problem_f64 *problem, otc_barycenter_1d_outputs_f64 *out, const otc_barycenter_1d_options *opts,
                        otc_workspace work) {
    return otc_barycenter_1d_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_barycenter_1d_problem_f64 *problem, const otc_barycenter_1d_options *opts,
                                 std::size_t *bytes) {
    return otc_barycenter_1d_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_barycenter_1d_problem_f64 *) { return "otc_barycenter_1d_f64"; }
/// The C structs of `barycenter_1d` in precision T.
template <class T>
struct barycenter_1d;
template <>
struct barycenter_1d<double> {
    using problem = otc_barycenter_1d_problem_f64;
    using outputs = otc_barycenter_1d_outputs_f64;
    using options = otc_barycenter_1d_options;
};

inline otc_status options_default(otc_laguerre_assign_options *opts) { return otc_laguerre_assign_options_default(opts); }
inline otc_status solve(const otc_laguerre_assign_problem_f64 *problem, otc_laguerre_assign_outputs_f64 *out, const otc_laguerre_assign_options *opts,
                        otc_workspace work) {
    return otc_laguerre_assign_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_laguerre_assign_problem_f64 *problem, const otc_laguerre_assign_options *opts,
                                 std::size_t *bytes) {
    return otc_laguerre_assign_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_laguerre_assign_problem_f64 *) { return "otc_laguerre_assign_f64"; }
inline otc_status solve(const otc_laguerre_assign_problem_f32 *problem, otc_laguerre_assign_outputs_f32 *out, const otc_laguerre_assign_options *opts,
                        otc_workspace work) {
    return otc_laguerre_assign_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_laguerre_assign_problem_f32 *problem, const otc_laguerre_assign_options *opts,
                                 std::size_t *bytes) {
    return otc_laguerre_assign_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_laguerre_assign_problem_f32 *) { return "otc_laguerre_assign_f32"; }
/// The C structs of `laguerre_assign` in precision T.
template <class T>
struct laguerre_assign;
template <>
struct laguerre_assign<double> {
    using problem = otc_laguerre_assign_problem_f64;
    using outputs = otc_laguerre_assign_outputs_f64;
    using options = otc_laguerre_assign_options;
};
template <>
struct laguerre_assign<float> {
    using problem = otc_laguerre_assign_problem_f32;
    using outputs = otc_laguerre_assign_outputs_f32;
    using options = otc_laguerre_assign_options;
};

inline otc_status options_default(otc_semidiscrete_options *opts) { return otc_semidiscrete_options_default(opts); }
inline otc_status solve(const otc_semidiscrete_problem_f64 *problem, otc_semidiscrete_outputs_f64 *out, const otc_semidiscrete_options *opts,
                        otc_workspace work) {
    return otc_semidiscrete_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_semidiscrete_problem_f64 *problem, const otc_semidiscrete_options *opts,
                                 std::size_t *bytes) {
    return otc_semidiscrete_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_semidiscrete_problem_f64 *) { return "otc_semidiscrete_f64"; }
inline otc_status solve(const otc_semidiscrete_problem_f32 *problem, otc_semidiscrete_outputs_f32 *out, const otc_semidiscrete_options *opts,
                        otc_workspace work) {
    return otc_semidiscrete_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_semidiscrete_problem_f32 *problem, const otc_semidiscrete_options *opts,
                                 std::size_t *bytes) {
    return otc_semidiscrete_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_semidiscrete_problem_f32 *) { return "otc_semidiscrete_f32"; }
/// The C structs of `semidiscrete` in precision T.
template <class T>
struct semidiscrete;
template <>
struct semidiscrete<double> {
    using problem = otc_semidiscrete_problem_f64;
    using outputs = otc_semidiscrete_outputs_f64;
    using options = otc_semidiscrete_options;
};
template <>
struct semidiscrete<float> {
    using problem = otc_semidiscrete_problem_f32;
    using outputs = otc_semidiscrete_outputs_f32;
    using options = otc_semidiscrete_options;
};

inline otc_status options_default(otc_semidiscrete_sgd_options *opts) { return otc_semidiscrete_sgd_options_default(opts); }
inline otc_status solve(const otc_semidiscrete_sgd_problem_f64 *problem, otc_semidiscrete_sgd_outputs_f64 *out, const otc_semidiscrete_sgd_options *opts,
                        otc_workspace work) {
    return otc_semidiscrete_sgd_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_semidiscrete_sgd_problem_f64 *problem, const otc_semidiscrete_sgd_options *opts,
                                 std::size_t *bytes) {
    return otc_semidiscrete_sgd_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_semidiscrete_sgd_problem_f64 *) { return "otc_semidiscrete_sgd_f64"; }
inline otc_status solve(const otc_semidiscrete_sgd_problem_f32 *problem, otc_semidiscrete_sgd_outputs_f32 *out, const otc_semidiscrete_sgd_options *opts,
                        otc_workspace work) {
    return otc_semidiscrete_sgd_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_semidiscrete_sgd_problem_f32 *problem, const otc_semidiscrete_sgd_options *opts,
                                 std::size_t *bytes) {
    return otc_semidiscrete_sgd_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_semidiscrete_sgd_problem_f32 *) { return "otc_semidiscrete_sgd_f32"; }
/// The C structs of `semidiscrete_sgd` in precision T.
template <class T>
struct semidiscrete_sgd;
template <>
struct semidiscrete_sgd<double> {
    using problem = otc_semidiscrete_sgd_problem_f64;
    using outputs = otc_semidiscrete_sgd_outputs_f64;
    using options = otc_semidiscrete_sgd_options;
};
template <>
struct semidiscrete_sgd<float> {
    using problem = otc_semidiscrete_sgd_problem_f32;
    using outputs = otc_semidiscrete_sgd_outputs_f32;
    using options = otc_semidiscrete_sgd_options;
};

inline otc_status options_default(otc_lloyd_options *opts) { return otc_lloyd_options_default(opts); }
inline otc_status solve(const otc_lloyd_problem_f64 *problem, otc_lloyd_outputs_f64 *out, const otc_lloyd_options *opts,
                        otc_workspace work) {
    return otc_lloyd_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_lloyd_problem_f64 *problem, const otc_lloyd_options *opts,
                                 std::size_t *bytes) {
    return otc_lloyd_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_lloyd_problem_f64 *) { return "otc_lloyd_f64"; }
inline otc_status solve(const otc_lloyd_problem_f32 *problem, otc_lloyd_outputs_f32 *out, const otc_lloyd_options *opts,
                        otc_workspace work) {
    return otc_lloyd_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_lloyd_problem_f32 *problem, const otc_lloyd_options *opts,
                                 std::size_t *bytes) {
    return otc_lloyd_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_lloyd_problem_f32 *) { return "otc_lloyd_f32"; }
/// The C structs of `lloyd` in precision T.
template <class T>
struct lloyd;
template <>
struct lloyd<double> {
    using problem = otc_lloyd_problem_f64;
    using outputs = otc_lloyd_outputs_f64;
    using options = otc_lloyd_options;
};
template <>
struct lloyd<float> {
    using problem = otc_lloyd_problem_f32;
    using outputs = otc_lloyd_outputs_f32;
    using options = otc_lloyd_options;
};

inline otc_status options_default(otc_sinkhorn_options *opts) { return otc_sinkhorn_options_default(opts); }
inline otc_status solve(const otc_sinkhorn_problem_f64 *problem, otc_sinkhorn_outputs_f64 *out, const otc_sinkhorn_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_problem_f64 *problem, const otc_sinkhorn_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_problem_f64 *) { return "otc_sinkhorn_f64"; }
inline otc_status solve(const otc_sinkhorn_problem_f32 *problem, otc_sinkhorn_outputs_f32 *out, const otc_sinkhorn_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_problem_f32 *problem, const otc_sinkhorn_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_problem_f32 *) { return "otc_sinkhorn_f32"; }
/// The C structs of `sinkhorn` in precision T.
template <class T>
struct sinkhorn;
template <>
struct sinkhorn<double> {
    using problem = otc_sinkhorn_problem_f64;
    using outputs = otc_sinkhorn_outputs_f64;
    using options = otc_sinkhorn_options;
};
template <>
struct sinkhorn<float> {
    using problem = otc_sinkhorn_problem_f32;
    using outputs = otc_sinkhorn_outputs_f32;
    using options = otc_sinkhorn_options;
};

inline otc_status options_default(otc_sinkhorn_divergence_options *opts) { return otc_sinkhorn_divergence_options_default(opts); }
inline otc_status solve(const otc_sinkhorn_divergence_problem_f64 *problem, otc_sinkhorn_divergence_outputs_f64 *out, const otc_sinkhorn_divergence_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_divergence_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_divergence_problem_f64 *problem, const otc_sinkhorn_divergence_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_divergence_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_divergence_problem_f64 *) { return "otc_sinkhorn_divergence_f64"; }
inline otc_status solve(const otc_sinkhorn_divergence_problem_f32 *problem, otc_sinkhorn_divergence_outputs_f32 *out, const otc_sinkhorn_divergence_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_divergence_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_divergence_problem_f32 *problem, const otc_sinkhorn_divergence_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_divergence_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_divergence_problem_f32 *) { return "otc_sinkhorn_divergence_f32"; }
/// The C structs of `sinkhorn_divergence` in precision T.
template <class T>
struct sinkhorn_divergence;
template <>
struct sinkhorn_divergence<double> {
    using problem = otc_sinkhorn_divergence_problem_f64;
    using outputs = otc_sinkhorn_divergence_outputs_f64;
    using options = otc_sinkhorn_divergence_options;
};
template <>
struct sinkhorn_divergence<float> {
    using problem = otc_sinkhorn_divergence_problem_f32;
    using outputs = otc_sinkhorn_divergence_outputs_f32;
    using options = otc_sinkhorn_divergence_options;
};

inline otc_status options_default(otc_sinkhorn_block_step_options *opts) { return otc_sinkhorn_block_step_options_default(opts); }
inline otc_status solve(const otc_sinkhorn_block_step_problem_f64 *problem, otc_sinkhorn_block_step_outputs_f64 *out, const otc_sinkhorn_block_step_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_block_step_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_block_step_problem_f64 *problem, const otc_sinkhorn_block_step_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_block_step_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_block_step_problem_f64 *) { return "otc_sinkhorn_block_step_f64"; }
inline otc_status solve(const otc_sinkhorn_block_step_problem_f32 *problem, otc_sinkhorn_block_step_outputs_f32 *out, const otc_sinkhorn_block_step_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_block_step_f32(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_block_step_problem_f32 *problem, const otc_sinkhorn_block_step_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_block_step_workspace_size_f32(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_block_step_problem_f32 *) { return "otc_sinkhorn_block_step_f32"; }
/// The C structs of `sinkhorn_block_step` in precision T.
template <class T>
struct sinkhorn_block_step;
template <>
struct sinkhorn_block_step<double> {
    using problem = otc_sinkhorn_block_step_problem_f64;
    using outputs = otc_sinkhorn_block_step_outputs_f64;
    using options = otc_sinkhorn_block_step_options;
};
template <>
struct sinkhorn_block_step<float> {
    using problem = otc_sinkhorn_block_step_problem_f32;
    using outputs = otc_sinkhorn_block_step_outputs_f32;
    using options = otc_sinkhorn_block_step_options;
};

inline otc_status options_default(otc_sinkhorn_block_column_update_options *opts) { return otc_sinkhorn_block_column_update_options_default(opts); }
inline otc_status solve(const otc_sinkhorn_block_column_update_problem_f64 *problem, otc_sinkhorn_block_column_update_outputs_f64 *out, const otc_sinkhorn_block_column_update_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_block_column_update_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_block_column_update_problem_f64 *problem, const otc_sinkhorn_block_column_update_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_block_column_update_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_block_column_update_problem_f64 *) { return "otc_sinkhorn_block_column_update_f64"; }
/// The C structs of `sinkhorn_block_column_update` in precision T.
template <class T>
struct sinkhorn_block_column_update;
template <>
struct sinkhorn_block_column_update<double> {
    using problem = otc_sinkhorn_block_column_update_problem_f64;
    using outputs = otc_sinkhorn_block_column_update_outputs_f64;
    using options = otc_sinkhorn_block_column_update_options;
};

inline otc_status options_default(otc_sinkhorn_partial_options *opts) { return otc_sinkhorn_partial_options_default(opts); }
inline otc_status solve(const otc_sinkhorn_partial_problem_f64 *problem, otc_sinkhorn_partial_outputs_f64 *out, const otc_sinkhorn_partial_options *opts,
                        otc_workspace work) {
    return otc_sinkhorn_partial_f64(problem, out, opts, work);
}
inline otc_status workspace_size(const otc_sinkhorn_partial_problem_f64 *problem, const otc_sinkhorn_partial_options *opts,
                                 std::size_t *bytes) {
    return otc_sinkhorn_partial_workspace_size_f64(problem, opts, bytes);
}
inline const char *solve_name(const otc_sinkhorn_partial_problem_f64 *) { return "otc_sinkhorn_partial_f64"; }
/// The C structs of `sinkhorn_partial` in precision T.
template <class T>
struct sinkhorn_partial;
template <>
struct sinkhorn_partial<double> {
    using problem = otc_sinkhorn_partial_problem_f64;
    using outputs = otc_sinkhorn_partial_outputs_f64;
    using options = otc_sinkhorn_partial_options;
};

}  // namespace abi

/// Options of `assignment` (otc_assignment_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct AssignmentOptions {
    otc_assignment_options c;  ///< the C struct (every field can also be set directly)
    AssignmentOptions() { check(otc_assignment_options_default(&c), "otc_assignment_options_default"); }
    /// Worker threads sharing the problems of a batch (one problem runs on one thread):
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (k ≤ 256). Results are identical for every value.
    AssignmentOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    AssignmentOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `barycenter` (otc_barycenter_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct BarycenterOptions {
    otc_barycenter_options c;  ///< the C struct (every field can also be set directly)
    BarycenterOptions() { check(otc_barycenter_options_default(&c), "otc_barycenter_options_default"); }
    /// Worker threads sharing the rows of each log-sum-exp pass: 0 = `OTCORE_NUM_THREADS`
    /// or all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are
    /// identical for every value. Default 0.
    BarycenterOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Iteration cap (≥ 1; default 1000).
    BarycenterOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Entropic regularisation ε > 0, in units of the cost (default 1e-2).
    BarycenterOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Stop when the marginal error `max_k Σ_i |u_k ⊙ K v_k − p|` (units of mass) is at
    /// most `tol` ≥ 0 (default 1e-9).
    BarycenterOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    BarycenterOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `convolutional_barycenter` (otc_convolutional_barycenter_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct ConvolutionalBarycenterOptions {
    otc_convolutional_barycenter_options c;  ///< the C struct (every field can also be set directly)
    ConvolutionalBarycenterOptions() { check(otc_convolutional_barycenter_options_default(&c), "otc_convolutional_barycenter_options_default"); }
    /// Worker threads sharing the rows of each log-convolution: 0 = `OTCORE_NUM_THREADS` or
    /// all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
    /// for every value. Default 0.
    ConvolutionalBarycenterOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Iteration cap (≥ 1; default 1000).
    ConvolutionalBarycenterOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Entropic regularisation ε > 0, in units of the squared distance on the unit square
    /// (default 1e-2).
    ConvolutionalBarycenterOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Stop when the marginal error `max_k Σ_i |u_k ⊙ K v_k − p|` (units of mass) is at
    /// most `tol` ≥ 0 (default 1e-9).
    ConvolutionalBarycenterOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    ConvolutionalBarycenterOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `free_support_barycenter` (otc_free_support_barycenter_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct FreeSupportBarycenterOptions {
    otc_free_support_barycenter_options c;  ///< the C struct (every field can also be set directly)
    FreeSupportBarycenterOptions() { check(otc_free_support_barycenter_options_default(&c), "otc_free_support_barycenter_options_default"); }
    /// Workers sharing the k OT problems of an iteration (0: default; results identical for
    /// every count).
    FreeSupportBarycenterOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Cap on outer iterations (default 100): `OTC_WARN_MAX_ITER` when reached unconverged.
    FreeSupportBarycenterOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Stop when no support point moves more than this (Euclidean norm; default 1e-9).
    FreeSupportBarycenterOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// The inner OT solver: `OTC_FREE_SUPPORT_INNER_EXACT` (the network simplex, default) or
    /// `OTC_FREE_SUPPORT_INNER_SINKHORN` (log-domain Sinkhorn at `epsilon`, warm-started from
    /// the previous iteration, the projections streamed from the potentials).
    FreeSupportBarycenterOptions &with_inner(int32_t value) {
        c.inner = value;
        return *this;
    }
    /// ε of the Sinkhorn inner solves, absolute, in squared-distance units (finite, > 0;
    /// default 1e-2). Ignored by the exact solver.
    FreeSupportBarycenterOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Iteration cap of each Sinkhorn inner solve (≥ 1; default 1000); a solve that reaches
    /// it is used as it stands.
    FreeSupportBarycenterOptions &with_inner_max_iter(uint64_t value) {
        c.inner_max_iter = value;
        return *this;
    }
    /// L1 marginal error at which a Sinkhorn inner solve stops (≥ 0; default 1e-9).
    FreeSupportBarycenterOptions &with_inner_tolerance(double value) {
        c.inner_tolerance = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    FreeSupportBarycenterOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `cost_matrix` (otc_cost_matrix_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct CostMatrixOptions {
    otc_cost_matrix_options c;  ///< the C struct (every field can also be set directly)
    CostMatrixOptions() { check(otc_cost_matrix_options_default(&c), "otc_cost_matrix_options_default"); }
    /// Worker threads sharing the rows of the matrix: 0 = `OTCORE_NUM_THREADS` or all cores,
    /// 1 = the calling thread only, k = k workers (≤ 256). Results are identical for every
    /// value. Default 0.
    CostMatrixOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// One of the `OTC_METRIC_*` values. Default `OTC_METRIC_SQEUCLIDEAN`.
    CostMatrixOptions &with_metric(int32_t value) {
        c.metric = value;
        return *this;
    }
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    CostMatrixOptions &with_p(double value) {
        c.p = value;
        return *this;
    }
};

/// Options of `emd_grid` (otc_emd_grid_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct EmdGridOptions {
    otc_emd_grid_options c;  ///< the C struct (every field can also be set directly)
    EmdGridOptions() { check(otc_emd_grid_options_default(&c), "otc_emd_grid_options_default"); }
    /// Checked (≤ 256) and accepted for uniformity: the solver runs on the calling thread.
    EmdGridOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    EmdGridOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Capacity of the sparse arc set per pixel (row or column; default 16, raised to at
    /// least 4·axes + 3): larger means fewer rebuilds and more memory (16 bytes an arc).
    EmdGridOptions &with_arcs_per_node(size_t value) {
        c.arcs_per_node = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    EmdGridOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `emd_partial` (otc_emd_partial_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct EmdPartialOptions {
    otc_emd_partial_options c;  ///< the C struct (every field can also be set directly)
    EmdPartialOptions() { check(otc_emd_partial_options_default(&c), "otc_emd_partial_options_default"); }
    /// Checked (≤ 256) and accepted for uniformity: one problem runs on the calling thread.
    EmdPartialOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Pivot cap (initial pivots included; default 2^40). When reached, the plan found so
    /// far is returned with `OTC_WARN_MAX_ITER`.
    EmdPartialOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// A target mass above min(Σa, Σb) by at most this relative amount is taken as
    /// min(Σa, Σb) (default 1e-9).
    EmdPartialOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    EmdPartialOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `emd_unbalanced_tv` (otc_emd_unbalanced_tv_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct EmdUnbalancedTvOptions {
    otc_emd_unbalanced_tv_options c;  ///< the C struct (every field can also be set directly)
    EmdUnbalancedTvOptions() { check(otc_emd_unbalanced_tv_options_default(&c), "otc_emd_unbalanced_tv_options_default"); }
    /// Checked (≤ 256) and accepted for uniformity: one problem runs on the calling thread.
    EmdUnbalancedTvOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Pivot cap (initial pivots included; default 2^40). When reached, the plan found so
    /// far is returned with `OTC_WARN_MAX_ITER`.
    EmdUnbalancedTvOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    EmdUnbalancedTvOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `emd_points` (otc_emd_points_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct EmdPointsOptions {
    otc_emd_points_options c;  ///< the C struct (every field can also be set directly)
    EmdPointsOptions() { check(otc_emd_points_options_default(&c), "otc_emd_points_options_default"); }
    /// Checked (0, or 1 to 256) but unused: the solve runs on the calling thread.
    EmdPointsOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// The ground cost: `OTC_METRIC_SQEUCLIDEAN` (default), `OTC_METRIC_EUCLIDEAN` or
    /// `OTC_METRIC_MINKOWSKI` (`OTC_METRIC_COSINE` is refused).
    EmdPointsOptions &with_metric(int32_t value) {
        c.metric = value;
        return *this;
    }
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    EmdPointsOptions &with_p(double value) {
        c.p = value;
        return *this;
    }
    /// Pivot cap, initial pivots included (default 2^40). When reached, the feasible plan
    /// found so far is returned with `OTC_WARN_MAX_ITER`. A cap below the default selects the
    /// dense network simplex (whose pivots it counts) over the multiscale solver.
    EmdPointsOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    EmdPointsOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    EmdPointsOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `emd` (otc_emd_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct EmdOptions {
    otc_emd_options c;  ///< the C struct (every field can also be set directly)
    EmdOptions() { check(otc_emd_options_default(&c), "otc_emd_options_default"); }
    /// Checked (0, or 1 to 256) but unused: one problem is solved on the calling thread.
    EmdOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Pivot cap, initial pivots included (default 2^40, never reached in practice). When
    /// reached, the feasible plan found so far is returned with `OTC_WARN_MAX_ITER`.
    EmdOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    EmdOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    EmdOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `emd_batch` (otc_emd_batch_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct EmdBatchOptions {
    otc_emd_batch_options c;  ///< the C struct (every field can also be set directly)
    EmdBatchOptions() { check(otc_emd_batch_options_default(&c), "otc_emd_batch_options_default"); }
    /// Worker threads sharing the problems (one problem runs on one thread): 0 =
    /// `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers (≤ 256).
    /// Results are identical for every value.
    EmdBatchOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Pivot cap of each problem, initial pivots included (default 2^40).
    EmdBatchOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Largest accepted relative mass gap of each problem (default 1e-9).
    EmdBatchOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    EmdBatchOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `wasserstein_1d` (otc_wasserstein_1d_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct Wasserstein1dOptions {
    otc_wasserstein_1d_options c;  ///< the C struct (every field can also be set directly)
    Wasserstein1dOptions() { check(otc_wasserstein_1d_options_default(&c), "otc_wasserstein_1d_options_default"); }
    /// Checked (0, or 1 to 256) but unused: the merge runs on the calling thread.
    Wasserstein1dOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    Wasserstein1dOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
};

/// Options of `sliced_wasserstein` (otc_sliced_wasserstein_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SlicedWassersteinOptions {
    otc_sliced_wasserstein_options c;  ///< the C struct (every field can also be set directly)
    SlicedWassersteinOptions() { check(otc_sliced_wasserstein_options_default(&c), "otc_sliced_wasserstein_options_default"); }
    /// Worker threads splitting the directions: 0 = `OTCORE_NUM_THREADS` or all cores, 1 =
    /// the calling thread only, k = k workers (≤ 256). The result is identical for every
    /// value.
    SlicedWassersteinOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9).
    SlicedWassersteinOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Number of random directions k ≥ 1 (default 50) when `problem->directions.data` is
    /// NULL; ignored when directions are given.
    SlicedWassersteinOptions &with_num_directions(size_t value) {
        c.num_directions = value;
        return *this;
    }
    /// Seed of the random directions (default 0): direction l depends on the seed and l only.
    SlicedWassersteinOptions &with_seed(uint64_t value) {
        c.seed = value;
        return *this;
    }
};

/// Options of `wasserstein_flow_step` (otc_wasserstein_flow_step_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct WassersteinFlowStepOptions {
    otc_wasserstein_flow_step_options c;  ///< the C struct (every field can also be set directly)
    WassersteinFlowStepOptions() { check(otc_wasserstein_flow_step_options_default(&c), "otc_wasserstein_flow_step_options_default"); }
    /// Worker threads of the Sinkhorn passes: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
    /// calling thread only, k = k workers (≤ 256). Results are identical for every value.
    WassersteinFlowStepOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Time step τ > 0: a particle moves by −τ·∇_{x_i}S_ε/a_i (default 0.1).
    WassersteinFlowStepOptions &with_step(double value) {
        c.step = value;
        return *this;
    }
    /// Entropic regularisation ε > 0 of the divergence, in units of the squared distance
    /// (default 0.01).
    WassersteinFlowStepOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Stop each of the three Sinkhorn solves when its L1 marginal error is at most this
    /// (default 1e-9).
    WassersteinFlowStepOptions &with_tolerance(double value) {
        c.tolerance = value;
        return *this;
    }
    /// Iteration cap of each solve (default 1000).
    WassersteinFlowStepOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Check the marginal error every this many iterations (≥ 1, default 10).
    WassersteinFlowStepOptions &with_check_every(uint64_t value) {
        c.check_every = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    WassersteinFlowStepOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `mmd_flow_step` (otc_mmd_flow_step_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct MmdFlowStepOptions {
    otc_mmd_flow_step_options c;  ///< the C struct (every field can also be set directly)
    MmdFlowStepOptions() { check(otc_mmd_flow_step_options_default(&c), "otc_mmd_flow_step_options_default"); }
    /// Worker threads sharing the particles (blocks of rows): 0 = `OTCORE_NUM_THREADS` or
    /// all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
    /// for every value.
    MmdFlowStepOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// `OTC_MMD_KERNEL_ENERGY` (default) or `OTC_MMD_KERNEL_GAUSSIAN`.
    MmdFlowStepOptions &with_kernel(int32_t value) {
        c.kernel = value;
        return *this;
    }
    /// Time step τ > 0 (default 0.1).
    MmdFlowStepOptions &with_step(double value) {
        c.step = value;
        return *this;
    }
    /// Bandwidth σ > 0 of the Gaussian kernel, length units (default 1; unused by the
    /// energy kernel).
    MmdFlowStepOptions &with_sigma(double value) {
        c.sigma = value;
        return *this;
    }
};

/// Options of `jko_step` (otc_jko_step_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct JkoStepOptions {
    otc_jko_step_options c;  ///< the C struct (every field can also be set directly)
    JkoStepOptions() { check(otc_jko_step_options_default(&c), "otc_jko_step_options_default"); }
    /// Worker threads sharing the rows of each log-convolution: 0 = `OTCORE_NUM_THREADS` or
    /// all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
    /// for every value.
    JkoStepOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Iteration cap (≥ 1; default 1000).
    JkoStepOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Entropic regularisation ε > 0, in units of the cost ½|x − y|² on the unit square
    /// (default 1e-3).
    JkoStepOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Time step τ > 0 (default 1e-3).
    JkoStepOptions &with_step(double value) {
        c.step = value;
        return *this;
    }
    /// Stop when the last update changed the density by at most `tol` in L1 (units of mass;
    /// default 1e-9).
    JkoStepOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    JkoStepOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `bures` (otc_bures_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct BuresOptions {
    otc_bures_options c;  ///< the C struct (every field can also be set directly)
    BuresOptions() { check(otc_bures_options_default(&c), "otc_bures_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256). One pair runs on one thread: the result is the same for every value.
    BuresOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    BuresOptions &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue|
    /// (default 1e-9); eigenvalues in [−psd_tol·max|λ|, 0) are rounding, clamped to 0.
    BuresOptions &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
};

/// Options of `gaussian_w2` (otc_gaussian_w2_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianW2Options {
    otc_gaussian_w2_options c;  ///< the C struct (every field can also be set directly)
    GaussianW2Options() { check(otc_gaussian_w2_options_default(&c), "otc_gaussian_w2_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    GaussianW2Options &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    GaussianW2Options &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    GaussianW2Options &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
};

/// Options of `gaussian_entropic_w2` (otc_gaussian_entropic_w2_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianEntropicW2Options {
    otc_gaussian_entropic_w2_options c;  ///< the C struct (every field can also be set directly)
    GaussianEntropicW2Options() { check(otc_gaussian_entropic_w2_options_default(&c), "otc_gaussian_entropic_w2_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    GaussianEntropicW2Options &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    GaussianEntropicW2Options &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    GaussianEntropicW2Options &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
};

/// Options of `gaussian_w2_pairwise` (otc_gaussian_w2_pairwise_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianW2PairwiseOptions {
    otc_gaussian_w2_pairwise_options c;  ///< the C struct (every field can also be set directly)
    GaussianW2PairwiseOptions() { check(otc_gaussian_w2_pairwise_options_default(&c), "otc_gaussian_w2_pairwise_options_default"); }
    /// Workers sharing the factorisations and pairs, in fixed runs: 0 = `OTCORE_NUM_THREADS`
    /// or all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are
    /// identical for every value; the workspace grows with it.
    GaussianW2PairwiseOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    GaussianW2PairwiseOptions &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    GaussianW2PairwiseOptions &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
};

/// Options of `gaussian_map` (otc_gaussian_map_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianMapOptions {
    otc_gaussian_map_options c;  ///< the C struct (every field can also be set directly)
    GaussianMapOptions() { check(otc_gaussian_map_options_default(&c), "otc_gaussian_map_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    GaussianMapOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    GaussianMapOptions &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    GaussianMapOptions &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
    /// Eigenvalues of Σ₁ ≤ rank_tol·λmax count as 0 when inverting (pseudo-inverse);
    /// 0 = d·ε (default).
    GaussianMapOptions &with_rank_tol(double value) {
        c.rank_tol = value;
        return *this;
    }
};

/// Options of `gaussian_map_apply` (otc_gaussian_map_apply_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianMapApplyOptions {
    otc_gaussian_map_apply_options c;  ///< the C struct (every field can also be set directly)
    GaussianMapApplyOptions() { check(otc_gaussian_map_apply_options_default(&c), "otc_gaussian_map_apply_options_default"); }
    /// Threads of the matrix product: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
    /// calling thread only, k = k workers (≤ 256).
    GaussianMapApplyOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
};

/// Options of `gaussian_geodesic` (otc_gaussian_geodesic_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianGeodesicOptions {
    otc_gaussian_geodesic_options c;  ///< the C struct (every field can also be set directly)
    GaussianGeodesicOptions() { check(otc_gaussian_geodesic_options_default(&c), "otc_gaussian_geodesic_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    GaussianGeodesicOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    GaussianGeodesicOptions &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    GaussianGeodesicOptions &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
    /// Eigenvalues of Σ₁ ≤ rank_tol·λmax count as 0 when inverting; 0 = d·ε (default).
    GaussianGeodesicOptions &with_rank_tol(double value) {
        c.rank_tol = value;
        return *this;
    }
};

/// Options of `gaussian_barycenter` (otc_gaussian_barycenter_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianBarycenterOptions {
    otc_gaussian_barycenter_options c;  ///< the C struct (every field can also be set directly)
    GaussianBarycenterOptions() { check(otc_gaussian_barycenter_options_default(&c), "otc_gaussian_barycenter_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    GaussianBarycenterOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    GaussianBarycenterOptions &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    GaussianBarycenterOptions &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
    /// Eigenvalues of the iterate ≤ rank_tol·λmax count as 0 when inverting; 0 = d·ε
    /// (default).
    GaussianBarycenterOptions &with_rank_tol(double value) {
        c.rank_tol = value;
        return *this;
    }
    /// Stop when the estimated relative error ‖Σ − Σ*‖_F/‖Σ‖_F of the covariance is at most
    /// this (default 1e-13): sₖ·q/(1 − q) from the last relative step sₖ and the rate
    /// q = sₖ/sₖ₋₁ of the linearly converging iteration.
    GaussianBarycenterOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// Iteration cap (default 1000, ≥ 1); reaching it is `OTC_WARN_MAX_ITER`.
    GaussianBarycenterOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    GaussianBarycenterOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `gaussian_moments` (otc_gaussian_moments_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct GaussianMomentsOptions {
    otc_gaussian_moments_options c;  ///< the C struct (every field can also be set directly)
    GaussianMomentsOptions() { check(otc_gaussian_moments_options_default(&c), "otc_gaussian_moments_options_default"); }
    /// Threads of the matrix product: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
    /// calling thread only, k = k workers (≤ 256).
    GaussianMomentsOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
};

/// Options of `psd_sqrt` (otc_psd_sqrt_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct PsdSqrtOptions {
    otc_psd_sqrt_options c;  ///< the C struct (every field can also be set directly)
    PsdSqrtOptions() { check(otc_psd_sqrt_options_default(&c), "otc_psd_sqrt_options_default"); }
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    PsdSqrtOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    PsdSqrtOptions &with_symmetry_tol(double value) {
        c.symmetry_tol = value;
        return *this;
    }
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    PsdSqrtOptions &with_psd_tol(double value) {
        c.psd_tol = value;
        return *this;
    }
    /// Eigenvalues ≤ rank_tol·λmax count as 0 in the inverse square root; 0 = d·ε (default).
    PsdSqrtOptions &with_rank_tol(double value) {
        c.rank_tol = value;
        return *this;
    }
};

/// Options of `plan_position_gradient` (otc_plan_position_gradient_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct PlanPositionGradientOptions {
    otc_plan_position_gradient_options c;  ///< the C struct (every field can also be set directly)
    PlanPositionGradientOptions() { check(otc_plan_position_gradient_options_default(&c), "otc_plan_position_gradient_options_default"); }
    /// Checked (0, or 1 to 256) but unused: the sum runs on the calling thread.
    PlanPositionGradientOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// The cost c of the plan, one of the `OTC_METRIC_*` values (the metric the plan was
    /// solved for). Default `OTC_METRIC_SQEUCLIDEAN`.
    PlanPositionGradientOptions &with_metric(int32_t value) {
        c.metric = value;
        return *this;
    }
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    PlanPositionGradientOptions &with_p(double value) {
        c.p = value;
        return *this;
    }
};

/// Options of `displacement_interpolation` (otc_displacement_interpolation_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct DisplacementInterpolationOptions {
    otc_displacement_interpolation_options c;  ///< the C struct (every field can also be set directly)
    DisplacementInterpolationOptions() { check(otc_displacement_interpolation_options_default(&c), "otc_displacement_interpolation_options_default"); }
    /// Checked (0, or 1 to 256) but unused: the points are written on the calling thread.
    DisplacementInterpolationOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
};

/// Options of `quantile_1d` (otc_quantile_1d_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct Quantile1dOptions {
    otc_quantile_1d_options c;  ///< the C struct (every field can also be set directly)
    Quantile1dOptions() { check(otc_quantile_1d_options_default(&c), "otc_quantile_1d_options_default"); }
    /// Checked (0, or 1 to 256) but unused: the search runs on the calling thread.
    Quantile1dOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
};

/// Options of `barycenter_1d` (otc_barycenter_1d_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct Barycenter1dOptions {
    otc_barycenter_1d_options c;  ///< the C struct (every field can also be set directly)
    Barycenter1dOptions() { check(otc_barycenter_1d_options_default(&c), "otc_barycenter_1d_options_default"); }
    /// Checked (0, or 1 to 256) but unused: the merge runs on the calling thread.
    Barycenter1dOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Largest accepted relative mass gap |M_i − M_0| / max(M_i, M_0) between measure i and
    /// measure 0 (default 1e-9); within it, every measure is rescaled to measure 0's mass.
    Barycenter1dOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
};

/// Options of `laguerre_assign` (otc_laguerre_assign_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct LaguerreAssignOptions {
    otc_laguerre_assign_options c;  ///< the C struct (every field can also be set directly)
    LaguerreAssignOptions() { check(otc_laguerre_assign_options_default(&c), "otc_laguerre_assign_options_default"); }
    /// Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    LaguerreAssignOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
};

/// Options of `semidiscrete` (otc_semidiscrete_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SemidiscreteOptions {
    otc_semidiscrete_options c;  ///< the C struct (every field can also be set directly)
    SemidiscreteOptions() { check(otc_semidiscrete_options_default(&c), "otc_semidiscrete_options_default"); }
    /// Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    SemidiscreteOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// `OTC_SEMIDISCRETE_NEWTON` (default) or `OTC_SEMIDISCRETE_GRADIENT`.
    SemidiscreteOptions &with_method(int32_t value) {
        c.method = value;
        return *this;
    }
    /// Iteration cap (gradient steps, or Newton steps over all ε stages; default 1000, >= 1).
    SemidiscreteOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Stop when the largest cell-mass error `max_j |m_j − b_j|` is at most `tol` (units of
    /// mass; smoothed masses at the target ε for Newton, hard masses for the gradient
    /// method; default 1e-6, > 0).
    SemidiscreteOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// Gradient step (squared distance per unit mass); 0 (default) = from the data.
    SemidiscreteOptions &with_step(double value) {
        c.step = value;
        return *this;
    }
    /// Newton's entropic smoothing ε (squared distance); 0 (default) = 1e-4 × the squared
    /// diagonal of the points' bounding box.
    SemidiscreteOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    SemidiscreteOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `semidiscrete_sgd` (otc_semidiscrete_sgd_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SemidiscreteSgdOptions {
    otc_semidiscrete_sgd_options c;  ///< the C struct (every field can also be set directly)
    SemidiscreteSgdOptions() { check(otc_semidiscrete_sgd_options_default(&c), "otc_semidiscrete_sgd_options_default"); }
    /// Threads over each batch: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    SemidiscreteSgdOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Number of iterations (batches; default 10000, >= 1).
    SemidiscreteSgdOptions &with_iterations(uint64_t value) {
        c.iterations = value;
        return *this;
    }
    /// Samples per batch (default 64, >= 1).
    SemidiscreteSgdOptions &with_batch(size_t value) {
        c.batch = value;
        return *this;
    }
    /// Initial step γ₀ (squared distance per unit mass; the k-th step is γ₀/√k); 0 (default)
    /// = from the first batch.
    SemidiscreteSgdOptions &with_step(double value) {
        c.step = value;
        return *this;
    }
    /// Seed of the SplitMix64 stream that draws from a sample array (default 0; unused with a
    /// sampler). The same seed gives the same g for every thread count.
    SemidiscreteSgdOptions &with_seed(uint64_t value) {
        c.seed = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    SemidiscreteSgdOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `lloyd` (otc_lloyd_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct LloydOptions {
    otc_lloyd_options c;  ///< the C struct (every field can also be set directly)
    LloydOptions() { check(otc_lloyd_options_default(&c), "otc_lloyd_options_default"); }
    /// Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    LloydOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Iteration cap (default 1000; 0: only the distortion of the given sites).
    LloydOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Stop when no site moves more than `tol` (distance units, >= 0). The default 0 stops at
    /// the fixed point, which a finite sample set reaches in finitely many iterations.
    LloydOptions &with_tol(double value) {
        c.tol = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    LloydOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `sinkhorn` (otc_sinkhorn_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SinkhornOptions {
    otc_sinkhorn_options c;  ///< the C struct (every field can also be set directly)
    SinkhornOptions() { check(otc_sinkhorn_options_default(&c), "otc_sinkhorn_options_default"); }
    /// Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
    /// k = k workers (at most 256). Results are identical for every value.
    SinkhornOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// 1 = symmetric (averaged, simultaneous) updates, 0 = alternating (default).
    SinkhornOptions &with_symmetric(uint32_t value) {
        c.symmetric = value;
        return *this;
    }
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    SinkhornOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Stop when the L1 marginal error is at most this (0 = run to `max_iter`). Default 1e-9.
    SinkhornOptions &with_tolerance(double value) {
        c.tolerance = value;
        return *this;
    }
    /// Iteration cap of the whole solve, ε-scaling iterations included (they run first, the
    /// target ε gets what they leave); default 1000. Reaching it gives `OTC_WARN_MAX_ITER`.
    SinkhornOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Check the marginal error every this many iterations (>= 1, default 10).
    SinkhornOptions &with_check_every(uint64_t value) {
        c.check_every = value;
        return *this;
    }
    /// `OTC_SINKHORN_PATH_AUTO` (default), `_LOG_DOMAIN`, `_KERNEL` or `_TRUNCATED`.
    SinkhornOptions &with_path(int32_t value) {
        c.path = value;
        return *this;
    }
    /// How a finite `rho_a` / `rho_b` penalises the marginals: `OTC_SINKHORN_PENALTY_KL`
    /// (default) or `OTC_SINKHORN_PENALTY_TV`.
    SinkhornOptions &with_penalty(int32_t value) {
        c.penalty = value;
        return *this;
    }
    /// Penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced.
    SinkhornOptions &with_rho_a(double value) {
        c.rho_a = value;
        return *this;
    }
    /// Penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced.
    SinkhornOptions &with_rho_b(double value) {
        c.rho_b = value;
        return *this;
    }
    /// Balanced problems: largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb), finite
    /// and >= 0 (default 1e-6); beyond it `OTC_ERR_MASS_MISMATCH`, within it b is rescaled to
    /// a's mass (the plan's column sums are (Σa/Σb)·b).
    SinkhornOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Over-relaxation ω of the updates `f ← (1 − ω)·f + ω·f_Sinkhorn`: 1 = off (default), a
    /// value in (0, 2) a fixed ω, 0 = adaptive (from the observed contraction rate; plain with
    /// a TV penalty).
    SinkhornOptions &with_over_relaxation(double value) {
        c.over_relaxation = value;
        return *this;
    }
    /// Largest workspace in bytes `OTC_SINKHORN_PATH_AUTO` gives the stored kernel (default
    /// 2^30); beyond it the log-domain path runs.
    SinkhornOptions &with_kernel_memory_cap(size_t value) {
        c.kernel_memory_cap = value;
        return *this;
    }
    /// Intermediate ε values of the geometric ε-scaling schedule (0 = off, the default).
    SinkhornOptions &with_eps_scaling_steps(uint64_t value) {
        c.eps_scaling_steps = value;
        return *this;
    }
    /// Iterations at each intermediate ε (default 10; >= 1 when `eps_scaling_steps` > 0).
    SinkhornOptions &with_eps_scaling_iters(uint64_t value) {
        c.eps_scaling_iters = value;
        return *this;
    }
    /// First ε of the schedule; <= 0 (the default) = the cost's largest value.
    SinkhornOptions &with_eps_scaling_start(double value) {
        c.eps_scaling_start = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    SinkhornOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `sinkhorn_divergence` (otc_sinkhorn_divergence_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SinkhornDivergenceOptions {
    otc_sinkhorn_divergence_options c;  ///< the C struct (every field can also be set directly)
    SinkhornDivergenceOptions() { check(otc_sinkhorn_divergence_options_default(&c), "otc_sinkhorn_divergence_options_default"); }
    /// Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
    /// k = k workers (at most 256). Results are identical for every value.
    SinkhornDivergenceOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// 1 = symmetric (averaged, simultaneous) updates, 0 = alternating (default).
    SinkhornDivergenceOptions &with_symmetric(uint32_t value) {
        c.symmetric = value;
        return *this;
    }
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    SinkhornDivergenceOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Stop each solve when its L1 marginal error is at most this. Default 1e-9.
    SinkhornDivergenceOptions &with_tolerance(double value) {
        c.tolerance = value;
        return *this;
    }
    /// Iteration cap of each solve, ε-scaling included; default 1000.
    SinkhornDivergenceOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Check the marginal error every this many iterations (>= 1, default 10).
    SinkhornDivergenceOptions &with_check_every(uint64_t value) {
        c.check_every = value;
        return *this;
    }
    /// `OTC_SINKHORN_PATH_AUTO` (default), `_LOG_DOMAIN`, `_KERNEL` or `_TRUNCATED`.
    SinkhornDivergenceOptions &with_path(int32_t value) {
        c.path = value;
        return *this;
    }
    /// `OTC_SINKHORN_PENALTY_KL` (default) or `OTC_SINKHORN_PENALTY_TV`.
    SinkhornDivergenceOptions &with_penalty(int32_t value) {
        c.penalty = value;
        return *this;
    }
    /// Penalty ρ_a > 0 on the first measure's marginals; `INFINITY` (default) = balanced.
    SinkhornDivergenceOptions &with_rho_a(double value) {
        c.rho_a = value;
        return *this;
    }
    /// Penalty ρ_b > 0 on the second measure's marginals; `INFINITY` (default) = balanced.
    SinkhornDivergenceOptions &with_rho_b(double value) {
        c.rho_b = value;
        return *this;
    }
    /// Balanced problems: largest accepted relative mass gap (default 1e-6).
    SinkhornDivergenceOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Over-relaxation ω: 1 = off (default), (0, 2) fixed, 0 = adaptive (plain with TV).
    SinkhornDivergenceOptions &with_over_relaxation(double value) {
        c.over_relaxation = value;
        return *this;
    }
    /// Largest workspace in bytes `OTC_SINKHORN_PATH_AUTO` gives the stored kernel (2^30).
    SinkhornDivergenceOptions &with_kernel_memory_cap(size_t value) {
        c.kernel_memory_cap = value;
        return *this;
    }
    /// Intermediate ε values of the ε-scaling schedule (0 = off, the default).
    SinkhornDivergenceOptions &with_eps_scaling_steps(uint64_t value) {
        c.eps_scaling_steps = value;
        return *this;
    }
    /// Iterations at each intermediate ε (default 10; >= 1 when `eps_scaling_steps` > 0).
    SinkhornDivergenceOptions &with_eps_scaling_iters(uint64_t value) {
        c.eps_scaling_iters = value;
        return *this;
    }
    /// First ε of the schedule; <= 0 (the default) = the cost's largest value.
    SinkhornDivergenceOptions &with_eps_scaling_start(double value) {
        c.eps_scaling_start = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    SinkhornDivergenceOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

/// Options of `sinkhorn_block_step` (otc_sinkhorn_block_step_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SinkhornBlockStepOptions {
    otc_sinkhorn_block_step_options c;  ///< the C struct (every field can also be set directly)
    SinkhornBlockStepOptions() { check(otc_sinkhorn_block_step_options_default(&c), "otc_sinkhorn_block_step_options_default"); }
    /// Worker threads sharing the block's rows and columns: 0 = `OTCORE_NUM_THREADS` or all
    /// cores, 1 = the calling thread only (one rank per core), k = k workers (k <= 256).
    /// Results are identical for every value.
    SinkhornBlockStepOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01. The step runs
    /// at this ε (anneal by changing it between steps).
    SinkhornBlockStepOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// KL penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced. Used by
    /// the row update (κ_a = ρ_a / (ρ_a + ε)) and the marginal error.
    SinkhornBlockStepOptions &with_rho_a(double value) {
        c.rho_a = value;
        return *this;
    }
    /// KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced. The
    /// step reads it only to start its column sums near the last column update's values (the
    /// same ρ_b as the column update's, for speed; the results do not depend on it).
    SinkhornBlockStepOptions &with_rho_b(double value) {
        c.rho_b = value;
        return *this;
    }
};

/// Options of `sinkhorn_block_column_update` (otc_sinkhorn_block_column_update_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SinkhornBlockColumnUpdateOptions {
    otc_sinkhorn_block_column_update_options c;  ///< the C struct (every field can also be set directly)
    SinkhornBlockColumnUpdateOptions() { check(otc_sinkhorn_block_column_update_options_default(&c), "otc_sinkhorn_block_column_update_options_default"); }
    /// Checked like every thread count (<= 256, else `OTC_ERR_THREADS`); the O(m) update
    /// always runs on the calling thread.
    SinkhornBlockColumnUpdateOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Entropic regularisation ε > 0, the block steps' (default 0.01).
    SinkhornBlockColumnUpdateOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced
    /// (κ_b = ρ_b / (ρ_b + ε)).
    SinkhornBlockColumnUpdateOptions &with_rho_b(double value) {
        c.rho_b = value;
        return *this;
    }
};

/// Options of `sinkhorn_partial` (otc_sinkhorn_partial_options): the C struct `c`, filled with the library's defaults, and a
/// chainable setter per field.
struct SinkhornPartialOptions {
    otc_sinkhorn_partial_options c;  ///< the C struct (every field can also be set directly)
    SinkhornPartialOptions() { check(otc_sinkhorn_partial_options_default(&c), "otc_sinkhorn_partial_options_default"); }
    /// Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
    /// k = k workers (at most 256). Results are identical for every value.
    SinkhornPartialOptions &with_num_threads(uint32_t value) {
        c.num_threads = value;
        return *this;
    }
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    SinkhornPartialOptions &with_epsilon(double value) {
        c.epsilon = value;
        return *this;
    }
    /// Stop when the L1 error of the optimality conditions is at most this (0 = run to
    /// `max_iter`). Default 1e-9.
    SinkhornPartialOptions &with_tolerance(double value) {
        c.tolerance = value;
        return *this;
    }
    /// Iteration cap (>= 1; an iteration is a row, a column and a mass update); default
    /// 10000. Reaching it gives `OTC_WARN_MAX_ITER`.
    SinkhornPartialOptions &with_max_iter(uint64_t value) {
        c.max_iter = value;
        return *this;
    }
    /// Check the error every this many iterations (>= 1, default 10).
    SinkhornPartialOptions &with_check_every(uint64_t value) {
        c.check_every = value;
        return *this;
    }
    /// A target mass above min(Σa, Σb) by at most this relative amount is taken as
    /// min(Σa, Σb) (default 1e-9).
    SinkhornPartialOptions &with_mass_tolerance(double value) {
        c.mass_tolerance = value;
        return *this;
    }
    /// Progress callback: `function(data, iteration, error)` on the calling thread at most
    /// once per `every` iterations (0: never); nonzero stops the solve
    /// (`OTC_WARN_CANCELLED`, valid outputs).
    SinkhornPartialOptions &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {
        c.callback_every = every;
        c.callback = function;
        c.callback_data = data;
        return *this;
    }
};

}  // namespace otcore

#endif  // OTCORE_ABI_HPP

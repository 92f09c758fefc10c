# GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit.
"""ctypes mirror of include/otcore.h: constants, structs, callback types, prototypes.

`declare(lib)` sets restype/argtypes of every function of a loaded libotcore; the
structs carry the C names (`otc_emd_problem_f64(...)`).
"""
import ctypes

OTC_FREE_SUPPORT_INNER_EXACT = 0
OTC_FREE_SUPPORT_INNER_SINKHORN = 1
OTC_METRIC_SQEUCLIDEAN = 0
OTC_METRIC_EUCLIDEAN = 1
OTC_METRIC_MINKOWSKI = 2
OTC_METRIC_COSINE = 3
OTC_MMD_KERNEL_ENERGY = 0
OTC_MMD_KERNEL_GAUSSIAN = 1
OTC_SEMIDISCRETE_NEWTON = 0
OTC_SEMIDISCRETE_GRADIENT = 1
OTC_SINKHORN_PATH_AUTO = 0
OTC_SINKHORN_PATH_LOG_DOMAIN = 1
OTC_SINKHORN_PATH_KERNEL = 2
OTC_SINKHORN_PATH_TRUNCATED = 3
OTC_SINKHORN_PENALTY_KL = 0
OTC_SINKHORN_PENALTY_TV = 1
OTC_VERSION_MAJOR = 1
OTC_VERSION_MINOR = 0
OTC_VERSION_PATCH = 0
OTC_VERSION_NUMBER = 10000
otc_status = ctypes.c_int32

otc_callback = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_double)


class otc_assignment_options(ctypes.Structure):
    """Options of `otc_assignment_f64`; fill with `otc_assignment_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_matrix_f64(ctypes.Structure):
    """Read-only strided view of a matrix of `double`."""
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("rows", ctypes.c_size_t),
        ("cols", ctypes.c_size_t),
        ("row_stride", ctypes.c_ssize_t),
        ("col_stride", ctypes.c_ssize_t),
    ]



class otc_assignment_problem_f64(ctypes.Structure):
    """A batch of `count` assignment problems of one size n: problem l is the n × n cost
    `costs[l]` (element (i, j): the cost of giving column j to row i; any finite values, any
    strides; row-major and column-major views are both read contiguously, never copied)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("count", ctypes.c_size_t),
        ("costs", ctypes.c_void_p),
    ]



class otc_report(ctypes.Structure):
    """What every ABI 1 call reports, the first field after `struct_size` of every outputs struct.
    Written with the other outputs, when the call returns `OTC_OK` or a warning."""
    _fields_ = [
        ("status", ctypes.c_int32),
        ("path", ctypes.c_int32),
        ("iterations", ctypes.c_uint64),
        ("error", ctypes.c_double),
        ("seconds", ctypes.c_double),
    ]



class otc_assignment_outputs_f64(ctypes.Structure):
    """Results of `otc_assignment_f64`. `report.iterations`: shortest augmenting paths run (over
    all problems); `report.error`: `gap`; `report.path`: 0. The optional outputs (NULL: not
    wanted) hold problem after problem."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("perm", ctypes.c_void_p),
        ("u", ctypes.c_void_p),
        ("v", ctypes.c_void_p),
        ("problem_costs", ctypes.c_void_p),
    ]



class otc_workspace(ctypes.Structure):
    """Caller-provided scratch memory of a call, any alignment. `{NULL, 0}`: the library
    allocates what the call needs (and reports `OTC_ERR_OUT_OF_MEMORY` if it cannot).
    Its size comes from the operation's `*_workspace_size_*` query; it must not overlap any
    argument, and its contents are undefined after the call."""
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("bytes", ctypes.c_size_t),
    ]



class otc_barycenter_options(ctypes.Structure):
    """Options of `otc_barycenter_f64/_f32`; fill with `otc_barycenter_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("epsilon", ctypes.c_double),
        ("tol", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_convolutional_barycenter_options(ctypes.Structure):
    """Options of `otc_convolutional_barycenter_f64/_f32`; fill with
    `otc_convolutional_barycenter_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("epsilon", ctypes.c_double),
        ("tol", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_barycenter_problem_f64(ctypes.Structure):
    """A fixed-support barycenter problem in f64: k histograms on a common support of n points."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("hists", otc_matrix_f64),
        ("cost", otc_matrix_f64),
        ("weights", ctypes.c_void_p),
    ]



class otc_matrix_f32(ctypes.Structure):
    """Read-only strided view of a matrix of `float`."""
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("rows", ctypes.c_size_t),
        ("cols", ctypes.c_size_t),
        ("row_stride", ctypes.c_ssize_t),
        ("col_stride", ctypes.c_ssize_t),
    ]



class otc_barycenter_problem_f32(ctypes.Structure):
    """A fixed-support barycenter problem in f32, as `otc_barycenter_problem_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("hists", otc_matrix_f32),
        ("cost", otc_matrix_f32),
        ("weights", ctypes.c_void_p),
    ]



class otc_barycenter_outputs_f64(ctypes.Structure):
    """Results of `otc_barycenter_f64`. `report.iterations`: Bregman-projection rounds;
    `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("barycenter", ctypes.c_void_p),
    ]



class otc_barycenter_outputs_f32(ctypes.Structure):
    """Results of `otc_barycenter_f32`, as `otc_barycenter_outputs_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("barycenter", ctypes.c_void_p),
    ]



class otc_convolutional_barycenter_problem_f64(ctypes.Structure):
    """A convolutional barycenter problem in f64: k images on an h × w grid of the unit square."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("images", otc_matrix_f64),
        ("height", ctypes.c_size_t),
        ("width", ctypes.c_size_t),
        ("weights", ctypes.c_void_p),
    ]



class otc_convolutional_barycenter_problem_f32(ctypes.Structure):
    """A convolutional barycenter problem in f32, as `otc_convolutional_barycenter_problem_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("images", otc_matrix_f32),
        ("height", ctypes.c_size_t),
        ("width", ctypes.c_size_t),
        ("weights", ctypes.c_void_p),
    ]



class otc_convolutional_barycenter_outputs_f64(ctypes.Structure):
    """Results of `otc_convolutional_barycenter_f64`. `report.iterations`: Bregman-projection
    rounds; `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("barycenter", ctypes.c_void_p),
    ]



class otc_convolutional_barycenter_outputs_f32(ctypes.Structure):
    """Results of `otc_convolutional_barycenter_f32`, as
    `otc_convolutional_barycenter_outputs_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("barycenter", ctypes.c_void_p),
    ]



class otc_free_support_barycenter_options(ctypes.Structure):
    """Options of `otc_free_support_barycenter_f64`; fill with
    `otc_free_support_barycenter_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("tol", ctypes.c_double),
        ("inner", ctypes.c_int32),
        ("epsilon", ctypes.c_double),
        ("inner_max_iter", ctypes.c_uint64),
        ("inner_tolerance", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_free_support_barycenter_problem_f64(ctypes.Structure):
    """The free-support Wasserstein barycenter `argmin_X Σ_i λ_i W2²((X, a), μ_i)` of k point
    clouds stored one after the other: measure i is the `sizes[i]` rows of `y` from row
    `sizes[0] + … + sizes[i − 1]` on, with their weights in `b`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("y", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("sizes", ctypes.c_void_p),
        ("k", ctypes.c_size_t),
        ("lambda", ctypes.c_void_p),
        ("x0", otc_matrix_f64),
        ("a", ctypes.c_void_p),
    ]



class otc_matrix_mut_f64(ctypes.Structure):
    """Writable strided view of a matrix of `double` (an output: its elements must not overlap)."""
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("rows", ctypes.c_size_t),
        ("cols", ctypes.c_size_t),
        ("row_stride", ctypes.c_ssize_t),
        ("col_stride", ctypes.c_ssize_t),
    ]



class otc_free_support_barycenter_outputs_f64(ctypes.Structure):
    """Results of `otc_free_support_barycenter_f64`. `report.iterations`: outer iterations;
    `report.error`: the largest move of a support point in the last iteration."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("objective", ctypes.c_double),
        ("x", otc_matrix_mut_f64),
    ]



class otc_cost_matrix_options(ctypes.Structure):
    """Options of `otc_cost_matrix_f64` / `_f32`; fill with `otc_cost_matrix_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("metric", ctypes.c_int32),
        ("p", ctypes.c_double),
    ]



class otc_cost_matrix_problem_f64(ctypes.Structure):
    """The two point clouds of `otc_cost_matrix_f64`: one point a row, any strides (row-major C
    passes `(d, 1)`, column-major Fortran/Julia/R `(1, n)`), finite coordinates."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("y", otc_matrix_f64),
    ]



class otc_cost_matrix_problem_f32(ctypes.Structure):
    """The two point clouds of `otc_cost_matrix_f32`, as `otc_cost_matrix_problem_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f32),
        ("y", otc_matrix_f32),
    ]



class otc_cost_matrix_outputs_f64(ctypes.Structure):
    """Results of `otc_cost_matrix_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", otc_matrix_mut_f64),
    ]



class otc_matrix_mut_f32(ctypes.Structure):
    """Writable strided view of a matrix of `float` (an output: its elements must not overlap)."""
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("rows", ctypes.c_size_t),
        ("cols", ctypes.c_size_t),
        ("row_stride", ctypes.c_ssize_t),
        ("col_stride", ctypes.c_ssize_t),
    ]



class otc_cost_matrix_outputs_f32(ctypes.Structure):
    """Results of `otc_cost_matrix_f32`, as `otc_cost_matrix_outputs_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", otc_matrix_mut_f32),
    ]



class otc_emd_grid_options(ctypes.Structure):
    """Options of `otc_emd_grid_f64`; fill with `otc_emd_grid_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("mass_tolerance", ctypes.c_double),
        ("arcs_per_node", ctypes.c_size_t),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_emd_grid_problem_f64(ctypes.Structure):
    """Two histograms on one regular grid of `ndim` axes (1, 2 or 3) with `shape[k]` pixels and
    spacing `spacing[k]` along axis k. The grid has
    n = `shape[0]·…·shape[ndim−1]` pixels, stored row-major (last axis fastest: pixel
    (x0, x1, x2) of a 3-D grid is entry `(x0·shape[1] + x1)·shape[2] + x2`). The cost between
    pixels x and y is `Σ_k (spacing[k]·(x_k − y_k))²`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("ndim", ctypes.c_size_t),
        ("shape", ctypes.c_void_p),
        ("spacing", ctypes.c_void_p),
        ("a", ctypes.c_void_p),
        ("b", ctypes.c_void_p),
    ]



class otc_emd_grid_outputs_f64(ctypes.Structure):
    """Results of `otc_emd_grid_f64`. `report.iterations`: network-simplex pivots, all levels;
    `report.error`: `gap`; `report.path`: 0. Optional outputs: NULL when not wanted."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("plan_nnz", ctypes.c_size_t),
        ("rounds", ctypes.c_uint64),
        ("levels", ctypes.c_size_t),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
    ]



class otc_emd_partial_options(ctypes.Structure):
    """Options of `otc_emd_partial_f64`; fill with `otc_emd_partial_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("mass_tolerance", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_emd_partial_problem_f64(ctypes.Structure):
    """Exact partial OT: move `mass` (0 ≤ mass ≤ min(Σa, Σb)) from `a` to `b` at least cost,
    `min ⟨C, P⟩` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost", otc_matrix_f64),
        ("mass", ctypes.c_double),
    ]



class otc_emd_partial_outputs_f64(ctypes.Structure):
    """Results of `otc_emd_partial_f64`. `report.iterations`: pivots; `report.error`: `gap`;
    `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("transported_mass", ctypes.c_double),
        ("mass_price", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("plan_nnz", ctypes.c_size_t),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
        ("plan", otc_matrix_mut_f64),
    ]



class otc_emd_unbalanced_tv_options(ctypes.Structure):
    """Options of `otc_emd_unbalanced_tv_f64`; fill with `otc_emd_unbalanced_tv_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_emd_unbalanced_tv_problem_f64(ctypes.Structure):
    """Exact TV-unbalanced OT: `min_{P ≥ 0} ⟨C, P⟩ + ρ(‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)`. Mass moves
    from i to j only where C_ij < 2ρ; ρ > max C / 2 with Σa = Σb gives the balanced plan."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost", otc_matrix_f64),
        ("rho", ctypes.c_double),
    ]



class otc_emd_unbalanced_tv_outputs_f64(ctypes.Structure):
    """Results of `otc_emd_unbalanced_tv_f64`. `report.iterations`: pivots; `report.error`:
    `gap`; `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("objective", ctypes.c_double),
        ("transported_mass", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("plan_nnz", ctypes.c_size_t),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
        ("plan", otc_matrix_mut_f64),
    ]



class otc_emd_points_options(ctypes.Structure):
    """Options of `otc_emd_points_f64`; fill with `otc_emd_points_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("metric", ctypes.c_int32),
        ("p", ctypes.c_double),
        ("max_iter", ctypes.c_uint64),
        ("mass_tolerance", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_emd_points_problem_f64(ctypes.Structure):
    """Two weighted point clouds: `a` (n weights) on the rows of `x` (n × d) and `b` (m weights)
    on the rows of `y` (m × d). The cost `C_ij = metric(x_i, y_j)` is computed on the fly,
    never stored."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("b", ctypes.c_void_p),
        ("x", otc_matrix_f64),
        ("y", otc_matrix_f64),
    ]



class otc_emd_points_outputs_f64(ctypes.Structure):
    """Results of `otc_emd_points_f64`. `report.iterations`: pivots made; `report.error`: `−gap`.
    Optional outputs: not wanted when their pointer is NULL."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("nnz", ctypes.c_size_t),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
    ]



class otc_emd_options(ctypes.Structure):
    """Options of `otc_emd_f64`; fill with `otc_emd_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("mass_tolerance", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_emd_problem_f64(ctypes.Structure):
    """The transport problem `min Σ C_ij P_ij` s.t. `P·1 = a`, `Pᵀ·1 = b`, `P ≥ 0` of
    `otc_emd_f64`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost", otc_matrix_f64),
        ("warm_f", ctypes.c_void_p),
        ("warm_g", ctypes.c_void_p),
    ]



class otc_emd_outputs_f64(ctypes.Structure):
    """Results of `otc_emd_f64`. `report.iterations`: pivots made; `report.error`: `−gap` (the
    magnitude of the most negative reduced cost; 0 when optimal). Optional outputs: not wanted
    when their pointer (or `plan.data`) is NULL."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("nnz", ctypes.c_size_t),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
        ("plan", otc_matrix_mut_f64),
    ]



class otc_emd_batch_options(ctypes.Structure):
    """Options of `otc_emd_batch_f64`; fill with `otc_emd_batch_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("mass_tolerance", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_emd_batch_problem_f64(ctypes.Structure):
    """`count` independent transport problems of one shape n × m: problem l has weights
    `a[l*n .. (l+1)*n]`, `b[l*m .. (l+1)*m]` and cost `costs[l]`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("count", ctypes.c_size_t),
        ("n", ctypes.c_size_t),
        ("m", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("b", ctypes.c_void_p),
        ("costs", ctypes.c_void_p),
    ]



class otc_emd_batch_outputs_f64(ctypes.Structure):
    """Results of `otc_emd_batch_f64`. `report.iterations`: pivots over all problems;
    `report.error`: `−gap`. Optional outputs (NULL: not wanted) hold problem after problem."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
        ("gap", ctypes.c_double),
        ("capped", ctypes.c_size_t),
        ("problem_costs", ctypes.c_void_p),
        ("problem_gaps", ctypes.c_void_p),
        ("problem_iterations", ctypes.c_void_p),
        ("plan_nnz", ctypes.c_void_p),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
    ]



class otc_wasserstein_1d_options(ctypes.Structure):
    """Options of `otc_wasserstein_1d_f64`; fill with `otc_wasserstein_1d_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("mass_tolerance", ctypes.c_double),
    ]



class otc_wasserstein_1d_problem_f64(ctypes.Structure):
    """Exact OT on the line between samples `x` (weights `a`) and `y` (weights `b`) for the cost
    |x − y|^p."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", ctypes.c_void_p),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("y", ctypes.c_void_p),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("p", ctypes.c_double),
    ]



class otc_wasserstein_1d_outputs_f64(ctypes.Structure):
    """Results of `otc_wasserstein_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
    method). The plan arrays are optional (all three NULL: not wanted)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("wp_p", ctypes.c_double),
        ("nnz", ctypes.c_size_t),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
    ]



class otc_sliced_wasserstein_options(ctypes.Structure):
    """Options of `otc_sliced_wasserstein_f64`; fill with
    `otc_sliced_wasserstein_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("mass_tolerance", ctypes.c_double),
        ("num_directions", ctypes.c_size_t),
        ("seed", ctypes.c_uint64),
    ]



class otc_sliced_wasserstein_problem_f64(ctypes.Structure):
    """Sliced Wasserstein between the weighted point clouds `x` (weights `a`) and `y` (weights
    `b`) in R^d for the cost |x − y|^p along each direction."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("a", ctypes.c_void_p),
        ("y", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("p", ctypes.c_double),
        ("directions", otc_matrix_f64),
    ]



class otc_sliced_wasserstein_outputs_f64(ctypes.Structure):
    """Results of `otc_sliced_wasserstein_f64`. `report.iterations`: directions projected;
    `report.error`: 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("swp_p", ctypes.c_double),
    ]



class otc_wasserstein_flow_step_options(ctypes.Structure):
    """Options of `otc_wasserstein_flow_step_f64`; fill with
    `otc_wasserstein_flow_step_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("step", ctypes.c_double),
        ("epsilon", ctypes.c_double),
        ("tolerance", ctypes.c_double),
        ("max_iter", ctypes.c_uint64),
        ("check_every", ctypes.c_uint64),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_wasserstein_flow_step_problem_f64(ctypes.Structure):
    """One step of the Wasserstein flow of the particles (x, a) toward the target (y, b)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("a", ctypes.c_void_p),
        ("y", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("init_potentials", ctypes.c_void_p),
    ]



class otc_wasserstein_flow_step_outputs_f64(ctypes.Structure):
    """Results of `otc_wasserstein_flow_step_f64`. `report.iterations`: the iterations of the
    three solves together; `report.error`: the largest of their final L1 marginal errors."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("divergence", ctypes.c_double),
        ("x", otc_matrix_mut_f64),
        ("potentials", ctypes.c_void_p),
    ]



class otc_mmd_flow_step_options(ctypes.Structure):
    """Options of `otc_mmd_flow_step_f64`; fill with `otc_mmd_flow_step_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("kernel", ctypes.c_int32),
        ("step", ctypes.c_double),
        ("sigma", ctypes.c_double),
    ]



class otc_mmd_flow_step_problem_f64(ctypes.Structure):
    """One step of the MMD flow of the particles (x, a) toward the target (y, b)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("a", ctypes.c_void_p),
        ("y", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("target_term", ctypes.c_void_p),
    ]



class otc_mmd_flow_step_outputs_f64(ctypes.Structure):
    """Results of `otc_mmd_flow_step_f64` (report: iterations 0, error 0, path 0)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("mmd_squared", ctypes.c_double),
        ("target_term", ctypes.c_double),
        ("x", otc_matrix_mut_f64),
    ]



class otc_jko_step_options(ctypes.Structure):
    """Options of `otc_jko_step_f64`; fill with `otc_jko_step_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("epsilon", ctypes.c_double),
        ("step", ctypes.c_double),
        ("tol", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_jko_step_problem_f64(ctypes.Structure):
    """One entropic JKO step of a density on an h × w grid of the unit square."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("rho", ctypes.c_void_p),
        ("height", ctypes.c_size_t),
        ("width", ctypes.c_size_t),
        ("potential", ctypes.c_void_p),
        ("init_dual", ctypes.c_void_p),
    ]



class otc_jko_step_outputs_f64(ctypes.Structure):
    """Results of `otc_jko_step_f64`. `report.iterations`: scaling iterations;
    `report.error`: the L1 change of the density at the last one."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("rho_next", ctypes.c_void_p),
        ("dual", ctypes.c_void_p),
    ]



class otc_bures_options(ctypes.Structure):
    """Options of `otc_bures_f64`; fill with `otc_bures_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
    ]



class otc_bures_problem_f64(ctypes.Structure):
    """Two covariances Σ₁, Σ₂ (d×d, symmetric PSD, any strides; singular ones are fine)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("sigma1", otc_matrix_f64),
        ("sigma2", otc_matrix_f64),
    ]



class otc_bures_outputs_f64(ctypes.Structure):
    """Results of `otc_bures_f64`. `report.iterations` and `report.error` are 0 (a direct method)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("bures_squared", ctypes.c_double),
    ]



class otc_gaussian_w2_options(ctypes.Structure):
    """Options of `otc_gaussian_w2_f64`; fill with `otc_gaussian_w2_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
    ]



class otc_gaussian_w2_problem_f64(ctypes.Structure):
    """Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("m1", ctypes.c_void_p),
        ("sigma1", otc_matrix_f64),
        ("m2", ctypes.c_void_p),
        ("sigma2", otc_matrix_f64),
    ]



class otc_gaussian_w2_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_w2_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("w2_squared", ctypes.c_double),
    ]



class otc_gaussian_entropic_w2_options(ctypes.Structure):
    """Options of `otc_gaussian_entropic_w2_f64`; fill with
    `otc_gaussian_entropic_w2_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
    ]



class otc_gaussian_entropic_w2_problem_f64(ctypes.Structure):
    """Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ and the regularisation ε."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("m1", ctypes.c_void_p),
        ("sigma1", otc_matrix_f64),
        ("m2", ctypes.c_void_p),
        ("sigma2", otc_matrix_f64),
        ("epsilon", ctypes.c_double),
    ]



class otc_gaussian_entropic_w2_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_entropic_w2_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("cost", ctypes.c_double),
    ]



class otc_gaussian_w2_pairwise_options(ctypes.Structure):
    """Options of `otc_gaussian_w2_pairwise_f64`; fill with
    `otc_gaussian_w2_pairwise_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
    ]



class otc_gaussian_w2_pairwise_problem_f64(ctypes.Structure):
    """Two batches of Gaussians: k₁ with means the rows of `means1` (k₁×d) and covariances
    `covs1[0..k₁]` (d×d each), and k₂ likewise."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("means1", otc_matrix_f64),
        ("covs1", ctypes.c_void_p),
        ("means2", otc_matrix_f64),
        ("covs2", ctypes.c_void_p),
    ]



class otc_gaussian_w2_pairwise_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_w2_pairwise_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("w2_squared", otc_matrix_mut_f64),
    ]



class otc_gaussian_map_options(ctypes.Structure):
    """Options of `otc_gaussian_map_f64`; fill with `otc_gaussian_map_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
        ("rank_tol", ctypes.c_double),
    ]



class otc_gaussian_map_problem_f64(ctypes.Structure):
    """Two Gaussians N(m1, Σ₁), N(m2, Σ₂); the means are optional (NULL = the zero vector)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("m1", ctypes.c_void_p),
        ("sigma1", otc_matrix_f64),
        ("m2", ctypes.c_void_p),
        ("sigma2", otc_matrix_f64),
    ]



class otc_gaussian_map_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_map_f64`: T(x) = a·x + b. `report.iterations`, `report.error` 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("rank", ctypes.c_size_t),
        ("a", otc_matrix_mut_f64),
        ("b", ctypes.c_void_p),
    ]



class otc_gaussian_map_apply_options(ctypes.Structure):
    """Options of `otc_gaussian_map_apply_f64`; fill with `otc_gaussian_map_apply_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
    ]



class otc_gaussian_map_apply_problem_f64(ctypes.Structure):
    """An affine map x ↦ A x + b and n points."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("x", otc_matrix_f64),
    ]



class otc_gaussian_map_apply_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_map_apply_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("y", otc_matrix_mut_f64),
    ]



class otc_gaussian_geodesic_options(ctypes.Structure):
    """Options of `otc_gaussian_geodesic_f64`; fill with `otc_gaussian_geodesic_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
        ("rank_tol", ctypes.c_double),
    ]



class otc_gaussian_geodesic_problem_f64(ctypes.Structure):
    """Two Gaussians N(m1, Σ₁), N(m2, Σ₂) and the time t of the geodesic."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("m1", ctypes.c_void_p),
        ("sigma1", otc_matrix_f64),
        ("m2", ctypes.c_void_p),
        ("sigma2", otc_matrix_f64),
        ("t", ctypes.c_double),
    ]



class otc_gaussian_geodesic_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_geodesic_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("rank", ctypes.c_size_t),
        ("mean", ctypes.c_void_p),
        ("cov", otc_matrix_mut_f64),
    ]



class otc_gaussian_barycenter_options(ctypes.Structure):
    """Options of `otc_gaussian_barycenter_f64`; fill with
    `otc_gaussian_barycenter_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
        ("rank_tol", ctypes.c_double),
        ("tol", ctypes.c_double),
        ("max_iter", ctypes.c_uint64),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_gaussian_barycenter_problem_f64(ctypes.Structure):
    """k Gaussians and their weights."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("means", otc_matrix_f64),
        ("covs", ctypes.c_void_p),
        ("weights", ctypes.c_void_p),
    ]



class otc_gaussian_barycenter_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_barycenter_f64`. `report.iterations`: fixed-point iterations;
    `report.error`: the estimated relative error of the covariance (see `opts->tol`)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("rank", ctypes.c_size_t),
        ("mean", ctypes.c_void_p),
        ("cov", otc_matrix_mut_f64),
    ]



class otc_gaussian_moments_options(ctypes.Structure):
    """Options of `otc_gaussian_moments_f64`; fill with `otc_gaussian_moments_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
    ]



class otc_gaussian_moments_problem_f64(ctypes.Structure):
    """n weighted points in ℝᵈ."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("weights", ctypes.c_void_p),
    ]



class otc_gaussian_moments_outputs_f64(ctypes.Structure):
    """Results of `otc_gaussian_moments_f64`. `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("mean", ctypes.c_void_p),
        ("cov", otc_matrix_mut_f64),
    ]



class otc_psd_sqrt_options(ctypes.Structure):
    """Options of `otc_psd_sqrt_f64`; fill with `otc_psd_sqrt_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetry_tol", ctypes.c_double),
        ("psd_tol", ctypes.c_double),
        ("rank_tol", ctypes.c_double),
    ]



class otc_psd_sqrt_problem_f64(ctypes.Structure):
    """A symmetric PSD matrix."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", otc_matrix_f64),
    ]



class otc_psd_sqrt_outputs_f64(ctypes.Structure):
    """Results of `otc_psd_sqrt_f64`; at least one of `sqrt`, `inv_sqrt` must be wanted.
    `report.iterations` and `report.error` are 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("rank", ctypes.c_size_t),
        ("sqrt", otc_matrix_mut_f64),
        ("inv_sqrt", otc_matrix_mut_f64),
    ]



class otc_plan_position_gradient_options(ctypes.Structure):
    """Options of `otc_plan_position_gradient_f64`; fill with
    `otc_plan_position_gradient_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("metric", ctypes.c_int32),
        ("p", ctypes.c_double),
    ]



class otc_plan_position_gradient_problem_f64(ctypes.Structure):
    """A plan P between the points x (n × d) and y (m × d): either sparse, the `plan_nnz` entries
    `plan_mass[k]` at `(plan_rows[k], plan_cols[k])` as `otc_emd_f64` / `otc_emd_grid_f64`
    write them (`plan.data` NULL), or the dense n × m matrix `plan` (an entropic plan from
    `otc_sinkhorn_*`; the three sparse pointers NULL). Masses finite and ≥ 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("y", otc_matrix_f64),
        ("plan_nnz", ctypes.c_size_t),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
        ("plan", otc_matrix_f64),
    ]



class otc_plan_position_gradient_outputs_f64(ctypes.Structure):
    """Results of `otc_plan_position_gradient_f64`. `report.iterations`, `report.error`: 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("gx", otc_matrix_mut_f64),
        ("gy", otc_matrix_mut_f64),
    ]



class otc_displacement_interpolation_options(ctypes.Structure):
    """Options of `otc_displacement_interpolation_f64`; fill with
    `otc_displacement_interpolation_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
    ]



class otc_displacement_interpolation_problem_f64(ctypes.Structure):
    """A plan P between the points x (n × d) and y (m × d), as in
    `otc_plan_position_gradient_problem_f64` (sparse triplets, or a dense n × m view), and the
    time t of the interpolation."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", otc_matrix_f64),
        ("y", otc_matrix_f64),
        ("plan_nnz", ctypes.c_size_t),
        ("plan_rows", ctypes.c_void_p),
        ("plan_cols", ctypes.c_void_p),
        ("plan_mass", ctypes.c_void_p),
        ("plan", otc_matrix_f64),
        ("t", ctypes.c_double),
    ]



class otc_displacement_interpolation_outputs_f64(ctypes.Structure):
    """Results of `otc_displacement_interpolation_f64`: one weighted point per plan entry (K =
    `plan_nnz` for a sparse plan, n·m for a dense one, entry (i, j) at k = i·m + j).
    `report.iterations`, `report.error`: 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("points", otc_matrix_mut_f64),
        ("weights", ctypes.c_void_p),
    ]



class otc_quantile_1d_options(ctypes.Structure):
    """Options of `otc_quantile_1d_f64`; fill with `otc_quantile_1d_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
    ]



class otc_quantile_1d_problem_f64(ctypes.Structure):
    """The quantile function `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` of the measure
    `Σ_j a_j δ_{x_j}` normalised to mass 1 (`F` its cumulative distribution), at the given
    levels."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", ctypes.c_void_p),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("levels", ctypes.c_void_p),
        ("num_levels", ctypes.c_size_t),
    ]



class otc_quantile_1d_outputs_f64(ctypes.Structure):
    """Results of `otc_quantile_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
    method)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("quantiles", ctypes.c_void_p),
    ]



class otc_barycenter_1d_options(ctypes.Structure):
    """Options of `otc_barycenter_1d_f64`; fill with `otc_barycenter_1d_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("mass_tolerance", ctypes.c_double),
    ]



class otc_barycenter_1d_problem_f64(ctypes.Structure):
    """The W_p barycenter `argmin_ν Σ_i λ_i W_p^p(ν, μ_i)` of k measures on the line, stored one
    after the other: measure i has the `sizes[i]` samples `x[s_i ..]` with weights `a[s_i ..]`,
    `s_i = sizes[0] + … + sizes[i − 1]`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("x", ctypes.c_void_p),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("sizes", ctypes.c_void_p),
        ("k", ctypes.c_size_t),
        ("lambda", ctypes.c_void_p),
        ("p", ctypes.c_double),
    ]



class otc_barycenter_1d_outputs_f64(ctypes.Structure):
    """Results of `otc_barycenter_1d_f64`: the barycenter as `nnz` weighted points.
    `report.iterations` and `report.error`: 0 (a direct method)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("nnz", ctypes.c_size_t),
        ("points", ctypes.c_void_p),
        ("weights", ctypes.c_void_p),
    ]



class otc_laguerre_assign_options(ctypes.Structure):
    """Options of `otc_laguerre_assign_f64` / `_f32`; fill with
    `otc_laguerre_assign_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
    ]



class otc_laguerre_assign_problem_f64(ctypes.Structure):
    """The Laguerre cells of points `x_i` (N×d) for sites `y_j` (n×d) with weights `g_j`, double
    precision."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("points", otc_matrix_f64),
        ("point_weights", ctypes.c_void_p),
        ("sites", otc_matrix_f64),
        ("g", ctypes.c_void_p),
    ]



class otc_laguerre_assign_problem_f32(ctypes.Structure):
    """As `otc_laguerre_assign_problem_f64`, single precision."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("points", otc_matrix_f32),
        ("point_weights", ctypes.c_void_p),
        ("sites", otc_matrix_f32),
        ("g", ctypes.c_void_p),
    ]



class otc_laguerre_assign_outputs_f64(ctypes.Structure):
    """Results of `otc_laguerre_assign_f64`; `report.iterations`, `report.error` and
    `report.path` are 0 (one pass, no error measure)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("empty_cells", ctypes.c_size_t),
        ("cells", ctypes.c_void_p),
        ("masses", ctypes.c_void_p),
    ]



class otc_laguerre_assign_outputs_f32(ctypes.Structure):
    """Results of `otc_laguerre_assign_f32`: as `otc_laguerre_assign_outputs_f64` (masses in
    double)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("empty_cells", ctypes.c_size_t),
        ("cells", ctypes.c_void_p),
        ("masses", ctypes.c_void_p),
    ]



class otc_semidiscrete_options(ctypes.Structure):
    """Options of `otc_semidiscrete_f64` / `_f32`; fill with `otc_semidiscrete_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("method", ctypes.c_int32),
        ("max_iter", ctypes.c_uint64),
        ("tol", ctypes.c_double),
        ("step", ctypes.c_double),
        ("epsilon", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_semidiscrete_problem_f64(ctypes.Structure):
    """Semi-discrete optimal transport, squared Euclidean cost, double precision: the weighted
    samples `x_i` (a discretised continuous source, e.g. a density on a grid) to the sites
    `y_j` with weights `b_j` (the same total mass as the samples, within 1e-6 relative)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("points", otc_matrix_f64),
        ("point_weights", ctypes.c_void_p),
        ("sites", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("initial_g", ctypes.c_void_p),
    ]



class otc_semidiscrete_problem_f32(ctypes.Structure):
    """As `otc_semidiscrete_problem_f64`, single precision."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("points", otc_matrix_f32),
        ("point_weights", ctypes.c_void_p),
        ("sites", otc_matrix_f32),
        ("b", ctypes.c_void_p),
        ("initial_g", ctypes.c_void_p),
    ]



class otc_semidiscrete_outputs_f64(ctypes.Structure):
    """Results of `otc_semidiscrete_f64`. `report.path`: the method that ran
    (`OTC_SEMIDISCRETE_*`); `report.iterations`: Newton or gradient steps; `report.error`: the
    stopping measure `max_j |m_j − b_j|` (smoothed masses at ε for Newton, hard masses for the
    gradient method)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("mass_error", ctypes.c_double),
        ("epsilon", ctypes.c_double),
        ("step", ctypes.c_double),
        ("g", ctypes.c_void_p),
        ("masses", ctypes.c_void_p),
    ]



class otc_semidiscrete_outputs_f32(ctypes.Structure):
    """Results of `otc_semidiscrete_f32`: as `otc_semidiscrete_outputs_f64` (g in single
    precision, the masses and errors in double)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("mass_error", ctypes.c_double),
        ("epsilon", ctypes.c_double),
        ("step", ctypes.c_double),
        ("g", ctypes.c_void_p),
        ("masses", ctypes.c_void_p),
    ]



class otc_semidiscrete_sgd_options(ctypes.Structure):
    """Options of `otc_semidiscrete_sgd_f64` / `_f32`; fill with
    `otc_semidiscrete_sgd_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("iterations", ctypes.c_uint64),
        ("batch", ctypes.c_size_t),
        ("step", ctypes.c_double),
        ("seed", ctypes.c_uint64),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]


otc_sample_fn = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_double))


class otc_semidiscrete_sgd_problem_f64(ctypes.Structure):
    """Semi-discrete OT by averaged SGD, double precision: a continuous source to the sites `y_j`
    (n×d) with masses `b_j` (sum 1). The source is given in exactly one of two forms (the other
    NULL): a sampler `sample` streaming independent samples, or a sample array `points` (N×d)
    drawn from with probabilities `point_weights`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("sites", otc_matrix_f64),
        ("b", ctypes.c_void_p),
        ("sample", otc_sample_fn),
        ("sample_data", ctypes.c_void_p),
        ("points", otc_matrix_f64),
        ("point_weights", ctypes.c_void_p),
    ]


otc_sample_f32_fn = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_float))


class otc_semidiscrete_sgd_problem_f32(ctypes.Structure):
    """As `otc_semidiscrete_sgd_problem_f64`, single precision."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("sites", otc_matrix_f32),
        ("b", ctypes.c_void_p),
        ("sample", otc_sample_f32_fn),
        ("sample_data", ctypes.c_void_p),
        ("points", otc_matrix_f32),
        ("point_weights", ctypes.c_void_p),
    ]



class otc_semidiscrete_sgd_outputs_f64(ctypes.Structure):
    """Results of `otc_semidiscrete_sgd_f64`. `report.iterations`: batches drawn;
    `report.error`: the last batch's mass error `max_j |h_j − b_j|` (h: the batch's cell
    fractions; a noisy estimate, of order `1/√batch` at the solution); `report.path` 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("step", ctypes.c_double),
        ("g", ctypes.c_void_p),
    ]



class otc_semidiscrete_sgd_outputs_f32(ctypes.Structure):
    """Results of `otc_semidiscrete_sgd_f32`: as `otc_semidiscrete_sgd_outputs_f64` (g in single
    precision)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("step", ctypes.c_double),
        ("g", ctypes.c_void_p),
    ]



class otc_lloyd_options(ctypes.Structure):
    """Options of `otc_lloyd_f64` / `_f32`; fill with `otc_lloyd_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("max_iter", ctypes.c_uint64),
        ("tol", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_lloyd_problem_f64(ctypes.Structure):
    """Optimal quantisation of a weighted sample set by n sites, double precision."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("points", otc_matrix_f64),
        ("point_weights", ctypes.c_void_p),
        ("sites", otc_matrix_f64),
    ]



class otc_lloyd_problem_f32(ctypes.Structure):
    """As `otc_lloyd_problem_f64`, single precision."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("points", otc_matrix_f32),
        ("point_weights", ctypes.c_void_p),
        ("sites", otc_matrix_f32),
    ]



class otc_lloyd_outputs_f64(ctypes.Structure):
    """Results of `otc_lloyd_f64`. `report.iterations`: Lloyd steps; `report.error`: the largest
    site displacement of the last step (distance units; 0 when no step ran); `report.path` 0."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("distortion", ctypes.c_double),
        ("sites", otc_matrix_mut_f64),
    ]



class otc_lloyd_outputs_f32(ctypes.Structure):
    """Results of `otc_lloyd_f32`: as `otc_lloyd_outputs_f64` (the distortion in double)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("distortion", ctypes.c_double),
        ("sites", otc_matrix_mut_f32),
    ]



class otc_sinkhorn_options(ctypes.Structure):
    """Options of `otc_sinkhorn_f64` / `_f32`; fill with `otc_sinkhorn_options_default`, then
    change fields. ε, ρ and the tolerances are in cost units."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetric", ctypes.c_uint32),
        ("epsilon", ctypes.c_double),
        ("tolerance", ctypes.c_double),
        ("max_iter", ctypes.c_uint64),
        ("check_every", ctypes.c_uint64),
        ("path", ctypes.c_int32),
        ("penalty", ctypes.c_int32),
        ("rho_a", ctypes.c_double),
        ("rho_b", ctypes.c_double),
        ("mass_tolerance", ctypes.c_double),
        ("over_relaxation", ctypes.c_double),
        ("kernel_memory_cap", ctypes.c_size_t),
        ("eps_scaling_steps", ctypes.c_uint64),
        ("eps_scaling_iters", ctypes.c_uint64),
        ("eps_scaling_start", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_sinkhorn_problem_f64(ctypes.Structure):
    """An entropic OT problem of doubles: weights `a` (n) and `b` (m), and the cost as EXACTLY ONE
    of: `cost`, a dense n×m matrix (any strides; `x.data` and `y.data` NULL), or the point
    clouds `x` (n×d) and `y` (m×d) with `metric`, the cost computed on the fly in O((n + m)·d)
    memory (`cost.data` NULL). Optional warm start: `init_f` (n) and `init_g` (m), NULL = cold
    start (zeros)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost", otc_matrix_f64),
        ("x", otc_matrix_f64),
        ("y", otc_matrix_f64),
        ("metric", ctypes.c_int32),
        ("init_f", ctypes.c_void_p),
        ("init_g", ctypes.c_void_p),
    ]



class otc_sinkhorn_problem_f32(ctypes.Structure):
    """`otc_sinkhorn_problem_f64` with weights, cost and points of floats (the warm-start
    potentials stay double)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost", otc_matrix_f32),
        ("x", otc_matrix_f32),
        ("y", otc_matrix_f32),
        ("metric", ctypes.c_int32),
        ("init_f", ctypes.c_void_p),
        ("init_g", ctypes.c_void_p),
    ]



class otc_sinkhorn_outputs_f64(ctypes.Structure):
    """Results of `otc_sinkhorn_f64`. `report.path`: `OTC_SINKHORN_PATH_KERNEL`,
    `OTC_SINKHORN_PATH_TRUNCATED` or `OTC_SINKHORN_PATH_LOG_DOMAIN`, the path that ran;
    `report.iterations`: all iterations, ε-scaling included; `report.error`: the final L1
    marginal error Σ_i |r_i − a_i e^{−f_i/ρ_a}| (= Σ_i |r_i − a_i| when balanced) plus the
    column term with symmetric updates, r = P·1 (the truncated path: the truncated plan's
    error of both sides plus twice the bound on the dropped mass, a bound on the full plan's).

    Potentials: `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`, in cost units. When both sides are
    balanced (f + c, g − c) gives the same plan for every constant c: the potentials are not
    centred, they are returned as the last (row then column) update leaves them, so compare
    them up to that constant (e.g. after subtracting Σ a_i f_i / Σ a from f and adding it to
    g). Optional outputs: not wanted when the pointer (or a view's `data`) is NULL."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("entropic_ot", ctypes.c_double),
        ("transport_cost", ctypes.c_double),
        ("mass", ctypes.c_double),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan", otc_matrix_mut_f64),
        ("map", otc_matrix_mut_f64),
        ("grad_x", otc_matrix_mut_f64),
        ("grad_y", otc_matrix_mut_f64),
        ("grad_a", ctypes.c_void_p),
        ("grad_b", ctypes.c_void_p),
    ]



class otc_sinkhorn_outputs_f32(ctypes.Structure):
    """Results of `otc_sinkhorn_f32`: as `otc_sinkhorn_outputs_f64`, with the plan, map and
    position gradients in floats (potentials, values and weight gradients stay double)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("entropic_ot", ctypes.c_double),
        ("transport_cost", ctypes.c_double),
        ("mass", ctypes.c_double),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan", otc_matrix_mut_f32),
        ("map", otc_matrix_mut_f32),
        ("grad_x", otc_matrix_mut_f32),
        ("grad_y", otc_matrix_mut_f32),
        ("grad_a", ctypes.c_void_p),
        ("grad_b", ctypes.c_void_p),
    ]



class otc_sinkhorn_divergence_options(ctypes.Structure):
    """Options of `otc_sinkhorn_divergence_f64` / `_f32` (the three solves all use them); fill
    with `otc_sinkhorn_divergence_options_default`. Fields as in `otc_sinkhorn_options`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("symmetric", ctypes.c_uint32),
        ("epsilon", ctypes.c_double),
        ("tolerance", ctypes.c_double),
        ("max_iter", ctypes.c_uint64),
        ("check_every", ctypes.c_uint64),
        ("path", ctypes.c_int32),
        ("penalty", ctypes.c_int32),
        ("rho_a", ctypes.c_double),
        ("rho_b", ctypes.c_double),
        ("mass_tolerance", ctypes.c_double),
        ("over_relaxation", ctypes.c_double),
        ("kernel_memory_cap", ctypes.c_size_t),
        ("eps_scaling_steps", ctypes.c_uint64),
        ("eps_scaling_iters", ctypes.c_uint64),
        ("eps_scaling_start", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_sinkhorn_divergence_problem_f64(ctypes.Structure):
    """A Sinkhorn divergence problem of doubles: weights `a` (n), `b` (m) and the costs as
    EXACTLY ONE of: three dense matrices `cost_xy` (n×m), `cost_xx` (n×n), `cost_yy` (m×m)
    (the points' `data` NULL), or the point clouds `x` (n×d), `y` (m×d) with `metric`, costs
    computed on the fly (the costs' `data` NULL)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost_xy", otc_matrix_f64),
        ("cost_xx", otc_matrix_f64),
        ("cost_yy", otc_matrix_f64),
        ("x", otc_matrix_f64),
        ("y", otc_matrix_f64),
        ("metric", ctypes.c_int32),
    ]



class otc_sinkhorn_divergence_problem_f32(ctypes.Structure):
    """`otc_sinkhorn_divergence_problem_f64` with weights, costs and points of floats."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost_xy", otc_matrix_f32),
        ("cost_xx", otc_matrix_f32),
        ("cost_yy", otc_matrix_f32),
        ("x", otc_matrix_f32),
        ("y", otc_matrix_f32),
        ("metric", ctypes.c_int32),
    ]



class otc_sinkhorn_divergence_outputs_f64(ctypes.Structure):
    """Results of `otc_sinkhorn_divergence_f64`. `report.path`: the path the solve of
    OT_ε(a, b) ran; `report.iterations`: the iterations of the three solves together;
    `report.error`: the largest of their final L1 marginal errors. Optional outputs (the
    gradients, points only): not wanted when the pointer (or a view's `data`) is NULL."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("divergence", ctypes.c_double),
        ("entropic_ot_xy", ctypes.c_double),
        ("entropic_ot_xx", ctypes.c_double),
        ("entropic_ot_yy", ctypes.c_double),
        ("grad_x", otc_matrix_mut_f64),
        ("grad_y", otc_matrix_mut_f64),
        ("grad_a", ctypes.c_void_p),
        ("grad_b", ctypes.c_void_p),
    ]



class otc_sinkhorn_divergence_outputs_f32(ctypes.Structure):
    """Results of `otc_sinkhorn_divergence_f32`: as the f64 struct, position gradients in floats."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("divergence", ctypes.c_double),
        ("entropic_ot_xy", ctypes.c_double),
        ("entropic_ot_xx", ctypes.c_double),
        ("entropic_ot_yy", ctypes.c_double),
        ("grad_x", otc_matrix_mut_f32),
        ("grad_y", otc_matrix_mut_f32),
        ("grad_a", ctypes.c_void_p),
        ("grad_b", ctypes.c_void_p),
    ]



class otc_sinkhorn_block_step_options(ctypes.Structure):
    """Options of `otc_sinkhorn_block_step_f64` / `_f32`; fill with
    `otc_sinkhorn_block_step_options_default`. Give every block (and the column update) the
    same epsilon and penalties."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("epsilon", ctypes.c_double),
        ("rho_a", ctypes.c_double),
        ("rho_b", ctypes.c_double),
    ]



class otc_sinkhorn_block_step_problem_f64(ctypes.Structure):
    """One block of rows of an n×m entropic OT problem, doubles. The block holds `rows` of the n
    rows; the cost is given in exactly one of two forms, the other's `data` NULL:
    * `cost_block`: the block's rows of the dense cost, rows×m, any strides;
    * `x_block` (rows×d) and `y` (m×d): the block's source points and all target points,
      squared Euclidean cost `|x_i − y_j|²` computed on the fly (memory O((rows + m)·d))."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("cost_block", otc_matrix_f64),
        ("x_block", otc_matrix_f64),
        ("y", otc_matrix_f64),
        ("a_block", ctypes.c_void_p),
        ("b", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("f_block", ctypes.c_void_p),
    ]



class otc_sinkhorn_block_step_problem_f32(ctypes.Structure):
    """`otc_sinkhorn_block_step_problem_f64` with costs, points and weights of floats (the
    potentials stay doubles)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("cost_block", otc_matrix_f32),
        ("x_block", otc_matrix_f32),
        ("y", otc_matrix_f32),
        ("a_block", ctypes.c_void_p),
        ("b", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("f_block", ctypes.c_void_p),
    ]



class otc_lse_pair(ctypes.Structure):
    """A partial log-sum-exp over some rows of one column: the value is `max + log(sum)`;
    `{-INFINITY, 0}` is the empty pair. Produced by `otc_sinkhorn_block_step_*`, combined by
    `otc_lse_pair_merge`, consumed by `otc_sinkhorn_block_column_update_f64`. Two doubles: send
    them as 2 `MPI_DOUBLE`s (or a contiguous type of 2)."""
    _fields_ = [
        ("max", ctypes.c_double),
        ("sum", ctypes.c_double),
    ]



class otc_sinkhorn_block_step_outputs_f64(ctypes.Structure):
    """Results of `otc_sinkhorn_block_step_f64`. `report.iterations` is 1 (one block's share of
    one iteration), `report.error` = `marginal_error`. Optional outputs (NULL: not wanted)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("marginal_error", ctypes.c_double),
        ("f_block", ctypes.c_void_p),
        ("pairs", ctypes.c_void_p),
    ]



class otc_sinkhorn_block_step_outputs_f32(ctypes.Structure):
    """Results of `otc_sinkhorn_block_step_f32`: as `otc_sinkhorn_block_step_outputs_f64`
    (potentials, pairs and error are doubles on both paths)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("marginal_error", ctypes.c_double),
        ("f_block", ctypes.c_void_p),
        ("pairs", ctypes.c_void_p),
    ]



class otc_sinkhorn_block_column_update_options(ctypes.Structure):
    """Options of `otc_sinkhorn_block_column_update_f64`; fill with
    `otc_sinkhorn_block_column_update_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("epsilon", ctypes.c_double),
        ("rho_b", ctypes.c_double),
    ]



class otc_sinkhorn_block_column_update_problem_f64(ctypes.Structure):
    """The pairs of all blocks combined, for the column update (f64 only: pairs and potentials
    are doubles on both element types)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("pairs", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
    ]



class otc_sinkhorn_block_column_update_outputs_f64(ctypes.Structure):
    """Results of `otc_sinkhorn_block_column_update_f64`. `report.iterations` is 0 (the step
    counts the iteration), `report.error` 0 (none computed)."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("g", ctypes.c_void_p),
    ]



class otc_sinkhorn_partial_options(ctypes.Structure):
    """Options of `otc_sinkhorn_partial_f64`; fill with `otc_sinkhorn_partial_options_default`."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("num_threads", ctypes.c_uint32),
        ("epsilon", ctypes.c_double),
        ("tolerance", ctypes.c_double),
        ("max_iter", ctypes.c_uint64),
        ("check_every", ctypes.c_uint64),
        ("mass_tolerance", ctypes.c_double),
        ("callback_every", ctypes.c_uint64),
        ("callback", otc_callback),
        ("callback_data", ctypes.c_void_p),
    ]



class otc_sinkhorn_partial_problem_f64(ctypes.Structure):
    """Entropic partial OT: move `mass` (0 < mass ≤ min(Σa, Σb)) from `a` to `b`,
    `min ⟨C, P⟩ + ε·KL(P | a⊗b)` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("a", ctypes.c_void_p),
        ("n", ctypes.c_size_t),
        ("b", ctypes.c_void_p),
        ("m", ctypes.c_size_t),
        ("cost", otc_matrix_f64),
        ("mass", ctypes.c_double),
    ]



class otc_sinkhorn_partial_outputs_f64(ctypes.Structure):
    """Results of `otc_sinkhorn_partial_f64`. `report.iterations`: iterations; `report.error`:
    the L1 error of the optimality conditions (the marginals where a dual is < 0, their
    excess over the weights where it is 0, and the mass); `report.path`: 0. Optional outputs:
    NULL (a view's `data` NULL) when not wanted."""
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("report", otc_report),
        ("entropic_ot", ctypes.c_double),
        ("transport_cost", ctypes.c_double),
        ("transported_mass", ctypes.c_double),
        ("mass_price", ctypes.c_double),
        ("f", ctypes.c_void_p),
        ("g", ctypes.c_void_p),
        ("plan", otc_matrix_mut_f64),
    ]

OTC_OK = 0
OTC_WARN_MAX_ITER = 1
OTC_WARN_SINGULAR = 2
OTC_WARN_CANCELLED = 3
OTC_ERR_NULL_POINTER = 100
OTC_ERR_INVALID_DIMENSION = 101
OTC_ERR_INVALID_ARGUMENT = 102
OTC_ERR_NON_FINITE = 103
OTC_ERR_MASS_MISMATCH = 104
OTC_ERR_INFEASIBLE = 105
OTC_ERR_WORKSPACE_TOO_SMALL = 106
OTC_ERR_ABI_MISMATCH = 107
OTC_ERR_NUMERICAL = 108
OTC_ERR_INVALID_STRIDE = 109
OTC_ERR_ALIASING = 110
OTC_ERR_NOT_PSD = 111
OTC_ERR_OVERFLOW = 112
OTC_ERR_THREADS = 113
OTC_ERR_OUT_OF_MEMORY = 114
OTC_ERR_PANIC = 199

# name: (restype, argtypes) of every function.
PROTOTYPES = {
    "otc_assignment_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_assignment_options)]),
    "otc_assignment_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_assignment_problem_f64), ctypes.POINTER(otc_assignment_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_assignment_f64": (ctypes.c_int32, [ctypes.POINTER(otc_assignment_problem_f64), ctypes.POINTER(otc_assignment_outputs_f64), ctypes.POINTER(otc_assignment_options), otc_workspace]),
    "otc_barycenter_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_options)]),
    "otc_convolutional_barycenter_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_convolutional_barycenter_options)]),
    "otc_barycenter_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_problem_f64), ctypes.POINTER(otc_barycenter_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_barycenter_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_problem_f32), ctypes.POINTER(otc_barycenter_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_barycenter_f64": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_problem_f64), ctypes.POINTER(otc_barycenter_outputs_f64), ctypes.POINTER(otc_barycenter_options), otc_workspace]),
    "otc_barycenter_f32": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_problem_f32), ctypes.POINTER(otc_barycenter_outputs_f32), ctypes.POINTER(otc_barycenter_options), otc_workspace]),
    "otc_convolutional_barycenter_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_convolutional_barycenter_problem_f64), ctypes.POINTER(otc_convolutional_barycenter_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_convolutional_barycenter_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_convolutional_barycenter_problem_f32), ctypes.POINTER(otc_convolutional_barycenter_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_convolutional_barycenter_f64": (ctypes.c_int32, [ctypes.POINTER(otc_convolutional_barycenter_problem_f64), ctypes.POINTER(otc_convolutional_barycenter_outputs_f64), ctypes.POINTER(otc_convolutional_barycenter_options), otc_workspace]),
    "otc_convolutional_barycenter_f32": (ctypes.c_int32, [ctypes.POINTER(otc_convolutional_barycenter_problem_f32), ctypes.POINTER(otc_convolutional_barycenter_outputs_f32), ctypes.POINTER(otc_convolutional_barycenter_options), otc_workspace]),
    "otc_free_support_barycenter_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_free_support_barycenter_options)]),
    "otc_free_support_barycenter_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_free_support_barycenter_problem_f64), ctypes.POINTER(otc_free_support_barycenter_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_free_support_barycenter_f64": (ctypes.c_int32, [ctypes.POINTER(otc_free_support_barycenter_problem_f64), ctypes.POINTER(otc_free_support_barycenter_outputs_f64), ctypes.POINTER(otc_free_support_barycenter_options), otc_workspace]),
    "otc_last_error_message": (ctypes.c_char_p, []),
    "otc_cost_matrix_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_cost_matrix_options)]),
    "otc_cost_matrix_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_cost_matrix_problem_f64), ctypes.POINTER(otc_cost_matrix_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_cost_matrix_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_cost_matrix_problem_f32), ctypes.POINTER(otc_cost_matrix_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_cost_matrix_f64": (ctypes.c_int32, [ctypes.POINTER(otc_cost_matrix_problem_f64), ctypes.POINTER(otc_cost_matrix_outputs_f64), ctypes.POINTER(otc_cost_matrix_options), otc_workspace]),
    "otc_cost_matrix_f32": (ctypes.c_int32, [ctypes.POINTER(otc_cost_matrix_problem_f32), ctypes.POINTER(otc_cost_matrix_outputs_f32), ctypes.POINTER(otc_cost_matrix_options), otc_workspace]),
    "otc_emd_grid_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_emd_grid_options)]),
    "otc_emd_grid_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_grid_problem_f64), ctypes.POINTER(otc_emd_grid_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_emd_grid_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_grid_problem_f64), ctypes.POINTER(otc_emd_grid_outputs_f64), ctypes.POINTER(otc_emd_grid_options), otc_workspace]),
    "otc_emd_partial_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_emd_partial_options)]),
    "otc_emd_partial_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_partial_problem_f64), ctypes.POINTER(otc_emd_partial_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_emd_partial_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_partial_problem_f64), ctypes.POINTER(otc_emd_partial_outputs_f64), ctypes.POINTER(otc_emd_partial_options), otc_workspace]),
    "otc_emd_unbalanced_tv_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_emd_unbalanced_tv_options)]),
    "otc_emd_unbalanced_tv_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_unbalanced_tv_problem_f64), ctypes.POINTER(otc_emd_unbalanced_tv_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_emd_unbalanced_tv_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_unbalanced_tv_problem_f64), ctypes.POINTER(otc_emd_unbalanced_tv_outputs_f64), ctypes.POINTER(otc_emd_unbalanced_tv_options), otc_workspace]),
    "otc_emd_points_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_emd_points_options)]),
    "otc_emd_points_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_points_problem_f64), ctypes.POINTER(otc_emd_points_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_emd_points_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_points_problem_f64), ctypes.POINTER(otc_emd_points_outputs_f64), ctypes.POINTER(otc_emd_points_options), otc_workspace]),
    "otc_emd_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_emd_options)]),
    "otc_emd_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_problem_f64), ctypes.POINTER(otc_emd_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_emd_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_problem_f64), ctypes.POINTER(otc_emd_outputs_f64), ctypes.POINTER(otc_emd_options), otc_workspace]),
    "otc_emd_batch_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_emd_batch_options)]),
    "otc_emd_batch_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_batch_problem_f64), ctypes.POINTER(otc_emd_batch_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_emd_batch_f64": (ctypes.c_int32, [ctypes.POINTER(otc_emd_batch_problem_f64), ctypes.POINTER(otc_emd_batch_outputs_f64), ctypes.POINTER(otc_emd_batch_options), otc_workspace]),
    "otc_wasserstein_1d_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_wasserstein_1d_options)]),
    "otc_wasserstein_1d_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_wasserstein_1d_problem_f64), ctypes.POINTER(otc_wasserstein_1d_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_wasserstein_1d_f64": (ctypes.c_int32, [ctypes.POINTER(otc_wasserstein_1d_problem_f64), ctypes.POINTER(otc_wasserstein_1d_outputs_f64), ctypes.POINTER(otc_wasserstein_1d_options), otc_workspace]),
    "otc_sliced_wasserstein_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_sliced_wasserstein_options)]),
    "otc_sliced_wasserstein_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sliced_wasserstein_problem_f64), ctypes.POINTER(otc_sliced_wasserstein_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sliced_wasserstein_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sliced_wasserstein_problem_f64), ctypes.POINTER(otc_sliced_wasserstein_outputs_f64), ctypes.POINTER(otc_sliced_wasserstein_options), otc_workspace]),
    "otc_wasserstein_flow_step_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_wasserstein_flow_step_options)]),
    "otc_wasserstein_flow_step_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_wasserstein_flow_step_problem_f64), ctypes.POINTER(otc_wasserstein_flow_step_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_wasserstein_flow_step_f64": (ctypes.c_int32, [ctypes.POINTER(otc_wasserstein_flow_step_problem_f64), ctypes.POINTER(otc_wasserstein_flow_step_outputs_f64), ctypes.POINTER(otc_wasserstein_flow_step_options), otc_workspace]),
    "otc_mmd_flow_step_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_mmd_flow_step_options)]),
    "otc_mmd_flow_step_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_mmd_flow_step_problem_f64), ctypes.POINTER(otc_mmd_flow_step_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_mmd_flow_step_f64": (ctypes.c_int32, [ctypes.POINTER(otc_mmd_flow_step_problem_f64), ctypes.POINTER(otc_mmd_flow_step_outputs_f64), ctypes.POINTER(otc_mmd_flow_step_options), otc_workspace]),
    "otc_jko_step_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_jko_step_options)]),
    "otc_jko_step_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_jko_step_problem_f64), ctypes.POINTER(otc_jko_step_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_jko_step_f64": (ctypes.c_int32, [ctypes.POINTER(otc_jko_step_problem_f64), ctypes.POINTER(otc_jko_step_outputs_f64), ctypes.POINTER(otc_jko_step_options), otc_workspace]),
    "otc_bures_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_bures_options)]),
    "otc_bures_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_bures_problem_f64), ctypes.POINTER(otc_bures_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_bures_f64": (ctypes.c_int32, [ctypes.POINTER(otc_bures_problem_f64), ctypes.POINTER(otc_bures_outputs_f64), ctypes.POINTER(otc_bures_options), otc_workspace]),
    "otc_gaussian_w2_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_w2_options)]),
    "otc_gaussian_w2_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_w2_problem_f64), ctypes.POINTER(otc_gaussian_w2_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_w2_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_w2_problem_f64), ctypes.POINTER(otc_gaussian_w2_outputs_f64), ctypes.POINTER(otc_gaussian_w2_options), otc_workspace]),
    "otc_gaussian_entropic_w2_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_entropic_w2_options)]),
    "otc_gaussian_entropic_w2_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_entropic_w2_problem_f64), ctypes.POINTER(otc_gaussian_entropic_w2_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_entropic_w2_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_entropic_w2_problem_f64), ctypes.POINTER(otc_gaussian_entropic_w2_outputs_f64), ctypes.POINTER(otc_gaussian_entropic_w2_options), otc_workspace]),
    "otc_gaussian_w2_pairwise_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_w2_pairwise_options)]),
    "otc_gaussian_w2_pairwise_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_w2_pairwise_problem_f64), ctypes.POINTER(otc_gaussian_w2_pairwise_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_w2_pairwise_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_w2_pairwise_problem_f64), ctypes.POINTER(otc_gaussian_w2_pairwise_outputs_f64), ctypes.POINTER(otc_gaussian_w2_pairwise_options), otc_workspace]),
    "otc_gaussian_map_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_map_options)]),
    "otc_gaussian_map_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_map_problem_f64), ctypes.POINTER(otc_gaussian_map_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_map_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_map_problem_f64), ctypes.POINTER(otc_gaussian_map_outputs_f64), ctypes.POINTER(otc_gaussian_map_options), otc_workspace]),
    "otc_gaussian_map_apply_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_map_apply_options)]),
    "otc_gaussian_map_apply_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_map_apply_problem_f64), ctypes.POINTER(otc_gaussian_map_apply_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_map_apply_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_map_apply_problem_f64), ctypes.POINTER(otc_gaussian_map_apply_outputs_f64), ctypes.POINTER(otc_gaussian_map_apply_options), otc_workspace]),
    "otc_gaussian_geodesic_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_geodesic_options)]),
    "otc_gaussian_geodesic_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_geodesic_problem_f64), ctypes.POINTER(otc_gaussian_geodesic_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_geodesic_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_geodesic_problem_f64), ctypes.POINTER(otc_gaussian_geodesic_outputs_f64), ctypes.POINTER(otc_gaussian_geodesic_options), otc_workspace]),
    "otc_gaussian_barycenter_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_barycenter_options)]),
    "otc_gaussian_barycenter_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_barycenter_problem_f64), ctypes.POINTER(otc_gaussian_barycenter_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_barycenter_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_barycenter_problem_f64), ctypes.POINTER(otc_gaussian_barycenter_outputs_f64), ctypes.POINTER(otc_gaussian_barycenter_options), otc_workspace]),
    "otc_gaussian_moments_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_moments_options)]),
    "otc_gaussian_moments_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_moments_problem_f64), ctypes.POINTER(otc_gaussian_moments_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_gaussian_moments_f64": (ctypes.c_int32, [ctypes.POINTER(otc_gaussian_moments_problem_f64), ctypes.POINTER(otc_gaussian_moments_outputs_f64), ctypes.POINTER(otc_gaussian_moments_options), otc_workspace]),
    "otc_psd_sqrt_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_psd_sqrt_options)]),
    "otc_psd_sqrt_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_psd_sqrt_problem_f64), ctypes.POINTER(otc_psd_sqrt_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_psd_sqrt_f64": (ctypes.c_int32, [ctypes.POINTER(otc_psd_sqrt_problem_f64), ctypes.POINTER(otc_psd_sqrt_outputs_f64), ctypes.POINTER(otc_psd_sqrt_options), otc_workspace]),
    "otc_plan_position_gradient_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_plan_position_gradient_options)]),
    "otc_plan_position_gradient_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_plan_position_gradient_problem_f64), ctypes.POINTER(otc_plan_position_gradient_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_plan_position_gradient_f64": (ctypes.c_int32, [ctypes.POINTER(otc_plan_position_gradient_problem_f64), ctypes.POINTER(otc_plan_position_gradient_outputs_f64), ctypes.POINTER(otc_plan_position_gradient_options), otc_workspace]),
    "otc_displacement_interpolation_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_displacement_interpolation_options)]),
    "otc_displacement_interpolation_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_displacement_interpolation_problem_f64), ctypes.POINTER(otc_displacement_interpolation_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_displacement_interpolation_f64": (ctypes.c_int32, [ctypes.POINTER(otc_displacement_interpolation_problem_f64), ctypes.POINTER(otc_displacement_interpolation_outputs_f64), ctypes.POINTER(otc_displacement_interpolation_options), otc_workspace]),
    "otc_quantile_1d_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_quantile_1d_options)]),
    "otc_quantile_1d_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_quantile_1d_problem_f64), ctypes.POINTER(otc_quantile_1d_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_quantile_1d_f64": (ctypes.c_int32, [ctypes.POINTER(otc_quantile_1d_problem_f64), ctypes.POINTER(otc_quantile_1d_outputs_f64), ctypes.POINTER(otc_quantile_1d_options), otc_workspace]),
    "otc_barycenter_1d_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_1d_options)]),
    "otc_barycenter_1d_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_1d_problem_f64), ctypes.POINTER(otc_barycenter_1d_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_barycenter_1d_f64": (ctypes.c_int32, [ctypes.POINTER(otc_barycenter_1d_problem_f64), ctypes.POINTER(otc_barycenter_1d_outputs_f64), ctypes.POINTER(otc_barycenter_1d_options), otc_workspace]),
    "otc_laguerre_assign_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_laguerre_assign_options)]),
    "otc_laguerre_assign_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_laguerre_assign_problem_f64), ctypes.POINTER(otc_laguerre_assign_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_laguerre_assign_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_laguerre_assign_problem_f32), ctypes.POINTER(otc_laguerre_assign_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_laguerre_assign_f64": (ctypes.c_int32, [ctypes.POINTER(otc_laguerre_assign_problem_f64), ctypes.POINTER(otc_laguerre_assign_outputs_f64), ctypes.POINTER(otc_laguerre_assign_options), otc_workspace]),
    "otc_laguerre_assign_f32": (ctypes.c_int32, [ctypes.POINTER(otc_laguerre_assign_problem_f32), ctypes.POINTER(otc_laguerre_assign_outputs_f32), ctypes.POINTER(otc_laguerre_assign_options), otc_workspace]),
    "otc_semidiscrete_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_options)]),
    "otc_semidiscrete_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_problem_f64), ctypes.POINTER(otc_semidiscrete_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_semidiscrete_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_problem_f32), ctypes.POINTER(otc_semidiscrete_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_semidiscrete_f64": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_problem_f64), ctypes.POINTER(otc_semidiscrete_outputs_f64), ctypes.POINTER(otc_semidiscrete_options), otc_workspace]),
    "otc_semidiscrete_f32": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_problem_f32), ctypes.POINTER(otc_semidiscrete_outputs_f32), ctypes.POINTER(otc_semidiscrete_options), otc_workspace]),
    "otc_semidiscrete_sgd_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_sgd_options)]),
    "otc_semidiscrete_sgd_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_sgd_problem_f64), ctypes.POINTER(otc_semidiscrete_sgd_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_semidiscrete_sgd_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_sgd_problem_f32), ctypes.POINTER(otc_semidiscrete_sgd_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_semidiscrete_sgd_f64": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_sgd_problem_f64), ctypes.POINTER(otc_semidiscrete_sgd_outputs_f64), ctypes.POINTER(otc_semidiscrete_sgd_options), otc_workspace]),
    "otc_semidiscrete_sgd_f32": (ctypes.c_int32, [ctypes.POINTER(otc_semidiscrete_sgd_problem_f32), ctypes.POINTER(otc_semidiscrete_sgd_outputs_f32), ctypes.POINTER(otc_semidiscrete_sgd_options), otc_workspace]),
    "otc_lloyd_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_lloyd_options)]),
    "otc_lloyd_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_lloyd_problem_f64), ctypes.POINTER(otc_lloyd_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_lloyd_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_lloyd_problem_f32), ctypes.POINTER(otc_lloyd_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_lloyd_f64": (ctypes.c_int32, [ctypes.POINTER(otc_lloyd_problem_f64), ctypes.POINTER(otc_lloyd_outputs_f64), ctypes.POINTER(otc_lloyd_options), otc_workspace]),
    "otc_lloyd_f32": (ctypes.c_int32, [ctypes.POINTER(otc_lloyd_problem_f32), ctypes.POINTER(otc_lloyd_outputs_f32), ctypes.POINTER(otc_lloyd_options), otc_workspace]),
    "otc_sinkhorn_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_options)]),
    "otc_sinkhorn_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_problem_f64), ctypes.POINTER(otc_sinkhorn_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_problem_f32), ctypes.POINTER(otc_sinkhorn_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_problem_f64), ctypes.POINTER(otc_sinkhorn_outputs_f64), ctypes.POINTER(otc_sinkhorn_options), otc_workspace]),
    "otc_sinkhorn_f32": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_problem_f32), ctypes.POINTER(otc_sinkhorn_outputs_f32), ctypes.POINTER(otc_sinkhorn_options), otc_workspace]),
    "otc_sinkhorn_divergence_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_divergence_options)]),
    "otc_sinkhorn_divergence_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_divergence_problem_f64), ctypes.POINTER(otc_sinkhorn_divergence_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_divergence_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_divergence_problem_f32), ctypes.POINTER(otc_sinkhorn_divergence_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_divergence_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_divergence_problem_f64), ctypes.POINTER(otc_sinkhorn_divergence_outputs_f64), ctypes.POINTER(otc_sinkhorn_divergence_options), otc_workspace]),
    "otc_sinkhorn_divergence_f32": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_divergence_problem_f32), ctypes.POINTER(otc_sinkhorn_divergence_outputs_f32), ctypes.POINTER(otc_sinkhorn_divergence_options), otc_workspace]),
    "otc_sinkhorn_block_step_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_step_options)]),
    "otc_sinkhorn_block_step_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_step_problem_f64), ctypes.POINTER(otc_sinkhorn_block_step_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_block_step_workspace_size_f32": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_step_problem_f32), ctypes.POINTER(otc_sinkhorn_block_step_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_block_step_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_step_problem_f64), ctypes.POINTER(otc_sinkhorn_block_step_outputs_f64), ctypes.POINTER(otc_sinkhorn_block_step_options), otc_workspace]),
    "otc_sinkhorn_block_step_f32": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_step_problem_f32), ctypes.POINTER(otc_sinkhorn_block_step_outputs_f32), ctypes.POINTER(otc_sinkhorn_block_step_options), otc_workspace]),
    "otc_sinkhorn_block_column_update_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_column_update_options)]),
    "otc_sinkhorn_block_column_update_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_column_update_problem_f64), ctypes.POINTER(otc_sinkhorn_block_column_update_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_block_column_update_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_block_column_update_problem_f64), ctypes.POINTER(otc_sinkhorn_block_column_update_outputs_f64), ctypes.POINTER(otc_sinkhorn_block_column_update_options), otc_workspace]),
    "otc_lse_pair_merge": (ctypes.c_int32, [ctypes.POINTER(otc_lse_pair), ctypes.POINTER(otc_lse_pair), ctypes.c_size_t]),
    "otc_sinkhorn_partial_options_default": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_partial_options)]),
    "otc_sinkhorn_partial_workspace_size_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_partial_problem_f64), ctypes.POINTER(otc_sinkhorn_partial_options), ctypes.POINTER(ctypes.c_size_t)]),
    "otc_sinkhorn_partial_f64": (ctypes.c_int32, [ctypes.POINTER(otc_sinkhorn_partial_problem_f64), ctypes.POINTER(otc_sinkhorn_partial_outputs_f64), ctypes.POINTER(otc_sinkhorn_partial_options), otc_workspace]),
    "otc_status_message": (ctypes.c_char_p, [ctypes.c_int32]),
    "otc_version_string": (ctypes.c_char_p, []),
    "otc_version_number": (ctypes.c_uint32, []),
}


def declare(lib):
    """Sets restype and argtypes of every otcore function of the loaded `lib`."""
    for name, (restype, argtypes) in PROTOTYPES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib

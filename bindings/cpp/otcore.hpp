// otcore.hpp: header-only C++17 wrapper of the otcore C ABI (include/otcore.h).
//
//   #include <otcore.hpp>
//   std::vector<double> x = {...};                        // n points of dimension d, row-major
//   otcore::Matrix<double> C = otcore::cost_matrix(x, y, d);
//   double c01 = C(0, 1);
//
// * Errors (status >= 100) throw otcore::Error, carrying the status and otcore's message;
//   warnings (1-99) are returned in the result structs (field `status`), never thrown.
// * Views: otcore::View<T> / MutView<T> wrap any strided layout (row-major, column-major,
//   sub-blocks) without copying; make them from a pointer and sizes, or from a std::vector.
// * Workspaces: otcore::Workspace owns a reusable, 64-byte-aligned buffer; pass it to the
//   *_into calls to run without allocating once it is large enough.
// * Options: otcore::<Op>Options (generated in otcore_abi.hpp) hold the C options struct `c`,
//   filled with the library's defaults, with a chainable with_<field>(value) per field and
//   with_callback(every, function, data) for the iterative solvers.
// * Operations: cost matrices, exact OT (emd, emd_batch, wasserstein_1d, quantile_1d,
//   barycenter_1d, mccann_geodesic_1d, sliced_wasserstein,
//   assignment, emd_grid, emd_points, emd_partial, emd_unbalanced_tv, and the entropic
//   sinkhorn_partial), Sinkhorn (sinkhorn,
//   sinkhorn_points, sinkhorn_into, sinkhorn_divergence[_points], the row-partitioned pieces
//   sinkhorn_block_step[_points], lse_pair_merge, sinkhorn_block_column_update with
//   SinkhornBlockOptions), Gaussian OT (bures, gaussian_*, psd_sqrt), semi-discrete OT
//   (laguerre_assign, semidiscrete, semidiscrete_sgd (sampler or sample array), lloyd; double
//   and float), entropic barycenters and the free-support barycenter
//   (free_support_barycenter), the plan's position gradient and displacement interpolation
//   (plan_position_gradient, displacement_interpolation), gradient-flow steps
//   (wasserstein_flow_step, mmd_flow_step, jko_step). The operations with both precisions call
//   through detail::run,
//   which picks the C entry point from the problem struct's type (the generated abi::solve
//   overloads); the double-only exact solvers call theirs directly.
#ifndef OTCORE_HPP
#define OTCORE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "otcore.h"

namespace otcore {

/// An otcore failure: the status code (OTC_ERR_*) and the library's message.
class Error : public std::runtime_error {
public:
    Error(otc_status status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    /// The OTC_ERR_* code.
    otc_status status() const noexcept { return status_; }

private:
    otc_status status_;
};

/// Whether a status is an error (>= 100); 1-99 are warnings, 0 is success.
inline bool is_error(otc_status status) noexcept { return status >= 100; }

/// Throws otcore::Error for an error status, with otcore's detail of the failure (which names
/// the C function) and the status text: "otc_f: x[(1, 0)] is NaN (input holds NaN or
/// infinity)"; "<what>: <status text>" when there is no detail. Returns the status (OTC_OK or
/// a warning) otherwise.
inline otc_status check(otc_status status, const char *what) {
    if (is_error(status)) {
        const char *raw = otc_last_error_message();  // read first: it is this thread's last call
        const std::string detail = raw != nullptr ? raw : "";
        const std::string text = otc_status_message(status);
        throw Error(status, detail.empty() ? std::string(what) + ": " + text
                                           : detail + " (" + text + ")");
    }
    return status;
}

}  // namespace otcore

// The generated layer: abi::solve / workspace_size overloads, abi::<op><T> traits and the
// <Op>Options classes (the C options struct `c`, a with_<field> setter per field).
#include "otcore_abi.hpp"

namespace otcore {

/// The library's version.
struct Version {
    unsigned major;
    unsigned minor;
    unsigned patch;
    std::string string;  ///< "MAJOR.MINOR.PATCH"
};

/// The version of the library loaded at run time.
inline Version library_version() {
    const std::uint32_t n = otc_version_number();
    return Version{n / 10000, (n / 100) % 100, n % 100, otc_version_string()};
}

/// Throws otcore::Error(OTC_ERR_ABI_MISMATCH) when the loaded library is of another major
/// version, or older than the header this program was compiled with.
inline void check_library_version() {
    const std::uint32_t lib = otc_version_number();
    if (lib / 10000 != OTC_VERSION_MAJOR || lib < OTC_VERSION_NUMBER) {
        throw Error(OTC_ERR_ABI_MISMATCH,
                    "otcore library " + std::string(otc_version_string()) +
                        " does not serve header " + std::to_string(OTC_VERSION_MAJOR) + "." +
                        std::to_string(OTC_VERSION_MINOR) + "." +
                        std::to_string(OTC_VERSION_PATCH));
    }
}

/// A caller-owned, reusable workspace buffer (64-byte aligned). Grows, never shrinks.
class Workspace {
public:
    Workspace() = default;
    /// A workspace of `bytes` bytes.
    explicit Workspace(std::size_t bytes) { reserve(bytes); }
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;
    Workspace(Workspace &&other) noexcept
        : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}
    Workspace &operator=(Workspace &&other) noexcept {
        if (this != &other) {
            release();
            data_ = std::exchange(other.data_, nullptr);
            bytes_ = std::exchange(other.bytes_, 0);
        }
        return *this;
    }
    ~Workspace() { release(); }

    /// Makes the buffer at least `bytes` long (reallocates only when it must grow).
    void reserve(std::size_t bytes) {
        if (bytes <= bytes_) return;
        void *p = ::operator new(bytes, std::align_val_t{kAlign});
        release();
        data_ = p;
        bytes_ = bytes;
    }
    /// The buffer (nullptr while empty).
    void *data() const noexcept { return data_; }
    /// Its size in bytes.
    std::size_t bytes() const noexcept { return bytes_; }

private:
    static constexpr std::size_t kAlign = 64;
    void release() noexcept {
        if (data_ != nullptr) ::operator delete(data_, std::align_val_t{kAlign});
        data_ = nullptr;
        bytes_ = 0;
    }
    void *data_ = nullptr;
    std::size_t bytes_ = 0;
};

/// A read-only strided matrix view: element (i, j) at data[i*row_stride + j*col_stride]
/// (strides in elements). Copies nothing.
template <class T>
struct View {
    const T *data;
    std::size_t rows;
    std::size_t cols;
    std::ptrdiff_t row_stride;
    std::ptrdiff_t col_stride;

    /// Row-major rows x cols (C, NumPy default).
    static View row_major(const T *data, std::size_t rows, std::size_t cols) {
        return {data, rows, cols, static_cast<std::ptrdiff_t>(cols), 1};
    }
    /// Column-major rows x cols (Fortran, Julia, R, Eigen default).
    static View col_major(const T *data, std::size_t rows, std::size_t cols) {
        return {data, rows, cols, 1, static_cast<std::ptrdiff_t>(rows)};
    }
    /// Any layout: element (i, j) at data[i*row_stride + j*col_stride] (strides in elements).
    static View strided(const T *data, std::size_t rows, std::size_t cols,
                        std::ptrdiff_t row_stride, std::ptrdiff_t col_stride) {
        return {data, rows, cols, row_stride, col_stride};
    }
    /// A row-major matrix held in a vector, with `cols` columns (size must be a multiple).
    static View row_major(const std::vector<T> &v, std::size_t cols) {
        if (cols == 0 || v.size() % cols != 0) {
            throw Error(OTC_ERR_INVALID_DIMENSION,
                        "a vector of " + std::to_string(v.size()) +
                            " elements is not a matrix with " + std::to_string(cols) +
                            " columns");
        }
        return row_major(v.data(), v.size() / cols, cols);
    }
    /// Element (i, j).
    const T &operator()(std::size_t i, std::size_t j) const {
        return data[static_cast<std::ptrdiff_t>(i) * row_stride +
                    static_cast<std::ptrdiff_t>(j) * col_stride];
    }
};

/// A writable strided matrix view (an output: its elements must not overlap).
template <class T>
struct MutView {
    T *data;
    std::size_t rows;
    std::size_t cols;
    std::ptrdiff_t row_stride;
    std::ptrdiff_t col_stride;

    /// Row-major rows x cols.
    static MutView row_major(T *data, std::size_t rows, std::size_t cols) {
        return {data, rows, cols, static_cast<std::ptrdiff_t>(cols), 1};
    }
    /// Column-major rows x cols.
    static MutView col_major(T *data, std::size_t rows, std::size_t cols) {
        return {data, rows, cols, 1, static_cast<std::ptrdiff_t>(rows)};
    }
    /// Element (i, j).
    T &operator()(std::size_t i, std::size_t j) const {
        return data[static_cast<std::ptrdiff_t>(i) * row_stride +
                    static_cast<std::ptrdiff_t>(j) * col_stride];
    }
    /// The same elements, read-only.
    View<T> view() const { return {data, rows, cols, row_stride, col_stride}; }
};

/// An owned row-major matrix (results).
template <class T>
struct Matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<T> data;  ///< row-major, rows*cols elements

    Matrix() = default;
    Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), data(r * c) {}
    T &operator()(std::size_t i, std::size_t j) { return data[i * cols + j]; }
    const T &operator()(std::size_t i, std::size_t j) const { return data[i * cols + j]; }
    View<T> view() const { return View<T>::row_major(data.data(), rows, cols); }
    MutView<T> mut_view() { return MutView<T>::row_major(data.data(), rows, cols); }
};

namespace detail {
// The C view structs of each element type (declared by otcore.h once a capability uses them).
inline otc_matrix_f64 to_c(View<double> v) {
    return {v.data, v.rows, v.cols, v.row_stride, v.col_stride};
}
inline otc_matrix_f32 to_c(View<float> v) {
    return {v.data, v.rows, v.cols, v.row_stride, v.col_stride};
}
inline otc_matrix_mut_f64 to_c(MutView<double> v) {
    return {v.data, v.rows, v.cols, v.row_stride, v.col_stride};
}
inline otc_matrix_mut_f32 to_c(MutView<float> v) {
    return {v.data, v.rows, v.cols, v.row_stride, v.col_stride};
}
#endif
}  // namespace detail

// ---------------------------------------------------------------------------------------
// Shared helpers of every operation below.
// ---------------------------------------------------------------------------------------
namespace detail {
/// A C struct of the ABI 1 shape, zeroed, with its struct_size set.
template <class S>
S abi_struct() {
    S s{};
    s.struct_size = sizeof(S);
    return s;
}
/// The C workspace of a call: `work` grown to `need` bytes, or {NULL, 0} (otcore allocates).
inline otc_workspace workspace(Workspace *work, std::size_t need) {
    if (work == nullptr) return otc_workspace{nullptr, 0};
    work->reserve(need);
    return otc_workspace{work->data(), work->bytes()};
}
/// Bytes of workspace the operation of `problem` (picked by its C struct's type) needs with
/// the C options `opts`.
template <class P, class O>
std::size_t workspace_size(const P &problem, const O &opts) {
    std::size_t bytes = 0;
    check(abi::workspace_size(&problem, &opts, &bytes), abi::solve_name(&problem));
    return bytes;
}
/// Runs the operation of `problem` (picked by its C struct's type) into `out` with the C
/// options `opts`, on `work` (grown to what the size query asks) or, without one, on a
/// workspace otcore allocates. Returns OTC_OK or a warning; throws otcore::Error on errors.
template <class P, class R, class O>
otc_status run(const P &problem, R &out, const O &opts, Workspace *work) {
    const otc_workspace w = workspace(work, work != nullptr ? workspace_size(problem, opts) : 0);
    return check(abi::solve(&problem, &out, &opts, w), abi::solve_name(&problem));
}
/// Throws OTC_ERR_INVALID_DIMENSION unless `have == want`.
inline void expect_len(std::size_t have, std::size_t want, const char *what) {
    if (have != want) {
        throw Error(OTC_ERR_INVALID_DIMENSION, std::string(what) + ": length " +
                                                   std::to_string(have) + ", expected " +
                                                   std::to_string(want));
    }
}
/// Data pointer of an optional vector argument: nullptr when empty.
template <class T>
const T *opt(const std::vector<T> &v) { return v.empty() ? nullptr : v.data(); }
}  // namespace detail

// ---------------------------------------------------------------------------------------
// Cost matrices (otc_cost_matrix_*)
// ---------------------------------------------------------------------------------------
#ifdef OTC_METRIC_SQEUCLIDEAN



namespace detail {
/// The C problem of the clouds x and y.
template <class T>
typename abi::cost_matrix<T>::problem cost_problem(View<T> x, View<T> y) {
    auto p = abi_struct<typename abi::cost_matrix<T>::problem>();
    p.x = to_c(x);
    p.y = to_c(y);
    return p;
}
}  // namespace detail

/// Bytes of workspace the cost-matrix call needs for the clouds x (n x d) and y (m x d) in
/// precision T (their sizes only).
template <class T>
std::size_t cost_matrix_workspace_size(View<T> x, View<T> y, const CostMatrixOptions &opts = CostMatrixOptions()) {
    return detail::workspace_size(detail::cost_problem(x, y), opts.c);
}

/// Writes the n x m cost matrix between the rows of x (n x d) and y (m x d) into `out`
/// (any strides). With a workspace, grows it if needed and runs without allocating.
template <class T>
void cost_matrix_into(View<T> x, View<T> y, MutView<T> out,
                      const CostMatrixOptions &opts = CostMatrixOptions(), Workspace *work = nullptr) {
    auto o = detail::abi_struct<typename abi::cost_matrix<T>::outputs>();
    o.cost = detail::to_c(out);
    detail::run(detail::cost_problem(x, y), o, opts.c, work);
}

/// The n x m cost matrix between the rows of x (n x d) and y (m x d), row-major.
template <class T>
Matrix<T> cost_matrix(View<T> x, View<T> y, const CostMatrixOptions &opts = CostMatrixOptions()) {
    Matrix<T> out(x.rows, y.rows);
    cost_matrix_into(x, y, out.mut_view(), opts);
    return out;
}

/// Cost matrix of two row-major clouds of dimension `d` held in vectors.
template <class T>
Matrix<T> cost_matrix(const std::vector<T> &x, const std::vector<T> &y, std::size_t d,
                      const CostMatrixOptions &opts = CostMatrixOptions()) {
    return cost_matrix(View<T>::row_major(x, d), View<T>::row_major(y, d), opts);
}

/// Cost matrix of two row-major clouds given as pointer + number of points + dimension.
template <class T>
Matrix<T> cost_matrix(const T *x, std::size_t n, const T *y, std::size_t m, std::size_t d,
                      const CostMatrixOptions &opts = CostMatrixOptions()) {
    return cost_matrix(View<T>::row_major(x, n, d), View<T>::row_major(y, m, d), opts);
}



// ---------------------------------------------------------------------------------------
// Exact OT (otc_emd_f64, otc_emd_batch_f64, otc_wasserstein_1d_f64, otc_sliced_wasserstein_f64)
// ---------------------------------------------------------------------------------------


/// A sparse transport plan: mass[k] moves from row rows[k] to column cols[k].
struct SparsePlan {
    std::vector<std::size_t> rows;
    std::vector<std::size_t> cols;
    std::vector<double> mass;
    /// Resizes to `len` entries.
    void resize(std::size_t len) { rows.resize(len); cols.resize(len); mass.resize(len); }
};


/// The result of `emd`: optimal cost, gap (most negative reduced cost of the duals), duals,
/// sparse plan (and the dense plan when asked for); `status` is OTC_OK, OTC_WARN_MAX_ITER or
/// OTC_WARN_CANCELLED (the plan is then feasible, maybe not optimal); `report.iterations`
/// counts pivots.
struct EmdResult {
    otc_status status = OTC_OK;
    otc_report report{};
    double cost = 0;
    double gap = 0;
    std::vector<double> f;  ///< row duals (n), centred so that a.f = b.g
    std::vector<double> g;  ///< column duals (m)
    SparsePlan plan;        ///< nnz entries
    Matrix<double> dense;   ///< n x m, only when asked for
};

/// Bytes of workspace `emd` needs for an n x m problem.
inline std::size_t emd_workspace_size(std::size_t n, std::size_t m,
                                      const EmdOptions &opts = EmdOptions()) {
    auto p = detail::abi_struct<otc_emd_problem_f64>();
    p.n = n;
    p.m = m;
    std::size_t bytes = 0;
    check(otc_emd_workspace_size_f64(&p, &opts.c, &bytes), "otc_emd_workspace_size_f64");
    return bytes;
}

/// The C call on the caller's structs (every output optional: NULL pointers are not wanted),
/// with `work` grown to the size the problem needs (nullptr: otcore allocates). Returns
/// OTC_OK or a warning; throws on errors.
inline otc_status emd_into(const otc_emd_problem_f64 &problem, otc_emd_outputs_f64 &out,
                           const EmdOptions &opts = EmdOptions(), Workspace *work = nullptr) {
    const otc_workspace w =
        detail::workspace(work, work ? emd_workspace_size(problem.n, problem.m, opts) : 0);
    return check(otc_emd_f64(&problem, &out, &opts.c, w), "otc_emd_f64");
}

/// Exact OT between a (n) and b (m) for the n x m cost (any strides), by the network simplex:
/// cost, duals and sparse plan (and the dense plan when `dense_plan`); `warm_f`, `warm_g` (both
/// or neither; empty: cold start) are duals of a related problem to start from.
inline EmdResult emd(const std::vector<double> &a, const std::vector<double> &b,
                     View<double> cost, const EmdOptions &opts = EmdOptions(),
                     bool dense_plan = false, Workspace *work = nullptr,
                     const std::vector<double> &warm_f = {},
                     const std::vector<double> &warm_g = {}) {
    detail::expect_len(a.size(), cost.rows, "emd: a");
    detail::expect_len(b.size(), cost.cols, "emd: b");
    if (!warm_f.empty()) detail::expect_len(warm_f.size(), a.size(), "emd: warm_f");
    if (!warm_g.empty()) detail::expect_len(warm_g.size(), b.size(), "emd: warm_g");
    const std::size_t n = a.size(), m = b.size();
    auto p = detail::abi_struct<otc_emd_problem_f64>();
    p.a = a.data();
    p.n = n;
    p.b = b.data();
    p.m = m;
    p.cost = detail::to_c(cost);
    p.warm_f = detail::opt(warm_f);
    p.warm_g = detail::opt(warm_g);
    EmdResult res;
    res.f.resize(n);
    res.g.resize(m);
    res.plan.resize(n + m > 0 ? n + m - 1 : 0);
    auto out = detail::abi_struct<otc_emd_outputs_f64>();
    out.f = res.f.data();
    out.g = res.g.data();
    out.plan_rows = res.plan.rows.data();
    out.plan_cols = res.plan.cols.data();
    out.plan_mass = res.plan.mass.data();
    if (dense_plan) {
        res.dense = Matrix<double>(n, m);
        out.plan = detail::to_c(res.dense.mut_view());
    }
    res.status = emd_into(p, out, opts, work);
    res.report = out.report;
    res.cost = out.cost;
    res.gap = out.gap;
    res.plan.resize(out.nnz);
    return res;
}

/// The quantile function Q(u) = min{x_j : a_j > 0, F(x_j) >= u} of the measure
/// sum_j a_j delta_{x_j} (normalised to mass 1) at each level u in [0, 1]
/// (otc_quantile_1d_f64). Samples and levels in any order.
inline std::vector<double> quantile_1d(const std::vector<double> &x, const std::vector<double> &a,
                                       const std::vector<double> &levels,
                                       const Quantile1dOptions &opts = Quantile1dOptions(),
                                       Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.size(), "quantile_1d: a");
    auto p = detail::abi_struct<otc_quantile_1d_problem_f64>();
    p.x = x.data();
    p.a = a.data();
    p.n = x.size();
    p.levels = levels.data();
    p.num_levels = levels.size();
    std::vector<double> q(levels.size());
    auto out = detail::abi_struct<otc_quantile_1d_outputs_f64>();
    out.quantiles = q.data();
    detail::run(p, out, opts.c, work);
    return q;
}

/// A weighted measure on the line: samples x (any order) and their weights a.
struct Measure1d {
    std::vector<double> x;
    std::vector<double> a;
};

/// A measure on the line as weighted points (ascending) and the call's report.
struct WeightedPoints1d {
    otc_report report{};
    std::vector<double> points;
    std::vector<double> weights;
};

/// The W_p barycenter argmin_nu sum_i lambda_i W_p^p(nu, mu_i) of k measures on the line
/// (otc_barycenter_1d_f64): at most n - k + 1 weighted points, from the quantile functions
/// (p = 2: quantile averaging). Masses must agree within opts mass_tolerance.
inline WeightedPoints1d barycenter_1d(const std::vector<Measure1d> &measures,
                                      const std::vector<double> &lambda, double p = 2.0,
                                      const Barycenter1dOptions &opts = Barycenter1dOptions(),
                                      Workspace *work = nullptr) {
    detail::expect_len(lambda.size(), measures.size(), "barycenter_1d: lambda");
    std::vector<double> x, a;
    std::vector<std::size_t> sizes;
    for (const auto &m : measures) {
        detail::expect_len(m.a.size(), m.x.size(), "barycenter_1d: a");
        x.insert(x.end(), m.x.begin(), m.x.end());
        a.insert(a.end(), m.a.begin(), m.a.end());
        sizes.push_back(m.x.size());
    }
    auto pb = detail::abi_struct<otc_barycenter_1d_problem_f64>();
    pb.x = x.data();
    pb.a = a.data();
    pb.n = x.size();
    pb.sizes = sizes.data();
    pb.k = sizes.size();
    pb.lambda = lambda.data();
    pb.p = p;
    WeightedPoints1d res;
    const std::size_t room = x.size() >= sizes.size() ? x.size() - sizes.size() + 1 : 0;
    res.points.resize(room);
    res.weights.resize(room);
    auto out = detail::abi_struct<otc_barycenter_1d_outputs_f64>();
    out.points = res.points.data();
    out.weights = res.weights.data();
    detail::run(pb, out, opts.c, work);
    res.report = out.report;
    res.points.resize(out.nnz);
    res.weights.resize(out.nnz);
    return res;
}

/// McCann's displacement interpolation between mu and nu at time t in [0, 1]: the W2
/// barycenter with lambda = (1 - t, t) (otc_barycenter_1d_f64 with k = 2, p = 2).
inline WeightedPoints1d mccann_geodesic_1d(const Measure1d &mu, const Measure1d &nu, double t,
                                           const Barycenter1dOptions &opts = Barycenter1dOptions(),
                                           Workspace *work = nullptr) {
    if (!(t >= 0.0 && t <= 1.0)) {
        throw Error(OTC_ERR_INVALID_ARGUMENT,
                    "mccann_geodesic_1d: t is " + std::to_string(t) + ": it must be in [0, 1]");
    }
    return barycenter_1d({mu, nu}, {1.0 - t, t}, 2.0, opts, work);
}

/// Exact OT on a row-major n x m cost held in a vector.
inline EmdResult emd(const std::vector<double> &a, const std::vector<double> &b,
                     const std::vector<double> &cost, const EmdOptions &opts = EmdOptions(),
                     bool dense_plan = false) {
    return emd(a, b, View<double>::row_major(cost, b.size()), opts, dense_plan);
}


/// The results of `emd_batch`: totals (cost summed, most negative gap, problems capped by
/// max_iter), per-problem costs, gaps, pivots and plan sizes, duals (k*n, k*m) and sparse
/// plans (problem l from entry l*(n+m-1), plan_nnz[l] entries).
struct EmdBatchResult {
    otc_status status = OTC_OK;
    otc_report report{};
    double cost = 0;
    double gap = 0;
    std::size_t capped = 0;
    std::vector<double> problem_costs;
    std::vector<double> problem_gaps;
    std::vector<std::uint64_t> problem_iterations;
    std::vector<std::size_t> plan_nnz;
    std::vector<double> f;
    std::vector<double> g;
    SparsePlan plans;
};

/// Bytes of workspace `emd_batch` needs for k problems of n x m.
inline std::size_t emd_batch_workspace_size(std::size_t n, std::size_t m, std::size_t k,
                                            const EmdBatchOptions &opts = EmdBatchOptions()) {
    auto p = detail::abi_struct<otc_emd_batch_problem_f64>();
    p.count = k;
    p.n = n;
    p.m = m;
    std::size_t bytes = 0;
    check(otc_emd_batch_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_emd_batch_workspace_size_f64");
    return bytes;
}

/// k independent exact problems of one shape n x m: weights a (k*n) and b (k*m) back to back,
/// costs[l] the cost of problem l (any strides). Problems are shared by the threads.
inline EmdBatchResult emd_batch(std::size_t n, std::size_t m, const std::vector<double> &a,
                                const std::vector<double> &b,
                                const std::vector<View<double>> &costs,
                                const EmdBatchOptions &opts = EmdBatchOptions(),
                                Workspace *work = nullptr) {
    const std::size_t k = costs.size();
    detail::expect_len(a.size(), k * n, "emd_batch: a");
    detail::expect_len(b.size(), k * m, "emd_batch: b");
    std::vector<otc_matrix_f64> c;
    for (const auto &v : costs) c.push_back(detail::to_c(v));
    auto p = detail::abi_struct<otc_emd_batch_problem_f64>();
    p.count = k;
    p.n = n;
    p.m = m;
    p.a = a.data();
    p.b = b.data();
    p.costs = c.data();
    EmdBatchResult res;
    res.problem_costs.resize(k);
    res.problem_gaps.resize(k);
    res.problem_iterations.resize(k);
    res.plan_nnz.resize(k);
    res.f.resize(k * n);
    res.g.resize(k * m);
    res.plans.resize(k * (n + m > 0 ? n + m - 1 : 0));
    auto out = detail::abi_struct<otc_emd_batch_outputs_f64>();
    out.problem_costs = res.problem_costs.data();
    out.problem_gaps = res.problem_gaps.data();
    out.problem_iterations = res.problem_iterations.data();
    out.plan_nnz = res.plan_nnz.data();
    out.f = res.f.data();
    out.g = res.g.data();
    out.plan_rows = res.plans.rows.data();
    out.plan_cols = res.plans.cols.data();
    out.plan_mass = res.plans.mass.data();
    const otc_workspace w =
        detail::workspace(work, work ? emd_batch_workspace_size(n, m, k, opts) : 0);
    res.status = check(otc_emd_batch_f64(&p, &out, &opts.c, w), "otc_emd_batch_f64");
    res.report = out.report;
    res.cost = out.cost;
    res.gap = out.gap;
    res.capped = out.capped;
    return res;
}


/// Result of `wasserstein_1d`: wp_p = sum P_ij |x_i - y_j|^p (W_p^p for unit masses) and the
/// monotone plan.
struct Wasserstein1dResult {
    otc_report report{};
    double wp_p = 0;
    SparsePlan plan;
};

/// Bytes of workspace `wasserstein_1d` needs for n and m samples.
inline std::size_t wasserstein_1d_workspace_size(
    std::size_t n, std::size_t m, const Wasserstein1dOptions &opts = Wasserstein1dOptions()) {
    auto p = detail::abi_struct<otc_wasserstein_1d_problem_f64>();
    p.n = n;
    p.m = m;
    std::size_t bytes = 0;
    check(otc_wasserstein_1d_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_wasserstein_1d_workspace_size_f64");
    return bytes;
}

/// Exact 1-D OT between samples x (weights a) and y (weights b) for |x - y|^p, p >= 1:
/// W_p^p and the monotone plan. Samples in any order.
inline Wasserstein1dResult wasserstein_1d(const std::vector<double> &x,
                                          const std::vector<double> &a,
                                          const std::vector<double> &y,
                                          const std::vector<double> &b, double p = 1.0,
                                          const Wasserstein1dOptions &opts = Wasserstein1dOptions(),
                                          Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.size(), "wasserstein_1d: a");
    detail::expect_len(b.size(), y.size(), "wasserstein_1d: b");
    const std::size_t n = x.size(), m = y.size();
    auto pb = detail::abi_struct<otc_wasserstein_1d_problem_f64>();
    pb.x = x.data();
    pb.a = a.data();
    pb.n = n;
    pb.y = y.data();
    pb.b = b.data();
    pb.m = m;
    pb.p = p;
    Wasserstein1dResult res;
    res.plan.resize(n + m > 0 ? n + m - 1 : 0);
    auto out = detail::abi_struct<otc_wasserstein_1d_outputs_f64>();
    out.plan_rows = res.plan.rows.data();
    out.plan_cols = res.plan.cols.data();
    out.plan_mass = res.plan.mass.data();
    const otc_workspace w =
        detail::workspace(work, work ? wasserstein_1d_workspace_size(n, m, opts) : 0);
    check(otc_wasserstein_1d_f64(&pb, &out, &opts.c, w), "otc_wasserstein_1d_f64");
    res.report = out.report;
    res.wp_p = out.wp_p;
    res.plan.resize(out.nnz);
    return res;
}


namespace detail {
inline otc_sliced_wasserstein_problem_f64 sliced_problem(View<double> x, const double *a,
                                                         View<double> y, const double *b,
                                                         double p, View<double> directions) {
    auto pb = abi_struct<otc_sliced_wasserstein_problem_f64>();
    pb.x = to_c(x);
    pb.a = a;
    pb.y = to_c(y);
    pb.b = b;
    pb.p = p;
    pb.directions = to_c(directions);
    return pb;
}
}  // namespace detail

/// Bytes of workspace `sliced_wasserstein` needs for clouds x (n x d) and y (m x d) and the
/// given directions (k x d; data nullptr: opts' random directions).
inline std::size_t sliced_wasserstein_workspace_size(
    View<double> x, View<double> y, View<double> directions = View<double>{nullptr, 0, 0, 0, 0},
    const SlicedWassersteinOptions &opts = SlicedWassersteinOptions()) {
    const auto pb = detail::sliced_problem(x, nullptr, y, nullptr, 1.0, directions);
    std::size_t bytes = 0;
    check(otc_sliced_wasserstein_workspace_size_f64(&pb, &opts.c, &bytes),
          "otc_sliced_wasserstein_workspace_size_f64");
    return bytes;
}

/// Sliced Wasserstein SW_p^p between clouds x (n x d, weights a) and y (m x d, weights b):
/// the mean over the directions (rows of `directions`, k x d; or, when directions.data is
/// nullptr, opts' random unit directions) of the exact 1-D transport cost of the projections.
inline double sliced_wasserstein(View<double> x, const std::vector<double> &a, View<double> y,
                                 const std::vector<double> &b, double p,
                                 View<double> directions = View<double>{nullptr, 0, 0, 0, 0},
                                 const SlicedWassersteinOptions &opts = SlicedWassersteinOptions(),
                                 Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "sliced_wasserstein: a");
    detail::expect_len(b.size(), y.rows, "sliced_wasserstein: b");
    const auto pb = detail::sliced_problem(x, a.data(), y, b.data(), p, directions);
    auto out = detail::abi_struct<otc_sliced_wasserstein_outputs_f64>();
    const otc_workspace w = detail::workspace(
        work, work ? sliced_wasserstein_workspace_size(x, y, directions, opts) : 0);
    check(otc_sliced_wasserstein_f64(&pb, &out, &opts.c, w), "otc_sliced_wasserstein_f64");
    return out.swp_p;
}

// ---------------------------------------------------------------------------------------
// Entropic OT (otc_sinkhorn_*, otc_sinkhorn_divergence_*; ABI 1 shape). Potentials:
// P_ij = a_i b_j exp((f_i + g_j - C_ij) / epsilon), in cost units, not centred ((f + c, g - c)
// gives the same plan when balanced).
// ---------------------------------------------------------------------------------------

namespace detail {
/// A view of `m` when wanted (sized rows x cols), else the "not wanted" view (data NULL).
template <class T>
auto out_view(bool want, Matrix<T> &m, std::size_t rows, std::size_t cols)
    -> decltype(to_c(m.mut_view())) {
    if (!want) return {};
    m = Matrix<T>(rows, cols);
    return to_c(m.mut_view());
}
}  // namespace detail

/// Bytes of workspace `otc_sinkhorn_f64/_f32` needs for `problem` with `opts`.
template <class P>
std::size_t sinkhorn_workspace_size(const P &problem, const SinkhornOptions &opts = SinkhornOptions()) {
    return detail::workspace_size(problem, opts.c);
}

/// The low-level call: `problem` and `out` filled by the caller (struct_size set, NULL =
/// not wanted); with a workspace, grows it if needed and runs without allocating. Returns
/// OTC_OK, OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED; throws on errors.
template <class P, class O>
otc_status sinkhorn_into(const P &problem, O &out, const SinkhornOptions &opts = SinkhornOptions(),
                         Workspace *work = nullptr) {
    return detail::run(problem, out, opts.c, work);
}

/// The result of `sinkhorn` / `sinkhorn_points`: `report` (status, path that ran, iterations,
/// final L1 marginal error, seconds), OT_eps with its entropy term (`entropic_ot`), the
/// transport cost <C, P> without it, the plan's mass, the potentials (cost units), and the
/// plan (n x m), barycentric map (n x d) and gradients of OT_eps when asked for.
template <class T>
struct SinkhornResult {
    otc_status status = OTC_OK;
    otc_report report{};
    double entropic_ot = 0;
    double transport_cost = 0;
    double mass = 0;
    std::vector<double> f;
    std::vector<double> g;
    Matrix<T> plan;
    Matrix<T> map;
    Matrix<T> grad_x;
    Matrix<T> grad_y;
    std::vector<double> grad_a;
    std::vector<double> grad_b;
};

namespace detail {
/// Runs a filled problem, with potentials (and warm starts) from `r`'s sizes.
template <class T>
SinkhornResult<T> run_sinkhorn(typename abi::sinkhorn<T>::problem &p,
                               typename abi::sinkhorn<T>::outputs &out, SinkhornResult<T> &r,
                               const SinkhornOptions &opts, Workspace *work) {
    out.struct_size = sizeof out;
    out.f = r.f.data();
    out.g = r.g.data();
    r.status = sinkhorn_into(p, out, opts, work);
    r.report = out.report;
    r.entropic_ot = out.entropic_ot;
    r.transport_cost = out.transport_cost;
    r.mass = out.mass;
    return std::move(r);
}
template <class T>
typename abi::sinkhorn<T>::problem sinkhorn_problem(const std::vector<T> &a,
                                                    const std::vector<T> &b,
                                                    const double *init_f, const double *init_g) {
    typename abi::sinkhorn<T>::problem p{};
    p.struct_size = sizeof p;
    p.a = a.data();
    p.n = a.size();
    p.b = b.data();
    p.m = b.size();
    p.metric = OTC_METRIC_SQEUCLIDEAN;
    p.init_f = init_f;
    p.init_g = init_g;
    return p;
}
}  // namespace detail

/// Entropic OT on a dense n x m cost (any strides): potentials, report, values and (when
/// `want_plan`) the plan; `init_f` (n) / `init_g` (m) warm-start when given.
template <class T>
SinkhornResult<T> sinkhorn(View<T> cost, const std::vector<T> &a, const std::vector<T> &b,
                           const SinkhornOptions &opts = SinkhornOptions(),
                           bool want_plan = true, Workspace *work = nullptr,
                           const double *init_f = nullptr, const double *init_g = nullptr) {
    detail::expect_len(a.size(), cost.rows, "sinkhorn: a");
    detail::expect_len(b.size(), cost.cols, "sinkhorn: b");
    auto p = detail::sinkhorn_problem(a, b, init_f, init_g);
    p.cost = detail::to_c(cost);
    SinkhornResult<T> r;
    r.f.resize(a.size());
    r.g.resize(b.size());
    typename abi::sinkhorn<T>::outputs out{};
    out.plan = detail::out_view(want_plan, r.plan, a.size(), b.size());
    return detail::run_sinkhorn(p, out, r, opts, work);
}

/// Entropic OT between clouds x (n x d) and y (m x d), squared Euclidean cost computed on the
/// fly (O((n + m) d) memory): potentials, report, values, and the plan, the barycentric map
/// and the gradients of OT_eps in x, y, a, b when asked for.
template <class T>
SinkhornResult<T> sinkhorn_points(View<T> x, View<T> y, const std::vector<T> &a,
                                  const std::vector<T> &b,
                                  const SinkhornOptions &opts = SinkhornOptions(),
                                  bool want_plan = false, bool want_map = false,
                                  bool want_gradients = false, Workspace *work = nullptr,
                                  const double *init_f = nullptr,
                                  const double *init_g = nullptr) {
    detail::expect_len(a.size(), x.rows, "sinkhorn_points: a");
    detail::expect_len(b.size(), y.rows, "sinkhorn_points: b");
    auto p = detail::sinkhorn_problem(a, b, init_f, init_g);
    p.x = detail::to_c(x);
    p.y = detail::to_c(y);
    SinkhornResult<T> r;
    r.f.resize(x.rows);
    r.g.resize(y.rows);
    typename abi::sinkhorn<T>::outputs out{};
    out.plan = detail::out_view(want_plan, r.plan, x.rows, y.rows);
    out.map = detail::out_view(want_map, r.map, x.rows, x.cols);
    out.grad_x = detail::out_view(want_gradients, r.grad_x, x.rows, x.cols);
    out.grad_y = detail::out_view(want_gradients, r.grad_y, y.rows, y.cols);
    if (want_gradients) {
        r.grad_a.resize(x.rows);
        r.grad_b.resize(y.rows);
        out.grad_a = r.grad_a.data();
        out.grad_b = r.grad_b.data();
    }
    return detail::run_sinkhorn(p, out, r, opts, work);
}

/// The Sinkhorn divergence S = OT_eps(a,b) - OT_eps(a,a)/2 - OT_eps(b,b)/2
/// + eps (sum a - sum b)^2 / 2, its three OT_eps (with their entropy terms), the report
/// (iterations of the three solves, largest marginal error), and for points the gradients of
/// S in x, y, a, b when asked for.
template <class T>
struct DivergenceResult {
    otc_status status = OTC_OK;
    otc_report report{};
    double divergence = 0;
    double entropic_ot_xy = 0;
    double entropic_ot_xx = 0;
    double entropic_ot_yy = 0;
    Matrix<T> grad_x;
    Matrix<T> grad_y;
    std::vector<double> grad_a;
    std::vector<double> grad_b;
};

/// Bytes of workspace `otc_sinkhorn_divergence_f64/_f32` needs for `problem` with `opts`.
template <class P>
std::size_t sinkhorn_divergence_workspace_size(
    const P &problem, const SinkhornDivergenceOptions &opts = SinkhornDivergenceOptions()) {
    return detail::workspace_size(problem, opts.c);
}

namespace detail {
template <class T>
DivergenceResult<T> run_divergence(typename abi::sinkhorn_divergence<T>::problem &p,
                                    typename abi::sinkhorn_divergence<T>::outputs &out,
                                    DivergenceResult<T> &r,
                                    const SinkhornDivergenceOptions &opts, Workspace *work) {
    out.struct_size = sizeof out;
    r.status = run(p, out, opts.c, work);
    r.report = out.report;
    r.divergence = out.divergence;
    r.entropic_ot_xy = out.entropic_ot_xy;
    r.entropic_ot_xx = out.entropic_ot_xx;
    r.entropic_ot_yy = out.entropic_ot_yy;
    return std::move(r);
}
template <class T>
typename abi::sinkhorn_divergence<T>::problem divergence_problem(const std::vector<T> &a,
                                                                const std::vector<T> &b) {
    typename abi::sinkhorn_divergence<T>::problem p{};
    p.struct_size = sizeof p;
    p.a = a.data();
    p.n = a.size();
    p.b = b.data();
    p.m = b.size();
    p.metric = OTC_METRIC_SQEUCLIDEAN;
    return p;
}
}  // namespace detail

/// S(a, b) from the dense costs C(x,y) (n x m), C(x,x) (n x n), C(y,y) (m x m).
template <class T>
DivergenceResult<T> sinkhorn_divergence(
    View<T> cost_xy, View<T> cost_xx, View<T> cost_yy, const std::vector<T> &a,
    const std::vector<T> &b, const SinkhornDivergenceOptions &opts = SinkhornDivergenceOptions(),
    Workspace *work = nullptr) {
    auto p = detail::divergence_problem(a, b);
    p.cost_xy = detail::to_c(cost_xy);
    p.cost_xx = detail::to_c(cost_xx);
    p.cost_yy = detail::to_c(cost_yy);
    typename abi::sinkhorn_divergence<T>::outputs out{};
    DivergenceResult<T> r;
    return detail::run_divergence(p, out, r, opts, work);
}

/// S(a, b) between clouds x (n x d) and y (m x d), squared Euclidean cost on the fly; the
/// gradients of S in x, y, a, b when `want_gradients`.
template <class T>
DivergenceResult<T> sinkhorn_divergence_points(
    View<T> x, View<T> y, const std::vector<T> &a, const std::vector<T> &b,
    const SinkhornDivergenceOptions &opts = SinkhornDivergenceOptions(),
    bool want_gradients = false, Workspace *work = nullptr) {
    auto p = detail::divergence_problem(a, b);
    p.x = detail::to_c(x);
    p.y = detail::to_c(y);
    typename abi::sinkhorn_divergence<T>::outputs out{};
    DivergenceResult<T> r;
    out.grad_x = detail::out_view(want_gradients, r.grad_x, x.rows, x.cols);
    out.grad_y = detail::out_view(want_gradients, r.grad_y, y.rows, y.cols);
    if (want_gradients) {
        r.grad_a.resize(x.rows);
        r.grad_b.resize(y.rows);
        out.grad_a = r.grad_a.data();
        out.grad_b = r.grad_b.data();
    }
    return detail::run_divergence(p, out, r, opts, work);
}

// ---------------------------------------------------------------------------------------
// Row-partitioned Sinkhorn (ops sinkhorn_block_step and sinkhorn_block_column_update, and
// otc_lse_pair_merge): for callers that split the rows of one problem over processes (MPI
// ranks). Per iteration each process calls sinkhorn_block_step[_points] on its rows, the pairs
// of all blocks are merged in a fixed order (lse_pair_merge), and every process computes g
// with sinkhorn_block_column_update.
// ---------------------------------------------------------------------------------------

/// A partial log-sum-exp {max, sum} of one column over some rows ({-inf, 0} is empty).
using LsePair = otc_lse_pair;

/// Options of the block pieces: the C options of both ops (otc_sinkhorn_block_step_options and
/// otc_sinkhorn_block_column_update_options, from their defaults), held together so that the
/// step and the column update agree on epsilon and the penalties.
class SinkhornBlockOptions {
public:
    SinkhornBlockOptions() {
        check(otc_sinkhorn_block_step_options_default(&step_),
              "otc_sinkhorn_block_step_options_default");
        check(otc_sinkhorn_block_column_update_options_default(&column_),
              "otc_sinkhorn_block_column_update_options_default");
    }
    /// Entropic regularisation (both ops).
    SinkhornBlockOptions &with_epsilon(double e) {
        step_.epsilon = column_.epsilon = e;
        return *this;
    }
    /// KL penalties of the row and column marginals (INFINITY: balanced).
    SinkhornBlockOptions &with_rho(double rho_a, double rho_b) {
        step_.rho_a = rho_a;
        step_.rho_b = column_.rho_b = rho_b;
        return *this;
    }
    /// Threads of the step (0 default, 1 the calling thread).
    SinkhornBlockOptions &with_num_threads(std::uint32_t n) {
        step_.num_threads = n;
        return *this;
    }
    /// The step's C options (every field).
    otc_sinkhorn_block_step_options &step() { return step_; }
    const otc_sinkhorn_block_step_options &step() const { return step_; }
    /// The column update's C options (every field).
    otc_sinkhorn_block_column_update_options &column() { return column_; }
    const otc_sinkhorn_block_column_update_options &column() const { return column_; }

private:
    otc_sinkhorn_block_step_options step_;
    otc_sinkhorn_block_column_update_options column_;
};

/// What a block step reports: the block's part of the L1 marginal error of the potentials on
/// entry (the parts of all blocks add up to the whole solve's), and the call's report.
struct BlockStepResult {
    double marginal_error = 0;
    otc_report report{};
};

namespace detail {
/// The step's problem struct: one cost form given, the other's views empty.
template <class T>
typename abi::sinkhorn_block_step<T>::problem block_problem(
    decltype(to_c(View<T>())) cost, decltype(to_c(View<T>())) x, decltype(to_c(View<T>())) y,
    const T *a_block, const T *b, const double *g, const double *f_in) {
    return {sizeof(typename abi::sinkhorn_block_step<T>::problem), cost, x, y, a_block, b, g, f_in};
}

template <class T>
BlockStepResult block_step(const typename abi::sinkhorn_block_step<T>::problem &p, double *f_out,
                           LsePair *pairs, const SinkhornBlockOptions &opts, Workspace *work) {
    auto out = abi_struct<typename abi::sinkhorn_block_step<T>::outputs>();
    out.f_block = f_out;
    out.pairs = pairs;
    run(p, out, opts.step(), work);
    return {out.marginal_error, out.report};
}
}  // namespace detail

/// One block's share of an alternating iteration on a dense block (rows x m, any strides):
/// from the block's potentials on entry `f_in` (rows) and g (m), writes the new potentials
/// into `f_out` (rows; a distinct array; nullptr: not wanted) and the block's column pairs
/// from them into `pairs` (m; nullptr: not wanted), and returns the block's part of the
/// marginal error of (f_in, g). Potentials: P_ij = a_i b_j exp((f_i + g_j - C_ij)/eps).
template <class T>
BlockStepResult sinkhorn_block_step(View<T> cost_block, const T *a_block, const T *b,
                                    const double *g, const double *f_in, double *f_out,
                                    LsePair *pairs,
                                    const SinkhornBlockOptions &opts = SinkhornBlockOptions(),
                                    Workspace *work = nullptr) {
    using CView = decltype(detail::to_c(View<T>()));
    return detail::block_step<T>(detail::block_problem<T>(detail::to_c(cost_block), CView{},
                                                          CView{}, a_block, b, g, f_in),
                                 f_out, pairs, opts, work);
}

/// sinkhorn_block_step for the block's source points x_block (rows x d) against all targets
/// y (m x d), squared Euclidean cost on the fly.
template <class T>
BlockStepResult sinkhorn_block_step_points(View<T> x_block, View<T> y, const T *a_block,
                                           const T *b, const double *g, const double *f_in,
                                           double *f_out, LsePair *pairs,
                                           const SinkhornBlockOptions &opts = SinkhornBlockOptions(),
                                           Workspace *work = nullptr) {
    using CView = decltype(detail::to_c(View<T>()));
    return detail::block_step<T>(detail::block_problem<T>(CView{}, detail::to_c(x_block),
                                                          detail::to_c(y), a_block, b, g, f_in),
                                 f_out, pairs, opts, work);
}

/// Bytes of workspace a dense block step of rows x m needs.
template <class T>
std::size_t sinkhorn_block_step_workspace_size(View<T> cost_block,
                                               const SinkhornBlockOptions &opts = SinkhornBlockOptions()) {
    using CView = decltype(detail::to_c(View<T>()));
    const auto p = detail::block_problem<T>(detail::to_c(cost_block), CView{}, CView{}, nullptr,
                                            nullptr, nullptr, nullptr);
    return detail::workspace_size(p, opts.step());
}

/// acc[j] = acc[j] merged with other[j] (commutative bit for bit; fold in a fixed order).
inline void lse_pair_merge(std::vector<LsePair> &acc, const std::vector<LsePair> &other) {
    detail::expect_len(other.size(), acc.size(), "lse_pair_merge: other");
    check(otc_lse_pair_merge(acc.data(), other.data(), acc.size()), "otc_lse_pair_merge");
}

/// g_j = -kappa_b eps log(pair_j) from the pairs of all blocks combined (g resized to m).
inline otc_report sinkhorn_block_column_update(const std::vector<LsePair> &pairs,
                                               std::vector<double> &g,
                                               const SinkhornBlockOptions &opts = SinkhornBlockOptions()) {
    const otc_sinkhorn_block_column_update_problem_f64 p{sizeof p, pairs.data(), pairs.size()};
    g.resize(pairs.size());
    otc_sinkhorn_block_column_update_outputs_f64 out{};
    out.struct_size = sizeof out;
    out.g = g.data();
    check(otc_sinkhorn_block_column_update_f64(&p, &out, &opts.column(), otc_workspace{nullptr, 0}),
          "otc_sinkhorn_block_column_update_f64");
    return out.report;
}

/// Bytes of workspace the column update needs (0: it needs none).
inline std::size_t sinkhorn_block_column_update_workspace_size(
    const std::vector<LsePair> &pairs, const SinkhornBlockOptions &opts = SinkhornBlockOptions()) {
    const otc_sinkhorn_block_column_update_problem_f64 p{sizeof p, pairs.data(), pairs.size()};
    std::size_t bytes = 0;
    check(otc_sinkhorn_block_column_update_workspace_size_f64(&p, &opts.column(), &bytes),
          "otc_sinkhorn_block_column_update_workspace_size_f64");
    return bytes;
}

// ---------------------------------------------------------------------------------------
// Gaussian OT (ABI 1: otc_bures_*, otc_gaussian_*, otc_psd_sqrt_*)
// ---------------------------------------------------------------------------------------


namespace detail {
/// C views of a batch of covariances.
inline std::vector<otc_matrix_f64> gaussian_views(const std::vector<View<double>> &covs) {
    std::vector<otc_matrix_f64> c;
    for (const auto &v : covs) c.push_back(to_c(v));
    return c;
}
}  // namespace detail

/// Squared Bures distance B^2 = tr S1 + tr S2 - 2 tr (S1^1/2 S2 S1^1/2)^1/2 of two PSD d x d
/// matrices (otc_bures_f64).
inline double bures(View<double> sigma1, View<double> sigma2,
                    const BuresOptions &opts = BuresOptions(), Workspace *work = nullptr) {
    auto p = detail::abi_struct<otc_bures_problem_f64>();
    auto r = detail::abi_struct<otc_bures_outputs_f64>();
    p.sigma1 = detail::to_c(sigma1);
    p.sigma2 = detail::to_c(sigma2);
    detail::run(p, r, opts.c, work);
    return r.bures_squared;
}

/// Squared W2 distance between N(m1, S1) and N(m2, S2) (otc_gaussian_w2_f64).
inline double gaussian_w2(const std::vector<double> &m1, View<double> sigma1,
                          const std::vector<double> &m2, View<double> sigma2,
                          const GaussianW2Options &opts = GaussianW2Options(),
                          Workspace *work = nullptr) {
    detail::expect_len(m1.size(), sigma1.rows, "gaussian_w2: m1");
    detail::expect_len(m2.size(), sigma1.rows, "gaussian_w2: m2");
    auto p = detail::abi_struct<otc_gaussian_w2_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_w2_outputs_f64>();
    p.m1 = m1.data();
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = m2.data();
    p.sigma2 = detail::to_c(sigma2);
    detail::run(p, r, opts.c, work);
    return r.w2_squared;
}

/// Entropic OT cost (regularisation epsilon = 2 sigma^2 > 0) between two Gaussians, closed
/// form (otc_gaussian_entropic_w2_f64).
inline double gaussian_entropic_w2(const std::vector<double> &m1, View<double> sigma1,
                                   const std::vector<double> &m2, View<double> sigma2,
                                   double epsilon,
                                   const GaussianEntropicW2Options &opts = GaussianEntropicW2Options(),
                                   Workspace *work = nullptr) {
    detail::expect_len(m1.size(), sigma1.rows, "gaussian_entropic_w2: m1");
    detail::expect_len(m2.size(), sigma1.rows, "gaussian_entropic_w2: m2");
    auto p = detail::abi_struct<otc_gaussian_entropic_w2_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_entropic_w2_outputs_f64>();
    p.m1 = m1.data();
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = m2.data();
    p.sigma2 = detail::to_c(sigma2);
    p.epsilon = epsilon;
    detail::run(p, r, opts.c, work);
    return r.cost;
}

/// All squared W2 distances (k1 x k2) between Gaussians (rows of means1, covs1) and
/// (rows of means2, covs2) (otc_gaussian_w2_pairwise_f64).
inline Matrix<double> gaussian_w2_pairwise(View<double> means1,
                                           const std::vector<View<double>> &covs1,
                                           View<double> means2,
                                           const std::vector<View<double>> &covs2,
                                           const GaussianW2PairwiseOptions &opts = GaussianW2PairwiseOptions(),
                                           Workspace *work = nullptr) {
    detail::expect_len(covs1.size(), means1.rows, "gaussian_w2_pairwise: covs1");
    detail::expect_len(covs2.size(), means2.rows, "gaussian_w2_pairwise: covs2");
    const auto c1 = detail::gaussian_views(covs1), c2 = detail::gaussian_views(covs2);
    auto p = detail::abi_struct<otc_gaussian_w2_pairwise_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_w2_pairwise_outputs_f64>();
    p.means1 = detail::to_c(means1);
    p.covs1 = c1.data();
    p.means2 = detail::to_c(means2);
    p.covs2 = c2.data();
    Matrix<double> out(means1.rows, means2.rows);
    r.w2_squared = detail::to_c(out.mut_view());
    detail::run(p, r, opts.c, work);
    return out;
}

/// An affine map x -> A x + b; `status` is OTC_OK or OTC_WARN_SINGULAR (pseudo-inverse map),
/// `rank` that of S1.
struct AffineMap {
    otc_status status = OTC_OK;
    Matrix<double> a;  ///< d x d, symmetric PSD
    std::vector<double> b;
    std::size_t rank = 0;
};

/// The optimal map from N(m1, S1) to N(m2, S2) (empty means: zero vectors)
/// (otc_gaussian_map_f64).
inline AffineMap gaussian_map(const std::vector<double> &m1, View<double> sigma1,
                              const std::vector<double> &m2, View<double> sigma2,
                              const GaussianMapOptions &opts = GaussianMapOptions(),
                              Workspace *work = nullptr) {
    const std::size_t d = sigma1.rows;
    if (!m1.empty()) detail::expect_len(m1.size(), d, "gaussian_map: m1");
    if (!m2.empty()) detail::expect_len(m2.size(), d, "gaussian_map: m2");
    auto p = detail::abi_struct<otc_gaussian_map_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_map_outputs_f64>();
    p.m1 = detail::opt(m1);
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = detail::opt(m2);
    p.sigma2 = detail::to_c(sigma2);
    AffineMap t;
    t.a = Matrix<double>(d, d);
    t.b.resize(d);
    r.a = detail::to_c(t.a.mut_view());
    r.b = t.b.data();
    t.status = detail::run(p, r, opts.c, work);
    t.rank = r.rank;
    return t;
}

/// Applies x -> A x + b to the rows of x (n x d); b empty means 0 (otc_gaussian_map_apply_f64).
inline Matrix<double> gaussian_map_apply(View<double> a, const std::vector<double> &b,
                                         View<double> x,
                                         const GaussianMapApplyOptions &opts = GaussianMapApplyOptions(),
                                         Workspace *work = nullptr) {
    if (!b.empty()) detail::expect_len(b.size(), a.rows, "gaussian_map_apply: b");
    auto p = detail::abi_struct<otc_gaussian_map_apply_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_map_apply_outputs_f64>();
    p.a = detail::to_c(a);
    p.b = detail::opt(b);
    p.x = detail::to_c(x);
    Matrix<double> y(x.rows, x.cols);
    r.y = detail::to_c(y.mut_view());
    detail::run(p, r, opts.c, work);
    return y;
}

/// A Gaussian N(mean, cov) and what computed it: `status` OTC_OK or a warning, `report`
/// (iterations and error estimate for barycenters), `rank` of the inverted matrix.
struct Gaussian {
    otc_status status = OTC_OK;
    std::vector<double> mean;
    Matrix<double> cov;
    otc_report report{};
    std::size_t rank = 0;
};

/// The W2 geodesic from N(m1, S1) to N(m2, S2) at time t in [0, 1] (otc_gaussian_geodesic_f64).
inline Gaussian gaussian_geodesic(const std::vector<double> &m1, View<double> sigma1,
                                  const std::vector<double> &m2, View<double> sigma2, double t,
                                  const GaussianGeodesicOptions &opts = GaussianGeodesicOptions(),
                                  Workspace *work = nullptr) {
    const std::size_t d = sigma1.rows;
    detail::expect_len(m1.size(), d, "gaussian_geodesic: m1");
    detail::expect_len(m2.size(), d, "gaussian_geodesic: m2");
    auto p = detail::abi_struct<otc_gaussian_geodesic_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_geodesic_outputs_f64>();
    p.m1 = m1.data();
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = m2.data();
    p.sigma2 = detail::to_c(sigma2);
    p.t = t;
    Gaussian g;
    g.mean.resize(d);
    g.cov = Matrix<double>(d, d);
    r.mean = g.mean.data();
    r.cov = detail::to_c(g.cov.mut_view());
    g.status = detail::run(p, r, opts.c, work);
    g.report = r.report;
    g.rank = r.rank;
    return g;
}

/// The W2 barycenter of k Gaussians (rows of means, k x d; covs) with weights (empty:
/// uniform) (otc_gaussian_barycenter_f64; opts.c.callback can report progress and stop it).
inline Gaussian gaussian_barycenter(View<double> means, const std::vector<View<double>> &covs,
                                    const std::vector<double> &weights = {},
                                    const GaussianBarycenterOptions &opts = GaussianBarycenterOptions(),
                                    Workspace *work = nullptr) {
    detail::expect_len(covs.size(), means.rows, "gaussian_barycenter: covs");
    if (!weights.empty()) detail::expect_len(weights.size(), means.rows, "gaussian_barycenter: weights");
    const auto c = detail::gaussian_views(covs);
    const std::size_t d = means.cols;
    auto p = detail::abi_struct<otc_gaussian_barycenter_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_barycenter_outputs_f64>();
    p.means = detail::to_c(means);
    p.covs = c.data();
    p.weights = detail::opt(weights);
    Gaussian g;
    g.mean.resize(d);
    g.cov = Matrix<double>(d, d);
    r.mean = g.mean.data();
    r.cov = detail::to_c(g.cov.mut_view());
    g.status = detail::run(p, r, opts.c, work);
    g.report = r.report;
    g.rank = r.rank;
    return g;
}

/// Weighted mean and (maximum-likelihood) covariance of the rows of x (n x d); weights empty:
/// uniform (otc_gaussian_moments_f64).
inline Gaussian gaussian_moments(View<double> x, const std::vector<double> &weights = {},
                                 const GaussianMomentsOptions &opts = GaussianMomentsOptions(),
                                 Workspace *work = nullptr) {
    if (!weights.empty()) detail::expect_len(weights.size(), x.rows, "gaussian_moments: weights");
    auto p = detail::abi_struct<otc_gaussian_moments_problem_f64>();
    auto r = detail::abi_struct<otc_gaussian_moments_outputs_f64>();
    p.x = detail::to_c(x);
    p.weights = detail::opt(weights);
    Gaussian g;
    g.mean.resize(x.cols);
    g.cov = Matrix<double>(x.cols, x.cols);
    r.mean = g.mean.data();
    r.cov = detail::to_c(g.cov.mut_view());
    g.status = detail::run(p, r, opts.c, work);
    g.report = r.report;
    return g;
}

/// A^1/2 and the pseudo-inverse square root of a PSD matrix; status OTC_WARN_SINGULAR when
/// A is rank-deficient (`rank`).
struct PsdSqrt {
    otc_status status = OTC_OK;
    Matrix<double> sqrt;
    Matrix<double> inv_sqrt;
    std::size_t rank = 0;
};

/// Square root and pseudo-inverse square root of a symmetric PSD d x d matrix
/// (otc_psd_sqrt_f64).
inline PsdSqrt psd_sqrt(View<double> a, const PsdSqrtOptions &opts = PsdSqrtOptions(),
                        Workspace *work = nullptr) {
    auto p = detail::abi_struct<otc_psd_sqrt_problem_f64>();
    auto r = detail::abi_struct<otc_psd_sqrt_outputs_f64>();
    p.a = detail::to_c(a);
    PsdSqrt s;
    s.sqrt = Matrix<double>(a.rows, a.rows);
    s.inv_sqrt = Matrix<double>(a.rows, a.rows);
    r.sqrt = detail::to_c(s.sqrt.mut_view());
    r.inv_sqrt = detail::to_c(s.inv_sqrt.mut_view());
    s.status = detail::run(p, r, opts.c, work);
    s.rank = r.rank;
    return s;
}

// ---------------------------------------------------------------------------------------
// Semi-discrete OT (otc_laguerre_assign_*, otc_semidiscrete_*, otc_semidiscrete_sgd_*,
// otc_lloyd_*), ABI 1 shape: each options class holds its C options struct (`c`, every field
// reachable), filled with the library's defaults.
// ---------------------------------------------------------------------------------------



/// Laguerre cells: cells[i] = argmin_j |x_i - y_j|^2 - g_j; masses[j] the weight of cell j.
struct LaguerreResult {
    otc_report report{};
    std::size_t empty_cells = 0;
    std::vector<std::uint32_t> cells;
    std::vector<double> masses;
};

/// The Laguerre (power) cell of every point (N x d) for sites (n x d) with weights g (n);
/// point weights empty: 1/N each. T = double or float (otc_laguerre_assign_f64 / _f32).
template <class T>
LaguerreResult laguerre_assign(View<T> points, View<T> sites, const std::vector<T> &g,
                               const std::vector<T> &point_weights = {},
                               const LaguerreAssignOptions &opts = LaguerreAssignOptions(),
                               Workspace *work = nullptr) {
    detail::expect_len(g.size(), sites.rows, "laguerre_assign: g");
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows, "laguerre_assign: point_weights");
    typename abi::laguerre_assign<T>::problem p{sizeof p, detail::to_c(points),
                                              detail::opt(point_weights), detail::to_c(sites),
                                              g.data()};
    LaguerreResult r;
    r.cells.resize(points.rows);
    r.masses.resize(sites.rows);
    typename abi::laguerre_assign<T>::outputs out{sizeof out, {}, 0, r.cells.data(), r.masses.data()};
    detail::run(p, out, opts.c, work);
    r.report = out.report;
    r.empty_cells = out.empty_cells;
    return r;
}


/// The dual weights g (zero mean, in the precision of the inputs), the cell masses and the
/// report of `semidiscrete` (status OTC_OK, OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED: the
/// last iterate; report.error the stopping mass error).
template <class T>
struct SemidiscreteResultOf {
    otc_status status = OTC_OK;
    otc_report report{};
    double mass_error = 0;  ///< hard cell masses' max_j |m_j - b_j|
    double epsilon = 0;     ///< Newton's smoothing
    double step = 0;        ///< the gradient step
    std::vector<T> g;
    std::vector<double> masses;
};
using SemidiscreteResult = SemidiscreteResultOf<double>;

/// Semi-discrete OT (squared Euclidean) from samples (N x d, weights empty: 1/N) to sites
/// (n x d) with weights b; `g0` (empty: zeros) the initial dual weights. T = double or float
/// (otc_semidiscrete_f64 / _f32).
template <class T>
SemidiscreteResultOf<T> semidiscrete(View<T> points, View<T> sites, const std::vector<T> &b,
                                     const std::vector<T> &point_weights = {},
                                     const std::vector<T> &g0 = {},
                                     const SemidiscreteOptions &opts = SemidiscreteOptions(),
                                     Workspace *work = nullptr) {
    detail::expect_len(b.size(), sites.rows, "semidiscrete: b");
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows, "semidiscrete: point_weights");
    if (!g0.empty()) detail::expect_len(g0.size(), sites.rows, "semidiscrete: g0");
    typename abi::semidiscrete<T>::problem p{sizeof p, detail::to_c(points), detail::opt(point_weights),
                                      detail::to_c(sites), b.data(), detail::opt(g0)};
    SemidiscreteResultOf<T> r;
    r.g.resize(sites.rows);
    r.masses.resize(sites.rows);
    typename abi::semidiscrete<T>::outputs out{sizeof out, {}, 0, 0, 0, r.g.data(), r.masses.data()};
    r.status = detail::run(p, out, opts.c, work);
    r.report = out.report;
    r.mass_error = out.mass_error;
    r.epsilon = out.epsilon;
    r.step = out.step;
    return r;
}


/// The averaged dual weights g (zero mean) and the report of an SGD solve (report.error: the
/// last batch's mass error); `step` the initial step used.
template <class T>
struct SgdResultOf {
    otc_status status = OTC_OK;
    otc_report report{};
    double step = 0;
    std::vector<T> g;
};

/// A sampler: writes `count` samples (row-major count x d) into `out`. An exception thrown
/// by it stops the solver and is rethrown by `semidiscrete_sgd`. `SamplerOf<float>` feeds the
/// single-precision solver.
template <class T>
using SamplerOf = std::function<void(std::size_t count, T *out)>;
using Sampler = SamplerOf<double>;

namespace detail {
template <class T>
struct SamplerBox {
    const SamplerOf<T> *sampler;
    std::exception_ptr error;
};
template <class T>
std::int32_t run_sampler(void *user, std::size_t count, T *out) {
    auto *box = static_cast<SamplerBox<T> *>(user);
    try {
        (*box->sampler)(count, out);
        return 0;
    } catch (...) {
        box->error = std::current_exception();
        return 1;
    }
}
extern "C" inline std::int32_t sampler_trampoline(void *user, std::size_t count, double *out) {
    return run_sampler<double>(user, count, out);
}
extern "C" inline std::int32_t sampler_trampoline_f32(void *user, std::size_t count, float *out) {
    return run_sampler<float>(user, count, out);
}
inline otc_sample_fn trampoline(double *) { return &sampler_trampoline; }
inline otc_sample_f32_fn trampoline(float *) { return &sampler_trampoline_f32; }
template <class T>
struct same { using type = T; };
/// Runs an SGD problem (sampler or sample array) into a result.
template <class T>
SgdResultOf<T> sgd_run(typename abi::semidiscrete_sgd<T>::problem &p, const SemidiscreteSgdOptions &opts, Workspace *work,
                       std::size_t n, const std::exception_ptr *error = nullptr) {
    SgdResultOf<T> r;
    r.g.resize(n);
    typename abi::semidiscrete_sgd<T>::outputs out{sizeof out, {}, 0, r.g.data()};
    // The sampler's own exception (rethrown) explains a failure better than the status.
    const otc_workspace w = workspace(work, work != nullptr ? workspace_size(p, opts.c) : 0);
    const otc_status s = abi::solve(&p, &out, &opts.c, w);
    if (error != nullptr && *error) std::rethrow_exception(*error);
    r.status = check(s, abi::solve_name(&p));
    r.report = out.report;
    r.step = out.step;
    return r;
}
}  // namespace detail

/// Averaged SGD for semi-discrete OT from the samples `sample` streams to sites (n x d) with
/// weights b (sum 1). T = double or float (otc_semidiscrete_sgd_f64 / _f32, sampler form).
template <class T>
SgdResultOf<T> semidiscrete_sgd(const typename detail::same<SamplerOf<T>>::type &sample,
                                View<T> sites, const std::vector<T> &b,
                                const SemidiscreteSgdOptions &opts = SemidiscreteSgdOptions(), Workspace *work = nullptr) {
    detail::expect_len(b.size(), sites.rows, "semidiscrete_sgd: b");
    detail::SamplerBox<T> box{&sample, nullptr};
    typename abi::semidiscrete_sgd<T>::problem p{sizeof p, detail::to_c(sites), b.data(),
                                         detail::trampoline(static_cast<T *>(nullptr)), &box,
                                         {nullptr, 0, 0, 0, 0}, nullptr};
    return detail::sgd_run<T>(p, opts, work, sites.rows, &box.error);
}

/// Averaged SGD drawing its batches from the rows of `points` (N x d) with probabilities
/// `point_weights` (empty: uniform) from the stream seeded by `opts.c.seed`, to sites (n x d)
/// with weights b (sum 1). The same seed gives the same g for every thread count. T = double
/// or float (otc_semidiscrete_sgd_f64 / _f32, sample-array form).
template <class T>
SgdResultOf<T> semidiscrete_sgd_samples(View<T> points, View<T> sites, const std::vector<T> &b,
                                        const std::vector<T> &point_weights = {},
                                        const SemidiscreteSgdOptions &opts = SemidiscreteSgdOptions(),
                                        Workspace *work = nullptr) {
    detail::expect_len(b.size(), sites.rows, "semidiscrete_sgd_samples: b");
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows,
                           "semidiscrete_sgd_samples: point_weights");
    typename abi::semidiscrete_sgd<T>::problem p{sizeof p, detail::to_c(sites), b.data(), nullptr,
                                         nullptr, detail::to_c(points),
                                         detail::opt(point_weights)};
    return detail::sgd_run<T>(p, opts, work, sites.rows);
}


/// Result of `lloyd`: the distortion and the report (status OTC_OK, OTC_WARN_MAX_ITER or
/// OTC_WARN_CANCELLED; report.error the last step's largest site displacement).
struct LloydResult {
    otc_status status = OTC_OK;
    otc_report report{};
    double distortion = 0;
};

/// Lloyd iterations from the initial `sites` (n x d) to the barycenters of their Voronoi cells
/// among `points` (weights empty: uniform), written to `out` (n x d, any distinct strides).
/// T = double or float (otc_lloyd_f64 / _f32).
template <class T>
LloydResult lloyd(View<T> points, View<T> sites, MutView<T> out,
                  const std::vector<T> &point_weights = {},
                  const LloydOptions &opts = LloydOptions(), Workspace *work = nullptr) {
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows, "lloyd: point_weights");
    typename abi::lloyd<T>::problem p{sizeof p, detail::to_c(points),
                                           detail::opt(point_weights), detail::to_c(sites)};
    typename abi::lloyd<T>::outputs o{sizeof o, {}, 0, detail::to_c(out)};
    LloydResult r;
    r.status = detail::run(p, o, opts.c, work);
    r.report = o.report;
    r.distortion = o.distortion;
    return r;
}

// ---------------------------------------------------------------------------------------
// Entropic barycenters (otc_barycenter_*, otc_convolutional_barycenter_*)
// ---------------------------------------------------------------------------------------


/// A barycenter histogram (double or float) and the call's report (`report.status` OTC_OK,
/// OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED; `report.iterations`; `report.error` the marginal
/// error max_k sum_i |u_k K v_k - p|).
template <typename T>
struct BarycenterResultT {
    std::vector<T> hist;
    otc_report report{};
};
/// The double-precision barycenter result.
using BarycenterResult = BarycenterResultT<double>;

namespace detail {
/// Runs one barycenter call on problem `p` (options `o`) into `r` (sized by the caller),
/// growing `work` when given; throws on an error.
template <class T, class Out, class P, class O>
void run_barycenter(const P &p, const O &o, Workspace *work, BarycenterResultT<T> &r) {
    auto out = abi_struct<Out>();
    out.barycenter = r.hist.data();
    run(p, out, o, work);
    r.report = out.report;
}
}  // namespace detail

/// Bytes of workspace `barycenter` needs for k histograms of n bins (hists n x k; no data
/// is read).
template <typename T>
std::size_t barycenter_workspace_size(View<T> hists, const BarycenterOptions &opts = BarycenterOptions()) {
    typename abi::barycenter<T>::problem p{};
    p.struct_size = sizeof p;
    p.hists = detail::to_c(hists);
    return detail::workspace_size(p, opts.c);
}

/// Fixed-support entropic barycenter of the k columns of `hists` (n x k) for the n x n cost;
/// weights empty: uniform. T = double or float (otc_barycenter_f64 / _f32).
template <typename T>
inline BarycenterResultT<T> barycenter(View<T> hists, View<T> cost,
                                       const std::vector<T> &weights = {},
                                       const BarycenterOptions &opts = BarycenterOptions(),
                                       Workspace *work = nullptr) {
    if (!weights.empty()) detail::expect_len(weights.size(), hists.cols, "barycenter: weights");
    typename abi::barycenter<T>::problem p{};
    p.struct_size = sizeof p;
    p.hists = detail::to_c(hists);
    p.cost = detail::to_c(cost);
    p.weights = detail::opt(weights);
    BarycenterResultT<T> r;
    r.hist.resize(hists.rows);
    detail::run_barycenter<T, typename abi::barycenter<T>::outputs>(
        p, opts.c, work, r);
    return r;
}

/// Bytes of workspace `convolutional_barycenter` needs for k images of h x w pixels.
template <typename T>
std::size_t convolutional_barycenter_workspace_size(
    std::size_t h, std::size_t w, std::size_t k,
    const ConvolutionalBarycenterOptions &opts = ConvolutionalBarycenterOptions()) {
    typename abi::convolutional_barycenter<T>::problem p{};
    p.struct_size = sizeof p;
    p.images.cols = k;
    p.height = h;
    p.width = w;
    return detail::workspace_size(p, opts.c);
}

/// Convolutional entropic barycenter of the k images in the columns of `images` ((h*w) x k,
/// pixel (r, c) at row r*w + c) on the unit square; weights empty: uniform. T = double or
/// float (otc_convolutional_barycenter_f64 / _f32).
template <typename T>
inline BarycenterResultT<T> convolutional_barycenter(
    View<T> images, std::size_t h, std::size_t w, const std::vector<T> &weights = {},
    const ConvolutionalBarycenterOptions &opts = ConvolutionalBarycenterOptions(),
    Workspace *work = nullptr) {
    if (!weights.empty())
        detail::expect_len(weights.size(), images.cols, "convolutional_barycenter: weights");
    typename abi::convolutional_barycenter<T>::problem p{};
    p.struct_size = sizeof p;
    p.images = detail::to_c(images);
    p.height = h;
    p.width = w;
    p.weights = detail::opt(weights);
    BarycenterResultT<T> r;
    r.hist.resize(images.rows);
    detail::run_barycenter<T, typename abi::convolutional_barycenter<T>::outputs>(
        p, opts.c, work, r);
    return r;
}

/// A point cloud with weights: `points` (n x d, one point per row) and `weights` (n values).
struct WeightedCloud {
    View<double> points;
    std::vector<double> weights;
};

/// The result of `free_support_barycenter`: the support `x` (m x d, row-major), the objective
/// sum_i lambda_i W2^2((x, a), mu_i) / sum lambda before the last move, the status (OTC_OK,
/// OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED) and the report (iterations; error: the last move).
struct FreeSupportResult {
    Matrix<double> x;
    double objective = 0;
    otc_status status = OTC_OK;
    otc_report report{};
};

/// The free-support Wasserstein barycenter of the clouds `measures` with weights `lambda`
/// (Cuturi & Doucet 2014; exact inner solves, or Sinkhorn ones with
/// `opts.with_inner(OTC_FREE_SUPPORT_INNER_SINKHORN).with_epsilon(eps)`), from the initial support `x0` (m x d) with
/// fixed weights `a` (otc_free_support_barycenter_f64). Each measure's mass must equal sum a.
inline FreeSupportResult free_support_barycenter(
    const std::vector<WeightedCloud> &measures, const std::vector<double> &lambda,
    View<double> x0, const std::vector<double> &a,
    const FreeSupportBarycenterOptions &opts = FreeSupportBarycenterOptions(),
    Workspace *work = nullptr) {
    detail::expect_len(lambda.size(), measures.size(), "free_support_barycenter: lambda");
    detail::expect_len(a.size(), x0.rows, "free_support_barycenter: a");
    const std::size_t d = x0.cols;
    std::vector<double> y, b;
    std::vector<std::size_t> sizes;
    for (const auto &m : measures) {
        detail::expect_len(m.points.cols, d, "free_support_barycenter: dimension of a measure");
        detail::expect_len(m.weights.size(), m.points.rows, "free_support_barycenter: weights");
        for (std::size_t i = 0; i < m.points.rows; ++i)
            for (std::size_t t = 0; t < d; ++t) y.push_back(m.points(i, t));
        b.insert(b.end(), m.weights.begin(), m.weights.end());
        sizes.push_back(m.points.rows);
    }
    auto p = detail::abi_struct<otc_free_support_barycenter_problem_f64>();
    p.y = detail::to_c(View<double>::row_major(y.data(), b.size(), d));
    p.b = b.data();
    p.sizes = sizes.data();
    p.k = sizes.size();
    p.lambda = lambda.data();
    p.x0 = detail::to_c(x0);
    p.a = a.data();
    FreeSupportResult r;
    r.x = Matrix<double>(x0.rows, d);
    auto out = detail::abi_struct<otc_free_support_barycenter_outputs_f64>();
    out.x = detail::to_c(r.x.mut_view());
    r.status = detail::run(p, out, opts.c, work);
    r.objective = out.objective;
    r.report = out.report;
    return r;
}

// ---------------------------------------------------------------------------------------
// What a plan gives: the position gradient and McCann's interpolation
// (otc_plan_position_gradient_f64, otc_displacement_interpolation_f64)
// ---------------------------------------------------------------------------------------

/// The result of `plan_position_gradient`: gx (n x d) and gy (m x d), row-major.
struct PlanGradientResult {
    Matrix<double> gx;
    Matrix<double> gy;
    otc_report report{};
};

/// The result of `displacement_interpolation`: one weighted point per plan entry (points
/// K x d, row-major; weights K).
struct InterpolationResult {
    Matrix<double> points;
    std::vector<double> weights;
    otc_report report{};
};

namespace detail {
/// Sets the plan fields of a plan-op problem from a sparse plan (`dense.data` NULL) or a dense
/// view (the sparse pointers NULL).
template <class P>
void set_plan(P &p, const SparsePlan *sparse, View<double> dense) {
    if (sparse != nullptr) {
        expect_len(sparse->cols.size(), sparse->rows.size(), "plan: cols");
        expect_len(sparse->mass.size(), sparse->rows.size(), "plan: mass");
        p.plan_nnz = sparse->rows.size();
        p.plan_rows = sparse->rows.data();
        p.plan_cols = sparse->cols.data();
        p.plan_mass = sparse->mass.data();
    } else {
        p.plan = to_c(dense);
    }
}
inline PlanGradientResult plan_gradient(View<double> x, View<double> y, const SparsePlan *sparse,
                                        View<double> dense,
                                        const PlanPositionGradientOptions &opts,
                                        Workspace *work) {
    auto p = abi_struct<otc_plan_position_gradient_problem_f64>();
    p.x = to_c(x);
    p.y = to_c(y);
    set_plan(p, sparse, dense);
    PlanGradientResult r;
    r.gx = Matrix<double>(x.rows, x.cols);
    r.gy = Matrix<double>(y.rows, y.cols);
    auto out = abi_struct<otc_plan_position_gradient_outputs_f64>();
    out.gx = to_c(r.gx.mut_view());
    out.gy = to_c(r.gy.mut_view());
    run(p, out, opts.c, work);
    r.report = out.report;
    return r;
}
inline InterpolationResult interpolation(View<double> x, View<double> y,
                                         const SparsePlan *sparse, View<double> dense, double t,
                                         const DisplacementInterpolationOptions &opts,
                                         Workspace *work) {
    auto p = abi_struct<otc_displacement_interpolation_problem_f64>();
    p.x = to_c(x);
    p.y = to_c(y);
    p.t = t;
    set_plan(p, sparse, dense);
    const std::size_t k = sparse != nullptr ? sparse->rows.size() : dense.rows * dense.cols;
    InterpolationResult r;
    r.points = Matrix<double>(k, x.cols);
    r.weights.resize(k);
    auto out = abi_struct<otc_displacement_interpolation_outputs_f64>();
    out.points = to_c(r.points.mut_view());
    out.weights = r.weights.data();
    run(p, out, opts.c, work);
    r.report = out.report;
    return r;
}
}  // namespace detail

/// The gradient of the plan's cost sum_k mass_k c(x_i, y_j) in the points x (n x d) and y
/// (m x d), for the metric of `opts` (otc_plan_position_gradient_f64): for an optimal plan of
/// `emd` on the cost of that metric, the gradient of the exact OT value in the positions (the
/// duals f, g are its gradient in the weights).
inline PlanGradientResult plan_position_gradient(
    View<double> x, View<double> y, const SparsePlan &plan,
    const PlanPositionGradientOptions &opts = PlanPositionGradientOptions(),
    Workspace *work = nullptr) {
    return detail::plan_gradient(x, y, &plan, View<double>{}, opts, work);
}

/// The same from a dense n x m plan (an entropic plan, any strides).
inline PlanGradientResult plan_position_gradient(
    View<double> x, View<double> y, View<double> plan,
    const PlanPositionGradientOptions &opts = PlanPositionGradientOptions(),
    Workspace *work = nullptr) {
    return detail::plan_gradient(x, y, nullptr, plan, opts, work);
}

/// McCann's displacement interpolation at time t in [0, 1] of a sparse plan between x and y
/// (otc_displacement_interpolation_f64): point k is (1 - t) x_i + t y_j with the mass of
/// entry k.
inline InterpolationResult displacement_interpolation(
    View<double> x, View<double> y, const SparsePlan &plan, double t,
    const DisplacementInterpolationOptions &opts = DisplacementInterpolationOptions(),
    Workspace *work = nullptr) {
    return detail::interpolation(x, y, &plan, View<double>{}, t, opts, work);
}

/// The same from a dense n x m plan: n*m points, entry (i, j) at row i*m + j.
inline InterpolationResult displacement_interpolation(
    View<double> x, View<double> y, View<double> plan, double t,
    const DisplacementInterpolationOptions &opts = DisplacementInterpolationOptions(),
    Workspace *work = nullptr) {
    return detail::interpolation(x, y, nullptr, plan, t, opts, work);
}
// Gradient flows, one step per call (otc_wasserstein_flow_step_f64, otc_mmd_flow_step_f64,
// otc_jko_step_f64): a time loop passes each step's outputs back in.
// ---------------------------------------------------------------------------------------

/// One step of `wasserstein_flow_step`: the moved particles `x` (n x d, row-major), the
/// Sinkhorn divergence before the step, the three solves' potentials (3(n + m) values: pass
/// them to the next step), the status (OTC_OK, OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED) and
/// the report (iterations of the three solves; error: their largest marginal error).
struct WassersteinFlowStep {
    Matrix<double> x;
    double divergence = 0;
    std::vector<double> potentials;
    otc_status status = OTC_OK;
    otc_report report{};
};

/// x_i <- x_i - tau grad_{x_i} S_eps(alpha_x, beta) / a_i toward the target (y, b), warm-started
/// from `init_potentials` (a previous step's `potentials`; empty = cold start).
inline WassersteinFlowStep wasserstein_flow_step(
    View<double> x, const std::vector<double> &a, View<double> y, const std::vector<double> &b,
    const std::vector<double> &init_potentials = {},
    const WassersteinFlowStepOptions &opts = WassersteinFlowStepOptions(),
    Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "wasserstein_flow_step: a");
    detail::expect_len(b.size(), y.rows, "wasserstein_flow_step: b");
    const std::size_t np = 3 * (x.rows + y.rows);
    if (!init_potentials.empty())
        detail::expect_len(init_potentials.size(), np, "wasserstein_flow_step: init_potentials");
    auto p = detail::abi_struct<otc_wasserstein_flow_step_problem_f64>();
    p.x = detail::to_c(x);
    p.a = a.data();
    p.y = detail::to_c(y);
    p.b = b.data();
    p.init_potentials = init_potentials.empty() ? nullptr : init_potentials.data();
    WassersteinFlowStep r;
    r.x = Matrix<double>(x.rows, x.cols);
    r.potentials.resize(np);
    auto out = detail::abi_struct<otc_wasserstein_flow_step_outputs_f64>();
    out.x = detail::to_c(r.x.mut_view());
    out.potentials = r.potentials.data();
    r.status = detail::run(p, out, opts.c, work);
    r.divergence = out.divergence;
    r.report = out.report;
    return r;
}

/// One step of `mmd_flow_step`: the moved particles `x` (n x d, row-major), MMD^2 before the
/// step and the target's term sum_jl b_j b_l k(y_j, y_l) (pass it to the next step).
struct MmdFlowStep {
    Matrix<double> x;
    double mmd_squared = 0;
    double target_term = 0;
    otc_report report{};
};

/// x_i <- x_i - tau grad_{x_i} MMD_k^2(alpha_x, beta) / a_i for the energy-distance kernel
/// (default) or a Gaussian one (MmdFlowStepOptions().with_kernel(OTC_MMD_KERNEL_GAUSSIAN)
/// .with_sigma(s)); `target_term` from a previous step saves its O(m^2 d) (nullptr: computed).
inline MmdFlowStep mmd_flow_step(View<double> x, const std::vector<double> &a, View<double> y,
                                 const std::vector<double> &b, const double *target_term = nullptr,
                                 const MmdFlowStepOptions &opts = MmdFlowStepOptions(),
                                 Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "mmd_flow_step: a");
    detail::expect_len(b.size(), y.rows, "mmd_flow_step: b");
    auto p = detail::abi_struct<otc_mmd_flow_step_problem_f64>();
    p.x = detail::to_c(x);
    p.a = a.data();
    p.y = detail::to_c(y);
    p.b = b.data();
    p.target_term = target_term;
    MmdFlowStep r;
    r.x = Matrix<double>(x.rows, x.cols);
    auto out = detail::abi_struct<otc_mmd_flow_step_outputs_f64>();
    out.x = detail::to_c(r.x.mut_view());
    detail::run(p, out, opts.c, work);
    r.mmd_squared = out.mmd_squared;
    r.target_term = out.target_term;
    r.report = out.report;
    return r;
}

/// One step of `jko_step`: the density after the step (h*w, the layout of the input), the
/// final dual u (h*w: pass it to the next step as `init_dual`), the status (OTC_OK,
/// OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED) and the report.
struct JkoStep {
    std::vector<double> rho;
    std::vector<double> dual;
    otc_status status = OTC_OK;
    otc_report report{};
};

/// One entropic JKO step (Peyre 2015) of the density `rho` (height x width, row-major) on the
/// unit square for F = sum rho log rho + sum V rho (`potential` V, h*w values; empty = heat flow),
/// warm-started from `init_dual` (a previous step's `dual`, h*w values; empty = cold start):
/// the same density to the tolerance, in fewer iterations.
inline JkoStep jko_step(const std::vector<double> &rho, std::size_t height, std::size_t width,
                        const std::vector<double> &potential = {},
                        const JkoStepOptions &opts = JkoStepOptions(), Workspace *work = nullptr,
                        const std::vector<double> &init_dual = {}) {
    detail::expect_len(rho.size(), height * width, "jko_step: rho");
    if (!potential.empty()) detail::expect_len(potential.size(), rho.size(), "jko_step: potential");
    if (!init_dual.empty()) detail::expect_len(init_dual.size(), rho.size(), "jko_step: init_dual");
    auto p = detail::abi_struct<otc_jko_step_problem_f64>();
    p.rho = rho.data();
    p.height = height;
    p.width = width;
    p.potential = potential.empty() ? nullptr : potential.data();
    p.init_dual = init_dual.empty() ? nullptr : init_dual.data();
    JkoStep r;
    r.rho.resize(rho.size());
    r.dual.resize(rho.size());
    auto out = detail::abi_struct<otc_jko_step_outputs_f64>();
    out.rho_next = r.rho.data();
    out.dual = r.dual.data();
    r.status = detail::run(p, out, opts.c, work);
    r.report = out.report;
    return r;
}

// ---------------------------------------------------------------------------------------
// Exact OT: assignment, grids, partial and TV-unbalanced (ABI 1 shape: otc_assignment_f64,
// otc_emd_grid_f64, otc_emd_partial_f64, otc_emd_unbalanced_tv_f64)
// ---------------------------------------------------------------------------------------
namespace detail {
/// The otc_workspace of a call: the caller's `work` grown to `need` bytes, or {NULL, 0}
/// (otcore allocates) when `work` is nullptr.
inline otc_workspace workspace_view(Workspace *work, std::size_t need) {
    if (work == nullptr) return otc_workspace{nullptr, 0};
    work->reserve(need);
    return otc_workspace{work->data(), work->bytes()};
}
}  // namespace detail


/// The result of `assignment` for k problems of size n: `perm[l*n + i]` is the column of row
/// i in problem l; duals u, v (k*n) with u_i + v_j <= C_ij, equal on the assignment.
struct AssignmentResult {
    otc_report report{};     ///< status, iterations (augmenting paths), error (= gap), seconds
    double cost = 0;         ///< total cost over the problems
    double gap = 0;          ///< most negative reduced cost (0 when optimal)
    std::vector<std::size_t> perm;
    std::vector<double> u;
    std::vector<double> v;
    std::vector<double> problem_costs;  ///< each problem's cost (k)
};

namespace detail {
inline otc_assignment_problem_f64 assignment_problem(const std::vector<otc_matrix_f64> &views) {
    otc_assignment_problem_f64 p{};
    p.struct_size = sizeof p;
    p.count = views.size();
    p.costs = views.data();
    return p;
}
inline std::vector<otc_matrix_f64> c_views(const std::vector<View<double>> &costs) {
    std::vector<otc_matrix_f64> views;
    views.reserve(costs.size());
    for (const View<double> &c : costs) views.push_back(to_c(c));
    return views;
}
}  // namespace detail

/// Bytes of workspace `assignment` needs for these costs (k views of n x n).
inline std::size_t assignment_workspace_size(const std::vector<View<double>> &costs,
                                             const AssignmentOptions &opts = AssignmentOptions()) {
    const std::vector<otc_matrix_f64> views = detail::c_views(costs);
    const otc_assignment_problem_f64 p = detail::assignment_problem(views);
    std::size_t bytes = 0;
    check(otc_assignment_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_assignment_workspace_size_f64");
    return bytes;
}

/// Solves the linear assignment problem (LAPJV, exact) of each n x n cost of `costs` (any
/// strides; a batch is shared by the threads, results identical for every thread count).
inline AssignmentResult assignment(const std::vector<View<double>> &costs,
                                   const AssignmentOptions &opts = AssignmentOptions(),
                                   Workspace *work = nullptr) {
    const std::vector<otc_matrix_f64> views = detail::c_views(costs);
    const otc_assignment_problem_f64 p = detail::assignment_problem(views);
    const std::size_t kn = costs.empty() ? 0 : costs.size() * costs[0].rows;
    AssignmentResult r;
    r.perm.resize(kn);
    r.u.resize(kn);
    r.v.resize(kn);
    r.problem_costs.resize(costs.size());
    otc_assignment_outputs_f64 out{};
    out.struct_size = sizeof out;
    out.perm = r.perm.data();
    out.u = r.u.data();
    out.v = r.v.data();
    out.problem_costs = r.problem_costs.data();
    const otc_workspace w =
        detail::workspace_view(work, work ? assignment_workspace_size(costs, opts) : 0);
    check(otc_assignment_f64(&p, &out, &opts.c, w), "otc_assignment_f64");
    r.report = out.report;
    r.cost = out.cost;
    r.gap = out.gap;
    return r;
}

/// The assignment of one n x n cost.
inline AssignmentResult assignment(View<double> cost,
                                   const AssignmentOptions &opts = AssignmentOptions(),
                                   Workspace *work = nullptr) {
    return assignment(std::vector<View<double>>{cost}, opts, work);
}


/// The result of `emd_grid`: cost, certificate `gap`, duals f, g (n pixels each, centred so
/// that a.f = b.g) and the sparse plan (pixel indices, row-major); `report.status` is OTC_OK
/// or OTC_WARN_CANCELLED (a callback stopped the solve).
struct EmdGridResult {
    otc_report report{};  ///< status, iterations (pivots), error (= gap), seconds
    double cost = 0;
    double gap = 0;       ///< most negative reduced cost over all n^2 arcs (0 when optimal)
    std::uint64_t rounds = 0;
    std::size_t levels = 0;
    std::vector<double> f;
    std::vector<double> g;
    SparsePlan plan;
};

namespace detail {
inline otc_emd_grid_problem_f64 grid_problem(const std::vector<std::size_t> &shape,
                                             const std::vector<double> &spacing,
                                             const double *a, const double *b) {
    if (!spacing.empty()) expect_len(spacing.size(), shape.size(), "emd_grid: spacing");
    otc_emd_grid_problem_f64 p{};
    p.struct_size = sizeof p;
    p.ndim = shape.size();
    p.shape = shape.data();
    p.spacing = opt(spacing);
    p.a = a;
    p.b = b;
    return p;
}
}  // namespace detail

/// Bytes of workspace `emd_grid` needs for a grid of `shape`.
inline std::size_t emd_grid_workspace_size(const std::vector<std::size_t> &shape,
                                           const EmdGridOptions &opts = EmdGridOptions()) {
    const otc_emd_grid_problem_f64 p = detail::grid_problem(shape, {}, nullptr, nullptr);
    std::size_t bytes = 0;
    check(otc_emd_grid_workspace_size_f64(&p, &opts.c, &bytes), "otc_emd_grid_workspace_size_f64");
    return bytes;
}

/// Exact OT between the histograms a and b (row-major pixels, last axis fastest) on the grid
/// of `shape` (1 to 3 axes; `spacing` empty: 1 per axis) for the squared Euclidean cost, by
/// the sparse multiscale network simplex.
inline EmdGridResult emd_grid(const std::vector<std::size_t> &shape, const std::vector<double> &a,
                              const std::vector<double> &b,
                              const std::vector<double> &spacing = {},
                              const EmdGridOptions &opts = EmdGridOptions(),
                              Workspace *work = nullptr) {
    std::size_t n = 1;
    for (std::size_t s : shape) n *= s;
    detail::expect_len(a.size(), n, "emd_grid: a");
    detail::expect_len(b.size(), n, "emd_grid: b");
    const otc_emd_grid_problem_f64 p = detail::grid_problem(shape, spacing, a.data(), b.data());
    EmdGridResult r;
    r.f.resize(n);
    r.g.resize(n);
    r.plan.resize(n > 0 ? 2 * n - 1 : 0);
    otc_emd_grid_outputs_f64 out{};
    out.struct_size = sizeof out;
    out.f = r.f.data();
    out.g = r.g.data();
    out.plan_rows = r.plan.rows.data();
    out.plan_cols = r.plan.cols.data();
    out.plan_mass = r.plan.mass.data();
    const otc_workspace w =
        detail::workspace_view(work, work ? emd_grid_workspace_size(shape, opts) : 0);
    check(otc_emd_grid_f64(&p, &out, &opts.c, w), "otc_emd_grid_f64");
    r.report = out.report;
    r.cost = out.cost;
    r.gap = out.gap;
    r.rounds = out.rounds;
    r.levels = out.levels;
    r.plan.resize(out.plan_nnz);
    return r;
}


/// The result of `emd_points`: cost, certificate `gap`, duals f (n), g (m) centred so that
/// a.f = b.g, and the sparse plan (point indices); `report.status` is OTC_OK,
/// OTC_WARN_MAX_ITER or OTC_WARN_CANCELLED.
struct EmdPointsResult {
    otc_report report{};  ///< status, iterations (pivots), error (= -gap), seconds
    double cost = 0;
    double gap = 0;       ///< most negative reduced cost over all n*m arcs (0 when optimal)
    std::vector<double> f;
    std::vector<double> g;
    SparsePlan plan;
};

namespace detail {
inline otc_emd_points_problem_f64 points_problem(const double *a, const double *b,
                                                 View<double> x, View<double> y) {
    otc_emd_points_problem_f64 p{};
    p.struct_size = sizeof p;
    p.a = a;
    p.b = b;
    p.x = to_c(x);
    p.y = to_c(y);
    return p;
}
}  // namespace detail

/// Bytes of workspace `emd_points` needs for clouds x (n x d) and y (m x d): O((n + m) d).
inline std::size_t emd_points_workspace_size(View<double> x, View<double> y,
                                             const EmdPointsOptions &opts = EmdPointsOptions()) {
    const otc_emd_points_problem_f64 p = detail::points_problem(nullptr, nullptr, x, y);
    std::size_t bytes = 0;
    check(otc_emd_points_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_emd_points_workspace_size_f64");
    return bytes;
}

/// Exact OT between the weights a on the points x (n x d, one a row, any strides) and b on
/// y (m x d) for the cost metric(x_i, y_j) (`opts.with_metric`, `with_p`; squared Euclidean
/// by default), by the network simplex with costs computed on the fly: the n x m cost is
/// never stored (memory O((n + m) d)).
inline EmdPointsResult emd_points(const std::vector<double> &a, const std::vector<double> &b,
                                  View<double> x, View<double> y,
                                  const EmdPointsOptions &opts = EmdPointsOptions(),
                                  Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "emd_points: a");
    detail::expect_len(b.size(), y.rows, "emd_points: b");
    const otc_emd_points_problem_f64 p = detail::points_problem(a.data(), b.data(), x, y);
    EmdPointsResult r;
    r.f.resize(a.size());
    r.g.resize(b.size());
    r.plan.resize(a.size() + b.size() > 0 ? a.size() + b.size() - 1 : 0);
    otc_emd_points_outputs_f64 out{};
    out.struct_size = sizeof out;
    out.f = r.f.data();
    out.g = r.g.data();
    out.plan_rows = r.plan.rows.data();
    out.plan_cols = r.plan.cols.data();
    out.plan_mass = r.plan.mass.data();
    const otc_workspace w =
        detail::workspace_view(work, work ? emd_points_workspace_size(x, y, opts) : 0);
    check(otc_emd_points_f64(&p, &out, &opts.c, w), "otc_emd_points_f64");
    r.report = out.report;
    r.cost = out.cost;
    r.gap = out.gap;
    r.plan.resize(out.nnz);
    return r;
}

/// `emd_points` for row-major clouds of dimension d in flat vectors (x: a.size() * d values,
/// y: b.size() * d).
inline EmdPointsResult emd_points(const std::vector<double> &a, const std::vector<double> &b,
                                  const std::vector<double> &x, const std::vector<double> &y,
                                  std::size_t d,
                                  const EmdPointsOptions &opts = EmdPointsOptions()) {
    detail::expect_len(x.size(), a.size() * d, "emd_points: x");
    detail::expect_len(y.size(), b.size() * d, "emd_points: y");
    return emd_points(a, b, View<double>::row_major(x.data(), a.size(), d),
                      View<double>::row_major(y.data(), b.size(), d), opts);
}


/// The result of `emd_partial` and `emd_unbalanced_tv`: `out` is the C outputs struct (its
/// report, cost, transported_mass, gap, ...; its pointers cleared after the call), the duals
/// and the sparse plan (and the dense plan when asked for).
template <class Outputs>
struct EmdDummyResult {
    Outputs out{};
    std::vector<double> f;  ///< row duals (n)
    std::vector<double> g;  ///< column duals (m)
    SparsePlan plan;        ///< plan_nnz entries
    Matrix<double> dense;   ///< n x m, only when asked for
};
using EmdPartialResult = EmdDummyResult<otc_emd_partial_outputs_f64>;
using EmdUnbalancedTvResult = EmdDummyResult<otc_emd_unbalanced_tv_outputs_f64>;

namespace detail {
/// Fills the problem fields both dense dummy-node problems share.
template <class Problem>
Problem dummy_problem(const std::vector<double> &a, const std::vector<double> &b,
                      View<double> cost) {
    Problem p{};
    p.struct_size = sizeof p;
    p.a = a.data();
    p.n = a.size();
    p.b = b.data();
    p.m = b.size();
    p.cost = to_c(cost);
    return p;
}
/// Sizes the result's arrays and points the outputs struct at them.
template <class Outputs>
void dummy_outputs(EmdDummyResult<Outputs> &r, std::size_t n, std::size_t m, bool dense_plan) {
    r.f.resize(n);
    r.g.resize(m);
    r.plan.resize(n + m > 0 ? n + m - 1 : 0);
    r.out.struct_size = sizeof r.out;
    r.out.f = r.f.data();
    r.out.g = r.g.data();
    r.out.plan_rows = r.plan.rows.data();
    r.out.plan_cols = r.plan.cols.data();
    r.out.plan_mass = r.plan.mass.data();
    r.out.plan = otc_matrix_mut_f64{nullptr, 0, 0, 0, 0};
    if (dense_plan) {
        r.dense = Matrix<double>(n, m);
        r.out.plan = to_c(r.dense.mut_view());
    }
}
/// After the call: the plan cut to its entries, the outputs struct's pointers cleared (the
/// result may be copied).
template <class Outputs>
void dummy_finish(EmdDummyResult<Outputs> &r) {
    r.plan.resize(r.out.plan_nnz);
    r.out.f = r.out.g = r.out.plan_mass = nullptr;
    r.out.plan_rows = r.out.plan_cols = nullptr;
    r.out.plan = otc_matrix_mut_f64{nullptr, 0, 0, 0, 0};
}
}  // namespace detail

/// Bytes of workspace `emd_partial` needs for n sources and m targets.
inline std::size_t emd_partial_workspace_size(std::size_t n, std::size_t m,
                                              const EmdPartialOptions &opts = EmdPartialOptions()) {
    otc_emd_partial_problem_f64 p{};
    p.struct_size = sizeof p;
    p.n = n;
    p.m = m;
    std::size_t bytes = 0;
    check(otc_emd_partial_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_emd_partial_workspace_size_f64");
    return bytes;
}

/// Exact partial OT: moves `mass` (<= min(sum a, sum b)) from a (n) to b (m) at least cost
/// for the n x m cost (any strides). Warnings (OTC_WARN_MAX_ITER) are in `out.report.status`.
inline EmdPartialResult emd_partial(const std::vector<double> &a, const std::vector<double> &b,
                                    View<double> cost, double mass,
                                    const EmdPartialOptions &opts = EmdPartialOptions(),
                                    bool dense_plan = false, Workspace *work = nullptr) {
    auto p = detail::dummy_problem<otc_emd_partial_problem_f64>(a, b, cost);
    p.mass = mass;
    EmdPartialResult r;
    detail::dummy_outputs(r, a.size(), b.size(), dense_plan);
    const otc_workspace w = detail::workspace_view(
        work, work ? emd_partial_workspace_size(a.size(), b.size(), opts) : 0);
    check(otc_emd_partial_f64(&p, &r.out, &opts.c, w), "otc_emd_partial_f64");
    detail::dummy_finish(r);
    return r;
}

/// Bytes of workspace `emd_unbalanced_tv` needs for n sources and m targets.
inline std::size_t emd_unbalanced_tv_workspace_size(
    std::size_t n, std::size_t m, const EmdUnbalancedTvOptions &opts = EmdUnbalancedTvOptions()) {
    otc_emd_unbalanced_tv_problem_f64 p{};
    p.struct_size = sizeof p;
    p.n = n;
    p.m = m;
    std::size_t bytes = 0;
    check(otc_emd_unbalanced_tv_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_emd_unbalanced_tv_workspace_size_f64");
    return bytes;
}

/// Exact TV-unbalanced OT: min <C, P> + rho (|P1 - a|_1 + |P^T 1 - b|_1) over P >= 0, for the
/// n x m cost (any strides). Warnings (OTC_WARN_MAX_ITER) are in `out.report.status`.
inline EmdUnbalancedTvResult emd_unbalanced_tv(
    const std::vector<double> &a, const std::vector<double> &b, View<double> cost, double rho,
    const EmdUnbalancedTvOptions &opts = EmdUnbalancedTvOptions(), bool dense_plan = false,
    Workspace *work = nullptr) {
    auto p = detail::dummy_problem<otc_emd_unbalanced_tv_problem_f64>(a, b, cost);
    p.rho = rho;
    EmdUnbalancedTvResult r;
    detail::dummy_outputs(r, a.size(), b.size(), dense_plan);
    const otc_workspace w = detail::workspace_view(
        work, work ? emd_unbalanced_tv_workspace_size(a.size(), b.size(), opts) : 0);
    check(otc_emd_unbalanced_tv_f64(&p, &r.out, &opts.c, w), "otc_emd_unbalanced_tv_f64");
    detail::dummy_finish(r);
    return r;
}

/// The result of `sinkhorn_partial`: `out` is the C outputs struct (its report,
/// entropic_ot, transport_cost, transported_mass, mass_price; its pointers cleared after the
/// call), the duals f, g <= 0 and the dense plan when asked for.
struct SinkhornPartialResult {
    otc_sinkhorn_partial_outputs_f64 out{};
    std::vector<double> f;  ///< row duals (n)
    std::vector<double> g;  ///< column duals (m)
    Matrix<double> plan;    ///< n x m, only when asked for
};

/// Bytes of workspace `sinkhorn_partial` needs for n sources and m targets.
inline std::size_t sinkhorn_partial_workspace_size(
    std::size_t n, std::size_t m, const SinkhornPartialOptions &opts = SinkhornPartialOptions()) {
    otc_sinkhorn_partial_problem_f64 p{};
    p.struct_size = sizeof p;
    p.n = n;
    p.m = m;
    std::size_t bytes = 0;
    check(otc_sinkhorn_partial_workspace_size_f64(&p, &opts.c, &bytes),
          "otc_sinkhorn_partial_workspace_size_f64");
    return bytes;
}

/// Entropic partial OT: moves `mass` (0 < mass <= min(sum a, sum b)) from a (n) to b (m) at
/// least entropic cost for the n x m cost (any strides); the plan is
/// a_i b_j exp((f_i + g_j + mass_price - C_ij) / eps). Warnings (OTC_WARN_MAX_ITER) are in
/// `out.report.status`.
inline SinkhornPartialResult sinkhorn_partial(
    const std::vector<double> &a, const std::vector<double> &b, View<double> cost, double mass,
    const SinkhornPartialOptions &opts = SinkhornPartialOptions(), bool want_plan = false,
    Workspace *work = nullptr) {
    auto p = detail::dummy_problem<otc_sinkhorn_partial_problem_f64>(a, b, cost);
    p.mass = mass;
    SinkhornPartialResult r;
    r.f.resize(a.size());
    r.g.resize(b.size());
    r.out.struct_size = sizeof r.out;
    r.out.f = r.f.data();
    r.out.g = r.g.data();
    r.out.plan = detail::out_view(want_plan, r.plan, a.size(), b.size());
    const otc_workspace w = detail::workspace_view(
        work, work ? sinkhorn_partial_workspace_size(a.size(), b.size(), opts) : 0);
    check(otc_sinkhorn_partial_f64(&p, &r.out, &opts.c, w), "otc_sinkhorn_partial_f64");
    r.out.f = r.out.g = nullptr;
    r.out.plan = otc_matrix_mut_f64{nullptr, 0, 0, 0, 0};
    return r;
}

}  // namespace otcore

#endif  // OTCORE_HPP

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
// * Families: cost matrices, exact OT (emd, emd_batch, wasserstein_1d, sliced_wasserstein),
//   Sinkhorn (sinkhorn, sinkhorn_points, sinkhorn_divergence[_points], the row-partitioned
//   pieces sinkhorn_block_step[_points], lse_pair_merge, sinkhorn_block_column_update), Gaussian OT
//   (bures, gaussian_*, psd_sqrt), semi-discrete OT (laguerre_assign, semidiscrete,
//   semidiscrete_sgd, semidiscrete_sgd_samples, lloyd; double and float) and entropic
//   barycenters. The cost section is compiled only when
//   otcore.h defines its OTC_METRIC_* constants; the solver families need the otcore.h of the
//   same release (they declare no guard constant of their own).
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
#ifdef OTC_METRIC_SQEUCLIDEAN
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
// Cost matrices (otc_cost_*)
// ---------------------------------------------------------------------------------------
#ifdef OTC_METRIC_SQEUCLIDEAN

/// Ground metric of a cost matrix.
enum class Metric : std::int32_t {
    SqEuclidean = OTC_METRIC_SQEUCLIDEAN,  ///< |x - y|^2
    Euclidean = OTC_METRIC_EUCLIDEAN,      ///< |x - y|
    Minkowski = OTC_METRIC_MINKOWSKI,      ///< (sum |x_k - y_k|^p)^(1/p)
    Cosine = OTC_METRIC_COSINE,            ///< 1 - <x, y> / (|x| |y|)
};

/// Options of the cost-matrix calls; starts from the library's defaults.
struct CostOptions {
    Metric metric;
    double p;                  ///< Minkowski exponent
    std::uint32_t num_threads; ///< 0: library default, 1: calling thread only, k: k workers

    CostOptions() {
        otc_cost_options o;
        check(otc_cost_options_default(&o), "otc_cost_options_default");
        metric = static_cast<Metric>(o.metric);
        p = o.p;
        num_threads = o.num_threads;
    }
    /// Sets the metric (chainable).
    CostOptions &with_metric(Metric m) { metric = m; return *this; }
    /// Sets the Minkowski exponent (chainable).
    CostOptions &with_p(double value) { p = value; return *this; }
    /// Sets the thread count (chainable).
    CostOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }

    /// The C struct.
    otc_cost_options to_c() const {
        otc_cost_options o;
        check(otc_cost_options_default(&o), "otc_cost_options_default");
        o.metric = static_cast<std::int32_t>(metric);
        o.p = p;
        o.num_threads = num_threads;
        return o;
    }
};

/// Bytes of workspace the cost-matrix call needs for n x d and m x d clouds.
inline std::size_t cost_matrix_workspace_size(std::size_t n, std::size_t m, std::size_t d,
                                              const CostOptions &opts = CostOptions()) {
    const otc_cost_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_cost_matrix_workspace_size(n, m, d, &o, &bytes), "otc_cost_matrix_workspace_size");
    return bytes;
}

namespace detail {
inline otc_status cost_call(otc_matrix_f64 x, otc_matrix_f64 y, otc_matrix_mut_f64 out,
                            const otc_cost_options *o, void *w, std::size_t b) {
    return otc_cost_matrix_f64(x, y, out, o, w, b);
}
inline otc_status cost_call(otc_matrix_f32 x, otc_matrix_f32 y, otc_matrix_mut_f32 out,
                            const otc_cost_options *o, void *w, std::size_t b) {
    return otc_cost_matrix_f32(x, y, out, o, w, b);
}
}  // namespace detail

/// Writes the n x m cost matrix between the rows of x (n x d) and y (m x d) into `out`
/// (any strides). With a workspace, grows it if needed and runs without allocating.
template <class T>
void cost_matrix_into(View<T> x, View<T> y, MutView<T> out,
                      const CostOptions &opts = CostOptions(), Workspace *work = nullptr) {
    const otc_cost_options o = opts.to_c();
    void *w = nullptr;
    std::size_t b = 0;
    if (work != nullptr) {
        work->reserve(cost_matrix_workspace_size(x.rows, y.rows, x.cols, opts));
        w = work->data();
        b = work->bytes();
    }
    check(detail::cost_call(detail::to_c(x), detail::to_c(y), detail::to_c(out), &o, w, b),
          sizeof(T) == sizeof(float) ? "otc_cost_matrix_f32" : "otc_cost_matrix_f64");
}

/// The n x m cost matrix between the rows of x (n x d) and y (m x d), row-major.
template <class T>
Matrix<T> cost_matrix(View<T> x, View<T> y, const CostOptions &opts = CostOptions()) {
    Matrix<T> out(x.rows, y.rows);
    cost_matrix_into(x, y, out.mut_view(), opts);
    return out;
}

/// Cost matrix of two row-major clouds of dimension `d` held in vectors.
template <class T>
Matrix<T> cost_matrix(const std::vector<T> &x, const std::vector<T> &y, std::size_t d,
                      const CostOptions &opts = CostOptions()) {
    return cost_matrix(View<T>::row_major(x, d), View<T>::row_major(y, d), opts);
}

/// Cost matrix of two row-major clouds given as pointer + number of points + dimension.
template <class T>
Matrix<T> cost_matrix(const T *x, std::size_t n, const T *y, std::size_t m, std::size_t d,
                      const CostOptions &opts = CostOptions()) {
    return cost_matrix(View<T>::row_major(x, n, d), View<T>::row_major(y, m, d), opts);
}

#endif  // OTC_METRIC_SQEUCLIDEAN

// ---------------------------------------------------------------------------------------
// Shared helpers of the solver families below (compiled with otcore.h of this tree, which
// declares every family; their tests name the entry points on `requires:` lines).
// ---------------------------------------------------------------------------------------
namespace detail {
/// Grows `work` (when given) to `need` bytes; sets the pointer and size passed to the C call.
inline void use_workspace(Workspace *work, std::size_t need, void *&ptr, std::size_t &bytes) {
    ptr = nullptr;
    bytes = 0;
    if (work != nullptr) {
        work->reserve(need);
        ptr = work->data();
        bytes = work->bytes();
    }
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
template <class T>
const char *name(const char *f64, const char *f32) { return sizeof(T) == sizeof(float) ? f32 : f64; }
}  // namespace detail

// ---------------------------------------------------------------------------------------
// Exact OT (otc_emd, otc_emd_batch, otc_wasserstein_1d, otc_sliced_wasserstein)
// ---------------------------------------------------------------------------------------

/// Options of the exact solvers; starts from the library's defaults.
struct EmdOptions {
    std::uint32_t num_threads;  ///< 0: library default, 1: calling thread only
    std::uint64_t max_iter;     ///< network-simplex pivot cap
    double mass_tolerance;      ///< relative tolerance on sum(a) == sum(b)

    EmdOptions() {
        otc_emd_options o;
        check(otc_emd_options_default(&o), "otc_emd_options_default");
        num_threads = o.num_threads;
        max_iter = o.max_iter;
        mass_tolerance = o.mass_tolerance;
    }
    EmdOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }
    EmdOptions &with_max_iter(std::uint64_t n) { max_iter = n; return *this; }
    EmdOptions &with_mass_tolerance(double t) { mass_tolerance = t; return *this; }
    /// The C struct.
    otc_emd_options to_c() const {
        otc_emd_options o;
        check(otc_emd_options_default(&o), "otc_emd_options_default");
        o.num_threads = num_threads;
        o.max_iter = max_iter;
        o.mass_tolerance = mass_tolerance;
        return o;
    }
};

/// A sparse transport plan: mass[k] moves from row rows[k] to column cols[k].
struct SparsePlan {
    std::vector<std::size_t> rows;
    std::vector<std::size_t> cols;
    std::vector<double> mass;
    /// Resizes to `len` entries.
    void resize(std::size_t len) { rows.resize(len); cols.resize(len); mass.resize(len); }
};

/// The result of `emd`: optimal cost, duality gap, pivots, duals, sparse plan (and the dense
/// plan when asked for); `status` is OTC_OK or OTC_WARN_MAX_ITER.
struct EmdResult {
    otc_status status = OTC_OK;
    double cost = 0;
    double gap = 0;
    std::uint64_t iterations = 0;
    std::vector<double> f;  ///< row duals (n), centred so that a.f = b.g
    std::vector<double> g;  ///< column duals (m)
    SparsePlan plan;        ///< nnz entries
    Matrix<double> dense;   ///< n x m, only when asked for
};

/// Bytes of workspace `emd` needs for an n x m problem.
inline std::size_t emd_workspace_size(std::size_t n, std::size_t m,
                                      const EmdOptions &opts = EmdOptions()) {
    const otc_emd_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_emd_workspace_size(n, m, &o, &bytes), "otc_emd_workspace_size");
    return bytes;
}

/// Exact OT between a (n) and b (m) for the n x m cost (any strides), by the network simplex.
/// Every output pointer is optional (nullptr); the sparse plan needs room for n + m - 1
/// entries; `plan` (dense, n x m) is optional; `warm_f` (n) and `warm_g` (m), both or neither,
/// are dual potentials of a related problem to start from. Returns the C result and sets
/// `*status`.
inline otc_emd_result emd_into(const double *a, std::size_t n, const double *b, std::size_t m,
                               View<double> cost, double *f, double *g, std::size_t *plan_rows,
                               std::size_t *plan_cols, double *plan_mass, MutView<double> *plan,
                               const EmdOptions &opts = EmdOptions(), Workspace *work = nullptr,
                               otc_status *status = nullptr, const double *warm_f = nullptr,
                               const double *warm_g = nullptr) {
    const otc_emd_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? emd_workspace_size(n, m, opts) : 0, w, bytes);
    otc_matrix_mut_f64 dense{nullptr, 0, 0, 0, 0};
    if (plan != nullptr) dense = detail::to_c(*plan);
    otc_emd_result r{};
    const otc_status s = check(otc_emd(a, n, b, m, detail::to_c(cost), warm_f, warm_g, &r, f, g, plan_rows,
                                       plan_cols, plan_mass, dense, &o, w, bytes),
                               "otc_emd");
    if (status != nullptr) *status = s;
    return r;
}

/// Exact OT: cost, duals and sparse plan (and the dense plan when `dense_plan`); `warm_f`,
/// `warm_g` (both or neither; empty: cold start) are duals of a related problem to start from.
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
    EmdResult res;
    res.f.resize(n);
    res.g.resize(m);
    res.plan.resize(n + m > 0 ? n + m - 1 : 0);
    MutView<double> pv{nullptr, 0, 0, 0, 0};
    if (dense_plan) {
        res.dense = Matrix<double>(n, m);
        pv = res.dense.mut_view();
    }
    const otc_emd_result r =
        emd_into(a.data(), n, b.data(), m, cost, res.f.data(), res.g.data(),
                 res.plan.rows.data(), res.plan.cols.data(), res.plan.mass.data(),
                 dense_plan ? &pv : nullptr, opts, work, &res.status, detail::opt(warm_f),
                 detail::opt(warm_g));
    res.cost = r.cost;
    res.gap = r.gap;
    res.iterations = r.iterations;
    res.plan.resize(r.nnz);
    return res;
}

/// Exact OT on a row-major n x m cost held in a vector.
inline EmdResult emd(const std::vector<double> &a, const std::vector<double> &b,
                     const std::vector<double> &cost, const EmdOptions &opts = EmdOptions(),
                     bool dense_plan = false) {
    return emd(a, b, View<double>::row_major(cost, b.size()), opts, dense_plan);
}

/// The results of `emd_batch`: one otc_emd_result per problem, duals (k*n, k*m) and sparse
/// plans (problem l from entry l*(n+m-1), results[l].nnz entries).
struct EmdBatchResult {
    otc_status status = OTC_OK;
    std::vector<otc_emd_result> results;
    std::vector<double> f;
    std::vector<double> g;
    SparsePlan plans;
};

/// Bytes of workspace `emd_batch` needs for k problems of n x m.
inline std::size_t emd_batch_workspace_size(std::size_t n, std::size_t m, std::size_t k,
                                            const EmdOptions &opts = EmdOptions()) {
    const otc_emd_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_emd_batch_workspace_size(n, m, k, &o, &bytes), "otc_emd_batch_workspace_size");
    return bytes;
}

/// k independent exact problems of one shape n x m: weights a (k*n) and b (k*m) back to back,
/// costs[l] the cost of problem l (any strides). Problems are shared by the threads.
inline EmdBatchResult emd_batch(std::size_t n, std::size_t m, const std::vector<double> &a,
                                const std::vector<double> &b,
                                const std::vector<View<double>> &costs,
                                const EmdOptions &opts = EmdOptions(),
                                Workspace *work = nullptr) {
    const std::size_t k = costs.size();
    detail::expect_len(a.size(), k * n, "emd_batch: a");
    detail::expect_len(b.size(), k * m, "emd_batch: b");
    std::vector<otc_matrix_f64> c;
    for (const auto &v : costs) c.push_back(detail::to_c(v));
    const otc_emd_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? emd_batch_workspace_size(n, m, k, opts) : 0, w, bytes);
    EmdBatchResult res;
    res.results.resize(k);
    res.f.resize(k * n);
    res.g.resize(k * m);
    res.plans.resize(k * (n + m > 0 ? n + m - 1 : 0));
    res.status = check(otc_emd_batch(n, m, k, a.data(), b.data(), c.data(), res.results.data(),
                                     res.f.data(), res.g.data(), res.plans.rows.data(),
                                     res.plans.cols.data(), res.plans.mass.data(), &o, w, bytes),
                       "otc_emd_batch");
    return res;
}

/// Result of `wasserstein_1d`: W_p^p and the monotone plan.
struct Wasserstein1dResult {
    double cost = 0;
    SparsePlan plan;
};

/// Bytes of workspace `wasserstein_1d` needs for n and m samples.
inline std::size_t wasserstein_1d_workspace_size(std::size_t n, std::size_t m) {
    std::size_t bytes = 0;
    check(otc_wasserstein_1d_workspace_size(n, m, &bytes), "otc_wasserstein_1d_workspace_size");
    return bytes;
}

/// Exact 1-D OT between samples x (weights a) and y (weights b) for |x - y|^p, p >= 1:
/// W_p^p and the monotone plan. Samples in any order.
inline Wasserstein1dResult wasserstein_1d(const std::vector<double> &x,
                                          const std::vector<double> &a,
                                          const std::vector<double> &y,
                                          const std::vector<double> &b, double p = 1.0,
                                          const EmdOptions &opts = EmdOptions(),
                                          Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.size(), "wasserstein_1d: a");
    detail::expect_len(b.size(), y.size(), "wasserstein_1d: b");
    const std::size_t n = x.size(), m = y.size();
    const otc_emd_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? wasserstein_1d_workspace_size(n, m) : 0, w, bytes);
    Wasserstein1dResult res;
    res.plan.resize(n + m > 0 ? n + m - 1 : 0);
    std::size_t nnz = 0;
    check(otc_wasserstein_1d(x.data(), a.data(), n, y.data(), b.data(), m, p, &res.cost,
                             res.plan.rows.data(), res.plan.cols.data(), res.plan.mass.data(),
                             &nnz, &o, w, bytes),
          "otc_wasserstein_1d");
    res.plan.resize(nnz);
    return res;
}

/// Bytes of workspace `sliced_wasserstein` needs (n, m points in dimension d, k directions).
inline std::size_t sliced_wasserstein_workspace_size(std::size_t n, std::size_t m,
                                                     std::size_t d, std::size_t k,
                                                     const EmdOptions &opts = EmdOptions()) {
    const otc_emd_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_sliced_wasserstein_workspace_size(n, m, d, k, &o, &bytes),
          "otc_sliced_wasserstein_workspace_size");
    return bytes;
}

/// Sliced Wasserstein SW_p^p between clouds x (n x d, weights a) and y (m x d, weights b):
/// the mean over k directions (rows of `directions`, k x d; or, when directions.data is
/// nullptr, k random unit directions from `seed`) of the 1-D W_p^p of the projections.
inline double sliced_wasserstein(View<double> x, const std::vector<double> &a, View<double> y,
                                 const std::vector<double> &b, double p, std::size_t k,
                                 std::uint64_t seed,
                                 View<double> directions = View<double>{nullptr, 0, 0, 0, 0},
                                 const EmdOptions &opts = EmdOptions(),
                                 Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "sliced_wasserstein: a");
    detail::expect_len(b.size(), y.rows, "sliced_wasserstein: b");
    const otc_emd_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? sliced_wasserstein_workspace_size(x.rows, y.rows, x.cols, k, opts) : 0, w,
        bytes);
    double out = 0;
    check(otc_sliced_wasserstein(detail::to_c(x), a.data(), detail::to_c(y), b.data(), p, k,
                                 seed, detail::to_c(directions), &out, &o, w, bytes),
          "otc_sliced_wasserstein");
    return out;
}

// ---------------------------------------------------------------------------------------
// Entropic OT (otc_sinkhorn_*)
// ---------------------------------------------------------------------------------------

/// Options of the log-domain Sinkhorn solvers; starts from the library's defaults.
struct SinkhornOptions {
    double epsilon;            ///< regularisation, in cost units
    double rho_a;              ///< KL marginal penalty on a (infinity: balanced)
    double rho_b;              ///< KL marginal penalty on b (infinity: balanced)
    double tolerance;          ///< marginal error at which to stop
    double eps_scaling_start;  ///< first epsilon of the scaling schedule (0: automatic)
    std::uint32_t num_threads;
    std::uint32_t max_iter;
    std::uint32_t check_every;
    std::uint32_t eps_scaling_steps;
    std::uint32_t eps_scaling_iters;
    std::uint32_t symmetric;              ///< 1: symmetric (averaged) updates
    std::uint32_t compute_transport_cost; ///< 1: fill info.transport_cost
    double mass_tolerance;     ///< balanced: largest relative mass gap (b rescaled within it)

    SinkhornOptions() { from_c(defaults()); }
    SinkhornOptions &with_epsilon(double e) { epsilon = e; return *this; }
    SinkhornOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }
    SinkhornOptions &with_max_iter(std::uint32_t n) { max_iter = n; return *this; }
    SinkhornOptions &with_tolerance(double t) { tolerance = t; return *this; }
    SinkhornOptions &with_rho(double a, double b) { rho_a = a; rho_b = b; return *this; }
    /// The C struct.
    otc_sinkhorn_options to_c() const {
        otc_sinkhorn_options o = defaults();
        o.epsilon = epsilon; o.rho_a = rho_a; o.rho_b = rho_b; o.tolerance = tolerance;
        o.eps_scaling_start = eps_scaling_start; o.num_threads = num_threads;
        o.max_iter = max_iter; o.check_every = check_every;
        o.eps_scaling_steps = eps_scaling_steps; o.eps_scaling_iters = eps_scaling_iters;
        o.symmetric = symmetric; o.compute_transport_cost = compute_transport_cost;
        o.mass_tolerance = mass_tolerance;
        return o;
    }

private:
    static otc_sinkhorn_options defaults() {
        otc_sinkhorn_options o;
        check(otc_sinkhorn_options_default(&o), "otc_sinkhorn_options_default");
        return o;
    }
    void from_c(const otc_sinkhorn_options &o) {
        epsilon = o.epsilon; rho_a = o.rho_a; rho_b = o.rho_b; tolerance = o.tolerance;
        eps_scaling_start = o.eps_scaling_start; num_threads = o.num_threads;
        max_iter = o.max_iter; check_every = o.check_every;
        eps_scaling_steps = o.eps_scaling_steps; eps_scaling_iters = o.eps_scaling_iters;
        symmetric = o.symmetric; compute_transport_cost = o.compute_transport_cost;
        mass_tolerance = o.mass_tolerance;
    }
};

/// A zeroed otc_sinkhorn_info with its struct_size set.
inline otc_sinkhorn_info sinkhorn_info() {
    otc_sinkhorn_info i{};
    i.struct_size = sizeof(otc_sinkhorn_info);
    return i;
}

/// The result of `sinkhorn` / `sinkhorn_points`: potentials in cost units, the report, and the
/// plan (n x m) / barycentric map (n x d) when asked for. `status`: OTC_OK or OTC_WARN_MAX_ITER.
template <class T>
struct SinkhornResult {
    otc_status status = OTC_OK;
    otc_sinkhorn_info info = sinkhorn_info();
    std::vector<double> f;
    std::vector<double> g;
    Matrix<T> plan;
    Matrix<T> map;
};

/// Bytes of workspace the Sinkhorn calls need (d = 0 for a dense cost).
inline std::size_t sinkhorn_workspace_size(std::size_t n, std::size_t m, std::size_t d = 0,
                                           const SinkhornOptions &opts = SinkhornOptions()) {
    const otc_sinkhorn_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_sinkhorn_workspace_size(n, m, d, &o, &bytes), "otc_sinkhorn_workspace_size");
    return bytes;
}

/// Bytes of workspace the divergence calls need (d = 0 for dense costs).
inline std::size_t sinkhorn_divergence_workspace_size(
    std::size_t n, std::size_t m, std::size_t d = 0,
    const SinkhornOptions &opts = SinkhornOptions()) {
    const otc_sinkhorn_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_sinkhorn_divergence_workspace_size(n, m, d, &o, &bytes),
          "otc_sinkhorn_divergence_workspace_size");
    return bytes;
}

namespace detail {
inline otc_status sinkhorn_call(otc_matrix_f64 c, const double *a, const double *b,
                                const otc_sinkhorn_options *o, const double *f0,
                                const double *g0, double *f, double *g,
                                const otc_matrix_mut_f64 *plan, otc_sinkhorn_info *info,
                                void *w, std::size_t bytes) {
    return otc_sinkhorn_f64(c, a, b, o, f0, g0, f, g, plan, info, w, bytes);
}
inline otc_status sinkhorn_call(otc_matrix_f32 c, const float *a, const float *b,
                                const otc_sinkhorn_options *o, const double *f0,
                                const double *g0, double *f, double *g,
                                const otc_matrix_mut_f32 *plan, otc_sinkhorn_info *info,
                                void *w, std::size_t bytes) {
    return otc_sinkhorn_f32(c, a, b, o, f0, g0, f, g, plan, info, w, bytes);
}
inline otc_status sinkhorn_points_call(otc_matrix_f64 x, otc_matrix_f64 y, const double *a,
                                       const double *b, const otc_sinkhorn_options *o,
                                       const double *f0, const double *g0, double *f,
                                       double *g, const otc_matrix_mut_f64 *plan,
                                       const otc_matrix_mut_f64 *map, otc_sinkhorn_info *info,
                                       void *w, std::size_t bytes) {
    return otc_sinkhorn_points_f64(x, y, a, b, o, f0, g0, f, g, plan, map, info, w, bytes);
}
inline otc_status sinkhorn_points_call(otc_matrix_f32 x, otc_matrix_f32 y, const float *a,
                                       const float *b, const otc_sinkhorn_options *o,
                                       const double *f0, const double *g0, double *f,
                                       double *g, const otc_matrix_mut_f32 *plan,
                                       const otc_matrix_mut_f32 *map, otc_sinkhorn_info *info,
                                       void *w, std::size_t bytes) {
    return otc_sinkhorn_points_f32(x, y, a, b, o, f0, g0, f, g, plan, map, info, w, bytes);
}
inline otc_status divergence_call(otc_matrix_f64 xy, otc_matrix_f64 xx, otc_matrix_f64 yy,
                                  const double *a, const double *b,
                                  const otc_sinkhorn_options *o, double *v,
                                  otc_sinkhorn_info *infos, void *w, std::size_t bytes) {
    return otc_sinkhorn_divergence_f64(xy, xx, yy, a, b, o, v, infos, w, bytes);
}
inline otc_status divergence_call(otc_matrix_f32 xy, otc_matrix_f32 xx, otc_matrix_f32 yy,
                                  const float *a, const float *b,
                                  const otc_sinkhorn_options *o, double *v,
                                  otc_sinkhorn_info *infos, void *w, std::size_t bytes) {
    return otc_sinkhorn_divergence_f32(xy, xx, yy, a, b, o, v, infos, w, bytes);
}
inline otc_status divergence_points_call(otc_matrix_f64 x, otc_matrix_f64 y, const double *a,
                                         const double *b, const otc_sinkhorn_options *o,
                                         double *v, otc_sinkhorn_info *infos, void *w,
                                         std::size_t bytes) {
    return otc_sinkhorn_divergence_points_f64(x, y, a, b, o, v, infos, w, bytes);
}
inline otc_status divergence_points_call(otc_matrix_f32 x, otc_matrix_f32 y, const float *a,
                                         const float *b, const otc_sinkhorn_options *o,
                                         double *v, otc_sinkhorn_info *infos, void *w,
                                         std::size_t bytes) {
    return otc_sinkhorn_divergence_points_f32(x, y, a, b, o, v, infos, w, bytes);
}
}  // namespace detail

/// Entropic OT on a dense n x m cost (any strides): potentials f (n), g (m) into the given
/// pointers (each optional), the plan into `plan` (optional), the report into `*info`
/// (optional); `init_f`/`init_g` warm-start (optional). Returns OTC_OK or OTC_WARN_MAX_ITER.
template <class T>
otc_status sinkhorn_into(View<T> cost, const T *a, const T *b, double *f, double *g,
                         MutView<T> *plan = nullptr, otc_sinkhorn_info *info = nullptr,
                         const SinkhornOptions &opts = SinkhornOptions(),
                         Workspace *work = nullptr, const double *init_f = nullptr,
                         const double *init_g = nullptr) {
    const otc_sinkhorn_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? sinkhorn_workspace_size(cost.rows, cost.cols, 0, opts) : 0,
                          w, bytes);
    const auto p = plan ? detail::to_c(*plan) : decltype(detail::to_c(*plan)){};
    return check(detail::sinkhorn_call(detail::to_c(cost), a, b, &o, init_f, init_g, f, g,
                                       plan ? &p : nullptr, info, w, bytes),
                 detail::name<T>("otc_sinkhorn_f64", "otc_sinkhorn_f32"));
}

/// Entropic OT on a dense cost: potentials, report and (when `want_plan`) the plan.
template <class T>
SinkhornResult<T> sinkhorn(View<T> cost, const std::vector<T> &a, const std::vector<T> &b,
                           const SinkhornOptions &opts = SinkhornOptions(),
                           bool want_plan = true, Workspace *work = nullptr) {
    detail::expect_len(a.size(), cost.rows, "sinkhorn: a");
    detail::expect_len(b.size(), cost.cols, "sinkhorn: b");
    SinkhornResult<T> r;
    r.f.resize(a.size());
    r.g.resize(b.size());
    MutView<T> pv{nullptr, 0, 0, 0, 0};
    if (want_plan) {
        r.plan = Matrix<T>(a.size(), b.size());
        pv = r.plan.mut_view();
    }
    r.status = sinkhorn_into(cost, a.data(), b.data(), r.f.data(), r.g.data(),
                             want_plan ? &pv : nullptr, &r.info, opts, work);
    return r;
}

/// Entropic OT between clouds x (n x d) and y (m x d), squared Euclidean cost on the fly:
/// potentials, report, and the plan / barycentric map when asked for.
template <class T>
SinkhornResult<T> sinkhorn_points(View<T> x, View<T> y, const std::vector<T> &a,
                                  const std::vector<T> &b,
                                  const SinkhornOptions &opts = SinkhornOptions(),
                                  bool want_plan = false, bool want_map = false,
                                  Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "sinkhorn_points: a");
    detail::expect_len(b.size(), y.rows, "sinkhorn_points: b");
    const otc_sinkhorn_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? sinkhorn_workspace_size(x.rows, y.rows, x.cols, opts) : 0,
                          w, bytes);
    SinkhornResult<T> r;
    r.f.resize(x.rows);
    r.g.resize(y.rows);
    if (want_plan) r.plan = Matrix<T>(x.rows, y.rows);
    if (want_map) r.map = Matrix<T>(x.rows, x.cols);
    const auto p = detail::to_c(r.plan.mut_view());
    const auto mp = detail::to_c(r.map.mut_view());
    r.status = check(detail::sinkhorn_points_call(detail::to_c(x), detail::to_c(y), a.data(),
                                                  b.data(), &o, nullptr, nullptr, r.f.data(),
                                                  r.g.data(), want_plan ? &p : nullptr,
                                                  want_map ? &mp : nullptr, &r.info, w, bytes),
                     detail::name<T>("otc_sinkhorn_points_f64", "otc_sinkhorn_points_f32"));
    return r;
}

/// The Sinkhorn divergence and the reports of its three solves (xy, xx, yy).
struct DivergenceResult {
    otc_status status = OTC_OK;
    double value = 0;
    std::array<otc_sinkhorn_info, 3> infos{{sinkhorn_info(), sinkhorn_info(), sinkhorn_info()}};
};

/// S(a,b) = OT(a,b) - OT(a,a)/2 - OT(b,b)/2 from the dense costs C(x,y), C(x,x), C(y,y).
template <class T>
DivergenceResult sinkhorn_divergence(View<T> cost_xy, View<T> cost_xx, View<T> cost_yy,
                                     const std::vector<T> &a, const std::vector<T> &b,
                                     const SinkhornOptions &opts = SinkhornOptions(),
                                     Workspace *work = nullptr) {
    detail::expect_len(a.size(), cost_xy.rows, "sinkhorn_divergence: a");
    detail::expect_len(b.size(), cost_xy.cols, "sinkhorn_divergence: b");
    const otc_sinkhorn_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? sinkhorn_divergence_workspace_size(a.size(), b.size(), 0, opts) : 0, w,
        bytes);
    DivergenceResult r;
    r.status = check(detail::divergence_call(detail::to_c(cost_xy), detail::to_c(cost_xx),
                                             detail::to_c(cost_yy), a.data(), b.data(), &o,
                                             &r.value, r.infos.data(), w, bytes),
                     detail::name<T>("otc_sinkhorn_divergence_f64", "otc_sinkhorn_divergence_f32"));
    return r;
}

/// The Sinkhorn divergence between clouds x (n x d) and y (m x d), squared Euclidean cost.
template <class T>
DivergenceResult sinkhorn_divergence_points(View<T> x, View<T> y, const std::vector<T> &a,
                                            const std::vector<T> &b,
                                            const SinkhornOptions &opts = SinkhornOptions(),
                                            Workspace *work = nullptr) {
    detail::expect_len(a.size(), x.rows, "sinkhorn_divergence_points: a");
    detail::expect_len(b.size(), y.rows, "sinkhorn_divergence_points: b");
    const otc_sinkhorn_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? sinkhorn_divergence_workspace_size(x.rows, y.rows, x.cols, opts) : 0, w,
        bytes);
    DivergenceResult r;
    r.status = check(detail::divergence_points_call(detail::to_c(x), detail::to_c(y), a.data(),
                                                    b.data(), &o, &r.value, r.infos.data(), w,
                                                    bytes),
                     detail::name<T>("otc_sinkhorn_divergence_points_f64",
                                     "otc_sinkhorn_divergence_points_f32"));
    return r;
}

// ---------------------------------------------------------------------------------------
// Row-partitioned Sinkhorn (otc_sinkhorn_block_*, otc_lse_pair_merge): for callers that split
// the rows of one problem over processes (MPI ranks). Per iteration each process calls
// sinkhorn_block_step[_points] on its rows, the pairs of all blocks are merged in a fixed
// order (lse_pair_merge), and every process computes g with sinkhorn_block_column_update.
// ---------------------------------------------------------------------------------------

/// A partial log-sum-exp {max, sum} of one column over some rows ({-inf, 0} is empty).
using LsePair = otc_lse_pair;

/// Bytes of workspace a block step needs for `rows` rows, m columns, dimension d (0 dense).
inline std::size_t sinkhorn_block_workspace_size(std::size_t rows, std::size_t m,
                                                 std::size_t d = 0,
                                                 const SinkhornOptions &opts = SinkhornOptions()) {
    const otc_sinkhorn_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_sinkhorn_block_workspace_size(rows, m, d, &o, &bytes),
          "otc_sinkhorn_block_workspace_size");
    return bytes;
}

namespace detail {
inline otc_status block_step_call(otc_matrix_f64 c, const double *a, const double *b,
                                  const double *g, const otc_sinkhorn_options *o, double *f,
                                  otc_lse_pair *pairs, double *err, void *w, std::size_t bytes) {
    return otc_sinkhorn_block_step_f64(c, a, b, g, o, f, pairs, err, w, bytes);
}
inline otc_status block_step_call(otc_matrix_f32 c, const float *a, const float *b,
                                  const double *g, const otc_sinkhorn_options *o, double *f,
                                  otc_lse_pair *pairs, double *err, void *w, std::size_t bytes) {
    return otc_sinkhorn_block_step_f32(c, a, b, g, o, f, pairs, err, w, bytes);
}
inline otc_status block_step_points_call(otc_matrix_f64 x, otc_matrix_f64 y, const double *a,
                                         const double *b, const double *g,
                                         const otc_sinkhorn_options *o, double *f,
                                         otc_lse_pair *pairs, double *err, void *w,
                                         std::size_t bytes) {
    return otc_sinkhorn_block_step_points_f64(x, y, a, b, g, o, f, pairs, err, w, bytes);
}
inline otc_status block_step_points_call(otc_matrix_f32 x, otc_matrix_f32 y, const float *a,
                                         const float *b, const double *g,
                                         const otc_sinkhorn_options *o, double *f,
                                         otc_lse_pair *pairs, double *err, void *w,
                                         std::size_t bytes) {
    return otc_sinkhorn_block_step_points_f32(x, y, a, b, g, o, f, pairs, err, w, bytes);
}
}  // namespace detail

/// One block's share of an alternating iteration on a dense block (rows x m, any strides):
/// updates `f_block` (rows; on entry the current potentials) from g (m), writes the block's
/// column pairs into `pairs` (m; nullptr: row update only), and returns the block's part of the
/// marginal error of the potentials on entry. Uses epsilon, rho_a, num_threads of `opts`.
template <class T>
double sinkhorn_block_step(View<T> cost_block, const T *a_block, const T *b, const double *g,
                           double *f_block, LsePair *pairs,
                           const SinkhornOptions &opts = SinkhornOptions(),
                           Workspace *work = nullptr) {
    const otc_sinkhorn_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? sinkhorn_block_workspace_size(cost_block.rows, cost_block.cols, 0, opts) : 0,
        w, bytes);
    double err = 0;
    check(detail::block_step_call(detail::to_c(cost_block), a_block, b, g, &o, f_block, pairs,
                                  &err, w, bytes),
          detail::name<T>("otc_sinkhorn_block_step_f64", "otc_sinkhorn_block_step_f32"));
    return err;
}

/// sinkhorn_block_step for the block's source points x_block (rows x d) against all targets
/// y (m x d), squared Euclidean cost on the fly.
template <class T>
double sinkhorn_block_step_points(View<T> x_block, View<T> y, const T *a_block, const T *b,
                                  const double *g, double *f_block, LsePair *pairs,
                                  const SinkhornOptions &opts = SinkhornOptions(),
                                  Workspace *work = nullptr) {
    const otc_sinkhorn_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? sinkhorn_block_workspace_size(x_block.rows, y.rows, x_block.cols, opts) : 0,
        w, bytes);
    double err = 0;
    check(detail::block_step_points_call(detail::to_c(x_block), detail::to_c(y), a_block, b, g,
                                         &o, f_block, pairs, &err, w, bytes),
          detail::name<T>("otc_sinkhorn_block_step_points_f64",
                          "otc_sinkhorn_block_step_points_f32"));
    return err;
}

/// acc[j] = acc[j] merged with other[j] (commutative bit for bit; fold in a fixed order).
inline void lse_pair_merge(std::vector<LsePair> &acc, const std::vector<LsePair> &other) {
    detail::expect_len(other.size(), acc.size(), "lse_pair_merge: other");
    check(otc_lse_pair_merge(acc.data(), other.data(), acc.size()), "otc_lse_pair_merge");
}

/// g_j = -kappa_b eps log(pair_j) from the pairs of all blocks combined (g resized to m).
inline void sinkhorn_block_column_update(const std::vector<LsePair> &pairs,
                                         std::vector<double> &g,
                                         const SinkhornOptions &opts = SinkhornOptions()) {
    const otc_sinkhorn_options o = opts.to_c();
    g.resize(pairs.size());
    check(otc_sinkhorn_block_column_update(pairs.data(), pairs.size(), &o, g.data()),
          "otc_sinkhorn_block_column_update");
}

// ---------------------------------------------------------------------------------------
// Gaussian OT (ABI 1: otc_bures_*, otc_gaussian_*, otc_psd_sqrt_*)
// ---------------------------------------------------------------------------------------

/// Options of one Gaussian operation: the C struct itself (`c`, every field reachable),
/// filled with the library's defaults.
template <class O, otc_status (*Fill)(O *)>
struct GaussianOptionsOf {
    O c;  ///< the C options struct
    GaussianOptionsOf() { check(Fill(&c), "otc_*_options_default"); }
    GaussianOptionsOf &with_threads(std::uint32_t n) { c.num_threads = n; return *this; }
};
using BuresOptions = GaussianOptionsOf<otc_bures_options, otc_bures_options_default>;
using GaussianW2Options = GaussianOptionsOf<otc_gaussian_w2_options, otc_gaussian_w2_options_default>;
using GaussianEntropicW2Options =
    GaussianOptionsOf<otc_gaussian_entropic_w2_options, otc_gaussian_entropic_w2_options_default>;
using GaussianW2PairwiseOptions =
    GaussianOptionsOf<otc_gaussian_w2_pairwise_options, otc_gaussian_w2_pairwise_options_default>;
using GaussianMapOptions = GaussianOptionsOf<otc_gaussian_map_options, otc_gaussian_map_options_default>;
using GaussianMapApplyOptions =
    GaussianOptionsOf<otc_gaussian_map_apply_options, otc_gaussian_map_apply_options_default>;
using GaussianGeodesicOptions =
    GaussianOptionsOf<otc_gaussian_geodesic_options, otc_gaussian_geodesic_options_default>;
using GaussianBarycenterOptions =
    GaussianOptionsOf<otc_gaussian_barycenter_options, otc_gaussian_barycenter_options_default>;
using GaussianMomentsOptions =
    GaussianOptionsOf<otc_gaussian_moments_options, otc_gaussian_moments_options_default>;
using PsdSqrtOptions = GaussianOptionsOf<otc_psd_sqrt_options, otc_psd_sqrt_options_default>;

namespace detail {
/// A zeroed ABI 1 problem or outputs struct with its `struct_size` set.
template <class S>
S gaussian_struct() {
    S s{};
    s.struct_size = sizeof s;
    return s;
}
/// Runs an ABI 1 Gaussian call on `work` (grown to what the size query asks) or, without
/// one, on a workspace the library allocates. Returns OTC_OK or a warning; throws on errors.
template <class P, class R, class O>
otc_status gaussian_call(otc_status (*size)(const P *, const O *, std::size_t *),
                         otc_status (*call)(const P *, R *, const O *, otc_workspace),
                         const P &p, R &r, const O &o, Workspace *work, const char *name) {
    otc_workspace w{nullptr, 0};
    if (work != nullptr) {
        std::size_t need = 0;
        check(size(&p, &o, &need), name);
        work->reserve(need);
        w.data = work->data();
        w.bytes = work->bytes();
    }
    return check(call(&p, &r, &o, w), name);
}
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
    auto p = detail::gaussian_struct<otc_bures_problem_f64>();
    auto r = detail::gaussian_struct<otc_bures_outputs_f64>();
    p.sigma1 = detail::to_c(sigma1);
    p.sigma2 = detail::to_c(sigma2);
    detail::gaussian_call(otc_bures_workspace_size_f64, otc_bures_f64, p, r, opts.c, work,
                          "otc_bures_f64");
    return r.bures_squared;
}

/// Squared W2 distance between N(m1, S1) and N(m2, S2) (otc_gaussian_w2_f64).
inline double gaussian_w2(const std::vector<double> &m1, View<double> sigma1,
                          const std::vector<double> &m2, View<double> sigma2,
                          const GaussianW2Options &opts = GaussianW2Options(),
                          Workspace *work = nullptr) {
    detail::expect_len(m1.size(), sigma1.rows, "gaussian_w2: m1");
    detail::expect_len(m2.size(), sigma1.rows, "gaussian_w2: m2");
    auto p = detail::gaussian_struct<otc_gaussian_w2_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_w2_outputs_f64>();
    p.m1 = m1.data();
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = m2.data();
    p.sigma2 = detail::to_c(sigma2);
    detail::gaussian_call(otc_gaussian_w2_workspace_size_f64, otc_gaussian_w2_f64, p, r, opts.c,
                          work, "otc_gaussian_w2_f64");
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
    auto p = detail::gaussian_struct<otc_gaussian_entropic_w2_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_entropic_w2_outputs_f64>();
    p.m1 = m1.data();
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = m2.data();
    p.sigma2 = detail::to_c(sigma2);
    p.epsilon = epsilon;
    detail::gaussian_call(otc_gaussian_entropic_w2_workspace_size_f64, otc_gaussian_entropic_w2_f64,
                          p, r, opts.c, work, "otc_gaussian_entropic_w2_f64");
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
    auto p = detail::gaussian_struct<otc_gaussian_w2_pairwise_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_w2_pairwise_outputs_f64>();
    p.means1 = detail::to_c(means1);
    p.covs1 = c1.data();
    p.means2 = detail::to_c(means2);
    p.covs2 = c2.data();
    Matrix<double> out(means1.rows, means2.rows);
    r.w2_squared = detail::to_c(out.mut_view());
    detail::gaussian_call(otc_gaussian_w2_pairwise_workspace_size_f64, otc_gaussian_w2_pairwise_f64,
                          p, r, opts.c, work, "otc_gaussian_w2_pairwise_f64");
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
    auto p = detail::gaussian_struct<otc_gaussian_map_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_map_outputs_f64>();
    p.m1 = detail::opt(m1);
    p.sigma1 = detail::to_c(sigma1);
    p.m2 = detail::opt(m2);
    p.sigma2 = detail::to_c(sigma2);
    AffineMap t;
    t.a = Matrix<double>(d, d);
    t.b.resize(d);
    r.a = detail::to_c(t.a.mut_view());
    r.b = t.b.data();
    t.status = detail::gaussian_call(otc_gaussian_map_workspace_size_f64, otc_gaussian_map_f64, p, r,
                                     opts.c, work, "otc_gaussian_map_f64");
    t.rank = r.rank;
    return t;
}

/// Applies x -> A x + b to the rows of x (n x d); b empty means 0 (otc_gaussian_map_apply_f64).
inline Matrix<double> gaussian_map_apply(View<double> a, const std::vector<double> &b,
                                         View<double> x,
                                         const GaussianMapApplyOptions &opts = GaussianMapApplyOptions(),
                                         Workspace *work = nullptr) {
    if (!b.empty()) detail::expect_len(b.size(), a.rows, "gaussian_map_apply: b");
    auto p = detail::gaussian_struct<otc_gaussian_map_apply_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_map_apply_outputs_f64>();
    p.a = detail::to_c(a);
    p.b = detail::opt(b);
    p.x = detail::to_c(x);
    Matrix<double> y(x.rows, x.cols);
    r.y = detail::to_c(y.mut_view());
    detail::gaussian_call(otc_gaussian_map_apply_workspace_size_f64, otc_gaussian_map_apply_f64, p,
                          r, opts.c, work, "otc_gaussian_map_apply_f64");
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
    auto p = detail::gaussian_struct<otc_gaussian_geodesic_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_geodesic_outputs_f64>();
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
    g.status = detail::gaussian_call(otc_gaussian_geodesic_workspace_size_f64,
                                     otc_gaussian_geodesic_f64, p, r, opts.c, work,
                                     "otc_gaussian_geodesic_f64");
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
    auto p = detail::gaussian_struct<otc_gaussian_barycenter_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_barycenter_outputs_f64>();
    p.means = detail::to_c(means);
    p.covs = c.data();
    p.weights = detail::opt(weights);
    Gaussian g;
    g.mean.resize(d);
    g.cov = Matrix<double>(d, d);
    r.mean = g.mean.data();
    r.cov = detail::to_c(g.cov.mut_view());
    g.status = detail::gaussian_call(otc_gaussian_barycenter_workspace_size_f64,
                                     otc_gaussian_barycenter_f64, p, r, opts.c, work,
                                     "otc_gaussian_barycenter_f64");
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
    auto p = detail::gaussian_struct<otc_gaussian_moments_problem_f64>();
    auto r = detail::gaussian_struct<otc_gaussian_moments_outputs_f64>();
    p.x = detail::to_c(x);
    p.weights = detail::opt(weights);
    Gaussian g;
    g.mean.resize(x.cols);
    g.cov = Matrix<double>(x.cols, x.cols);
    r.mean = g.mean.data();
    r.cov = detail::to_c(g.cov.mut_view());
    g.status = detail::gaussian_call(otc_gaussian_moments_workspace_size_f64,
                                     otc_gaussian_moments_f64, p, r, opts.c, work,
                                     "otc_gaussian_moments_f64");
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
    auto p = detail::gaussian_struct<otc_psd_sqrt_problem_f64>();
    auto r = detail::gaussian_struct<otc_psd_sqrt_outputs_f64>();
    p.a = detail::to_c(a);
    PsdSqrt s;
    s.sqrt = Matrix<double>(a.rows, a.rows);
    s.inv_sqrt = Matrix<double>(a.rows, a.rows);
    r.sqrt = detail::to_c(s.sqrt.mut_view());
    r.inv_sqrt = detail::to_c(s.inv_sqrt.mut_view());
    s.status = detail::gaussian_call(otc_psd_sqrt_workspace_size_f64, otc_psd_sqrt_f64, p, r,
                                     opts.c, work, "otc_psd_sqrt_f64");
    s.rank = r.rank;
    return s;
}

// ---------------------------------------------------------------------------------------
// Semi-discrete OT (otc_laguerre_*, otc_semidiscrete_*, otc_lloyd_*)
// ---------------------------------------------------------------------------------------

/// Options of the Laguerre assignment and Lloyd; starts from the library's defaults.
struct LaguerreOptions {
    std::uint32_t num_threads;
    LaguerreOptions() {
        otc_laguerre_options o;
        check(otc_laguerre_options_default(&o), "otc_laguerre_options_default");
        num_threads = o.num_threads;
    }
    LaguerreOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }
    /// The C struct.
    otc_laguerre_options to_c() const {
        otc_laguerre_options o;
        check(otc_laguerre_options_default(&o), "otc_laguerre_options_default");
        o.num_threads = num_threads;
        return o;
    }
};

/// Bytes of workspace the Laguerre assignment needs for n sites in dimension d.
inline std::size_t laguerre_workspace_size(std::size_t n_sites, std::size_t dim,
                                           const LaguerreOptions &opts = LaguerreOptions()) {
    const otc_laguerre_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_laguerre_workspace_size(n_sites, dim, &o, &bytes), "otc_laguerre_workspace_size");
    return bytes;
}

/// Laguerre cells: cells[i] = argmin_j |x_i - y_j|^2 - g_j; masses[j] the weight of cell j.
struct LaguerreResult {
    std::vector<std::uint32_t> cells;
    std::vector<double> masses;
};

namespace detail {
inline otc_status laguerre_call(otc_matrix_f64 p, const double *pw, otc_matrix_f64 s,
                                const double *g, const otc_laguerre_options *o,
                                std::uint32_t *cells, double *masses, void *w, std::size_t b) {
    return otc_laguerre_assign_f64(p, pw, s, g, o, cells, masses, w, b);
}
inline otc_status laguerre_call(otc_matrix_f32 p, const float *pw, otc_matrix_f32 s,
                                const float *g, const otc_laguerre_options *o,
                                std::uint32_t *cells, double *masses, void *w, std::size_t b) {
    return otc_laguerre_assign_f32(p, pw, s, g, o, cells, masses, w, b);
}
}  // namespace detail

/// The Laguerre (power) cell of every point (N x d) for sites (n x d) with weights g (n);
/// point weights empty: 1/N each.
template <class T>
LaguerreResult laguerre_assign(View<T> points, View<T> sites, const std::vector<T> &g,
                               const std::vector<T> &point_weights = {},
                               const LaguerreOptions &opts = LaguerreOptions(),
                               Workspace *work = nullptr) {
    detail::expect_len(g.size(), sites.rows, "laguerre_assign: g");
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows, "laguerre_assign: point_weights");
    const otc_laguerre_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? laguerre_workspace_size(sites.rows, sites.cols, opts) : 0,
                          w, bytes);
    LaguerreResult r;
    r.cells.resize(points.rows);
    r.masses.resize(sites.rows);
    check(detail::laguerre_call(detail::to_c(points), detail::opt(point_weights),
                                detail::to_c(sites), g.data(), &o, r.cells.data(),
                                r.masses.data(), w, bytes),
          detail::name<T>("otc_laguerre_assign_f64", "otc_laguerre_assign_f32"));
    return r;
}

/// Solver of the semi-discrete problem.
enum class SemidiscreteMethod : std::int32_t {
    Newton = OTC_SEMIDISCRETE_NEWTON,
    Gradient = OTC_SEMIDISCRETE_GRADIENT,
};

/// Options of `semidiscrete`; starts from the library's defaults.
struct SemidiscreteOptions {
    std::uint32_t num_threads;
    SemidiscreteMethod method;
    std::int32_t max_iter;
    double tol;      ///< largest cell-mass error accepted
    double step;     ///< gradient step (Gradient)
    double epsilon;  ///< smoothing (see the Rust docs of `semidiscrete`)

    SemidiscreteOptions() {
        const otc_semidiscrete_options o = defaults();
        num_threads = o.num_threads; method = static_cast<SemidiscreteMethod>(o.method);
        max_iter = o.max_iter; tol = o.tol; step = o.step; epsilon = o.epsilon;
    }
    SemidiscreteOptions &with_method(SemidiscreteMethod m) { method = m; return *this; }
    SemidiscreteOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }
    SemidiscreteOptions &with_tol(double t) { tol = t; return *this; }
    /// The C struct.
    otc_semidiscrete_options to_c() const {
        otc_semidiscrete_options o = defaults();
        o.num_threads = num_threads; o.method = static_cast<std::int32_t>(method);
        o.max_iter = max_iter; o.tol = tol; o.step = step; o.epsilon = epsilon;
        return o;
    }

private:
    static otc_semidiscrete_options defaults() {
        otc_semidiscrete_options o;
        check(otc_semidiscrete_options_default(&o), "otc_semidiscrete_options_default");
        return o;
    }
};

/// Bytes of workspace `semidiscrete` needs (N samples, n sites, dimension d).
inline std::size_t semidiscrete_workspace_size(
    std::size_t n_points, std::size_t n_sites, std::size_t dim,
    const SemidiscreteOptions &opts = SemidiscreteOptions()) {
    const otc_semidiscrete_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_semidiscrete_workspace_size(n_points, n_sites, dim, &o, &bytes),
          "otc_semidiscrete_workspace_size");
    return bytes;
}

/// The dual weights g (zero mean, in the precision of the inputs), the cell masses and the
/// report of `semidiscrete`; status OTC_OK or OTC_WARN_MAX_ITER (last iterate).
template <class T>
struct SemidiscreteResultOf {
    otc_status status = OTC_OK;
    std::vector<T> g;
    std::vector<double> masses;
    otc_semidiscrete_info info{};
};
using SemidiscreteResult = SemidiscreteResultOf<double>;

namespace detail {
inline otc_status semidiscrete_call(otc_matrix_f64 p, const double *pw, otc_matrix_f64 s,
                                    const double *b, const otc_semidiscrete_options *o,
                                    double *g, double *m, otc_semidiscrete_info *i, void *w,
                                    std::size_t bytes) {
    return otc_semidiscrete_f64(p, pw, s, b, o, g, m, i, w, bytes);
}
inline otc_status semidiscrete_call(otc_matrix_f32 p, const float *pw, otc_matrix_f32 s,
                                    const float *b, const otc_semidiscrete_options *o, float *g,
                                    double *m, otc_semidiscrete_info *i, void *w,
                                    std::size_t bytes) {
    return otc_semidiscrete_f32(p, pw, s, b, o, g, m, i, w, bytes);
}
}  // namespace detail

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
    const otc_semidiscrete_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? semidiscrete_workspace_size(points.rows, sites.rows, sites.cols, opts) : 0,
        w, bytes);
    SemidiscreteResultOf<T> r;
    r.g = g0.empty() ? std::vector<T>(sites.rows, T(0)) : g0;
    detail::expect_len(r.g.size(), sites.rows, "semidiscrete: g0");
    r.masses.resize(sites.rows);
    r.status = check(detail::semidiscrete_call(detail::to_c(points), detail::opt(point_weights),
                                               detail::to_c(sites), b.data(), &o, r.g.data(),
                                               r.masses.data(), &r.info, w, bytes),
                     detail::name<T>("otc_semidiscrete_f64", "otc_semidiscrete_f32"));
    return r;
}

/// Options of `semidiscrete_sgd`; starts from the library's defaults.
struct SgdOptions {
    std::uint32_t num_threads;
    std::int32_t iterations;
    std::int32_t batch;
    double step;
    SgdOptions() {
        const otc_sgd_options o = defaults();
        num_threads = o.num_threads; iterations = o.iterations; batch = o.batch; step = o.step;
    }
    SgdOptions &with_iterations(std::int32_t n) { iterations = n; return *this; }
    SgdOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }
    /// The C struct.
    otc_sgd_options to_c() const {
        otc_sgd_options o = defaults();
        o.num_threads = num_threads; o.iterations = iterations; o.batch = batch; o.step = step;
        return o;
    }

private:
    static otc_sgd_options defaults() {
        otc_sgd_options o;
        check(otc_sgd_options_default(&o), "otc_sgd_options_default");
        return o;
    }
};

/// Bytes of workspace `semidiscrete_sgd` needs for n sites in dimension d.
inline std::size_t semidiscrete_sgd_workspace_size(std::size_t n_sites, std::size_t dim,
                                                   const SgdOptions &opts = SgdOptions()) {
    const otc_sgd_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_semidiscrete_sgd_workspace_size(n_sites, dim, &o, &bytes),
          "otc_semidiscrete_sgd_workspace_size");
    return bytes;
}

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
inline otc_status sgd_call(SamplerBox<double> *box, otc_matrix_f64 s, const double *b,
                           const otc_sgd_options *o, double *g, void *w, std::size_t bytes) {
    return otc_semidiscrete_sgd_f64(&sampler_trampoline, box, s, b, o, g, w, bytes);
}
inline otc_status sgd_call(SamplerBox<float> *box, otc_matrix_f32 s, const float *b,
                           const otc_sgd_options *o, float *g, void *w, std::size_t bytes) {
    return otc_semidiscrete_sgd_f32(&sampler_trampoline_f32, box, s, b, o, g, w, bytes);
}
template <class T>
struct same { using type = T; };
}  // namespace detail

/// Averaged SGD for semi-discrete OT from the samples `sample` streams to sites (n x d) with
/// weights b (sum 1); returns the averaged dual weights g (zero mean). T = double or float
/// (otc_semidiscrete_sgd_f64 / _f32).
template <class T>
std::vector<T> semidiscrete_sgd(const typename detail::same<SamplerOf<T>>::type &sample,
                                View<T> sites, const std::vector<T> &b,
                                const SgdOptions &opts = SgdOptions(), Workspace *work = nullptr) {
    detail::expect_len(b.size(), sites.rows, "semidiscrete_sgd: b");
    const otc_sgd_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? semidiscrete_sgd_workspace_size(sites.rows, sites.cols, opts) : 0, w, bytes);
    std::vector<T> g(sites.rows);
    detail::SamplerBox<T> box{&sample, nullptr};
    const otc_status s = detail::sgd_call(&box, detail::to_c(sites), b.data(), &o, g.data(), w,
                                          bytes);
    if (box.error) std::rethrow_exception(box.error);
    check(s, detail::name<T>("otc_semidiscrete_sgd_f64", "otc_semidiscrete_sgd_f32"));
    return g;
}

/// Bytes of workspace `semidiscrete_sgd_samples` needs (N samples, n sites, dimension d).
inline std::size_t semidiscrete_sgd_samples_workspace_size(std::size_t n_points,
                                                           std::size_t n_sites, std::size_t dim,
                                                           const SgdOptions &opts = SgdOptions()) {
    const otc_sgd_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_semidiscrete_sgd_samples_workspace_size(n_points, n_sites, dim, &o, &bytes),
          "otc_semidiscrete_sgd_samples_workspace_size");
    return bytes;
}

namespace detail {
inline otc_status sgd_samples_call(otc_matrix_f64 p, const double *pw, otc_matrix_f64 s,
                                   const double *b, std::uint64_t seed, const otc_sgd_options *o,
                                   double *g, void *w, std::size_t bytes) {
    return otc_semidiscrete_sgd_samples_f64(p, pw, s, b, seed, o, g, w, bytes);
}
inline otc_status sgd_samples_call(otc_matrix_f32 p, const float *pw, otc_matrix_f32 s,
                                   const float *b, std::uint64_t seed, const otc_sgd_options *o,
                                   float *g, void *w, std::size_t bytes) {
    return otc_semidiscrete_sgd_samples_f32(p, pw, s, b, seed, o, g, w, bytes);
}
}  // namespace detail

/// Averaged SGD drawing its batches from the rows of `points` (N x d) with probabilities
/// `point_weights` (empty: uniform) from a stream seeded by `seed`, to sites (n x d) with
/// weights b (sum 1); returns g (zero mean). The same seed gives the same g for every thread
/// count. T = double or float (otc_semidiscrete_sgd_samples_f64 / _f32).
template <class T>
std::vector<T> semidiscrete_sgd_samples(View<T> points, View<T> sites, const std::vector<T> &b,
                                        std::uint64_t seed,
                                        const std::vector<T> &point_weights = {},
                                        const SgdOptions &opts = SgdOptions(),
                                        Workspace *work = nullptr) {
    detail::expect_len(b.size(), sites.rows, "semidiscrete_sgd_samples: b");
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows,
                           "semidiscrete_sgd_samples: point_weights");
    const otc_sgd_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work,
                          work ? semidiscrete_sgd_samples_workspace_size(points.rows, sites.rows,
                                                                         sites.cols, opts)
                               : 0,
                          w, bytes);
    std::vector<T> g(sites.rows);
    check(detail::sgd_samples_call(detail::to_c(points), detail::opt(point_weights),
                                   detail::to_c(sites), b.data(), seed, &o, g.data(), w, bytes),
          detail::name<T>("otc_semidiscrete_sgd_samples_f64", "otc_semidiscrete_sgd_samples_f32"));
    return g;
}

/// Bytes of workspace `lloyd` needs (N samples, n sites, dimension d).
inline std::size_t lloyd_workspace_size(std::size_t n_points, std::size_t n_sites,
                                        std::size_t dim,
                                        const LaguerreOptions &opts = LaguerreOptions()) {
    const otc_laguerre_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_lloyd_workspace_size(n_points, n_sites, dim, &o, &bytes), "otc_lloyd_workspace_size");
    return bytes;
}

/// Result of `lloyd`: the final distortion; status OTC_OK or OTC_WARN_MAX_ITER.
struct LloydResult {
    otc_status status = OTC_OK;
    double distortion = 0;
};

namespace detail {
inline otc_status lloyd_call(otc_matrix_f64 p, const double *pw, otc_matrix_mut_f64 s,
                             std::int32_t max_iter, double tol, const otc_laguerre_options *o,
                             double *dist, void *w, std::size_t bytes) {
    return otc_lloyd_f64(p, pw, s, max_iter, tol, o, dist, w, bytes);
}
inline otc_status lloyd_call(otc_matrix_f32 p, const float *pw, otc_matrix_mut_f32 s,
                             std::int32_t max_iter, double tol, const otc_laguerre_options *o,
                             double *dist, void *w, std::size_t bytes) {
    return otc_lloyd_f32(p, pw, s, max_iter, tol, o, dist, w, bytes);
}
}  // namespace detail

/// Lloyd iterations moving `sites` (n x d, in place) to the barycenters of their Voronoi cells
/// among `points` (weights empty: uniform), at most max_iter times or until no site moves
/// more than tol. T = double or float (otc_lloyd_f64 / _f32).
template <class T>
LloydResult lloyd(View<T> points, MutView<T> sites, std::int32_t max_iter, double tol,
                  const std::vector<T> &point_weights = {},
                  const LaguerreOptions &opts = LaguerreOptions(), Workspace *work = nullptr) {
    if (!point_weights.empty())
        detail::expect_len(point_weights.size(), points.rows, "lloyd: point_weights");
    const otc_laguerre_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? lloyd_workspace_size(points.rows, sites.rows, sites.cols, opts) : 0, w,
        bytes);
    LloydResult r;
    r.status = check(detail::lloyd_call(detail::to_c(points), detail::opt(point_weights),
                                        detail::to_c(sites), max_iter, tol, &o, &r.distortion,
                                        w, bytes),
                     detail::name<T>("otc_lloyd_f64", "otc_lloyd_f32"));
    return r;
}

// ---------------------------------------------------------------------------------------
// Entropic barycenters (otc_barycenter_*, otc_convolutional_barycenter_*)
// ---------------------------------------------------------------------------------------

/// Options of the barycenter solvers; starts from the library's defaults.
struct BarycenterOptions {
    std::uint32_t num_threads;
    std::int32_t max_iter;
    double epsilon;
    double tol;
    BarycenterOptions() {
        const otc_barycenter_options o = defaults();
        num_threads = o.num_threads; max_iter = o.max_iter; epsilon = o.epsilon; tol = o.tol;
    }
    BarycenterOptions &with_epsilon(double e) { epsilon = e; return *this; }
    BarycenterOptions &with_threads(std::uint32_t n) { num_threads = n; return *this; }
    BarycenterOptions &with_max_iter(std::int32_t n) { max_iter = n; return *this; }
    /// The C struct.
    otc_barycenter_options to_c() const {
        otc_barycenter_options o = defaults();
        o.num_threads = num_threads; o.max_iter = max_iter; o.epsilon = epsilon; o.tol = tol;
        return o;
    }

private:
    static otc_barycenter_options defaults() {
        otc_barycenter_options o;
        check(otc_barycenter_options_default(&o), "otc_barycenter_options_default");
        return o;
    }
};

/// A barycenter histogram (double or float) and the iterations made; status OTC_OK or
/// OTC_WARN_MAX_ITER.
template <typename T>
struct BarycenterResultT {
    otc_status status = OTC_OK;
    std::vector<T> hist;
    std::uint64_t iterations = 0;
};
/// The double-precision barycenter result.
using BarycenterResult = BarycenterResultT<double>;

namespace detail {
inline otc_status barycenter_call(otc_matrix_f64 a, otc_matrix_f64 c, const double *wt,
                                  const otc_barycenter_options *o, double *out,
                                  std::uint64_t *it, void *w, std::size_t bytes) {
    return otc_barycenter_f64(a, c, wt, o, out, it, w, bytes);
}
inline otc_status barycenter_call(otc_matrix_f32 a, otc_matrix_f32 c, const float *wt,
                                  const otc_barycenter_options *o, float *out,
                                  std::uint64_t *it, void *w, std::size_t bytes) {
    return otc_barycenter_f32(a, c, wt, o, out, it, w, bytes);
}
inline otc_status conv_barycenter_call(otc_matrix_f64 a, std::size_t h, std::size_t wd,
                                       const double *wt, const otc_barycenter_options *o,
                                       double *out, std::uint64_t *it, void *w,
                                       std::size_t bytes) {
    return otc_convolutional_barycenter_f64(a, h, wd, wt, o, out, it, w, bytes);
}
inline otc_status conv_barycenter_call(otc_matrix_f32 a, std::size_t h, std::size_t wd,
                                       const float *wt, const otc_barycenter_options *o,
                                       float *out, std::uint64_t *it, void *w,
                                       std::size_t bytes) {
    return otc_convolutional_barycenter_f32(a, h, wd, wt, o, out, it, w, bytes);
}
}  // namespace detail

/// Bytes of workspace `barycenter` needs for k histograms of n bins.
inline std::size_t barycenter_workspace_size(std::size_t n, std::size_t k,
                                             const BarycenterOptions &opts = BarycenterOptions()) {
    const otc_barycenter_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_barycenter_workspace_size(n, k, &o, &bytes), "otc_barycenter_workspace_size");
    return bytes;
}

/// Fixed-support entropic barycenter of the k columns of `hists` (n x k) for the n x n cost;
/// weights empty: uniform. T = double or float (otc_barycenter_f64 / _f32).
template <typename T>
inline BarycenterResultT<T> barycenter(View<T> hists, View<T> cost,
                                   const std::vector<T> &weights = {},
                                   const BarycenterOptions &opts = BarycenterOptions(),
                                   Workspace *work = nullptr) {
    if (!weights.empty()) detail::expect_len(weights.size(), hists.cols, "barycenter: weights");
    const otc_barycenter_options o = opts.to_c();
    void *w;
    std::size_t bytes;
    detail::use_workspace(work, work ? barycenter_workspace_size(hists.rows, hists.cols, opts) : 0,
                          w, bytes);
    BarycenterResultT<T> r;
    r.hist.resize(hists.rows);
    r.status = check(detail::barycenter_call(detail::to_c(hists), detail::to_c(cost),
                                             detail::opt(weights), &o, r.hist.data(),
                                             &r.iterations, w, bytes),
                     detail::name<T>("otc_barycenter_f64", "otc_barycenter_f32"));
    return r;
}

/// Bytes of workspace `convolutional_barycenter` needs for k images of h x w pixels.
inline std::size_t convolutional_barycenter_workspace_size(
    std::size_t h, std::size_t w, std::size_t k,
    const BarycenterOptions &opts = BarycenterOptions()) {
    const otc_barycenter_options o = opts.to_c();
    std::size_t bytes = 0;
    check(otc_convolutional_barycenter_workspace_size(h, w, k, &o, &bytes),
          "otc_convolutional_barycenter_workspace_size");
    return bytes;
}

/// Convolutional entropic barycenter of the k images in the columns of `images` ((h*w) x k,
/// pixel (r, c) at row r*w + c) on the unit square; weights empty: uniform. T = double or
/// float (otc_convolutional_barycenter_f64 / _f32).
template <typename T>
inline BarycenterResultT<T> convolutional_barycenter(View<T> images, std::size_t h,
                                                 std::size_t w,
                                                 const std::vector<T> &weights = {},
                                                 const BarycenterOptions &opts = BarycenterOptions(),
                                                 Workspace *work = nullptr) {
    if (!weights.empty())
        detail::expect_len(weights.size(), images.cols, "convolutional_barycenter: weights");
    const otc_barycenter_options o = opts.to_c();
    void *wp;
    std::size_t bytes;
    detail::use_workspace(
        work, work ? convolutional_barycenter_workspace_size(h, w, images.cols, opts) : 0, wp,
        bytes);
    BarycenterResultT<T> r;
    r.hist.resize(h * w);
    r.status = check(detail::conv_barycenter_call(detail::to_c(images), h, w,
                                                  detail::opt(weights), &o, r.hist.data(),
                                                  &r.iterations, wp, bytes),
                     detail::name<T>("otc_convolutional_barycenter_f64",
                                     "otc_convolutional_barycenter_f32"));
    return r;
}

}  // namespace otcore

#endif  // OTCORE_HPP

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
// * Each capability is compiled only when the otcore.h it is used with declares it (its
//   OTC_* constants are defined), so this header works with any otcore of major version 0.
#ifndef OTCORE_HPP
#define OTCORE_HPP

#include <cstddef>
#include <cstdint>
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

}  // namespace otcore

#endif  // OTCORE_HPP

// The C++ cost-matrix API against a naive computation.
#include <cmath>
#include <iostream>
#include <vector>

#include "otcore.hpp"
#include "check.hpp"


#ifdef OTC_METRIC_SQEUCLIDEAN
static double naive(const std::vector<double> &x, std::size_t i, const std::vector<double> &y,
                    std::size_t j, std::size_t d, std::int32_t metric, double p) {
    double s = 0, dot = 0, nx = 0, ny = 0;
    for (std::size_t k = 0; k < d; ++k) {
        const double t = x[i * d + k] - y[j * d + k];
        s += metric == OTC_METRIC_MINKOWSKI ? std::pow(std::fabs(t), p) : t * t;
        dot += x[i * d + k] * y[j * d + k];
        nx += x[i * d + k] * x[i * d + k];
        ny += y[j * d + k] * y[j * d + k];
    }
    switch (metric) {
    case OTC_METRIC_SQEUCLIDEAN: return s;
    case OTC_METRIC_EUCLIDEAN: return std::sqrt(s);
    case OTC_METRIC_MINKOWSKI: return std::pow(s, 1.0 / p);
    default: return 1.0 - dot / (std::sqrt(nx) * std::sqrt(ny));
    }
}

static bool close(double a, double b, double tol) { return std::fabs(a - b) <= tol * (1 + std::fabs(b)); }

int main() {
    const std::size_t n = 5, m = 4, d = 3;
    std::vector<double> x(n * d), y(m * d);
    for (std::size_t k = 0; k < x.size(); ++k) x[k] = std::sin(1.0 + 0.7 * double(k));
    for (std::size_t k = 0; k < y.size(); ++k) y[k] = std::cos(0.3 + 1.1 * double(k));

    const std::int32_t metrics[] = {OTC_METRIC_SQEUCLIDEAN, OTC_METRIC_EUCLIDEAN,
                                      OTC_METRIC_MINKOWSKI, OTC_METRIC_COSINE};
    for (std::int32_t metric : metrics) {
        // std::vector overload.
        auto c = otcore::cost_matrix(x, y, d, otcore::CostMatrixOptions().with_metric(metric).with_p(3));
        CHECK(c.rows == n && c.cols == m);
        bool ok = true;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < m; ++j)
                ok = ok && close(c(i, j), naive(x, i, y, j, d, metric, 3), 1e-12);
        CHECK(ok);
    }

    // Column-major x through a strided view, column-major output, caller workspace reused.
    std::vector<double> xt(n * d);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < d; ++k) xt[k * n + i] = x[i * d + k];
    std::vector<double> out(n * m, -1.0);
    otcore::Workspace work;
    auto opts = otcore::CostMatrixOptions().with_metric(OTC_METRIC_EUCLIDEAN).with_num_threads(1);
    for (int rep = 0; rep < 2; ++rep) {
        otcore::cost_matrix_into(otcore::View<double>::col_major(xt.data(), n, d),
                                 otcore::View<double>::row_major(y, d),
                                 otcore::MutView<double>::col_major(out.data(), n, m), opts, &work);
    }
    CHECK(work.bytes() >= otcore::cost_matrix_workspace_size(otcore::View<double>::col_major(xt.data(), n, d),
                                                             otcore::View<double>::row_major(y, d), opts));
    CHECK(opts.c.num_threads == 1 && opts.c.metric == OTC_METRIC_EUCLIDEAN);
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j)
            ok = ok && close(out[j * n + i], naive(x, i, y, j, d, OTC_METRIC_EUCLIDEAN, 2), 1e-12);
    CHECK(ok);

    // float, pointer + sizes.
    std::vector<float> xf(x.begin(), x.end()), yf(y.begin(), y.end());
    auto cf = otcore::cost_matrix(xf.data(), n, yf.data(), m, d);
    CHECK(close(cf(2, 3), naive(x, 2, y, 3, d, OTC_METRIC_SQEUCLIDEAN, 2), 1e-5));

    // Errors: status and message; the output is untouched.
    std::vector<double> bad = x;
    bad[4] = NAN;
    std::vector<double> keep(n * m, 42.0);
    try {
        otcore::cost_matrix_into(otcore::View<double>::row_major(bad, d),
                                 otcore::View<double>::row_major(y, d),
                                 otcore::MutView<double>::row_major(keep.data(), n, m));
        CHECK(false);
    } catch (const otcore::Error &e) {
        CHECK(e.status() == OTC_ERR_NON_FINITE);
        CHECK(std::string(e.what()).find("otc_cost_matrix_f64") == 0);
    }
    CHECK(keep[0] == 42.0);
    try {  // 257 threads: refused before any thread starts
        (void)otcore::cost_matrix(x, y, d, otcore::CostMatrixOptions().with_num_threads(257));
        CHECK(false);
    } catch (const otcore::Error &e) {
        CHECK(e.status() == OTC_ERR_THREADS);
    }
    try {  // dimensions that disagree
        (void)otcore::cost_matrix(otcore::View<double>::row_major(x.data(), n, d),
                                  otcore::View<double>::row_major(y.data(), m, d - 1));
        CHECK(false);
    } catch (const otcore::Error &e) {
        CHECK(e.status() == OTC_ERR_INVALID_DIMENSION);
    }

    return summary();
}
#else
int main() { return 1; }
#endif

// The C++ row-partitioned Sinkhorn pieces: two row blocks (dense double, points float)
// iterated with sinkhorn_block_step[_points], lse_pair_merge and sinkhorn_block_column_update
// reproduce a plain alternating log-domain Sinkhorn written here; the summed block errors equal
// its marginal error; errors throw.
#include <algorithm>
#include <cmath>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double lcg(unsigned &s) {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / double(1u << 24);
}

// log sum_k w_k exp(v_k), stably.
static double lse(const std::vector<double> &w, const std::vector<double> &v) {
    const double top = *std::max_element(v.begin(), v.end());
    double s = 0;
    for (std::size_t k = 0; k < v.size(); ++k) s += w[k] * std::exp(v[k] - top);
    return top + std::log(s);
}

// `iters` alternating iterations from zeros on the n x m row-major cost c; returns the L1
// error of the row marginal of the final (f, g).
static double reference(const std::vector<double> &c, const std::vector<double> &a,
                        const std::vector<double> &b, double eps, std::size_t iters,
                        std::vector<double> &f, std::vector<double> &g) {
    const std::size_t n = a.size(), m = b.size();
    f.assign(n, 0.0);
    g.assign(m, 0.0);
    std::vector<double> v;
    for (std::size_t it = 0; it < iters; ++it) {
        v.resize(m);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < m; ++j) v[j] = (g[j] - c[i * m + j]) / eps;
            f[i] = -eps * lse(b, v);
        }
        v.resize(n);
        for (std::size_t j = 0; j < m; ++j) {
            for (std::size_t i = 0; i < n; ++i) v[i] = (f[i] - c[i * m + j]) / eps;
            g[j] = -eps * lse(a, v);
        }
    }
    double err = 0;
    v.resize(m);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < m; ++j) v[j] = (g[j] - c[i * m + j]) / eps;
        err += std::fabs(a[i] * std::exp(f[i] / eps + lse(b, v)) - a[i]);
    }
    return err;
}

int main() {
    const std::size_t n = 11, m = 7, d = 2, cut = 4, iters = 30;
    const double eps = 0.04;
    unsigned seed = 5;
    std::vector<double> x(n * d), y(m * d), a(n), b(m);
    for (auto &v : x) v = lcg(seed);
    for (auto &v : y) v = lcg(seed);
    double sa = 0, sb = 0;
    for (auto &v : a) sa += v = 0.2 + lcg(seed);
    for (auto &v : b) sb += v = 0.2 + lcg(seed);
    for (auto &v : a) v /= sa;
    for (auto &v : b) v /= sb;
    const auto X = otcore::View<double>::row_major(x, d), Y = otcore::View<double>::row_major(y, d);
    const otcore::Matrix<double> C = otcore::cost_matrix(X, Y);
    std::vector<double> f_ref, g_ref;
    const double err_ref = reference(C.data, a, b, eps, iters, f_ref, g_ref);
    const auto opts = otcore::SinkhornBlockOptions().with_epsilon(eps).with_num_threads(1);

    // Dense doubles, rows [0, cut) and [cut, n), with a reused workspace.
    otcore::Workspace work;
    std::vector<double> f(n, 0.0), f_next(n), g(m, 0.0);
    std::vector<otcore::LsePair> acc(m), part(m);
    double err = 0;
    for (std::size_t it = 0; it <= iters; ++it) {
        err = 0;
        for (std::size_t k = 0; k < 2; ++k) {
            const std::size_t r0 = k == 0 ? 0 : cut, rows = k == 0 ? cut : n - cut;
            const auto block = otcore::View<double>::row_major(&C.data[r0 * m], rows, m);
            const auto r = otcore::sinkhorn_block_step(block, &a[r0], b.data(), g.data(), &f[r0],
                                                       &f_next[r0], k == 0 ? acc.data() : part.data(),
                                                       opts, &work);
            CHECK(r.report.status == OTC_OK && r.report.iterations == 1 &&
                  r.report.error == r.marginal_error);
            err += r.marginal_error;
        }
        otcore::lse_pair_merge(acc, part);
        if (it == iters) break;  // err: the error of the (f, g) the iterations produced
        f = f_next;
        otcore::sinkhorn_block_column_update(acc, g, opts);
    }
    double df = 0, dg = 0;
    for (std::size_t i = 0; i < n; ++i) df = std::max(df, std::fabs(f[i] - f_ref[i]));
    for (std::size_t j = 0; j < m; ++j) dg = std::max(dg, std::fabs(g[j] - g_ref[j]));
    CHECK(df <= 1e-12 && dg <= 1e-12);
    CHECK(err_ref > 1e-8);
    CHECK_CLOSE(err, err_ref, 1e-10);
    const auto first = otcore::View<double>::row_major(C.data.data(), cut, m);
    CHECK(work.bytes() >= otcore::sinkhorn_block_step_workspace_size(first, opts));
    CHECK(otcore::sinkhorn_block_column_update_workspace_size(acc, opts) == 0);

    // Float points, the same split: agrees with the reference on the float data's costs.
    std::vector<float> xs(x.begin(), x.end()), ys(y.begin(), y.end()), as(a.begin(), a.end()),
        bs(b.begin(), b.end());
    const auto Ys = otcore::View<float>::row_major(ys, d);
    std::vector<double> c32(n * m), a32(as.begin(), as.end()), b32(bs.begin(), bs.end());
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            double s = 0;
            for (std::size_t t = 0; t < d; ++t) {
                const double u = double(xs[i * d + t]) - double(ys[j * d + t]);
                s += u * u;
            }
            c32[i * m + j] = s;
        }
    reference(c32, a32, b32, eps, iters, f_ref, g_ref);
    std::fill(f.begin(), f.end(), 0.0);
    std::fill(g.begin(), g.end(), 0.0);
    for (std::size_t it = 0; it < iters; ++it) {
        for (std::size_t k = 0; k < 2; ++k) {
            const std::size_t r0 = k == 0 ? 0 : cut, rows = k == 0 ? cut : n - cut;
            const auto xb = otcore::View<float>::row_major(&xs[r0 * d], rows, d);
            otcore::sinkhorn_block_step_points(xb, Ys, &as[r0], bs.data(), g.data(), &f[r0],
                                               &f_next[r0], k == 0 ? acc.data() : part.data(), opts);
        }
        f = f_next;
        otcore::lse_pair_merge(acc, part);
        otcore::sinkhorn_block_column_update(acc, g, opts);
    }
    df = dg = 0;
    for (std::size_t i = 0; i < n; ++i) df = std::max(df, std::fabs(f[i] - f_ref[i]));
    for (std::size_t j = 0; j < m; ++j) dg = std::max(dg, std::fabs(g[j] - g_ref[j]));
    CHECK(df <= 2e-5 && dg <= 2e-5);

    // Errors throw with their status.
    std::vector<otcore::LsePair> empty(m, otcore::LsePair{-INFINITY, 0.0});
    CHECK_THROWS(otcore::sinkhorn_block_column_update(empty, g, opts), OTC_ERR_INVALID_ARGUMENT);
    std::vector<otcore::LsePair> shorter(m - 1);
    CHECK_THROWS(otcore::lse_pair_merge(acc, shorter), OTC_ERR_INVALID_DIMENSION);
    CHECK_THROWS(otcore::sinkhorn_block_step(first, a.data(), b.data(), g.data(), f.data(),
                                             f_next.data(), acc.data(),
                                             otcore::SinkhornBlockOptions().with_epsilon(-1)),
                 OTC_ERR_INVALID_ARGUMENT);
    CHECK_THROWS(otcore::sinkhorn_block_step(first, a.data(), b.data(), g.data(), f.data(),
                                             f.data(), acc.data(), opts),
                 OTC_ERR_ALIASING);
    return summary();
}

// The C++ row-partitioned Sinkhorn pieces: two row blocks (dense double, points float)
// iterated with sinkhorn_block_step[_points], lse_pair_merge and sinkhorn_block_column_update
// reproduce otcore::sinkhorn with a fixed iteration count; the summed block errors equal the
// whole solve's marginal error; errors throw.
// requires: otc_sinkhorn_block_step_f64, otc_sinkhorn_block_step_points_f32, otc_lse_pair_merge, otc_sinkhorn_block_column_update, otc_sinkhorn_block_workspace_size
#include <algorithm>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double lcg(unsigned &s) {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / double(1u << 24);
}

int main() {
    const std::size_t n = 11, m = 7, d = 2, cut = 4, iters = 30;
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
    const auto opts = otcore::SinkhornOptions().with_epsilon(0.04).with_tolerance(0).with_max_iter(
        static_cast<std::uint32_t>(iters)).with_threads(1);
    const auto whole = otcore::sinkhorn(C.view(), a, b, opts, false);
    CHECK(whole.status == OTC_WARN_MAX_ITER && whole.report.iterations == iters);

    // Dense doubles, rows [0, cut) and [cut, n), with a reused workspace.
    otcore::Workspace work;
    std::vector<double> f(n, 0.0), g(m, 0.0);
    std::vector<otcore::LsePair> acc(m), part(m);
    double err = 0;
    for (std::size_t it = 0; it <= iters; ++it) {
        err = 0;
        const std::vector<double> f_prev = f;
        for (std::size_t k = 0; k < 2; ++k) {
            const std::size_t r0 = k == 0 ? 0 : cut, rows = k == 0 ? cut : n - cut;
            const auto block = otcore::View<double>::row_major(&C.data[r0 * m], rows, m);
            err += otcore::sinkhorn_block_step(block, &a[r0], b.data(), g.data(), &f[r0],
                                               k == 0 ? acc.data() : part.data(), opts, &work);
        }
        otcore::lse_pair_merge(acc, part);
        if (it == iters) {
            f = f_prev;
            break;
        }
        otcore::sinkhorn_block_column_update(acc, g, opts);
    }
    double df = 0, dg = 0;
    for (std::size_t i = 0; i < n; ++i) df = std::max(df, std::fabs(f[i] - whole.f[i]));
    for (std::size_t j = 0; j < m; ++j) dg = std::max(dg, std::fabs(g[j] - whole.g[j]));
    CHECK(df <= 1e-12 && dg <= 1e-12);
    CHECK_CLOSE(err, whole.report.error, 1e-10);
    CHECK(work.bytes() >= otcore::sinkhorn_block_workspace_size(cut, m, 0, opts));

    // Float points, the same split: agrees with the float whole solve.
    std::vector<float> xs(x.begin(), x.end()), ys(y.begin(), y.end()), as(a.begin(), a.end()),
        bs(b.begin(), b.end());
    const auto Xs = otcore::View<float>::row_major(xs, d), Ys = otcore::View<float>::row_major(ys, d);
    const auto whole32 = otcore::sinkhorn_points(Xs, Ys, as, bs, opts);
    std::fill(f.begin(), f.end(), 0.0);
    std::fill(g.begin(), g.end(), 0.0);
    for (std::size_t it = 0; it < iters; ++it) {
        for (std::size_t k = 0; k < 2; ++k) {
            const std::size_t r0 = k == 0 ? 0 : cut, rows = k == 0 ? cut : n - cut;
            const auto xb = otcore::View<float>::row_major(&xs[r0 * d], rows, d);
            otcore::sinkhorn_block_step_points(xb, Ys, &as[r0], bs.data(), g.data(), &f[r0],
                                               k == 0 ? acc.data() : part.data(), opts);
        }
        otcore::lse_pair_merge(acc, part);
        otcore::sinkhorn_block_column_update(acc, g, opts);
    }
    df = dg = 0;
    for (std::size_t i = 0; i < n; ++i) df = std::max(df, std::fabs(f[i] - whole32.f[i]));
    for (std::size_t j = 0; j < m; ++j) dg = std::max(dg, std::fabs(g[j] - whole32.g[j]));
    CHECK(df <= 1e-5 && dg <= 1e-5);

    // Errors throw with their status.
    std::vector<otcore::LsePair> empty(m, otcore::LsePair{-INFINITY, 0.0});
    CHECK_THROWS(otcore::sinkhorn_block_column_update(empty, g, opts), OTC_ERR_INVALID_ARGUMENT);
    std::vector<otcore::LsePair> shorter(m - 1);
    CHECK_THROWS(otcore::lse_pair_merge(acc, shorter), OTC_ERR_INVALID_DIMENSION);
    const auto block = otcore::View<double>::row_major(C.data.data(), cut, m);
    CHECK_THROWS(otcore::sinkhorn_block_step(block, a.data(), b.data(), g.data(), f.data(),
                                             acc.data(), otcore::SinkhornOptions().with_epsilon(-1)),
                 OTC_ERR_INVALID_ARGUMENT);
    return summary();
}

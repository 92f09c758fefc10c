// The C++ exact-OT API (emd, emd_batch, wasserstein_1d, sliced_wasserstein) against brute force
// over permutations, strong duality, marginals and the sorted 1-D closed form.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double lcg(unsigned &s) {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / double(1u << 24);
}

int main() {
    const std::size_t n = 5;
    unsigned seed = 7;
    std::vector<double> c(n * n);
    for (auto &v : c) v = lcg(seed);
    const std::vector<double> a(n, 1.0 / n), b(n, 1.0 / n);
    // Brute force: with uniform weights an optimal plan is a permutation (Birkhoff).
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    double best = 1e300;
    do {
        double s = 0;
        for (std::size_t i = 0; i < n; ++i) s += c[i * n + perm[i]] / n;
        best = std::min(best, s);
    } while (std::next_permutation(perm.begin(), perm.end()));

    const otcore::EmdResult r = otcore::emd(a, b, c, otcore::EmdOptions(), true);
    CHECK(r.status == OTC_OK && r.report.status == OTC_OK && r.report.iterations > 0);
    CHECK(r.gap <= 0 && r.gap > -1e-12 && r.report.error == -r.gap);
    CHECK_CLOSE(r.cost, best, 1e-12);
    double dual = 0, sparse = 0;
    for (std::size_t i = 0; i < n; ++i) dual += a[i] * r.f[i] + b[i] * r.g[i];
    CHECK_CLOSE(dual, best, 1e-12);
    for (std::size_t k = 0; k < r.plan.mass.size(); ++k)
        sparse += r.plan.mass[k] * c[r.plan.rows[k] * n + r.plan.cols[k]];
    CHECK_CLOSE(sparse, best, 1e-12);
    CHECK(r.plan.mass.size() <= 2 * n - 1);
    for (std::size_t i = 0; i < n; ++i) {
        double row = 0, col = 0;
        for (std::size_t j = 0; j < n; ++j) {
            row += r.dense(i, j);
            col += r.dense(j, i);
            CHECK(r.f[i] + r.g[j] <= c[i * n + j] + 1e-12);  // dual feasibility
        }
        CHECK_CLOSE(row, a[i], 1e-14);
        CHECK_CLOSE(col, b[i], 1e-14);
    }

    // The same problem through a column-major copy of the cost and a reused workspace.
    std::vector<double> ct(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) ct[j * n + i] = c[i * n + j];
    otcore::Workspace work;
    const otcore::EmdResult r2 = otcore::emd(a, b, otcore::View<double>::col_major(ct.data(), n, n),
                                             otcore::EmdOptions().with_num_threads(1), false, &work);
    CHECK(work.bytes() >= otcore::emd_workspace_size(n, n));
    CHECK_CLOSE(r2.cost, best, 1e-12);

    // Warm start from the optimal duals of the same problem: same cost, no more pivots.
    const otcore::EmdResult warm = otcore::emd(a, b, otcore::View<double>::row_major(c, n),
                                               otcore::EmdOptions(), false, nullptr, r.f, r.g);
    CHECK_CLOSE(warm.cost, best, 1e-12);
    CHECK(warm.report.iterations <= r.report.iterations);

    // A callback stopping at its first call: OTC_WARN_CANCELLED with a feasible plan.
    {
        const std::size_t nb = 40, mb = 30;
        std::vector<double> cb(nb * mb), ua(nb, 1.0 / nb), ub(mb, 1.0 / mb);
        for (auto &v : cb) v = lcg(seed);
        int calls = 0;
        auto stop = [](void *data, std::uint64_t, double) -> std::int32_t {
            ++*static_cast<int *>(data);
            return 1;
        };
        const otcore::EmdResult rc =
            otcore::emd(ua, ub, cb, otcore::EmdOptions().with_num_threads(2).with_callback(1, stop, &calls), true);
        CHECK(rc.status == OTC_WARN_CANCELLED && calls == 1);
        CHECK(rc.report.iterations > 0 && rc.report.iterations <= mb + 1);
        double total = 0;
        for (double v : rc.plan.mass) total += v;
        CHECK_CLOSE(total, 1.0, 1e-13);
        CHECK(rc.cost >= otcore::emd(ua, ub, cb).cost - 1e-15);
    }

    // Errors: mass mismatch and a wrong length.
    std::vector<double> heavy(n, 0.5);
    CHECK_THROWS(otcore::emd(a, heavy, c), OTC_ERR_MASS_MISMATCH);
    CHECK_THROWS(otcore::emd(std::vector<double>(n - 1, 0.25), b, c), OTC_ERR_INVALID_DIMENSION);

    // Batch: three problems, each equal to its single solve.
    const std::size_t k = 3, m = 4;
    std::vector<std::vector<double>> costs(k, std::vector<double>(n * m));
    std::vector<otcore::View<double>> views;
    std::vector<double> ab(k * n), bb(k * m);
    for (std::size_t l = 0; l < k; ++l) {
        for (auto &v : costs[l]) v = lcg(seed);
        views.push_back(otcore::View<double>::row_major(costs[l].data(), n, m));
        double sa = 0, sb = 0;
        for (std::size_t i = 0; i < n; ++i) sa += ab[l * n + i] = 0.1 + lcg(seed);
        for (std::size_t j = 0; j < m; ++j) sb += bb[l * m + j] = 0.1 + lcg(seed);
        for (std::size_t i = 0; i < n; ++i) ab[l * n + i] /= sa;
        for (std::size_t j = 0; j < m; ++j) bb[l * m + j] /= sb;
    }
    otcore::Workspace bw;
    const otcore::EmdBatchResult br = otcore::emd_batch(n, m, ab, bb, views, otcore::EmdBatchOptions(), &bw);
    CHECK(br.status == OTC_OK && br.problem_costs.size() == k && br.capped == 0);
    double total = 0;
    for (std::size_t l = 0; l < k; ++l) {
        const std::vector<double> al(ab.begin() + l * n, ab.begin() + (l + 1) * n);
        const std::vector<double> bl(bb.begin() + l * m, bb.begin() + (l + 1) * m);
        const otcore::EmdResult single = otcore::emd(al, bl, views[l]);
        CHECK(br.problem_costs[l] == single.cost);
        CHECK(br.problem_iterations[l] == single.report.iterations);
        CHECK(br.plan_nnz[l] == single.plan.mass.size());
        total += br.problem_costs[l];
    }
    CHECK(br.cost == total);
    CHECK(otcore::emd_batch_workspace_size(n, m, k) > 0);

    // 1-D: uniform samples, equal counts: W_p^p = mean |x_(i) - y_(i)|^p over sorted samples.
    std::vector<double> x(6), y(6), w(6, 1.0 / 6);
    for (auto &v : x) v = lcg(seed);
    for (auto &v : y) v = 2 * lcg(seed) - 0.5;
    std::vector<double> xs = x, ys = y;
    std::sort(xs.begin(), xs.end());
    std::sort(ys.begin(), ys.end());
    for (double p : {1.0, 2.0, 3.5}) {
        double want = 0;
        for (std::size_t i = 0; i < 6; ++i) want += std::pow(std::fabs(xs[i] - ys[i]), p) / 6;
        otcore::Workspace w1;
        const otcore::Wasserstein1dResult r1 = otcore::wasserstein_1d(x, w, y, w, p, otcore::Wasserstein1dOptions(), &w1);
        CHECK_CLOSE(r1.wp_p, want, 1e-13);
        double mass = 0;
        for (double v : r1.plan.mass) mass += v;
        CHECK_CLOSE(mass, 1.0, 1e-14);
    }
    CHECK(otcore::wasserstein_1d_workspace_size(6, 6) > 0);

    // Sliced along the given direction e1 equals the 1-D problem of the first coordinates.
    std::vector<double> px(12), py(12), dir = {1.0, 0.0};
    for (std::size_t i = 0; i < 6; ++i) {
        px[2 * i] = x[i]; px[2 * i + 1] = lcg(seed);
        py[2 * i] = y[i]; py[2 * i + 1] = lcg(seed);
    }
    const auto X = otcore::View<double>::row_major(px, 2), Y = otcore::View<double>::row_major(py, 2);
    const double sw = otcore::sliced_wasserstein(X, w, Y, w, 2.0,
                                                 otcore::View<double>::row_major(dir, 2));
    CHECK_CLOSE(sw, otcore::wasserstein_1d(x, w, y, w, 2.0).wp_p, 1e-13);
    // Random directions: thread-count independent, and bounded by W_2^2 of the clouds.
    otcore::Workspace sww;
    const auto sopts = otcore::SlicedWassersteinOptions().with_num_directions(50).with_seed(42);
    const double s1 = otcore::sliced_wasserstein(X, w, Y, w, 2.0, {nullptr, 0, 0, 0, 0},
                                                 otcore::SlicedWassersteinOptions(sopts).with_num_threads(1), &sww);
    const double s2 = otcore::sliced_wasserstein(X, w, Y, w, 2.0, {nullptr, 0, 0, 0, 0},
                                                 otcore::SlicedWassersteinOptions(sopts).with_num_threads(2));
    CHECK(s1 == s2);
    CHECK(otcore::sliced_wasserstein_workspace_size(X, Y) > 0);
    const otcore::Matrix<double> C2 = otcore::cost_matrix(X, Y);
    CHECK(s1 <= otcore::emd(w, w, C2.view()).cost + 1e-12);
    return summary();
}

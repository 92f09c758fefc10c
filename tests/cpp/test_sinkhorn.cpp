// The C++ Sinkhorn API: marginals at convergence, the plan's Gibbs form from the potentials,
// points vs dense cost, the barycentric map, divergences (zero on identical inputs, points vs
// dense), f32, workspaces and errors.
// requires: otc_sinkhorn_f64, otc_sinkhorn_f32, otc_sinkhorn_points_f64, otc_sinkhorn_points_f32, otc_sinkhorn_divergence_f64, otc_sinkhorn_divergence_f32, otc_sinkhorn_divergence_points_f64, otc_sinkhorn_divergence_points_f32
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double lcg(unsigned &s) {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / double(1u << 24);
}

int main() {
    const std::size_t n = 7, m = 5, d = 2;
    unsigned seed = 3;
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
    const double eps = 0.05;
    const auto opts = otcore::SinkhornOptions().with_epsilon(eps).with_tolerance(1e-12).with_max_iter(100000);

    otcore::Workspace work;
    const auto r = otcore::sinkhorn(C.view(), a, b, opts, true, &work);
    CHECK(r.status == OTC_OK && r.info.converged == 1);
    CHECK(work.bytes() >= otcore::sinkhorn_workspace_size(n, m));
    for (std::size_t i = 0; i < n; ++i) {
        double row = 0;
        for (std::size_t j = 0; j < m; ++j) {
            row += r.plan(i, j);
            // Log-domain Gibbs form: P_ij = a_i b_j exp((f_i + g_j - C_ij) / eps).
            CHECK_CLOSE(r.plan(i, j), a[i] * b[j] * std::exp((r.f[i] + r.g[j] - C(i, j)) / eps), 1e-9);
        }
        CHECK_CLOSE(row, a[i], 1e-10);
    }
    for (std::size_t j = 0; j < m; ++j) {
        double col = 0;
        for (std::size_t i = 0; i < n; ++i) col += r.plan(i, j);
        CHECK_CLOSE(col, b[j], 1e-10);
    }

    // Points: the same problem with the cost computed on the fly, plus the barycentric map.
    const auto rp = otcore::sinkhorn_points(X, Y, a, b, opts, true, true);
    for (std::size_t i = 0; i < n; ++i) {
        double mass = 0, mx = 0;
        for (std::size_t j = 0; j < m; ++j) {
            CHECK_CLOSE(rp.plan(i, j), r.plan(i, j), 1e-9);
            mass += rp.plan(i, j);
            mx += rp.plan(i, j) * y[j * d];
        }
        CHECK_CLOSE(rp.map(i, 0), mx / mass, 1e-9);
        CHECK_CLOSE(rp.f[i], r.f[i], 1e-9);
    }

    // Single precision: marginals to float accuracy.
    std::vector<float> cf(C.data.begin(), C.data.end()), af(a.begin(), a.end()), bf(b.begin(), b.end());
    const auto rf = otcore::sinkhorn(otcore::View<float>::row_major(cf, m), af, bf,
                                     otcore::SinkhornOptions().with_epsilon(eps).with_tolerance(1e-5));
    for (std::size_t i = 0; i < n; ++i) {
        double row = 0;
        for (std::size_t j = 0; j < m; ++j) row += rf.plan(i, j);
        CHECK_CLOSE(row, a[i], 1e-4);
    }
    std::vector<float> xf(x.begin(), x.end()), yf(y.begin(), y.end());
    const auto Xf = otcore::View<float>::row_major(xf, d), Yf = otcore::View<float>::row_major(yf, d);
    const auto rpf = otcore::sinkhorn_points(Xf, Yf, af, bf,
                                             otcore::SinkhornOptions().with_epsilon(eps).with_tolerance(1e-5));
    CHECK_CLOSE(rpf.f[0], r.f[0], 1e-3);

    // Divergence: zero between a measure and itself; points equal the dense costs.
    const otcore::Matrix<double> Cxx = otcore::cost_matrix(X, X), Cyy = otcore::cost_matrix(Y, Y);
    const auto self = otcore::sinkhorn_divergence(Cxx.view(), Cxx.view(), Cxx.view(), a, a, opts);
    CHECK(std::fabs(self.value) <= 1e-10);
    otcore::Workspace dw;
    const auto dv = otcore::sinkhorn_divergence(C.view(), Cxx.view(), Cyy.view(), a, b, opts, &dw);
    const auto dp = otcore::sinkhorn_divergence_points(X, Y, a, b, opts);
    CHECK(dv.value > 0);
    CHECK_CLOSE(dp.value, dv.value, 1e-9);
    CHECK_CLOSE(dv.infos[0].dual, r.info.dual, 1e-9);
    CHECK(otcore::sinkhorn_divergence_workspace_size(n, m, d) > 0);
    std::vector<float> cxxf(Cxx.data.begin(), Cxx.data.end()), cyyf(Cyy.data.begin(), Cyy.data.end());
    const auto fo = otcore::SinkhornOptions().with_epsilon(eps).with_tolerance(1e-5);
    const auto dvf = otcore::sinkhorn_divergence(otcore::View<float>::row_major(cf, m),
                                                 otcore::View<float>::row_major(cxxf, n),
                                                 otcore::View<float>::row_major(cyyf, m), af, bf, fo);
    const auto dpf = otcore::sinkhorn_divergence_points(Xf, Yf, af, bf, fo);
    CHECK_CLOSE(dvf.value, dv.value, 1e-3);
    CHECK_CLOSE(dpf.value, dv.value, 1e-3);

    // Errors: unequal masses (balanced), negative epsilon.
    std::vector<double> heavy = b;
    heavy[0] += 1;
    CHECK_THROWS(otcore::sinkhorn(C.view(), a, heavy), OTC_ERR_MASS_MISMATCH);
    CHECK_THROWS(otcore::sinkhorn(C.view(), a, b, otcore::SinkhornOptions().with_epsilon(-1)),
                 OTC_ERR_INVALID_ARGUMENT);
    return summary();
}

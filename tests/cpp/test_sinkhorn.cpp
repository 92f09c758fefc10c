// The C++ Sinkhorn API: marginals at convergence, the plan's Gibbs form from the potentials,
// points vs dense cost, the barycentric map, the paths, a cancelling callback, divergences
// (zero on identical inputs, points vs dense, gradients), f32, workspaces and errors.
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static int calls = 0;
static std::int32_t stop_now(void *, std::uint64_t, double) {
    ++calls;
    return 1;
}

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
    CHECK(r.status == OTC_OK && r.report.error <= 1e-12);
    CHECK(r.report.path == OTC_SINKHORN_PATH_KERNEL);
    otc_sinkhorn_problem_f64 prob{};
    prob.struct_size = sizeof prob;
    prob.a = a.data();
    prob.n = n;
    prob.b = b.data();
    prob.m = m;
    prob.cost = otcore::detail::to_c(C.view());
    CHECK(work.bytes() >= otcore::sinkhorn_workspace_size(prob, opts));
    double tc = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) tc += r.plan(i, j) * C(i, j);
    CHECK_CLOSE(r.transport_cost, tc, 1e-14);
    CHECK(r.entropic_ot > r.transport_cost);  // + eps KL(P | a b) > 0

    // The low-level call on caller-filled structs, the log-domain path: the same potentials.
    {
        std::vector<double> f(n);
        otc_sinkhorn_outputs_f64 out{};
        out.struct_size = sizeof out;
        out.f = f.data();
        auto lo = opts;
        lo.with_path(OTC_SINKHORN_PATH_LOG_DOMAIN);
        CHECK(otcore::sinkhorn_into(prob, out, lo, &work) == OTC_OK);
        CHECK(out.report.path == OTC_SINKHORN_PATH_LOG_DOMAIN);
        for (std::size_t i = 0; i < n; ++i) CHECK_CLOSE(f[i], r.f[i], 1e-10);
    }
    // A callback that stops at its first call, with 2 threads: cancelled, valid outputs.
    {
        auto cb = opts;
        cb.with_num_threads(2).with_tolerance(1e-12).with_check_every(1).with_callback(1, stop_now);
        const auto rc = otcore::sinkhorn(C.view(), a, b, cb, false);
        CHECK(rc.status == OTC_WARN_CANCELLED && calls == 1 && rc.report.iterations <= 2);
        CHECK(std::isfinite(rc.f[0]));
    }
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
    const auto rp = otcore::sinkhorn_points(X, Y, a, b, opts, true, true, true);
    CHECK(rp.grad_x.rows == n && rp.grad_a.size() == n);
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
    const auto dopts = otcore::SinkhornDivergenceOptions().with_epsilon(eps).with_tolerance(1e-12).with_max_iter(100000);
    const auto self = otcore::sinkhorn_divergence(Cxx.view(), Cxx.view(), Cxx.view(), a, a, dopts);
    CHECK(std::fabs(self.divergence) <= 1e-10);
    otcore::Workspace dw;
    const auto dv = otcore::sinkhorn_divergence(C.view(), Cxx.view(), Cyy.view(), a, b, dopts, &dw);
    const auto dp = otcore::sinkhorn_divergence_points(X, Y, a, b, dopts, true);
    CHECK(dv.divergence > 0);
    CHECK_CLOSE(dp.divergence, dv.divergence, 1e-9);
    CHECK_CLOSE(dv.entropic_ot_xy, r.entropic_ot, 1e-9);
    CHECK(dw.bytes() > 0);
    {
        // dS/dx_00 against a central difference.
        const double h = 1e-6;
        std::vector<double> xp = x, xm = x;
        xp[0] += h;
        xm[0] -= h;
        const auto sp = otcore::sinkhorn_divergence_points(otcore::View<double>::row_major(xp, d), Y, a, b, dopts);
        const auto sm = otcore::sinkhorn_divergence_points(otcore::View<double>::row_major(xm, d), Y, a, b, dopts);
        CHECK_CLOSE(dp.grad_x(0, 0), (sp.divergence - sm.divergence) / (2 * h), 1e-5);
    }
    std::vector<float> cxxf(Cxx.data.begin(), Cxx.data.end()), cyyf(Cyy.data.begin(), Cyy.data.end());
    const auto fo = otcore::SinkhornDivergenceOptions().with_epsilon(eps).with_tolerance(1e-5);
    const auto dvf = otcore::sinkhorn_divergence(otcore::View<float>::row_major(cf, m),
                                                 otcore::View<float>::row_major(cxxf, n),
                                                 otcore::View<float>::row_major(cyyf, m), af, bf, fo);
    const auto dpf = otcore::sinkhorn_divergence_points(Xf, Yf, af, bf, fo);
    CHECK_CLOSE(dvf.divergence, dv.divergence, 1e-3);
    CHECK_CLOSE(dpf.divergence, dv.divergence, 1e-3);

    // Errors: unequal masses (balanced), negative epsilon.
    std::vector<double> heavy = b;
    heavy[0] += 1;
    CHECK_THROWS(otcore::sinkhorn(C.view(), a, heavy), OTC_ERR_MASS_MISMATCH);
    CHECK_THROWS(otcore::sinkhorn(C.view(), a, b, otcore::SinkhornOptions().with_epsilon(-1)),
                 OTC_ERR_INVALID_ARGUMENT);
    CHECK_THROWS(otcore::sinkhorn(C.view(), a, b, otcore::SinkhornOptions().with_path(9)),
                 OTC_ERR_INVALID_ARGUMENT);
    return summary();
}

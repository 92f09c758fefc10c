// The C++ gradient-flow steps run as a caller's time loop: the Wasserstein flow (warm-started
// from each step's potentials: a repeated step takes fewer iterations) and the MMD flow (the target term handed back) decrease their
// value at every step toward a shifted target; the JKO heat step keeps the mass and the mean
// of a centred blob and widens it, and warm-started from its dual converges at once (the next
// step in fewer iterations than cold); bad inputs throw.
#include <cmath>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

int main() {
    const std::size_t n = 20, m = 25;
    std::vector<double> x(2 * n), y(2 * m);
    for (std::size_t i = 0; i < 2 * n; ++i) x[i] = 0.5 + 0.4 * std::sin(1.7 * i);
    for (std::size_t j = 0; j < 2 * m; ++j) y[j] = (j % 2 == 0 ? 2.0 : 0.0) + 0.5 + 0.4 * std::cos(0.9 * j);
    const std::vector<double> a(n, 1.0 / n), b(m, 1.0 / m);
    const auto Y = otcore::View<double>::row_major(y, 2);

    // Wasserstein flow: 15 steps, one workspace, potentials passed back.
    otcore::Workspace work;
    std::vector<double> pots, cur = x;
    double last = INFINITY;
    const auto wopts = otcore::WassersteinFlowStepOptions().with_epsilon(0.05).with_step(0.2).with_num_threads(1);
    for (int k = 0; k < 15; ++k) {
        const auto s = otcore::wasserstein_flow_step(otcore::View<double>::row_major(cur, 2), a, Y, b, pots, wopts, &work);
        CHECK(s.status == OTC_OK);
        CHECK(s.divergence < last);
        last = s.divergence;
        cur = s.x.data;
        pots = s.potentials;
    }
    CHECK(last < 0.05);
    // The same step again from its own potentials: the same divergence in fewer iterations.
    const auto X = otcore::View<double>::row_major(cur, 2);
    const auto cold = otcore::wasserstein_flow_step(X, a, Y, b, {}, wopts, &work);
    const auto warm = otcore::wasserstein_flow_step(X, a, Y, b, cold.potentials, wopts, &work);
    CHECK(warm.report.iterations * 3 < cold.report.iterations);
    CHECK_CLOSE(warm.divergence, cold.divergence, 1e-9);

    // MMD flow (energy distance): 15 steps.
    cur = x;
    last = INFINITY;
    double term = 0;
    for (int k = 0; k < 15; ++k) {
        const auto s = otcore::mmd_flow_step(otcore::View<double>::row_major(cur, 2), a, Y, b,
                                             k == 0 ? nullptr : &term,
                                             otcore::MmdFlowStepOptions().with_step(0.2));
        CHECK(s.mmd_squared < last);
        last = s.mmd_squared;
        term = s.target_term;
        cur = s.x.data;
    }
    CHECK(last < 0.05);

    // JKO heat step of a centred blob on a 33 x 33 grid.
    const std::size_t h = 33;
    std::vector<double> rho(h * h);
    double mass = 0;
    for (std::size_t r = 0; r < h; ++r)
        for (std::size_t c = 0; c < h; ++c) {
            const double u = r / 32.0 - 0.5, v = c / 32.0 - 0.5;
            mass += rho[r * h + c] = std::exp(-(u * u + v * v) / 0.01);
        }
    const auto j = otcore::jko_step(rho, h, h, {}, otcore::JkoStepOptions().with_epsilon(1e-3).with_step(1e-3));
    CHECK(j.status == OTC_OK);
    double m0 = 0, var0 = 0, var1 = 0, mean1 = 0;
    for (std::size_t k = 0; k < h * h; ++k) {
        const double u = (k / h) / 32.0 - 0.5;
        m0 += j.rho[k];
        mean1 += j.rho[k] * u;
        var0 += rho[k] * u * u / mass;
        var1 += j.rho[k] * u * u / mass;
    }
    CHECK_CLOSE(m0, mass, 1e-12 * mass);
    CHECK_CLOSE(mean1, 0.0, 1e-12);
    CHECK(var1 > var0 + 1e-3);
    // The same step warm-started from its own dual converges at once to the same density; the
    // next step from it takes fewer iterations than cold.
    const auto jopts = otcore::JkoStepOptions().with_epsilon(1e-3).with_step(1e-3);
    const auto again = otcore::jko_step(rho, h, h, {}, jopts, nullptr, j.dual);
    CHECK(again.status == OTC_OK && again.report.iterations <= 2 && j.report.iterations > 10);
    double gap = 0;
    for (std::size_t k = 0; k < h * h; ++k) gap += std::fabs(again.rho[k] - j.rho[k]);
    CHECK(gap <= 2e-9);
    const auto next_cold = otcore::jko_step(j.rho, h, h, {}, jopts);
    const auto next_warm = otcore::jko_step(j.rho, h, h, {}, jopts, nullptr, j.dual);
    CHECK(next_warm.report.iterations < next_cold.report.iterations);

    CHECK_THROWS(otcore::wasserstein_flow_step(otcore::View<double>::row_major(x, 2), a, Y, b, {},
                                               otcore::WassersteinFlowStepOptions().with_step(-1)),
                 OTC_ERR_INVALID_ARGUMENT);
    CHECK_THROWS(otcore::mmd_flow_step(otcore::View<double>::row_major(x, 2), std::vector<double>(n, 0.0), Y, b),
                 OTC_ERR_INVALID_ARGUMENT);
    CHECK_THROWS(otcore::jko_step(std::vector<double>(h * h, 0.0), h, h), OTC_ERR_INVALID_ARGUMENT);
    CHECK_THROWS(otcore::jko_step(rho, h, h, {}, jopts, nullptr, std::vector<double>(h * h, NAN)),
                 OTC_ERR_NON_FINITE);
    return summary();
}

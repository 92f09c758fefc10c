// The C++ plan operations on an exact plan of `emd`: the position gradient against a central
// finite difference of the optimal cost (squared Euclidean, 2-D), the sparse and dense plans
// giving the same gradient; the interpolation at t = 0 returns x's points with their masses,
// at t = 1/2 the midpoints; a plan entry outside the problem throws. The free-support
// barycenter with Sinkhorn inner solves (with_inner, with_epsilon) keeps the lambda-average
// of the means.
#include <cmath>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double ot_cost(const std::vector<double> &x, const std::vector<double> &y,
                      const std::vector<double> &a, const std::vector<double> &b) {
    const auto C = otcore::cost_matrix(x, y, 2);
    return otcore::emd(a, b, C.view()).cost;
}

int main() {
    const std::size_t n = 5, m = 4;
    std::vector<double> x(2 * n), y(2 * m);
    for (std::size_t i = 0; i < 2 * n; ++i) x[i] = std::sin(1.7 * i + 0.3);
    for (std::size_t i = 0; i < 2 * m; ++i) y[i] = 1.5 + std::cos(2.3 * i);
    const std::vector<double> a = {0.1, 0.3, 0.2, 0.15, 0.25}, b = {0.4, 0.1, 0.3, 0.2};
    const auto X = otcore::View<double>::row_major(x, 2), Y = otcore::View<double>::row_major(y, 2);
    const auto C = otcore::cost_matrix(x, y, 2);
    const auto ot = otcore::emd(a, b, C.view(), otcore::EmdOptions(), true);
    const auto g = otcore::plan_position_gradient(X, Y, ot.plan);
    const auto gd = otcore::plan_position_gradient(X, Y, ot.dense.view());
    CHECK(g.report.status == OTC_OK);
    // Central difference of the optimal cost in coordinate k of x (first) or of y.
    auto fd = [&](bool first, std::size_t k) {
        const double h = 1e-6;
        std::vector<double> p(first ? x : y), q(first ? x : y);
        p[k] += h;
        q[k] -= h;
        return first ? (ot_cost(p, y, a, b) - ot_cost(q, y, a, b)) / (2 * h)
                     : (ot_cost(x, p, a, b) - ot_cost(x, q, a, b)) / (2 * h);
    };
    for (std::size_t k = 0; k < 2 * n; ++k) {
        CHECK_CLOSE(g.gx.data[k], fd(true, k), 1e-6);
        CHECK_CLOSE(gd.gx.data[k], g.gx.data[k], 1e-14);
    }
    for (std::size_t k = 0; k < 2 * m; ++k) CHECK_CLOSE(g.gy.data[k], fd(false, k), 1e-6);
    // t = 0: x's points with x's masses; t = 1/2: the midpoints of the entries.
    const auto mu0 = otcore::displacement_interpolation(X, Y, ot.plan, 0.0);
    std::vector<double> mass(n, 0.0);
    for (std::size_t k = 0; k < ot.plan.rows.size(); ++k) {
        const std::size_t i = ot.plan.rows[k], j = ot.plan.cols[k];
        CHECK(mu0.points(k, 0) == x[2 * i] && mu0.points(k, 1) == x[2 * i + 1]);
        mass[i] += mu0.weights[k];
        const auto half = otcore::displacement_interpolation(X, Y, ot.plan, 0.5);
        CHECK_CLOSE(half.points(k, 0), 0.5 * (x[2 * i] + y[2 * j]), 1e-15);
    }
    for (std::size_t i = 0; i < n; ++i) CHECK_CLOSE(mass[i], a[i], 1e-15);
    const auto dense_mu = otcore::displacement_interpolation(X, Y, ot.dense.view(), 1.0);
    CHECK(dense_mu.weights.size() == n * m && dense_mu.points(n * m - 1, 1) == y[2 * m - 1]);
    otcore::SparsePlan bad = ot.plan;
    bad.cols[0] = m;
    CHECK_THROWS(otcore::plan_position_gradient(X, Y, bad), OTC_ERR_INVALID_ARGUMENT);
    CHECK_THROWS(otcore::displacement_interpolation(X, Y, ot.plan, 1.5), OTC_ERR_INVALID_ARGUMENT);
    // The free-support barycenter with entropic inner solves.
    const std::vector<double> wy(m, 1.0 / m), wx(n, 1.0 / n);
    const auto bary = otcore::free_support_barycenter(
        {{X, wx}, {Y, wy}}, {0.5, 0.5}, X, wx,
        otcore::FreeSupportBarycenterOptions()
            .with_inner(OTC_FREE_SUPPORT_INNER_SINKHORN)
            .with_epsilon(0.2)
            .with_inner_max_iter(10000)
            .with_tol(1e-6));
    CHECK(bary.status == OTC_OK);
    for (std::size_t t = 0; t < 2; ++t) {
        double mb = 0, mx = 0, my = 0;
        for (std::size_t i = 0; i < n; ++i) mb += bary.x(i, t) / n, mx += x[2 * i + t] / n;
        for (std::size_t j = 0; j < m; ++j) my += y[2 * j + t] / m;
        CHECK_CLOSE(mb, 0.5 * (mx + my), 1e-7);
    }
    CHECK_THROWS(otcore::free_support_barycenter(
                     {{X, wx}}, {1.0}, X, wx,
                     otcore::FreeSupportBarycenterOptions()
                         .with_inner(OTC_FREE_SUPPORT_INNER_SINKHORN)
                         .with_epsilon(0.0)),
                 OTC_ERR_INVALID_ARGUMENT);
    return summary();
}

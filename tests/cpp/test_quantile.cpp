// The C++ 1-D closed forms (quantile_1d, barycenter_1d, mccann_geodesic_1d) against their
// closed forms: quantiles of uniform samples, the barycenter of uniform measures on intervals,
// the geodesic identities W2(nu_t, mu) = t W2(mu, nu) through wasserstein_1d, errors thrown.
#include <cmath>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

int main() {
    // Uniform weights on 4 points: Q(u) = x_(ceil(4u)).
    const std::vector<double> x = {3.0, -1.0, 2.0, 0.5}, w4(4, 0.25);
    otcore::Workspace work;
    const auto q = otcore::quantile_1d(x, w4, {0.1, 0.25, 0.3, 0.6, 1.0},
                                       otcore::Quantile1dOptions().with_num_threads(1), &work);
    const std::vector<double> want_q = {-1.0, -1.0, 0.5, 2.0, 3.0};
    CHECK(q == want_q);

    // Uniform measures on [0, 1] and [4, 10] (n midpoints each, shuffled order): their
    // barycenter with lambda = (0.25, 0.75) is uniform on [3, 7.75].
    const std::size_t n = 8;
    otcore::Measure1d mu, nu;
    for (std::size_t j = 0; j < n; ++j) {
        mu.x.push_back((double((j * 3) % n) + 0.5) / n);
        nu.x.push_back(4.0 + 6.0 * (double((j * 5) % n) + 0.5) / n);
    }
    mu.a.assign(n, 1.0 / n);
    nu.a.assign(n, 1.0 / n);
    const auto bary = otcore::barycenter_1d({mu, nu}, {0.25, 0.75});
    CHECK(bary.points.size() == n && bary.report.status == OTC_OK);
    for (std::size_t j = 0; j < bary.points.size(); ++j) {
        CHECK_CLOSE(bary.points[j], 3.0 + 4.75 * (j + 0.5) / n, 1e-14);
        CHECK_CLOSE(bary.weights[j], 1.0 / n, 1e-15);
    }
    // p = 1 between two Diracs: the weighted median.
    const auto med = otcore::barycenter_1d({{{-1.0}, {1.0}}, {{3.0}, {1.0}}}, {0.25, 0.75}, 1.0);
    CHECK(med.points.size() == 1 && med.points[0] == 3.0);

    // The geodesic: W2^2(nu_t, mu) = t^2 W2^2(mu, nu), W2^2(nu_t, nu) = (1 - t)^2 W2^2(mu, nu).
    otcore::Measure1d rho{{0.3, -2.0, 1.7, 0.9, 4.0}, {0.1, 0.3, 0.2, 0.25, 0.15}};
    const double d = otcore::wasserstein_1d(rho.x, rho.a, nu.x, nu.a, 2.0).wp_p;
    for (double t : {0.0, 0.3, 0.8}) {
        const auto g = otcore::mccann_geodesic_1d(rho, nu, t);
        CHECK(g.points.size() <= 5 + n - 1);
        CHECK_CLOSE(otcore::wasserstein_1d(g.points, g.weights, rho.x, rho.a, 2.0).wp_p, t * t * d,
                    1e-12);
        CHECK_CLOSE(otcore::wasserstein_1d(g.points, g.weights, nu.x, nu.a, 2.0).wp_p,
                    (1 - t) * (1 - t) * d, 1e-12);
    }

    // Errors: a level outside [0, 1], a mass mismatch, t outside [0, 1].
    CHECK_THROWS(otcore::quantile_1d(x, w4, {1.5}), OTC_ERR_INVALID_ARGUMENT);
    otcore::Measure1d heavy = nu;
    heavy.a[0] += 0.5;
    CHECK_THROWS(otcore::barycenter_1d({mu, heavy}, {0.5, 0.5}), OTC_ERR_MASS_MISMATCH);
    CHECK_THROWS(otcore::mccann_geodesic_1d(mu, nu, 1.5), OTC_ERR_INVALID_ARGUMENT);
    return summary();
}

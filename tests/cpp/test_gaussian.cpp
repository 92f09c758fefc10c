// The C++ Gaussian API against closed forms for diagonal covariances (commuting matrices):
// Bures, W2, pairwise, map, geodesic, barycenter, PSD square roots, moments by hand.
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static otcore::Matrix<double> diag(const std::vector<double> &v) {
    otcore::Matrix<double> m(v.size(), v.size());
    for (std::size_t i = 0; i < v.size(); ++i) m(i, i) = v[i];
    return m;
}

int main() {
    const std::vector<double> s1 = {1.0, 4.0, 0.25}, s2 = {9.0, 1.0, 2.0};
    const std::vector<double> m1 = {0.0, 1.0, -1.0}, m2 = {2.0, 1.0, 0.5};
    const auto S1 = diag(s1), S2 = diag(s2);
    double bures = 0, dm = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        bures += std::pow(std::sqrt(s1[k]) - std::sqrt(s2[k]), 2);
        dm += (m1[k] - m2[k]) * (m1[k] - m2[k]);
    }
    otcore::Workspace work;
    CHECK_CLOSE(otcore::bures(S1.view(), S2.view(), otcore::BuresOptions().with_num_threads(1), &work), bures, 1e-12);
    CHECK(work.bytes() > 0);
    const double w2 = otcore::gaussian_w2(m1, S1.view(), m2, S2.view());
    CHECK_CLOSE(w2, dm + bures, 1e-12);
    // Entropic cost: above W2^2 and tends to it as eps -> 0.
    const double e1 = otcore::gaussian_entropic_w2(m1, S1.view(), m2, S2.view(), 0.5);
    const double e0 = otcore::gaussian_entropic_w2(m1, S1.view(), m2, S2.view(), 1e-7);
    CHECK(e1 > w2);
    CHECK_CLOSE(e0, w2, 1e-4);

    // Pairwise: 2 x 2 table equals the single calls.
    std::vector<double> means = {m1[0], m1[1], m1[2], m2[0], m2[1], m2[2]};
    const auto M = otcore::View<double>::row_major(means, 3);
    const std::vector<otcore::View<double>> covs = {S1.view(), S2.view()};
    const auto P = otcore::gaussian_w2_pairwise(M, covs, M, covs);
    CHECK(std::fabs(P(0, 0)) <= 1e-12 && std::fabs(P(1, 1)) <= 1e-12);
    CHECK_CLOSE(P(0, 1), w2, 1e-12);
    CHECK_CLOSE(P(1, 0), w2, 1e-12);

    // Map: A = diag(sqrt(s2 / s1)), b = m2 - A m1; applying it to m1 gives m2.
    const auto T = otcore::gaussian_map(m1, S1.view(), m2, S2.view());
    CHECK(T.status == OTC_OK && T.rank == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK_CLOSE(T.a(k, k), std::sqrt(s2[k] / s1[k]), 1e-12);
        CHECK_CLOSE(T.b[k], m2[k] - std::sqrt(s2[k] / s1[k]) * m1[k], 1e-12);
    }
    const auto Y = otcore::gaussian_map_apply(T.a.view(), T.b, otcore::View<double>::row_major(m1, 3));
    for (std::size_t k = 0; k < 3; ++k) CHECK_CLOSE(Y(0, k), m2[k], 1e-12);

    // Geodesic at t: diag(((1 - t) sqrt(s1) + t sqrt(s2))^2), mean interpolated.
    const double t = 0.3;
    const auto G = otcore::gaussian_geodesic(m1, S1.view(), m2, S2.view(), t);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK_CLOSE(G.cov(k, k), std::pow((1 - t) * std::sqrt(s1[k]) + t * std::sqrt(s2[k]), 2), 1e-12);
        CHECK_CLOSE(G.mean[k], (1 - t) * m1[k] + t * m2[k], 1e-12);
    }
    // Barycenter with weights (0.3, 0.7) is the same point of the geodesic at t = 0.7.
    otcore::GaussianBarycenterOptions bopts;
    bopts.c.tol = 1e-14;
    const auto B = otcore::gaussian_barycenter(M, covs, {0.3, 0.7}, bopts, &work);
    CHECK(B.status == OTC_OK && B.report.iterations >= 1 && B.report.error <= 1e-14);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK_CLOSE(B.cov(k, k), std::pow(0.3 * std::sqrt(s1[k]) + 0.7 * std::sqrt(s2[k]), 2), 1e-10);
        CHECK_CLOSE(B.mean[k], 0.3 * m1[k] + 0.7 * m2[k], 1e-12);
    }

    // PSD square roots of a singular diagonal: warning, pseudo-inverse zero on the kernel.
    const auto R = otcore::psd_sqrt(diag({4.0, 0.0, 9.0}).view());
    CHECK(R.status == OTC_WARN_SINGULAR && R.rank == 2);
    CHECK_CLOSE(R.sqrt(0, 0), 2.0, 1e-12);
    CHECK_CLOSE(R.sqrt(2, 2), 3.0, 1e-12);
    CHECK_CLOSE(R.inv_sqrt(0, 0), 0.5, 1e-12);
    CHECK(std::fabs(R.inv_sqrt(1, 1)) <= 1e-12);

    // Moments of four 2-D points with weights, by hand.
    const std::vector<double> pts = {0, 0, 1, 0, 0, 2, 1, 2}, w = {0.1, 0.2, 0.3, 0.4};
    const auto Mo = otcore::gaussian_moments(otcore::View<double>::row_major(pts, 2), w);
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < 4; ++i) { mx += w[i] * pts[2 * i]; my += w[i] * pts[2 * i + 1]; }
    double cxy = 0;
    for (std::size_t i = 0; i < 4; ++i) cxy += w[i] * (pts[2 * i] - mx) * (pts[2 * i + 1] - my);
    CHECK_CLOSE(Mo.mean[0], mx, 1e-14);
    CHECK_CLOSE(Mo.mean[1], my, 1e-14);
    CHECK_CLOSE(Mo.cov(0, 1), cxy, 1e-14);

    // Errors: an indefinite matrix.
    CHECK_THROWS(otcore::bures(diag({1.0, -1.0, 1.0}).view(), S2.view()), OTC_ERR_NOT_PSD);
    // A barycenter stopped by its callback at the first report: a warning, valid output.
    otcore::GaussianBarycenterOptions stop;
    stop.c.callback_every = 1;
    stop.c.callback = [](void *, std::uint64_t, double) -> std::int32_t { return 1; };
    const auto C = otcore::gaussian_barycenter(M, {S1.view(), diag({2.0, 1.0, 1.0}).view()}, {}, stop);
    CHECK(C.status == OTC_WARN_CANCELLED && C.report.iterations == 1 && C.cov(0, 0) > 0);
    return summary();
}

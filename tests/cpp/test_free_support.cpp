// The C++ free-support barycenter against its closed forms: k = 1 returns the input cloud (up
// to order), the barycenter's mean is the lambda-average of the clouds' means, two threads give
// the same support as one, a mass mismatch throws.
#include <algorithm>
#include <cmath>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

int main() {
    const std::size_t n = 12, m = 12;
    std::vector<double> y1(2 * n), y2(2 * n), x0(2 * m);
    for (std::size_t i = 0; i < 2 * n; ++i) {
        y1[i] = std::sin(0.7 * i);
        y2[i] = 3.0 + std::cos(1.3 * i);
        x0[i] = 0.1 * i;
    }
    const std::vector<double> w(n, 1.0 / n), a(m, 1.0 / m);
    const auto Y1 = otcore::View<double>::row_major(y1, 2), Y2 = otcore::View<double>::row_major(y2, 2);
    const auto X0 = otcore::View<double>::row_major(x0, 2);
    // k = 1: the support lands on the cloud's points.
    const auto one = otcore::free_support_barycenter({{Y1, w}}, {1.0}, X0, a);
    CHECK(one.status == OTC_OK && one.report.iterations >= 1);
    std::vector<double> got(one.x.data), want(y1);
    auto by_first = [](const std::vector<double> &v) {
        std::vector<std::pair<double, double>> p;
        for (std::size_t i = 0; i < v.size() / 2; ++i) p.push_back({v[2 * i], v[2 * i + 1]});
        std::sort(p.begin(), p.end());
        return p;
    };
    const auto pg = by_first(got), pw = by_first(want);
    for (std::size_t i = 0; i < pg.size(); ++i) {
        CHECK_CLOSE(pg[i].first, pw[i].first, 1e-15);
        CHECK_CLOSE(pg[i].second, pw[i].second, 1e-15);
    }
    // k = 2: the mean is the lambda-average of the means; threads do not change the support.
    const auto two = otcore::free_support_barycenter({{Y1, w}, {Y2, w}}, {0.25, 0.75}, X0, a,
                                                     otcore::FreeSupportBarycenterOptions().with_num_threads(1));
    otcore::Workspace work;
    const auto two_t = otcore::free_support_barycenter(
        {{Y1, w}, {Y2, w}}, {0.25, 0.75}, X0, a,
        otcore::FreeSupportBarycenterOptions().with_num_threads(2), &work);
    CHECK(two.x.data == two_t.x.data && two.objective == two_t.objective);
    for (std::size_t t = 0; t < 2; ++t) {
        double mx = 0, m1 = 0, m2 = 0;
        for (std::size_t i = 0; i < n; ++i) {
            mx += two.x(i, t) / m;
            m1 += y1[2 * i + t] / n;
            m2 += y2[2 * i + t] / n;
        }
        CHECK_CLOSE(mx, 0.25 * m1 + 0.75 * m2, 1e-13);
    }
    CHECK(two.objective > 0);
    const std::vector<double> heavy(n, 2.0 / n);
    CHECK_THROWS(otcore::free_support_barycenter({{Y1, w}, {Y2, heavy}}, {0.5, 0.5}, X0, a),
                 OTC_ERR_MASS_MISMATCH);
    return summary();
}

// The C++ barycenter API in float against double: fixed support on 8 bins and the
// convolutional barycenter of two 12x10 images agree within float accuracy, sum to 1, and a bad
// weight is rejected with an exception naming the entry point.
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

int main() {
    const std::size_t nb = 8;
    std::vector<double> cost(nb * nb), hists(nb * 2);
    for (std::size_t i = 0; i < nb; ++i) {
        for (std::size_t j = 0; j < nb; ++j) cost[i * nb + j] = std::pow((double(i) - double(j)) / (nb - 1), 2);
        hists[i * 2 + 0] = (1.0 + i) / 36.0;        // 1..8, sums to 36
        hists[i * 2 + 1] = (8.0 - i) / 36.0;
    }
    std::vector<float> cost32(cost.begin(), cost.end()), hists32(hists.begin(), hists.end());
    const auto bo = otcore::BarycenterOptions().with_epsilon(0.02).with_max_iter(500);
    const auto B64 = otcore::barycenter(otcore::View<double>::row_major(hists, 2),
                                        otcore::View<double>::row_major(cost, nb), {1.0, 3.0}, bo);
    const auto B32 = otcore::barycenter(otcore::View<float>::row_major(hists32, 2),
                                        otcore::View<float>::row_major(cost32, nb), {1.0f, 3.0f}, bo);
    // f32 stops at the cap (500) or the tolerance; the marginal error is small either way.
    CHECK(B32.report.iterations > 0 && B32.report.error >= 0 && B32.report.error < 1e-4);
    CHECK(B32.report.status == (B32.report.iterations == 500 ? OTC_WARN_MAX_ITER : OTC_OK));
    // A caller workspace, reused: the same bits as the library's own.
    otcore::Workspace work;
    const auto W64 = otcore::barycenter(otcore::View<double>::row_major(hists, 2),
                                        otcore::View<double>::row_major(cost, nb), {1.0, 3.0}, bo, &work);
    CHECK(W64.hist == B64.hist && W64.report.iterations == B64.report.iterations);
    CHECK(work.bytes() >= otcore::barycenter_workspace_size(otcore::View<double>::row_major(hists, 2), bo));
    // The iteration cap: a warning in the report, not an exception.
    const auto capped = otcore::barycenter(otcore::View<double>::row_major(hists, 2),
                                           otcore::View<double>::row_major(cost, nb), {}, 
                                           otcore::BarycenterOptions(bo).with_max_iter(2).with_tol(0));
    CHECK(capped.report.status == OTC_WARN_MAX_ITER && capped.report.iterations == 2);
    // A callback that stops at its second call: cancelled, 2 x 3 iterations, a valid histogram.
    int calls = 0;
    const otc_callback stop_second = [](void *data, std::uint64_t, double) -> std::int32_t {
        return ++*static_cast<int *>(data) >= 2 ? 1 : 0;
    };
    const auto stopped = otcore::barycenter(otcore::View<double>::row_major(hists, 2),
                                            otcore::View<double>::row_major(cost, nb), {},
                                            otcore::BarycenterOptions(bo).with_tol(0).with_num_threads(2)
                                                .with_callback(3, stop_second, &calls));
    CHECK(stopped.report.status == OTC_WARN_CANCELLED && stopped.report.iterations == 6 && calls == 2);
    double smass = 0;
    for (double v : stopped.hist) smass += v;
    CHECK(std::fabs(smass - 1.0) < 0.1);
    double mass = 0;
    for (std::size_t i = 0; i < nb; ++i) {
        CHECK(std::fabs(double(B32.hist[i]) - B64.hist[i]) < 1e-4);
        mass += B32.hist[i];
    }
    CHECK_CLOSE(mass, 1.0, 1e-4);

    const std::size_t h = 12, w = 10;
    std::vector<double> imgs(h * w * 2);
    double s0 = 0, s1 = 0;
    for (std::size_t p = 0; p < h * w; ++p) {
        const double r = double(p / w) / h, c = double(p % w) / w;
        imgs[p * 2 + 0] = std::exp(-((r - 0.3) * (r - 0.3) + (c - 0.2) * (c - 0.2)) / 0.02) + 1e-3;
        imgs[p * 2 + 1] = std::exp(-((r - 0.7) * (r - 0.7) + (c - 0.8) * (c - 0.8)) / 0.02) + 1e-3;
        s0 += imgs[p * 2 + 0];
        s1 += imgs[p * 2 + 1];
    }
    for (std::size_t p = 0; p < h * w; ++p) { imgs[p * 2] /= s0; imgs[p * 2 + 1] /= s1; }
    std::vector<float> imgs32(imgs.begin(), imgs.end());
    const auto co = otcore::ConvolutionalBarycenterOptions().with_epsilon(0.02).with_max_iter(500).with_num_threads(2);
    const auto C64 = otcore::convolutional_barycenter(otcore::View<double>::row_major(imgs, 2), h, w, {}, co);
    otcore::Workspace cwork;
    const auto C32 = otcore::convolutional_barycenter(otcore::View<float>::row_major(imgs32, 2), h, w, {}, co, &cwork);
    CHECK(C32.report.iterations > 0);
    CHECK(cwork.bytes() >= otcore::convolutional_barycenter_workspace_size<float>(h, w, 2, co));
    double cm = 0;
    for (std::size_t p = 0; p < h * w; ++p) {
        CHECK(std::fabs(double(C32.hist[p]) - C64.hist[p]) < 1e-5);
        cm += C32.hist[p];
    }
    CHECK_CLOSE(cm, 1.0, 1e-4);

    bool threw = false;
    try {
        otcore::convolutional_barycenter(otcore::View<float>::row_major(imgs32, 2), h, w, {1.0f, -1.0f}, co);
    } catch (const std::exception &e) {
        threw = std::string(e.what()).find("otc_convolutional_barycenter_f32") != std::string::npos;
    }
    CHECK(threw);
    return summary();
}

// The C++ semi-discrete API: Laguerre cells against brute force (f64, f32), semi-discrete OT
// reaching its target masses, a callback stopping it, SGD on a symmetric problem (sampler and
// sample array), Lloyd on two clusters, and the
// entropic barycenters (mass, symmetry under swapping inputs and weights, mirrored images).
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double lcg(unsigned &s) {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / double(1u << 24);
}

extern "C" int32_t stop_at_first(void *data, uint64_t, double) {
    ++*static_cast<int *>(data);
    return 1;
}

int main() {
    unsigned seed = 11;
    const std::size_t N = 200, n = 5, d = 2;
    std::vector<double> x(N * d), y(n * d), g(n);
    for (auto &v : x) v = lcg(seed);
    for (auto &v : y) v = lcg(seed);
    for (auto &v : g) v = 0.1 * lcg(seed);
    const auto X = otcore::View<double>::row_major(x, d), Y = otcore::View<double>::row_major(y, d);
    otcore::Workspace work;
    const auto L = otcore::laguerre_assign(X, Y, g, {}, otcore::LaguerreAssignOptions(), &work);
    CHECK(work.bytes() > 0 && L.report.status == OTC_OK);
    std::vector<double> masses(n, 0.0);
    bool same = true;
    for (std::size_t i = 0; i < N; ++i) {
        std::size_t best = 0;
        double bv = 1e300;
        for (std::size_t j = 0; j < n; ++j) {
            const double dx = x[i * d] - y[j * d], dy = x[i * d + 1] - y[j * d + 1];
            const double v = dx * dx + dy * dy - g[j];
            if (v < bv) { bv = v; best = j; }
        }
        same = same && L.cells[i] == best;
        masses[best] += 1.0 / N;
    }
    CHECK(same);
    std::size_t empty = 0;
    for (std::size_t j = 0; j < n; ++j) {
        CHECK_CLOSE(L.masses[j], masses[j], 1e-14);
        empty += masses[j] == 0.0;
    }
    CHECK(L.empty_cells == empty);
    std::vector<float> xf(x.begin(), x.end()), yf(y.begin(), y.end()), gf(g.begin(), g.end());
    const auto Lf = otcore::laguerre_assign(otcore::View<float>::row_major(xf, d),
                                            otcore::View<float>::row_major(yf, d), gf);
    std::size_t agree = 0;
    for (std::size_t i = 0; i < N; ++i) agree += Lf.cells[i] == L.cells[i];
    CHECK(agree >= N - 2);  // float rounding may flip points on a cell boundary

    // Semi-discrete OT to uniform target masses: the cells reach them.
    const std::vector<double> b(n, 1.0 / n);
    otcore::Workspace sdw;
    const auto S = otcore::semidiscrete(X, Y, b, {}, {}, otcore::SemidiscreteOptions(), &sdw);
    CHECK(S.status == OTC_OK && S.report.path == OTC_SEMIDISCRETE_NEWTON);
    CHECK(S.report.error <= otcore::SemidiscreteOptions().c.tol && S.epsilon > 0);
    double gmean = 0;
    for (std::size_t j = 0; j < n; ++j) {
        CHECK(std::fabs(S.masses[j] - b[j]) <= otcore::SemidiscreteOptions().c.tol + 1e-12);
        gmean += S.g[j] / n;
    }
    CHECK(std::fabs(gmean) <= 1e-12);
    // A callback stopping the gradient method at its first call (every 2 steps), 2 threads.
    int calls = 0;
    const auto Sc = otcore::semidiscrete(
        X, Y, b, {}, {},
        otcore::SemidiscreteOptions()
            .with_method(OTC_SEMIDISCRETE_GRADIENT)
            .with_tol(1e-12)
            .with_num_threads(2)
            .with_callback(2, &stop_at_first, &calls));
    CHECK(Sc.status == OTC_WARN_CANCELLED && calls == 1 && Sc.report.iterations == 2);
    bool refused = false;
    try {
        auto o = otcore::SemidiscreteOptions();
        o.c.method = 9;
        otcore::semidiscrete(X, Y, b, {}, {}, o);
    } catch (const otcore::Error &e) {
        refused = e.status() == OTC_ERR_INVALID_ARGUMENT;
    }
    CHECK(refused);

    // SGD: uniform samples on [0,1]^2, two sites mirrored about x = 1/2, equal masses: g ~ 0.
    std::vector<double> y2 = {0.25, 0.5, 0.75, 0.5};
    unsigned sseed = 5;
    const otcore::Sampler sample = [&](std::size_t count, double *out) {
        for (std::size_t k = 0; k < 2 * count; ++k) out[k] = lcg(sseed);
    };
    otcore::Workspace sgw;
    const auto g2 = otcore::semidiscrete_sgd(sample, otcore::View<double>::row_major(y2, 2), {0.5, 0.5},
                                             otcore::SemidiscreteSgdOptions().with_num_threads(1), &sgw);
    CHECK(std::fabs(g2.g[0]) <= 0.02 && std::fabs(g2.g[0] + g2.g[1]) <= 1e-12);
    CHECK(g2.report.iterations == otcore::SemidiscreteSgdOptions().c.iterations && g2.step > 0);
    const otcore::Sampler failing = [](std::size_t, double *) { throw std::runtime_error("no"); };
    bool rethrown = false;
    try {
        otcore::semidiscrete_sgd(failing, otcore::View<double>::row_major(y2, 2), {0.5, 0.5});
    } catch (const std::runtime_error &) {
        rethrown = true;
    }
    CHECK(rethrown);

    // Lloyd: two tight clusters around (0,0) and (1,1); sites converge to the cluster means.
    std::vector<double> pts = {0, 0, 0.1, 0, 0, 0.1, 1, 1, 0.9, 1, 1, 0.9};
    const std::vector<double> sites0 = {0.2, 0.3, 0.7, 0.8};
    std::vector<double> sites(4);
    otcore::Workspace lw;
    const auto Lr = otcore::lloyd(otcore::View<double>::row_major(pts, 2),
                                  otcore::View<double>::row_major(sites0, 2),
                                  otcore::MutView<double>::row_major(sites.data(), 2, 2), {},
                                  otcore::LloydOptions().with_max_iter(100), &lw);
    CHECK(Lr.status == OTC_OK && Lr.report.error == 0.0);
    CHECK_CLOSE(sites[0], 0.1 / 3, 1e-12);
    CHECK_CLOSE(sites[3], 2.9 / 3, 1e-12);
    CHECK_CLOSE(Lr.distortion, 4 * (2 * std::pow(0.1 / 3, 2) + std::pow(0.2 / 3, 2)) / 6 / 1, 1e-12);

    // Single precision: semi-discrete OT and Lloyd agree with double.
    {
        std::vector<float> bf(b.begin(), b.end());
        const auto Xf = otcore::View<float>::row_major(xf, d), Yf = otcore::View<float>::row_major(yf, d);
        const auto Sf = otcore::semidiscrete(Xf, Yf, bf);
        CHECK(Sf.status == OTC_OK);
        for (std::size_t j = 0; j < n; ++j) {
            CHECK_CLOSE(Sf.g[j], S.g[j], 1e-4);
            CHECK(std::fabs(Sf.masses[j] - b[j]) <= 2.0 / N);
        }
        std::vector<float> ptsf(pts.begin(), pts.end()), sites0f = {0.2f, 0.3f, 0.7f, 0.8f}, sitesf(4);
        const auto Lrf = otcore::lloyd(otcore::View<float>::row_major(ptsf, 2),
                                       otcore::View<float>::row_major(sites0f, 2),
                                       otcore::MutView<float>::row_major(sitesf.data(), 2, 2), {},
                                       otcore::LloydOptions().with_tol(1e-6));
        CHECK(Lrf.status == OTC_OK);
        for (std::size_t k = 0; k < 4; ++k) CHECK_CLOSE(sitesf[k], sites[k], 1e-6);
        CHECK_CLOSE(Lrf.distortion, Lr.distortion, 1e-7);
    }

    // SGD from a sample array (a 40 x 40 grid of [0,1]^2), mirrored sites with equal masses: g ~ 0;
    // the same seed gives the same g on 1 and 2 threads; float agrees with double.
    {
        std::vector<double> grid;
        for (int i = 0; i < 40; ++i)
            for (int k = 0; k < 40; ++k) { grid.push_back((k + 0.5) / 40); grid.push_back((i + 0.5) / 40); }
        const auto G = otcore::View<double>::row_major(grid, 2), Y2 = otcore::View<double>::row_major(y2, 2);
        otcore::Workspace sw;
        const auto ga = otcore::semidiscrete_sgd_samples(G, Y2, {0.5, 0.5}, {}, otcore::SemidiscreteSgdOptions().with_seed(7).with_num_threads(1), &sw);
        const auto gb = otcore::semidiscrete_sgd_samples(G, Y2, {0.5, 0.5}, {}, otcore::SemidiscreteSgdOptions().with_seed(7).with_num_threads(2));
        CHECK(ga.g == gb.g);
        CHECK(std::fabs(ga.g[0]) <= 0.02 && std::fabs(ga.g[0] + ga.g[1]) <= 1e-12);
        std::vector<float> gridf(grid.begin(), grid.end()), y2f(y2.begin(), y2.end());
        const auto gf2 = otcore::semidiscrete_sgd_samples(otcore::View<float>::row_major(gridf, 2),
                                                          otcore::View<float>::row_major(y2f, 2), {0.5f, 0.5f}, {},
                                                          otcore::SemidiscreteSgdOptions().with_seed(7));
        CHECK(std::fabs(gf2.g[0]) <= 0.02);
        unsigned fseed = 5;
        const otcore::SamplerOf<float> fsample = [&](std::size_t count, float *out) {
            for (std::size_t k = 0; k < 2 * count; ++k) out[k] = float(lcg(fseed));
        };
        const auto g3 = otcore::semidiscrete_sgd<float>(fsample, otcore::View<float>::row_major(y2f, 2), {0.5f, 0.5f},
                                                        otcore::SemidiscreteSgdOptions().with_num_threads(1));
        CHECK(std::fabs(g3.g[0]) <= 0.02 && std::fabs(g3.g[0] + g3.g[1]) <= 1e-6);
        bool nonfinite = false;
        grid[3] = std::nan("");
        try {
            otcore::semidiscrete_sgd_samples(G, Y2, {0.5, 0.5});
        } catch (const otcore::Error &e) {
            nonfinite = e.status() == OTC_ERR_NON_FINITE;
        }
        CHECK(nonfinite);
    }

    // Fixed-support barycenter on 8 bins of [0, 1]: a histogram, symmetric in (inputs, weights).
    const std::size_t nb = 8;
    std::vector<double> cost(nb * nb), hists(nb * 2, 0.0), swapped(nb * 2, 0.0);
    for (std::size_t i = 0; i < nb; ++i)
        for (std::size_t j = 0; j < nb; ++j) cost[i * nb + j] = std::pow((double(i) - double(j)) / (nb - 1), 2);
    hists[0 * 2 + 0] = 0.5; hists[1 * 2 + 0] = 0.5;    // column 0: mass at bins 0, 1
    hists[6 * 2 + 1] = 0.5; hists[7 * 2 + 1] = 0.5;    // column 1: mass at bins 6, 7
    for (std::size_t i = 0; i < nb; ++i) { swapped[i * 2] = hists[i * 2 + 1]; swapped[i * 2 + 1] = hists[i * 2]; }
    const auto bo = otcore::BarycenterOptions().with_epsilon(0.01);
    otcore::Workspace bw;
    const auto B1 = otcore::barycenter(otcore::View<double>::row_major(hists, 2), otcore::View<double>::row_major(cost, nb), {0.3, 0.7}, bo, &bw);
    const auto B2 = otcore::barycenter(otcore::View<double>::row_major(swapped, 2), otcore::View<double>::row_major(cost, nb), {0.7, 0.3}, bo);
    double mass = 0, mean = 0;
    for (std::size_t i = 0; i < nb; ++i) {
        mass += B1.hist[i];
        mean += B1.hist[i] * i;
        CHECK_CLOSE(B1.hist[i], B2.hist[i], 1e-10);
    }
    CHECK_CLOSE(mass, 1.0, 1e-6);
    CHECK(mean > 3.5 && mean < 5.5);  // the 0.3/0.7 barycenter lies nearer the second input
    CHECK(B1.report.iterations > 0);
    CHECK(otcore::barycenter_workspace_size(otcore::View<double>::row_major(hists, 2)) > 0);

    // Convolutional: two images mirrored left-right, equal weights: the barycenter is mirror
    // symmetric and sums to 1.
    const std::size_t h = 6, w = 6;
    std::vector<double> imgs(h * w * 2, 0.0);
    for (std::size_t r = 1; r < 5; ++r) {
        imgs[(r * w + 0) * 2 + 0] = 0.25;
        imgs[(r * w + (w - 1)) * 2 + 1] = 0.25;
    }
    const auto Cb = otcore::convolutional_barycenter(otcore::View<double>::row_major(imgs, 2), h, w, {},
                                                     otcore::ConvolutionalBarycenterOptions().with_epsilon(0.02));
    double cm = 0;
    for (std::size_t r = 0; r < h; ++r)
        for (std::size_t c = 0; c < w; ++c) {
            cm += Cb.hist[r * w + c];
            CHECK_CLOSE(Cb.hist[r * w + c], Cb.hist[r * w + (w - 1 - c)], 1e-9);
        }
    CHECK_CLOSE(cm, 1.0, 1e-6);
    CHECK(otcore::convolutional_barycenter_workspace_size<double>(h, w, 2) > 0);
    return summary();
}

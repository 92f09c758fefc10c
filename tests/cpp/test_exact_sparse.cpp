// The C++ API of the exact solvers of the ABI 1 shape: assignment against brute force, the
// grid solver against the dense network simplex on the grid's cost, partial and TV-unbalanced
// OT against optima known by hand; errors as exceptions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "check.hpp"
#include "otcore.hpp"

static double lcg(unsigned &s) {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / double(1u << 24);
}

int main() {
    // Assignment: brute force over the 720 permutations of 6.
    const std::size_t n = 6;
    unsigned seed = 11;
    std::vector<double> c(n * n);
    for (auto &v : c) v = lcg(seed);
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    double best = 1e300;
    do {
        double s = 0;
        for (std::size_t i = 0; i < n; ++i) s += c[i * n + perm[i]];
        best = std::min(best, s);
    } while (std::next_permutation(perm.begin(), perm.end()));
    const auto view = otcore::View<double>::row_major(c.data(), n, n);
    const otcore::AssignmentResult r = otcore::assignment(view);
    CHECK_CLOSE(r.cost, best, 1e-14);
    CHECK(r.gap <= 0 && r.gap > -1e-12);
    CHECK(r.report.status == OTC_OK);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) CHECK(r.u[i] + r.v[j] <= c[i * n + j] + 1e-12);
    // A batch of two (the same cost row- and column-major) on two threads, with a workspace.
    otcore::Workspace work;
    const auto tview = otcore::View<double>::col_major(c.data(), n, n);  // the transpose
    const otcore::AssignmentResult rb = otcore::assignment(
        std::vector<otcore::View<double>>{view, tview}, otcore::AssignmentOptions().with_num_threads(2),
        &work);
    CHECK_CLOSE(rb.problem_costs[0], best, 1e-14);
    CHECK_CLOSE(rb.problem_costs[1], best, 1e-14);
    for (std::size_t i = 0; i < n; ++i) CHECK(rb.perm[n + rb.perm[i]] == i);
    std::vector<double> bad = c;
    bad[3] = std::numeric_limits<double>::infinity();
    CHECK_THROWS(otcore::assignment(otcore::View<double>::row_major(bad.data(), n, n)),
                 OTC_ERR_NON_FINITE);

    // Grid 3 x 4: equal to the dense simplex on the squared Euclidean grid cost.
    const std::size_t h = 3, w = 4, px = h * w;
    std::vector<double> a(px), b(px), cg(px * px);
    double sa = 0, sb = 0;
    for (std::size_t i = 0; i < px; ++i) {
        a[i] = (i * 5) % 3;
        b[i] = 1 + (i * 7) % 4;
        sa += a[i];
        sb += b[i];
    }
    for (std::size_t i = 0; i < px; ++i) {
        a[i] /= sa;
        b[i] /= sb;
        for (std::size_t j = 0; j < px; ++j) {
            const double dy = double(i / w) - double(j / w), dx = double(i % w) - double(j % w);
            cg[i * px + j] = dy * dy + dx * dx;
        }
    }
    const otcore::EmdGridResult g = otcore::emd_grid({h, w}, a, b);
    const otcore::EmdResult dense = otcore::emd(a, b, cg);
    CHECK_CLOSE(g.cost, dense.cost, 1e-12);
    CHECK(g.gap <= 0 && g.gap > -1e-12);
    double total = 0;
    for (std::size_t k = 0; k < g.plan.mass.size(); ++k)
        total += g.plan.mass[k] * cg[g.plan.rows[k] * px + g.plan.cols[k]];
    CHECK_CLOSE(total, g.cost, 1e-12);
    CHECK_THROWS(otcore::emd_grid({h, w}, a, b, {1.0, -1.0}), OTC_ERR_INVALID_ARGUMENT);

    // Point clouds with costs on the fly: the dense emd's optimum on the same Euclidean costs.
    const std::size_t np = 40, mp = 30, dp = 2;
    std::vector<double> xp(np * dp), yp(mp * dp), ap2(np, 1.0 / np), bp2(mp, 1.0 / mp);
    for (std::size_t k = 0; k < xp.size(); ++k) xp[k] = double((k * 37) % 101) / 101.0;
    for (std::size_t k = 0; k < yp.size(); ++k) yp[k] = double((k * 53) % 97) / 97.0;
    const auto euclid = otcore::EmdPointsOptions().with_metric(OTC_METRIC_EUCLIDEAN);
    const otcore::EmdPointsResult ep = otcore::emd_points(ap2, bp2, xp, yp, dp, euclid);
    const otcore::Matrix<double> ce = otcore::cost_matrix(
        xp, yp, dp, otcore::CostMatrixOptions().with_metric(OTC_METRIC_EUCLIDEAN));
    const otcore::EmdResult de = otcore::emd(ap2, bp2, ce.view());
    CHECK_CLOSE(ep.cost, de.cost, 1e-12);
    CHECK(ep.gap <= 0 && ep.gap > -1e-12 && ep.f.size() == np && ep.g.size() == mp);
    CHECK(ep.plan.mass.size() <= np + mp - 1);
    CHECK_THROWS(otcore::emd_points(ap2, bp2, xp, yp, dp,
                                    otcore::EmdPointsOptions().with_metric(OTC_METRIC_COSINE)),
                 OTC_ERR_INVALID_ARGUMENT);

    // Partial and TV: C = [0 3; 1 2], a = (1/2, 1/2), b = (1/4, 3/4).
    const std::vector<double> cp = {0, 3, 1, 2}, ap = {0.5, 0.5}, bp = {0.25, 0.75};
    const auto cv = otcore::View<double>::row_major(cp.data(), 2, 2);
    const otcore::EmdPartialResult p = otcore::emd_partial(ap, bp, cv, 0.75,
                                                           otcore::EmdPartialOptions(), true);
    CHECK_CLOSE(p.out.cost, 1.0, 1e-14);
    CHECK_CLOSE(p.dense(1, 1), 0.5, 1e-15);
    CHECK(p.out.f == nullptr && p.plan.mass.size() == p.out.plan_nnz);
    const otcore::EmdUnbalancedTvResult t = otcore::emd_unbalanced_tv(ap, bp, cv, 0.9);
    CHECK_CLOSE(t.out.transported_mass, 0.25, 1e-14);
    CHECK_CLOSE(t.out.objective, ap[0] * t.f[0] + ap[1] * t.f[1] + bp[0] * t.g[0] + bp[1] * t.g[1],
                1e-12);
    CHECK_THROWS(otcore::emd_partial(ap, bp, cv, 2.0), OTC_ERR_INVALID_ARGUMENT);

    // Entropic partial OT on the same problem: as eps -> 0 it tends to the exact partial plan
    // (cost 1), with the capacities and the mass held and the dual conventions of emd_partial.
    const otcore::SinkhornPartialResult sp = otcore::sinkhorn_partial(
        ap, bp, cv, 0.75, otcore::SinkhornPartialOptions().with_epsilon(0.01).with_tolerance(1e-12),
        true);
    CHECK(sp.out.report.status == OTC_OK);
    CHECK_CLOSE(sp.out.transported_mass, 0.75, 1e-15);
    CHECK(sp.out.transport_cost >= 1.0 - 1e-12 && sp.out.transport_cost < 1.0 + 1e-3);
    double moved = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(sp.f[i] <= 0 && sp.plan(i, 0) + sp.plan(i, 1) <= ap[i] + 1e-12);
        for (std::size_t j = 0; j < 2; ++j) {
            const double pij = ap[i] * bp[j] *
                               std::exp((sp.f[i] + sp.g[j] + sp.out.mass_price - cp[2 * i + j]) / 0.01);
            CHECK_CLOSE(sp.plan(i, j), pij, 1e-14);
            moved += sp.plan(i, j);
        }
    }
    CHECK_CLOSE(moved, 0.75, 1e-12);
    CHECK_THROWS(otcore::sinkhorn_partial(ap, bp, cv, 0.0), OTC_ERR_INVALID_ARGUMENT);
    return summary();
}

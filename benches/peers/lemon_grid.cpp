// LEMON 1.3's NetworkSimplex on one grid transport problem, for benches/exact_grid.rs (run by
// benches/peers/lemon_grid.sh). Reads from stdin the side s of an s x s grid, then s*s integer
// source masses and s*s integer target masses (equal totals); builds the complete bipartite
// graph with the integer squared Euclidean cost in pixel units; prints the optimal cost and
// the time of NetworkSimplex::run() in milliseconds (the graph construction is not timed).
#include <lemon/network_simplex.h>
#include <lemon/static_graph.h>

#include <chrono>
#include <cstdio>
#include <utility>
#include <vector>

int main() {
  int s;
  if (std::scanf("%d", &s) != 1) return 1;
  const int n = s * s;
  std::vector<long long> a(n), b(n);
  for (auto& x : a)
    if (std::scanf("%lld", &x) != 1) return 1;
  for (auto& x : b)
    if (std::scanf("%lld", &x) != 1) return 1;
  std::vector<std::pair<int, int>> arcs;
  arcs.reserve(static_cast<size_t>(n) * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) arcs.emplace_back(i, n + j);
  lemon::StaticDigraph g;
  g.build(2 * n, arcs.begin(), arcs.end());
  arcs = {};
  lemon::StaticDigraph::ArcMap<long long> cost(g);
  lemon::StaticDigraph::NodeMap<long long> supply(g);
  for (int i = 0; i < n; ++i) {
    supply[g.node(i)] = a[i];
    supply[g.node(n + i)] = -b[i];
  }
  for (lemon::StaticDigraph::ArcIt e(g); e != lemon::INVALID; ++e) {
    const int i = g.index(g.source(e)), j = g.index(g.target(e)) - n;
    const long long dy = i / s - j / s, dx = i % s - j % s;
    cost[e] = dy * dy + dx * dx;
  }
  lemon::NetworkSimplex<lemon::StaticDigraph, long long, long long> ns(g);
  ns.costMap(cost).supplyMap(supply);
  const auto t0 = std::chrono::steady_clock::now();
  const auto status = ns.run();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (status != lemon::NetworkSimplex<lemon::StaticDigraph, long long, long long>::OPTIMAL)
    return 2;
  std::printf("%lld %.3f\n", ns.totalCost(), ms);
  return 0;
}

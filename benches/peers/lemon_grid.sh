#!/bin/sh
# Builds the LEMON 1.3 NetworkSimplex program (Debian: apt-get install liblemon-dev) and runs
# benches/exact_grid.rs with it beside otcore's grid solver and dense emd, at 32x32 and 64x64
# (or the sizes given, e.g. `benches/peers/lemon_grid.sh 32`). Prints per size and class the
# mean times per pair and the ratios dense/grid and LEMON/grid.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$root/target"
c++ -O3 -DNDEBUG -std=c++17 -o "$root/target/lemon_grid" "$root/benches/peers/lemon_grid.cpp"
cd "$root"
OTCORE_LEMON_BIN="$root/target/lemon_grid" cargo bench --bench exact_grid -- "${1:-32,64}"

#!/usr/bin/env bash
# Builds HiGHS (the LP solver of the exact-OT cross-check tests, through good_lp) once, from
# the sources bundled in the highs-sys crate of Cargo.lock, as a static library under
# /opt/otcore-highs-<version> (or $OTCORE_HIGHS_PREFIX), and prints the environment that
# makes highs-sys find it with pkg-config instead of building it again. Without it,
# highs-sys builds HiGHS in every cargo profile and mode that needs it (clippy and the tests
# each build their own copy: minutes on a 2-core machine).
# Usage: eval "$(bash scripts/highs.sh)". Needs cmake, g++, pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(awk '/^name = "highs-sys"$/ {getline; gsub(/"/, "", $3); print $3}' Cargo.lock)
[ -n "$version" ] || { echo "highs.sh: no highs-sys in Cargo.lock" >&2; exit 1; }
prefix=${OTCORE_HIGHS_PREFIX:-/opt/otcore-highs-$version}
pc_dir=$prefix/lib/pkgconfig

if [ ! -f "$pc_dir/highs.pc" ]; then
    cargo fetch --locked >&2
    src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/highs-sys-"$version"/HiGHS | head -1)
    build=$(mktemp -d /tmp/otcore-highs-build.XXXXXX)
    echo "== building HiGHS (highs-sys $version) into $prefix" >&2
    # The options highs-sys's own build uses (static, no zlib, no executables), at -O1: the
    # tests solve small LPs, and -O1 compiles faster than the -O3 of Release.
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
        -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" -DCMAKE_C_FLAGS_RELEASE="-O1 -DNDEBUG" \
        -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DFAST_BUILD=ON \
        -DBUILD_SHARED_LIBS=OFF -DBUILD_CXX_EXE=OFF \
        -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF -DZLIB=OFF >&2
    cmake --build "$build" --parallel "$(nproc)" >&2
    cmake --install "$build" >&2
    # A static C++ library: its users also link the C++ runtime.
    sed -i 's/^Libs.private:.*/Libs.private: -lstdc++ -lm/' "$pc_dir/highs.pc"
    rm -rf "$build"
fi
echo "export PKG_CONFIG_PATH=$pc_dir\${PKG_CONFIG_PATH:+:\$PKG_CONFIG_PATH} HIGHS_STATIC=1"

#!/usr/bin/env bash
# Runs every test of otcore on a Debian machine as root, installing what the tests need:
# cmake and libclang (to build HiGHS once for the exact-OT cross-check: scripts/highs.sh),
# C/C++/Fortran compilers, valgrind, pkg-config, OpenMPI, R with testthat (for the R
# binding), and Doxygen. First the gates: formatting, clippy without warnings, the Rust docs
# without warnings (private items included, so that their links are checked too), and the C
# API reference (the header's doc comments) rendered by Doxygen without warnings; then the
# tests (which include the generated files' freshness and `R CMD check` of the R package).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in cmake libclang-dev clang g++ gfortran valgrind pkg-config make \
           openmpi-bin libopenmpi-dev r-base-dev r-cran-testthat doxygen; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "== installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "cargo not found: install a Rust toolchain >= 1.86 (the tests; the library needs 1.84)" >&2; exit 1; }

# HiGHS built once for every cargo step below (see scripts/highs.sh); should that fail,
# highs-sys builds its own copy (slower, same tests).
if highs_env=$(bash scripts/highs.sh); then
    eval "$highs_env"
else
    echo "== scripts/highs.sh failed: highs-sys builds HiGHS itself" >&2
fi

# Native-toolchain tests fail (rather than skip) when a tool is missing.
export OTCORE_REQUIRE_TOOLS=1
# MPI as root inside CI containers.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

echo "== gates: cargo fmt --check, clippy -D warnings, cargo doc -D warnings, Doxygen"
cargo fmt --all --check
cargo clippy --all-targets --all-features -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --document-private-items -p otcore -p otcore-abi-gen
bash scripts/api_docs.sh

echo "== cargo test (all features: the HiGHS cross-check included)"
# The C ABI fuzz harness: 30 s, a seed from the commit (another sequence for every commit,
# the same on a rerun; a failure prints it for OTCORE_FUZZ_SEED).
if [ -z "${OTCORE_FUZZ_SEED:-}" ] && commit=$(git rev-parse --short=12 HEAD 2>/dev/null); then
  export OTCORE_FUZZ_SEED=$((16#$commit))
fi
export OTCORE_FUZZ_SECONDS="${OTCORE_FUZZ_SECONDS:-30}"
cargo test --all-features --no-fail-fast

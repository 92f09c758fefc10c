#!/usr/bin/env bash
# Renders the C API reference (the doc comments of include/otcore.h, with docs/abi.md as its
# front page) into target/api/html with Doxygen; fails on any Doxygen warning.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v doxygen >/dev/null || { echo "doxygen not found: apt-get install doxygen" >&2; exit 1; }
mkdir -p target/api
doxygen docs/Doxyfile
echo "API reference: target/api/html/index.html"

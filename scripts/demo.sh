#!/usr/bin/env bash
# Runs the otcore demo on built-in data (release build).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --example demo

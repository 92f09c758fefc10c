#!/usr/bin/env bash
# Installs otcore under a prefix:
#   PREFIX/lib/libotcore.so.X.Y.Z, libotcore.so.X -> (SONAME), libotcore.so -> (link name),
#   PREFIX/lib/libotcore.a, PREFIX/include/otcore.h, PREFIX/include/otcore.hpp (C++17 wrapper)
#   and otcore_abi.hpp (its generated layer), PREFIX/share/otcore/fortran/otcore_c.f90 and
#   otcore.f90 (the Fortran modules, to compile with the application),
#   PREFIX/lib/pkgconfig/otcore.pc, PREFIX/lib/cmake/otcore/otcoreConfig[Version].cmake.
#
# Usage: scripts/install.sh PREFIX [--profile release|debug] [--from DIR]
#   --profile  cargo profile to build and install (default: release)
#   --from DIR install the libraries already built in DIR (no cargo build), e.g. target/debug
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
prefix="$1"; shift
profile=release
from=""
while [ $# -gt 0 ]; do
    case "$1" in
        --profile) profile="${2:?}"; shift 2 ;;
        --from) from="${2:?}"; shift 2 ;;
        *) usage ;;
    esac
done
case "$profile" in release|debug) ;; *) usage ;; esac

if [ -z "$from" ]; then
    if [ "$profile" = release ]; then
        (cd "$root" && cargo build --release --lib)
    else
        (cd "$root" && cargo build --lib)
    fi
    from="${CARGO_TARGET_DIR:-$root/target}/$profile"
fi
for f in libotcore.so libotcore.a; do
    [ -f "$from/$f" ] || { echo "install.sh: $from/$f not found" >&2; exit 1; }
done

# The version, from the header's macros (checked against Cargo.toml by tests/bindings/version.rs).
macro() { awk -v n="$1" '$1 == "#define" && $2 == n { print $3 }' "$root/include/otcore.h"; }
major="$(macro OTC_VERSION_MAJOR)"
version="$major.$(macro OTC_VERSION_MINOR).$(macro OTC_VERSION_PATCH)"

mkdir -p "$prefix/lib/pkgconfig" "$prefix/lib/cmake/otcore" "$prefix/include"
install -m 0755 "$from/libotcore.so" "$prefix/lib/libotcore.so.$version"
ln -sfn "libotcore.so.$version" "$prefix/lib/libotcore.so.$major"
ln -sfn "libotcore.so.$major" "$prefix/lib/libotcore.so"
install -m 0644 "$from/libotcore.a" "$prefix/lib/libotcore.a"
install -m 0644 "$root/include/otcore.h" "$prefix/include/otcore.h"
install -m 0644 "$root/bindings/cpp/otcore.hpp" "$prefix/include/otcore.hpp"
install -m 0644 "$root/bindings/cpp/otcore_abi.hpp" "$prefix/include/otcore_abi.hpp"
install -d "$prefix/share/otcore/fortran"
install -m 0644 "$root/bindings/fortran/otcore_c.f90" "$root/bindings/fortran/otcore.f90" \
    "$prefix/share/otcore/fortran/"

subst() { sed -e "s/@VERSION@/$version/g" -e "s/@MAJOR@/$major/g" "$1" > "$2"; chmod 0644 "$2"; }
subst "$root/bindings/packaging/otcore.pc.in" "$prefix/lib/pkgconfig/otcore.pc"
subst "$root/bindings/packaging/otcoreConfig.cmake.in" "$prefix/lib/cmake/otcore/otcoreConfig.cmake"
subst "$root/bindings/packaging/otcoreConfigVersion.cmake.in" \
      "$prefix/lib/cmake/otcore/otcoreConfigVersion.cmake"
echo "installed otcore $version under $prefix"

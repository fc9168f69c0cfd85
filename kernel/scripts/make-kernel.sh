#!/usr/bin/env bash
# Runs make in a Dust kernel tree with the one build environment every run shares:
# CC through ccache (the cache lives beside the tree) and fixed build identity, so
# the kernel test's incremental builds reuse setup's objects and ccache entries.
# Usage: make-kernel.sh TREE [make arguments...]
set -euo pipefail
TREE=$1
shift
CACHE_DIR=${DUST_CACHE_DIR:-$HOME/.cache/dust}
export CCACHE_DIR=${CCACHE_DIR:-$CACHE_DIR/ccache}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$TREE")}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-3G}
export KBUILD_BUILD_TIMESTAMP='Sun Dec 11 00:00:00 UTC 2022'
export KBUILD_BUILD_USER=dust KBUILD_BUILD_HOST=dust
exec make -C "$TREE" -j"$(nproc)" CC="ccache gcc" "$@"

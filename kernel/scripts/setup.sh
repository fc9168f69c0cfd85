#!/usr/bin/env bash
# Prepares everything `dust kernel-test` needs, idempotently:
#   1. Debian packages (only when something is missing),
#   2. a Linux 6.1 tree extracted from Debian's linux-source-6.1 into the cache,
#      committed to git as the clean base (tag dust-base) so series apply with `git am`,
#   3. the base kernel configuration (tinyconfig + kernel.config), saved as .dust/base.config,
#   4. a pre-built bzImage, compiled through ccache, so later runs rebuild only what changed.
# Environment: DUST_CACHE_DIR (default ~/.cache/dust), DUST_SKIP_APT=1 to never call apt.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE_DIR=${DUST_CACHE_DIR:-$HOME/.cache/dust}
TREE=$CACHE_DIR/linux-6.1
SOURCE_TARBALL=/usr/src/linux-source-6.1.tar.xz
PACKAGES=(linux-source-6.1 flex bison bc libelf-dev libssl-dev qemu-system-x86 cpio
  ccache gcc make git libc6-dev perl xz-utils)
START=$(date +%s)

say() { printf '[kernel:setup +%3ss] %s\n' "$(($(date +%s) - START))" "$*"; }

install_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "packages: all present"
    return
  fi
  if [ "${DUST_SKIP_APT:-}" = 1 ]; then
    say "packages missing (${missing[*]}) and DUST_SKIP_APT=1" >&2
    exit 1
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { say "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  say "packages: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

extract_tree() {
  if git -C "$TREE" rev-parse -q --verify dust-base >/dev/null 2>&1; then
    say "tree: $TREE (base commit present)"
    return
  fi
  say "tree: extracting $SOURCE_TARBALL"
  mkdir -p "$CACHE_DIR"
  rm -rf "$CACHE_DIR"/extract.* # left by an interrupted run
  local tmp
  tmp=$(mktemp -d "$CACHE_DIR/extract.XXXXXX")
  tar -xJf "$SOURCE_TARBALL" -C "$tmp" --strip-components=1
  say "tree: committing the clean base"
  git -C "$tmp" init -q
  # The base commit makes ~75k loose objects: no background repack competing with builds.
  git -C "$tmp" config gc.auto 0
  # -f: Debian's top-level .gitignore ignores "/*"; the base must hold every file.
  git -C "$tmp" add -A -f
  GIT_AUTHOR_NAME=dust GIT_AUTHOR_EMAIL=dust@localhost GIT_AUTHOR_DATE='2022-12-11T00:00:00Z' \
    GIT_COMMITTER_NAME=dust GIT_COMMITTER_EMAIL=dust@localhost GIT_COMMITTER_DATE='2022-12-11T00:00:00Z' \
    git -C "$tmp" commit -q -m "Linux 6.1 (Debian linux-source-6.1)"
  git -C "$tmp" tag dust-base
  rm -rf "$TREE"
  mv "$tmp" "$TREE"
}

configure_tree() {
  local wanted
  wanted=$(cat "$SCRIPT_DIR/kernel.config" | sha256sum | cut -c1-16)
  if [ -f "$TREE/.dust/base.config" ] && [ "$(cat "$TREE/.dust/base.config.hash" 2>/dev/null)" = "$wanted" ] \
    && [ -f "$TREE/.config" ]; then
    say "config: up to date"
    return
  fi
  say "config: tinyconfig + $(grep -v '^#' "$SCRIPT_DIR/kernel.config" | tr '\n' ' ')"
  make -C "$TREE" -s tinyconfig >/dev/null
  local args=()
  while read -r sym; do
    case "$sym" in ''|'#'*) continue ;; esac
    args+=(--enable "$sym")
  done <"$SCRIPT_DIR/kernel.config"
  "$TREE/scripts/config" --file "$TREE/.config" "${args[@]}"
  make -C "$TREE" -s olddefconfig >/dev/null
  while read -r sym; do
    case "$sym" in ''|'#'*) continue ;; esac
    grep -q "^CONFIG_$sym=y" "$TREE/.config" || { say "config: CONFIG_$sym did not stick" >&2; exit 1; }
  done <"$SCRIPT_DIR/kernel.config"
  # The kernel test starts every configuration from this file (tree-local, ignored by git).
  mkdir -p "$TREE/.dust"
  cp "$TREE/.config" "$TREE/.dust/base.config"
  echo "$wanted" >"$TREE/.dust/base.config.hash"
}

build_tree() {
  say "build: make -j$(nproc) bzImage (ccache in $CACHE_DIR/ccache)"
  local log=$CACHE_DIR/setup-build.log
  if ! "$SCRIPT_DIR/make-kernel.sh" "$TREE" bzImage >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    say "build: FAILED (full log: $log)" >&2
    exit 1
  fi
  say "build: $(stat -c %s "$TREE/arch/x86/boot/bzImage") bytes bzImage"
}

prepare_am_worktree() {
  # The kernel test runs `git am` here, apart from the build tree (see apply-series.ts).
  if [ -e "$TREE.am/.git" ]; then
    say "am worktree: $TREE.am"
    return
  fi
  say "am worktree: checking out $TREE.am"
  git -C "$TREE" worktree prune
  git -C "$TREE" worktree add -q --detach "$TREE.am" dust-base
}

# Same lock as the kernel test (src/test/lock-tree.ts): a directory beside the
# tree holding the owner's pid, so setup never builds under a running test.
lock_tree() {
  mkdir -p "$CACHE_DIR"
  local waited=0
  until mkdir "$TREE.lock" 2>/dev/null; do
    local owner
    owner=$(cat "$TREE.lock/pid" 2>/dev/null || true)
    # A dead owner, or no pid for 5 s (its creator died right after mkdir): take over.
    if { [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; } || { [ -z "$owner" ] && [ "$waited" -gt 5 ]; }; then
      rm -rf "$TREE.lock"
      continue
    fi
    [ "$waited" = 0 ] && say "waiting for the kernel test holding $TREE (pid ${owner:-?})"
    waited=$((waited + 1))
    sleep 1
  done
  echo $$ >"$TREE.lock/pid"
  trap 'rm -rf "$TREE.lock"' EXIT
}

install_packages
lock_tree
extract_tree
prepare_am_worktree
configure_tree
build_tree
say "done: tree $TREE"

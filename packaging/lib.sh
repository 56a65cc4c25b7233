# Helpers shared by the packaging scripts; source it, do not run it.
# shellcheck shell=bash disable=SC2034 # its variables are used by the scripts that source it

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# What the packaging scripts make for this checkout (dist/ holds the artefacts).
PACKAGING_OUT="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/packaging"
DIST_DIR="$PACKAGING_OUT/dist"
# Builds that outlive a checkout, as cargo's download cache in ~/.cargo does: std and the
# dependencies for each target, GLib import libraries, the wine prefix. A fresh machine
# starts cold; later runs, CI's fresh clones included, rebuild little more than the plugin.
PACKAGING_CACHE="${PURPLE_LYNC_PACKAGING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/purple-lync-packaging}"

log() { printf '==> %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's Rust for the cross builds (Windows, FreeBSD). rustc-web ships the std source
# (rust-web-src) but no std for other targets, so std is compiled with the plugin
# (-Zbuild-std; RUSTC_BOOTSTRAP=1 lets the stable compiler take -Z). rustup's compiler cannot
# build that source (it must be the very same version), hence /usr/bin first.
DEBIAN_RUST_PACKAGES=(rustc-web cargo-web rust-web-src)
# What the wine64 smoke test and the Debian package need (the Windows build's list is in
# windows/toolchain.sh).
WINE_PACKAGES=(wine wine64 gcc-mingw-w64-x86-64 binutils-mingw-w64 libglib2.0-dev)
DEB_PACKAGES=(dpkg-dev binutils pkg-config libpurple-dev libglib2.0-dev)
# One target dir for every cross target: the host build scripts are built once, and each
# target's std is kept for the next step and the next run.
CROSS_CARGO_TARGET_DIR="$PACKAGING_CACHE/cross-cargo"

use_debian_rust() {
  export PATH="/usr/bin:$PATH"
  export CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
  export CARGO_TARGET_DIR="$CROSS_CARGO_TARGET_DIR"
  # Global flags would override per-target ones (and rebuild std whenever they change).
  unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS
  [ -d "$("$RUSTC" --print sysroot)/lib/rustlib/src/rust/library" ] ||
    die "the Rust std source is missing (install rust-web-src)"
}

# The crate's version, from Cargo.toml's [package] section.
crate_version() {
  sed -n '/^\[package\]/,/^\[/{s/^version *= *"\([^"]*\)".*/\1/p}' "$REPO_ROOT/Cargo.toml" | head -n1
}

# apt-get install what is missing. Mirrors hiccup (a half-synced index, a dropped
# connection), so update+install is retried with a growing pause before giving up.
apt_install() {
  local missing=() package attempt
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  for attempt in 1 2 3 4 5; do
    # A failed update (one broken index) may still leave usable lists: try the install.
    as_root apt-get update -q -o Acquire::Retries=3 ||
      log "apt-get update failed; trying the install with the lists there are"
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
      -o DPkg::Lock::Timeout=900 -o Acquire::Retries=3 \
      install --no-install-recommends "${missing[@]}"; then
      return 0
    fi
    log "apt-get failed (attempt $attempt of 5); trying again in $((attempt * 15)) s"
    sleep $((attempt * 15))
  done
  die "could not install ${missing[*]}"
}

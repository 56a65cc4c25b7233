#!/usr/bin/env bash
# Type-checks the plugin for x86_64-unknown-freebsd and checks the port's plist against
# the files it installs. Linking needs FreeBSD's libc and libpurple, which no Debian
# package provides: build the port on a FreeBSD machine (see README.md).
set -euo pipefail
# shellcheck source=packaging/lib.sh
source "$(dirname "$0")/../lib.sh"

target=x86_64-unknown-freebsd
port="$REPO_ROOT/packaging/freebsd/net-im/purple-lync"

# The plist names every installed file; the icons must be the ones in packaging/icons.
while read -r entry; do
  case "$entry" in
  share/pixmaps/pidgin/protocols/*)
    [ -f "$REPO_ROOT/packaging/icons/${entry#share/pixmaps/pidgin/protocols/}" ] ||
      die "pkg-plist lists $entry, which packaging/icons does not have"
    ;;
  lib/purple-2/libpurple_lync.so) ;;
  *) die "pkg-plist lists $entry, which the port's do-install does not install" ;;
  esac
done <"$port/pkg-plist"
version="$(sed -n 's/^DISTVERSION=[[:space:]]*//p' "$port/Makefile")"
[ "$version" = "$(crate_version)" ] ||
  die "the port's DISTVERSION ($version) is not the crate's version ($(crate_version))"

apt_install "${DEBIAN_RUST_PACKAGES[@]}"
use_debian_rust
# glib-sys asks pkg-config, which knows no FreeBSD GLib; a check links nothing.
export SYSTEM_DEPS_GLIB_2_0_NO_PKG_CONFIG=1 SYSTEM_DEPS_GLIB_2_0_LIB=glib-2.0
export SYSTEM_DEPS_GOBJECT_2_0_NO_PKG_CONFIG=1 SYSTEM_DEPS_GOBJECT_2_0_LIB=gobject-2.0
cd "$REPO_ROOT"
log "cargo check for $target ($("$RUSTC" --version))"
# --release: the build scripts are then the ones the Windows build already compiled.
"$CARGO" check --locked --release -Zbuild-std=std,panic_abort --target "$target" \
  -p purple-lync --lib
log "$target: the plugin type-checks; the port's plist matches"

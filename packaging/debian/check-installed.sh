#!/usr/bin/env bash
# Installs the Debian package with dpkg -i, checks that the headless libpurple host
# (tests/host) finds prpl-lync in libpurple's plugin directory without any plugin path,
# then removes the package again so that later test runs see the machine as before.
# Usage: check-installed.sh [DEB [OPTION_KEYS_OUT]]
#   OPTION_KEYS_OUT: where to write the installed plugin's option keys (one a line).
set -euo pipefail
# shellcheck source=packaging/lib.sh
source "$(dirname "$0")/../lib.sh"

version="$(crate_version)-1"
deb="${1:-$DIST_DIR/purple-lync_${version}_$(dpkg --print-architecture).deb}"
keys_out="${2:-}"
[ -f "$deb" ] || die "$deb not found (run packaging/debian/build.sh first)"

# The package's dependencies, so that dpkg -i alone installs it.
apt_install libpurple0 libglib2.0-0
plugin="$(pkg-config --variable=plugindir purple)/libpurple_lync.so"

# Built before installing: the package is on the machine for as short a time as possible
# (a second prpl-lync beside a test's private copy would be a load error there).
log "building the test and the headless libpurple host"
cd "$REPO_ROOT"
cargo test --locked --test installed_plugin --no-run
cargo build --locked -p purple-host

log "dpkg -i $(basename "$deb")"
as_root dpkg -i "$deb"
remove_package() { as_root dpkg -r purple-lync >/dev/null; }
trap remove_package EXIT

for file in "$plugin" /usr/share/pixmaps/pidgin/protocols/{16,22,48}/lync.png \
  /usr/share/pixmaps/pidgin/protocols/scalable/lync.svg; do
  [ -f "$file" ] || die "the package did not install $file"
done

log "the headless libpurple host looks for prpl-lync with no plugin path of its own"
PURPLE_LYNC_OPTION_KEYS_OUT="$keys_out" \
  cargo test --locked --test installed_plugin -- --ignored --nocapture

remove_package
trap - EXIT
[ ! -e "$plugin" ] || die "dpkg -r left $plugin behind"
log "the package installs, loads from $(dirname "$plugin") and uninstalls"

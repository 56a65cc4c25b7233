#!/usr/bin/env bash
# Builds the Debian package of the plugin for this machine's architecture: the plugin in
# libpurple's plugin directory (pkg-config --variable=plugindir purple), the protocol icons
# in /usr/share/pixmaps/pidgin/protocols/, dependencies from dpkg-shlibdeps.
# Output: target/packaging/dist/purple-lync_<version>-1_<arch>.deb
set -euo pipefail
# shellcheck source=packaging/lib.sh
source "$(dirname "$0")/../lib.sh"

apt_install "${DEB_PACKAGES[@]}"

cd "$REPO_ROOT"
version="$(crate_version)-1"
arch="$(dpkg --print-architecture)"
plugindir="$(pkg-config --variable=plugindir purple)"
[ -n "$plugindir" ] || die "pkg-config does not know libpurple's plugin directory"
# A release build of its own that outlives the checkout (see PACKAGING_CACHE in lib.sh).
cargo_target_dir="$PACKAGING_CACHE/linux-cargo"

log "building the plugin (release, $(cargo --version))"
CARGO_TARGET_DIR="$cargo_target_dir" cargo build --locked --release -p purple-lync --lib

work="$PACKAGING_OUT/deb"
root="$work/root"
rm -rf "$work"
mkdir -p "$root/DEBIAN" "$root$plugindir" "$root/usr/share/doc/purple-lync"
install -m 644 "$cargo_target_dir/release/libpurple_lync.so" "$root$plugindir/"
strip --strip-unneeded "$root$plugindir/libpurple_lync.so"
nm -D --defined-only "$root$plugindir/libpurple_lync.so" | grep -qw purple_init_plugin ||
  die "libpurple_lync.so does not export purple_init_plugin"
for size in 16 22 48; do
  install -D -m 644 "packaging/icons/$size/lync.png" \
    "$root/usr/share/pixmaps/pidgin/protocols/$size/lync.png"
done
install -D -m 644 packaging/icons/scalable/lync.svg \
  "$root/usr/share/pixmaps/pidgin/protocols/scalable/lync.svg"
install -m 644 packaging/debian/copyright "$root/usr/share/doc/purple-lync/copyright"

# dpkg-shlibdeps wants to run in a source tree: give it the least it accepts.
mkdir -p "$work/src/debian"
printf 'Source: purple-lync\n\nPackage: purple-lync\nArchitecture: any\n' >"$work/src/debian/control"
depends="$(cd "$work/src" && dpkg-shlibdeps -O -e"$root$plugindir/libpurple_lync.so" |
  sed -n 's/^shlibs:Depends=//p')"
[ -n "$depends" ] || die "dpkg-shlibdeps found no dependencies"

cat >"$root/DEBIAN/control" <<CONTROL
Package: purple-lync
Version: $version
Architecture: $arch
Maintainer: The purple-lync developers <purple-lync@example.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Enhances: pidgin, finch, libpurple0
Section: net
Priority: optional
Homepage: https://example.invalid/purple-lync
Description: Lync / Skype for Business protocol plugin for libpurple
 Instant messages, presence and the contact list on Microsoft Lync, Skype for
 Business Server and Office Communications Server, in Pidgin, Finch or any
 libpurple 2.x client.
 .
 It reads pidgin-sipe's account settings, keeps the sign-in address and the
 login name apart, and speaks TLS 1.2 inside TLS-DSK.
CONTROL

mkdir -p "$DIST_DIR"
deb="$DIST_DIR/purple-lync_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
log "$deb: $(du -h "$deb" | cut -f1); Depends: $depends"
dpkg-deb --contents "$deb" | awk '{ print "    " $NF }' | grep -v '/$'

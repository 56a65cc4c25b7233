#!/usr/bin/env bash
# Builds purple_lync.dll for 32-bit (Pidgin 2.14 for Windows) and 64-bit Windows, checks
# what each DLL exports and imports, and makes the NSIS installer, on a Debian 12 machine
# (installs what it needs with apt-get).
#
# Output in target/packaging/dist/ (or $CARGO_TARGET_DIR/packaging/dist/):
#   windows/i686/purple_lync.dll, windows/x86_64/purple_lync.dll,
#   purple-lync-<version>-setup.exe (the 32-bit DLL, for Pidgin 2.14)
# Usage: packaging/windows/build.sh [--skip-installer]
set -euo pipefail
# shellcheck source=packaging/lib.sh
source "$(dirname "$0")/../lib.sh"
# shellcheck source=packaging/windows/toolchain.sh
source "$(dirname "$0")/toolchain.sh"

make_installer=1
for arg in "$@"; do
  case "$arg" in
  --skip-installer) make_installer=0 ;;
  *) die "unknown argument $arg (usage: $0 [--skip-installer])" ;;
  esac
done

apt_install "${WINDOWS_PACKAGES[@]}"
use_windows_toolchain
cd "$REPO_ROOT"
log "toolchain: $("$RUSTC" --version), $(i686-w64-mingw32-gcc --version | head -n1)"
"$(dirname "$0")/check-layouts.sh"

target_args=()
for target in "${WINDOWS_TARGETS[@]}"; do
  prepare_native_libs "$target"
  target_args+=(--target "$target")
done
log "building purple_lync.dll for ${WINDOWS_TARGETS[*]}"
# Both targets in one cargo run keep the 2 cores busy. panic_abort is only built so that
# std builds; the release profile unwinds (panics are caught at the FFI boundary).
"$CARGO" build --locked --release -Zbuild-std=std,panic_abort "${target_args[@]}" \
  -p purple-lync --lib

for target in "${WINDOWS_TARGETS[@]}"; do
  arch="$(windows_arch "$target")"
  mkdir -p "$DIST_DIR/windows/$arch"
  out="$DIST_DIR/windows/$arch/purple_lync.dll"
  "$(mingw_prefix "$target")-strip" --strip-all -o "$out" \
    "$CARGO_TARGET_DIR/$target/release/purple_lync.dll"
  "$(dirname "$0")/check-dll.sh" "$out" "$arch"
  log "$out: $(du -h "$out" | cut -f1)"
done

if [ "$make_installer" -eq 1 ]; then
  version="$(crate_version)"
  installer="$DIST_DIR/purple-lync-$version-setup.exe"
  log "making $installer"
  makensis -V2 -INPUTCHARSET UTF8 \
    "-DVERSION=$version" \
    "-DPLUGIN_DLL=$DIST_DIR/windows/i686/purple_lync.dll" \
    "-DICONS_DIR=$REPO_ROOT/packaging/icons" \
    "-DLICENSE_FILE=/usr/share/common-licenses/GPL-2" \
    "-DOUT_FILE=$installer" \
    "$REPO_ROOT/packaging/windows/installer.nsi"
  format="$(i686-w64-mingw32-objdump -f "$installer" | sed -n 's/.*file format \(.*\)$/\1/p')"
  [ "$format" = pei-i386 ] || die "$installer is not a Windows program (format '$format')"
  # What it would put into Pidgin's folder: the 32-bit DLL and the icons, byte for byte.
  unpacked="$PACKAGING_OUT/installer-contents"
  rm -rf "$unpacked"
  7z x -y -bso0 -bsp0 -o"$unpacked" "$installer"
  cmp "$unpacked/plugins/purple_lync.dll" "$DIST_DIR/windows/i686/purple_lync.dll" ||
    die "the installer's plugins/purple_lync.dll is not the i686 DLL"
  for icon in 16/lync.png 22/lync.png 48/lync.png scalable/lync.svg; do
    cmp "$unpacked/pixmaps/pidgin/protocols/$icon" "$REPO_ROOT/packaging/icons/$icon" ||
      die "the installer's pixmaps/pidgin/protocols/$icon differs from packaging/icons"
  done
  7z l "$installer" | grep -q 'purple-lync-uninstall\.exe$' ||
    die "the installer writes no uninstaller"
  log "$installer: $(du -h "$installer" | cut -f1); installs plugins\\purple_lync.dll," \
    "4 icons in pixmaps\\pidgin\\protocols and an uninstaller"
fi

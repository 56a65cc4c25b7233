# The Windows cross toolchain; source it after packaging/lib.sh.
# shellcheck shell=bash disable=SC2034 # its variables are used by the scripts that source it

# The *-win7-* targets run on Windows 7 and later; the plain *-pc-windows-gnu ones need
# Windows 10 (bcryptprimitives.dll, WaitOnAddress). Pidgin 2.14 itself runs on Windows 7+.
WINDOWS_TARGETS=(i686-win7-windows-gnu x86_64-win7-windows-gnu)

WINDOWS_PACKAGES=(
  "${DEBIAN_RUST_PACKAGES[@]}"
  gcc-mingw-w64-i686 gcc-mingw-w64-x86-64 binutils-mingw-w64
  mingw-w64-i686-dev mingw-w64-x86-64-dev
  binutils # nm, to list GLib's exports for its import library
  libglib2.0-0 libglib2.0-dev # GLib's export list and headers (for the symbol-age check)
  nsis        # makensis
  p7zip-full  # 7z reads NSIS installers: check what the installer would install
)

# In the cache: the path is part of the per-target rustflags, which key std and every crate.
WINDOWS_NATIVE_DIR="$PACKAGING_CACHE/windows-native"

mingw_prefix() {
  case "$1" in
  i686-*) echo i686-w64-mingw32 ;;
  x86_64-*) echo x86_64-w64-mingw32 ;;
  *) die "not a Windows target: $1" ;;
  esac
}

# Short architecture name used in dist/ and messages.
windows_arch() {
  case "$1" in
  i686-*) echo i686 ;;
  x86_64-*) echo x86_64 ;;
  esac
}

# Debian's Rust, and how cargo, cc and system-deps build for Windows.
use_windows_toolchain() {
  use_debian_rust
  # glib-sys asks pkg-config, which knows no Windows GLib: name the libraries instead; the
  # import libraries are found through the per-target -L below.
  export SYSTEM_DEPS_GLIB_2_0_NO_PKG_CONFIG=1 SYSTEM_DEPS_GLIB_2_0_LIB=glib-2.0
  export SYSTEM_DEPS_GOBJECT_2_0_NO_PKG_CONFIG=1 SYSTEM_DEPS_GOBJECT_2_0_LIB=gobject-2.0
  local target prefix upper lower
  for target in "${WINDOWS_TARGETS[@]}"; do
    prefix="$(mingw_prefix "$target")"
    upper="$(echo "$target" | tr 'a-z-' 'A-Z_')"
    lower="${target//-/_}"
    export "CARGO_TARGET_${upper}_LINKER=$prefix-gcc"
    export "CARGO_TARGET_${upper}_RUSTFLAGS=-L native=$WINDOWS_NATIVE_DIR/$target"
    export "CC_${lower}=$prefix-gcc" "AR_${lower}=$prefix-ar"
  done
}

# GLib import library (for glib-sys) and, on i686, the rsbegin.o/rsend.o that a std built
# with -Zbuild-std lacks. Made once per target dir.
prepare_native_libs() {
  local target="$1"
  local prefix dir
  prefix="$(mingw_prefix "$target")"
  dir="$WINDOWS_NATIVE_DIR/$target"
  mkdir -p "$dir"
  make_import_lib "$prefix" "$dir" glib-2.0 libglib-2.0-0.dll
  make_import_lib "$prefix" "$dir" gobject-2.0 libgobject-2.0-0.dll
  if [[ "$target" == i686-* ]] && [ ! -f "$dir/rsend.o" ]; then
    local rtstartup
    rtstartup="$("$RUSTC" --print sysroot)/lib/rustlib/src/rust/library/rtstartup"
    [ -d "$rtstartup" ] || die "$rtstartup is missing (install rust-web-src)"
    for object in rsbegin rsend; do
      "$RUSTC" --target "$target" --emit=obj -o "$dir/$object.o" "$rtstartup/$object.rs"
    done
  fi
}

# An import library for a GLib DLL, from the same library's Linux export list (same API).
# Only what the plugin calls ends up imported; check-dll.sh checks those are old enough.
make_import_lib() {
  local prefix="$1" dir="$2" name="$3" dll="$4"
  [ -f "$dir/lib$name.dll.a" ] && return 0
  local so
  so="$(find /usr/lib /lib -name "lib$name.so.0" -print -quit 2>/dev/null)"
  [ -n "$so" ] || die "lib$name.so.0 not found (install libglib2.0-0)"
  {
    echo "LIBRARY \"$dll\""
    echo EXPORTS
    nm -D --defined-only "$so" | sed 's/@.*//' |
      awk '$2 == "T" { print $3 } $2 ~ /^[DBR]$/ { print $3 " DATA" }' | sort -u
  } >"$dir/$name.def"
  "$prefix-dlltool" -d "$dir/$name.def" -l "$dir/lib$name.dll.a" -D "$dll"
}

#!/usr/bin/env bash
# Smoke test of the 64-bit plugin DLL under wine64: a mingw-built host loads it next to
# stand-in libpurple.dll and libglib-2.0-0.dll, calls purple_init_plugin and checks what it
# registered (protocol id, name, option keys; see host.c). The 32-bit DLL cannot run here
# (Debian's wine32 is not installable on this machine); check-dll.sh checks it statically.
#
# Usage: run.sh [PLUGIN.dll [EXPECTED_OPTION_KEYS_FILE]]
#   PLUGIN.dll defaults to dist/windows/x86_64/purple_lync.dll from build.sh; the keys file
#   (one key a line, in order) is what the Linux build registers, when the caller has it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=packaging/lib.sh
source "$here/../../lib.sh"

dll="${1:-$DIST_DIR/windows/x86_64/purple_lync.dll}"
expected_keys="${2:-}"
[ -f "$dll" ] || die "$dll not found (run packaging/windows/build.sh first)"

apt_install "${WINE_PACKAGES[@]}"

prefix=x86_64-w64-mingw32
work="$PACKAGING_OUT/smoke"
bin="$work/bin"
rm -rf "$work"
mkdir -p "$bin"
cflags=(-O1 -Wall -Werror -DPURPLE_PLUGINS
  -I"$REPO_ROOT/purple-headers" -I/usr/include/glib-2.0
  -I"$REPO_ROOT/tools/gen-bindings/glibconfig-windows")

# The plugin's imports from one DLL.
imports_from() {
  "$prefix-objdump" -p "$dll" | awk -v want="$1" '/^\tDLL Name: / { dll = tolower($3); next }
    dll == want && /^\t[0-9a-f]+\t/ { print $NF } /^$/ { dll = "" }'
}

# C stubs for what the plugin imports from DLL but FAKE_OBJECT does not define, so that the
# DLL loads; calling one ends the test with a message naming it.
write_stubs() {
  local dll_name="$1" fake_object="$2" defined symbol
  defined="$("$prefix-nm" --defined-only "$fake_object" | awk '$2 == "T" { print $3 }')"
  echo '#include <stdio.h>'
  echo '#include <stdlib.h>'
  echo 'static void not_in_stand_in(const char *name) {'
  printf '%s\n' '  fprintf(stderr, "smoke: the plugin called %s, which the stand-in does not implement\n", name);'
  echo '  exit(70);'
  echo '}'
  for symbol in $(imports_from "$dll_name"); do
    grep -qx "$symbol" <<<"$defined" ||
      echo "void $symbol(void) { not_in_stand_in(\"$symbol\"); }"
  done
}

# A stand-in DLL: the hand-written part plus generated stubs.
build_stand_in() {
  local dll_name="$1" source="$2" object="$work/${2%.c}.o"
  "$prefix-gcc" "${cflags[@]}" -c "$here/$source" -o "$object"
  write_stubs "$dll_name" "$object" >"$work/stubs-$dll_name.c"
  "$prefix-gcc" -O1 -c "$work/stubs-$dll_name.c" -o "$work/stubs-$dll_name.o"
  "$prefix-gcc" -shared -o "$bin/$dll_name" "$object" "$work/stubs-$dll_name.o" \
    -Wl,--out-implib,"$work/$dll_name.a"
}

log "building the smoke test host and stand-in DLLs"
build_stand_in libpurple.dll fake_libpurple.c
build_stand_in libglib-2.0-0.dll fake_glib.c
"$prefix-gcc" "${cflags[@]}" -o "$bin/smoke-host.exe" "$here/host.c" "$work/libpurple.dll.a"
cp "$dll" "$bin/purple_lync.dll"

export WINEPREFIX="$PACKAGING_CACHE/wineprefix" WINEDEBUG=-all
# No Mono/Gecko download prompts in a fresh prefix.
export WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  log "creating the wine prefix $WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
fi

log "running the plugin under $(wine --version)"
status=0
output="$(cd "$bin" && wine smoke-host.exe purple_lync.dll 2>"$work/stderr.txt")" || status=$?
# Windows programs end lines with CR LF.
printf '%s\n' "$output" | tr -d '\r' >"$work/output.txt"
sed 's/^/    /' "$work/output.txt"

failed=0
expect() {
  grep -qxF -- "$1" "$work/output.txt" || {
    echo "smoke: expected the line '$1'" >&2
    failed=1
  }
}
[ "$status" -eq 0 ] || {
  echo "smoke: the host exited with status $status; its stderr:" >&2
  sed 's/^/    /' "$work/stderr.txt" >&2
  failed=1
}
expect "id=prpl-lync"
expect "name=Lync / Skype for Business"
expect "registered=prpl-lync"
expect "checks_failed=0"
grep -q '^debug info lync: purple-lync .* registered as prpl-lync' "$work/output.txt" || {
  echo "smoke: the plugin did not log its registration through purple_debug_info" >&2
  failed=1
}
sed -n 's/^option=//p' "$work/output.txt" >"$work/option-keys.txt"
[ -s "$work/option-keys.txt" ] || {
  echo "smoke: the plugin registered no account options" >&2
  failed=1
}
if [ -n "$expected_keys" ]; then
  diff -u "$expected_keys" "$work/option-keys.txt" >&2 || {
    echo "smoke: the option keys differ from the Linux build's ($expected_keys)" >&2
    failed=1
  }
fi
[ "$failed" -eq 0 ] || die "smoke test of $dll failed"
log "smoke test passed: protocol $(sed -n 's/^id=//p' "$work/output.txt"), $(wc -l <"$work/option-keys.txt") option keys${expected_keys:+, the same as on Linux}"

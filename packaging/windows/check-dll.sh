#!/usr/bin/env bash
# Checks a built plugin DLL before it ships:
#  - it is a DLL for the expected architecture;
#  - it exports purple_init_plugin under exactly that name (what Pidgin looks up);
#  - it imports only from DLLs every Windows 7+ has, libpurple.dll and libglib-2.0-0.dll
#    (no libgcc_s_dw2-1.dll, libwinpthread-1.dll, ... that Pidgin does not ship);
#  - its libpurple imports are undecorated names (as mingw's libpurple.dll exports them);
#  - every GLib function it imports exists in GLib 2.28, the one Pidgin 2.14 ships.
# Usage: check-dll.sh DLL i686|x86_64
set -euo pipefail

dll="$1"
arch="$2"
case "$arch" in
i686) prefix=i686-w64-mingw32 format=pei-i386 ;;
x86_64) prefix=x86_64-w64-mingw32 format=pei-x86-64 ;;
*)
  echo "usage: $0 DLL i686|x86_64" >&2
  exit 2
  ;;
esac

# Windows 7 system DLLs the Rust std and our crates may use.
system_dlls="kernel32.dll advapi32.dll ntdll.dll msvcrt.dll userenv.dll ws2_32.dll \
crypt32.dll bcrypt.dll secur32.dll ncrypt.dll"
# What Pidgin for Windows loads before any plugin.
pidgin_dlls="libpurple.dll libglib-2.0-0.dll"
# Newest GLib minor version whose functions we may call.
glib_minor_max=28
glib_include=/usr/include/glib-2.0

failures=0
fail() {
  printf 'check-dll: %s: %s\n' "$(basename "$dll")" "$*" >&2
  failures=$((failures + 1))
}

[ -f "$dll" ] || {
  echo "check-dll: $dll does not exist" >&2
  exit 1
}
file_format="$("$prefix-objdump" -f "$dll" | sed -n 's/.*file format \(.*\)$/\1/p')"
[ "$file_format" = "$format" ] || fail "file format is '$file_format', expected $format"

private="$("$prefix-objdump" -p "$dll")"

# Exports: lines "\t[   0] name" after "[Ordinal/Name Pointer] Table".
exports="$(awk '/\[Ordinal\/Name Pointer\] Table/ { on = 1; next }
  on && /^\t\[ *[0-9]+\] / { print $NF; next } on && !/^\t/ { on = 0 }' <<<"$private")"
grep -qx purple_init_plugin <<<"$exports" ||
  fail "does not export purple_init_plugin (exports: $(tr '\n' ' ' <<<"$exports"))"

# Imports as "dll symbol" lines, dll names lower-cased.
imports="$(awk '/^\tDLL Name: / { dll = tolower($3); print dll " -"; next }
  dll != "" && /^\t[0-9a-f]+\t/ { print dll " " $NF } /^$/ { dll = "" }' <<<"$private")"
imported_dlls="$(awk '{ print $1 }' <<<"$imports" | sort -u)"
for imported in $imported_dlls; do
  case " $system_dlls $pidgin_dlls " in
  *" $imported "*) ;;
  *) fail "imports $imported, which Pidgin for Windows does not ship (or which needs a Windows newer than 7)" ;;
  esac
done

while read -r symbol; do
  case "$symbol" in
  _* | *@*) fail "imports libpurple.dll!$symbol: a decorated name libpurple.dll does not export" ;;
  esac
done < <(awk '$1 == "libpurple.dll" && $2 != "-" { print $2 }' <<<"$imports")

# A GLib function's age, from the availability macro above its declaration in the headers.
glib_symbol_minor() {
  local symbol="$1" macro
  macro="$(grep -rh -B3 -E "[[:space:]*]${symbol}[[:space:]]*\(" "$glib_include" 2>/dev/null |
    grep -oE 'GLIB_(AVAILABLE|DEPRECATED)[A-Z_]*(IN_(2_[0-9]+|ALL))?' | tail -n1)"
  case "$macro" in
  "") echo unknown ;;
  *IN_2_*) echo "${macro##*IN_2_}" ;;
  *) echo 0 ;; # GLIB_AVAILABLE_IN_ALL / GLIB_DEPRECATED: older than the version macros (2.26)
  esac
}
while read -r symbol; do
  minor="$(glib_symbol_minor "$symbol")"
  if [ "$minor" = unknown ]; then
    fail "imports libglib-2.0-0.dll!$symbol, not declared in $glib_include: cannot tell if GLib 2.$glib_minor_max has it"
  elif [ "$minor" -gt "$glib_minor_max" ]; then
    fail "imports libglib-2.0-0.dll!$symbol, new in GLib 2.$minor; Pidgin 2.14 ships GLib 2.$glib_minor_max"
  fi
done < <(awk '$1 == "libglib-2.0-0.dll" && $2 != "-" { print $2 }' <<<"$imports")

if [ "$failures" -gt 0 ]; then
  echo "check-dll: $dll: $failures problem(s)" >&2
  exit 1
fi
count() { awk -v d="$1" '$1 == d && $2 != "-"' <<<"$imports" | wc -l; }
echo "check-dll: $(basename "$dll") ($arch): exports purple_init_plugin;" \
  "imports $(tr '\n' ',' <<<"$imported_dlls" | sed 's/,$//')" \
  "($(count libpurple.dll) from libpurple.dll, $(count libglib-2.0-0.dll) from libglib-2.0-0.dll)"

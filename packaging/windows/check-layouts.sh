#!/usr/bin/env bash
# Cross-checks the Windows bindings' struct layouts against gcc. The bindings carry clang's
# sizes, alignments and field offsets (bindgen's layout assertions, which rustc checks when
# it builds for that target); here every one of them becomes a C _Static_assert compiled by
# mingw-w64's gcc, the compiler family Pidgin for Windows is built with (32-bit time_t on
# i686, the msvcrt default). No Windows needed: a wrong layout fails the compile.
# Usage: check-layouts.sh   (after the mingw-w64 compilers are installed)
set -euo pipefail
# shellcheck source=packaging/lib.sh
source "$(dirname "$0")/../lib.sh"

work="$PACKAGING_OUT/layouts"
mkdir -p "$work"

# C spelling of a bindgen type name: libpurple's struct tags start with "_"; `struct tm` and
# `struct proto_chat_entry` have no typedef; the rest are typedef names.
c_type() {
  case "$1" in
  _* | tm | proto_chat_entry) echo "struct $1" ;;
  *) echo "$1" ;;
  esac
}

# bindgen appends "_" to C names that are Rust keywords.
c_field() {
  case "$1" in
  priv_ | ref_ | type_) echo "${1%_}" ;;
  *) echo "$1" ;;
  esac
}

# One _Static_assert per layout assertion of a bindings file (anonymous bindgen types skipped).
write_asserts() {
  local bindings="$1" kind name value field
  echo '#include <stddef.h>'
  echo '#include "wrapper.h"'
  # rustfmt splits long assertions over lines: join each back into one first.
  awk '/^ *\["/ { line = $0; while (line !~ /\];$/ && (getline next_line) > 0) line = line next_line; print line }' \
    "$bindings" |
    sed -n -E 's/^ *\["(Size|Alignment) of ([A-Za-z0-9_]+)"\].* - ([0-9]+)usize\];/\1 \2 \3/p
      s/^ *\["Offset of field: ([A-Za-z0-9_]+)::([A-Za-z0-9_]+)"\].* - ([0-9]+)usize\];/Offset \1 \3 \2/p' |
    while read -r kind name value field; do
      [[ "$name" == *__bindgen* ]] && continue
      case "$kind" in
      Size) echo "_Static_assert(sizeof($(c_type "$name")) == $value, \"size of $name\");" ;;
      Alignment) echo "_Static_assert(_Alignof($(c_type "$name")) == $value, \"alignment of $name\");" ;;
      Offset) echo "_Static_assert(offsetof($(c_type "$name"), $(c_field "$field")) == $value, \"offset of $name.$field\");" ;;
      esac
    done
}

check_abi() {
  local bindings="$1" compiler="$2"
  shift 2
  local source count
  source="$work/$(basename "$bindings" .rs).c"
  write_asserts "$REPO_ROOT/$bindings" >"$source"
  count="$(grep -c _Static_assert "$source")"
  [ "$count" -gt 500 ] || die "only $count layout assertions found in $bindings"
  "$compiler" -fsyntax-only -std=gnu11 -DPURPLE_PLUGINS "$@" \
    -I"$REPO_ROOT/purple-headers" -I/usr/include/glib-2.0 \
    -I"$REPO_ROOT/tools/gen-bindings/glibconfig-windows" "$source" ||
    die "$bindings: $compiler lays out libpurple's structs differently (see the failed asserts above)"
  log "$bindings: $count sizes, alignments and offsets agree with $compiler"
}

check_abi src/purple/ffi_i686_windows.rs i686-w64-mingw32-gcc -D_USE_32BIT_TIME_T
check_abi src/purple/ffi_x86_64_windows.rs x86_64-w64-mingw32-gcc

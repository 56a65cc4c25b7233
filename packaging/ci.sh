#!/usr/bin/env bash
# The packaging part of CI; .ci/run calls it after the tests. On a fresh Debian 12 machine
# it installs its packages, then:
#  - Windows: builds the i686 and x86_64 DLLs, checks their layouts, exports and imports,
#    makes the NSIS installer (packaging/windows/build.sh);
#  - FreeBSD: type-checks the plugin for x86_64-unknown-freebsd (packaging/freebsd/check.sh);
#  - Debian: builds the .deb, installs it with dpkg -i, has the headless libpurple host find
#    prpl-lync in libpurple's plugin directory, removes it (packaging/debian/);
#  - Windows: loads the x86_64 DLL under wine64 and compares its option keys with the
#    installed Linux plugin's (packaging/windows/smoke/run.sh).
# Every step's time is printed at the end. Artefacts: target/packaging/dist/. Builds are
# cached across checkouts in ~/.cache/purple-lync-packaging (see lib.sh).
set -euo pipefail
# shellcheck source=packaging/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=packaging/windows/toolchain.sh
source "$(dirname "$0")/windows/toolchain.sh"

cd "$REPO_ROOT"
timings=()
started=$SECONDS

# CPU seconds (user + system) used by this script's finished children so far, in $cpu. On
# a shared machine the wall time depends on the neighbours; the CPU time does not. `times`
# must run in this shell (a $(...) subshell has children of its own).
times_file="$PACKAGING_OUT/ci-times.txt"
mkdir -p "$PACKAGING_OUT"
cpu=0
read_cpu() {
  times >"$times_file"
  cpu="$(awk 'NR == 2 {
    total = 0
    for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] }
    printf "%d", total }' "$times_file")"
}

print_timings() {
  local status=$?
  echo "packaging step times (wall s, CPU s):"
  printf '  %s\n' "${timings[@]}"
  read_cpu
  printf '  %5d %6d  total\n' $((SECONDS - started)) "$cpu"
  [ "$status" -eq 0 ] || echo "packaging: FAILED (exit $status)"
}
trap print_timings EXIT

step() {
  local name="$1" start=$SECONDS cpu_start
  read_cpu
  cpu_start="$cpu"
  shift
  log "step: $name"
  "$@"
  read_cpu
  timings+=("$(printf '%5d %6d  %s' $((SECONDS - start)) $((cpu - cpu_start)) "$name")")
}

keys="$PACKAGING_OUT/linux-option-keys.txt"
rm -f "$keys"
# One apt-get run for every step (each script still installs what it needs when run alone).
step "apt-get install" apt_install "${WINDOWS_PACKAGES[@]}" "${WINE_PACKAGES[@]}" "${DEB_PACKAGES[@]}"
step "Windows: i686 + x86_64 DLLs, checks, installer" packaging/windows/build.sh
step "FreeBSD: cargo check" packaging/freebsd/check.sh
step "Debian: build the .deb" packaging/debian/build.sh
step "Debian: dpkg -i, load in libpurple, dpkg -r" packaging/debian/check-installed.sh "" "$keys"
step "Windows: x86_64 DLL under wine64" packaging/windows/smoke/run.sh "" "$keys"
ls -l "$DIST_DIR" "$DIST_DIR"/windows/*

#!/usr/bin/env bash
# Installs the Debian packages purple-lync needs to build, test and demo.
# Used by the README's set-up command and by CI (.ci/run). Safe to run again.
set -euo pipefail

packages=(
  pkg-config
  libglib2.0-dev
  libpurple-dev      # libpurple to link against and to host the plugin in tests
  pidgin-sipe        # the reference client our tests run beside and against
  libclang-dev       # bindgen, for the check that src/purple/ffi*.rs are current
  mingw-w64-i686-dev mingw-w64-x86-64-dev # Windows C headers for the Windows bindings
  openssl libssl-dev # the test server's independent TLS
)
# The demo adds its client (pidgin or finch).
for extra in ${DEMO_EXTRA_PACKAGES:-}; do
  packages+=("$extra")
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# The README's first command: set up, build, install the plugin for the current user and
# show what works so far. (The full demo against the bundled Lync test server, with
# Pidgin signed in and an echo bot to chat with, arrives with the test server.)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cargo build --release --lib

plugins="$HOME/.purple/plugins"
mkdir -p "$plugins"
cp target/release/libpurple_lync.so "$plugins/"
echo "Installed $plugins/libpurple_lync.so"
if [ -w /usr/share/pixmaps/pidgin/protocols ] || [ "$(id -u)" -eq 0 ]; then
  for size in 16 22 48 scalable; do
    install -d "/usr/share/pixmaps/pidgin/protocols/$size"
    cp packaging/icons/$size/lync.* "/usr/share/pixmaps/pidgin/protocols/$size/"
  done
  echo "Installed the protocol icons into /usr/share/pixmaps/pidgin/protocols"
fi

cat <<'TEXT'

What works so far:
  - Pidgin lists "Lync / Skype for Business" in Accounts > Add; the Basic and Advanced
    tabs take pidgin-sipe's settings (see docs/account-*.png).
  - Signing in checks your settings and names the field to fix, then makes a real
    connection attempt to the configured server and reports the result honestly.
    Signing in to a Lync server is not implemented yet.
TEXT

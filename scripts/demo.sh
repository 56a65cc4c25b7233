#!/usr/bin/env bash
# The README's first command: installs what is missing, builds purple-lync and the bundled
# Lync test server, starts the server with a small demo organisation (demo/contoso.toml),
# and opens Pidgin (or Finch in a terminal when there is no display) signed in to it.
#
# Nothing outside this checkout is touched except the Debian packages it installs and the
# protocol icons (when run as root): Pidgin runs with a private settings folder under
# target/demo/, so your own ~/.purple stays as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

client=pidgin
if [ -z "${DISPLAY:-}" ] || [ "${DEMO_CLIENT:-}" = finch ]; then
  client=finch
fi
DEMO_EXTRA_PACKAGES="$client" scripts/setup-deps.sh

echo "Building purple-lync and lync-testserver (release)…"
cargo build --release -q --lib -p purple-lync
cargo build --release -q -p lync-testserver

demo=$root/target/demo
rm -rf "$demo"
mkdir -p "$demo/purple/plugins" "$demo/server"
cp target/release/libpurple_lync.so "$demo/purple/plugins/"
if [ "$(id -u)" -eq 0 ]; then
  for size in 16 22 48 scalable; do
    install -d "/usr/share/pixmaps/pidgin/protocols/$size"
    cp packaging/icons/$size/lync.* "/usr/share/pixmaps/pidgin/protocols/$size/"
  done
fi

# The server writes its CA into state_dir; Pidgin trusts it through SSL_CERT_FILE.
sed "s|^register_expires|state_dir = \"$demo/server\"\nregister_expires|" demo/contoso.toml > "$demo/server/config.toml"
target/release/lync-testserver --config "$demo/server/config.toml" > "$demo/server/ready.json" 2> "$demo/server/server.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  [ -s "$demo/server/ready.json" ] && break
  sleep 0.1
done
ready=$(head -1 "$demo/server/ready.json")
sip_tls=$(printf '%s' "$ready" | grep -o '"sip_tls":"[^"]*"' | cut -d'"' -f4)
ca_pem=$(printf '%s' "$ready" | grep -o '"ca_pem":"[^"]*"' | cut -d'"' -f4)
if [ -z "$sip_tls" ] || [ -z "$ca_pem" ]; then
  echo "The test server did not start; its log:" >&2
  cat "$demo/server/server.log" >&2
  exit 1
fi
echo "lync-testserver listens on $sip_tls (log: $demo/server/server.log)"

# "Enabled" is the UI's auto-login setting; these are Pidgin's and Finch's UI ids.
ui_id=gtk-gaim
[ "$client" = finch ] && ui_id=gnt-purple
cat > "$demo/purple/accounts.xml" <<XML
<?xml version='1.0' encoding='UTF-8' ?>
<account version='1.0'>
	<account>
		<protocol>prpl-lync</protocol>
		<name>you@contoso.test,CONTOSO\\you</name>
		<password>Demo-pass-1</password>
		<alias>You (demo)</alias>
		<settings>
			<setting name='server' type='string'>$sip_tls</setting>
			<setting name='transport' type='string'>tls</setting>
		</settings>
		<settings ui='$ui_id'>
			<setting name='auto-login' type='bool'>1</setting>
		</settings>
	</account>
</account>
XML

cat <<TEXT

Signing in as you@contoso.test (login CONTOSO\\you) to the demo organisation.
Your colleagues Alice, Bob and Carol show their presence and notes; "Echo Bot" answers
every message you send it. Close $client to stop the demo.

TEXT
export SSL_CERT_FILE="$ca_pem"
if [ "$client" = pidgin ]; then
  pidgin -c "$demo/purple"
else
  finch -c "$demo/purple"
fi

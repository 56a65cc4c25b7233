#!/usr/bin/env bash
# Takes screenshots of our account dialog (Basic and Advanced tabs) in real Pidgin under
# Xvfb, into docs/. Needs: pidgin, xvfb, xdotool, imagemagick, and root to install the
# protocol icons where Pidgin looks for them (/usr/share/pixmaps/pidgin/protocols).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -q --lib
home=$(mktemp -d)
trap 'kill ${pidgin_pid:-} ${xvfb_pid:-} 2>/dev/null || true; sleep 0.5; rm -rf "$home" 2>/dev/null || true' EXIT
mkdir -p "$home/.purple/plugins"
cp target/debug/libpurple_lync.so "$home/.purple/plugins/"
for size in 16 22 48 scalable; do
  install -d "/usr/share/pixmaps/pidgin/protocols/$size"
  cp packaging/icons/$size/lync.* "/usr/share/pixmaps/pidgin/protocols/$size/"
done
cat > "$home/.purple/accounts.xml" <<'XML'
<?xml version='1.0' encoding='UTF-8' ?>
<account version='1.0'>
	<account>
		<protocol>prpl-lync</protocol>
		<name>alice@contoso.com,CONTOSO\alice</name>
		<settings>
			<setting name='server' type='string'>sip.contoso.com:5061</setting>
			<setting name='transport' type='string'>tls</setting>
			<setting name='authentication' type='string'>tls-dsk</setting>
		</settings>
	</account>
</account>
XML

export DISPLAY=:97
Xvfb "$DISPLAY" -screen 0 1024x768x24 >/dev/null 2>&1 & xvfb_pid=$!
sleep 1
HOME="$home" pidgin -c "$home/.purple" -n >/dev/null 2>&1 & pidgin_pid=$!

wait_window() { for _ in $(seq 50); do xdotool search --name "$1" 2>/dev/null | head -1 && return; sleep 0.2; done; echo "no window $1" >&2; exit 1; }
accounts=$(wait_window '^Accounts$')
buddies=$(wait_window '^Buddy List$')
# No window manager: move the buddy list out of the way, select the account, press Modify.
xdotool windowmove "$buddies" 600 400
xdotool windowraise "$accounts"
xdotool mousemove 200 55 click 1
sleep 0.5
xdotool windowfocus "$accounts"
xdotool key --window "$accounts" alt+m
dialog=$(wait_window '^Modify Account$')
sleep 1
import -window "$dialog" docs/account-basic.png
xdotool mousemove 97 22 click 1   # the "Advanced" tab
sleep 1
import -window "$dialog" docs/account-advanced.png
echo "wrote docs/account-basic.png docs/account-advanced.png"

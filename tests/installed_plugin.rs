//! The Debian package, installed: a libpurple UI finds prpl-lync in libpurple's own plugin
//! directory, with no plugin path of its own. Ignored by default because it needs the
//! package installed; packaging/debian/check-installed.sh installs it and runs this with
//! `--ignored`. With PURPLE_LYNC_OPTION_KEYS_OUT set, the option keys the installed plugin
//! registered are written there (one a line), for the Windows smoke test to compare.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Host, HostOptions};
use serde_json::json;

fn libpurple_plugin_dir() -> PathBuf {
    let output = Command::new("pkg-config")
        .args(["--variable=plugindir", "purple"])
        .output()
        .expect("run pkg-config (install pkg-config and libpurple-dev)");
    assert!(output.status.success(), "pkg-config knows no purple");
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

#[test]
#[ignore = "needs the purple-lync package installed (packaging/debian/check-installed.sh)"]
fn the_installed_package_loads_from_libpurples_plugin_dir() {
    let mut host = Host::start(HostOptions::default());
    let reply = host.request_ok(json!({"cmd": "protocols"}));
    let lync = reply["protocols"]
        .as_array()
        .expect("protocols array")
        .iter()
        .find(|protocol| protocol["id"] == "prpl-lync")
        .unwrap_or_else(|| panic!("libpurple did not find prpl-lync: {reply}"));

    let expected_path = libpurple_plugin_dir().join("libpurple_lync.so");
    assert_eq!(lync["path"], expected_path.to_string_lossy().as_ref());
    assert_eq!(lync["name"], "Lync / Skype for Business");
    assert_eq!(lync["list_icon"], "lync");

    let keys: Vec<&str> = lync["options"]
        .as_array()
        .expect("options array")
        .iter()
        .map(|option| option["key"].as_str().expect("option key"))
        .collect();
    assert!(keys.contains(&"server"), "option keys: {keys:?}");
    let keys_out = std::env::var_os("PURPLE_LYNC_OPTION_KEYS_OUT").filter(|out| !out.is_empty());
    if let Some(out) = keys_out {
        let text: String = keys.iter().map(|key| format!("{key}\n")).collect();
        std::fs::write(&out, text).expect("write the option keys");
    }
}

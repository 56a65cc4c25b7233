//! Links the host against the system libpurple (and the GLib it uses), as found by pkg-config.
//!
//! The host only exists to run libpurple for real, so unlike the plugin it refuses to build
//! without it.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    // Plugins must find the host's xmlSAXUserParseMemory before libxml2's (see src/sax1.rs).
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic-symbol=xmlSAXUserParseMemory");

    let output = Command::new("pkg-config")
        .args(["--libs", "purple", "glib-2.0"])
        .output()
        .unwrap_or_else(|err| panic!("cannot run pkg-config: {err}"));
    if !output.status.success() {
        panic!(
            "pkg-config --libs purple failed (install libpurple-dev): {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let flags = String::from_utf8_lossy(&output.stdout);
    for flag in flags.split_whitespace() {
        if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib=dylib={lib}");
        } else if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={dir}");
        }
    }
}

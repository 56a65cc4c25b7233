//! Links the plugin against libpurple where the build machine has it.
//!
//! The plugin's declarations come from the committed bindings (src/purple/ffi*.rs), so neither
//! libclang nor libpurple-dev is needed to build. Linking libpurple is still wanted on Unix, so
//! the .so records its dependency and test programs resolve every symbol. Without libpurple the
//! plugin still builds: its libpurple symbols are then resolved by the program that loads it.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        // Windows links libpurple.dll through raw-dylib declarations (see packaging/windows).
        return;
    }
    if link_with_pkg_config() {
        return;
    }
    if link_runtime_library() {
        return;
    }
    println!(
        "cargo:warning=libpurple not found (no pkg-config purple, no libpurple.so.0): \
         libpurple symbols stay unresolved until Pidgin loads the plugin"
    );
}

/// libpurple-dev present: use its link flags.
fn link_with_pkg_config() -> bool {
    let Ok(out) = Command::new("pkg-config")
        .args(["--libs-only-L", "purple"])
        .output()
    else {
        return false;
    };
    if !out.status.success() {
        return false;
    }
    for flag in String::from_utf8_lossy(&out.stdout).split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={dir}");
        }
    }
    println!("cargo:rustc-link-lib=dylib=purple");
    true
}

/// Only the runtime package (libpurple0) present: link its versioned file directly.
fn link_runtime_library() -> bool {
    let multiarch = format!(
        "{}-linux-gnu",
        env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default()
    );
    let candidates = [
        format!("/usr/lib/{multiarch}"),
        "/usr/lib".to_owned(),
        "/usr/lib64".to_owned(),
        "/usr/local/lib".to_owned(),
    ];
    for dir in candidates {
        if Path::new(&dir).join("libpurple.so.0").exists() {
            println!("cargo:rustc-link-search=native={dir}");
            println!("cargo:rustc-link-lib=dylib:+verbatim=libpurple.so.0");
            return true;
        }
    }
    false
}

//! Generates the Rust declarations of the libpurple 2.14 API from the vendored headers.
//!
//! Struct layouts and type sizes depend on the C ABI (`long` is 32-bit on Windows, pointers
//! are 32-bit on i686, Pidgin for Windows has a 32-bit `time_t`), so there is one bindings
//! file per ABI, each with bindgen's layout assertions for that ABI. They are committed (see
//! [`ABIS`]) so that building the plugin needs neither libclang nor libpurple-dev.
//! `cargo run -p gen-bindings` rewrites them; the tests in this crate fail when a committed
//! file differs from a fresh generation.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One C ABI the plugin is built for.
pub struct Abi {
    /// Short name, for messages and `cargo run -p gen-bindings -- <name>`.
    pub name: &'static str,
    /// The target clang lays the structs out for.
    pub clang_target: &'static str,
    /// The committed file, relative to the workspace root.
    pub file: &'static str,
    /// Where the C library headers and `glibconfig.h` (GLib's type sizes) come from.
    pub headers: Headers,
    /// Preprocessor flags that make the headers match how libpurple was built there.
    pub defines: &'static [&'static str],
    /// Put on the `extern` block: how the plugin finds libpurple on that platform.
    pub link_attribute: Option<&'static str>,
}

pub enum Headers {
    /// The build machine's own: libclang's defaults and `pkg-config --cflags glib-2.0`.
    BuildMachine,
    /// mingw-w64's C headers (Debian's mingw-w64-*-dev) in `system_include`, clang's builtin
    /// headers, and `tools/gen-bindings/glibconfig-windows/` (Debian has no Windows GLib).
    Mingw { system_include: &'static str },
}

/// Every ABI with committed bindings; `src/purple/mod.rs` picks the file by `cfg`.
pub const ABIS: &[Abi] = &[
    Abi {
        // Also used for the other 64-bit Unix targets (FreeBSD amd64, aarch64 Linux): LP64
        // with a 64-bit time_t, the same layouts.
        name: "x86_64-linux",
        clang_target: "x86_64-unknown-linux-gnu",
        file: "src/purple/ffi.rs",
        headers: Headers::BuildMachine,
        defines: &[],
        link_attribute: None,
    },
    Abi {
        // Pidgin 2.14 for Windows: 32-bit, built with mingw against msvcrt, where time_t is
        // a 32-bit long (mingw.org always; mingw-w64 by default on i686). Said explicitly
        // so that no header default can change it (see packaging/windows/README.md).
        name: "i686-windows",
        clang_target: "i686-pc-windows-gnu",
        file: "src/purple/ffi_i686_windows.rs",
        headers: Headers::Mingw {
            system_include: "/usr/i686-w64-mingw32/include",
        },
        defines: &["-D_USE_32BIT_TIME_T"],
        // mingw exports cdecl functions without the leading underscore.
        link_attribute: Some(
            "#[link(name = \"libpurple\", kind = \"raw-dylib\", import_name_type = \"undecorated\")]",
        ),
    },
    Abi {
        // No 64-bit Pidgin 2.x is released; this serves self-built ones and the wine64 smoke
        // test. time_t is 64-bit on Win64 whatever the compiler.
        name: "x86_64-windows",
        clang_target: "x86_64-pc-windows-gnu",
        file: "src/purple/ffi_x86_64_windows.rs",
        headers: Headers::Mingw {
            system_include: "/usr/x86_64-w64-mingw32/include",
        },
        defines: &[],
        link_attribute: Some("#[link(name = \"libpurple\", kind = \"raw-dylib\")]"),
    },
];

/// The ABI called `name`.
pub fn abi(name: &str) -> Option<&'static Abi> {
    ABIS.iter().find(|abi| abi.name == name)
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crate lives at tools/gen-bindings")
        .to_path_buf()
}

/// Where the committed bindings for `abi` live.
pub fn committed_path(abi: &Abi) -> PathBuf {
    workspace_root().join(abi.file)
}

fn glib_include_args() -> Result<Vec<String>, String> {
    let out = Command::new("pkg-config")
        .args(["--cflags", "glib-2.0"])
        .output()
        .map_err(|e| {
            format!("cannot run pkg-config (install pkg-config and libglib2.0-dev): {e}")
        })?;
    if !out.status.success() {
        return Err(format!(
            "pkg-config --cflags glib-2.0 failed (install libglib2.0-dev): {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect())
}

/// Include flags for `abi`. The GLib headers are the same everywhere; for Windows only the
/// directory holding glibconfig.h changes, and the search path is spelled out (`-nostdinc`)
/// so that no Linux header can stand in for a missing Windows one.
fn include_args_for(abi: &Abi) -> Result<Vec<String>, String> {
    let build_machine = glib_include_args()?;
    let Headers::Mingw { system_include } = abi.headers else {
        return Ok(build_machine);
    };
    if !Path::new(system_include).join("windows.h").exists() {
        return Err(format!(
            "{system_include}/windows.h is missing (install mingw-w64-i686-dev and mingw-w64-x86-64-dev)"
        ));
    }
    let windows_config = Path::new(env!("CARGO_MANIFEST_DIR")).join("glibconfig-windows");
    let mut args = vec![
        "-nostdinc".to_owned(),
        "-isystem".to_owned(),
        clang_builtin_include()?,
        "-isystem".to_owned(),
        system_include.to_owned(),
    ];
    args.extend(build_machine.into_iter().filter(|arg| {
        let dir = arg.strip_prefix("-I").unwrap_or(arg);
        !Path::new(dir).join("glibconfig.h").exists()
    }));
    args.push(format!("-I{}", windows_config.display()));
    Ok(args)
}

/// clang's own headers (stddef.h, float.h, ...). libclang loaded at run time does not know
/// where they are, so look where Debian's libclang-common-*-dev puts them (the newest wins).
fn clang_builtin_include() -> Result<String, String> {
    let mut found: Vec<(Vec<u32>, PathBuf)> = Vec::new();
    for llvm in read_dir_paths(Path::new("/usr/lib")) {
        let is_llvm = llvm
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("llvm-"));
        if !is_llvm {
            continue;
        }
        for version_dir in read_dir_paths(&llvm.join("lib/clang")) {
            let include = version_dir.join("include");
            if !include.join("stddef.h").exists() {
                continue;
            }
            let version = version_dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .split('.')
                .map(|part| part.parse().unwrap_or(0))
                .collect();
            found.push((version, include));
        }
    }
    found.sort();
    found
        .pop()
        .map(|(_, include)| include.display().to_string())
        .ok_or_else(|| "clang's builtin headers not found in /usr/lib/llvm-*/lib/clang/*/include (install libclang-dev)".to_owned())
}

fn read_dir_paths(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// Runs bindgen over `purple-headers/wrapper.h` for `abi` and returns the Rust source.
pub fn generate(abi: &Abi) -> Result<String, String> {
    let root = workspace_root();
    let headers = root.join("purple-headers");
    let builder = bindgen::Builder::default()
        .header(headers.join("wrapper.h").to_string_lossy())
        .clang_arg(format!("--target={}", abi.clang_target))
        .clang_arg(format!("-I{}", headers.display()))
        .clang_arg("-DPURPLE_PLUGINS")
        .clang_args(abi.defines)
        .clang_args(include_args_for(abi)?)
        .rust_target(bindgen::RustTarget::stable(85, 0).map_err(|e| e.to_string())?)
        .rust_edition(bindgen::RustEdition::Edition2024)
        .raw_line(format!(
            "// Generated by tools/gen-bindings from purple-headers/ (libpurple 2.14.12) for {}.",
            abi.clang_target
        ))
        .raw_line("// Do not edit by hand: run `cargo run -p gen-bindings`.")
        .raw_line("#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]")
        .raw_line("#![allow(dead_code, unused_imports, clippy::all, unsafe_op_in_unsafe_fn)]")
        .raw_line("#![allow(unnecessary_transmutes)]")
        .raw_line("pub use glib_sys::{")
        .raw_line("    GByteArray, GData, GDestroyNotify, GError, GHashTable, GList, GSList, GSourceFunc,")
        .raw_line("    GString, gboolean, gconstpointer, gpointer,")
        .raw_line("};")
        .raw_line("/// GObject types appear only behind pointers in the API we use.")
        .raw_line("pub type GType = usize;")
        .raw_line("pub type GCallback = Option<unsafe extern \"C\" fn()>;")
        .raw_line("#[repr(C)]")
        .raw_line("pub struct GObject {")
        .raw_line("    _private: [u8; 0],")
        .raw_line("}")
        .raw_line("#[repr(C)]")
        .raw_line("pub struct GValue {")
        .raw_line("    _private: [u8; 0],")
        .raw_line("}")
        .allowlist_function("purple_.*|serv_.*")
        .allowlist_type("Purple.*|_Purple.*|proto_chat_entry")
        .allowlist_var("PURPLE_.*|OPT_PROTO_.*|NO_BUDDY_ICONS")
        // Media (farstream/gstreamer) and D-Bus are out of scope and drag in GObject.
        .blocklist_function("purple_media_.*|purple_dbus_.*|purple_marshal_.*")
        .blocklist_type("_?G[A-Z].*")
        .blocklist_type("gboolean|gconstpointer|gpointer")
        .default_enum_style(bindgen::EnumVariation::Consts)
        .prepend_enum_name(false)
        .layout_tests(true)
        .derive_default(true)
        .generate_comments(false)
        .sort_semantically(true)
        .merge_extern_blocks(true)
        // Keep the output independent of the machine that generates it.
        .size_t_is_usize(true);
    let bindings = builder
        .generate()
        .map_err(|e| format!("bindgen failed for {}: {e}", abi.name))?;
    let text = bindings.to_string();
    match abi.link_attribute {
        None => Ok(text),
        Some(attribute) => add_link_attribute(&text, attribute),
    }
}

/// Puts `attribute` on every `extern` block (bindgen has no option for it).
fn add_link_attribute(text: &str, attribute: &str) -> Result<String, String> {
    const EXTERN_BLOCK: &str = "\nunsafe extern \"C\" {";
    if !text.contains(EXTERN_BLOCK) {
        return Err("bindgen's output has no `unsafe extern \"C\"` block".to_owned());
    }
    Ok(text.replace(EXTERN_BLOCK, &format!("\n{attribute}{EXTERN_BLOCK}")))
}

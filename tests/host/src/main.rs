//! purple-host: a headless libpurple 2.x UI for end-to-end tests.
//!
//! It boots the system libpurple on a GLib main loop, loads protocol plugins the way Pidgin
//! does, and is driven over stdin/stdout with JSON lines (see `commands` for the commands
//! and `ops`/`signals` for the events). Everything runs on the main thread.
//!
//! ```text
//! purple-host --config-dir DIR [--plugin-dir DIR]... [--debug-log FILE]
//! ```

mod accounts;
mod commands;
mod cstr;
mod describe;
#[path = "../../../src/purple/ffi.rs"]
#[rustfmt::skip] // generated; see tools/gen-bindings
mod ffi;
mod ops;
mod protocol;
mod reconnect;
mod sax1;
mod signals;
mod stdin;
mod valist;

use std::cell::Cell;
use std::ffi::{CStr, CString, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use glib_sys::GMainLoop;
use serde_json::json;

/// The UI id given to libpurple ("enabled" flags and UI settings are stored under it).
pub const UI_ID: &CStr = c"purple-host";

const USAGE: &str = "usage: purple-host --config-dir DIR [--plugin-dir DIR]... [--debug-log FILE]";

struct Options {
    config_dir: PathBuf,
    plugin_dirs: Vec<PathBuf>,
    debug_log: Option<PathBuf>,
}

fn parse_options(mut args: impl Iterator<Item = OsString>) -> Result<Options, String> {
    let mut config_dir = None;
    let mut plugin_dirs = Vec::new();
    let mut debug_log = None;
    while let Some(flag) = args.next() {
        let flag = flag.to_string_lossy().into_owned();
        let mut value = || {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--config-dir" => config_dir = Some(value()?),
            "--plugin-dir" => plugin_dirs.push(value()?),
            "--debug-log" => debug_log = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options {
        config_dir: config_dir.ok_or("--config-dir is required")?,
        plugin_dirs,
        debug_log,
    })
}

thread_local! {
    static MAIN_LOOP: Cell<*mut GMainLoop> = const { Cell::new(std::ptr::null_mut()) };
    static QUITTING: Cell<bool> = const { Cell::new(false) };
}

/// Asks the main loop to stop; libpurple is shut down once it has (see `main`), so that no
/// libpurple timer can fire after `purple_core_quit`.
pub fn quit() {
    if QUITTING.with(|quitting| quitting.replace(true)) {
        return;
    }
    let main_loop = MAIN_LOOP.with(Cell::get);
    if !main_loop.is_null() {
        // SAFETY: the loop lives until main() returns.
        unsafe { glib_sys::g_main_loop_quit(main_loop) };
    }
}

pub fn quitting() -> bool {
    QUITTING.with(Cell::get)
}

fn fail(message: &str) -> ! {
    eprintln!("purple-host: {message}");
    std::process::exit(1)
}

fn path_cstring(path: &Path) -> CString {
    CString::new(path.as_os_str().as_bytes()).unwrap_or_else(|_| fail("paths must not contain NUL"))
}

/// Boots libpurple as Pidgin and libpurple's nullclient example do.
///
/// # Safety
/// Called once, on the main thread, before the main loop runs.
unsafe fn start_libpurple(options: &Options) -> Result<(), String> {
    // SAFETY: libpurple copies every string given here; the ops tables are statics.
    unsafe {
        ffi::purple_util_set_user_dir(path_cstring(&options.config_dir).as_ptr());
        ops::debug::install();
        ffi::purple_core_set_ui_ops(std::ptr::from_ref(&ops::core::CORE_OPS).cast_mut());
        ffi::purple_eventloop_set_ui_ops(
            std::ptr::from_ref(&ops::eventloop::EVENTLOOP_OPS).cast_mut(),
        );
        // Searched before libpurple's own directories, which still apply.
        for dir in &options.plugin_dirs {
            ffi::purple_plugins_add_search_path(path_cstring(dir).as_ptr());
        }
        if ffi::purple_core_init(UI_ID.as_ptr()) == 0 {
            return Err("purple_core_init failed".into());
        }
        ffi::purple_set_blist(ffi::purple_blist_new());
        ffi::purple_blist_load();
        ffi::purple_prefs_load();
    }
    Ok(())
}

fn main() {
    let options = parse_options(std::env::args_os().skip(1)).unwrap_or_else(|message| {
        if !message.is_empty() {
            eprintln!("purple-host: {message}");
        }
        eprintln!("{USAGE}");
        std::process::exit(2)
    });
    if let Err(err) = protocol::claim_stdout() {
        fail(&format!("cannot set up stdout: {err}"));
    }
    if let Some(path) = &options.debug_log
        && let Err(err) = ops::debug::open_log(path)
    {
        fail(&format!("cannot open debug log {}: {err}", path.display()));
    }
    if let Err(err) = std::fs::create_dir_all(&options.config_dir) {
        fail(&format!(
            "cannot create {}: {err}",
            options.config_dir.display()
        ));
    }
    // libpurple's DNS resolver forks helper processes and leaves reaping to the UI
    // (see nullclient.c); ignoring SIGCHLD lets the kernel reap them.
    // SAFETY: setting a signal disposition before any threads or children exist.
    unsafe { libc::signal(libc::SIGCHLD, libc::SIG_IGN) };
    commands::scan_plugin_dirs(&options.plugin_dirs);

    // SAFETY: once, on the main thread, before the loop runs.
    if let Err(message) = unsafe { start_libpurple(&options) } {
        fail(&message);
    }
    accounts::restore();
    // SAFETY: returns a static string owned by libpurple.
    let version = unsafe { cstr::json(ffi::purple_core_get_version()) };
    protocol::emit_event("ready", json!({ "libpurple": version }));

    // SAFETY: the loop is created, run and freed here, on the main thread.
    unsafe {
        let main_loop = glib_sys::g_main_loop_new(std::ptr::null_mut(), glib_sys::GFALSE);
        MAIN_LOOP.with(|cell| cell.set(main_loop));
        if let Err(err) = stdin::watch() {
            fail(&format!("cannot watch stdin: {err}"));
        }
        if !quitting() {
            glib_sys::g_main_loop_run(main_loop);
        }
        reconnect::forget_all();
        ffi::purple_connections_disconnect_all();
        ffi::purple_core_quit();
        MAIN_LOOP.with(|cell| cell.set(std::ptr::null_mut()));
        glib_sys::g_main_loop_unref(main_loop);
    }
    std::process::exit(0);
}

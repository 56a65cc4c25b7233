//! Commands arrive on stdin, one JSON object per line, read without blocking from the GLib
//! main loop. Partial lines wait in a buffer for the rest.

use std::cell::RefCell;

use glib_sys::{G_IO_ERR, G_IO_HUP, G_IO_IN, GIOChannel, GIOCondition};

use crate::commands;
use crate::ffi::{gboolean, gpointer};
use crate::ops::guard;

const STDIN: i32 = 0;

thread_local! {
    static PENDING_INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Starts watching stdin on the default main context.
pub fn watch() -> std::io::Result<()> {
    // SAFETY: fd 0 belongs to this process; the channel only wraps it.
    unsafe {
        let flags = libc::fcntl(STDIN, libc::F_GETFL);
        if flags < 0 || libc::fcntl(STDIN, libc::F_SETFL, flags | libc::O_NONBLOCK) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let channel = glib_sys::g_io_channel_unix_new(STDIN);
        glib_sys::g_io_add_watch(
            channel,
            G_IO_IN | G_IO_HUP | G_IO_ERR,
            Some(on_readable),
            std::ptr::null_mut(),
        );
        glib_sys::g_io_channel_unref(channel);
    }
    Ok(())
}

unsafe extern "C" fn on_readable(
    _channel: *mut GIOChannel,
    _condition: GIOCondition,
    _data: gpointer,
) -> gboolean {
    let keep_watching = guard("stdin reader", false, read_available);
    if keep_watching {
        glib_sys::GTRUE
    } else {
        glib_sys::GFALSE
    }
}

/// Reads everything available and runs the complete lines. Returns whether to keep watching.
fn read_available() -> bool {
    let mut chunk = [0u8; 64 * 1024];
    loop {
        // SAFETY: reading into a local buffer of the given length.
        let count = unsafe { libc::read(STDIN, chunk.as_mut_ptr().cast(), chunk.len()) };
        match count {
            0 => {
                // EOF: a last line without a newline still counts, then shut down.
                run_complete_lines(true);
                crate::quit();
                return false;
            }
            count if count > 0 => {
                let count = count as usize;
                PENDING_INPUT
                    .with(|pending| pending.borrow_mut().extend_from_slice(&chunk[..count]));
                run_complete_lines(false);
                if crate::quitting() {
                    return false;
                }
            }
            _ => {
                let error = std::io::Error::last_os_error();
                match error.kind() {
                    std::io::ErrorKind::WouldBlock => return true,
                    std::io::ErrorKind::Interrupted => continue,
                    _ => {
                        crate::protocol::emit_error(&format!("reading stdin failed: {error}"));
                        crate::quit();
                        return false;
                    }
                }
            }
        }
    }
}

fn run_complete_lines(at_eof: bool) {
    while !crate::quitting() {
        let line = PENDING_INPUT.with(|pending| {
            let mut pending = pending.borrow_mut();
            match pending.iter().position(|&byte| byte == b'\n') {
                Some(end) => Some(pending.drain(..=end).collect::<Vec<u8>>()),
                None if at_eof && !pending.is_empty() => Some(std::mem::take(&mut *pending)),
                None => None,
            }
        });
        let Some(line) = line else { return };
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if !line.is_empty() {
            // Nothing is borrowed here: a command may well cause more input handling.
            commands::run_line(line);
        }
    }
}

//! The one panic guard every `extern "C"` entry point goes through.
//!
//! A panic unwinding into C aborts the process, taking Pidgin and all the user's other
//! accounts with it. So each entry point catches it, logs it, returns a harmless value and,
//! where a connection is known, ends that connection with an error the user can report.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::connection;
use super::ffi::PurpleConnection;
use super::log;
use crate::error::{ConnectionError, ErrorClass};

fn panic_text(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// Test builds can make one entry point panic: `PURPLE_LYNC_TEST_PANIC=<entry>`.
fn forced_panic_for_tests(entry: &str) {
    if cfg!(debug_assertions) && std::env::var("PURPLE_LYNC_TEST_PANIC").is_ok_and(|v| v == entry) {
        panic!("forced panic in {entry} (PURPLE_LYNC_TEST_PANIC)");
    }
}

/// Runs `body`; on panic logs it and returns `fallback`.
pub fn guard<R>(entry: &'static str, fallback: R, body: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(|| {
        forced_panic_for_tests(entry);
        body()
    })) {
        Ok(value) => value,
        Err(payload) => {
            // Logging must not panic again here: it only formats and calls C.
            log::error(&format!(
                "internal error: panic in {entry}: {}",
                panic_text(&*payload)
            ));
            fallback
        }
    }
}

/// Like [`guard`], and a panic also ends the connection `gc` with an error.
pub fn guard_connection<R>(
    entry: &'static str,
    gc: *mut PurpleConnection,
    fallback: R,
    body: impl FnOnce() -> R,
) -> R {
    let mut panicked = true;
    let value = guard(entry, None, || {
        let value = body();
        panicked = false;
        Some(value)
    });
    match value {
        Some(value) => value,
        None => {
            if panicked && !gc.is_null() {
                let error = ConnectionError::new(
                    ErrorClass::Other,
                    format!(
                        "purple-lync hit an internal error ({entry}) and disconnected. \
                         Please report it with the debug log (Help > Debug Window)."
                    ),
                );
                // Reporting is guarded too: nothing may unwind out of this function.
                let _ = catch_unwind(AssertUnwindSafe(|| connection::report_error(gc, &error)));
            }
            fallback
        }
    }
}

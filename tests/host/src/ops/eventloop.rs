//! Event loop ops: libpurple's timers and fd watches run on the GLib main loop, as in Pidgin.

use glib_sys::{G_IO_ERR, G_IO_HUP, G_IO_IN, G_IO_NVAL, G_IO_OUT, GIOChannel, GIOCondition};

use crate::ffi::{
    PURPLE_INPUT_READ, PURPLE_INPUT_WRITE, PurpleEventLoopUiOps, PurpleInputCondition,
    PurpleInputFunction, gboolean, gpointer, guint,
};

/// Conditions that wake a read watch. HUP and ERR are included so the reader sees EOF/errors.
const READ_CONDITIONS: GIOCondition = G_IO_IN | G_IO_HUP | G_IO_ERR;
/// Conditions that wake a write watch (NVAL so a closed fd is reported rather than spun on).
const WRITE_CONDITIONS: GIOCondition = G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;

pub static EVENTLOOP_OPS: PurpleEventLoopUiOps = PurpleEventLoopUiOps {
    timeout_add: Some(glib_sys::g_timeout_add),
    timeout_remove: Some(glib_sys::g_source_remove),
    input_add: Some(input_add),
    input_remove: Some(glib_sys::g_source_remove),
    input_get_error: None,
    timeout_add_seconds: Some(glib_sys::g_timeout_add_seconds),
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

/// What an fd watch calls back; owned by the GLib source and freed with it.
struct InputWatch {
    callback: PurpleInputFunction,
    data: gpointer,
}

unsafe extern "C" fn input_add(
    fd: i32,
    condition: PurpleInputCondition,
    callback: PurpleInputFunction,
    data: gpointer,
) -> guint {
    let mut wanted: GIOCondition = 0;
    if condition & PURPLE_INPUT_READ != 0 {
        wanted |= READ_CONDITIONS;
    }
    if condition & PURPLE_INPUT_WRITE != 0 {
        wanted |= WRITE_CONDITIONS;
    }
    let watch = Box::into_raw(Box::new(InputWatch { callback, data }));
    // SAFETY: the channel only wraps the fd (it does not close it); the source keeps its own
    // reference, and frees `watch` through `free_input_watch` when it is removed.
    unsafe {
        let channel = glib_sys::g_io_channel_unix_new(fd);
        let source = glib_sys::g_io_add_watch_full(
            channel,
            glib_sys::G_PRIORITY_DEFAULT,
            wanted,
            Some(dispatch_input),
            watch.cast(),
            Some(free_input_watch),
        );
        glib_sys::g_io_channel_unref(channel);
        source
    }
}

unsafe extern "C" fn dispatch_input(
    channel: *mut GIOChannel,
    condition: GIOCondition,
    data: gpointer,
) -> gboolean {
    // SAFETY: `data` is the InputWatch this source was created with, alive until removal.
    let watch = unsafe { &*data.cast::<InputWatch>() };
    let mut ready: PurpleInputCondition = 0;
    if condition & READ_CONDITIONS != 0 {
        ready |= PURPLE_INPUT_READ;
    }
    if condition & WRITE_CONDITIONS != 0 {
        ready |= PURPLE_INPUT_WRITE;
    }
    if let Some(callback) = watch.callback {
        // SAFETY: calling back into libpurple/the plugin exactly as it asked.
        unsafe {
            callback(
                watch.data,
                glib_sys::g_io_channel_unix_get_fd(channel),
                ready,
            )
        };
    }
    glib_sys::GTRUE
}

unsafe extern "C" fn free_input_watch(data: gpointer) {
    if !data.is_null() {
        // SAFETY: created by Box::into_raw in input_add, freed exactly once by GLib.
        drop(unsafe { Box::from_raw(data.cast::<InputWatch>()) });
    }
}

/// Adds a one-shot idle callback on the main loop (for work that must not run re-entrantly).
pub fn idle_once(callback: Box<dyn FnOnce()>) {
    let boxed: *mut Box<dyn FnOnce()> = Box::into_raw(Box::new(callback));
    // SAFETY: run_idle_once takes the box back exactly once.
    unsafe { glib_sys::g_idle_add(Some(run_idle_once), boxed.cast()) };
}

/// Adds a one-shot timer on the main loop; returns its GLib source id.
pub fn timeout_once(delay_ms: u32, callback: Box<dyn FnOnce()>) -> u32 {
    let boxed: *mut Box<dyn FnOnce()> = Box::into_raw(Box::new(callback));
    // SAFETY: the destroy notify frees the box whether the timer fires or is removed.
    unsafe {
        glib_sys::g_timeout_add_full(
            glib_sys::G_PRIORITY_DEFAULT,
            delay_ms,
            Some(run_timer_once),
            boxed.cast(),
            Some(free_once),
        )
    }
}

unsafe extern "C" fn run_idle_once(data: gpointer) -> gboolean {
    // SAFETY: created by Box::into_raw in idle_once; this source fires once and is removed.
    let callback = unsafe { Box::from_raw(data.cast::<Box<dyn FnOnce()>>()) };
    super::guard("idle callback", (), callback);
    glib_sys::GFALSE
}

unsafe extern "C" fn run_timer_once(data: gpointer) -> gboolean {
    // SAFETY: `data` stays owned by the source (freed by free_once); the closure is taken
    // out and replaced by a no-op so it runs at most once.
    let slot = unsafe { &mut *data.cast::<Box<dyn FnOnce()>>() };
    let callback = std::mem::replace(slot, Box::new(|| {}));
    super::guard("timer callback", (), callback);
    glib_sys::GFALSE
}

unsafe extern "C" fn free_once(data: gpointer) {
    if !data.is_null() {
        // SAFETY: created by Box::into_raw in timeout_once, freed once by GLib.
        drop(unsafe { Box::from_raw(data.cast::<Box<dyn FnOnce()>>()) });
    }
}

/// Removes a GLib source added by [`timeout_once`] that has not fired yet.
pub fn remove_source(source: u32) {
    if source != 0 {
        // SAFETY: plain GLib call; removing a still-pending source id is valid.
        unsafe { glib_sys::g_source_remove(source) };
    }
}

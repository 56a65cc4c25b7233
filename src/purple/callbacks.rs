//! Callback tokens: the `gpointer` libpurple hands back to our callbacks.
//!
//! A token names a connection (by a serial number, never reused) and one of its transport
//! links. A callback first turns its token back into a live `PurpleConnection`; when the
//! connection is gone the token resolves to nothing and the callback does nothing, so a late
//! callback can never touch freed memory.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::ffi::{PurpleConnection, gpointer};
use crate::engine::ConnId;

/// What a token refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub serial: u64,
    pub link: ConnId,
}

thread_local! {
    // libpurple runs everything on one thread, so thread-locals are the whole world.
    static TOKENS: RefCell<HashMap<usize, Target>> = RefCell::new(HashMap::new());
    static NEXT_TOKEN: Cell<usize> = const { Cell::new(1) };
    static LIVE: RefCell<HashMap<u64, usize>> = RefCell::new(HashMap::new());
    static NEXT_SERIAL: Cell<u64> = const { Cell::new(1) };
}

/// Registers a live connection; returns its serial.
pub fn register_connection(gc: *mut PurpleConnection) -> u64 {
    let serial = NEXT_SERIAL.with(|n| {
        let serial = n.get();
        n.set(serial + 1);
        serial
    });
    LIVE.with(|live| live.borrow_mut().insert(serial, gc as usize));
    serial
}

/// Forgets a connection and every token naming it.
pub fn unregister_connection(serial: u64) {
    LIVE.with(|live| live.borrow_mut().remove(&serial));
    TOKENS.with(|tokens| {
        tokens
            .borrow_mut()
            .retain(|_, target| target.serial != serial)
    });
}

/// A fresh token for a callback about `link` of connection `serial`.
pub fn token(serial: u64, link: ConnId) -> gpointer {
    let token = NEXT_TOKEN.with(|n| {
        let token = n.get();
        n.set(token.wrapping_add(1).max(1));
        token
    });
    TOKENS.with(|tokens| tokens.borrow_mut().insert(token, Target { serial, link }));
    token as gpointer
}

/// Drops a token that will not be called back any more (one-shot callbacks).
pub fn forget(token: gpointer) {
    TOKENS.with(|tokens| tokens.borrow_mut().remove(&(token as usize)));
}

/// The live connection and link a token names, if both still exist.
pub fn resolve(token: gpointer) -> Option<(*mut PurpleConnection, Target)> {
    let target = TOKENS.with(|tokens| tokens.borrow().get(&(token as usize)).copied())?;
    let gc = LIVE.with(|live| live.borrow().get(&target.serial).copied())?;
    Some((gc as *mut PurpleConnection, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_die_with_their_connection() {
        let fake_gc = 0x1000 as *mut PurpleConnection;
        let serial = register_connection(fake_gc);
        let t = token(serial, 7);
        let (gc, target) = resolve(t).expect("live");
        assert_eq!(gc, fake_gc);
        assert_eq!(target.link, 7);
        unregister_connection(serial);
        assert!(resolve(t).is_none());
        let other = register_connection(fake_gc);
        assert_ne!(other, serial, "serials are never reused");
        assert!(resolve(t).is_none(), "an old token stays dead");
        unregister_connection(other);
    }

    #[test]
    fn forgotten_tokens_resolve_to_nothing() {
        let serial = register_connection(0x2000 as *mut PurpleConnection);
        let t = token(serial, 1);
        forget(t);
        assert!(resolve(t).is_none());
        unregister_connection(serial);
    }
}

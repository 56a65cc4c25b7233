//! Instant messages between the engine and libpurple's conversations.

use super::ffi::{self, PurpleAccount, PurpleConnection};
use super::strings::to_cstring;
use crate::engine::Delivery;

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A message arrived: show it in (or open) the conversation with `from`.
///
/// # Safety
/// `gc` must be live.
pub unsafe fn received(gc: *mut PurpleConnection, from: &str, html: &str) {
    let (who, message) = (to_cstring(from), to_cstring(html));
    // SAFETY: per the contract; libpurple copies both strings.
    unsafe { ffi::serv_got_im(gc, who.as_ptr(), message.as_ptr(), 0, now_seconds() as _) };
}

/// The contact typing (or stopped).
///
/// # Safety
/// `gc` must be live.
pub unsafe fn typing(gc: *mut PurpleConnection, with: &str, typing: bool) {
    let who = to_cstring(with);
    // SAFETY: per the contract; a timeout of 0 keeps "typing" until told otherwise.
    unsafe {
        if typing {
            ffi::serv_got_typing(gc, who.as_ptr(), 0, ffi::PURPLE_TYPING);
        } else {
            ffi::serv_got_typing_stopped(gc, who.as_ptr());
        }
    }
}

/// A message could not be delivered: say so in its conversation (or in a dialog).
///
/// # Safety
/// `gc` and `account` must be live.
pub unsafe fn failed(
    gc: *mut PurpleConnection,
    account: *mut PurpleAccount,
    with: &str,
    text: &str,
    reason: &str,
    delivery: Delivery,
) {
    let escaped_text = crate::xml::escape(text);
    let what = to_cstring(&match delivery {
        Delivery::NotDelivered => {
            format!("This message was not delivered because {reason}: {escaped_text}")
        }
        Delivery::Unconfirmed => {
            format!("This message may not have been delivered ({reason}): {escaped_text}")
        }
    });
    let who = to_cstring(with);
    // SAFETY: per the contract; libpurple copies the strings.
    unsafe {
        if ffi::purple_conv_present_error(who.as_ptr(), account, what.as_ptr()) == 0 {
            let title = to_cstring("Message not delivered");
            let primary = to_cstring(&format!("A message to {with} was not delivered"));
            ffi::purple_notify_message(
                gc.cast(),
                ffi::PURPLE_NOTIFY_MSG_ERROR,
                title.as_ptr(),
                primary.as_ptr(),
                what.as_ptr(),
                None,
                std::ptr::null_mut(),
            );
        }
    }
}

/// Pidgin's typing states as the engine takes them: `Some(typing)` to send, `None` to skip.
pub fn typing_state(state: ffi::PurpleTypingState) -> Option<bool> {
    match state {
        ffi::PURPLE_TYPING => Some(true),
        ffi::PURPLE_NOT_TYPING => Some(false),
        // "Typed" (paused) is not a state Lync has.
        _ => None,
    }
}

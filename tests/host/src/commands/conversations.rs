//! Conversation commands, made the way Pidgin's conversation window makes them.

use super::Outcome;
use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_CONV_TYPE_IM, PURPLE_NOT_TYPING, PURPLE_TYPED, PURPLE_TYPING, PurpleAccount,
    PurpleConnection, PurpleConversation,
};
use crate::protocol::Command;

fn connection(account: *mut PurpleAccount) -> Result<*mut PurpleConnection, String> {
    // SAFETY: live account.
    let gc = unsafe { ffi::purple_account_get_connection(account) };
    // SAFETY: gc checked for NULL before use.
    if gc.is_null() || unsafe { ffi::purple_account_is_connected(account) } == 0 {
        Err("the account is not connected".into())
    } else {
        Ok(gc)
    }
}

fn find_im(account: *mut PurpleAccount, with: &str) -> *mut PurpleConversation {
    let c_with = cstr::owned(with);
    // SAFETY: lookup only.
    unsafe {
        ffi::purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, c_with.as_ptr(), account)
    }
}

/// `{"cmd":"send_im","account":L,"to","text"}`: opens (or reuses) the IM window and sends,
/// so libpurple runs its usual sending path (signals, `conversation_write` of the sent text).
/// The text goes out as given: it is the HTML-ish markup Pidgin would pass.
pub fn send_im(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let to = command.str("to")?;
    let text = cstr::owned(command.str("text")?);
    connection(account)?;
    let mut conv = find_im(account, to);
    // SAFETY: live account; the conversation belongs to libpurple.
    unsafe {
        if conv.is_null() {
            let c_to = cstr::owned(to);
            conv = ffi::purple_conversation_new(PURPLE_CONV_TYPE_IM, account, c_to.as_ptr());
        }
        ffi::purple_conv_im_send(ffi::purple_conversation_get_im_data(conv), text.as_ptr());
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"typing","account":L,"to","state":"typing|typed|not_typing"}`
pub fn typing(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let to = cstr::owned(command.str("to")?);
    let state = match command.str("state")? {
        "typing" => PURPLE_TYPING,
        "typed" => PURPLE_TYPED,
        "not_typing" => PURPLE_NOT_TYPING,
        other => return Err(format!("unknown typing state \"{other}\"")),
    };
    let gc = connection(account)?;
    // SAFETY: live connection.
    unsafe { ffi::serv_send_typing(gc, to.as_ptr(), state) };
    Ok(Outcome::Done)
}

/// `{"cmd":"close_conversation","account":L,"with"}`: like closing the window (the prpl's
/// `convo_closed` runs).
pub fn close(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let with = command.str("with")?;
    let conv = find_im(account, with);
    if conv.is_null() {
        return Err(format!("no conversation with {with}"));
    }
    // SAFETY: a live conversation, destroyed once.
    unsafe { ffi::purple_conversation_destroy(conv) };
    Ok(Outcome::Done)
}

/// `{"cmd":"get_info","account":L,"who"}`: the answer arrives as a `notify` userinfo event.
pub fn get_info(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let who = cstr::owned(command.str("who")?);
    let gc = connection(account)?;
    // SAFETY: live connection.
    unsafe { ffi::serv_get_info(gc, who.as_ptr()) };
    Ok(Outcome::Done)
}

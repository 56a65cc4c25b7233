//! Conversation ops: everything libpurple writes into a conversation window (received and
//! sent messages, errors, system notices) becomes a `conversation_write` event.

use std::ffi::c_char;

use serde_json::json;

use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_CONV_TYPE_CHAT, PURPLE_CONV_TYPE_IM, PurpleConversation, PurpleConversationUiOps,
    PurpleMessageFlags, time_t,
};
use crate::protocol;

/// Only `write_conv` is set: with no `write_im`/`write_chat`, libpurple routes IM and chat
/// messages through `write_conv` too (after logging and the `writing-*` signals).
pub static CONVERSATION_OPS: PurpleConversationUiOps = PurpleConversationUiOps {
    create_conversation: None,
    destroy_conversation: None,
    write_chat: None,
    write_im: None,
    write_conv: Some(write_conv),
    chat_add_users: None,
    chat_rename_user: None,
    chat_remove_users: None,
    chat_update_user: None,
    present: None,
    has_focus: None,
    custom_smiley_add: None,
    custom_smiley_write: None,
    custom_smiley_close: None,
    send_confirm: None,
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

unsafe extern "C" fn write_conv(
    conv: *mut PurpleConversation,
    who: *const c_char,
    alias: *const c_char,
    message: *const c_char,
    flags: PurpleMessageFlags,
    mtime: time_t,
) {
    super::guard("write_conv", (), || unsafe {
        // SAFETY: a live conversation and valid or NULL strings, copied before returning.
        let kind = match ffi::purple_conversation_get_type(conv) {
            PURPLE_CONV_TYPE_IM => "im",
            PURPLE_CONV_TYPE_CHAT => "chat",
            _ => "misc",
        };
        protocol::emit_event(
            "conversation_write",
            json!({
                "account": accounts::label_json(ffi::purple_conversation_get_account(conv)),
                "conversation": kind,
                "with": cstr::json(ffi::purple_conversation_get_name(conv)),
                "who": cstr::json(who),
                "alias": cstr::json(alias),
                "text": cstr::json(message),
                "flags": protocol::message_flag_names(flags),
                "time": mtime,
            }),
        );
    })
}

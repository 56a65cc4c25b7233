//! libpurple signals the host reports: sign-on/off, incoming IMs, typing, buddy list changes,
//! buddy presence, and chats joined and left and their members coming and going.

use std::ffi::{CStr, c_char, c_void};

use serde_json::{Value, json};

use crate::accounts;
use crate::cstr;
use crate::describe;
use crate::ffi::{
    self, PurpleAccount, PurpleBuddy, PurpleCallback, PurpleConnection, PurpleConversation,
    PurpleMessageFlags, PurpleStatus, gboolean,
};
use crate::ops::guard;
use crate::protocol;
use crate::reconnect;

/// Identifies the host's signal subscriptions to libpurple (only its address matters).
static SUBSCRIBER: u8 = 0;

/// Subscribes to every signal the host reports. Runs once, from the core `ui_init` op.
pub fn connect_all() {
    type GcHandler = unsafe extern "C" fn(*mut PurpleConnection, *mut c_void);
    type TypingHandler = unsafe extern "C" fn(*mut PurpleAccount, *const c_char, *mut c_void);
    type BuddyHandler = unsafe extern "C" fn(*mut PurpleBuddy, *mut c_void);
    type ImHandler = unsafe extern "C" fn(
        *mut PurpleAccount,
        *const c_char,
        *const c_char,
        *mut PurpleConversation,
        PurpleMessageFlags,
        *mut c_void,
    );
    type StatusHandler =
        unsafe extern "C" fn(*mut PurpleBuddy, *mut PurpleStatus, *mut PurpleStatus, *mut c_void);
    type IdleHandler = unsafe extern "C" fn(*mut PurpleBuddy, gboolean, gboolean, *mut c_void);
    type ConvHandler = unsafe extern "C" fn(*mut PurpleConversation, *mut c_void);
    type ChatBuddyJoinedHandler = unsafe extern "C" fn(
        *mut PurpleConversation,
        *const c_char,
        ffi::PurpleConvChatBuddyFlags,
        gboolean,
        *mut c_void,
    );
    type ChatBuddyLeftHandler =
        unsafe extern "C" fn(*mut PurpleConversation, *const c_char, *const c_char, *mut c_void);
    type ChatTopicHandler = ChatBuddyLeftHandler;

    // SAFETY: each handler's signature matches the signal's documented arguments (plus the
    // trailing user data); libpurple calls it through the generic PurpleCallback type.
    unsafe {
        let connections = ffi::purple_connections_get_handle();
        let conversations = ffi::purple_conversations_get_handle();
        let blist = ffi::purple_blist_get_handle();
        // Each handler is cast to the generic callback type libpurple stores.
        macro_rules! callback {
            ($handler:expr, $signature:ty) => {
                Some(std::mem::transmute::<$signature, unsafe extern "C" fn()>(
                    $handler,
                ))
            };
        }
        let subscriptions: [(*mut c_void, &CStr, PurpleCallback); 15] = [
            (connections, c"signed-on", callback!(signed_on, GcHandler)),
            (connections, c"signed-off", callback!(signed_off, GcHandler)),
            (
                conversations,
                c"received-im-msg",
                callback!(received_im, ImHandler),
            ),
            (
                conversations,
                c"buddy-typing",
                callback!(buddy_typing, TypingHandler),
            ),
            (
                conversations,
                c"buddy-typed",
                callback!(buddy_typed, TypingHandler),
            ),
            (
                conversations,
                c"buddy-typing-stopped",
                callback!(buddy_typing_stopped, TypingHandler),
            ),
            (blist, c"buddy-added", callback!(buddy_added, BuddyHandler)),
            (
                blist,
                c"buddy-removed",
                callback!(buddy_removed, BuddyHandler),
            ),
            (
                blist,
                c"buddy-status-changed",
                callback!(buddy_status_changed, StatusHandler),
            ),
            (
                blist,
                c"buddy-idle-changed",
                callback!(buddy_idle_changed, IdleHandler),
            ),
            (
                conversations,
                c"chat-joined",
                callback!(chat_joined, ConvHandler),
            ),
            (
                conversations,
                c"chat-left",
                callback!(chat_left, ConvHandler),
            ),
            (
                conversations,
                c"chat-buddy-joined",
                callback!(chat_buddy_joined, ChatBuddyJoinedHandler),
            ),
            (
                conversations,
                c"chat-buddy-left",
                callback!(chat_buddy_left, ChatBuddyLeftHandler),
            ),
            (
                conversations,
                c"chat-topic-changed",
                callback!(chat_topic_changed, ChatTopicHandler),
            ),
        ];
        for (instance, signal, callback) in subscriptions {
            ffi::purple_signal_connect(
                instance,
                signal.as_ptr(),
                std::ptr::from_ref(&SUBSCRIBER).cast_mut().cast(),
                callback,
                std::ptr::null_mut(),
            );
        }
    }
}

unsafe extern "C" fn signed_on(gc: *mut PurpleConnection, _data: *mut c_void) {
    guard("signed-on", (), || {
        // SAFETY: live connection from libpurple.
        let account = unsafe { ffi::purple_connection_get_account(gc) };
        reconnect::after_sign_on(account);
        protocol::emit_event(
            "signed_on",
            json!({"account": accounts::label_json(account)}),
        );
    })
}

unsafe extern "C" fn signed_off(gc: *mut PurpleConnection, _data: *mut c_void) {
    guard("signed-off", (), || {
        let account = accounts::label_json_for_connection(gc);
        protocol::emit_event("signed_off", json!({ "account": account }));
    })
}

unsafe extern "C" fn received_im(
    account: *mut PurpleAccount,
    sender: *const c_char,
    message: *const c_char,
    _conv: *mut PurpleConversation,
    flags: PurpleMessageFlags,
    _data: *mut c_void,
) {
    guard("received-im-msg", (), || {
        protocol::emit_event(
            "im_received",
            json!({
                "account": accounts::label_json(account),
                // SAFETY: valid strings from libpurple.
                "from": unsafe { cstr::json(sender) },
                "text": unsafe { cstr::json(message) },
                "flags": protocol::message_flag_names(flags),
            }),
        );
    })
}

fn report_typing(account: *mut PurpleAccount, who: *const c_char, state: &str) {
    protocol::emit_event(
        "typing",
        json!({
            "account": accounts::label_json(account),
            // SAFETY: valid string from libpurple.
            "who": unsafe { cstr::json(who) },
            "state": state,
        }),
    );
}

unsafe extern "C" fn buddy_typing(
    account: *mut PurpleAccount,
    who: *const c_char,
    _data: *mut c_void,
) {
    guard("buddy-typing", (), || report_typing(account, who, "typing"))
}

unsafe extern "C" fn buddy_typed(
    account: *mut PurpleAccount,
    who: *const c_char,
    _data: *mut c_void,
) {
    guard("buddy-typed", (), || report_typing(account, who, "typed"))
}

unsafe extern "C" fn buddy_typing_stopped(
    account: *mut PurpleAccount,
    who: *const c_char,
    _data: *mut c_void,
) {
    guard("buddy-typing-stopped", (), || {
        report_typing(account, who, "not_typing")
    })
}

/// `{account,name,alias,group}` of a buddy added to or removed from the list.
fn membership(buddy: *mut PurpleBuddy) -> Value {
    // SAFETY: libpurple passes a live buddy (a removed one is still attached to its contact).
    let described = unsafe { describe::buddy(buddy) };
    json!({
        "account": described["account"],
        "name": described["name"],
        "alias": described["alias"],
        "group": described["group"],
    })
}

unsafe extern "C" fn buddy_added(buddy: *mut PurpleBuddy, _data: *mut c_void) {
    guard("buddy-added", (), || {
        protocol::emit_event("buddy_added", membership(buddy))
    })
}

unsafe extern "C" fn buddy_removed(buddy: *mut PurpleBuddy, _data: *mut c_void) {
    guard("buddy-removed", (), || {
        protocol::emit_event("buddy_removed", membership(buddy))
    })
}

fn report_buddy_status(buddy: *mut PurpleBuddy, change: &str) {
    // SAFETY: live buddy from libpurple.
    let described = unsafe { describe::buddy(buddy) };
    let mut event = json!({
        "account": described["account"],
        "name": described["name"],
        "status_id": described["status_id"],
        "primitive": described["primitive"],
        "message": described["message"],
        "online": described["online"],
        "idle": described["idle"],
        "idle_since": described["idle_since"],
    });
    event["change"] = Value::String(change.into());
    protocol::emit_event("buddy_status", event);
}

unsafe extern "C" fn buddy_status_changed(
    buddy: *mut PurpleBuddy,
    _old: *mut PurpleStatus,
    _new: *mut PurpleStatus,
    _data: *mut c_void,
) {
    guard("buddy-status-changed", (), || {
        report_buddy_status(buddy, "status")
    })
}

unsafe extern "C" fn buddy_idle_changed(
    buddy: *mut PurpleBuddy,
    _old_idle: gboolean,
    _idle: gboolean,
    _data: *mut c_void,
) {
    guard("buddy-idle-changed", (), || {
        report_buddy_status(buddy, "idle")
    })
}

/// `{account, chat}` of a chat conversation (its name, as `chat_send` takes it).
///
/// # Safety
/// `conv` is a live conversation.
unsafe fn chat_fields(conv: *mut PurpleConversation) -> Value {
    // SAFETY: per the contract; the strings are copied.
    unsafe {
        json!({
            "account": accounts::label_json(ffi::purple_conversation_get_account(conv)),
            "chat": cstr::json(ffi::purple_conversation_get_name(conv)),
        })
    }
}

unsafe extern "C" fn chat_joined(conv: *mut PurpleConversation, _data: *mut c_void) {
    guard("chat-joined", (), || {
        // SAFETY: live conversation from libpurple.
        let mut event = unsafe { chat_fields(conv) };
        // SAFETY: as above; a chat conversation has chat data.
        event["id"] =
            unsafe { ffi::purple_conv_chat_get_id(ffi::purple_conversation_get_chat_data(conv)) }
                .into();
        protocol::emit_event("chat_joined", event);
    })
}

/// `chat-topic-changed` (conversation, who, topic).
unsafe extern "C" fn chat_topic_changed(
    conv: *mut PurpleConversation,
    who: *const c_char,
    topic: *const c_char,
    _data: *mut c_void,
) {
    guard("chat-topic-changed", (), || {
        // SAFETY: live conversation and strings from libpurple for the call.
        let mut event = unsafe { chat_fields(conv) };
        event["who"] = unsafe { cstr::json(who) };
        event["topic"] = unsafe { cstr::json(topic) };
        protocol::emit_event("chat_topic", event);
    })
}

unsafe extern "C" fn chat_left(conv: *mut PurpleConversation, _data: *mut c_void) {
    guard("chat-left", (), || {
        // SAFETY: live conversation from libpurple.
        protocol::emit_event("chat_left", unsafe { chat_fields(conv) });
    })
}

unsafe extern "C" fn chat_buddy_joined(
    conv: *mut PurpleConversation,
    name: *const c_char,
    _flags: ffi::PurpleConvChatBuddyFlags,
    new_arrival: gboolean,
    _data: *mut c_void,
) {
    guard("chat-buddy-joined", (), || {
        // SAFETY: live conversation and a valid name from libpurple.
        let mut event = unsafe { chat_fields(conv) };
        event["who"] = unsafe { cstr::json(name) };
        event["new_arrival"] = (new_arrival != 0).into();
        protocol::emit_event("chat_buddy_joined", event);
    })
}

unsafe extern "C" fn chat_buddy_left(
    conv: *mut PurpleConversation,
    name: *const c_char,
    reason: *const c_char,
    _data: *mut c_void,
) {
    guard("chat-buddy-left", (), || {
        // SAFETY: live conversation and valid (or NULL) strings from libpurple.
        let mut event = unsafe { chat_fields(conv) };
        event["who"] = unsafe { cstr::json(name) };
        event["reason"] = unsafe { cstr::json(reason) };
        protocol::emit_event("chat_buddy_left", event);
    })
}

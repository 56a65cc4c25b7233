//! Chats of more than two people: the engine's chat events in libpurple's chat
//! conversations, and the protocol's chat callbacks (Join a Chat, invite, send, leave) and
//! buddy menu ("New chat", "Invite to '…'"), named as pidgin-sipe names them.

use std::cell::{Cell, RefCell};
use std::ffi::{CStr, c_char, c_int};
use std::ptr;

use super::blist;
use super::driver;
use super::ffi::{
    self, GHashTable, GList, PurpleBlistNode, PurpleBuddy, PurpleConnection, PurpleConvChat,
    gpointer,
};
use super::guard::{guard, guard_connection};
use super::strings::{from_cstr, glib_strdup, to_cstring};
use crate::engine::{ChatCommand, ChatEvent, ChatId, Command};

/// The component that names a chat: the conference's focus URI.
const URI_KEY: &CStr = c"uri";
/// "Join a Chat" without an address starts a new chat about this subject.
const SUBJECT_KEY: &CStr = c"subject";
/// Set only in the components of an invitation: who invited us.
const INVITER_KEY: &CStr = c"inviter";
pub const NEW_CHAT_LABEL: &str = "New chat";

thread_local! {
    /// Window names by focus URI (lower case). One conference keeps one name for the life of
    /// the process, so rejoining it after a reconnect reuses its window.
    static NAMES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    static NEXT_NUMBER: Cell<u32> = const { Cell::new(1) };
}

/// The window name of the conference at `focus` ("Chat #1", "Chat #2" …).
fn name_for_focus(focus: &str) -> String {
    let wanted = focus.to_ascii_lowercase();
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some((_, name)) = names.iter().find(|(f, _)| *f == wanted) {
            return name.clone();
        }
        let number = NEXT_NUMBER.with(|n| {
            let number = n.get();
            n.set(number + 1);
            number
        });
        let name = format!("Chat #{number}");
        names.push((wanted, name.clone()));
        name
    })
}

fn focus_for_name(name: &str) -> Option<String> {
    NAMES.with(|names| {
        names
            .borrow()
            .iter()
            .find(|(_, n)| n == name)
            .map(|(focus, _)| focus.clone())
    })
}

fn now_seconds() -> ffi::time_t {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as ffi::time_t)
}

fn purple_id(chat: ChatId) -> c_int {
    c_int::try_from(chat).unwrap_or(c_int::MAX)
}

/// The chat conversation of engine chat `chat`, if its window is open.
///
/// # Safety
/// `gc` must be live.
unsafe fn conv_chat(gc: *mut PurpleConnection, chat: ChatId) -> Option<*mut PurpleConvChat> {
    // SAFETY: per the contract.
    unsafe {
        let conv = ffi::purple_find_chat(gc, purple_id(chat));
        (!conv.is_null()).then(|| ffi::purple_conversation_get_chat_data(conv))
    }
    .filter(|c| !c.is_null())
}

/// How the user knows `uri`: the buddy's alias, else the URI.
///
/// # Safety
/// `gc` must be live.
unsafe fn display_name(gc: *mut PurpleConnection, uri: &str) -> String {
    let who = to_cstring(uri);
    // SAFETY: per the contract; libpurple owns the alias it returns.
    unsafe {
        let account = ffi::purple_connection_get_account(gc);
        let buddy = ffi::purple_find_buddy(account, who.as_ptr());
        if buddy.is_null() {
            return uri.to_owned();
        }
        from_cstr(ffi::purple_buddy_get_contact_alias(buddy)).unwrap_or_else(|| uri.to_owned())
    }
}

/// Writes a notice (plain text) into a chat window.
///
/// # Safety
/// `chat` must be a live chat conversation.
unsafe fn write_notice(chat: *mut PurpleConvChat, text: &str, error: bool) {
    let text = to_cstring(&crate::xml::escape(text));
    let flags = if error {
        ffi::PURPLE_MESSAGE_SYSTEM | ffi::PURPLE_MESSAGE_ERROR
    } else {
        ffi::PURPLE_MESSAGE_SYSTEM
    };
    // SAFETY: per the contract; libpurple copies the text.
    unsafe {
        let conv = (*chat).conv;
        ffi::purple_conversation_write(conv, ptr::null(), text.as_ptr(), flags, now_seconds());
    }
}

/// Carries out one chat event.
///
/// # Safety
/// `gc` must be live.
pub unsafe fn show(gc: *mut PurpleConnection, event: ChatEvent) {
    // SAFETY: gc is live per the contract; each conversation is looked up right before use
    // and libpurple copies every string.
    unsafe {
        match event {
            ChatEvent::Joined {
                chat,
                focus,
                me,
                subject,
                inviter,
            } => {
                let name = to_cstring(&name_for_focus(&focus));
                let conv = ffi::serv_got_joined_chat(gc, purple_id(chat), name.as_ptr());
                if conv.is_null() {
                    return;
                }
                let chat_data = ffi::purple_conversation_get_chat_data(conv);
                let nick = to_cstring(&me);
                ffi::purple_conv_chat_set_nick(chat_data, nick.as_ptr());
                if let Some(subject) = subject {
                    let topic = to_cstring(&subject);
                    ffi::purple_conv_chat_set_topic(chat_data, ptr::null(), topic.as_ptr());
                }
                if let Some(inviter) = inviter {
                    let text = format!("{} invited you to this chat.", display_name(gc, &inviter));
                    write_notice(chat_data, &text, false);
                }
            }
            ChatEvent::MemberJoined {
                chat,
                uri,
                announce,
                leader,
            } => {
                let Some(chat_data) = conv_chat(gc, chat) else {
                    return;
                };
                let who = to_cstring(&uri);
                let flags = if leader {
                    ffi::PURPLE_CBFLAGS_OP
                } else {
                    ffi::PURPLE_CBFLAGS_NONE
                };
                if ffi::purple_conv_chat_find_user(chat_data, who.as_ptr()) == 0 {
                    ffi::purple_conv_chat_add_user(
                        chat_data,
                        who.as_ptr(),
                        ptr::null(),
                        flags,
                        announce.into(),
                    );
                }
            }
            ChatEvent::MemberLeft { chat, uri } => {
                let Some(chat_data) = conv_chat(gc, chat) else {
                    return;
                };
                let who = to_cstring(&uri);
                if ffi::purple_conv_chat_find_user(chat_data, who.as_ptr()) != 0 {
                    ffi::purple_conv_chat_remove_user(chat_data, who.as_ptr(), ptr::null());
                }
            }
            ChatEvent::Message { chat, from, html } => {
                let (who, message) = (to_cstring(&from), to_cstring(&html));
                ffi::serv_got_chat_in(
                    gc,
                    purple_id(chat),
                    who.as_ptr(),
                    0,
                    message.as_ptr(),
                    now_seconds(),
                );
            }
            ChatEvent::Notice { chat, text, error } => {
                if let Some(chat_data) = conv_chat(gc, chat) {
                    write_notice(chat_data, &text, error);
                }
            }
            ChatEvent::Failed { text } => {
                let title = to_cstring("Chat");
                let primary = to_cstring(&text);
                ffi::purple_notify_message(
                    gc.cast(),
                    ffi::PURPLE_NOTIFY_MSG_ERROR,
                    title.as_ptr(),
                    primary.as_ptr(),
                    ptr::null(),
                    None,
                    ptr::null_mut(),
                );
            }
            ChatEvent::Left { chat, reason } => {
                if let Some(chat_data) = conv_chat(gc, chat) {
                    write_notice(chat_data, &reason, true);
                    ffi::serv_got_chat_left(gc, purple_id(chat));
                }
            }
            ChatEvent::Invited { focus, inviter } => offer_invitation(gc, &focus, inviter),
        }
    }
}

fn chat_command(gc: *mut PurpleConnection, command: ChatCommand) {
    driver::command(gc, Command::Chat(command));
}

// ---- protocol callbacks ----

/// "Join a Chat" asks for the conference URI, or (left empty) a subject for a new chat.
pub unsafe extern "C" fn chat_info(_gc: *mut PurpleConnection) -> *mut GList {
    guard("chat_info", ptr::null_mut(), || {
        let mut list = ptr::null_mut();
        for (label, identifier) in [
            (c"Conference _URI (empty: a new chat):", URI_KEY),
            (c"_Subject of a new chat:", SUBJECT_KEY),
        ] {
            // SAFETY: a zeroed glib allocation that libpurple frees with g_free; the strings
            // are static.
            unsafe {
                let entry = glib_sys::g_malloc0(std::mem::size_of::<ffi::proto_chat_entry>())
                    .cast::<ffi::proto_chat_entry>();
                (*entry).label = label.as_ptr();
                (*entry).identifier = identifier.as_ptr();
                list = glib_sys::g_list_append(list, entry.cast());
            }
        }
        list
    })
}

/// The components of a chat named `chat_name`: its conference URI, when known.
pub unsafe extern "C" fn chat_info_defaults(
    gc: *mut PurpleConnection,
    chat_name: *const c_char,
) -> *mut GHashTable {
    guard_connection("chat_info_defaults", gc, ptr::null_mut(), || {
        let table = new_components();
        // SAFETY: a string-keyed table whose values libpurple frees with g_free.
        unsafe {
            let name = from_cstr(chat_name).unwrap_or_default();
            let focus = focus_for_name(&name)
                .or_else(|| crate::conference::is_focus_uri(&name).then_some(name));
            if let Some(focus) = focus {
                glib_sys::g_hash_table_insert(
                    table,
                    URI_KEY.as_ptr() as gpointer,
                    glib_strdup(&focus).cast(),
                );
            }
            table
        }
    })
}

/// Asks the user whether to join (Pidgin's own invitation dialog, which UI plugins may
/// answer), unless the inviter is blocked; accepting calls [`join_chat`] with the components.
///
/// # Safety
/// `gc` must be live.
unsafe fn offer_invitation(gc: *mut PurpleConnection, focus: &str, inviter: Option<String>) {
    let who = inviter.clone().unwrap_or_default();
    let who_c = to_cstring(&who);
    // SAFETY: per the contract; the table's keys are static, its values glib strings that
    // libpurple frees with the table once the user has answered.
    unsafe {
        let account = ffi::purple_connection_get_account(gc);
        if inviter.is_some() && ffi::purple_privacy_check(account, who_c.as_ptr()) == 0 {
            crate::purple::log::info(&format!(
                "chat invitation from {who} ignored: Pidgin's privacy settings block them"
            ));
            return;
        }
        let components = new_components();
        glib_sys::g_hash_table_insert(
            components,
            URI_KEY.as_ptr() as gpointer,
            glib_strdup(focus).cast(),
        );
        if let Some(inviter) = &inviter {
            glib_sys::g_hash_table_insert(
                components,
                INVITER_KEY.as_ptr() as gpointer,
                glib_strdup(inviter).cast(),
            );
        }
        let name = to_cstring(&name_for_focus(focus));
        ffi::serv_got_chat_invite(gc, name.as_ptr(), who_c.as_ptr(), ptr::null(), components);
    }
}

/// An empty component table: static keys, values freed with `g_free`.
fn new_components() -> *mut GHashTable {
    // SAFETY: plain glib allocation.
    unsafe {
        glib_sys::g_hash_table_new_full(
            Some(glib_sys::g_str_hash),
            Some(glib_sys::g_str_equal),
            None,
            Some(glib_sys::g_free),
        )
    }
}

/// The value of `key` in a chat's components.
///
/// # Safety
/// `components` must be NULL or a live string-keyed table of strings.
unsafe fn component(components: *mut GHashTable, key: &CStr) -> Option<String> {
    if components.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    unsafe {
        from_cstr(
            glib_sys::g_hash_table_lookup(components, key.as_ptr().cast())
                .cast::<c_char>()
                .cast_const(),
        )
    }
    .map(|value| value.trim().to_owned())
    .filter(|value| !value.is_empty())
}

/// The conference URI in a chat's components.
///
/// # Safety
/// `components` must be NULL or a live string-keyed table of strings.
unsafe fn component_uri(components: *mut GHashTable) -> Option<String> {
    // SAFETY: per the contract.
    unsafe { component(components, URI_KEY) }
}

pub unsafe extern "C" fn get_chat_name(components: *mut GHashTable) -> *mut c_char {
    guard("get_chat_name", ptr::null_mut(), || {
        // SAFETY: libpurple passes the chat's component table.
        match unsafe { component_uri(components) } {
            Some(uri) => glib_strdup(&name_for_focus(&uri)),
            None => ptr::null_mut(),
        }
    })
}

pub unsafe extern "C" fn join_chat(gc: *mut PurpleConnection, components: *mut GHashTable) {
    guard_connection("join_chat", gc, (), || {
        // SAFETY: libpurple passes the chat's component table.
        let Some(focus) = (unsafe { component_uri(components) }) else {
            // SAFETY: as above.
            let subject = unsafe { component(components, SUBJECT_KEY) }.unwrap_or_default();
            return chat_command(gc, ChatCommand::New { subject });
        };
        // SAFETY: as above.
        match unsafe { component(components, INVITER_KEY) } {
            Some(inviter) => chat_command(
                gc,
                ChatCommand::Accept {
                    focus,
                    inviter: Some(inviter),
                },
            ),
            None => chat_command(gc, ChatCommand::Join { focus }),
        }
    });
}

pub unsafe extern "C" fn chat_invite(
    gc: *mut PurpleConnection,
    id: c_int,
    _message: *const c_char,
    who: *const c_char,
) {
    guard_connection("chat_invite", gc, (), || {
        // SAFETY: libpurple passes a valid name for the call.
        let who = blist::buddy_uri(&unsafe { from_cstr(who) }.unwrap_or_default());
        if let Ok(chat) = ChatId::try_from(id) {
            chat_command(gc, ChatCommand::Invite { chat, who });
        }
    });
}

/// The window closed: leave the conference. libpurple wants the chat marked left at once.
pub unsafe extern "C" fn chat_leave(gc: *mut PurpleConnection, id: c_int) {
    guard_connection("chat_leave", gc, (), || {
        if let Ok(chat) = ChatId::try_from(id) {
            chat_command(gc, ChatCommand::Leave { chat });
        }
        // SAFETY: gc is live; this only marks the conversation left.
        unsafe { ffi::serv_got_chat_left(gc, id) };
    });
}

pub unsafe extern "C" fn chat_send(
    gc: *mut PurpleConnection,
    id: c_int,
    message: *const c_char,
    _flags: ffi::PurpleMessageFlags,
) -> c_int {
    guard_connection("chat_send", gc, -1, || {
        if !driver::is_signed_in(gc) {
            return -libc::ENOTCONN;
        }
        let Ok(chat) = ChatId::try_from(id) else {
            return -libc::EINVAL;
        };
        // SAFETY: libpurple passes a valid message for the call.
        let html = unsafe { from_cstr(message) }.unwrap_or_default();
        chat_command(gc, ChatCommand::Send { chat, html });
        0
    })
}

// ---- buddy menu ----

/// The signed-in connection a buddy's menu acts on.
///
/// # Safety
/// `node` must be a live buddy-list node.
unsafe fn buddy_of(node: *mut PurpleBlistNode) -> Option<(*mut PurpleConnection, String)> {
    // SAFETY: per the contract.
    unsafe {
        if node.is_null() || ffi::purple_blist_node_get_type(node) != ffi::PURPLE_BLIST_BUDDY_NODE {
            return None;
        }
        let buddy = node.cast::<PurpleBuddy>();
        let gc = ffi::purple_account_get_connection(ffi::purple_buddy_get_account(buddy));
        (!gc.is_null() && driver::is_signed_in(gc))
            .then(|| (gc, blist::buddy_uri(&blist::buddy_name(buddy))))
    }
}

fn menu_callback(
    callback: unsafe extern "C" fn(*mut PurpleBlistNode, gpointer),
) -> ffi::PurpleCallback {
    // SAFETY: libpurple calls buddy-menu callbacks as void (*)(PurpleBlistNode *, gpointer).
    Some(unsafe {
        std::mem::transmute::<
            unsafe extern "C" fn(*mut PurpleBlistNode, gpointer),
            unsafe extern "C" fn(),
        >(callback)
    })
}

/// The buddy menu: "Invite to '<chat>'" for each open chat the buddy is not in, and
/// "New chat".
pub unsafe extern "C" fn blist_node_menu(node: *mut PurpleBlistNode) -> *mut GList {
    guard("blist_node_menu", ptr::null_mut(), || {
        // SAFETY: libpurple passes a live node; the conversation list is libpurple's and only
        // read; the menu list and its actions go to the caller.
        unsafe {
            let Some((gc, uri)) = buddy_of(node) else {
                return ptr::null_mut();
            };
            let account = ffi::purple_connection_get_account(gc);
            let who = to_cstring(&uri);
            let mut menu: *mut GList = ptr::null_mut();
            let mut chats = ffi::purple_get_chats();
            while !chats.is_null() {
                let conv = (*chats).data.cast::<ffi::PurpleConversation>();
                chats = (*chats).next;
                if ffi::purple_conversation_get_account(conv) != account {
                    continue;
                }
                let chat = ffi::purple_conversation_get_chat_data(conv);
                if chat.is_null()
                    || ffi::purple_conv_chat_has_left(chat) != 0
                    || ffi::purple_conv_chat_find_user(chat, who.as_ptr()) != 0
                {
                    continue;
                }
                let name = from_cstr(ffi::purple_conversation_get_name(conv)).unwrap_or_default();
                let label = to_cstring(&format!("Invite to '{name}'"));
                let id = ffi::purple_conv_chat_get_id(chat) as isize as gpointer;
                let action = ffi::purple_menu_action_new(
                    label.as_ptr(),
                    menu_callback(invite_from_menu),
                    id,
                    ptr::null_mut(),
                );
                menu = glib_sys::g_list_append(menu, action.cast());
            }
            let label = to_cstring(NEW_CHAT_LABEL);
            let action = ffi::purple_menu_action_new(
                label.as_ptr(),
                menu_callback(new_chat_from_menu),
                ptr::null_mut(),
                ptr::null_mut(),
            );
            glib_sys::g_list_append(menu, action.cast())
        }
    })
}

unsafe extern "C" fn new_chat_from_menu(node: *mut PurpleBlistNode, _data: gpointer) {
    guard("new_chat_from_menu", (), || {
        // SAFETY: libpurple passes the live node the menu was made for.
        if let Some((gc, with)) = unsafe { buddy_of(node) } {
            chat_command(gc, ChatCommand::Start { with });
        }
    });
}

unsafe extern "C" fn invite_from_menu(node: *mut PurpleBlistNode, data: gpointer) {
    guard("invite_from_menu", (), || {
        // SAFETY: libpurple passes the live node the menu was made for.
        if let Some((gc, who)) = unsafe { buddy_of(node) } {
            if let Ok(chat) = ChatId::try_from(data as isize) {
                chat_command(gc, ChatCommand::Invite { chat, who });
            }
        }
    });
}

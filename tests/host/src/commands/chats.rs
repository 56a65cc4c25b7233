//! Buddy menu actions and chat commands, as Pidgin's buddy list menu and chat window make
//! them.

use serde_json::{Value, json};

use super::Outcome;
use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_CONV_TYPE_CHAT, PurpleBlistNode, PurpleConversation, PurpleMenuAction,
    PurplePluginProtocolInfo,
};
use crate::protocol::Command;

/// `{"cmd":"buddy_action","account":L,"who","action"}`: runs the protocol's buddy menu entry
/// labelled `action` (e.g. pidgin-sipe's "New chat" or "Invite to 'Chat #1'").
pub fn buddy_action(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let who = cstr::owned(command.str("who")?);
    let wanted = command.str("action")?;
    // SAFETY: live account, buddy and plugin; the menu list and its actions are ours to
    // free once the chosen callback has run (as Pidgin does).
    unsafe {
        let buddy = ffi::purple_find_buddy(account, who.as_ptr());
        if buddy.is_null() {
            return Err(format!("{} is not on the buddy list", command.str("who")?));
        }
        let gc = ffi::purple_account_get_connection(account);
        if gc.is_null() {
            return Err("the account is not connected".into());
        }
        let plugin = ffi::purple_connection_get_prpl(gc);
        let prpl = &*(*(*plugin).info)
            .extra_info
            .cast::<PurplePluginProtocolInfo>();
        let Some(menu) = prpl.blist_node_menu else {
            return Err("the protocol has no buddy menu".into());
        };
        let node = buddy.cast::<PurpleBlistNode>();
        let actions = menu(node);
        let mut labels = Vec::new();
        let mut chosen = None;
        for action in cstr::glist(actions) {
            let action = action.cast::<PurpleMenuAction>();
            let label = cstr::string((*action).label);
            if label == wanted && chosen.is_none() {
                chosen = Some(action);
            }
            labels.push(label);
        }
        let result = match chosen.and_then(|a| (*a).callback.map(|c| (c, (*a).data))) {
            Some((callback, data)) => {
                // Menu callbacks are `void (*)(PurpleBlistNode *, gpointer)`.
                let callback = std::mem::transmute::<
                    unsafe extern "C" fn(),
                    unsafe extern "C" fn(*mut PurpleBlistNode, ffi::gpointer),
                >(callback);
                callback(node, data);
                Ok(Outcome::Done)
            }
            None => Err(format!(
                "no buddy menu entry \"{wanted}\" (there are {labels:?})"
            )),
        };
        for action in cstr::glist(actions) {
            ffi::purple_menu_action_free(action.cast());
        }
        glib_sys::g_list_free(actions.cast());
        result
    }
}

/// The open chat conversation of `account` named by the command's `chat`.
fn find_chat(command: &Command) -> Result<*mut PurpleConversation, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let name = cstr::owned(command.str("chat")?);
    // SAFETY: a lookup only.
    let conv = unsafe {
        ffi::purple_find_conversation_with_account(PURPLE_CONV_TYPE_CHAT, name.as_ptr(), account)
    };
    if conv.is_null() {
        return Err(format!("no chat \"{}\"", command.str("chat")?));
    }
    Ok(conv)
}

/// The live connection of a conversation's account.
fn connection_of(conv: *mut PurpleConversation) -> Result<*mut ffi::PurpleConnection, String> {
    // SAFETY: a live conversation.
    let gc = unsafe { ffi::purple_conversation_get_gc(conv) };
    if gc.is_null() {
        return Err("the account is not connected".into());
    }
    Ok(gc)
}

/// `{"cmd":"chat_send","account":L,"chat","text"}`: sends to the open chat named `chat`.
pub fn chat_send(command: &Command) -> Result<Outcome, String> {
    let conv = find_chat(command)?;
    let text = cstr::owned(command.str("text")?);
    // SAFETY: a send on the live conversation found.
    unsafe {
        ffi::purple_conv_chat_send(ffi::purple_conversation_get_chat_data(conv), text.as_ptr());
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"chat_members","account":L,"chat"}`: the member list as the chat window shows it.
/// Data: `members` [{name, alias, op}], `left` (the account is no longer in the chat).
pub fn chat_members(command: &Command) -> Result<Outcome, String> {
    let conv = find_chat(command)?;
    // SAFETY: a live chat conversation; its user list and entries belong to libpurple and are
    // only read.
    unsafe {
        let chat = ffi::purple_conversation_get_chat_data(conv);
        let mut members: Vec<Value> = cstr::glist(ffi::purple_conv_chat_get_users(chat))
            .map(|user| {
                let user = user.cast::<ffi::PurpleConvChatBuddy>();
                json!({
                    "name": cstr::json(ffi::purple_conv_chat_cb_get_name(user)),
                    "alias": cstr::json((*user).alias),
                    "op": (*user).flags & ffi::PURPLE_CBFLAGS_OP != 0,
                })
            })
            .collect();
        members.sort_by_key(|m| m["name"].as_str().unwrap_or_default().to_owned());
        let left = ffi::purple_conv_chat_has_left(chat) != 0;
        Ok(Outcome::Data(
            "chat_members",
            json!({"members": members, "left": left}),
        ))
    }
}

/// `{"cmd":"chat_invite","account":L,"chat","who","message"}`: invites as Pidgin's
/// "Invite…" dialog does.
pub fn chat_invite(command: &Command) -> Result<Outcome, String> {
    let conv = find_chat(command)?;
    let gc = connection_of(conv)?;
    let who = cstr::owned(command.str("who")?);
    let message = cstr::owned(command.opt_str("message")?.unwrap_or_default());
    // SAFETY: live connection and conversation; libpurple copies the strings.
    unsafe {
        let id = ffi::purple_conv_chat_get_id(ffi::purple_conversation_get_chat_data(conv));
        ffi::serv_chat_invite(gc, id, message.as_ptr(), who.as_ptr());
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"join_chat","account":L,"components":{key: value}}`: as Pidgin's "Join a Chat"
/// dialog, with the fields the protocol's chat_info asks for.
pub fn join_chat(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    // SAFETY: a live account.
    let gc = unsafe { ffi::purple_account_get_connection(account) };
    if gc.is_null() {
        return Err("the account is not connected".into());
    }
    let components = command
        .get("components")
        .and_then(Value::as_object)
        .ok_or("missing object field \"components\"")?;
    // SAFETY: a fresh table of glib strings, destroyed after the call as Pidgin does.
    unsafe {
        let table = glib_sys::g_hash_table_new_full(
            Some(glib_sys::g_str_hash),
            Some(glib_sys::g_str_equal),
            Some(glib_sys::g_free),
            Some(glib_sys::g_free),
        );
        for (key, value) in components {
            let key = cstr::owned(key);
            let value = cstr::owned(value.as_str().unwrap_or_default());
            glib_sys::g_hash_table_insert(
                table,
                glib_sys::g_strdup(key.as_ptr()).cast(),
                glib_sys::g_strdup(value.as_ptr()).cast(),
            );
        }
        ffi::serv_join_chat(gc, table);
        glib_sys::g_hash_table_destroy(table);
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"leave_chat","account":L,"chat"}`: closes the chat window, as Pidgin does when
/// the user closes it (libpurple then asks the protocol to leave).
pub fn leave_chat(command: &Command) -> Result<Outcome, String> {
    let conv = find_chat(command)?;
    // SAFETY: a live conversation, destroyed once.
    unsafe { ffi::purple_conversation_destroy(conv) };
    Ok(Outcome::Done)
}

/// `{"cmd":"account_action","account":L,"action"}`: runs the protocol's account menu entry
/// labelled `action` (Accounts > <account> > …), as Pidgin's menu does.
pub fn account_action(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let wanted = command.str("action")?;
    // SAFETY: live account and plugin; the action list is ours to free after the call, as
    // Pidgin frees it.
    unsafe {
        let gc = ffi::purple_account_get_connection(account);
        if gc.is_null() {
            return Err("the account is not connected".into());
        }
        let plugin = ffi::purple_connection_get_prpl(gc);
        let Some(list_actions) = (*(*plugin).info).actions else {
            return Err("the protocol has no account actions".into());
        };
        let actions = list_actions(plugin, gc.cast());
        let mut labels = Vec::new();
        let mut result = None;
        for action in cstr::glist(actions) {
            let action = action.cast::<ffi::PurplePluginAction>();
            if action.is_null() {
                continue;
            }
            let label = cstr::string((*action).label);
            if label == wanted && result.is_none() {
                (*action).plugin = plugin;
                (*action).context = gc.cast();
                if let Some(callback) = (*action).callback {
                    callback(action);
                    result = Some(Ok(Outcome::Done));
                }
            }
            labels.push(label);
        }
        for action in cstr::glist(actions) {
            if !action.is_null() {
                ffi::purple_plugin_action_free(action.cast());
            }
        }
        glib_sys::g_list_free(actions.cast());
        result.unwrap_or_else(|| {
            Err(format!(
                "no account action \"{wanted}\" (there are {labels:?})"
            ))
        })
    }
}

//! Buddy menu actions and chat commands, as Pidgin's buddy list menu and chat window make
//! them.

use super::Outcome;
use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_CONV_TYPE_CHAT, PurpleBlistNode, PurpleMenuAction, PurplePluginProtocolInfo,
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

/// `{"cmd":"chat_send","account":L,"chat","text"}`: sends to the open chat named `chat`.
pub fn chat_send(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let name = cstr::owned(command.str("chat")?);
    let text = cstr::owned(command.str("text")?);
    // SAFETY: lookup, then a send on the live conversation found.
    unsafe {
        let conv = ffi::purple_find_conversation_with_account(
            PURPLE_CONV_TYPE_CHAT,
            name.as_ptr(),
            account,
        );
        if conv.is_null() {
            return Err(format!("no chat \"{}\"", command.str("chat")?));
        }
        ffi::purple_conv_chat_send(ffi::purple_conversation_get_chat_data(conv), text.as_ptr());
    }
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

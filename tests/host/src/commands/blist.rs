//! Buddy list commands, done the way Pidgin's buddy list does them: change the local list
//! and tell the server through the `purple_account_*`/`serv_*` calls Pidgin makes.

use serde_json::{Value, json};

use super::Outcome;
use crate::accounts;
use crate::cstr;
use crate::describe;
use crate::ffi::{
    self, PURPLE_BLIST_BUDDY_NODE, PURPLE_BLIST_CHAT_NODE, PURPLE_BLIST_CONTACT_NODE,
    PurpleAccount, PurpleBlistNode, PurpleBuddy, PurpleGroup,
};
use crate::protocol::Command;

/// Pidgin's default group name.
const DEFAULT_GROUP: &str = "Buddies";

/// The group called `name`, created (and added to the list) if needed.
unsafe fn group_named(name: &str) -> *mut PurpleGroup {
    let c_name = cstr::owned(name);
    // SAFETY: libpurple copies the name; a new group is owned by the list once added.
    unsafe {
        let existing = ffi::purple_find_group(c_name.as_ptr());
        if !existing.is_null() {
            return existing;
        }
        let group = ffi::purple_group_new(c_name.as_ptr());
        ffi::purple_blist_add_group(group, std::ptr::null_mut());
        group
    }
}

fn existing_group(name: &str) -> Result<*mut PurpleGroup, String> {
    let c_name = cstr::owned(name);
    // SAFETY: lookup only.
    let group = unsafe { ffi::purple_find_group(c_name.as_ptr()) };
    if group.is_null() {
        Err(format!("no group \"{name}\""))
    } else {
        Ok(group)
    }
}

/// Every buddy entry for `who` on `account` (one per group it is in).
unsafe fn buddies_named(account: *mut PurpleAccount, who: Option<&str>) -> Vec<*mut PurpleBuddy> {
    let c_who = who.map(cstr::owned);
    // SAFETY: the returned GSList is ours to free (its buddies are not).
    unsafe {
        let list = ffi::purple_find_buddies(
            account,
            c_who.as_ref().map_or(std::ptr::null(), |who| who.as_ptr()),
        );
        let found = cstr::gslist(list)
            .map(|buddy| buddy.cast::<PurpleBuddy>())
            .collect();
        glib_sys::g_slist_free(list);
        found
    }
}

fn one_buddy(account: *mut PurpleAccount, who: &str) -> Result<*mut PurpleBuddy, String> {
    // SAFETY: live account.
    unsafe { buddies_named(account, Some(who)) }
        .into_iter()
        .next()
        .ok_or_else(|| format!("{who} is not on the buddy list"))
}

/// `{"cmd":"add_buddy","account":L,"who","group","alias"}`
pub fn add_buddy(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let who = command.str("who")?;
    let group_name = command.opt_str("group")?.unwrap_or(DEFAULT_GROUP);
    let alias = command.opt_str("alias")?.map(cstr::owned);
    let c_who = cstr::owned(who);
    // SAFETY: live account; new nodes are handed to the buddy list, which owns them.
    unsafe {
        let group = group_named(group_name);
        if !ffi::purple_find_buddy_in_group(account, c_who.as_ptr(), group).is_null() {
            return Err(format!("{who} is already in group \"{group_name}\""));
        }
        let alias_ptr = alias
            .as_ref()
            .map_or(std::ptr::null(), |alias| alias.as_ptr());
        let buddy = ffi::purple_buddy_new(account, c_who.as_ptr(), alias_ptr);
        ffi::purple_blist_add_buddy(buddy, std::ptr::null_mut(), group, std::ptr::null_mut());
        ffi::purple_account_add_buddy_with_invite(account, buddy, std::ptr::null());
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"remove_buddy","account":L,"who"}`: from every group it is in.
pub fn remove_buddy(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let who = command.str("who")?;
    // SAFETY: live account and buddies; each buddy is removed (and freed) once.
    unsafe {
        let buddies = buddies_named(account, Some(who));
        if buddies.is_empty() {
            return Err(format!("{who} is not on the buddy list"));
        }
        for buddy in buddies {
            ffi::purple_account_remove_buddy(account, buddy, ffi::purple_buddy_get_group(buddy));
            ffi::purple_blist_remove_buddy(buddy);
        }
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"move_buddy","account":L,"who","group"}`: libpurple tells the server
/// (`serv_move_buddy`) when a buddy is re-added under another group.
pub fn move_buddy(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let buddy = one_buddy(account, command.str("who")?)?;
    let group_name = command.str("group")?;
    // SAFETY: live buddy; the group is created if needed.
    unsafe {
        let group = group_named(group_name);
        ffi::purple_blist_add_buddy(buddy, std::ptr::null_mut(), group, std::ptr::null_mut());
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"alias_buddy","account":L,"who","alias"}` (an empty alias clears it).
pub fn alias_buddy(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let buddy = one_buddy(account, command.str("who")?)?;
    let alias = cstr::owned(command.opt_str("alias")?.unwrap_or_default());
    // SAFETY: live buddy; libpurple copies the alias.
    unsafe {
        ffi::purple_blist_alias_buddy(buddy, alias.as_ptr());
        ffi::serv_alias_buddy(buddy);
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"block","account":L,"who"}`: Pidgin's "Block" on a buddy (the account's deny
/// list, kept locally).
pub fn block(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let who = cstr::owned(command.str("who")?);
    // SAFETY: live account; libpurple copies the name.
    unsafe { ffi::purple_privacy_deny(account, who.as_ptr(), 1, 0) };
    Ok(Outcome::Done)
}

/// `{"cmd":"rename_group","from","to"}` (libpurple tells the servers of online accounts).
pub fn rename_group(command: &Command) -> Result<Outcome, String> {
    let group = existing_group(command.str("from")?)?;
    let new_name = cstr::owned(command.str("to")?);
    // SAFETY: live group; libpurple copies the name.
    unsafe { ffi::purple_blist_rename_group(group, new_name.as_ptr()) };
    Ok(Outcome::Done)
}

/// `{"cmd":"remove_group","name"}`: removes its buddies and chats first, as Pidgin's
/// "Remove group" does (libpurple refuses to remove a non-empty group).
pub fn remove_group(command: &Command) -> Result<Outcome, String> {
    let group = existing_group(command.str("name")?)?;
    // SAFETY: the nodes are collected before any is removed, and each is removed once.
    unsafe {
        let mut buddies = Vec::new();
        let mut chats = Vec::new();
        for child in children(group.cast()) {
            match ffi::purple_blist_node_get_type(child) {
                PURPLE_BLIST_CONTACT_NODE => buddies.extend(children(child).filter(|&node| {
                    ffi::purple_blist_node_get_type(node) == PURPLE_BLIST_BUDDY_NODE
                })),
                PURPLE_BLIST_CHAT_NODE => chats.push(child),
                _ => {}
            }
        }
        for buddy in buddies {
            let buddy = buddy.cast::<PurpleBuddy>();
            let account = ffi::purple_buddy_get_account(buddy);
            if ffi::purple_account_is_connected(account) != 0 {
                ffi::purple_account_remove_buddy(account, buddy, group);
            }
            ffi::purple_blist_remove_buddy(buddy);
        }
        for chat in chats {
            ffi::purple_blist_remove_chat(chat.cast());
        }
        ffi::purple_blist_remove_group(group);
    }
    Ok(Outcome::Done)
}

/// The direct children of a buddy list node.
unsafe fn children(node: *mut PurpleBlistNode) -> impl Iterator<Item = *mut PurpleBlistNode> {
    // SAFETY: the caller keeps the list unmodified while iterating.
    let first = unsafe { ffi::purple_blist_node_get_first_child(node) };
    std::iter::successors((!first.is_null()).then_some(first), |&node| {
        // SAFETY: as above.
        let next = unsafe { ffi::purple_blist_node_get_sibling_next(node) };
        (!next.is_null()).then_some(next)
    })
}

/// `{"cmd":"buddy_count","account":L}` → `{"buddies":N,"online":M}`: cheap enough to poll
/// often while a benchmark waits, where `buddies` would build megabytes of JSON inside the
/// measured process.
pub fn count(command: &Command) -> Result<Outcome, String> {
    let label = command.str("account")?;
    let account = accounts::lookup(label)?;
    // SAFETY: live account and buddies, read immediately.
    let (total, online) = unsafe {
        let buddies = buddies_named(account, None);
        let online = buddies
            .iter()
            .filter(|&&buddy| {
                ffi::purple_presence_is_online(ffi::purple_buddy_get_presence(buddy)) != 0
            })
            .count();
        (buddies.len(), online)
    };
    Ok(Outcome::Data(
        "buddy_count",
        json!({"account": label, "buddies": total, "online": online}),
    ))
}

/// `{"cmd":"buddies","account":L}` → `{"buddies":[{name,alias,server_alias,group,…}]}`
pub fn list(command: &Command) -> Result<Outcome, String> {
    let label = command.str("account")?;
    let account = accounts::lookup(label)?;
    // SAFETY: live account and buddies, described (copied) immediately.
    let buddies: Vec<Value> = unsafe {
        buddies_named(account, None)
            .into_iter()
            .map(|buddy| describe::buddy(buddy))
            .collect()
    };
    Ok(Outcome::Data(
        "buddies",
        json!({"account": label, "buddies": buddies}),
    ))
}

//! Mirrors the server's contact list into Pidgin's buddy list, and turns the user's
//! buddy-list edits into engine commands.
//!
//! Buddies that came from the server carry the node setting `lync-roaming`: when the server
//! stops listing one, it was removed elsewhere and goes from Pidgin too. A buddy without the
//! mark was added in Pidgin while offline and is added to the server on the first list of a
//! session. Each sync is O(n) with hash maps, for lists of thousands.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::ffi::c_char;

use super::ffi::{self, PurpleAccount, PurpleBlistNode, PurpleBuddy, PurpleGroup};
use super::log;
use super::strings::{from_cstr, to_cstring};
use crate::engine::ContactCommand;
use crate::roster::Roster;

const ROAMING_KEY: &std::ffi::CStr = c"lync-roaming";

thread_local! {
    // Set while we change the buddy list ourselves, so the prpl callbacks libpurple may call
    // on the way do not echo our own changes back to the server.
    static SYNCING: Cell<bool> = const { Cell::new(false) };
}

/// Whether a buddy-list callback comes from our own sync (and must be ignored).
pub fn is_syncing() -> bool {
    SYNCING.with(Cell::get)
}

struct SyncGuard;

impl SyncGuard {
    fn start() -> SyncGuard {
        SYNCING.with(|s| s.set(true));
        SyncGuard
    }
}

impl Drop for SyncGuard {
    fn drop(&mut self) {
        SYNCING.with(|s| s.set(false));
    }
}

/// `sip:` + address, as buddy names are kept.
pub fn buddy_uri(name: &str) -> String {
    crate::roster::normalize_uri(name)
}

/// # Safety
/// `buddy` must be a live buddy.
pub unsafe fn buddy_name(buddy: *mut PurpleBuddy) -> String {
    // SAFETY: per the contract; libpurple owns the returned string.
    unsafe { from_cstr(ffi::purple_buddy_get_name(buddy)) }.unwrap_or_default()
}

/// The account's buddies Pidgin shows as idle (left so by an earlier connection).
///
/// # Safety
/// `account` must be live.
pub unsafe fn idle_buddies(account: *mut PurpleAccount) -> HashSet<String> {
    // SAFETY: per the contract; the buddies are live while we read them.
    unsafe {
        account_buddies(account)
            .into_iter()
            .filter(|&buddy| {
                ffi::purple_presence_is_idle(ffi::purple_buddy_get_presence(buddy)) != 0
            })
            .map(|buddy| buddy_name(buddy))
            .collect()
    }
}

/// All of the account's buddies (libpurple's list copied, and freed).
///
/// # Safety
/// `account` must be live; the buddies are valid until the buddy list changes.
unsafe fn account_buddies(account: *mut PurpleAccount) -> Vec<*mut PurpleBuddy> {
    let mut buddies = Vec::new();
    // SAFETY: per the contract; the GSList is ours to free (its buddies are not).
    unsafe {
        let list = ffi::purple_find_buddies(account, std::ptr::null());
        let mut node = list;
        while !node.is_null() {
            buddies.push((*node).data.cast::<PurpleBuddy>());
            node = (*node).next;
        }
        glib_sys::g_slist_free(list);
    }
    buddies
}

/// # Safety
/// `group` must be NULL or a live group.
pub unsafe fn group_name(group: *mut PurpleGroup) -> String {
    if group.is_null() {
        return crate::roster::OTHER_CONTACTS.to_owned();
    }
    // SAFETY: per the contract.
    unsafe { from_cstr(ffi::purple_group_get_name(group)) }.unwrap_or_default()
}

fn find_or_create_group(name: &str) -> *mut PurpleGroup {
    let c_name = to_cstring(name);
    // SAFETY: libpurple copies the name; a new group is owned by the buddy list.
    unsafe {
        let group = ffi::purple_find_group(c_name.as_ptr());
        if !group.is_null() {
            return group;
        }
        let group = ffi::purple_group_new(c_name.as_ptr());
        ffi::purple_blist_add_group(group, std::ptr::null_mut());
        group
    }
}

/// Makes the account's buddies equal the server's list. Returns the edits that push
/// Pidgin-only buddies to the server (only asked for on the first list of a session).
///
/// # Safety
/// `account` must be live.
pub unsafe fn apply_roster(
    account: *mut PurpleAccount,
    roster: &Roster,
    first_of_session: bool,
) -> Vec<ContactCommand> {
    let _guard = SyncGuard::start();
    // (uri, group) → wanted alias.
    let mut wanted: HashMap<(String, String), Option<String>> = HashMap::new();
    for contact in roster.contacts.values() {
        for group in roster.group_names(contact) {
            wanted.insert((contact.uri.clone(), group), contact.name.clone());
        }
    }
    let mut present: HashSet<(String, String)> = HashSet::new();
    let mut pushes = Vec::new();
    let (mut added, mut removed, mut renamed) = (0usize, 0usize, 0usize);

    // SAFETY: each buddy is live until we remove it, and we read nothing from a buddy
    // after removing it.
    unsafe {
        for buddy in account_buddies(account) {
            let name = buddy_name(buddy);
            let group = group_name(ffi::purple_buddy_get_group(buddy));
            let key = (buddy_uri(&name), group.clone());
            let roaming = ffi::purple_blist_node_get_bool(
                buddy.cast::<PurpleBlistNode>(),
                ROAMING_KEY.as_ptr(),
            ) != 0;
            match wanted.get(&key) {
                Some(alias) => {
                    present.insert(key);
                    if !roaming {
                        ffi::purple_blist_node_set_bool(buddy.cast(), ROAMING_KEY.as_ptr(), 1);
                    }
                    let current = from_cstr(ffi::purple_buddy_get_local_buddy_alias(buddy));
                    if alias.is_some() && current != *alias {
                        let c_alias = to_cstring(alias.as_deref().unwrap_or_default());
                        ffi::purple_blist_alias_buddy(buddy, c_alias.as_ptr());
                        renamed += 1;
                    }
                }
                None if roaming => {
                    ffi::purple_blist_remove_buddy(buddy);
                    removed += 1;
                }
                None => {
                    if first_of_session {
                        let alias = from_cstr(ffi::purple_buddy_get_local_buddy_alias(buddy));
                        pushes.push(ContactCommand::Add {
                            uri: key.0,
                            group,
                            alias,
                        });
                    }
                }
            }
        }

        for ((uri, group), alias) in &wanted {
            if present.contains(&(uri.clone(), group.clone())) {
                continue;
            }
            let group_ptr = find_or_create_group(group);
            let c_uri = to_cstring(uri);
            let c_alias = alias.as_deref().map(to_cstring);
            let buddy = ffi::purple_buddy_new(
                account,
                c_uri.as_ptr(),
                c_alias.as_ref().map_or(std::ptr::null(), |a| a.as_ptr()),
            );
            ffi::purple_blist_add_buddy(
                buddy,
                std::ptr::null_mut(),
                group_ptr,
                std::ptr::null_mut(),
            );
            ffi::purple_blist_node_set_bool(buddy.cast(), ROAMING_KEY.as_ptr(), 1);
            added += 1;
        }
    }
    log::info(&format!(
        "buddy list: {} contacts from the server; added {added}, removed {removed}, re-aliased {renamed}, {} to upload",
        roster.contacts.len(),
        pushes.len()
    ));
    pushes
}

/// Renames a buddy typed without `sip:` to its URI, so it matches the server's list.
///
/// # Safety
/// `buddy` must be live.
pub unsafe fn normalize_buddy_name(buddy: *mut PurpleBuddy) -> String {
    // SAFETY: per the contract.
    let name = unsafe { buddy_name(buddy) };
    let uri = buddy_uri(&name);
    if uri != name {
        let c_uri = to_cstring(&uri);
        let _guard = SyncGuard::start();
        // SAFETY: per the contract; libpurple copies the name.
        unsafe { ffi::purple_blist_rename_buddy(buddy, c_uri.as_ptr()) };
    }
    uri
}

/// The C string of a group name passed to a callback.
///
/// # Safety
/// `name` must be NULL or a valid C string.
pub unsafe fn c_group_name(name: *const c_char) -> String {
    // SAFETY: per the contract.
    unsafe { from_cstr(name) }.unwrap_or_else(|| crate::roster::OTHER_CONTACTS.to_owned())
}

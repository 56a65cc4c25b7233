//! A big directory for scale tests and the sign-in benchmark: `users` users, `user0` has
//! every other one as a contact, spread over [`GROUPS`] groups; three users in four show a
//! presence (available, busy, away), the fourth is offline. The server listens on TLS only.

use std::fmt::Write as _;

use serde_json::Value;

pub const GROUPS: usize = 10;

/// The presence user `i` shows while not signed in (`None`: offline).
pub fn presence_of(i: usize) -> Option<&'static str> {
    match i % 4 {
        0 => Some("available"),
        1 => Some("busy"),
        2 => Some("away"),
        _ => None,
    }
}

/// The Pidgin primitive user `i`'s presence shows as.
pub fn primitive_of(i: usize) -> &'static str {
    match presence_of(i) {
        Some("available") => "available",
        Some("busy") => "unavailable",
        Some("away") => "away",
        _ => "offline",
    }
}

/// How many of users 1..`users` show a presence (are not offline).
pub fn online_contacts(users: usize) -> usize {
    (1..users).filter(|&i| presence_of(i).is_some()).count()
}

/// The server config (TOML): `users` users, `user0` (password `Pass-0`) with all the others
/// as contacts.
pub fn config(users: usize) -> String {
    let mut text = String::from("domain = \"contoso.test\"\n");
    for i in 0..users {
        let _ = write!(
            text,
            "[[users]]\nsip = \"user{i}@contoso.test\"\npassword = \"Pass-{i}\"\nname = \"User {i:05}\"\n"
        );
        if let Some(presence) = presence_of(i) {
            let _ = writeln!(text, "presence = \"{presence}\"");
        }
        if i == 0 {
            text.push_str("[users.groups]\n");
            for group in 0..GROUPS {
                let members: Vec<String> = (1..users)
                    .filter(|j| j % GROUPS == group)
                    .map(|j| format!("\"user{j}@contoso.test\""))
                    .collect();
                let _ = writeln!(text, "\"Group {group}\" = [{}]", members.join(", "));
            }
        }
    }
    text
}

/// The user number of a buddy list entry (`sip:user<i>@contoso.test`), if it is one.
pub fn index_of(buddy: &Value) -> Option<usize> {
    buddy["name"]
        .as_str()?
        .strip_prefix("sip:user")?
        .strip_suffix("@contoso.test")?
        .parse()
        .ok()
}

/// What a buddy list shows of the directory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// Entries for users 1..`users`, each once, in its group.
    pub contacts: usize,
    /// Of those, entries showing their user's presence (online, with the right primitive).
    pub with_presence: usize,
    /// Entries showing the wrong presence (online ones offline or the other way round,
    /// busy as away, …).
    pub wrong: usize,
}

impl Seen {
    /// Whether the list is complete: every contact there, every presence right.
    pub fn complete(&self, users: usize) -> bool {
        self.contacts == users - 1
            && self.with_presence == online_contacts(users)
            && self.wrong == 0
    }
}

/// Counts what `list` (the host's `buddies` reply) shows of a directory of `users` users.
pub fn seen(list: &[Value], users: usize) -> Seen {
    let mut present = vec![false; users];
    let mut seen = Seen::default();
    for buddy in list {
        let Some(i) = index_of(buddy).filter(|&i| (1..users).contains(&i)) else {
            continue;
        };
        let in_its_group = buddy["group"] == format!("Group {}", i % GROUPS).as_str();
        if present[i] || !in_its_group {
            continue;
        }
        present[i] = true;
        seen.contacts += 1;
        if buddy["primitive"] != primitive_of(i) {
            seen.wrong += 1;
        } else if presence_of(i).is_some() {
            seen.with_presence += 1;
        }
    }
    seen
}

//! The statuses a user can choose, as Pidgin shows them.
//!
//! Ids are pidgin-sipe's, so saved statuses of migrated accounts keep working. The kind is
//! the nearest libpurple status primitive; the glue maps it to `PurpleStatusPrimitive`.

/// libpurple's status primitives that we use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Available,
    Unavailable,
    Away,
    ExtendedAway,
    Invisible,
    Offline,
}

/// A status the user can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserStatus {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: StatusKind,
}

/// Status types, in the order Pidgin lists them.
pub const USER_STATUSES: &[UserStatus] = &[
    UserStatus {
        id: "available",
        name: "Available",
        kind: StatusKind::Available,
    },
    UserStatus {
        id: "busy",
        name: "Busy",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "do-not-disturb",
        name: "Do Not Disturb",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "be-right-back",
        name: "Be Right Back",
        kind: StatusKind::Away,
    },
    UserStatus {
        id: "away",
        name: "Away",
        kind: StatusKind::Away,
    },
    UserStatus {
        id: "invisible",
        name: "Appear Offline",
        kind: StatusKind::Invisible,
    },
    UserStatus {
        id: "offline",
        name: "Offline",
        kind: StatusKind::Offline,
    },
];

/// Statuses only contacts show (Lync computes them; a user cannot choose them here).
pub const CONTACT_ONLY_STATUSES: &[UserStatus] = &[
    UserStatus {
        id: "idle",
        name: "Inactive",
        kind: StatusKind::Available,
    },
    UserStatus {
        id: "busyidle",
        name: "Busy (inactive)",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "in-a-meeting",
        name: "In a meeting",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "on-the-phone",
        name: "In a call",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "in-a-conference",
        name: "In a conference",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "presenting",
        name: "Presenting",
        kind: StatusKind::Unavailable,
    },
    UserStatus {
        id: "out-of-office",
        name: "Out of office",
        kind: StatusKind::ExtendedAway,
    },
];

/// The attribute that carries the status note ("personal note" in Lync).
pub const MESSAGE_ATTRIBUTE: &str = "message";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_primitive_a_lync_user_needs_is_settable() {
        for kind in [
            StatusKind::Available,
            StatusKind::Unavailable,
            StatusKind::Away,
            StatusKind::Invisible,
            StatusKind::Offline,
        ] {
            assert!(USER_STATUSES.iter().any(|s| s.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn ids_are_unique() {
        for (i, a) in USER_STATUSES.iter().enumerate() {
            assert!(
                USER_STATUSES[i + 1..].iter().all(|b| b.id != a.id),
                "{}",
                a.id
            );
        }
    }
}

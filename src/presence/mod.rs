//! Enhanced presence as Lync speaks it ([MS-PRES]): availability numbers, category
//! publications, batched subscriptions and the documents that carry them. Pure data in and
//! out, both directions: the plugin builds publications and reads notifications, the test
//! server reads publications and builds notifications.
//!
//! - [`Status`], [`Activity`]: availability ranges ↔ statuses, activity tokens.
//! - [`categories`]: `categories` documents, RLMI, multipart/related notifications.
//! - [`publish`]: `publish` documents and the 409 version fault.
//! - [`subscribe`]: `batchSub` bodies of presence SUBSCRIBEs.
//! - [`card`]: the `contactCard` category.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod card;
pub mod categories;
pub mod publish;
pub mod subscribe;

pub use card::{ContactCard, Phone};
pub use categories::{
    CategoryEntry, ContactPresence, Note, NoteKind, RlmiResource, State, parse_categories,
    parse_notification,
};
pub use publish::{Publication, PublishDocument, StateKind, WrongDelta};
pub use subscribe::BatchSubscribe;

pub const STATE_NS: &str = "http://schemas.microsoft.com/2006/09/sip/state";
pub const NOTE_NS: &str = "http://schemas.microsoft.com/2006/09/sip/note";
pub const CATEGORIES_NS: &str = "http://schemas.microsoft.com/2006/09/sip/categories";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PresenceError {
    #[error("presence document is not XML: {0}")]
    Xml(String),
    #[error("unexpected presence document <{0}>")]
    UnexpectedRoot(String),
    #[error("presence notification body: {0}")]
    Mime(#[from] crate::mime::MimeError),
}

/// What an availability number means ([MS-PRES] §3.7.5.5; each status is a range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Available,
    /// Available but idle ("Inactive").
    Inactive,
    Busy,
    /// Busy but idle.
    BusyIdle,
    DoNotDisturb,
    BeRightBack,
    Away,
    Offline,
}

impl Status {
    /// Every status, in availability order.
    pub const ALL: [Status; 8] = [
        Status::Available,
        Status::Inactive,
        Status::Busy,
        Status::BusyIdle,
        Status::DoNotDisturb,
        Status::BeRightBack,
        Status::Away,
        Status::Offline,
    ];

    /// The status of a received availability number. Below 3000 (including the "unknown"
    /// 0) is offline, as pidgin-sipe reads it.
    pub fn from_availability(availability: u32) -> Status {
        match availability {
            3000..=4499 => Status::Available,
            4500..=5999 => Status::Inactive,
            6000..=7499 => Status::Busy,
            7500..=8999 => Status::BusyIdle,
            9000..=11999 => Status::DoNotDisturb,
            12000..=14999 => Status::BeRightBack,
            15000..=17999 => Status::Away,
            _ => Status::Offline,
        }
    }

    /// The number a client publishes for this status (the middle of its range).
    pub fn availability(self) -> u32 {
        match self {
            Status::Available => 3500,
            Status::Inactive => 4500,
            Status::Busy => 6500,
            Status::BusyIdle => 7500,
            Status::DoNotDisturb => 9500,
            Status::BeRightBack => 12500,
            Status::Away => 15500,
            Status::Offline => 18500,
        }
    }

    /// The status id Pidgin shows (pidgin-sipe's ids, see `crate::status`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Available => "available",
            Status::Inactive => "idle",
            Status::Busy => "busy",
            Status::BusyIdle => "busyidle",
            Status::DoNotDisturb => "do-not-disturb",
            Status::BeRightBack => "be-right-back",
            Status::Away => "away",
            Status::Offline => "offline",
        }
    }

    /// The status a user chose by id; "invisible" publishes as offline, as Lync does.
    pub fn from_id(id: &str) -> Option<Status> {
        if id.eq_ignore_ascii_case("invisible") {
            return Some(Status::Offline);
        }
        Status::ALL
            .into_iter()
            .find(|s| s.id().eq_ignore_ascii_case(id))
    }

    /// Idle variants (the user is away from the keyboard but not marked away).
    pub fn is_idle(self) -> bool {
        matches!(self, Status::Inactive | Status::BusyIdle)
    }
}

/// An activity token that refines a state (`<activity token="…"/>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Activity {
    InAMeeting,
    OnThePhone,
    InAConference,
    OutOfOffice,
    InPresentation,
    UrgentInterruptionsOnly,
    /// Any other token, kept as received.
    Other(String),
}

impl Activity {
    pub fn token(&self) -> &str {
        match self {
            Activity::InAMeeting => "in-a-meeting",
            Activity::OnThePhone => "on-the-phone",
            Activity::InAConference => "in-a-conference",
            Activity::OutOfOffice => "out-of-office",
            Activity::InPresentation => "in-presentation",
            Activity::UrgentInterruptionsOnly => "urgent-interruptions-only",
            Activity::Other(token) => token,
        }
    }

    pub fn from_token(token: &str) -> Activity {
        match token {
            "in-a-meeting" => Activity::InAMeeting,
            "on-the-phone" => Activity::OnThePhone,
            "in-a-conference" => Activity::InAConference,
            "out-of-office" => Activity::OutOfOffice,
            "in-presentation" => Activity::InPresentation,
            "urgent-interruptions-only" => Activity::UrgentInterruptionsOnly,
            other => Activity::Other(other.to_owned()),
        }
    }

    /// Words for the user ("In a meeting").
    pub fn description(&self) -> &str {
        match self {
            Activity::InAMeeting => "In a meeting",
            Activity::OnThePhone => "In a call",
            Activity::InAConference => "In a conference",
            Activity::OutOfOffice => "Out of office",
            Activity::InPresentation => "Presenting",
            Activity::UrgentInterruptionsOnly => "Urgent interruptions only",
            Activity::Other(token) => token,
        }
    }
}

/// The status shown for an availability refined by an activity: a busy range with a call
/// or conference, and a do-not-disturb range while presenting, keep their activity's id.
pub fn status_id(availability: u32, activity: Option<&Activity>) -> &'static str {
    let status = Status::from_availability(availability);
    match (status, activity) {
        (Status::Busy, Some(Activity::OnThePhone)) => "on-the-phone",
        (Status::Busy, Some(Activity::InAConference)) => "in-a-conference",
        (Status::DoNotDisturb, Some(Activity::InPresentation)) => "presenting",
        _ => status.id(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_starts_and_ends_map_to_their_status() {
        let cases = [
            (0, Status::Offline),
            (2999, Status::Offline),
            (3000, Status::Available),
            (4499, Status::Available),
            (4500, Status::Inactive),
            (6000, Status::Busy),
            (7499, Status::Busy),
            (7500, Status::BusyIdle),
            (9000, Status::DoNotDisturb),
            (11999, Status::DoNotDisturb),
            (12000, Status::BeRightBack),
            (15000, Status::Away),
            (17999, Status::Away),
            (18000, Status::Offline),
            (u32::MAX, Status::Offline),
        ];
        for (number, status) in cases {
            assert_eq!(Status::from_availability(number), status, "{number}");
        }
    }

    #[test]
    fn published_numbers_round_trip_and_match_pidgin_sipe() {
        for status in Status::ALL {
            assert_eq!(Status::from_availability(status.availability()), status);
            assert_eq!(Status::from_id(status.id()), Some(status));
        }
        assert_eq!(Status::Busy.availability(), 6500);
        assert_eq!(Status::Away.availability(), 15500);
        assert_eq!(Status::from_id("invisible"), Some(Status::Offline));
        assert_eq!(Status::from_id("nonsense"), None);
        assert!(Status::BusyIdle.is_idle() && !Status::Busy.is_idle());
    }

    #[test]
    fn activities_refine_some_ranges_only() {
        for token in [
            "in-a-meeting",
            "on-the-phone",
            "in-a-conference",
            "out-of-office",
        ] {
            assert_eq!(Activity::from_token(token).token(), token);
        }
        assert_eq!(
            Activity::from_token("lunch"),
            Activity::Other("lunch".into())
        );
        assert_eq!(status_id(6500, Some(&Activity::OnThePhone)), "on-the-phone");
        assert_eq!(status_id(6500, Some(&Activity::InAMeeting)), "busy");
        assert_eq!(status_id(3500, Some(&Activity::OnThePhone)), "available");
        assert_eq!(
            status_id(9500, Some(&Activity::InPresentation)),
            "presenting"
        );
    }
}

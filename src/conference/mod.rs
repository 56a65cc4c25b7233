//! Chats of more than two people as Lync 2007+ holds them: ad-hoc conferences
//! ([MS-CONFBAS], [MS-CONFIM]). A focus factory creates a conference (C3P `addConference`),
//! each participant joins its focus (`addUser`) and watches it (`conference-info`), and IM
//! goes through the conference's chat MCU. Others are invited with a `Conferencing`
//! document. The documents are built and read here; no I/O.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod cccp;
mod info;
mod invitation;

pub use cccp::{CccpResponse, add_conference, add_user, parse_response};
pub use info::{ConferenceInfo, ConferenceUser};
pub use invitation::{Invitation, invitation, parse_invitation};

use crate::xml::{self, Document};

pub const CCCP_CONTENT_TYPE: &str = "application/cccp+xml";
pub const CONFERENCE_INFO_CONTENT_TYPE: &str = "application/conference-info+xml";
pub const INVITATION_CONTENT_TYPE: &str = "application/ms-conf-invite+xml";
/// The event package of a focus.
pub const CONFERENCE_EVENT: &str = "conference";

/// `text` escaped for an XML document, without the characters XML cannot carry at all
/// (most control characters), so what we write always parses.
fn xml_text(text: &str) -> String {
    let allowed = |c: &char| {
        matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    };
    let clean: String = text.chars().filter(allowed).collect();
    xml::escape(&clean).into_owned()
}

/// Whether `uri` names a conference focus (`sip:…;gruu;opaque=app:conf:focus:id:…`).
pub fn is_focus_uri(uri: &str) -> bool {
    let uri = uri.trim();
    uri.get(..4).is_some_and(|s| s.eq_ignore_ascii_case("sip:"))
        && uri
            .split(';')
            .any(|p| p.trim().starts_with("opaque=app:conf:focus:"))
}

/// The focus factory URI from a `vnd-microsoft-provisioning-v2` document
/// (`provisionGroup name="ServerConfiguration"` / `focusFactoryUri`).
pub fn focus_factory_from_provisioning(body: &str) -> Option<String> {
    let doc = Document::parse(body).ok()?;
    xml::children(doc.root_element(), "provisionGroup")
        .filter(|group| group.attribute("name") == Some("ServerConfiguration"))
        .find_map(|group| xml::child(group, "focusFactoryUri"))
        .map(|node| xml::text(node).trim().to_owned())
        .filter(|uri| !uri.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_text_drops_what_xml_cannot_carry() {
        assert_eq!(xml_text("a\u{1}b<\u{FFFF}\tc"), "ab&lt;\tc");
    }

    #[test]
    fn focus_uris_are_recognised() {
        assert!(is_focus_uri(
            "sip:alice@contoso.test;gruu;opaque=app:conf:focus:id:AB12"
        ));
        assert!(!is_focus_uri(
            "sip:alice@contoso.test;gruu;opaque=app:conf:chat:id:AB12"
        ));
        assert!(!is_focus_uri("sip:alice@contoso.test"));
        assert!(!is_focus_uri("https://meet.contoso.test/alice/AB12"));
    }

    #[test]
    fn the_focus_factory_comes_from_server_configuration() {
        let body = r#"<provisionGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification"><provisionGroup name="meetingPolicy"><focusFactoryUri>sip:wrong</focusFactoryUri></provisionGroup><provisionGroup name="ServerConfiguration"><focusFactoryUri> sip:alice@contoso.test;gruu;opaque=app:conf:focusfactory </focusFactoryUri></provisionGroup></provisionGroupList>"#;
        assert_eq!(
            focus_factory_from_provisioning(body).as_deref(),
            Some("sip:alice@contoso.test;gruu;opaque=app:conf:focusfactory")
        );
        assert_eq!(
            focus_factory_from_provisioning(
                r#"<provisionGroupList><provisionGroup name="ServerConfiguration"/></provisionGroupList>"#
            ),
            None
        );
        assert_eq!(focus_factory_from_provisioning("not xml"), None);
    }
}

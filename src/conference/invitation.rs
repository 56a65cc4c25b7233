//! The `Conferencing` document that invites someone into a conference (an INVITE with
//! `application/ms-conf-invite+xml`).

use super::xml_text;
use crate::xml::{self, Document};

/// An invitation to the conference at `focus`, for IM.
pub fn invitation(focus: &str, subject: &str) -> String {
    format!(
        r#"<Conferencing version="2.0"><focus-uri>{}</focus-uri><subject>{}</subject><im available="true"><first-im/></im></Conferencing>"#,
        xml_text(focus),
        xml_text(subject)
    )
}

/// What an invitation offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub focus_uri: String,
    pub subject: Option<String>,
    /// Audio is offered (a conference call rather than a chat).
    pub audio: bool,
}

pub fn parse_invitation(body: &str) -> Option<Invitation> {
    let doc = Document::parse(body).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "Conferencing" {
        return None;
    }
    let focus_uri = xml::text(xml::child(root, "focus-uri")?).trim().to_owned();
    if focus_uri.is_empty() {
        return None;
    }
    let subject = xml::child(root, "subject")
        .map(|s| xml::text(s).trim().to_owned())
        .filter(|s| !s.is_empty());
    let audio = xml::child(root, "audio").and_then(|a| a.attribute("available")) == Some("true");
    Some(Invitation {
        focus_uri,
        subject,
        audio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitations_round_trip() {
        let focus = "sip:alice@contoso.test;gruu;opaque=app:conf:focus:id:AB12";
        let parsed = parse_invitation(&invitation(focus, "Plans & <dates>")).unwrap();
        assert_eq!(parsed.focus_uri, focus);
        assert_eq!(parsed.subject.as_deref(), Some("Plans & <dates>"));
        assert!(!parsed.audio);
        assert_eq!(
            parse_invitation(&invitation(focus, "")).unwrap().subject,
            None
        );
    }

    #[test]
    fn audio_invitations_and_junk_are_told_apart() {
        let audio = r#"<Conferencing version="2.0" xmlns="x"><focus-uri>sip:f</focus-uri><audio available="true"/></Conferencing>"#;
        assert!(parse_invitation(audio).unwrap().audio);
        assert_eq!(parse_invitation("<Conferencing/>"), None);
        assert_eq!(
            parse_invitation("<Conferencing><focus-uri> </focus-uri></Conferencing>"),
            None
        );
        assert_eq!(parse_invitation("<other/>"), None);
    }

    proptest::proptest! {
        #[test]
        fn whatever_we_write_parses(focus in ".*", subject in ".*") {
            let written = invitation(&focus, &subject);
            let read = parse_invitation(&written);
            let nothing_left = focus
                .chars()
                .all(|c| c.is_whitespace() || c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'));
            proptest::prop_assert!(read.is_some() || nothing_left, "{}", written);
        }

        #[test]
        fn plain_text_reads_back_as_written(focus in "[^\\s\\p{C}][^\\p{C}]*", subject in "[^\\p{C}]*") {
            let read = parse_invitation(&invitation(focus.trim(), subject.trim()));
            let read = read.expect("our own invitation parses");
            proptest::prop_assert_eq!(read.focus_uri, focus.trim());
            proptest::prop_assert_eq!(read.subject.unwrap_or_default(), subject.trim());
        }
    }
}

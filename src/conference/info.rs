//! `conference-info` documents (RFC 4575 with Microsoft's extensions) a focus sends to its
//! watchers: who is in the conference and in which of its parts, and where the chat MCU is.

use crate::xml::{self, Document, Node};

/// One user of a conference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceUser {
    pub uri: String,
    pub display_name: Option<String>,
    /// `state="deleted"`: the user left.
    pub deleted: bool,
    /// Connected to the chat MCU (in the chat, as opposed to only the focus).
    pub in_chat: bool,
    /// A presenter (leader) rather than an attendee.
    pub presenter: bool,
}

/// What a conference-info document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceInfo {
    /// The focus URI.
    pub entity: String,
    /// `state="full"`, as opposed to a partial update.
    pub full: bool,
    pub subject: Option<String>,
    pub organizer: Option<String>,
    /// The chat MCU (`conf-uris/entry` with purpose `chat`).
    pub chat_uri: Option<String>,
    pub users: Vec<ConferenceUser>,
    /// Whether the chat is locked (nobody else may join), when the document says.
    pub locked: Option<bool>,
}

fn child_text(node: Node<'_, '_>, names: &[&str]) -> Option<String> {
    xml::path(node, names)
        .map(|n| xml::text(n).trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn read_user(node: Node<'_, '_>) -> Option<ConferenceUser> {
    let uri = node.attribute("entity")?.trim().to_owned();
    if uri.is_empty() {
        return None;
    }
    let in_chat = xml::children(node, "endpoint").any(|endpoint| {
        endpoint.attribute("session-type") == Some("chat")
            && child_text(endpoint, &["status"]).as_deref() == Some("connected")
    });
    Some(ConferenceUser {
        uri,
        display_name: child_text(node, &["display-text"]),
        deleted: node.attribute("state") == Some("deleted"),
        in_chat,
        presenter: child_text(node, &["roles", "entry"]).as_deref() == Some("presenter"),
    })
}

impl ConferenceInfo {
    pub fn parse(body: &str) -> Option<ConferenceInfo> {
        let doc = Document::parse(body).ok()?;
        let root = doc.root_element();
        if root.tag_name().name() != "conference-info" {
            return None;
        }
        let description = xml::child(root, "conference-description");
        let chat_uri = description
            .and_then(|d| xml::child(d, "conf-uris"))
            .into_iter()
            .flat_map(|uris| xml::children(uris, "entry"))
            .find(|entry| child_text(*entry, &["purpose"]).as_deref() == Some("chat"))
            .and_then(|entry| child_text(entry, &["uri"]));
        let users = xml::child(root, "users")
            .into_iter()
            .flat_map(|users| xml::children(users, "user"))
            .filter_map(read_user)
            .collect();
        let locked = xml::child(root, "conference-view")
            .into_iter()
            .flat_map(|view| xml::children(view, "entity-view"))
            .find(|view| {
                child_text(*view, &["entity-state", "media", "entry", "type"]).as_deref()
                    == Some("chat")
            })
            .and_then(|view| child_text(view, &["entity-state", "locked"]))
            .map(|locked| locked == "true");
        Some(ConferenceInfo {
            entity: root
                .attribute("entity")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            full: root.attribute("state") == Some("full"),
            subject: description.and_then(|d| child_text(d, &["subject"])),
            organizer: description.and_then(|d| child_text(d, &["organizer", "display-name"])),
            chat_uri,
            users,
            locked,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOCUS: &str = "sip:alice@contoso.test;gruu;opaque=app:conf:focus:id:AB12";

    fn document(users: &str) -> String {
        format!(
            r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" state="full" version="3"><conference-description><subject>Release</subject><organizer><display-name>Alice Anders</display-name></organizer><conf-uris><entry><uri>sip:alice@contoso.test;gruu;opaque=app:conf:audio-video:id:AB12</uri><purpose>audio-video</purpose></entry><entry><uri>sip:alice@contoso.test;gruu;opaque=app:conf:chat:id:AB12</uri><display-text>chat</display-text><purpose>chat</purpose></entry></conf-uris></conference-description><users>{users}</users><conference-view><entity-view entity="x"><entity-state><media><entry><type>chat</type></entry></media><locked>true</locked></entity-state></entity-view></conference-view></conference-info>"#
        )
    }

    #[test]
    fn users_in_the_chat_mcu_are_told_from_those_only_in_the_focus() {
        let info = ConferenceInfo::parse(&document(concat!(
            r#"<user entity="sip:alice@contoso.test" state="full"><display-text>Alice Anders</display-text><roles><entry>presenter</entry></roles>"#,
            r#"<endpoint entity="f" session-type="focus"><status>connected</status></endpoint>"#,
            r#"<endpoint entity="c" session-type="chat"><status>connected</status></endpoint></user>"#,
            r#"<user entity="sip:bob@contoso.test"><roles><entry>attendee</entry></roles>"#,
            r#"<endpoint session-type="focus"><status>connected</status></endpoint>"#,
            r#"<endpoint session-type="chat"><status>disconnected</status></endpoint></user>"#,
            r#"<user entity="sip:carol@contoso.test" state="deleted"/>"#,
            r#"<user/>"#,
        )))
        .unwrap();
        assert_eq!(info.entity, FOCUS);
        assert!(info.full);
        assert_eq!(info.subject.as_deref(), Some("Release"));
        assert_eq!(info.organizer.as_deref(), Some("Alice Anders"));
        assert_eq!(
            info.chat_uri.as_deref(),
            Some("sip:alice@contoso.test;gruu;opaque=app:conf:chat:id:AB12")
        );
        assert_eq!(info.locked, Some(true));
        assert_eq!(info.users.len(), 3);
        let alice = &info.users[0];
        assert!(alice.in_chat && alice.presenter && !alice.deleted);
        assert_eq!(alice.display_name.as_deref(), Some("Alice Anders"));
        let bob = &info.users[1];
        assert!(!bob.in_chat && !bob.presenter && !bob.deleted);
        assert!(info.users[2].deleted);
    }

    #[test]
    fn other_documents_are_refused_and_partial_ones_say_so() {
        assert_eq!(ConferenceInfo::parse("<roamingData/>"), None);
        assert_eq!(ConferenceInfo::parse("<conference-info"), None);
        let partial = ConferenceInfo::parse(
            r#"<conference-info entity="sip:f" state="partial"><users><user entity="sip:b" state="deleted"/></users></conference-info>"#,
        )
        .unwrap();
        assert!(!partial.full);
        assert_eq!(partial.chat_uri, None);
        assert_eq!(partial.locked, None);
        assert!(partial.users[0].deleted);
    }
}

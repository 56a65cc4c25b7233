//! Publishing one's own presence: the `publish` document (SIP SERVICE with
//! `application/msrtc-category-publish+xml`), the versions each publication must carry,
//! and the 409 fault a server answers when a version is stale.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::categories::{CategoryEntry, NoteKind};
use super::{Activity, NOTE_NS, PresenceError, STATE_NS, XSI_NS};
use crate::xml::{self, Document};

pub const PUBLISH_CONTENT_TYPE: &str = "application/msrtc-category-publish+xml";
pub const FAULT_CONTENT_TYPE: &str = "application/msrtc-fault+xml";
pub const RICH_PRESENCE_NS: &str = "http://schemas.microsoft.com/2006/09/sip/rich-presence";
pub const WRONG_DELTA: &str = "Client.BadCall.WrongDelta";

/// Instance of the user-chosen state: fixed, the same on every endpoint.
pub const USER_STATE_INSTANCE: u32 = 0x2000_0000;
/// Containers every state is published to ([MS-PRES]: 2 for everyone, 3 for contacts).
pub const STATE_CONTAINERS: [u32; 2] = [2, 3];
/// Containers the personal note is published to.
pub const NOTE_CONTAINERS: [u32; 3] = [200, 300, 400];

/// The `xsi:type` of a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateKind {
    /// What the user chose (manual, static).
    User,
    /// What the machine detects (idle; per endpoint).
    Machine,
    /// What the server computes from all the others.
    Aggregate,
    Phone,
    Calendar,
}

impl StateKind {
    pub fn xsi_type(self) -> &'static str {
        match self {
            StateKind::User => "userState",
            StateKind::Machine => "machineState",
            StateKind::Aggregate => "aggregateState",
            StateKind::Phone => "phoneState",
            StateKind::Calendar => "calendarState",
        }
    }
}

/// A `<state>` element.
pub fn state_xml(kind: StateKind, availability: u32, activity: Option<&Activity>) -> String {
    let manual = kind == StateKind::User;
    let mut out = format!(
        r#"<state xmlns="{STATE_NS}" manual="{manual}" xmlns:xsi="{XSI_NS}" xsi:type="{}"><availability>{availability}</availability>"#,
        kind.xsi_type()
    );
    if let Some(activity) = activity {
        let _ = write!(
            out,
            r#"<activity token="{}"/>"#,
            xml::escape(activity.token())
        );
    }
    out.push_str("<endpointLocation/></state>");
    out
}

/// A `<note>` element; `None` is a note without body (no note).
pub fn note_xml(text: Option<&str>, kind: NoteKind) -> String {
    match text {
        Some(text) => format!(
            r#"<note xmlns="{NOTE_NS}"><body type="{}" uri="">{}</body></note>"#,
            kind.token(),
            xml::escape(text)
        ),
        None => format!(r#"<note xmlns="{NOTE_NS}"/>"#),
    }
}

/// One `<publication>` of a publish request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub category: String,
    pub instance: u32,
    pub container: u32,
    /// The version the publisher believes is current (0 for a new publication).
    pub version: u32,
    /// `static`, `endpoint`, `user`, `time`.
    pub expire_type: String,
    /// `Some(0)` removes the publication.
    pub expires: Option<u32>,
    /// The content element, raw XML (empty for a removal).
    pub inner_xml: String,
}

impl Publication {
    pub fn new(
        category: &str,
        instance: u32,
        container: u32,
        version: u32,
        expire_type: &str,
        inner_xml: String,
    ) -> Publication {
        Publication {
            category: category.to_owned(),
            instance,
            container,
            version,
            expire_type: expire_type.to_owned(),
            expires: None,
            inner_xml,
        }
    }

    /// A removal of what is at (category, instance, container).
    pub fn removal(category: &str, instance: u32, container: u32, version: u32) -> Publication {
        Publication {
            expires: Some(0),
            ..Publication::new(
                category,
                instance,
                container,
                version,
                "static",
                String::new(),
            )
        }
    }

    pub fn is_removal(&self) -> bool {
        self.expires == Some(0)
    }

    pub fn key(&self) -> (String, u32, u32) {
        (self.category.clone(), self.instance, self.container)
    }

    pub fn to_xml(&self) -> String {
        let mut out = format!(
            r#"<publication categoryName="{}" instance="{}" container="{}" version="{}" expireType="{}""#,
            xml::escape(&self.category),
            self.instance,
            self.container,
            self.version,
            xml::escape(&self.expire_type)
        );
        if let Some(expires) = self.expires {
            let _ = write!(out, r#" expires="{expires}""#);
        }
        if self.inner_xml.is_empty() {
            out.push_str("/>");
        } else {
            let _ = write!(out, ">{}</publication>", self.inner_xml);
        }
        out
    }

    /// As the server stores it once accepted (version bumped).
    pub fn accepted(&self, publish_time: Option<String>) -> CategoryEntry {
        CategoryEntry {
            name: self.category.clone(),
            instance: self.instance,
            container: self.container,
            version: self.version.saturating_add(1),
            publish_time,
            expire_type: Some(self.expire_type.clone()),
            inner_xml: self.inner_xml.clone(),
        }
    }
}

/// A whole publish request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishDocument {
    /// The publisher's own `sip:` URI.
    pub uri: String,
    pub publications: Vec<Publication>,
}

impl PublishDocument {
    pub fn to_xml(&self) -> String {
        let mut out = format!(
            r#"<publish xmlns="{RICH_PRESENCE_NS}"><publications uri="{}">"#,
            xml::escape(&self.uri)
        );
        for publication in &self.publications {
            out.push_str(&publication.to_xml());
        }
        out.push_str("</publications></publish>");
        out
    }

    pub fn parse(body: &str) -> Result<PublishDocument, PresenceError> {
        let doc = Document::parse(body).map_err(|e| PresenceError::Xml(e.to_string()))?;
        let root = doc.root_element();
        if root.tag_name().name() != "publish" {
            return Err(PresenceError::UnexpectedRoot(
                root.tag_name().name().to_owned(),
            ));
        }
        let list = xml::child(root, "publications")
            .ok_or_else(|| PresenceError::Xml("publish without <publications>".to_owned()))?;
        let number = |node: xml::Node<'_, '_>, name: &str| -> Result<u32, PresenceError> {
            node.attribute(name)
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| PresenceError::Xml(format!("publication without a numeric {name}")))
        };
        let mut publications = Vec::new();
        for node in xml::children(list, "publication") {
            publications.push(Publication {
                category: node
                    .attribute("categoryName")
                    .ok_or_else(|| PresenceError::Xml("publication without categoryName".into()))?
                    .to_owned(),
                instance: number(node, "instance")?,
                container: number(node, "container")?,
                version: node
                    .attribute("version")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0),
                expire_type: node.attribute("expireType").unwrap_or("static").to_owned(),
                expires: node
                    .attribute("expires")
                    .and_then(|v| v.trim().parse().ok()),
                inner_xml: node
                    .children()
                    .find(|n| n.is_element())
                    .and_then(|n| body.get(n.range()))
                    .unwrap_or_default()
                    .to_owned(),
            });
        }
        Ok(PublishDocument {
            uri: list.attribute("uri").unwrap_or_default().to_owned(),
            publications,
        })
    }
}

/// The 409 answer to a publish with stale versions: which publications (1-based index
/// into the request) failed and the version the server has for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongDelta {
    pub operations: Vec<(u32, u32)>,
}

impl WrongDelta {
    pub fn to_xml(&self) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><Fault xmlns="{RICH_PRESENCE_NS}"><Faultcode>{WRONG_DELTA}</Faultcode><details>"#
        );
        for (index, current) in &self.operations {
            let _ = write!(
                out,
                r#"<operation index="{index}" status="fail" curVersion="{current}"/>"#
            );
        }
        out.push_str("</details></Fault>");
        out
    }

    /// `None` when the body is not a wrong-delta fault (other faults are not recoverable by
    /// republishing).
    pub fn parse(body: &str) -> Option<WrongDelta> {
        let doc = Document::parse(body).ok()?;
        let root = doc.root_element();
        if xml::text(xml::child(root, "Faultcode")?).trim() != WRONG_DELTA {
            return None;
        }
        let operations = xml::children(xml::child(root, "details")?, "operation")
            .filter_map(|op| {
                Some((
                    op.attribute("index")?.trim().parse().ok()?,
                    op.attribute("curVersion")?.trim().parse().ok()?,
                ))
            })
            .collect();
        Some(WrongDelta { operations })
    }
}

/// The versions of one's own publications, as the client must track them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationVersions {
    versions: BTreeMap<(String, u32, u32), u32>,
}

impl PublicationVersions {
    /// The version to publish (category, instance, container) with: 0 when new.
    pub fn get(&self, category: &str, instance: u32, container: u32) -> u32 {
        self.versions
            .get(&(category.to_owned(), instance, container))
            .copied()
            .unwrap_or(0)
    }

    /// Learns from a roaming-self `<categories>` list: every category it names is
    /// replaced by what it lists (so removed publications are forgotten).
    pub fn learn(&mut self, entries: &[CategoryEntry]) {
        for entry in entries {
            self.versions.retain(|(name, _, _), _| *name != entry.name);
        }
        for entry in entries {
            if entry.instance != u32::MAX && entry.container != u32::MAX {
                self.versions.insert(
                    (entry.name.clone(), entry.instance, entry.container),
                    entry.version,
                );
            }
        }
    }

    /// Takes the server's current versions from a fault about `request`.
    pub fn apply_fault(&mut self, request: &PublishDocument, fault: &WrongDelta) {
        for (index, current) in &fault.operations {
            let position = (*index as usize).checked_sub(1);
            if let Some(publication) = position.and_then(|p| request.publications.get(p)) {
                self.versions.insert(publication.key(), *current);
            }
        }
    }

    /// Records a publish the server accepted (each version moved on by one).
    pub fn accepted(&mut self, request: &PublishDocument) {
        for publication in &request.publications {
            if publication.is_removal() {
                self.versions.remove(&publication.key());
            } else {
                self.versions
                    .insert(publication.key(), publication.version.saturating_add(1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presence::Status;

    fn busy_with_note(versions: &PublicationVersions) -> PublishDocument {
        let mut publications: Vec<Publication> = STATE_CONTAINERS
            .iter()
            .map(|&container| {
                Publication::new(
                    "state",
                    USER_STATE_INSTANCE,
                    container,
                    versions.get("state", USER_STATE_INSTANCE, container),
                    "static",
                    state_xml(StateKind::User, Status::Busy.availability(), None),
                )
            })
            .collect();
        publications.extend(NOTE_CONTAINERS.iter().map(|&container| {
            Publication::new(
                "note",
                0,
                container,
                versions.get("note", 0, container),
                "static",
                note_xml(Some("In a meeting & more"), NoteKind::Personal),
            )
        }));
        PublishDocument {
            uri: "sip:alice@contoso.test".into(),
            publications,
        }
    }

    #[test]
    fn publish_documents_round_trip() {
        let mut document = busy_with_note(&PublicationVersions::default());
        document
            .publications
            .push(Publication::removal("note", 5, 300, 2));
        let text = document.to_xml();
        assert!(text.contains(r#"xsi:type="userState""#), "{text}");
        assert!(text.contains(r#"expires="0"/>"#), "{text}");
        assert_eq!(PublishDocument::parse(&text).unwrap(), document);
    }

    #[test]
    fn faults_round_trip_and_fix_the_versions() {
        let mut versions = PublicationVersions::default();
        let request = busy_with_note(&versions);
        let fault = WrongDelta {
            operations: vec![(1, 4), (4, 7), (99, 1)],
        };
        assert_eq!(WrongDelta::parse(&fault.to_xml()), Some(fault.clone()));
        versions.apply_fault(&request, &fault);
        assert_eq!(versions.get("state", USER_STATE_INSTANCE, 2), 4);
        assert_eq!(versions.get("note", 0, 300), 7);
        let retry = busy_with_note(&versions);
        assert_eq!(retry.publications[0].version, 4);
        assert_eq!(retry.publications[1].version, 0, "untouched ones stay");
        assert_eq!(
            WrongDelta::parse("<Fault><Faultcode>Server.Busy</Faultcode></Fault>"),
            None
        );
    }

    #[test]
    fn roaming_self_replaces_whole_categories() {
        let mut versions = PublicationVersions::default();
        versions.accepted(&busy_with_note(&versions));
        assert_eq!(versions.get("note", 0, 200), 1);
        let entry = |name: &str, container, version| CategoryEntry {
            name: name.into(),
            instance: 0,
            container,
            version,
            publish_time: None,
            expire_type: None,
            inner_xml: String::new(),
        };
        versions.learn(&[entry("note", 200, 5)]);
        assert_eq!(versions.get("note", 0, 200), 5);
        assert_eq!(
            versions.get("note", 0, 300),
            0,
            "not listed any more: forgotten"
        );
        assert_eq!(
            versions.get("state", USER_STATE_INSTANCE, 3),
            1,
            "other categories stay"
        );
    }

    #[test]
    fn malformed_publications_are_errors() {
        assert!(PublishDocument::parse("<publish><publications/></publish>").is_ok());
        assert!(PublishDocument::parse("<other/>").is_err());
        assert!(PublishDocument::parse(
            r#"<publish><publications uri="sip:a@b"><publication categoryName="state" container="2"/></publications></publish>"#
        )
        .is_err());
    }
}

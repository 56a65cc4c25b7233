//! Category documents: what a NOTIFY says about a contact (`<categories>`), the RLMI list of
//! a batched subscription, and the `multipart/related` body that carries both.

use std::fmt::Write as _;
use std::time::SystemTime;

use super::card::ContactCard;
use super::{Activity, CATEGORIES_NS, PresenceError, Status};
use crate::mime::{self, Part};
use crate::xml::{self, Document, Node};

pub const CATEGORIES_CONTENT_TYPE: &str = "application/msrtc-event-categories+xml";
pub const RLMI_CONTENT_TYPE: &str = "application/rlmi+xml";
pub const RLMI_NS: &str = "urn:ietf:params:xml:ns:rlmi";

/// One published instance of a category, as a server keeps and sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryEntry {
    pub name: String,
    pub instance: u32,
    pub container: u32,
    pub version: u32,
    /// `2024-05-01T10:00:00Z`.
    pub publish_time: Option<String>,
    /// `static`, `endpoint`, `user`, `time`.
    pub expire_type: Option<String>,
    /// The category's content element (`<state …>…</state>`), as raw XML.
    pub inner_xml: String,
}

impl CategoryEntry {
    pub fn to_xml(&self) -> String {
        let mut out = format!(
            r#"<category name="{}" instance="{}" container="{}" version="{}""#,
            xml::escape(&self.name),
            self.instance,
            self.container,
            self.version
        );
        if let Some(time) = &self.publish_time {
            let _ = write!(out, r#" publishTime="{}""#, xml::escape(time));
        }
        if let Some(expire_type) = &self.expire_type {
            let _ = write!(out, r#" expireType="{}""#, xml::escape(expire_type));
        }
        let _ = write!(out, ">{}</category>", self.inner_xml);
        out
    }
}

/// A `<categories>` document about `uri`. `cleared` names categories that have no
/// publication left (a bare `<category name="note"/>` tells the owner to forget them).
pub fn categories_document(uri: &str, entries: &[CategoryEntry], cleared: &[&str]) -> String {
    let mut out = format!(
        r#"<categories xmlns="{CATEGORIES_NS}" uri="{}">"#,
        xml::escape(uri)
    );
    for entry in entries {
        out.push_str(&entry.to_xml());
    }
    for name in cleared {
        let _ = write!(out, r#"<category name="{}"/>"#, xml::escape(name));
    }
    out.push_str("</categories>");
    out
}

/// The raw XML of an element, from its source text.
fn raw<'a>(source: &'a str, node: Node<'_, '_>) -> &'a str {
    source.get(node.range()).unwrap_or_default()
}

/// Every category instance of a `<categories>` document (e.g. the client's own, from
/// roaming-self, to learn the versions it must publish with). Categories without an
/// instance or container (clearing markers) are returned with `u32::MAX` there.
pub fn parse_category_entries(
    document: &str,
) -> Result<(String, Vec<CategoryEntry>), PresenceError> {
    let doc = Document::parse(document).map_err(|e| PresenceError::Xml(e.to_string()))?;
    let root = doc.root_element();
    let list = match root.tag_name().name() {
        "categories" => root,
        // roaming-self wraps them: <roamingData><categories>…
        _ => xml::child(root, "categories")
            .ok_or_else(|| PresenceError::UnexpectedRoot(root.tag_name().name().to_owned()))?,
    };
    let number = |node: Node<'_, '_>, name: &str| {
        node.attribute(name)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(u32::MAX)
    };
    let entries = xml::children(list, "category")
        .map(|node| CategoryEntry {
            name: node.attribute("name").unwrap_or_default().to_owned(),
            instance: number(node, "instance"),
            container: number(node, "container"),
            version: node
                .attribute("version")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0),
            publish_time: node.attribute("publishTime").map(str::to_owned),
            expire_type: node.attribute("expireType").map(str::to_owned),
            inner_xml: node
                .children()
                .find(|n| n.is_element())
                .map(|n| raw(document, n).to_owned())
                .unwrap_or_default(),
        })
        .collect();
    Ok((
        list.attribute("uri").unwrap_or_default().to_owned(),
        entries,
    ))
}

/// A contact's state category, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub availability: u32,
    pub activity: Option<Activity>,
    /// A custom activity text, if the contact typed one.
    pub custom: Option<String>,
    /// `aggregateState`, `userState`, `machineState` …
    pub kind: Option<String>,
    /// `lastActive`: when an idle contact last used their machine.
    pub last_active: Option<SystemTime>,
}

impl State {
    pub fn status(&self) -> Status {
        Status::from_availability(self.availability)
    }

    /// The status id to show (activities refine some ranges).
    pub fn status_id(&self) -> &'static str {
        super::status_id(self.availability, self.activity.as_ref())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Personal,
    OutOfOffice,
}

impl NoteKind {
    pub fn token(self) -> &'static str {
        match self {
            NoteKind::Personal => "personal",
            NoteKind::OutOfOffice => "OOF",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub kind: NoteKind,
}

/// What one `<categories>` document says about a contact. `None` means "not in this
/// document" (keep what you knew); a note category without a body clears the note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactPresence {
    pub uri: String,
    pub state: Option<State>,
    /// `Some(None)`: the note was removed.
    pub note: Option<Option<Note>>,
    pub card: Option<ContactCard>,
}

fn parse_state(element: Node<'_, '_>) -> Option<State> {
    let availability = xml::child(element, "availability")?;
    let activity = xml::child(element, "activity");
    Some(State {
        availability: xml::text(availability).trim().parse().ok()?,
        activity: activity
            .and_then(|a| a.attribute("token"))
            .filter(|t| !t.is_empty())
            .map(Activity::from_token),
        custom: activity
            .and_then(|a| xml::child(a, "custom"))
            .map(xml::text)
            .filter(|t| !t.trim().is_empty()),
        kind: element
            .attributes()
            .find(|a| a.name() == "type")
            .map(|a| a.value().to_owned()),
        last_active: element
            .attribute("lastActive")
            .and_then(crate::webticket::time::parse_datetime),
    })
}

/// Reads a `<categories>` document (one contact).
pub fn parse_categories(document: &str) -> Result<ContactPresence, PresenceError> {
    let doc = Document::parse(document).map_err(|e| PresenceError::Xml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "categories" {
        return Err(PresenceError::UnexpectedRoot(
            root.tag_name().name().to_owned(),
        ));
    }
    let mut presence = ContactPresence {
        uri: root.attribute("uri").unwrap_or_default().to_owned(),
        ..ContactPresence::default()
    };
    let mut note_time: Option<String> = None;
    for category in xml::children(root, "category") {
        let content = category.children().find(|n| n.is_element());
        match category.attribute("name").unwrap_or_default() {
            "state" => {
                let Some(state) = content.and_then(parse_state) else {
                    continue;
                };
                // The server's aggregate wins over any single source.
                let keep_old = presence
                    .state
                    .as_ref()
                    .is_some_and(|old| old.kind.as_deref() == Some("aggregateState"));
                if !keep_old {
                    presence.state = Some(state);
                }
            }
            "note" => {
                let time = category.attribute("publishTime").map(str::to_owned);
                let newer = match (&note_time, &time) {
                    (Some(old), Some(new)) => new >= old,
                    _ => true,
                };
                if !newer && matches!(presence.note, Some(Some(_))) {
                    continue;
                }
                let body = content.and_then(|note| xml::child(note, "body"));
                presence.note = Some(body.map(|body| Note {
                    text: xml::text(body),
                    kind: if body.attribute("type") == Some("OOF") {
                        NoteKind::OutOfOffice
                    } else {
                        NoteKind::Personal
                    },
                }));
                note_time = time;
            }
            "contactCard" => {
                if let Some(card) = content.filter(|c| c.tag_name().name() == "contactCard") {
                    let part = ContactCard::from_node(card);
                    let merged = presence.card.get_or_insert_with(ContactCard::default);
                    merge_card(merged, part);
                }
            }
            _ => {}
        }
    }
    Ok(presence)
}

/// Lync may split a card over several instances; later fields fill gaps.
fn merge_card(into: &mut ContactCard, from: ContactCard) {
    fn fill(slot: &mut Option<String>, value: Option<String>) {
        if slot.is_none() {
            *slot = value;
        }
    }
    fill(&mut into.display_name, from.display_name);
    fill(&mut into.email, from.email);
    fill(&mut into.title, from.title);
    fill(&mut into.company, from.company);
    fill(&mut into.department, from.department);
    fill(&mut into.office, from.office);
    into.phones.extend(from.phones);
}

/// One resource of an RLMI list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RlmiResource {
    pub uri: String,
    /// `active`, `pending`, `terminated`, `resubscribe`.
    pub state: String,
    /// Where to resubscribe ([MS-PRES]: `poolFqdn` with state `resubscribe`).
    pub pool_fqdn: Option<String>,
}

/// An RLMI `<list>` document.
pub fn build_rlmi(list_uri: &str, version: u32, resources: &[RlmiResource]) -> String {
    let mut out = format!(
        r#"<list xmlns="{RLMI_NS}" uri="{}" version="{version}" fullState="false">"#,
        xml::escape(list_uri)
    );
    for (index, resource) in resources.iter().enumerate() {
        let _ = write!(
            out,
            r#"<resource uri="{}"><instance id="{index}" state="{}""#,
            xml::escape(&resource.uri),
            xml::escape(&resource.state)
        );
        if let Some(pool) = &resource.pool_fqdn {
            let _ = write!(out, r#" poolFqdn="{}""#, xml::escape(pool));
        }
        let _ = write!(
            out,
            r#" cid="{}"/></resource>"#,
            xml::escape(resource.uri.trim_start_matches("sip:"))
        );
    }
    out.push_str("</list>");
    out
}

pub fn parse_rlmi(document: &str) -> Result<Vec<RlmiResource>, PresenceError> {
    let doc = Document::parse(document).map_err(|e| PresenceError::Xml(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "list" {
        return Err(PresenceError::UnexpectedRoot(
            root.tag_name().name().to_owned(),
        ));
    }
    Ok(xml::children(root, "resource")
        .filter_map(|resource| {
            let instance = xml::child(resource, "instance");
            Some(RlmiResource {
                uri: resource.attribute("uri")?.to_owned(),
                state: instance
                    .and_then(|i| i.attribute("state"))
                    .unwrap_or("active")
                    .to_owned(),
                pool_fqdn: instance
                    .and_then(|i| i.attribute("poolFqdn"))
                    .map(str::to_owned),
            })
        })
        .collect())
}

/// A presence NOTIFY body, read: the RLMI resources and every contact's categories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresenceNotification {
    pub resources: Vec<RlmiResource>,
    pub contacts: Vec<ContactPresence>,
}

/// Builds a `multipart/related` notification about `contacts` (uri, categories document)
/// for the subscription list `list_uri`; returns (Content-Type, body).
pub fn build_notification(
    list_uri: &str,
    version: u32,
    boundary: &str,
    contacts: &[(String, String)],
) -> (String, Vec<u8>) {
    let resources: Vec<RlmiResource> = contacts
        .iter()
        .map(|(uri, _)| RlmiResource {
            uri: uri.clone(),
            state: "active".to_owned(),
            pool_fqdn: None,
        })
        .collect();
    let mut parts = vec![
        Part::new(RLMI_CONTENT_TYPE, build_rlmi(list_uri, version, &resources))
            .with_header("Content-Transfer-Encoding", "binary")
            .with_header("Content-ID", "<resourceList>"),
    ];
    for (uri, document) in contacts {
        parts.push(
            Part::new(CATEGORIES_CONTENT_TYPE, document.as_bytes())
                .with_header("Content-Transfer-Encoding", "binary")
                .with_header(
                    "Content-ID",
                    &format!("<{}>", uri.trim_start_matches("sip:")),
                ),
        );
    }
    mime::build_multipart(
        "related",
        boundary,
        &format!(r#"type="{RLMI_CONTENT_TYPE}";start="<resourceList>""#),
        &parts,
    )
}

/// Reads a presence NOTIFY body of any form Lync sends: multipart/related with RLMI, a
/// lone categories document, or a lone RLMI list.
pub fn parse_notification(
    content_type: &str,
    body: &[u8],
) -> Result<PresenceNotification, PresenceError> {
    let mut notification = PresenceNotification::default();
    let media = mime::media_type(content_type);
    let parts = if media.starts_with("multipart/") {
        mime::split_multipart(content_type, body)?
    } else {
        vec![mime::PartRef {
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body,
        }]
    };
    for part in parts {
        let text = String::from_utf8_lossy(part.body);
        match mime::media_type(part.content_type()).as_str() {
            RLMI_CONTENT_TYPE => notification.resources.extend(parse_rlmi(&text)?),
            CATEGORIES_CONTENT_TYPE => notification.contacts.push(parse_categories(&text)?),
            _ => {}
        }
    }
    Ok(notification)
}

/// `publishTime` form of a Unix time (UTC, seconds).
pub fn publish_time(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let seconds = unix_seconds % 86_400;
    // Civil date from day number (Howard Hinnant's algorithm), valid for all u64 days here.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presence::card::Phone;

    fn entry(name: &str, container: u32, inner: &str) -> CategoryEntry {
        CategoryEntry {
            name: name.into(),
            instance: 0,
            container,
            version: 3,
            publish_time: Some(publish_time(1_700_000_000)),
            expire_type: Some("static".into()),
            inner_xml: inner.into(),
        }
    }

    fn bob_document() -> String {
        let card = ContactCard {
            display_name: Some("Bob Builder".into()),
            title: Some("Foreman".into()),
            phones: vec![Phone::work("+1 555")],
            ..ContactCard::default()
        };
        categories_document(
            "sip:bob@contoso.test",
            &[
                entry(
                    "state",
                    2,
                    r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateState"><availability>6500</availability><activity token="on-the-phone"/></state>"#,
                ),
                entry(
                    "state",
                    3,
                    r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state"><availability>3500</availability></state>"#,
                ),
                entry(
                    "note",
                    200,
                    r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">Back &lt;soon&gt;</body></note>"#,
                ),
                entry("contactCard", 0, &card.to_xml()),
            ],
            &[],
        )
    }

    #[test]
    fn a_categories_document_reads_state_note_and_card() {
        let bob = parse_categories(&bob_document()).unwrap();
        assert_eq!(bob.uri, "sip:bob@contoso.test");
        let state = bob.state.unwrap();
        assert_eq!(state.availability, 6500, "the aggregate wins");
        assert_eq!(state.status_id(), "on-the-phone");
        assert_eq!(state.kind.as_deref(), Some("aggregateState"));
        assert_eq!(
            bob.note,
            Some(Some(Note {
                text: "Back <soon>".into(),
                kind: NoteKind::Personal
            }))
        );
        let card = bob.card.unwrap();
        assert_eq!(card.display_name.as_deref(), Some("Bob Builder"));
        assert_eq!(card.title.as_deref(), Some("Foreman"));
    }

    #[test]
    fn an_idle_state_says_since_when() {
        let doc = r#"<categories uri="sip:x@y"><category name="state" instance="0" container="2" version="3"><state xmlns="http://schemas.microsoft.com/2006/09/sip/state" lastActive="2026-11-26T10:00:00Z" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateState"><availability>4500</availability></state></category></categories>"#;
        let state = parse_categories(doc).unwrap().state.unwrap();
        assert!(state.status().is_idle());
        assert_eq!(
            state.last_active,
            crate::webticket::time::parse_datetime("2026-11-26T10:00:00Z")
        );
        assert!(state.last_active.is_some());
        // A malformed time is no time, not an error.
        let bad = doc.replace("2026-11-26T10:00:00Z", "yesterday");
        assert_eq!(
            parse_categories(&bad).unwrap().state.unwrap().last_active,
            None
        );
    }

    #[test]
    fn a_note_without_body_clears_and_absent_categories_stay_unknown() {
        let doc = r#"<categories uri="sip:x@y"><category name="note" instance="0" container="200" version="2"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"/></category></categories>"#;
        let presence = parse_categories(doc).unwrap();
        assert_eq!(presence.note, Some(None));
        assert_eq!(presence.state, None);
        assert_eq!(presence.card, None);
    }

    #[test]
    fn entries_round_trip_with_raw_inner_xml() {
        let (uri, entries) = parse_category_entries(&bob_document()).unwrap();
        assert_eq!(uri, "sip:bob@contoso.test");
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[2].container, 200);
        assert_eq!(entries[2].version, 3);
        assert!(
            entries[2].inner_xml.starts_with("<note "),
            "{}",
            entries[2].inner_xml
        );
        assert_eq!(categories_document(&uri, &entries, &[]), bob_document());
        let (_, cleared) = parse_category_entries(
            r#"<roamingData><categories><category name="note"/></categories></roamingData>"#,
        )
        .unwrap();
        assert_eq!(
            (cleared[0].instance, cleared[0].container),
            (u32::MAX, u32::MAX)
        );
    }

    #[test]
    fn notifications_round_trip_through_multipart_related() {
        let contacts = vec![("sip:bob@contoso.test".to_owned(), bob_document())];
        let (content_type, body) =
            build_notification("sip:alice@contoso.test", 1, "abc123", &contacts);
        assert!(content_type.starts_with("multipart/related;type=\"application/rlmi+xml\""));
        let parsed = parse_notification(&content_type, &body).unwrap();
        assert_eq!(parsed.resources.len(), 1);
        assert_eq!(parsed.resources[0].state, "active");
        assert_eq!(parsed.contacts[0].uri, "sip:bob@contoso.test");
        assert_eq!(
            parsed.contacts[0].state.as_ref().unwrap().availability,
            6500
        );
        // A lone categories document (BENOTIFY without RLMI).
        let lone = parse_notification(CATEGORIES_CONTENT_TYPE, bob_document().as_bytes()).unwrap();
        assert_eq!(lone.contacts.len(), 1);
        assert!(parse_notification("multipart/related;boundary=q", b"junk").is_err());
    }

    #[test]
    fn rlmi_resubscribe_with_pool_is_read() {
        let list = build_rlmi(
            "sip:a@b",
            2,
            &[RlmiResource {
                uri: "sip:far@b".into(),
                state: "resubscribe".into(),
                pool_fqdn: Some("pool2.b".into()),
            }],
        );
        let resources = parse_rlmi(&list).unwrap();
        assert_eq!(resources[0].pool_fqdn.as_deref(), Some("pool2.b"));
        assert_eq!(resources[0].state, "resubscribe");
    }

    #[test]
    fn publish_times_are_utc_iso() {
        assert_eq!(publish_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(publish_time(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(publish_time(951_782_400), "2000-02-29T00:00:00Z");
    }
}

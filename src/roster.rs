//! The contact list as Lync roams it ([MS-SIP] vnd-microsoft-roaming-contacts): groups and
//! contacts in a `contactList` (whole list) or `contactDelta` (changes), and the SOAP
//! requests (SIP SERVICE) that edit it. Both directions: the plugin reads lists and writes
//! edits; the test server writes lists and reads edits.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::xml::{self, Document, Node};

/// Name of the default group in roaming XML; Lync shows it as "Other Contacts".
pub const DEFAULT_GROUP_NAME: &str = "~";
pub const OTHER_CONTACTS: &str = "Other Contacts";
pub const ROAMING_CONTACTS_NS: &str = "http://schemas.microsoft.com/2006/09/sip/roaming-contacts";
pub const CONTENT_TYPE: &str = "application/vnd-microsoft-roaming-contacts+xml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: u32,
    /// As shown to the user ("~" becomes "Other Contacts").
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// `sip:` URI, lower-cased scheme.
    pub uri: String,
    /// Display name (alias) the user gave, if any.
    pub name: Option<String>,
    pub groups: Vec<u32>,
    pub subscribed: bool,
}

/// The whole list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    pub delta_num: u32,
    pub groups: BTreeMap<u32, Group>,
    /// By URI.
    pub contacts: BTreeMap<String, Contact>,
}

/// What a roaming-contacts document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterDocument {
    Full(Roster),
    Delta {
        delta_num: u32,
        added_groups: Vec<Group>,
        modified_groups: Vec<Group>,
        deleted_groups: Vec<u32>,
        added_contacts: Vec<Contact>,
        modified_contacts: Vec<Contact>,
        deleted_contacts: Vec<String>,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RosterError {
    #[error("contact list is not XML: {0}")]
    Xml(String),
    #[error("unexpected contact list element <{0}>")]
    UnexpectedRoot(String),
}

/// `sip:` + address, whatever form the server used.
pub fn normalize_uri(uri: &str) -> String {
    let trimmed = uri.trim();
    match trimmed.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("sip:") => format!("sip:{}", &trimmed[4..]),
        _ => format!("sip:{trimmed}"),
    }
}

fn display_group_name(name: &str) -> String {
    if name == DEFAULT_GROUP_NAME || name.is_empty() {
        OTHER_CONTACTS.to_owned()
    } else {
        name.to_owned()
    }
}

fn parse_group(node: Node<'_, '_>) -> Option<Group> {
    Some(Group {
        id: node.attribute("id")?.trim().parse().ok()?,
        name: display_group_name(node.attribute("name").unwrap_or_default()),
    })
}

fn parse_contact(node: Node<'_, '_>) -> Option<Contact> {
    let uri = node.attribute("uri").filter(|u| !u.trim().is_empty())?;
    Some(Contact {
        uri: normalize_uri(uri),
        name: node
            .attribute("name")
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        groups: node
            .attribute("groups")
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|g| g.parse().ok())
            .collect(),
        subscribed: node.attribute("subscribed") != Some("false"),
    })
}

/// Parses a roaming-contacts NOTIFY body.
pub fn parse(body: &str) -> Result<RosterDocument, RosterError> {
    let doc = Document::parse(body).map_err(|e| RosterError::Xml(e.to_string()))?;
    let root = doc.root_element();
    let delta_num = root
        .attribute("deltaNum")
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    match root.tag_name().name() {
        "contactList" => {
            let groups = xml::children(root, "group")
                .filter_map(parse_group)
                .map(|g| (g.id, g))
                .collect();
            let contacts = xml::children(root, "contact")
                .filter_map(parse_contact)
                .map(|c| (c.uri.clone(), c))
                .collect();
            Ok(RosterDocument::Full(Roster {
                delta_num,
                groups,
                contacts,
            }))
        }
        "contactDelta" => Ok(RosterDocument::Delta {
            delta_num,
            added_groups: xml::children(root, "addedGroup")
                .filter_map(parse_group)
                .collect(),
            modified_groups: xml::children(root, "modifiedGroup")
                .filter_map(parse_group)
                .collect(),
            deleted_groups: xml::children(root, "deletedGroup")
                .filter_map(|n| n.attribute("id")?.parse().ok())
                .collect(),
            added_contacts: xml::children(root, "addedContact")
                .filter_map(parse_contact)
                .collect(),
            modified_contacts: xml::children(root, "modifiedContact")
                .filter_map(parse_contact)
                .collect(),
            deleted_contacts: xml::children(root, "deletedContact")
                .filter_map(|n| n.attribute("uri").map(normalize_uri))
                .collect(),
        }),
        other => Err(RosterError::UnexpectedRoot(other.to_owned())),
    }
}

impl Roster {
    /// Applies a document: a full list replaces, a delta edits.
    pub fn apply(&mut self, document: RosterDocument) {
        match document {
            RosterDocument::Full(roster) => *self = roster,
            RosterDocument::Delta {
                delta_num,
                added_groups,
                modified_groups,
                deleted_groups,
                added_contacts,
                modified_contacts,
                deleted_contacts,
            } => {
                if delta_num != 0 {
                    self.delta_num = delta_num;
                }
                for group in added_groups.into_iter().chain(modified_groups) {
                    self.groups.insert(group.id, group);
                }
                for contact in added_contacts.into_iter().chain(modified_contacts) {
                    self.contacts.insert(contact.uri.clone(), contact);
                }
                for uri in deleted_contacts {
                    self.contacts.remove(&uri);
                }
                for id in deleted_groups {
                    self.groups.remove(&id);
                    for contact in self.contacts.values_mut() {
                        contact.groups.retain(|g| *g != id);
                    }
                }
            }
        }
    }

    /// The group names of a contact, in id order; "Other Contacts" when it has none.
    pub fn group_names(&self, contact: &Contact) -> Vec<String> {
        let names: Vec<String> = contact
            .groups
            .iter()
            .filter_map(|id| self.groups.get(id).map(|g| g.name.clone()))
            .collect();
        if names.is_empty() {
            vec![OTHER_CONTACTS.to_owned()]
        } else {
            names
        }
    }

    pub fn group_by_name(&self, name: &str) -> Option<&Group> {
        self.groups.values().find(|g| g.name == name)
    }

    /// The whole list as a `contactList` document (the server's side).
    pub fn to_xml(&self) -> String {
        let mut out = format!(
            r#"<contactList deltaNum="{}" xmlns="{ROAMING_CONTACTS_NS}">"#,
            self.delta_num.max(1)
        );
        for group in self.groups.values() {
            let name = if group.name == OTHER_CONTACTS {
                DEFAULT_GROUP_NAME
            } else {
                &group.name
            };
            let _ = write!(
                out,
                r#"<group id="{}" name="{}" externalURI=""/>"#,
                group.id,
                xml::escape(name)
            );
        }
        for contact in self.contacts.values() {
            let groups: Vec<String> = contact.groups.iter().map(u32::to_string).collect();
            let _ = write!(
                out,
                r#"<contact uri="{}" name="{}" groups="{}" subscribed="{}" externalURI=""/>"#,
                xml::escape(contact.uri.trim_start_matches("sip:")),
                xml::escape(contact.name.as_deref().unwrap_or_default()),
                groups.join(" "),
                contact.subscribed
            );
        }
        out.push_str("</contactList>");
        out
    }
}

/// A contact-list edit, sent as a SOAP request in a SIP SERVICE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterEdit {
    /// Adds or updates a contact: its alias and every group it is in.
    SetContact {
        uri: String,
        name: Option<String>,
        groups: Vec<u32>,
    },
    DeleteContact {
        uri: String,
    },
    AddGroup {
        name: String,
    },
    ModifyGroup {
        id: u32,
        name: String,
    },
    DeleteGroup {
        id: u32,
    },
}

pub const SOAP_CONTENT_TYPE: &str = "application/SOAP+xml";
const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const RTC_NS: &str = "http://schemas.microsoft.com/winrtc/2002/11/sip";

impl RosterEdit {
    fn method(&self) -> &'static str {
        match self {
            RosterEdit::SetContact { .. } => "setContact",
            RosterEdit::DeleteContact { .. } => "deleteContact",
            RosterEdit::AddGroup { .. } => "addGroup",
            RosterEdit::ModifyGroup { .. } => "modifyGroup",
            RosterEdit::DeleteGroup { .. } => "deleteGroup",
        }
    }

    /// The SOAP body, with the list's delta number (each edit uses the next one).
    pub fn to_soap(&self, delta_num: u32) -> String {
        let fields = match self {
            RosterEdit::SetContact { uri, name, groups } => {
                let groups: Vec<String> = groups.iter().map(u32::to_string).collect();
                format!(
                    "<m:displayName>{}</m:displayName><m:groups>{}</m:groups><m:subscribed>true</m:subscribed><m:URI>{}</m:URI><m:externalURI />",
                    xml::escape(name.as_deref().unwrap_or_default()),
                    groups.join(" "),
                    xml::escape(uri)
                )
            }
            RosterEdit::DeleteContact { uri } => format!("<m:URI>{}</m:URI>", xml::escape(uri)),
            RosterEdit::AddGroup { name } => {
                let name = if name == OTHER_CONTACTS {
                    DEFAULT_GROUP_NAME
                } else {
                    name
                };
                format!("<m:name>{}</m:name><m:externalURI />", xml::escape(name))
            }
            RosterEdit::ModifyGroup { id, name } => {
                format!(
                    "<m:groupID>{id}</m:groupID><m:name>{}</m:name><m:externalURI />",
                    xml::escape(name)
                )
            }
            RosterEdit::DeleteGroup { id } => format!("<m:groupID>{id}</m:groupID>"),
        };
        let method = self.method();
        format!(
            r#"<s:Envelope xmlns:s="{SOAP_NS}" xmlns:m="{RTC_NS}"><s:Body><m:{method}>{fields}<m:deltaNum>{delta_num}</m:deltaNum></m:{method}></s:Body></s:Envelope>"#
        )
    }

    /// Reads an edit request (the server's side). Returns the edit and its delta number.
    pub fn from_soap(body: &str) -> Option<(RosterEdit, u32)> {
        let doc = Document::parse(body).ok()?;
        let request = xml::child(doc.root_element(), "Body")?
            .children()
            .find(|n| n.is_element())?;
        let field = |name: &str| xml::child(request, name).map(xml::text);
        let delta = field("deltaNum")
            .and_then(|d| d.trim().parse().ok())
            .unwrap_or(0);
        let group_ids = |text: Option<String>| -> Vec<u32> {
            text.unwrap_or_default()
                .split_whitespace()
                .filter_map(|g| g.parse().ok())
                .collect()
        };
        let edit = match request.tag_name().name() {
            "setContact" => RosterEdit::SetContact {
                uri: normalize_uri(&field("URI")?),
                name: field("displayName").filter(|n| !n.is_empty()),
                groups: group_ids(field("groups")),
            },
            "deleteContact" => RosterEdit::DeleteContact {
                uri: normalize_uri(&field("URI")?),
            },
            "addGroup" => RosterEdit::AddGroup {
                name: display_group_name(&field("name")?),
            },
            "modifyGroup" => RosterEdit::ModifyGroup {
                id: field("groupID")?.trim().parse().ok()?,
                name: field("name")?,
            },
            "deleteGroup" => RosterEdit::DeleteGroup {
                id: field("groupID")?.trim().parse().ok()?,
            },
            _ => return None,
        };
        Some((edit, delta))
    }
}

/// The id the server gave a new group, from its answer to `addGroup`
/// (`<addGroup><groupID>7</groupID></addGroup>` inside the SOAP body).
pub fn added_group_id(response_body: &str) -> Option<u32> {
    let doc = Document::parse(response_body).ok()?;
    doc.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "groupID")
        .map(xml::text)?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"<contactList deltaNum="12" xmlns="http://schemas.microsoft.com/2006/09/sip/roaming-contacts">
        <group id="1" name="~" externalURI=""/>
        <group id="2" name="Team &amp; Friends" externalURI=""/>
        <contact uri="bob@contoso.test" name="Bob B." groups="1 2" subscribed="true" externalURI=""><contactExtension/></contact>
        <contact uri="sip:carol@contoso.test" name="" groups="2" subscribed="true" externalURI=""/>
        <contact uri="" name="broken" groups="2"/>
    </contactList>"#;

    #[test]
    fn a_full_list_parses_with_default_group_and_uris_normalized() {
        let RosterDocument::Full(roster) = parse(LIST).unwrap() else {
            panic!("full list expected");
        };
        assert_eq!(roster.delta_num, 12);
        assert_eq!(roster.groups[&1].name, "Other Contacts");
        assert_eq!(roster.groups[&2].name, "Team & Friends");
        assert_eq!(
            roster.contacts.len(),
            2,
            "the contact without a URI is skipped"
        );
        let bob = &roster.contacts["sip:bob@contoso.test"];
        assert_eq!(bob.name.as_deref(), Some("Bob B."));
        assert_eq!(
            roster.group_names(bob),
            ["Other Contacts", "Team & Friends"]
        );
        assert_eq!(roster.contacts["sip:carol@contoso.test"].name, None);
    }

    #[test]
    fn deltas_edit_the_list() {
        let RosterDocument::Full(mut roster) = parse(LIST).unwrap() else {
            panic!()
        };
        let delta = parse(
            r#"<contactDelta deltaNum="13" xmlns="http://schemas.microsoft.com/2006/09/sip/roaming-contacts">
                <addedGroup id="3" name="New"/>
                <modifiedGroup id="2" name="Team"/>
                <addedContact uri="dave@contoso.test" name="Dave" groups="3"/>
                <modifiedContact uri="bob@contoso.test" name="Bobby" groups="2"/>
                <deletedContact uri="carol@contoso.test"/>
            </contactDelta>"#,
        )
        .unwrap();
        roster.apply(delta);
        assert_eq!(roster.delta_num, 13);
        assert_eq!(roster.groups[&2].name, "Team");
        assert_eq!(roster.contacts["sip:bob@contoso.test"].groups, [2]);
        assert_eq!(
            roster.contacts["sip:bob@contoso.test"].name.as_deref(),
            Some("Bobby")
        );
        assert!(!roster.contacts.contains_key("sip:carol@contoso.test"));
        assert_eq!(
            roster.group_names(&roster.contacts["sip:dave@contoso.test"]),
            ["New"]
        );
        roster.apply(
            parse(r#"<contactDelta deltaNum="14"><deletedGroup id="3"/></contactDelta>"#).unwrap(),
        );
        assert_eq!(
            roster.group_names(&roster.contacts["sip:dave@contoso.test"]),
            ["Other Contacts"]
        );
    }

    #[test]
    fn server_side_xml_round_trips() {
        let RosterDocument::Full(roster) = parse(LIST).unwrap() else {
            panic!()
        };
        assert_eq!(
            parse(&roster.to_xml()).unwrap(),
            RosterDocument::Full(roster)
        );
    }

    #[test]
    fn edits_round_trip_through_soap() {
        for edit in [
            RosterEdit::SetContact {
                uri: "sip:bob@contoso.test".into(),
                name: Some("Bob <b>".into()),
                groups: vec![1, 2],
            },
            RosterEdit::DeleteContact {
                uri: "sip:bob@contoso.test".into(),
            },
            RosterEdit::AddGroup {
                name: "Friends & Co".into(),
            },
            RosterEdit::ModifyGroup {
                id: 2,
                name: "Team".into(),
            },
            RosterEdit::DeleteGroup { id: 2 },
        ] {
            let soap = edit.to_soap(7);
            assert_eq!(
                RosterEdit::from_soap(&soap),
                Some((edit.clone(), 7)),
                "{soap}"
            );
        }
        assert!(
            RosterEdit::SetContact {
                uri: "sip:x@y".into(),
                name: None,
                groups: vec![]
            }
            .to_soap(1)
            .contains("<m:setContact><m:displayName></m:displayName>")
        );
    }

    #[test]
    fn bad_documents_are_errors_not_panics() {
        assert!(matches!(parse("<contactList"), Err(RosterError::Xml(_))));
        assert_eq!(
            parse("<other/>"),
            Err(RosterError::UnexpectedRoot("other".into()))
        );
        assert_eq!(RosterEdit::from_soap("<s:Envelope/>"), None);
        assert_eq!(added_group_id("<x><groupID>7</groupID></x>"), Some(7));
    }
}

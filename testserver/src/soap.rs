//! SOAP over SIP SERVICE: contact-list edits (to the user's own URI, with deltaNum) and the
//! directory search (to the domain URI), answered from the configured users.

use std::fmt::Write as _;
use std::time::SystemTime;

use purple_lync::roster::{self, Contact, DEFAULT_GROUP_NAME, Group, OTHER_CONTACTS, RosterEdit};
use purple_lync::sip::Message;
use purple_lync::xml::{self, Document};

use crate::config::User;
use crate::core::{ConnId, Core, Outgoing};
use crate::directory::user_uri;
use crate::notifier::Package;
use crate::publishing::{SOAP_CONTENT_TYPE, soap_response};

/// Results a search returns at most, whatever the client asks.
const MAX_SEARCH_RESULTS: usize = 100;

fn xml_group(tag: &str, group: &Group) -> String {
    let name = if group.name == OTHER_CONTACTS {
        DEFAULT_GROUP_NAME
    } else {
        &group.name
    };
    format!(
        r#"<{tag} id="{}" name="{}" externalURI=""/>"#,
        group.id,
        xml::escape(name)
    )
}

fn xml_contact(tag: &str, contact: &Contact) -> String {
    let groups: Vec<String> = contact.groups.iter().map(u32::to_string).collect();
    format!(
        r#"<{tag} uri="{}" name="{}" groups="{}" subscribed="{}" externalURI=""/>"#,
        xml::escape(contact.uri.trim_start_matches("sip:")),
        xml::escape(contact.name.as_deref().unwrap_or_default()),
        groups.join(" "),
        contact.subscribed
    )
}

impl Core {
    /// Applies a contact-list edit, answers it, and pushes a `contactDelta` to the user's
    /// roaming-contacts subscriptions. The client's deltaNum is the list version it last
    /// saw; an older one is applied anyway (last writer wins), as nothing is lost by it.
    pub fn edit_contacts(
        &mut self,
        conn: ConnId,
        owner: &str,
        msg: &Message,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let body = String::from_utf8_lossy(msg.body());
        let Some((edit, client_delta)) = RosterEdit::from_soap(&body) else {
            return self.reply(conn, msg, 400, "Bad Request", &[]);
        };
        let Some(data) = self.directory.users.get_mut(owner) else {
            return self.reply(conn, msg, 404, "Not Found", &[]);
        };
        let list = &mut data.roster;
        // Every edit, so that tests can check the version each client sends.
        crate::net::log!(
            "{owner}: contact edit with deltaNum {client_delta}, list is at {}",
            list.delta_num
        );
        let mut changes = String::new();
        let mut answer = String::new();
        let method;
        match edit {
            RosterEdit::SetContact { uri, name, groups } => {
                method = "setContact";
                let uri = user_uri(&uri);
                let mut groups: Vec<u32> = groups
                    .into_iter()
                    .filter(|g| list.groups.contains_key(g))
                    .collect();
                if groups.is_empty() {
                    groups.push(1);
                }
                let tag = if list.contacts.contains_key(&uri) {
                    "modifiedContact"
                } else {
                    "addedContact"
                };
                let contact = Contact {
                    uri: uri.clone(),
                    name,
                    groups,
                    subscribed: true,
                };
                changes.push_str(&xml_contact(tag, &contact));
                list.contacts.insert(uri, contact);
            }
            RosterEdit::DeleteContact { uri } => {
                method = "deleteContact";
                let uri = user_uri(&uri);
                if list.contacts.remove(&uri).is_some() {
                    let _ = write!(
                        changes,
                        r#"<deletedContact uri="{}"/>"#,
                        xml::escape(uri.trim_start_matches("sip:"))
                    );
                }
            }
            RosterEdit::AddGroup { name } => {
                method = "addGroup";
                let existing = list.groups.values().find(|g| g.name == name).map(|g| g.id);
                let id = match existing {
                    Some(id) => id,
                    None => {
                        let id = list.groups.keys().max().copied().unwrap_or(1) + 1;
                        let group = Group { id, name };
                        changes.push_str(&xml_group("addedGroup", &group));
                        list.groups.insert(id, group);
                        id
                    }
                };
                let _ = write!(answer, "<m:groupID>{id}</m:groupID>");
            }
            RosterEdit::ModifyGroup { id, name } => {
                method = "modifyGroup";
                if let Some(group) = list.groups.get_mut(&id) {
                    group.name = roster_group_name(&name);
                    changes.push_str(&xml_group("modifiedGroup", group));
                }
            }
            RosterEdit::DeleteGroup { id } => {
                method = "deleteGroup";
                // The default group stays; its contacts have nowhere else to go.
                if id != 1 && list.groups.remove(&id).is_some() {
                    for contact in list.contacts.values_mut() {
                        if contact.groups.contains(&id) {
                            contact.groups.retain(|g| *g != id);
                            if contact.groups.is_empty() {
                                contact.groups.push(1);
                            }
                            changes.push_str(&xml_contact("modifiedContact", contact));
                        }
                    }
                    let _ = write!(changes, r#"<deletedGroup id="{id}"/>"#);
                }
            }
        }
        let mut out = Vec::new();
        let mut response = self.response_to(msg, 200, "OK");
        let _ = response.add_header("Content-Type", SOAP_CONTENT_TYPE);
        response.set_body(soap_response(method, &answer));
        self.sign(conn, &mut response);
        out.push(Outgoing {
            conn,
            message: response,
        });
        if changes.is_empty() {
            return out;
        }
        self.counters.contact_edits += 1;
        let Some(data) = self.directory.users.get_mut(owner) else {
            return out;
        };
        data.roster.delta_num += 1;
        let delta = format!(
            r#"<contactDelta deltaNum="{}" xmlns="{}">{changes}</contactDelta>"#,
            data.roster.delta_num,
            roster::ROAMING_CONTACTS_NS
        );
        out.extend(self.notify_owner(
            owner,
            Package::RoamingContacts,
            roster::CONTENT_TYPE,
            &delta,
            now,
        ));
        out
    }

    /// `directorySearch`: every configured user matching all the rows given.
    pub fn directory_search(&mut self, conn: ConnId, msg: &Message) -> Vec<Outgoing> {
        let body = String::from_utf8_lossy(msg.body());
        let Some((rows, wanted)) = parse_search(&body) else {
            return self.reply(conn, msg, 400, "Bad Request", &[]);
        };
        let limit = wanted.clamp(1, MAX_SEARCH_RESULTS);
        let mut found: Vec<&User> = self
            .config
            .users
            .iter()
            .filter(|user| {
                rows.iter()
                    .all(|(attribute, value)| matches(user, attribute, value))
            })
            .collect();
        found.sort_by(|a, b| a.sip.cmp(&b.sip));
        let more = found.len() > limit;
        found.truncate(limit);
        let mut array = String::from(r#"<m:Array m:id="searchArray">"#);
        for user in &found {
            let _ = write!(array, r#"<m:row uri="sip:{}""#, xml::escape(&user.sip));
            for (attribute, value) in [
                ("displayName", &user.name),
                ("title", &user.title),
                ("office", &user.office),
                ("phone", &user.phone),
                ("company", &user.company),
                ("email", &user.email),
            ] {
                let _ = write!(
                    array,
                    r#" {attribute}="{}""#,
                    xml::escape(value.as_deref().unwrap_or_default())
                );
            }
            array.push_str("/>");
        }
        array.push_str("</m:Array>");
        self.counters.directory_searches += 1;
        let answer = format!(
            r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><SOAP-ENV:Body><m:directorySearch><m:moreAvailable>{more}</m:moreAvailable></m:directorySearch>{array}</SOAP-ENV:Body></SOAP-ENV:Envelope>"#
        );
        let mut response = self.response_to(msg, 200, "OK");
        let _ = response.add_header("Content-Type", SOAP_CONTENT_TYPE);
        response.set_body(answer);
        self.sign(conn, &mut response);
        vec![Outgoing {
            conn,
            message: response,
        }]
    }
}

fn roster_group_name(name: &str) -> String {
    if name == DEFAULT_GROUP_NAME {
        OTHER_CONTACTS.to_owned()
    } else {
        name.to_owned()
    }
}

/// The search rows (attribute, value) and the number of results wanted.
fn parse_search(body: &str) -> Option<(Vec<(String, String)>, usize)> {
    let doc = Document::parse(body).ok()?;
    let soap_body = xml::child(doc.root_element(), "Body")?;
    let request = xml::child(soap_body, "directorySearch")?;
    let wanted = xml::child(request, "maxResults")
        .and_then(|n| xml::text(n).trim().parse().ok())
        .unwrap_or(MAX_SEARCH_RESULTS);
    let rows = xml::child(soap_body, "Array")
        .map(|array| {
            xml::children(array, "row")
                .filter_map(|row| {
                    let attribute = |name: &str| {
                        row.attributes()
                            .find(|a| a.name() == name)
                            .map(|a| a.value().to_owned())
                    };
                    Some((attribute("attrib")?, attribute("value")?))
                })
                .collect()
        })
        .unwrap_or_default();
    Some((rows, wanted))
}

/// Case-insensitive prefix match of one search row against a user (SIP address exact).
fn matches(user: &User, attribute: &str, value: &str) -> bool {
    let value = value.trim().to_lowercase();
    let starts = |field: Option<&str>| field.is_some_and(|f| f.to_lowercase().starts_with(&value));
    let name = user.name.as_deref().unwrap_or_default();
    let mut words = name.split_whitespace();
    match attribute {
        "msRTCSIP-PrimaryUserAddress" => user_uri(&user.sip) == user_uri(&value),
        "givenName" => starts(words.next()),
        "sn" => starts(words.last()),
        "displayName" => starts(Some(name)),
        "mail" => starts(user.email.as_deref()) || starts(Some(&user.sip)),
        "company" => starts(user.company.as_deref()),
        "title" => starts(user.title.as_deref()),
        // Countries are not configured: a country row matches nobody.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_rows_parse_from_pidgin_sipe_requests() {
        let body = r##"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><s:Body><m:directorySearch><m:filter m:href="#searchArray"/><m:maxResults>1</m:maxResults></m:directorySearch><m:Array m:id="searchArray"><m:row m:attrib="msRTCSIP-PrimaryUserAddress" m:value="sip:bob@contoso.test"/><m:row m:attrib="givenName" m:value="Bo"/></m:Array></s:Body></s:Envelope>"##;
        let (rows, wanted) = parse_search(body).unwrap();
        assert_eq!(wanted, 1);
        assert_eq!(
            rows[0],
            (
                "msRTCSIP-PrimaryUserAddress".into(),
                "sip:bob@contoso.test".into()
            )
        );
        assert_eq!(rows[1].1, "Bo");
        assert_eq!(parse_search("<x/>"), None);
    }

    #[test]
    fn rows_match_users_by_prefix() {
        let user: User = toml::from_str(
            "sip = \"bob@contoso.test\"\npassword = \"x\"\nname = \"Bob Builder\"\ncompany = \"Contoso\"",
        )
        .unwrap();
        assert!(matches(
            &user,
            "msRTCSIP-PrimaryUserAddress",
            "sip:Bob@contoso.test"
        ));
        assert!(!matches(
            &user,
            "msRTCSIP-PrimaryUserAddress",
            "sip:bo@contoso.test"
        ));
        assert!(matches(&user, "givenName", "bo"));
        assert!(matches(&user, "sn", "build"));
        assert!(!matches(&user, "sn", "bob"));
        assert!(matches(&user, "company", "CONT"));
        assert!(matches(&user, "mail", "bob@"));
        assert!(!matches(&user, "c", "NO"));
    }
}

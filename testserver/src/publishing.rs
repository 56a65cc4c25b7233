//! SIP SERVICE: category publications (with version checks and the 409 fault), and the
//! other SERVICE bodies a client sends (SOAP contact edits and directory search, container
//! members, subscriber acknowledgements).

use std::collections::BTreeSet;
use std::time::{SystemTime, UNIX_EPOCH};

use purple_lync::mime;
use purple_lync::presence::categories::publish_time;
use purple_lync::presence::publish::{
    FAULT_CONTENT_TYPE, PUBLISH_CONTENT_TYPE, PublishDocument, WrongDelta,
};
use purple_lync::roster;
use purple_lync::sip::Message;

use crate::core::{ConnId, Core, Outgoing};
use crate::dialog::address_of_record;

/// Categories others see: a change to one of them is news for watchers.
const WATCHED_CATEGORIES: [&str; 3] = ["state", "note", "contactCard"];

impl Core {
    pub fn handle_service(
        &mut self,
        conn: ConnId,
        msg: &Message,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let Some(owner) = self.connections.get(&conn).and_then(|c| c.user.clone()) else {
            return self.reply(conn, msg, 403, "Forbidden", &[]);
        };
        let content_type = mime::media_type(msg.header("Content-Type").unwrap_or_default());
        let target = address_of_record(msg.request_uri().unwrap_or_default());
        let to_domain = target == format!("sip:{}", self.config.domain);
        match content_type.as_str() {
            PUBLISH_CONTENT_TYPE if target == owner => self.publish(conn, &owner, msg, now),
            "application/soap+xml" if to_domain => self.directory_search(conn, msg),
            "application/soap+xml" if target == owner => self.edit_contacts(conn, &owner, msg, now),
            // Access levels and subscriber acknowledgements: accepted, not enforced.
            "application/msrtc-setcontainermembers+xml"
            | "application/msrtc-presence-setsubscriber+xml"
                if target == owner =>
            {
                self.reply(conn, msg, 200, "OK", &[])
            }
            _ if target != owner && !to_domain => self.reply(conn, msg, 403, "Forbidden", &[]),
            _ => self.reply(conn, msg, 415, "Unsupported Media Type", &[]),
        }
    }

    /// Stores a publish request if every version is current; otherwise a 409 naming the
    /// current versions, and nothing changes.
    fn publish(
        &mut self,
        conn: ConnId,
        owner: &str,
        msg: &Message,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let body = String::from_utf8_lossy(msg.body());
        let document = match PublishDocument::parse(&body) {
            Ok(document) => document,
            Err(e) => {
                let diagnostic = format!("2000;reason=\"{e}\";source=\"lync-testserver\"");
                return self.reply(
                    conn,
                    msg,
                    400,
                    "Bad Request",
                    &[("ms-diagnostics", &diagnostic)],
                );
            }
        };
        if !document.uri.is_empty() && address_of_record(&document.uri) != owner {
            return self.reply(conn, msg, 403, "Forbidden", &[]);
        }
        let Some(data) = self.directory.users.get_mut(owner) else {
            return self.reply(conn, msg, 404, "Not Found", &[]);
        };
        let faults: Vec<(u32, u32)> = document
            .publications
            .iter()
            .enumerate()
            .filter_map(|(index, publication)| {
                let current = data
                    .publications
                    .get(&publication.key())
                    .map_or(0, |entry| entry.version);
                (publication.version != current).then(|| (index as u32 + 1, current))
            })
            .collect();
        if !faults.is_empty() {
            self.counters.publish_conflicts += 1;
            let fault = WrongDelta { operations: faults };
            let mut response = self.response_to(msg, 409, "Conflict");
            let _ = response.add_header("Content-Type", FAULT_CONTENT_TYPE);
            response.set_body(fault.to_xml());
            self.sign(conn, &mut response);
            return vec![Outgoing {
                conn,
                message: response,
            }];
        }
        let seconds = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let time = publish_time(seconds);
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for publication in &document.publications {
            touched.insert(publication.category.clone());
            if publication.is_removal() {
                data.publications.remove(&publication.key());
            } else {
                data.publications
                    .insert(publication.key(), publication.accepted(Some(time.clone())));
            }
        }
        let watched = touched
            .iter()
            .any(|name| WATCHED_CATEGORIES.contains(&name.as_str()));
        if watched {
            data.presence_version += 1;
        }
        self.counters.publications += 1;
        let mut out = self.reply(conn, msg, 200, "OK", &[]);
        let mut names: Vec<&str> = touched.iter().map(String::as_str).collect();
        if !names.contains(&"state") {
            // The aggregate travels with the state category.
            names.push("state");
        }
        out.extend(self.roaming_self_changed(owner, &names, now));
        if watched {
            out.extend(self.presence_changed(owner, now));
        }
        out
    }

    /// Moves every version of the user's publications on by one without telling anyone:
    /// the state two endpoints are in when one republished and the other has not heard yet.
    /// The next publish from a client then meets a 409. For tests.
    pub fn make_versions_stale(&mut self, user: &str) -> usize {
        let uri = crate::directory::user_uri(user);
        let Some(data) = self.directory.users.get_mut(&uri) else {
            return 0;
        };
        for entry in data.publications.values_mut() {
            entry.version += 1;
        }
        data.publications.len()
    }

    /// A user signed in or out: endpoint publications go with the last endpoint, and
    /// watchers hear about it.
    pub fn sign_in_changed(&mut self, uri: &str, now: SystemTime) -> Vec<Outgoing> {
        let signed_in = self.is_signed_in(uri);
        if let Some(data) = self.directory.users.get_mut(uri).filter(|_| !signed_in) {
            data.drop_endpoint_publications();
        }
        if let Some(data) = self.directory.users.get_mut(uri) {
            data.presence_version += 1;
        }
        self.presence_changed(uri, now)
    }
}

/// The SOAP answer to a contact edit (`addGroup` carries the new group's id).
pub fn soap_response(method: &str, inner: &str) -> String {
    format!(
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><m:{method} xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip">{inner}</m:{method}></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
}

pub const SOAP_CONTENT_TYPE: &str = roster::SOAP_CONTENT_TYPE;

//! Conferences as Lync 2007+ runs a chat with more than two people: a focus factory that
//! creates conferences (C3P `addConference`), a focus per conference that users join
//! (`addUser` in an INVITE) and watch (`Event: conference`), and a chat MCU that everyone
//! INVITEs and that passes each MESSAGE on to the others with `Ms-Sender`
//! ([MS-CONFBAS], [MS-CONFIM]; as pidgin-sipe's sipe-conf.c uses them).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::time::SystemTime;

use purple_lync::im;
use purple_lync::sip::Message;
use purple_lync::xml::{self, Document};

use crate::core::{ConnId, Core, Outgoing};
use crate::dialog::{ServerDialog, bracketed_uri};
use crate::notifier::Package;

pub const CCCP_CONTENT_TYPE: &str = "application/cccp+xml";
pub const CONFERENCE_INFO_CONTENT_TYPE: &str = "application/conference-info+xml";
const CCCP_NS: &str = "urn:ietf:params:xml:ns:cccp";
const CONFERENCE_INFO_NS: &str = "urn:ietf:params:xml:ns:conference-info";
const OPAQUE: &str = "opaque=app:conf:";

/// What a conference URI names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfTarget {
    Factory,
    Focus(String),
    Chat(String),
}

/// Reads `sip:alice@contoso.test;gruu;opaque=app:conf:focus:id:ABC`.
pub fn conf_target(uri: &str) -> Option<ConfTarget> {
    let uri = match (uri.find('<'), uri.find('>')) {
        (Some(start), Some(end)) if start < end => &uri[start + 1..end],
        _ => uri,
    };
    let opaque = uri.split(';').find_map(|p| p.trim().strip_prefix(OPAQUE))?;
    if opaque == "focusfactory" {
        return Some(ConfTarget::Factory);
    }
    let (kind, id) = opaque.split_once(":id:")?;
    match kind {
        "focus" => Some(ConfTarget::Focus(id.to_owned())),
        "chat" => Some(ConfTarget::Chat(id.to_owned())),
        _ => None,
    }
}

/// The focus factory URI of a user (given to clients in provisioning).
pub fn focus_factory_uri(user: &str) -> String {
    format!("{user};gruu;{OPAQUE}focusfactory")
}

#[derive(Debug)]
struct Participant {
    conn: ConnId,
    in_focus: bool,
    /// The participant's INVITE dialog with the chat MCU, once joined.
    chat: Option<ServerDialog>,
}

#[derive(Debug)]
pub struct Conference {
    organizer: String,
    subject: Option<String>,
    focus: String,
    chat: String,
    version: u32,
    participants: BTreeMap<String, Participant>,
    left: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct Conferences {
    by_id: HashMap<String, Conference>,
}

/// The operation and attributes of a C3P request.
struct CccpRequest {
    operation: String,
    request_id: String,
    from: String,
    to: String,
    /// `addConference`'s conference-description/subject, if not empty.
    subject: Option<String>,
}

fn parse_cccp(body: &str) -> Option<CccpRequest> {
    let doc = Document::parse(body).ok()?;
    let root = doc.root_element();
    let attribute = |name: &str| root.attribute(name).unwrap_or_default().to_owned();
    Some(CccpRequest {
        operation: root
            .children()
            .find(|n| n.is_element())?
            .tag_name()
            .name()
            .to_owned(),
        request_id: attribute("requestId"),
        from: attribute("from"),
        to: attribute("to"),
        subject: root
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name() == "subject")
            .map(xml::text)
            .filter(|s| !s.trim().is_empty()),
    })
}

fn cccp_response(request: &CccpRequest, code: &str, inner: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><response xmlns="{CCCP_NS}" xmlns:msci="http://schemas.microsoft.com/rtc/2005/08/cccpextensions" requestId="{}" C3PVersion="1" from="{}" to="{}" code="{code}">{inner}</response>"#,
        xml::escape(&request.request_id),
        xml::escape(&request.to),
        xml::escape(&request.from)
    )
}

impl Core {
    /// A request to a focus factory, focus or chat MCU.
    pub fn conference_request(
        &mut self,
        conn: ConnId,
        msg: &Message,
        target: ConfTarget,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let method = msg.method().unwrap_or_default().to_ascii_uppercase();
        let user = self
            .connections
            .get(&conn)
            .and_then(|c| c.user.clone())
            .unwrap_or_default();
        match (target, method.as_str()) {
            (_, "ACK") => Vec::new(),
            (ConfTarget::Factory, "SERVICE") => self.focus_factory(conn, &user, msg),
            (ConfTarget::Focus(id), "INVITE") => self.join_focus(conn, &user, msg, &id, now),
            (ConfTarget::Focus(id), "INFO") => self.focus_info(conn, msg, &id),
            (ConfTarget::Chat(id), "INVITE") => self.join_chat(conn, &user, msg, &id, now),
            (ConfTarget::Chat(id), "MESSAGE") => self.chat_message(conn, &user, msg, &id),
            (ConfTarget::Focus(id) | ConfTarget::Chat(id), "BYE") => {
                let mut out = self.reply(conn, msg, 200, "OK", &[]);
                out.extend(self.leave_conference(&id, &user, now));
                out
            }
            (ConfTarget::Chat(_), "INFO") => self.reply(conn, msg, 200, "OK", &[]),
            _ => self.reply(conn, msg, 405, "Method Not Allowed", &[]),
        }
    }

    fn cccp_reply(&mut self, conn: ConnId, msg: &Message, body: String) -> Vec<Outgoing> {
        let mut response = self.response_to(msg, 200, "OK");
        let _ = response.add_header("Content-Type", CCCP_CONTENT_TYPE);
        response.set_body(body);
        self.sign(conn, &mut response);
        vec![Outgoing {
            conn,
            message: response,
        }]
    }

    fn focus_factory(&mut self, conn: ConnId, user: &str, msg: &Message) -> Vec<Outgoing> {
        let Some(request) = parse_cccp(&String::from_utf8_lossy(msg.body())) else {
            return self.reply(conn, msg, 400, "Bad Request", &[]);
        };
        let body = match request.operation.as_str() {
            "getConferencingCapabilities" => cccp_response(
                &request,
                "success",
                "<getConferencingCapabilities><mcu-types><mcuType>chat</mcuType></mcu-types></getConferencingCapabilities>",
            ),
            "addConference" => {
                let id = self.random_hex(16).to_ascii_uppercase();
                let focus = format!("{user};gruu;{OPAQUE}focus:id:{id}");
                let conference = Conference {
                    organizer: user.to_owned(),
                    subject: request.subject.clone(),
                    chat: format!("{user};gruu;{OPAQUE}chat:id:{id}"),
                    focus: focus.clone(),
                    version: 0,
                    participants: BTreeMap::new(),
                    left: BTreeSet::new(),
                };
                self.conferences.by_id.insert(id, conference);
                self.counters.conferences += 1;
                cccp_response(
                    &request,
                    "success",
                    &format!(
                        r#"<addConference><conference-info xmlns="{CONFERENCE_INFO_NS}" entity="{}"/></addConference>"#,
                        xml::escape(&focus)
                    ),
                )
            }
            other => cccp_response(&request, "failure", &format!("<{other}/>")),
        };
        self.cccp_reply(conn, msg, body)
    }

    fn join_focus(
        &mut self,
        conn: ConnId,
        user: &str,
        msg: &Message,
        id: &str,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let request = parse_cccp(&String::from_utf8_lossy(msg.body()));
        let Some(conference) = self.conferences.by_id.get_mut(id) else {
            return self.reply(conn, msg, 404, "Not Found", &[]);
        };
        let Some(request) = request.filter(|r| r.operation == "addUser") else {
            return self.reply(conn, msg, 400, "Bad Request", &[]);
        };
        let role = if conference.organizer == user {
            "presenter"
        } else {
            "attendee"
        };
        conference.left.remove(user);
        conference
            .participants
            .entry(user.to_owned())
            .or_insert(Participant {
                conn,
                in_focus: false,
                chat: None,
            })
            .in_focus = true;
        let inner = format!(
            r#"<addUser><conferenceKeys confEntity="{}"/><user xmlns="{CONFERENCE_INFO_NS}" entity="{}"><roles><entry>{role}</entry></roles></user></addUser>"#,
            xml::escape(&conference.focus),
            xml::escape(user)
        );
        let body = cccp_response(&request, "success", &inner);
        let tag = self.random_hex(5);
        let mut response = self.response_to(msg, 200, "OK");
        let to = msg.header("To").unwrap_or_default();
        if !to.contains("tag=") {
            let _ = response.set_header("To", format!("{to};tag={tag}"));
        }
        let _ = response.add_header("Contact", format!("<{}>", self.conference_focus(id)));
        let _ = response.add_header("Content-Type", CCCP_CONTENT_TYPE);
        response.set_body(body);
        self.sign(conn, &mut response);
        let mut out = vec![Outgoing {
            conn,
            message: response,
        }];
        out.extend(self.conference_changed(id, now));
        out
    }

    fn conference_focus(&self, id: &str) -> String {
        self.conferences
            .by_id
            .get(id)
            .map(|c| c.focus.clone())
            .unwrap_or_default()
    }

    /// Role changes, locks … are accepted and not acted on.
    fn focus_info(&mut self, conn: ConnId, msg: &Message, id: &str) -> Vec<Outgoing> {
        if !self.conferences.by_id.contains_key(id) {
            return self.reply(conn, msg, 481, "Call Leg/Transaction Does Not Exist", &[]);
        }
        match parse_cccp(&String::from_utf8_lossy(msg.body())) {
            Some(request) => {
                let inner = format!("<{}/>", request.operation);
                let body = cccp_response(&request, "success", &inner);
                self.cccp_reply(conn, msg, body)
            }
            None => self.reply(conn, msg, 200, "OK", &[]),
        }
    }

    fn join_chat(
        &mut self,
        conn: ConnId,
        user: &str,
        msg: &Message,
        id: &str,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let tls = self.connections.get(&conn).is_some_and(|c| c.tls);
        let tag = self.random_hex(5);
        let Some(conference) = self.conferences.by_id.get_mut(id) else {
            return self.reply(conn, msg, 404, "Not Found", &[]);
        };
        let Some(sdp) = im::parse_sdp(&String::from_utf8_lossy(msg.body())) else {
            return self.reply(conn, msg, 488, "Not Acceptable Here", &[]);
        };
        let Some(participant) = conference.participants.get_mut(user) else {
            return self.reply(conn, msg, 403, "Forbidden", &[]);
        };
        let dialog = ServerDialog::answering(conn, tls, msg, &tag);
        let local = dialog.local.clone();
        participant.chat = Some(dialog);
        let chat = conference.chat.clone();
        let mut response = self.response_to(msg, 200, "OK");
        let _ = response.set_header("To", local);
        let _ = response.add_header("Contact", format!("<{chat}>"));
        let _ = response.add_header("Content-Type", im::SDP_CONTENT_TYPE);
        response.set_body(im::answer_sdp(&sdp.address, sdp.port, bracketed_uri(&chat)));
        self.sign(conn, &mut response);
        let mut out = vec![Outgoing {
            conn,
            message: response,
        }];
        out.extend(self.conference_changed(id, now));
        out
    }

    /// A message to the chat MCU goes to everyone else in the chat, naming its sender.
    fn chat_message(&mut self, conn: ConnId, user: &str, msg: &Message, id: &str) -> Vec<Outgoing> {
        let branch_seed = self.random_hex(6);
        let server_name = self.server_name.clone();
        let Some(conference) = self.conferences.by_id.get_mut(id) else {
            return self.reply(conn, msg, 481, "Call Leg/Transaction Does Not Exist", &[]);
        };
        let chat = conference.chat.clone();
        let mut copies = Vec::new();
        for (index, (name, participant)) in conference.participants.iter_mut().enumerate() {
            if name == user {
                continue;
            }
            let Some(dialog) = participant.chat.as_mut() else {
                continue;
            };
            let mut copy =
                dialog.request("MESSAGE", &server_name, &format!("{branch_seed}{index}"));
            let _ = copy.add_header("Contact", format!("<{chat}>"));
            let _ = copy.add_header("Ms-Sender", format!("<{user}>"));
            if let Some(content_type) = msg.header("Content-Type") {
                let _ = copy.add_header("Content-Type", content_type);
            }
            copy.set_body(msg.body().to_vec());
            copies.push((dialog.conn, copy));
        }
        let mut out = self.reply(conn, msg, 200, "OK", &[]);
        for (target, mut copy) in copies {
            self.sign(target, &mut copy);
            out.push(Outgoing {
                conn: target,
                message: copy,
            });
        }
        out
    }

    fn leave_conference(&mut self, id: &str, user: &str, now: SystemTime) -> Vec<Outgoing> {
        let Some(conference) = self.conferences.by_id.get_mut(id) else {
            return Vec::new();
        };
        if conference.participants.remove(user).is_none() {
            return Vec::new();
        }
        conference.left.insert(user.to_owned());
        self.conference_changed(id, now)
    }

    /// Everyone on a closed connection leaves their conferences.
    pub fn conference_connection_closed(&mut self, conn: ConnId, now: SystemTime) -> Vec<Outgoing> {
        let gone: Vec<(String, String)> = self
            .conferences
            .by_id
            .iter()
            .flat_map(|(id, c)| {
                c.participants
                    .iter()
                    .filter(|(_, p)| p.conn == conn)
                    .map(|(user, _)| (id.clone(), user.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut out = Vec::new();
        for (id, user) in gone {
            out.extend(self.leave_conference(&id, &user, now));
        }
        out
    }

    /// The conference-info document of the conference at `focus` (full state).
    pub fn conference_document(&mut self, focus: &str) -> Option<String> {
        let id = match conf_target(focus)? {
            ConfTarget::Focus(id) => id,
            _ => return None,
        };
        let conference = self.conferences.by_id.get_mut(&id)?;
        conference.version += 1;
        let name_of = |uri: &str| {
            self.accounts
                .get(uri)
                .and_then(|a| a.user.name.clone())
                .unwrap_or_else(|| uri.trim_start_matches("sip:").to_owned())
        };
        let mut out = format!(
            r#"<conference-info xmlns="{CONFERENCE_INFO_NS}" xmlns:msci="http://schemas.microsoft.com/rtc/2005/08/confinfoextensions" entity="{}" state="full" version="{}"><conference-description>{}<organizer><display-name>{}</display-name></organizer><conf-uris><entry><uri>{}</uri><display-text>chat</display-text><purpose>chat</purpose></entry></conf-uris></conference-description><users>"#,
            xml::escape(&conference.focus),
            conference.version,
            conference
                .subject
                .as_deref()
                .map(|s| format!("<subject>{}</subject>", xml::escape(s)))
                .unwrap_or_default(),
            xml::escape(&name_of(&conference.organizer)),
            xml::escape(&conference.chat)
        );
        for (user, participant) in &conference.participants {
            let role = if *user == conference.organizer {
                "presenter"
            } else {
                "attendee"
            };
            let _ = write!(
                out,
                r#"<user entity="{}" state="full"><display-text>{}</display-text><roles><entry>{role}</entry></roles>"#,
                xml::escape(user),
                xml::escape(&name_of(user))
            );
            if participant.in_focus {
                let _ = write!(
                    out,
                    r#"<endpoint entity="{}" session-type="focus"><status>connected</status></endpoint>"#,
                    xml::escape(&conference.focus)
                );
            }
            if participant.chat.is_some() {
                let _ = write!(
                    out,
                    r#"<endpoint entity="{}" session-type="chat"><status>connected</status></endpoint>"#,
                    xml::escape(&conference.chat)
                );
            }
            out.push_str("</user>");
        }
        for user in &conference.left {
            let _ = write!(
                out,
                r#"<user entity="{}" state="deleted"/>"#,
                xml::escape(user)
            );
        }
        let _ = write!(
            out,
            r#"</users><conference-view><entity-view entity="{}"><entity-state><media><entry><type>chat</type></entry></media><locked>false</locked></entity-state></entity-view></conference-view></conference-info>"#,
            xml::escape(&conference.chat)
        );
        Some(out)
    }

    /// Tells everyone watching the conference its new state.
    fn conference_changed(&mut self, id: &str, now: SystemTime) -> Vec<Outgoing> {
        let focus = self.conference_focus(id);
        let Some(document) = self.conference_document(&focus) else {
            return Vec::new();
        };
        self.notify_watchers_of(
            Package::Conference,
            &focus,
            CONFERENCE_INFO_CONTENT_TYPE,
            &document,
            now,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conference_uris_name_their_part() {
        let user = "sip:alice@contoso.test";
        assert_eq!(
            conf_target(&focus_factory_uri(user)),
            Some(ConfTarget::Factory)
        );
        assert_eq!(
            conf_target("<sip:alice@contoso.test;gruu;opaque=app:conf:focus:id:AB12>"),
            Some(ConfTarget::Focus("AB12".into()))
        );
        assert_eq!(
            conf_target("sip:alice@contoso.test;gruu;opaque=app:conf:chat:id:AB12"),
            Some(ConfTarget::Chat("AB12".into()))
        );
        assert_eq!(
            conf_target("sip:alice@contoso.test;opaque=user:epid:x;gruu"),
            None
        );
        assert_eq!(
            conf_target("sip:alice@contoso.test;gruu;opaque=app:conf:audio-video:id:1"),
            None
        );
    }

    #[test]
    fn cccp_requests_parse_and_answers_swap_ends() {
        let request = parse_cccp(
            r#"<?xml version="1.0"?><request xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" to="sip:f" from="sip:a" requestId="7"><addConference/></request>"#,
        )
        .unwrap();
        assert_eq!(request.operation, "addConference");
        let answer = cccp_response(&request, "success", "<addConference/>");
        assert!(
            answer
                .contains(r#"requestId="7" C3PVersion="1" from="sip:f" to="sip:a" code="success""#),
            "{answer}"
        );
        assert!(parse_cccp("<request/>").is_none());
    }
}

//! Presence: watching the contacts (batched subscription, category notifications) and
//! publishing our own state and note with the versions the server expects
//! (protocol.md §4; sipe-ocs2007.c).

use std::collections::{HashMap, HashSet};
use std::time::SystemTime;

use super::dialog::Dialog;
use super::events::{Event, LogLevel};
use super::session::Session;
use super::subscriptions::PRESENCE;
use super::transaction::Purpose;
use crate::im::html_to_text;
use crate::presence::publish::{
    NOTE_CONTAINERS, PUBLISH_CONTENT_TYPE, PublicationVersions, STATE_CONTAINERS,
    USER_STATE_INSTANCE, note_xml, state_xml,
};
use crate::presence::{
    Activity, ContactCard, ContactPresence, Note, NoteKind, Publication, PublishDocument, State,
    StateKind, Status, WrongDelta, categories, parse_notification,
};
use crate::sip::Message;

/// Instance of the machine (idle) state; one per endpoint.
const MACHINE_STATE_INSTANCE: u32 = 0x3000_0000;
/// How often a publish is retried after version faults.
const MAX_PUBLISH_ATTEMPTS: u32 = 3;

/// What the glue shows for a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactStatus {
    pub uri: String,
    /// A status type id of the protocol (see crate::status).
    pub status_id: &'static str,
    /// The note, or what the contact is doing when there is no note.
    pub message: Option<String>,
    pub idle: bool,
    /// Since when, if the server said (`lastActive`).
    pub idle_since: Option<SystemTime>,
    /// Name, title, phones… from the contact card, once known.
    pub card: Option<ContactCard>,
}

/// What we know about one contact's presence, merged across notifications.
#[derive(Debug, Clone, Default)]
pub(super) struct Known {
    state: Option<State>,
    note: Option<Note>,
    card: Option<ContactCard>,
}

/// Our own presence and what it takes to publish it.
#[derive(Debug, Default)]
pub(super) struct OwnPresence {
    pub versions: PublicationVersions,
    /// The last status the user chose, to publish again after a version fault.
    pub chosen: Option<(Status, Option<String>)>,
}

/// The status id to show: refined by activities Lync users see in their client.
fn shown_status(state: &State) -> &'static str {
    match (state.status(), &state.activity) {
        (Status::Busy | Status::BusyIdle, Some(Activity::InAMeeting)) => "in-a-meeting",
        (_, Some(Activity::OutOfOffice)) if state.status() != Status::Offline => "out-of-office",
        _ => state.status_id(),
    }
}

impl Known {
    fn merge(&mut self, update: ContactPresence) {
        if let Some(state) = update.state {
            self.state = Some(state);
        }
        if let Some(note) = update.note {
            self.note = note;
        }
        if let Some(card) = update.card {
            self.card = Some(card);
        }
    }

    fn status(&self, uri: &str) -> ContactStatus {
        let status_id = self.state.as_ref().map_or("offline", shown_status);
        let doing = self.state.as_ref().and_then(|s| {
            s.custom
                .clone()
                .or_else(|| s.activity.as_ref().map(|a| a.description().to_owned()))
        });
        ContactStatus {
            uri: uri.to_owned(),
            status_id,
            message: self.note.as_ref().map(|n| n.text.clone()).or(doing),
            idle: self.state.as_ref().is_some_and(is_idle),
            idle_since: self
                .state
                .as_ref()
                .filter(|s| is_idle(s))
                .and_then(|s| s.last_active),
            card: self.card.clone(),
        }
    }
}

/// Idle as Pidgin shows it: inactive or busy-idle, or away since a known time (the machine
/// went idle; pidgin-sipe shows these idle too).
fn is_idle(state: &State) -> bool {
    let status = state.status();
    status.is_idle() || (status == Status::Away && state.last_active.is_some())
}

impl Session {
    /// Subscribes to the presence of listed contacts not watched yet (one batch).
    pub(super) fn subscribe_new_contacts(&mut self) {
        let watched: HashSet<&String> = self
            .subscriptions
            .iter()
            .filter(|s| s.event == PRESENCE)
            .flat_map(|s| s.resources.iter())
            .collect();
        let new: Vec<String> = self
            .roster
            .contacts
            .keys()
            .filter(|uri| !watched.contains(uri))
            .cloned()
            .collect();
        if !new.is_empty() {
            self.log(
                LogLevel::Info,
                format!("subscribing to the presence of {} contacts", new.len()),
            );
            self.start_subscription(PRESENCE, new);
        }
    }

    /// Takes the body: it is freed once parsed, before thousands of statuses are queued
    /// (a 5,000-contact answer is ~6 MB; this lowers the sign-in's peak memory).
    pub(super) fn on_presence_body(&mut self, msg: &mut Message) {
        let content_type = msg
            .header("Content-Type")
            .unwrap_or("application/msrtc-event-categories+xml")
            .to_owned();
        let body = msg.take_body();
        let parsed = parse_notification(&content_type, &body);
        drop(body);
        let notification = match parsed {
            Ok(notification) => notification,
            Err(e) => {
                self.log(
                    LogLevel::Warning,
                    format!("unreadable presence notification: {e}"),
                );
                return;
            }
        };
        for update in notification.contacts {
            let uri = crate::roster::normalize_uri(&update.uri);
            let known = self.presence.entry(uri.clone()).or_default();
            known.merge(update);
            let status = known.status(&uri);
            if self.pending_info.remove(&uri) {
                self.event(Event::ContactInfo(status.clone()));
            }
            self.event(Event::Presence(status));
        }
    }

    /// roaming-self: our own publications, to publish with the right versions.
    pub(super) fn on_roaming_self_body(&mut self, body: &str) {
        match categories::parse_category_entries(body) {
            Ok((_, entries)) => self.own.versions.learn(&entries),
            Err(e) => self.log(
                LogLevel::Info,
                format!("roaming-self without categories: {e}"),
            ),
        }
    }

    /// The user chose a status (and note) in Pidgin.
    pub(super) fn set_status(&mut self, status_id: &str, message: Option<String>) {
        let Some(status) = Status::from_id(status_id) else {
            self.log(
                LogLevel::Warning,
                format!("unknown status {status_id:?} not published"),
            );
            return;
        };
        // Pidgin's status messages are HTML.
        let note = message
            .map(|m| html_to_text(&m))
            .filter(|m| !m.trim().is_empty());
        self.own.chosen = Some((status, note));
        if self.is_signed_in() {
            self.publish_chosen(1);
        }
    }

    /// Publishes the chosen status after sign-in (Pidgin sets it before we are online).
    pub(super) fn publish_after_sign_in(&mut self) {
        if self.own.chosen.is_none() {
            self.own.chosen = Some((Status::Available, None));
        }
        self.publish_chosen(1);
    }

    fn publish_chosen(&mut self, attempt: u32) {
        let Some((status, note)) = self.own.chosen.clone() else {
            return;
        };
        let versions = &self.own.versions;
        let mut publications = Vec::new();
        for container in STATE_CONTAINERS {
            publications.push(Publication::new(
                "state",
                USER_STATE_INSTANCE,
                container,
                versions.get("state", USER_STATE_INSTANCE, container),
                "static",
                state_xml(StateKind::User, status.availability(), None),
            ));
        }
        for container in NOTE_CONTAINERS {
            let version = versions.get("note", 0, container);
            publications.push(match &note {
                Some(text) => Publication::new(
                    "note",
                    0,
                    container,
                    version,
                    "static",
                    note_xml(Some(text), NoteKind::Personal),
                ),
                None => Publication::removal("note", 0, container, version),
            });
        }
        self.publish(
            PublishDocument {
                uri: self.config.settings.sip_address.uri(),
                publications,
            },
            attempt,
        );
    }

    /// Pidgin's idle detection: the machine state goes inactive or active again.
    pub(super) fn set_idle(&mut self, idle: bool) {
        if !self.is_signed_in() {
            return;
        }
        let availability = if idle {
            Status::Inactive
        } else {
            Status::Available
        }
        .availability();
        let version = self.own.versions.get("state", MACHINE_STATE_INSTANCE, 2);
        let publications = STATE_CONTAINERS
            .iter()
            .map(|container| {
                Publication::new(
                    "state",
                    MACHINE_STATE_INSTANCE,
                    *container,
                    self.own
                        .versions
                        .get("state", MACHINE_STATE_INSTANCE, *container)
                        .max(version),
                    "endpoint",
                    state_xml(StateKind::Machine, availability, None),
                )
            })
            .collect();
        self.publish(
            PublishDocument {
                uri: self.config.settings.sip_address.uri(),
                publications,
            },
            1,
        );
    }

    fn publish(&mut self, document: PublishDocument, attempt: u32) {
        let uri = self.config.settings.sip_address.uri();
        let mut dialog = Dialog::new(&mut *self.random, &uri);
        let built = self
            .dialog_request("SERVICE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Content-Type", PUBLISH_CONTENT_TYPE)?;
                msg.set_body(document.to_xml());
                Ok(msg)
            });
        match built {
            Ok(msg) => self.send_request(msg, Purpose::Publish(Box::new(document), attempt), true),
            Err(e) => self.log(LogLevel::Warning, format!("cannot publish presence: {e}")),
        }
    }

    pub(super) fn on_publish_response(
        &mut self,
        document: PublishDocument,
        attempt: u32,
        msg: &Message,
    ) {
        match msg.status_code().unwrap_or(0) {
            200..=299 => self.own.versions.accepted(&document),
            409 => {
                let fault = WrongDelta::parse(&String::from_utf8_lossy(msg.body()));
                match fault {
                    Some(fault) if attempt < MAX_PUBLISH_ATTEMPTS => {
                        self.log(
                            LogLevel::Info,
                            "presence versions were stale; publishing again".to_owned(),
                        );
                        self.own.versions.apply_fault(&document, &fault);
                        let republished = PublishDocument {
                            publications: document
                                .publications
                                .iter()
                                .map(|p| Publication {
                                    version: self.own.versions.get(
                                        &p.category,
                                        p.instance,
                                        p.container,
                                    ),
                                    ..p.clone()
                                })
                                .collect(),
                            ..document
                        };
                        self.publish(republished, attempt + 1);
                    }
                    _ => self.log(
                        LogLevel::Warning,
                        "the server refused our presence (409)".to_owned(),
                    ),
                }
            }
            code => self.log(
                LogLevel::Warning,
                format!("publishing presence failed: {code}"),
            ),
        }
    }

    /// Get Info: answers at once when the contact's card is known, else watches the
    /// contact's presence and answers when it arrives.
    pub(super) fn get_info(&mut self, uri: &str) {
        let uri = crate::roster::normalize_uri(uri);
        if let Some(known) = self.presence.get(&uri).filter(|k| k.card.is_some()) {
            let status = known.status(&uri);
            self.event(Event::ContactInfo(status));
            return;
        }
        self.pending_info.insert(uri.clone());
        let watched = self
            .subscriptions
            .iter()
            .any(|s| s.event == PRESENCE && s.resources.contains(&uri));
        if !watched {
            self.start_subscription(PRESENCE, vec![uri]);
        }
    }
}

/// Presence state of all contacts.
pub(super) type PresenceBook = HashMap<String, Known>;

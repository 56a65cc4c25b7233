//! Subscriptions to the server's event packages and the NOTIFYs they bring
//! (sipe-facts.md §3.7, protocol.md §4.3).

use std::time::Duration;

use super::dialog::Dialog;
use super::events::{Event, LogLevel};
use super::session::Session;
use super::timers::Timer;
use super::transaction::Purpose;
use crate::conference::{CONFERENCE_EVENT, CONFERENCE_INFO_CONTENT_TYPE};
use crate::presence::{self, BatchSubscribe};
use crate::roster::{self, RosterDocument};
use crate::sip::Message;

pub(super) const ROAMING_CONTACTS: &str = "vnd-microsoft-roaming-contacts";
pub(super) const ROAMING_SELF: &str = "vnd-microsoft-roaming-self";
pub(super) const PRESENCE: &str = "presence";
/// One-off query for the server's configuration (the focus factory, for chats).
pub(super) const PROVISIONING_V2: &str = "vnd-microsoft-provisioning-v2";
const PROVISIONING_V2_CONTENT_TYPE: &str = "application/vnd-microsoft-roaming-provisioning-v2+xml";
const PROVISIONING_V2_BODY: &str = concat!(
    r#"<provisioningGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist">"#,
    r#"<provisioningGroup name="ServerConfiguration"/><provisioningGroup name="meetingPolicy"/>"#,
    r#"<provisioningGroup name="persistentChatConfiguration"/><provisioningGroup name="ucPolicy"/>"#,
    "</provisioningGroupList>"
);
const ROAMING_SELF_CONTENT_TYPE: &str = "application/vnd-microsoft-roaming-self+xml";
const ROAMING_SELF_BODY: &str = r#"<roamingList xmlns="http://schemas.microsoft.com/2006/09/sip/roaming-self"><roaming type="categories"/><roaming type="containers"/><roaming type="subscribers"/></roamingList>"#;

/// One subscription dialog of ours.
#[derive(Debug)]
pub(super) struct Subscription {
    pub id: u32,
    pub event: String,
    pub dialog: Dialog,
    /// For presence: the contacts this (batched) subscription covers.
    pub resources: Vec<String>,
}

/// Renew this long before the server's expiry (pidgin-sipe: two minutes).
const RENEW_MARGIN: u32 = 120;

impl Session {
    /// After the first successful REGISTER: the subscriptions every session has, limited to
    /// the events the server said it allows.
    pub(super) fn subscribe_self(&mut self, allowed: &[String]) {
        for event in [ROAMING_CONTACTS, ROAMING_SELF, PROVISIONING_V2] {
            if allowed.is_empty() || allowed.iter().any(|a| a.eq_ignore_ascii_case(event)) {
                self.start_subscription(event, Vec::new());
            }
        }
    }

    pub(super) fn start_subscription(&mut self, event: &str, resources: Vec<String>) {
        let uri = self.config.settings.sip_address.uri();
        self.start_subscription_to(event, &uri, resources);
    }

    /// Subscribes to `event` of `target` (ourselves, or e.g. a conference focus).
    pub(super) fn start_subscription_to(
        &mut self,
        event: &str,
        target: &str,
        resources: Vec<String>,
    ) -> u32 {
        self.next_subscription += 1;
        let subscription = Subscription {
            id: self.next_subscription,
            event: event.to_owned(),
            dialog: Dialog::new(&mut *self.random, target),
            resources,
        };
        self.subscriptions.push(subscription);
        self.send_subscribe(self.next_subscription, false);
        self.next_subscription
    }

    /// Ends a subscription of ours (SUBSCRIBE with Expires: 0) and forgets it.
    pub(super) fn end_subscription(&mut self, id: u32) {
        self.timers.cancel(Timer::SubscriptionRefresh(id));
        self.send_subscribe(id, true);
        self.subscriptions.retain(|s| s.id != id);
    }

    fn send_subscribe(&mut self, id: u32, unsubscribe: bool) {
        let Some(index) = self.subscriptions.iter().position(|s| s.id == id) else {
            return;
        };
        let mut dialog = self.subscriptions[index].dialog.clone();
        let event = self.subscriptions[index].event.clone();
        let resources = self.subscriptions[index].resources.clone();
        let self_uri = self.config.settings.sip_address.uri();
        let built = self
            .dialog_request("SUBSCRIBE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Event", event.clone())?;
                match event.as_str() {
                    ROAMING_CONTACTS => {
                        msg.add_header("Accept", roster::CONTENT_TYPE)?;
                    }
                    ROAMING_SELF => {
                        msg.add_header("Accept", ROAMING_SELF_CONTENT_TYPE)?;
                        msg.add_header("Content-Type", ROAMING_SELF_CONTENT_TYPE)?;
                        msg.set_body(ROAMING_SELF_BODY);
                    }
                    PRESENCE => {
                        msg.add_header("Require", "adhoclist, categoryList")?;
                        msg.add_header("Supported", "eventlist")?;
                        msg.add_header("Accept", presence::subscribe::PRESENCE_ACCEPT)?;
                        msg.add_header(
                            "Content-Type",
                            presence::subscribe::BATCH_SUBSCRIBE_CONTENT_TYPE,
                        )?;
                        msg.set_body(BatchSubscribe::new(&self_uri, resources).to_xml());
                    }
                    PROVISIONING_V2 => {
                        msg.add_header("Accept", PROVISIONING_V2_CONTENT_TYPE)?;
                        msg.add_header("Expires", "0")?;
                        msg.add_header("Content-Type", PROVISIONING_V2_CONTENT_TYPE)?;
                        msg.set_body(PROVISIONING_V2_BODY);
                    }
                    CONFERENCE_EVENT => {
                        msg.add_header("Accept", CONFERENCE_INFO_CONTENT_TYPE)?;
                    }
                    _ => {}
                }
                if unsubscribe {
                    msg.add_header("Expires", "0")?;
                }
                msg.add_header("Supported", "com.microsoft.autoextend")?;
                msg.add_header("Supported", "ms-benotify")?;
                msg.add_header("Proxy-Require", "ms-benotify")?;
                msg.add_header("Supported", "ms-piggyback-first-notify")?;
                Ok(msg)
            });
        self.subscriptions[index].dialog = dialog;
        match built {
            Ok(msg) => self.send_request(msg, Purpose::Subscribe(id), true),
            Err(e) => self.log(
                LogLevel::Warning,
                format!("cannot subscribe to {event}: {e}"),
            ),
        }
    }

    pub(super) fn on_subscribe_response(&mut self, id: u32, msg: &mut Message) {
        let Some(index) = self.subscriptions.iter().position(|s| s.id == id) else {
            return;
        };
        let code = msg.status_code().unwrap_or(0);
        let event = self.subscriptions[index].event.clone();
        if code >= 300 {
            self.log(
                LogLevel::Warning,
                format!("subscription to {event} refused: {code}"),
            );
            self.subscriptions.remove(index);
            if event == CONFERENCE_EVENT {
                self.on_conference_subscription_lost(id);
            }
            return;
        }
        self.subscriptions[index].dialog.confirm(msg);
        let expires = msg.expires().ok().flatten().unwrap_or(0);
        if expires > 0 {
            let renew = if expires > 2 * RENEW_MARGIN {
                expires - RENEW_MARGIN
            } else {
                expires / 2
            };
            self.timers.set(
                Timer::SubscriptionRefresh(id),
                self.now + Duration::from_secs(u64::from(renew.max(1))),
            );
        }
        // ms-piggyback-first-notify: the first notification rides in the 200 OK.
        if !msg.body().is_empty() {
            self.on_event_body(&event, msg);
        }
        if event == PROVISIONING_V2 {
            // A one-off query: nothing to renew.
            self.timers.cancel(Timer::SubscriptionRefresh(id));
            self.subscriptions.retain(|s| s.id != id);
        }
    }

    pub(super) fn on_subscription_refresh(&mut self, id: u32) {
        self.send_subscribe(id, false);
    }

    /// NOTIFY or BENOTIFY from the server.
    pub(super) fn on_notify(&mut self, msg: &mut Message) {
        let benotify = msg
            .method()
            .is_some_and(|m| m.eq_ignore_ascii_case("BENOTIFY"));
        if !benotify {
            self.respond(msg, 200, "OK");
        }
        let Some(event) = msg
            .event()
            .ok()
            .flatten()
            .map(|e| e.package.to_ascii_lowercase())
        else {
            return;
        };
        let terminated = msg
            .subscription_state()
            .ok()
            .flatten()
            .is_some_and(|s| s.is_terminated());
        if !msg.body().is_empty() {
            self.on_event_body(&event, msg);
        }
        if terminated {
            let ended: Vec<u32> = self
                .subscriptions
                .iter()
                .filter(|s| s.event == event && s.dialog.matches_incoming(msg))
                .map(|s| s.id)
                .collect();
            for id in ended {
                if event == CONFERENCE_EVENT {
                    // The focus ended it: the conference is over for us.
                    self.subscriptions.retain(|s| s.id != id);
                    self.timers.cancel(Timer::SubscriptionRefresh(id));
                    self.on_conference_subscription_lost(id);
                    continue;
                }
                self.log(
                    LogLevel::Info,
                    format!("subscription to {event} ended by the server; renewing"),
                );
                let resources = self
                    .subscriptions
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.resources.clone())
                    .unwrap_or_default();
                self.subscriptions.retain(|s| s.id != id);
                self.timers.cancel(Timer::SubscriptionRefresh(id));
                self.start_subscription(&event, resources);
            }
        }
    }

    fn on_event_body(&mut self, event: &str, msg: &mut Message) {
        if event == PRESENCE {
            // Reads its parts itself; no need to check megabytes of UTF-8 twice.
            self.on_presence_body(msg);
            return;
        }
        let body = String::from_utf8_lossy(msg.body());
        match event {
            ROAMING_CONTACTS => match roster::parse(&body) {
                Ok(document) => {
                    // Lync 2013+ may announce a list kept in Exchange (UCS) with an empty list.
                    if let RosterDocument::Full(list) = &document {
                        self.log(
                            LogLevel::Info,
                            format!(
                                "contact list: {} groups, {} contacts",
                                list.groups.len(),
                                list.contacts.len()
                            ),
                        );
                    }
                    self.roster.apply(document);
                    self.event(Event::Roster(self.roster.clone()));
                    self.subscribe_new_contacts();
                }
                Err(e) => self.log(LogLevel::Warning, format!("unreadable contact list: {e}")),
            },
            ROAMING_SELF => self.on_roaming_self_body(&body),
            PROVISIONING_V2 => self.on_provisioning(&body),
            CONFERENCE_EVENT => self.on_conference_info(&body),
            other => self.log(LogLevel::Info, format!("ignoring {other} notification")),
        }
    }
}

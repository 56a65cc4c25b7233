//! SUBSCRIBE and the notifications that follow: the self-subscriptions a client makes after
//! REGISTER (roaming contacts, roaming self, provisioning) and presence subscriptions to
//! contacts. The first notification rides in the 200 OK when the client supports
//! `ms-piggyback-first-notify`; later ones go as BENOTIFY (or NOTIFY).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use purple_lync::presence::categories::{build_notification, categories_document, publish_time};
use purple_lync::presence::subscribe::BatchSubscribe;
use purple_lync::roster;
use purple_lync::sip::Message;
use purple_lync::xml;

use crate::core::{ConnId, Core, Outgoing};
use crate::dialog::{ServerDialog, address_of_record};
use crate::directory::{presence_categories, roaming_categories};

pub const ROAMING_CONTACTS: &str = "vnd-microsoft-roaming-contacts";
pub const ROAMING_SELF: &str = "vnd-microsoft-roaming-self";
pub const PROVISIONING_V2: &str = "vnd-microsoft-provisioning-v2";
pub const PRESENCE: &str = "presence";
pub const CONFERENCE: &str = "conference";
pub const ROAMING_SELF_CONTENT_TYPE: &str = "application/vnd-microsoft-roaming-self+xml";
pub const PROVISIONING_CONTENT_TYPE: &str = "application/vnd-microsoft-roaming-provisioning-v2+xml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    RoamingContacts,
    RoamingSelf,
    Presence,
    /// A conference's focus (`list_uri`).
    Conference,
}

impl Package {
    fn event(self) -> &'static str {
        match self {
            Package::RoamingContacts => ROAMING_CONTACTS,
            Package::RoamingSelf => ROAMING_SELF,
            Package::Presence => PRESENCE,
            Package::Conference => CONFERENCE,
        }
    }
}

#[derive(Debug)]
pub struct Subscription {
    pub package: Package,
    /// The subscriber's `sip:` URI.
    pub owner: String,
    pub dialog: ServerDialog,
    /// Presence: the contacts watched.
    pub resources: BTreeSet<String>,
    /// Presence: the list's URI (the subscriber's own, for a batch).
    pub list_uri: String,
    pub benotify: bool,
    pub expires_at: SystemTime,
    pub rlmi_version: u32,
}

/// Live subscriptions by (connection, Call-ID).
#[derive(Debug, Default)]
pub struct Subscriptions {
    pub by_dialog: HashMap<(ConnId, String), Subscription>,
}

impl Subscriptions {
    pub fn connection_closed(&mut self, conn: ConnId) {
        self.by_dialog.retain(|(c, _), _| *c != conn);
    }
}

fn unix_seconds(now: SystemTime) -> u64 {
    now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs()
}

fn supports(msg: &Message, option: &str) -> bool {
    msg.header_values("Supported")
        .any(|v| v.trim().eq_ignore_ascii_case(option))
}

/// Minimal provisioning: the user's focus factory (chats with more than two people are
/// conferences), no address book service (so clients search the directory over SIP), no
/// persistent chat.
fn provisioning_document(owner: &str) -> String {
    format!(
        concat!(
            r#"<provisionGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification">"#,
            r#"<provisionGroup name="ServerConfiguration"><focusFactoryUri>{}</focusFactoryUri><ucPC2PCAVEncryption>SupportEncryption</ucPC2PCAVEncryption><ucPortRangeEnabled>false</ucPortRangeEnabled></provisionGroup>"#,
            r#"<provisionGroup name="meetingPolicy"/>"#,
            r#"<provisionGroup name="persistentChatConfiguration"><propertyEntryList><property name="EnablePersistentChat">false</property></propertyEntryList></provisionGroup>"#,
            r#"<provisionGroup name="ucPolicy"/>"#,
            "</provisionGroupList>"
        ),
        xml::escape(&crate::conference::focus_factory_uri(owner))
    )
}

impl Core {
    pub fn handle_subscribe(
        &mut self,
        conn: ConnId,
        msg: &Message,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let Some(owner) = self.connections.get(&conn).and_then(|c| c.user.clone()) else {
            return self.reply(conn, msg, 403, "Forbidden", &[]);
        };
        let event = msg
            .event()
            .ok()
            .flatten()
            .map(|e| e.package.to_ascii_lowercase())
            .unwrap_or_default();
        let package = match event.as_str() {
            ROAMING_CONTACTS => Package::RoamingContacts,
            ROAMING_SELF => Package::RoamingSelf,
            PRESENCE => Package::Presence,
            CONFERENCE => Package::Conference,
            PROVISIONING_V2 => return self.provisioning(conn, msg, &owner),
            _ => return self.reply(conn, msg, 489, "Bad Event", &[]),
        };
        let self_directed = address_of_record(msg.request_uri().unwrap_or_default()) == owner;
        let others_allowed = matches!(package, Package::Presence | Package::Conference);
        if !others_allowed && !self_directed {
            return self.reply(conn, msg, 403, "Forbidden", &[]);
        }
        let call_id = msg.call_id().unwrap_or_default().to_owned();
        let key = (conn, call_id);
        let requested = msg.expires().ok().flatten();
        if requested == Some(0) {
            self.subscriptions.by_dialog.remove(&key);
            return self.reply(conn, msg, 200, "OK", &[("Expires", "0")]);
        }
        let granted = requested
            .unwrap_or(self.config.subscribe_expires)
            .min(self.config.subscribe_expires)
            .max(60);
        let mut dialog = match self.subscriptions.by_dialog.remove(&key) {
            Some(existing) => existing.dialog,
            None => {
                let tag = self.random_hex(5);
                let tls = self.connections.get(&conn).is_some_and(|c| c.tls);
                ServerDialog::answering(conn, tls, msg, &tag)
            }
        };
        let mut subscription = Subscription {
            package,
            owner: owner.clone(),
            dialog: dialog.clone(),
            resources: BTreeSet::new(),
            list_uri: match package {
                Package::Conference => msg.request_uri().unwrap_or_default().to_owned(),
                _ => address_of_record(msg.request_uri().unwrap_or_default()),
            },
            benotify: supports(msg, "ms-benotify"),
            expires_at: now + Duration::from_secs(u64::from(granted)),
            rlmi_version: 0,
        };
        let (content_type, body) = match package {
            Package::RoamingContacts => {
                let list = self
                    .directory
                    .users
                    .get(&owner)
                    .map(|u| u.roster.to_xml())
                    .unwrap_or_default();
                (roster::CONTENT_TYPE.to_owned(), list.into_bytes())
            }
            Package::RoamingSelf => (
                ROAMING_SELF_CONTENT_TYPE.to_owned(),
                self.roaming_self_document(&owner, None, true, now)
                    .into_bytes(),
            ),
            Package::Presence => {
                subscription.resources = self.presence_resources(msg, &subscription.list_uri);
                subscription.rlmi_version += 1;
                self.presence_body(&subscription, None, now)
            }
            Package::Conference => match self.conference_document(&subscription.list_uri) {
                Some(document) => (
                    crate::conference::CONFERENCE_INFO_CONTENT_TYPE.to_owned(),
                    document.into_bytes(),
                ),
                None => return self.reply(conn, msg, 404, "Not Found", &[]),
            },
        };
        let mut response = self.response_to(msg, 200, "OK");
        let _ = response.set_header("To", dialog.local.clone());
        let _ = response.add_header("Expires", granted.to_string());
        let _ = response.add_header("Event", package.event());
        let mut out = Vec::new();
        if supports(msg, "ms-piggyback-first-notify") {
            dialog.cseq += 1;
            let _ = response.add_header("ms-piggyback-cseq", dialog.cseq.to_string());
            let _ = response.add_header("Content-Type", content_type);
            response.set_body(body);
            self.sign(conn, &mut response);
            out.push(Outgoing {
                conn,
                message: response,
            });
            subscription.dialog = dialog;
            self.subscriptions.by_dialog.insert(key, subscription);
        } else {
            self.sign(conn, &mut response);
            out.push(Outgoing {
                conn,
                message: response,
            });
            subscription.dialog = dialog;
            self.subscriptions
                .by_dialog
                .insert(key.clone(), subscription);
            out.extend(self.notify(&key, &content_type, body, now));
        }
        out
    }

    /// One-off provisioning query (pidgin-sipe sends it with Expires: 0).
    fn provisioning(&mut self, conn: ConnId, msg: &Message, owner: &str) -> Vec<Outgoing> {
        let mut response = self.response_to(msg, 200, "OK");
        let _ = response.add_header("Expires", "0");
        let _ = response.add_header("Event", PROVISIONING_V2);
        let _ = response.add_header("ms-piggyback-cseq", "1");
        let _ = response.add_header("Content-Type", PROVISIONING_CONTENT_TYPE);
        response.set_body(provisioning_document(owner));
        self.sign(conn, &mut response);
        vec![Outgoing {
            conn,
            message: response,
        }]
    }

    /// The contacts a presence SUBSCRIBE asks for: its batchSub list, or its Request-URI.
    fn presence_resources(&self, msg: &Message, list_uri: &str) -> BTreeSet<String> {
        let body = String::from_utf8_lossy(msg.body());
        match BatchSubscribe::parse(&body) {
            Ok(batch) => batch
                .resources
                .iter()
                .map(|r| address_of_record(r))
                .collect(),
            Err(_) => BTreeSet::from([list_uri.to_owned()]),
        }
    }

    /// What a watcher sees of `uri` (a `<categories>` document).
    pub fn presence_document(&self, uri: &str, now: SystemTime) -> String {
        let time = publish_time(unix_seconds(now));
        let entries = match (self.accounts.get(uri), self.directory.users.get(uri)) {
            (Some(account), Some(data)) => {
                if account.user.echo {
                    // The bot is always there (unless configured otherwise).
                    let mut bot = account.user.clone();
                    bot.presence = bot.presence.or_else(|| Some("available".to_owned()));
                    presence_categories(&bot, data, false, &time)
                } else {
                    presence_categories(&account.user, data, self.is_signed_in(uri), &time)
                }
            }
            // Not one of ours: nothing to say about it.
            _ => Vec::new(),
        };
        categories_document(uri, &entries, &[])
    }

    /// A multipart/related presence body for `subscription`, about `only` or everyone.
    fn presence_body(
        &mut self,
        subscription: &Subscription,
        only: Option<&str>,
        now: SystemTime,
    ) -> (String, Vec<u8>) {
        let documents: Vec<(String, String)> = subscription
            .resources
            .iter()
            .filter(|uri| only.is_none_or(|o| o == uri.as_str()))
            .map(|uri| (uri.clone(), self.presence_document(uri, now)))
            .collect();
        let boundary = self.random_hex(16);
        build_notification(
            &subscription.list_uri,
            subscription.rlmi_version,
            &boundary,
            &documents,
        )
    }

    /// The roaming-self document: the owner's categories (those in `names`, or all), and on
    /// the first notification the containers and subscribers too.
    pub fn roaming_self_document(
        &self,
        owner: &str,
        names: Option<&[&str]>,
        full: bool,
        now: SystemTime,
    ) -> String {
        let time = publish_time(unix_seconds(now));
        let (entries, cleared) = match self.directory.users.get(owner) {
            Some(data) => roaming_categories(data, names, &time),
            None => (Vec::new(), Vec::new()),
        };
        let mut out = format!(
            r#"<roamingData xmlns="http://schemas.microsoft.com/2006/09/sip/roaming-self" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{}"#,
            categories_document(owner, &entries, &cleared)
        );
        if full {
            // Colleagues see the Company level, federated users the Public one.
            out.push_str(concat!(
                r#"<containers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management">"#,
                r#"<container id="100" version="1"><member type="federated"/></container>"#,
                r#"<container id="200" version="1"><member type="sameEnterprise"/></container>"#,
                "</containers>"
            ));
            out.push_str(
                r#"<subscribers xmlns="http://schemas.microsoft.com/2006/09/sip/presence-subscribers">"#,
            );
            for watcher in self.watchers_of(owner) {
                let name = self
                    .accounts
                    .get(&watcher)
                    .and_then(|a| a.user.name.clone())
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    r#"<subscriber user="{}" displayName="{}" acknowledged="true" type="sameEnterprise"/>"#,
                    xml::escape(watcher.trim_start_matches("sip:")),
                    xml::escape(&name)
                );
            }
            out.push_str("</subscribers>");
        }
        out.push_str("</roamingData>");
        out
    }

    /// Who watches `uri`'s presence (other than `uri` itself).
    fn watchers_of(&self, uri: &str) -> BTreeSet<String> {
        self.subscriptions
            .by_dialog
            .values()
            .filter(|s| s.package == Package::Presence && s.resources.contains(uri))
            .map(|s| s.owner.clone())
            .filter(|owner| owner != uri)
            .collect()
    }

    /// A notification in subscription `key` (BENOTIFY when the subscriber supports it).
    fn notify(
        &mut self,
        key: &(ConnId, String),
        content_type: &str,
        body: Vec<u8>,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let branch = self.random_hex(8);
        let server_name = self.server_name.clone();
        let Some(subscription) = self.subscriptions.by_dialog.get_mut(key) else {
            return Vec::new();
        };
        let method = if subscription.benotify {
            "BENOTIFY"
        } else {
            "NOTIFY"
        };
        let mut message = subscription.dialog.request(method, &server_name, &branch);
        let remaining = subscription
            .expires_at
            .duration_since(now)
            .unwrap_or_default()
            .as_secs();
        let _ = message.add_header("Event", subscription.package.event());
        let _ = message.add_header("Subscription-State", format!("active;expires={remaining}"));
        let _ = message.add_header("Content-Type", content_type);
        message.set_body(body);
        let conn = subscription.dialog.conn;
        self.sign(conn, &mut message);
        vec![Outgoing { conn, message }]
    }

    /// Tells everyone watching `uri` what they now see of it.
    pub fn presence_changed(&mut self, uri: &str, now: SystemTime) -> Vec<Outgoing> {
        let keys: Vec<(ConnId, String)> = self
            .subscriptions
            .by_dialog
            .iter()
            .filter(|(_, s)| s.package == Package::Presence && s.resources.contains(uri))
            .map(|(k, _)| k.clone())
            .collect();
        let mut out = Vec::new();
        for key in keys {
            let Some(mut subscription) = self.subscriptions.by_dialog.remove(&key) else {
                continue;
            };
            subscription.rlmi_version += 1;
            let (content_type, body) = self.presence_body(&subscription, Some(uri), now);
            self.subscriptions
                .by_dialog
                .insert(key.clone(), subscription);
            out.extend(self.notify(&key, &content_type, body, now));
        }
        out
    }

    /// Tells the owner's own endpoints about their publications in categories `names`.
    pub fn roaming_self_changed(
        &mut self,
        owner: &str,
        names: &[&str],
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let document = self.roaming_self_document(owner, Some(names), false, now);
        self.notify_owner(
            owner,
            Package::RoamingSelf,
            ROAMING_SELF_CONTENT_TYPE,
            &document,
            now,
        )
    }

    /// Sends `document` in every `package` subscription to `list_uri` (e.g. a focus).
    pub fn notify_watchers_of(
        &mut self,
        package: Package,
        list_uri: &str,
        content_type: &str,
        document: &str,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        self.notify_each(
            |s| s.package == package && s.list_uri == list_uri,
            content_type,
            document,
            now,
        )
    }

    /// Sends `document` in every `package` subscription of `owner`.
    pub fn notify_owner(
        &mut self,
        owner: &str,
        package: Package,
        content_type: &str,
        document: &str,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        self.notify_each(
            |s| s.package == package && s.owner == owner,
            content_type,
            document,
            now,
        )
    }

    /// Sends `document` in every subscription that `wanted` picks.
    fn notify_each(
        &mut self,
        wanted: impl Fn(&Subscription) -> bool,
        content_type: &str,
        document: &str,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let keys: Vec<(ConnId, String)> = self
            .subscriptions
            .by_dialog
            .iter()
            .filter(|(_, s)| wanted(s))
            .map(|(k, _)| k.clone())
            .collect();
        let mut out = Vec::new();
        for key in keys {
            out.extend(self.notify(&key, content_type, document.as_bytes().to_vec(), now));
        }
        out
    }
}

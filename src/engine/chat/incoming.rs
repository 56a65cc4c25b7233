//! What arrives for chats: invitations, the focus's conference-info, the chat MCU's
//! messages (the sender in `Ms-Sender`), BYEs, and the provisioning that names the focus
//! factory.

use std::collections::BTreeSet;

use super::{Chat, ChatEvent, ChatId};
use crate::conference::{self, ConferenceInfo, INVITATION_CONTENT_TYPE};
use crate::engine::events::LogLevel;
use crate::engine::ids;
use crate::engine::im::{incoming_html, key};
use crate::engine::session::Session;
use crate::sip::{Message, NameAddr};

/// Which of a chat's dialogs a request came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Focus,
    Mcu,
}

fn is_invitation(msg: &Message) -> bool {
    msg.header("Content-Type").is_some_and(|t| {
        t.trim()
            .to_ascii_lowercase()
            .starts_with(INVITATION_CONTENT_TYPE)
    })
}

fn same_call(dialog: Option<&crate::engine::dialog::Dialog>, call_id: &str) -> bool {
    dialog.is_some_and(|d| d.call_id == call_id)
}

impl Session {
    /// Handles the requests that belong to chats; false for everything else.
    pub(in crate::engine) fn on_chat_request(&mut self, method: &str, msg: &Message) -> bool {
        if method == "INVITE" && is_invitation(msg) {
            self.on_invitation(msg);
            return true;
        }
        let Ok(call_id) = msg.call_id() else {
            return false;
        };
        let found = self.chats.by_id.iter().find_map(|(id, chat)| {
            if same_call(chat.mcu_dialog.as_ref(), call_id) {
                Some((*id, Part::Mcu, chat.mcu_dialog.clone()?))
            } else if same_call(chat.focus_dialog.as_ref(), call_id) {
                Some((*id, Part::Focus, chat.focus_dialog.clone()?))
            } else {
                None
            }
        });
        let Some((chat, part, dialog)) = found else {
            return false;
        };
        match method {
            "MESSAGE" if part == Part::Mcu => {
                self.respond_with(msg, 200, "OK", &dialog.local_tag, &[], None);
                self.on_chat_message(chat, msg);
            }
            "INFO" => self.respond_with(msg, 200, "OK", &dialog.local_tag, &[], None),
            "BYE" => {
                self.respond_with(msg, 200, "OK", &dialog.local_tag, &[], None);
                // That dialog is over: no BYE back.
                if let Some(state) = self.chats.by_id.get_mut(&chat) {
                    match part {
                        Part::Mcu => state.mcu_joined = false,
                        Part::Focus => state.focus_joined = false,
                    }
                }
                self.chat_failed(chat, "the server ended the conference");
            }
            _ => self.respond_with(
                msg,
                488,
                "Not Acceptable Here",
                &dialog.local_tag,
                &[],
                None,
            ),
        }
        true
    }

    fn on_chat_message(&mut self, chat: ChatId, msg: &Message) {
        // The MCU is the From; the person who wrote is in Ms-Sender.
        let sender = msg
            .header("Ms-Sender")
            .and_then(|value| NameAddr::parse(value).ok())
            .map(|address| address.uri)
            .or_else(|| msg.from().ok().map(|from| from.uri.clone()))
            .map(|uri| key(&uri))
            .unwrap_or_default();
        let content_type = msg.header("Content-Type").unwrap_or("text/plain");
        match incoming_html(content_type, msg.body()) {
            Some(html) => self.chat_event(ChatEvent::Message {
                chat,
                from: sender,
                html,
            }),
            None => self.log(
                LogLevel::Info,
                format!("chat {chat}: ignoring a {content_type} message from {sender}"),
            ),
        }
    }

    /// Someone invites us into a conference. The INVITE only carries the invitation, so it
    /// is answered at once; whether to join is the user's choice, asked through the glue.
    fn on_invitation(&mut self, msg: &Message) {
        let invitation = conference::parse_invitation(&String::from_utf8_lossy(msg.body()))
            .filter(|i| conference::is_focus_uri(&i.focus_uri));
        let Some(invitation) = invitation else {
            self.respond(msg, 400, "Bad Request");
            return;
        };
        let inviter = msg.from().ok().map(|from| key(&from.uri));
        let local_tag = ids::new_tag(&mut *self.random);
        let contact = vec![("Contact", self.contact_value())];
        self.respond_with(msg, 200, "OK", &local_tag, &contact, None);
        self.log(
            LogLevel::Info,
            format!(
                "{} invites us to {}",
                inviter.as_deref().unwrap_or("someone"),
                invitation.focus_uri
            ),
        );
        if self.chats.by_focus(&invitation.focus_uri).is_some() {
            return;
        }
        self.chat_event(ChatEvent::Invited {
            focus: invitation.focus_uri,
            inviter,
        });
    }

    /// A conference-info document from a focus we watch: the roster, and the chat MCU.
    pub(in crate::engine) fn on_conference_info(&mut self, body: &str) {
        let Some(info) = ConferenceInfo::parse(body) else {
            self.log(LogLevel::Warning, "unreadable conference-info".to_owned());
            return;
        };
        let Some(chat) = self.chats.by_focus(&info.entity) else {
            self.log(
                LogLevel::Info,
                format!("conference-info of {}, which we are not in", info.entity),
            );
            return;
        };
        let self_key = self.self_key();
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            return;
        };
        let mut events = Vec::new();
        let first = !state.open;
        if first {
            state.open = true;
            // The server's subject; else the one we created the conference with.
            if let Some(subject) = info.subject.clone().filter(|s| !s.trim().is_empty()) {
                state.subject = Some(subject);
            }
            events.push(ChatEvent::Joined {
                chat,
                focus: state.focus.clone().unwrap_or_default(),
                me: self_key.clone(),
                subject: state.subject.clone(),
                inviter: state.inviter.clone(),
            });
        }
        events.extend(roster_changes(chat, state, &info, first, &self_key));
        let mcu = match (&state.mcu_dialog, &info.chat_uri) {
            (None, Some(uri)) => Some(uri.clone()),
            _ => None,
        };
        let invitees: Vec<String> = std::mem::take(&mut state.invitees)
            .into_iter()
            .filter(|who| !state.members.contains(who))
            .collect();
        for event in events {
            self.chat_event(event);
        }
        if let Some(mcu) = mcu {
            self.join_mcu(chat, &mcu);
        }
        for who in invitees {
            self.send_invitation(chat, &who);
        }
    }

    /// The focus refused or ended our subscription: the chat is over for us.
    pub(in crate::engine) fn on_conference_subscription_lost(&mut self, subscription: u32) {
        let chat = self
            .chats
            .by_id
            .iter()
            .find(|(_, c)| c.subscription == Some(subscription))
            .map(|(id, _)| *id);
        if let Some(chat) = chat {
            if let Some(state) = self.chats.by_id.get_mut(&chat) {
                state.subscription = None;
            }
            self.chat_failed(chat, "the conference ended");
        }
    }

    /// The provisioning answer: where conferences (chats of more than two) are made.
    pub(in crate::engine) fn on_provisioning(&mut self, body: &str) {
        self.chats.focus_factory = conference::focus_factory_from_provisioning(body);
        let text = match &self.chats.focus_factory {
            Some(factory) => format!("conferencing: focus factory {factory}"),
            None => "conferencing: none provisioned (no chats of more than two)".to_owned(),
        };
        self.log(LogLevel::Info, text);
    }
}

/// Who joined and left the chat's MCU according to `info`; updates the members.
fn roster_changes(
    chat: ChatId,
    state: &mut Chat,
    info: &ConferenceInfo,
    first: bool,
    self_key: &str,
) -> Vec<ChatEvent> {
    let mut events = Vec::new();
    let mut present = BTreeSet::new();
    for user in &info.users {
        let uri = key(&user.uri);
        if user.deleted || !user.in_chat {
            if state.members.remove(&uri) {
                events.push(ChatEvent::MemberLeft { chat, uri });
            }
            continue;
        }
        present.insert(uri.clone());
        if state.members.insert(uri.clone()) {
            events.push(ChatEvent::MemberJoined {
                chat,
                announce: !first && uri != self_key,
                uri,
                leader: user.presenter,
            });
        }
    }
    if info.full {
        // A full document lists everyone: whoever it leaves out is gone.
        let gone: Vec<String> = state.members.difference(&present).cloned().collect();
        for uri in gone {
            state.members.remove(&uri);
            events.push(ChatEvent::MemberLeft { chat, uri });
        }
    }
    events
}

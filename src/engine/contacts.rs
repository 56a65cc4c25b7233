//! Contact-list edits the user makes in Pidgin, sent to the server as SOAP in SIP SERVICE
//! requests (sip-soap.c in pidgin-sipe). The server answers with a contactDelta NOTIFY, which
//! updates our copy of the list; Pidgin then shows the server's truth.

use super::dialog::Dialog;
use super::events::LogLevel;
use super::session::Session;
use super::transaction::Purpose;
use crate::roster::{self, OTHER_CONTACTS, RosterEdit};
use crate::sip::Message;

/// A change the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactCommand {
    /// Adds `uri` to `group` (created when missing), keeping its other groups.
    Add {
        uri: String,
        group: String,
        alias: Option<String>,
    },
    /// Removes `uri` from `group`; from the list when it was its last group.
    Remove {
        uri: String,
        group: String,
    },
    Move {
        uri: String,
        from: String,
        to: String,
    },
    Alias {
        uri: String,
        alias: Option<String>,
    },
    AddGroup {
        name: String,
    },
    RenameGroup {
        from: String,
        to: String,
    },
    RemoveGroup {
        name: String,
    },
}

/// An edit waiting for a group the server has not created yet.
#[derive(Debug, Clone)]
pub(super) struct WaitingForGroup {
    pub group: String,
    pub command: ContactCommand,
}

impl Session {
    pub(super) fn contact_command(&mut self, command: ContactCommand) {
        if !self.is_signed_in() {
            self.log(
                LogLevel::Warning,
                format!("not signed in; contact change dropped: {command:?}"),
            );
            return;
        }
        match command.clone() {
            ContactCommand::Add { uri, group, alias } => {
                let Some(group_id) = self.group_id_or_create(&group, &command) else {
                    return;
                };
                let uri = roster::normalize_uri(&uri);
                let mut groups = self
                    .roster
                    .contacts
                    .get(&uri)
                    .map(|c| c.groups.clone())
                    .unwrap_or_default();
                if !groups.contains(&group_id) {
                    groups.push(group_id);
                }
                let name =
                    alias.or_else(|| self.roster.contacts.get(&uri).and_then(|c| c.name.clone()));
                self.send_roster_edit(RosterEdit::SetContact { uri, name, groups });
            }
            ContactCommand::Remove { uri, group } => {
                let uri = roster::normalize_uri(&uri);
                let Some(contact) = self.roster.contacts.get(&uri).cloned() else {
                    return;
                };
                let group_id = self.roster.group_by_name(&group).map(|g| g.id);
                let remaining: Vec<u32> = contact
                    .groups
                    .iter()
                    .copied()
                    .filter(|g| Some(*g) != group_id)
                    .collect();
                if remaining.is_empty() {
                    self.send_roster_edit(RosterEdit::DeleteContact { uri });
                } else {
                    self.send_roster_edit(RosterEdit::SetContact {
                        uri,
                        name: contact.name,
                        groups: remaining,
                    });
                }
            }
            ContactCommand::Move { uri, from, to } => {
                let Some(to_id) = self.group_id_or_create(&to, &command) else {
                    return;
                };
                let uri = roster::normalize_uri(&uri);
                let contact = self.roster.contacts.get(&uri).cloned();
                let from_id = self.roster.group_by_name(&from).map(|g| g.id);
                let mut groups: Vec<u32> = contact
                    .as_ref()
                    .map(|c| {
                        c.groups
                            .iter()
                            .copied()
                            .filter(|g| Some(*g) != from_id)
                            .collect()
                    })
                    .unwrap_or_default();
                if !groups.contains(&to_id) {
                    groups.push(to_id);
                }
                let name = contact.and_then(|c| c.name);
                self.send_roster_edit(RosterEdit::SetContact { uri, name, groups });
            }
            ContactCommand::Alias { uri, alias } => {
                let uri = roster::normalize_uri(&uri);
                if let Some(contact) = self.roster.contacts.get(&uri).cloned() {
                    self.send_roster_edit(RosterEdit::SetContact {
                        uri,
                        name: alias,
                        groups: contact.groups,
                    });
                }
            }
            ContactCommand::AddGroup { name } => {
                if self.roster.group_by_name(&name).is_none() {
                    self.send_roster_edit(RosterEdit::AddGroup { name });
                }
            }
            ContactCommand::RenameGroup { from, to } => {
                if let Some(id) = self.roster.group_by_name(&from).map(|g| g.id) {
                    self.send_roster_edit(RosterEdit::ModifyGroup { id, name: to });
                }
            }
            ContactCommand::RemoveGroup { name } => {
                // "Other Contacts" is where contacts without a group live; Lync keeps it.
                if name == OTHER_CONTACTS {
                    return;
                }
                if let Some(id) = self.roster.group_by_name(&name).map(|g| g.id) {
                    self.send_roster_edit(RosterEdit::DeleteGroup { id });
                }
            }
        }
    }

    /// The id of `group`, or None after asking the server to create it (the command runs
    /// again when the server says which id it got).
    fn group_id_or_create(&mut self, group: &str, command: &ContactCommand) -> Option<u32> {
        if let Some(g) = self.roster.group_by_name(group) {
            return Some(g.id);
        }
        let already_asked = self.waiting_for_groups.iter().any(|w| w.group == group);
        self.waiting_for_groups.push(WaitingForGroup {
            group: group.to_owned(),
            command: command.clone(),
        });
        if !already_asked {
            self.send_roster_edit(RosterEdit::AddGroup {
                name: group.to_owned(),
            });
        }
        None
    }

    fn send_roster_edit(&mut self, edit: RosterEdit) {
        let delta = self.roster.delta_num;
        // Each edit carries the next delta number (pidgin-sipe counts up locally).
        self.roster.delta_num = self.roster.delta_num.wrapping_add(1);
        let purpose = match &edit {
            RosterEdit::AddGroup { name } => Purpose::AddGroup(name.clone()),
            _ => Purpose::RosterEdit,
        };
        let uri = self.config.settings.sip_address.uri();
        let mut dialog = Dialog::new(&mut *self.random, &uri);
        let built = self
            .dialog_request("SERVICE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Content-Type", roster::SOAP_CONTENT_TYPE)?;
                msg.set_body(edit.to_soap(delta));
                Ok(msg)
            });
        match built {
            Ok(msg) => self.send_request(msg, purpose, true),
            Err(e) => self.log(
                LogLevel::Warning,
                format!("cannot send contact change: {e}"),
            ),
        }
    }

    pub(super) fn on_roster_edit_response(&mut self, msg: &Message) {
        let code = msg.status_code().unwrap_or(0);
        if code >= 300 {
            self.log(
                LogLevel::Warning,
                format!("the server refused a contact list change: {code}"),
            );
        }
    }

    pub(super) fn on_add_group_response(&mut self, name: &str, msg: &Message) {
        let id = (msg.status_code() == Some(200))
            .then(|| roster::added_group_id(&String::from_utf8_lossy(msg.body())))
            .flatten();
        let waiting: Vec<WaitingForGroup> = {
            let (mine, others): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting_for_groups)
                .into_iter()
                .partition(|w| w.group == name);
            self.waiting_for_groups = others;
            mine
        };
        let Some(id) = id else {
            self.log(
                LogLevel::Warning,
                format!("the server did not create group {name:?}"),
            );
            return;
        };
        // Known now, even before the contactDelta arrives.
        self.roster.groups.insert(
            id,
            roster::Group {
                id,
                name: name.to_owned(),
            },
        );
        for waiting in waiting {
            self.contact_command(waiting.command);
        }
    }
}

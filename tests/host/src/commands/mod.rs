//! Command dispatch: one JSON object per stdin line, one reply per command that has an id.
//!
//! Replies: a command with an `"id"` gets exactly one `{"event":"ok","id":…,…data}` or
//! `{"event":"error","id":…,"cmd":…,"message":…}`. Without an id, data-returning commands
//! emit their named event (`protocols`, `buddies`, `account_state`) and failures emit an
//! `error` event; other successes are silent.

mod accounts;
mod blist;
mod chats;
mod conversations;
mod protocols;

pub use protocols::scan_plugin_dirs;

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::{Map, Value, json};

use crate::ops::{self, request};
use crate::protocol::{self, Command};

/// What a successful command produced.
pub enum Outcome {
    /// Nothing to report beyond "ok".
    Done,
    /// Data, reported as the named event (or inside the ok reply when the command had an id).
    Data(&'static str, Value),
    /// `quit`: reply first, then shut down.
    Quit,
}

/// Runs one command line. Never panics: a panic inside a command is reported as its error.
pub fn run_line(line: &str) {
    let command = match Command::parse(line) {
        Ok(command) => command,
        Err(message) => return protocol::emit_error(&message),
    };
    let id = command.id().cloned();
    let name = command
        .opt_str("cmd")
        .ok()
        .flatten()
        .unwrap_or_default()
        .to_owned();
    let outcome =
        catch_unwind(AssertUnwindSafe(|| run(&name, &command))).unwrap_or_else(|payload| {
            Err(format!(
                "host panicked: {}",
                ops::panic_message(payload.as_ref())
            ))
        });
    match outcome {
        Ok(Outcome::Done) => reply_ok(id, Value::Null),
        Ok(Outcome::Data(event, data)) => match id {
            Some(_) => reply_ok(id, data),
            None => protocol::emit_event(event, data),
        },
        Ok(Outcome::Quit) => {
            reply_ok(id, Value::Null);
            crate::quit();
        }
        Err(message) => {
            let mut error = json!({"cmd": name, "message": message});
            if let Some(id) = id {
                error["id"] = id;
            }
            protocol::emit_event("error", error);
        }
    }
}

fn reply_ok(id: Option<Value>, data: Value) {
    let Some(id) = id else { return };
    let mut reply = Map::new();
    reply.insert("id".into(), id);
    if let Value::Object(data) = data {
        reply.extend(data);
    }
    protocol::emit_event("ok", Value::Object(reply));
}

fn run(name: &str, command: &Command) -> Result<Outcome, String> {
    match name {
        "protocols" => protocols::list(),
        "add_account" => accounts::add(command),
        "connect" => accounts::connect(command),
        "disconnect" => accounts::disconnect(command),
        "set_status" => accounts::set_status(command),
        "set_auto_reconnect" => accounts::set_auto_reconnect(command),
        "set_idle" => accounts::set_idle(command),
        "account_state" => accounts::state(command),
        "account_setting" => accounts::setting(command),
        "answer" => request::answer(command).map(|_| Outcome::Done),
        "send_im" => conversations::send_im(command),
        "typing" => conversations::typing(command),
        "close_conversation" => conversations::close(command),
        "get_info" => conversations::get_info(command),
        "add_buddy" => blist::add_buddy(command),
        "remove_buddy" => blist::remove_buddy(command),
        "move_buddy" => blist::move_buddy(command),
        "alias_buddy" => blist::alias_buddy(command),
        "block" => blist::block(command),
        "rename_group" => blist::rename_group(command),
        "remove_group" => blist::remove_group(command),
        "buddies" => blist::list(command),
        "buddy_count" => blist::count(command),
        "buddy_action" => chats::buddy_action(command),
        "account_action" => chats::account_action(command),
        "chat_send" => chats::chat_send(command),
        "chat_members" => chats::chat_members(command),
        "chat_invite" => chats::chat_invite(command),
        "join_chat" => chats::join_chat(command),
        "leave_chat" => chats::leave_chat(command),
        "dns" => ops::dns::set_table(command),
        "quit" => Ok(Outcome::Quit),
        "" => Err("missing string field \"cmd\"".into()),
        other => Err(format!("unknown command \"{other}\"")),
    }
}

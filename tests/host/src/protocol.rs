//! The JSON-lines protocol: writing events to the test, reading command arguments, and the
//! symbolic names the events use for libpurple's numeric codes.

use std::cell::RefCell;
use std::fs::File;
use std::io::Write;
use std::os::fd::{FromRawFd, OwnedFd};

use serde_json::{Map, Value, json};

use crate::ffi;

thread_local! {
    /// The real stdout, kept private: fd 1 itself is pointed at stderr so that stray
    /// `printf`/`g_print` output from C code cannot corrupt the event stream.
    static EVENTS_OUT: RefCell<Option<File>> = const { RefCell::new(None) };
}

#[cfg(test)]
thread_local! {
    /// Unit tests read back what would have been printed.
    static EMITTED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Everything emitted on this thread since the last call (unit tests only).
#[cfg(test)]
pub fn take_emitted() -> Vec<Value> {
    EMITTED.with(|emitted| std::mem::take(&mut *emitted.borrow_mut()))
}

/// Takes over stdout for events and sends everything else written to fd 1 to stderr.
pub fn claim_stdout() -> std::io::Result<()> {
    // SAFETY: plain descriptor juggling on fds this process owns; the duplicate is owned
    // exactly once, by the File.
    unsafe {
        let events_fd = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
        if events_fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let file = File::from(OwnedFd::from_raw_fd(events_fd));
        if libc::dup2(2, 1) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        EVENTS_OUT.with(|out| *out.borrow_mut() = Some(file));
    }
    Ok(())
}

/// Writes one event as one line, in a single write so it is never interleaved or buffered.
///
/// A failed write means the test has gone away; output stops, and the EOF on stdin that
/// follows shuts the host down.
pub fn emit(event: Value) {
    #[cfg(test)]
    EMITTED.with(|emitted| emitted.borrow_mut().push(event.clone()));
    let mut line = event.to_string();
    line.push('\n');
    EVENTS_OUT.with(|out| {
        let Ok(mut out) = out.try_borrow_mut() else {
            return;
        };
        if let Some(file) = out.as_mut()
            && file.write_all(line.as_bytes()).is_err()
        {
            *out = None;
        }
    });
}

/// Emits `{"event": name, ...fields}`; `fields` must be a JSON object.
pub fn emit_event(name: &str, fields: Value) {
    let mut object = Map::new();
    object.insert("event".into(), Value::String(name.into()));
    if let Value::Object(fields) = fields {
        object.extend(fields);
    }
    emit(Value::Object(object));
}

/// Emits an error not tied to a command (bad input line, a caught panic…).
pub fn emit_error(message: &str) {
    emit(json!({"event": "error", "message": message}));
}

/// A command line from the test, with typed accessors that produce readable errors.
pub struct Command {
    fields: Map<String, Value>,
}

impl Command {
    pub fn parse(line: &str) -> Result<Self, String> {
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(fields)) => Ok(Self { fields }),
            Ok(_) => Err("a command must be a JSON object".into()),
            Err(err) => Err(format!("malformed JSON: {err}")),
        }
    }

    pub fn id(&self) -> Option<&Value> {
        self.fields.get("id")
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.get(key).filter(|value| !value.is_null())
    }

    pub fn str(&self, key: &str) -> Result<&str, String> {
        self.opt_str(key)?
            .ok_or_else(|| format!("missing string field \"{key}\""))
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<&str>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(format!("field \"{key}\" must be a string")),
        }
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(_) => Err(format!("field \"{key}\" must be a boolean")),
        }
    }

    pub fn opt_u64(&self, key: &str) -> Result<Option<u64>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("field \"{key}\" must be a non-negative integer")),
        }
    }

    pub fn opt_i64(&self, key: &str) -> Result<Option<i64>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_i64()
                .map(Some)
                .ok_or_else(|| format!("field \"{key}\" must be an integer")),
        }
    }
}

/// `PURPLE_CONNECTION_ERROR_*` without the prefix.
pub fn connection_error_name(reason: ffi::PurpleConnectionError) -> &'static str {
    match reason {
        ffi::PURPLE_CONNECTION_ERROR_NETWORK_ERROR => "NETWORK_ERROR",
        ffi::PURPLE_CONNECTION_ERROR_INVALID_USERNAME => "INVALID_USERNAME",
        ffi::PURPLE_CONNECTION_ERROR_AUTHENTICATION_FAILED => "AUTHENTICATION_FAILED",
        ffi::PURPLE_CONNECTION_ERROR_AUTHENTICATION_IMPOSSIBLE => "AUTHENTICATION_IMPOSSIBLE",
        ffi::PURPLE_CONNECTION_ERROR_NO_SSL_SUPPORT => "NO_SSL_SUPPORT",
        ffi::PURPLE_CONNECTION_ERROR_ENCRYPTION_ERROR => "ENCRYPTION_ERROR",
        ffi::PURPLE_CONNECTION_ERROR_NAME_IN_USE => "NAME_IN_USE",
        ffi::PURPLE_CONNECTION_ERROR_INVALID_SETTINGS => "INVALID_SETTINGS",
        ffi::PURPLE_CONNECTION_ERROR_CERT_NOT_PROVIDED => "CERT_NOT_PROVIDED",
        ffi::PURPLE_CONNECTION_ERROR_CERT_UNTRUSTED => "CERT_UNTRUSTED",
        ffi::PURPLE_CONNECTION_ERROR_CERT_EXPIRED => "CERT_EXPIRED",
        ffi::PURPLE_CONNECTION_ERROR_CERT_NOT_ACTIVATED => "CERT_NOT_ACTIVATED",
        ffi::PURPLE_CONNECTION_ERROR_CERT_HOSTNAME_MISMATCH => "CERT_HOSTNAME_MISMATCH",
        ffi::PURPLE_CONNECTION_ERROR_CERT_FINGERPRINT_MISMATCH => "CERT_FINGERPRINT_MISMATCH",
        ffi::PURPLE_CONNECTION_ERROR_CERT_SELF_SIGNED => "CERT_SELF_SIGNED",
        ffi::PURPLE_CONNECTION_ERROR_CERT_OTHER_ERROR => "CERT_OTHER_ERROR",
        ffi::PURPLE_CONNECTION_ERROR_OTHER_ERROR => "OTHER_ERROR",
        _ => "UNKNOWN",
    }
}

/// `PURPLE_MESSAGE_*` flags as lower-case names ("send", "recv", "error", …).
pub fn message_flag_names(flags: ffi::PurpleMessageFlags) -> Vec<&'static str> {
    const NAMES: &[(ffi::PurpleMessageFlags, &str)] = &[
        (ffi::PURPLE_MESSAGE_SEND, "send"),
        (ffi::PURPLE_MESSAGE_RECV, "recv"),
        (ffi::PURPLE_MESSAGE_SYSTEM, "system"),
        (ffi::PURPLE_MESSAGE_AUTO_RESP, "auto_resp"),
        (ffi::PURPLE_MESSAGE_ACTIVE_ONLY, "active_only"),
        (ffi::PURPLE_MESSAGE_NICK, "nick"),
        (ffi::PURPLE_MESSAGE_NO_LOG, "no_log"),
        (ffi::PURPLE_MESSAGE_WHISPER, "whisper"),
        (ffi::PURPLE_MESSAGE_ERROR, "error"),
        (ffi::PURPLE_MESSAGE_DELAYED, "delayed"),
        (ffi::PURPLE_MESSAGE_RAW, "raw"),
        (ffi::PURPLE_MESSAGE_IMAGES, "images"),
        (ffi::PURPLE_MESSAGE_NOTIFY, "notify"),
        (ffi::PURPLE_MESSAGE_NO_LINKIFY, "no_linkify"),
        (ffi::PURPLE_MESSAGE_INVISIBLE, "invisible"),
        (ffi::PURPLE_MESSAGE_REMOTE_SEND, "remote_send"),
    ];
    NAMES
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, name)| *name)
        .collect()
}

/// `OPT_PROTO_*` flags by their C names.
pub fn protocol_option_names(options: ffi::PurpleProtocolOptions) -> Vec<&'static str> {
    const NAMES: &[(ffi::PurpleProtocolOptions, &str)] = &[
        (ffi::OPT_PROTO_UNIQUE_CHATNAME, "OPT_PROTO_UNIQUE_CHATNAME"),
        (ffi::OPT_PROTO_CHAT_TOPIC, "OPT_PROTO_CHAT_TOPIC"),
        (ffi::OPT_PROTO_NO_PASSWORD, "OPT_PROTO_NO_PASSWORD"),
        (ffi::OPT_PROTO_MAIL_CHECK, "OPT_PROTO_MAIL_CHECK"),
        (ffi::OPT_PROTO_IM_IMAGE, "OPT_PROTO_IM_IMAGE"),
        (
            ffi::OPT_PROTO_PASSWORD_OPTIONAL,
            "OPT_PROTO_PASSWORD_OPTIONAL",
        ),
        (ffi::OPT_PROTO_USE_POINTSIZE, "OPT_PROTO_USE_POINTSIZE"),
        (
            ffi::OPT_PROTO_REGISTER_NOSCREENNAME,
            "OPT_PROTO_REGISTER_NOSCREENNAME",
        ),
        (
            ffi::OPT_PROTO_SLASH_COMMANDS_NATIVE,
            "OPT_PROTO_SLASH_COMMANDS_NATIVE",
        ),
        (ffi::OPT_PROTO_INVITE_MESSAGE, "OPT_PROTO_INVITE_MESSAGE"),
        (
            ffi::OPT_PROTO_TRANSIENT_BUDDIES,
            "OPT_PROTO_TRANSIENT_BUDDIES",
        ),
    ];
    NAMES
        .iter()
        .filter(|(bit, _)| options & bit != 0)
        .map(|(_, name)| *name)
        .collect()
}

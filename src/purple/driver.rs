//! Runs one account's engine `Session` on libpurple's main loop.
//!
//! Inputs come from libpurple callbacks (connect, readable, writable, DNS answers, the one
//! timer, the certificate prompt); after each, the driver drains the session's outputs and
//! carries them out. No Rust reference into the driver is held across a libpurple call that
//! may call back into us.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::time::{Instant, SystemTime};

use super::blist;
use super::callbacks::{self, Target};
use super::certificate_cache;
use super::chat;
use super::connection::{self, driver};
use super::dns;
use super::ffi::{self, PurpleAccount, PurpleConnection, gboolean, gpointer};
use super::guard::guard_connection;
use super::im;
use super::log;
use super::presence;
use super::search;
use super::strings::{from_cstr, to_cstring};
use super::tls::UntrustedCertificate;
use super::transport::{Link, LinkEvent};
use crate::engine::random::OsRandom;
use crate::engine::{
    Command, Config, ConnId, Event, Input, LogLevel, Output, Session, default_user_agent, ids,
};
use crate::error::{ConnectionError, ErrorClass};
use crate::settings::AccountSettings;
use crate::settings::pins::Pins;

/// Account key for certificates the user accepted, each for one host (see `Pins`).
const PINS_KEY: &std::ffi::CStr = c"lync-pinned-certificates";
/// Account key for the stable endpoint id.
const EPID_KEY: &std::ffi::CStr = c"lync-epid";

/// A link number for callbacks that are about the connection, not one link.
pub(super) const NO_LINK: ConnId = 0;

pub struct Driver {
    pub serial: u64,
    account: *mut PurpleAccount,
    session: Session,
    links: HashMap<ConnId, Link>,
    timer: Option<(u32, Instant)>,
    pub(super) dns: dns::Queries,
    pins: Pins,
    /// The first contact list of this session arrived (Pidgin-only buddies were uploaded).
    roster_seen: bool,
    /// Contacts shown as idle: only they need telling when they are idle no more (each
    /// purple_prpl_got_user_idle looks the buddy up again, thousands of times at sign-in).
    idle_shown: std::collections::HashSet<String>,
}

pub(super) fn account_string(account: *mut PurpleAccount, key: &std::ffi::CStr) -> String {
    // SAFETY: the account outlives its connection; libpurple returns its own string.
    unsafe {
        from_cstr(ffi::purple_account_get_string(
            account,
            key.as_ptr(),
            c"".as_ptr(),
        ))
    }
    .unwrap_or_default()
}

pub(super) fn set_account_string(account: *mut PurpleAccount, key: &std::ffi::CStr, value: &str) {
    let value = to_cstring(value);
    // SAFETY: libpurple copies the value.
    unsafe { ffi::purple_account_set_string(account, key.as_ptr(), value.as_ptr()) };
}

fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: gethostname writes at most buf.len() bytes into buf.
        let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
        if ok {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).into_owned();
            if !name.is_empty() {
                return name.split('.').next().unwrap_or(&name).to_owned();
            }
        }
    }
    std::env::var("COMPUTERNAME").unwrap_or_else(|_| "PURPLE-LYNC".to_owned())
}

impl Driver {
    pub fn new(serial: u64, account: *mut PurpleAccount, settings: AccountSettings) -> Driver {
        let mut epid = account_string(account, EPID_KEY);
        if !ids::is_valid_epid(&epid) {
            epid = ids::new_epid(&mut OsRandom);
            set_account_string(account, EPID_KEY, &epid);
        }
        let pins = Pins::parse(&account_string(account, PINS_KEY));
        if pins.ignored_legacy() > 0 {
            log::info(&format!(
                "ignoring {} accepted certificate(s) stored without a server name; the user will be \
                 asked again once per server",
                pins.ignored_legacy()
            ));
        }
        let config = Config {
            settings,
            epid,
            hostname: host_name(),
            default_user_agent: default_user_agent(),
            wall_clock: SystemTime::now(),
            certificate: certificate_cache::load(account),
        };
        Driver {
            serial,
            account,
            session: Session::new(config, Box::new(OsRandom), Instant::now()),
            links: HashMap::new(),
            timer: None,
            dns: dns::Queries::default(),
            pins,
            roster_seen: false,
            // SAFETY: the account outlives its connection.
            idle_shown: unsafe { blist::idle_buddies(account) },
        }
    }

    pub(super) fn account(&self) -> *mut PurpleAccount {
        self.account
    }

    /// Cancels everything pending and closes every link (the connection is going away).
    pub fn shut_down(&mut self) {
        self.session.handle_input(Input::Logout, Instant::now());
        // Send the goodbye now: after close returns there is no main loop turn for us.
        while let Some(output) = self.session.poll_output() {
            match output {
                Output::Transmit { conn, bytes } => {
                    if let Some(link) = self.links.get_mut(&conn) {
                        link.queue(bytes);
                        let _ = link.flush();
                    }
                }
                Output::Event(Event::Trace { outgoing, text }) => trace(outgoing, &text),
                _ => {}
            }
        }
        let ids: Vec<ConnId> = self.links.keys().copied().collect();
        for id in ids {
            self.close_link(id);
        }
        if let Some((source, _)) = self.timer.take() {
            // SAFETY: a source we added and that has not fired.
            unsafe { ffi::purple_timeout_remove(source) };
        }
        self.dns.cancel();
    }

    fn close_link(&mut self, id: ConnId) {
        let Some(mut link) = self.links.remove(&id) else {
            return;
        };
        // SAFETY: watches and the pending connect are ours and still registered.
        unsafe {
            if !link.connecting.is_null() {
                ffi::purple_proxy_connect_cancel(link.connecting);
            }
            if link.read_watch != 0 {
                ffi::purple_input_remove(link.read_watch);
            }
            if link.write_watch != 0 {
                ffi::purple_input_remove(link.write_watch);
            }
        }
        link.shutdown();
    }
}

fn trace(outgoing: bool, text: &str) {
    let arrow = if outgoing { "sending" } else { "received" };
    log::info(&format!("SIP message {arrow}:\n{}", text.trim_end()));
}

/// Starts the session of a connection that has a driver.
pub fn start(gc: *mut PurpleConnection) {
    if let Some(d) = driver(gc) {
        // The status Pidgin shows now is what we publish once signed in.
        // SAFETY: the account is live while its connection starts.
        let (status_id, message) = unsafe { presence::active_status(d.account) };
        let now = Instant::now();
        d.session.handle_input(
            Input::Command(Command::SetStatus { status_id, message }),
            now,
        );
        d.session.start(now);
    }
    drive(gc);
}

/// The callback serial of a connection's driver.
pub fn serial(gc: *mut PurpleConnection) -> Option<u64> {
    driver(gc).map(|d| d.serial)
}

/// Whether the connection's session is signed in (messages can be sent).
pub fn is_signed_in(gc: *mut PurpleConnection) -> bool {
    driver(gc).is_some_and(|d| d.session.is_signed_in())
}

/// Whether the session still runs (signing in or signed in).
pub fn is_active(gc: *mut PurpleConnection) -> bool {
    driver(gc).is_some_and(|d| !d.session.is_finished())
}

/// Passes a user action to the session.
pub fn command(gc: *mut PurpleConnection, command: Command) {
    feed(gc, Input::Command(command));
}

/// Feeds one input, then carries out the outputs.
pub(super) fn feed(gc: *mut PurpleConnection, input: Input<'_>) {
    if let Some(d) = driver(gc) {
        d.session.set_tracing(log::wanted());
        d.session.handle_input(input, Instant::now());
    }
    drive(gc);
}

/// Drains the session's outputs and carries them out, then re-arms the timer.
fn drive(gc: *mut PurpleConnection) {
    while let Some(output) = driver(gc).and_then(|d| d.session.poll_output()) {
        match output {
            Output::Connect {
                conn,
                host,
                port,
                tls,
            } => connect(gc, conn, host, port, tls),
            Output::Transmit { conn, bytes } => {
                if let Some(d) = driver(gc) {
                    if let Some(link) = d.links.get_mut(&conn) {
                        link.queue(bytes);
                    }
                }
                flush(gc, conn);
            }
            Output::Close { conn } => {
                if let Some(d) = driver(gc) {
                    d.close_link(conn);
                }
            }
            Output::ResolveSrv(query) => {
                dns::resolve_srv(gc, query.service, query.protocol, &query.domain)
            }
            Output::ResolveHost { host, port } => dns::resolve_host(gc, &host, port),
            Output::Event(event) => {
                if handle_event(gc, event) {
                    return;
                }
            }
        }
    }
    arm_timer(gc);
}

/// Returns true when the session ended (nothing more to do).
fn handle_event(gc: *mut PurpleConnection, event: Event) -> bool {
    match event {
        Event::Progress(progress) => {
            connection::update_progress(
                gc,
                &progress.text(),
                progress.step(),
                crate::engine::Progress::STEPS,
            );
        }
        Event::SignedIn => {
            log::info("signed in");
            // SAFETY: gc is live; this emits signed-on, which may call back into the prpl.
            unsafe { ffi::purple_connection_set_state(gc, ffi::PURPLE_CONNECTED) };
        }
        Event::Failed(error) => {
            connection::report_error(gc, &error);
            return true;
        }
        Event::Log(level, text) => match level {
            LogLevel::Info => log::info(&text),
            LogLevel::Warning => log::warning(&text),
            LogLevel::Error => log::error(&text),
        },
        Event::Trace { outgoing, text } => trace(outgoing, &text),
        Event::Presence(status) => {
            if let Some(d) = driver(gc) {
                let was_idle = if status.idle {
                    !d.idle_shown.insert(status.uri.clone())
                } else {
                    d.idle_shown.remove(&status.uri)
                };
                let account = d.account;
                // SAFETY: gc and its account are live during the callback.
                unsafe { presence::show(gc, account, &status, status.idle || was_idle) };
            }
        }
        Event::ImReceived { from, html } => {
            // SAFETY: gc is live during the callback.
            unsafe { im::received(gc, &from, &html) };
        }
        Event::Typing { with, typing } => {
            // SAFETY: gc is live during the callback.
            unsafe { im::typing(gc, &with, typing) };
        }
        Event::ImFailed {
            with,
            text,
            reason,
            delivery,
        } => {
            if let Some(account) = driver(gc).map(|d| d.account) {
                // SAFETY: gc and its account are live during the callback.
                unsafe { im::failed(gc, account, &with, &text, &reason, delivery) };
            }
        }
        Event::SearchResults { results, more } => {
            // SAFETY: gc is live during the callback.
            unsafe { search::show_results(gc, &results, more) };
        }
        Event::SearchFailed(text) => {
            // SAFETY: gc is live during the callback.
            unsafe { search::show_failure(gc, &text) };
        }
        Event::Chat(event) => {
            // SAFETY: gc is live during the callback.
            unsafe { chat::show(gc, event) };
        }
        Event::ContactInfo(status) => {
            // SAFETY: gc is live during the callback.
            unsafe { presence::show_info(gc, &status) };
        }
        Event::Certificate(certificate) => {
            if let Some(d) = driver(gc) {
                certificate_cache::store(d.account, certificate.as_deref());
            }
        }
        Event::Roster(roster) => {
            let Some(d) = driver(gc) else {
                return false;
            };
            let account = d.account;
            let first = !d.roster_seen;
            d.roster_seen = true;
            // SAFETY: the account outlives its connection.
            let uploads = unsafe { blist::apply_roster(account, &roster, first) };
            for command in uploads {
                if let Some(d) = driver(gc) {
                    d.session
                        .handle_input(Input::Command(Command::Contacts(command)), Instant::now());
                }
            }
        }
    }
    false
}

fn arm_timer(gc: *mut PurpleConnection) {
    let Some(d) = driver(gc) else {
        return;
    };
    let wanted = d.session.poll_timeout();
    if d.timer.map(|(_, at)| at) == wanted {
        return;
    }
    if let Some((source, _)) = d.timer.take() {
        // SAFETY: our own pending source.
        unsafe { ffi::purple_timeout_remove(source) };
    }
    if let Some(at) = wanted {
        let delay = at.saturating_duration_since(Instant::now());
        // Round up, so the deadline has passed when the timer fires.
        let ms = u32::try_from(delay.as_millis() + 1).unwrap_or(u32::MAX);
        let token = callbacks::token(d.serial, NO_LINK);
        // SAFETY: the callback matches GSourceFunc; the token is checked when it fires.
        let source = unsafe { ffi::purple_timeout_add(ms, Some(timer_fired), token) };
        d.timer = Some((source, at));
    }
}

unsafe extern "C" fn timer_fired(token: gpointer) -> gboolean {
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, _)) = resolved else {
        return 0;
    };
    guard_connection("timer", gc, 0, || {
        if let Some(d) = driver(gc) {
            d.timer = None;
        }
        feed(gc, Input::Timeout);
        0
    })
}

fn connect(gc: *mut PurpleConnection, conn: ConnId, host: String, port: u16, tls: bool) {
    let Some(d) = driver(gc) else {
        return;
    };
    let account = d.account;
    let serial = d.serial;
    d.links.insert(conn, Link::new(host.clone(), port, tls));
    start_connect(gc, account, serial, conn, &host, port);
}

fn start_connect(
    gc: *mut PurpleConnection,
    account: *mut PurpleAccount,
    serial: u64,
    conn: ConnId,
    host: &str,
    port: u16,
) {
    log::info(&format!("connecting to {host}:{port}"));
    let token = callbacks::token(serial, conn);
    let c_host = to_cstring(host);
    // SAFETY: gc is the handle (cancelled in close); libpurple copies the host name.
    let pending = unsafe {
        ffi::purple_proxy_connect(
            gc.cast(),
            account,
            c_host.as_ptr(),
            c_int::from(port),
            Some(connected),
            token,
        )
    };
    if pending.is_null() {
        callbacks::forget(token);
        feed(
            gc,
            Input::ConnectFailed {
                conn,
                reason: "the connection could not be started (check Pidgin's proxy settings)"
                    .to_owned(),
            },
        );
        return;
    }
    if let Some(link) = driver(gc).and_then(|d| d.links.get_mut(&conn)) {
        link.connecting = pending;
    }
}

unsafe extern "C" fn connected(token: gpointer, fd: c_int, error: *const c_char) {
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, Target { link: conn, .. })) = resolved else {
        return;
    };
    guard_connection("connected", gc, (), || {
        // Take the socket over while holding the driver; act on the outcome after.
        let outcome = {
            let Some(d) = driver(gc) else {
                return;
            };
            let serial = d.serial;
            let Some(link) = d.links.get_mut(&conn) else {
                return;
            };
            // Only what the user accepted for this very name.
            let pins = d.pins.for_host(&link.host);
            link.connecting = std::ptr::null_mut();
            if fd < 0 {
                // SAFETY: libpurple passes NULL or a message valid for this call.
                Err(unsafe { from_cstr(error) }.unwrap_or_else(|| "connection failed".to_owned()))
            } else {
                link.attach(fd, pins).inspect(|_| {
                    // SAFETY: fd is the connected socket; the token is checked on every call.
                    link.read_watch = unsafe {
                        ffi::purple_input_add(
                            fd,
                            ffi::PURPLE_INPUT_READ,
                            Some(readable),
                            callbacks::token(serial, conn),
                        )
                    };
                })
            }
        };
        match outcome {
            Ok(event) => {
                handle_link_events(gc, conn, event.into_iter().collect());
                flush(gc, conn);
            }
            Err(reason) => feed(gc, Input::ConnectFailed { conn, reason }),
        }
    });
}

unsafe extern "C" fn readable(token: gpointer, _fd: c_int, _condition: ffi::PurpleInputCondition) {
    let Some((gc, Target { link: conn, .. })) = callbacks::resolve(token) else {
        return;
    };
    guard_connection("readable", gc, (), || {
        let events = match driver(gc).and_then(|d| d.links.get_mut(&conn)) {
            Some(link) => link.on_readable(),
            None => return,
        };
        handle_link_events(gc, conn, events);
        // The handshake may have something to say back.
        flush(gc, conn);
    });
}

unsafe extern "C" fn writable(token: gpointer, _fd: c_int, _condition: ffi::PurpleInputCondition) {
    let Some((gc, Target { link: conn, .. })) = callbacks::resolve(token) else {
        return;
    };
    guard_connection("writable", gc, (), || flush(gc, conn));
}

fn handle_link_events(gc: *mut PurpleConnection, conn: ConnId, events: Vec<LinkEvent>) {
    for event in events {
        match event {
            LinkEvent::Established { local } => feed(gc, Input::Connected { conn, local }),
            LinkEvent::Data(bytes) => feed(
                gc,
                Input::Data {
                    conn,
                    bytes: &bytes,
                },
            ),
            LinkEvent::Closed(reason) => {
                if let Some(d) = driver(gc) {
                    d.close_link(conn);
                }
                feed(gc, Input::Closed { conn, reason });
                return;
            }
            LinkEvent::Failed(reason) => {
                if let Some(d) = driver(gc) {
                    d.close_link(conn);
                }
                feed(gc, Input::ConnectFailed { conn, reason });
                return;
            }
            LinkEvent::Untrusted(certificate) => {
                ask_about_certificate(gc, conn, certificate);
                return;
            }
        }
    }
}

/// Writes what is queued on `conn`; watches for writability while bytes wait.
fn flush(gc: *mut PurpleConnection, conn: ConnId) {
    let failure = {
        let Some(d) = driver(gc) else {
            return;
        };
        let serial = d.serial;
        let Some(link) = d.links.get_mut(&conn) else {
            return;
        };
        if !link.is_attached() {
            return;
        }
        match link.flush() {
            Ok(true) => {
                if link.write_watch == 0 {
                    // SAFETY: fd is our connected socket; the token is checked on every call.
                    link.write_watch = unsafe {
                        ffi::purple_input_add(
                            link.fd,
                            ffi::PURPLE_INPUT_WRITE,
                            Some(writable),
                            callbacks::token(serial, conn),
                        )
                    };
                }
                None
            }
            Ok(false) => {
                if link.write_watch != 0 {
                    // SAFETY: our own watch.
                    unsafe { ffi::purple_input_remove(link.write_watch) };
                    link.write_watch = 0;
                }
                None
            }
            Err(reason) => Some(reason),
        }
    };
    if let Some(reason) = failure {
        if let Some(d) = driver(gc) {
            d.close_link(conn);
        }
        feed(
            gc,
            Input::Closed {
                conn,
                reason: Some(reason),
            },
        );
    }
}

// ---- certificate prompt ----

fn ask_about_certificate(
    gc: *mut PurpleConnection,
    conn: ConnId,
    certificate: UntrustedCertificate,
) {
    let (serial, account, host) = {
        let Some(d) = driver(gc) else {
            return;
        };
        let (serial, account) = (d.serial, d.account);
        let Some(link) = d.links.get_mut(&conn) else {
            return;
        };
        // Close this socket; on Accept we connect again with the fingerprint pinned.
        // SAFETY: our own watches.
        unsafe {
            if link.read_watch != 0 {
                ffi::purple_input_remove(link.read_watch);
            }
            if link.write_watch != 0 {
                ffi::purple_input_remove(link.write_watch);
            }
        }
        link.read_watch = 0;
        link.write_watch = 0;
        link.shutdown();
        (serial, account, link.host.clone())
    };
    PENDING_CERTIFICATES.with(|p| p.borrow_mut().insert(serial, (conn, certificate.clone())));
    feed(gc, Input::AwaitingUser { conn });
    log::warning(&format!(
        "untrusted certificate from {host} ({}); asking the user, SHA-256 {}",
        certificate.reason,
        certificate.fingerprint_text()
    ));
    let title = to_cstring("Untrusted server certificate");
    let primary = to_cstring(&format!(
        "The certificate of {host} is not trusted: {}.",
        certificate.reason
    ));
    let secondary = to_cstring(&format!(
        "SHA-256 fingerprint:\n{}\n\nAccept only if your administrator confirms this fingerprint. \
         purple-lync will remember it for {host} on this account.",
        certificate.fingerprint_text()
    ));
    let token = callbacks::token(serial, conn);
    let accept: unsafe extern "C" fn(*mut c_void, c_int) = certificate_accepted;
    let reject: unsafe extern "C" fn(*mut c_void, c_int) = certificate_rejected;
    // SAFETY: two (label, callback) pairs follow the count; the handle gc closes the request
    // in `close`; libpurple copies the texts.
    unsafe {
        ffi::purple_request_action(
            gc.cast(),
            title.as_ptr(),
            primary.as_ptr(),
            secondary.as_ptr(),
            1,
            account,
            std::ptr::null(),
            std::ptr::null_mut(),
            token,
            2,
            c"_Accept".as_ptr(),
            accept,
            c"_Reject".as_ptr(),
            reject,
        );
    }
}

thread_local! {
    static PENDING_CERTIFICATES: std::cell::RefCell<HashMap<u64, (ConnId, UntrustedCertificate)>> =
        std::cell::RefCell::new(HashMap::new());
}

fn take_pending_certificate(serial: u64, conn: ConnId) -> Option<UntrustedCertificate> {
    PENDING_CERTIFICATES.with(|p| {
        let mut pending = p.borrow_mut();
        match pending.get(&serial) {
            Some((c, _)) if *c == conn => pending.remove(&serial).map(|(_, cert)| cert),
            _ => None,
        }
    })
}

unsafe extern "C" fn certificate_accepted(token: *mut c_void, _action: c_int) {
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, Target { serial, link: conn })) = resolved else {
        return;
    };
    guard_connection("certificate_accepted", gc, (), || {
        let Some(certificate) = take_pending_certificate(serial, conn) else {
            return;
        };
        let (account, host, port) = {
            let Some(d) = driver(gc) else {
                return;
            };
            let Some((host, port)) = d.links.get(&conn).map(|l| (l.host.clone(), l.port)) else {
                return;
            };
            d.pins.accept(&host, certificate.fingerprint);
            set_account_string(d.account, PINS_KEY, &d.pins.to_setting());
            (d.account, host, port)
        };
        log::info(&format!(
            "certificate {} accepted and pinned for {host}",
            certificate.fingerprint_text()
        ));
        start_connect(gc, account, serial, conn, &host, port);
        drive(gc);
    });
}

unsafe extern "C" fn certificate_rejected(token: *mut c_void, _action: c_int) {
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, Target { serial, link: conn })) = resolved else {
        return;
    };
    guard_connection("certificate_rejected", gc, (), || {
        let Some(certificate) = take_pending_certificate(serial, conn) else {
            return;
        };
        let host = driver(gc)
            .and_then(|d| d.links.get(&conn).map(|l| l.host.clone()))
            .unwrap_or_default();
        connection::report_error(
            gc,
            &ConnectionError::new(
                ErrorClass::CertificateUntrusted,
                format!(
                    "You rejected the certificate of {host} (SHA-256 {}). purple-lync does not sign in \
                     to a server it cannot trust. If your organisation has its own certificate \
                     authority, install its certificate in the system's trust store, or accept this \
                     certificate once your administrator has confirmed its fingerprint.",
                    certificate.fingerprint_text()
                ),
            ),
        );
    });
}

/// Forgets prompt state of a connection that is closing.
pub fn forget_connection(serial: u64) {
    PENDING_CERTIFICATES.with(|p| p.borrow_mut().remove(&serial));
}

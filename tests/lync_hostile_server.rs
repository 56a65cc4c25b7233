//! A hostile server, through our plugin in real libpurple: one that floods keep-alive CRLFs
//! without pause, and one that sends a header that never ends. The plugin's memory stays
//! bounded and the link is closed with an error that says why.
//!
//! The bound: one readable event reads at most 256 KiB (src/link.rs), the decoder holds at
//! most 64 KiB of a header section (src/sip/limits.rs), and more than 1,000 CRLFs in a row
//! close the link (src/engine/liveness.rs). So the host may grow by a few MB at most; the
//! test allows 64 MB over what it used before the flood (it grew by GBs before the fix).
//! Plain TCP here: the subject is what the plugin does with the bytes, and the TCP
//! server can write them far faster than a TLS one, which makes the flood harsher.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use common::sipe::is_event;
use common::{Host, HostOptions};
use serde_json::json;

const ALLOWED_GROWTH_KB: u64 = 64 * 1024;
/// How long the flood may run before the plugin must have closed the link.
const FLOOD_LIMIT: Duration = Duration::from_secs(30);

/// Peak resident memory of a process, in kB (VmHWM).
fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// A server that reads the client's first bytes, then writes `chunk` until the client
/// closes (or the limit passes). Returns how many bytes it wrote.
fn hostile_server(chunk: Vec<u8>, preamble: Vec<u8>) -> (u16, thread::JoinHandle<u64>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut first = [0u8; 1024];
        let _ = socket.read(&mut first);
        let mut written = 0u64;
        let started = Instant::now();
        let _ = socket.write_all(&preamble);
        // Until the client closes (a write fails), or long after it should have.
        while started.elapsed() < FLOOD_LIMIT * 2 {
            match socket.write(&chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => written += n as u64,
            }
        }
        drain(&mut socket);
        written
    });
    (port, handle)
}

fn drain(socket: &mut TcpStream) {
    let _ = socket.set_read_timeout(Some(Duration::from_millis(100)));
    let mut buf = [0u8; 4096];
    while matches!(socket.read(&mut buf), Ok(n) if n > 0) {}
}

/// Signs our plugin in to `port` and waits for the connection error; returns it with the
/// host's peak memory before and after.
fn connect_to_hostile(port: u16) -> (serde_json::Value, u64, u64) {
    let mut host = Host::start(HostOptions {
        lync_plugin: true,
        ..HostOptions::default()
    });
    host.request_ok(json!({
        "cmd": "add_account",
        "account": "alice",
        "protocol": "prpl-lync",
        "username": "alice@contoso.test",
        "password": "Alice-pass-1",
        "options": {"server": format!("127.0.0.1:{port}"), "transport": "tcp", "authentication": "ntlm"},
    }));
    let before = peak_rss_kb(host.pid());
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let error = host.wait_for(|e| is_event(e, "connection_error", "alice"), FLOOD_LIMIT);
    let after = peak_rss_kb(host.pid());
    assert!(before > 0 && after > 0, "cannot read /proc/<pid>/status");
    (error, before, after)
}

#[test]
fn a_keepalive_flood_is_closed_as_hostile_with_memory_bounded() {
    let (port, server) = hostile_server(b"\r\n".repeat(32 * 1024), Vec::new());
    let (error, before, after) = connect_to_hostile(port);
    let text = error["text"].as_str().unwrap_or_default();
    assert!(text.contains("hostile"), "{error}");
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    assert!(
        after - before < ALLOWED_GROWTH_KB,
        "peak memory grew from {before} kB to {after} kB"
    );
    let written = server.join().unwrap();
    eprintln!("CRLF flood: {written} bytes written by the server; peak RSS {before} -> {after} kB");
}

#[test]
fn a_header_that_never_ends_is_refused_with_memory_bounded() {
    let (port, server) = hostile_server(
        vec![b'a'; 64 * 1024],
        b"SIP/2.0 401 Unauthorized\r\nX-Endless: ".to_vec(),
    );
    let (error, before, after) = connect_to_hostile(port);
    let text = error["text"].as_str().unwrap_or_default();
    assert!(text.contains("cannot read"), "{error}");
    assert!(
        after - before < ALLOWED_GROWTH_KB,
        "peak memory grew from {before} kB to {after} kB"
    );
    let written = server.join().unwrap();
    eprintln!(
        "header flood: {written} bytes written by the server; peak RSS {before} -> {after} kB"
    );
}

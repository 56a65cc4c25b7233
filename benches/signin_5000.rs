//! Benchmark (not a test): our plugin and pidgin-sipe, each alone in a fresh libpurple host
//! against a fresh lync-testserver, sign in over TLS (NTLM) to an account whose directory
//! has `SIGNIN_USERS` users (5,000 unless set; 20,000 is the other size we measure), one of
//! whom has all the others as contacts with presence. Reports wall time until the whole
//! list shows everyone's presence, the CPU time the host spent on it, and the host's peak
//! memory — and the ratios only when both clients ended showing the same number of
//! contacts with presence (otherwise what each saw, and no ratio).
//!
//! `cargo bench --bench signin_5000` (builds everything in release);
//! `SIGNIN_USERS=20000 cargo bench --bench signin_5000` for the big directory.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::scale::{self, Seen};
use common::testserver::TestServer;
use common::{Host, HostOptions, lync, sipe};
use serde_json::json;

/// A client that has not shown the whole list by then is reported with what it showed.
const LIST_TIMEOUT: Duration = Duration::from_secs(300);

/// (user + system CPU seconds, peak RSS in KiB) of a process, from /proc.
fn usage(pid: u32) -> (f64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may contain spaces).
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    // CLK_TCK is 100 on Linux for /proc accounting.
    let cpu = ticks / 100.0;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    (cpu, peak)
}

struct Run {
    wall: Duration,
    cpu: f64,
    peak_kib: u64,
    seen: Seen,
    complete: bool,
}

fn run(protocol: &str, users: usize, server_config: &str) -> Run {
    let server = TestServer::start(server_config);
    let ours = protocol == lync::LYNC;
    // Ours trusts the server's CA (SSL_CERT_FILE); pidgin-sipe (libpurple's NSS) asks once
    // and is answered at once, as in the tests.
    // Neither host writes a debug log: users run without one, and it costs both clients.
    let mut host = if ours {
        lync::start_host_logging(&server, false)
    } else {
        Host::start(HostOptions::default())
    };
    host.request_ok(json!({
        "cmd": "add_account", "account": "user0", "protocol": protocol,
        "username": "user0@contoso.test", "password": "Pass-0", "remember_password": true,
        "options": lync::tls_options(&server),
    }));
    let (cpu_before, _) = usage(host.pid());
    let started = Instant::now();
    host.request_ok(json!({"cmd": "connect", "account": "user0"}));
    let event = sipe::signed_on_or_failed(&mut host, "user0");
    assert_eq!(
        event["event"], "signed_on",
        "{protocol} could not sign in: {event}"
    );
    // Poll a count (cheap, every 10 ms); the full list, whose JSON costs the measured
    // process megabytes and milliseconds, is read once at the end to check every contact.
    let online = scale::online_contacts(users);
    let (wall, cpu_after, peak_kib, seen, complete) = loop {
        let reply = host.request_ok(json!({"cmd": "buddy_count", "account": "user0"}));
        let shown = reply["online"].as_u64().unwrap_or(0) as usize;
        let timed_out = started.elapsed() >= LIST_TIMEOUT;
        if shown >= online || timed_out {
            let wall = started.elapsed();
            let (cpu_after, peak_kib) = usage(host.pid());
            let reply = host.request_ok(json!({"cmd": "buddies", "account": "user0"}));
            let list = reply["buddies"].as_array().cloned().unwrap_or_default();
            let seen = scale::seen(&list, users);
            let complete = seen.complete(users);
            if complete || timed_out {
                break (wall, cpu_after, peak_kib, seen, complete);
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        wall,
        cpu: cpu_after - cpu_before,
        peak_kib,
        seen,
        complete,
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would too: only run when benching.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let users: usize = std::env::var("SIGNIN_USERS")
        .ok()
        .map(|v| v.parse().expect("SIGNIN_USERS is a number of users"))
        .unwrap_or(5_000);
    let server_config = scale::config(users);
    let ours = run(lync::LYNC, users, &server_config);
    let sipe = run(common::sipe::SIPE, users, &server_config);
    println!(
        "Sign-in over TLS to an account with {} contacts, {} of them with presence \
         (release builds, one run each):",
        users - 1,
        scale::online_contacts(users)
    );
    println!(
        "{:<12} {:>10} {:>10} {:>14} {:>10} {:>14}",
        "client", "wall (s)", "CPU (s)", "peak RSS (MiB)", "contacts", "with presence"
    );
    for (name, r) in [("purple-lync", &ours), ("pidgin-sipe", &sipe)] {
        println!(
            "{:<12} {:>10.2} {:>10.2} {:>14.1} {:>10} {:>14}{}",
            name,
            r.wall.as_secs_f64(),
            r.cpu,
            r.peak_kib as f64 / 1024.0,
            r.seen.contacts,
            r.seen.with_presence,
            if r.complete {
                String::new()
            } else {
                format!(
                    "  INCOMPLETE after {LIST_TIMEOUT:?} ({} shown wrong)",
                    r.seen.wrong
                )
            }
        );
    }
    if ours.complete && sipe.complete && ours.seen.with_presence == sipe.seen.with_presence {
        println!(
            "ratio purple-lync / pidgin-sipe: wall {:.2}, CPU {:.2}, peak RSS {:.2}",
            ours.wall.as_secs_f64() / sipe.wall.as_secs_f64(),
            ours.cpu / sipe.cpu.max(0.01),
            ours.peak_kib as f64 / sipe.peak_kib.max(1) as f64
        );
    } else {
        println!(
            "no ratio: the clients did not both show every contact's presence \
             (purple-lync {} with presence, pidgin-sipe {})",
            ours.seen.with_presence, sipe.seen.with_presence
        );
    }
}

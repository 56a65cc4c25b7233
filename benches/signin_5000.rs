//! Benchmark (not a test): our plugin and pidgin-sipe, each alone in a fresh libpurple host
//! against a fresh lync-testserver, sign in to an account with 5,000 users, one of whom has
//! the other 4,999 as contacts with presence. Reports wall time until the whole list shows
//! everyone's presence, the CPU time the host spent on it, and the host's peak memory.
//!
//! `cargo bench --bench signin_5000` (builds everything in release).

#[path = "../tests/common/mod.rs"]
mod common;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::testserver::TestServer;
use common::{Host, HostOptions, TIMEOUT};
use serde_json::json;

const USERS: usize = 5_000;
const GROUPS: usize = 10;
const LIST_TIMEOUT: Duration = Duration::from_secs(300);

fn presence_of(i: usize) -> Option<&'static str> {
    match i % 4 {
        0 => Some("available"),
        1 => Some("busy"),
        2 => Some("away"),
        _ => None,
    }
}

/// The Pidgin primitive each status shows as.
fn primitive_of(i: usize) -> &'static str {
    match presence_of(i) {
        Some("available") => "available",
        Some("busy") => "unavailable",
        Some("away") => "away",
        _ => "offline",
    }
}

fn config() -> String {
    let mut text = String::from("domain = \"contoso.test\"\n[listen]\nsip_tcp = \"127.0.0.1:0\"\n");
    for i in 0..USERS {
        let _ = write!(
            text,
            "[[users]]\nsip = \"user{i}@contoso.test\"\npassword = \"Pass-{i}\"\nname = \"User {i:04}\"\n"
        );
        if let Some(presence) = presence_of(i) {
            let _ = writeln!(text, "presence = \"{presence}\"");
        }
        if i == 0 {
            text.push_str("[users.groups]\n");
            for group in 0..GROUPS {
                let members: Vec<String> = (1..USERS)
                    .filter(|j| j % GROUPS == group)
                    .map(|j| format!("\"user{j}@contoso.test\""))
                    .collect();
                let _ = writeln!(text, "\"Group {group}\" = [{}]", members.join(", "));
            }
        }
    }
    text
}

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
}

fn run(protocol: &str, server_config: &str) -> Run {
    let server = TestServer::start(server_config);
    let mut host = Host::start(HostOptions {
        lync_plugin: protocol == "prpl-lync",
        ..HostOptions::default()
    });
    let mut options =
        json!({"server": format!("127.0.0.1:{}", server.sip_tcp_port()), "transport": "tcp"});
    if protocol == "prpl-sipe" {
        options["authentication"] = json!("ntlm");
    }
    host.request_ok(json!({
        "cmd": "add_account", "account": "user0", "protocol": protocol,
        "username": "user0@contoso.test", "password": "Pass-0", "remember_password": true, "options": options,
    }));
    let (cpu_before, _) = usage(host.pid());
    let started = Instant::now();
    host.request_ok(json!({"cmd": "connect", "account": "user0"}));
    host.wait_for(
        |e| e["event"] == "signed_on" && e["account"] == "user0",
        TIMEOUT,
    );
    loop {
        let reply = host.request_ok(json!({"cmd": "buddies", "account": "user0"}));
        let list = reply["buddies"].as_array().cloned().unwrap_or_default();
        let complete = list.len() == USERS - 1
            && list.iter().all(|b| {
                let index: usize = b["name"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches("sip:user")
                    .trim_end_matches("@contoso.test")
                    .parse()
                    .unwrap_or(0);
                index > 0 && b["primitive"] == primitive_of(index)
            });
        if complete {
            break;
        }
        assert!(
            started.elapsed() < LIST_TIMEOUT,
            "{protocol}: the list never completed"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let wall = started.elapsed();
    let (cpu_after, peak_kib) = usage(host.pid());
    Run {
        wall,
        cpu: cpu_after - cpu_before,
        peak_kib,
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would too: only run when benching.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let server_config = config();
    let ours = run("prpl-lync", &server_config);
    let sipe = run("prpl-sipe", &server_config);
    println!(
        "Sign-in to an account with {} contacts with presence (release builds, one run each):",
        USERS - 1
    );
    println!(
        "{:<12} {:>10} {:>10} {:>12}",
        "client", "wall (s)", "CPU (s)", "peak RSS (MiB)"
    );
    for (name, r) in [("purple-lync", &ours), ("pidgin-sipe", &sipe)] {
        println!(
            "{:<12} {:>10.2} {:>10.2} {:>12.1}",
            name,
            r.wall.as_secs_f64(),
            r.cpu,
            r.peak_kib as f64 / 1024.0
        );
    }
    println!(
        "ratio purple-lync / pidgin-sipe: wall {:.2}, CPU {:.2}, peak RSS {:.2}",
        ours.wall.as_secs_f64() / sipe.wall.as_secs_f64(),
        ours.cpu / sipe.cpu.max(0.01),
        ours.peak_kib as f64 / sipe.peak_kib.max(1) as f64
    );
}

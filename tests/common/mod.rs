//! Test-side client for `purple-host` (tests/host), the headless libpurple UI.
//!
//! A [`Host`] runs one `purple-host` process with a fresh config dir, sends it JSON commands
//! and records every event it prints. Waiting is "selective receive": [`Host::wait_for`]
//! takes the first not-yet-taken event that matches, wherever it is in the record, so tests
//! need not know the exact interleaving of events. When a wait times out, the panic message
//! lists every event seen so far and the host's stderr — that is the test's diagnosis.
//!
//! The host binary is built on first use (`cargo build -p purple-host`, same profile and
//! target dir as the test), unless `PURPLE_HOST_BIN` names one.

#![allow(dead_code)] // each integration test uses its own subset

pub mod lync;
pub mod scale;
pub mod sipe;
pub mod testserver;
pub mod tls_server;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a loaded 2-core machine; waits return as soon as the event arrives.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How long a dropped host gets to quit cleanly before it is killed.
const QUIT_GRACE: Duration = Duration::from_secs(5);

/// `target/<profile>`: the test binary itself lives in `target/<profile>/deps/`.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("path of the test binary");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test binary lives in target/<profile>/deps")
        .to_path_buf()
}

/// The purple-host binary, built (once per test process) if needed.
pub fn host_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            if let Some(path) = std::env::var_os("PURPLE_HOST_BIN") {
                return PathBuf::from(path);
            }
            build_package("purple-host");
            profile_dir().join("purple-host")
        })
        .clone()
}

/// `cargo build -p <package>` into the same target dir and profile as this test, so helper
/// binaries (purple-host, lync-testserver) are never stale (a no-op build takes well under a
/// second).
pub fn build_package(package: &str) {
    let profile_dir = profile_dir();
    let target_dir = profile_dir.parent().expect("target dir");
    let cargo = std::env::var_os("CARGO")
        .or_else(|| option_env!("CARGO").map(Into::into))
        .unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build
        .args(["build", "--quiet", "-p", package, "--target-dir"])
        .arg(target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    match profile_dir.file_name().and_then(|name| name.to_str()) {
        Some("debug") => {}
        Some("release") => {
            build.arg("--release");
        }
        Some(profile) => {
            build.args(["--profile", profile]);
        }
        None => panic!("unexpected test binary location {}", profile_dir.display()),
    }
    let status = build
        .status()
        .unwrap_or_else(|err| panic!("cannot run cargo to build {package}: {err}"));
    assert!(status.success(), "building {package} failed ({status})");
}

/// Our plugin as cargo built it for this test run.
///
/// `cargo test` leaves the cdylib in `target/<profile>/deps/` (only `cargo build` copies it
/// up to `target/<profile>/`, and that copy may be older), so `deps/` comes first.
pub fn lync_plugin() -> PathBuf {
    let profile_dir = profile_dir();
    let fresh = profile_dir.join("deps").join("libpurple_lync.so");
    if fresh.exists() {
        fresh
    } else {
        profile_dir.join("libpurple_lync.so")
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

#[derive(Clone, Debug, Default)]
pub struct HostOptions {
    /// Extra plugin directories, searched before libpurple's own.
    pub plugin_dirs: Vec<PathBuf>,
    /// Pass `--debug-log` (a file in the host's temp dir, read with [`Host::debug_log`]).
    pub debug_log: bool,
    /// Also load our plugin: a private plugin dir holding only `libpurple_lync.so` is added.
    pub lync_plugin: bool,
    /// Extra environment for the host process (e.g. `PURPLE_LYNC_TEST_PANIC`).
    pub env: Vec<(String, String)>,
}

/// Everything the host printed, and which events a wait has already taken.
#[derive(Default)]
struct Record {
    events: Vec<Value>,
    taken: Vec<bool>,
    /// stdout reached EOF: the host exited (or closed stdout).
    closed: bool,
}

type Shared = Arc<(Mutex<Record>, Condvar)>;

pub struct Host {
    child: Child,
    stdin: Option<ChildStdin>,
    record: Shared,
    next_id: u64,
    dir: tempfile::TempDir,
    debug_log: Option<PathBuf>,
    stderr_path: PathBuf,
}

impl Host {
    /// Starts a host with a fresh config dir and waits for its `ready` event.
    pub fn start(options: HostOptions) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("purple-host-")
            .tempdir()
            .expect("temp dir for the host");
        let config_dir = dir.path().join("config");
        let stderr_path = dir.path().join("host.stderr");
        let debug_log = options.debug_log.then(|| dir.path().join("debug.log"));

        let mut command = Command::new(host_binary());
        command.arg("--config-dir").arg(&config_dir);
        let mut plugin_dirs = Vec::new();
        if options.lync_plugin {
            let private = dir.path().join("plugins");
            std::fs::create_dir_all(&private).expect("private plugin dir");
            let plugin = lync_plugin();
            assert!(plugin.exists(), "{} is not built", plugin.display());
            std::fs::copy(&plugin, private.join("libpurple_lync.so")).expect("copy the plugin");
            plugin_dirs.push(private);
        }
        plugin_dirs.extend(options.plugin_dirs);
        for plugin_dir in &plugin_dirs {
            command.arg("--plugin-dir").arg(plugin_dir);
        }
        if let Some(path) = &debug_log {
            command.arg("--debug-log").arg(path);
        }
        command.envs(options.env.iter().map(|(k, v)| (k, v)));
        let stderr = std::fs::File::create(&stderr_path).expect("host stderr file");
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", host_binary().display()));

        let record: Shared = Arc::default();
        let stdout = child.stdout.take().expect("host stdout");
        let reader_record = Arc::clone(&record);
        // Detached on purpose: libpurple's forked DNS helpers may hold stdout open briefly
        // after the host itself is gone.
        thread::spawn(move || read_events(stdout, reader_record));

        let stdin = child.stdin.take();
        let mut host = Self {
            child,
            stdin,
            record,
            next_id: 0,
            dir,
            debug_log,
            stderr_path,
        };
        host.wait_event("ready", TIMEOUT);
        host
    }

    /// The host's process id (benchmarks read its CPU time and memory from /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends one command line (no reply expected or awaited).
    #[track_caller]
    pub fn send(&mut self, command: Value) {
        let line = format!("{command}\n");
        let written = match self.stdin.as_mut() {
            Some(stdin) => stdin
                .write_all(line.as_bytes())
                .and_then(|()| stdin.flush()),
            None => Err(std::io::Error::other("stdin already closed")),
        };
        if let Err(err) = written {
            panic!("cannot send {command}: {err}\n{}", self.diagnosis());
        }
    }

    /// Sends a command with a fresh id and returns its reply (`ok` or `error`).
    #[track_caller]
    pub fn request(&mut self, command: Value) -> Value {
        self.request_within(command, TIMEOUT)
    }

    /// Like [`Host::request`], for a host that may be busy for longer than [`TIMEOUT`]
    /// (libpurple answers only between what its plugins do, e.g. reading a huge list).
    #[track_caller]
    pub fn request_within(&mut self, mut command: Value, timeout: Duration) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        command["id"] = json!(id);
        self.send(command.clone());
        self.wait_for(
            |event| {
                event["id"] == json!(id) && (event["event"] == "ok" || event["event"] == "error")
            },
            timeout,
        )
    }

    /// Like [`Host::request`], but an `error` reply fails the test.
    #[track_caller]
    pub fn request_ok(&mut self, command: Value) -> Value {
        let reply = self.request(command.clone());
        if reply["event"] != "ok" {
            panic!("{command} failed: {reply}\n{}", self.diagnosis());
        }
        reply
    }

    /// Takes the first event not yet taken that satisfies `predicate`, waiting up to
    /// `timeout`; panics with every event seen (and the host's stderr) if none comes.
    #[track_caller]
    pub fn wait_for(&mut self, predicate: impl Fn(&Value) -> bool, timeout: Duration) -> Value {
        let started = Instant::now();
        let deadline = started + timeout;
        let (lock, arrived) = &*self.record;
        let mut record = lock.lock().unwrap_or_else(|poison| poison.into_inner());
        loop {
            let found = (0..record.events.len())
                .find(|&index| !record.taken[index] && predicate(&record.events[index]));
            if let Some(index) = found {
                record.taken[index] = true;
                return record.events[index].clone();
            }
            let now = Instant::now();
            let why = if record.closed {
                "the host exited"
            } else if now >= deadline {
                "timed out"
            } else {
                record = arrived
                    .wait_timeout(record, deadline - now)
                    .unwrap_or_else(|poison| poison.into_inner())
                    .0;
                continue;
            };
            let listing = describe_record(&record);
            drop(record);
            panic!(
                "wait_for: no matching event ({why} after {:.1?})\n{listing}\n{}",
                started.elapsed(),
                self.stderr_tail()
            );
        }
    }

    /// Waits for the next event called `name`.
    #[track_caller]
    pub fn wait_event(&mut self, name: &str, timeout: Duration) -> Value {
        self.wait_for(|event| event["event"] == name, timeout)
    }

    /// Every event recorded so far (taken or not), in arrival order.
    pub fn events(&self) -> Vec<Value> {
        self.lock_record().events.clone()
    }

    /// Waits until the debug log contains `needle`; panics with the log after `timeout`.
    #[track_caller]
    pub fn wait_for_log(&self, needle: &str, timeout: Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while !self.debug_log().contains(needle) {
            assert!(
                std::time::Instant::now() < deadline,
                "the debug log never said {needle:?}:\n{}",
                self.debug_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The `--debug-log` file as written so far (empty without `debug_log: true`).
    pub fn debug_log(&self) -> String {
        self.debug_log
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default()
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// The recorded events and the host's stderr, for failure messages.
    pub fn diagnosis(&self) -> String {
        format!(
            "{}\n{}",
            describe_record(&self.lock_record()),
            self.stderr_tail()
        )
    }

    fn lock_record(&self) -> MutexGuard<'_, Record> {
        self.record
            .0
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn stderr_tail(&self) -> String {
        let stderr = std::fs::read_to_string(&self.stderr_path).unwrap_or_default();
        let lines: Vec<&str> = stderr.lines().filter(|line| !line.is_empty()).collect();
        let tail = &lines[lines.len().saturating_sub(40)..];
        format!(
            "host stderr (last {} lines):\n{}",
            tail.len(),
            tail.join("\n")
        )
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            // Errors mean the host is gone already; EOF (dropping stdin) also asks it to quit.
            let _ = stdin.write_all(b"{\"cmd\":\"quit\"}\n");
        }
        let deadline = Instant::now() + QUIT_GRACE;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(_)) => return,
                Ok(None) => thread::sleep(Duration::from_millis(20)),
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_events(stdout: impl std::io::Read, record: Shared) {
    let (lock, arrived) = &*record;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        // A line that is not JSON is itself a finding; keep it visible.
        let event = serde_json::from_str(&line)
            .unwrap_or_else(|_| json!({"event": "unparsed_output", "line": line}));
        let mut record = lock.lock().unwrap_or_else(|poison| poison.into_inner());
        record.events.push(event);
        record.taken.push(false);
        arrived.notify_all();
    }
    lock.lock()
        .unwrap_or_else(|poison| poison.into_inner())
        .closed = true;
    arrived.notify_all();
}

/// One line per event, `*` marking those a wait already took; huge events are shortened.
fn describe_record(record: &Record) -> String {
    const MAX_LINE: usize = 600;
    let mut listing = format!(
        "events seen ({}, * = already taken):\n",
        record.events.len()
    );
    for (event, taken) in record.events.iter().zip(&record.taken) {
        let mut line = event.to_string();
        if line.len() > MAX_LINE {
            let cut = (0..=MAX_LINE)
                .rev()
                .find(|&index| line.is_char_boundary(index))
                .unwrap_or(0);
            line.truncate(cut);
            line.push_str(" …");
        }
        let _ = writeln!(listing, "{} {line}", if *taken { '*' } else { ' ' });
    }
    if record.closed {
        listing.push_str("(host stdout closed)\n");
    }
    listing
}

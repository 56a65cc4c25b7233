//! Runs `lync-testserver` (testserver/) as a child process for end-to-end tests.
//!
//! [`TestServer::start`] writes the given TOML config to a temp dir (which is also its
//! `state_dir` unless the config names one), starts the binary, and parses the JSON line it
//! prints when ready. Dropping it stops the server (SIGTERM, then SIGKILL).
//!
//! The binary is `target/<profile>/lync-testserver` (`cargo test --workspace` builds it);
//! when it is missing or older than the sources, it is built first (`cargo build -p
//! lync-testserver`). `LYNC_TESTSERVER_BIN` names another one. Only when needed, because
//! that build resolves features without the root package's dev-dependencies, so it rebuilds
//! purple-lync, whose cdylib and rlib file names carry no hash: the next `cargo test` then
//! rebuilds it again.
//!
//! Generating the CA and server keys (two RSA 2048 keys) takes a second or more on a busy
//! machine, so the first server's state is kept in `CARGO_TARGET_TMPDIR` and copied into the
//! state dir of every later one.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use openssl::ssl::{SslConnector, SslMethod};
use serde_json::Value;

use super::{TIMEOUT, build_package, profile_dir};

/// How long a stopped server gets to exit on SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(3);

pub fn server_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            if let Some(path) = std::env::var_os("LYNC_TESTSERVER_BIN") {
                return PathBuf::from(path);
            }
            let binary = profile_dir().join("lync-testserver");
            if !is_newer_than_sources(&binary) {
                build_package("lync-testserver");
            }
            binary
        })
        .clone()
}

/// Whether `binary` exists and is newer than every source it is built from.
fn is_newer_than_sources(binary: &Path) -> bool {
    let Ok(built) = std::fs::metadata(binary).and_then(|m| m.modified()) else {
        return false;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "src",
        "testserver/src",
        "testserver/Cargo.toml",
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
    ]
    .iter()
    .all(|source| newest_change(&root.join(source)).is_none_or(|changed| changed <= built))
}

/// The newest modification time of a file, or of any file below a directory.
fn newest_change(path: &Path) -> Option<SystemTime> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_dir() {
        return metadata.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| newest_change(&entry.path()))
        .max()
}

/// Where the first server's certificates are kept for later ones.
fn certificate_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("lync-testserver-state")
}

/// Copies the cached certificates (if any) into a new server's state dir.
fn seed_state_dir(state_dir: &Path) {
    std::fs::create_dir_all(state_dir).expect("server state dir");
    let Ok(cached) = std::fs::read_dir(certificate_cache()) else {
        return;
    };
    for entry in cached.filter_map(|entry| entry.ok()) {
        let _ = std::fs::copy(entry.path(), state_dir.join(entry.file_name()));
    }
}

/// Keeps a started server's certificates for the next ones, unless some are kept already.
/// Copied to a private dir first and renamed into place, so no reader sees half of them.
fn remember_state_dir(state_dir: &Path) {
    let cache = certificate_cache();
    if cache.exists() {
        return;
    }
    let staging = cache.with_extension(format!(
        "{}-{:?}",
        std::process::id(),
        thread::current().id()
    ));
    let copied = std::fs::create_dir_all(&staging).is_ok()
        && std::fs::read_dir(state_dir).is_ok_and(|entries| {
            entries
                .filter_map(|entry| entry.ok())
                .all(|entry| std::fs::copy(entry.path(), staging.join(entry.file_name())).is_ok())
        });
    if !copied || std::fs::rename(&staging, &cache).is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
}

pub struct TestServer {
    child: Child,
    pub sip_tls: SocketAddr,
    pub sip_tcp: Option<SocketAddr>,
    pub https: SocketAddr,
    pub domain: String,
    /// The CA that issued the server's certificate, as PEM.
    pub ca_pem: PathBuf,
    stderr_path: PathBuf,
    dir: tempfile::TempDir,
}

impl TestServer {
    /// Starts a server with this config (TOML) and waits until it accepts connections.
    #[track_caller]
    pub fn start(config: &str) -> TestServer {
        let dir = tempfile::Builder::new()
            .prefix("lync-testserver-")
            .tempdir()
            .expect("temp dir for the server");
        let config_path = dir.path().join("server.toml");
        let mut text = String::new();
        let own_state_dir = (!config.contains("state_dir")).then(|| dir.path().join("state"));
        if let Some(state_dir) = &own_state_dir {
            seed_state_dir(state_dir);
            // Top-level keys must come before the first table, so it goes first.
            text.push_str(&format!("state_dir = '{}'\n", state_dir.display()));
        }
        text.push_str(config);
        std::fs::write(&config_path, text).expect("write the server config");

        let stderr_path = dir.path().join("server.stderr");
        let stderr = std::fs::File::create(&stderr_path).expect("server stderr file");
        let mut child = Command::new(server_binary())
            .arg("--config")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", server_binary().display()));

        let stdout = child.stdout.take().expect("server stdout");
        let (line_tx, line_rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = line_tx.send(line);
        });
        let line = line_rx.recv_timeout(TIMEOUT).unwrap_or_default();
        let ready: Value = match serde_json::from_str(&line) {
            Ok(ready) => ready,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "lync-testserver did not print its ready line (got {line:?}); stderr:\n{}",
                    std::fs::read_to_string(&stderr_path).unwrap_or_default()
                );
            }
        };
        if let Some(state_dir) = &own_state_dir {
            remember_state_dir(state_dir);
        }
        let address = |key: &str| -> Option<SocketAddr> {
            ready[key].as_str().map(|text| {
                text.parse()
                    .unwrap_or_else(|_| panic!("{key} in the ready line: {ready}"))
            })
        };
        TestServer {
            sip_tls: address("sip_tls").expect("sip_tls in the ready line"),
            sip_tcp: address("sip_tcp"),
            https: address("https").expect("https in the ready line"),
            domain: ready["domain"].as_str().unwrap_or_default().to_owned(),
            ca_pem: PathBuf::from(ready["ca_pem"].as_str().expect("ca_pem in the ready line")),
            child,
            stderr_path,
            dir,
        }
    }

    pub fn sip_tcp_port(&self) -> u16 {
        self.sip_tcp
            .expect("the config has no listen.sip_tcp")
            .port()
    }

    pub fn sip_tls_port(&self) -> u16 {
        self.sip_tls.port()
    }

    /// Everything the server logged so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// Waits until the server's log has a line containing every one of `needles`; returns
    /// that line.
    #[track_caller]
    pub fn wait_for_log(&self, needles: &[&str], timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let log = self.stderr();
            if let Some(line) = log
                .lines()
                .find(|line| needles.iter().all(|needle| line.contains(needle)))
            {
                return line.to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "no server log line contains all of {needles:?}; the log:\n{log}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET /counters` over HTTPS, checking the server certificate against the server's CA.
    #[track_caller]
    pub fn counters(&self) -> Value {
        let body = self
            .https_get("/counters")
            .unwrap_or_else(|err| panic!("GET /counters: {err}\n{}", self.stderr()));
        serde_json::from_str(&body).unwrap_or_else(|_| panic!("counters are not JSON: {body}"))
    }

    /// Polls the counters until `predicate` holds; returns them.
    #[track_caller]
    pub fn wait_for_counters(
        &self,
        predicate: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let counters = self.counters();
            if predicate(&counters) {
                return counters;
            }
            assert!(
                Instant::now() < deadline,
                "counters never matched: {counters}\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// A GET over HTTPS (HTTP/1.1, one request per connection); the body of a 200.
    pub fn https_get(&self, path: &str) -> Result<String, String> {
        let mut connector =
            SslConnector::builder(SslMethod::tls_client()).map_err(|err| err.to_string())?;
        connector
            .set_ca_file(&self.ca_pem)
            .map_err(|err| format!("load {}: {err}", self.ca_pem.display()))?;
        let tcp = TcpStream::connect(self.https).map_err(|err| err.to_string())?;
        tcp.set_read_timeout(Some(TIMEOUT))
            .map_err(|err| err.to_string())?;
        let host = self.https.ip().to_string();
        let mut tls = connector
            .build()
            .connect(&host, tcp)
            .map_err(|err| format!("TLS to {}: {err}", self.https))?;
        let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        tls.write_all(request.as_bytes())
            .map_err(|err| err.to_string())?;
        let mut response = Vec::new();
        // The server closes after its answer; an unclean TLS close is fine here.
        let _ = tls.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response
            .split_once("\r\n\r\n")
            .ok_or_else(|| format!("no HTTP response: {response:?}"))?;
        if head.starts_with("HTTP/1.1 200 ") {
            Ok(body.to_owned())
        } else {
            Err(format!("not 200: {head}"))
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl TestServer {
    /// Stops the server as a service manager would (SIGTERM) and returns how it exited.
    pub fn stop(mut self) -> Option<std::process::ExitStatus> {
        self.terminate()
    }

    /// Stops the server as SIGSTOP does (a hung machine): it neither reads nor answers, and
    /// its connections stay open. [`TestServer::resume`] lets it go on.
    pub fn freeze(&mut self) {
        self.signal(libc::SIGSTOP);
    }

    pub fn resume(&mut self) {
        self.signal(libc::SIGCONT);
    }

    fn signal(&mut self, signal: libc::c_int) {
        if let Ok(None) = self.child.try_wait() {
            let pid = libc::pid_t::try_from(self.child.id()).unwrap_or(0);
            if pid > 0 {
                // SAFETY: kill(2) on our own child, which has not been reaped yet.
                unsafe {
                    libc::kill(pid, signal);
                }
            }
        }
    }

    fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        // Reaped already (std remembers the status): its pid may belong to someone else now.
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        let pid = libc::pid_t::try_from(self.child.id()).unwrap_or(0);
        if pid > 0 {
            // SAFETY: kill(2) on our own child, which has not been reaped yet; a frozen
            // one must run again to handle SIGTERM.
            unsafe {
                libc::kill(pid, libc::SIGCONT);
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) => thread::sleep(Duration::from_millis(10)),
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.terminate();
    }
}

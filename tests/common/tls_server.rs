//! A throw-away TLS server with a self-signed certificate: `openssl s_server`, which prints
//! whatever the client sends. Enough to see a plugin's certificate prompt and its first bytes
//! after the handshake. Needs the `openssl` command-line tool.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct TlsServer {
    child: Child,
    port: u16,
    received: PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsServer {
    /// Starts a server for a certificate issued to (and by) `CN=127.0.0.1`.
    pub fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("tls-server-")
            .tempdir()
            .expect("temp dir");
        let cert = dir.path().join("cert.pem");
        let key = dir.path().join("key.pem");
        let status = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args(["-subj", "/CN=127.0.0.1", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("this test needs the openssl command-line tool");
        assert!(status.success(), "openssl req failed ({status})");

        let port = super::closed_port();
        let received = dir.path().join("received.txt");
        let child = Command::new("openssl")
            .args(["s_server", "-quiet", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(&cert)
            .arg("-key")
            .arg(&key)
            // s_server ends a session when its stdin ends, so stdin stays open (piped).
            .stdin(Stdio::piped())
            .stdout(std::fs::File::create(&received).expect("output file"))
            .stderr(std::fs::File::create(dir.path().join("stderr.txt")).expect("stderr file"))
            .spawn()
            .expect("start openssl s_server");
        let server = Self {
            child,
            port,
            received,
            _dir: dir,
        };
        server.wait_until_listening();
        server
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// What clients have sent so far (after TLS decryption).
    pub fn received(&self) -> String {
        std::fs::read_to_string(&self.received).unwrap_or_default()
    }

    /// Waits until `needle` has been received, or panics after `timeout`.
    pub fn wait_for_data(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.contains(needle) {
                return received;
            }
            assert!(
                Instant::now() < deadline,
                "the TLS server never received {needle:?}; it got:\n{received}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A plain TCP connect succeeds once s_server listens (the empty session it sees is
    /// harmless: it goes on accepting).
    fn wait_until_listening(&self) {
        let deadline = Instant::now() + super::TIMEOUT;
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "openssl s_server did not start listening"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

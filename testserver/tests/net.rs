//! The `lync-testserver` binary on real loopback sockets: the ready line, TLS, framing,
//! hostile input, HTTPS and a clean exit on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use lync_testserver::tls::Certificates;
use openssl::ssl::{SslConnector, SslMethod, SslStream, SslVersion};
use openssl::x509::X509;
use purple_lync::sip::{Decoder, Frame, Message};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(10);

const CONFIG: &str = r#"
domain = "contoso.test"
[listen]
sip_tcp = "127.0.0.1:0"
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
"#;

struct Running {
    child: Child,
    ready: Value,
    _dir: tempfile::TempDir,
    stderr: PathBuf,
}

/// A state dir for one server, holding certificates made once (RSA key generation takes a
/// second or more on a busy machine, and most tests do not care which keys they get).
fn seeded_state_dir(parent: &Path) -> PathBuf {
    static CACHE: OnceLock<PathBuf> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("net-test-state");
        if !cache.exists() {
            // Made aside and renamed into place: a parallel test process never sees half.
            let staging = cache.with_extension(std::process::id().to_string());
            Certificates::load_or_create(&staging, "lyncfe.contoso.test").unwrap();
            if std::fs::rename(&staging, &cache).is_err() {
                std::fs::remove_dir_all(&staging).unwrap();
            }
        }
        cache
    });
    let state = parent.join("state");
    std::fs::create_dir(&state).unwrap();
    for entry in std::fs::read_dir(cache).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), state.join(entry.file_name())).unwrap();
    }
    state
}

impl Running {
    /// A server whose certificates come from [`seeded_state_dir`].
    fn start(config: &str) -> Running {
        Running::start_with(config, true)
    }

    /// A server that makes its own certificates in a temporary state dir.
    fn start_without_state_dir(config: &str) -> Running {
        Running::start_with(config, false)
    }

    fn start_with(config: &str, seeded: bool) -> Running {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("server.toml");
        let mut text = String::new();
        if seeded {
            let state = seeded_state_dir(dir.path());
            text.push_str(&format!("state_dir = '{}'\n", state.display()));
        }
        text.push_str(config);
        std::fs::write(&config_path, text).unwrap();
        let stderr = dir.path().join("stderr");
        let mut child = Command::new(env!("CARGO_BIN_EXE_lync-testserver"))
            .arg("--config")
            .arg(&config_path)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let ready = serde_json::from_str(&line).unwrap_or_else(|_| {
            panic!(
                "no ready line ({line:?}); stderr:\n{}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            )
        });
        Running {
            child,
            ready,
            _dir: dir,
            stderr,
        }
    }

    fn address(&self, key: &str) -> SocketAddr {
        self.ready[key].as_str().unwrap().parse().unwrap()
    }

    fn ca_pem(&self) -> PathBuf {
        PathBuf::from(self.ready["ca_pem"].as_str().unwrap())
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Waits for a log line containing `needle` (the server logs after it acts, so a client
    /// can see the effect first).
    fn wait_for_log(&self, needle: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.log().contains(needle) {
            assert!(Instant::now() < deadline, "{needle:?} never logged");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn terminate(&mut self) -> ExitStatus {
        if let Ok(Some(status)) = self.child.try_wait() {
            return status;
        }
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: kill(2) on our own child, not yet reaped.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.child.kill().unwrap();
        panic!("the server ignored SIGTERM");
    }

    fn tls_connector(&self) -> SslConnector {
        let mut connector = SslConnector::builder(SslMethod::tls_client()).unwrap();
        connector.set_ca_file(self.ca_pem()).unwrap();
        connector.build()
    }

    fn tls(&self, key: &str, host_name: &str) -> SslStream<TcpStream> {
        let tcp = TcpStream::connect(self.address(key)).unwrap();
        tcp.set_read_timeout(Some(TIMEOUT)).unwrap();
        self.tls_connector().connect(host_name, tcp).unwrap()
    }

    fn https(&self, request: &str) -> String {
        let mut tls = self.tls("https", "127.0.0.1");
        tls.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        let _ = tls.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("server log:\n{}", self.log());
        }
        self.terminate();
    }
}

fn register(cseq: u32) -> String {
    format!(
        "REGISTER sip:contoso.test SIP/2.0\r\n\
         Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK{cseq}\r\n\
         From: <sip:alice@contoso.test>;tag=1;epid=abcdef0123\r\n\
         To: <sip:alice@contoso.test>\r\n\
         Call-ID: call-1\r\n\
         CSeq: {cseq} REGISTER\r\n\
         Content-Length: 0\r\n\r\n"
    )
}

/// The next SIP message on `stream`, or `None` when the server closed it.
fn next_message(stream: &mut impl Read, decoder: &mut Decoder) -> Option<Message> {
    let deadline = Instant::now() + TIMEOUT;
    let mut buf = [0u8; 4096];
    loop {
        match decoder.next_frame().unwrap() {
            Some(Frame::Message(message)) => return Some(message),
            Some(Frame::KeepAlive) => continue,
            None => {}
        }
        assert!(Instant::now() < deadline, "no answer from the server");
        match stream.read(&mut buf) {
            Ok(0) => return None,
            Ok(n) => decoder.push(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return None,
            Err(e) => panic!("read: {e}"),
        }
    }
}

fn assert_ntlm_challenge(message: &Message, cseq: u32) {
    assert_eq!(message.status_code(), Some(401), "{message:?}");
    assert_eq!(
        message.header("CSeq"),
        Some(format!("{cseq} REGISTER").as_str())
    );
    let offers: Vec<&str> = message.headers("WWW-Authenticate").collect();
    assert!(
        offers[0].starts_with("NTLM realm=\"SIP Communications Service\""),
        "{offers:?}"
    );
}

fn tcp(server: &Running) -> TcpStream {
    let stream = TcpStream::connect(server.address("sip_tcp")).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream
}

fn is_ca(pem: &Path) -> bool {
    let ca = X509::from_pem(&std::fs::read(pem).unwrap()).unwrap();
    let cn = ca
        .subject_name()
        .entries()
        .next()
        .unwrap()
        .data()
        .to_string()
        .unwrap();
    cn == "lync-testserver CA"
}

#[test]
fn the_ready_line_names_the_listeners_and_sigterm_exits_cleanly() {
    let mut server = Running::start_without_state_dir("domain = \"contoso.test\"\n");
    assert_eq!(server.ready["domain"], "contoso.test");
    assert!(server.ready["sip_tcp"].is_null(), "{}", server.ready);
    assert_eq!(server.address("sip_tls").ip().to_string(), "127.0.0.1");
    assert_ne!(server.address("sip_tls").port(), 0);
    assert_ne!(server.address("https"), server.address("sip_tls"));
    let ca_pem = server.ca_pem();
    assert!(is_ca(&ca_pem));

    let status = server.terminate();
    assert!(status.success(), "{status}");
    assert!(
        server.log().contains("stopping on SIGTERM"),
        "{}",
        server.log()
    );
    // The certificates lived in a temporary state dir, which is gone.
    assert!(!ca_pem.exists(), "{} left behind", ca_pem.display());
}

#[test]
fn register_over_tcp_and_tls_is_challenged_and_tls_names_the_server() {
    let server = Running::start(CONFIG);
    let mut stream = tcp(&server);
    stream.write_all(register(1).as_bytes()).unwrap();
    let mut decoder = Decoder::new();
    assert_ntlm_challenge(&next_message(&mut stream, &mut decoder).unwrap(), 1);

    // The certificate chains to the CA and names the server (SNI and host name check).
    let mut tls = server.tls("sip_tls", "lyncfe.contoso.test");
    tls.write_all(register(2).as_bytes()).unwrap();
    let mut decoder = Decoder::new();
    assert_ntlm_challenge(&next_message(&mut tls, &mut decoder).unwrap(), 2);

    server.wait_for_log("opened, SIP/TCP from 127.0.0.1:");
    server.wait_for_log("opened, SIP/TLS from 127.0.0.1:");
    server.wait_for_log("REGISTER sip:contoso.test from sip:alice@contoso.test -> 401");
}

#[test]
fn an_old_client_gets_tls_1_0_but_never_more_than_1_2() {
    let server = Running::start(CONFIG);
    let mut connector = SslConnector::builder(SslMethod::tls_client()).unwrap();
    connector.set_ca_file(server.ca_pem()).unwrap();
    connector
        .set_min_proto_version(Some(SslVersion::TLS1))
        .unwrap();
    connector
        .set_max_proto_version(Some(SslVersion::TLS1))
        .unwrap();
    connector.set_cipher_list("DEFAULT:@SECLEVEL=0").unwrap();
    let tcp = TcpStream::connect(server.address("sip_tls")).unwrap();
    let tls = connector.build().connect("127.0.0.1", tcp).unwrap();
    assert_eq!(tls.ssl().version_str(), "TLSv1");

    let modern = server.tls("sip_tls", "127.0.0.1");
    assert_eq!(modern.ssl().version_str(), "TLSv1.2");
}

#[test]
fn split_and_pipelined_messages_are_framed() {
    let server = Running::start(CONFIG);
    let mut stream = tcp(&server);
    stream.set_nodelay(true).unwrap();
    for byte in register(1).as_bytes() {
        stream.write_all(&[*byte]).unwrap();
    }
    // A keep-alive between messages, then two at once.
    let pipelined = format!("\r\n\r\n{}{}", register(2), register(3));
    stream.write_all(pipelined.as_bytes()).unwrap();
    let mut decoder = Decoder::new();
    for cseq in 1..=3 {
        assert_ntlm_challenge(&next_message(&mut stream, &mut decoder).unwrap(), cseq);
    }
}

#[test]
fn garbage_closes_only_that_connection() {
    let server = Running::start(CONFIG);
    let mut good = tcp(&server);

    let mut bad = tcp(&server);
    bad.write_all(b"\x16\x03\x01 this is not SIP\r\n\r\n")
        .unwrap();
    assert!(next_message(&mut bad, &mut Decoder::new()).is_none());

    let mut oversized = tcp(&server);
    let huge = format!(
        "REGISTER sip:contoso.test SIP/2.0\r\nX: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let _ = oversized.write_all(huge.as_bytes());
    assert!(next_message(&mut oversized, &mut Decoder::new()).is_none());

    // Plain text on the TLS port fails the handshake.
    let mut not_tls = TcpStream::connect(server.address("sip_tls")).unwrap();
    not_tls.set_read_timeout(Some(TIMEOUT)).unwrap();
    not_tls.write_all(register(1).as_bytes()).unwrap();
    let mut rest = Vec::new();
    let _ = not_tls.read_to_end(&mut rest);

    good.write_all(register(1).as_bytes()).unwrap();
    assert_ntlm_challenge(&next_message(&mut good, &mut Decoder::new()).unwrap(), 1);
    server.wait_for_log("closed (unreadable SIP");
    server.wait_for_log("TLS handshake failed");
}

#[test]
fn requests_before_registering_are_refused() {
    let server = Running::start(CONFIG);
    let mut stream = tcp(&server);
    let options = "OPTIONS sip:contoso.test SIP/2.0\r\n\
        Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKo\r\n\
        From: <sip:alice@contoso.test>;tag=1\r\n\
        To: <sip:contoso.test>\r\n\
        Call-ID: o-1\r\n\
        CSeq: 1 OPTIONS\r\n\
        Content-Length: 0\r\n\r\n";
    stream.write_all(options.as_bytes()).unwrap();
    let answer = next_message(&mut stream, &mut Decoder::new()).unwrap();
    assert_eq!(answer.status_code(), Some(403));
}

#[test]
fn https_serves_counters_and_404_for_the_rest() {
    let server = Running::start(CONFIG);
    let mut stream = tcp(&server);
    stream.write_all(register(1).as_bytes()).unwrap();
    next_message(&mut stream, &mut Decoder::new()).unwrap();

    let missing = server.https("GET /WebTicket/WebTicketService.svc HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(
        missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
        "{missing}"
    );
    assert!(missing.contains("\r\nContent-Length: 10\r\n"), "{missing}");

    let counters = server.https("GET /counters HTTP/1.1\r\nHost: x\r\n\r\n");
    let (head, body) = counters.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("Content-Type: application/json"), "{head}");
    let counters: Value = serde_json::from_str(body).unwrap();
    assert_eq!(counters["registers"], 1, "{counters}");
    assert_eq!(counters["signed_in"], 0, "{counters}");
    assert_eq!(
        counters["https_requests"], 1,
        "the 404 counts, /counters does not"
    );

    let bad = server.https("NONSENSE\r\n\r\n");
    assert!(bad.starts_with("HTTP/1.1 400 "), "{bad}");
}

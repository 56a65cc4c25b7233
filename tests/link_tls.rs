//! The transport link over real loopback sockets, against an independent TLS peer (OpenSSL):
//! whatever the session queues arrives whole and in order however slowly the peer reads, a
//! peer that stops reading fails the link instead of losing bytes, and one readable event
//! never reads more than its budget.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use openssl::asn1::Asn1Time;
use openssl::bn::BigNum;
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::ssl::{SslAcceptor, SslMethod, SslStream};
use openssl::x509::extension::{BasicConstraints, KeyUsage, SubjectAlternativeName};
use openssl::x509::{X509, X509Builder, X509NameBuilder};
use proptest::prelude::*;
use purple_lync::link::{Limits, ReadEvent, StreamLink, WriteError};
use rustls::pki_types::CertificateDer;
use socket2::SockRef;

/// Small kernel buffers so that the link really meets a full socket.
const SOCKET_BUFFER: usize = 16 * 1024;
const DEADLINE: Duration = Duration::from_secs(120);

fn ec_key() -> PKey<Private> {
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
    PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap()
}

fn certificate(
    subject: &str,
    key: &PKey<Private>,
    issuer: Option<(&X509, &PKey<Private>)>,
) -> X509 {
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", subject).unwrap();
    let name = name.build();
    let mut builder = X509Builder::new().unwrap();
    builder.set_version(2).unwrap();
    let serial = BigNum::from_u32(if issuer.is_some() { 2 } else { 1 }).unwrap();
    builder
        .set_serial_number(&serial.to_asn1_integer().unwrap())
        .unwrap();
    builder.set_subject_name(&name).unwrap();
    builder
        .set_issuer_name(issuer.map_or(&name, |(ca, _)| ca.subject_name()))
        .unwrap();
    builder.set_pubkey(key).unwrap();
    builder
        .set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    builder
        .set_not_after(&Asn1Time::days_from_now(2).unwrap())
        .unwrap();
    match issuer {
        None => {
            builder
                .append_extension(BasicConstraints::new().critical().ca().build().unwrap())
                .unwrap();
            builder
                .append_extension(KeyUsage::new().critical().key_cert_sign().build().unwrap())
                .unwrap();
            builder.sign(key, MessageDigest::sha256()).unwrap();
        }
        Some((_, ca_key)) => {
            let san = SubjectAlternativeName::new()
                .dns(subject)
                .build(&builder.x509v3_context(issuer.map(|(ca, _)| &**ca), None))
                .unwrap();
            builder.append_extension(san).unwrap();
            builder.sign(ca_key, MessageDigest::sha256()).unwrap();
        }
    }
    builder.build()
}

/// A CA, the server's acceptor for "localhost" and a rustls client config trusting the CA.
struct Pki {
    acceptor: SslAcceptor,
    client: Arc<rustls::ClientConfig>,
}

fn pki() -> Pki {
    let ca_key = ec_key();
    let ca = certificate("purple-lync link test CA", &ca_key, None);
    let leaf_key = ec_key();
    let leaf = certificate("localhost", &leaf_key, Some((&ca, &ca_key)));
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls_server()).unwrap();
    acceptor.set_private_key(&leaf_key).unwrap();
    acceptor.set_certificate(&leaf).unwrap();
    acceptor.add_extra_chain_cert(ca.clone()).unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(ca.to_der().unwrap()))
        .unwrap();
    let client = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    Pki {
        acceptor: acceptor.build(),
        client: Arc::new(client),
    }
}

/// Small kernel buffers so that the link really meets a full socket (not for the flood
/// test, whose subject is the read budget: windows below the loopback MSS make the kernel's
/// window updates wait on timers, seconds for a few MB).
fn small_buffers(socket: &TcpStream, small: bool) {
    if !small {
        return;
    }
    // Without NODELAY, tiny windows meet Nagle and delayed ACKs: 40 ms stalls, not load.
    socket.set_nodelay(true).unwrap();
    let socket = SockRef::from(socket);
    socket.set_recv_buffer_size(SOCKET_BUFFER).unwrap();
    socket.set_send_buffer_size(SOCKET_BUFFER).unwrap();
}

/// A tiny deterministic generator for the peer's read sizes and pauses.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Accepts one TLS client on `listener` and hands the stream to `serve`.
fn serve_one<T: Send + 'static>(
    listener: TcpListener,
    small: bool,
    acceptor: SslAcceptor,
    serve: impl FnOnce(SslStream<TcpStream>) -> T + Send + 'static,
) -> thread::JoinHandle<T> {
    thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        small_buffers(&socket, small);
        socket.set_read_timeout(Some(DEADLINE)).unwrap();
        serve(acceptor.accept(socket).unwrap())
    })
}

/// Connects a non-blocking TLS link to `port` and runs the handshake.
fn connect(
    port: u16,
    client: Arc<rustls::ClientConfig>,
    limits: Limits,
    small: bool,
) -> StreamLink<TcpStream> {
    let socket = TcpStream::connect(("127.0.0.1", port)).unwrap();
    small_buffers(&socket, small);
    socket.set_nonblocking(true).unwrap();
    let mut link = StreamLink::tls(socket, client, "localhost", limits).unwrap();
    let started = Instant::now();
    while !link.is_established() {
        assert!(started.elapsed() < DEADLINE, "handshake did not finish");
        link.flush().unwrap();
        for event in link.on_readable() {
            assert!(
                matches!(event, ReadEvent::Established),
                "unexpected {event:?}"
            );
        }
        thread::sleep(Duration::from_millis(1));
    }
    // TLS 1.3: our Finished is still to be sent (the glue flushes after every read).
    link.flush().unwrap();
    link
}

/// Sends `messages` one after another as the session would (queue, flush, wait for the
/// socket) to a peer that reads in random small pieces with pauses; returns what it read.
fn send_to_slow_reader(messages: &[Vec<u8>], seed: u64) -> Vec<u8> {
    let pki = pki();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let expected: usize = messages.iter().map(Vec::len).sum();
    let reader = serve_one(listener, true, pki.acceptor, move |mut tls| {
        let mut random = Lcg(seed);
        let mut received = Vec::with_capacity(expected);
        let mut buf = vec![0u8; 64 * 1024];
        while received.len() < expected {
            let want = 1 + (random.next() as usize % buf.len());
            let n = tls.read(&mut buf[..want]).unwrap();
            assert!(n > 0, "the link closed early");
            received.extend_from_slice(&buf[..n]);
            if random.next().is_multiple_of(16) {
                thread::sleep(Duration::from_micros(random.next() % 2000));
            }
        }
        received
    });
    let mut link = connect(port, pki.client, Limits::DEFAULT, true);
    let started = Instant::now();
    for message in messages {
        link.queue(message.clone());
        while link.flush().unwrap() {
            assert!(started.elapsed() < DEADLINE, "sending did not finish");
            // Reads keep TLS 1.3 session tickets from piling up, as the glue does.
            for event in link.on_readable() {
                assert!(matches!(event, ReadEvent::Data(_)), "unexpected {event:?}");
            }
            thread::sleep(Duration::from_micros(200));
        }
    }
    let received = reader.join().unwrap();
    drop(link);
    received
}

/// Message sizes spread evenly over the orders of magnitude from 1 byte to 10 MB.
fn message_size() -> impl Strategy<Value = usize> {
    (0u32..=7, 0.0f64..1.0).prop_map(|(exponent, fraction)| {
        let size = 10f64.powf(exponent as f64 + fraction) as usize;
        size.clamp(1, 10_000_000)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn every_byte_reaches_a_slow_reader_in_order(
        sizes in prop::collection::vec(message_size(), 1..6),
        seed in any::<u64>(),
    ) {
        let messages: Vec<Vec<u8>> = sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| (0..size).map(|b| (b * 31 + i * 7) as u8).collect())
            .collect();
        let received = send_to_slow_reader(&messages, seed);
        let sent = messages.concat();
        prop_assert_eq!(received.len(), sent.len());
        prop_assert!(received == sent, "bytes differ");
    }
}

#[test]
fn a_ten_megabyte_message_arrives_whole() {
    let message: Vec<u8> = (0..10_000_000u32).map(|i| (i % 251) as u8).collect();
    let received = send_to_slow_reader(std::slice::from_ref(&message), 7);
    assert!(received == message);
}

#[test]
fn a_peer_that_stops_reading_fails_the_link_instead_of_losing_bytes() {
    let pki = pki();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (done, wait) = mpsc::channel::<()>();
    let peer = serve_one(listener, true, pki.acceptor, move |tls| {
        // Never reads; holds the connection open until the test is over.
        let _ = wait.recv_timeout(DEADLINE);
        drop(tls);
    });
    let limits = Limits {
        max_pending: 1024 * 1024,
        ..Limits::DEFAULT
    };
    let mut link = connect(port, pki.client, limits, true);
    let started = Instant::now();
    let error = loop {
        assert!(started.elapsed() < DEADLINE, "the link never gave up");
        link.queue(vec![b'x'; 64 * 1024]);
        match link.flush() {
            Ok(_) => {}
            Err(error) => break error,
        }
    };
    assert!(
        matches!(error, WriteError::PeerNotReading { pending } if pending > limits.max_pending),
        "{error:?}"
    );
    assert!(error.to_string().contains("stopped taking data"));
    done.send(()).unwrap();
    peer.join().unwrap();
}

#[test]
fn one_readable_event_reads_at_most_its_budget() {
    let pki = pki();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let flood = 4 * 1024 * 1024;
    let peer = serve_one(listener, false, pki.acceptor, move |mut tls| {
        // A keep-alive flood, as a hostile server would send it.
        let chunk = b"\r\n".repeat(8 * 1024);
        let mut sent = 0;
        while sent < flood {
            if tls.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
    });
    let limits = Limits {
        read_budget: 64 * 1024,
        ..Limits::DEFAULT
    };
    let mut link = connect(port, pki.client, limits, false);
    let mut total = 0;
    let started = Instant::now();
    let mut closed = false;
    while !closed {
        assert!(started.elapsed() < DEADLINE, "the flood did not arrive");
        let mut this_call = 0;
        for event in link.on_readable() {
            match event {
                ReadEvent::Data(bytes) => this_call += bytes.len(),
                ReadEvent::Closed(None) => closed = true,
                other => panic!("unexpected {other:?}"),
            }
        }
        // One TLS record (at most 16 KiB + overhead) may finish past the budget.
        assert!(this_call <= limits.read_budget + 17 * 1024, "{this_call}");
        total += this_call;
        if this_call == 0 {
            thread::sleep(Duration::from_millis(1));
        }
    }
    assert_eq!(total, flood);
    peer.join().unwrap();
}

//! TLS-DSK against an independent peer: an in-memory OpenSSL server that asks for a client
//! certificate, forced onto RSA key exchange suites. The proof is that OpenSSL accepts our
//! flight and that its RFC 5705 export ("client EAP encryption", no context, 128 bytes)
//! equals ours.
//!
//! The client certificate is made the way the plugin makes it: our RSA key and PKCS#10
//! request (auth::csr), signed by a test CA (OpenSSL). The CSR tests live here too, so the
//! one RSA-2048 key generation (seconds in debug builds) is shared.

use std::io::{self, Read, Write};
use std::sync::OnceLock;

use openssl::asn1::Asn1Time;
use openssl::bn::BigNum;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::ssl::{
    HandshakeError, MidHandshakeSslStream, Ssl, SslContext, SslMethod, SslStream, SslVerifyMode,
    SslVersion,
};
use openssl::x509::extension::{BasicConstraints, KeyUsage};
use openssl::x509::{X509, X509Builder, X509NameBuilder, X509Req};
use purple_lync::auth::csr::{CertificateRequest, CsrHash, generate_key};
use purple_lync::auth::tls_dsk::{
    AlertDescription, AlertLevel, CipherSuite, SessionKeys, SigningMac, Step, TlsDskClient,
    TlsDskConfig, TlsDskError, TlsVersion,
};
use purple_lync::engine::random::SeededRandom;

const SIP_ADDRESS: &str = "sip:alice@contoso.example";

/// The server's side of an in-memory connection: it reads what the client sent and
/// collects what it writes. With nothing to read it says WouldBlock, which suspends
/// OpenSSL's handshake until the next leg, as a SIP 401 round trip does.
#[derive(Debug, Default)]
struct Pipe {
    to_server: Vec<u8>,
    from_server: Vec<u8>,
}

impl Read for Pipe {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.to_server.is_empty() {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let count = buf.len().min(self.to_server.len());
        buf[..count].copy_from_slice(&self.to_server[..count]);
        self.to_server.drain(..count);
        Ok(count)
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.from_server.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn rsa_key(bits: u32) -> PKey<Private> {
    PKey::from_rsa(Rsa::generate(bits).unwrap()).unwrap()
}

fn name(common_name: &str) -> openssl::x509::X509Name {
    let mut builder = X509NameBuilder::new().unwrap();
    builder
        .append_entry_by_nid(Nid::COMMONNAME, common_name)
        .unwrap();
    builder.build()
}

fn public_part(key: &PKey<Private>) -> PKey<openssl::pkey::Public> {
    PKey::public_key_from_der(&key.public_key_to_der().unwrap()).unwrap()
}

/// A 30-day certificate for `subject`/`public_key`, signed by `issuer_key` in the name of
/// `issuer`; a CA certificate when `is_ca`.
fn issue(
    subject: &openssl::x509::X509NameRef,
    public_key: &PKey<openssl::pkey::Public>,
    issuer: &openssl::x509::X509NameRef,
    issuer_key: &PKey<Private>,
    serial: u32,
    is_ca: bool,
) -> X509 {
    let mut builder = X509Builder::new().unwrap();
    if is_ca {
        builder
            .append_extension(BasicConstraints::new().critical().ca().build().unwrap())
            .unwrap();
        builder
            .append_extension(KeyUsage::new().critical().key_cert_sign().build().unwrap())
            .unwrap();
    }
    builder.set_version(2).unwrap();
    let serial = BigNum::from_u32(serial).unwrap().to_asn1_integer().unwrap();
    builder.set_serial_number(&serial).unwrap();
    builder.set_subject_name(subject).unwrap();
    builder.set_issuer_name(issuer).unwrap();
    builder.set_pubkey(public_key).unwrap();
    builder
        .set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    builder
        .set_not_after(&Asn1Time::days_from_now(30).unwrap())
        .unwrap();
    builder.sign(issuer_key, MessageDigest::sha256()).unwrap();
    builder.build()
}

/// The test PKI: a CA, a server certificate it issued, and the client's key and
/// certificate made from our CSR.
struct Pki {
    ca_certificate: X509,
    server_certificate: X509,
    server_key: PKey<Private>,
    client_key: rsa::PrivateKey,
    client_certificate_der: Vec<u8>,
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let ca_key = rsa_key(2048);
        let ca_name = name("purple-lync test CA");
        let ca_certificate = issue(&ca_name, &public_part(&ca_key), &ca_name, &ca_key, 1, true);

        let server_key = rsa_key(2048);
        let server_certificate = issue(
            &name("pool.contoso.example"),
            &public_part(&server_key),
            &ca_name,
            &ca_key,
            2,
            false,
        );

        let client_key = generate_key(&mut SeededRandom::new(2024)).unwrap();
        let request = CertificateRequest::new(
            &client_key,
            SIP_ADDRESS,
            CsrHash::Sha1,
            &mut SeededRandom::new(1),
        )
        .unwrap();
        let request = X509Req::from_der(request.der()).unwrap();
        let client_certificate = issue(
            request.subject_name(),
            &request.public_key().unwrap(),
            &ca_name,
            &ca_key,
            3,
            false,
        );
        Pki {
            ca_certificate,
            server_certificate,
            server_key,
            client_key,
            client_certificate_der: client_certificate.to_der().unwrap(),
        }
    })
}

/// How the OpenSSL server is set up for one test.
struct ServerSetup {
    versions: (SslVersion, SslVersion),
    ciphers: &'static str,
    /// Signature algorithms the CertificateRequest allows (TLS 1.2).
    client_signature_algorithms: Option<&'static str>,
    require_client_certificate: bool,
    /// Trust our client certificate's CA (false: the server will reject it).
    trust_client_ca: bool,
}

impl ServerSetup {
    fn new(version: SslVersion, ciphers: &'static str) -> Self {
        ServerSetup {
            versions: (version, version),
            ciphers,
            client_signature_algorithms: None,
            require_client_certificate: true,
            trust_client_ca: true,
        }
    }

    fn context(&self) -> SslContext {
        let pki = pki();
        let mut builder = SslContext::builder(SslMethod::tls_server()).unwrap();
        builder.set_certificate(&pki.server_certificate).unwrap();
        builder.set_private_key(&pki.server_key).unwrap();
        if self.trust_client_ca {
            builder
                .cert_store_mut()
                .add_cert(pki.ca_certificate.clone())
                .unwrap();
        }
        if self.require_client_certificate {
            builder.set_verify(SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT);
        }
        builder
            .set_min_proto_version(Some(self.versions.0))
            .unwrap();
        builder
            .set_max_proto_version(Some(self.versions.1))
            .unwrap();
        builder.set_cipher_list(self.ciphers).unwrap();
        if let Some(algorithms) = self.client_signature_algorithms {
            builder.set_sigalgs_list(algorithms).unwrap();
        }
        builder.build()
    }
}

/// One TLS-DSK exchange; `tamper` may change the server's last leg before the client sees it.
struct Exchange {
    client: Result<SessionKeys, TlsDskError>,
    server: Option<SslStream<Pipe>>,
    server_hello_flight: Vec<u8>,
}

fn take_output(pipe: &mut Pipe) -> Vec<u8> {
    std::mem::take(&mut pipe.from_server)
}

fn run(setup: &ServerSetup, config: TlsDskConfig, tamper: impl FnOnce(&mut Vec<u8>)) -> Exchange {
    let mut client = TlsDskClient::new(config, &mut SeededRandom::new(77)).unwrap();
    let ssl = Ssl::new(&setup.context()).unwrap();
    let pipe = Pipe {
        to_server: client.start(),
        from_server: Vec::new(),
    };

    // Leg 1: ClientHello → ServerHello … ServerHelloDone (or an alert).
    let mut mid: MidHandshakeSslStream<Pipe> = match ssl.accept(pipe) {
        Err(HandshakeError::WouldBlock(mid)) => mid,
        Err(HandshakeError::Failure(mut mid)) => {
            let alert = take_output(mid.get_mut());
            return Exchange {
                client: client.handle(&alert).map(|step| panic!("{step:?}")),
                server: None,
                server_hello_flight: alert,
            };
        }
        Err(HandshakeError::SetupFailure(e)) => panic!("server setup: {e}"),
        Ok(_) => panic!("the server finished after one leg"),
    };
    let server_flight = take_output(mid.get_mut());

    // Leg 2: our Certificate … Finished → the server's ChangeCipherSpec + Finished.
    let our_flight = match client.handle(&server_flight) {
        Ok(Step::Send(flight)) => flight,
        Ok(Step::Done(_)) => panic!("keys before the server's Finished"),
        Err(error) => {
            return Exchange {
                client: Err(error),
                server: None,
                server_hello_flight: server_flight,
            };
        }
    };
    mid.get_mut().to_server = our_flight;
    let (mut last_leg, server) = match mid.handshake() {
        Ok(mut stream) => (take_output(stream.get_mut()), Some(stream)),
        Err(HandshakeError::Failure(mut mid)) => (take_output(mid.get_mut()), None),
        Err(other) => panic!("server did not finish: {other:?}"),
    };
    tamper(&mut last_leg);
    let client = client.handle(&last_leg).map(|step| match step {
        Step::Done(keys) => keys,
        Step::Send(_) => panic!("a third flight"),
    });
    Exchange {
        client,
        server,
        server_hello_flight: server_flight,
    }
}

fn config(versions: &[TlsVersion]) -> TlsDskConfig {
    let pki = pki();
    let mut config = TlsDskConfig::new(pki.client_certificate_der.clone(), pki.client_key.clone());
    config.versions = versions.to_vec();
    config
}

/// Runs a handshake that must succeed and checks our keys against OpenSSL's export.
fn assert_agrees_with_openssl(
    setup: &ServerSetup,
    config: TlsDskConfig,
    version: TlsVersion,
    suite: CipherSuite,
) -> SessionKeys {
    let exchange = run(setup, config, |_| {});
    let keys = exchange.client.expect("the handshake completes");
    let server = exchange.server.expect("the server completed");
    let ssl = server.ssl();

    let mut export = [0u8; 128];
    ssl.export_keying_material(&mut export, "client EAP encryption", None)
        .unwrap();
    assert_eq!(keys.eap_key_material(), &export);
    assert_eq!(keys.client_signing_key, export[64..96]);
    assert_eq!(keys.server_signing_key, export[96..128]);

    assert_eq!(keys.version, version);
    assert_eq!(keys.cipher_suite, suite);
    assert_eq!(
        ssl.current_cipher().and_then(|c| c.standard_name()),
        Some(suite.name())
    );
    assert_eq!(
        keys.server_certificate_der,
        pki().server_certificate.to_der().unwrap()
    );
    // The server saw and verified our provisioned certificate.
    assert_eq!(
        ssl.peer_certificate().unwrap().to_der().unwrap(),
        pki().client_certificate_der
    );
    assert_eq!(ssl.verify_result(), openssl::x509::X509VerifyResult::OK);
    // OpenSSL answered our renegotiation SCSV with an empty renegotiation_info.
    let empty_renegotiation_info = [0xff, 0x01, 0x00, 0x01, 0x00];
    assert!(
        exchange
            .server_hello_flight
            .windows(5)
            .any(|window| window == empty_renegotiation_info)
    );
    keys
}

#[test]
fn tls12_aes128_sha_matches_the_openssl_export() {
    let setup = ServerSetup::new(SslVersion::TLS1_2, "AES128-SHA:AES256-SHA");
    let keys = assert_agrees_with_openssl(
        &setup,
        config(&[TlsVersion::Tls12, TlsVersion::Tls10]),
        TlsVersion::Tls12,
        CipherSuite::RsaWithAes128CbcSha,
    );
    assert_eq!(keys.signing, SigningMac::HmacSha1);
}

#[test]
fn tls12_aes256_sha() {
    let setup = ServerSetup::new(SslVersion::TLS1_2, "AES256-SHA");
    assert_agrees_with_openssl(
        &setup,
        config(&[TlsVersion::Tls12]),
        TlsVersion::Tls12,
        CipherSuite::RsaWithAes256CbcSha,
    );
}

#[test]
fn tls12_sha256_suites_when_offered() {
    for (ciphers, suite) in [
        ("AES128-SHA256", CipherSuite::RsaWithAes128CbcSha256),
        ("AES256-SHA256", CipherSuite::RsaWithAes256CbcSha256),
    ] {
        let setup = ServerSetup::new(SslVersion::TLS1_2, ciphers);
        let mut with_sha256 = config(&[TlsVersion::Tls12]);
        with_sha256.offer_sha256_suites = true;
        let keys = assert_agrees_with_openssl(&setup, with_sha256, TlsVersion::Tls12, suite);
        assert_eq!(keys.signing, SigningMac::HmacSha256);
    }
}

#[test]
fn tls12_certificate_verify_with_sha1_when_the_server_allows_only_that() {
    let mut setup = ServerSetup::new(SslVersion::TLS1_2, "AES128-SHA:@SECLEVEL=0");
    setup.client_signature_algorithms = Some("RSA+SHA1");
    assert_agrees_with_openssl(
        &setup,
        config(&[TlsVersion::Tls12]),
        TlsVersion::Tls12,
        CipherSuite::RsaWithAes128CbcSha,
    );
}

#[test]
fn tls11_and_tls10_with_both_aes_suites() {
    for (openssl_version, version) in [
        (SslVersion::TLS1_1, TlsVersion::Tls11),
        (SslVersion::TLS1, TlsVersion::Tls10),
    ] {
        for (ciphers, suite) in [
            ("AES128-SHA:@SECLEVEL=0", CipherSuite::RsaWithAes128CbcSha),
            ("AES256-SHA:@SECLEVEL=0", CipherSuite::RsaWithAes256CbcSha),
        ] {
            let setup = ServerSetup::new(openssl_version, ciphers);
            assert_agrees_with_openssl(&setup, config(&[version]), version, suite);
        }
    }
}

#[test]
fn falls_back_to_tls10_when_the_server_allows_only_that() {
    let setup = ServerSetup::new(SslVersion::TLS1, "AES128-SHA:AES256-SHA:@SECLEVEL=0");
    let keys = assert_agrees_with_openssl(
        &setup,
        config(&[TlsVersion::Tls12, TlsVersion::Tls10]),
        TlsVersion::Tls10,
        CipherSuite::RsaWithAes128CbcSha,
    );
    assert_eq!(keys.signing, SigningMac::HmacSha1);
}

#[test]
fn the_default_offer_completes_with_a_modern_openssl_server() {
    let pki = pki();
    let config = TlsDskConfig::new(pki.client_certificate_der.clone(), pki.client_key.clone());
    let setup = ServerSetup {
        versions: (SslVersion::TLS1, SslVersion::TLS1_2),
        ..ServerSetup::new(SslVersion::TLS1_2, "AES256-SHA:AES128-SHA")
    };
    // OpenSSL follows the client's order unless told otherwise: ours has AES-128 first.
    assert_agrees_with_openssl(
        &setup,
        config,
        TlsVersion::Tls12,
        CipherSuite::RsaWithAes128CbcSha,
    );
}

#[test]
fn a_tls12_only_server_and_a_tls10_only_client_end_with_a_named_alert() {
    let setup = ServerSetup::new(SslVersion::TLS1_2, "AES128-SHA:AES256-SHA");
    let exchange = run(&setup, config(&[TlsVersion::Tls10]), |_| {});
    assert_eq!(
        exchange.client.err(),
        Some(TlsDskError::AlertReceived {
            level: AlertLevel::Fatal,
            description: AlertDescription::ProtocolVersion,
        })
    );
}

#[test]
fn rc4_is_not_offered_unless_allowed() {
    let client =
        TlsDskClient::new(config(&[TlsVersion::Tls12]), &mut SeededRandom::new(1)).unwrap();
    assert_eq!(
        client.offered_cipher_suites(),
        &[
            CipherSuite::RsaWithAes128CbcSha,
            CipherSuite::RsaWithAes256CbcSha
        ]
    );
}

#[test]
fn a_corrupted_server_finished_is_refused() {
    let setup = ServerSetup::new(SslVersion::TLS1_2, "AES128-SHA");
    let exchange = run(&setup, config(&[TlsVersion::Tls12]), |last_leg| {
        let last = last_leg.len() - 1;
        last_leg[last] ^= 0x01;
    });
    assert!(exchange.server.is_some(), "OpenSSL itself completed");
    assert_eq!(exchange.client.err(), Some(TlsDskError::BadRecordMac));
}

#[test]
fn a_server_that_does_not_trust_our_certificate_says_why() {
    let mut setup = ServerSetup::new(SslVersion::TLS1_2, "AES128-SHA");
    setup.trust_client_ca = false;
    let exchange = run(&setup, config(&[TlsVersion::Tls12]), |_| {});
    assert!(exchange.server.is_none());
    assert_eq!(
        exchange.client.err(),
        Some(TlsDskError::AlertReceived {
            level: AlertLevel::Fatal,
            description: AlertDescription::UnknownCa,
        })
    );
}

#[test]
fn a_server_that_asks_for_no_certificate_is_refused() {
    let mut setup = ServerSetup::new(SslVersion::TLS1_2, "AES128-SHA");
    setup.require_client_certificate = false;
    let exchange = run(&setup, config(&[TlsVersion::Tls12]), |_| {});
    assert_eq!(
        exchange.client.err(),
        Some(TlsDskError::NoCertificateRequest)
    );
}

// ---- auth::csr against OpenSSL ----

#[test]
fn openssl_reads_and_verifies_our_certificate_requests() {
    let key = &pki().client_key;
    // DER of the signature AlgorithmIdentifier: sha1/sha256WithRSAEncryption, NULL.
    let sha1_with_rsa = [
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05, 0x05, 0x00,
    ];
    let mut sha256_with_rsa = sha1_with_rsa;
    sha256_with_rsa[12] = 0x0b;
    for (hash, algorithm) in [
        (CsrHash::Sha1, sha1_with_rsa),
        (CsrHash::Sha256, sha256_with_rsa),
    ] {
        let request =
            CertificateRequest::new(key, SIP_ADDRESS, hash, &mut SeededRandom::new(3)).unwrap();
        let parsed = X509Req::from_der(request.der()).unwrap();
        let public_key = parsed.public_key().unwrap();
        assert!(parsed.verify(&public_key).unwrap(), "{hash:?} signature");
        assert_eq!(parsed.version(), 0);
        let common_names: Vec<String> = parsed
            .subject_name()
            .entries_by_nid(Nid::COMMONNAME)
            .map(|entry| entry.data().to_string().unwrap())
            .collect();
        assert_eq!(common_names, ["alice@contoso.example"]);
        assert_eq!(parsed.subject_name().entries().count(), 1);
        // signatureAlgorithm follows certificationRequestInfo: 1 + 3 length bytes + 257
        // bytes of BIT STRING for a 2048-bit signature end the request.
        let der = request.der();
        let algorithm_at = der.len() - (4 + 257) - algorithm.len();
        assert_eq!(
            &der[algorithm_at..algorithm_at + algorithm.len()],
            algorithm,
            "{hash:?}"
        );
        // The request's key is the key we generated, and it has no extensions.
        let rsa = public_key.rsa().unwrap();
        assert_eq!(rsa.n().num_bits(), 2048);
        assert!(parsed.extensions().is_err() || parsed.extensions().unwrap().is_empty());

        // The wrapped form decodes back to the DER.
        let wrapped = request.to_base64_lines();
        assert!(wrapped.split("\r\n").all(|line| line.len() <= 76));
        let unwrapped = openssl::base64::decode_block(&wrapped.replace("\r\n", "")).unwrap();
        assert_eq!(unwrapped, request.der());
    }
}

#[test]
fn key_debug_output_hides_the_private_parts() {
    use rsa::traits::PrivateKeyParts;
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let key = &pki().client_key;
    let secrets = [
        hex(&key.d().to_be_bytes()),
        hex(&key.primes()[0].to_be_bytes()),
        hex(&key.primes()[1].to_be_bytes()),
    ];
    let config = config(&[TlsVersion::Tls12]);
    for debug in [format!("{key:?}"), format!("{config:?}")] {
        let debug = debug.to_lowercase();
        for secret in &secrets {
            // Any 16 hex digits from the middle of a private value would be a leak.
            assert!(!debug.contains(&secret[100..116]), "{debug}");
        }
    }
}

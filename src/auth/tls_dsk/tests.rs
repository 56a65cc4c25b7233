//! Handshake tests against a scripted server built from this module's own primitives.
//!
//! The scripted server needs no private key: it reads the master secret out of the client
//! under test. That makes flights that OpenSSL would never send easy to write (wrong
//! verify_data under a valid MAC, unsolicited extensions, split messages); the
//! interoperability proof is tests/tls_dsk_openssl.rs.

use std::sync::OnceLock;

use proptest::prelude::*;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::{PrivateKey, PublicKey};

use super::cipher::{CipherSuite, Direction, RecordProtection, key_block_len};
use super::error::{AlertDescription, AlertLevel, TlsDskError};
use super::handshake::{State, Step, TlsDskClient, TlsDskConfig};
use super::keys::SigningMac;
use super::prf::Prf;
use super::records::{
    CONTENT_ALERT, CONTENT_CHANGE_CIPHER_SPEC, CONTENT_HANDSHAKE, TlsVersion, handshake_message,
    handshake_type, put_vec, split_records, write_record,
};
use crate::engine::random::SeededRandom;

const TEST_KEY_PEM: &str = include_str!("../../../tests/data/tls_dsk_test_key.pem");

fn test_key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::from_pkcs8_pem(TEST_KEY_PEM).expect("test key parses"))
}

/// A DER TLV with a definite length.
fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match contents.len() {
        length @ 0..=0x7f => out.push(length as u8),
        length @ 0x80..=0xff => out.extend([0x81, length as u8]),
        length => out.extend([0x82, (length >> 8) as u8, length as u8]),
    }
    out.extend_from_slice(contents);
    out
}

/// Just enough certificate for the client: the structure up to subjectPublicKeyInfo.
fn scripted_certificate(key: &PublicKey) -> Vec<u8> {
    let spki = key.to_public_key_der().expect("SPKI encodes").into_vec();
    let tbs = [
        tlv(0xa0, &tlv(0x02, &[2])),
        tlv(0x02, &[0x01, 0x23]),
        tlv(0x30, &[]),
        tlv(0x30, &[]),
        tlv(0x30, &[]),
        tlv(0x30, &[]),
        spki,
    ]
    .concat();
    tlv(
        0x30,
        &[tlv(0x30, &tbs), tlv(0x30, &[]), tlv(0x03, &[0])].concat(),
    )
}

/// What the scripted server puts in its first flight; tests change fields to misbehave.
#[derive(Clone)]
struct ScriptedServer {
    version: u16,
    suite: u16,
    random: [u8; 32],
    hello_extensions: Option<Vec<u8>>,
    certificate: Vec<u8>,
    /// certificate_types, (TLS 1.2) supported_signature_algorithms, authorities.
    certificate_request: Option<Vec<u8>>,
    /// Handshake records carry at most this many bytes (to split messages).
    record_size: usize,
}

impl ScriptedServer {
    fn new(version: TlsVersion, suite: CipherSuite) -> Self {
        let mut request = Vec::new();
        put_vec(&mut request, 1, &[1, 64]);
        if version == TlsVersion::Tls12 {
            put_vec(&mut request, 2, &[4, 1, 2, 1]);
        }
        put_vec(&mut request, 2, &[]);
        ScriptedServer {
            version: version.wire(),
            suite: suite.id(),
            random: [0x42; 32],
            hello_extensions: None,
            certificate: scripted_certificate(&test_key().to_public_key()),
            certificate_request: Some(request),
            record_size: 1 << 14,
        }
    }

    fn hello_flight_messages(&self) -> Vec<u8> {
        let mut hello = Vec::new();
        hello.extend_from_slice(&self.version.to_be_bytes());
        hello.extend_from_slice(&self.random);
        put_vec(&mut hello, 1, &[7; 32]);
        hello.extend_from_slice(&self.suite.to_be_bytes());
        hello.push(0);
        if let Some(extensions) = &self.hello_extensions {
            put_vec(&mut hello, 2, extensions);
        }
        let mut entry = Vec::new();
        put_vec(&mut entry, 3, &self.certificate);
        let mut certificate = Vec::new();
        put_vec(&mut certificate, 3, &entry);

        let mut messages = handshake_message(handshake_type::SERVER_HELLO, &hello);
        messages.extend(handshake_message(handshake_type::CERTIFICATE, &certificate));
        if let Some(request) = &self.certificate_request {
            messages.extend(handshake_message(
                handshake_type::CERTIFICATE_REQUEST,
                request,
            ));
        }
        messages.extend(handshake_message(handshake_type::SERVER_HELLO_DONE, &[]));
        messages
    }

    fn hello_flight(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in self.hello_flight_messages().chunks(self.record_size) {
            write_record(&mut out, CONTENT_HANDSHAKE, self.version, chunk);
        }
        out
    }

    /// ChangeCipherSpec and a Finished protected with the real server keys, carrying the
    /// right verify_data unless `verify_data` says otherwise.
    fn finished_flight(&self, client: &TlsDskClient, verify_data: Option<[u8; 12]>) -> Vec<u8> {
        let State::AwaitingServerFinished(negotiated) = &client.state else {
            panic!("the client is not waiting for Finished");
        };
        let version = TlsVersion::from_wire(self.version).unwrap();
        let suite = CipherSuite::from_id(self.suite).unwrap();
        let prf = Prf::for_version(version);
        let verify_data = verify_data.map(Vec::from).unwrap_or_else(|| {
            prf.verify_data(
                &negotiated.master_secret,
                b"server finished",
                &client.transcript,
            )
        });
        let key_block = prf.key_block(
            &negotiated.master_secret,
            &client.client_random,
            &self.random,
            key_block_len(suite, version),
        );
        let mut protection =
            RecordProtection::from_key_block(suite, version, &key_block, Direction::ServerWrite)
                .unwrap();
        let mut out = Vec::new();
        write_record(&mut out, CONTENT_CHANGE_CIPHER_SPEC, self.version, &[1]);
        protection
            .seal(
                &mut out,
                CONTENT_HANDSHAKE,
                &handshake_message(handshake_type::FINISHED, &verify_data),
                &mut SeededRandom::new(99),
            )
            .unwrap();
        out
    }

    fn expected_key_material(&self, client: &TlsDskClient) -> [u8; 128] {
        let State::AwaitingServerFinished(negotiated) = &client.state else {
            panic!("the client is not waiting for Finished");
        };
        Prf::for_version(negotiated.version).eap_key_material(
            &negotiated.master_secret,
            &client.client_random,
            &self.random,
        )
    }
}

fn config(versions: &[TlsVersion]) -> TlsDskConfig {
    let mut config = TlsDskConfig::new(vec![0x30, 0x03, 1, 2, 3], test_key().clone());
    config.versions = versions.to_vec();
    config
}

fn client(versions: &[TlsVersion]) -> TlsDskClient {
    TlsDskClient::new(config(versions), &mut SeededRandom::new(5)).unwrap()
}

const ALL_VERSIONS: [TlsVersion; 3] = [TlsVersion::Tls12, TlsVersion::Tls11, TlsVersion::Tls10];

/// Runs the first leg and returns the client, now waiting for Finished.
fn after_hello_flight(server: &ScriptedServer) -> TlsDskClient {
    let mut client = client(&ALL_VERSIONS);
    match client.handle(&server.hello_flight()) {
        Ok(Step::Send(_)) => client,
        other => panic!("first leg failed: {other:?}"),
    }
}

#[test]
fn complete_handshakes_at_every_version_and_suite() {
    for version in ALL_VERSIONS {
        for suite in [
            CipherSuite::RsaWithAes128CbcSha,
            CipherSuite::RsaWithAes256CbcSha,
        ] {
            let server = ScriptedServer::new(version, suite);
            let mut client = after_hello_flight(&server);
            let expected = server.expected_key_material(&client);
            let finished = server.finished_flight(&client, None);
            let Ok(Step::Done(keys)) = client.handle(&finished) else {
                panic!("{version} {suite}: no keys");
            };
            assert_eq!(keys.version, version);
            assert_eq!(keys.cipher_suite, suite);
            assert_eq!(keys.eap_key_material(), &expected);
            assert_eq!(keys.client_signing_key, expected[64..96]);
            assert_eq!(keys.server_certificate_der, server.certificate);
            assert_eq!(
                client.handle(&finished).err(),
                Some(TlsDskError::AlreadyComplete)
            );
        }
    }
}

/// OpenSSL as shipped is built without RC4 suites, so RC4 is only tested here.
#[test]
fn rc4_suites_complete_when_allowed() {
    for version in [TlsVersion::Tls10, TlsVersion::Tls12] {
        for suite in [CipherSuite::RsaWithRc4128Sha, CipherSuite::RsaWithRc4128Md5] {
            let server = ScriptedServer::new(version, suite);
            let mut with_rc4 = config(&ALL_VERSIONS);
            with_rc4.allow_rc4 = true;
            let mut client = TlsDskClient::new(with_rc4, &mut SeededRandom::new(5)).unwrap();
            assert_eq!(
                client.offered_cipher_suites().last(),
                Some(&CipherSuite::RsaWithRc4128Md5)
            );
            assert!(matches!(
                client.handle(&server.hello_flight()),
                Ok(Step::Send(_))
            ));
            let expected = server.expected_key_material(&client);
            let Ok(Step::Done(keys)) = client.handle(&server.finished_flight(&client, None)) else {
                panic!("{version} {suite}: no keys");
            };
            assert_eq!(keys.eap_key_material(), &expected);
            assert_eq!(keys.signing, SigningMac::for_cipher_suite(suite));
        }
    }
}

#[test]
fn the_client_flight_has_the_tls_dsk_layout() {
    let server = ScriptedServer::new(TlsVersion::Tls10, CipherSuite::RsaWithAes128CbcSha);
    let mut client = client(&ALL_VERSIONS);
    let hello = client.start();
    assert_eq!(&hello[..3], &[CONTENT_HANDSHAKE, 3, 1]);
    assert_eq!(
        &hello[9..11],
        &[3, 3],
        "client_version is the highest offered"
    );
    let Ok(Step::Send(flight)) = client.handle(&server.hello_flight()) else {
        panic!("no flight");
    };
    let records = split_records(&flight).unwrap();
    let types: Vec<u8> = records.iter().map(|record| record.content_type).collect();
    assert_eq!(
        types,
        [
            CONTENT_HANDSHAKE,
            CONTENT_CHANGE_CIPHER_SPEC,
            CONTENT_HANDSHAKE
        ]
    );
    assert!(records.iter().all(|record| record.version == 0x0301));
    // The client certificate starts the first record (the layout Lync edge filters read).
    assert_eq!(records[0].fragment[0], handshake_type::CERTIFICATE);
    assert_eq!(&records[0].fragment[10..15], &[0x30, 0x03, 1, 2, 3]);
    assert_eq!(records[1].fragment, &[1]);
}

#[test]
fn a_wrong_verify_data_under_a_valid_mac_is_refused() {
    let server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
    let mut client = after_hello_flight(&server);
    let finished = server.finished_flight(&client, Some([0; 12]));
    assert_eq!(
        client.handle(&finished).err(),
        Some(TlsDskError::BadServerFinished)
    );
    assert_eq!(
        client.handle(&finished).err(),
        Some(TlsDskError::AlreadyFailed)
    );
}

#[test]
fn a_tampered_finished_record_is_a_bad_record_mac() {
    let server = ScriptedServer::new(TlsVersion::Tls10, CipherSuite::RsaWithAes256CbcSha);
    let mut client = after_hello_flight(&server);
    let mut finished = server.finished_flight(&client, None);
    let last = finished.len() - 1;
    finished[last] ^= 0x80;
    assert_eq!(
        client.handle(&finished).err(),
        Some(TlsDskError::BadRecordMac)
    );
}

#[test]
fn finished_must_follow_change_cipher_spec() {
    let server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
    let mut client = after_hello_flight(&server);
    let finished = server.finished_flight(&client, None);
    // Drop the ChangeCipherSpec record (the first 6 bytes).
    assert!(matches!(
        client.handle(&finished[6..]).err(),
        Some(TlsDskError::UnexpectedMessage { .. })
    ));
    let mut client = after_hello_flight(&server);
    assert_eq!(
        client.handle(&finished[..6]).err(),
        Some(TlsDskError::IncompleteFlight {
            expected: "the server's Finished"
        })
    );
}

#[test]
fn alerts_are_reported_by_name_in_either_leg() {
    let mut alert = Vec::new();
    write_record(&mut alert, CONTENT_ALERT, 0x0303, &[2, 40]);
    let expected = Some(TlsDskError::AlertReceived {
        level: AlertLevel::Fatal,
        description: AlertDescription::HandshakeFailure,
    });
    assert_eq!(client(&ALL_VERSIONS).handle(&alert).err(), expected);
    let server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
    assert_eq!(after_hello_flight(&server).handle(&alert).err(), expected);
}

#[test]
fn server_choices_we_did_not_offer_are_refused() {
    let base = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
    let cases: Vec<(ScriptedServer, TlsDskError)> = vec![
        (
            ScriptedServer {
                suite: CipherSuite::RsaWithRc4128Md5.id(),
                ..base.clone()
            },
            TlsDskError::UnsupportedCipherSuite(0x0004),
        ),
        (
            ScriptedServer {
                suite: 0xc02f,
                ..base.clone()
            },
            TlsDskError::UnsupportedCipherSuite(0xc02f),
        ),
        (
            ScriptedServer {
                version: 0x0304,
                ..base.clone()
            },
            TlsDskError::UnsupportedVersion {
                chosen: "TLS 1.3".into(),
                offered: "TLS 1.0, TLS 1.1, TLS 1.2".into(),
            },
        ),
        (
            ScriptedServer {
                hello_extensions: Some(vec![0x00, 0x17, 0, 0]),
                ..base.clone()
            },
            TlsDskError::UnsolicitedExtension(0x0017),
        ),
        (
            ScriptedServer {
                certificate_request: None,
                ..base.clone()
            },
            TlsDskError::NoCertificateRequest,
        ),
    ];
    for (server, expected) in cases {
        assert_eq!(
            client(&ALL_VERSIONS).handle(&server.hello_flight()).err(),
            Some(expected)
        );
    }
}

#[test]
fn an_empty_renegotiation_info_answer_is_accepted_and_a_non_empty_one_is_not() {
    let mut server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
    server.hello_extensions = Some(vec![0xff, 0x01, 0, 1, 0]);
    let mut accepting = after_hello_flight(&server);
    let finished = server.finished_flight(&accepting, None);
    assert!(matches!(accepting.handle(&finished), Ok(Step::Done(_))));

    server.hello_extensions = Some(vec![0xff, 0x01, 0, 3, 2, 0xaa, 0xbb]);
    assert!(matches!(
        client(&ALL_VERSIONS).handle(&server.hello_flight()),
        Err(TlsDskError::Malformed {
            what: "renegotiation_info",
            ..
        })
    ));
}

#[test]
fn sha256_suites_need_the_option_and_tls12() {
    let server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha256);
    assert_eq!(
        client(&ALL_VERSIONS).handle(&server.hello_flight()).err(),
        Some(TlsDskError::UnsupportedCipherSuite(0x003c))
    );
    let mut with_option = config(&ALL_VERSIONS);
    with_option.offer_sha256_suites = true;
    let mut client = TlsDskClient::new(with_option, &mut SeededRandom::new(5)).unwrap();
    assert!(matches!(
        client.handle(&server.hello_flight()),
        Ok(Step::Send(_))
    ));
    let finished = server.finished_flight(&client, None);
    assert!(matches!(client.handle(&finished), Ok(Step::Done(_))));

    let mut with_option = config(&ALL_VERSIONS);
    with_option.offer_sha256_suites = true;
    let mut client = TlsDskClient::new(with_option, &mut SeededRandom::new(5)).unwrap();
    let server = ScriptedServer {
        version: TlsVersion::Tls10.wire(),
        ..server
    };
    assert_eq!(
        client.handle(&server.hello_flight()).err(),
        Some(TlsDskError::UnsupportedCipherSuite(0x003c))
    );
}

#[test]
fn downgrade_marker_is_refused_when_we_offered_tls12() {
    let mut server = ScriptedServer::new(TlsVersion::Tls10, CipherSuite::RsaWithAes128CbcSha);
    server.random[24..].copy_from_slice(b"DOWNGRD\x00");
    assert_eq!(
        client(&ALL_VERSIONS).handle(&server.hello_flight()).err(),
        Some(TlsDskError::DowngradeDetected)
    );
    // Offering only TLS 1.0, the marker means nothing to us.
    assert!(matches!(
        client(&[TlsVersion::Tls10]).handle(&server.hello_flight()),
        Ok(Step::Send(_))
    ));
}

#[test]
fn messages_split_over_many_records_are_reassembled() {
    let mut server = ScriptedServer::new(TlsVersion::Tls11, CipherSuite::RsaWithAes128CbcSha);
    server.record_size = 7;
    let mut client = after_hello_flight(&server);
    let finished = server.finished_flight(&client, None);
    assert!(matches!(client.handle(&finished), Ok(Step::Done(_))));
}

#[test]
fn a_server_key_exchange_is_unexpected_with_rsa_key_exchange() {
    let server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
    let mut messages = server.hello_flight_messages();
    // Insert a ServerKeyExchange after the Certificate message.
    let hello_len = 4 + usize::from(messages[3]);
    let certificate_len =
        4 + (usize::from(messages[hello_len + 2]) << 8 | usize::from(messages[hello_len + 3]));
    let at = hello_len + certificate_len;
    let inserted = handshake_message(handshake_type::SERVER_KEY_EXCHANGE, &[0; 4]);
    messages.splice(at..at, inserted);
    let mut flight = Vec::new();
    write_record(&mut flight, CONTENT_HANDSHAKE, 0x0303, &messages);
    assert_eq!(
        client(&ALL_VERSIONS).handle(&flight).err(),
        Some(TlsDskError::UnexpectedMessage {
            expected: "CertificateRequest",
            found: "ServerKeyExchange".into()
        })
    );
}

#[test]
fn configuration_is_checked() {
    assert_eq!(
        TlsDskClient::new(config(&[]), &mut SeededRandom::new(1)).err(),
        Some(TlsDskError::InvalidConfig("no TLS version to offer"))
    );
    let mut empty_certificate = config(&ALL_VERSIONS);
    empty_certificate.client_certificate_der.clear();
    assert!(TlsDskClient::new(empty_certificate, &mut SeededRandom::new(1)).is_err());
    let debug = format!("{:?}", config(&ALL_VERSIONS));
    assert!(debug.contains("<redacted>"), "{debug}");
}

fn mutate(mut bytes: Vec<u8>, index: usize, xor: u8) -> Vec<u8> {
    if !bytes.is_empty() {
        let at = index % bytes.len();
        bytes[at] ^= xor;
    }
    bytes
}

proptest! {
    // Each case that gets past parsing costs an RSA signature: keep the counts modest.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = client(&ALL_VERSIONS).handle(&data);
        let server = ScriptedServer::new(TlsVersion::Tls12, CipherSuite::RsaWithAes128CbcSha);
        prop_assert!(after_hello_flight(&server).handle(&data).is_err());
    }

    #[test]
    fn truncated_or_mutated_hello_flights_never_panic(
        version in prop::sample::select(ALL_VERSIONS.to_vec()),
        cut in any::<prop::sample::Index>(),
        index in any::<usize>(),
        xor in 1u8..,
    ) {
        let flight = ScriptedServer::new(version, CipherSuite::RsaWithAes128CbcSha).hello_flight();
        let truncated = &flight[..cut.index(flight.len())];
        prop_assert!(client(&ALL_VERSIONS).handle(truncated).is_err());
        let _ = client(&ALL_VERSIONS).handle(&mutate(flight, index, xor));
    }

    #[test]
    fn truncated_or_mutated_finished_flights_are_refused(
        version in prop::sample::select(ALL_VERSIONS.to_vec()),
        cut in any::<prop::sample::Index>(),
        index in any::<usize>(),
        xor in 1u8..,
    ) {
        let server = ScriptedServer::new(version, CipherSuite::RsaWithAes256CbcSha);
        let mut client = after_hello_flight(&server);
        let flight = server.finished_flight(&client, None);
        let truncated = &flight[..cut.index(flight.len())];
        prop_assert!(client.handle(truncated).is_err());
        let mut client = after_hello_flight(&server);
        prop_assert!(client.handle(&mutate(flight, index, xor)).is_err());
    }
}

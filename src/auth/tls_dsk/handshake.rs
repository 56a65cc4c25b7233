//! The TLS-DSK client: a sans-IO TLS 1.2 / 1.1 / 1.0 client handshake with RSA key
//! exchange and a client certificate, whose output is the SIP signing keys.

use core::fmt;

use rsa::{Pkcs1v15Encrypt, Pkcs1v15Sign, PrivateKey, PublicKey};
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroize;

use super::cipher::{CipherSuite, Direction, RecordProtection, key_block_len};
use super::error::{AlertDescription, AlertLevel, TlsDskError};
use super::keys::SessionKeys;
use super::messages::{
    EXTENSION_RENEGOTIATION_INFO, RsaPkcs1Signature, ServerHello, certificate_verify_body,
    client_certificate_body, client_hello_body, client_key_exchange_body, parse_certificate_list,
    parse_certificate_request,
};
use super::prf::{HashAlgorithm, Prf, constant_time_eq};
use super::records::{
    CONTENT_ALERT, CONTENT_CHANGE_CIPHER_SPEC, CONTENT_HANDSHAKE, HandshakeMessage,
    HandshakeReassembler, INITIAL_RECORD_VERSION, Record, TlsVersion, describe_version,
    handshake_message, handshake_name, handshake_type, split_records, write_record, write_records,
};
use super::server_key::rsa_public_key;
use crate::auth::rng::{CryptoRandom, DerivedRandom};
use crate::engine::random::Random;

/// What the client is configured with.
pub struct TlsDskConfig {
    /// The certificate from certificate provisioning (GetAndPublishCert), DER.
    pub client_certificate_der: Vec<u8>,
    /// The key the certificate was issued for.
    pub client_key: PrivateKey,
    /// Versions to accept, any order. The ClientHello offers the highest.
    pub versions: Vec<TlsVersion>,
    /// Also offer TLS_RSA_WITH_RC4_128_SHA and _MD5 (last), for servers that know nothing
    /// else (OCS 2007 era).
    pub allow_rc4: bool,
    /// Also offer the TLS 1.2 `*_CBC_SHA256` suites. Off by default: Schannel prefers them
    /// when offered, and which HMAC then signs SIP messages is unconfirmed (see
    /// [`SigningMac::for_cipher_suite`](super::SigningMac::for_cipher_suite)).
    pub offer_sha256_suites: bool,
}

impl TlsDskConfig {
    /// The default offer: TLS 1.2, 1.1 and 1.0; AES-CBC-SHA suites only.
    ///
    /// TLS 1.1 is in the default although TLS-DSK servers are not known to pick it: a
    /// server chooses min(our highest, its highest), so a 1.1-capable server would answer
    /// a [1.2, 1.0] offer with 1.1, and refusing that would fail the sign-in.
    pub fn new(client_certificate_der: Vec<u8>, client_key: PrivateKey) -> Self {
        TlsDskConfig {
            client_certificate_der,
            client_key,
            versions: vec![TlsVersion::Tls12, TlsVersion::Tls11, TlsVersion::Tls10],
            allow_rc4: false,
            offer_sha256_suites: false,
        }
    }
}

impl fmt::Debug for TlsDskConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsDskConfig")
            .field(
                "client_certificate_der",
                &format_args!("{} bytes", self.client_certificate_der.len()),
            )
            .field("client_key", &"<redacted>")
            .field("versions", &self.versions)
            .field("allow_rc4", &self.allow_rc4)
            .field("offer_sha256_suites", &self.offer_sha256_suites)
            .finish()
    }
}

/// What to do after [`TlsDskClient::handle`].
#[derive(Debug)]
pub enum Step {
    /// Send these raw TLS records (base64 in the next `gssapi-data`).
    Send(Vec<u8>),
    /// The server's Finished verified: the security association is ready.
    Done(SessionKeys),
}

/// What the ServerHello flight fixed.
pub(super) struct Negotiated {
    pub(super) version: TlsVersion,
    suite: CipherSuite,
    server_random: [u8; 32],
    pub(super) master_secret: [u8; 48],
    server_certificate_der: Vec<u8>,
    server_protection: RecordProtection,
}

impl Drop for Negotiated {
    fn drop(&mut self) {
        self.master_secret.zeroize();
    }
}

pub(super) enum State {
    AwaitingServerHello,
    AwaitingServerFinished(Box<Negotiated>),
    Complete,
    Failed,
}

/// A TLS-DSK client handshake. Feed it the records of each `gssapi-data` the server sends.
pub struct TlsDskClient {
    client_certificate_der: Vec<u8>,
    client_key: PrivateKey,
    offered_versions: Vec<TlsVersion>,
    client_version: TlsVersion,
    offered_suites: Vec<CipherSuite>,
    pub(super) client_random: [u8; 32],
    client_hello_records: Vec<u8>,
    /// Every handshake message so far, as sent and received (for CertificateVerify and
    /// Finished; a few kilobytes, so it is kept whole rather than as running hashes).
    pub(super) transcript: Vec<u8>,
    /// All randomness after `new` (pre-master secret, PKCS#1 padding, RSA blinding, CBC
    /// IVs) comes from here, seeded from the caller's `Random` in `new`.
    random: DerivedRandom,
    pub(super) state: State,
}

impl fmt::Debug for TlsDskClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::AwaitingServerHello => "awaiting ServerHello",
            State::AwaitingServerFinished(_) => "awaiting server Finished",
            State::Complete => "complete",
            State::Failed => "failed",
        };
        f.debug_struct("TlsDskClient")
            .field("client_version", &self.client_version)
            .field("offered_suites", &self.offered_suites)
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

/// Largest certificate that fits a Certificate message (3-byte lengths, two levels).
const MAX_CERTIFICATE_LEN: usize = (1 << 24) - 7;

impl TlsDskClient {
    /// Prepares the handshake and its ClientHello. All randomness is drawn here.
    pub fn new(config: TlsDskConfig, random: &mut dyn Random) -> Result<Self, TlsDskError> {
        let TlsDskConfig {
            client_certificate_der,
            client_key,
            mut versions,
            allow_rc4,
            offer_sha256_suites,
        } = config;
        versions.sort_unstable();
        versions.dedup();
        let client_version = *versions
            .last()
            .ok_or(TlsDskError::InvalidConfig("no TLS version to offer"))?;
        if client_certificate_der.is_empty() {
            return Err(TlsDskError::InvalidConfig(
                "the client certificate is empty",
            ));
        }
        if client_certificate_der.len() > MAX_CERTIFICATE_LEN {
            return Err(TlsDskError::InvalidConfig(
                "the client certificate is too large",
            ));
        }

        let mut offered_suites = vec![
            CipherSuite::RsaWithAes128CbcSha,
            CipherSuite::RsaWithAes256CbcSha,
        ];
        if offer_sha256_suites && client_version == TlsVersion::Tls12 {
            offered_suites.extend([
                CipherSuite::RsaWithAes128CbcSha256,
                CipherSuite::RsaWithAes256CbcSha256,
            ]);
        }
        if allow_rc4 {
            offered_suites.extend([CipherSuite::RsaWithRc4128Sha, CipherSuite::RsaWithRc4128Md5]);
        }

        let mut client_random = [0u8; 32];
        random.fill(&mut client_random);
        let suite_ids: Vec<u16> = offered_suites.iter().map(|suite| suite.id()).collect();
        let hello = handshake_message(
            handshake_type::CLIENT_HELLO,
            &client_hello_body(client_version, &client_random, &suite_ids),
        );
        let mut client_hello_records = Vec::new();
        write_records(
            &mut client_hello_records,
            CONTENT_HANDSHAKE,
            INITIAL_RECORD_VERSION,
            &hello,
        );

        Ok(TlsDskClient {
            client_certificate_der,
            client_key,
            offered_versions: versions,
            client_version,
            offered_suites,
            client_random,
            client_hello_records,
            transcript: hello,
            random: DerivedRandom::new(random),
            state: State::AwaitingServerHello,
        })
    }

    /// The records of the first leg: the ClientHello.
    pub fn start(&self) -> Vec<u8> {
        self.client_hello_records.clone()
    }

    /// The cipher suites in the ClientHello, in order.
    pub fn offered_cipher_suites(&self) -> &[CipherSuite] {
        &self.offered_suites
    }

    /// Processes the records of one server leg. Any error ends the handshake.
    pub fn handle(&mut self, records: &[u8]) -> Result<Step, TlsDskError> {
        let result = match core::mem::replace(&mut self.state, State::Failed) {
            State::AwaitingServerHello => {
                self.handle_server_hello_flight(records)
                    .map(|(flight, negotiated)| {
                        self.state = State::AwaitingServerFinished(negotiated);
                        Step::Send(flight)
                    })
            }
            State::AwaitingServerFinished(negotiated) => self
                .handle_server_finished(records, *negotiated)
                .map(|keys| {
                    self.state = State::Complete;
                    Step::Done(keys)
                }),
            State::Complete => {
                self.state = State::Complete;
                Err(TlsDskError::AlreadyComplete)
            }
            State::Failed => Err(TlsDskError::AlreadyFailed),
        };
        if result.is_err() {
            self.transcript.zeroize();
        }
        result
    }

    /// ServerHello, Certificate, CertificateRequest, ServerHelloDone → our second flight.
    fn handle_server_hello_flight(
        &mut self,
        data: &[u8],
    ) -> Result<(Vec<u8>, Box<Negotiated>), TlsDskError> {
        let mut messages = plaintext_handshake_messages(&split_records(data)?)?.into_iter();

        let hello_message =
            next_message(&mut messages, handshake_type::SERVER_HELLO, "ServerHello")?;
        let hello = ServerHello::parse(hello_message.body())?;
        let (version, suite) = self.check_server_hello(&hello)?;
        self.transcript.extend_from_slice(&hello_message.encoded);

        let certificate_message =
            next_message(&mut messages, handshake_type::CERTIFICATE, "Certificate")?;
        // The leaf comes first; the rest of the chain is the caller's to check, not ours.
        let server_certificate_der = parse_certificate_list(certificate_message.body())?
            .first()
            .map(|leaf| leaf.to_vec())
            .ok_or(TlsDskError::Malformed {
                what: "Certificate",
                reason: "the server sent no certificate",
            })?;
        let server_key = rsa_public_key(&server_certificate_der)?;
        self.transcript
            .extend_from_slice(&certificate_message.encoded);

        let request_message = match messages.next() {
            Some(message) if message.message_type == handshake_type::SERVER_HELLO_DONE => {
                return Err(TlsDskError::NoCertificateRequest);
            }
            Some(message) if message.message_type == handshake_type::CERTIFICATE_REQUEST => message,
            Some(other) => return Err(unexpected("CertificateRequest", &other)),
            None => {
                return Err(TlsDskError::IncompleteFlight {
                    expected: "CertificateRequest",
                });
            }
        };
        let signature_algorithm = parse_certificate_request(request_message.body(), version)?;
        self.transcript.extend_from_slice(&request_message.encoded);

        let done_message = next_message(
            &mut messages,
            handshake_type::SERVER_HELLO_DONE,
            "ServerHelloDone",
        )?;
        if !done_message.body().is_empty() {
            return Err(TlsDskError::Malformed {
                what: "ServerHelloDone",
                reason: "it has a body",
            });
        }
        self.transcript.extend_from_slice(&done_message.encoded);
        if let Some(extra) = messages.next() {
            return Err(unexpected("the end of the server's flight", &extra));
        }

        self.client_flight(
            version,
            suite,
            hello.random,
            server_key,
            signature_algorithm,
        )
        .map(|(flight, server_protection, master_secret)| {
            (
                flight,
                Box::new(Negotiated {
                    version,
                    suite,
                    server_random: hello.random,
                    master_secret,
                    server_certificate_der,
                    server_protection,
                }),
            )
        })
    }

    /// The version and suite the server chose, if we offered them.
    fn check_server_hello(
        &self,
        hello: &ServerHello,
    ) -> Result<(TlsVersion, CipherSuite), TlsDskError> {
        let version = TlsVersion::from_wire(hello.version)
            .filter(|version| self.offered_versions.contains(version))
            .ok_or_else(|| TlsDskError::UnsupportedVersion {
                chosen: describe_version(hello.version),
                offered: self
                    .offered_versions
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        if self.client_version == TlsVersion::Tls12
            && version < TlsVersion::Tls12
            && hello.signals_downgrade_below_tls12()
        {
            return Err(TlsDskError::DowngradeDetected);
        }
        let suite = CipherSuite::from_id(hello.cipher_suite)
            .filter(|suite| self.offered_suites.contains(suite))
            .filter(|suite| !suite.requires_tls12() || version == TlsVersion::Tls12)
            .ok_or(TlsDskError::UnsupportedCipherSuite(hello.cipher_suite))?;
        if hello.compression != 0 {
            return Err(TlsDskError::UnsupportedCompression(hello.compression));
        }
        for (extension, body) in &hello.extensions {
            match *extension {
                // The answer to our SCSV: on an initial handshake its renegotiated_connection
                // must be empty (RFC 5746 §3.4).
                EXTENSION_RENEGOTIATION_INFO if body.as_slice() == [0] => {}
                EXTENSION_RENEGOTIATION_INFO => {
                    return Err(TlsDskError::Malformed {
                        what: "renegotiation_info",
                        reason: "it is not empty on an initial handshake",
                    });
                }
                // signature_algorithms is never answered, so anything else is unsolicited
                // (RFC 5246 §7.4.1.4).
                other => return Err(TlsDskError::UnsolicitedExtension(other)),
            }
        }
        Ok((version, suite))
    }

    /// Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished.
    /// Returns the records, the server-direction protection and the master secret.
    fn client_flight(
        &mut self,
        version: TlsVersion,
        suite: CipherSuite,
        server_random: [u8; 32],
        server_key: PublicKey,
        signature_algorithm: Option<RsaPkcs1Signature>,
    ) -> Result<(Vec<u8>, RecordProtection, [u8; 48]), TlsDskError> {
        let prf = Prf::for_version(version);

        // RSA pre-master secret: ClientHello.client_version ‖ 46 random bytes.
        let mut pre_master_secret = [0u8; 48];
        pre_master_secret[..2].copy_from_slice(&self.client_version.wire().to_be_bytes());
        self.random.fill(&mut pre_master_secret[2..]);
        let encrypted = server_key
            .encrypt(
                &mut CryptoRandom(&mut self.random),
                Pkcs1v15Encrypt,
                &pre_master_secret,
            )
            .map_err(|e| rsa_error("encryption of the pre-master secret", e));
        let master_secret =
            prf.master_secret(&pre_master_secret, &self.client_random, &server_random);
        pre_master_secret.zeroize();
        let encrypted = encrypted?;

        let mut handshake = handshake_message(
            handshake_type::CERTIFICATE,
            &client_certificate_body(&self.client_certificate_der),
        );
        handshake.extend(handshake_message(
            handshake_type::CLIENT_KEY_EXCHANGE,
            &client_key_exchange_body(&encrypted),
        ));
        self.transcript.extend_from_slice(&handshake);

        let signature = self.sign_transcript(prf, signature_algorithm)?;
        let verify = handshake_message(
            handshake_type::CERTIFICATE_VERIFY,
            &certificate_verify_body(signature_algorithm, &signature),
        );
        self.transcript.extend_from_slice(&verify);
        handshake.extend(verify);

        let mut key_block = prf.key_block(
            &master_secret,
            &self.client_random,
            &server_random,
            key_block_len(suite, version),
        );
        let client_protection =
            RecordProtection::from_key_block(suite, version, &key_block, Direction::ClientWrite);
        let server_protection =
            RecordProtection::from_key_block(suite, version, &key_block, Direction::ServerWrite);
        key_block.zeroize();
        let (mut client_protection, server_protection) = (client_protection?, server_protection?);

        let finished = handshake_message(
            handshake_type::FINISHED,
            &prf.verify_data(&master_secret, b"client finished", &self.transcript),
        );
        self.transcript.extend_from_slice(&finished);

        let mut flight = Vec::new();
        write_records(&mut flight, CONTENT_HANDSHAKE, version.wire(), &handshake);
        write_record(
            &mut flight,
            CONTENT_CHANGE_CIPHER_SPEC,
            version.wire(),
            &[1],
        );
        client_protection.seal(&mut flight, CONTENT_HANDSHAKE, &finished, &mut self.random)?;
        Ok((flight, server_protection, master_secret))
    }

    /// The CertificateVerify signature over the transcript so far: RSA PKCS#1 v1.5 over
    /// MD5 ‖ SHA-1 without DigestInfo (TLS 1.0/1.1), or over the chosen hash with its
    /// DigestInfo (TLS 1.2).
    fn sign_transcript(
        &mut self,
        prf: Prf,
        algorithm: Option<RsaPkcs1Signature>,
    ) -> Result<Vec<u8>, TlsDskError> {
        let (scheme, digest) = match algorithm {
            None => (
                Pkcs1v15Sign::new_unprefixed(),
                Prf::Md5Sha1.transcript_hash(&self.transcript),
            ),
            Some(RsaPkcs1Signature { hash }) => {
                let scheme = match hash {
                    HashAlgorithm::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
                    HashAlgorithm::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
                    HashAlgorithm::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
                    HashAlgorithm::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
                    HashAlgorithm::Md5 => return Err(TlsDskError::NoCommonSignatureAlgorithm),
                };
                (scheme, hash.digest(&self.transcript))
            }
        };
        debug_assert!(algorithm.is_some() || prf == Prf::Md5Sha1);
        self.client_key
            .sign_with_rng(&mut CryptoRandom(&mut self.random), scheme, &digest)
            .map_err(|e| rsa_error("CertificateVerify signature", e))
    }

    /// ChangeCipherSpec and the encrypted Finished → the session keys.
    fn handle_server_finished(
        &mut self,
        data: &[u8],
        mut negotiated: Negotiated,
    ) -> Result<SessionKeys, TlsDskError> {
        let negotiated_version = negotiated.version.wire();
        let protection = &mut negotiated.server_protection;
        let mut seen_change_cipher_spec = false;
        let mut reassembler = HandshakeReassembler::default();
        let mut finished: Option<HandshakeMessage> = None;

        for record in split_records(data)? {
            if finished.is_some() {
                return Err(TlsDskError::TrailingData {
                    after: "the server's Finished",
                    bytes: record.fragment.len() + 5,
                });
            }
            // Protected records' MACs are computed with the negotiated version, so a
            // record claiming another is refused rather than authenticated under a lie.
            let plaintext_alert = record.content_type == CONTENT_ALERT && !seen_change_cipher_spec;
            if record.version != negotiated_version && !plaintext_alert {
                return Err(TlsDskError::Malformed {
                    what: "TLS record",
                    reason: "its version is not the negotiated one",
                });
            }
            match (record.content_type, seen_change_cipher_spec) {
                (CONTENT_ALERT, false) => return Err(alert_error(record.fragment)),
                (CONTENT_ALERT, true) => {
                    let alert = protection.open(CONTENT_ALERT, record.fragment)?;
                    return Err(alert_error(&alert));
                }
                (CONTENT_CHANGE_CIPHER_SPEC, false) => {
                    if record.fragment != [1] {
                        return Err(TlsDskError::Malformed {
                            what: "ChangeCipherSpec",
                            reason: "its body is not the single byte 1",
                        });
                    }
                    seen_change_cipher_spec = true;
                }
                (CONTENT_HANDSHAKE, true) => {
                    reassembler.push(&protection.open(CONTENT_HANDSHAKE, record.fragment)?);
                    finished = reassembler.next_message();
                }
                (CONTENT_HANDSHAKE, false) => {
                    return Err(TlsDskError::UnexpectedMessage {
                        expected: "ChangeCipherSpec",
                        found: "an unencrypted handshake message".into(),
                    });
                }
                (other, _) => {
                    return Err(TlsDskError::UnexpectedMessage {
                        expected: "ChangeCipherSpec and Finished",
                        found: content_type_name(other),
                    });
                }
            }
        }
        if !seen_change_cipher_spec {
            return Err(TlsDskError::IncompleteFlight {
                expected: "ChangeCipherSpec",
            });
        }
        let finished = finished.ok_or(TlsDskError::IncompleteFlight {
            expected: "the server's Finished",
        })?;
        if reassembler.has_partial_message() {
            return Err(TlsDskError::TrailingData {
                after: "the server's Finished",
                bytes: 1,
            });
        }
        if finished.message_type != handshake_type::FINISHED {
            return Err(unexpected("Finished", &finished));
        }
        let prf = Prf::for_version(negotiated.version);
        let expected = prf.verify_data(
            &negotiated.master_secret,
            b"server finished",
            &self.transcript,
        );
        if !constant_time_eq(&expected, finished.body()) {
            return Err(TlsDskError::BadServerFinished);
        }
        let mut material = prf.eap_key_material(
            &negotiated.master_secret,
            &self.client_random,
            &negotiated.server_random,
        );
        let keys = SessionKeys::from_eap_key_material(
            negotiated.version,
            negotiated.suite,
            &material,
            negotiated.server_certificate_der.clone(),
        );
        material.zeroize();
        self.transcript.zeroize();
        Ok(keys)
    }
}

/// The handshake messages of a plaintext flight, HelloRequests dropped (RFC 5246 §7.4.1.1
/// lets a client ignore them mid-handshake; they are not part of the transcript).
///
/// Record versions are not checked here: they are not authenticated before Finished and
/// servers differ in what they put on their first records.
fn plaintext_handshake_messages(
    records: &[Record<'_>],
) -> Result<Vec<HandshakeMessage>, TlsDskError> {
    let mut reassembler = HandshakeReassembler::default();
    let mut messages = Vec::new();
    for record in records {
        match record.content_type {
            CONTENT_ALERT => return Err(alert_error(record.fragment)),
            CONTENT_HANDSHAKE => {
                reassembler.push(record.fragment);
                while let Some(message) = reassembler.next_message() {
                    if message.message_type != handshake_type::HELLO_REQUEST {
                        messages.push(message);
                    }
                }
            }
            other => {
                return Err(TlsDskError::UnexpectedMessage {
                    expected: "a handshake record",
                    found: content_type_name(other),
                });
            }
        }
    }
    if reassembler.has_partial_message() {
        return Err(TlsDskError::IncompleteFlight {
            expected: "the rest of a handshake message",
        });
    }
    Ok(messages)
}

fn next_message(
    messages: &mut impl Iterator<Item = HandshakeMessage>,
    message_type: u8,
    name: &'static str,
) -> Result<HandshakeMessage, TlsDskError> {
    match messages.next() {
        Some(message) if message.message_type == message_type => Ok(message),
        Some(other) => Err(unexpected(name, &other)),
        None => Err(TlsDskError::IncompleteFlight { expected: name }),
    }
}

fn unexpected(expected: &'static str, found: &HandshakeMessage) -> TlsDskError {
    TlsDskError::UnexpectedMessage {
        expected,
        found: handshake_name(found.message_type),
    }
}

fn content_type_name(content_type: u8) -> String {
    match content_type {
        CONTENT_CHANGE_CIPHER_SPEC => "ChangeCipherSpec".into(),
        CONTENT_ALERT => "an alert".into(),
        CONTENT_HANDSHAKE => "a handshake record".into(),
        23 => "application data".into(),
        other => format!("record type {other}"),
    }
}

/// The error for an alert record's payload (level, description).
fn alert_error(payload: &[u8]) -> TlsDskError {
    match payload {
        [level, description, ..] => TlsDskError::AlertReceived {
            level: AlertLevel::from_wire(*level),
            description: AlertDescription::from_wire(*description),
        },
        _ => TlsDskError::Malformed {
            what: "alert",
            reason: "shorter than two bytes",
        },
    }
}

fn rsa_error(operation: &'static str, error: rsa::Error) -> TlsDskError {
    TlsDskError::Rsa {
        operation,
        reason: error.to_string(),
    }
}

//! Connection-oriented NTLM (HTTP): MS-NLMP §4.2.4's messages, which are connection-oriented
//! (their flags have no DATAGRAM), the NEGOTIATE codec, and our client against our server.

use hex_literal::hex;
use rc4::{KeyInit, Rc4, StreamCipher};

use super::PLAINTEXT_UTF16;
use crate::auth::ntlm::crypto::hmac_md5;
use crate::auth::ntlm::{
    AuthenticateInputs, AuthenticateMessage, AvId, CONNECTION_ORIENTED_CLIENT_FLAGS,
    ChallengeMessage, Credentials, Direction, NegotiateFlags, NegotiateMessage, NtlmClient,
    NtlmError, NtlmMode, NtlmServer, NtlmServerConfig, NtlmSession, NtlmVersion, Password, Role,
    SERVER_CONNECTION_ORIENTED_FLAGS, TargetInfo, sealing_key, signing_key,
};

/// MS-NLMP §4.2.4.3 CHALLENGE_MESSAGE (flags 0xE28A8233: no DATAGRAM).
const SPEC_CHALLENGE: [u8; 104] = hex!(
    "4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef00000000000000002400240044000000060070170000000f53006500720076006500720002000c0044006f006d00610069006e0001000c0053006500720076006500720000000000"
);

/// MS-NLMP §4.2.4.3 AUTHENTICATE_MESSAGE.
const SPEC_AUTHENTICATE: [u8; 232] = hex!(
    "4e544c4d5353500003000000180018006c00000054005400840000000c000c00480000000800080054000000100010005c00000010001000d8000000358288e20501280a0000000f44006f006d00610069006e00550073006500720043004f004d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa68cd0ab851e51c96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000c5dad2544fc9799094ce1ce90bc9d03e"
);

/// MS-NLMP §4.2.4.1: RandomSessionKey, ClientChallenge, Time = 0.
fn spec_inputs() -> AuthenticateInputs {
    AuthenticateInputs {
        client_challenge: [0xAA; 8],
        exported_session_key: [0x55; 16],
        timestamp: 0,
    }
}

fn spec_client() -> NtlmClient {
    NtlmClient::connection_oriented(
        Credentials::new("User", "Domain", Password::new("Password")),
        "COMPUTER",
    )
    // The example seals, so its client asks for SEAL too.
    .with_negotiate_flags(CONNECTION_ORIENTED_CLIENT_FLAGS | NegotiateFlags::SEAL)
    .with_version(NtlmVersion {
        major: 5,
        minor: 1,
        build: 2600,
        ntlm_revision: NtlmVersion::REVISION_W2K3,
    })
}

fn spec_server_config() -> NtlmServerConfig {
    let info = TargetInfo::new()
        .with_name(AvId::NB_DOMAIN_NAME, "Domain")
        .with_name(AvId::NB_COMPUTER_NAME, "Server");
    NtlmServerConfig {
        flags: NegotiateFlags(0xE28A_8233),
        version: Some(NtlmVersion {
            major: 6,
            minor: 0,
            build: 6000,
            ntlm_revision: NtlmVersion::REVISION_W2K3,
        }),
        max_clock_skew: None,
        ..NtlmServerConfig::new(hex!("0123456789abcdef"), "Server", info)
    }
}

#[test]
fn client_reproduces_the_spec_authenticate_message() {
    let auth = spec_client()
        .authenticate(&SPEC_CHALLENGE, &spec_inputs())
        .unwrap();
    assert_eq!(auth.message, SPEC_AUTHENTICATE);
    assert_eq!(auth.session.flags(), NegotiateFlags(0xE288_8235));
}

#[test]
fn server_reproduces_the_spec_challenge_and_accepts_the_spec_answer() {
    let server = NtlmServer::new(spec_server_config()).unwrap();
    assert_eq!(server.challenge_message(), SPEC_CHALLENGE);
    assert_eq!(server.mode(), NtlmMode::ConnectionOriented);

    let accepted = server
        .accept(&SPEC_AUTHENTICATE, |user, domain| {
            (user == "User" && domain == "Domain").then(|| Password::new("Password"))
        })
        .unwrap();
    assert_eq!(
        (accepted.user.as_str(), accepted.workstation.as_str()),
        ("User", "COMPUTER")
    );
    // The server recovered RandomSessionKey 0x55…: its session checks the client's MAC.
    let client =
        NtlmSession::from_exported_session_key(Role::Client, accepted.session.flags(), &[0x55; 16]);
    assert!(
        accepted
            .session
            .verify(0, b"data", &client.sign(0, b"data"))
    );

    let wrong = server.accept(&SPEC_AUTHENTICATE, |_, _| Some(Password::new("password")));
    assert_eq!(wrong.unwrap_err(), NtlmError::WrongPassword);
}

/// MS-NLMP §4.2.4.4 GSS_WrapEx: in connection-oriented NTLM one RC4 stream, keyed once with
/// the client's sealing key, seals "Plaintext" and then encrypts the signature's checksum.
#[test]
fn spec_sealing_vector_uses_one_rc4_stream() {
    let flags = NegotiateFlags(0xE288_8235);
    let key = [0x55; 16];
    let sealing = sealing_key(flags, &key, Direction::ClientToServer);
    let mut stream = Rc4::new_from_slice(sealing.as_bytes()).unwrap();

    let mut sealed = PLAINTEXT_UTF16.to_vec();
    stream.apply_keystream(&mut sealed);
    assert_eq!(sealed, hex!("54e50165bf1936dc996020c1811b0f06fb5f"));

    let signing = signing_key(&key, Direction::ClientToServer);
    let mut checksum = [0u8; 8];
    checksum.copy_from_slice(&hmac_md5(&signing, &[&0u32.to_le_bytes(), PLAINTEXT_UTF16])[..8]);
    stream.apply_keystream(&mut checksum);
    assert_eq!(checksum, hex!("7fb38ec5c55d4976"));
}

#[test]
fn negotiate_message_codec() {
    let client = NtlmClient::connection_oriented(
        Credentials::new("alice", "CONTOSO", Password::new("x")),
        "PC",
    );
    let token = client.initial_token();
    assert_eq!(&token[..12], b"NTLMSSP\0\x01\0\0\0");
    assert_eq!(
        token.len(),
        40,
        "no payload: domain and workstation are empty"
    );
    let flags = u32::from_le_bytes(token[12..16].try_into().unwrap());
    assert_eq!(flags, 0xE208_8217);
    assert_eq!(&token[32..], &[6, 1, 0xB1, 0x1D, 0, 0, 0, 0x0F]);
    let parsed = NegotiateMessage::parse(&token).unwrap();
    assert_eq!(parsed, client.negotiate_message());
    assert!(!parsed.flags.contains(NegotiateFlags::DATAGRAM));

    // An old client that supplies its names in OEM.
    let old = NegotiateMessage {
        flags: NegotiateFlags::OEM
            | NegotiateFlags::NTLM
            | NegotiateFlags::OEM_DOMAIN_SUPPLIED
            | NegotiateFlags::OEM_WORKSTATION_SUPPLIED,
        domain: "DOMAIN".into(),
        workstation: "WORKSTATION".into(),
        version: None,
    };
    let bytes = old.encode().unwrap();
    assert_eq!(&bytes[16..24], &hex!("0600060028000000"));
    assert_eq!(&bytes[24..32], &hex!("0b000b002e000000"));
    assert_eq!(&bytes[40..], b"DOMAINWORKSTATION");
    assert_eq!(NegotiateMessage::parse(&bytes).unwrap(), old);

    // The shortest form: signature, type and flags only.
    let short = NegotiateMessage::parse(&bytes[..16]).unwrap();
    assert_eq!((short.flags, short.domain.as_str()), (old.flags, ""));
    assert!(matches!(
        NegotiateMessage::parse(&bytes[..15]),
        Err(NtlmError::Truncated { .. })
    ));
    assert!(matches!(
        NegotiateMessage::parse(&SPEC_CHALLENGE),
        Err(NtlmError::WrongMessageType {
            expected: 1,
            found: 2
        })
    ));
}

#[test]
fn connectionless_client_still_sends_an_empty_token() {
    let client = NtlmClient::new(Credentials::new("u", "", Password::new("p")), "PC");
    assert_eq!(client.mode(), NtlmMode::Connectionless);
    assert!(client.initial_token().is_empty());
}

const NOW: u64 = 133_500_000_000_000_000;

fn live_config() -> NtlmServerConfig {
    let info = TargetInfo::new()
        .with_name(AvId::NB_DOMAIN_NAME, "CONTOSO")
        .with_name(AvId::DNS_COMPUTER_NAME, "web.contoso.com")
        .with_timestamp(NOW);
    NtlmServerConfig {
        flags: SERVER_CONNECTION_ORIENTED_FLAGS,
        ..NtlmServerConfig::new([9; 8], "CONTOSO", info)
    }
}

fn alice(password: &str) -> NtlmClient {
    NtlmClient::connection_oriented(
        Credentials::from_login("CONTOSO\\alice", Password::new(password)),
        "ALICE-PC",
    )
}

fn live_inputs() -> AuthenticateInputs {
    AuthenticateInputs {
        client_challenge: [1; 8],
        exported_session_key: [2; 16],
        timestamp: NOW,
    }
}

fn lookup(user: &str, domain: &str) -> Option<Password> {
    (user == "alice" && domain == "CONTOSO").then(|| Password::new("Secret-1"))
}

#[test]
fn client_and_server_complete_the_three_legs_with_a_mic() {
    let client = alice("Secret-1");
    let server = NtlmServer::answer_negotiate(live_config(), &client.initial_token()).unwrap();
    assert_eq!(server.mode(), NtlmMode::ConnectionOriented);
    let challenge = ChallengeMessage::parse(server.challenge_message()).unwrap();
    assert!(!challenge.flags.contains(NegotiateFlags::DATAGRAM));
    assert!(!challenge.flags.contains(NegotiateFlags::OEM));
    assert!(challenge.flags.contains(NegotiateFlags::TARGET_TYPE_DOMAIN));

    let auth = client
        .authenticate(server.challenge_message(), &live_inputs())
        .unwrap();
    let message = AuthenticateMessage::parse(&auth.message).unwrap();
    assert!(message.mic.is_some(), "timestamped CHALLENGE: MIC expected");
    assert!(!message.flags.contains(NegotiateFlags::DATAGRAM));
    let accepted = server.accept(&auth.message, lookup).unwrap();
    assert_eq!(accepted.user, "alice");

    // The MIC covers the NEGOTIATE: a server that saw another one refuses.
    let other_negotiate = alice("Secret-1")
        .with_negotiate_flags(CONNECTION_ORIENTED_CLIENT_FLAGS.without(NegotiateFlags::VERSION))
        .initial_token();
    let other = NtlmServer::answer_negotiate(live_config(), &other_negotiate).unwrap();
    assert_eq!(
        other.challenge_message(),
        server.challenge_message(),
        "same CHALLENGE: VERSION is the server's own"
    );
    assert_eq!(
        other.accept(&auth.message, lookup).unwrap_err(),
        NtlmError::MicMismatch
    );
}

#[test]
fn wrong_password_is_refused() {
    let client = alice("Secret-2");
    let server = NtlmServer::answer_negotiate(live_config(), &client.initial_token()).unwrap();
    let auth = client
        .authenticate(server.challenge_message(), &live_inputs())
        .unwrap();
    assert_eq!(
        server.accept(&auth.message, lookup).unwrap_err(),
        NtlmError::WrongPassword
    );
}

#[test]
fn the_challenge_grants_only_what_the_negotiate_asked_for() {
    let client = alice("Secret-1").with_negotiate_flags(
        CONNECTION_ORIENTED_CLIENT_FLAGS.without(NegotiateFlags::KEY_EXCH | NegotiateFlags::SIGN),
    );
    let server = NtlmServer::answer_negotiate(live_config(), &client.initial_token()).unwrap();
    let offered = ChallengeMessage::parse(server.challenge_message())
        .unwrap()
        .flags;
    assert!(!offered.contains(NegotiateFlags::KEY_EXCH));
    assert!(!offered.contains(NegotiateFlags::SIGN));
    let auth = client
        .authenticate(server.challenge_message(), &live_inputs())
        .unwrap();
    let message = AuthenticateMessage::parse(&auth.message).unwrap();
    assert!(message.encrypted_random_session_key.is_empty());
    server.accept(&auth.message, lookup).unwrap();
}

#[test]
fn server_refuses_a_negotiate_without_unicode_and_datagram_in_the_answer() {
    let oem_only = NegotiateMessage {
        flags: NegotiateFlags::OEM | NegotiateFlags::NTLM,
        domain: String::new(),
        workstation: String::new(),
        version: None,
    };
    assert_eq!(
        NtlmServer::answer_negotiate(live_config(), &oem_only.encode().unwrap()).unwrap_err(),
        NtlmError::MissingFlags {
            missing: NegotiateFlags::UNICODE
        }
    );

    let client = alice("Secret-1");
    let server = NtlmServer::answer_negotiate(live_config(), &client.initial_token()).unwrap();
    let auth = client
        .with_mic_policy(crate::auth::ntlm::MicPolicy::Never)
        .authenticate(server.challenge_message(), &live_inputs())
        .unwrap();
    let mut message = AuthenticateMessage::parse(&auth.message).unwrap();
    message.flags |= NegotiateFlags::DATAGRAM;
    assert_eq!(
        server
            .accept(&message.encode().unwrap(), lookup)
            .unwrap_err(),
        NtlmError::UnofferedFlags {
            unexpected: NegotiateFlags::DATAGRAM
        }
    );
}

//! Our client against our server.

use crate::auth::ntlm::{
    AuthenticateInputs, AuthenticateMessage, AvId, Credentials, MicPolicy, NegotiateFlags,
    NtlmClient, NtlmError, NtlmServer, NtlmServerConfig, Password, SERVER_DEFAULT_FLAGS,
    SIP_SIGNATURE_SEQUENCE_NUMBER, TargetInfo, filetime_from_unix,
};

const NOW: u64 = 133_500_000_000_000_000; // a FILETIME in 2024
const HOUR: u64 = 3600 * 10_000_000;

fn target_info(timestamp: Option<u64>) -> TargetInfo {
    let info = TargetInfo::new()
        .with_name(AvId::NB_DOMAIN_NAME, "CONTOSO")
        .with_name(AvId::NB_COMPUTER_NAME, "LYNC-FE01")
        .with_name(AvId::DNS_DOMAIN_NAME, "contoso.com")
        .with_name(AvId::DNS_COMPUTER_NAME, "lync-fe01.contoso.com");
    match timestamp {
        Some(time) => info.with_timestamp(time),
        None => info,
    }
}

fn server_with(timestamp: Option<u64>, flags: NegotiateFlags) -> NtlmServer {
    let config = NtlmServerConfig {
        flags,
        ..NtlmServerConfig::new([7; 8], "CONTOSO", target_info(timestamp))
    };
    NtlmServer::new(config).unwrap()
}

fn server() -> NtlmServer {
    server_with(Some(NOW), SERVER_DEFAULT_FLAGS)
}

fn inputs() -> AuthenticateInputs {
    AuthenticateInputs {
        client_challenge: [0x11; 8],
        exported_session_key: [0x22; 16],
        timestamp: NOW + 5 * HOUR,
    }
}

fn client(login: &str, password: &str) -> NtlmClient {
    NtlmClient::new(
        Credentials::from_login(login, Password::new(password)),
        "ALICE-PC",
    )
}

fn accounts(user: &str, domain: &str) -> Option<Password> {
    match (user.to_ascii_lowercase().as_str(), domain) {
        ("alice", "CONTOSO") | ("alice@contoso.com", "") => Some(Password::new("Secret-1")),
        _ => None,
    }
}

fn assert_sessions_interoperate(
    client: &crate::auth::ntlm::NtlmSession,
    server: &crate::auth::ntlm::NtlmSession,
) {
    let request = b"<NTLM><1a2b3c4d><1><SIP Communications Service><fe><call><1><REGISTER>";
    let response = b"<NTLM><5e6f7a8b><1><SIP Communications Service><fe><call><1><REGISTER><200>";
    let seq = SIP_SIGNATURE_SEQUENCE_NUMBER;

    let client_mac = client.sign(seq, request);
    assert!(server.verify(seq, request, &client_mac));
    let server_mac = server.sign(seq, response);
    assert!(client.verify(seq, response, &server_mac));

    // Each direction has its own keys, and the data and sequence number are covered.
    assert_ne!(client.sign(seq, response), server_mac);
    assert!(!client.verify(seq, request, &client_mac));
    assert!(!server.verify(seq, response, &client_mac));
    assert!(!server.verify(seq + 1, request, &client_mac));
    assert!(!server.verify(seq, &request[1..], &client_mac));
    assert!(!server.verify(seq, request, &client_mac[..15]));
}

#[test]
fn domain_login_with_mic() {
    let server = server();
    let auth = client("CONTOSO\\alice", "Secret-1")
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();

    let message = AuthenticateMessage::parse(&auth.message).unwrap();
    assert!(message.mic.is_some(), "a timestamped CHALLENGE gets a MIC");
    assert_eq!(message.lm_challenge_response, [0; 24]);
    assert_eq!(message.workstation, "ALICE-PC");

    let accepted = server.accept(&auth.message, accounts).unwrap();
    assert_eq!(
        (accepted.user.as_str(), accepted.domain.as_str()),
        ("alice", "CONTOSO")
    );
    assert_eq!(accepted.session.flags(), auth.session.flags());
    assert!(
        accepted
            .session
            .flags()
            .contains(NegotiateFlags::EXTENDED_SESSION_SECURITY)
    );
    assert!(accepted.session.flags().contains(NegotiateFlags::KEY_EXCH));
    assert_sessions_interoperate(&auth.session, &accepted.session);
}

#[test]
fn upn_login_without_timestamp() {
    let server = server_with(None, SERVER_DEFAULT_FLAGS);
    let auth = client("alice@contoso.com", "Secret-1")
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    let message = AuthenticateMessage::parse(&auth.message).unwrap();
    assert_eq!(message.mic, None);
    assert_ne!(message.lm_challenge_response, [0; 24]);
    let accepted = server.accept(&auth.message, accounts).unwrap();
    assert_eq!(accepted.user, "alice@contoso.com");
    assert_sessions_interoperate(&auth.session, &accepted.session);
}

#[test]
fn mic_policy_never() {
    let server = server();
    let auth = client("CONTOSO/alice", "Secret-1")
        .with_mic_policy(MicPolicy::Never)
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    assert_eq!(AuthenticateMessage::parse(&auth.message).unwrap().mic, None);
    let accepted = server.accept(&auth.message, accounts).unwrap();
    assert_sessions_interoperate(&auth.session, &accepted.session);
}

#[test]
fn wrong_password_is_rejected() {
    let server = server();
    let auth = client("CONTOSO\\alice", "secret-1")
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    assert_eq!(
        server.accept(&auth.message, accounts).unwrap_err(),
        NtlmError::WrongPassword
    );
}

#[test]
fn unknown_user_is_rejected() {
    let server = server();
    let auth = client("CONTOSO\\mallory", "Secret-1")
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    assert!(matches!(
        server.accept(&auth.message, accounts),
        Err(NtlmError::UnknownUser { user, domain }) if user == "mallory" && domain == "CONTOSO"
    ));
}

#[test]
fn answer_to_another_challenge_is_rejected() {
    let auth = client("CONTOSO\\alice", "Secret-1")
        .with_mic_policy(MicPolicy::Never)
        .authenticate(server().challenge_message(), &inputs())
        .unwrap();
    let other = NtlmServer::new(NtlmServerConfig::new(
        [8; 8],
        "CONTOSO",
        target_info(Some(NOW)),
    ))
    .unwrap();
    assert_eq!(
        other.accept(&auth.message, accounts).unwrap_err(),
        NtlmError::WrongPassword
    );
}

#[test]
fn tampering_is_caught_by_the_mic() {
    let server = server();
    let auth = client("CONTOSO\\alice", "Secret-1")
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    // The workstation name is not covered by NTProofStr, only by the MIC.
    let mut message = AuthenticateMessage::parse(&auth.message).unwrap();
    message.workstation = "EVIL-PC!".into();
    let tampered = message.encode().unwrap();
    assert_eq!(
        server.accept(&tampered, accounts).unwrap_err(),
        NtlmError::MicMismatch
    );
}

#[test]
fn stale_timestamp_is_rejected() {
    let auth = client("CONTOSO\\alice", "Secret-1")
        .with_mic_policy(MicPolicy::Never)
        .authenticate(server().challenge_message(), &inputs())
        .unwrap();
    let later = server_with(Some(NOW + 37 * HOUR), SERVER_DEFAULT_FLAGS);
    assert_eq!(
        later.accept(&auth.message, accounts).unwrap_err(),
        NtlmError::TimestampOutOfRange
    );
}

#[test]
fn without_extended_session_security() {
    let flags = SERVER_DEFAULT_FLAGS.without(NegotiateFlags::EXTENDED_SESSION_SECURITY);
    let server = server_with(Some(NOW), flags);

    let refused =
        client("CONTOSO\\alice", "Secret-1").authenticate(server.challenge_message(), &inputs());
    assert_eq!(
        refused.unwrap_err(),
        NtlmError::MissingFlags {
            missing: NegotiateFlags::EXTENDED_SESSION_SECURITY
        }
    );

    let auth = client("CONTOSO\\alice", "Secret-1")
        .allow_without_extended_session_security()
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    let accepted = server.accept(&auth.message, accounts).unwrap();
    assert!(
        !accepted
            .session
            .flags()
            .contains(NegotiateFlags::EXTENDED_SESSION_SECURITY)
    );
    let request = b"<NTLM><1><2><realm>";
    let mac = auth.session.sign(SIP_SIGNATURE_SEQUENCE_NUMBER, request);
    assert!(
        accepted
            .session
            .verify(SIP_SIGNATURE_SEQUENCE_NUMBER, request, &mac)
    );
    let response = b"<NTLM><3><4><realm><200>";
    let mac = accepted
        .session
        .sign(SIP_SIGNATURE_SEQUENCE_NUMBER, response);
    assert!(
        auth.session
            .verify(SIP_SIGNATURE_SEQUENCE_NUMBER, response, &mac)
    );
}

#[test]
fn client_refuses_a_connection_oriented_challenge() {
    let server = server_with(
        Some(NOW),
        SERVER_DEFAULT_FLAGS.without(NegotiateFlags::DATAGRAM),
    );
    assert_eq!(
        client("CONTOSO\\alice", "Secret-1")
            .authenticate(server.challenge_message(), &inputs())
            .unwrap_err(),
        NtlmError::MissingFlags {
            missing: NegotiateFlags::DATAGRAM
        }
    );
}

#[test]
fn server_refuses_flags_it_did_not_offer() {
    let server = server();
    let auth = client("CONTOSO\\alice", "Secret-1")
        .with_mic_policy(MicPolicy::Never)
        .authenticate(server.challenge_message(), &inputs())
        .unwrap();
    let mut message = AuthenticateMessage::parse(&auth.message).unwrap();
    message.flags |= NegotiateFlags::SEAL;
    assert_eq!(
        server
            .accept(&message.encode().unwrap(), accounts)
            .unwrap_err(),
        NtlmError::UnofferedFlags {
            unexpected: NegotiateFlags::SEAL
        }
    );
    message.flags = message
        .flags
        .without(NegotiateFlags::SEAL | NegotiateFlags::KEY_EXCH);
    assert_eq!(
        server
            .accept(&message.encode().unwrap(), accounts)
            .unwrap_err(),
        NtlmError::MissingFlags {
            missing: NegotiateFlags::KEY_EXCH
        }
    );
}

#[test]
fn initial_token_is_empty() {
    assert!(client("alice", "x").initial_token().is_empty());
}

#[test]
fn filetime_conversion() {
    assert_eq!(filetime_from_unix(0, 0), 116_444_736_000_000_000);
    assert_eq!(filetime_from_unix(u64::MAX, 0), u64::MAX);
}

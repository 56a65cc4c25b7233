//! Hostile input: parsers and the server return errors, never panic.

use proptest::prelude::*;

use crate::auth::ntlm::{
    AuthenticateInputs, AuthenticateMessage, AvId, ChallengeMessage, Credentials, NegotiateMessage,
    NtlmClient, NtlmError, NtlmServer, NtlmServerConfig, Password, TargetInfo,
};

fn server() -> NtlmServer {
    let info = TargetInfo::new()
        .with_name(AvId::NB_DOMAIN_NAME, "D")
        .with_timestamp(1);
    NtlmServer::new(NtlmServerConfig::new([1; 8], "D", info)).unwrap()
}

fn valid_authenticate(server: &NtlmServer) -> Vec<u8> {
    let inputs = AuthenticateInputs {
        client_challenge: [2; 8],
        exported_session_key: [3; 16],
        timestamp: 1,
    };
    NtlmClient::new(Credentials::new("u", "D", Password::new("p")), "W")
        .authenticate(server.challenge_message(), &inputs)
        .unwrap()
        .message
}

#[test]
fn specific_errors() {
    assert_eq!(
        ChallengeMessage::parse(b"NTLMSS").unwrap_err(),
        NtlmError::Truncated {
            needed: 8,
            available: 6
        }
    );
    assert_eq!(
        ChallengeMessage::parse(b"NTLMSSP\x01\x02\0\0\0").unwrap_err(),
        NtlmError::BadSignature
    );
    let server = server();
    let authenticate = valid_authenticate(&server);
    assert_eq!(
        ChallengeMessage::parse(&authenticate).unwrap_err(),
        NtlmError::WrongMessageType {
            expected: 2,
            found: 3
        }
    );
    assert_eq!(
        AuthenticateMessage::parse(server.challenge_message()).unwrap_err(),
        NtlmError::WrongMessageType {
            expected: 3,
            found: 2
        }
    );

    // UserName pointing past the end.
    let mut bad = authenticate.clone();
    bad[40..44].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(
        AuthenticateMessage::parse(&bad),
        Err(NtlmError::FieldOutOfBounds {
            field: "UserName",
            ..
        })
    ));
    // Odd-length UTF-16 user name.
    let mut bad = authenticate.clone();
    bad[36] = 3;
    assert_eq!(
        AuthenticateMessage::parse(&bad).unwrap_err(),
        NtlmError::InvalidUtf16 { field: "UserName" }
    );
    assert_eq!(
        TargetInfo::parse(&[2, 0, 10, 0, b'x']).unwrap_err(),
        NtlmError::MalformedTargetInfo {
            reason: "AV pair value runs past the end"
        }
    );
    assert_eq!(
        TargetInfo::parse(&[2, 0, 0, 0]).unwrap_err(),
        NtlmError::MalformedTargetInfo {
            reason: "list ends without MsvAvEOL"
        }
    );
}

#[test]
fn ntlmv1_response_is_refused() {
    let server = server();
    let mut message = AuthenticateMessage::parse(&valid_authenticate(&server)).unwrap();
    message.nt_challenge_response.truncate(24);
    message.mic = None;
    assert_eq!(
        server
            .accept(&message.encode().unwrap(), |_, _| Some(Password::new("p")))
            .unwrap_err(),
        NtlmError::NotNtlmV2
    );
}

#[test]
fn every_truncation_fails_cleanly() {
    let server = server();
    let authenticate = valid_authenticate(&server);
    for len in 0..authenticate.len() {
        assert!(
            server
                .accept(&authenticate[..len], |_, _| Some(Password::new("p")))
                .is_err()
        );
    }
    let challenge = server.challenge_message();
    for len in 0..challenge.len() {
        // Every field of our challenge carries data, so any cut loses some of it.
        assert!(
            ChallengeMessage::parse(&challenge[..len]).is_err(),
            "a challenge cut to {len} of {} bytes was accepted",
            challenge.len()
        );
    }
}

proptest! {
    #[test]
    fn parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = NegotiateMessage::parse(&bytes);
        let _ = ChallengeMessage::parse(&bytes);
        let _ = AuthenticateMessage::parse(&bytes);
        let _ = TargetInfo::parse(&bytes);
    }

    #[test]
    fn parsers_never_panic_on_ntlm_shaped_input(
        message_type in 1u32..4,
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let mut bytes = b"NTLMSSP\0".to_vec();
        bytes.extend_from_slice(&message_type.to_le_bytes());
        bytes.extend_from_slice(&body);
        let _ = NegotiateMessage::parse(&bytes);
        let _ = NtlmServer::answer_negotiate(
            NtlmServerConfig::new([1; 8], "D", TargetInfo::new()),
            &bytes,
        );
        let _ = ChallengeMessage::parse(&bytes);
        let _ = AuthenticateMessage::parse(&bytes);
    }

    #[test]
    fn mutated_authenticate_never_panics_nor_passes(
        position in 0usize..400,
        value in any::<u8>(),
    ) {
        let server = server();
        let mut bytes = valid_authenticate(&server);
        let position = position % bytes.len();
        let original = bytes[position];
        bytes[position] = value;
        let result = server.accept(&bytes, |_, _| Some(Password::new("p")));
        // The MIC covers every byte but itself, so any change must be refused.
        prop_assert_eq!(result.is_ok(), original == value);
    }

    #[test]
    fn client_never_panics_on_mutated_challenge(
        position in 0usize..200,
        value in any::<u8>(),
    ) {
        let server = server();
        let mut challenge = server.challenge_message().to_vec();
        let position = position % challenge.len();
        challenge[position] = value;
        let inputs = AuthenticateInputs {
            client_challenge: [2; 8],
            exported_session_key: [3; 16],
            timestamp: 1,
        };
        let _ = NtlmClient::new(Credentials::new("u", "D", Password::new("p")), "W")
            .authenticate(&challenge, &inputs);
    }
}

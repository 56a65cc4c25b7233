//! Login splitting and keeping secrets out of `Debug`.

use crate::auth::ntlm::{
    AuthenticateInputs, AvId, Credentials, LoginName, NtlmClient, NtlmServer, NtlmServerConfig,
    Password, SIP_SIGNATURE_SEQUENCE_NUMBER, TargetInfo, split_login,
};

fn login(user: &str, domain: &str) -> LoginName {
    LoginName {
        user: user.into(),
        domain: domain.into(),
    }
}

#[test]
fn login_split() {
    assert_eq!(split_login("CONTOSO\\alice"), login("alice", "CONTOSO"));
    assert_eq!(split_login("CONTOSO/alice"), login("alice", "CONTOSO"));
    assert_eq!(
        split_login("alice@contoso.com"),
        login("alice@contoso.com", "")
    );
    assert_eq!(split_login("alice"), login("alice", ""));
    assert_eq!(split_login("A/B\\c"), login("B\\c", "A"));
    assert_eq!(split_login("\\alice"), login("alice", ""));
    assert_eq!(
        split_login("alice\\@corp.example@tenant.example"),
        login("alice@corp.example@tenant.example", "")
    );
    let credentials = Credentials::from_login("CONTOSO\\alice", Password::new("pw"));
    assert_eq!(
        (credentials.user.as_str(), credentials.domain.as_str()),
        ("alice", "CONTOSO")
    );
}

#[test]
fn debug_output_has_no_secrets() {
    const PASSWORD: &str = "Very$ecretPassw0rd";
    let exported_key = [0xA7; 16];
    let exported_key_debug = format!("{:?}", exported_key);

    let credentials = Credentials::new("alice", "CONTOSO", Password::new(PASSWORD));
    let client = NtlmClient::new(credentials.clone(), "PC");
    let inputs = AuthenticateInputs {
        client_challenge: [1; 8],
        exported_session_key: exported_key,
        timestamp: 1,
    };
    let info = TargetInfo::new().with_name(AvId::NB_DOMAIN_NAME, "CONTOSO");
    let server = NtlmServer::new(NtlmServerConfig::new([2; 8], "CONTOSO", info)).unwrap();
    let auth = client
        .authenticate(server.challenge_message(), &inputs)
        .unwrap();
    let accepted = server
        .accept(&auth.message, |_, _| Some(Password::new(PASSWORD)))
        .unwrap();
    let message = crate::auth::ntlm::AuthenticateMessage::parse(&auth.message).unwrap();

    let outputs = [
        format!("{:?}", Password::new(PASSWORD)),
        format!("{credentials:?}"),
        format!("{client:?}"),
        format!("{inputs:?}"),
        format!("{auth:?}"),
        format!("{accepted:?}"),
        format!("{:?}", auth.session),
        format!("{message:?}"),
        format!("{:#?}", accepted.session),
    ];
    let mac = auth.session.sign(SIP_SIGNATURE_SEQUENCE_NUMBER, b"x");
    for output in &outputs {
        assert!(!output.contains(PASSWORD), "password leaked: {output}");
        assert!(
            !output.contains(&exported_key_debug),
            "session key leaked: {output}"
        );
        assert!(
            !output.contains("167, 167"),
            "session key bytes leaked: {output}"
        );
        assert!(!output.contains(&format!("{:?}", &mac[4..12])), "{output}");
    }
    assert!(outputs[1].contains("alice") && outputs[1].contains("<redacted>"));
}

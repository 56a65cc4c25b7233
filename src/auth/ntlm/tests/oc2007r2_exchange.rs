//! The real Office Communicator 2007 R2 ↔ OCS 2007 R2 NTLMv2 exchange (SIPE's
//! sip-sec-ntlm-tests.c; sip-samples/002 and 003; protocol.md §7.2).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hex_literal::hex;

use crate::auth::ntlm::crypto::rc4k;
use crate::auth::ntlm::{
    AuthenticateInputs, AuthenticateMessage, AvId, ChallengeMessage, Credentials, MicPolicy,
    NegotiateFlags, NtlmClient, NtlmServer, NtlmServerConfig, NtlmVersion, Password, Role,
    SIP_SIGNATURE_SEQUENCE_NUMBER, filetime_from_unix, key_exchange_key, nt_proof_str,
    ntlmv2_client_blob, ntowf_v2, session_base_key,
};
use crate::auth::signature::SignatureFields;

const USER: &str = "User";
const DOMAIN: &str = "COSMO";
const PASSWORD: &str = "Pa$$word";
const WORKSTATION: &str = "COSMO-OCS-R2";
const CLIENT_CHALLENGE: [u8; 8] = hex!("D6AE875CB0FDAA41");
const SERVER_CHALLENGE: [u8; 8] = hex!("DD1BAAF4E7E218D1");
/// 2010-03-01 10:08:08.4332889 UTC.
const TIMESTAMP: u64 = u64::from_le_bytes(hex!("59519A1727B9CA01"));
const VERSION: NtlmVersion = NtlmVersion {
    major: 5,
    minor: 2,
    build: 3790,
    ntlm_revision: 0x0F,
};

/// The 401's CHALLENGE (SIPE's type2_hex).
const CHALLENGE: [u8; 206] = hex!(
    "4E544C4D53535000020000000000000038000000F38298E2DD1BAAF4E7E218D1000000000000000096009600380000000502CE0E0000000F02000A0043004F0053004D004F000100180043004F0053004D004F002D004F00430053002D00520032000400160063006F0073006D006F002E006C006F00630061006C000300300063006F0073006D006F002D006F00630073002D00720032002E0063006F0073006D006F002E006C006F00630061006C000500160063006F0073006D006F002E006C006F00630061006C0000000000"
);

/// The REGISTER's `gssapi-data` (sip-samples/002).
const AUTHENTICATE_BASE64: &str = "TlRMTVNTUAADAAAAGAAYAHIAAADGAMYAigAAAAoACgBIAAAACAAIAFIAAAAYABgAWgAAABAAEABQAQAAVYKYYgUCzg4AAAAPQwBPAFMATQBPAFUAcwBlAHIAQwBPAFMATQBPAC0ATwBDAFMALQBSADIAoeku/k4Hi/fFwASazGFmwtauh1yw/apBjcDIAK527KYG0rn769BHMQEBAAAAAAAAWVGaFye5ygHWrodcsP2qQQAAAAACAAoAQwBPAFMATQBPAAEAGABDAE8AUwBNAE8ALQBPAEMAUwAtAFIAMgAEABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAMAMABjAG8AcwBtAG8ALQBvAGMAcwAtAHIAMgAuAGMAbwBzAG0AbwAuAGwAbwBjAGEAbAAFABYAYwBvAHMAbQBvAC4AbABvAGMAYQBsAAAAAAAAAAAAMctznhyoCkmFkeiueXEV5A==";

const CLIENT_MAC: [u8; 16] = hex!("0100000029618e9651b65a7764000000");
const SERVER_MAC: [u8; 16] = hex!("01000000E615438A917661BE64000000");

fn authenticate_bytes() -> Vec<u8> {
    BASE64.decode(AUTHENTICATE_BASE64).unwrap()
}

fn register_fields<'a>() -> SignatureFields<'a> {
    SignatureFields {
        protocol: "NTLM",
        realm: "SIP Communications Service",
        target_name: "cosmo-ocs-r2.cosmo.local",
        call_id: "4037df9284354df39065195bd57a4b14",
        cseq_number: "3",
        cseq_method: "REGISTER",
        from_uri: "sip:user@cosmo.local",
        from_tag: "3e49177a52",
        to_uri: "sip:user@cosmo.local",
        ..Default::default()
    }
}

/// The signed REGISTER of sip-samples/002 (crand/cnum from its Proxy-Authorization).
fn request_signature_string() -> String {
    SignatureFields {
        rand: "13317733",
        num: "1",
        ..register_fields()
    }
    .signature_string(4)
}

/// The signed 200 OK of sip-samples/003 (srand/snum from its Authentication-Info).
fn response_signature_string() -> String {
    SignatureFields {
        rand: "9616454F",
        num: "1",
        to_tag: "5E61CCD925D17E043D9A74835A88F664",
        expires: "7200",
        response_code: Some(200),
        ..register_fields()
    }
    .signature_string(4)
}

/// The random session key Communicator chose, recovered from its encrypted form.
fn exported_session_key() -> [u8; 16] {
    let message = AuthenticateMessage::parse(&authenticate_bytes()).unwrap();
    let response_key = ntowf_v2(PASSWORD, USER, DOMAIN);
    let challenge = ChallengeMessage::parse(&CHALLENGE).unwrap();
    let blob = ntlmv2_client_blob(TIMESTAMP, &CLIENT_CHALLENGE, &challenge.target_info_bytes);
    let proof = nt_proof_str(&response_key, &SERVER_CHALLENGE, &blob);
    let mut key: [u8; 16] = message.encrypted_random_session_key.try_into().unwrap();
    rc4k(
        &key_exchange_key(&session_base_key(&response_key, &proof)),
        &mut key,
    );
    key
}

fn client() -> NtlmClient {
    NtlmClient::new(
        Credentials::new(USER, DOMAIN, Password::new(PASSWORD)),
        WORKSTATION,
    )
    .with_version(VERSION)
}

fn server_config() -> NtlmServerConfig {
    let challenge = ChallengeMessage::parse(&CHALLENGE).unwrap();
    NtlmServerConfig {
        flags: challenge.flags,
        version: challenge.version,
        ..NtlmServerConfig::new(SERVER_CHALLENGE, "", challenge.target_info)
    }
}

#[test]
fn timestamp_is_march_2010() {
    assert_eq!(filetime_from_unix(1_267_438_088, 433_288_900), TIMESTAMP);
}

#[test]
fn parses_the_challenge() {
    let challenge = ChallengeMessage::parse(&CHALLENGE).unwrap();
    assert_eq!(challenge.flags, NegotiateFlags(0xE298_82F3));
    assert!(challenge.flags.contains(NegotiateFlags::DATAGRAM));
    assert_eq!(challenge.server_challenge, SERVER_CHALLENGE);
    assert_eq!(challenge.target_name, "");
    assert_eq!(challenge.version, Some(VERSION));
    let info = &challenge.target_info;
    assert_eq!(info.name(AvId::NB_DOMAIN_NAME).as_deref(), Some("COSMO"));
    assert_eq!(
        info.name(AvId::NB_COMPUTER_NAME).as_deref(),
        Some("COSMO-OCS-R2")
    );
    assert_eq!(
        info.name(AvId::DNS_DOMAIN_NAME).as_deref(),
        Some("cosmo.local")
    );
    assert_eq!(
        info.name(AvId::DNS_COMPUTER_NAME).as_deref(),
        Some("cosmo-ocs-r2.cosmo.local")
    );
    assert_eq!(
        info.name(AvId::DNS_TREE_NAME).as_deref(),
        Some("cosmo.local")
    );
    assert_eq!(info.timestamp(), None);
    assert_eq!(info.encode().unwrap(), challenge.target_info_bytes);
}

#[test]
fn parses_the_authenticate_message() {
    let message = AuthenticateMessage::parse(&authenticate_bytes()).unwrap();
    assert_eq!(message.flags, NegotiateFlags(0x6298_8255));
    assert_eq!(message.user, USER);
    assert_eq!(message.domain, DOMAIN);
    assert_eq!(message.workstation, WORKSTATION);
    assert_eq!(message.version, Some(VERSION));
    assert_eq!(message.mic, None);
    assert_eq!(
        message.lm_challenge_response,
        hex!("A1E92EFE4E078BF7C5C0049ACC6166C2D6AE875CB0FDAA41")
    );
    assert_eq!(
        message.nt_challenge_response[..16],
        hex!("8DC0C800AE76ECA606D2B9FBEBD04731")
    );
    assert_eq!(
        message.encrypted_random_session_key,
        hex!("31CB739E1CA80A498591E8AE797115E4")
    );
    assert_eq!(message.encode().unwrap(), authenticate_bytes());
}

#[test]
fn signature_strings_match_protocol_md() {
    assert_eq!(
        request_signature_string(),
        "<NTLM><13317733><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local>\
         <4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52>\
         <sip:user@cosmo.local><><><><>"
    );
}

/// Our client, given Communicator's random inputs, sends byte for byte what Communicator
/// sent, and signs the REGISTER as it did.
#[test]
fn client_reproduces_communicator() {
    let inputs = AuthenticateInputs {
        client_challenge: CLIENT_CHALLENGE,
        exported_session_key: exported_session_key(),
        timestamp: TIMESTAMP,
    };
    // No MsvAvTimestamp in this CHALLENGE, so neither policy adds a MIC.
    for client in [client(), client().with_mic_policy(MicPolicy::Never)] {
        let result = client.authenticate(&CHALLENGE, &inputs).unwrap();
        assert_eq!(result.message, authenticate_bytes());

        let session = result.session;
        assert_eq!(session.role(), Role::Client);
        assert_eq!(
            session.sign(
                SIP_SIGNATURE_SEQUENCE_NUMBER,
                request_signature_string().as_bytes()
            ),
            CLIENT_MAC
        );
        assert!(session.verify(
            SIP_SIGNATURE_SEQUENCE_NUMBER,
            response_signature_string().as_bytes(),
            &SERVER_MAC
        ));
    }
}

/// Our server, configured like OCS 2007 R2, sends its CHALLENGE byte for byte, accepts
/// Communicator's AUTHENTICATE, verifies its signature and signs the 200 OK as OCS did.
#[test]
fn server_reproduces_ocs() {
    let server = NtlmServer::new(server_config()).unwrap();
    assert_eq!(server.challenge_message(), CHALLENGE);

    let accepted = server
        .accept(&authenticate_bytes(), |user, domain| {
            assert_eq!((user, domain), (USER, DOMAIN));
            Some(Password::new(PASSWORD))
        })
        .unwrap();
    assert_eq!(accepted.workstation, WORKSTATION);
    let session = accepted.session;
    assert_eq!(session.role(), Role::Server);
    assert!(session.verify(
        SIP_SIGNATURE_SEQUENCE_NUMBER,
        request_signature_string().as_bytes(),
        &CLIENT_MAC
    ));
    assert_eq!(
        session.sign(
            SIP_SIGNATURE_SEQUENCE_NUMBER,
            response_signature_string().as_bytes()
        ),
        SERVER_MAC
    );
}

#[test]
fn server_rejects_communicator_with_wrong_password() {
    let server = NtlmServer::new(server_config()).unwrap();
    let result = server.accept(&authenticate_bytes(), |_, _| {
        Some(Password::new("Pa$$w0rd"))
    });
    assert_eq!(
        result.unwrap_err(),
        crate::auth::ntlm::NtlmError::WrongPassword
    );
}

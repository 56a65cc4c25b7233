//! [MS-NLMP] §4.2 vectors (as quoted in sipe-facts §6 and SIPE's sip-sec-ntlm-tests.c) and
//! SIPE's OCS 2007 "MS-SIPE example" signature.

use hex_literal::hex;

use super::{PLAINTEXT_UTF16, hex_upper};
use crate::auth::ntlm::crypto::{crc32, hmac_md5, md4, md5, rc4k};
use crate::auth::ntlm::{
    AuthenticateMessage, AvId, ChallengeMessage, Direction, NegotiateFlags, NtlmSession,
    NtlmVersion, Role, SIP_SIGNATURE_SEQUENCE_NUMBER, key_exchange_key, lmv2_response,
    nt_challenge_response, nt_proof_str, ntlmv2_client_blob, ntowf_v2, sealing_key,
    session_base_key, signing_key,
};

const USER: &str = "User";
const DOMAIN: &str = "Domain";
const PASSWORD: &str = "Password";
const SERVER_CHALLENGE: [u8; 8] = hex!("0123456789abcdef");
const CLIENT_CHALLENGE: [u8; 8] = [0xAA; 8];
const RANDOM_SESSION_KEY: [u8; 16] = [0x55; 16];

/// MS-NLMP §4.2.4 NTLMv2 flags: KEY_EXCH | 56 | 128 | VERSION | TARGET_INFO | ESS |
/// TARGET_TYPE_SERVER | ALWAYS_SIGN | NTLM | SEAL | SIGN | OEM | UNICODE.
const NTLMV2_FLAGS: NegotiateFlags = NegotiateFlags(0xE28A_8233);

/// MS-NLMP §4.2.4.3 CHALLENGE_MESSAGE (target "Server", AV pairs Domain/Server).
const CHALLENGE: [u8; 104] = hex!(
    "4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef00000000000000002400240044000000060070170000000f53006500720076006500720002000c0044006f006d00610069006e0001000c0053006500720076006500720000000000"
);

/// MS-NLMP §4.2.4.3 AUTHENTICATE_MESSAGE.
const AUTHENTICATE: [u8; 232] = hex!(
    "4e544c4d5353500003000000180018006c00000054005400840000000c000c00480000000800080054000000100010005c00000010001000d8000000358288e20501280a0000000f44006f006d00610069006e00550073006500720043004f004d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa68cd0ab851e51c96aabc927bebef6a1c01010000000000000000000000000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000c5dad2544fc9799094ce1ce90bc9d03e"
);

#[test]
fn hash_primitives() {
    assert_eq!(
        hex_upper(&md4(b"message digest")),
        "D9130A8164549FE818874806E1C7014B"
    );
    assert_eq!(
        hex_upper(&md5(&[b"message digest"])),
        "F96B697D7CB7938D525A2F31AAF161D0"
    );
    assert_eq!(
        hex_upper(&hmac_md5(&[0x0b; 16], &[b"Hi There"])),
        "9294727A3638BB1C13F48EF8158BFC9D"
    );
    // SIPE's CRC32 vector over "Plaintext" (UTF-16LE).
    assert_eq!(crc32(PLAINTEXT_UTF16), 0x93AA_847D);
}

#[test]
fn ntowf_v2_vector() {
    assert_eq!(
        ntowf_v2(PASSWORD, USER, DOMAIN),
        hex!("0C868A403BFD7A93A3001EF22EF02E3F")
    );
    // The user name is upper-cased, the domain is not.
    assert_eq!(
        ntowf_v2(PASSWORD, "user", DOMAIN),
        ntowf_v2(PASSWORD, USER, DOMAIN)
    );
    assert_ne!(
        ntowf_v2(PASSWORD, USER, "DOMAIN"),
        ntowf_v2(PASSWORD, USER, DOMAIN)
    );
}

#[test]
fn challenge_message_codec() {
    let challenge = ChallengeMessage::parse(&CHALLENGE).unwrap();
    assert_eq!(challenge.flags, NTLMV2_FLAGS);
    assert_eq!(challenge.server_challenge, SERVER_CHALLENGE);
    assert_eq!(challenge.target_name, "Server");
    assert_eq!(
        challenge.target_info.name(AvId::NB_DOMAIN_NAME).as_deref(),
        Some("Domain")
    );
    assert_eq!(
        challenge
            .target_info
            .name(AvId::NB_COMPUTER_NAME)
            .as_deref(),
        Some("Server")
    );
    assert_eq!(challenge.target_info.timestamp(), None);
    assert_eq!(
        challenge.version,
        Some(NtlmVersion {
            major: 6,
            minor: 0,
            build: 6000,
            ntlm_revision: 0x0F
        })
    );
    assert_eq!(challenge.encode().unwrap(), CHALLENGE);
}

#[test]
fn ntlmv2_responses_and_keys() {
    let challenge = ChallengeMessage::parse(&CHALLENGE).unwrap();
    let response_key = ntowf_v2(PASSWORD, USER, DOMAIN);

    let lm = lmv2_response(&response_key, &SERVER_CHALLENGE, &CLIENT_CHALLENGE);
    assert_eq!(
        hex_upper(&lm),
        "86C35097AC9CEC102554764A57CCCC19AAAAAAAAAAAAAAAA"
    );

    let blob = ntlmv2_client_blob(0, &CLIENT_CHALLENGE, &challenge.target_info_bytes);
    let proof = nt_proof_str(&response_key, &SERVER_CHALLENGE, &blob);
    assert_eq!(proof, hex!("68CD0AB851E51C96AABC927BEBEF6A1C"));
    let nt = nt_challenge_response(&proof, &blob);
    assert_eq!(
        hex_upper(&nt),
        "68CD0AB851E51C96AABC927BEBEF6A1C01010000000000000000000000000000AAAAAAAAAAAAAAAA\
         0000000002000C0044006F006D00610069006E0001000C005300650072007600650072000000000000000000"
    );

    let base_key = session_base_key(&response_key, &proof);
    assert_eq!(base_key, hex!("8DE40CCADBC14A82F15CB0AD0DE95CA3"));
    let mut encrypted_key = RANDOM_SESSION_KEY;
    rc4k(&key_exchange_key(&base_key), &mut encrypted_key);
    assert_eq!(encrypted_key, hex!("C5DAD2544FC9799094CE1CE90BC9D03E"));

    assert_eq!(
        signing_key(&RANDOM_SESSION_KEY, Direction::ClientToServer),
        hex!("4788DC861B4782F35D43FD98FE1A2D39")
    );
    assert_eq!(
        sealing_key(NTLMV2_FLAGS, &RANDOM_SESSION_KEY, Direction::ClientToServer).as_bytes(),
        hex!("59F600973CC4960A25480A7C196E4C58")
    );

    // The same parts, laid out as MS-NLMP's AUTHENTICATE_MESSAGE, give its bytes exactly.
    let message = AuthenticateMessage {
        flags: NegotiateFlags(0xE288_8235),
        lm_challenge_response: lm.to_vec(),
        nt_challenge_response: nt,
        domain: DOMAIN.into(),
        user: USER.into(),
        workstation: "COMPUTER".into(),
        encrypted_random_session_key: encrypted_key.to_vec(),
        version: Some(NtlmVersion {
            major: 5,
            minor: 1,
            build: 2600,
            ntlm_revision: 0x0F,
        }),
        mic: None,
    };
    assert_eq!(message.encode().unwrap(), AUTHENTICATE);
    assert_eq!(AuthenticateMessage::parse(&AUTHENTICATE).unwrap(), message);
}

/// MAC 0100000070352851F256430900000000: the NTLMv2 client signature of "Plaintext" with
/// sequence number 0, computed (as SIPE's test does) without key exchange, i.e. without
/// RC4 over the checksum, because MS-NLMP's own value continues a sealing RC4 stream.
#[test]
fn ntlmv2_signature_vector() {
    let flags = NTLMV2_FLAGS.without(NegotiateFlags::KEY_EXCH);
    let client = NtlmSession::from_exported_session_key(Role::Client, flags, &RANDOM_SESSION_KEY);
    let signature = client.sign(0, PLAINTEXT_UTF16);
    assert_eq!(signature, hex!("0100000070352851F256430900000000"));

    let server = NtlmSession::from_exported_session_key(Role::Server, flags, &RANDOM_SESSION_KEY);
    assert!(server.verify(0, PLAINTEXT_UTF16, &signature));
    assert!(!server.verify(1, PLAINTEXT_UTF16, &signature));
    assert!(
        !client.verify(0, PLAINTEXT_UTF16, &signature),
        "wrong direction must fail"
    );
}

/// davenport.sourceforge.net NTLM2 signing vector, as in SIPE's tests: SIGNKEY of a known
/// master key and the unencrypted signature of "jCIFS".
#[test]
fn davenport_signing_vector() {
    let master_key = hex!("0102030405060708090a0b0c0d0e0f00");
    assert_eq!(
        signing_key(&master_key, Direction::ClientToServer),
        hex!("F7F97A82EC390F9C903DAC4F6ACEB132")
    );
    let flags = NTLMV2_FLAGS.without(NegotiateFlags::KEY_EXCH);
    let session = NtlmSession::from_exported_session_key(Role::Client, flags, &master_key);
    assert_eq!(
        session.sign(0, b"jCIFS"),
        hex!("010000000A003602317A759A00000000")
    );
}

/// OCS 2007 signing without extended session security ("MS-SIPE example", protocol.md §7.1):
/// connection-less flags minus ESS, exported session key 5F02…, SIP sequence number.
#[test]
fn sip_signature_without_ess_vector() {
    const SIGNATURE_STRING: &str = "<NTLM><0878F41B><1><SIP Communications Service>\
        <ocs1.ocs.provo.novell.com><8592g5DCBa1694i5887m0D0Bt2247b3F38xAE9Fx><3><REGISTER>\
        <sip:gabriel@ocs.provo.novell.com><2947328781><B816D65C2300A32CFA6D371F2AF537FD><900><200>";
    let flags = connectionless_flags().without(NegotiateFlags::EXTENDED_SESSION_SECURITY);
    let key = hex!("5F029153BC025058969548615E7099BA");
    let server = NtlmSession::from_exported_session_key(Role::Server, flags, &key);
    let expected = hex!("0100000000000000BF2E52667DDF6DED");
    assert_eq!(
        server.sign(SIP_SIGNATURE_SEQUENCE_NUMBER, SIGNATURE_STRING.as_bytes()),
        expected
    );

    let client = NtlmSession::from_exported_session_key(Role::Client, flags, &key);
    assert!(client.verify(
        SIP_SIGNATURE_SEQUENCE_NUMBER,
        SIGNATURE_STRING.as_bytes(),
        &expected
    ));
    // The RandomPad field carries no integrity and is ignored, as SIPE does.
    let mut other_pad = expected;
    other_pad[4] ^= 0xFF;
    assert!(client.verify(
        SIP_SIGNATURE_SEQUENCE_NUMBER,
        SIGNATURE_STRING.as_bytes(),
        &other_pad
    ));
    let mut tampered = expected;
    tampered[9] ^= 1;
    assert!(!client.verify(
        SIP_SIGNATURE_SEQUENCE_NUMBER,
        SIGNATURE_STRING.as_bytes(),
        &tampered
    ));
    assert!(!client.verify(SIP_SIGNATURE_SEQUENCE_NUMBER, b"<NTLM>", &expected));
    assert!(!client.verify(1, SIGNATURE_STRING.as_bytes(), &expected));
}

/// SIPE's NEGOTIATE_FLAGS_CONNLESS.
fn connectionless_flags() -> NegotiateFlags {
    NegotiateFlags::UNICODE
        | NegotiateFlags::NTLM
        | NegotiateFlags::ALWAYS_SIGN
        | NegotiateFlags::EXTENDED_SESSION_SECURITY
        | NegotiateFlags::TARGET_INFO
        | NegotiateFlags::VERSION
        | NegotiateFlags::NEGOTIATE_128
        | NegotiateFlags::NEGOTIATE_56
        | NegotiateFlags::REQUEST_TARGET
        | NegotiateFlags::SIGN
        | NegotiateFlags::DATAGRAM
        | NegotiateFlags::IDENTIFY
        | NegotiateFlags::KEY_EXCH
}

//! NTLMv2, client and server ([MS-NLMP]): connection-less ("datagram") with message
//! signatures, as Lync / OCS use it to authenticate and sign SIP ([MS-SIPAE]), and
//! connection-oriented, as web servers use it for HTTP authentication (see [`crate::http`]).
//!
//! Client flow (SIP): send an empty token ([`NtlmClient::initial_token`]); feed the 401's
//! CHALLENGE to [`NtlmClient::authenticate`]; send the AUTHENTICATE it returns and keep the
//! [`NtlmSession`] to sign requests and verify the server's `rspauth`.
//!
//! Server flow: [`NtlmServer::new`] makes the CHALLENGE; [`NtlmServer::accept`] checks the
//! AUTHENTICATE against the account's password and returns the server's [`NtlmSession`].
//!
//! Connection-oriented flow (HTTP): [`NtlmClient::connection_oriented`]'s initial token is a
//! NEGOTIATE message; the server answers it with [`NtlmServer::answer_negotiate`]'s CHALLENGE,
//! and the rest is as above. Only authentication is used there, no signing or sealing.
//!
//! SIP signatures are made with [`SIP_SIGNATURE_SEQUENCE_NUMBER`] over the MS-SIPAE signature
//! string (see [`crate::auth::signature`]).

mod client;
mod credentials;
mod crypto;
mod error;
mod flags;
mod keys;
mod messages;
mod server;
mod session;
mod target_info;

#[cfg(test)]
mod tests;

pub use client::{
    AuthenticateInputs, CLIENT_REQUIRED_FLAGS, CLIENT_SUPPORTED_FLAGS,
    CONNECTION_ORIENTED_CLIENT_FLAGS, CONNECTION_ORIENTED_CLIENT_REQUIRED_FLAGS,
    ClientAuthentication, MicPolicy, NtlmClient, NtlmMode,
};
pub use credentials::{Credentials, LoginName, Password, split_login};
pub use error::NtlmError;
pub use flags::NegotiateFlags;
pub use keys::{
    Direction, SealingKey, key_exchange_key, lmv2_response, nt_challenge_response, nt_proof_str,
    ntlmv2_client_blob, ntowf_v2, sealing_key, session_base_key, signing_key,
};
pub use messages::{AuthenticateMessage, ChallengeMessage, NegotiateMessage, NtlmVersion};
pub use server::{
    DEFAULT_MAX_CLOCK_SKEW, NtlmServer, NtlmServerConfig, SERVER_CONNECTION_ORIENTED_FLAGS,
    SERVER_CONNECTION_ORIENTED_REQUIRED_FLAGS, SERVER_DEFAULT_FLAGS, SERVER_REQUIRED_FLAGS,
    ServerAuthentication,
};
pub use session::{NtlmSession, Role, SIGNATURE_LEN};
pub use target_info::{AV_FLAG_MIC_PRESENT, AvId, AvPair, TargetInfo};

/// The NTLM sequence number every SIP message signature uses: always 100.
///
/// Not the `cnum`/`snum` of the Authorization header. pidgin-sipe passes the constant 100 to
/// the MAC for every message it signs or verifies (sip-sec-ntlm.c), and the real server and
/// client signatures confirm it: an NTLMv2 signature ends with the sequence number in clear,
/// and OCS 2007 R2's `rspauth` (snum 1 and snum 11) and Office Communicator's `response`
/// (cnum 1) all end in `64000000`, i.e. 100 little-endian. Connection-less NTLM lets the
/// application choose the number (MS-NLMP §3.4.4); Microsoft's SIP stack, as seen on the
/// wire, always chooses 100.
pub const SIP_SIGNATURE_SEQUENCE_NUMBER: u32 = 100;

/// Seconds between 1601-01-01 (FILETIME epoch) and 1970-01-01 (Unix epoch).
const FILETIME_UNIX_EPOCH_OFFSET_SECS: u64 = 11_644_473_600;

/// Converts Unix time to a FILETIME (100 ns units since 1601), the NTLM timestamp format.
pub fn filetime_from_unix(unix_seconds: u64, nanos: u32) -> u64 {
    // Saturating: a nonsense clock must not panic; NTLM only compares timestamps.
    unix_seconds
        .saturating_add(FILETIME_UNIX_EPOCH_OFFSET_SECS)
        .saturating_mul(10_000_000)
        .saturating_add(u64::from(nanos / 100))
}

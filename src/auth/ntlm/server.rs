//! The server side of NTLMv2, for the project's test server.
//!
//! [`NtlmServer`] issues one CHALLENGE and checks the AUTHENTICATE that answers it against
//! the account's password, yielding the same [`NtlmSession`] keys as the client derives.
//! Connection-less (SIP) servers start from [`NtlmServer::new`]; connection-oriented (HTTP)
//! ones answer the client's NEGOTIATE with [`NtlmServer::answer_negotiate`]. Which one a
//! server is follows from the DATAGRAM flag of its CHALLENGE.

use super::client::NtlmMode;
use super::credentials::Password;
use super::crypto::{constant_time_eq, hmac_md5, rc4k};
use super::error::NtlmError;
use super::flags::NegotiateFlags;
use super::keys::{key_exchange_key, nt_proof_str, ntowf_v2, session_base_key};
use super::messages::{
    AuthenticateMessage, ChallengeMessage, MIC_OFFSET, NegotiateMessage, NtlmVersion,
};
use super::session::{NtlmSession, Role};
use super::target_info::TargetInfo;

/// Flags offered by default: what Lync's CHALLENGE offers, minus SEAL/OEM/LM_KEY which this
/// implementation does not use.
pub const SERVER_DEFAULT_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::UNICODE.0
        | NegotiateFlags::SIGN.0
        | NegotiateFlags::DATAGRAM.0
        | NegotiateFlags::NTLM.0
        | NegotiateFlags::ALWAYS_SIGN.0
        | NegotiateFlags::EXTENDED_SESSION_SECURITY.0
        | NegotiateFlags::IDENTIFY.0
        | NegotiateFlags::TARGET_INFO.0
        | NegotiateFlags::VERSION.0
        | NegotiateFlags::NEGOTIATE_128.0
        | NegotiateFlags::KEY_EXCH.0
        | NegotiateFlags::NEGOTIATE_56.0,
);

/// Flags an AUTHENTICATE must carry. Connection-less NTLM always uses key exchange
/// ([MS-NLMP] §3.2.5.2.1), and SIP needs signing.
pub const SERVER_REQUIRED_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::UNICODE.0
        | NegotiateFlags::NTLM.0
        | NegotiateFlags::SIGN.0
        | NegotiateFlags::DATAGRAM.0
        | NegotiateFlags::KEY_EXCH.0,
);

/// Connection-oriented: the most a CHALLENGE offers; [`NtlmServer::answer_negotiate`] keeps
/// what the NEGOTIATE asked for. Domain-joined IIS offers the same, less SEAL.
pub const SERVER_CONNECTION_ORIENTED_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::UNICODE.0
        | NegotiateFlags::REQUEST_TARGET.0
        | NegotiateFlags::SIGN.0
        | NegotiateFlags::NTLM.0
        | NegotiateFlags::ALWAYS_SIGN.0
        | NegotiateFlags::TARGET_TYPE_DOMAIN.0
        | NegotiateFlags::EXTENDED_SESSION_SECURITY.0
        | NegotiateFlags::TARGET_INFO.0
        | NegotiateFlags::VERSION.0
        | NegotiateFlags::NEGOTIATE_128.0
        | NegotiateFlags::KEY_EXCH.0
        | NegotiateFlags::NEGOTIATE_56.0,
);

/// Connection-oriented: flags a NEGOTIATE and an AUTHENTICATE must carry. Key exchange and
/// signing are optional there; UTF-16 names are not (the server decodes no OEM code page).
pub const SERVER_CONNECTION_ORIENTED_REQUIRED_FLAGS: NegotiateFlags =
    NegotiateFlags(NegotiateFlags::UNICODE.0 | NegotiateFlags::NTLM.0);

/// Flags only a server sets, whatever the NEGOTIATE asked for.
const SERVER_ANNOUNCED_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::TARGET_INFO.0
        | NegotiateFlags::TARGET_TYPE_DOMAIN.0
        | NegotiateFlags::TARGET_TYPE_SERVER.0,
);

/// MS-NLMP's default MaxLifetime for a challenge response: 36 hours, in FILETIME units.
pub const DEFAULT_MAX_CLOCK_SKEW: u64 = 36 * 3600 * 10_000_000;

/// What the server puts in its CHALLENGE and how strictly it checks the answer.
#[derive(Clone, Debug)]
pub struct NtlmServerConfig {
    /// 8 random bytes, fresh for every challenge.
    pub server_challenge: [u8; 8],
    /// TargetName, usually the NetBIOS domain (may be empty, as OCS 2007 R2 sends it).
    pub target_name: String,
    /// The AV pairs; put the current time in with [`TargetInfo::with_timestamp`].
    pub target_info: TargetInfo,
    pub flags: NegotiateFlags,
    pub version: Option<NtlmVersion>,
    /// Largest accepted distance between the client's NTLMv2 timestamp and the
    /// `MsvAvTimestamp` of `target_info`; `None` (or no server timestamp) skips the check.
    pub max_clock_skew: Option<u64>,
}

impl NtlmServerConfig {
    pub fn new(server_challenge: [u8; 8], target_name: &str, target_info: TargetInfo) -> Self {
        Self {
            server_challenge,
            target_name: target_name.to_owned(),
            target_info,
            flags: SERVER_DEFAULT_FLAGS,
            version: Some(NtlmVersion::WINDOWS_7_SP1),
            max_clock_skew: Some(DEFAULT_MAX_CLOCK_SKEW),
        }
    }
}

/// A successful authentication as the server sees it.
#[derive(Debug)]
pub struct ServerAuthentication {
    pub user: String,
    pub domain: String,
    pub workstation: String,
    pub session: NtlmSession,
}

/// One issued CHALLENGE and the means to check its answer.
#[derive(Clone, Debug)]
pub struct NtlmServer {
    /// Connection-oriented only: the NEGOTIATE the CHALLENGE answers; the MIC covers it.
    negotiate_bytes: Vec<u8>,
    challenge: ChallengeMessage,
    challenge_bytes: Vec<u8>,
    max_clock_skew: Option<u64>,
}

impl NtlmServer {
    /// A server whose CHALLENGE offers exactly `config.flags` (connection-less when they
    /// include DATAGRAM).
    pub fn new(config: NtlmServerConfig) -> Result<Self, NtlmError> {
        // The VERSION flag announces the Version field; keep the two consistent.
        let flags = if config.version.is_some() {
            config.flags | NegotiateFlags::VERSION
        } else {
            config.flags.without(NegotiateFlags::VERSION)
        };
        let challenge = ChallengeMessage::new(
            flags,
            config.server_challenge,
            &config.target_name,
            config.target_info,
            config.version,
        )?;
        let challenge_bytes = challenge.encode()?;
        Ok(Self {
            negotiate_bytes: Vec::new(),
            challenge,
            challenge_bytes,
            max_clock_skew: config.max_clock_skew,
        })
    }

    /// Connection-oriented NTLM: answers a client's NEGOTIATE. The CHALLENGE offers what the
    /// NEGOTIATE asked for within `config.flags` (which should be
    /// [`SERVER_CONNECTION_ORIENTED_FLAGS`] or fewer), never DATAGRAM, and always TargetInfo
    /// (NTLMv2 needs it), as MS-NLMP §3.2.5.1.1 describes.
    pub fn answer_negotiate(
        config: NtlmServerConfig,
        negotiate_bytes: &[u8],
    ) -> Result<Self, NtlmError> {
        let requested = NegotiateMessage::parse(negotiate_bytes)?.flags;
        let missing = SERVER_CONNECTION_ORIENTED_REQUIRED_FLAGS.without(requested);
        if !missing.is_empty() {
            return Err(NtlmError::MissingFlags { missing });
        }
        let mut announced = NegotiateFlags::TARGET_INFO;
        if requested.contains(NegotiateFlags::REQUEST_TARGET) {
            announced |= SERVER_ANNOUNCED_FLAGS;
        }
        let flags = ((requested | announced) & config.flags)
            .without(NegotiateFlags::DATAGRAM | NegotiateFlags::OEM)
            | NegotiateFlags::TARGET_INFO;
        let mut server = Self::new(NtlmServerConfig { flags, ..config })?;
        server.negotiate_bytes = negotiate_bytes.to_vec();
        Ok(server)
    }

    /// Connection-less when the CHALLENGE carries the DATAGRAM flag.
    pub fn mode(&self) -> NtlmMode {
        if self.challenge.flags.contains(NegotiateFlags::DATAGRAM) {
            NtlmMode::Connectionless
        } else {
            NtlmMode::ConnectionOriented
        }
    }

    /// The CHALLENGE message to send (base64 it into `gssapi-data`).
    pub fn challenge_message(&self) -> &[u8] {
        &self.challenge_bytes
    }

    /// Checks an AUTHENTICATE message. `lookup_password(user, domain)` returns the password
    /// of the account the message names, or `None` if there is no such account.
    pub fn accept<F>(
        &self,
        authenticate_bytes: &[u8],
        lookup_password: F,
    ) -> Result<ServerAuthentication, NtlmError>
    where
        F: FnOnce(&str, &str) -> Option<Password>,
    {
        let message = AuthenticateMessage::parse(authenticate_bytes)?;
        self.check_flags(message.flags)?;

        let nt_response = &message.nt_challenge_response;
        let (proof, blob) = match nt_response.split_at_checked(16) {
            // An NTLMv1 response is exactly 24 bytes and anonymous is empty.
            Some((proof, blob)) if nt_response.len() > 24 => (proof, blob),
            _ => return Err(NtlmError::NotNtlmV2),
        };
        let client_timestamp = parse_blob(blob)?;
        self.check_clock_skew(client_timestamp)?;

        let password = lookup_password(&message.user, &message.domain).ok_or_else(|| {
            NtlmError::UnknownUser {
                user: message.user.clone(),
                domain: message.domain.clone(),
            }
        })?;
        let response_key = self.find_response_key(&message, &password, proof, blob)?;

        let mut proof_array = [0u8; 16];
        proof_array.copy_from_slice(proof);
        let key_exchange_key = key_exchange_key(&session_base_key(&response_key, &proof_array));
        let exported_session_key = if message.flags.contains(NegotiateFlags::KEY_EXCH) {
            let mut key: [u8; 16] = message
                .encrypted_random_session_key
                .as_slice()
                .try_into()
                .map_err(|_| NtlmError::BadSessionKeyLength {
                    length: message.encrypted_random_session_key.len(),
                })?;
            rc4k(&key_exchange_key, &mut key);
            key
        } else {
            key_exchange_key
        };

        if let Some(mic) = &message.mic {
            self.check_mic(authenticate_bytes, mic, &exported_session_key)?;
        }

        Ok(ServerAuthentication {
            session: NtlmSession::from_exported_session_key(
                Role::Server,
                message.flags,
                &exported_session_key,
            ),
            user: message.user,
            domain: message.domain,
            workstation: message.workstation,
        })
    }

    fn check_flags(&self, flags: NegotiateFlags) -> Result<(), NtlmError> {
        let required = match self.mode() {
            NtlmMode::Connectionless => SERVER_REQUIRED_FLAGS,
            NtlmMode::ConnectionOriented => SERVER_CONNECTION_ORIENTED_REQUIRED_FLAGS,
        };
        let missing = required.without(flags);
        if !missing.is_empty() {
            return Err(NtlmError::MissingFlags { missing });
        }
        // Clients add REQUEST_TARGET even though it is a NEGOTIATE-only request.
        let allowed = self.challenge.flags | NegotiateFlags::REQUEST_TARGET;
        let unexpected = flags.without(allowed);
        if !unexpected.is_empty() {
            return Err(NtlmError::UnofferedFlags { unexpected });
        }
        Ok(())
    }

    fn check_clock_skew(&self, client_timestamp: u64) -> Result<(), NtlmError> {
        match (self.max_clock_skew, self.challenge.target_info.timestamp()) {
            (Some(max_skew), Some(server_timestamp))
                if client_timestamp.abs_diff(server_timestamp) > max_skew =>
            {
                Err(NtlmError::TimestampOutOfRange)
            }
            _ => Ok(()),
        }
    }

    /// Recomputes NTProofStr with the account's key. As MS-NLMP §3.2.5.1.2 says, a failed
    /// check is retried with an empty domain (clients that log in with a UPN send one).
    fn find_response_key(
        &self,
        message: &AuthenticateMessage,
        password: &Password,
        proof: &[u8],
        blob: &[u8],
    ) -> Result<[u8; 16], NtlmError> {
        let mut domains = vec![message.domain.as_str()];
        if !message.domain.is_empty() {
            domains.push("");
        }
        domains
            .into_iter()
            .map(|domain| ntowf_v2(password.expose(), &message.user, domain))
            .find(|key| {
                constant_time_eq(
                    &nt_proof_str(key, &self.challenge.server_challenge, blob),
                    proof,
                )
            })
            .ok_or(NtlmError::WrongPassword)
    }

    /// MIC: HMAC_MD5(ExportedSessionKey, [NEGOTIATE +] CHALLENGE + AUTHENTICATE with the MIC
    /// zeroed); connection-less NTLM has no NEGOTIATE.
    fn check_mic(
        &self,
        authenticate_bytes: &[u8],
        mic: &[u8; 16],
        exported_session_key: &[u8; 16],
    ) -> Result<(), NtlmError> {
        let mut zeroed = authenticate_bytes.to_vec();
        if let Some(field) = zeroed.get_mut(MIC_OFFSET..MIC_OFFSET + 16) {
            field.fill(0);
        }
        let expected = hmac_md5(
            exported_session_key,
            &[&self.negotiate_bytes, &self.challenge_bytes, &zeroed],
        );
        if constant_time_eq(&expected, mic) {
            Ok(())
        } else {
            Err(NtlmError::MicMismatch)
        }
    }
}

/// Checks the NTLMv2 client blob's shape and returns its timestamp.
fn parse_blob(blob: &[u8]) -> Result<u64, NtlmError> {
    let malformed = |reason| NtlmError::MalformedNtlmV2Blob { reason };
    let header = blob.get(..28).ok_or(malformed("shorter than 28 bytes"))?;
    if header[0] != 1 {
        return Err(malformed("unknown response version"));
    }
    let mut timestamp = [0u8; 8];
    timestamp.copy_from_slice(&header[8..16]);
    // The AV pairs must be well-formed even though their content is not checked.
    TargetInfo::parse(&blob[28..])?;
    Ok(u64::from_le_bytes(timestamp))
}

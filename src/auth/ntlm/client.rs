//! The client side of NTLMv2: connection-less as Lync uses it over SIP, connection-oriented
//! as web servers use it over HTTP.
//!
//! Connection-less (SIP): the first REGISTER carries an *empty* token (there is no NEGOTIATE
//! message); the 401 carries the CHALLENGE; [`NtlmClient::authenticate`] turns it into the
//! AUTHENTICATE message for the next REGISTER and the established [`NtlmSession`].
//!
//! Connection-oriented (HTTP): [`NtlmClient::initial_token`] is a NEGOTIATE message; the
//! CHALLENGE and AUTHENTICATE follow on the same connection, and the MIC covers all three.

use std::fmt;

use super::credentials::Credentials;
use super::crypto::{hmac_md5, rc4k};
use super::error::NtlmError;
use super::flags::NegotiateFlags;
use super::keys::{
    key_exchange_key, lmv2_response, nt_challenge_response, nt_proof_str, ntlmv2_client_blob,
    ntowf_v2, session_base_key,
};
use super::messages::{
    AuthenticateMessage, ChallengeMessage, MIC_OFFSET, NegotiateMessage, NtlmVersion,
};
use super::session::{NtlmSession, Role};
use super::target_info::{AV_FLAG_MIC_PRESENT, AvId};

/// Which NTLM variant a client speaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum NtlmMode {
    /// No NEGOTIATE message, the DATAGRAM flag, key exchange and signing (SIP).
    #[default]
    Connectionless,
    /// NEGOTIATE → CHALLENGE → AUTHENTICATE on one connection (HTTP).
    ConnectionOriented,
}

/// Connection-less: flags the client accepts from a CHALLENGE (it answers with their
/// intersection). SEAL is left out: SIP only signs.
pub const CLIENT_SUPPORTED_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::UNICODE.0
        | NegotiateFlags::REQUEST_TARGET.0
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

/// Connection-less: flags a CHALLENGE must offer; without them there is no signing.
pub const CLIENT_REQUIRED_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::UNICODE.0
        | NegotiateFlags::NTLM.0
        | NegotiateFlags::SIGN.0
        | NegotiateFlags::DATAGRAM.0,
);

/// Connection-oriented: the flags the NEGOTIATE message asks for, and (with `TARGET_INFO`)
/// the most the AUTHENTICATE message will use. Like Windows' HTTP stack: no SEAL (HTTP
/// authentication establishes no protected session) and no DATAGRAM.
pub const CONNECTION_ORIENTED_CLIENT_FLAGS: NegotiateFlags = NegotiateFlags(
    NegotiateFlags::UNICODE.0
        | NegotiateFlags::OEM.0
        | NegotiateFlags::REQUEST_TARGET.0
        | NegotiateFlags::SIGN.0
        | NegotiateFlags::NTLM.0
        | NegotiateFlags::ALWAYS_SIGN.0
        | NegotiateFlags::EXTENDED_SESSION_SECURITY.0
        | NegotiateFlags::VERSION.0
        | NegotiateFlags::NEGOTIATE_128.0
        | NegotiateFlags::KEY_EXCH.0
        | NegotiateFlags::NEGOTIATE_56.0,
);

/// Connection-oriented: flags a CHALLENGE must offer (names go out in UTF-16).
pub const CONNECTION_ORIENTED_CLIENT_REQUIRED_FLAGS: NegotiateFlags =
    NegotiateFlags(NegotiateFlags::UNICODE.0 | NegotiateFlags::NTLM.0);

/// Whether to add a MIC to the AUTHENTICATE message.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum MicPolicy {
    /// As MS-NLMP §3.1.5.2.1 says: when the CHALLENGE has `MsvAvTimestamp` (Windows Vista
    /// and later servers). Old OCS 2007 servers send no timestamp and get no MIC.
    #[default]
    WhenChallengeHasTimestamp,
    /// Never, like pidgin-sipe.
    Never,
}

/// The per-authentication inputs a deterministic client cannot make itself.
#[derive(Clone)]
pub struct AuthenticateInputs {
    /// 8 random bytes.
    pub client_challenge: [u8; 8],
    /// 16 random bytes: the key every session key is derived from (sent encrypted).
    pub exported_session_key: [u8; 16],
    /// Current time as a FILETIME (100 ns since 1601-01-01 UTC); used only when the
    /// CHALLENGE carries no `MsvAvTimestamp`, whose value takes precedence per MS-NLMP.
    pub timestamp: u64,
}

impl fmt::Debug for AuthenticateInputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticateInputs")
            .field("client_challenge", &self.client_challenge)
            .field("exported_session_key", &"<redacted>")
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// Result of a successful client authentication step.
pub struct ClientAuthentication {
    /// The AUTHENTICATE message (to be base64-encoded into `gssapi-data`).
    pub message: Vec<u8>,
    pub session: NtlmSession,
}

/// The message holds NTProofStr, material for offline password guessing: only its size
/// is shown.
impl fmt::Debug for ClientAuthentication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientAuthentication")
            .field("message_len", &self.message.len())
            .field("session", &self.session)
            .finish()
    }
}

/// An NTLMv2 client, connection-less unless made with
/// [`connection_oriented`](Self::connection_oriented).
#[derive(Clone, Debug)]
pub struct NtlmClient {
    credentials: Credentials,
    workstation: String,
    version: NtlmVersion,
    mic_policy: MicPolicy,
    require_extended_session_security: bool,
    mode: NtlmMode,
    /// Connection-oriented only: what the NEGOTIATE asks for.
    negotiate_flags: NegotiateFlags,
}

impl NtlmClient {
    /// A connection-less client. `workstation` is this machine's name; SIPE sends the host
    /// name upper-cased.
    pub fn new(credentials: Credentials, workstation: impl Into<String>) -> Self {
        Self {
            credentials,
            workstation: workstation.into(),
            version: NtlmVersion::WINDOWS_7_SP1,
            mic_policy: MicPolicy::default(),
            require_extended_session_security: true,
            mode: NtlmMode::Connectionless,
            negotiate_flags: CONNECTION_ORIENTED_CLIENT_FLAGS,
        }
    }

    /// A connection-oriented client, for HTTP: it opens with a NEGOTIATE message.
    pub fn connection_oriented(credentials: Credentials, workstation: impl Into<String>) -> Self {
        Self {
            mode: NtlmMode::ConnectionOriented,
            ..Self::new(credentials, workstation)
        }
    }

    /// Connection-oriented only: the flags to ask for in the NEGOTIATE message (default
    /// [`CONNECTION_ORIENTED_CLIENT_FLAGS`]). The AUTHENTICATE uses no flag outside them.
    pub fn with_negotiate_flags(mut self, flags: NegotiateFlags) -> Self {
        self.negotiate_flags = flags;
        self
    }

    pub fn mode(&self) -> NtlmMode {
        self.mode
    }

    /// The credentials this client authenticates with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The Version field to send (informational; tests use it to match captures).
    pub fn with_version(mut self, version: NtlmVersion) -> Self {
        self.version = version;
        self
    }

    pub fn with_mic_policy(mut self, mic_policy: MicPolicy) -> Self {
        self.mic_policy = mic_policy;
        self
    }

    /// Also accepts servers that do not offer extended session security (OCS 2007-era
    /// signing). Off by default: without ESS a signature is an RC4-encrypted CRC32.
    pub fn allow_without_extended_session_security(mut self) -> Self {
        self.require_extended_session_security = false;
        self
    }

    /// The first token: empty for connection-less NTLM, which has no NEGOTIATE message; the
    /// NEGOTIATE message for connection-oriented NTLM.
    pub fn initial_token(&self) -> Vec<u8> {
        match self.mode {
            NtlmMode::Connectionless => Vec::new(),
            NtlmMode::ConnectionOriented => self.negotiate_message_bytes(),
        }
    }

    /// The NEGOTIATE message of connection-oriented NTLM (no domain or workstation: modern
    /// clients leave them out and the AUTHENTICATE carries them).
    pub fn negotiate_message(&self) -> NegotiateMessage {
        NegotiateMessage {
            flags: self.negotiate_flags,
            domain: String::new(),
            workstation: String::new(),
            version: self
                .negotiate_flags
                .contains(NegotiateFlags::VERSION)
                .then_some(self.version),
        }
    }

    fn negotiate_message_bytes(&self) -> Vec<u8> {
        // Cannot fail: with empty strings no field can be too long.
        self.negotiate_message().encode().unwrap_or_default()
    }

    /// Answers a CHALLENGE message with an AUTHENTICATE message and the session keys.
    pub fn authenticate(
        &self,
        challenge_bytes: &[u8],
        inputs: &AuthenticateInputs,
    ) -> Result<ClientAuthentication, NtlmError> {
        let challenge = ChallengeMessage::parse(challenge_bytes)?;
        let flags = self.negotiate_flags(challenge.flags)?;

        let server_timestamp = challenge.target_info.timestamp();
        let timestamp = server_timestamp.unwrap_or(inputs.timestamp);
        let with_mic =
            self.mic_policy == MicPolicy::WhenChallengeHasTimestamp && server_timestamp.is_some();

        let av_pairs = if with_mic {
            let mut pairs = challenge.target_info.clone();
            let av_flags = pairs.av_flags().unwrap_or(0) | AV_FLAG_MIC_PRESENT;
            pairs.set(AvId::FLAGS, av_flags.to_le_bytes().to_vec());
            pairs.encode()?
        } else {
            // Echo the server's bytes exactly, whatever their layout.
            challenge.target_info_bytes.clone()
        };

        let Credentials {
            user,
            domain,
            password,
        } = &self.credentials;
        let response_key = ntowf_v2(password.expose(), user, domain);
        let blob = ntlmv2_client_blob(timestamp, &inputs.client_challenge, &av_pairs);
        let proof = nt_proof_str(&response_key, &challenge.server_challenge, &blob);
        let nt_response = nt_challenge_response(&proof, &blob);
        let key_exchange_key = key_exchange_key(&session_base_key(&response_key, &proof));

        // MS-NLMP: with a server timestamp the LM response SHOULD be Z(24); older servers
        // (and the OC 2007 R2 capture) get the LMv2 response.
        let lm_response = if server_timestamp.is_some() {
            [0u8; 24]
        } else {
            lmv2_response(
                &response_key,
                &challenge.server_challenge,
                &inputs.client_challenge,
            )
        };

        let (exported_session_key, encrypted_random_session_key) =
            if flags.contains(NegotiateFlags::KEY_EXCH) {
                let mut encrypted = inputs.exported_session_key;
                rc4k(&key_exchange_key, &mut encrypted);
                (inputs.exported_session_key, encrypted.to_vec())
            } else {
                (key_exchange_key, Vec::new())
            };

        let message = AuthenticateMessage {
            flags,
            lm_challenge_response: lm_response.to_vec(),
            nt_challenge_response: nt_response,
            domain: domain.clone(),
            user: user.clone(),
            workstation: self.workstation.clone(),
            encrypted_random_session_key,
            version: flags
                .contains(NegotiateFlags::VERSION)
                .then_some(self.version),
            mic: with_mic.then_some([0u8; 16]),
        };
        let mut message_bytes = message.encode()?;
        if with_mic {
            // MIC: HMAC_MD5(ExportedSessionKey, [NEGOTIATE +] CHALLENGE + AUTHENTICATE)
            // computed with the MIC field zeroed; connection-less NTLM has no NEGOTIATE.
            let negotiate_bytes = match self.mode {
                NtlmMode::Connectionless => Vec::new(),
                NtlmMode::ConnectionOriented => self.negotiate_message_bytes(),
            };
            let mic = hmac_md5(
                &exported_session_key,
                &[&negotiate_bytes, challenge_bytes, &message_bytes],
            );
            if let Some(field) = message_bytes.get_mut(MIC_OFFSET..MIC_OFFSET + 16) {
                field.copy_from_slice(&mic);
            }
        }

        Ok(ClientAuthentication {
            message: message_bytes,
            session: NtlmSession::from_exported_session_key(
                Role::Client,
                flags,
                &exported_session_key,
            ),
        })
    }

    /// Picks the flags to answer with: what both sides support, plus REQUEST_TARGET.
    ///
    /// Connection-less: with 128-bit keys available the 56-bit flag is dropped, as Office
    /// Communicator does. Connection-oriented: the names are UTF-16, so OEM is dropped; the
    /// rest is echoed as MS-NLMP §4.2.4's AUTHENTICATE does.
    fn negotiate_flags(&self, offered: NegotiateFlags) -> Result<NegotiateFlags, NtlmError> {
        let (mut required, supported) = match self.mode {
            NtlmMode::Connectionless => (CLIENT_REQUIRED_FLAGS, CLIENT_SUPPORTED_FLAGS),
            NtlmMode::ConnectionOriented => (
                CONNECTION_ORIENTED_CLIENT_REQUIRED_FLAGS,
                self.negotiate_flags | NegotiateFlags::TARGET_INFO,
            ),
        };
        if self.require_extended_session_security {
            required |= NegotiateFlags::EXTENDED_SESSION_SECURITY;
        }
        let missing = required.without(offered);
        if !missing.is_empty() {
            return Err(NtlmError::MissingFlags { missing });
        }
        let mut flags = (offered & supported) | NegotiateFlags::REQUEST_TARGET;
        match self.mode {
            NtlmMode::Connectionless if flags.contains(NegotiateFlags::NEGOTIATE_128) => {
                flags = flags.without(NegotiateFlags::NEGOTIATE_56);
            }
            NtlmMode::Connectionless => {}
            NtlmMode::ConnectionOriented => flags = flags.without(NegotiateFlags::OEM),
        }
        Ok(flags)
    }
}

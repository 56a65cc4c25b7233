//! Codecs for the NEGOTIATE (type 1), CHALLENGE (type 2) and AUTHENTICATE (type 3) messages
//! ([MS-NLMP] §2.2.1).
//!
//! Parsers check every offset and length against the message and return an error on hostile
//! input; they never panic. Connection-less NTLM (SIP) has no NEGOTIATE message;
//! connection-oriented NTLM (HTTP) starts with one.

use std::fmt;

use super::crypto::{from_utf16le, utf16le};
use super::error::NtlmError;
use super::flags::NegotiateFlags;
use super::target_info::{AV_FLAG_MIC_PRESENT, TargetInfo};

const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";
const TYPE_NEGOTIATE: u32 = 1;
const TYPE_CHALLENGE: u32 = 2;
const TYPE_AUTHENTICATE: u32 = 3;

/// Fixed part of a NEGOTIATE message including the Version field.
const NEGOTIATE_HEADER_LEN: usize = 40;
/// The shortest NEGOTIATE anyone sends: signature, type and flags (old clients stop there).
const NEGOTIATE_MIN_LEN: usize = 16;
/// Fixed part of a CHALLENGE message including the Version field.
const CHALLENGE_HEADER_LEN: usize = 56;
/// Fixed part of an AUTHENTICATE message including the Version field, before the MIC.
const AUTHENTICATE_HEADER_LEN: usize = 72;
/// Where the MIC sits in an AUTHENTICATE message that has one.
pub(crate) const MIC_OFFSET: usize = 72;
const MIC_LEN: usize = 16;

/// The `VERSION` structure: OS version and NTLM revision, informational only.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NtlmVersion {
    pub major: u8,
    pub minor: u8,
    pub build: u16,
    pub ntlm_revision: u8,
}

impl NtlmVersion {
    /// `NTLMSSP_REVISION_W2K3`, the current NTLM revision.
    pub const REVISION_W2K3: u8 = 0x0F;

    /// Windows 7 SP1 / Server 2008 R2 (6.1.7601), a version every Lync server knows.
    pub const WINDOWS_7_SP1: Self = Self {
        major: 6,
        minor: 1,
        build: 7601,
        ntlm_revision: Self::REVISION_W2K3,
    };

    fn to_bytes(self) -> [u8; 8] {
        let build = self.build.to_le_bytes();
        [
            self.major,
            self.minor,
            build[0],
            build[1],
            0,
            0,
            0,
            self.ntlm_revision,
        ]
    }

    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let bytes: &[u8; 8] = bytes.try_into().ok()?;
        Some(Self {
            major: bytes[0],
            minor: bytes[1],
            build: u16::from_le_bytes([bytes[2], bytes[3]]),
            ntlm_revision: bytes[7],
        })
    }
}

/// A NEGOTIATE (type 1) message: the client's opening of connection-oriented NTLM.
///
/// The domain and workstation are optional OEM strings that only old clients fill in; they are
/// meaningful only with the `OEM_DOMAIN_SUPPLIED` / `OEM_WORKSTATION_SUPPLIED` flags.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NegotiateMessage {
    pub flags: NegotiateFlags,
    pub domain: String,
    pub workstation: String,
    pub version: Option<NtlmVersion>,
}

impl NegotiateMessage {
    pub fn parse(bytes: &[u8]) -> Result<Self, NtlmError> {
        check_header(bytes, TYPE_NEGOTIATE, NEGOTIATE_MIN_LEN)?;
        let flags = NegotiateFlags(read_u32(bytes, 12)?);
        // The string fields follow only in messages of 32 bytes or more.
        let (domain, workstation) = if bytes.len() >= 32 {
            let oem = flags.without(NegotiateFlags::UNICODE);
            (
                decode_string(oem, security_buffer(bytes, 16, "DomainName")?, "DomainName")?,
                decode_string(
                    oem,
                    security_buffer(bytes, 24, "Workstation")?,
                    "Workstation",
                )?,
            )
        } else {
            (String::new(), String::new())
        };
        let version =
            if flags.contains(NegotiateFlags::VERSION) && bytes.len() >= NEGOTIATE_HEADER_LEN {
                NtlmVersion::from_bytes(slice(bytes, 32, 8)?)
            } else {
                None
            };
        Ok(Self {
            flags,
            domain,
            workstation,
            version,
        })
    }

    /// Encodes the full 40-byte layout; the strings go out in the OEM (Latin-1) encoding, as
    /// the message has no Unicode form for them.
    pub fn encode(&self) -> Result<Vec<u8>, NtlmError> {
        let oem = self.flags.without(NegotiateFlags::UNICODE);
        let domain = encode_string(oem, &self.domain);
        let workstation = encode_string(oem, &self.workstation);
        let mut payload = Payload::new(NEGOTIATE_HEADER_LEN);
        let domain_fields = payload.add(&domain, "DomainName")?;
        let workstation_fields = payload.add(&workstation, "Workstation")?;
        let mut out = Vec::with_capacity(NEGOTIATE_HEADER_LEN + payload.bytes.len());
        out.extend_from_slice(SIGNATURE);
        out.extend_from_slice(&TYPE_NEGOTIATE.to_le_bytes());
        out.extend_from_slice(&self.flags.bits().to_le_bytes());
        out.extend_from_slice(&domain_fields);
        out.extend_from_slice(&workstation_fields);
        out.extend_from_slice(&self.version.map(NtlmVersion::to_bytes).unwrap_or_default());
        out.extend_from_slice(&payload.bytes);
        Ok(out)
    }
}

/// A CHALLENGE (type 2) message.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ChallengeMessage {
    pub flags: NegotiateFlags,
    pub server_challenge: [u8; 8],
    pub target_name: String,
    pub target_info: TargetInfo,
    /// The TargetInfo bytes exactly as received; the NTLMv2 response must echo them, and
    /// [`encode`](Self::encode) writes them (not a re-encoding of `target_info`).
    pub target_info_bytes: Vec<u8>,
    pub version: Option<NtlmVersion>,
}

impl ChallengeMessage {
    /// Builds a message whose `target_info_bytes` are the encoding of `target_info`.
    pub fn new(
        flags: NegotiateFlags,
        server_challenge: [u8; 8],
        target_name: &str,
        target_info: TargetInfo,
        version: Option<NtlmVersion>,
    ) -> Result<Self, NtlmError> {
        let target_info_bytes = target_info.encode()?;
        Ok(Self {
            flags,
            server_challenge,
            target_name: target_name.to_owned(),
            target_info,
            target_info_bytes,
            version,
        })
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, NtlmError> {
        check_header(bytes, TYPE_CHALLENGE, 32)?;
        let flags = NegotiateFlags(read_u32(bytes, 20)?);
        let mut server_challenge = [0u8; 8];
        server_challenge.copy_from_slice(slice(bytes, 24, 8)?);

        let target_name_bytes = security_buffer(bytes, 12, "TargetName")?;
        let target_name = decode_string(flags, target_name_bytes, "TargetName")?;

        // Very old servers end the message before the TargetInfo fields.
        let target_info_bytes = if bytes.len() >= 48 {
            security_buffer(bytes, 40, "TargetInfo")?.to_vec()
        } else {
            Vec::new()
        };
        let target_info = TargetInfo::parse(&target_info_bytes)?;

        let version =
            if flags.contains(NegotiateFlags::VERSION) && bytes.len() >= CHALLENGE_HEADER_LEN {
                NtlmVersion::from_bytes(slice(bytes, 48, 8)?)
            } else {
                None
            };

        Ok(Self {
            flags,
            server_challenge,
            target_name,
            target_info,
            target_info_bytes,
            version,
        })
    }

    pub fn encode(&self) -> Result<Vec<u8>, NtlmError> {
        let target_name = encode_string(self.flags, &self.target_name);
        let mut out = Vec::with_capacity(
            CHALLENGE_HEADER_LEN + target_name.len() + self.target_info_bytes.len(),
        );
        out.extend_from_slice(SIGNATURE);
        out.extend_from_slice(&TYPE_CHALLENGE.to_le_bytes());
        let mut payload = Payload::new(CHALLENGE_HEADER_LEN);
        let target_name_fields = payload.add(&target_name, "TargetName")?;
        let target_info_fields = payload.add(&self.target_info_bytes, "TargetInfo")?;
        out.extend_from_slice(&target_name_fields);
        out.extend_from_slice(&self.flags.bits().to_le_bytes());
        out.extend_from_slice(&self.server_challenge);
        out.extend_from_slice(&[0u8; 8]);
        out.extend_from_slice(&target_info_fields);
        out.extend_from_slice(&self.version.map(NtlmVersion::to_bytes).unwrap_or_default());
        out.extend_from_slice(&payload.bytes);
        Ok(out)
    }
}

/// An AUTHENTICATE (type 3) message.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthenticateMessage {
    pub flags: NegotiateFlags,
    pub lm_challenge_response: Vec<u8>,
    pub nt_challenge_response: Vec<u8>,
    pub domain: String,
    pub user: String,
    pub workstation: String,
    pub encrypted_random_session_key: Vec<u8>,
    pub version: Option<NtlmVersion>,
    /// The message integrity code; present when the NTLMv2 blob's `MsvAvFlags` says so.
    pub mic: Option<[u8; 16]>,
}

impl AuthenticateMessage {
    pub fn parse(bytes: &[u8]) -> Result<Self, NtlmError> {
        check_header(bytes, TYPE_AUTHENTICATE, 64)?;
        let flags = NegotiateFlags(read_u32(bytes, 60)?);
        let lm_challenge_response = security_buffer(bytes, 12, "LmChallengeResponse")?.to_vec();
        let nt_challenge_response = security_buffer(bytes, 20, "NtChallengeResponse")?.to_vec();
        let domain = decode_string(
            flags,
            security_buffer(bytes, 28, "DomainName")?,
            "DomainName",
        )?;
        let user = decode_string(flags, security_buffer(bytes, 36, "UserName")?, "UserName")?;
        let workstation = decode_string(
            flags,
            security_buffer(bytes, 44, "Workstation")?,
            "Workstation",
        )?;
        let encrypted_random_session_key =
            security_buffer(bytes, 52, "EncryptedRandomSessionKey")?.to_vec();

        let version =
            if flags.contains(NegotiateFlags::VERSION) && bytes.len() >= AUTHENTICATE_HEADER_LEN {
                NtlmVersion::from_bytes(slice(bytes, 64, 8)?)
            } else {
                None
            };

        let mic = if ntlmv2_blob_announces_mic(&nt_challenge_response) {
            let mut mic = [0u8; MIC_LEN];
            mic.copy_from_slice(slice(bytes, MIC_OFFSET, MIC_LEN)?);
            Some(mic)
        } else {
            None
        };

        Ok(Self {
            flags,
            lm_challenge_response,
            nt_challenge_response,
            domain,
            user,
            workstation,
            encrypted_random_session_key,
            version,
            mic,
        })
    }

    /// Encodes with payload order Domain, User, Workstation, LM, NT, session key — the order
    /// Office Communicator and SIPE use. A present `mic` is written as is; build with
    /// `[0; 16]` first when the MIC must be computed over the message.
    pub fn encode(&self) -> Result<Vec<u8>, NtlmError> {
        let header_len = AUTHENTICATE_HEADER_LEN + if self.mic.is_some() { MIC_LEN } else { 0 };
        let domain = encode_string(self.flags, &self.domain);
        let user = encode_string(self.flags, &self.user);
        let workstation = encode_string(self.flags, &self.workstation);

        let mut payload = Payload::new(header_len);
        let domain_fields = payload.add(&domain, "DomainName")?;
        let user_fields = payload.add(&user, "UserName")?;
        let workstation_fields = payload.add(&workstation, "Workstation")?;
        let lm_fields = payload.add(&self.lm_challenge_response, "LmChallengeResponse")?;
        let nt_fields = payload.add(&self.nt_challenge_response, "NtChallengeResponse")?;
        let key_fields = payload.add(
            &self.encrypted_random_session_key,
            "EncryptedRandomSessionKey",
        )?;

        let mut out = Vec::with_capacity(header_len + payload.bytes.len());
        out.extend_from_slice(SIGNATURE);
        out.extend_from_slice(&TYPE_AUTHENTICATE.to_le_bytes());
        out.extend_from_slice(&lm_fields);
        out.extend_from_slice(&nt_fields);
        out.extend_from_slice(&domain_fields);
        out.extend_from_slice(&user_fields);
        out.extend_from_slice(&workstation_fields);
        out.extend_from_slice(&key_fields);
        out.extend_from_slice(&self.flags.bits().to_le_bytes());
        out.extend_from_slice(&self.version.map(NtlmVersion::to_bytes).unwrap_or_default());
        if let Some(mic) = &self.mic {
            out.extend_from_slice(mic);
        }
        out.extend_from_slice(&payload.bytes);
        Ok(out)
    }
}

/// Shows names and flags but only the sizes of the responses and the session key: they are
/// material for offline password guessing.
impl fmt::Debug for AuthenticateMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticateMessage")
            .field("flags", &self.flags)
            .field("domain", &self.domain)
            .field("user", &self.user)
            .field("workstation", &self.workstation)
            .field(
                "lm_challenge_response_len",
                &self.lm_challenge_response.len(),
            )
            .field(
                "nt_challenge_response_len",
                &self.nt_challenge_response.len(),
            )
            .field(
                "encrypted_random_session_key_len",
                &self.encrypted_random_session_key.len(),
            )
            .field("version", &self.version)
            .field("mic_present", &self.mic.is_some())
            .finish()
    }
}

/// An NTLMv2 response is NTProofStr (16) followed by the client blob, whose AV pairs start
/// at blob offset 28. A MIC is present when their `MsvAvFlags` has the MIC bit.
pub(crate) fn ntlmv2_blob_announces_mic(nt_challenge_response: &[u8]) -> bool {
    nt_challenge_response
        .get(16 + 28..)
        .and_then(|pairs| TargetInfo::parse(pairs).ok())
        .and_then(|pairs| pairs.av_flags())
        .is_some_and(|flags| flags & AV_FLAG_MIC_PRESENT != 0)
}

/// Collects variable-length fields after the fixed header and hands out their
/// `Len`/`MaxLen`/`Offset` descriptors.
struct Payload {
    base: usize,
    bytes: Vec<u8>,
}

impl Payload {
    fn new(base: usize) -> Self {
        Self {
            base,
            bytes: Vec::new(),
        }
    }

    fn add(&mut self, data: &[u8], field: &'static str) -> Result<[u8; 8], NtlmError> {
        let too_long = || NtlmError::FieldTooLong {
            field,
            length: data.len(),
        };
        let length = u16::try_from(data.len()).map_err(|_| too_long())?;
        let offset = u32::try_from(self.base + self.bytes.len()).map_err(|_| too_long())?;
        self.bytes.extend_from_slice(data);
        let mut fields = [0u8; 8];
        fields[0..2].copy_from_slice(&length.to_le_bytes());
        fields[2..4].copy_from_slice(&length.to_le_bytes());
        fields[4..8].copy_from_slice(&offset.to_le_bytes());
        Ok(fields)
    }
}

fn check_header(bytes: &[u8], expected_type: u32, min_len: usize) -> Result<(), NtlmError> {
    if slice(bytes, 0, 8)? != SIGNATURE {
        return Err(NtlmError::BadSignature);
    }
    let found = read_u32(bytes, 8)?;
    if found != expected_type {
        return Err(NtlmError::WrongMessageType {
            expected: expected_type,
            found,
        });
    }
    if bytes.len() < min_len {
        return Err(NtlmError::Truncated {
            needed: min_len,
            available: bytes.len(),
        });
    }
    Ok(())
}

fn slice(bytes: &[u8], offset: usize, length: usize) -> Result<&[u8], NtlmError> {
    offset
        .checked_add(length)
        .and_then(|end| bytes.get(offset..end))
        .ok_or(NtlmError::Truncated {
            needed: offset.saturating_add(length),
            available: bytes.len(),
        })
}

fn read_u16(bytes: &[u8], offset: usize) -> Result<u16, NtlmError> {
    let field = slice(bytes, offset, 2)?;
    Ok(u16::from_le_bytes([field[0], field[1]]))
}

fn read_u32(bytes: &[u8], offset: usize) -> Result<u32, NtlmError> {
    let field = slice(bytes, offset, 4)?;
    Ok(u32::from_le_bytes([field[0], field[1], field[2], field[3]]))
}

/// Resolves a `Len`/`MaxLen`/`Offset` descriptor at `at` to the bytes it points to.
fn security_buffer<'a>(
    bytes: &'a [u8],
    at: usize,
    field: &'static str,
) -> Result<&'a [u8], NtlmError> {
    let length = usize::from(read_u16(bytes, at)?);
    let offset = read_u32(bytes, at + 4)? as usize;
    if length == 0 {
        // Some senders leave the offset of empty fields at 0 or anywhere.
        return Ok(&[]);
    }
    offset
        .checked_add(length)
        .and_then(|end| bytes.get(offset..end))
        .ok_or(NtlmError::FieldOutOfBounds {
            field,
            offset,
            length,
            message_length: bytes.len(),
        })
}

fn decode_string(
    flags: NegotiateFlags,
    bytes: &[u8],
    field: &'static str,
) -> Result<String, NtlmError> {
    if flags.contains(NegotiateFlags::UNICODE) {
        from_utf16le(bytes, field)
    } else {
        // OEM code page is unknown here; Latin-1 keeps every byte visible.
        Ok(bytes.iter().map(|&byte| char::from(byte)).collect())
    }
}

fn encode_string(flags: NegotiateFlags, text: &str) -> Vec<u8> {
    if flags.contains(NegotiateFlags::UNICODE) {
        utf16le(text)
    } else {
        // Inverse of the Latin-1 decoding; characters outside it become '?'.
        text.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect()
    }
}

//! AV pairs: the `TargetInfo` list of a CHALLENGE message, also echoed inside the NTLMv2
//! client blob ([MS-NLMP] §2.2.2.1).

use std::fmt;

use super::crypto::{from_utf16le, utf16le};
use super::error::NtlmError;

/// The `AvId` of one AV pair.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AvId(pub u16);

impl AvId {
    pub const EOL: Self = Self(0);
    pub const NB_COMPUTER_NAME: Self = Self(1);
    pub const NB_DOMAIN_NAME: Self = Self(2);
    pub const DNS_COMPUTER_NAME: Self = Self(3);
    pub const DNS_DOMAIN_NAME: Self = Self(4);
    pub const DNS_TREE_NAME: Self = Self(5);
    pub const FLAGS: Self = Self(6);
    pub const TIMESTAMP: Self = Self(7);
    pub const SINGLE_HOST: Self = Self(8);
    pub const TARGET_NAME: Self = Self(9);
    pub const CHANNEL_BINDINGS: Self = Self(10);

    fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0 => "MsvAvEOL",
            1 => "MsvAvNbComputerName",
            2 => "MsvAvNbDomainName",
            3 => "MsvAvDnsComputerName",
            4 => "MsvAvDnsDomainName",
            5 => "MsvAvDnsTreeName",
            6 => "MsvAvFlags",
            7 => "MsvAvTimestamp",
            8 => "MsvAvSingleHost",
            9 => "MsvAvTargetName",
            10 => "MsvAvChannelBindings",
            _ => return None,
        })
    }
}

impl fmt::Debug for AvId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "AvId({})", self.0),
        }
    }
}

/// Bit of the `MsvAvFlags` value saying the AUTHENTICATE message carries a MIC.
pub const AV_FLAG_MIC_PRESENT: u32 = 0x0000_0002;

/// One AV pair (never the terminating `MsvAvEOL`, which encoding adds).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AvPair {
    pub id: AvId,
    pub value: Vec<u8>,
}

/// An ordered list of AV pairs.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct TargetInfo {
    pairs: Vec<AvPair>,
}

impl TargetInfo {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses AV pairs up to `MsvAvEOL`; bytes after it are ignored (the NTLMv2 blob has
    /// padding there). An empty input is an empty list.
    pub fn parse(bytes: &[u8]) -> Result<Self, NtlmError> {
        let mut pairs = Vec::new();
        let mut at = 0usize;
        if bytes.is_empty() {
            return Ok(Self { pairs });
        }
        loop {
            let header = bytes
                .get(at..at + 4)
                .ok_or(NtlmError::MalformedTargetInfo {
                    reason: "list ends without MsvAvEOL",
                })?;
            let id = AvId(u16::from_le_bytes([header[0], header[1]]));
            let length = usize::from(u16::from_le_bytes([header[2], header[3]]));
            at += 4;
            if id == AvId::EOL {
                return Ok(Self { pairs });
            }
            let value = bytes
                .get(at..at + length)
                .ok_or(NtlmError::MalformedTargetInfo {
                    reason: "AV pair value runs past the end",
                })?;
            pairs.push(AvPair {
                id,
                value: value.to_vec(),
            });
            at += length;
        }
    }

    /// Encodes the pairs followed by `MsvAvEOL`.
    pub fn encode(&self) -> Result<Vec<u8>, NtlmError> {
        let mut out =
            Vec::with_capacity(self.pairs.iter().map(|p| 4 + p.value.len()).sum::<usize>() + 4);
        for pair in &self.pairs {
            let length = u16::try_from(pair.value.len()).map_err(|_| NtlmError::FieldTooLong {
                field: "AV pair value",
                length: pair.value.len(),
            })?;
            out.extend_from_slice(&pair.id.0.to_le_bytes());
            out.extend_from_slice(&length.to_le_bytes());
            out.extend_from_slice(&pair.value);
        }
        out.extend_from_slice(&[0, 0, 0, 0]);
        Ok(out)
    }

    /// All pairs in order.
    pub fn pairs(&self) -> &[AvPair] {
        &self.pairs
    }

    /// The value of the first pair with this id.
    pub fn get(&self, id: AvId) -> Option<&[u8]> {
        self.pairs
            .iter()
            .find(|pair| pair.id == id)
            .map(|pair| pair.value.as_slice())
    }

    /// Sets the value of pair `id`, replacing the first existing one or appending.
    pub fn set(&mut self, id: AvId, value: Vec<u8>) {
        match self.pairs.iter_mut().find(|pair| pair.id == id) {
            Some(pair) => pair.value = value,
            None => self.pairs.push(AvPair { id, value }),
        }
    }

    /// Builder form of [`set`](Self::set) for a UTF-16 name (the `*Name` pairs).
    pub fn with_name(mut self, id: AvId, name: &str) -> Self {
        self.set(id, utf16le(name));
        self
    }

    /// Builder form of [`set`](Self::set) for `MsvAvTimestamp` (a FILETIME).
    pub fn with_timestamp(mut self, filetime: u64) -> Self {
        self.set(AvId::TIMESTAMP, filetime.to_le_bytes().to_vec());
        self
    }

    /// A name pair decoded from UTF-16; `None` when absent or not valid UTF-16.
    pub fn name(&self, id: AvId) -> Option<String> {
        self.get(id)
            .and_then(|value| from_utf16le(value, "AV pair").ok())
    }

    /// `MsvAvTimestamp` as a FILETIME (100 ns units since 1601-01-01 UTC).
    pub fn timestamp(&self) -> Option<u64> {
        let value: [u8; 8] = self.get(AvId::TIMESTAMP)?.try_into().ok()?;
        Some(u64::from_le_bytes(value))
    }

    /// The `MsvAvFlags` bits.
    pub fn av_flags(&self) -> Option<u32> {
        let value: [u8; 4] = self.get(AvId::FLAGS)?.try_into().ok()?;
        Some(u32::from_le_bytes(value))
    }
}

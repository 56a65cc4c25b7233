//! The cryptographic building blocks MS-NLMP names (§6): MD4, MD5, HMAC_MD5, RC4K, CRC32,
//! plus UTF-16LE conversion and a constant-time comparison.

use hmac::{Hmac, KeyInit, Mac};
use md4::Md4;
use md5::{Digest, Md5};
use rc4::{Rc4, StreamCipher};

use super::error::NtlmError;

/// MD4 of `data`.
pub fn md4(data: &[u8]) -> [u8; 16] {
    Md4::digest(data).into()
}

/// MD5 over the concatenation of `parts`.
pub fn md5(parts: &[&[u8]]) -> [u8; 16] {
    let mut hasher = Md5::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// HMAC_MD5 with a 16-byte key over the concatenation of `parts`.
pub fn hmac_md5(key: &[u8; 16], parts: &[&[u8]]) -> [u8; 16] {
    // HMAC pads short keys with zeros up to the block size, so handing it the zero-padded
    // 64-byte key is the same computation and uses the infallible constructor.
    let mut block_key = [0u8; 64];
    block_key[..16].copy_from_slice(key);
    let mut mac = Hmac::<Md5>::new(&block_key.into());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// RC4K: encrypts (or decrypts) `data` in place with a fresh RC4 state keyed by `key`.
///
/// `key` is always 8 or 16 bytes here (a sealing or key-exchange key), both valid RC4 key
/// lengths, so the constructor cannot fail; an empty key would leave `data` unchanged.
pub fn rc4k(key: &[u8], data: &mut [u8]) {
    if let Ok(mut cipher) = Rc4::new_from_slice(key) {
        cipher.apply_keystream(data);
    }
}

const CRC32_TABLE: [u32; 256] = crc32_table();

const fn crc32_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut value = index as u32;
        let mut bit = 0;
        while bit < 8 {
            value = if value & 1 == 1 {
                (value >> 1) ^ 0xEDB8_8320
            } else {
                value >> 1
            };
            bit += 1;
        }
        table[index] = value;
        index += 1;
    }
    table
}

/// CRC-32 (IEEE 802.3, the zlib one), as the non-ESS NTLM signature uses.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc = (crc >> 8) ^ CRC32_TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize];
    }
    !crc
}

/// Encodes `text` as UTF-16LE, NTLM's "UNICODE" string encoding.
pub fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Decodes a UTF-16LE string field.
pub fn from_utf16le(bytes: &[u8], field: &'static str) -> Result<String, NtlmError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(NtlmError::InvalidUtf16 { field });
    }
    let units = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| NtlmError::InvalidUtf16 { field })
}

/// Compares two byte strings without an early exit, so timing does not reveal how many
/// leading bytes of a MAC or proof matched.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

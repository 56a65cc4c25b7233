//! Randomness for the RustCrypto crates, taken from our own [`Random`] input.
//!
//! `rsa` wants a `rand_core` generator; the engine hands out `&mut dyn Random` so that tests
//! replay. [`CryptoRandom`] adapts one to the other. [`DerivedRandom`] serves code that must
//! draw randomness later than it is given a `Random` (the TLS-DSK client draws its seed in
//! `new` and needs padding bytes in `handle`).

use core::convert::Infallible;

use hmac::{Hmac, KeyInit, Mac};
use rand_core::{TryCryptoRng, TryRng};
use sha2::Sha256;
use zeroize::Zeroize;

use crate::engine::random::Random;

/// A borrowed [`Random`] seen as a cryptographic `rand_core` generator.
///
/// The plugin passes `OsRandom`; only tests pass a seeded generator.
pub(crate) struct CryptoRandom<'a>(pub &'a mut dyn Random);

impl TryRng for CryptoRandom<'_> {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut bytes = [0u8; 4];
        self.0.fill(&mut bytes);
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut bytes = [0u8; 8];
        self.0.fill(&mut bytes);
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.0.fill(dst);
        Ok(())
    }
}

impl TryCryptoRng for CryptoRandom<'_> {}

/// A random stream keyed once from a [`Random`]: block `i` is HMAC-SHA256(seed, i).
///
/// HMAC is a PRF, so the stream is as unpredictable as the 32-byte seed.
pub(crate) struct DerivedRandom {
    seed: [u8; 32],
    counter: u64,
}

impl DerivedRandom {
    pub(crate) fn new(random: &mut dyn Random) -> Self {
        let mut seed = [0u8; 32];
        random.fill(&mut seed);
        DerivedRandom { seed, counter: 0 }
    }
}

impl Random for DerivedRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(32) {
            // A 32-byte key is always a valid HMAC key; the fallback is never taken.
            let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.seed) else {
                unreachable!("HMAC accepts keys of every length")
            };
            mac.update(&self.counter.to_be_bytes());
            self.counter = self.counter.wrapping_add(1);
            let block = mac.finalize().into_bytes();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
    }
}

impl Drop for DerivedRandom {
    fn drop(&mut self) {
        self.seed.zeroize();
    }
}

impl core::fmt::Debug for DerivedRandom {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DerivedRandom").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::random::SeededRandom;

    #[test]
    fn derived_stream_is_reproducible_and_not_repeating() {
        let mut a = DerivedRandom::new(&mut SeededRandom::new(7));
        let mut b = DerivedRandom::new(&mut SeededRandom::new(7));
        let (mut x, mut y) = ([0u8; 80], [0u8; 80]);
        a.fill(&mut x);
        b.fill(&mut y);
        assert_eq!(x, y);
        assert_ne!(x[..32], x[32..64]);
        let mut z = [0u8; 80];
        a.fill(&mut z);
        assert_ne!(x, z);
    }

    #[test]
    fn crypto_random_passes_bytes_through() {
        let mut seeded = SeededRandom::new(3);
        let mut expected = [0u8; 16];
        SeededRandom::new(3).fill(&mut expected);
        let mut got = [0u8; 16];
        let Ok(()) = CryptoRandom(&mut seeded).try_fill_bytes(&mut got);
        assert_eq!(got, expected);
    }
}

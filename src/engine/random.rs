//! Randomness as an input: the engine never reads the OS itself, so tests can replay.

/// A source of random bytes.
pub trait Random {
    fn fill(&mut self, buf: &mut [u8]);
}

/// `N` random bytes.
pub fn random_array<const N: usize>(random: &mut dyn Random) -> [u8; N] {
    let mut out = [0u8; N];
    random.fill(&mut out);
    out
}

/// The operating system's generator, for the plugin.
#[derive(Debug, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        // Without OS randomness we cannot make nonces or keys; there is no safe way on.
        if let Err(e) = getrandom::fill(buf) {
            panic!("the operating system random generator failed: {e}");
        }
    }
}

/// A reproducible generator (splitmix64) for tests and the test server's ids.
#[derive(Debug, Clone)]
pub struct SeededRandom {
    state: u64,
}

impl SeededRandom {
    pub fn new(seed: u64) -> Self {
        SeededRandom { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Random for SeededRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let value = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&value[..chunk.len()]);
        }
    }
}

/// Lower-case hex of `n` random bytes.
pub fn random_hex(random: &mut dyn Random, n: usize) -> String {
    let mut buf = vec![0u8; n];
    random.fill(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_is_reproducible_and_seed_dependent() {
        let a = random_hex(&mut SeededRandom::new(1), 16);
        let b = random_hex(&mut SeededRandom::new(1), 16);
        let c = random_hex(&mut SeededRandom::new(2), 16);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn os_random_differs_between_calls() {
        let mut r = OsRandom;
        assert_ne!(random_hex(&mut r, 16), random_hex(&mut r, 16));
    }
}

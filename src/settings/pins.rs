//! Server certificates the user accepted by fingerprint, each tied to the host name it was
//! accepted for (account setting `lync-pinned-certificates`).
//!
//! A pin says "the user trusts this certificate as `host`", nothing more: the same
//! certificate presented by another name (a redirect target, an SRV answer, a web service)
//! is not trusted until the user accepts it for that name too.
//!
//! Stored as `host=HEX,host=HEX` (SHA-256 of the DER end-entity certificate, 64 hex
//! digits). Versions before this one stored bare `HEX` entries without a host; those are
//! ignored, because which server they were accepted for is unknown (they could have been
//! accepted for any name the account ever connected to), and they disappear the next time
//! a pin is stored. The user is asked once more per server.

/// The accepted certificates of one account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pins {
    entries: Vec<(String, [u8; 32])>,
    ignored_legacy: usize,
}

/// Host names compare without case, without a trailing dot, and IPv6 literals without
/// brackets.
fn normalize(host: &str) -> String {
    let host = host.trim();
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.trim_end_matches('.').to_ascii_lowercase()
}

fn parse_fingerprint(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim().replace(':', "");
    crate::auth::sipae::decode_hex(&hex)?.try_into().ok()
}

impl Pins {
    /// Reads the setting; junk and old host-less entries are skipped.
    pub fn parse(text: &str) -> Pins {
        let mut pins = Pins::default();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            match entry.split_once('=') {
                Some((host, hex)) => {
                    let host = normalize(host);
                    if let (false, Some(fingerprint)) = (host.is_empty(), parse_fingerprint(hex)) {
                        pins.add(host, fingerprint);
                    }
                }
                None => {
                    if parse_fingerprint(entry).is_some() {
                        pins.ignored_legacy += 1;
                    }
                }
            }
        }
        pins
    }

    fn add(&mut self, host: String, fingerprint: [u8; 32]) {
        if !self
            .entries
            .iter()
            .any(|(h, f)| *h == host && *f == fingerprint)
        {
            self.entries.push((host, fingerprint));
        }
    }

    /// How many old-format entries (without a host name) were ignored.
    pub fn ignored_legacy(&self) -> usize {
        self.ignored_legacy
    }

    /// The fingerprints the user accepted for `host`.
    pub fn for_host(&self, host: &str) -> Vec<[u8; 32]> {
        let host = normalize(host);
        self.entries
            .iter()
            .filter(|(h, _)| *h == host)
            .map(|(_, f)| *f)
            .collect()
    }

    /// Whether the user accepted `fingerprint` for `host`.
    pub fn trusts(&self, host: &str, fingerprint: &[u8; 32]) -> bool {
        self.for_host(host).contains(fingerprint)
    }

    /// Records that the user accepted `fingerprint` for `host`.
    pub fn accept(&mut self, host: &str, fingerprint: [u8; 32]) {
        let host = normalize(host);
        if !host.is_empty() {
            self.add(host, fingerprint);
        }
    }

    /// The setting's text (old-format entries are not written back).
    pub fn to_setting(&self) -> String {
        self.entries
            .iter()
            .map(|(host, f)| format!("{host}={}", crate::auth::sipae::encode_hex(f)))
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: [u8; 32] = [0xAB; 32];
    const B: [u8; 32] = [0x01; 32];

    #[test]
    fn a_pin_vouches_only_for_the_host_it_was_accepted_for() {
        let mut pins = Pins::default();
        pins.accept("pool1.contoso.com", A);
        assert!(pins.trusts("pool1.contoso.com", &A));
        assert!(
            pins.trusts("POOL1.Contoso.com.", &A),
            "case and trailing dot"
        );
        assert!(!pins.trusts("pool2.contoso.com", &A));
        assert!(!pins.trusts("contoso.com", &A));
        assert!(!pins.trusts("pool1.contoso.com", &B));
        assert_eq!(pins.for_host("evil.example"), Vec::<[u8; 32]>::new());
    }

    #[test]
    fn the_setting_round_trips_and_skips_junk() {
        let mut pins = Pins::default();
        pins.accept("pool1.contoso.com", A);
        pins.accept("[::1]", B);
        pins.accept("pool1.contoso.com", A);
        let text = pins.to_setting();
        assert_eq!(text.matches('=').count(), 2, "{text}");
        let again = Pins::parse(&format!("{text},nothex,=abcd,x=12, ,"));
        assert_eq!(again, pins);
        assert!(again.trusts("::1", &B));
        assert_eq!(Pins::parse(""), Pins::default());
    }

    #[test]
    fn old_host_less_pins_are_ignored_and_dropped_when_stored_again() {
        let old = format!(
            "{},{}",
            crate::auth::sipae::encode_hex(&A),
            crate::auth::sipae::encode_hex(&B)
        );
        let mut pins = Pins::parse(&old);
        assert_eq!(pins.ignored_legacy(), 2);
        assert!(!pins.trusts("pool1.contoso.com", &A));
        pins.accept("pool1.contoso.com", B);
        assert_eq!(
            pins.to_setting(),
            format!("pool1.contoso.com={}", crate::auth::sipae::encode_hex(&B))
        );
    }
}

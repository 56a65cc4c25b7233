//! Header names: token syntax, compact forms and case-insensitive matching.

/// RFC 3261 compact forms (§7.3.3 and the event/refer extensions) and their full names.
const COMPACT_FORMS: [(u8, &str); 15] = [
    (b'i', "Call-ID"),
    (b'm', "Contact"),
    (b'e', "Content-Encoding"),
    (b'l', "Content-Length"),
    (b'c', "Content-Type"),
    (b'f', "From"),
    (b's', "Subject"),
    (b'k', "Supported"),
    (b't', "To"),
    (b'v', "Via"),
    (b'o', "Event"),
    (b'u', "Allow-Events"),
    (b'r', "Refer-To"),
    (b'b', "Referred-By"),
    (b'x', "Session-Expires"),
];

/// The full name for a compact one-letter name; other names unchanged.
pub(crate) fn expand_compact(name: &str) -> &str {
    if let [letter] = name.as_bytes() {
        let letter = letter.to_ascii_lowercase();
        if let Some((_, full)) = COMPACT_FORMS.iter().find(|(c, _)| *c == letter) {
            return full;
        }
    }
    name
}

/// A name already expanded with [`expand_compact`], compared against stored names.
pub(crate) struct HeaderName<'a>(&'a str);

impl<'a> HeaderName<'a> {
    pub(crate) fn new(name: &'a str) -> Self {
        HeaderName(expand_compact(name))
    }

    pub(crate) fn matches(&self, stored: &str) -> bool {
        // Quick reject on length before expanding: compact stored names are one byte.
        (stored.len() == 1 || stored.len() == self.0.len())
            && expand_compact(stored).eq_ignore_ascii_case(self.0)
    }
}

/// RFC 3261 `token` character.
pub(crate) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b)
}

pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_header(a: &str, b: &str) -> bool {
        HeaderName::new(a).matches(b)
    }

    #[test]
    fn compact_forms_match_full_names() {
        assert!(same_header("i", "Call-ID"));
        assert!(same_header("CALL-ID", "I"));
        assert!(same_header("v", "via"));
        assert!(same_header("x", "Session-Expires"));
        assert!(!same_header("i", "Via"));
        // Letters without a compact form only match themselves.
        assert!(same_header("z", "Z"));
        assert!(!same_header("z", "Via"));
    }

    #[test]
    fn header_name_matcher() {
        let via = HeaderName::new("v");
        assert!(via.matches("VIA"));
        assert!(via.matches("V"));
        assert!(!via.matches("Vias"));
        assert!(!HeaderName::new("Content-Length").matches("Content-Type"));
    }

    #[test]
    fn token_syntax() {
        assert!(is_token("ms-keep-alive"));
        assert!(is_token("P-Asserted-Identity"));
        assert!(!is_token(""));
        assert!(!is_token("Bad Name"));
        assert!(!is_token("a:b"));
    }
}

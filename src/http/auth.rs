//! `WWW-Authenticate` challenges (RFC 9110 §11) and the schemes this client answers.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::headers::{Headers, is_token_byte};

/// One challenge: a scheme and either a token68 (NTLM's base64 message) or parameters.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Challenge {
    pub scheme: String,
    pub token: Option<String>,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Every challenge of every field of `header` (`WWW-Authenticate`), in order. Several may
/// share a field ("Negotiate, NTLM, Basic realm=\"x\""). Unparsable rest of a field is
/// skipped, never fatal: the other challenges may still be usable.
pub fn parse_challenges(headers: &Headers, header: &str) -> Vec<Challenge> {
    let mut challenges = Vec::new();
    for value in headers.get_all(header) {
        let mut cursor = Cursor::new(value);
        while let Some(challenge) = cursor.challenge() {
            challenges.push(challenge);
        }
    }
    challenges
}

/// The HTTP authentication schemes the client can answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scheme {
    /// `NTLM`: connection-oriented NTLM.
    Ntlm,
    /// `Negotiate` carrying raw NTLM messages, which Windows servers accept (Kerberos and
    /// SPNEGO-wrapped tokens are not supported).
    Negotiate,
    Basic,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Ntlm => "NTLM",
            Scheme::Negotiate => "Negotiate",
            Scheme::Basic => "Basic",
        }
    }
}

/// Picks the scheme to answer with: NTLM, then Negotiate (as NTLM), then Basic when
/// allowed. Kerberos is out of scope, so an explicit NTLM offer beats Negotiate.
pub fn choose_scheme(challenges: &[Challenge], basic_allowed: bool) -> Option<Scheme> {
    let offered = |scheme: Scheme| challenges.iter().any(|c| c.is(scheme.name()));
    [Scheme::Ntlm, Scheme::Negotiate]
        .into_iter()
        .find(|&scheme| offered(scheme))
        .or_else(|| (basic_allowed && offered(Scheme::Basic)).then_some(Scheme::Basic))
}

/// What the server sent for `scheme` in the middle of an NTLM exchange.
#[derive(Debug, PartialEq, Eq)]
pub enum ServerToken {
    /// No challenge of this scheme with a token: the server refused the previous message.
    Missing,
    /// A token that is not an NTLM message (Kerberos / SPNEGO, or not base64).
    NotNtlm,
    Ntlm(Vec<u8>),
}

/// The NTLM message in a `<scheme> <base64>` challenge.
pub fn server_ntlm_token(challenges: &[Challenge], scheme: Scheme) -> ServerToken {
    let Some(token) = challenges
        .iter()
        .filter(|challenge| challenge.is(scheme.name()))
        .find_map(|challenge| challenge.token.as_deref())
    else {
        return ServerToken::Missing;
    };
    match BASE64.decode(token) {
        Ok(bytes) if bytes.starts_with(b"NTLMSSP\0") => ServerToken::Ntlm(bytes),
        _ => ServerToken::NotNtlm,
    }
}

/// `<scheme> <base64 token>`, the `Authorization` value of an NTLM leg.
pub fn authorization(scheme: Scheme, token: &[u8]) -> String {
    format!("{} {}", scheme.name(), BASE64.encode(token))
}

/// `Basic base64(login:password)`.
pub fn basic_authorization(login: &str, password: &str) -> String {
    format!("Basic {}", BASE64.encode(format!("{login}:{password}")))
}

/// A hand-written tokenizer for the challenge grammar:
/// `scheme [ 1*SP ( token68 / #auth-param ) ]`, challenges separated by commas.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip(&mut self, set: &[u8]) {
        while self
            .rest()
            .as_bytes()
            .first()
            .is_some_and(|b| set.contains(b))
        {
            self.at += 1;
        }
    }

    fn token(&mut self) -> Option<&'a str> {
        let length = self
            .rest()
            .bytes()
            .take_while(|&b| is_token_byte(b))
            .count();
        (length > 0).then(|| {
            let token = &self.rest()[..length];
            self.at += length;
            token
        })
    }

    fn peek(&self) -> Option<u8> {
        self.rest().bytes().next()
    }

    fn challenge(&mut self) -> Option<Challenge> {
        self.skip(b" \t,");
        let Some(scheme) = self.token() else {
            // Junk where a scheme should be: give up on the rest of this field.
            self.at = self.text.len();
            return None;
        };
        let mut challenge = Challenge {
            scheme: scheme.to_owned(),
            token: None,
            params: Vec::new(),
        };
        self.skip(b" \t");
        if let Some(token68) = self.token68() {
            challenge.token = Some(token68.to_owned());
            return Some(challenge);
        }
        while let Some((name, value)) = self.param() {
            challenge.params.push((name, value));
        }
        Some(challenge)
    }

    /// A token68 stands alone: base64 characters, '=' padding, then a comma or the end.
    fn token68(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let body = rest
            .bytes()
            .take_while(|&b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
            .count();
        let padding = rest[body..].bytes().take_while(|&b| b == b'=').count();
        let after = rest[body + padding..].trim_start_matches([' ', '\t']);
        let stands_alone = after.is_empty() || after.starts_with(',');
        (body > 0 && stands_alone).then(|| {
            self.at += body + padding;
            &rest[..body + padding]
        })
    }

    /// `name = ( token / quoted-string )`, followed by a comma or the end. Leaves the cursor
    /// alone when the next item is a new challenge's scheme instead.
    fn param(&mut self) -> Option<(String, String)> {
        let start = self.at;
        self.skip(b" \t,");
        let name = self.token();
        self.skip(b" \t");
        let Some(name) = name.filter(|_| self.peek() == Some(b'=')) else {
            self.at = start;
            return None;
        };
        self.at += 1;
        self.skip(b" \t");
        let value = if self.peek() == Some(b'"') {
            self.quoted_string()
        } else {
            self.token().unwrap_or_default().to_owned()
        };
        self.skip(b" \t");
        Some((name.to_owned(), value))
    }

    fn quoted_string(&mut self) -> String {
        let mut value = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((index, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += index + 1;
                    return value;
                }
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        value.push(escaped);
                    }
                }
                other => value.push(other),
            }
        }
        // Unterminated: take the rest.
        self.at = self.text.len();
        value
    }
}

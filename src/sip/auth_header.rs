//! MS-SIPAE auth header values: WWW-Authenticate, Proxy-Authenticate, Authorization,
//! Proxy-Authorization and (Proxy-)Authentication-Info, all of the form
//! `NTLM qop="auth", realm="SIP Communications Service", version=4, gssapi-data="…"`.

use super::error::ParseError;
use super::headers::{Cursor, push_quoted, trim_ws};
use super::names::is_token_byte;

/// A scheme and its comma-separated `name=value` parameters, in order, values unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthParams {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl AuthParams {
    pub fn new(scheme: impl Into<String>) -> AuthParams {
        AuthParams {
            scheme: scheme.into(),
            params: Vec::new(),
        }
    }

    /// Adds a parameter at the end (builder style).
    pub fn with(mut self, name: impl Into<String>, value: impl Into<String>) -> AuthParams {
        self.params.push((name.into(), value.into()));
        self
    }

    pub fn parse(value: &str) -> Result<AuthParams, ParseError> {
        let bad = |reason| ParseError::bad_value("auth", reason, value);
        let mut c = Cursor::new(trim_ws(value));
        let scheme = c.take_while(is_token_byte);
        if scheme.is_empty() {
            return Err(bad("missing scheme"));
        }
        let separated = c.skip_ws();
        if !c.at_end() && !separated {
            return Err(bad("expected a space after the scheme"));
        }
        let mut params = Vec::new();
        loop {
            // Empty list elements (", ,") are allowed, as in RFC 7235 lists.
            while c.skip_ws() || c.eat(b',') {}
            if c.at_end() {
                break;
            }
            let name = c.take_while(is_token_byte);
            if name.is_empty() {
                return Err(bad("expected a parameter name"));
            }
            c.skip_ws();
            if !c.eat(b'=') {
                return Err(bad("expected name=value"));
            }
            c.skip_ws();
            let param_value = if c.peek() == Some(b'"') {
                c.take_quoted().map_err(bad)?
            } else {
                c.take_while(|b| b != b',' && b != b' ' && b != b'\t' && b != b'"')
                    .to_owned()
            };
            params.push((name.to_owned(), param_value));
            c.skip_ws();
            if !c.at_end() && !c.eat(b',') {
                return Err(bad("expected ',' between parameters"));
            }
        }
        Ok(AuthParams {
            scheme: scheme.to_owned(),
            params,
        })
    }

    /// Case-insensitive lookup by parameter name; the first match.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// True if the scheme is `scheme` (schemes compare case-insensitively).
    pub fn is_scheme(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The header value (see [`format_auth_value`]).
    pub fn to_header_value(&self) -> String {
        let mut out = String::with_capacity(
            self.scheme.len()
                + self
                    .params
                    .iter()
                    .map(|(n, v)| n.len() + v.len() + 5)
                    .sum::<usize>(),
        );
        out.push_str(&self.scheme);
        for (index, (name, value)) in self.params.iter().enumerate() {
            out.push_str(if index == 0 { " " } else { ", " });
            push_param(&mut out, name, value);
        }
        out
    }
}

/// Builds an auth header value from a scheme and ordered parameters, the way Lync clients
/// write it: every value quoted except a numeric `version`, which servers expect bare.
/// `format_auth_value("NTLM", &[("qop", "auth"), ("version", "4")])` gives
/// `NTLM qop="auth", version=4`.
pub fn format_auth_value(scheme: &str, params: &[(&str, &str)]) -> String {
    let mut auth = AuthParams::new(scheme);
    auth.params = params
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    auth.to_header_value()
}

fn push_param(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push('=');
    let bare = name.eq_ignore_ascii_case("version")
        && !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit());
    if bare {
        out.push_str(value);
    } else {
        push_quoted(out, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = r#"NTLM qop="auth", realm="SIP Communications Service", targetname="x", version=4, gssapi-data="TlRMTVNTUAACAAAA==""#;

    #[test]
    fn parses_quoted_and_bare_values() {
        let a = AuthParams::parse(CHALLENGE).unwrap();
        assert_eq!(a.scheme, "NTLM");
        assert!(a.is_scheme("ntlm"));
        assert_eq!(a.param("REALM"), Some("SIP Communications Service"));
        assert_eq!(a.param("version"), Some("4"));
        assert_eq!(a.param("gssapi-data"), Some("TlRMTVNTUAACAAAA=="));
        assert_eq!(a.param("opaque"), None);
        assert_eq!(a.params.len(), 5);
    }

    #[test]
    fn prints_back_byte_exact() {
        let a = AuthParams::parse(CHALLENGE).unwrap();
        assert_eq!(a.to_header_value(), CHALLENGE);
    }

    #[test]
    fn builder_quotes_all_but_numeric_version() {
        assert_eq!(
            format_auth_value(
                "TLS-DSK",
                &[
                    ("qop", "auth"),
                    ("realm", r#"a "b""#),
                    ("version", "4"),
                    ("crand", "0a1b")
                ]
            ),
            r#"TLS-DSK qop="auth", realm="a \"b\"", version=4, crand="0a1b""#
        );
        assert_eq!(format_auth_value("NTLM", &[]), "NTLM");
        assert_eq!(
            AuthParams::new("Kerberos")
                .with("version", "v4")
                .to_header_value(),
            r#"Kerberos version="v4""#
        );
    }

    #[test]
    fn tolerant_spacing_strict_syntax() {
        let a = AuthParams::parse("Digest  realm = \"r\" ,, nonce=abc ,").unwrap();
        assert_eq!(
            a.params,
            vec![("realm".into(), "r".into()), ("nonce".into(), "abc".into())]
        );
        assert_eq!(AuthParams::parse("NTLM").unwrap().params, vec![]);
        for bad in [
            "",
            "NTLM realm",
            r#"NTLM realm="x"#,
            "NTLM a=1 b=2",
            "NTLM =1",
            "NTLM\"x\"",
        ] {
            assert!(AuthParams::parse(bad).is_err(), "{bad:?}");
        }
    }
}

//! Keeps secrets out of the debug log.
//!
//! Users post Pidgin debug logs in bug reports, so everything we log passes through
//! [`Redactor::redact`]: authentication tokens in SIP and HTTP headers, web tickets and proof
//! keys in SOAP, private keys in PEM, and the exact passwords of the accounts in use.

use std::borrow::Cow;

const REDACTED: &str = "<redacted>";

/// Header names whose whole value is a credential.
const SECRET_HEADERS: &[&str] = &["x-ms-webticket", "cookie", "set-cookie"];

/// Header names that carry authentication parameters or tokens.
const AUTH_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "www-authenticate",
    "proxy-authenticate",
    "authentication-info",
    "proxy-authentication-info",
];

/// XML elements (by local name) whose content is a secret.
const SECRET_ELEMENTS: &[&str] = &[
    "Assertion",
    "BinarySecret",
    "Password",
    "RequestedProofToken",
    "EncryptedData",
    "CipherValue",
    // A web ticket's proof signature: made with the proof key, and with the ticket it would
    // authenticate a replayed request.
    "SignatureValue",
];

/// Redacts known secret shapes and the exact secrets it has been told about.
#[derive(Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

impl Redactor {
    pub fn new() -> Self {
        Redactor::default()
    }

    /// Remembers a secret (e.g. a password) that must never appear in output.
    pub fn add_secret(&mut self, secret: &str) {
        if !secret.is_empty() && !self.secrets.iter().any(|s| s == secret) {
            self.secrets.push(secret.to_owned());
            // Longest first, so a secret containing another is replaced whole.
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
    }

    /// Forgets a secret once no account uses it.
    pub fn remove_secret(&mut self, secret: &str) {
        self.secrets.retain(|s| s != secret);
    }

    /// The text with every secret replaced by `<redacted>`.
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = redact_shapes(text);
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = Cow::Owned(out.replace(secret.as_str(), REDACTED));
            }
        }
        out
    }
}

/// Redacts secrets recognisable by their shape, without knowing their values.
pub fn redact_shapes(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    if contains_ignore_case(&out, "gssapi-data=") {
        out = Cow::Owned(redact_param_values(&out, "gssapi-data"));
    }
    if needs_header_pass(&out) {
        out = Cow::Owned(redact_header_lines(&out));
    }
    for element in SECRET_ELEMENTS {
        if out.contains(element) {
            out = Cow::Owned(redact_element(&out, element));
        }
    }
    if out.contains("PRIVATE KEY-----") {
        out = Cow::Owned(redact_pem_private_keys(&out));
    }
    out
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn needs_header_pass(text: &str) -> bool {
    SECRET_HEADERS
        .iter()
        .chain(AUTH_HEADERS)
        .any(|name| contains_ignore_case(text, name))
}

/// Replaces `name="value"` (or unquoted `name=value`) values wherever they appear.
fn redact_param_values(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let needle = format!("{name}=");
    while let Some(pos) = find_ignore_case(rest, &needle) {
        let value_start = pos + needle.len();
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..];
        let consumed = if let Some(quoted) = value.strip_prefix('"') {
            let end = quoted.find('"').map_or(quoted.len(), |i| i + 1);
            out.push('"');
            out.push_str(REDACTED);
            if end <= quoted.len() && quoted[..end].ends_with('"') {
                out.push('"');
            }
            1 + end
        } else {
            let end = value
                .find(|c: char| c == ',' || c.is_whitespace())
                .unwrap_or(value.len());
            out.push_str(REDACTED);
            end
        };
        rest = &value[consumed..];
    }
    out.push_str(rest);
    out
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Redacts secret header values line by line (SIP and HTTP share the syntax).
fn redact_header_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&redact_header_line(line));
    }
    out
}

fn redact_header_line(line: &str) -> Cow<'_, str> {
    let Some((name, value)) = line.split_once(':') else {
        return Cow::Borrowed(line);
    };
    let header = name.trim();
    let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
    if SECRET_HEADERS
        .iter()
        .any(|h| header.eq_ignore_ascii_case(h))
    {
        return Cow::Owned(format!("{name}: {REDACTED}{ending}"));
    }
    if AUTH_HEADERS.iter().any(|h| header.eq_ignore_ascii_case(h)) {
        // "Scheme token68" (HTTP NTLM/Negotiate/Basic/Bearer) hides the whole token;
        // "Scheme k=v, ..." (SIP) keeps the parameters, gssapi-data was done already.
        let value = value.trim_start().trim_end_matches(['\r', '\n']);
        if let Some((scheme, token)) = value.split_once(' ') {
            let token = token.trim();
            let is_token68 = !token.is_empty()
                && !token.contains([',', ' ', '"'])
                && !token.contains("=<redacted>");
            if is_token68 {
                return Cow::Owned(format!("{name}: {scheme} {REDACTED}{ending}"));
            }
        }
    }
    Cow::Borrowed(line)
}

/// Replaces the content of `<prefix:local ...>…</prefix:local>` elements.
fn redact_element(text: &str, local: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((open_start, open_end, qualified)) = find_open_tag(rest, local) {
        out.push_str(&rest[..open_end]);
        let after_open = &rest[open_end..];
        let close = format!("</{qualified}>");
        out.push_str(REDACTED);
        match after_open.find(&close) {
            Some(close_at) => {
                out.push_str(&close);
                rest = &after_open[close_at + close.len()..];
            }
            // A truncated element hides everything after it.
            None => {
                rest = "";
            }
        }
        debug_assert!(open_start < open_end);
    }
    out.push_str(rest);
    out
}

/// Finds a non-self-closing start tag whose local name is `local`.
/// Returns (start, end just after '>', qualified name).
fn find_open_tag<'a>(text: &'a str, local: &str) -> Option<(usize, usize, &'a str)> {
    let mut search_from = 0;
    while let Some(rel) = text[search_from..].find('<') {
        let start = search_from + rel;
        let after = &text[start + 1..];
        let name_len = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let qualified = &after[..name_len];
        let local_name = qualified.rsplit(':').next().unwrap_or(qualified);
        if local_name == local {
            if let Some(gt) = after.find('>') {
                let self_closing = after[..gt].ends_with('/');
                if !self_closing {
                    return Some((start, start + 1 + gt + 1, qualified));
                }
            }
        }
        search_from = start + 1;
    }
    None
}

fn redact_pem_private_keys(text: &str) -> String {
    const BEGIN: &str = "-----BEGIN ";
    const END: &str = "-----END ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(begin) = rest.find(BEGIN) {
        let label_start = begin + BEGIN.len();
        let label_end = rest[label_start..].find("-----").map(|i| label_start + i);
        let is_private =
            label_end.is_some_and(|end| rest[label_start..end].contains("PRIVATE KEY"));
        if !is_private {
            out.push_str(&rest[..label_start]);
            rest = &rest[label_start..];
            continue;
        }
        out.push_str(&rest[..begin]);
        out.push_str("-----BEGIN PRIVATE KEY----- <redacted> -----END PRIVATE KEY-----");
        // Skip to the end of the "-----END ...-----" line; an unterminated key hides the rest.
        let after_label = &rest[label_start..];
        rest = after_label
            .find(END)
            .map(|end| &after_label[end + END.len()..])
            .and_then(|tail| tail.find("-----").map(|close| &tail[close + 5..]))
            .unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gssapi_data_is_hidden_but_the_rest_of_the_header_stays() {
        let line = "Proxy-Authorization: NTLM qop=\"auth\", realm=\"SIP Communications Service\", opaque=\"2BDBAC9D\", targetname=\"cosmo-ocs-r2.cosmo.local\", version=4, gssapi-data=\"TlRMTVNTUAADAAAAGAAYAHIAAAD=\", crand=\"13317733\"\r\n";
        let out = redact_shapes(line);
        assert!(!out.contains("TlRMTVNTUAAD"), "{out}");
        assert!(
            out.contains("gssapi-data=\"<redacted>\", crand=\"13317733\""),
            "{out}"
        );
        assert!(
            out.contains("targetname=\"cosmo-ocs-r2.cosmo.local\""),
            "{out}"
        );
        assert!(out.ends_with("\r\n"));
    }

    #[test]
    fn http_auth_tokens_are_hidden() {
        for line in [
            "Authorization: NTLM TlRMTVNTUAABAAAAB4IIogAAAAA=\r\n",
            "WWW-Authenticate: Negotiate YIIFzQYGKwYBBQUCoIIFwTCCBb2g\r\n",
            "authorization: Basic YWxpY2U6QWxpY2UtcGFzcy0x\n",
        ] {
            let out = redact_shapes(line);
            assert!(out.contains("<redacted>"), "{out}");
            assert!(
                !out.contains("TlRM") && !out.contains("YIIF") && !out.contains("YWxp"),
                "{out}"
            );
        }
    }

    #[test]
    fn web_ticket_and_cookies_are_hidden() {
        let text = "GET /x HTTP/1.1\r\nX-MS-WebTicket: opaque=PHNhbWw6QXNzZXJ0aW9u\r\nCookie: session=abc123\r\nHost: h\r\n";
        let out = redact_shapes(text);
        assert!(
            !out.contains("PHNhbWw6") && !out.contains("abc123"),
            "{out}"
        );
        assert!(out.contains("Host: h\r\n"));
    }

    #[test]
    fn saml_assertions_and_proof_keys_are_hidden() {
        let xml = r#"<s:Body><saml:Assertion MajorVersion="1" AssertionID="uuid-1">SECRET-TICKET</saml:Assertion><wst:BinarySecret>ENTROPY==</wst:BinarySecret><wsse:Password Type="x">hunter2</wsse:Password><BinarySecret/></s:Body>"#;
        let out = redact_shapes(xml);
        for secret in ["SECRET-TICKET", "ENTROPY==", "hunter2"] {
            assert!(!out.contains(secret), "{secret} leaked: {out}");
        }
        assert!(
            out.contains("AssertionID=\"uuid-1\""),
            "start tags stay: {out}"
        );
        assert!(out.contains("</s:Body>"));
    }

    #[test]
    fn web_ticket_requests_and_answers_keep_no_secret() {
        use crate::webticket::{IssuedTicket, TicketGrant, TicketRequest, security_header};
        let request = TicketRequest {
            context: "c",
            applies_to: "https://pool/CertProv",
            sip_uri: "sip:alice@contoso.test",
            client_entropy: b"CLIENT-ENTROPY-CLIENT-ENTROPY-32",
        }
        .to_soap();
        let out = redact_shapes(&request);
        assert!(!out.contains("Q0xJRU5U"), "client entropy leaked: {out}");
        assert!(
            out.contains("sip:alice@contoso.test"),
            "the claim stays: {out}"
        );

        let now = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let grant = TicketGrant {
            assertion_id: "uuid-1",
            issuer: "i",
            subject_uri: "sip:alice@contoso.test",
            applies_to: "https://pool/CertProv",
            created: now,
            expires: now,
        };
        let answer = grant.response(&grant.assertion(), b"SERVER-ENTROPY-SERVER-ENTROPY-32");
        let out = redact_shapes(&answer);
        assert!(
            !out.contains("U0VSVkVS") && !out.contains("NameIdentifier>sip"),
            "{out}"
        );

        let ticket: IssuedTicket = crate::webticket::parse_ticket_response(&answer).unwrap();
        let header = security_header(&ticket, Some(b"CLIENT-ENTROPY-CLIENT-ENTROPY-32")).unwrap();
        let signature = header
            .split("<SignatureValue>")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap()
            .to_owned();
        let out = redact_shapes(&header);
        assert!(!out.contains(&signature), "proof signature leaked: {out}");
        assert!(
            !out.contains("AttributeValue>sip"),
            "assertion leaked: {out}"
        );
    }

    #[test]
    fn truncated_secret_element_hides_the_rest() {
        let out = redact_shapes("<saml:Assertion>half of a tick");
        assert!(!out.contains("half"), "{out}");
    }

    #[test]
    fn pem_private_keys_are_hidden_certificates_are_not() {
        let text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\ncert:\n-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n";
        let out = redact_shapes(text);
        assert!(!out.contains("MIIEowIBAAKCAQEA"), "{out}");
        assert!(out.contains("MIIC"), "certificates are public: {out}");
        let unterminated = redact_shapes("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg");
        assert!(!unterminated.contains("MIIEvQ"), "{unterminated}");
    }

    #[test]
    fn known_secrets_are_replaced_everywhere() {
        let mut r = Redactor::new();
        r.add_secret("Alice-pass-1");
        r.add_secret("pass");
        let out = r.redact("password=Alice-pass-1 and again Alice-pass-1; pass");
        assert_eq!(
            out,
            "<redacted>word=<redacted> and again <redacted>; <redacted>"
        );
        r.remove_secret("pass");
        r.remove_secret("Alice-pass-1");
        assert_eq!(r.redact("Alice-pass-1"), "Alice-pass-1");
        assert!(!format!("{r:?}").contains("Alice"));
    }

    #[test]
    fn plain_text_is_untouched_and_not_copied() {
        let text = "SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n";
        assert!(matches!(redact_shapes(text), Cow::Borrowed(_)));
    }

    #[test]
    fn hostile_text_never_panics_and_leaks_no_token() {
        // Each ends in a secret-looking token that must not survive, however broken the
        // text around it is.
        const TOKEN: &str = "TlRMTVNTUAADAAAAGAAYAHAAAAA";
        for text in [
            "gssapi-data=\"",
            "gssapi-data=",
            "gssapi-data=\"TOKEN",
            "gssapi-data=TOKEN",
            "<",
            "<a:Assertion",
            "<a:Assertion>TOKEN",
            "-----BEGIN ",
            "-----BEGIN PRIVATE KEY",
            "-----BEGIN PRIVATE KEY-----\nTOKEN",
            "Authorization:",
            "Authorization: NTLM",
            "Authorization: NTLM TOKEN",
            "\u{e9}gssapi-data=\"\u{e9}TOKEN",
        ] {
            let text = text.replace("TOKEN", TOKEN);
            let out = redact_shapes(&text);
            assert!(!out.contains(TOKEN), "{text:?} -> {out:?}");
        }
    }
}

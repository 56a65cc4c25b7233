//! http and https URLs: parsing and resolving a redirect `Location` against a base
//! (RFC 3986 §5.2, without fragments, which never reach the server).

use std::fmt;
use std::net::Ipv6Addr;

/// The two schemes this client speaks.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid URL {url:?}: {reason}")]
pub struct UrlError {
    pub url: String,
    pub reason: &'static str,
}

/// An absolute http or https URL. The host is lower-case (an IPv6 literal without its
/// brackets), the port explicit, and the path normalised and percent-encoded where a request
/// line needs it. Any `#fragment` is dropped.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Url {
    scheme: Scheme,
    host: String,
    port: u16,
    /// Starts with '/'; includes `?query` when there is one.
    path_and_query: String,
}

impl Url {
    pub fn parse(text: &str) -> Result<Url, UrlError> {
        let fail = |reason| UrlError {
            url: text.to_owned(),
            reason,
        };
        let trimmed = text.trim();
        let Some((scheme_text, rest)) = split_scheme(trimmed) else {
            return Err(fail("not an absolute http or https URL"));
        };
        let scheme = if scheme_text.eq_ignore_ascii_case("http") {
            Scheme::Http
        } else if scheme_text.eq_ignore_ascii_case("https") {
            Scheme::Https
        } else {
            return Err(fail("only http and https URLs are supported"));
        };
        let Some(rest) = rest.strip_prefix("//") else {
            return Err(fail("the host is missing"));
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, reference) = rest.split_at(authority_end);
        let (host, port) = parse_authority(authority, scheme).map_err(fail)?;
        let (path, query) = split_path_query(reference);
        let path = if path.is_empty() { "/" } else { path };
        Ok(Url {
            scheme,
            host,
            port,
            path_and_query: build_path_and_query(&remove_dot_segments(path), query),
        })
    }

    /// Resolves `reference` (absolute, `//host…`, `/path`, `?query`, or relative path)
    /// against this URL, as a browser resolves a `Location` header.
    pub fn join(&self, reference: &str) -> Result<Url, UrlError> {
        let reference = reference.trim();
        if split_scheme(reference).is_some() {
            return Url::parse(reference);
        }
        if reference.starts_with("//") {
            return Url::parse(&format!("{}:{reference}", self.scheme.as_str()));
        }
        let (path, query) = split_path_query(reference);
        let (path, query) = if path.is_empty() {
            (self.path().to_owned(), query.or(self.query()))
        } else if path.starts_with('/') {
            (remove_dot_segments(path), query)
        } else {
            let base = self.path();
            let directory = &base[..base.rfind('/').map_or(0, |slash| slash + 1)];
            (remove_dot_segments(&format!("{directory}{path}")), query)
        };
        Ok(Url {
            path_and_query: build_path_and_query(&path, query),
            ..self.clone()
        })
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    pub fn is_https(&self) -> bool {
        self.scheme == Scheme::Https
    }

    /// The host name or IP address, lower-case, IPv6 without brackets.
    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// What goes into the request line: the path and any query.
    pub fn path_and_query(&self) -> &str {
        &self.path_and_query
    }

    pub fn path(&self) -> &str {
        self.path_and_query
            .split_once('?')
            .map_or(&self.path_and_query, |(path, _)| path)
    }

    pub fn query(&self) -> Option<&str> {
        self.path_and_query.split_once('?').map(|(_, query)| query)
    }

    /// True when the host is an IPv4 or IPv6 address rather than a name.
    pub fn host_is_ip(&self) -> bool {
        self.host.parse::<std::net::IpAddr>().is_ok()
    }

    /// The `Host` header value: the host (IPv6 in brackets) and the port unless it is the
    /// scheme's default.
    pub fn host_header(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == self.scheme.default_port() {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}://{}{}",
            self.scheme.as_str(),
            self.host_header(),
            self.path_and_query
        )
    }
}

impl fmt::Debug for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Url({self})")
    }
}

impl std::str::FromStr for Url {
    type Err = UrlError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Url::parse(text)
    }
}

/// Splits `scheme:rest` when the text starts with an RFC 3986 scheme.
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut bytes = scheme.bytes();
    let first_is_letter = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let rest_is_valid = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (first_is_letter && rest_is_valid).then_some((scheme, rest))
}

fn parse_authority(authority: &str, scheme: Scheme) -> Result<(String, u16), &'static str> {
    if authority.contains('@') {
        return Err("user names and passwords in URLs are not supported");
    }
    let (host, port_text) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (address, after) = bracketed
            .split_once(']')
            .ok_or("an IPv6 address lacks its closing ']'")?;
        address
            .parse::<Ipv6Addr>()
            .map_err(|_| "invalid IPv6 address")?;
        let port = match after {
            "" => None,
            _ => Some(
                after
                    .strip_prefix(':')
                    .ok_or("junk after the IPv6 address")?,
            ),
        };
        (address.to_ascii_lowercase(), port)
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if host.is_empty() {
            return Err("the host is missing");
        }
        if !host.is_ascii() {
            return Err("international host names must be given in their xn-- form");
        }
        let valid = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
        if !host.bytes().all(valid) {
            return Err("invalid character in the host name");
        }
        (host.to_ascii_lowercase(), port)
    };
    let port = match port_text {
        None | Some("") => scheme.default_port(),
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => match digits.parse() {
            Ok(0) | Err(_) => return Err("the port must be 1 to 65535"),
            Ok(port) => port,
        },
        Some(_) => return Err("the port is not a number"),
    };
    Ok((host, port))
}

/// Splits `path?query#fragment` into path and query, dropping the fragment.
fn split_path_query(reference: &str) -> (&str, Option<&str>) {
    let without_fragment = reference
        .split_once('#')
        .map_or(reference, |(before, _)| before);
    match without_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (without_fragment, None),
    }
}

fn build_path_and_query(path: &str, query: Option<&str>) -> String {
    let mut out = percent_encode_unsafe(path);
    if let Some(query) = query {
        out.push('?');
        out.push_str(&percent_encode_unsafe(query));
    }
    out
}

/// Percent-encodes what cannot stand in a request line (spaces, controls, non-ASCII and the
/// characters browsers also encode); existing `%XX` escapes stay as they are.
fn percent_encode_unsafe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte <= 0x20 || byte >= 0x7F || b"\"<>\\^`{|}".contains(&byte) {
            out.push_str(&format!("%{byte:02X}"));
        } else {
            out.push(char::from(byte));
        }
    }
    out
}

/// RFC 3986 §5.2.4 for a path that starts with '/': resolves "." and ".." segments; ".."
/// never climbs above the root.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut output: Vec<&str> = Vec::with_capacity(segments.len());
    for (index, segment) in segments.iter().enumerate() {
        let is_last = index + 1 == segments.len();
        match *segment {
            "." => {}
            ".." => {
                output.pop();
            }
            other => {
                output.push(other);
                continue;
            }
        }
        // A trailing "." or ".." names a directory: keep its slash.
        if is_last {
            output.push("");
        }
    }
    format!("/{}", output.join("/"))
}

//! A small cookie jar (RFC 6265 §5): what `Set-Cookie` stores, and which cookies go back.
//!
//! Web services behind load balancers and ADFS use cookies for affinity and sessions. Time
//! is an input ([`Instant`]), so `Max-Age` is honoured but `Expires` (a calendar date) is
//! not interpreted: such a cookie lives for the session, i.e. as long as the jar.

use std::fmt;
use std::time::{Duration, Instant};

use super::headers::Headers;
use super::url::Url;

/// At most this many cookies are kept; the oldest go first.
const MAX_COOKIES: usize = 64;
/// Name plus value larger than this is ignored (browsers allow 4096).
const MAX_COOKIE_BYTES: usize = 4096;

#[derive(Clone)]
struct Cookie {
    name: String,
    value: String,
    /// Lower-case, without a leading dot.
    domain: String,
    /// Without a Domain attribute the cookie goes back to exactly the host that set it.
    host_only: bool,
    path: String,
    secure: bool,
    /// `None`: until the jar is dropped.
    expires: Option<Instant>,
    /// Creation order, for the order of the Cookie header.
    created: u64,
}

impl Cookie {
    fn is_expired(&self, now: Instant) -> bool {
        self.expires.is_some_and(|expires| expires <= now)
    }

    fn matches(&self, url: &Url) -> bool {
        let domain_ok = if self.host_only {
            url.host() == self.domain
        } else {
            domain_matches(url, &self.domain)
        };
        domain_ok && path_matches(url.path(), &self.path) && (!self.secure || url.is_https())
    }
}

/// The cookies of one client.
#[derive(Default, Clone)]
pub struct CookieJar {
    cookies: Vec<Cookie>,
    next_created: u64,
}

impl CookieJar {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores every `Set-Cookie` of a response to `url`.
    pub fn store_from_headers(&mut self, url: &Url, headers: &Headers, now: Instant) {
        for value in headers.get_all("set-cookie") {
            self.store(url, value, now);
        }
    }

    /// Stores one `Set-Cookie` value received from `url`. Returns false when it was ignored
    /// (malformed, too large, or a Domain / Secure the URL may not set); a cookie that
    /// arrives already expired deletes its namesake and returns true.
    pub fn store(&mut self, url: &Url, set_cookie: &str, now: Instant) -> bool {
        let Some(mut cookie) = parse_set_cookie(url, set_cookie, now) else {
            return false;
        };
        let same = |other: &Cookie| {
            other.name == cookie.name && other.domain == cookie.domain && other.path == cookie.path
        };
        cookie.created = match self.cookies.iter().position(same) {
            // A replaced cookie keeps its place in the order, as RFC 6265 §5.3 says.
            Some(index) => self.cookies.remove(index).created,
            None => {
                self.next_created += 1;
                self.next_created
            }
        };
        if cookie.is_expired(now) {
            return true;
        }
        self.cookies.retain(|other| !other.is_expired(now));
        if self.cookies.len() >= MAX_COOKIES {
            if let Some(oldest) = (0..self.cookies.len()).min_by_key(|&i| self.cookies[i].created) {
                self.cookies.remove(oldest);
            }
        }
        self.cookies.push(cookie);
        true
    }

    /// The `Cookie` header value for a request to `url`, or `None` when no cookie applies.
    /// Longer paths come first, then older cookies (RFC 6265 §5.4).
    pub fn cookie_header(&self, url: &Url, now: Instant) -> Option<String> {
        let mut matching: Vec<&Cookie> = self
            .cookies
            .iter()
            .filter(|cookie| !cookie.is_expired(now) && cookie.matches(url))
            .collect();
        if matching.is_empty() {
            return None;
        }
        matching.sort_by(|a, b| {
            b.path
                .len()
                .cmp(&a.path.len())
                .then(a.created.cmp(&b.created))
        });
        let pairs: Vec<String> = matching
            .iter()
            .map(|cookie| format!("{}={}", cookie.name, cookie.value))
            .collect();
        Some(pairs.join("; "))
    }

    /// Cookies held, expired ones included until the next store.
    pub fn len(&self) -> usize {
        self.cookies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    pub fn clear(&mut self) {
        self.cookies.clear();
    }
}

/// Names, domains and paths; values are session secrets and stay out.
impl fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.cookies.iter().map(|c| {
                format!(
                    "{}=<redacted>; domain={}; path={}",
                    c.name, c.domain, c.path
                )
            }))
            .finish()
    }
}

/// RFC 6265 §5.2 and §5.3, minus the public-suffix list: a Domain attribute must contain a
/// dot (no cookies for all of `com`) and the request host must be in it.
fn parse_set_cookie(url: &Url, set_cookie: &str, now: Instant) -> Option<Cookie> {
    let mut parts = set_cookie.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() || name.len() + value.len() > MAX_COOKIE_BYTES {
        return None;
    }
    if !name
        .bytes()
        .chain(value.bytes())
        .all(|b| (0x20..0x7F).contains(&b))
    {
        return None;
    }

    let mut domain_attribute = None;
    let mut path_attribute = None;
    let mut secure = false;
    let mut max_age = None;
    for attribute in parts {
        let (key, attribute_value) = match attribute.split_once('=') {
            Some((key, value)) => (key.trim(), value.trim()),
            None => (attribute.trim(), ""),
        };
        if key.eq_ignore_ascii_case("domain") && !attribute_value.is_empty() {
            let domain = attribute_value.trim_start_matches('.');
            domain_attribute = Some(domain.to_ascii_lowercase());
        } else if key.eq_ignore_ascii_case("path") {
            path_attribute = attribute_value
                .starts_with('/')
                .then(|| attribute_value.to_owned());
        } else if key.eq_ignore_ascii_case("secure") {
            secure = true;
        } else if key.eq_ignore_ascii_case("max-age") {
            // A malformed Max-Age is ignored, as the RFC says; the last valid one wins.
            if let Ok(seconds) = attribute_value.parse::<i64>() {
                max_age = Some(seconds);
            }
        }
        // Expires (a date we cannot compare without a wall clock), HttpOnly, SameSite and
        // unknown attributes change nothing here.
    }

    if secure && !url.is_https() {
        return None;
    }
    let (domain, host_only) = match domain_attribute {
        None => (url.host().to_owned(), true),
        Some(domain) if domain == url.host() => (domain, false),
        Some(domain) if domain.contains('.') && domain_matches(url, &domain) => (domain, false),
        Some(_) => return None,
    };
    let expires = match max_age {
        None => None,
        Some(seconds) if seconds <= 0 => Some(now),
        Some(seconds) => now.checked_add(Duration::from_secs(seconds.unsigned_abs())),
    };
    Some(Cookie {
        name: name.to_owned(),
        value: value.to_owned(),
        domain,
        host_only,
        path: path_attribute.unwrap_or_else(|| default_path(url.path())),
        secure,
        expires,
        created: 0,
    })
}

/// RFC 6265 §5.1.3: the host is the domain or a name under it (never for IP addresses).
fn domain_matches(url: &Url, domain: &str) -> bool {
    let host = url.host();
    host == domain
        || (!url.host_is_ip()
            && host
                .strip_suffix(domain)
                .is_some_and(|prefix| prefix.ends_with('.')))
}

/// RFC 6265 §5.1.4.
fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    match request_path.strip_prefix(cookie_path) {
        Some(rest) => rest.is_empty() || cookie_path.ends_with('/') || rest.starts_with('/'),
        None => false,
    }
}

/// RFC 6265 §5.1.4: the "directory" of the request path.
fn default_path(request_path: &str) -> String {
    match request_path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(last_slash) => request_path[..last_slash].to_owned(),
    }
}

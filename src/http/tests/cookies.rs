//! The cookie jar: what is stored and what goes back where.

use std::time::{Duration, Instant};

use crate::http::{CookieJar, Url};

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

#[test]
fn host_only_cookie_goes_back_to_its_host_only() {
    let now = Instant::now();
    let mut jar = CookieJar::new();
    assert!(jar.store(&url("https://web.contoso.com/a/b"), "s=1", now));
    assert_eq!(
        jar.cookie_header(&url("https://web.contoso.com/a/c"), now)
            .as_deref(),
        Some("s=1")
    );
    // Default path is the directory "/a": not sent to "/" or "/ab".
    assert_eq!(
        jar.cookie_header(&url("https://web.contoso.com/"), now),
        None
    );
    assert_eq!(
        jar.cookie_header(&url("https://web.contoso.com/ab"), now),
        None
    );
    assert_eq!(
        jar.cookie_header(&url("https://sub.web.contoso.com/a/x"), now),
        None
    );
    assert_eq!(
        jar.cookie_header(&url("https://contoso.com/a/x"), now),
        None
    );
    // Cookies do not depend on the scheme or port unless Secure.
    assert!(
        jar.cookie_header(&url("http://web.contoso.com:8080/a"), now)
            .is_some()
    );
}

#[test]
fn domain_attribute_covers_subdomains() {
    let now = Instant::now();
    let mut jar = CookieJar::new();
    let origin = url("https://sts.contoso.com/adfs/ls");
    assert!(jar.store(&origin, "MSISAuth=x; Domain=.Contoso.com; Path=/", now));
    for target in ["https://contoso.com/", "https://a.b.contoso.com/x"] {
        assert_eq!(
            jar.cookie_header(&url(target), now).as_deref(),
            Some("MSISAuth=x"),
            "{target}"
        );
    }
    assert_eq!(
        jar.cookie_header(&url("https://evilcontoso.com/"), now),
        None
    );

    // A server may not set cookies for another domain, its parent TLD, or a sibling.
    assert!(!jar.store(&origin, "a=1; Domain=example.com", now));
    assert!(!jar.store(&origin, "a=1; Domain=com", now));
    assert!(!jar.store(&origin, "a=1; Domain=web.contoso.com", now));
    // Nor domain cookies on an IP address, except for the address itself.
    let ip = url("http://192.0.2.1/");
    assert!(!jar.store(&ip, "a=1; Domain=0.2.1", now));
    assert!(jar.store(&ip, "a=1; Domain=192.0.2.1", now));
    assert_eq!(jar.len(), 2);
}

#[test]
fn path_matching() {
    let now = Instant::now();
    let mut jar = CookieJar::new();
    let origin = url("https://h/");
    jar.store(&origin, "root=1; Path=/", now);
    jar.store(&origin, "deep=2; Path=/WebTicket/", now);
    jar.store(&origin, "exact=3; Path=/WebTicket", now);
    jar.store(&origin, "bad=4; Path=relative", now); // invalid Path: default "/"
    assert_eq!(
        jar.cookie_header(&url("https://h/WebTicket/WebTicketService.svc"), now)
            .as_deref(),
        Some("deep=2; exact=3; root=1; bad=4"),
        "longer paths first, then oldest"
    );
    assert_eq!(
        jar.cookie_header(&url("https://h/WebTicket"), now)
            .as_deref(),
        Some("exact=3; root=1; bad=4")
    );
    assert_eq!(
        jar.cookie_header(&url("https://h/WebTickets"), now)
            .as_deref(),
        Some("root=1; bad=4")
    );
}

#[test]
fn secure_cookies_need_https_both_ways() {
    let now = Instant::now();
    let mut jar = CookieJar::new();
    assert!(!jar.store(&url("http://h/"), "s=1; Secure", now));
    assert!(jar.store(&url("https://h/"), "s=1; secure; HttpOnly", now));
    assert_eq!(jar.cookie_header(&url("http://h/"), now), None);
    assert_eq!(
        jar.cookie_header(&url("https://h/"), now).as_deref(),
        Some("s=1")
    );
}

#[test]
fn max_age_expires_and_deletes_and_expires_is_a_session_cookie() {
    let start = Instant::now();
    let mut jar = CookieJar::new();
    let origin = url("https://h/");
    jar.store(&origin, "short=1; Max-Age=10", start);
    jar.store(
        &origin,
        "session=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
        start,
    );
    jar.store(&origin, "junk=3; Max-Age=soon", start);
    let later = start + Duration::from_secs(9);
    assert_eq!(
        jar.cookie_header(&origin, later).as_deref(),
        Some("short=1; session=2; junk=3")
    );
    let expired = start + Duration::from_secs(10);
    assert_eq!(
        jar.cookie_header(&origin, expired).as_deref(),
        Some("session=2; junk=3")
    );

    // Max-Age=0 deletes, and replacing keeps the original order.
    assert!(jar.store(&origin, "session=gone; Max-Age=0", later));
    assert_eq!(
        jar.cookie_header(&origin, later).as_deref(),
        Some("short=1; junk=3")
    );
    jar.store(&origin, "short=new", later);
    assert_eq!(
        jar.cookie_header(&origin, later).as_deref(),
        Some("short=new; junk=3")
    );
}

#[test]
fn malformed_and_oversized_cookies_are_ignored() {
    let now = Instant::now();
    let mut jar = CookieJar::new();
    let origin = url("https://h/");
    for bad in ["", "novalue", "=x", "a=\u{1}", "a=b\u{e9}"] {
        assert!(!jar.store(&origin, bad, now), "{bad:?}");
    }
    assert!(!jar.store(&origin, &format!("big={}", "x".repeat(5000)), now));
    assert!(jar.is_empty());
    assert!(jar.store(&origin, " spaced = value ; Path=/", now));
    assert_eq!(
        jar.cookie_header(&origin, now).as_deref(),
        Some("spaced=value")
    );
}

#[test]
fn the_jar_is_bounded_and_its_debug_hides_values() {
    let now = Instant::now();
    let mut jar = CookieJar::new();
    let origin = url("https://h/");
    for i in 0..100 {
        jar.store(&origin, &format!("c{i}=v{i}"), now);
    }
    assert_eq!(jar.len(), 64);
    let header = jar.cookie_header(&origin, now).unwrap();
    assert!(!header.contains("c35=") && header.contains("c36=v36") && header.contains("c99=v99"));
    let debug = format!("{jar:?}");
    assert!(!debug.contains("v99"), "{debug}");
    jar.clear();
    assert!(jar.is_empty());
}

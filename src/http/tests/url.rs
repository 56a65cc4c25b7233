//! URLs: parsing and resolving redirect locations.

use crate::http::{Scheme, Url};

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

#[test]
fn parses_scheme_host_port_and_path() {
    let u = url("https://LyncDiscover.Contoso.com/?sipuri=alice@contoso.com");
    assert_eq!(u.scheme(), Scheme::Https);
    assert_eq!(u.host(), "lyncdiscover.contoso.com");
    assert_eq!(u.port(), 443);
    assert_eq!(u.path_and_query(), "/?sipuri=alice@contoso.com");
    assert_eq!(u.path(), "/");
    assert_eq!(u.query(), Some("sipuri=alice@contoso.com"));
    assert_eq!(u.host_header(), "lyncdiscover.contoso.com");

    let u = url("HTTP://web.contoso.com:8080");
    assert_eq!(
        (u.scheme(), u.port(), u.path_and_query()),
        (Scheme::Http, 8080, "/")
    );
    assert_eq!(u.host_header(), "web.contoso.com:8080");
    assert_eq!(u.to_string(), "http://web.contoso.com:8080/");

    // An explicit default port is the default port.
    assert_eq!(url("http://h:80/x"), url("http://h/x"));
    assert_eq!(url("https://h:/x").port(), 443);
    // The fragment never goes to the server.
    assert_eq!(url("https://h/a?b=1#frag").path_and_query(), "/a?b=1");
}

#[test]
fn ipv6_literals() {
    let u = url("https://[2001:DB8::1]:4443/WebTicket/WebTicketService.svc");
    assert_eq!(u.host(), "2001:db8::1");
    assert_eq!(u.port(), 4443);
    assert!(u.host_is_ip());
    assert_eq!(u.host_header(), "[2001:db8::1]:4443");
    assert_eq!(
        u.to_string(),
        "https://[2001:db8::1]:4443/WebTicket/WebTicketService.svc"
    );
    assert_eq!(url("http://[::1]").host_header(), "[::1]");
    assert!(url("http://192.0.2.7/").host_is_ip());
    assert!(!url("http://example.com/").host_is_ip());
}

#[test]
fn refuses_what_it_cannot_use() {
    for (text, reason) in [
        ("ftp://h/x", "only http and https"),
        ("/relative", "not an absolute"),
        ("https:h/x", "host is missing"),
        ("https:///x", "host is missing"),
        ("https://user:pw@h/", "user names and passwords"),
        ("https://h:0/", "1 to 65535"),
        ("https://h:65536/", "1 to 65535"),
        ("https://h:8o/", "not a number"),
        ("https://[::1/", "closing ']'"),
        ("https://[nope]/", "invalid IPv6"),
        ("https://[::1]x/", "junk after"),
        ("https://bad host/", "invalid character"),
        ("https://bücher.example/", "xn--"),
    ] {
        let error = Url::parse(text).unwrap_err();
        assert!(error.reason.contains(reason), "{text}: {error}");
        assert_eq!(error.url, text);
    }
}

#[test]
fn paths_are_normalised_and_encoded_for_the_request_line() {
    assert_eq!(url("http://h/a/./b/../c").path(), "/a/c");
    assert_eq!(url("http://h/a/b/..").path(), "/a/");
    assert_eq!(url("http://h/../../x").path(), "/x");
    assert_eq!(
        url("http://h/a b/ü?q=x y").path_and_query(),
        "/a%20b/%C3%BC?q=x%20y"
    );
    // Existing escapes are kept, not double-encoded.
    assert_eq!(url("http://h/a%20b").path(), "/a%20b");
}

#[test]
fn joins_redirect_locations_like_rfc_3986() {
    let base = url(
        "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com",
    );
    let cases = [
        ("https://other.example/x", "https://other.example/x"),
        ("http://other.example/x", "http://other.example/x"),
        ("//cdn.example/y", "https://cdn.example/y"),
        (
            "/root?sipuri=a",
            "https://webdir.online.lync.com/root?sipuri=a",
        ),
        (
            "user2",
            "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root/oauth/user2",
        ),
        (
            "../domain",
            "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root/domain",
        ),
        (
            "?x=1",
            "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?x=1",
        ),
        (
            "",
            "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com",
        ),
        (
            "#frag",
            "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com",
        ),
        ("/a/b/../../../c", "https://webdir.online.lync.com/c"),
        ("  /trimmed  ", "https://webdir.online.lync.com/trimmed"),
    ];
    for (location, expected) in cases {
        assert_eq!(
            base.join(location).unwrap().to_string(),
            expected,
            "{location}"
        );
    }
    let on_port = url("http://h:8080/a/b");
    assert_eq!(on_port.join("c").unwrap().to_string(), "http://h:8080/a/c");
    assert!(base.join("mailto:x@y").is_err());
    assert!(base.join("https://u@h/").is_err());
}

#[test]
fn from_str_and_debug() {
    let u: Url = "https://h/p".parse().unwrap();
    assert_eq!(format!("{u:?}"), "Url(https://h/p)");
}

//! Headers and request encoding.

use crate::auth::ntlm::Password;
use crate::http::{Headers, HttpCredentials, HttpError, Method, Request, Url};

fn headers(fields: &[(&str, &str)]) -> Headers {
    fields.iter().copied().collect()
}

#[test]
fn headers_are_case_insensitive_ordered_lists() {
    let mut h = headers(&[
        ("Set-Cookie", "a=1"),
        ("Connection", "Keep-Alive, Upgrade"),
        ("set-cookie", "b=2"),
    ]);
    assert_eq!(h.get("SET-COOKIE"), Some("a=1"));
    assert_eq!(h.get_all("set-cookie").collect::<Vec<_>>(), ["a=1", "b=2"]);
    assert!(h.has_token("connection", "keep-alive"));
    assert!(!h.has_token("connection", "close"));
    h.set("connection", "close");
    assert_eq!(h.get_all("Connection").count(), 1);
    assert!(h.has_token("Connection", "close"));
    h.remove("SET-cookie");
    assert_eq!(h.len(), 1);
}

#[test]
fn header_debug_output_is_redacted() {
    let h = headers(&[
        ("Authorization", "NTLM TlRMTVNTUAADAAAAGAAYAEgAAAA="),
        ("Cookie", "MSISAuth=secret-session"),
        ("X-MS-WebTicket", "opaque=PHNhbWw6QXNzZXJ0aW9u"),
        ("Content-Type", "text/xml"),
    ]);
    let text = format!("{h:?}");
    for secret in ["TlRMTVNT", "secret-session", "PHNhbWw6"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(text.contains("Content-Type: text/xml"), "{text}");
}

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

#[test]
fn request_encoding() {
    let request = Request::post(
        url("https://pool.contoso.com/CertProv/CertProvisioningService.svc"),
        "text/xml; charset=utf-8",
        b"<s:Envelope/>".to_vec(),
    )
    .with_header(
        "SOAPAction",
        "\"http://schemas.microsoft.com/OCS/AuthWebServices/GetAndPublishCert\"",
    );
    let mut extra = Headers::new();
    extra.append("Cookie", "a=1");
    let bytes = request.encode("UCCAPI/15.0 purple-lync", &extra).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(
        text,
        "POST /CertProv/CertProvisioningService.svc HTTP/1.1\r\n\
         Host: pool.contoso.com\r\n\
         User-Agent: UCCAPI/15.0 purple-lync\r\n\
         Accept-Encoding: identity\r\n\
         Content-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: \"http://schemas.microsoft.com/OCS/AuthWebServices/GetAndPublishCert\"\r\n\
         Cookie: a=1\r\n\
         Content-Length: 13\r\n\
         \r\n\
         <s:Envelope/>"
    );

    let get = Request::get(url("http://[::1]:8080/x?y"));
    let text = String::from_utf8(get.encode("UA", &Headers::new()).unwrap()).unwrap();
    assert!(
        text.starts_with("GET /x?y HTTP/1.1\r\nHost: [::1]:8080\r\n"),
        "{text}"
    );
    assert!(!text.contains("Content-Length"), "GET without body: {text}");

    let empty_post = Request::new(Method::Post, url("http://h/"));
    let text = String::from_utf8(empty_post.encode("UA", &Headers::new()).unwrap()).unwrap();
    assert!(text.contains("Content-Length: 0\r\n"), "{text}");
}

#[test]
fn request_headers_cannot_smuggle_or_override() {
    let base = || Request::get(url("http://h/"));
    let cases = [
        base().with_header("X-A", "1\r\nX-Injected: 2"),
        base().with_header("X-A", "1\nGET / HTTP/1.1"),
        base().with_header("Bad Name", "1"),
        base().with_header("", "1"),
        base().with_header("Content-Length", "5"),
        base().with_header("host", "evil"),
        base().with_header("Transfer-Encoding", "chunked"),
    ];
    for request in cases {
        assert!(
            matches!(
                request.encode("UA", &Headers::new()),
                Err(HttpError::InvalidRequestHeader { .. })
            ),
            "{request:?}"
        );
    }
    let mut extra = Headers::new();
    extra.append("Cookie", "a=1\r\nX: y");
    assert!(base().encode("UA", &extra).is_err());
    assert!(base().encode("UA\r\nX: y", &Headers::new()).is_err());
}

#[test]
fn request_debug_hides_password_body_and_tokens() {
    let request = Request::post(
        url("https://sts.contoso.com/adfs/services/trust/2005/usernamemixed"),
        "application/soap+xml",
        b"<wsse:Password>Hunter2!</wsse:Password>".to_vec(),
    )
    .with_header("X-MS-WebTicket", "opaque=PHNhbWw6QXNzZXJ0aW9u")
    .with_credentials(HttpCredentials::from_login(
        "CONTOSO\\alice",
        Password::new("Hunter2!"),
    ));
    let text = format!("{request:?}");
    assert!(!text.contains("Hunter2"), "{text}");
    assert!(!text.contains("PHNhbWw6"), "{text}");
    assert!(
        text.contains("CONTOSO\\\\alice"),
        "the login may show: {text}"
    );
    assert!(text.contains("body_len: 39"), "{text}");
}

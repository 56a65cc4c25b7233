//! `WWW-Authenticate` challenges as IIS and Lync send them.

use crate::http::{Headers, parse_challenges};

fn headers(fields: &[(&str, &str)]) -> Headers {
    fields.iter().copied().collect()
}

#[test]
fn challenges_of_iis_and_lync() {
    let h = headers(&[
        ("WWW-Authenticate", "Negotiate"),
        ("WWW-Authenticate", "NTLM"),
        (
            "WWW-Authenticate",
            "Basic realm=\"web, ticket\", charset=UTF-8, NTLM TlRMTVNTUAACAAAA==",
        ),
        (
            "www-authenticate",
            "Bearer trusted_issuers=\"\", client_id=\"00000004-0000-0ff1-ce00-000000000000\"",
        ),
        (
            "WWW-Authenticate",
            "MsRtcOAuth href=\"https://x/oauth\",grant_type=\"urn:x\"",
        ),
    ]);
    let challenges = parse_challenges(&h, "WWW-Authenticate");
    let schemes: Vec<&str> = challenges.iter().map(|c| c.scheme.as_str()).collect();
    assert_eq!(
        schemes,
        ["Negotiate", "NTLM", "Basic", "NTLM", "Bearer", "MsRtcOAuth"]
    );
    assert_eq!(challenges[0].token, None);
    assert_eq!(challenges[2].param("realm"), Some("web, ticket"));
    assert_eq!(challenges[2].param("CHARSET"), Some("UTF-8"));
    assert_eq!(challenges[3].token.as_deref(), Some("TlRMTVNTUAACAAAA=="));
    assert_eq!(
        challenges[4].param("client_id"),
        Some("00000004-0000-0ff1-ce00-000000000000")
    );
    assert_eq!(challenges[4].param("trusted_issuers"), Some(""));
    assert_eq!(challenges[5].param("grant_type"), Some("urn:x"));
}

#[test]
fn challenge_parser_survives_junk() {
    for value in [
        "",
        ",,,",
        "\"",
        "NTLM \"",
        "Basic realm=\"unterminated",
        "=x",
        "a=b=c, ,=",
        "\\",
        "Basic realm=\"a\\\"b\"",
        "NTLM  TlRM  x",
        "\u{e9}\u{e9}",
    ] {
        let h = headers(&[("WWW-Authenticate", value)]);
        let _ = parse_challenges(&h, "www-authenticate");
    }
    let h = headers(&[("WWW-Authenticate", "Basic realm=\"a\\\"b\"")]);
    assert_eq!(
        parse_challenges(&h, "www-authenticate")[0].param("realm"),
        Some("a\"b")
    );
}

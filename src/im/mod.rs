//! Instant messages as Lync carries them: the INVITE's SDP (`m=message … sip …`), the first
//! message piggy-backed in `ms-text-format`, message bodies (plain, HTML, RTF,
//! multipart/alternative) and the typing INFO. Both directions; no I/O.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod body;
mod msgr;
mod sanitize;

pub use body::{html_to_text, message_html, message_text, rtf_to_text, text_to_html};
pub use msgr::{MsgrFormat, parse_msgr};
pub use sanitize::sanitize_html;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::mime;
use crate::xml::{self, Document};

pub const SDP_CONTENT_TYPE: &str = "application/sdp";
/// What an IM session accepts (pidgin-sipe's list without file transfer).
pub const ACCEPT_TYPES: &str = "text/plain text/html image/gif multipart/alternative application/im-iscomposing+xml application/ms-imdn+xml text/x-msmsgsinvite";
pub const TYPING_CONTENT_TYPE: &str = "application/xml";
/// The `Supported` option a callee answers with when it took the INVITE's first message.
pub const MS_TEXT_FORMAT: &str = "ms-text-format";
/// `Require` of an INVITE into a multiparty conversation.
pub const MULTIPARTY: &str = "com.microsoft.rtc-multiparty";

/// The IM media line of a session description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImSdp {
    pub address: String,
    pub port: u16,
    /// `null` in an offer, `sip:user@domain` in an answer.
    pub uri: String,
    pub accept_types: Vec<String>,
}

fn session_description(address: &str, port: u16, uri: &str) -> String {
    let family = if address.contains(':') { "IP6" } else { "IP4" };
    format!(
        "v=0\r\no=- 0 0 IN {family} {address}\r\ns=session\r\nc=IN {family} {address}\r\nt=0 0\r\nm=message {port} sip {uri}\r\na=accept-types:{ACCEPT_TYPES}\r\n"
    )
}

/// The SDP of an IM INVITE.
pub fn offer_sdp(address: &str, port: u16) -> String {
    session_description(address, port, "null")
}

/// The SDP of a 200 OK that accepts an IM INVITE; `user` is the callee's `user@domain`.
pub fn answer_sdp(address: &str, port: u16, user: &str) -> String {
    session_description(
        address,
        port,
        &format!("sip:{}", user.trim_start_matches("sip:")),
    )
}

/// Reads the IM part of a session description; `None` when it offers no IM (audio, …).
pub fn parse_sdp(body: &str) -> Option<ImSdp> {
    let mut address = String::new();
    let mut media = None;
    let mut accept_types = Vec::new();
    for line in body.lines().map(str::trim) {
        if let Some(connection) = line.strip_prefix("c=") {
            address = connection
                .split_whitespace()
                .nth(2)
                .unwrap_or_default()
                .to_owned();
        } else if let Some(m) = line.strip_prefix("m=") {
            let fields: Vec<&str> = m.split_whitespace().collect();
            if let [kind, port, "sip", uri, ..] = fields.as_slice() {
                if matches!(*kind, "message" | "x-ms-message") {
                    media = Some(((*port).parse().unwrap_or(0), (*uri).to_owned()));
                }
            }
        } else if let Some(types) = line.strip_prefix("a=accept-types:") {
            accept_types = types.split_whitespace().map(str::to_owned).collect();
        }
    }
    let (port, uri) = media?;
    Some(ImSdp {
        address,
        port,
        uri,
        accept_types,
    })
}

/// The `ms-text-format` header value carrying a first message in an INVITE.
pub fn ms_text_format(content_type: &str, text: &str) -> String {
    format!(
        "{}; charset=UTF-8;ms-body={}",
        mime::media_type(content_type),
        BASE64.encode(text.as_bytes())
    )
}

/// Reads `ms-text-format`: the content type and the plain text of the message.
pub fn parse_ms_text_format(value: &str) -> Option<(String, String)> {
    let (_, encoded) = value.split_once("ms-body=")?;
    let encoded = encoded.split(';').next().unwrap_or_default().trim();
    let bytes = BASE64.decode(encoded).ok()?;
    let content_type = mime::media_type(value);
    let text = message_text(&content_type, &bytes)?;
    Some((content_type, text))
}

/// The body of a typing INFO.
pub fn typing_body(typing: bool) -> String {
    format!(
        r#"<?xml version="1.0"?><KeyboardActivity><status status="{}" /></KeyboardActivity>"#,
        if typing { "type" } else { "idle" }
    )
}

/// Reads a typing INFO body: `Some(true)` typing, `Some(false)` stopped.
pub fn parse_typing(body: &str) -> Option<bool> {
    let doc = Document::parse(body).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "KeyboardActivity" {
        return None;
    }
    match xml::child(root, "status")?.attribute("status")? {
        "type" => Some(true),
        "idle" => Some(false),
        _ => None,
    }
}

/// One `EndPoints` entry of a multiparty INVITE: `<sip:bob@contoso.test>;epid=abc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndPoint {
    pub uri: String,
    pub epid: Option<String>,
}

/// Reads an `EndPoints` header (roster of a multiparty conversation).
pub fn parse_end_points(value: &str) -> Vec<EndPoint> {
    value
        .split(',')
        .filter_map(|item| {
            let start = item.find('<')?;
            let end = item[start..].find('>')? + start;
            let params = &item[end + 1..];
            Some(EndPoint {
                uri: item[start + 1..end].trim().to_owned(),
                epid: params
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("epid="))
                    .map(str::to_owned),
            })
        })
        .collect()
}

/// Writes an `EndPoints` header.
pub fn end_points_header(end_points: &[EndPoint]) -> String {
    end_points
        .iter()
        .map(|e| match &e.epid {
            Some(epid) => format!("<{}>;epid={epid}", e.uri),
            None => format!("<{}>", e.uri),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdp_offers_and_answers_parse() {
        let offer = parse_sdp(&offer_sdp("192.0.2.1", 5061)).unwrap();
        assert_eq!(offer.address, "192.0.2.1");
        assert_eq!(offer.port, 5061);
        assert_eq!(offer.uri, "null");
        assert!(offer.accept_types.iter().any(|t| t == "text/html"));
        let answer = parse_sdp(&answer_sdp("::1", 1, "bob@contoso.test")).unwrap();
        assert_eq!(answer.uri, "sip:bob@contoso.test");
        assert!(answer_sdp("::1", 1, "b@c").contains("IN IP6 ::1"));
        let legacy = "v=0\nc=IN IP4 10.0.0.1\nm=x-ms-message 5060 sip null\n";
        assert_eq!(parse_sdp(legacy).unwrap().port, 5060);
        assert_eq!(parse_sdp("v=0\r\nm=audio 5004 RTP/AVP 0\r\n"), None);
    }

    #[test]
    fn ms_text_format_round_trips_and_reads_pidgin_sipe_values() {
        let value = ms_text_format("text/plain; charset=UTF-8", "Hej då ✓");
        assert_eq!(
            parse_ms_text_format(&value),
            Some(("text/plain".to_owned(), "Hej då ✓".to_owned()))
        );
        // pidgin-sipe puts msgr= before ms-body=.
        let sipe = "text/plain; charset=UTF-8;msgr=WAAtAE0ATQBTAC0ASQBNAC0ARgBvAHIAbQBhAHQAOgAgAA0ACgANAAoA;ms-body=SGk=";
        assert_eq!(parse_ms_text_format(sipe).unwrap().1, "Hi");
        let html = ms_text_format("text/html", "<b>bold</b> &amp; more");
        assert_eq!(parse_ms_text_format(&html).unwrap().1, "bold & more");
        assert_eq!(parse_ms_text_format("text/plain; ms-body=!!!"), None);
        assert_eq!(parse_ms_text_format("text/plain"), None);
    }

    #[test]
    fn typing_bodies_round_trip() {
        assert_eq!(parse_typing(&typing_body(true)), Some(true));
        assert_eq!(parse_typing(&typing_body(false)), Some(false));
        assert_eq!(
            parse_typing(
                "<?xml version=\"1.0\"?><KeyboardActivity> <status status=\"type\" /></KeyboardActivity>"
            ),
            Some(true)
        );
        assert_eq!(parse_typing("<other/>"), None);
        assert_eq!(parse_typing("not xml"), None);
    }

    #[test]
    fn end_points_round_trip() {
        let header = r#""alice a" <sip:alice@contoso.test>, <sip:bob@contoso.test>;epid=ebca82d94d, <sip:carol@contoso.test>"#;
        let parsed = parse_end_points(header);
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[1].epid.as_deref(), Some("ebca82d94d"));
        assert_eq!(parsed[0].uri, "sip:alice@contoso.test");
        assert_eq!(parse_end_points(&end_points_header(&parsed)), parsed);
    }
}

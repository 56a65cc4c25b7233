//! Message bodies to text: plain, HTML, RTF and multipart/alternative (which carries
//! several of them; the plainest one wins for text, HTML for display).

use crate::mime;

/// The plain text of a message body, or `None` for a type that is not a message.
pub fn message_text(content_type: &str, body: &[u8]) -> Option<String> {
    let text = || String::from_utf8_lossy(body).into_owned();
    match mime::media_type(content_type).as_str() {
        "text/plain" => Some(text()),
        "text/html" => Some(html_to_text(&text())),
        "text/rtf" | "application/rtf" => Some(rtf_to_text(&text())),
        "multipart/alternative" | "multipart/related" | "multipart/mixed" => {
            let parts = mime::parse_multipart(content_type, body).ok()?;
            ["text/plain", "text/html", "text/rtf"]
                .iter()
                .find_map(|wanted| {
                    parts
                        .iter()
                        .find(|p| mime::media_type(p.content_type()) == *wanted)
                        .and_then(|p| message_text(p.content_type(), strip_part_padding(&p.body)))
                })
        }
        _ => None,
    }
}

/// The empty line some senders put after a part (see `mime::build_multipart`).
fn strip_part_padding(body: &[u8]) -> &[u8] {
    body.strip_suffix(b"\r\n").unwrap_or(body)
}

/// A message body as HTML for display: HTML as sent (line breaks dropped, as HTML means
/// them as spaces), anything else as escaped text.
pub fn message_html(content_type: &str, body: &[u8]) -> Option<String> {
    match mime::media_type(content_type).as_str() {
        "text/html" => Some(
            String::from_utf8_lossy(body)
                .chars()
                .filter(|c| *c != '\r' && *c != '\n')
                .collect(),
        ),
        "multipart/alternative" => {
            let parts = mime::parse_multipart(content_type, body).ok()?;
            match parts
                .iter()
                .find(|p| mime::media_type(p.content_type()) == "text/html")
            {
                Some(html) => message_html(html.content_type(), strip_part_padding(&html.body)),
                None => message_text(content_type, body).map(|t| text_to_html(&t)),
            }
        }
        _ => message_text(content_type, body).map(|t| text_to_html(&t)),
    }
}

/// Escapes plain text for HTML; line breaks become `<br>`.
pub fn text_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// HTML to plain text: tags dropped, `<br>` and block ends become line breaks, entities
/// decoded, source line breaks treated as spaces.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                // An unclosed tag runs to the end of the text.
                let Some(end) = rest.find('>') else { break };
                let tag = rest[1..end].trim().to_ascii_lowercase();
                let name = tag
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or_default();
                let closing = tag.starts_with('/');
                if name == "br" || (closing && matches!(name, "p" | "div" | "li" | "tr")) {
                    out.push('\n');
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let decoded = rest[1..]
                    .find(';')
                    .filter(|&len| len <= 10)
                    .and_then(|len| entity(&rest[1..=len]).map(|c| (c, len + 2)));
                match decoded {
                    Some((c, used)) => {
                        out.push(c);
                        rest = &rest[used..];
                    }
                    None => {
                        out.push('&');
                        rest = &rest[1..];
                    }
                }
            }
            '\r' | '\n' => {
                if !out.ends_with([' ', '\n']) && !out.is_empty() {
                    out.push(' ');
                }
                rest = &rest[1..];
            }
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.trim_end_matches([' ', '\n']).to_owned()
}

/// Destinations whose text is not message text (font tables, styles, pictures …).
const SKIPPED_DESTINATIONS: [&str; 8] = [
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "header",
    "footer",
    "generator",
];

/// RTF to plain text, enough for what IM clients send: control words dropped, `\par` and
/// `\line` as line breaks, `\'hh` (Windows-1252, read as Latin-1) and `\uN` decoded, and
/// font tables, styles and `\*` destinations skipped.
pub fn rtf_to_text(rtf: &str) -> String {
    let bytes = rtf.as_bytes();
    let mut out = String::new();
    // Per group: whether its text is skipped.
    let mut skip_stack: Vec<bool> = vec![false];
    // Fallback characters still to skip after a \uN.
    let mut skip_fallback = 0usize;
    // A UTF-16 high surrogate waiting for its low half.
    let mut high_surrogate: Option<u32> = None;
    let mut i = 0;
    while i < bytes.len() {
        let skipping = skip_stack.last().copied().unwrap_or(false);
        match bytes[i] {
            b'{' => {
                skip_stack.push(skipping);
                i += 1;
            }
            b'}' => {
                if skip_stack.len() > 1 {
                    skip_stack.pop();
                }
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&next) = bytes.get(i) else { break };
                if next.is_ascii_alphabetic() {
                    let start = i;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    let word = &rtf[start..i];
                    let number_start = i;
                    if i < bytes.len() && (bytes[i] == b'-' || bytes[i].is_ascii_digit()) {
                        i += 1;
                        while i < bytes.len() && bytes[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    let number: Option<i32> = rtf[number_start..i].parse().ok();
                    if bytes.get(i) == Some(&b' ') {
                        i += 1;
                    }
                    if SKIPPED_DESTINATIONS.contains(&word) {
                        if let Some(top) = skip_stack.last_mut() {
                            *top = true;
                        }
                    } else if !skipping {
                        match word {
                            "par" | "line" => out.push('\n'),
                            "tab" => out.push('\t'),
                            "u" => {
                                if let Some(code) = number {
                                    // Negative values are UTF-16 units written as i16.
                                    let unit = if code < 0 { code + 65_536 } else { code };
                                    let unit = u32::try_from(unit).unwrap_or(0xfffd);
                                    let scalar = match (high_surrogate.take(), unit) {
                                        (None, 0xd800..=0xdbff) => {
                                            high_surrogate = Some(unit);
                                            None
                                        }
                                        (Some(high), 0xdc00..=0xdfff) => Some(
                                            0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00),
                                        ),
                                        (_, unit) => Some(unit),
                                    };
                                    if let Some(c) = scalar.and_then(char::from_u32) {
                                        out.push(c);
                                    }
                                    skip_fallback = 1;
                                }
                            }
                            _ => {}
                        }
                    }
                } else {
                    i += rtf[i..].chars().next().map_or(1, char::len_utf8);
                    match next {
                        b'*' => {
                            if let Some(top) = skip_stack.last_mut() {
                                *top = true;
                            }
                        }
                        b'\'' => {
                            let hex = rtf
                                .get(i..i + 2)
                                .and_then(|h| u8::from_str_radix(h, 16).ok());
                            if hex.is_some() {
                                i += 2;
                            }
                            if let Some(byte) = hex.filter(|_| !skipping) {
                                if skip_fallback > 0 {
                                    skip_fallback -= 1;
                                } else {
                                    out.push(char::from(byte));
                                }
                            }
                        }
                        b'\\' | b'{' | b'}' if !skipping => out.push(char::from(next)),
                        b'~' if !skipping => out.push('\u{a0}'),
                        _ => {}
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                let c = rtf[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if skipping {
                    continue;
                }
                if skip_fallback > 0 {
                    skip_fallback -= 1;
                } else {
                    out.push(c);
                }
            }
        }
    }
    out.trim_end_matches('\n').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mime::{Part, build_multipart};

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            html_to_text("<FONT FACE=\"Segoe UI\"><b>Hi</b> &amp; bye<br>next&#x21;&#65;</FONT>"),
            "Hi & bye\nnext!A"
        );
        assert_eq!(
            html_to_text("a\r\nb <p>c</p>d &bogus; &"),
            "a b c\nd &bogus; &"
        );
        assert_eq!(html_to_text("x<unclosed"), "x");
        assert_eq!(html_to_text("<"), "");
        assert_eq!(html_to_text("&"), "&");
    }

    #[test]
    fn rtf_becomes_text() {
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Segoe UI;}}{\colortbl ;\red0\green0\blue0;}{\*\generator Msftedit 5.41;}\viewkind4\uc1\pard\cf1\f0\fs20 Hello \b bold\b0  w\'f6rld\par caf\u233?e \{x\}\\\par}";
        assert_eq!(rtf_to_text(rtf), "Hello bold wörld\ncafée {x}\\");
        assert_eq!(rtf_to_text(r"{\rtf1 \u-10179?\u-8704?!}"), "\u{1F600}!");
        assert_eq!(rtf_to_text("plain"), "plain");
    }

    #[test]
    fn bodies_pick_the_plainest_part_for_text_and_html_for_display() {
        let (ct, body) = build_multipart(
            "alternative",
            "alt",
            "",
            &[
                Part::new("text/html; charset=UTF-8", "<b>Hi</b>\r\nthere"),
                Part::new("text/plain; charset=UTF-8", "Hi there"),
            ],
        );
        assert_eq!(message_text(&ct, &body).as_deref(), Some("Hi there"));
        assert_eq!(message_html(&ct, &body).as_deref(), Some("<b>Hi</b>there"));
        assert_eq!(
            message_text("text/plain; charset=UTF-8", b"a<b").as_deref(),
            Some("a<b")
        );
        assert_eq!(
            message_html("text/plain", b"a<b\nc").as_deref(),
            Some("a&lt;b<br>c")
        );
        assert_eq!(
            message_text("text/rtf", br"{\rtf1 x\par}").as_deref(),
            Some("x")
        );
        assert_eq!(message_text("application/octet-stream", b"x"), None);
        assert_eq!(message_text("multipart/alternative", b"x"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_converts_without_panicking(text in ".*", bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let _ = html_to_text(&text);
            let _ = rtf_to_text(&text);
            let _ = rtf_to_text(&format!("{{\\rtf1 \\'{text}\\{text}}}"));
            let _ = message_text("multipart/alternative;boundary=a", &bytes);
        }
    }
}

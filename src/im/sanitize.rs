//! HTML from other people, made safe for Pidgin's conversation window: only formatting
//! tags survive (bold, italic, underline, fonts, colours, line breaks, links to web, mail and
//! SIP addresses); scripts, images, frames, styles and every other attribute are dropped,
//! and text is escaped again.

/// Tags kept (lower-case), with the attributes each may keep.
const ALLOWED: &[(&str, &[&str])] = &[
    ("b", &[]),
    ("strong", &[]),
    ("i", &[]),
    ("em", &[]),
    ("u", &[]),
    ("s", &[]),
    ("strike", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("br", &[]),
    ("p", &[]),
    ("div", &[]),
    ("span", &[]),
    ("font", &["color", "face", "size"]),
    ("a", &["href"]),
    ("code", &[]),
    ("pre", &[]),
    ("blockquote", &[]),
];

/// Elements dropped together with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "head", "title", "iframe", "object", "applet",
];

const LINK_SCHEMES: &[&str] = &["http://", "https://", "mailto:", "sip:", "tel:"];

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Text outside tags: `&` is kept only when it starts a well-formed entity.
fn push_text(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        escape_text(&rest[..at], out);
        let after = &rest[at + 1..];
        let entity_len = after.find(';').filter(|&n| {
            (1..=10).contains(&n)
                && after[..n]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#')
        });
        match entity_len {
            Some(n) => {
                out.push('&');
                out.push_str(&after[..=n]);
                rest = &after[n + 1..];
            }
            None => {
                out.push_str("&amp;");
                rest = after;
            }
        }
    }
    escape_text(rest, out);
}

/// Attributes of a tag body (`a href="x" target=_blank`), values unquoted.
fn attributes(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            if let Some(quote) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let inner = &after_eq[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                value = inner[..end].to_owned();
                rest = inner.get(end + 1..).unwrap_or("");
            } else {
                let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                value = after_eq[..end].to_owned();
                rest = &after_eq[end..];
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
        rest = rest.trim_start();
    }
    out
}

fn allowed_value(attribute: &str, value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    match attribute {
        "href" => LINK_SCHEMES.iter().any(|s| lower.starts_with(s)),
        "color" => {
            lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') && lower.len() <= 20
        }
        "size" => {
            lower
                .chars()
                .all(|c| c.is_ascii_digit() || c == '+' || c == '-')
                && lower.len() <= 3
        }
        "face" => {
            lower
                .chars()
                .all(|c| c.is_alphanumeric() || " ,-_".contains(c))
                && lower.len() <= 64
        }
        _ => false,
    }
}

/// The HTML with only what Pidgin can show harmlessly.
pub fn sanitize_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], &mut out);
        let after = &rest[lt + 1..];
        // Comments and declarations go entirely.
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            // A dangling '<' is text.
            out.push_str("&lt;");
            push_text(after, &mut out);
            rest = "";
            break;
        };
        let tag = after[..gt].trim();
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        if !closing && DROPPED_WITH_CONTENT.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(at) => rest[at..].find('>').map_or("", |end| &rest[at + end + 1..]),
                None => "",
            };
            continue;
        }
        let Some((_, kept)) = ALLOWED.iter().find(|(allowed, _)| *allowed == name) else {
            continue;
        };
        if closing {
            out.push_str(&format!("</{name}>"));
            continue;
        }
        out.push('<');
        out.push_str(&name);
        for (attribute, value) in attributes(&body[name_end..]) {
            if kept.contains(&attribute.as_str()) && allowed_value(&attribute, &value) {
                out.push(' ');
                out.push_str(&attribute);
                out.push_str("=\"");
                escape_text(&value, &mut out);
                out.push('"');
            }
        }
        out.push('>');
    }
    push_text(rest, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_and_links_survive() {
        let html = r##"<b>bold</b> <i>it</i> <FONT COLOR="#ff0000" onclick="x()">red</FONT><br><a href="https://example.org/?a=1&amp;b=2">link</a>"##;
        assert_eq!(
            sanitize_html(html),
            r##"<b>bold</b> <i>it</i> <font color="#ff0000">red</font><br><a href="https://example.org/?a=1&amp;b=2">link</a>"##
        );
    }

    #[test]
    fn scripts_images_and_dangerous_links_go() {
        let html = r#"hi<script>alert(1)</script><img src="file:///etc/passwd"><a href="javascript:alert(1)">x</a><iframe src="x">inner</iframe><style>b{}</style>!"#;
        let out = sanitize_html(html);
        assert_eq!(out, "hi<a>x</a>!");
        assert!(!out.to_lowercase().contains("script"));
    }

    #[test]
    fn text_is_escaped_but_entities_kept() {
        assert_eq!(
            sanitize_html("a < b & c &lt; d &amp;"),
            "a &lt; b &amp; c &lt; d &amp;"
        );
        assert_eq!(sanitize_html("x <"), "x &lt;");
        assert_eq!(sanitize_html("<!-- hidden -->shown"), "shown");
    }

    #[test]
    fn emoji_and_unicode_pass() {
        assert_eq!(
            sanitize_html("Grüße 😀 <b>東京</b>"),
            "Grüße 😀 <b>東京</b>"
        );
    }

    /// Every `<` left in `html` opens or closes an allowed tag, and no link survives
    /// without a web, mail or SIP scheme.
    fn only_allowed_markup(html: &str) -> Result<(), String> {
        let lower = html.to_ascii_lowercase();
        for (at, _) in lower.match_indices('<') {
            let tag = &lower[at + 1..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !ALLOWED.iter().any(|(allowed, _)| *allowed == name) {
                return Err(format!("<{name} survived in {html:?}"));
            }
            if let Some(href) = tag.find("href=") {
                let value = tag[href + 5..].trim_start_matches(['"', '\'']);
                if !LINK_SCHEMES.iter().any(|scheme| value.starts_with(scheme)) {
                    return Err(format!("a link without an allowed scheme in {html:?}"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn hostile_input_never_panics_and_leaves_only_allowed_markup() {
        for input in [
            "<",
            "<<>>",
            "<a href=>",
            "<a href='x",
            "<a href='javascript:alert(1)'>x</a>",
            "<script",
            "<script>alert(1)</script>",
            "<scr<script>ipt>",
            "<img src=x onerror=alert(1)>",
            "<!--",
            "<!-- <script>x</script> -->",
            "&",
            "&#;",
            "<b\u{e9}>",
            "<a\u{e9}=\u{e9}>",
        ] {
            let out = sanitize_html(input);
            assert_eq!(only_allowed_markup(&out), Ok(()), "input {input:?}");
            assert!(!out.to_ascii_lowercase().contains("onerror"), "{out:?}");
        }
    }
}

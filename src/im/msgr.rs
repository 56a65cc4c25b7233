//! The `msgr` parameter of a text/plain message: MSN-style formatting for the whole
//! message (font, effects, colour), as Office Communicator and pidgin-sipe send it:
//! base64 of UTF-16LE `X-MMS-IM-Format: FN=<font>; EF=<BIUS>; CO=<bgr hex>; …`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;

/// Formatting that applies to a whole message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MsgrFormat {
    pub font: Option<String>,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    /// `#rrggbb`.
    pub color: Option<String>,
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(value) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads the `msgr` parameter of a Content-Type, if it has one.
pub fn parse_msgr(content_type: &str) -> Option<MsgrFormat> {
    let encoded = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("msgr="))?
        .trim_end_matches('=');
    let bytes = BASE64.decode(encoded).ok()?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let text = String::from_utf16_lossy(&units);
    let header = text
        .lines()
        .find_map(|l| l.strip_prefix("X-MMS-IM-Format:"))?;
    let mut format = MsgrFormat::default();
    for field in header.split(';') {
        let Some((name, value)) = field.trim().split_once('=') else {
            continue;
        };
        match name {
            "FN" if !value.is_empty() => format.font = Some(percent_decode(value)),
            "EF" => {
                format.bold = value.contains('B');
                format.italic = value.contains('I');
                format.underline = value.contains('U');
                format.strike = value.contains('S');
            }
            "CO" => {
                // Blue-green-red, without leading zeros.
                if let Ok(bgr) = u32::from_str_radix(value, 16) {
                    if bgr != 0 && bgr <= 0xFF_FFFF {
                        let (b, g, r) = ((bgr >> 16) & 0xFF, (bgr >> 8) & 0xFF, bgr & 0xFF);
                        format.color = Some(format!("#{r:02x}{g:02x}{b:02x}"));
                    }
                }
            }
            _ => {}
        }
    }
    Some(format)
}

impl MsgrFormat {
    /// `html` with this formatting around it (the parts a conversation window shows).
    pub fn wrap(&self, html: &str) -> String {
        let mut open = String::new();
        let mut close = String::new();
        if let Some(color) = &self.color {
            open.push_str(&format!("<font color=\"{color}\">"));
            close.insert_str(0, "</font>");
        }
        for (on, tag) in [
            (self.bold, "b"),
            (self.italic, "i"),
            (self.underline, "u"),
            (self.strike, "s"),
        ] {
            if on {
                open.push_str(&format!("<{tag}>"));
                close.insert_str(0, &format!("</{tag}>"));
            }
        }
        format!("{open}{html}{close}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pidgin_sipes_bold_message() {
        let content_type = "text/plain; charset=UTF-8;msgr=WAAtAE0ATQBTAC0ASQBNAC0ARgBvAHIAbQBhAHQAOgAgAEYATgA9AE0AUwAlADIAMABTAGEAbgBzACUAMgAwAFMAZQByAGkAZgA7ACAARQBGAD0AQgA7ACAAQwBPAD0AMAA7ACAAUABGAD0AMAA7ACAAUgBMAD0AMAANAAoADQAKAA";
        let format = parse_msgr(content_type).unwrap();
        assert!(format.bold && !format.italic);
        assert_eq!(format.font.as_deref(), Some("MS Sans Serif"));
        assert_eq!(format.color, None);
        assert_eq!(format.wrap("Hi"), "<b>Hi</b>");
    }

    #[test]
    fn colour_is_blue_green_red() {
        let text = "X-MMS-IM-Format: FN=Arial; EF=IU; CO=ff; PF=0\r\n\r\n";
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let content_type = format!("text/plain; msgr={}", BASE64.encode(utf16));
        let format = parse_msgr(&content_type).unwrap();
        assert_eq!(format.color.as_deref(), Some("#ff0000"), "CO=ff is red");
        assert_eq!(
            format.wrap("x"),
            "<font color=\"#ff0000\"><i><u>x</u></i></font>"
        );
    }

    #[test]
    fn no_or_broken_msgr_is_none() {
        assert_eq!(parse_msgr("text/plain; charset=UTF-8"), None);
        assert_eq!(parse_msgr("text/plain; msgr=!!!"), None);
    }
}

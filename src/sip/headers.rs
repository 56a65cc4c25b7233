//! Lexing inside header values: comma-separated lists, `;name=value` parameters and
//! quoted strings. Values here are single lines (folding was undone by the parser).

/// One `;name[=value]` parameter; `None` for a flag such as `;lr`. Quoted values are stored
/// unquoted and unescaped.
pub type Param = (String, Option<String>);

pub(crate) fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

pub(crate) fn trim_ws(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// Splits a header value at the commas that separate list elements. Commas inside quoted
/// strings and inside `<...>` do not split. Elements are trimmed; empty ones are skipped.
/// Not for auth headers, whose parameters are also comma-separated (use `AuthParams`).
#[derive(Debug, Clone)]
pub(crate) struct CommaSeparated<'a> {
    rest: &'a str,
}

impl<'a> CommaSeparated<'a> {
    pub(crate) fn new(value: &'a str) -> Self {
        CommaSeparated { rest: value }
    }
}

impl<'a> Iterator for CommaSeparated<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while !self.rest.is_empty() {
            let split_at = top_level_comma(self.rest);
            let (element, rest) = match split_at {
                Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
                None => (self.rest, ""),
            };
            self.rest = rest;
            let element = trim_ws(element);
            if !element.is_empty() {
                return Some(element);
            }
        }
        None
    }
}

fn top_level_comma(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut in_quotes = false;
    let mut in_angle = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if in_quotes {
            match b {
                b'\\' => i += 1, // skip the escaped byte (an ASCII char by the grammar)
                b'"' => in_quotes = false,
                _ => {}
            }
        } else if in_angle {
            in_angle = b != b'>';
        } else {
            match b {
                b'"' => in_quotes = true,
                b'<' => in_angle = true,
                b',' => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// A read position in a header value, with the small steps every typed parser needs.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor { text, pos: 0 }
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(crate) fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Consumes `byte` if it is next.
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes ASCII bytes while `keep` holds. Stops at any non-ASCII byte unless `keep`
    /// accepts bytes >= 0x80, which then must cover whole UTF-8 sequences.
    pub(crate) fn take_while(&mut self, keep: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(&keep) {
            self.pos += 1;
        }
        // Both ends sit on char boundaries: `keep` either rejects all bytes >= 0x80 or
        // accepts all of them, so a multi-byte char is never cut; `get` guards regardless.
        self.text.get(start..self.pos).unwrap_or("")
    }

    pub(crate) fn take_token(&mut self) -> &'a str {
        self.take_while(crate::sip::names::is_token_byte)
    }

    /// Reads a quoted string starting at the opening quote; returns it unescaped.
    pub(crate) fn take_quoted(&mut self) -> Result<String, &'static str> {
        if !self.eat(b'"') {
            return Err("expected a quoted string");
        }
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((offset, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += offset + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, escaped)) => out.push(escaped),
                    None => break,
                },
                _ => out.push(c),
            }
        }
        Err("unterminated quoted string")
    }
}

/// Parses `*( ;name[=value] )` up to the end of `text`. Whitespace is allowed around `;`
/// and `=`. Unquoted values run to the next `;` or whitespace.
pub(crate) fn parse_params(text: &str) -> Result<Vec<Param>, &'static str> {
    let mut cursor = Cursor::new(text);
    let mut params = Vec::new();
    loop {
        cursor.skip_ws();
        if cursor.at_end() {
            return Ok(params);
        }
        if !cursor.eat(b';') {
            return Err("expected ';' before a parameter");
        }
        cursor.skip_ws();
        let name = cursor.take_token();
        if name.is_empty() {
            return Err("empty parameter name");
        }
        cursor.skip_ws();
        let value = if cursor.eat(b'=') {
            cursor.skip_ws();
            if cursor.peek() == Some(b'"') {
                Some(cursor.take_quoted()?)
            } else {
                let raw = cursor.take_while(|b| b != b';' && !is_ws(b) && b != b'"');
                Some(raw.to_owned())
            }
        } else {
            None
        };
        params.push((name.to_owned(), value));
    }
}

/// Case-insensitive parameter lookup; a flag parameter gives `Some("")`.
pub(crate) fn find_param<'a>(params: &'a [Param], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_deref().unwrap_or(""))
}

/// Writes `value` as a quoted string, escaping `"` and `\`.
pub(crate) fn push_quoted(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        CommaSeparated::new(s).collect()
    }

    #[test]
    fn comma_split_respects_quotes_and_angle_brackets() {
        assert_eq!(split("a, b ,c"), ["a", "b", "c"]);
        assert_eq!(
            split(r#""Smith, John" <sip:j@x>;tag=1, <sip:a,b@x>"#),
            [r#""Smith, John" <sip:j@x>;tag=1"#, "<sip:a,b@x>"]
        );
        assert_eq!(
            split(r#"<sip:x>;methods="INVITE, MESSAGE", *"#),
            [r#"<sip:x>;methods="INVITE, MESSAGE""#, "*"]
        );
        assert_eq!(split(r#""a\", b", c"#), [r#""a\", b""#, "c"]);
        assert_eq!(split(" , ,x,, "), ["x"]);
        assert!(split("").is_empty());
        // An unterminated quote swallows the rest instead of failing.
        assert_eq!(split(r#"a, "b, c"#), ["a", r#""b, c"#]);
    }

    #[test]
    fn params_flags_quoted_and_spaces() {
        let p = parse_params(r#";tag=abc ; lr;x = "q;\"v\"" ;maddr=[::1]"#).unwrap();
        assert_eq!(
            p,
            vec![
                ("tag".into(), Some("abc".into())),
                ("lr".into(), None),
                ("x".into(), Some(r#"q;"v""#.into())),
                ("maddr".into(), Some("[::1]".into())),
            ]
        );
        assert_eq!(find_param(&p, "TAG"), Some("abc"));
        assert_eq!(find_param(&p, "lr"), Some(""));
        assert_eq!(find_param(&p, "nope"), None);
        assert!(parse_params("").unwrap().is_empty());
    }

    #[test]
    fn params_errors() {
        assert!(parse_params("tag=1").is_err());
        assert!(parse_params(";=1").is_err());
        assert!(parse_params(r#";a="unterminated"#).is_err());
        assert!(parse_params(";a=1 junk").is_err());
    }

    #[test]
    fn quoted_string_round_trip() {
        let mut s = String::new();
        push_quoted(&mut s, r#"a"b\c é"#);
        assert_eq!(s, r#""a\"b\\c é""#);
        assert_eq!(Cursor::new(&s).take_quoted().unwrap(), r#"a"b\c é"#);
    }
}

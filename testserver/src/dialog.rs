//! Requests the server sends on its own: NOTIFYs in subscription dialogs and the echo bot's
//! messages in IM dialogs. Also the header surgery a proxy does (its own Via on top).

use purple_lync::sip::{Message, StartLine};

use crate::core::ConnId;

/// A dialog in which the server is one end (notifier or the bot).
#[derive(Debug, Clone)]
pub struct ServerDialog {
    pub conn: ConnId,
    pub call_id: String,
    /// Our From value, with our tag.
    pub local: String,
    /// Their address for To, with their tag (and epid).
    pub remote: String,
    /// Request-URI: their Contact.
    pub target: String,
    /// CSeq of our last request.
    pub cseq: u32,
    /// Whether the peer's transport is TLS (for our Via).
    pub tls: bool,
}

/// The URI inside `<…>` of a name-addr value, or the value itself.
pub fn bracketed_uri(value: &str) -> &str {
    match (value.find('<'), value.find('>')) {
        (Some(start), Some(end)) if start < end => &value[start + 1..end],
        _ => value.split(';').next().unwrap_or(value).trim(),
    }
}

/// `sip:user@host` of any SIP URI (parameters, port and GRUU opaque dropped), lower-case.
pub fn address_of_record(uri: &str) -> String {
    let uri = bracketed_uri(uri);
    let without_scheme = uri
        .get(..4)
        .filter(|s| s.eq_ignore_ascii_case("sip:"))
        .map_or(uri, |_| &uri[4..]);
    let address = without_scheme.split([';', '?']).next().unwrap_or_default();
    format!("sip:{}", address.to_ascii_lowercase())
}

/// The `epid` a GRUU (`…;opaque=user:epid:XYZ;gruu`) names.
pub fn gruu_epid(uri: &str) -> Option<&str> {
    uri.split(';')
        .find_map(|p| p.trim().strip_prefix("opaque=user:epid:"))
}

impl ServerDialog {
    /// The dialog a request opens, with the server taking the To side under `local_tag`.
    pub fn answering(conn: ConnId, tls: bool, request: &Message, local_tag: &str) -> ServerDialog {
        let to = request.header("To").unwrap_or_default();
        let local = if to.contains("tag=") {
            to.to_owned()
        } else {
            format!("{to};tag={local_tag}")
        };
        let remote = request.header("From").unwrap_or_default().to_owned();
        let target = request
            .header("Contact")
            .map(bracketed_uri)
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| bracketed_uri(&remote))
            .to_owned();
        ServerDialog {
            conn,
            call_id: request.header("Call-ID").unwrap_or_default().to_owned(),
            local,
            remote,
            target,
            cseq: 0,
            tls,
        }
    }

    /// The next request in this dialog (headers up to Content-Type are the caller's).
    pub fn request(&mut self, method: &str, server_name: &str, branch: &str) -> Message {
        self.cseq += 1;
        let mut message = Message::request(method, &self.target).unwrap_or_else(|_| {
            Message::request(method, "sip:invalid").expect("a fixed valid request line")
        });
        let transport = if self.tls { "TLS" } else { "TCP" };
        for (name, value) in [
            (
                "Via",
                format!("SIP/2.0/{transport} {server_name};branch=z9hG4bK{branch}"),
            ),
            ("Max-Forwards", "70".to_owned()),
            ("From", self.local.clone()),
            ("To", self.remote.clone()),
            ("Call-ID", self.call_id.clone()),
            ("CSeq", format!("{} {method}", self.cseq)),
        ] {
            let _ = message.add_header(name, value);
        }
        message
    }
}

/// A copy of `message` with another start line and only the headers `keep` accepts,
/// `first` headers going before them.
pub fn rebuild(
    message: &Message,
    start_line: &StartLine,
    first: &[(&str, String)],
    keep: impl Fn(&str, &str, usize) -> bool,
) -> Message {
    let built = match start_line {
        StartLine::Request { method, uri } => Message::request(method, uri),
        StartLine::Response { code, reason } => Message::response(*code, reason),
    };
    let mut copy = built.unwrap_or_else(|_| {
        Message::response(500, "Server Internal Error").expect("a fixed valid status line")
    });
    for (name, value) in first {
        let _ = copy.add_header(*name, value.as_str());
    }
    let mut index_by_name: Vec<(String, usize)> = Vec::new();
    for (name, value) in message.iter() {
        let lower = name.to_ascii_lowercase();
        let index = match index_by_name.iter_mut().find(|(n, _)| *n == lower) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                index_by_name.push((lower, 0));
                0
            }
        };
        if keep(name, value, index) {
            let _ = copy.add_header(name, value);
        }
    }
    copy.set_body(message.body().to_vec());
    copy
}

/// Authentication headers belong to one hop: a forwarded message gets the next hop's.
pub fn is_hop_auth(name: &str) -> bool {
    [
        "Authorization",
        "Proxy-Authorization",
        "Authentication-Info",
        "Proxy-Authentication-Info",
    ]
    .iter()
    .any(|h| h.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_reduce_to_their_address_of_record() {
        assert_eq!(
            address_of_record("<sip:Bob@Contoso.test;opaque=user:epid:abc;gruu>"),
            "sip:bob@contoso.test"
        );
        assert_eq!(
            address_of_record("sip:bob@contoso.test"),
            "sip:bob@contoso.test"
        );
        assert_eq!(
            address_of_record("bob@contoso.test;transport=tls"),
            "sip:bob@contoso.test"
        );
        assert_eq!(gruu_epid("sip:b@c;opaque=user:epid:XyZ;gruu"), Some("XyZ"));
        assert_eq!(gruu_epid("sip:b@c"), None);
        assert_eq!(bracketed_uri("\"B\" <sip:b@c>;tag=1"), "sip:b@c");
    }

    #[test]
    fn answering_dialogs_swap_sides_and_target_the_contact() {
        let request = Message::parse(
            b"SUBSCRIBE sip:alice@contoso.test SIP/2.0\r\nFrom: <sip:alice@contoso.test>;tag=a1;epid=e1\r\nTo: <sip:alice@contoso.test>\r\nCall-ID: c1\r\nCSeq: 5 SUBSCRIBE\r\nContact: <sip:alice@contoso.test;opaque=user:epid:x;gruu>\r\nContent-Length: 0\r\n\r\n",
        )
        .unwrap();
        let mut dialog = ServerDialog::answering(7, true, &request, "srv");
        let notify = dialog.request("BENOTIFY", "lyncfe.contoso.test", "b1");
        assert_eq!(
            notify.request_uri(),
            Some("sip:alice@contoso.test;opaque=user:epid:x;gruu")
        );
        assert_eq!(
            notify.header("From"),
            Some("<sip:alice@contoso.test>;tag=srv")
        );
        assert_eq!(
            notify.header("To"),
            Some("<sip:alice@contoso.test>;tag=a1;epid=e1")
        );
        assert_eq!(notify.header("CSeq"), Some("1 BENOTIFY"));
        assert!(
            notify
                .header("Via")
                .unwrap()
                .starts_with("SIP/2.0/TLS lyncfe")
        );
    }

    #[test]
    fn rebuilding_swaps_hop_headers() {
        let message = Message::parse(
            b"MESSAGE sip:b@c SIP/2.0\r\nVia: SIP/2.0/TLS 1.2.3.4\r\nAuthorization: NTLM x\r\nVia: SIP/2.0/TLS second\r\nContent-Length: 2\r\n\r\nhi",
        )
        .unwrap();
        let copy = rebuild(
            &message,
            message.start_line(),
            &[("Via", "SIP/2.0/TLS proxy".to_owned())],
            |name, _, index| !(is_hop_auth(name) || (name == "Via" && index == 1)),
        );
        let vias: Vec<&str> = copy.headers("Via").collect();
        assert_eq!(vias, ["SIP/2.0/TLS proxy", "SIP/2.0/TLS 1.2.3.4"]);
        assert!(!copy.has_header("Authorization"));
        assert_eq!(copy.body(), b"hi");
    }
}

//! C3P (CCCP) requests to a focus factory or a focus, and their answers.

use super::xml_text;
use crate::xml::{self, Document};

const CCCP_NS: &str = "urn:ietf:params:xml:ns:cccp";
const CCCP_EXTENSIONS_NS: &str = "http://schemas.microsoft.com/rtc/2005/08/cccpextensions";
const CONFERENCE_INFO_NS: &str = "urn:ietf:params:xml:ns:conference-info";
const CONFERENCE_INFO_EXTENSIONS_NS: &str =
    "http://schemas.microsoft.com/rtc/2005/08/confinfoextensions";

fn request(to: &str, from: &str, request_id: u32, operation: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><request xmlns="{CCCP_NS}" xmlns:mscp="{CCCP_EXTENSIONS_NS}" C3PVersion="1" to="{}" from="{}" requestId="{request_id}">{operation}</request>"#,
        xml_text(to),
        xml_text(from)
    )
}

/// Asks the focus factory for a new ad-hoc conference with a chat MCU, open to everyone in
/// the organisation, expiring at `expiry` (`YYYY-MM-DDThh:mm:ssZ`), about `subject` (may be
/// empty).
pub fn add_conference(
    factory: &str,
    from: &str,
    request_id: u32,
    conference_id: &str,
    expiry: &str,
    subject: &str,
) -> String {
    let operation = format!(
        concat!(
            r#"<addConference><ci:conference-info xmlns:ci="{ns}" entity="" xmlns:msci="{ext}">"#,
            "<ci:conference-description><ci:subject>{subject}</ci:subject>",
            "<msci:conference-id>{id}</msci:conference-id>",
            "<msci:expiry-time>{expiry}</msci:expiry-time>",
            "<msci:admission-policy>openAuthenticated</msci:admission-policy>",
            "</ci:conference-description>",
            r#"<msci:conference-view><msci:entity-view entity="chat"/></msci:conference-view>"#,
            "</ci:conference-info></addConference>"
        ),
        ns = CONFERENCE_INFO_NS,
        ext = CONFERENCE_INFO_EXTENSIONS_NS,
        id = xml_text(conference_id),
        expiry = xml_text(expiry),
        subject = xml_text(subject),
    );
    request(factory, from, request_id, &operation)
}

/// Joins the conference at `focus` as an attendee, from endpoint `endpoint_guid`.
pub fn add_user(focus: &str, from: &str, request_id: u32, endpoint_guid: &str) -> String {
    let operation = format!(
        concat!(
            r#"<addUser><conferenceKeys confEntity="{focus}"/>"#,
            r#"<ci:user xmlns:ci="{ns}" entity="{from}">"#,
            "<ci:roles><ci:entry>attendee</ci:entry></ci:roles>",
            r#"<ci:endpoint entity="{{{guid}}}" xmlns:msci="{ext}"/>"#,
            "</ci:user></addUser>"
        ),
        focus = xml_text(focus),
        ns = CONFERENCE_INFO_NS,
        from = xml_text(from),
        guid = xml_text(endpoint_guid),
        ext = CONFERENCE_INFO_EXTENSIONS_NS,
    );
    request(focus, from, request_id, &operation)
}

/// The answer to a C3P request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CccpResponse {
    /// `success`, `failure`, `pending` …
    pub code: String,
    /// Why it failed, when the server says.
    pub reason: Option<String>,
    /// The operation answered (`addConference`, `addUser` …).
    pub operation: String,
    /// `addConference`: the new conference's focus URI.
    pub focus: Option<String>,
}

impl CccpResponse {
    pub fn is_success(&self) -> bool {
        self.code.eq_ignore_ascii_case("success")
    }
}

/// Reads a C3P `<response>`.
pub fn parse_response(body: &str) -> Option<CccpResponse> {
    let doc = Document::parse(body).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "response" {
        return None;
    }
    let operation = root.children().find(|n| n.is_element());
    let focus = operation
        .and_then(|op| xml::child(op, "conference-info"))
        .and_then(|info| info.attribute("entity"))
        .map(str::trim)
        .filter(|entity| !entity.is_empty())
        .map(str::to_owned);
    Some(CccpResponse {
        code: root.attribute("code").unwrap_or_default().to_owned(),
        reason: root.attribute("reason").map(str::to_owned),
        operation: operation
            .map(|op| op.tag_name().name().to_owned())
            .unwrap_or_default(),
        focus,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_conference_asks_for_a_chat_view_and_reads_back() {
        let body = add_conference(
            "sip:alice@contoso.test;gruu;opaque=app:conf:focusfactory",
            "sip:alice@contoso.test",
            7,
            "8386E6AEAAA41E4AA6627BA76D43B6D1",
            "2009-07-13T17:57:09Z",
            "Plans & <dates>",
        );
        let doc = Document::parse(&body).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("requestId"), Some("7"));
        assert_eq!(
            root.attribute("to"),
            Some("sip:alice@contoso.test;gruu;opaque=app:conf:focusfactory")
        );
        let view = xml::path(
            root,
            &[
                "addConference",
                "conference-info",
                "conference-view",
                "entity-view",
            ],
        )
        .unwrap();
        assert_eq!(view.attribute("entity"), Some("chat"));
        let policy = xml::path(
            root,
            &[
                "addConference",
                "conference-info",
                "conference-description",
                "admission-policy",
            ],
        )
        .unwrap();
        assert_eq!(xml::text(policy), "openAuthenticated");
        let subject = xml::path(
            root,
            &[
                "addConference",
                "conference-info",
                "conference-description",
                "subject",
            ],
        )
        .unwrap();
        assert_eq!(xml::text(subject), "Plans & <dates>");
    }

    #[test]
    fn add_user_names_the_focus_us_and_our_endpoint() {
        let focus = "sip:alice@contoso.test;gruu;opaque=app:conf:focus:id:AB&12";
        let body = add_user(focus, "sip:bob@contoso.test", 2, "1111-2222");
        let doc = Document::parse(&body).unwrap();
        let add = xml::child(doc.root_element(), "addUser").unwrap();
        assert_eq!(
            xml::child(add, "conferenceKeys")
                .unwrap()
                .attribute("confEntity"),
            Some(focus)
        );
        let user = xml::child(add, "user").unwrap();
        assert_eq!(user.attribute("entity"), Some("sip:bob@contoso.test"));
        assert_eq!(
            xml::text(xml::path(user, &["roles", "entry"]).unwrap()),
            "attendee"
        );
        assert_eq!(
            xml::child(user, "endpoint").unwrap().attribute("entity"),
            Some("{1111-2222}")
        );
    }

    #[test]
    fn responses_give_the_code_and_the_new_focus() {
        let ok = r#"<?xml version="1.0"?><response xmlns="urn:ietf:params:xml:ns:cccp" requestId="1" C3PVersion="1" from="f" to="a" code="success"><addConference><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:a@c;gruu;opaque=app:conf:focus:id:X"/></addConference></response>"#;
        let parsed = parse_response(ok).unwrap();
        assert!(parsed.is_success());
        assert_eq!(parsed.operation, "addConference");
        assert_eq!(
            parsed.focus.as_deref(),
            Some("sip:a@c;gruu;opaque=app:conf:focus:id:X")
        );
        let failed = parse_response(
            r#"<response code="failure" reason="notAuthorized"><addUser/></response>"#,
        )
        .unwrap();
        assert!(!failed.is_success());
        assert_eq!(failed.reason.as_deref(), Some("notAuthorized"));
        assert_eq!(failed.focus, None);
        assert_eq!(parse_response("<request/>"), None);
        assert_eq!(parse_response(""), None);
    }
}

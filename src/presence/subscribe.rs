//! The body of a presence SUBSCRIBE: a `batchSub` naming the contacts (an ad-hoc list) and
//! the categories wanted ([MS-PRES] batch category subscription).

use std::fmt::Write as _;

use super::PresenceError;
use crate::xml::{self, Document};

pub const BATCH_SUBSCRIBE_CONTENT_TYPE: &str = "application/msrtc-adrl-categorylist+xml";
pub const BATCH_SUBSCRIBE_NS: &str = "http://schemas.microsoft.com/2006/01/sip/batch-subscribe";
pub const CATEGORY_LIST_NS: &str = "http://schemas.microsoft.com/2006/09/sip/categorylist";
/// What a SUBSCRIBE for presence accepts (pidgin-sipe's list).
pub const PRESENCE_ACCEPT: &str = "application/msrtc-event-categories+xml, text/xml+msrtc.pidf, application/xpidf+xml, application/pidf+xml, application/rlmi+xml, multipart/related";
/// The categories a contact list needs.
pub const DEFAULT_CATEGORIES: [&str; 4] = ["calendarData", "contactCard", "note", "state"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchSubscribe {
    /// The subscriber's own `sip:` URI.
    pub uri: String,
    /// `subscribe` or `unsubscribe`.
    pub action: String,
    /// The contacts' `sip:` URIs.
    pub resources: Vec<String>,
    pub categories: Vec<String>,
}

impl BatchSubscribe {
    /// A subscription to `resources` with the default categories.
    pub fn new(uri: &str, resources: Vec<String>) -> BatchSubscribe {
        BatchSubscribe {
            uri: uri.to_owned(),
            action: "subscribe".to_owned(),
            resources,
            categories: DEFAULT_CATEGORIES.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    pub fn to_xml(&self) -> String {
        let mut out = format!(
            r#"<batchSub xmlns="{BATCH_SUBSCRIBE_NS}" uri="{}" name=""><action name="{}" id="63792024"><adhocList>"#,
            xml::escape(&self.uri),
            xml::escape(&self.action)
        );
        for resource in &self.resources {
            let _ = write!(out, r#"<resource uri="{}"/>"#, xml::escape(resource));
        }
        let _ = write!(
            out,
            r#"</adhocList><categoryList xmlns="{CATEGORY_LIST_NS}">"#
        );
        for category in &self.categories {
            let _ = write!(out, r#"<category name="{}"/>"#, xml::escape(category));
        }
        out.push_str("</categoryList></action></batchSub>");
        out
    }

    /// Reads a `batchSub` body, or the legacy `adhoclist` (urn:ietf:params:xml:ns:adrl)
    /// form, which lists resources under `<create>`.
    pub fn parse(body: &str) -> Result<BatchSubscribe, PresenceError> {
        let doc = Document::parse(body).map_err(|e| PresenceError::Xml(e.to_string()))?;
        let root = doc.root_element();
        let uri = root.attribute("uri").unwrap_or_default().to_owned();
        let resources_of = |list: xml::Node<'_, '_>| -> Vec<String> {
            xml::children(list, "resource")
                .filter_map(|r| r.attribute("uri"))
                .map(str::to_owned)
                .collect()
        };
        match root.tag_name().name() {
            "batchSub" => {
                let action = xml::child(root, "action")
                    .ok_or_else(|| PresenceError::Xml("batchSub without <action>".into()))?;
                Ok(BatchSubscribe {
                    uri,
                    action: action.attribute("name").unwrap_or("subscribe").to_owned(),
                    resources: xml::child(action, "adhocList")
                        .map(resources_of)
                        .unwrap_or_default(),
                    categories: xml::child(action, "categoryList")
                        .map(|list| {
                            xml::children(list, "category")
                                .filter_map(|c| c.attribute("name"))
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                })
            }
            "adhoclist" => Ok(BatchSubscribe {
                uri,
                action: "subscribe".to_owned(),
                resources: xml::child(root, "create")
                    .map(resources_of)
                    .unwrap_or_default(),
                categories: Vec::new(),
            }),
            other => Err(PresenceError::UnexpectedRoot(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_subscriptions_round_trip() {
        let request = BatchSubscribe::new(
            "sip:alice@contoso.test",
            vec!["sip:bob@contoso.test".into(), "sip:c&d@contoso.test".into()],
        );
        assert_eq!(BatchSubscribe::parse(&request.to_xml()).unwrap(), request);
    }

    #[test]
    fn pidgin_sipe_bodies_parse() {
        // As pidgin-sipe writes it: newlines, a just-added contact with <context/>.
        let body = "<batchSub xmlns=\"http://schemas.microsoft.com/2006/01/sip/batch-subscribe\" uri=\"sip:alice@contoso.test\" name=\"\">\n<action name=\"subscribe\" id=\"63792024\">\n<adhocList>\n<resource uri=\"sip:bob@contoso.test\"/>\n<resource uri=\"sip:carol@contoso.test\"><context/></resource>\n</adhocList>\n<categoryList xmlns=\"http://schemas.microsoft.com/2006/09/sip/categorylist\">\n<category name=\"calendarData\"/>\n<category name=\"state\"/>\n</categoryList>\n</action>\n</batchSub>";
        let parsed = BatchSubscribe::parse(body).unwrap();
        assert_eq!(
            parsed.resources,
            ["sip:bob@contoso.test", "sip:carol@contoso.test"]
        );
        assert_eq!(parsed.categories, ["calendarData", "state"]);
        let legacy = BatchSubscribe::parse(
            r#"<adhoclist xmlns="urn:ietf:params:xml:ns:adrl" uri="sip:a@b" name="sip:a@b"><create xmlns=""><resource uri="sip:c@b"/></create></adhoclist>"#,
        )
        .unwrap();
        assert_eq!(legacy.resources, ["sip:c@b"]);
        assert!(BatchSubscribe::parse("<batchSub/>").is_err());
        assert!(BatchSubscribe::parse("<x/>").is_err());
    }
}

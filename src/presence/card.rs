//! The `contactCard` category: who a contact is (name, e-mail, title, company, phones).

use std::fmt::Write as _;

use crate::xml::{self, Node};

pub const CONTACT_CARD_NS: &str = "http://schemas.microsoft.com/2006/09/sip/contactcard";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactCard {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub department: Option<String>,
    pub office: Option<String>,
    pub phones: Vec<Phone>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// `work`, `mobile`, `home`, `other` …
    pub kind: String,
    /// `tel:` URI.
    pub uri: String,
    /// As people write it.
    pub display: Option<String>,
}

impl Phone {
    /// A work phone from the way people write it; the `tel:` URI keeps `+` and digits.
    pub fn work(display: &str) -> Phone {
        let digits: String = display
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        Phone {
            kind: "work".to_owned(),
            uri: format!("tel:{digits}"),
            display: Some(display.to_owned()),
        }
    }
}

fn optional_text(node: Option<Node<'_, '_>>) -> Option<String> {
    node.map(xml::text)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl ContactCard {
    /// Whether the card says nothing.
    pub fn is_empty(&self) -> bool {
        *self == ContactCard::default()
    }

    /// Reads a `<contactCard>` element.
    pub fn from_node(card: Node<'_, '_>) -> ContactCard {
        let identity = xml::child(card, "identity");
        ContactCard {
            display_name: optional_text(
                identity.and_then(|i| xml::path(i, &["name", "displayName"])),
            ),
            email: optional_text(identity.and_then(|i| xml::child(i, "email"))),
            title: optional_text(xml::child(card, "title")),
            company: optional_text(xml::child(card, "company")),
            department: optional_text(xml::child(card, "department")),
            office: optional_text(xml::child(card, "office")),
            phones: xml::children(card, "phone")
                .filter_map(|phone| {
                    Some(Phone {
                        kind: phone.attribute("type").unwrap_or("work").to_owned(),
                        uri: optional_text(xml::child(phone, "uri"))?,
                        display: optional_text(xml::child(phone, "displayString")),
                    })
                })
                .collect(),
        }
    }

    /// The `<contactCard>` element (the server's side).
    pub fn to_xml(&self) -> String {
        let mut out = format!(r#"<contactCard xmlns="{CONTACT_CARD_NS}">"#);
        if self.display_name.is_some() || self.email.is_some() {
            out.push_str("<identity>");
            if let Some(name) = &self.display_name {
                let _ = write!(
                    out,
                    "<name><displayName>{}</displayName></name>",
                    xml::escape(name)
                );
            }
            if let Some(email) = &self.email {
                let _ = write!(out, "<email>{}</email>", xml::escape(email));
            }
            out.push_str("</identity>");
        }
        for (tag, value) in [
            ("title", &self.title),
            ("company", &self.company),
            ("department", &self.department),
            ("office", &self.office),
        ] {
            if let Some(value) = value {
                let _ = write!(out, "<{tag}>{}</{tag}>", xml::escape(value));
            }
        }
        for phone in &self.phones {
            let _ = write!(
                out,
                r#"<phone type="{}"><uri>{}</uri>"#,
                xml::escape(&phone.kind),
                xml::escape(&phone.uri)
            );
            if let Some(display) = &phone.display {
                let _ = write!(
                    out,
                    "<displayString>{}</displayString>",
                    xml::escape(display)
                );
            }
            out.push_str("</phone>");
        }
        out.push_str("</contactCard>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::Document;

    fn card() -> ContactCard {
        ContactCard {
            display_name: Some("Alice <A> Anders".into()),
            email: Some("alice@contoso.test".into()),
            title: Some("Engineer".into()),
            company: Some("Contoso & Co".into()),
            department: None,
            office: Some("B1".into()),
            phones: vec![Phone::work("+1 (555) 0100")],
        }
    }

    #[test]
    fn cards_round_trip() {
        let xml_text = card().to_xml();
        let doc = Document::parse(&xml_text).unwrap();
        assert_eq!(ContactCard::from_node(doc.root_element()), card());
        assert_eq!(card().phones[0].uri, "tel:+15550100");
    }

    #[test]
    fn foreign_cards_read_what_is_there() {
        let doc = Document::parse(
            r#"<contactCard xmlns="http://schemas.microsoft.com/2006/09/sip/contactcard">
                 <identity><name><displayName> Bob </displayName></name></identity>
                 <phone type="mobile"><uri>tel:+4670</uri></phone>
                 <phone type="home"><displayString>no uri</displayString></phone>
               </contactCard>"#,
        )
        .unwrap();
        let card = ContactCard::from_node(doc.root_element());
        assert_eq!(card.display_name.as_deref(), Some("Bob"));
        assert_eq!(card.email, None);
        assert_eq!(card.phones.len(), 1, "a phone without a URI is skipped");
        assert_eq!(card.phones[0].kind, "mobile");
        assert!(!card.is_empty() && ContactCard::default().is_empty());
    }
}

//! Directory search over SIP ([MS-PRES] `directorySearch` in a SERVICE to the domain, as
//! pidgin-sipe does it when no address-book web service is provisioned).

use std::fmt::Write as _;

use crate::xml::{self, Document};

/// What the user searches for; empty fields are left out. Values match as prefixes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub given_name: String,
    pub surname: String,
    pub email: String,
    /// A SIP address (exact).
    pub sip: String,
    pub company: String,
    pub country: String,
}

/// One person found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResult {
    /// `sip:` URI.
    pub uri: String,
    pub display_name: String,
    pub title: String,
    pub office: String,
    pub phone: String,
    pub company: String,
    pub email: String,
}

/// Results are capped; more than this asks for a narrower search.
pub const MAX_RESULTS: u32 = 100;

impl SearchQuery {
    pub fn is_empty(&self) -> bool {
        self.rows().is_empty()
    }

    fn rows(&self) -> Vec<(&'static str, String)> {
        let sip = self.sip.trim();
        let sip = if sip.is_empty() {
            String::new()
        } else {
            crate::roster::normalize_uri(sip)
        };
        [
            ("givenName", self.given_name.trim().to_owned()),
            ("sn", self.surname.trim().to_owned()),
            ("mail", self.email.trim().to_owned()),
            ("msRTCSIP-PrimaryUserAddress", sip),
            ("company", self.company.trim().to_owned()),
            ("c", self.country.trim().to_owned()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect()
    }

    /// The SOAP body of the SERVICE request.
    pub fn to_soap(&self, max_results: u32) -> String {
        let mut rows = String::new();
        for (attribute, value) in self.rows() {
            let _ = write!(
                rows,
                r#"<m:row m:attrib="{attribute}" m:value="{}"/>"#,
                xml::escape(&value)
            );
        }
        format!(
            r##"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><s:Body><m:directorySearch><m:filter m:href="#searchArray"/><m:maxResults>{max_results}</m:maxResults></m:directorySearch><m:Array m:id="searchArray">{rows}</m:Array></s:Body></s:Envelope>"##
        )
    }
}

/// Reads the answer: the people found and whether there were more than were sent.
pub fn parse_results(body: &str) -> Option<(Vec<SearchResult>, bool)> {
    let doc = Document::parse(body).ok()?;
    let soap_body = xml::child(doc.root_element(), "Body")?;
    let more = xml::path(soap_body, &["directorySearch", "moreAvailable"])
        .map(xml::text)
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("true"));
    let mut results = Vec::new();
    if let Some(array) = xml::child(soap_body, "Array") {
        for row in xml::children(array, "row") {
            let get = |name: &str| row.attribute(name).unwrap_or_default().to_owned();
            let uri = get("uri");
            if uri.is_empty() {
                continue;
            }
            results.push(SearchResult {
                uri: crate::roster::normalize_uri(&uri),
                display_name: get("displayName"),
                title: get("title"),
                office: get("office"),
                phone: get("phone"),
                company: get("company"),
                email: get("email"),
            });
        }
    }
    Some((results, more))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filled_fields_become_rows_escaped() {
        let query = SearchQuery {
            given_name: " Bo ".into(),
            company: "A&B".into(),
            ..SearchQuery::default()
        };
        let soap = query.to_soap(10);
        assert!(
            soap.contains(r#"<m:row m:attrib="givenName" m:value="Bo"/>"#),
            "{soap}"
        );
        assert!(soap.contains(r#"m:value="A&amp;B""#), "{soap}");
        assert!(!soap.contains("\"sn\""));
        assert!(soap.contains("<m:maxResults>10</m:maxResults>"));
        assert!(SearchQuery::default().is_empty());
    }

    #[test]
    fn results_parse() {
        let body = r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><SOAP-ENV:Body><m:directorySearch><m:moreAvailable>true</m:moreAvailable></m:directorySearch><m:Array m:id="searchArray"><m:row uri="sip:bob@contoso.test" displayName="Bob Builder" title="Release manager" office="" phone="" company="Contoso" email="bob@contoso.test"/><m:row displayName="no uri"/></m:Array></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;
        let (results, more) = parse_results(body).unwrap();
        assert!(more);
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].display_name, "Bob Builder");
        assert_eq!(results[0].uri, "sip:bob@contoso.test");
        assert_eq!(parse_results("junk"), None);
    }
}

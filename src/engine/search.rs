//! Directory search: a SERVICE with SOAP to the domain's URI.

use super::dialog::Dialog;
use super::events::{Event, LogLevel};
use super::session::Session;
use super::transaction::Purpose;
use crate::roster::SOAP_CONTENT_TYPE;
use crate::search::{MAX_RESULTS, SearchQuery, parse_results};
use crate::sip::Message;

impl Session {
    pub(super) fn search(&mut self, query: SearchQuery) {
        if !self.is_signed_in() || query.is_empty() {
            self.event(Event::SearchFailed(
                "Enter at least one thing to search for.".to_owned(),
            ));
            return;
        }
        let domain_uri = format!("sip:{}", self.config.settings.sip_address.domain);
        let mut dialog = Dialog::new(&mut *self.random, &domain_uri);
        let built = self
            .dialog_request("SERVICE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Content-Type", SOAP_CONTENT_TYPE)?;
                msg.set_body(query.to_soap(MAX_RESULTS));
                Ok(msg)
            });
        match built {
            Ok(msg) => self.send_request(msg, Purpose::Search, true),
            Err(e) => self.log(LogLevel::Warning, format!("cannot search: {e}")),
        }
    }

    pub(super) fn on_search_response(&mut self, msg: &Message) {
        let code = msg.status_code().unwrap_or(0);
        let parsed = (code == 200)
            .then(|| parse_results(&String::from_utf8_lossy(msg.body())))
            .flatten();
        match parsed {
            Some((results, more)) => self.event(Event::SearchResults { results, more }),
            None => self.event(Event::SearchFailed(format!(
                "The directory search did not work (the server answered {code})."
            ))),
        }
    }

    pub(super) fn on_search_timeout(&mut self) {
        self.event(Event::SearchFailed(
            "The server did not answer the directory search.".to_owned(),
        ));
    }
}

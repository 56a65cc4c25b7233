//! SIP dialogs we start (subscriptions, conversations) and the requests sent inside them.

use super::ids;
use super::random::Random;
use super::session::Session;
use crate::sip::{BuildError, Message};

/// The state of one dialog from our side (RFC 3261 §12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dialog {
    pub call_id: String,
    pub local_tag: String,
    pub remote_tag: Option<String>,
    /// The other side's address (To of our requests).
    pub remote_uri: String,
    /// Where in-dialog requests go: the peer's Contact once known.
    pub target: String,
    /// Route headers for in-dialog requests (the response's Record-Route, reversed).
    pub route: Vec<String>,
    pub cseq: u32,
}

impl Dialog {
    pub fn new(random: &mut dyn Random, remote_uri: &str) -> Dialog {
        Dialog {
            call_id: ids::new_call_id(random),
            local_tag: ids::new_tag(random),
            remote_tag: None,
            remote_uri: remote_uri.to_owned(),
            target: remote_uri.to_owned(),
            route: Vec::new(),
            cseq: 0,
        }
    }

    /// Learns the remote tag, target and route from a 2xx answer to our request.
    pub fn confirm(&mut self, response: &Message) {
        if let Ok(to) = response.to() {
            if let Some(tag) = to.tag() {
                self.remote_tag = Some(tag.to_owned());
            }
        }
        if let Some(contact) = response.contacts().ok().and_then(|c| {
            c.into_iter()
                .find_map(|c| c.address().map(|a| a.uri.clone()))
        }) {
            self.target = contact;
        }
        let mut route: Vec<String> = response
            .header_values("Record-Route")
            .map(str::to_owned)
            .collect();
        if !route.is_empty() {
            route.reverse();
            self.route = route;
        }
    }

    /// Whether `msg` (a request from the peer) belongs to this dialog.
    pub fn matches_incoming(&self, msg: &Message) -> bool {
        let same_call = msg.call_id().is_ok_and(|c| c == self.call_id);
        let to_us = msg
            .to()
            .ok()
            .and_then(|t| t.tag().map(|tag| tag == self.local_tag))
            .unwrap_or(false);
        same_call && to_us
    }
}

impl Session {
    /// Our Contact: the GRUU the registrar gave us, else our transport address.
    pub(super) fn contact_value(&self) -> String {
        match &self.registration.gruu {
            Some(gruu) => format!("<{gruu}>"),
            None => {
                let (_, transport) = self.transport_names();
                format!(
                    "<sip:{};transport={transport}>;+sip.instance=\"<urn:uuid:{}>\"",
                    self.local_address(),
                    self.instance
                )
            }
        }
    }

    /// A request inside `dialog` with the headers every request needs.
    pub(super) fn dialog_request(
        &mut self,
        method: &str,
        dialog: &mut Dialog,
    ) -> Result<Message, BuildError> {
        dialog.cseq += 1;
        let uri = self.config.settings.sip_address.uri();
        let (via_transport, _) = self.transport_names();
        let branch = ids::new_branch(&mut *self.random);
        let mut msg = Message::request(method, &dialog.target)?;
        msg.add_header(
            "Via",
            format!(
                "SIP/2.0/{via_transport} {};branch={branch}",
                self.local_address()
            ),
        )?;
        msg.add_header("Max-Forwards", "70")?;
        msg.add_header(
            "From",
            format!("<{uri}>;tag={};epid={}", dialog.local_tag, self.config.epid),
        )?;
        let to = match &dialog.remote_tag {
            Some(tag) => format!("<{}>;tag={tag}", dialog.remote_uri),
            None => format!("<{}>", dialog.remote_uri),
        };
        msg.add_header("To", to)?;
        msg.add_header("Call-ID", dialog.call_id.clone())?;
        msg.add_header("CSeq", format!("{} {method}", dialog.cseq))?;
        for route in &dialog.route {
            msg.add_header("Route", route.clone())?;
        }
        msg.add_header("Contact", self.contact_value())?;
        msg.add_header("User-Agent", self.user_agent())?;
        Ok(msg)
    }
}

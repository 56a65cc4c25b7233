//! Lync autodiscover ([MS-OCDISCWS], sipe-facts.md §3.1): ask
//! `LyncDiscoverInternal.<domain>` and `LyncDiscover.<domain>` (HTTPS, then HTTP) where the
//! SIP pool is, before falling back to DNS SRV.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::discovery::Target;
use super::events::LogLevel;
use super::random::random_array;
use super::session::Session;
use super::web::{TicketStep, WebPurpose, web_service_url};
use crate::http::{HttpError, Request, Response, Url};
use crate::webticket;
use crate::xml::{self, Document};

pub const MEDIA_TYPE: &str = "application/vnd.microsoft.rtc.autodiscover+xml";
const ACCEPT: &str = "application/vnd.microsoft.rtc.autodiscover+xml;v=1";
/// Redirects followed inside one autodiscover run.
const MAX_HOPS: usize = 8;

/// What an autodiscover document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Ask this URL next (a Redirect link, or the User resource).
    Follow(String),
    /// SIP servers, in the order to try.
    Servers(Vec<Target>),
    /// Nothing usable.
    Nothing,
}

/// Reads an autodiscover XML document.
pub fn parse(body: &str) -> Answer {
    let Ok(doc) = Document::parse(body) else {
        return Answer::Nothing;
    };
    let root = doc.root_element();
    let external = root
        .attribute("AccessLocation")
        .is_some_and(|a| a.eq_ignore_ascii_case("External"));
    if let Some(user) = xml::child(root, "User") {
        let access = |name: &str| {
            xml::child(user, name).and_then(|n| {
                Some(Target {
                    host: n.attribute("fqdn")?.to_owned(),
                    port: n
                        .attribute("port")
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(443),
                    tls: true,
                })
            })
        };
        let mut servers = Vec::new();
        if !external {
            servers.extend(access("SipClientInternalAccess"));
        }
        servers.extend(access("SipClientExternalAccess"));
        if !servers.is_empty() {
            return Answer::Servers(servers);
        }
        if let Some(href) = link(user, "Redirect") {
            return Answer::Follow(href);
        }
        return Answer::Nothing;
    }
    if let Some(root_links) = xml::child(root, "Root") {
        if let Some(href) = link(root_links, "Redirect").or_else(|| link(root_links, "User")) {
            return Answer::Follow(href);
        }
    }
    Answer::Nothing
}

fn link(node: xml::Node<'_, '_>, token: &str) -> Option<String> {
    xml::children(node, "Link")
        .find(|l| {
            l.attribute("token")
                .is_some_and(|t| t.eq_ignore_ascii_case(token))
        })
        .and_then(|l| l.attribute("href"))
        .map(str::to_owned)
}

/// The four starting points, in pidgin-sipe's order.
pub fn start_urls(domain: &str, sip_address: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for scheme in ["https", "http"] {
        for host in ["LyncDiscoverInternal", "LyncDiscover"] {
            urls.push(format!("{scheme}://{host}.{domain}/?sipuri={sip_address}"));
        }
    }
    urls
}

impl Session {
    /// Starts autodiscover (the first step of discovery without a Server).
    pub(super) fn start_autodiscover(&mut self) {
        self.autodiscover_hops = 0;
        self.autodiscover_url(0, None);
    }

    /// Asks start URL `stage`, or `follow` (a link from the previous answer).
    fn autodiscover_url(&mut self, stage: usize, follow: Option<String>) {
        self.autodiscover_get(stage, follow, None);
    }

    /// Like `autodiscover_url`, presenting `ticket` (a SAML assertion) when given.
    fn autodiscover_get(&mut self, stage: usize, follow: Option<String>, ticket: Option<String>) {
        let settings = &self.config.settings;
        let starts = start_urls(
            &settings.sip_address.domain,
            &settings.sip_address.to_string(),
        );
        let url = match follow {
            Some(url) => url,
            None => match starts.get(stage) {
                Some(url) => url.clone(),
                None => {
                    self.log(
                        LogLevel::Info,
                        "autodiscover found nothing; trying DNS".to_owned(),
                    );
                    self.autodiscover_done(Vec::new());
                    return;
                }
            },
        };
        match Url::parse(&url) {
            Ok(parsed) => {
                let mut request = Request::get(parsed).with_header("Accept", ACCEPT);
                let ticketed = ticket.is_some();
                if let Some(ticket) = ticket {
                    let value = format!("opaque={}", BASE64.encode(ticket));
                    request = request.with_header("X-MS-WebTicket", &value);
                }
                let purpose = WebPurpose::Autodiscover {
                    stage,
                    url,
                    ticketed,
                };
                self.web_request(request, purpose);
            }
            Err(e) => {
                self.log(
                    LogLevel::Warning,
                    format!("autodiscover: bad link {url}: {e}"),
                );
                self.autodiscover_url(stage + 1, None);
            }
        }
    }

    pub(super) fn on_autodiscover_response(
        &mut self,
        stage: usize,
        url: String,
        ticketed: bool,
        result: Result<Response, HttpError>,
    ) {
        let answer = match result {
            Ok(response)
                if response.is_success()
                    && response.media_type().as_deref() == Some(MEDIA_TYPE) =>
            {
                parse(&response.body_text())
            }
            Ok(response) => {
                let ticket_service = response.header("X-MS-WebTicketURL");
                if let (401, Some(ticket_service), false) =
                    (response.status, ticket_service, ticketed)
                {
                    // sipe-facts.md §3.1: get a ticket for the User resource and ask again.
                    let mex = format!("{}/mex", ticket_service.trim().trim_end_matches('/'));
                    self.log(
                        LogLevel::Info,
                        format!("autodiscover: {url} needs a web ticket from {ticket_service}"),
                    );
                    // The password goes to the ticket service and the ticket to `url`.
                    match web_service_url(&url).and_then(|_| web_service_url(&mex)) {
                        Ok(mex) => {
                            let purpose = WebPurpose::AutodiscoverTicket {
                                stage,
                                user_url: url,
                                step: TicketStep::Metadata,
                            };
                            self.web_request(Request::get(mex), purpose);
                        }
                        Err(e) => self.autodiscover_without_ticket(format!(
                            "refused to get or present a web ticket: {e}"
                        )),
                    }
                    return;
                }
                self.log(
                    LogLevel::Info,
                    format!("autodiscover: answer {} without servers", response.status),
                );
                Answer::Nothing
            }
            Err(e) => {
                self.log(LogLevel::Info, format!("autodiscover: {e}"));
                Answer::Nothing
            }
        };
        match answer {
            Answer::Servers(servers) => {
                let list: Vec<String> = servers
                    .iter()
                    .map(|t| format!("{}:{}", t.host, t.port))
                    .collect();
                self.log(
                    LogLevel::Info,
                    format!("autodiscover: SIP servers {}", list.join(", ")),
                );
                self.autodiscover_done(servers);
            }
            Answer::Follow(url) if self.autodiscover_hops < MAX_HOPS => {
                self.autodiscover_hops += 1;
                self.autodiscover_url(stage, Some(url));
            }
            Answer::Follow(_) | Answer::Nothing => self.autodiscover_url(stage + 1, None),
        }
    }

    /// The web ticket for the User resource: the ticket service's metadata, then the
    /// ticket, then the User resource again with `X-MS-WebTicket`.
    pub(super) fn on_autodiscover_ticket(
        &mut self,
        stage: usize,
        user_url: String,
        step: TicketStep,
        result: Result<Response, HttpError>,
    ) {
        let body = match result {
            Ok(response) if response.is_success() || step == TicketStep::Ticket => {
                response.body_text().into_owned()
            }
            Ok(response) => {
                return self.autodiscover_without_ticket(format!("answer {}", response.status));
            }
            Err(e) => return self.autodiscover_without_ticket(e.to_string()),
        };
        match step {
            TicketStep::Metadata => {
                let negotiate = webticket::parse_ticket_service_metadata(&body)
                    .map_err(|e| e.to_string())
                    .and_then(|ports| {
                        ports
                            .negotiate
                            .ok_or_else(|| "no Negotiate port".to_owned())
                    });
                let negotiate = match negotiate {
                    Ok(negotiate) => negotiate,
                    Err(why) => return self.autodiscover_without_ticket(why),
                };
                let entropy: [u8; 32] = random_array(&mut *self.random);
                let purpose = WebPurpose::AutodiscoverTicket {
                    stage,
                    user_url: user_url.clone(),
                    step: TicketStep::Ticket,
                };
                if let Err(e) = self.request_ticket(&negotiate, &user_url, &entropy, purpose) {
                    self.autodiscover_without_ticket(e.to_string());
                }
            }
            TicketStep::Ticket => match webticket::parse_ticket_response(&body) {
                Ok(ticket) => self.autodiscover_get(stage, Some(user_url), Some(ticket.assertion)),
                Err(e) => self.autodiscover_without_ticket(e.to_string()),
            },
        }
    }

    fn autodiscover_without_ticket(&mut self, why: String) {
        self.log(
            LogLevel::Info,
            format!("autodiscover: no web ticket ({why}); trying DNS"),
        );
        self.autodiscover_done(Vec::new());
    }

    fn autodiscover_done(&mut self, servers: Vec<Target>) {
        self.discovery.autodiscover_answer(servers);
        self.try_next_server();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_links_lead_to_the_user_resource() {
        let body = r#"<AutodiscoverResponse xmlns="http://schemas.microsoft.com/rtc/2012/03/autodiscover" AccessLocation="Internal">
            <Root><Link token="Domain" href="https://d/root/domain"/><Link token="User" href="https://d/root/user"/></Root>
        </AutodiscoverResponse>"#;
        assert_eq!(parse(body), Answer::Follow("https://d/root/user".into()));
        let redirect = r#"<AutodiscoverResponse><Root><Link token="Redirect" href="https://other/"/><Link token="User" href="https://d/u"/></Root></AutodiscoverResponse>"#;
        assert_eq!(parse(redirect), Answer::Follow("https://other/".into()));
    }

    #[test]
    fn the_user_resource_names_servers_internal_first() {
        let body = r#"<AutodiscoverResponse AccessLocation="Internal"><User>
            <SipServerInternalAccess fqdn="ignored" port="5061"/>
            <SipClientInternalAccess fqdn="pool.contoso.com" port="5061"/>
            <SipClientExternalAccess fqdn="sip.contoso.com" port="443"/>
        </User></AutodiscoverResponse>"#;
        let Answer::Servers(servers) = parse(body) else {
            panic!()
        };
        assert_eq!(
            servers.iter().map(|t| t.host.as_str()).collect::<Vec<_>>(),
            ["pool.contoso.com", "sip.contoso.com"]
        );
        let external = body.replace("Internal\"><User>", "External\"><User>");
        let Answer::Servers(servers) = parse(&external) else {
            panic!()
        };
        assert_eq!(
            servers.len(),
            1,
            "outside the network only the external access point"
        );
    }

    #[test]
    fn junk_is_nothing() {
        assert_eq!(parse("not xml"), Answer::Nothing);
        assert_eq!(parse("<AutodiscoverResponse/>"), Answer::Nothing);
    }

    #[test]
    fn start_urls_follow_pidgin_sipes_order() {
        assert_eq!(
            start_urls("contoso.com", "alice@contoso.com"),
            [
                "https://LyncDiscoverInternal.contoso.com/?sipuri=alice@contoso.com",
                "https://LyncDiscover.contoso.com/?sipuri=alice@contoso.com",
                "http://LyncDiscoverInternal.contoso.com/?sipuri=alice@contoso.com",
                "http://LyncDiscover.contoso.com/?sipuri=alice@contoso.com",
            ]
        );
    }
}

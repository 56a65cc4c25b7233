//! Web requests of the session (Lync autodiscover now; web tickets and certificate
//! provisioning with TLS-DSK): one HTTP client, its connections carried by the same glue
//! as SIP, one request at a time in order.

use std::collections::VecDeque;

use super::events::{ConnId, Input, LogLevel, Output};
use super::provision::ProvisioningStep;
use super::session::Session;
use crate::http::{HttpAction, HttpError, HttpEvent, Request, Response, Url, UrlError};

/// Connection ids from here on belong to the HTTP client.
pub(super) const HTTP_CONN_BASE: ConnId = 1 << 30;

/// What a web request is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum WebPurpose {
    /// Step `stage` of Lync autodiscover (see `autodiscover`): `url` was asked, with a web
    /// ticket when `ticketed`.
    Autodiscover {
        stage: usize,
        url: String,
        ticketed: bool,
    },
    /// A web ticket for autodiscover's User resource (see `autodiscover`).
    AutodiscoverTicket {
        stage: usize,
        user_url: String,
        step: TicketStep,
    },
    /// TLS-DSK certificate provisioning (see `provision`).
    Provisioning(ProvisioningStep),
}

/// Getting a bearer web ticket: the ticket service's metadata, then the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TicketStep {
    Metadata,
    Ticket,
}

/// Why a web service address is not used.
#[derive(Debug, thiserror::Error)]
pub(super) enum WebUrlError {
    #[error("{0}")]
    Unusable(UrlError),
    /// Web services get the password (HTTP NTLM) or a web ticket: never over plain HTTP.
    #[error("{0} is not an https:// address")]
    NotHttps(String),
}

/// A web service address (web ticket service, certificate provisioning, their metadata,
/// an autodiscover resource asking for a ticket): it must be https.
pub(super) fn web_service_url(text: &str) -> Result<Url, WebUrlError> {
    let url = Url::parse(text).map_err(WebUrlError::Unusable)?;
    if url.is_https() {
        Ok(url)
    } else {
        Err(WebUrlError::NotHttps(text.to_owned()))
    }
}

#[derive(Debug, Default)]
pub(super) struct WebQueue {
    pending: VecDeque<(Request, WebPurpose)>,
    current: Option<WebPurpose>,
}

impl Session {
    pub(super) fn is_http_conn(conn: ConnId) -> bool {
        conn >= HTTP_CONN_BASE
    }

    /// Queues a web request; its answer goes to [`Session::on_web_response`].
    pub(super) fn web_request(&mut self, request: Request, purpose: WebPurpose) {
        self.web.pending.push_back((request, purpose));
        self.start_next_web_request();
    }

    fn start_next_web_request(&mut self) {
        if self.web.current.is_some() || self.http.is_busy() {
            return;
        }
        let Some((request, purpose)) = self.web.pending.pop_front() else {
            return;
        };
        self.log(
            LogLevel::Info,
            format!("web request: {:?} {}", request.method, request.url),
        );
        self.web.current = Some(purpose);
        let actions = self.http.start(request, self.now);
        self.apply_http_actions(actions);
    }

    /// Feeds a transport input that belongs to the HTTP client.
    pub(super) fn http_input(&mut self, input: Input<'_>) {
        let event = match input {
            Input::Connected { conn, .. } => HttpEvent::Connected { conn },
            Input::ConnectFailed { conn, reason } => HttpEvent::ConnectFailed { conn, reason },
            Input::Data { conn, bytes } => HttpEvent::Data { conn, bytes },
            Input::Closed { conn, .. } => HttpEvent::Closed { conn },
            _ => return,
        };
        let actions = self.http.handle(event);
        self.apply_http_actions(actions);
    }

    pub(super) fn http_timeout(&mut self) {
        if self.http.poll_timeout().is_some_and(|at| at <= self.now) {
            let actions = self.http.handle_timeout(self.now);
            self.apply_http_actions(actions);
        }
    }

    pub(super) fn apply_http_actions(&mut self, actions: Vec<HttpAction>) {
        for action in actions {
            match action {
                HttpAction::Connect {
                    conn,
                    host,
                    port,
                    tls,
                } => self.outputs.push_back(Output::Connect {
                    conn,
                    host,
                    port,
                    tls,
                }),
                HttpAction::Send { conn, bytes } => {
                    self.trace(true, || crate::http::log_text(&bytes));
                    self.outputs.push_back(Output::Transmit { conn, bytes })
                }
                HttpAction::Close { conn } => self.outputs.push_back(Output::Close { conn }),
                HttpAction::Done(result) => {
                    if let Some(purpose) = self.web.current.take() {
                        self.on_web_response(purpose, result);
                    }
                    self.start_next_web_request();
                }
            }
        }
    }

    /// Stops all web traffic (sign-out or failure).
    pub(super) fn shutdown_web(&mut self) {
        self.web.pending.clear();
        self.web.current = None;
        for action in self.http.shutdown() {
            if let HttpAction::Close { conn } = action {
                self.outputs.push_back(Output::Close { conn });
            }
        }
    }

    fn on_web_response(&mut self, purpose: WebPurpose, result: Result<Response, HttpError>) {
        match purpose {
            WebPurpose::Autodiscover {
                stage,
                url,
                ticketed,
            } => self.on_autodiscover_response(stage, url, ticketed, result),
            WebPurpose::AutodiscoverTicket {
                stage,
                user_url,
                step,
            } => self.on_autodiscover_ticket(stage, user_url, step, result),
            WebPurpose::Provisioning(step) => self.on_provisioning_response(step, result),
        }
    }
}

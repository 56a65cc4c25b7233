//! Requests, the credentials that may go with them, and their encoding.

use std::fmt;

use super::error::HttpError;
use super::headers::{Headers, is_valid_name, is_valid_value};
use super::url::Url;
use crate::auth::ntlm::{Credentials, Password};

/// The methods the web services need.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Methods whose requests carry a body, and so a Content-Length even when it is empty.
    fn sends_body(self) -> bool {
        matches!(self, Method::Post | Method::Put)
    }
}

/// Who the request authenticates as when the server asks (HTTP 401).
#[derive(Clone)]
pub struct HttpCredentials {
    login: String,
    credentials: Credentials,
    allow_basic: bool,
}

impl HttpCredentials {
    /// From the login as the user typed it (`DOMAIN\user`, `user@domain`, …; see
    /// [`crate::auth::ntlm::split_login`]). Only NTLM is used unless Basic is allowed.
    pub fn from_login(login: &str, password: Password) -> Self {
        Self {
            login: login.to_owned(),
            credentials: Credentials::from_login(login, password),
            allow_basic: false,
        }
    }

    /// Also answers `Basic` challenges, but only over https: Basic sends the password itself.
    pub fn allow_basic_over_https(mut self) -> Self {
        self.allow_basic = true;
        self
    }

    /// The login as given; error messages name it.
    pub fn login(&self) -> &str {
        &self.login
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub fn basic_allowed(&self) -> bool {
        self.allow_basic
    }
}

/// The password stays out: [`Credentials`]' own `Debug` redacts it.
impl fmt::Debug for HttpCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpCredentials")
            .field("login", &self.login)
            .field("credentials", &self.credentials)
            .field("allow_basic", &self.allow_basic)
            .finish()
    }
}

/// Headers the client writes itself; a caller's copy would contradict them.
const RESERVED_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "user-agent",
    "accept-encoding",
];

/// One HTTP request as the caller describes it. The client adds Host, User-Agent,
/// Content-Length, `Accept-Encoding: identity`, cookies and authentication.
#[derive(Clone)]
pub struct Request {
    pub method: Method,
    pub url: Url,
    pub headers: Headers,
    pub body: Vec<u8>,
    /// Used only when the server answers 401.
    pub credentials: Option<HttpCredentials>,
}

impl Request {
    pub fn new(method: Method, url: Url) -> Self {
        Self {
            method,
            url,
            headers: Headers::new(),
            body: Vec::new(),
            credentials: None,
        }
    }

    pub fn get(url: Url) -> Self {
        Self::new(Method::Get, url)
    }

    pub fn post(url: Url, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        let mut request = Self::new(Method::Post, url);
        request.headers.set("Content-Type", content_type);
        request.body = body.into();
        request
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.append(name, value);
        self
    }

    pub fn with_credentials(mut self, credentials: HttpCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Checks the caller's headers: valid names, no line breaks in values (which would
    /// smuggle in fields or requests), none of the headers the client writes itself.
    pub fn validate(&self) -> Result<(), HttpError> {
        for (name, value) in self.headers.iter() {
            let invalid = |reason| HttpError::InvalidRequestHeader {
                name: name.to_owned(),
                reason,
            };
            if !is_valid_name(name) {
                return Err(invalid("not a valid header name"));
            }
            if !is_valid_value(value) {
                return Err(invalid("the value contains a line break or NUL"));
            }
            if RESERVED_HEADERS
                .iter()
                .any(|reserved| name.eq_ignore_ascii_case(reserved))
            {
                return Err(invalid("the HTTP client sets this header itself"));
            }
        }
        Ok(())
    }

    /// The request as bytes, with the caller's headers and then `extra` ones (cookies,
    /// authorization) that the client adds.
    pub fn encode(&self, user_agent: &str, extra: &Headers) -> Result<Vec<u8>, HttpError> {
        self.validate()?;
        for (name, value) in extra.iter().chain([("User-Agent", user_agent)]) {
            if !is_valid_name(name) || !is_valid_value(value) {
                return Err(HttpError::InvalidRequestHeader {
                    name: name.to_owned(),
                    reason: "the value contains a line break or NUL",
                });
            }
        }
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {user_agent}\r\nAccept-Encoding: identity\r\n",
            self.method.as_str(),
            self.url.path_and_query(),
            self.url.host_header(),
        );
        for (name, value) in self.headers.iter().chain(extra.iter()) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if self.method.sends_body() || !self.body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        Ok(bytes)
    }
}

/// Method, URL, headers (redacted) and the body's size; never the body (SOAP bodies may hold
/// a UsernameToken password) nor the password.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .field("credentials", &self.credentials)
            .finish()
    }
}

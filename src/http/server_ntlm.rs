//! NTLM over HTTP, server side, for the test server: one [`HttpNtlmServer`] per connection
//! runs 401 `WWW-Authenticate: NTLM` → NEGOTIATE → CHALLENGE → AUTHENTICATE and then
//! remembers who the connection belongs to, as IIS does.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::auth::{Scheme, parse_challenges};
use super::server::{ServerRequest, ServerResponse};
use crate::auth::ntlm::{
    NegotiateFlags, NtlmServer, NtlmServerConfig, Password, SERVER_CONNECTION_ORIENTED_FLAGS,
    TargetInfo, split_login,
};
use crate::engine::random::{Random, random_array};

/// What the server offers and announces.
#[derive(Clone, Debug)]
pub struct HttpNtlmServerConfig {
    /// The CHALLENGE's TargetName: the NetBIOS domain.
    pub target_name: String,
    /// AV pairs; the current time is added to each CHALLENGE.
    pub target_info: TargetInfo,
    /// At most what a CHALLENGE offers (see [`NtlmServer::answer_negotiate`]).
    pub flags: NegotiateFlags,
    pub offer_negotiate: bool,
    pub offer_ntlm: bool,
    /// Basic needs https in front; the test server decides when to offer it.
    pub offer_basic: bool,
}

impl HttpNtlmServerConfig {
    /// Offers Negotiate and NTLM, as IIS with Windows authentication does.
    pub fn new(target_name: &str, target_info: TargetInfo) -> Self {
        Self {
            target_name: target_name.to_owned(),
            target_info,
            flags: SERVER_CONNECTION_ORIENTED_FLAGS,
            offer_negotiate: true,
            offer_ntlm: true,
            offer_basic: false,
        }
    }
}

/// Who a request was authenticated as.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuthenticatedUser {
    pub user: String,
    pub domain: String,
    pub scheme: &'static str,
}

/// What to do with a request.
#[derive(Debug)]
pub enum AuthorizeOutcome {
    /// Serve it.
    Authorized(AuthenticatedUser),
    /// Send this instead (a 401) and keep the connection open.
    Respond(ServerResponse),
}

#[derive(Debug)]
enum State {
    Anonymous,
    /// A CHALLENGE went out; the AUTHENTICATE must answer it on this connection.
    Challenged {
        server: NtlmServer,
        scheme: Scheme,
    },
    /// NTLM authenticates the connection, not each request.
    Authenticated(AuthenticatedUser),
}

/// The NTLM state of one connection.
#[derive(Debug)]
pub struct HttpNtlmServer {
    config: HttpNtlmServerConfig,
    state: State,
}

impl HttpNtlmServer {
    pub fn new(config: HttpNtlmServerConfig) -> Self {
        Self {
            config,
            state: State::Anonymous,
        }
    }

    pub fn authenticated_user(&self) -> Option<&AuthenticatedUser> {
        match &self.state {
            State::Authenticated(user) => Some(user),
            _ => None,
        }
    }

    /// Decides about one request. `now_filetime` goes into the CHALLENGE's timestamp;
    /// `lookup_password(user, domain)` gives the password of an account, `None` if unknown.
    pub fn authorize<F>(
        &mut self,
        request: &ServerRequest,
        random: &mut dyn Random,
        now_filetime: u64,
        lookup_password: F,
    ) -> AuthorizeOutcome
    where
        F: Fn(&str, &str) -> Option<Password>,
    {
        let challenges = parse_challenges(&request.headers, "authorization");
        let Some(credentials) = challenges.first() else {
            return match &self.state {
                State::Authenticated(user) => AuthorizeOutcome::Authorized(user.clone()),
                _ => self.refuse("authentication required"),
            };
        };
        let offered = |scheme: Scheme| match scheme {
            Scheme::Ntlm => self.config.offer_ntlm,
            Scheme::Negotiate => self.config.offer_negotiate,
            Scheme::Basic => self.config.offer_basic,
        };
        let scheme = [Scheme::Ntlm, Scheme::Negotiate, Scheme::Basic]
            .into_iter()
            .find(|&scheme| credentials.is(scheme.name()) && offered(scheme));
        let (Some(scheme), Some(token)) = (scheme, credentials.token.as_deref()) else {
            return self.refuse("unsupported authorization scheme");
        };
        let Ok(bytes) = BASE64.decode(token) else {
            return self.refuse("the authorization token is not base64");
        };
        if scheme == Scheme::Basic {
            return self.check_basic(&bytes, lookup_password);
        }
        match bytes.get(8..12) {
            Some([1, 0, 0, 0]) => self.challenge(scheme, &bytes, random, now_filetime),
            Some([3, 0, 0, 0]) => self.accept(&bytes, lookup_password),
            _ => self.refuse("expected an NTLM NEGOTIATE or AUTHENTICATE message"),
        }
    }

    fn challenge(
        &mut self,
        scheme: Scheme,
        negotiate: &[u8],
        random: &mut dyn Random,
        now_filetime: u64,
    ) -> AuthorizeOutcome {
        let config = NtlmServerConfig {
            flags: self.config.flags,
            ..NtlmServerConfig::new(
                random_array(random),
                &self.config.target_name,
                self.config.target_info.clone().with_timestamp(now_filetime),
            )
        };
        match NtlmServer::answer_negotiate(config, negotiate) {
            Ok(server) => {
                let value = format!(
                    "{} {}",
                    scheme.name(),
                    BASE64.encode(server.challenge_message())
                );
                self.state = State::Challenged { server, scheme };
                AuthorizeOutcome::Respond(
                    ServerResponse::new(401).with_header("WWW-Authenticate", &value),
                )
            }
            Err(error) => self.refuse(&format!("unusable NEGOTIATE message: {error}")),
        }
    }

    fn accept<F>(&mut self, authenticate: &[u8], lookup_password: F) -> AuthorizeOutcome
    where
        F: Fn(&str, &str) -> Option<Password>,
    {
        let State::Challenged { server, scheme } =
            std::mem::replace(&mut self.state, State::Anonymous)
        else {
            return self.refuse("AUTHENTICATE without a CHALLENGE on this connection");
        };
        match server.accept(authenticate, lookup_password) {
            Ok(accepted) => {
                let user = AuthenticatedUser {
                    user: accepted.user,
                    domain: accepted.domain,
                    scheme: scheme.name(),
                };
                self.state = State::Authenticated(user.clone());
                AuthorizeOutcome::Authorized(user)
            }
            Err(error) => self.refuse(&error.to_string()),
        }
    }

    /// Basic authenticates one request; the connection stays anonymous.
    fn check_basic<F>(&mut self, decoded: &[u8], lookup_password: F) -> AuthorizeOutcome
    where
        F: Fn(&str, &str) -> Option<Password>,
    {
        let text = String::from_utf8_lossy(decoded);
        let Some((login, password)) = text.split_once(':') else {
            return self.refuse("malformed Basic credentials");
        };
        let name = split_login(login);
        match lookup_password(&name.user, &name.domain) {
            Some(expected) if expected.expose() == password => {
                AuthorizeOutcome::Authorized(AuthenticatedUser {
                    user: name.user,
                    domain: name.domain,
                    scheme: Scheme::Basic.name(),
                })
            }
            _ => self.refuse("wrong user name or password"),
        }
    }

    /// A fresh 401 offering every configured scheme; the connection starts over.
    fn refuse(&mut self, reason: &str) -> AuthorizeOutcome {
        self.state = State::Anonymous;
        let mut response = ServerResponse::new(401).with_body("text/plain", reason);
        if self.config.offer_negotiate {
            response = response.with_header("WWW-Authenticate", "Negotiate");
        }
        if self.config.offer_ntlm {
            response = response.with_header("WWW-Authenticate", "NTLM");
        }
        if self.config.offer_basic {
            response = response.with_header("WWW-Authenticate", "Basic realm=\"lync-testserver\"");
        }
        AuthorizeOutcome::Respond(response)
    }
}

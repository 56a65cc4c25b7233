//! Account settings: what the user typed, checked before anything touches the network.
//!
//! Three identities are kept apart (DESIGN.md §2): the SIP address (Username) names the user
//! on the wire; the Login (the `,` part of Username) is the credential's user name; the email
//! address is for Exchange only. Every check names the field to fix and shows an example.

pub mod options;
pub mod pins;

use std::fmt;

use crate::error::{ConnectionError, ErrorClass};
use options::*;

/// A password or similar; never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The values as libpurple stores them, before any checking.
#[derive(Debug, Clone, Default)]
pub struct RawSettings {
    /// The stored account name: `sip-address[,login]`.
    pub username: String,
    pub password: Option<Secret>,
    /// The masked Email password option, kept out of `text` so it never prints.
    pub email_password: Option<Secret>,
    /// Text and list options by key (never masked ones); absent keys read as empty.
    pub text: Vec<(String, String)>,
    /// Toggle options by key; absent keys read as false.
    pub toggles: Vec<(String, bool)>,
}

impl RawSettings {
    fn text(&self, key: &str) -> &str {
        self.text
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    fn toggle(&self, key: &str) -> bool {
        self.toggles.iter().any(|(k, v)| k == key && *v)
    }
}

/// A SIP address `user@domain`, without the `sip:` scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipAddress {
    pub user: String,
    pub domain: String,
}

impl SipAddress {
    /// The address as a SIP URI: `sip:user@domain`.
    pub fn uri(&self) -> String {
        format!("sip:{}@{}", self.user, self.domain)
    }
}

impl fmt::Display for SipAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.user, self.domain)
    }
}

/// The user name credentials are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    /// `DOMAIN\user` (or `DOMAIN/user`).
    DomainUser { domain: String, user: String },
    /// `user@company.com`: user principal name, sent whole with an empty domain.
    Principal(String),
    /// A bare user name.
    User(String),
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Login::DomainUser { domain, user } => write!(f, "{domain}\\{user}"),
            Login::Principal(name) | Login::User(name) => f.write_str(name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Auto,
    Tls,
    Tcp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    Auto,
    Ntlm,
    Kerberos,
    TlsDsk,
}

/// `host[:port]` from the Server field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    pub host: String,
    pub port: Option<u16>,
}

impl ServerAddress {
    /// The port to use: the configured one, else SIP's default for the transport.
    pub fn port_or_default(&self, transport: Transport) -> u16 {
        self.port.unwrap_or(match transport {
            Transport::Tcp => 5060,
            Transport::Auto | Transport::Tls => 5061,
        })
    }
}

/// Checked settings, ready for sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSettings {
    pub sip_address: SipAddress,
    /// Explicit Login, or the SIP address when the Login part is empty.
    pub login: Login,
    /// The Login field was left empty, so `login` is the SIP address. Where the Windows
    /// login differs from the sign-in address that is the usual reason a server refuses
    /// the credentials, and its error says to fill in Login.
    pub login_is_sip_address: bool,
    pub password: Option<Secret>,
    pub server: Option<ServerAddress>,
    pub transport: Transport,
    pub auth: AuthScheme,
    pub user_agent: Option<String>,
    pub sso: bool,
    pub dont_publish: bool,
    /// Email address for Exchange; the SIP address when not set.
    pub email: String,
    pub email_url: Option<String>,
    pub email_login: Option<String>,
    pub email_password: Option<Secret>,
    pub groupchat_user: Option<String>,
    /// Settings we read leniently (e.g. an unknown list value); for the debug log.
    pub notes: Vec<String>,
}

fn invalid_username(message: String) -> ConnectionError {
    ConnectionError::new(ErrorClass::InvalidUsername, message)
}

fn invalid_settings(message: String) -> ConnectionError {
    ConnectionError::new(ErrorClass::InvalidSettings, message)
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// A DNS name as Lync domains are: ASCII letters, digits, `-`, dots between labels.
fn is_domain_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// `name@domain` with no spaces: what an email address or SIP address must look like.
fn split_address(text: &str) -> Option<(&str, &str)> {
    let (user, domain) = text.split_once('@')?;
    let valid = !user.is_empty()
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && is_domain_name(domain);
    valid.then_some((user, domain))
}

fn parse_sip_address(text: &str) -> Result<SipAddress, ConnectionError> {
    const EXAMPLE: &str = "Enter your sign-in address, for example alice@contoso.com.";
    let without_scheme = match text.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("sip:") => &text[4..],
        _ => text,
    };
    if without_scheme.is_empty() {
        return Err(invalid_username(format!(
            "The Username (sign-in address) is empty. {EXAMPLE}"
        )));
    }
    if has_control(without_scheme) {
        return Err(invalid_username(format!(
            "The Username contains a tab, line break or other control character. {EXAMPLE}"
        )));
    }
    if without_scheme.chars().any(char::is_whitespace) {
        return Err(invalid_username(format!(
            "The Username \"{without_scheme}\" contains a space. {EXAMPLE}"
        )));
    }
    match split_address(without_scheme) {
        Some((user, domain)) => Ok(SipAddress {
            user: user.to_owned(),
            domain: domain.to_owned(),
        }),
        None => Err(invalid_username(format!(
            "The Username \"{without_scheme}\" is not a SIP address of the form user@domain. {EXAMPLE}"
        ))),
    }
}

fn parse_login(text: &str) -> Result<Login, ConnectionError> {
    const EXAMPLE: &str =
        "Use DOMAIN\\user or user@company.com, or leave Login empty to sign in with your Username.";
    if has_control(text) {
        return Err(invalid_settings(format!(
            "The Login contains a tab, line break or other control character. {EXAMPLE}"
        )));
    }
    if text.trim() != text {
        return Err(invalid_settings(format!(
            "The Login \"{text}\" starts or ends with a space. {EXAMPLE}"
        )));
    }
    if let Some((domain, user)) = text.split_once(['\\', '/']) {
        if domain.is_empty() || user.is_empty() {
            return Err(invalid_settings(format!(
                "The Login \"{text}\" needs both a domain and a user name around the backslash. {EXAMPLE}"
            )));
        }
        return Ok(Login::DomainUser {
            domain: domain.to_owned(),
            user: user.to_owned(),
        });
    }
    if text.contains('@') {
        return match split_address(text) {
            Some(_) => Ok(Login::Principal(text.to_owned())),
            None => Err(invalid_settings(format!(
                "The Login \"{text}\" is not of the form user@company.com. {EXAMPLE}"
            ))),
        };
    }
    Ok(Login::User(text.to_owned()))
}

fn parse_server(text: &str) -> Result<Option<ServerAddress>, ConnectionError> {
    const EXAMPLE: &str = "Use host or host:port, for example sip.contoso.com:5061, or leave it empty for auto-discovery.";
    if text.is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| {
        invalid_settings(format!(
            "The Server field \"{text}\" {why}. {EXAMPLE}",
            text = text.escape_debug()
        ))
    };
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("contains a space or control character"));
    }
    // "[v6]:port", "[v6]", "host:port" or "host".
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| bad("has an unclosed '['"))?;
        match after {
            "" => (host, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => return Err(bad("has text after ']' that is not a port")),
            },
        }
    } else {
        match text.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        }
    };
    if host.is_empty() {
        return Err(bad("has no host name"));
    }
    let port = match port {
        None => None,
        Some(port) => match port.parse::<u16>() {
            Ok(0) | Err(_) => return Err(bad("has a port that is not a number from 1 to 65535")),
            Ok(port) => Some(port),
        },
    };
    Ok(Some(ServerAddress {
        host: host.to_owned(),
        port,
    }))
}

/// What to check when a server refused the credentials (NTLM over SIP or HTTP): the
/// Password, and the Login, which must name the Windows account (`DOMAIN\user` or the user
/// principal name); an empty Login sends the sign-in address, which Active Directory takes
/// only where an administrator made it the account's UPN too.
pub fn credentials_refused(who: &str, settings: &AccountSettings) -> String {
    if settings.login_is_sip_address {
        format!(
            "{who} did not accept {sip} as a login with this password. Your Login field is \
             empty, so your sign-in address was sent as your Windows login, which it often is \
             not. Fill in Login (Basic tab, next to Username) with your Windows login: \
             DOMAIN\\user or your user principal name (user@company.com). If {sip} is your \
             Windows login, check the Password.",
            sip = settings.sip_address
        )
    } else {
        format!(
            "{who} did not accept the password for login {login} (signing in as {sip}). Check \
             the Password, and the Login field if your Windows login differs from your \
             sign-in address (DOMAIN\\user or user@company.com).",
            login = settings.login,
            sip = settings.sip_address
        )
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

impl AccountSettings {
    /// Checks what the user typed; the error names the field to fix.
    pub fn from_raw(raw: &RawSettings) -> Result<AccountSettings, ConnectionError> {
        let mut notes = Vec::new();
        // The account name is "sip-address,login": split at the first separator only.
        let (sip_part, login_part) = match raw.username.split_once(LOGIN_SEPARATOR) {
            Some((sip, login)) => (sip, login),
            None => (raw.username.as_str(), ""),
        };
        let sip_address = parse_sip_address(sip_part)?;
        let login = if login_part.is_empty() {
            Login::Principal(sip_address.to_string())
        } else {
            parse_login(login_part)?
        };

        let sso = raw.toggle(KEY_SSO);
        let password = raw.password.clone().filter(|p| !p.expose().is_empty());
        if !sso && password.is_none() {
            return Err(invalid_settings(
                "A password is required when Single Sign-On is not enabled. Enter your password in the Basic tab."
                    .to_owned(),
            ));
        }

        let email = raw.text(KEY_EMAIL);
        if !email.is_empty() && split_address(email).is_none() {
            return Err(invalid_settings(format!(
                "The Email address \"{}\" is not valid. Use the form user@company.com, or leave it empty to use your Username.",
                email.escape_debug()
            )));
        }
        let email_url = raw.text(KEY_EMAIL_URL);
        if !email_url.is_empty() && !is_https_url(email_url) {
            return Err(invalid_settings(format!(
                "The Email services URL \"{}\" must be an https:// address, for example https://exchange.contoso.com/EWS/Exchange.asmx, or leave it empty for auto-discovery.",
                email_url.escape_debug()
            )));
        }
        let email_login = raw.text(KEY_EMAIL_LOGIN);
        if has_control(email_login) {
            return Err(invalid_settings(
                "The Email login contains a tab, line break or other control character. Use DOMAIN\\user or user@company.com, or leave it empty."
                    .to_owned(),
            ));
        }
        let groupchat_user = raw.text(KEY_GROUPCHAT_USER);
        if !groupchat_user.is_empty()
            && !is_domain_name(groupchat_user)
            && split_address(groupchat_user).is_none()
        {
            return Err(invalid_settings(format!(
                "The Group Chat Proxy \"{}\" is not valid. Use company.com or user@company.com, or leave it empty.",
                groupchat_user.escape_debug()
            )));
        }
        let user_agent = raw.text(KEY_USER_AGENT);
        if has_control(user_agent) {
            return Err(invalid_settings(
                "The User Agent contains a line break or other control character. Enter it on one line, or leave it empty for the default."
                    .to_owned(),
            ));
        }

        let server = parse_server(raw.text(KEY_SERVER))?;
        let transport = match raw.text(KEY_TRANSPORT) {
            "" | "auto" => Transport::Auto,
            "tls" => Transport::Tls,
            "tcp" => Transport::Tcp,
            other => {
                notes.push(format!("unknown Connection type {other:?}, using Auto"));
                Transport::Auto
            }
        };
        // Unset means Auto (pidgin-sipe reads unset as NTLM; we do not copy that).
        let auth = match raw.text(KEY_AUTHENTICATION) {
            "" | "auto" => AuthScheme::Auto,
            "ntlm" => AuthScheme::Ntlm,
            "krb5" => AuthScheme::Kerberos,
            "tls-dsk" => AuthScheme::TlsDsk,
            other => {
                notes.push(format!(
                    "unknown Authentication scheme {other:?}, using Auto"
                ));
                AuthScheme::Auto
            }
        };

        Ok(AccountSettings {
            email: if email.is_empty() {
                sip_address.to_string()
            } else {
                email.to_owned()
            },
            sip_address,
            login,
            login_is_sip_address: login_part.is_empty(),
            password,
            server,
            transport,
            auth,
            user_agent: non_empty(user_agent),
            sso,
            dont_publish: raw.toggle(KEY_DONT_PUBLISH),
            email_url: non_empty(email_url),
            email_login: non_empty(email_login),
            email_password: raw
                .email_password
                .clone()
                .filter(|p| !p.expose().is_empty()),
            groupchat_user: non_empty(groupchat_user),
            notes,
        })
    }

    /// Refuses what this version cannot do yet, saying what to change instead.
    pub fn check_supported(&self) -> Result<(), ConnectionError> {
        if self.sso {
            return Err(ConnectionError::new(
                ErrorClass::AuthenticationImpossible,
                "Single Sign-On needs Kerberos, which this version of purple-lync does not support yet. \
                 Untick \"Use Single Sign-On\" in the Advanced tab and enter your password.",
            ));
        }
        if self.auth == AuthScheme::Kerberos {
            return Err(ConnectionError::new(
                ErrorClass::AuthenticationImpossible,
                "Kerberos is not supported by this version of purple-lync yet. \
                 Choose Auto, NTLM or TLS-DSK as Authentication scheme in the Advanced tab.",
            ));
        }
        Ok(())
    }
}

fn is_https_url(text: &str) -> bool {
    let Some(scheme) = text.get(..8) else {
        return false;
    };
    let rest = &text[8..];
    scheme.eq_ignore_ascii_case("https://")
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests;

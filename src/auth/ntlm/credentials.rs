//! User credentials and the login-name split.

use std::fmt;

/// A password. Its `Debug` output never shows the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn new(password: impl Into<String>) -> Self {
        Self(password.into())
    }

    /// The password text, for the few places that must compute with it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// User and domain as NTLM wants them (the domain may be empty).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LoginName {
    pub user: String,
    pub domain: String,
}

/// Splits a login the way pidgin-sipe does:
///
/// - `DOMAIN\user` or `DOMAIN/user` (split at the first `\` or `/`) → domain and user;
/// - `user@domain` (a UPN) → the whole UPN as user, empty domain: the server resolves it;
/// - a literal `\@` marks an "enterprise" name whose `\@` stands for `@`, e.g.
///   `user\@corp.example@tenant.example` → user `user@corp.example@tenant.example`,
///   empty domain;
/// - anything else → user, empty domain.
pub fn split_login(login: &str) -> LoginName {
    const ENTERPRISE_MARKER: &str = "\\@";
    if login.contains(ENTERPRISE_MARKER) {
        return LoginName {
            user: login.replace(ENTERPRISE_MARKER, "@"),
            domain: String::new(),
        };
    }
    match login.split_once(['\\', '/']) {
        Some((domain, user)) => LoginName {
            user: user.to_owned(),
            domain: domain.to_owned(),
        },
        None => LoginName {
            user: login.to_owned(),
            domain: String::new(),
        },
    }
}

/// What the client authenticates with.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub domain: String,
    pub password: Password,
}

impl Credentials {
    pub fn new(user: impl Into<String>, domain: impl Into<String>, password: Password) -> Self {
        Self {
            user: user.into(),
            domain: domain.into(),
            password,
        }
    }

    /// Credentials from a login as the user typed it (see [`split_login`]).
    pub fn from_login(login: &str, password: Password) -> Self {
        let LoginName { user, domain } = split_login(login);
        Self {
            user,
            domain,
            password,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("domain", &self.domain)
            .field("password", &self.password)
            .finish()
    }
}

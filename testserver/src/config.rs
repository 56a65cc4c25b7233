//! The server's TOML configuration: the organisation it pretends to be.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::logins::{Logins, default_netbios_domain};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SIP domain, e.g. `contoso.test`.
    pub domain: String,
    /// Seconds granted on REGISTER.
    #[serde(default = "default_register_expires")]
    pub register_expires: u32,
    /// Seconds granted to a SUBSCRIBE at most.
    #[serde(default = "default_subscribe_expires")]
    pub subscribe_expires: u32,
    /// Host name the server calls itself (targetname, certificate name).
    #[serde(default)]
    pub server_name: Option<String>,
    /// The Active Directory domain's NetBIOS name, the `DOMAIN` of `DOMAIN\user` logins.
    /// Default: the first label of `domain`, upper-cased, at most 15 characters
    /// (`contoso.test` → `CONTOSO`), which is what AD's setup proposes.
    #[serde(default)]
    pub netbios_domain: Option<String>,
    #[serde(default)]
    pub listen: Listen,
    #[serde(default)]
    pub auth: Auth,
    /// Where the CA and server certificate are written (default: a temp directory).
    #[serde(default)]
    pub state_dir: Option<String>,
    #[serde(default)]
    pub users: Vec<User>,
}

fn default_register_expires() -> u32 {
    900
}

fn default_subscribe_expires() -> u32 {
    3600
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listen {
    #[serde(default = "default_listen")]
    pub sip_tls: String,
    #[serde(default)]
    pub sip_tcp: Option<String>,
    #[serde(default = "default_listen")]
    pub https: String,
}

fn default_listen() -> String {
    "127.0.0.1:0".to_owned()
}

impl Default for Listen {
    fn default() -> Self {
        Listen {
            sip_tls: default_listen(),
            sip_tcp: None,
            https: default_listen(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// Schemes offered in 401s, in this order: "ntlm", "tls-dsk".
    #[serde(default = "default_schemes")]
    pub schemes: Vec<String>,
    /// Inner TLS versions accepted for TLS-DSK: "1.2", "1.0".
    #[serde(default = "default_tls_dsk_versions")]
    pub tls_dsk_versions: Vec<String>,
    /// Signature hashes certificate provisioning accepts on a PKCS#10 request: "sha1",
    /// "sha256" (a server that says no to SHA-1 asks for SHA-256 in its fault).
    #[serde(default = "default_csr_hashes")]
    pub csr_hashes: Vec<String>,
    /// How long provisioned client certificates are valid.
    #[serde(default = "default_client_certificate_hours")]
    pub client_certificate_hours: u64,
    /// What certificate provisioning returns: "x509" (the certificate) or "pkcs7" (a
    /// SignedData chain with the CA, which [MS-WSTEP] also allows).
    #[serde(default = "default_certificate_format")]
    pub certificate_format: String,
}

fn default_certificate_format() -> String {
    "x509".to_owned()
}

fn default_csr_hashes() -> Vec<String> {
    vec!["sha1".to_owned(), "sha256".to_owned()]
}

/// 180 days, as Lync issues them.
fn default_client_certificate_hours() -> u64 {
    180 * 24
}

fn default_schemes() -> Vec<String> {
    vec!["ntlm".to_owned(), "tls-dsk".to_owned()]
}

fn default_tls_dsk_versions() -> Vec<String> {
    vec!["1.2".to_owned(), "1.0".to_owned()]
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            schemes: default_schemes(),
            tls_dsk_versions: default_tls_dsk_versions(),
            csr_hashes: default_csr_hashes(),
            client_certificate_hours: default_client_certificate_hours(),
            certificate_format: default_certificate_format(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// SIP address without `sip:`.
    pub sip: String,
    /// The user's Windows login as their administrator would tell them: the down-level
    /// logon name `DOMAIN\sAMAccountName`, or the user principal name `name@suffix`.
    /// See `crate::logins` for what each form implies and the defaults.
    #[serde(default)]
    pub login: Option<String>,
    /// The user principal name (AD's `userPrincipalName`), when `login` does not give it.
    /// Without `login` and `upn` the UPN is the SIP address (the usual deployment); with a
    /// `DOMAIN\user` login and no `upn` the user signs in with `DOMAIN\user` only.
    #[serde(default)]
    pub upn: Option<String>,
    pub password: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Presence shown while the user is not signed in: available, busy, do-not-disturb,
    /// be-right-back, away, offline.
    #[serde(default)]
    pub presence: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Answer IMs to this user with `echo: <text>`.
    #[serde(default)]
    pub echo: bool,
    /// Contact groups: group name → SIP addresses.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub office: Option<String>,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        config.check()?;
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        Config::from_toml(&text)
    }

    fn check(&self) -> Result<(), ConfigError> {
        if self.domain.is_empty() {
            return Err(ConfigError("domain must not be empty".into()));
        }
        for scheme in &self.auth.schemes {
            if !matches!(scheme.as_str(), "ntlm" | "tls-dsk") {
                return Err(ConfigError(format!(
                    "unknown auth scheme {scheme:?} (ntlm, tls-dsk)"
                )));
            }
        }
        if !matches!(self.auth.certificate_format.as_str(), "x509" | "pkcs7") {
            return Err(ConfigError(format!(
                "unknown certificate_format {:?} (x509, pkcs7)",
                self.auth.certificate_format
            )));
        }
        for version in &self.auth.tls_dsk_versions {
            if !matches!(version.as_str(), "1.0" | "1.1" | "1.2") {
                return Err(ConfigError(format!(
                    "unknown TLS version {version:?} (1.0, 1.1, 1.2)"
                )));
            }
        }
        for hash in &self.auth.csr_hashes {
            if !matches!(hash.as_str(), "sha1" | "sha256") {
                return Err(ConfigError(format!(
                    "unknown certificate request hash {hash:?} (sha1, sha256)"
                )));
            }
        }
        if self.auth.tls_dsk_versions.is_empty() {
            return Err(ConfigError(
                "auth.tls_dsk_versions must not be empty".into(),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        // AD keeps sAMAccountNames unique in a domain and UPNs unique in the forest.
        let mut logins_seen = std::collections::HashSet::new();
        let netbios_domain = self.netbios_domain();
        for user in &self.users {
            if !user.sip.contains('@') {
                return Err(ConfigError(format!(
                    "user {:?}: sip must be user@domain",
                    user.sip
                )));
            }
            if !seen.insert(user.sip.to_ascii_lowercase()) {
                return Err(ConfigError(format!("user {:?} is listed twice", user.sip)));
            }
            let logins = Logins::of(user, &netbios_domain)
                .map_err(|e| ConfigError(format!("user {:?}: {e}", user.sip)))?;
            for login in [Some(logins.down_level()), logins.upn]
                .into_iter()
                .flatten()
            {
                if !logins_seen.insert(login.to_ascii_lowercase()) {
                    return Err(ConfigError(format!(
                        "user {:?}: the login {login} belongs to another user too",
                        user.sip
                    )));
                }
            }
        }
        Ok(())
    }

    /// The NetBIOS name of the org's AD domain (see `netbios_domain`).
    pub fn netbios_domain(&self) -> String {
        self.netbios_domain
            .clone()
            .unwrap_or_else(|| default_netbios_domain(&self.domain))
    }

    pub fn server_name(&self) -> String {
        self.server_name
            .clone()
            .unwrap_or_else(|| format!("lyncfe.{}", self.domain))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_parses() {
        let config = Config::from_toml(
            r#"
            domain = "contoso.test"
            register_expires = 900
            [listen]
            sip_tls = "127.0.0.1:0"
            sip_tcp = "127.0.0.1:0"
            https   = "127.0.0.1:0"
            [auth]
            schemes = ["ntlm", "tls-dsk"]
            tls_dsk_versions = ["1.2", "1.0"]
            [[users]]
            sip = "alice@contoso.test"
            login = "CONTOSO\\alice"
            password = "Alice-pass-1"
            name = "Alice Anders"
            presence = "available"
            note = "In Oslo"
            echo = false
            [users.groups]
            "Team" = ["bob@contoso.test"]
            "#,
        )
        .unwrap();
        assert_eq!(config.users[0].login.as_deref(), Some("CONTOSO\\alice"));
        assert_eq!(config.users[0].groups["Team"], ["bob@contoso.test"]);
        assert_eq!(config.listen.sip_tcp.as_deref(), Some("127.0.0.1:0"));
    }

    #[test]
    fn logins_are_unique_and_the_netbios_domain_can_be_set() {
        let two_alices = r#"
            domain = "contoso.test"
            [[users]]
            sip = "alice@contoso.test"
            password = "x"
            [[users]]
            sip = "alice2@contoso.test"
            login = "CONTOSO\\alice"
            password = "y"
            "#;
        let err = Config::from_toml(two_alices).unwrap_err();
        assert!(err.0.contains("CONTOSO\\alice"), "{err}");
        let set = "domain = \"contoso.test\"\nnetbios_domain = \"CORP\"";
        assert_eq!(Config::from_toml(set).unwrap().netbios_domain(), "CORP");
        let err = Config::from_toml(
            "domain = \"x\"\n[[users]]\nsip = \"a@x\"\nlogin = \"a\"\npassword = \"p\"",
        )
        .unwrap_err();
        assert!(err.0.contains("DOMAIN\\name"), "{err}");
    }

    #[test]
    fn mistakes_are_named() {
        let err = Config::from_toml("domain = \"x\"\n[auth]\nschemes = [\"digest\"]").unwrap_err();
        assert!(err.0.contains("digest"), "{err}");
        let err = Config::from_toml("domain = \"x\"\nbogus = 1").unwrap_err();
        assert!(err.0.contains("bogus"), "{err}");
    }
}

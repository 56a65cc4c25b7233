//! Who a login names, as Active Directory resolves it.
//!
//! An AD user account has two logon names (Microsoft, "User Name Formats",
//! <https://learn.microsoft.com/en-us/windows/win32/secauthn/user-name-formats>):
//!
//! - the down-level logon name `DOMAIN\UserName`: the domain's NetBIOS name and the
//!   account's `sAMAccountName`;
//! - the user principal name `name@suffix` (`userPrincipalName`), set by the administrator.
//!
//! The SIP address (`msRTCSIP-PrimaryUserAddress`) is a third attribute of the same account
//! and is *not* a logon name: it works as a login only where the administrator made the UPN
//! the same string. Lync deployments often do that, and as often do not (UPN
//! `a.anders@corp.contoso.com`, SIP address `alice@contoso.com`). That second kind is the
//! case pidgin-sipe's "Login" field exists for ("user or DOMAIN\user or user@company.com";
//! it falls back to the sign-in address when empty, reference/sipe-facts.md §2.1).
//!
//! NTLM carries the login in the AUTHENTICATE message's DomainName and UserName fields
//! ([MS-NLMP] 2.2.1.3); the server hands DomainName to the domain controller as the logon
//! domain ([MS-NRPC] 2.2.1.4.5: `Identity.LogonDomainName` must match the DomainName of the
//! AUTHENTICATE message). Clients send `DOMAIN\user` as domain and user, and a UPN whole as
//! the user with an empty domain (pidgin-sipe, reference/sipe-facts.md §3.3; our
//! `purple_lync::auth::ntlm::split_login`). The web ticket service authenticates the same
//! credentials with HTTP NTLM, so the same rules hold there. Account names compare without
//! regard to case (`MSV1_0_SUBAUTH_LOGON.UserName`: "The name is not case-sensitive").
//!
//! Deliberately stricter than a real domain controller, never more lenient:
//! - implicit UPNs (`sAMAccountName@<AD DNS domain>`, which AD accepts even without an
//!   explicit UPN) are not modelled: a user has only the UPN the config gives;
//! - the domain's DNS name in place of its NetBIOS name, and a bare user name with an empty
//!   domain (which a member server may look up in its own domain), are refused.

use crate::config::User;

/// The longest `sAMAccountName` AD allows (the "pre-Windows 2000" logon name).
const SAM_ACCOUNT_NAME_MAX: usize = 20;
/// NetBIOS names are at most 15 characters.
const NETBIOS_NAME_MAX: usize = 15;

/// The NetBIOS name AD's setup proposes for a DNS domain: its first label, upper-cased,
/// cut to 15 characters (`contoso.test` → `CONTOSO`).
pub fn default_netbios_domain(dns_domain: &str) -> String {
    dns_domain
        .split('.')
        .next()
        .unwrap_or_default()
        .chars()
        .take(NETBIOS_NAME_MAX)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// One user's logon names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logins {
    /// NetBIOS name of the user's domain.
    pub netbios_domain: String,
    pub sam_account_name: String,
    /// The UPN, if the account has one (see the module notes on implicit UPNs).
    pub upn: Option<String>,
}

/// `name@suffix` with both parts present.
fn is_upn(text: &str) -> bool {
    matches!(text.split_once('@'), Some((name, suffix))
        if !name.is_empty() && !suffix.is_empty() && !suffix.contains('@'))
}

/// The `sAMAccountName` an administrator's tools derive from a UPN: its name part, cut to
/// 20 characters.
fn sam_from_upn(upn: &str) -> String {
    let name = upn.split_once('@').map_or(upn, |(name, _)| name);
    name.chars().take(SAM_ACCOUNT_NAME_MAX).collect()
}

impl Logins {
    /// A user's logon names from the org config:
    ///
    /// - `login = "DOMAIN\\name"`: that domain and `sAMAccountName`; UPN only if `upn` says;
    /// - `login = "name@suffix"`: that UPN; `sAMAccountName` from its name part in the
    ///   org's NetBIOS domain;
    /// - no `login`: UPN from `upn`, else the SIP address (the usual deployment, which keeps
    ///   configs without logins meaning what they did); `sAMAccountName` from the UPN.
    pub fn of(user: &User, org_netbios_domain: &str) -> Result<Logins, String> {
        let upn = match &user.upn {
            Some(upn) if !is_upn(upn) => {
                return Err(format!("upn {upn:?} is not of the form name@suffix"));
            }
            other => other.clone(),
        };
        match user.login.as_deref() {
            Some(login) => match login.split_once('\\') {
                Some((domain, sam)) => {
                    if domain.is_empty() || sam.is_empty() || sam.contains(['\\', '@']) {
                        return Err(format!(
                            "login {login:?} is not of the form DOMAIN\\name or name@suffix"
                        ));
                    }
                    if sam.chars().count() > SAM_ACCOUNT_NAME_MAX {
                        return Err(format!(
                            "login {login:?}: a sAMAccountName has at most {SAM_ACCOUNT_NAME_MAX} characters"
                        ));
                    }
                    Ok(Logins {
                        netbios_domain: domain.to_owned(),
                        sam_account_name: sam.to_owned(),
                        upn,
                    })
                }
                None if is_upn(login) => {
                    if upn.as_ref().is_some_and(|u| !u.eq_ignore_ascii_case(login)) {
                        return Err(format!(
                            "login {login:?} is a UPN, and upn says another one: give one"
                        ));
                    }
                    Ok(Logins {
                        netbios_domain: org_netbios_domain.to_owned(),
                        sam_account_name: sam_from_upn(login),
                        upn: Some(login.to_owned()),
                    })
                }
                None => Err(format!(
                    "login {login:?} is not of the form DOMAIN\\name or name@suffix"
                )),
            },
            None => {
                let upn = upn.unwrap_or_else(|| user.sip.clone());
                Ok(Logins {
                    netbios_domain: org_netbios_domain.to_owned(),
                    sam_account_name: sam_from_upn(&upn),
                    upn: Some(upn),
                })
            }
        }
    }

    /// Whether NTLM's UserName and DomainName fields name this account: `DOMAIN` +
    /// `sAMAccountName`, or the UPN with an empty domain.
    pub fn accepts(&self, user: &str, domain: &str) -> bool {
        if domain.is_empty() {
            self.upn
                .as_deref()
                .is_some_and(|upn| upn.eq_ignore_ascii_case(user))
        } else {
            domain.eq_ignore_ascii_case(&self.netbios_domain)
                && user.eq_ignore_ascii_case(&self.sam_account_name)
        }
    }

    /// `DOMAIN\sAMAccountName`.
    pub fn down_level(&self) -> String {
        format!("{}\\{}", self.netbios_domain, self.sam_account_name)
    }
}

#[cfg(test)]
mod tests;

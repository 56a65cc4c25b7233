//! The account options shown in Pidgin's account dialog.
//!
//! Keys, types, choices and defaults are pidgin-sipe's (sipe-facts.md §2), so an existing
//! pidgin-sipe account keeps its settings when its protocol id is changed to `prpl-lync`.
//! Keys pidgin-sipe has that we do not show yet stay reserved: see [`RESERVED_KEYS`].

/// Separator of the Username field's "Login" part: the account name is `sip-address,login`.
pub const LOGIN_SEPARATOR: char = ',';

/// Label of the "Login" user split in the Basic tab.
pub const LOGIN_LABEL: &str =
    "Login\n(DOMAIN\\user or user@company.com;\nempty if the same as Username)";

/// Grey hint Pidgin shows inside the empty Username field ("login_label").
pub const USERNAME_HINT: &str = "user@company.com";

/// How an option is edited and what it starts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Text {
        masked: bool,
    },
    Toggle {
        default: bool,
    },
    /// The first choice is the default, as libpurple's list options have it.
    Choice {
        choices: &'static [(&'static str, &'static str)],
    },
}

/// One option of the Advanced tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountOption {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: OptionKind,
}

pub const KEY_SERVER: &str = "server";
pub const KEY_TRANSPORT: &str = "transport";
pub const KEY_USER_AGENT: &str = "useragent";
pub const KEY_AUTHENTICATION: &str = "authentication";
pub const KEY_SSO: &str = "sso";
pub const KEY_DONT_PUBLISH: &str = "dont-publish";
pub const KEY_EMAIL_URL: &str = "email_url";
pub const KEY_EMAIL: &str = "email";
pub const KEY_EMAIL_LOGIN: &str = "email_login";
pub const KEY_EMAIL_PASSWORD: &str = "email_password";
pub const KEY_GROUPCHAT_USER: &str = "groupchat_user";

pub const TRANSPORT_CHOICES: &[(&str, &str)] =
    &[("Auto", "auto"), ("SSL/TLS", "tls"), ("TCP", "tcp")];

pub const AUTHENTICATION_CHOICES: &[(&str, &str)] = &[
    ("Auto", "auto"),
    ("NTLM", "ntlm"),
    ("Kerberos", "krb5"),
    ("TLS-DSK", "tls-dsk"),
];

/// The Advanced tab, in display order.
pub const ACCOUNT_OPTIONS: &[AccountOption] = &[
    AccountOption {
        key: KEY_SERVER,
        label: "Server[:Port]\n(leave empty for auto-discovery)",
        kind: OptionKind::Text { masked: false },
    },
    AccountOption {
        key: KEY_TRANSPORT,
        label: "Connection type",
        kind: OptionKind::Choice {
            choices: TRANSPORT_CHOICES,
        },
    },
    AccountOption {
        key: KEY_USER_AGENT,
        label: "User Agent\n(leave empty for the default)",
        kind: OptionKind::Text { masked: false },
    },
    AccountOption {
        key: KEY_AUTHENTICATION,
        label: "Authentication scheme",
        kind: OptionKind::Choice {
            choices: AUTHENTICATION_CHOICES,
        },
    },
    AccountOption {
        key: KEY_SSO,
        label: "Use Single Sign-On\n(Kerberos ticket, no password)",
        kind: OptionKind::Toggle { default: false },
    },
    AccountOption {
        key: KEY_DONT_PUBLISH,
        label: "Don't publish my calendar information",
        kind: OptionKind::Toggle { default: false },
    },
    AccountOption {
        key: KEY_EMAIL_URL,
        label: "Email services URL\n(leave empty for auto-discovery)",
        kind: OptionKind::Text { masked: false },
    },
    AccountOption {
        key: KEY_EMAIL,
        label: "Email address\n(if different from Username)",
        kind: OptionKind::Text { masked: false },
    },
    AccountOption {
        key: KEY_EMAIL_LOGIN,
        label: "Email login\n(if different from Login)",
        kind: OptionKind::Text { masked: false },
    },
    AccountOption {
        key: KEY_EMAIL_PASSWORD,
        label: "Email password\n(if different from Password)",
        kind: OptionKind::Text { masked: true },
    },
    AccountOption {
        key: KEY_GROUPCHAT_USER,
        label: "Group Chat Proxy\n(company.com or user@company.com;\nleave empty to derive from Username)",
        kind: OptionKind::Text { masked: false },
    },
];

/// pidgin-sipe keys we do not show (their features are not planned yet). They are never
/// given another meaning, so a migrated account's values stay harmless.
pub const RESERVED_KEYS: &[&str] = &["allow-web-photo", "rdp_client", "encryption-policy"];

/// Looks up an option by key.
pub fn option(key: &str) -> Option<&'static AccountOption> {
    ACCOUNT_OPTIONS.iter().find(|o| o.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_pidgin_sipes_in_order() {
        let keys: Vec<_> = ACCOUNT_OPTIONS.iter().map(|o| o.key).collect();
        assert_eq!(
            keys,
            [
                "server",
                "transport",
                "useragent",
                "authentication",
                "sso",
                "dont-publish",
                "email_url",
                "email",
                "email_login",
                "email_password",
                "groupchat_user"
            ]
        );
    }

    #[test]
    fn list_defaults_are_auto() {
        for key in [KEY_TRANSPORT, KEY_AUTHENTICATION] {
            let Some(AccountOption {
                kind: OptionKind::Choice { choices },
                ..
            }) = option(key)
            else {
                panic!("{key} is a list option");
            };
            assert_eq!(
                choices[0].1, "auto",
                "{key}: the first choice is the default"
            );
        }
    }

    #[test]
    fn only_the_email_password_is_masked() {
        let masked: Vec<_> = ACCOUNT_OPTIONS
            .iter()
            .filter(|o| matches!(o.kind, OptionKind::Text { masked: true }))
            .map(|o| o.key)
            .collect();
        assert_eq!(masked, [KEY_EMAIL_PASSWORD]);
    }

    #[test]
    fn reserved_keys_are_not_shown() {
        for key in RESERVED_KEYS {
            assert!(option(key).is_none(), "{key} is reserved, not shown");
        }
    }
}

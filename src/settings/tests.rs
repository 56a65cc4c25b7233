use super::*;

fn raw(username: &str) -> RawSettings {
    RawSettings {
        username: username.to_owned(),
        password: Some(Secret::new("Alice-pass-1")),
        ..RawSettings::default()
    }
}

fn with_text(mut raw: RawSettings, key: &str, value: &str) -> RawSettings {
    raw.text.push((key.to_owned(), value.to_owned()));
    raw
}

fn error_of(raw: &RawSettings) -> ConnectionError {
    AccountSettings::from_raw(raw).expect_err("settings must be refused")
}

#[test]
fn sip_address_and_login_are_kept_apart() {
    let s = AccountSettings::from_raw(&raw("alice@contoso.com,CONTOSO\\alice.a")).unwrap();
    assert_eq!(s.sip_address.to_string(), "alice@contoso.com");
    assert_eq!(s.sip_address.uri(), "sip:alice@contoso.com");
    assert_eq!(
        s.login,
        Login::DomainUser {
            domain: "CONTOSO".into(),
            user: "alice.a".into()
        }
    );
    assert_eq!(
        s.email, "alice@contoso.com",
        "email defaults to the SIP address"
    );
}

#[test]
fn empty_login_means_the_sip_address() {
    let s = AccountSettings::from_raw(&raw("alice@contoso.com")).unwrap();
    assert_eq!(s.login, Login::Principal("alice@contoso.com".into()));
    let s = AccountSettings::from_raw(&raw("alice@contoso.com,")).unwrap();
    assert_eq!(s.login, Login::Principal("alice@contoso.com".into()));
    assert!(s.login_is_sip_address);
    let s = AccountSettings::from_raw(&raw("alice@contoso.com,alice@contoso.com")).unwrap();
    assert!(!s.login_is_sip_address, "typed in, even if the same");
}

#[test]
fn refused_credentials_name_the_login_or_say_it_is_empty() {
    let s = AccountSettings::from_raw(&raw("alice@contoso.com,CONTOSO\\alice.a")).unwrap();
    let text = credentials_refused("The server", &s);
    assert!(text.starts_with("The server did not accept the password for login CONTOSO\\alice.a"));
    assert!(
        text.contains("Password") && text.contains("Login field"),
        "{text}"
    );
    let s = AccountSettings::from_raw(&raw("alice@contoso.com")).unwrap();
    let text = credentials_refused("The server", &s);
    for part in [
        "alice@contoso.com",
        "Your Login field is empty",
        "Fill in Login (Basic tab",
        "DOMAIN\\user or your user principal name (user@company.com)",
        "Password",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn login_forms() {
    let login = |text: &str| {
        AccountSettings::from_raw(&raw(&format!("a@b.com,{text}")))
            .unwrap()
            .login
    };
    assert_eq!(
        login("alice.a@corp.test"),
        Login::Principal("alice.a@corp.test".into())
    );
    assert_eq!(
        login("CORP/alice"),
        Login::DomainUser {
            domain: "CORP".into(),
            user: "alice".into()
        }
    );
    assert_eq!(login("alice"), Login::User("alice".into()));
    // Windows account names may contain spaces inside.
    assert_eq!(
        login("CORP\\Alice Anders"),
        Login::DomainUser {
            domain: "CORP".into(),
            user: "Alice Anders".into()
        }
    );
    // Only the first comma separates: the rest belongs to the login.
    assert_eq!(login("x,y"), Login::User("x,y".into()));
}

#[test]
fn sip_scheme_prefix_is_accepted() {
    let s = AccountSettings::from_raw(&raw("SIP:alice@contoso.com")).unwrap();
    assert_eq!(s.sip_address.to_string(), "alice@contoso.com");
}

#[test]
fn bad_sip_addresses_are_invalid_username_with_an_example() {
    for username in [
        "alice",
        "@contoso.com",
        "alice@",
        "alice@@contoso.com",
        "a@b@c.com",
        "alice@contoso..com",
        "",
    ] {
        let err = error_of(&raw(username));
        assert_eq!(err.class, ErrorClass::InvalidUsername, "{username:?}");
        assert!(err.message.contains("Username"), "{}", err.message);
        assert!(
            err.message.contains("alice@contoso.com"),
            "example missing: {}",
            err.message
        );
    }
}

#[test]
fn whitespace_and_control_characters_in_the_sip_address() {
    let err = error_of(&raw("alice smith@contoso.com"));
    assert_eq!(err.class, ErrorClass::InvalidUsername);
    assert!(err.message.contains("space"), "{}", err.message);
    for bad in [
        "alice\t@contoso.com",
        "alice@contoso.com\n",
        "al\u{b}ice@contoso.com",
        "alice\r@x.com",
    ] {
        let err = error_of(&raw(bad));
        assert_eq!(err.class, ErrorClass::InvalidUsername);
        assert!(err.message.contains("control character"), "{}", err.message);
    }
}

#[test]
fn bad_logins_are_invalid_settings_naming_login() {
    for login in ["\\alice", "CORP\\", "alice@", " alice", "al\nice"] {
        let err = error_of(&raw(&format!("alice@contoso.com,{login}")));
        assert_eq!(err.class, ErrorClass::InvalidSettings, "{login:?}");
        assert!(err.message.contains("Login"), "{}", err.message);
        assert!(err.message.contains("DOMAIN\\user"), "{}", err.message);
    }
}

#[test]
fn password_is_required_unless_single_sign_on() {
    let mut r = raw("alice@contoso.com");
    r.password = None;
    let err = error_of(&r);
    assert_eq!(err.class, ErrorClass::InvalidSettings);
    assert!(err.message.contains("password"), "{}", err.message);
    r.password = Some(Secret::new(""));
    assert_eq!(error_of(&r).class, ErrorClass::InvalidSettings);
    r.toggles.push((KEY_SSO.into(), true));
    let s = AccountSettings::from_raw(&r).expect("SSO needs no password");
    assert!(s.sso);
}

#[test]
fn email_must_be_an_address() {
    let err = error_of(&with_text(raw("a@b.com"), KEY_EMAIL, "not-an-address"));
    assert_eq!(err.class, ErrorClass::InvalidSettings);
    assert!(err.message.contains("Email address"), "{}", err.message);
    assert!(err.message.contains("user@company.com"), "{}", err.message);
    let s = AccountSettings::from_raw(&with_text(
        raw("a@b.com"),
        KEY_EMAIL,
        "alice.anders@contoso.com",
    ))
    .unwrap();
    assert_eq!(s.email, "alice.anders@contoso.com");
}

#[test]
fn email_url_must_be_https() {
    for url in [
        "http://exchange.contoso.com/EWS/Exchange.asmx",
        "exchange.contoso.com",
        "https://",
        "https:// x",
    ] {
        let err = error_of(&with_text(raw("a@b.com"), KEY_EMAIL_URL, url));
        assert_eq!(err.class, ErrorClass::InvalidSettings, "{url}");
        assert!(
            err.message.contains("Email services URL"),
            "{}",
            err.message
        );
        assert!(
            err.message
                .contains("https://exchange.contoso.com/EWS/Exchange.asmx")
        );
    }
    let s = AccountSettings::from_raw(&with_text(
        raw("a@b.com"),
        KEY_EMAIL_URL,
        "HTTPS://mail.contoso.com/EWS/Exchange.asmx",
    ))
    .unwrap();
    assert_eq!(
        s.email_url.as_deref(),
        Some("HTTPS://mail.contoso.com/EWS/Exchange.asmx")
    );
}

#[test]
fn server_field() {
    let server = |text: &str| {
        AccountSettings::from_raw(&with_text(raw("a@b.com"), KEY_SERVER, text)).map(|s| s.server)
    };
    assert_eq!(server("").unwrap(), None);
    assert_eq!(
        server("sip.contoso.com").unwrap(),
        Some(ServerAddress {
            host: "sip.contoso.com".into(),
            port: None
        })
    );
    assert_eq!(
        server("sip.contoso.com:443").unwrap(),
        Some(ServerAddress {
            host: "sip.contoso.com".into(),
            port: Some(443)
        })
    );
    assert_eq!(
        server("[::1]:5061").unwrap(),
        Some(ServerAddress {
            host: "::1".into(),
            port: Some(5061)
        })
    );
    for bad in [
        "host:0",
        "host:99999",
        "host:abc",
        ":5061",
        "sip contoso",
        "[::1",
        "[::1]x",
    ] {
        let err = server(bad).expect_err(bad);
        assert_eq!(err.class, ErrorClass::InvalidSettings);
        assert!(err.message.contains("Server"), "{}", err.message);
        assert!(
            err.message.contains("sip.contoso.com:5061"),
            "{}",
            err.message
        );
    }
}

#[test]
fn default_ports_follow_the_transport() {
    let server = ServerAddress {
        host: "x".into(),
        port: None,
    };
    assert_eq!(server.port_or_default(Transport::Auto), 5061);
    assert_eq!(server.port_or_default(Transport::Tls), 5061);
    assert_eq!(server.port_or_default(Transport::Tcp), 5060);
}

#[test]
fn unset_authentication_means_auto_not_ntlm() {
    let s = AccountSettings::from_raw(&raw("a@b.com")).unwrap();
    assert_eq!(s.auth, AuthScheme::Auto);
    assert_eq!(s.transport, Transport::Auto);
    let s = AccountSettings::from_raw(&with_text(raw("a@b.com"), KEY_AUTHENTICATION, "tls-dsk"))
        .unwrap();
    assert_eq!(s.auth, AuthScheme::TlsDsk);
    let s = AccountSettings::from_raw(&with_text(raw("a@b.com"), KEY_AUTHENTICATION, "digest"))
        .unwrap();
    assert_eq!(s.auth, AuthScheme::Auto);
    assert_eq!(s.notes.len(), 1, "an unknown value is noted for the log");
}

#[test]
fn user_agent_cannot_inject_headers() {
    let err = error_of(&with_text(raw("a@b.com"), KEY_USER_AGENT, "UA\r\nEvil: 1"));
    assert_eq!(err.class, ErrorClass::InvalidSettings);
    assert!(err.message.contains("User Agent"));
}

#[test]
fn groupchat_user_forms() {
    for ok in ["contoso.com", "ocschat@contoso.com"] {
        AccountSettings::from_raw(&with_text(raw("a@b.com"), KEY_GROUPCHAT_USER, ok)).expect(ok);
    }
    let err = error_of(&with_text(raw("a@b.com"), KEY_GROUPCHAT_USER, "not valid"));
    assert!(err.message.contains("Group Chat Proxy"));
}

#[test]
fn kerberos_and_sso_are_refused_honestly() {
    let s =
        AccountSettings::from_raw(&with_text(raw("a@b.com"), KEY_AUTHENTICATION, "krb5")).unwrap();
    let err = s.check_supported().expect_err("no Kerberos yet");
    assert_eq!(err.class, ErrorClass::AuthenticationImpossible);
    assert!(err.message.contains("Authentication scheme"));
    let mut r = raw("a@b.com");
    r.toggles.push((KEY_SSO.into(), true));
    let err = AccountSettings::from_raw(&r)
        .unwrap()
        .check_supported()
        .unwrap_err();
    assert!(err.message.contains("Use Single Sign-On"));
    AccountSettings::from_raw(&raw("a@b.com"))
        .unwrap()
        .check_supported()
        .unwrap();
}

#[test]
fn debug_output_hides_passwords() {
    let mut r = raw("a@b.com");
    r.email_password = Some(Secret::new("Mail-Secret-9"));
    let s = AccountSettings::from_raw(&r).unwrap();
    assert_eq!(
        s.email_password.as_ref().map(Secret::expose),
        Some("Mail-Secret-9")
    );
    let printed = format!("{s:?} {r:?}");
    assert!(!printed.contains("Alice-pass-1"), "{printed}");
    assert!(!printed.contains("Mail-Secret-9"), "{printed}");
}

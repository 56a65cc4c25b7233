use super::*;

fn user(sip: &str, login: Option<&str>, upn: Option<&str>) -> User {
    let mut text = format!("sip = {sip:?}\npassword = \"x\"\n");
    if let Some(login) = login {
        text += &format!("login = {login:?}\n");
    }
    if let Some(upn) = upn {
        text += &format!("upn = {upn:?}\n");
    }
    toml::from_str(&text).unwrap()
}

fn logins(sip: &str, login: Option<&str>, upn: Option<&str>) -> Logins {
    Logins::of(&user(sip, login, upn), "CONTOSO").unwrap()
}

#[test]
fn the_netbios_name_is_the_first_label_upper_cased_and_short() {
    assert_eq!(default_netbios_domain("contoso.test"), "CONTOSO");
    assert_eq!(
        default_netbios_domain("averyveryverylongname.example"),
        "AVERYVERYVERYLO"
    );
}

#[test]
fn without_a_login_the_sip_address_is_the_upn() {
    let l = logins("alice@contoso.test", None, None);
    assert!(l.accepts("alice@contoso.test", ""));
    assert!(
        l.accepts("ALICE@Contoso.Test", ""),
        "names compare without case"
    );
    assert!(l.accepts("alice", "CONTOSO"));
    assert!(l.accepts("Alice", "contoso"));
    assert_eq!(l.down_level(), "CONTOSO\\alice");
}

#[test]
fn a_down_level_login_without_upn_is_the_only_login() {
    let l = logins("alice@contoso.test", Some("CORP\\aanders"), None);
    assert!(l.accepts("aanders", "CORP"));
    // The seed case: the SIP address sent as a UPN names nobody.
    assert!(!l.accepts("alice@contoso.test", ""));
    assert!(!l.accepts("alice", "CORP"));
    assert!(!l.accepts("aanders", "CONTOSO"), "another domain");
    assert!(!l.accepts("aanders", ""), "a bare name is refused");
    assert!(
        !l.accepts("aanders", "corp.contoso.test"),
        "a DNS domain name"
    );
}

#[test]
fn a_upn_login_is_the_upn_and_gives_the_sam_account_name() {
    let l = logins(
        "dave@contoso.test",
        Some("dave.smith@corp.contoso.test"),
        None,
    );
    assert!(l.accepts("dave.smith@corp.contoso.test", ""));
    assert!(l.accepts("dave.smith", "CONTOSO"));
    assert!(
        !l.accepts("dave@contoso.test", ""),
        "the SIP address is not his UPN"
    );
    assert!(!l.accepts("dave.smith@corp.contoso.test", "CONTOSO"));
}

#[test]
fn a_upn_other_than_the_sip_address_replaces_it() {
    let l = logins("erin@contoso.test", None, Some("e.jones@corp.contoso.test"));
    assert!(l.accepts("e.jones@corp.contoso.test", ""));
    assert!(l.accepts("e.jones", "CONTOSO"));
    assert!(!l.accepts("erin@contoso.test", ""));
    assert!(!l.accepts("erin", "CONTOSO"));
}

#[test]
fn a_down_level_login_with_the_sip_address_as_upn_has_both() {
    let l = logins(
        "alice@contoso.test",
        Some("CONTOSO\\alice"),
        Some("alice@contoso.test"),
    );
    assert!(l.accepts("alice", "CONTOSO"));
    assert!(l.accepts("alice@contoso.test", ""));
}

#[test]
fn long_upn_names_give_a_20_character_sam_account_name() {
    let l = logins(
        "x@contoso.test",
        None,
        Some("abcdefghijklmnopqrstuvwxyz@contoso.test"),
    );
    assert_eq!(l.sam_account_name, "abcdefghijklmnopqrst");
}

#[test]
fn malformed_logins_are_config_errors() {
    for (login, upn) in [
        (Some("aanders"), None),
        (Some("\\aanders"), None),
        (Some("CORP\\"), None),
        (Some("CORP\\a@b"), None),
        (Some("CORP\\abcdefghijklmnopqrstu"), None),
        (Some("a@"), None),
        (None, Some("nope")),
        (Some("a@corp.test"), Some("b@corp.test")),
    ] {
        let result = Logins::of(&user("alice@contoso.test", login, upn), "CONTOSO");
        assert!(result.is_err(), "{login:?} {upn:?}: {result:?}");
    }
    assert!(
        Logins::of(
            &user(
                "alice@contoso.test",
                Some("A@corp.test"),
                Some("a@CORP.test")
            ),
            "CONTOSO"
        )
        .is_ok()
    );
}

#[test]
fn the_demo_organisation_resolves_as_documented() {
    let config = crate::config::Config::from_toml(include_str!("../../../demo/contoso.toml"))
        .expect("demo/contoso.toml is valid");
    let netbios = config.netbios_domain();
    assert_eq!(netbios, "CONTOSO");
    let logins_of = |sip: &str| {
        let user = config.users.iter().find(|u| u.sip == sip).expect(sip);
        Logins::of(user, &netbios).unwrap()
    };
    let you = logins_of("you@contoso.test");
    assert!(you.accepts("you", "CONTOSO"));
    assert!(
        !you.accepts("you@contoso.test", ""),
        "the seed case is refused"
    );
    let alice = logins_of("alice@contoso.test");
    assert!(alice.accepts("alice@contoso.test", ""));
    assert!(alice.accepts("alice", "CONTOSO"));
}

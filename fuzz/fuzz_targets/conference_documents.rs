//! Arbitrary text as every conference document we read from the network: conference-info
//! from a focus, a C3P response, a Conferencing invitation from another user, provisioning.
//! None may panic, and an invitation we write must read back as written.

#![no_main]

use libfuzzer_sys::fuzz_target;
use purple_lync::conference::{
    ConferenceInfo, focus_factory_from_provisioning, invitation, is_focus_uri, parse_invitation,
    parse_response,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(info) = ConferenceInfo::parse(&text) {
        for user in &info.users {
            assert!(!user.uri.is_empty());
        }
    }
    let _ = parse_response(&text);
    let _ = focus_factory_from_provisioning(&text);
    let _ = is_focus_uri(&text);
    if let Some(parsed) = parse_invitation(&text) {
        assert!(!parsed.focus_uri.is_empty());
    }
    // What we write always parses, and text without control characters reads back as is.
    let (focus, subject) = text.split_once('\n').unwrap_or((&text, ""));
    let (focus, subject) = (focus.trim(), subject.trim());
    let written = invitation(focus, subject);
    let read = parse_invitation(&written);
    let nothing_left = focus
        .chars()
        .all(|c| c.is_whitespace() || c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'));
    assert!(read.is_some() || nothing_left);
    let plain = |s: &str| {
        !s.chars()
            .any(|c| (c.is_control() && c != '\n') || c > '\u{FFFD}')
    };
    if !focus.is_empty() && plain(focus) && plain(subject) {
        let back = parse_invitation(&invitation(focus, subject)).expect("our own invitation");
        assert_eq!(back.focus_uri, focus);
        assert_eq!(back.subject.as_deref().unwrap_or(""), subject);
    }
});

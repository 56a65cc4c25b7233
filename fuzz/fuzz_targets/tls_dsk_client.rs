//! Arbitrary bytes as the server's legs of a TLS-DSK handshake. The client must answer
//! every input with a step or an error, never a panic, and never complete on garbage.
//!
//! The first input byte splits the rest into the ServerHello leg and the Finished leg.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use purple_lync::auth::tls_dsk::{Step, TlsDskClient, TlsDskConfig};
use purple_lync::engine::random::SeededRandom;
use rsa::PrivateKey;
use rsa::pkcs8::DecodePrivateKey;

const KEY_PEM: &str = include_str!("../../tests/data/tls_dsk_test_key.pem");

fuzz_target!(|data: &[u8]| {
    let Some((&split, legs)) = data.split_first() else {
        return;
    };
    let (first, second) = legs.split_at((usize::from(split) * 8).min(legs.len()));
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    let key = KEY.get_or_init(|| PrivateKey::from_pkcs8_pem(KEY_PEM).expect("test key"));
    let config = TlsDskConfig::new(vec![0x30, 0x00], key.clone());
    let mut client = TlsDskClient::new(config, &mut SeededRandom::new(1)).expect("config");
    let _ = client.start();
    if let Ok(Step::Send(_)) = client.handle(first) {
        // A valid Finished needs the pre-master secret, which no input can know.
        assert!(client.handle(second).is_err());
    }
});

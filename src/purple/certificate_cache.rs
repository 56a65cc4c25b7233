//! The TLS-DSK certificate kept between sign-ins, so that a reconnect needs no web service
//! round trip until shortly before the certificate expires.
//!
//! libpurple 2.x has no keyring: certificate and private key are account settings, stored in
//! accounts.xml next to the password (readable by the user only, as libpurple writes it).
//! The key is never logged: only the subject and expiry are.

use std::ffi::CStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::driver::{account_string, set_account_string};
use super::ffi::PurpleAccount;
use super::log;
use crate::engine::certificate::ProvisionedCertificate;
use crate::webticket::format_datetime;

/// Account key of the DER certificate, base64.
const CERTIFICATE_KEY: &CStr = c"lync-tls-dsk-certificate";
/// Account key of its PKCS#8 DER private key, base64.
const PRIVATE_KEY_KEY: &CStr = c"lync-tls-dsk-key";

/// The kept certificate, if there is a readable one.
pub fn load(account: *mut PurpleAccount) -> Option<ProvisionedCertificate> {
    let certificate = account_string(account, CERTIFICATE_KEY);
    let key = zeroize::Zeroizing::new(account_string(account, PRIVATE_KEY_KEY));
    if certificate.is_empty() || key.is_empty() {
        return None;
    }
    let decoded = BASE64
        .decode(certificate.trim())
        .ok()
        .zip(BASE64.decode(key.trim()).ok().map(zeroize::Zeroizing::new));
    let loaded =
        decoded.map(|(certificate, key)| ProvisionedCertificate::from_stored(&certificate, &key));
    match loaded {
        Some(Ok(certificate)) => {
            log::info(&format!(
                "TLS-DSK: kept certificate for {} valid until {}",
                certificate.subject(),
                format_datetime(certificate.not_after())
            ));
            Some(certificate)
        }
        Some(Err(e)) => {
            log::warning(&format!(
                "TLS-DSK: the kept certificate is unusable ({e}); forgetting it"
            ));
            store(account, None);
            None
        }
        None => {
            log::warning("TLS-DSK: the kept certificate is not base64; forgetting it");
            store(account, None);
            None
        }
    }
}

/// Keeps `certificate` for the next sign-in, or forgets the kept one.
pub fn store(account: *mut PurpleAccount, certificate: Option<&ProvisionedCertificate>) {
    let Some(certificate) = certificate else {
        set_account_string(account, CERTIFICATE_KEY, "");
        set_account_string(account, PRIVATE_KEY_KEY, "");
        return;
    };
    match certificate.key_pkcs8_der() {
        Ok(key) => {
            let key = zeroize::Zeroizing::new(BASE64.encode(key.as_slice()));
            set_account_string(
                account,
                CERTIFICATE_KEY,
                &BASE64.encode(certificate.certificate_der()),
            );
            set_account_string(account, PRIVATE_KEY_KEY, &key);
            log::info(&format!(
                "TLS-DSK: keeping the certificate for {} until {}",
                certificate.subject(),
                format_datetime(certificate.not_after())
            ));
        }
        Err(e) => log::warning(&format!("TLS-DSK: cannot keep the certificate ({e})")),
    }
}

//! Outer TLS (SIP over TLS, HTTPS) with rustls: the system's trust store, plus the
//! certificates this account's user accepted by fingerprint.
//!
//! rustls verifies synchronously, so an untrusted certificate fails the handshake; the
//! verifier keeps what it saw, the glue asks the user, and on "Accept" connects again with
//! the fingerprint pinned.

use std::sync::{Arc, Mutex, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use sha2::{Digest, Sha256};

/// A certificate the user was not asked about yet and the system does not trust.
#[derive(Debug, Clone)]
pub struct UntrustedCertificate {
    /// SHA-256 of the DER end-entity certificate.
    pub fingerprint: [u8; 32],
    /// Why verification failed, for the prompt.
    pub reason: String,
}

impl UntrustedCertificate {
    /// `AB:CD:…`, as certificate viewers show fingerprints.
    pub fn fingerprint_text(&self) -> String {
        fingerprint_text(&self.fingerprint)
    }
}

pub fn fingerprint_text(fingerprint: &[u8]) -> String {
    fingerprint
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn describe(error: &rustls::Error) -> String {
    match error {
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            "it is not signed by an authority this computer trusts".to_owned()
        }
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => "it was issued for another server name".to_owned(),
        rustls::Error::InvalidCertificate(
            CertificateError::Expired | CertificateError::ExpiredContext { .. },
        ) => "it has expired".to_owned(),
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. },
        ) => "it is not valid yet".to_owned(),
        other => other.to_string(),
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The system's trust anchors (honours SSL_CERT_FILE / SSL_CERT_DIR), loaded once.
fn system_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut store = RootCertStore::empty();
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                let _ = store.add(cert);
            }
            Arc::new(store)
        })
        .clone()
}

#[derive(Debug)]
struct PinningVerifier {
    system: Option<Arc<WebPkiServerVerifier>>,
    pins: Vec<[u8; 32]>,
    rejected: Arc<Mutex<Option<UntrustedCertificate>>>,
    schemes: Vec<SignatureScheme>,
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fingerprint: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        if self.pins.contains(&fingerprint) {
            return Ok(ServerCertVerified::assertion());
        }
        let result = match &self.system {
            Some(system) => system.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                now,
            ),
            None => Err(rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer,
            )),
        };
        if let Err(error) = &result {
            if let Ok(mut slot) = self.rejected.lock() {
                *slot = Some(UntrustedCertificate {
                    fingerprint,
                    reason: describe(error),
                });
            }
        }
        result
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

/// A client configuration trusting the system's roots and `pins` (what the user accepted for
/// the host name being connected to: see `settings::pins`). After a failed handshake,
/// `rejected` holds the certificate to ask the user about.
pub fn client_config(
    pins: Vec<[u8; 32]>,
) -> (Arc<ClientConfig>, Arc<Mutex<Option<UntrustedCertificate>>>) {
    let rejected = Arc::new(Mutex::new(None));
    let roots = system_roots();
    let system = if roots.is_empty() {
        None
    } else {
        WebPkiServerVerifier::builder_with_provider(roots, provider())
            .build()
            .ok()
    };
    let verifier = PinningVerifier {
        system,
        pins,
        rejected: rejected.clone(),
        schemes: provider()
            .signature_verification_algorithms
            .supported_schemes(),
    };
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map(|builder| {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth()
        });
    match config {
        Ok(config) => (Arc::new(config), rejected),
        // ring always supports the default versions; this cannot happen.
        Err(e) => panic!("rustls configuration failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_print_as_viewers_show_them() {
        assert_eq!(fingerprint_text(&[0xAB, 0x01]), "AB:01");
    }
}

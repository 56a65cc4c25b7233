//! The server's CA at work for TLS-DSK: it issues the client certificates that certificate
//! provisioning hands out, and the TLS-DSK handshake accepts only those.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use openssl::asn1::Asn1Time;
use openssl::bn::{BigNum, MsbOption};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::pkcs7::{Pkcs7, Pkcs7Flags};
use openssl::pkey::{PKey, Private};
use openssl::ssl::{SslContext, SslMethod, SslOptions, SslVerifyMode, SslVersion};
use openssl::stack::Stack;
use openssl::x509::extension::{BasicConstraints, ExtendedKeyUsage, KeyUsage};
use openssl::x509::{X509, X509NameBuilder, X509ReqRef};

/// Issued certificates start this long before they are issued, for clients whose clock lags.
const BACKDATE: Duration = Duration::from_secs(24 * 60 * 60);

/// RSA key exchange only (TLS-DSK has no other), AES-CBC as Lync front ends offer it.
const TLS_DSK_CIPHERS: &str = "AES128-SHA:AES256-SHA:AES128-SHA256:AES256-SHA256:@SECLEVEL=0";

pub struct Authority {
    ca: X509,
    ca_key: PKey<Private>,
    server_cert: X509,
    server_key: PKey<Private>,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Authority(<CA and server keys>)")
    }
}

fn to_asn1_time(time: SystemTime) -> Result<Asn1Time, ErrorStack> {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    Asn1Time::from_unix(i64::try_from(seconds).unwrap_or(i64::MAX) as _)
}

impl Authority {
    pub fn new(
        ca: X509,
        ca_key: PKey<Private>,
        server_cert: X509,
        server_key: PKey<Private>,
    ) -> Authority {
        Authority {
            ca,
            ca_key,
            server_cert,
            server_key,
        }
    }

    /// A client certificate for `subject` (CN) with the request's public key, valid from a
    /// day before `now` for `valid_for` after it.
    pub fn issue_client_certificate(
        &self,
        request: &X509ReqRef,
        subject: &str,
        now: SystemTime,
        valid_for: Duration,
    ) -> Result<X509, ErrorStack> {
        let mut name = X509NameBuilder::new()?;
        name.append_entry_by_text("CN", subject)?;
        let name = name.build();
        let mut builder = X509::builder()?;
        builder.set_version(2)?;
        let mut serial = BigNum::new()?;
        serial.rand(127, MsbOption::MAYBE_ZERO, false)?;
        let serial = serial.to_asn1_integer()?;
        builder.set_serial_number(&serial)?;
        builder.set_subject_name(&name)?;
        builder.set_issuer_name(self.ca.subject_name())?;
        let public_key = request.public_key()?;
        builder.set_pubkey(&public_key)?;
        let not_before = to_asn1_time(now.checked_sub(BACKDATE).unwrap_or(now))?;
        builder.set_not_before(&not_before)?;
        let not_after = to_asn1_time(now + valid_for)?;
        builder.set_not_after(&not_after)?;
        builder.append_extension(BasicConstraints::new().build()?)?;
        builder.append_extension(
            KeyUsage::new()
                .critical()
                .digital_signature()
                .key_encipherment()
                .build()?,
        )?;
        builder.append_extension(ExtendedKeyUsage::new().client_auth().build()?)?;
        builder.sign(&self.ca_key, MessageDigest::sha256())?;
        Ok(builder.build())
    }

    /// `certificate` and the CA in a PKCS#7 SignedData, as [MS-WSTEP] allows a certificate
    /// service to return a chain (signed by the CA over nothing; only the certificates count).
    pub fn chain_pkcs7(&self, certificate: &X509) -> Result<Vec<u8>, ErrorStack> {
        let mut others = Stack::new()?;
        others.push(certificate.clone())?;
        Pkcs7::sign(&self.ca, &self.ca_key, &others, b"", Pkcs7Flags::BINARY)?.to_der()
    }

    /// The inner TLS of TLS-DSK: the server certificate, a client certificate from our CA
    /// required, and only the versions in `versions` ("1.0", "1.1", "1.2").
    pub fn tls_dsk_context(&self, versions: &[String]) -> Result<SslContext, ErrorStack> {
        let mut builder = SslContext::builder(SslMethod::tls_server())?;
        builder.set_certificate(&self.server_cert)?;
        builder.set_private_key(&self.server_key)?;
        builder.cert_store_mut().add_cert(self.ca.clone())?;
        builder.set_verify(SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT);
        let allowed: Vec<SslVersion> = versions
            .iter()
            .filter_map(|v| match v.as_str() {
                "1.0" => Some(SslVersion::TLS1),
                "1.1" => Some(SslVersion::TLS1_1),
                "1.2" => Some(SslVersion::TLS1_2),
                _ => None,
            })
            .collect();
        let rank = |v: &SslVersion| match *v {
            SslVersion::TLS1 => 0,
            SslVersion::TLS1_1 => 1,
            _ => 2,
        };
        let lowest = allowed.iter().min_by_key(|v| rank(v)).copied();
        let highest = allowed.iter().max_by_key(|v| rank(v)).copied();
        builder.set_min_proto_version(lowest.or(Some(SslVersion::TLS1_2)))?;
        builder.set_max_proto_version(highest.or(Some(SslVersion::TLS1_2)))?;
        // A version between the lowest and highest that is not allowed (e.g. 1.1 of 1.0+1.2).
        builder.clear_options(SslOptions::NO_TLSV1 | SslOptions::NO_TLSV1_1);
        if !allowed.contains(&SslVersion::TLS1_1) {
            builder.set_options(SslOptions::NO_TLSV1_1);
        }
        builder.set_options(SslOptions::NO_TICKET);
        builder.set_cipher_list(TLS_DSK_CIPHERS)?;
        Ok(builder.build())
    }

    pub fn server_certificate_der(&self) -> Vec<u8> {
        self.server_cert.to_der().unwrap_or_default()
    }
}

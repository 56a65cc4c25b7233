//! The server's certificates and its TLS configuration.
//!
//! A private CA ("lync-testserver CA") issues the server certificate, as an enterprise CA
//! does for a Lync pool. Both are kept in the state directory, so a restarted server shows
//! clients the same certificate (a client that pinned or trusted it keeps working).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use openssl::asn1::Asn1Time;
use openssl::bn::{BigNum, MsbOption};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use openssl::ssl::{SslAcceptor, SslMethod, SslOptions, SslVersion};
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName,
    SubjectKeyIdentifier,
};
use openssl::x509::{X509, X509Builder, X509Name, X509NameBuilder};

pub const CA_COMMON_NAME: &str = "lync-testserver CA";
const CA_CERT_FILE: &str = "ca.pem";
const CA_KEY_FILE: &str = "ca-key.pem";
const SERVER_CERT_FILE: &str = "server.pem";
const SERVER_KEY_FILE: &str = "server-key.pem";
/// Back-dated so a client whose clock is a little behind still accepts the certificates.
const BACKDATE_SECS: u64 = 24 * 60 * 60;
const CA_DAYS: u32 = 3650;
const SERVER_DAYS: u32 = 825;

#[derive(Debug)]
pub struct TlsSetupError(pub String);

impl std::fmt::Display for TlsSetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TlsSetupError {}

impl From<ErrorStack> for TlsSetupError {
    fn from(e: ErrorStack) -> Self {
        TlsSetupError(format!("openssl: {e}"))
    }
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> TlsSetupError {
    TlsSetupError(format!("cannot {what} {}: {e}", path.display()))
}

/// The CA and the server certificate it issued.
pub struct Certificates {
    pub ca: X509,
    /// Signs TLS-DSK client certificates (certificate provisioning).
    pub ca_key: PKey<Private>,
    pub server_cert: X509,
    pub server_key: PKey<Private>,
    /// The CA certificate as PEM, for clients to trust.
    pub ca_pem_path: PathBuf,
}

impl Certificates {
    /// Loads the CA and server certificate from `dir`, creating whatever is missing. A server
    /// certificate that does not name `server_name`, was not issued by the CA or is about to
    /// expire is replaced.
    pub fn load_or_create(dir: &Path, server_name: &str) -> Result<Certificates, TlsSetupError> {
        fs::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
        let (ca, ca_key) = match load_pair(dir, CA_CERT_FILE, CA_KEY_FILE)? {
            Some(pair) => pair,
            None => {
                let (ca, ca_key) = new_ca()?;
                save_pair(dir, CA_CERT_FILE, CA_KEY_FILE, &ca, &ca_key)?;
                (ca, ca_key)
            }
        };
        let loaded = load_pair(dir, SERVER_CERT_FILE, SERVER_KEY_FILE)?;
        let (server_cert, server_key) = match loaded {
            Some((cert, key)) if still_valid_for(&cert, &ca_key, server_name)? => (cert, key),
            _ => {
                let (cert, key) = new_server_cert(&ca, &ca_key, server_name)?;
                save_pair(dir, SERVER_CERT_FILE, SERVER_KEY_FILE, &cert, &key)?;
                (cert, key)
            }
        };
        Ok(Certificates {
            ca,
            ca_key,
            server_cert,
            server_key,
            ca_pem_path: dir.join(CA_CERT_FILE),
        })
    }

    /// The CA and server keys for TLS-DSK: issuing client certificates and the handshake.
    pub fn authority(&self) -> crate::authority::Authority {
        crate::authority::Authority::new(
            self.ca.clone(),
            self.ca_key.clone(),
            self.server_cert.clone(),
            self.server_key.clone(),
        )
    }

    /// Server-side TLS as a Lync front end offers it: TLS 1.2, and 1.0/1.1 for old clients.
    pub fn acceptor(&self) -> Result<SslAcceptor, TlsSetupError> {
        let mut builder = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls_server())?;
        builder.clear_options(SslOptions::NO_TLSV1 | SslOptions::NO_TLSV1_1);
        builder.set_min_proto_version(Some(SslVersion::TLS1))?;
        builder.set_max_proto_version(Some(SslVersion::TLS1_2))?;
        // OpenSSL 3 refuses TLS 1.0/1.1 above security level 0.
        builder.set_cipher_list("HIGH:!aNULL:!eNULL:!3DES:@SECLEVEL=0")?;
        builder.set_private_key(&self.server_key)?;
        builder.set_certificate(&self.server_cert)?;
        builder.add_extra_chain_cert(self.ca.clone())?;
        builder.check_private_key()?;
        Ok(builder.build())
    }
}

fn load_pair(
    dir: &Path,
    cert_file: &str,
    key_file: &str,
) -> Result<Option<(X509, PKey<Private>)>, TlsSetupError> {
    let cert_path = dir.join(cert_file);
    let key_path = dir.join(key_file);
    if !cert_path.exists() || !key_path.exists() {
        return Ok(None);
    }
    let cert_pem = fs::read(&cert_path).map_err(|e| io_error("read", &cert_path, e))?;
    let key_pem = fs::read(&key_path).map_err(|e| io_error("read", &key_path, e))?;
    let cert = X509::from_pem(&cert_pem).map_err(|e| {
        TlsSetupError(format!(
            "{} is not a PEM certificate: {e}",
            cert_path.display()
        ))
    })?;
    let key = PKey::private_key_from_pem(&key_pem).map_err(|e| {
        TlsSetupError(format!(
            "{} is not a PEM private key: {e}",
            key_path.display()
        ))
    })?;
    Ok(Some((cert, key)))
}

fn save_pair(
    dir: &Path,
    cert_file: &str,
    key_file: &str,
    cert: &X509,
    key: &PKey<Private>,
) -> Result<(), TlsSetupError> {
    let key_path = dir.join(key_file);
    write_private(&key_path, &key.private_key_to_pem_pkcs8()?)?;
    let cert_path = dir.join(cert_file);
    fs::write(&cert_path, cert.to_pem()?).map_err(|e| io_error("write", &cert_path, e))
}

/// Writes a private key readable by the owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), TlsSetupError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| io_error("create", path, e))?;
    file.write_all(bytes)
        .map_err(|e| io_error("write", path, e))
}

fn still_valid_for(
    cert: &X509,
    ca_key: &PKey<Private>,
    server_name: &str,
) -> Result<bool, TlsSetupError> {
    let names_server = cert.subject_alt_names().is_some_and(|names| {
        names.iter().any(|name| {
            name.dnsname()
                .is_some_and(|dns| dns.eq_ignore_ascii_case(server_name))
        })
    });
    let issued_by_ca = cert.verify(ca_key).unwrap_or(false);
    let fresh = cert.not_after() > Asn1Time::days_from_now(7)?;
    Ok(names_server && issued_by_ca && fresh)
}

fn new_key() -> Result<PKey<Private>, ErrorStack> {
    PKey::from_rsa(Rsa::generate(2048)?)
}

/// A builder with a random serial, the given subject CN and the validity window; also
/// returns the subject name.
fn cert_builder(common_name: &str, days: u32) -> Result<(X509Builder, X509Name), TlsSetupError> {
    let mut name = X509NameBuilder::new()?;
    name.append_entry_by_text("CN", common_name)?;
    name.append_entry_by_text("O", "lync-testserver")?;
    let name = name.build();
    let mut builder = X509Builder::new()?;
    builder.set_version(2)?;
    let mut serial = BigNum::new()?;
    serial.rand(127, MsbOption::MAYBE_ZERO, false)?;
    let serial = serial.to_asn1_integer()?;
    builder.set_serial_number(&serial)?;
    builder.set_subject_name(&name)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let not_before = i64::try_from(now.saturating_sub(BACKDATE_SECS)).unwrap_or(0);
    let not_before = Asn1Time::from_unix(not_before as _)?;
    let not_after = Asn1Time::days_from_now(days)?;
    builder.set_not_before(&not_before)?;
    builder.set_not_after(&not_after)?;
    Ok((builder, name))
}

fn new_ca() -> Result<(X509, PKey<Private>), TlsSetupError> {
    let key = new_key()?;
    let (mut builder, name) = cert_builder(CA_COMMON_NAME, CA_DAYS)?;
    // Self-signed: the issuer is the subject.
    builder.set_issuer_name(&name)?;
    builder.set_pubkey(&key)?;
    builder.append_extension(BasicConstraints::new().critical().ca().build()?)?;
    builder.append_extension(
        KeyUsage::new()
            .critical()
            .key_cert_sign()
            .crl_sign()
            .build()?,
    )?;
    let key_id = SubjectKeyIdentifier::new().build(&builder.x509v3_context(None, None))?;
    builder.append_extension(key_id)?;
    builder.sign(&key, MessageDigest::sha256())?;
    Ok((builder.build(), key))
}

fn new_server_cert(
    ca: &X509,
    ca_key: &PKey<Private>,
    server_name: &str,
) -> Result<(X509, PKey<Private>), TlsSetupError> {
    let key = new_key()?;
    let (mut builder, _) = cert_builder(server_name, SERVER_DAYS)?;
    builder.set_issuer_name(ca.subject_name())?;
    builder.set_pubkey(&key)?;
    builder.append_extension(BasicConstraints::new().build()?)?;
    builder.append_extension(
        KeyUsage::new()
            .critical()
            .digital_signature()
            .key_encipherment()
            .build()?,
    )?;
    builder.append_extension(ExtendedKeyUsage::new().server_auth().build()?)?;
    let names = SubjectAlternativeName::new()
        .dns(server_name)
        .dns("localhost")
        .ip("127.0.0.1")
        .build(&builder.x509v3_context(Some(ca), None))?;
    builder.append_extension(names)?;
    let key_id = SubjectKeyIdentifier::new().build(&builder.x509v3_context(Some(ca), None))?;
    builder.append_extension(key_id)?;
    let authority = AuthorityKeyIdentifier::new()
        .keyid(false)
        .issuer(false)
        .build(&builder.x509v3_context(Some(ca), None))?;
    builder.append_extension(authority)?;
    builder.sign(ca_key, MessageDigest::sha256())?;
    Ok((builder.build(), key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "lync-testserver-tls-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_server_certificate_names_the_server_and_chains_to_the_ca() {
        let dir = dir();
        let certs = Certificates::load_or_create(&dir, "lyncfe.contoso.test").unwrap();
        let ca_pem = fs::read(&certs.ca_pem_path).unwrap();
        let ca = X509::from_pem(&ca_pem).unwrap();
        let ca_cn = ca
            .subject_name()
            .entries()
            .next()
            .unwrap()
            .data()
            .to_string()
            .unwrap();
        assert_eq!(ca_cn, CA_COMMON_NAME);
        assert!(certs.server_cert.verify(&ca.public_key().unwrap()).unwrap());
        let names: Vec<String> = certs
            .server_cert
            .subject_alt_names()
            .unwrap()
            .iter()
            .map(|n| {
                n.dnsname()
                    .map(str::to_owned)
                    .or_else(|| n.ipaddress().map(|ip| format!("{ip:?}")))
                    .unwrap()
            })
            .collect();
        assert_eq!(
            names,
            ["lyncfe.contoso.test", "localhost", "[127, 0, 0, 1]"]
        );
        certs.acceptor().unwrap();

        // A second start reuses both; a new server name gets a new server certificate only.
        let again = Certificates::load_or_create(&dir, "lyncfe.contoso.test").unwrap();
        assert_eq!(again.ca.to_der().unwrap(), certs.ca.to_der().unwrap());
        assert_eq!(
            again.server_cert.to_der().unwrap(),
            certs.server_cert.to_der().unwrap()
        );
        let renamed = Certificates::load_or_create(&dir, "pool.contoso.test").unwrap();
        assert_eq!(renamed.ca.to_der().unwrap(), certs.ca.to_der().unwrap());
        assert_ne!(
            renamed.server_cert.to_der().unwrap(),
            certs.server_cert.to_der().unwrap()
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}

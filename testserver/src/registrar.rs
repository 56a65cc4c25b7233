//! REGISTER as a Lync front end answers it: a 401 offering the configured schemes,
//! connection-less NTLM over `gssapi-data`, a signed 200 OK, refreshes and sign-out.

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use purple_lync::auth::ntlm::{NtlmServer, NtlmServerConfig, filetime_from_unix};
use purple_lync::engine::random::random_array;
use purple_lync::engine::security::Mac;
use purple_lync::sip::{AuthParams, Message, format_auth_value};

use crate::core::{ConnId, Core, Outgoing};
use crate::signing::ServerSa;

pub const REALM: &str = "SIP Communications Service";
/// MS-SIPAE protocol version the server speaks.
pub const VERSION: u32 = 4;

/// Handshake state of one connection.
#[derive(Debug, Default)]
pub struct ConnAuth {
    ntlm: Option<PendingNtlm>,
    /// A TLS-DSK handshake waiting for the client's next leg.
    pub tls_dsk: Option<crate::tls_dsk::PendingTlsDsk>,
}

#[derive(Debug)]
struct PendingNtlm {
    opaque: String,
    server: NtlmServer,
}

fn diagnostic(code: u32, reason: &str) -> String {
    format!("{code};reason=\"{reason}\";source=\"lync-testserver\"")
}

impl Core {
    fn challenge_headers(&self) -> Vec<String> {
        self.config
            .auth
            .schemes
            .iter()
            .map(|scheme| match scheme.as_str() {
                "tls-dsk" => format!(
                    "TLS-DSK realm=\"{REALM}\", targetname=\"{}\", version={VERSION}, sts-uri=\"{}/CertProv/CertProvisioningService.svc\"",
                    self.server_name, self.web_base
                ),
                _ => format!(
                    "NTLM realm=\"{REALM}\", targetname=\"{}\", version={VERSION}",
                    self.server_name
                ),
            })
            .collect()
    }

    /// 401 offering every configured scheme (the start of any handshake).
    fn offer_schemes(&mut self, conn: ConnId, msg: &Message) -> Vec<Outgoing> {
        let mut response = self.response_to(msg, 401, "Unauthorized");
        for header in self.challenge_headers() {
            let _ = response.add_header("WWW-Authenticate", header);
        }
        vec![Outgoing {
            conn,
            message: response,
        }]
    }

    pub fn handle_register(
        &mut self,
        conn: ConnId,
        msg: &Message,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        self.counters.registers += 1;
        let authorization = msg
            .auth_params("Authorization")
            .ok()
            .and_then(|all| all.into_iter().next());
        let Some(auth) = authorization else {
            return self.offer_schemes(conn, msg);
        };
        if let Some(data) = auth.param("gssapi-data") {
            if auth.is_scheme("TLS-DSK") && self.config.auth.schemes.iter().any(|s| s == "tls-dsk")
            {
                return self.tls_dsk_register(conn, msg, &auth, data);
            }
            if auth.is_scheme("NTLM") && self.config.auth.schemes.iter().any(|s| s == "ntlm") {
                return if data.is_empty() {
                    self.ntlm_challenge(conn, msg, now)
                } else {
                    self.ntlm_authenticate(conn, msg, &auth, data, now)
                };
            }
            return self.offer_schemes(conn, msg);
        }
        // A signed REGISTER on an established association: refresh or sign-out.
        let opaque_matches = self
            .connections
            .get(&conn)
            .and_then(|c| c.sa.as_ref())
            .is_some_and(|sa| auth.param("opaque") == Some(sa.opaque.as_str()));
        if !opaque_matches {
            return self.offer_schemes(conn, msg);
        }
        if let Some(problem) = self.check_signature(conn, msg) {
            self.counters.auth_failures += 1;
            let mut out = self.offer_schemes(conn, msg);
            if let Some(first) = out.first_mut() {
                let _ = first
                    .message
                    .add_header("ms-diagnostics", diagnostic(1001, &problem));
            }
            return out;
        }
        self.registered(conn, msg, now)
    }

    fn ntlm_challenge(&mut self, conn: ConnId, msg: &Message, now: SystemTime) -> Vec<Outgoing> {
        let since_epoch = now
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let (netbios, info) = self.ntlm_target();
        let info = info.with_timestamp(filetime_from_unix(
            since_epoch.as_secs(),
            since_epoch.subsec_nanos(),
        ));
        let challenge: [u8; 8] = random_array(&mut *self.random);
        let server = match NtlmServer::new(NtlmServerConfig::new(challenge, &netbios, info)) {
            Ok(server) => server,
            Err(e) => {
                return self.reply(
                    conn,
                    msg,
                    500,
                    "Server Internal Error",
                    &[("ms-diagnostics", &diagnostic(1, &e.to_string()))],
                );
            }
        };
        let opaque = self.random_hex(4).to_ascii_uppercase();
        let header = format_auth_value(
            "NTLM",
            &[
                ("opaque", &opaque),
                ("gssapi-data", &BASE64.encode(server.challenge_message())),
                ("targetname", &self.server_name),
                ("realm", REALM),
                ("version", &VERSION.to_string()),
            ],
        );
        if let Some(c) = self.connections.get_mut(&conn) {
            c.auth.ntlm = Some(PendingNtlm { opaque, server });
        }
        let mut response = self.response_to(msg, 401, "Unauthorized");
        let _ = response.add_header("WWW-Authenticate", header);
        vec![Outgoing {
            conn,
            message: response,
        }]
    }

    fn ntlm_authenticate(
        &mut self,
        conn: ConnId,
        msg: &Message,
        auth: &AuthParams,
        data: &str,
        now: SystemTime,
    ) -> Vec<Outgoing> {
        let pending = self
            .connections
            .get_mut(&conn)
            .and_then(|c| c.auth.ntlm.take());
        let Some(pending) = pending.filter(|p| auth.param("opaque") == Some(p.opaque.as_str()))
        else {
            return self.offer_schemes(conn, msg);
        };
        let Ok(token) = BASE64.decode(data.trim()) else {
            return self.offer_schemes(conn, msg);
        };
        let result = pending
            .server
            .accept(&token, |user, domain| self.password_for_login(user, domain));
        let accepted = match result {
            Ok(accepted) => accepted,
            Err(e) => {
                self.counters.auth_failures += 1;
                eprintln!("lync-testserver: NTLM authentication failed: {e}");
                let mut out = self.offer_schemes(conn, msg);
                if let Some(first) = out.first_mut() {
                    let _ = first
                        .message
                        .add_header("ms-diagnostics", diagnostic(4000, "Authentication failed"));
                }
                return out;
            }
        };
        let Some(account) = self
            .account_for_login(&accepted.user, &accepted.domain)
            .cloned()
        else {
            return self.offer_schemes(conn, msg);
        };
        let from_uri = msg
            .from()
            .map(|f| f.uri.to_ascii_lowercase())
            .unwrap_or_default();
        if from_uri != account.uri {
            let login = if accepted.domain.is_empty() {
                accepted.user.clone()
            } else {
                format!("{}\\{}", accepted.domain, accepted.user)
            };
            let reason = format!(
                "SIP URI mismatch: {from_uri} is not the SIP address of the authenticated user {login} ({})",
                account.uri
            );
            return self.reply(
                conn,
                msg,
                403,
                "Forbidden",
                &[("ms-diagnostics-public", &diagnostic(4005, &reason))],
            );
        }
        let sa = ServerSa::new(
            "NTLM",
            REALM,
            &self.server_name,
            &pending.opaque,
            VERSION,
            Mac::Ntlm(accepted.session),
            &account.uri,
        );
        if let Err(problem) = sa.verify(msg) {
            self.counters.auth_failures += 1;
            let mut out = self.offer_schemes(conn, msg);
            if let Some(first) = out.first_mut() {
                let _ = first
                    .message
                    .add_header("ms-diagnostics", diagnostic(1001, &problem));
            }
            return out;
        }
        if let Some(c) = self.connections.get_mut(&conn) {
            c.sa = Some(sa);
        }
        self.registered(conn, msg, now)
    }

    /// 200 OK to an authenticated REGISTER (or to its sign-out with Expires: 0).
    fn registered(&mut self, conn: ConnId, msg: &Message, now: SystemTime) -> Vec<Outgoing> {
        let signing_out = msg.expires().ok().flatten() == Some(0);
        let user_uri = self
            .connections
            .get(&conn)
            .and_then(|c| c.sa.as_ref())
            .map(|sa| sa.user_uri.clone())
            .unwrap_or_default();
        let expires = if signing_out {
            0
        } else {
            self.config.register_expires
        };
        let mut response = self.response_to(msg, 200, "OK");
        if let Some(contact) = msg.header("Contact") {
            let instance = contact
                .split(';')
                .find_map(|p| p.trim().strip_prefix("+sip.instance="))
                .unwrap_or("\"<urn:uuid:00000000-0000-0000-0000-000000000000>\"")
                .to_owned();
            let uri = contact
                .split('>')
                .next()
                .unwrap_or(contact)
                .trim_start_matches('<');
            let epid = msg
                .from()
                .ok()
                .and_then(|f| f.param("epid").map(str::to_owned))
                .unwrap_or_default();
            let gruu = format!("{user_uri};opaque=user:epid:{epid};gruu");
            let _ = response.add_header(
                "Contact",
                format!("<{uri}>;expires={expires};+sip.instance={instance};gruu=\"{gruu}\""),
            );
        }
        let _ = response.add_header("Expires", expires.to_string());
        let _ = response.add_header(
            "ms-keep-alive",
            "UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300",
        );
        let _ = response.add_header(
            "Allow-Events",
            "vnd-microsoft-provisioning,vnd-microsoft-roaming-contacts,vnd-microsoft-roaming-ACL,presence,presence.wpending,vnd-microsoft-roaming-self,vnd-microsoft-provisioning-v2",
        );
        let _ = response.add_header("Supported", "adhoclist");
        let _ = response.add_header("Supported", "msrtc-event-categories");
        let _ = response.add_header("Supported", "com.microsoft.msrtc.presence");
        let epid = msg
            .from()
            .ok()
            .and_then(|f| f.param("epid").map(str::to_owned));
        let was_signed_in = self.is_signed_in(&user_uri);
        if let Some(c) = self.connections.get_mut(&conn) {
            let first = c.user.is_none();
            c.user = (!signing_out).then(|| user_uri.clone());
            c.epid = epid;
            if first && !signing_out {
                self.counters.signed_in += 1;
            }
            if signing_out {
                self.counters.signed_out += 1;
            }
        }
        if signing_out {
            self.subscriptions.connection_closed(conn);
        }
        self.sign(conn, &mut response);
        let mut out = vec![Outgoing {
            conn,
            message: response,
        }];
        if was_signed_in != self.is_signed_in(&user_uri) {
            out.extend(self.sign_in_changed(&user_uri, now));
        }
        out
    }
}

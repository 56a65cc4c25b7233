//! Which server to connect to, and in what order (sipe-facts.md §3.1).
//!
//! With a Server set, that server is the only target. Without one: DNS SRV records in
//! pidgin-sipe's order, then well-known host names. TLS is never given up for TCP unless the
//! user chose TCP, or Auto found TCP records and no TLS ones at all.

use std::collections::VecDeque;

use crate::settings::{AccountSettings, Transport};

/// A server to connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub tls: bool,
}

/// An SRV name to look up: `_<service>._<protocol>.<domain>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrvQuery {
    pub service: &'static str,
    pub protocol: &'static str,
    pub domain: String,
    /// Whether the servers it names speak TLS.
    pub tls: bool,
}

impl SrvQuery {
    pub fn name(&self) -> String {
        format!("_{}._{}.{}", self.service, self.protocol, self.domain)
    }
}

/// What discovery wants done next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Ask Lync autodiscover (HTTP) first; answer with [`Discovery::autodiscover_answer`].
    Autodiscover,
    ResolveSrv(SrvQuery),
    /// Look up a well-known name's address before connecting to it; answer with
    /// [`Discovery::host_answer`]. A name that is not in DNS is skipped without a connect.
    ResolveHost(Target),
    Connect(Target),
    /// Nothing left to try.
    Exhausted,
}

#[derive(Debug, Clone)]
enum Pending {
    Autodiscover,
    Srv(SrvQuery),
    /// A well-known name: looked up first, connected to only if it has an address.
    Lookup(Target),
    Connect(Target),
    /// Auto only: the TCP servers found, if no TLS server was found at all.
    TcpIfNoTls,
}

/// The discovery plan for one sign-in.
#[derive(Debug, Clone)]
pub struct Discovery {
    pending: VecDeque<Pending>,
    awaiting: Option<SrvQuery>,
    awaiting_host: Option<Target>,
    found_tls: bool,
    tcp_found: Vec<Target>,
    /// Every name and target tried, for the error message when all fail.
    pub tried: Vec<String>,
    domain: String,
}

const SRV_AUTO: &[(&str, &str, bool)] = &[
    ("sipinternaltls", "tcp", true),
    ("sipinternal", "tcp", false),
    ("sip", "tls", true),
    ("sip", "tcp", false),
];

impl Discovery {
    pub fn new(settings: &AccountSettings) -> Discovery {
        let mut pending = VecDeque::new();
        let transport = settings.transport;
        if let Some(server) = &settings.server {
            pending.push_back(Pending::Connect(Target {
                host: server.host.clone(),
                port: server.port_or_default(transport),
                tls: transport != Transport::Tcp,
            }));
        } else {
            let domain = settings.sip_address.domain.clone();
            // Autodiscover only finds TLS pools; with TCP chosen it has nothing to offer.
            if transport != Transport::Tcp {
                pending.push_back(Pending::Autodiscover);
            }
            for &(service, protocol, tls) in SRV_AUTO {
                let wanted = match transport {
                    Transport::Auto => true,
                    Transport::Tls => tls,
                    Transport::Tcp => !tls,
                };
                if wanted {
                    pending.push_back(Pending::Srv(SrvQuery {
                        service,
                        protocol,
                        domain: domain.clone(),
                        tls,
                    }));
                }
            }
            if transport == Transport::Auto {
                pending.push_back(Pending::TcpIfNoTls);
            }
            // Well-known names (Microsoft KB 2619522), then the bare domain.
            let fallbacks: &[(&str, u16)] = match transport {
                Transport::Tcp => &[("sipinternal.", 5060), ("sip.", 5060), ("", 5060)],
                Transport::Auto | Transport::Tls => &[
                    ("sipinternal.", 5061),
                    ("sipexternal.", 443),
                    ("sip.", 443),
                    ("", 5061),
                ],
            };
            for (prefix, port) in fallbacks {
                pending.push_back(Pending::Lookup(Target {
                    host: format!("{prefix}{domain}"),
                    port: *port,
                    tls: transport != Transport::Tcp,
                }));
            }
        }
        Discovery {
            domain: settings.sip_address.domain.clone(),
            pending,
            awaiting: None,
            awaiting_host: None,
            found_tls: false,
            tcp_found: Vec::new(),
            tried: Vec::new(),
        }
    }

    /// The next thing to try after the previous one failed (or at the start).
    pub fn next_step(&mut self) -> Step {
        while let Some(item) = self.pending.pop_front() {
            match item {
                Pending::Autodiscover => {
                    self.tried.push(format!("LyncDiscover.{}", self.domain));
                    return Step::Autodiscover;
                }
                Pending::Srv(query) => {
                    self.tried.push(query.name());
                    self.awaiting = Some(query.clone());
                    return Step::ResolveSrv(query);
                }
                Pending::Lookup(target) => {
                    self.awaiting_host = Some(target.clone());
                    return Step::ResolveHost(target);
                }
                Pending::Connect(target) => {
                    self.tried.push(format!("{}:{}", target.host, target.port));
                    return Step::Connect(target);
                }
                Pending::TcpIfNoTls => {
                    if !self.found_tls {
                        let tcp = std::mem::take(&mut self.tcp_found);
                        for target in tcp.into_iter().rev() {
                            self.pending.push_front(Pending::Connect(target));
                        }
                    }
                }
            }
        }
        Step::Exhausted
    }

    /// The SIP servers autodiscover named (possibly none), tried before DNS.
    pub fn autodiscover_answer(&mut self, servers: Vec<Target>) {
        for target in servers.into_iter().rev() {
            self.pending.push_front(Pending::Connect(target));
        }
    }

    /// The answer to the last [`Step::ResolveHost`]: whether the name has an address.
    pub fn host_answer(&mut self, found: bool) {
        let Some(target) = self.awaiting_host.take() else {
            return;
        };
        if found {
            self.pending.push_front(Pending::Connect(target));
        } else {
            self.tried.push(format!("{} (not in DNS)", target.host));
        }
    }

    /// The answer to the last SRV query: `(host, port)` records in the resolver's order.
    pub fn srv_answer(&mut self, records: &[(String, u16)]) {
        let Some(query) = self.awaiting.take() else {
            return;
        };
        let targets: Vec<Target> = records
            .iter()
            .filter(|(host, port)| !host.is_empty() && *port != 0)
            .map(|(host, port)| Target {
                host: host.trim_end_matches('.').to_owned(),
                port: *port,
                tls: query.tls,
            })
            .collect();
        if targets.is_empty() {
            return;
        }
        let only_if_no_tls = !query.tls
            && self
                .pending
                .iter()
                .any(|p| matches!(p, Pending::TcpIfNoTls));
        if query.tls {
            self.found_tls = true;
        }
        if only_if_no_tls {
            self.tcp_found.extend(targets);
        } else {
            for target in targets.into_iter().rev() {
                self.pending.push_front(Pending::Connect(target));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{RawSettings, Secret};

    fn settings(transport: &str, server: &str) -> AccountSettings {
        AccountSettings::from_raw(&RawSettings {
            username: "alice@contoso.com".into(),
            password: Some(Secret::new("x")),
            text: vec![
                ("transport".into(), transport.into()),
                ("server".into(), server.into()),
            ],
            ..RawSettings::default()
        })
        .unwrap()
    }

    fn run(d: &mut Discovery, answers: &[(&str, &[(&str, u16)])]) -> Vec<String> {
        run_with(d, answers, &[])
    }

    /// Runs discovery against SRV `answers`; every well-known name has an address except
    /// those in `not_in_dns`.
    fn run_with(
        d: &mut Discovery,
        answers: &[(&str, &[(&str, u16)])],
        not_in_dns: &[&str],
    ) -> Vec<String> {
        let mut steps = Vec::new();
        loop {
            match d.next_step() {
                Step::ResolveSrv(q) => {
                    let name = q.name();
                    steps.push(format!("SRV {name}"));
                    let records: Vec<(String, u16)> = answers
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, r)| r.iter().map(|(h, p)| (h.to_string(), *p)).collect())
                        .unwrap_or_default();
                    d.srv_answer(&records);
                }
                Step::Autodiscover => {
                    steps.push("AUTODISCOVER".to_owned());
                    d.autodiscover_answer(Vec::new());
                }
                Step::ResolveHost(target) => {
                    steps.push(format!("A {}", target.host));
                    d.host_answer(!not_in_dns.contains(&target.host.as_str()));
                }
                Step::Connect(t) => steps.push(format!(
                    "{} {}:{}",
                    if t.tls { "TLS" } else { "TCP" },
                    t.host,
                    t.port
                )),
                Step::Exhausted => return steps,
            }
        }
    }

    #[test]
    fn configured_server_is_the_only_target() {
        let mut d = Discovery::new(&settings("auto", "sip.example.org"));
        assert_eq!(run(&mut d, &[]), ["TLS sip.example.org:5061"]);
        let mut d = Discovery::new(&settings("tcp", "sip.example.org"));
        assert_eq!(run(&mut d, &[]), ["TCP sip.example.org:5060"]);
    }

    #[test]
    fn auto_follows_pidgin_sipes_order_when_nothing_answers() {
        let mut d = Discovery::new(&settings("auto", ""));
        assert_eq!(
            run(&mut d, &[]),
            [
                "AUTODISCOVER",
                "SRV _sipinternaltls._tcp.contoso.com",
                "SRV _sipinternal._tcp.contoso.com",
                "SRV _sip._tls.contoso.com",
                "SRV _sip._tcp.contoso.com",
                "A sipinternal.contoso.com",
                "TLS sipinternal.contoso.com:5061",
                "A sipexternal.contoso.com",
                "TLS sipexternal.contoso.com:443",
                "A sip.contoso.com",
                "TLS sip.contoso.com:443",
                "A contoso.com",
                "TLS contoso.com:5061",
            ]
        );
    }

    #[test]
    fn well_known_names_without_an_address_are_skipped_and_named() {
        let mut d = Discovery::new(&settings("auto", ""));
        let steps = run_with(
            &mut d,
            &[],
            &["sipinternal.contoso.com", "sipexternal.contoso.com"],
        );
        assert_eq!(
            steps[5..],
            [
                "A sipinternal.contoso.com",
                "A sipexternal.contoso.com",
                "A sip.contoso.com",
                "TLS sip.contoso.com:443",
                "A contoso.com",
                "TLS contoso.com:5061",
            ]
        );
        assert!(
            d.tried
                .contains(&"sipinternal.contoso.com (not in DNS)".to_owned()),
            "{:?}",
            d.tried
        );
        assert!(
            d.tried.contains(&"sip.contoso.com:443".to_owned()),
            "{:?}",
            d.tried
        );
    }

    #[test]
    fn srv_targets_are_tried_where_they_were_found() {
        let mut d = Discovery::new(&settings("auto", ""));
        let steps = run(
            &mut d,
            &[(
                "_sipinternaltls._tcp.contoso.com",
                &[("pool1.contoso.com.", 5061), ("pool2.contoso.com", 5061)],
            )],
        );
        assert_eq!(steps[2], "TLS pool1.contoso.com:5061");
        assert_eq!(steps[3], "TLS pool2.contoso.com:5061");
        assert_eq!(steps[4], "SRV _sipinternal._tcp.contoso.com");
    }

    #[test]
    fn auto_never_falls_back_to_tcp_when_tls_exists() {
        let mut d = Discovery::new(&settings("auto", ""));
        let steps = run(
            &mut d,
            &[
                (
                    "_sipinternal._tcp.contoso.com",
                    &[("tcp.contoso.com", 5060)],
                ),
                ("_sip._tls.contoso.com", &[("edge.contoso.com", 443)]),
            ],
        );
        assert!(
            steps.contains(&"TLS edge.contoso.com:443".to_string()),
            "{steps:?}"
        );
        assert!(!steps.iter().any(|s| s.starts_with("TCP")), "{steps:?}");
    }

    #[test]
    fn auto_uses_tcp_when_only_tcp_was_found() {
        let mut d = Discovery::new(&settings("auto", ""));
        let steps = run(
            &mut d,
            &[(
                "_sipinternal._tcp.contoso.com",
                &[("tcp.contoso.com", 5060)],
            )],
        );
        let tcp_at = steps
            .iter()
            .position(|s| s == "TCP tcp.contoso.com:5060")
            .expect("TCP tried");
        let last_srv = steps.iter().rposition(|s| s.starts_with("SRV")).unwrap();
        assert!(
            tcp_at > last_srv,
            "TCP only after every SRV query: {steps:?}"
        );
    }

    #[test]
    fn tls_and_tcp_settings_restrict_the_queries() {
        let mut d = Discovery::new(&settings("tls", ""));
        let steps = run(
            &mut d,
            &[(
                "_sipinternal._tcp.contoso.com",
                &[("tcp.contoso.com", 5060)],
            )],
        );
        assert!(
            steps
                .iter()
                .all(|s| !s.contains("_sipinternal._tcp") && !s.starts_with("TCP")),
            "{steps:?}"
        );
        let mut d = Discovery::new(&settings("tcp", ""));
        let steps = run(&mut d, &[]);
        assert_eq!(steps[0], "SRV _sipinternal._tcp.contoso.com");
        assert_eq!(steps[1], "SRV _sip._tcp.contoso.com");
        assert!(
            steps[2..]
                .iter()
                .all(|s| s.starts_with("TCP") || s.starts_with("A ")),
            "{steps:?}"
        );
    }
}

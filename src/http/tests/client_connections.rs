//! The client's connections: keep-alive, stale reconnects, idle expiry, failures, limits,
//! timeouts and cookies.

use std::time::Duration;

use super::harness::{Network, Reply, Trace, config, ok, request_at, url};
use crate::http::{
    HttpAction, HttpError, HttpEvent, Limits, Method, ParseError, Request, ServerResponse,
};

fn get(text: &str) -> Request {
    Request::get(url(text))
}

#[test]
fn keep_alive_reuses_the_connection_per_host_port_and_scheme() {
    let mut network =
        Network::new(|server, request| ok(&format!("{} #{}", request.target, server.served)));
    let first = network.run(get("http://web.contoso.com/a")).unwrap();
    assert_eq!(first.body_text(), "/a #0");
    let second = network.run(get("http://web.contoso.com/b")).unwrap();
    assert_eq!(second.body_text(), "/b #1", "served on the same connection");
    assert_eq!(network.connects(), 1);

    // Another port, another scheme, another host: each a connection of its own.
    network.run(get("http://web.contoso.com:8080/c")).unwrap();
    network.run(get("https://web.contoso.com/d")).unwrap();
    network.run(get("http://other.contoso.com/e")).unwrap();
    let targets: Vec<(String, u16, bool)> = network
        .trace
        .iter()
        .filter_map(|t| match t {
            Trace::Connect {
                host, port, tls, ..
            } => Some((host.clone(), *port, *tls)),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("web.contoso.com".into(), 80, false),
            ("web.contoso.com".into(), 8080, false),
            ("web.contoso.com".into(), 443, true),
            ("other.contoso.com".into(), 80, false),
        ]
    );
    // And back to the first: still open, reused.
    let again = network.run(get("http://web.contoso.com/f")).unwrap();
    assert_eq!(again.body_text(), "/f #2");
    assert_eq!(network.connects(), 4);
}

#[test]
fn a_closing_response_ends_the_connection() {
    let mut network = Network::new(|_, _| {
        Reply::Send(
            ServerResponse::new(200)
                .with_body("text/plain", "bye")
                .closing(),
        )
    });
    network.run(get("http://h/1")).unwrap();
    network.run(get("http://h/2")).unwrap();
    assert_eq!(network.connects(), 2);
    assert!(network.trace.contains(&Trace::ClientClose { conn: 1 }));
}

#[test]
fn http_1_0_body_is_read_to_the_end_of_the_stream() {
    let mut network = Network::new(|_, _| {
        Reply::RawThenClose(
            b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold server".to_vec(),
        )
    });
    network.delivery_size = 3;
    let response = network.run(get("http://h/")).unwrap();
    assert_eq!(response.body_text(), "old server");
    network.run(get("http://h/")).unwrap();
    assert_eq!(
        network.connects(),
        2,
        "a close-delimited body ends the connection"
    );
}

#[test]
fn a_stale_kept_alive_connection_is_retried_once_on_a_new_one() {
    let mut network = Network::new(|server, _| ok(&format!("conn {}", server.conn)));
    network.run(get("http://h/1")).unwrap();
    network.drop_silently(1);
    let response = network.run(get("http://h/2")).unwrap();
    assert_eq!(response.body_text(), "conn 2");
    assert_eq!(network.connects(), 2);
    assert_eq!(
        network.requests().len(),
        2,
        "the request reached the server once"
    );
}

#[test]
fn the_stale_retry_happens_only_once() {
    let mut network = Network::new(|server, _| {
        if server.conn == 1 {
            ok("first")
        } else {
            Reply::Close
        }
    });
    network.run(get("http://h/1")).unwrap();
    network.drop_silently(1);
    let error = network.run(get("http://h/2")).unwrap_err();
    assert!(
        matches!(error, HttpError::ConnectionClosed { .. }),
        "{error}"
    );
    assert_eq!(network.connects(), 2);
}

#[test]
fn a_fresh_connection_that_closes_is_not_retried() {
    let mut network = Network::new(|_, _| Reply::Close);
    let error = network.run(get("http://h/")).unwrap_err();
    assert_eq!(
        error,
        HttpError::ConnectionClosed {
            url: url("http://h/")
        }
    );
    assert_eq!(network.connects(), 1);
}

#[test]
fn a_reused_connection_that_closes_mid_response_is_not_retried() {
    let mut network = Network::new(|server, _| {
        if server.served == 0 {
            ok("first")
        } else {
            Reply::RawThenClose(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf".to_vec())
        }
    });
    network.run(get("http://h/1")).unwrap();
    let error = network.run(get("http://h/2")).unwrap_err();
    assert!(
        matches!(error, HttpError::ConnectionClosed { .. }),
        "{error}"
    );
    assert_eq!(network.connects(), 1);
}

#[test]
fn idle_connections_expire_and_the_pool_is_bounded() {
    let mut cfg = config();
    cfg.idle_timeout = Duration::from_secs(30);
    cfg.max_idle_connections = 2;
    let mut network = Network::with_config(cfg, |_, _| ok("x"));
    network.run(get("http://a/")).unwrap();
    network.now += Duration::from_secs(30);
    network.run(get("http://a/")).unwrap();
    assert_eq!(
        network.connects(),
        2,
        "the expired connection is not reused"
    );
    assert!(network.trace.contains(&Trace::ClientClose { conn: 1 }));

    network.run(get("http://b/")).unwrap();
    network.run(get("http://c/")).unwrap();
    // Three idle connections, at most two kept: the least recently used (a's) is closed.
    assert!(network.trace.contains(&Trace::ClientClose { conn: 2 }));
    assert_eq!(network.open_conns(), 2);
}

#[test]
fn connect_failure_names_host_and_port() {
    let mut network = Network::new(|_, _| ok("never"));
    network
        .unreachable
        .push("lyncdiscoverinternal.contoso.com:443".into());
    let error = network
        .run(get(
            "https://LyncDiscoverInternal.contoso.com/?sipuri=alice@contoso.com",
        ))
        .unwrap_err();
    assert_eq!(
        error,
        HttpError::ConnectFailed {
            host: "lyncdiscoverinternal.contoso.com".into(),
            port: 443,
            reason: "connection refused".into()
        }
    );
    assert!(
        error
            .to_string()
            .contains("lyncdiscoverinternal.contoso.com:443")
    );
    assert!(!network.client.is_busy());
}

#[test]
fn the_request_times_out_at_its_deadline() {
    let mut network = Network::new(|_, _| Reply::Silence);
    let start = network.now;
    assert_eq!(network.try_run(get("http://h/slow")), None);
    assert_eq!(
        network.client.poll_timeout(),
        Some(start + Duration::from_secs(60))
    );
    assert!(
        network
            .client
            .handle_timeout(start + Duration::from_secs(59))
            .is_empty()
    );
    let actions = network
        .client
        .handle_timeout(start + Duration::from_secs(60));
    assert_eq!(
        actions,
        [
            HttpAction::Close { conn: 1 },
            HttpAction::Done(Err(HttpError::Timeout {
                url: url("http://h/slow"),
                after: Duration::from_secs(60)
            }))
        ]
    );
    assert_eq!(network.client.poll_timeout(), None);
    assert!(!network.client.is_busy());
    // A late answer on the closed connection is ignored.
    assert!(
        network
            .client
            .handle(HttpEvent::Data {
                conn: 1,
                bytes: b"HTTP/1.1 200 OK\r\n\r\n"
            })
            .is_empty()
    );
}

#[test]
fn a_timeout_while_connecting_leaves_nothing_behind() {
    let mut network = Network::new(|_, _| ok("x"));
    let start = network.now;
    let actions = network.client.start(get("http://h/"), start);
    assert!(matches!(actions[..], [HttpAction::Connect { conn: 1, .. }]));
    let actions = network
        .client
        .handle_timeout(start + Duration::from_secs(61));
    assert!(matches!(
        actions[..],
        [
            HttpAction::Close { conn: 1 },
            HttpAction::Done(Err(HttpError::Timeout { .. }))
        ]
    ));
    // The connection completing afterwards is ignored: it was closed.
    assert!(
        network
            .client
            .handle(HttpEvent::Connected { conn: 1 })
            .is_empty()
    );
}

#[test]
fn one_request_at_a_time() {
    let mut network = Network::new(|_, _| Reply::Silence);
    assert_eq!(network.try_run(get("http://h/1")), None);
    assert!(network.client.is_busy());
    let actions = network.client.start(get("http://h/2"), network.now);
    assert_eq!(actions, [HttpAction::Done(Err(HttpError::Busy))]);
    assert_eq!(
        network.client.poll_timeout().map(|d| d > network.now),
        Some(true)
    );
}

#[test]
fn an_invalid_request_ends_at_once() {
    let mut network = Network::new(|_, _| ok("x"));
    let bad = get("http://h/").with_header("X-Injected", "a\r\nb: c");
    let actions = network.client.start(bad, network.now);
    assert!(matches!(
        actions[..],
        [HttpAction::Done(Err(
            HttpError::InvalidRequestHeader { .. }
        ))]
    ));
    assert!(!network.client.is_busy());
}

#[test]
fn a_body_over_the_limit_is_refused_and_the_connection_closed() {
    let mut cfg = config();
    cfg.limits = Limits {
        max_body_bytes: 1024,
        ..Limits::DEFAULT
    };
    let mut network = Network::with_config(cfg, |_, request| {
        let size = if request.path() == "/big" { 2048 } else { 1024 };
        Reply::Send(
            ServerResponse::new(200)
                .with_body("text/xml", vec![b'x'; size])
                .chunked(100),
        )
    });
    let error = network.run(get("http://h/big")).unwrap_err();
    assert_eq!(
        error,
        HttpError::InvalidResponse {
            url: url("http://h/big"),
            error: ParseError::BodyTooLarge { limit: 1024 }
        }
    );
    assert!(
        error.to_string().contains("body larger than 1024 bytes"),
        "{error}"
    );
    assert!(network.trace.contains(&Trace::ClientClose { conn: 1 }));
    // Exactly at the limit is fine, on a new connection.
    assert_eq!(network.run(get("http://h/")).unwrap().body.len(), 1024);
    assert_eq!(network.connects(), 2);
}

#[test]
fn a_malformed_response_fails_the_request_and_the_connection() {
    let mut network =
        Network::new(|_, _| Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n".to_vec()));
    let error = network.run(get("http://h/")).unwrap_err();
    assert!(matches!(
        error,
        HttpError::InvalidResponse {
            error: ParseError::Malformed(_),
            ..
        }
    ));
    assert!(network.trace.contains(&Trace::ClientClose { conn: 1 }));
}

#[test]
fn trailing_bytes_after_a_response_make_the_connection_unusable() {
    let mut network = Network::new(|_, _| {
        Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE".to_vec())
    });
    assert_eq!(network.run(get("http://h/")).unwrap().body, b"ok");
    assert!(network.trace.contains(&Trace::ClientClose { conn: 1 }));
    network.run(get("http://h/")).unwrap();
    assert_eq!(network.connects(), 2);
}

#[test]
fn data_on_an_idle_connection_closes_it() {
    let mut network = Network::new(|_, _| ok("x"));
    network.run(get("http://h/")).unwrap();
    let actions = network.client.handle(HttpEvent::Data {
        conn: 1,
        bytes: b"junk",
    });
    assert_eq!(actions, [HttpAction::Close { conn: 1 }]);
    // The server closing an idle connection is simply noted.
    network.run(get("http://h/")).unwrap();
    assert!(
        network
            .client
            .handle(HttpEvent::Closed { conn: 2 })
            .is_empty()
    );
    network.run(get("http://h/")).unwrap();
    assert_eq!(network.connects(), 3);
}

#[test]
fn cookies_go_back_where_they_belong() {
    let mut network = Network::new(|_, request| {
        let mut response = ServerResponse::new(200);
        if request.path() == "/login" {
            response = response
                .with_header("Set-Cookie", "session=s1; Path=/; Secure")
                .with_header("Set-Cookie", "affinity=pool01; Domain=contoso.com");
        }
        Reply::Send(response)
    });
    network.run(get("https://web.contoso.com/login")).unwrap();
    network.run(get("https://web.contoso.com/abs")).unwrap();
    network.run(get("http://dir.contoso.com/x")).unwrap();
    let cookies: Vec<Option<String>> = network
        .requests()
        .iter()
        .map(|t| match t {
            Trace::Request { cookie, .. } => cookie.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(
        cookies,
        [
            None,
            Some("session=s1; affinity=pool01".into()),
            Some("affinity=pool01".into())
        ]
    );
}

#[test]
fn post_carries_its_body_and_head_has_none() {
    let mut network = Network::new(|_, request| ok(&request.body_text()));
    let echoed = network
        .run(Request::post(
            url("http://h/svc"),
            "text/xml",
            b"<x/>".to_vec(),
        ))
        .unwrap();
    assert_eq!(echoed.body, b"<x/>");
    let Trace::Request { content_type, .. } = request_at(&network, 0) else {
        unreachable!()
    };
    assert_eq!(content_type.as_deref(), Some("text/xml"));

    // The HEAD answer's Content-Length describes a body that is not there: the parser must
    // not wait for it, or the next response would be misread.
    let mut network = Network::new(|_, request| match request.method.as_str() {
        "HEAD" => Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n".to_vec()),
        _ => ok("after"),
    });
    let head = network
        .run(Request::new(Method::Head, url("http://h/")))
        .unwrap();
    assert!(head.body.is_empty());
    assert_eq!(network.run(get("http://h/")).unwrap().body_text(), "after");
    assert_eq!(network.connects(), 1);
}

#[test]
fn shutdown_closes_everything_and_cancels() {
    let mut network = Network::new(|server, _| {
        if server.host == "a" {
            ok("x")
        } else {
            Reply::Silence
        }
    });
    network.run(get("http://a/")).unwrap();
    assert_eq!(network.try_run(get("http://b/")), None);
    let actions = network.client.shutdown();
    assert_eq!(
        actions,
        [
            HttpAction::Close { conn: 1 },
            HttpAction::Close { conn: 2 },
            HttpAction::Done(Err(HttpError::Cancelled {
                url: url("http://b/")
            }))
        ]
    );
    assert!(!network.client.is_busy());
}

#[test]
fn debug_output_of_actions_is_redacted() {
    let action = HttpAction::Send {
        conn: 1,
        bytes: b"GET / HTTP/1.1\r\nAuthorization: NTLM TlRMTVNTUAABAAAAB4IIog==\r\nCookie: s=secret\r\n\r\n".to_vec(),
    };
    let text = format!("{action:?}");
    assert!(
        !text.contains("TlRMTVNT") && !text.contains("secret"),
        "{text}"
    );
    assert!(text.contains("GET / HTTP/1.1"), "{text}");
}

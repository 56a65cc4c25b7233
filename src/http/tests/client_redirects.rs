//! Redirects: which are followed, how method and body change, limits and security.

use super::harness::{Network, Reply, Trace, ok, redirect, url};
use crate::auth::ntlm::Password;
use crate::http::{HttpCredentials, HttpError, Method, Request, ServerResponse};

/// `/from` redirects with `status` to `/to`, which echoes method and body.
fn redirecting(status: u16) -> Network {
    Network::new(move |_, request| match request.path() {
        "/from" => redirect(status, "/to"),
        _ => ok(&format!("{} {}", request.method, request.body_text())),
    })
}

fn post() -> Request {
    Request::post(url("http://h/from"), "text/xml", b"<body/>".to_vec())
}

/// Method, body and Content-Type of the second request the server saw.
fn followed(network: &Network) -> (String, Vec<u8>, Option<String>) {
    match network.requests()[1] {
        Trace::Request {
            method,
            body,
            content_type,
            ..
        } => (method.clone(), body.clone(), content_type.clone()),
        _ => unreachable!(),
    }
}

#[test]
fn moved_and_found_turn_post_into_get_like_browsers() {
    for status in [301, 302] {
        let mut network = redirecting(status);
        let response = network.run(post()).unwrap();
        assert_eq!(response.body_text(), "GET ", "{status}");
        assert_eq!(
            followed(&network),
            ("GET".into(), Vec::new(), None),
            "{status}"
        );
        assert_eq!(network.connects(), 1, "same host: the connection is reused");

        // Other methods keep method and body.
        let mut network = redirecting(status);
        let put = Request {
            method: Method::Put,
            ..post()
        };
        assert_eq!(network.run(put).unwrap().body_text(), "PUT <body/>");
        let mut network = redirecting(status);
        assert_eq!(
            network
                .run(Request::get(url("http://h/from")))
                .unwrap()
                .body_text(),
            "GET "
        );
    }
}

#[test]
fn see_other_always_becomes_get_except_for_head() {
    let mut network = redirecting(303);
    assert_eq!(network.run(post()).unwrap().body_text(), "GET ");
    assert_eq!(followed(&network), ("GET".into(), Vec::new(), None));
    let put = Request {
        method: Method::Put,
        ..post()
    };
    let mut network = redirecting(303);
    assert_eq!(network.run(put).unwrap().body_text(), "GET ");
    let mut network = redirecting(303);
    network
        .run(Request::new(Method::Head, url("http://h/from")))
        .unwrap();
    assert_eq!(followed(&network).0, "HEAD");
}

#[test]
fn temporary_and_permanent_redirects_repeat_the_request() {
    for status in [307, 308] {
        let mut network = redirecting(status);
        assert_eq!(network.run(post()).unwrap().body_text(), "POST <body/>");
        assert_eq!(
            followed(&network),
            ("POST".into(), b"<body/>".to_vec(), Some("text/xml".into())),
            "{status}"
        );
    }
}

#[test]
fn relative_absolute_and_cross_host_locations() {
    let mut network =
        Network::new(
            |server, request| match (server.host.as_str(), request.path()) {
                ("a.contoso.com", "/autodiscover/root") => redirect(302, "user?sipuri=alice"),
                ("a.contoso.com", "/autodiscover/user") => redirect(
                    301,
                    "https://webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root",
                ),
                ("webdir.online.lync.com", path) => {
                    ok(&format!("{path} on {}:{}", server.host, server.port))
                }
                other => panic!("unexpected {other:?}"),
            },
        );
    let response = network
        .run(Request::get(url("http://a.contoso.com/autodiscover/root")))
        .unwrap();
    assert_eq!(
        response.body_text(),
        "/Autodiscover/AutodiscoverService.svc/root on webdir.online.lync.com:443"
    );
    let targets: Vec<String> = network
        .requests()
        .iter()
        .map(|t| match t {
            Trace::Request { host, target, .. } => format!("{host}{target}"),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        targets,
        [
            "a.contoso.com/autodiscover/root",
            "a.contoso.com/autodiscover/user?sipuri=alice",
            "webdir.online.lync.com/Autodiscover/AutodiscoverService.svc/root"
        ]
    );
    assert_eq!(network.connects(), 2);
}

#[test]
fn at_most_five_redirects() {
    let chain = |length: u32| {
        Network::new(move |_, request| {
            let step: u32 = request.path()[1..].parse().unwrap();
            if step < length {
                redirect(302, &format!("/{}", step + 1))
            } else {
                ok("arrived")
            }
        })
    };
    let mut network = chain(5);
    assert_eq!(
        network
            .run(Request::get(url("http://h/0")))
            .unwrap()
            .body_text(),
        "arrived"
    );
    let mut network = chain(6);
    let error = network.run(Request::get(url("http://h/0"))).unwrap_err();
    assert_eq!(
        error,
        HttpError::TooManyRedirects {
            url: url("http://h/5"),
            limit: 5
        }
    );
    assert_eq!(network.requests().len(), 6);
}

#[test]
fn https_never_redirects_to_http() {
    let mut network = Network::new(|server, _| {
        if server.tls {
            redirect(302, "http://h/plain")
        } else {
            ok("plain")
        }
    });
    let error = network
        .run(Request::get(url("https://h/secure")))
        .unwrap_err();
    assert_eq!(
        error,
        HttpError::InsecureRedirect {
            from: url("https://h/secure"),
            to: url("http://h/plain")
        }
    );
    assert_eq!(network.requests().len(), 1);

    // Upgrading is fine.
    let mut network = Network::new(|server, _| {
        if server.tls {
            ok("secure")
        } else {
            redirect(301, "https://h/")
        }
    });
    assert_eq!(
        network
            .run(Request::get(url("http://h/")))
            .unwrap()
            .body_text(),
        "secure"
    );
}

#[test]
fn bad_or_missing_locations() {
    let mut network = Network::new(|_, _| redirect(302, "ftp://files.contoso.com/x"));
    let error = network.run(Request::get(url("http://h/"))).unwrap_err();
    assert!(
        matches!(&error, HttpError::InvalidRedirect { location, .. } if location == "ftp://files.contoso.com/x"),
        "{error}"
    );
    // A 3xx without Location is a response like any other.
    let mut network = Network::new(|_, _| Reply::Send(ServerResponse::new(302)));
    assert_eq!(
        network.run(Request::get(url("http://h/"))).unwrap().status,
        302
    );
    // 300 and 304 are not redirects to follow.
    let mut network = Network::new(|_, _| redirect(300, "/elsewhere"));
    assert_eq!(
        network.run(Request::get(url("http://h/"))).unwrap().status,
        300
    );
}

#[test]
fn credentials_stay_with_the_host_they_were_given_for() {
    let mut network = Network::new(|server, request| {
        if server.host == "a.contoso.com" && request.path() == "/start" {
            return redirect(302, "http://b.contoso.com/elsewhere");
        }
        match server.authorize(request) {
            Ok(user) => ok(&user),
            Err(unauthorized) => unauthorized,
        }
    });
    let request = Request::get(url("http://a.contoso.com/start"))
        .with_header("Authorization", "Bearer caller-token")
        .with_credentials(HttpCredentials::from_login(
            "CONTOSO\\alice",
            Password::new("Secret-1"),
        ));
    let response = network.run(request).unwrap();
    assert_eq!(response.status, 401, "no credentials for the other host");
    let Trace::Request { authorization, .. } = network.requests()[1].clone() else {
        unreachable!()
    };
    assert_eq!(
        authorization, None,
        "the caller's Authorization is not forwarded either"
    );

    // On the same host they are used after the redirect.
    let mut network = Network::new(|_, request| {
        if request.path() == "/start" {
            return redirect(307, "/protected");
        }
        ok("fine")
    });
    let request = Request::get(url("http://a.contoso.com/start"))
        .with_header("Authorization", "Bearer caller-token");
    network.run(request).unwrap();
    let Trace::Request { authorization, .. } = network.requests()[1].clone() else {
        unreachable!()
    };
    assert_eq!(authorization.as_deref(), Some("Bearer caller-token"));
}

#[test]
fn cookies_set_by_a_redirect_are_sent_to_its_target() {
    let mut network = Network::new(|_, request| {
        if request.path() == "/login" {
            Reply::Send(
                ServerResponse::new(302)
                    .with_header("Location", "/home")
                    .with_header("Set-Cookie", "MSISAuth=abc; Path=/"),
            )
        } else {
            ok(request.header("cookie").unwrap_or("none"))
        }
    });
    let response = network
        .run(Request::get(url("https://sts.contoso.com/login")))
        .unwrap();
    assert_eq!(response.body_text(), "MSISAuth=abc");
}

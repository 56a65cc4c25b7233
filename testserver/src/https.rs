//! The HTTPS listener: the web services (see `webservices`), `GET /counters` (the
//! [`Counters`] as JSON, for tests) and `GET /test/stale-versions?user=…` (fault injection).
//!
//! Connections are kept alive between requests, because NTLM over HTTP authenticates the
//! connection: the 401 legs and the request they unlock must share it.
//!
//! [`Counters`]: crate::core::Counters

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::SystemTime;

use purple_lync::http::{Limits, RequestParser, ServerRequest, ServerResponse};

use crate::net::{IO_TIMEOUT, Shared, Stream, is_timeout, log};

/// Serves requests on one connection until either side closes it.
pub(crate) fn serve(shared: &Shared, tcp: TcpStream, peer: SocketAddr) {
    let mut stream = match Stream::accept_tls(&shared.acceptor, tcp) {
        Ok(stream) => stream,
        Err(e) => {
            log!("https {peer}: {e}");
            return;
        }
    };
    let _ = stream.tcp().set_read_timeout(Some(IO_TIMEOUT));
    let mut parser = RequestParser::new(Limits::DEFAULT);
    let mut http_auth = shared.new_http_auth();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let request = match parser.next_request() {
            Ok(Some(request)) => request,
            Ok(None) => match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    parser.push(&buf[..n]);
                    continue;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) if is_timeout(&e) => break,
                Err(e) => {
                    log!("https {peer}: read failed: {e}");
                    break;
                }
            },
            Err(e) => {
                log!("https {peer}: unreadable request: {e}");
                let response = ServerResponse::new(400)
                    .with_body("text/plain", "Bad Request\n")
                    .closing();
                let _ = stream.write_all(&response.to_bytes());
                break;
            }
        };
        let mut response = answer(shared, &request, &mut http_auth);
        log!(
            "https {peer}: {} {} -> {}",
            request.method,
            request.path(),
            response.status
        );
        if request.wants_close() {
            response = response.closing();
        }
        let written = stream
            .write_all(&response.to_bytes())
            .and_then(|()| stream.flush());
        if written.is_err() || response.close {
            break;
        }
    }
    stream.close();
}

fn answer(
    shared: &Shared,
    request: &ServerRequest,
    http_auth: &mut purple_lync::http::HttpNtlmServer,
) -> ServerResponse {
    if request.method == "GET" && request.path() == "/counters" {
        return match serde_json::to_string(&shared.counters()) {
            Ok(json) => ServerResponse::new(200).with_body("application/json", json),
            Err(_) => ServerResponse::new(500),
        };
    }
    // Fault injection for tests: as if another endpoint of the user had republished
    // everything and the news had not reached the others yet.
    if request.method == "GET" && request.path() == "/test/stale-versions" {
        let user = request.query_param("user").unwrap_or_default();
        return match shared.make_versions_stale(user) {
            0 => ServerResponse::new(404),
            changed => ServerResponse::new(200)
                .with_body("application/json", format!("{{\"changed\":{changed}}}")),
        };
    }
    shared.handle_web(request, http_auth, SystemTime::now())
}

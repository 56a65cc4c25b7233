//! The HTTPS listener. For now it answers `GET /counters` (the [`Counters`] as JSON, for
//! tests), `GET /test/stale-versions?user=…` (fault injection) and 404 for everything else;
//! the web services will live here.
//!
//! [`Counters`]: crate::core::Counters

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use crate::net::{IO_TIMEOUT, Shared, Stream, is_timeout, log};

/// Longest request head read; a longer one gets 431.
const MAX_HEAD: usize = 16 * 1024;

/// Serves one request on one connection, then closes it.
pub(crate) fn serve(shared: &Shared, tcp: TcpStream, peer: SocketAddr) {
    let mut stream = match Stream::accept_tls(&shared.acceptor, tcp) {
        Ok(stream) => stream,
        Err(e) => {
            log!("https {peer}: {e}");
            return;
        }
    };
    let response = match read_head(&mut stream) {
        Ok(head) => answer(shared, peer, &head),
        Err(HeadError::TooLong) => {
            log!("https {peer}: request head over {MAX_HEAD} bytes");
            Response::text(431, "Request Header Fields Too Large")
        }
        Err(HeadError::Io(why)) => {
            log!("https {peer}: {why}");
            stream.close();
            return;
        }
    };
    let _ = stream
        .write_all(&response.to_bytes())
        .and_then(|()| stream.flush());
    stream.close();
}

enum HeadError {
    TooLong,
    Io(String),
}

/// Reads up to the blank line that ends the request head (a body, if any, is not read).
fn read_head(stream: &mut Stream) -> Result<String, HeadError> {
    let _ = stream.tcp().set_read_timeout(Some(IO_TIMEOUT));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = find(&head, b"\r\n\r\n") {
            head.truncate(end);
            return Ok(String::from_utf8_lossy(&head).into_owned());
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLong);
        }
        match stream.read(&mut buf) {
            Ok(0) => return Err(HeadError::Io("closed before a full request".to_owned())),
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e) if is_timeout(&e) => return Err(HeadError::Io("timed out reading".to_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(HeadError::Io(format!("read failed: {e}"))),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn answer(shared: &Shared, peer: SocketAddr, head: &str) -> Response {
    let request_line = head.lines().next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        log!("https {peer}: malformed request line");
        return Response::text(400, "Bad Request");
    };
    if !version.starts_with("HTTP/1.") {
        log!("https {peer}: {method} with {version:?}");
        return Response::text(505, "HTTP Version Not Supported");
    }
    let path = target.split('?').next().unwrap_or(target);
    let response = match (method, path) {
        ("GET", "/counters") => match serde_json::to_string(&shared.counters()) {
            Ok(json) => Response::json(json),
            Err(_) => Response::text(500, "Internal Server Error"),
        },
        // Fault injection for tests: as if another endpoint of the user had republished
        // everything and the news had not reached the others yet.
        ("GET", "/test/stale-versions") => {
            let user = target
                .split_once("?user=")
                .map(|(_, user)| user)
                .unwrap_or_default();
            match shared.make_versions_stale(user) {
                0 => Response::text(404, "Not Found"),
                changed => Response::json(format!("{{\"changed\":{changed}}}")),
            }
        }
        _ => {
            shared.count_https_request();
            Response::text(404, "Not Found")
        }
    };
    log!("https {peer}: {method} {path} -> {}", response.status);
    response
}

struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: String,
}

impl Response {
    fn text(status: u16, reason: &'static str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{reason}\n"),
        }
    }

    fn json(body: String) -> Response {
        Response {
            status: 200,
            reason: "OK",
            content_type: "application/json",
            body,
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            self.status,
            self.reason,
            self.content_type,
            self.body.len(),
            self.body
        )
        .into_bytes()
    }
}

//! Size limits applied while reading messages from the network.

/// Upper bounds on what one message may use. A limit fails as soon as the bytes that break it
/// are seen (an announced Content-Length at once, before any body arrives), so a hostile
/// peer cannot make the codec hold more than these bounds. A body's buffer is allocated at
/// its announced length (within `max_body`); memory backs it only as bytes arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes in the start line, without its CRLF.
    pub max_start_line: usize,
    /// Bytes from the first byte of the start line through the terminating blank line.
    pub max_header_section: usize,
    /// Header fields per message; a folded field counts once.
    pub max_headers: usize,
    /// Body bytes. A 5,000-contact roaming-contacts NOTIFY is about 1 MB; the presence of
    /// 19,999 contacts in one batch (lync-testserver answers a batch SUBSCRIBE in one
    /// message) is 23.4 MB, which the former 16 MiB refused, dropping the link in a loop.
    /// 64 MiB, as much as the link lets a peer leave unread (`link::Limits::max_pending`).
    pub max_body: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_start_line: 8 * 1024,
        max_header_section: 64 * 1024,
        max_headers: 256,
        max_body: 64 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

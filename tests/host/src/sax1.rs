//! Gives SAX1 parsers their elements back on Debian 12's libxml2.
//!
//! Debian's security updates of libxml2 2.9.14 (from 2.9.14+dfsg-1.3~deb12u4 on) dropped
//! the fallback that made a handler marked `XML_SAX2_MAGIC` but carrying only the SAX1
//! `startElement`/`endElement` callbacks parse in SAX1 mode. Such a parser now sees no
//! elements at all, without any error. pidgin-sipe 1.25's XML parser is one of them, so on
//! such a system it reads every XML body (contact list, presence, provisioning …) as empty.
//!
//! The host exports its own `xmlSAXUserParseMemory`. Plugins bind to it rather than to
//! libxml2's (the executable comes first in the dynamic linker's lookup order). For exactly
//! the handlers upstream libxml2 2.9.14 parsed in SAX1 mode it clears the magic on a copy,
//! which selects SAX1 mode again; every other call goes to libxml2 unchanged.

use std::ffi::{c_char, c_int, c_uint, c_void};
use std::sync::OnceLock;

/// libxml2's `XML_SAX2_MAGIC`.
const SAX2_MAGIC: c_uint = 0xDEED_BEAF;
/// Any other value: libxml2 then treats the handler as SAX1.
const SAX1: c_uint = 1;

/// libxml2's `xmlSAXHandler` (2.9.x): 27 SAX1 callbacks, then the SAX2 extension.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SaxHandler {
    callbacks: [*const c_void; 27],
    initialized: c_uint,
    private: *mut c_void,
    start_element_ns: *const c_void,
    end_element_ns: *const c_void,
    serror: *const c_void,
}

const START_ELEMENT: usize = 14;
const END_ELEMENT: usize = 15;

type ParseMemory =
    unsafe extern "C" fn(*mut SaxHandler, *mut c_void, *const c_char, c_int) -> c_int;

/// libxml2's own function (the next definition after ours).
fn libxml2_parse_memory() -> Option<ParseMemory> {
    static FOUND: OnceLock<usize> = OnceLock::new();
    let address = *FOUND.get_or_init(|| {
        // SAFETY: dlsym with a valid NUL-terminated name; RTLD_NEXT skips this executable.
        unsafe { libc::dlsym(libc::RTLD_NEXT, c"xmlSAXUserParseMemory".as_ptr()) as usize }
    });
    // SAFETY: a non-null address of libxml2's xmlSAXUserParseMemory, whose C signature
    // this type spells out.
    (address != 0).then(|| unsafe { std::mem::transmute::<usize, ParseMemory>(address) })
}

/// # Safety
/// libxml2's contract: `sax` a valid handler (or null), `buffer` `size` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn xmlSAXUserParseMemory(
    sax: *mut SaxHandler,
    user_data: *mut c_void,
    buffer: *const c_char,
    size: c_int,
) -> c_int {
    let Some(parse) = libxml2_parse_memory() else {
        return -1;
    };
    // SAFETY: a handler libxml2 would read; we only read it and pass a copy.
    unsafe {
        if let Some(handler) = sax.as_ref() {
            let sax1_only = handler.initialized == SAX2_MAGIC
                && handler.start_element_ns.is_null()
                && handler.end_element_ns.is_null()
                && !(handler.callbacks[START_ELEMENT].is_null()
                    && handler.callbacks[END_ELEMENT].is_null());
            if sax1_only {
                let mut copy = *handler;
                copy.initialized = SAX1;
                return parse(&mut copy, user_data, buffer, size);
            }
        }
        parse(sax, user_data, buffer, size)
    }
}

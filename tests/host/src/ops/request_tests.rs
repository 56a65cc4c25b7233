//! The request ops against the real libpurple: its variadic `purple_request_action` and
//! `purple_request_choice` build the `va_list`s the ops must take apart (no core needed).

use std::cell::RefCell;
use std::ffi::{c_int, c_void};

use serde_json::{Value, json};

use super::{REQUEST_OPS, answer};
use crate::ffi::{self, GCallback};
use crate::protocol::{self, Command};

thread_local! {
    static CALLS: RefCell<Vec<(&'static str, usize, c_int)>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn chose_action(user_data: *mut c_void, index: c_int) {
    CALLS.with(|calls| {
        calls
            .borrow_mut()
            .push(("action", user_data as usize, index))
    });
}

unsafe extern "C" fn chose_ok(user_data: *mut c_void, value: c_int) {
    CALLS.with(|calls| calls.borrow_mut().push(("ok", user_data as usize, value)));
}

unsafe extern "C" fn chose_cancel(user_data: *mut c_void, value: c_int) {
    CALLS.with(|calls| {
        calls
            .borrow_mut()
            .push(("cancel", user_data as usize, value))
    });
}

type ChoiceCb = unsafe extern "C" fn(*mut c_void, c_int);

fn as_gcallback(callback: ChoiceCb) -> GCallback {
    // SAFETY: libpurple stores callbacks as GCallback and casts them back before calling.
    Some(unsafe { std::mem::transmute::<ChoiceCb, unsafe extern "C" fn()>(callback) })
}

fn answer_with(command: Value) {
    let command = Command::parse(&command.to_string()).expect("command");
    answer(&command).expect("answer accepted");
}

fn only_request(events: &[Value]) -> &Value {
    let requests: Vec<&Value> = events
        .iter()
        .filter(|event| event["event"] == "request")
        .collect();
    assert_eq!(requests.len(), 1, "{events:?}");
    requests[0]
}

/// One test, because libpurple's request bookkeeping is global and not thread-safe.
#[test]
fn action_and_choice_prompts_read_their_va_lists() {
    // SAFETY: registering static ops, then calling libpurple's variadic request functions
    // with the argument lists their documentation prescribes.
    unsafe {
        ffi::purple_request_set_ui_ops(std::ptr::from_ref(&REQUEST_OPS).cast_mut());
        protocol::take_emitted();

        ffi::purple_request_action(
            std::ptr::null_mut(),
            c"Title".as_ptr(),
            c"Primary".as_ptr(),
            c"Secondary".as_ptr(),
            1,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null_mut(),
            0x51 as *mut c_void,
            3usize,
            c"First".as_ptr(),
            chose_action as ChoiceCb,
            c"Second".as_ptr(),
            chose_action as ChoiceCb,
            c"Third".as_ptr(),
            chose_action as ChoiceCb,
        );
    }
    let events = protocol::take_emitted();
    let prompt = only_request(&events);
    assert_eq!(prompt["kind"], "action");
    assert_eq!(prompt["actions"], json!(["First", "Second", "Third"]));
    assert_eq!(prompt["default"], 1);
    answer_with(json!({"cmd": "answer", "request": prompt["request"], "action": 2}));
    assert_eq!(CALLS.with(|calls| calls.take()), vec![("action", 0x51, 2)]);
    let closed = protocol::take_emitted();
    assert_eq!(
        closed,
        vec![json!({"event": "request_closed", "request": prompt["request"]})]
    );

    // SAFETY: as above; choices are (label, int) pairs ending in NULL.
    unsafe {
        ffi::purple_request_choice(
            std::ptr::null_mut(),
            c"Title".as_ptr(),
            c"Pick one".as_ptr(),
            std::ptr::null(),
            20,
            c"OK".as_ptr(),
            as_gcallback(chose_ok),
            c"Cancel".as_ptr(),
            as_gcallback(chose_cancel),
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null_mut(),
            0x52 as *mut c_void,
            c"Alpha".as_ptr(),
            10 as c_int,
            c"Beta".as_ptr(),
            20 as c_int,
            c"Gamma".as_ptr(),
            -3 as c_int,
            std::ptr::null::<i8>(),
        );
    }
    let events = protocol::take_emitted();
    let prompt = only_request(&events);
    assert_eq!(prompt["kind"], "choice");
    assert_eq!(
        prompt["choices"],
        json!([
            {"label": "Alpha", "value": 10},
            {"label": "Beta", "value": 20},
            {"label": "Gamma", "value": -3},
        ])
    );
    assert_eq!(prompt["actions"], json!(["OK", "Cancel"]));
    answer_with(json!({"cmd": "answer", "request": prompt["request"], "ok": true, "choice": -3}));
    assert_eq!(CALLS.with(|calls| calls.take()), vec![("ok", 0x52, -3)]);
}

//! Request ops: every prompt libpurple or a plugin raises becomes a `request` event and waits
//! for the test's `answer` command, as a dialog in Pidgin waits for a click.
//!
//! The UI handle returned to libpurple is the request number itself (never 0), so
//! `close_request` can find the prompt again.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::ffi::{c_char, c_int, c_void};

use serde_json::{Value, json};

use super::request_fields;
use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, __va_list_tag, GCallback, PURPLE_REQUEST_ACTION, PURPLE_REQUEST_CHOICE,
    PURPLE_REQUEST_FIELDS, PURPLE_REQUEST_FILE, PURPLE_REQUEST_FOLDER, PURPLE_REQUEST_INPUT,
    PurpleAccount, PurpleAccountRequestAuthorizationCb, PurpleConversation, PurpleRequestActionCb,
    PurpleRequestChoiceCb, PurpleRequestFields, PurpleRequestFieldsCb, PurpleRequestFileCb,
    PurpleRequestInputCb, PurpleRequestType, PurpleRequestUiOps, gboolean, gconstpointer, gsize,
};
use crate::ops::eventloop;
use crate::protocol::{self, Command};
use crate::valist::VaArgs;

pub static REQUEST_OPS: PurpleRequestUiOps = PurpleRequestUiOps {
    request_input: Some(request_input),
    request_choice: Some(request_choice),
    request_action: Some(request_action),
    request_fields: Some(request_fields),
    request_file: Some(request_file),
    close_request: Some(close_request),
    request_folder: Some(request_folder),
    request_action_with_icon: Some(request_action_with_icon),
    request_screenshare_media: None,
    _purple_reserved1: None,
    _purple_reserved2: None,
};

/// How to answer a pending prompt: the callbacks libpurple gave us, already cast to their
/// real signatures.
#[derive(Clone)]
enum Callbacks {
    Input {
        ok: PurpleRequestInputCb,
        cancel: PurpleRequestInputCb,
    },
    Choice {
        ok: PurpleRequestChoiceCb,
        cancel: PurpleRequestChoiceCb,
        default_value: c_int,
    },
    Action(Vec<PurpleRequestActionCb>),
    Fields {
        fields: *mut PurpleRequestFields,
        ok: PurpleRequestFieldsCb,
        cancel: PurpleRequestFieldsCb,
    },
    /// File and folder pickers: the host has no files to offer, so they are cancelled.
    Picker {
        cancel: PurpleRequestFileCb,
    },
    Authorize {
        authorize: PurpleAccountRequestAuthorizationCb,
        deny: PurpleAccountRequestAuthorizationCb,
    },
}

#[derive(Clone)]
struct Pending {
    /// `None` for prompts libpurple does not track with `purple_request_close`.
    purple_type: Option<PurpleRequestType>,
    user_data: *mut c_void,
    callbacks: Callbacks,
}

thread_local! {
    static PENDING: RefCell<BTreeMap<u64, Pending>> = const { RefCell::new(BTreeMap::new()) };
    static LAST_ID: Cell<u64> = const { Cell::new(0) };
}

/// What every request event carries besides its kind-specific fields.
struct Prompt {
    kind: &'static str,
    title: Value,
    primary: Value,
    secondary: Value,
    account: *mut PurpleAccount,
    who: Value,
    actions: Vec<Value>,
}

impl Prompt {
    /// # Safety
    /// The C strings are NULL or valid for the duration of the call.
    unsafe fn new(
        kind: &'static str,
        title: *const c_char,
        primary: *const c_char,
        secondary: *const c_char,
        account: *mut PurpleAccount,
        who: *const c_char,
    ) -> Self {
        // SAFETY: per this function's contract.
        unsafe {
            Self {
                kind,
                title: cstr::json(title),
                primary: cstr::json(primary),
                secondary: cstr::json(secondary),
                account,
                who: cstr::json(who),
                actions: Vec::new(),
            }
        }
    }
}

/// Records a prompt, reports it, and returns the UI handle for libpurple.
fn register(
    prompt: Prompt,
    purple_type: Option<PurpleRequestType>,
    user_data: *mut c_void,
    callbacks: Callbacks,
    extra: Value,
) -> *mut c_void {
    let id = LAST_ID.with(|last| {
        last.set(last.get() + 1);
        last.get()
    });
    PENDING.with(|pending| {
        pending.borrow_mut().insert(
            id,
            Pending {
                purple_type,
                user_data,
                callbacks,
            },
        )
    });
    let mut event = json!({
        "request": id,
        "account": accounts::label_json(prompt.account),
        "kind": prompt.kind,
        "title": prompt.title,
        "primary": prompt.primary,
        "secondary": prompt.secondary,
        "who": prompt.who,
        "actions": prompt.actions,
        "choices": [],
        "fields": [],
    });
    if let (Value::Object(event), Value::Object(extra)) = (&mut event, extra) {
        event.extend(extra);
    }
    protocol::emit_event("request", event);
    id as usize as *mut c_void
}

/// Forgets a prompt and reports `request_closed`; frees what the UI owns (request fields).
pub fn close(id: u64) {
    let Some(pending) = PENDING.with(|pending| pending.borrow_mut().remove(&id)) else {
        return;
    };
    if let Callbacks::Fields { fields, .. } = pending.callbacks {
        // SAFETY: the UI owns the fields of a fields request and frees them on close,
        // exactly once (the entry is gone from the table now).
        unsafe { ffi::purple_request_fields_destroy(fields) };
    }
    protocol::emit_event("request_closed", json!({ "request": id }));
}

/// Closes a prompt through libpurple when it tracks it (so its own bookkeeping is freed),
/// then directly if it is still open.
fn finish(id: u64) {
    let purple_type = PENDING.with(|pending| pending.borrow().get(&id).map(|p| p.purple_type));
    if let Some(Some(purple_type)) = purple_type {
        // SAFETY: `id` is the UI handle we gave libpurple; it calls close_request back.
        unsafe { ffi::purple_request_close(purple_type, id as usize as *mut c_void) };
    }
    close(id);
}

/// `{"cmd":"answer","request":N, "action":i | "ok":bool, "text":…, "choice":…, "fields":{…}}`
pub fn answer(command: &Command) -> Result<Value, String> {
    let id = command
        .opt_u64("request")?
        .ok_or("missing field \"request\"")?;
    let pending = PENDING
        .with(|pending| pending.borrow().get(&id).cloned())
        .ok_or_else(|| format!("no open request {id}"))?;
    let accept = || -> Result<bool, String> {
        match (command.opt_bool("ok")?, command.opt_u64("action")?) {
            (Some(ok), _) => Ok(ok),
            (None, Some(0)) => Ok(true),
            (None, Some(1)) => Ok(false),
            (None, Some(other)) => Err(format!("request {id} has no action {other}")),
            (None, None) => Err("an answer needs \"ok\" or \"action\"".into()),
        }
    };
    let user_data = pending.user_data;
    // SAFETY (all calls below): the callbacks and user data are exactly what libpurple
    // registered for this still-open prompt, called with the arguments their types declare.
    match pending.callbacks {
        Callbacks::Input { ok, cancel } => {
            let callback = if accept()? { ok } else { cancel };
            let text = cstr::owned(command.opt_str("text")?.unwrap_or_default());
            if let Some(callback) = callback {
                unsafe { callback(user_data, text.as_ptr()) };
            }
        }
        Callbacks::Choice {
            ok,
            cancel,
            default_value,
        } => {
            let callback = if accept()? { ok } else { cancel };
            let value = match command.opt_i64("choice")? {
                Some(value) => c_int::try_from(value).map_err(|_| "choice out of range")?,
                None => default_value,
            };
            if let Some(callback) = callback {
                unsafe { callback(user_data, value) };
            }
        }
        Callbacks::Action(callbacks) => {
            let index = command
                .opt_u64("action")?
                .ok_or("an action request needs \"action\"")?;
            let callback = usize::try_from(index)
                .ok()
                .and_then(|index| callbacks.get(index))
                .ok_or_else(|| format!("request {id} has no action {index}"))?;
            if let Some(callback) = callback {
                unsafe { callback(user_data, index as c_int) };
            }
        }
        Callbacks::Fields { fields, ok, cancel } => {
            let accepted = accept()?;
            if let Some(answers) = command.get("fields") {
                let answers = answers.as_object().ok_or("\"fields\" must be an object")?;
                unsafe { request_fields::apply(fields, answers)? };
            }
            let callback = if accepted { ok } else { cancel };
            if let Some(callback) = callback {
                unsafe { callback(user_data, fields) };
            }
        }
        Callbacks::Picker { cancel } => {
            if let Some(cancel) = cancel {
                unsafe { cancel(user_data, std::ptr::null()) };
            }
        }
        Callbacks::Authorize { authorize, deny } => {
            let callback = if accept()? { authorize } else { deny };
            if let Some(callback) = callback {
                unsafe { callback(user_data) };
            }
        }
    }
    finish(id);
    Ok(json!({}))
}

/// Reinterprets a `GCallback` as the signature libpurple documents for that slot.
///
/// # Safety
/// `F` must be an `Option` of the function pointer type the callback really has.
unsafe fn cast_callback<F: Copy>(callback: GCallback) -> F {
    const { assert!(size_of::<F>() == size_of::<GCallback>()) };
    // SAFETY: same size (checked above); the caller vouches for the signature.
    unsafe { std::mem::transmute_copy::<GCallback, F>(&callback) }
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_input(
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    default_value: *const c_char,
    multiline: gboolean,
    masked: gboolean,
    hint: *mut c_char,
    ok_text: *const c_char,
    ok_cb: GCallback,
    cancel_text: *const c_char,
    cancel_cb: GCallback,
    account: *mut PurpleAccount,
    who: *const c_char,
    _conv: *mut PurpleConversation,
    user_data: *mut c_void,
) -> *mut c_void {
    super::guard("request_input", std::ptr::null_mut(), || unsafe {
        // SAFETY: libpurple passes valid (or NULL) strings and its own callbacks.
        let mut prompt = Prompt::new("input", title, primary, secondary, account, who);
        prompt.actions = vec![cstr::json(ok_text), cstr::json(cancel_text)];
        let callbacks = Callbacks::Input {
            ok: cast_callback(ok_cb),
            cancel: cast_callback(cancel_cb),
        };
        let extra = json!({
            "default": cstr::json(default_value),
            "multiline": multiline != 0,
            "masked": masked != 0,
            "hint": cstr::json(hint),
        });
        register(
            prompt,
            Some(PURPLE_REQUEST_INPUT),
            user_data,
            callbacks,
            extra,
        )
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_choice(
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    default_value: c_int,
    ok_text: *const c_char,
    ok_cb: GCallback,
    cancel_text: *const c_char,
    cancel_cb: GCallback,
    account: *mut PurpleAccount,
    who: *const c_char,
    _conv: *mut PurpleConversation,
    user_data: *mut c_void,
    choices: *mut __va_list_tag,
) -> *mut c_void {
    super::guard("request_choice", std::ptr::null_mut(), || unsafe {
        // SAFETY: the va_list holds (const char *label, int value) pairs ending in NULL.
        let mut args = VaArgs::new(choices);
        let mut listed = Vec::new();
        loop {
            let label = args.next_pointer::<c_char>();
            if label.is_null() {
                break;
            }
            let value = args.next_int();
            listed.push(json!({"label": cstr::json(label), "value": value}));
        }
        let mut prompt = Prompt::new("choice", title, primary, secondary, account, who);
        prompt.actions = vec![cstr::json(ok_text), cstr::json(cancel_text)];
        let callbacks = Callbacks::Choice {
            ok: cast_callback(ok_cb),
            cancel: cast_callback(cancel_cb),
            default_value,
        };
        let extra = json!({"choices": listed, "default": default_value});
        register(
            prompt,
            Some(PURPLE_REQUEST_CHOICE),
            user_data,
            callbacks,
            extra,
        )
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_action(
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    default_action: c_int,
    account: *mut PurpleAccount,
    who: *const c_char,
    _conv: *mut PurpleConversation,
    user_data: *mut c_void,
    action_count: usize,
    actions: *mut __va_list_tag,
) -> *mut c_void {
    super::guard("request_action", std::ptr::null_mut(), || unsafe {
        // SAFETY: the va_list holds `action_count` (const char *label, callback) pairs.
        let mut args = VaArgs::new(actions);
        let mut labels = Vec::with_capacity(action_count);
        let mut callbacks = Vec::with_capacity(action_count);
        for _ in 0..action_count {
            labels.push(cstr::json(args.next_pointer::<c_char>()));
            let callback = args.next_pointer::<c_void>();
            let callback: GCallback = std::mem::transmute::<*mut c_void, GCallback>(callback);
            callbacks.push(cast_callback::<PurpleRequestActionCb>(callback));
        }
        let mut prompt = Prompt::new("action", title, primary, secondary, account, who);
        prompt.actions = labels;
        let extra = json!({"default": default_action});
        register(
            prompt,
            Some(PURPLE_REQUEST_ACTION),
            user_data,
            Callbacks::Action(callbacks),
            extra,
        )
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_action_with_icon(
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    default_action: c_int,
    account: *mut PurpleAccount,
    who: *const c_char,
    conv: *mut PurpleConversation,
    _icon_data: gconstpointer,
    _icon_size: gsize,
    user_data: *mut c_void,
    action_count: usize,
    actions: *mut __va_list_tag,
) -> *mut c_void {
    // SAFETY: same arguments as request_action, minus the icon the host cannot show.
    unsafe {
        request_action(
            title,
            primary,
            secondary,
            default_action,
            account,
            who,
            conv,
            user_data,
            action_count,
            actions,
        )
    }
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_fields(
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    fields: *mut PurpleRequestFields,
    ok_text: *const c_char,
    ok_cb: GCallback,
    cancel_text: *const c_char,
    cancel_cb: GCallback,
    account: *mut PurpleAccount,
    who: *const c_char,
    _conv: *mut PurpleConversation,
    user_data: *mut c_void,
) -> *mut c_void {
    super::guard("request_fields", std::ptr::null_mut(), || unsafe {
        // SAFETY: libpurple hands the fields to the UI, which owns them until close.
        let mut prompt = Prompt::new("fields", title, primary, secondary, account, who);
        prompt.actions = vec![cstr::json(ok_text), cstr::json(cancel_text)];
        let extra = json!({"fields": request_fields::describe(fields)});
        let callbacks = Callbacks::Fields {
            fields,
            ok: cast_callback(ok_cb),
            cancel: cast_callback(cancel_cb),
        };
        register(
            prompt,
            Some(PURPLE_REQUEST_FIELDS),
            user_data,
            callbacks,
            extra,
        )
    })
}

/// Reports a file/folder picker and cancels it from the main loop (never re-entrantly,
/// since libpurple has not even stored the handle when the op returns).
fn register_picker(
    prompt: Prompt,
    purple_type: PurpleRequestType,
    cancel_cb: GCallback,
    user_data: *mut c_void,
    extra: Value,
) -> *mut c_void {
    // SAFETY: file and folder cancel callbacks are PurpleRequestFileCb.
    let cancel = unsafe { cast_callback::<PurpleRequestFileCb>(cancel_cb) };
    let handle = register(
        prompt,
        Some(purple_type),
        user_data,
        Callbacks::Picker { cancel },
        extra,
    );
    let id = handle as usize as u64;
    eventloop::idle_once(Box::new(move || cancel_picker(id)));
    handle
}

fn cancel_picker(id: u64) {
    let pending = PENDING.with(|pending| pending.borrow().get(&id).cloned());
    if let Some(Pending {
        callbacks: Callbacks::Picker {
            cancel: Some(cancel),
        },
        user_data,
        ..
    }) = pending
    {
        // SAFETY: the picker is still open, so its callback and data are valid.
        unsafe { cancel(user_data, std::ptr::null()) };
    }
    finish(id);
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_file(
    title: *const c_char,
    filename: *const c_char,
    savedialog: gboolean,
    _ok_cb: GCallback,
    cancel_cb: GCallback,
    account: *mut PurpleAccount,
    who: *const c_char,
    _conv: *mut PurpleConversation,
    user_data: *mut c_void,
) -> *mut c_void {
    super::guard("request_file", std::ptr::null_mut(), || unsafe {
        // SAFETY: valid (or NULL) strings from libpurple.
        let prompt = Prompt::new(
            "file",
            title,
            std::ptr::null(),
            std::ptr::null(),
            account,
            who,
        );
        let extra = json!({"filename": cstr::json(filename), "save": savedialog != 0});
        register_picker(prompt, PURPLE_REQUEST_FILE, cancel_cb, user_data, extra)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_folder(
    title: *const c_char,
    dirname: *const c_char,
    _ok_cb: GCallback,
    cancel_cb: GCallback,
    account: *mut PurpleAccount,
    who: *const c_char,
    _conv: *mut PurpleConversation,
    user_data: *mut c_void,
) -> *mut c_void {
    super::guard("request_folder", std::ptr::null_mut(), || unsafe {
        // SAFETY: valid (or NULL) strings from libpurple.
        let prompt = Prompt::new(
            "folder",
            title,
            std::ptr::null(),
            std::ptr::null(),
            account,
            who,
        );
        let extra = json!({"dirname": cstr::json(dirname)});
        register_picker(prompt, PURPLE_REQUEST_FOLDER, cancel_cb, user_data, extra)
    })
}

unsafe extern "C" fn close_request(_purple_type: PurpleRequestType, ui_handle: *mut c_void) {
    super::guard("close_request", (), || close(ui_handle as usize as u64))
}

/// The account op `request_authorize` as a two-button prompt: Authorize (0) / Deny (1).
///
/// # Safety
/// Arguments as libpurple passes them to `PurpleAccountUiOps.request_authorize`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn register_authorization(
    account: *mut PurpleAccount,
    remote_user: *const c_char,
    id: *const c_char,
    alias: *const c_char,
    message: *const c_char,
    on_list: bool,
    authorize: PurpleAccountRequestAuthorizationCb,
    deny: PurpleAccountRequestAuthorizationCb,
    user_data: *mut c_void,
) -> *mut c_void {
    // SAFETY: valid (or NULL) strings from libpurple.
    unsafe {
        let mut prompt = Prompt::new(
            "authorize",
            std::ptr::null(),
            std::ptr::null(),
            message,
            account,
            remote_user,
        );
        prompt.actions = vec![json!("Authorize"), json!("Deny")];
        let extra = json!({
            "remote_user": cstr::json(remote_user),
            "remote_id": cstr::json(id),
            "alias": cstr::json(alias),
            "message": cstr::json(message),
            "on_list": on_list,
        });
        register(
            prompt,
            None,
            user_data,
            Callbacks::Authorize { authorize, deny },
            extra,
        )
    }
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;

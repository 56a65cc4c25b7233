//! `{"cmd":"protocols"}`: every protocol plugin libpurple loaded, described the way Pidgin's
//! account editor sees it, plus the plugin files that failed to load.

use std::collections::BTreeMap;
use std::ffi::c_char;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::Outcome;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_PREF_BOOLEAN, PURPLE_PREF_INT, PURPLE_PREF_STRING, PURPLE_PREF_STRING_LIST,
    PurpleAccountOption, PurpleAccountUserSplit, PurpleKeyValuePair, PurplePlugin,
    PurplePluginProtocolInfo, PurpleStatusType,
};
use crate::ops::debug;

thread_local! {
    /// Plugin files found in the `--plugin-dir`s before libpurple probed them.
    static CANDIDATES: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records the `*.so` files in the host's plugin dirs, to tell later which ones failed.
pub fn scan_plugin_dirs(dirs: &[PathBuf]) {
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|ext| ext == "so") && path.is_file() {
                found.push(path);
            }
        }
    }
    found.sort();
    CANDIDATES.with(|candidates| *candidates.borrow_mut() = found);
}

pub fn list() -> Result<Outcome, String> {
    // SAFETY: libpurple owns the plugin list and every structure read here; all is copied.
    let protocols: Vec<Value> = unsafe {
        cstr::glist(ffi::purple_plugins_get_protocols())
            .map(|plugin| describe_protocol(plugin.cast()))
            .collect()
    };
    Ok(Outcome::Data(
        "protocols",
        json!({"protocols": protocols, "load_errors": load_errors()}),
    ))
}

unsafe fn describe_protocol(plugin: *mut PurplePlugin) -> Value {
    // SAFETY: a loaded protocol plugin has info and prpl info (libpurple checks both).
    unsafe {
        let info = &*(*plugin).info;
        let prpl = &*info.extra_info.cast::<PurplePluginProtocolInfo>();
        // Pidgin asks for the icon with no account and no buddy, e.g. in the protocol menu.
        let list_icon = match prpl.list_icon {
            Some(list_icon) => cstr::json(list_icon(std::ptr::null_mut(), std::ptr::null_mut())),
            None => Value::Null,
        };
        let user_splits: Vec<Value> = cstr::glist(prpl.user_splits)
            .map(|split| describe_user_split(split.cast()))
            .collect();
        let options: Vec<Value> = cstr::glist(prpl.protocol_options)
            .map(|option| describe_option(option.cast()))
            .collect();
        json!({
            "id": cstr::json(info.id),
            "name": cstr::json(info.name),
            "version": cstr::json(info.version),
            "summary": cstr::json(info.summary),
            "path": cstr::json((*plugin).path),
            "list_icon": list_icon,
            "options_flags": crate::protocol::protocol_option_names(prpl.options),
            "user_splits": user_splits,
            "options": options,
            "status_types": status_types(info.id),
        })
    }
}

unsafe fn describe_user_split(split: *mut PurpleAccountUserSplit) -> Value {
    // SAFETY: a split owned by a loaded plugin.
    unsafe {
        let separator = ffi::purple_account_user_split_get_separator(split) as u8 as char;
        json!({
            "label": cstr::json(ffi::purple_account_user_split_get_text(split)),
            "default": cstr::json(ffi::purple_account_user_split_get_default_value(split)),
            "separator": separator.to_string(),
            "reverse": ffi::purple_account_user_split_get_reverse(split) != 0,
        })
    }
}

unsafe fn describe_option(option: *mut PurpleAccountOption) -> Value {
    // SAFETY: an option owned by a loaded plugin; list items are PurpleKeyValuePairs of
    // (label, value string).
    unsafe {
        let mut choices = Vec::new();
        let (kind, default) = match ffi::purple_account_option_get_type(option) {
            PURPLE_PREF_STRING => (
                "string",
                cstr::json(ffi::purple_account_option_get_default_string(option)),
            ),
            PURPLE_PREF_INT => (
                "int",
                json!(ffi::purple_account_option_get_default_int(option)),
            ),
            PURPLE_PREF_BOOLEAN => (
                "bool",
                json!(ffi::purple_account_option_get_default_bool(option) != 0),
            ),
            PURPLE_PREF_STRING_LIST => {
                for pair in cstr::glist(ffi::purple_account_option_get_list(option)) {
                    let pair = &*pair.cast::<PurpleKeyValuePair>();
                    choices.push(json!({
                        "label": cstr::json(pair.key),
                        "value": cstr::json(pair.value.cast::<c_char>()),
                    }));
                }
                (
                    "list",
                    cstr::json(ffi::purple_account_option_get_default_list_value(option)),
                )
            }
            _ => ("unknown", Value::Null),
        };
        json!({
            "key": cstr::json(ffi::purple_account_option_get_setting(option)),
            "label": cstr::json(ffi::purple_account_option_get_text(option)),
            "type": kind,
            "default": default,
            // libpurple only defines (and asserts) masking for string options.
            "masked": kind == "string" && ffi::purple_account_option_get_masked(option) != 0,
            "choices": choices,
        })
    }
}

/// A protocol's status types need an account (`status_types(account)`), so a throwaway one
/// is made and destroyed, never added to the account list.
unsafe fn status_types(protocol_id: *const c_char) -> Vec<Value> {
    // SAFETY: the account lives only inside this block and is destroyed at its end.
    unsafe {
        let probe = ffi::purple_account_new(c"purple-host-status-probe".as_ptr(), protocol_id);
        if probe.is_null() {
            return Vec::new();
        }
        let described = cstr::glist(ffi::purple_account_get_status_types(probe))
            .map(|status_type| {
                let status_type = status_type.cast::<PurpleStatusType>();
                let primitive = ffi::purple_status_type_get_primitive(status_type);
                json!({
                    "id": cstr::json(ffi::purple_status_type_get_id(status_type)),
                    "name": cstr::json(ffi::purple_status_type_get_name(status_type)),
                    "primitive": cstr::json(ffi::purple_primitive_get_id_from_type(primitive)),
                    "user_settable": ffi::purple_status_type_is_user_settable(status_type) != 0,
                    "saveable": ffi::purple_status_type_is_saveable(status_type) != 0,
                    "independent": ffi::purple_status_type_is_independent(status_type) != 0,
                })
            })
            .collect();
        ffi::purple_account_destroy(probe);
        described
    }
}

/// Plugin files that did not become usable plugins, with libpurple's reason where it gave
/// one: loader errors from the debug stream, plugins kept with an error, and files in the
/// host's plugin dirs that libpurple dropped without a word.
fn load_errors() -> Vec<Value> {
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for line in debug::plugin_loader_errors() {
        for marker in [" is not loadable: ", " is not usable because "] {
            if let Some((path, reason)) = line.split_once(marker) {
                errors
                    .entry(path.to_owned())
                    .or_insert_with(|| reason.trim().to_owned());
                break;
            }
        }
    }
    let mut registered = Vec::new();
    // SAFETY: libpurple's plugin list and plugin structs, read and copied.
    unsafe {
        for plugin in cstr::glist(ffi::purple_plugins_get_all()) {
            let plugin = &*plugin.cast::<PurplePlugin>();
            let Some(path) = cstr::opt_string(plugin.path) else {
                continue;
            };
            if let Some(reason) = cstr::opt_string(plugin.error) {
                errors.entry(path.clone()).or_insert(reason);
            }
            registered.push(PathBuf::from(path));
        }
    }
    let candidates = CANDIDATES.with(|candidates| candidates.borrow().clone());
    for file in candidates {
        if !registered.iter().any(|path| same_file(path, &file)) {
            errors.entry(file.display().to_string()).or_insert_with(|| {
                "libpurple did not register this plugin (no purple_init_plugin, init or load \
                 failed, or its protocol id was taken); see the debug log"
                    .to_owned()
            });
        }
    }
    errors
        .into_iter()
        .map(|(path, error)| json!({"path": path, "error": error}))
        .collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

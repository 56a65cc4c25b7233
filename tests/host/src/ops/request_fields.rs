//! `PurpleRequestFields` as JSON, and applying the test's answers to them.

use std::ffi::c_char;

use serde_json::{Map, Value, json};

use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_REQUEST_FIELD_ACCOUNT, PURPLE_REQUEST_FIELD_BOOLEAN, PURPLE_REQUEST_FIELD_CHOICE,
    PURPLE_REQUEST_FIELD_IMAGE, PURPLE_REQUEST_FIELD_INTEGER, PURPLE_REQUEST_FIELD_LABEL,
    PURPLE_REQUEST_FIELD_LIST, PURPLE_REQUEST_FIELD_STRING, PurpleRequestField,
    PurpleRequestFieldType, PurpleRequestFields,
};

fn type_name(field_type: PurpleRequestFieldType) -> &'static str {
    match field_type {
        PURPLE_REQUEST_FIELD_STRING => "string",
        PURPLE_REQUEST_FIELD_INTEGER => "int",
        PURPLE_REQUEST_FIELD_BOOLEAN => "bool",
        PURPLE_REQUEST_FIELD_CHOICE => "choice",
        PURPLE_REQUEST_FIELD_LIST => "list",
        PURPLE_REQUEST_FIELD_LABEL => "label",
        PURPLE_REQUEST_FIELD_IMAGE => "image",
        PURPLE_REQUEST_FIELD_ACCOUNT => "account",
        _ => "none",
    }
}

/// Every field of every group, in order:
/// `{"id","label","type","group","visible","required","masked","value"[,"choices"]}`.
///
/// # Safety
/// `fields` is a live request-fields object owned by a pending request.
pub unsafe fn describe(fields: *mut PurpleRequestFields) -> Vec<Value> {
    let mut described = Vec::new();
    // SAFETY: the groups and fields belong to `fields`, alive for this call.
    unsafe {
        for group in cstr::glist(ffi::purple_request_fields_get_groups(fields)) {
            let group = group.cast::<ffi::PurpleRequestFieldGroup>();
            let group_title = cstr::json(ffi::purple_request_field_group_get_title(group));
            for field in cstr::glist(ffi::purple_request_field_group_get_fields(group)) {
                let mut entry = describe_field(field.cast());
                entry["group"] = group_title.clone();
                described.push(entry);
            }
        }
    }
    described
}

unsafe fn describe_field(field: *mut PurpleRequestField) -> Value {
    // SAFETY: `field` is live (see `describe`); getters return borrowed data we copy.
    unsafe {
        let field_type = ffi::purple_request_field_get_type(field);
        let mut masked = false;
        let mut choices = None;
        let value = match field_type {
            PURPLE_REQUEST_FIELD_STRING => {
                masked = ffi::purple_request_field_string_is_masked(field) != 0;
                cstr::json(ffi::purple_request_field_string_get_value(field))
            }
            PURPLE_REQUEST_FIELD_INTEGER => json!(ffi::purple_request_field_int_get_value(field)),
            PURPLE_REQUEST_FIELD_BOOLEAN => {
                json!(ffi::purple_request_field_bool_get_value(field) != 0)
            }
            PURPLE_REQUEST_FIELD_CHOICE => {
                choices = Some(strings(ffi::purple_request_field_choice_get_labels(field)));
                json!(ffi::purple_request_field_choice_get_value(field))
            }
            PURPLE_REQUEST_FIELD_LIST => {
                choices = Some(strings(ffi::purple_request_field_list_get_items(field)));
                json!(strings(ffi::purple_request_field_list_get_selected(field)))
            }
            PURPLE_REQUEST_FIELD_ACCOUNT => {
                accounts::label_json(ffi::purple_request_field_account_get_value(field))
            }
            _ => Value::Null,
        };
        let mut entry = json!({
            "id": cstr::json(ffi::purple_request_field_get_id(field)),
            "label": cstr::json(ffi::purple_request_field_get_label(field)),
            "type": type_name(field_type),
            "visible": ffi::purple_request_field_is_visible(field) != 0,
            "required": ffi::purple_request_field_is_required(field) != 0,
            "masked": masked,
            "value": value,
        });
        if let Some(choices) = choices {
            entry["choices"] = json!(choices);
        }
        entry
    }
}

unsafe fn strings(list: *mut ffi::GList) -> Vec<String> {
    // SAFETY: a GList of C strings owned by the field.
    unsafe {
        cstr::glist(list)
            .map(|item| cstr::string(item.cast::<c_char>()))
            .collect()
    }
}

/// Sets the answered values, `{"field id": value}`; fails without side effects on the
/// callbacks if a field is unknown or a value has the wrong type.
///
/// # Safety
/// `fields` is a live request-fields object owned by a pending request.
pub unsafe fn apply(
    fields: *mut PurpleRequestFields,
    answers: &Map<String, Value>,
) -> Result<(), String> {
    // Check everything first, so a bad answer leaves the prompt untouched.
    let mut resolved = Vec::new();
    for (id, value) in answers {
        let c_id = cstr::owned(id);
        // SAFETY: lookup in a live fields object.
        let field = unsafe { ffi::purple_request_fields_get_field(fields, c_id.as_ptr()) };
        if field.is_null() {
            return Err(format!("the request has no field \"{id}\""));
        }
        // SAFETY: `field` was just found in `fields`.
        let field_type = unsafe { ffi::purple_request_field_get_type(field) };
        let ok = match field_type {
            PURPLE_REQUEST_FIELD_STRING => value.is_string(),
            PURPLE_REQUEST_FIELD_INTEGER => value.as_i64().is_some(),
            PURPLE_REQUEST_FIELD_BOOLEAN => value.is_boolean(),
            PURPLE_REQUEST_FIELD_CHOICE => value.as_i64().is_some() || value.is_string(),
            PURPLE_REQUEST_FIELD_LIST => value.is_string() || value.is_array(),
            _ => false,
        };
        if !ok {
            return Err(format!(
                "field \"{id}\" is of type {} and cannot take {value}",
                type_name(field_type)
            ));
        }
        resolved.push((field, field_type, value));
    }
    for (field, field_type, value) in resolved {
        // SAFETY: every field was found in `fields` and type-checked above.
        unsafe { set_value(field, field_type, value)? };
    }
    Ok(())
}

unsafe fn set_value(
    field: *mut PurpleRequestField,
    field_type: PurpleRequestFieldType,
    value: &Value,
) -> Result<(), String> {
    // SAFETY: `field` is live and of `field_type`; libpurple copies the strings it is given.
    unsafe {
        match field_type {
            PURPLE_REQUEST_FIELD_STRING => {
                let text = cstr::owned(value.as_str().unwrap_or_default());
                ffi::purple_request_field_string_set_value(field, text.as_ptr());
            }
            PURPLE_REQUEST_FIELD_INTEGER => {
                let number = value.as_i64().unwrap_or_default();
                let number =
                    i32::try_from(number).map_err(|_| format!("{number} is out of range"))?;
                ffi::purple_request_field_int_set_value(field, number);
            }
            PURPLE_REQUEST_FIELD_BOOLEAN => {
                let flag = value.as_bool().unwrap_or_default();
                ffi::purple_request_field_bool_set_value(field, flag.into());
            }
            PURPLE_REQUEST_FIELD_CHOICE => {
                let labels = strings(ffi::purple_request_field_choice_get_labels(field));
                let index = match value {
                    Value::String(label) => labels.iter().position(|l| l == label),
                    _ => value
                        .as_i64()
                        .and_then(|index| usize::try_from(index).ok())
                        .filter(|&index| index < labels.len()),
                }
                .ok_or_else(|| format!("{value} is not one of the choices {labels:?}"))?;
                ffi::purple_request_field_choice_set_value(field, index as i32);
            }
            PURPLE_REQUEST_FIELD_LIST => {
                let wanted: Vec<&str> = match value {
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                    _ => value.as_str().into_iter().collect(),
                };
                ffi::purple_request_field_list_clear_selected(field);
                for item in wanted {
                    let item = cstr::owned(item);
                    ffi::purple_request_field_list_add_selected(field, item.as_ptr());
                }
            }
            _ => {}
        }
    }
    Ok(())
}

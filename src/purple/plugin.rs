//! The plugin's entry point and the static descriptions libpurple reads.

use std::ffi::c_char;

use super::account;
use super::chat;
use super::ffi::{self, PurplePlugin, PurplePluginInfo, PurplePluginProtocolInfo, gboolean};
use super::guard::guard;
use super::log;
use super::prpl;
use super::search;

/// Protocol id: accounts of this protocol are stored with it.
pub const PROTOCOL_ID: &std::ffi::CStr = c"prpl-lync";
pub const PROTOCOL_NAME: &std::ffi::CStr = c"Lync / Skype for Business";

/// The oldest libpurple 2.x we run on: 2.8 brought purple_srv_resolve_account and
/// purple_dnsquery_a_account, the newest API we call. libpurple refuses plugins that
/// declare a newer minor version than its own, so keep this as low as the API allows.
pub const MIN_PURPLE_MINOR_VERSION: u32 = 8;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
const SUMMARY: &std::ffi::CStr = c"Microsoft Lync / Skype for Business protocol plugin";
const DESCRIPTION: &std::ffi::CStr =
    c"Instant messaging, presence and contact lists on Microsoft Lync, \
Skype for Business Server and Office Communications Server, with NTLM and TLS-DSK sign-in. \
Reads pidgin-sipe's account settings.";
const AUTHOR: &std::ffi::CStr = c"The purple-lync developers";
const HOMEPAGE: &std::ffi::CStr = c"https://example.invalid/purple-lync";

fn static_str(s: &'static std::ffi::CStr) -> *mut c_char {
    // libpurple declares these `char *` but never writes through them.
    s.as_ptr().cast_mut()
}

fn protocol_info() -> Box<PurplePluginProtocolInfo> {
    let mut info = Box::<PurplePluginProtocolInfo>::default();
    info.options = ffi::OPT_PROTO_CHAT_TOPIC | ffi::OPT_PROTO_PASSWORD_OPTIONAL;
    info.user_splits = account::user_splits();
    info.protocol_options = account::protocol_options();
    // icon_spec stays zeroed: NO_BUDDY_ICONS.
    info.list_icon = Some(prpl::list_icon);
    info.status_types = Some(prpl::status_types);
    info.login = Some(prpl::login);
    info.close = Some(prpl::close);
    info.normalize = Some(prpl::normalize);
    info.get_account_text_table = Some(prpl::get_account_text_table);
    info.add_buddy = Some(prpl::add_buddy);
    info.remove_buddy = Some(prpl::remove_buddy);
    info.group_buddy = Some(prpl::group_buddy);
    info.alias_buddy = Some(prpl::alias_buddy);
    info.rename_group = Some(prpl::rename_group);
    info.remove_group = Some(prpl::remove_group);
    info.set_status = Some(prpl::set_status);
    info.set_idle = Some(prpl::set_idle);
    info.status_text = Some(prpl::status_text);
    info.get_info = Some(prpl::get_info);
    info.send_im = Some(prpl::send_im);
    info.send_typing = Some(prpl::send_typing);
    info.convo_closed = Some(prpl::convo_closed);
    info.blist_node_menu = Some(chat::blist_node_menu);
    info.chat_info = Some(chat::chat_info);
    info.chat_info_defaults = Some(chat::chat_info_defaults);
    info.join_chat = Some(chat::join_chat);
    info.get_chat_name = Some(chat::get_chat_name);
    info.chat_invite = Some(chat::chat_invite);
    info.chat_leave = Some(chat::chat_leave);
    info.chat_send = Some(chat::chat_send);
    // libpurple only reads members that lie within struct_size.
    info.struct_size = std::mem::size_of::<PurplePluginProtocolInfo>() as _;
    info
}

fn plugin_info(protocol: *mut PurplePluginProtocolInfo) -> Box<PurplePluginInfo> {
    let mut info = Box::<PurplePluginInfo>::default();
    info.magic = ffi::PURPLE_PLUGIN_MAGIC;
    info.major_version = 2;
    info.minor_version = MIN_PURPLE_MINOR_VERSION;
    info.type_ = ffi::PURPLE_PLUGIN_PROTOCOL;
    info.priority = ffi::PURPLE_PRIORITY_DEFAULT as _;
    info.id = static_str(PROTOCOL_ID);
    info.name = static_str(PROTOCOL_NAME);
    info.version = VERSION.as_ptr().cast_mut().cast();
    info.summary = static_str(SUMMARY);
    info.description = static_str(DESCRIPTION);
    info.author = static_str(AUTHOR);
    info.homepage = static_str(HOMEPAGE);
    info.extra_info = protocol.cast();
    info.actions = Some(search::actions);
    info
}

/// Called by libpurple when it probes the plugin file.
///
/// # Safety
/// `plugin` must be the PurplePlugin libpurple is probing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn purple_init_plugin(plugin: *mut PurplePlugin) -> gboolean {
    guard("purple_init_plugin", 0, || {
        if plugin.is_null() {
            return 0;
        }
        // Both descriptions live as long as the process: libpurple keeps pointers to them.
        let protocol = Box::into_raw(protocol_info());
        let info = Box::into_raw(plugin_info(protocol));
        // SAFETY: plugin is live; libpurple reads `info` from now on.
        let registered = unsafe {
            (*plugin).info = info;
            ffi::purple_plugin_register(plugin)
        };
        log::info(&format!(
            "purple-lync {} registered as {} (needs libpurple >= 2.{MIN_PURPLE_MINOR_VERSION})",
            env!("CARGO_PKG_VERSION"),
            PROTOCOL_ID.to_string_lossy()
        ));
        registered
    })
}

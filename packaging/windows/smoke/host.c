/* Smoke test host: loads the plugin DLL the way Pidgin's GModule does (LoadLibrary, then
 * GetProcAddress("purple_init_plugin")), calls it with a zeroed PurplePlugin, and prints
 * what the plugin registered, one "key=value" line each. Built with the real libpurple
 * headers, so it also checks that the plugin's structs have the C compiler's layout.
 * Usage: host.exe PLUGIN.dll   (exit 0 when every check passed) */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include <libpurple/accountopt.h>
#include <libpurple/plugin.h>
#include <libpurple/prpl.h>
#include <libpurple/version.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s\n", what);
		failures++;
	}
}

int main(int argc, char **argv)
{
	HMODULE module;
	gboolean (*init_plugin)(PurplePlugin *);
	PurplePlugin plugin;
	PurplePluginInfo *info;
	PurplePluginProtocolInfo *prpl;
	GList *item;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PLUGIN.dll\n", argv[0]);
		return 2;
	}
	module = LoadLibraryA(argv[1]);
	if (module == NULL) {
		printf("FAILED: LoadLibrary(%s): Windows error %lu\n", argv[1], GetLastError());
		return 1;
	}
	init_plugin = (gboolean (*)(PurplePlugin *))(void *)GetProcAddress(module, "purple_init_plugin");
	if (init_plugin == NULL) {
		printf("FAILED: no export purple_init_plugin\n");
		return 1;
	}
	memset(&plugin, 0, sizeof plugin);
	check(init_plugin(&plugin) == TRUE, "purple_init_plugin returned TRUE");
	info = plugin.info;
	if (info == NULL) {
		printf("FAILED: the plugin set no PurplePluginInfo\n");
		return 1;
	}
	check(info->magic == PURPLE_PLUGIN_MAGIC, "PurplePluginInfo.magic");
	check(info->major_version == PURPLE_MAJOR_VERSION, "PurplePluginInfo.major_version is 2");
	check(info->minor_version <= 14, "PurplePluginInfo.minor_version <= 14 (Pidgin 2.14 loads it)");
	check(info->type == PURPLE_PLUGIN_PROTOCOL, "PurplePluginInfo.type is PURPLE_PLUGIN_PROTOCOL");
	check(info->id != NULL && info->name != NULL, "PurplePluginInfo has id and name");
	check(info->extra_info != NULL, "PurplePluginInfo.extra_info holds the protocol info");
	if (failures > 0 || info->extra_info == NULL)
		return 1;
	prpl = info->extra_info;
	/* libpurple reads optional members only when struct_size says they are there. */
	check(prpl->struct_size == sizeof(PurplePluginProtocolInfo),
		"PurplePluginProtocolInfo.struct_size equals the C compiler's sizeof");
	check(prpl->login != NULL && prpl->close != NULL, "login and close callbacks");
	check(prpl->list_icon != NULL && prpl->status_types != NULL, "list_icon and status_types callbacks");

	printf("id=%s\n", info->id);
	printf("name=%s\n", info->name);
	printf("minor_version=%u\n", (unsigned)info->minor_version);
	for (item = prpl->user_splits; item != NULL; item = item->next)
		printf("user_split_separator=%c\n", purple_account_user_split_get_separator(item->data));
	for (item = prpl->protocol_options; item != NULL; item = item->next)
		printf("option=%s\n", purple_account_option_get_setting(item->data));
	printf("checks_failed=%d\n", failures);
	return failures == 0 ? 0 : 1;
}

/* A stand-in libpurple.dll for the smoke test: just enough of libpurple for
 * purple_init_plugin, with the real headers so that struct layouts are the C compiler's.
 * Every other function the plugin imports is a generated stub (see run.sh). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpurple/accountopt.h>
#include <libpurple/debug.h>
#include <libpurple/plugin.h>

static char *copy(const char *text)
{
	return text ? strdup(text) : NULL;
}

static void die(const char *what)
{
	fprintf(stderr, "fake libpurple: %s\n", what);
	exit(3);
}

gboolean purple_plugin_register(PurplePlugin *plugin)
{
	if (plugin == NULL || plugin->info == NULL)
		die("purple_plugin_register got a plugin without info");
	printf("registered=%s\n", plugin->info->id ? plugin->info->id : "(null)");
	return TRUE;
}

PurpleAccountUserSplit *purple_account_user_split_new(const char *text, const char *default_value,
		char sep)
{
	PurpleAccountUserSplit *split = calloc(1, sizeof *split);
	split->text = copy(text);
	split->default_value = copy(default_value);
	split->field_sep = sep;
	return split;
}

const char *purple_account_user_split_get_text(const PurpleAccountUserSplit *split)
{
	return split->text;
}

char purple_account_user_split_get_separator(const PurpleAccountUserSplit *split)
{
	return split->field_sep;
}

static PurpleAccountOption *new_option(PurplePrefType type, const char *text, const char *pref_name)
{
	PurpleAccountOption *option = calloc(1, sizeof *option);
	option->type = type;
	option->text = copy(text);
	option->pref_name = copy(pref_name);
	return option;
}

PurpleAccountOption *purple_account_option_string_new(const char *text, const char *pref_name,
		const char *default_value)
{
	PurpleAccountOption *option = new_option(PURPLE_PREF_STRING, text, pref_name);
	option->default_value.string = copy(default_value);
	return option;
}

PurpleAccountOption *purple_account_option_bool_new(const char *text, const char *pref_name,
		gboolean default_value)
{
	PurpleAccountOption *option = new_option(PURPLE_PREF_BOOLEAN, text, pref_name);
	option->default_value.boolean = default_value;
	return option;
}

PurpleAccountOption *purple_account_option_list_new(const char *text, const char *pref_name,
		GList *list)
{
	PurpleAccountOption *option = new_option(PURPLE_PREF_STRING_LIST, text, pref_name);
	option->default_value.list = list;
	return option;
}

void purple_account_option_add_list_item(PurpleAccountOption *option, const char *key,
		const char *value)
{
	if (option->type != PURPLE_PREF_STRING_LIST || key == NULL || value == NULL)
		die("purple_account_option_add_list_item: not a list option, or no key/value");
}

void purple_account_option_set_masked(PurpleAccountOption *option, gboolean masked)
{
	if (option->type != PURPLE_PREF_STRING)
		die("purple_account_option_set_masked on an option that is not a string");
	option->masked = masked;
}

PurplePrefType purple_account_option_get_type(const PurpleAccountOption *option)
{
	return option->type;
}

const char *purple_account_option_get_setting(const PurpleAccountOption *option)
{
	return option->pref_name;
}

static void debug_line(const char *level, const char *category, const char *format, va_list args)
{
	printf("debug %s %s: ", level, category ? category : "(none)");
	vprintf(format, args);
}

#define DEBUG_FUNCTION(name, level) \
	void name(const char *category, const char *format, ...) \
	{ \
		va_list args; \
		va_start(args, format); \
		debug_line(level, category, format, args); \
		va_end(args); \
	}
DEBUG_FUNCTION(purple_debug_info, "info")
DEBUG_FUNCTION(purple_debug_warning, "warning")
DEBUG_FUNCTION(purple_debug_error, "error")

/* Debug output is on in the stand-in (as `pidgin -d`), so the plugin logs what it does. */
gboolean purple_debug_is_enabled(void)
{
	return TRUE;
}

PurpleDebugUiOps *purple_debug_get_ui_ops(void)
{
	return NULL;
}

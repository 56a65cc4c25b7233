/* The libpurple 2.x API that purple-lync and its headless test host use.
 * bindgen reads this file; see tools/gen-bindings. */
#define PURPLE_PLUGINS 1
#include <libpurple/account.h>
#include <libpurple/accountopt.h>
#include <libpurple/blist.h>
#include <libpurple/connection.h>
#include <libpurple/conversation.h>
#include <libpurple/core.h>
#include <libpurple/debug.h>
#include <libpurple/dnsquery.h>
#include <libpurple/dnssrv.h>
#include <libpurple/eventloop.h>
#include <libpurple/idle.h>
#include <libpurple/notify.h>
#include <libpurple/plugin.h>
#include <libpurple/prefs.h>
#include <libpurple/privacy.h>
#include <libpurple/proxy.h>
#include <libpurple/prpl.h>
#include <libpurple/request.h>
#include <libpurple/roomlist.h>
#include <libpurple/savedstatuses.h>
#include <libpurple/server.h>
#include <libpurple/signals.h>
#include <libpurple/status.h>
#include <libpurple/util.h>
#include <libpurple/version.h>

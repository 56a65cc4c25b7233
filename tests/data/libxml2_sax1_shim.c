/*
 * LD_PRELOAD shim for the pidgin-sipe tests: restores SAX1 parsing for handlers that set
 * XML_SAX2_MAGIC but only SAX1 element callbacks.
 *
 * pidgin-sipe 1.25 parses every XML document with such a handler. Debian 12's libxml2
 * (2.9.14+dfsg-1.3~deb12u2 and later, after the CVE-2023-39615 backport) then calls none of
 * its element callbacks, so pidgin-sipe reads no XML at all: no web service answer, hence
 * no TLS-DSK. Marking the handler as the SAX1 handler it is gives libxml2's earlier
 * behaviour; nothing else changes. Handlers with SAX2 callbacks (libpurple's) pass through.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libxml/parser.h>

typedef int (*parse_memory_fn)(xmlSAXHandlerPtr, void *, const char *, int);

int xmlSAXUserParseMemory(xmlSAXHandlerPtr sax, void *user_data, const char *buffer, int size)
{
	static parse_memory_fn real;
	if (!real)
		real = (parse_memory_fn) dlsym(RTLD_NEXT, "xmlSAXUserParseMemory");
	if (!real)
		return -1;
	if (sax && sax->initialized == XML_SAX2_MAGIC &&
	    !sax->startElementNs && !sax->endElementNs &&
	    (sax->startElement || sax->endElement)) {
		xmlSAXHandler sax1 = *sax;
		sax1.initialized = 1;
		return real(&sax1, user_data, buffer, size);
	}
	return real(sax, user_data, buffer, size);
}

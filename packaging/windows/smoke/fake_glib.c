/* A stand-in libglib-2.0-0.dll for the smoke test: the GList the plugin builds its option
 * lists with. Everything else it imports is a generated stub (see run.sh). */
#include <stdlib.h>

#include <glib.h>

GList *g_list_append(GList *list, gpointer data)
{
	GList *link = calloc(1, sizeof *link);
	GList *last = list;
	link->data = data;
	if (list == NULL)
		return link;
	while (last->next != NULL)
		last = last->next;
	last->next = link;
	link->prev = last;
	return list;
}

void g_free(gpointer memory)
{
	free(memory);
}

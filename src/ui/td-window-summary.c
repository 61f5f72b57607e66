/* td-window-summary.c — what the shop holds, told on the sections' empty states.
 *
 * The counts are read on a worker thread with its own connection (a count over a big shop
 * takes longer than a frame) and reloaded whenever the shop changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>

#include "td-window-private.h"

/* A count as the user's locale groups digits ("5,012", "5.012", "5 012"). */
static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static gulong
plural_n (gint64 n)
{
  return (gulong) CLAMP (n, 0, G_MAXLONG);
}

/**
 * td_window_format_inventory:
 *
 * Returns: (transfer full): the inventory section's summary; for an empty shop, what to do first
 */
char *
td_window_format_inventory (const TdShopSummary *summary)
{
  g_autofree char *available = NULL;
  g_autofree char *taken_in = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert (summary != NULL);

  if (summary->items == 0)
    return g_strdup (_("No items yet. Start by taking in the first bag of a consignor."));

  available = format_count (summary->items_available);
  /* Translators: %s is a number such as 5,012 */
  first = g_strdup_printf (ngettext ("%s item on the floor", "%s items on the floor",
                                     plural_n (summary->items_available)),
                           available);
  if (summary->items == summary->items_available)
    return g_steal_pointer (&first);

  taken_in = format_count (summary->items);
  /* Translators: the second line under "5,012 items on the floor"; %s is a number */
  second = g_strdup_printf (ngettext ("of %s item taken in", "of %s items taken in",
                                      plural_n (summary->items)),
                            taken_in);
  return g_strconcat (first, "\n", second, NULL);
}

/**
 * td_window_format_consignors:
 *
 * Returns: (transfer full): the consignors section's summary
 */
char *
td_window_format_consignors (const TdShopSummary *summary)
{
  g_autofree char *count = NULL;

  g_assert (summary != NULL);

  if (summary->consignors == 0)
    return g_strdup (_("No consignors yet. Add the first one when someone brings goods to "
                       "sell on commission."));

  count = format_count (summary->consignors);
  /* Translators: %s is a number such as 60 */
  return g_strdup_printf (ngettext ("%s consignor", "%s consignors", plural_n (summary->consignors)),
                          count);
}

/**
 * td_window_format_reports:
 *
 * Returns: (transfer full): the reports section's summary, with the day of the last sale
 *   in local time
 */
char *
td_window_format_reports (const TdShopSummary *summary)
{
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *count = NULL;
  g_autofree char *day = NULL;

  g_assert (summary != NULL);

  if (summary->sales == 0)
    return g_strdup (_("No sales yet. Reports fill in from the first sale at the counter."));

  count = format_count (summary->sales);
  if (summary->last_sale_at > 0)
    last = g_date_time_new_from_unix_local (summary->last_sale_at / G_USEC_PER_SEC);
  if (last != NULL)
    /* Translators: the day of the last sale, as in "21 Nov 2026"; see g_date_time_format() */
    day = g_date_time_format (last, _("%-d %b %Y"));
  if (day == NULL)
    /* Translators: %s is a number such as 1,204 */
    return g_strdup_printf (ngettext ("%s sale", "%s sales", plural_n (summary->sales)), count);

  /* Translators: "1,204 sales, the last on 21 Nov 2026" */
  return g_strdup_printf (ngettext ("%s sale, the last on %s", "%s sales, the last on %s",
                                    plural_n (summary->sales)),
                          count, day);
}

static void
load_summary_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree TdShopSummary *summary = g_new0 (TdShopSummary, 1);

  /* Never the window's connection: a sqlite3 handle is used by one thread only. */
  db = td_database_open (path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!td_store_shop_load_summary (db, summary, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

static void
set_summary_text (TdWindow            *self,
                  const TdShopSummary *summary,
                  const char          *problem)
{
  g_autofree char *inventory = summary ? td_window_format_inventory (summary) : NULL;
  g_autofree char *consignors = summary ? td_window_format_consignors (summary) : NULL;
  g_autofree char *reports = summary ? td_window_format_reports (summary) : NULL;

  gtk_label_set_text (self->inventory_summary, inventory ? inventory : problem);
  gtk_label_set_text (self->consignors_summary, consignors ? consignors : problem);
  gtk_label_set_text (self->reports_summary, reports ? reports : problem);
}

static void
summary_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (object);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autofree TdShopSummary *summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (serial != self->summary_serial)
    return;  /* the shop changed again meanwhile: a newer load is on its way */

  if (summary == NULL)
    {
      g_autofree char *problem = NULL;

      g_message ("Loading the shop summary failed: %s", error->message);
      problem = g_strdup_printf (_("The shop’s figures could not be read. %s"), error->message);
      set_summary_text (self, NULL, problem);
      return;
    }
  set_summary_text (self, summary, NULL);
}

/**
 * td_window_reload_summary:
 *
 * Counts what the shop holds on a worker thread and shows it on the sections' empty states.
 */
void
td_window_reload_summary (TdWindow *self)
{
  g_autoptr(GTask) task = NULL;
  TdDatabase *db;

  g_assert (TD_IS_WINDOW (self));

  db = td_context_get_database (self->context);
  self->summary_serial++;
  task = g_task_new (self, self->cancellable, summary_loaded_cb,
                     GUINT_TO_POINTER (self->summary_serial));
  g_task_set_source_tag (task, td_window_reload_summary);
  g_task_set_name (task, "[thriftdesk] load shop summary");
  g_task_set_task_data (task, g_strdup (td_database_get_path (db)), g_free);
  g_task_run_in_thread (task, load_summary_thread);
}

/* td-sync-page.c — the main window's Marketplaces section: conflicts, queue, errors.
 *
 * When no account is connected the section says what it will hold and sends staff to
 * Preferences. Otherwise it shows, top first: orders that came in online for items already
 * sold in the shop (conflicts, with what to do and "Mark as Handled"), the counts and
 * "Sync Now", the jobs waiting or being sent, and recent failures in the marketplace's own
 * words with Retry and Retry All. An offline banner follows the engine's "online".
 *
 * The page reads the store only: the engine's "changed" schedules one refresh a moment later
 * (coalesced, so a burst of jobs is one read), and nothing here waits on the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-store-marketplaces.h"
#include "td-store-sales.h"
#include "td-store-sync.h"
#include "td-sync-page.h"

#define REFRESH_DELAY_MS 300
#define QUEUE_LIMIT      50
#define ERRORS_LIMIT     20
#define ROW_ID           "td-row-id"

struct _TdSyncPage
{
  AdwBin               parent_instance;

  TdContext           *context;
  TdSyncEngine        *engine;
  guint                refresh_source;

  /* Template widgets */
  GtkRevealer         *offline_revealer;
  GtkStack            *content_stack;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox          *conflicts_list;
  AdwActionRow        *counts_row;
  AdwPreferencesGroup *queue_group;
  GtkListBox          *queue_list;
  AdwPreferencesGroup *errors_group;
  GtkListBox          *errors_list;
  GtkButton           *retry_all_button;
};

G_DEFINE_FINAL_TYPE (TdSyncPage, td_sync_page, ADW_TYPE_BIN)

static TdDatabase *
get_db (TdSyncPage *self)
{
  return td_context_get_database (self->context);
}

static void
toast (TdSyncPage *self,
       const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_time (gint64 utc_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date and time, as in "4 Dec 2026, 14:05" (g_date_time_format) */
  return local ? g_date_time_format (local, _("%-e %b %Y, %H:%M")) : g_strdup ("");
}

static const char *
op_label (TdSyncOp op)
{
  switch (op)
    {
    case TD_SYNC_OP_PUBLISH:
      return _("Publish");
    case TD_SYNC_OP_UPDATE:
      return _("Update");
    case TD_SYNC_OP_WITHDRAW:
      return _("Take down");
    case TD_SYNC_OP_PULL_ORDERS:
      return _("Check orders");
    default:
      return "";
    }
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static GtkWidget *
row_button (const char *label,
            gint64      id,
            GCallback   callback,
            gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), ROW_ID, GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (button, "clicked", callback, user_data);
  return button;
}

static char *
job_title (const TdSyncJob *job)
{
  if (job->op == TD_SYNC_OP_PULL_ORDERS || job->title == NULL)
    return g_strdup (op_label (job->op));
  /* Translators: an item in the sync queue: "Wool coat · SKU A-1042" */
  return g_strdup_printf (_("%s · SKU %s"), job->title, job->sku ? job->sku : "");
}

/* ---- Actions ----------------------------------------------------------------------------- */

static void
resolve_clicked_cb (GtkButton  *button,
                    TdSyncPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), ROW_ID));
  g_autoptr(GError) error = NULL;

  if (!td_store_sync_resolve_conflict (get_db (self), id, "handled",
                                       td_context_get_staff_id (self->context), g_get_real_time (),
                                       &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not marked as handled. %s"), error->message);

      toast (self, text);
      return;
    }
  td_sync_page_refresh (self);
}

static void
retry (TdSyncPage *self,
       gint64      job_id)
{
  g_autoptr(GError) error = NULL;

  if (!td_store_sync_retry (get_db (self), job_id, g_get_real_time (), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Nothing was retried. %s"), error->message);

      toast (self, text);
      return;
    }
  td_context_kick_sync (self->context);
  td_sync_page_refresh (self);
}

static void
retry_clicked_cb (GtkButton  *button,
                  TdSyncPage *self)
{
  retry (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), ROW_ID)));
}

static void
retry_all_cb (TdSyncPage *self)
{
  retry (self, 0);
}

static void
sync_now_cb (TdSyncPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!td_store_sync_request_pull (get_db (self), g_get_real_time (), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Sync could not start. %s"), error->message);

      toast (self, text);
      return;
    }
  td_context_kick_sync (self->context);
  td_sync_page_refresh (self);
}

/* ---- Reading ----------------------------------------------------------------------------- */

static void
load_conflicts (TdSyncPage *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->conflicts_list);
  conflicts = td_store_sync_list_conflicts (get_db (self), FALSE, &error);
  if (conflicts == NULL)
    g_message ("Reading the conflicts failed: %s", error->message);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      const TdSyncConflict *c = conflicts->pdata[i];
      g_autoptr(TdSale) sale = c->shop_sale_id > 0 ? td_store_sales_get (get_db (self),
                                                                          c->shop_sale_id, NULL)
                                                   : NULL;
      g_autofree char *title = NULL;
      g_autofree char *sold = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *button;

      title = g_strdup_printf (_("%s · SKU %s"), c->title && *c->title ? c->title : _("Item"),
                               c->sku ? c->sku : "");
      if (sale != NULL)
        {
          g_autofree char *when = format_time (sale->created_at);

          g_autofree char *receipt = g_strdup_printf ("%" G_GINT64_FORMAT, sale->receipt_no);

          /* Translators: "Sold in the shop on 4 Dec 2026, 14:05, receipt 1042." */
          sold = g_strdup_printf (_("Sold in the shop on %s, receipt %s."), when, receipt);
        }
      else if (c->shop_receipt_no > 0)
        {
          g_autofree char *receipt = g_strdup_printf ("%" G_GINT64_FORMAT, c->shop_receipt_no);

          /* Translators: %s is the receipt number */
          sold = g_strdup_printf (_("Sold in the shop first, receipt %s."), receipt);
        }
      else
        sold = g_strdup (_("It had already left the shop."));
      /* Translators: order id, account name, the "sold in the shop" sentence, account name */
      subtitle = g_strdup_printf (_("Order %s on %s. %s\nWhat to do: cancel and refund the order "
                                    "on %s."),
                                  c->external_order_id, c->account_name ? c->account_name : "",
                                  sold, c->account_name ? c->account_name : "");
      row = new_row (title, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (row, "td-conflict-row");
      button = row_button (_("_Mark as Handled"), c->id, G_CALLBACK (resolve_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "td-button", button);
      g_object_set_data (G_OBJECT (row), ROW_ID, GSIZE_TO_POINTER ((gsize) c->id));
      gtk_list_box_append (self->conflicts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group),
                          conflicts != NULL && conflicts->len > 0);
}

static void
add_jobs (TdSyncPage *self,
          const char *state,
          guint      *shown)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  jobs = td_store_sync_list_jobs (get_db (self), state, QUEUE_LIMIT, &error);
  if (jobs == NULL)
    g_message ("Reading the %s jobs failed: %s", state, error->message);
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      const TdSyncJob *job = jobs->pdata[i];
      g_autofree char *title = job_title (job);
      g_autofree char *subtitle = NULL;
      g_autofree char *when = format_time (job->next_at);
      GtkWidget *row;

      if (g_strcmp0 (state, "running") == 0)
        /* Translators: "eBay (Main St) · Publish · sending now" */
        subtitle = g_strdup_printf (_("%s · %s · sending now"), job->account_name,
                                    op_label (job->op));
      else if (job->attempts > 0)
        /* Translators: "eBay (Main St) · Publish · try 3, next at 4 Dec 2026, 14:05" */
        subtitle = g_strdup_printf (_("%s · %s · try %u, next at %s"), job->account_name,
                                    op_label (job->op), job->attempts + 1, when);
      else
        subtitle = g_strdup_printf (_("%s · %s · waiting"), job->account_name, op_label (job->op));
      row = new_row (title, subtitle);
      if (job->last_error != NULL && *job->last_error != '\0')
        gtk_widget_set_tooltip_text (row, job->last_error);
      gtk_list_box_append (self->queue_list, row);
      (*shown)++;
    }
}

static void
load_queue (TdSyncPage *self)
{
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  clear_list (self->queue_list);
  add_jobs (self, "running", &shown);
  add_jobs (self, "pending", &shown);
  if (shown == 0)
    gtk_list_box_append (self->queue_list, new_row (_("Nothing waiting"),
                                                    _("Every change has gone out.")));

  clear_list (self->errors_list);
  failed = td_store_sync_list_jobs (get_db (self), "failed", ERRORS_LIMIT, &error);
  if (failed == NULL)
    g_message ("Reading the failed jobs failed: %s", error->message);
  for (guint i = 0; failed != NULL && i < failed->len; i++)
    {
      const TdSyncJob *job = failed->pdata[i];
      g_autofree char *title = job_title (job);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: "eBay (Main St) · Publish: <the marketplace's message>" */
      subtitle = g_strdup_printf (_("%s · %s: %s"), job->account_name, op_label (job->op),
                                  job->last_error && *job->last_error ? job->last_error
                                                                      : _("no reason given"));
      row = new_row (title, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-error-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("_Retry"), job->id, G_CALLBACK (retry_clicked_cb),
                                             self));
      gtk_list_box_append (self->errors_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->errors_group), failed != NULL && failed->len > 0);
}

static void
load_counts (TdSyncPage *self)
{
  TdSyncCounts counts = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!td_store_sync_counts (get_db (self), &counts, &error))
    {
      adw_action_row_set_subtitle (self->counts_row, error->message);
      return;
    }
  /* Translators: the sync counts: waiting, sending, failed, listings in error */
  text = g_strdup_printf (_("%u waiting · %u sending · %u failed · %u listings in error"),
                          counts.pending, counts.running, counts.failed, counts.listings_in_error);
  adw_action_row_set_subtitle (self->counts_row, text);
}

static void
update_online (TdSyncPage *self)
{
  gtk_revealer_set_reveal_child (self->offline_revealer,
                                 self->engine != NULL && !td_sync_engine_is_online (self->engine));
}

void
td_sync_page_refresh (TdSyncPage *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  gboolean any;

  g_return_if_fail (TD_IS_SYNC_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->context == NULL)
    return;

  accounts = td_store_marketplaces_list (get_db (self), FALSE, NULL);
  /* Open conflicts stay in view even when their account has been disconnected since. */
  conflicts = td_store_sync_list_conflicts (get_db (self), FALSE, NULL);
  any = (accounts != NULL && accounts->len > 0) || (conflicts != NULL && conflicts->len > 0);
  gtk_stack_set_visible_child_name (self->content_stack, any ? "sync" : "empty");
  update_online (self);
  if (!any)
    return;
  load_conflicts (self);
  load_counts (self);
  load_queue (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  TdSyncPage *self = user_data;

  self->refresh_source = 0;
  td_sync_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Many "changed" in a row are one read, a moment after the first. */
static void
engine_changed_cb (TdSyncPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

/* An online order hit an item already sold here: say so wherever staff are, at once. */
static void
engine_conflict_cb (TdSyncPage *self,
                    gint64      conflict_id)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  engine_changed_cb (self);
  if (overlay == NULL)
    return;
  toast = adw_toast_new (_("An item sold here was also ordered online. Cancel that order."));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.section");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("marketplaces"));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
shop_changed_cb (TdSyncPage *self)
{
  engine_changed_cb (self);
}

GtkWidget *
td_sync_page_get_conflict_button (TdSyncPage *self,
                                  gint64      conflict_id)
{
  g_return_val_if_fail (TD_IS_SYNC_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), ROW_ID)) == conflict_id)
      return g_object_get_data (G_OBJECT (row), "td-button");
  return NULL;
}

static void
td_sync_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_sync_page_parent_class)->map (widget);

  td_sync_page_refresh (TD_SYNC_PAGE (widget));
}

static void
td_sync_page_dispose (GObject *object)
{
  TdSyncPage *self = (TdSyncPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->engine);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_SYNC_PAGE);

  G_OBJECT_CLASS (td_sync_page_parent_class)->dispose (object);
}

static void
td_sync_page_class_init (TdSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_sync_page_dispose;
  widget_class->map = td_sync_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/td-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, counts_row);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, queue_group);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, errors_group);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, errors_list);
  gtk_widget_class_bind_template_child (widget_class, TdSyncPage, retry_all_button);
  gtk_widget_class_bind_template_callback (widget_class, sync_now_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_all_cb);
}

static void
td_sync_page_init (TdSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * td_sync_page_set_context:
 * @context: the open shop
 *
 * Follows the shop's sync engine from now on.
 */
void
td_sync_page_set_context (TdSyncPage *self,
                          TdContext  *context)
{
  g_return_if_fail (TD_IS_SYNC_PAGE (self));
  g_return_if_fail (TD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->engine = g_object_ref (td_context_get_sync_engine (context));
  /* Looked up first: a missing signal must not take the window down. */
  if (g_signal_lookup ("changed", TD_TYPE_SYNC_ENGINE) != 0)
    g_signal_connect_object (self->engine, "changed", G_CALLBACK (engine_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (g_signal_lookup ("conflict", TD_TYPE_SYNC_ENGINE) != 0)
    g_signal_connect_object (self->engine, "conflict", G_CALLBACK (engine_conflict_cb), self,
                             G_CONNECT_SWAPPED);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->engine), "online") != NULL)
    g_signal_connect_object (self->engine, "notify::online", G_CALLBACK (update_online), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "shop-changed", G_CALLBACK (shop_changed_cb), self,
                           G_CONNECT_SWAPPED);
  td_sync_page_refresh (self);
}

/* td-window-demo.c — the first-run welcome and building the demo shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>

#include "td-window-private.h"

typedef struct
{
  TdWindow         *window;            /* strong */
  GApplication     *application;       /* held until the generator has stopped */
  AdwMessageDialog *dialog;            /* weak */
  GtkProgressBar   *progress_bar;      /* weak, inside dialog */
  GCancellable     *cancellable;
  TdDemoOptions     options;
  int               progress_permille; /* atomic; written by the generating thread */
  guint             progress_source;
} DemoBuild;

static void
demo_build_free (DemoBuild *build)
{
  g_clear_handle_id (&build->progress_source, g_source_remove);
  if (build->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (build->dialog, build);
      g_object_remove_weak_pointer (G_OBJECT (build->dialog), (gpointer *) &build->dialog);
      gtk_window_destroy (GTK_WINDOW (build->dialog));
    }
  if (build->progress_bar != NULL)
    g_object_remove_weak_pointer (G_OBJECT (build->progress_bar),
                                  (gpointer *) &build->progress_bar);
  if (build->application != NULL)
    g_application_release (build->application);
  g_clear_object (&build->application);
  g_clear_object (&build->cancellable);
  g_clear_object (&build->window);
  g_free (build);
}

/* On the generating thread: only an atomic store, the main loop picks it up. */
static void
demo_progress_cb (double   fraction,
                  gpointer user_data)
{
  DemoBuild *build = user_data;

  g_atomic_int_set (&build->progress_permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static gboolean
demo_progress_timeout_cb (gpointer user_data)
{
  DemoBuild *build = user_data;
  int permille = g_atomic_int_get (&build->progress_permille);

  if (build->progress_bar == NULL)
    return G_SOURCE_CONTINUE;
  if (permille < 0)
    gtk_progress_bar_pulse (build->progress_bar);  /* no figure yet */
  else
    gtk_progress_bar_set_fraction (build->progress_bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
demo_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         DemoBuild        *build)
{
  /* The only response is Cancel (or closing the dialog): stop the generator; the finish
   * callback cleans up. */
  g_cancellable_cancel (build->cancellable);
}

static void
show_demo_problem (TdWindow     *self,
                   const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Demo Shop Could Not Be Built"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
demo_generated_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DemoBuild *build = user_data;
  TdWindow *self = build->window;
  g_autoptr(GError) error = NULL;
  gboolean alive;
  gboolean ok;

  ok = td_demo_generate_finish (result, &error);

  if (self->demo_cancellable == build->cancellable)
    g_clear_object (&self->demo_cancellable);

  /* The window may have been closed while the generator ran (that cancelled it). */
  alive = self->context != NULL && !g_cancellable_is_cancelled (self->cancellable);
  if (alive)
    {
      /* Even a cancelled or failed build may have written some rows: show what is there. */
      td_context_reload (self->context);

      if (ok)
        {
          g_autofree char *count = g_strdup_printf ("%'u", build->options.items);
          g_autofree char *title = NULL;
          AdwToast *toast;

          /* Translators: %s is a number such as 5,000 */
          title = g_strdup_printf (ngettext ("Demo shop ready: %s item", "Demo shop ready: %s items",
                                             build->options.items),
                                   count);
          toast = adw_toast_new (title);
          adw_toast_set_timeout (toast, 5);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("Building the demo shop failed: %s", error->message);
          show_demo_problem (self, error);
        }
    }

  demo_build_free (build);
}

/**
 * td_window_build_demo:
 * @options: what to build
 *
 * Fills the (empty) open shop with a demo shop off the main thread, showing progress in a
 * dialog that can cancel it. The main-thread connection sees the new rows afterwards because
 * the shop is in WAL mode; the window then reloads and says so in a toast.
 */
void
td_window_build_demo (TdWindow            *self,
                      const TdDemoOptions *options)
{
  DemoBuild *build;
  GtkWidget *dialog;
  GtkWidget *bar;
  GtkApplication *application;
  TdDatabase *db;

  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (options != NULL);

  /* A demo on its way makes the welcome moot (and --demo skips it this way). */
  self->welcome_done = TRUE;
  g_clear_handle_id (&self->welcome_source, g_source_remove);

  if (self->demo_cancellable != NULL)
    return;  /* one at a time */

  build = g_new0 (DemoBuild, 1);
  build->window = g_object_ref (self);
  build->options = *options;
  build->progress_permille = -1;
  build->cancellable = g_cancellable_new ();
  self->demo_cancellable = g_object_ref (build->cancellable);

  /* Keep the main loop alive until the generator has really stopped, even when the window
   * is closed meanwhile: the worker must not be cut off in the middle of a transaction. */
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application != NULL)
    {
      build->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (build->application);
    }

  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (bar), 0.1);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), _("Building the demo shop…"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Building the Demo Shop"),
                                   _("Made-up consignors, items and a year of sales, to try "
                                     "every part of Thriftdesk. This takes a moment."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (demo_dialog_response_cb), build);
  build->dialog = ADW_MESSAGE_DIALOG (dialog);
  build->progress_bar = GTK_PROGRESS_BAR (bar);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &build->dialog);
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &build->progress_bar);
  build->progress_source = g_timeout_add (100, demo_progress_timeout_cb, build);
  gtk_window_present (GTK_WINDOW (dialog));

  db = td_context_get_database (self->context);
  td_demo_generate_async (td_database_get_path (db), &build->options,
                          demo_progress_cb, build,
                          build->cancellable, demo_generated_cb, build);
}

/* Called from dispose: stop the generator; its callback finishes the clean-up. */
void
td_window_cancel_demo (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
}

static void
welcome_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TdWindow         *self)
{
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (!td_store_settings_set (td_context_get_database (self->context),
                              TD_SETTING_ONBOARDING_DONE, "1", g_get_real_time (), &error))
    {
      /* Not worth stopping for: the welcome simply comes again next time. */
      g_message ("Recording the first run failed: %s", error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }

  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Starting empty: the owner account comes first (the lock screen's owner form). */
  if (g_strcmp0 (response, "demo") != 0)
    td_window_lock (self);

  if (g_strcmp0 (response, "demo") == 0)
    {
      TdDemoOptions options;

      td_demo_options_init (&options);
      td_window_build_demo (self, &options);
    }
}

static gboolean
should_welcome (TdWindow *self)
{
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gboolean empty = FALSE;

  done = td_store_settings_dup (db, TD_SETTING_ONBOARDING_DONE, &error);
  if (error == NULL && done != NULL && g_strcmp0 (done, "0") != 0)
    return FALSE;
  g_clear_error (&error);

  if (!td_store_shop_is_empty (db, &empty, &error))
    {
      g_message ("Can’t tell whether the shop is empty: %s", error->message);
      return FALSE;
    }
  return empty;
}

static gboolean
welcome_idle_cb (gpointer user_data)
{
  TdWindow *self = user_data;
  GtkWidget *dialog;

  self->welcome_source = 0;
  if (self->welcome_done)
    return G_SOURCE_REMOVE;
  self->welcome_done = TRUE;

  if (!should_welcome (self))
    return G_SOURCE_REMOVE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Welcome to Thriftdesk"),
                                   _("This shop is still empty. Start empty and take in your own "
                                     "stock, or create a demo shop — made-up consignors, items and "
                                     "a year of sales — to try everything first. The demo records "
                                     "stay in this shop."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "empty", _("_Start Empty"),
                                    "demo", _("_Create Demo Shop"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "demo",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "demo");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "empty");
  g_signal_connect_object (dialog, "response", G_CALLBACK (welcome_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return G_SOURCE_REMOVE;
}

/**
 * td_window_schedule_welcome:
 *
 * Once the window is shown, welcomes a first run on an empty shop (unless a demo build
 * already started): runs from an idle so that whoever presented the window gets to call
 * td_window_build_demo() first.
 */
void
td_window_schedule_welcome (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (self->welcome_done || self->welcome_source != 0)
    return;
  self->welcome_source = g_idle_add_full (G_PRIORITY_LOW, welcome_idle_cb, self, NULL);
}

/* td-window-csv.c — Import… and Export… in the main menu.
 *
 * Import reads the chosen CSV file and opens its preview (TdImportDialog), which writes
 * nothing until the person imports. Export writes every table of the shop as CSV files into
 * the chosen folder on a worker thread with its own connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-import"

#include "config.h"

#include <glib/gi18n.h>

#include "td-import-dialog.h"
#include "td-import.h"
#include "td-permission.h"
#include "td-window-private.h"

static void
toast (TdWindow   *self,
       const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static gboolean
authorize (TdWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (td_store_authorize (td_context_get_database (self->context),
                          td_context_get_staff_id (self->context), TD_PERMISSION_IMPORT_EXPORT,
                          NULL, g_get_real_time (), &error))
    return TRUE;
  toast (self, error->message);
  return FALSE;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  TdImportDialog *dialog;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &size, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  name = g_file_get_basename (G_FILE (source));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
  dialog = td_import_dialog_new (self->context, name, bytes);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * td_window_import_file:
 * @file: a CSV file
 *
 * Opens the import preview of @file (after the permission check).
 */
void
td_window_import_file (TdWindow *self,
                       GFile    *file)
{
  g_return_if_fail (TD_IS_WINDOW (self));

  if (!authorize (self))
    return;
  g_file_load_contents_async (file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TdWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        td_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!authorize (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Import Consignors or Items"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **paths = task_data;  /* { shop, folder } */
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (paths[0], &error);
  char **files = NULL;

  if (db != NULL)
    files = td_export_shop (db, paths[1], &error);
  if (files == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, g_strv_length (files));
  g_strfreev (files);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TdWindow *self = TD_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "The shop was exported to %d CSV file.",
                                                           "The shop was exported to %d CSV files.",
                                                           (int) n), (int) n);
    toast (self, title);
  }
}

/**
 * td_window_export_to:
 * @folder: where the CSV files go
 *
 * Exports the whole shop (after the permission check); a toast says when it is done.
 */
void
td_window_export_to (TdWindow   *self,
                     const char *folder)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  g_return_if_fail (TD_IS_WINDOW (self));

  if (!authorize (self))
    return;
  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (td_database_get_path (td_context_get_database (self->context)));
  paths[1] = g_strdup (folder);
  task = g_task_new (self, self->cancellable, exported_cb, NULL);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, export_thread);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TdWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        td_window_export_to (self, path);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (!authorize (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Export the Shop to a Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
td_window_csv_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_action);
}

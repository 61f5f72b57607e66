/* td-backup-page.c — the Backups page of Preferences.
 *
 * The folder is this counter's (GSettings `backup-folder`); "Back Up Now" and the restore run
 * on worker threads (td-backup.h) while the page shows progress. A restore first checks the
 * chosen file off the main thread and says in plain words why a file is refused; only a file
 * that passes is offered for the confirmation that names the safety copy. The store checks
 * the permission (`TD_PERMISSION_BACKUP`, `TD_PERMISSION_RESTORE`) before anything starts.
 *
 * Actions: `backup.choose-folder`, `backup.now`, `backup.restore`, and `backup.restore-file`
 * (a path: the restore without the file chooser; tests use it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-backup"

#include "config.h"

#include <glib/gi18n.h>

#include "td-backup-page.h"
#include "td-backup.h"
#include "td-permission.h"

struct _TdBackupPage
{
  AdwPreferencesPage  parent_instance;

  TdContext          *context;
  GCancellable       *cancellable;
  char               *folder;      /* when there is no settings schema */
  gboolean            busy;

  AdwActionRow       *folder_row;
  AdwActionRow       *last_row;
  GtkProgressBar     *progress;
};

G_DEFINE_FINAL_TYPE (TdBackupPage, td_backup_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
dup_folder (TdBackupPage *self)
{
  GSettings *settings = td_context_get_settings (self->context);

  if (settings != NULL)
    return g_settings_get_string (settings, "backup-folder");
  return g_strdup (self->folder ? self->folder : "");
}

static void
show_toast (TdBackupPage *self,
            const char   *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (title));
}

static void
show_message (TdBackupPage *self,
              const char   *heading,
              const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update (TdBackupPage *self)
{
  g_autofree char *folder = dup_folder (self);
  g_autoptr(GDateTime) last = NULL;

  if (folder[0] == '\0')
    {
      adw_action_row_set_subtitle (self->folder_row,
                                   _("None chosen yet: the shop is not backed up."));
      adw_action_row_set_subtitle (self->last_row, _("Never"));
    }
  else
    {
      g_autofree char *display = g_filename_display_name (folder);

      adw_action_row_set_subtitle (self->folder_row, display);
      last = td_backup_dup_last (folder);
      if (last == NULL)
        adw_action_row_set_subtitle (self->last_row, _("Never"));
      else
        {
          /* Translators: when the last backup was made; a strftime format */
          g_autofree char *when = g_date_time_format (last, _("%A %-e %B %Y, %H:%M"));

          adw_action_row_set_subtitle (self->last_row, when);
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.now", !self->busy && folder[0]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.restore", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.restore-file", !self->busy);
}

/* The store decides; refused acts are said in a toast. */
static gboolean
authorize (TdBackupPage *self,
           TdPermission  permission)
{
  g_autoptr(GError) error = NULL;

  if (td_store_authorize (td_context_get_database (self->context),
                          td_context_get_staff_id (self->context), permission, NULL,
                          g_get_real_time (), &error))
    return TRUE;
  show_toast (self, error->message);
  return FALSE;
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  TdBackupPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      GSettings *settings = td_context_get_settings (self->context);

      if (path != NULL)
        {
          if (settings != NULL)
            g_settings_set_string (settings, "backup-folder", path);
          g_free (self->folder);
          self->folder = g_strdup (path);
        }
      update (self);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdBackupPage *self = TD_BACKUP_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (!authorize (self, TD_PERMISSION_BACKUP))
    return;
  chooser = gtk_file_chooser_native_new (_("Choose the Backup Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_progress_cb (double   fraction,
                    gpointer user_data)
{
  TdBackupPage *self = user_data;

  gtk_progress_bar_set_fraction (self->progress, fraction);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdBackupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = td_backup_run_finish (result, &error);

  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("The Backup Failed"), error->message);
    }
  else
    show_toast (self, _("The shop is backed up."));
  update (self);
}

static void
backup_now_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TdBackupPage *self = TD_BACKUP_PAGE (widget);
  g_autofree char *folder = dup_folder (self);

  if (self->busy || folder[0] == '\0' || !authorize (self, TD_PERMISSION_BACKUP))
    return;

  self->busy = TRUE;
  gtk_progress_bar_set_text (self->progress, _("Backing up…"));
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  update (self);
  td_backup_run_async (td_database_get_path (td_context_get_database (self->context)), folder,
                       backup_progress_cb, self, self->cancellable, backup_done_cb,
                       g_object_ref (self));
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TdBackupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = td_backup_restore_finish (result, &error);

  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  update (self);
  if (safety == NULL)
    {
      show_message (self, _("The Shop Was Not Restored"), error->message);
      return;
    }
  {
    g_autofree char *name = g_filename_display_basename (safety);
    /* Translators: %s is the safety copy's file name */
    g_autofree char *title = g_strdup_printf (_("The shop is restored. The previous shop was "
                                                "kept as “%s”."), name);

    show_toast (self, title);
  }
  /* Every page reloads what it shows. */
  td_context_reload (self->context);
}

static void
confirm_cb (AdwMessageDialog *dialog,
            const char       *response,
            gpointer          user_data)
{
  TdBackupPage *self = user_data;
  const char *source = g_object_get_data (G_OBJECT (dialog), "source");

  if (g_strcmp0 (response, "restore") == 0 && !self->busy &&
      authorize (self, TD_PERMISSION_RESTORE))
    {
      self->busy = TRUE;
      gtk_progress_bar_set_text (self->progress, _("Restoring…"));
      gtk_progress_bar_pulse (self->progress);
      gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
      update (self);
      td_backup_restore_async (td_database_get_path (td_context_get_database (self->context)),
                               source, td_context_get_staff_id (self->context), NULL,
                               restore_done_cb, g_object_ref (self));
    }
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (td_backup_verify (task_data, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TdBackupPage *self = TD_BACKUP_PAGE (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  self->busy = FALSE;
  update (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s is the refused file's reason, a sentence */
      g_autofree char *message = g_strdup_printf (_("%s The shop was not changed."),
                                                  error->message);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("This File Can’t Be Restored"), message);
      return;
    }

  /* Translators: %1$s is the backup's file name, %2$s the safety copy's */
  body = g_strdup_printf (_("This replaces everything in the shop — items, consignors, sales "
                            "and settings — with the backup “%s”. The current shop is kept as "
                            "“shop-before-restore-%s.db” beside the shop file."), name, stamp);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Restore the Shop From This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "source", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_file (TdBackupPage *self,
              const char   *path)
{
  g_autoptr(GTask) task = NULL;

  if (self->busy || !authorize (self, TD_PERMISSION_RESTORE))
    return;
  self->busy = TRUE;
  update (self);
  task = g_task_new (self, self->cancellable, verified_cb, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, verify_thread);
}

static void
restore_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  restore_file (TD_BACKUP_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
restore_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  TdBackupPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        restore_file (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TdBackupPage *self = TD_BACKUP_PAGE (widget);
  g_autofree char *folder = dup_folder (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!authorize (self, TD_PERMISSION_RESTORE))
    return;
  chooser = gtk_file_chooser_native_new (_("Choose a Backup to Restore"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Thriftdesk backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder[0] != '\0')
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
td_backup_page_dispose (GObject *object)
{
  TdBackupPage *self = (TdBackupPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_BACKUP_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_backup_page_parent_class)->dispose (object);
}

static void
td_backup_page_finalize (GObject *object)
{
  TdBackupPage *self = (TdBackupPage *)object;

  g_clear_object (&self->cancellable);
  g_free (self->folder);

  G_OBJECT_CLASS (td_backup_page_parent_class)->finalize (object);
}

static void
td_backup_page_class_init (TdBackupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_backup_page_dispose;
  object_class->finalize = td_backup_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-backup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, TdBackupPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, TdBackupPage, progress);

  gtk_widget_class_install_action (widget_class, "backup.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "backup.now", NULL, backup_now_action);
  gtk_widget_class_install_action (widget_class, "backup.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "backup.restore-file", "s",
                                   restore_file_action);
}

static void
td_backup_page_init (TdBackupPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * td_backup_page_new:
 * @context: the open shop
 *
 * Returns: (transfer full): the Backups page, for the Preferences window
 */
TdBackupPage *
td_backup_page_new (TdContext *context)
{
  TdBackupPage *self;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  self = g_object_new (TD_TYPE_BACKUP_PAGE, NULL);
  self->context = g_object_ref (context);
  update (self);
  return self;
}

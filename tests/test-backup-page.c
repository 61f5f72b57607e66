/* test-backup-page.c — Preferences › Backups: back up now, restore a real backup, refuse garbage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */


#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "td-backup-page.h"
#include "td-backup.h"
#include "td-context.h"
#include "td-import-dialog.h"
#include "td-database-private.h"
#include "td-store-staff.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-ui-resources.h"

#define WAIT_MS 20000
#define NOW     G_GINT64_CONSTANT (1709294400000000)

#define WAIT_FOR(expr, ms)                                                          \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out after %d ms waiting for: %s", (int) (ms), #expr);     \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END

typedef struct
{
  char       *dir;
  char       *path;
  char       *folder;
  TdDatabase *db;
  TdContext  *context;
  gint64      owner, cashier;
} Fixture;

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  guint id = g_timeout_add (10, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}


static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
add_consignor (Fixture    *f,
               const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO consignor (code, name, created_at) "
                                          "VALUES ('%s', 'Name %s', 1)", code, code);

  td_database_exec (f->db, sql, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->folder = g_build_filename (f->dir, "usb-stick", NULL);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (td_store_staff_create_owner (f->db, "Olive Owner", "1111", NOW, &f->owner,
                                              &error));
  g_assert_true (td_store_staff_create (f->db, f->owner, "Cass Cashier", TD_ROLE_CASHIER,
                                        "3333", NOW, &f->cashier, &error));
  f->context = td_context_new (f->db);
  g_assert_true (td_context_set_staff (f->context, f->owner, &error));
  g_assert_nonnull (td_context_get_settings (f->context));
  g_settings_set_string (td_context_get_settings (f->context), "backup-folder", "");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->folder);
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static GtkWindow *
show_page (Fixture       *f,
           TdBackupPage **page)
{
  GtkWidget *window = adw_preferences_window_new ();

  *page = td_backup_page_new (f->context);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (*page));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static guint
count_backups (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) when = td_backup_parse_file_name (name);
      n += when != NULL;
    }
  return n;
}

static char *
newest_backup (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  g_autofree char *found = NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "thriftdesk-") && g_strcmp0 (name, found ? found : "") > 0)
      {
        g_free (found);
        found = g_strdup (name);
      }
  return found ? g_build_filename (folder, found, NULL) : NULL;
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwActionRow *row = find_row (c, title);
      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
shop_changed_cb (TdContext *context,
                 guint     *count)
{
  (*count)++;
}

/* As a new owner would: choose a folder, back up now, add a consignor, restore the backup
 * (confirming), and see the consignor gone and the previous shop kept. */
static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  TdBackupPage *page = NULL;
  GtkWindow *window = show_page (f, &page);
  g_autofree char *backup = NULL;
  g_autofree char *backup_name = NULL;
  AdwMessageDialog *dialog;
  AdwActionRow *last_row;
  guint changed = 0;

  add_consignor (f, "KEPT");
  /* No folder yet: nothing to back up to. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "backup.now", NULL) &&
                  count_backups (f->folder) > 0);
  td_test_screenshot (GTK_WIDGET (window), "backup-page-no-folder");

  g_settings_set_string (td_context_get_settings (f->context), "backup-folder", f->folder);
  /* The page reads the folder when it is shown (a new page, as reopening Preferences). */
  gtk_window_destroy (window);
  window = show_page (f, &page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backup.now", NULL));
  last_row = find_row (GTK_WIDGET (page), "Last Backup");
  g_assert_nonnull (last_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (last_row), ==, "Never");
  /* The row shows the new backup's time once the worker has finished. */
  WAIT_FOR (g_strcmp0 (adw_action_row_get_subtitle (last_row), "Never") != 0, WAIT_MS);
  g_assert_cmpuint (count_backups (f->folder), ==, 1);
  backup = newest_backup (f->folder);
  g_assert_true (td_backup_verify (backup, NULL, NULL));
  td_test_screenshot (GTK_WIDGET (window), "backup-page-backed-up");

  add_consignor (f, "LATER");
  g_signal_connect (f->context, "shop-changed", G_CALLBACK (shop_changed_cb), &changed);

  gtk_widget_activate_action (GTK_WIDGET (page), "backup.restore-file", "s", backup);
  WAIT_FOR ((dialog = find_message_dialog ("Restore the Shop From This Backup?")) != NULL,
            WAIT_MS);
  backup_name = g_path_get_basename (backup);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), backup_name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "shop-before-restore-"));
  td_test_screenshot (GTK_WIDGET (dialog), "backup-restore-confirm");
  /* Nothing is replaced before the confirmation. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM consignor WHERE code = 'LATER'"), ==, 1);
  adw_message_dialog_response (dialog, "restore");

  WAIT_FOR (changed > 0, WAIT_MS);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM consignor WHERE code = 'LATER'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM consignor WHERE code = 'KEPT'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'shop.restored'"),
                   ==, 1);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    gboolean safety = FALSE;

    while ((name = g_dir_read_name (dir)) != NULL)
      safety |= g_str_has_prefix (name, "shop-before-restore-");
    g_assert_true (safety);
  }
  td_test_screenshot (GTK_WIDGET (window), "backup-page-restored");
  gtk_window_destroy (window);
}

/* A garbage file and a foreign database are refused in plain words; the shop is untouched. */
static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  TdBackupPage *page = NULL;
  GtkWindow *window = show_page (f, &page);
  g_autofree char *garbage = g_build_filename (f->dir, "holiday-photo.db", NULL);
  AdwMessageDialog *dialog;

  add_consignor (f, "CURRENT");
  g_assert_true (g_file_set_contents (garbage, "\x89PNG not a shop at all", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (page), "backup.restore-file", "s", garbage);
  WAIT_FOR ((dialog = find_message_dialog ("This File Can’t Be Restored")) != NULL, WAIT_MS);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is not a Thriftdesk backup"));
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog),
                                   "The shop was not changed."));
  g_assert_null (find_message_dialog ("Restore the Shop From This Backup?"));
  td_test_screenshot (GTK_WIDGET (dialog), "backup-restore-refused");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM consignor WHERE code = 'CURRENT'"), ==, 1);

  /* A cashier may not restore: the store refuses before any file is read. */
  g_assert_true (td_context_set_staff (f->context, f->cashier, NULL));
  gtk_widget_activate_action (GTK_WIDGET (page), "backup.restore-file", "s", garbage);
  for (int i = 0; i < 20; i++)
    iterate ();
  g_assert_null (find_message_dialog ("This File Can’t Be Restored"));
  gtk_window_destroy (window);
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *label = find_label (c, part);
      if (label != NULL)
        return label;
    }
  return NULL;
}

/* The button of action @name (it follows the action's enabled state). */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *button = find_button (c, name);
      if (button != NULL)
        return button;
    }
  return NULL;
}

static gboolean
action_enabled (GtkWidget  *widget,
                const char *name)
{
  GtkWidget *button = find_button (widget, name);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* The import preview: the first rows, every problem by row and column, Import only when the
 * file is right — then every record in one go. */
static void
test_import_preview (Fixture       *f,
                     gconstpointer  data)
{
  const char *bad =
    "SKU,Title,Price\r\nB1,Good,5\r\nB2,,5\r\nB3,\"Bad\nprice\",five\r\n";
  const char *good =
    "Account Number,First Name,Last Name,Split %\r\nA7,Ada,Lovelace,40\r\nA8,Grace,Hopper,50\r\n";
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, strlen (bad));
  g_autoptr(GBytes) good_bytes = g_bytes_new_static (good, strlen (good));
  TdImportDialog *dialog = td_import_dialog_new (f->context, "stock.csv", bad_bytes);
  gboolean closed = FALSE;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "The file has 2 problems"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Row 3, Title: This can’t be empty."));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Row 4, Price: “five” is not an amount"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Bad price"));  /* first rows, one line */
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "import.commit"));
  td_test_screenshot (GTK_WIDGET (dialog), "import-preview-problems");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item"), ==, 0);

  dialog = td_import_dialog_new (f->context, "consignors.csv", good_bytes);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (g_nullify_pointer), &dialog);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "2 records are ready to import."));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Split % → share_bp"));
  g_assert_true (action_enabled (GTK_WIDGET (dialog), "import.commit"));
  td_test_screenshot (GTK_WIDGET (dialog), "import-preview-ready");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  WAIT_FOR (dialog == NULL, WAIT_MS);
  closed = TRUE;
  g_assert_true (closed);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM consignor WHERE code IN ('A7', 'A8')"),
                   ==, 2);
  g_assert_cmpint (query_int (f, "SELECT share_bp FROM consignor WHERE code = 'A7'"), ==, 4000);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_resources_register (td_ui_get_resource ());

  g_test_add ("/td/backup-page/backup-and-restore", Fixture, NULL, fixture_set_up,
              test_backup_and_restore, fixture_tear_down);
  g_test_add ("/td/backup-page/restore-refused", Fixture, NULL, fixture_set_up,
              test_restore_refused, fixture_tear_down);
  g_test_add ("/td/backup-page/import-preview", Fixture, NULL, fixture_set_up,
              test_import_preview, fixture_tear_down);
  return g_test_run ();
}

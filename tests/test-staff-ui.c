/* test-staff-ui.c — the audit trail viewer and Preferences › Staff, on a real shop file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "td-audit-window.h"
#include "td-context.h"
#include "td-override-dialog.h"
#include "td-store-consignors.h"
#include "td-database-private.h"
#include "td-staff-page.h"
#include "td-store-staff.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-ui-resources.h"

#define WAIT_MS 10000
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
  TdDatabase *db;
  TdContext  *context;
  gint64      owner, manager, cashier;
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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (td_store_staff_create_owner (f->db, "Olive Owner", "1111", NOW, &f->owner,
                                              &error));
  g_assert_true (td_store_staff_create (f->db, f->owner, "Max Manager", TD_ROLE_MANAGER, "2222",
                                        NOW, &f->manager, &error));
  g_assert_true (td_store_staff_create (f->db, f->owner, "Cass Cashier", TD_ROLE_CASHIER,
                                        "3333", NOW, &f->cashier, &error));
  g_assert_no_error (error);
  f->context = td_context_new (f->db);
  g_assert_true (td_context_set_staff (f->context, f->owner, &error));
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
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
select_string (GtkDropDown *dropdown,
               const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("No “%s” in the dropdown", text);
}

static void
test_audit_viewer (Fixture       *f,
                   gconstpointer  data)
{
  TdAuditWindow *viewer;
  gint64 total;
  guint expected;

  /* Enough history for more than one page. */
  for (int i = 0; i < 260; i++)
    {
      g_autofree char *name = g_strdup_printf ("Shop %03d", i);

      g_assert_true (td_store_settings_change (f->db, i % 3 ? f->owner : f->manager,
                                               TD_SETTING_SHOP_NAME, name, NOW + i, NULL));
    }
  total = query_int (f, "SELECT count(*) FROM audit");
  g_assert_cmpint (total, >, TD_AUDIT_WINDOW_PAGE);

  viewer = td_audit_window_new (f->context);
  gtk_window_present (GTK_WINDOW (viewer));

  /* One page first; "Show Older" reads the rest. */
  g_assert_cmpuint (td_audit_window_count (viewer), ==, TD_AUDIT_WINDOW_PAGE);
  g_assert_true (gtk_widget_get_visible (child (viewer, TD_TYPE_AUDIT_WINDOW, "more_button")));
  td_test_screenshot (GTK_WIDGET (viewer), "audit-viewer");
  g_signal_emit_by_name (child (viewer, TD_TYPE_AUDIT_WINDOW, "more_button"), "clicked");
  g_assert_cmpuint (td_audit_window_count (viewer), ==, total);
  g_assert_false (gtk_widget_get_visible (child (viewer, TD_TYPE_AUDIT_WINDOW, "more_button")));

  /* By kind, by staff, by text. */
  select_string (GTK_DROP_DOWN (child (viewer, TD_TYPE_AUDIT_WINDOW, "kind_dropdown")),
                 "staff.created");
  g_assert_cmpuint (td_audit_window_count (viewer), ==, 3);
  select_string (GTK_DROP_DOWN (child (viewer, TD_TYPE_AUDIT_WINDOW, "kind_dropdown")),
                 "setting.changed");
  select_string (GTK_DROP_DOWN (child (viewer, TD_TYPE_AUDIT_WINDOW, "staff_dropdown")),
                 "Max Manager");
  expected = (260 + 2) / 3;
  g_assert_cmpuint (td_audit_window_count (viewer), ==, expected);
  gtk_editable_set_text (GTK_EDITABLE (child (viewer, TD_TYPE_AUDIT_WINDOW, "search_entry")),
                         "Shop 009");
  WAIT_FOR (td_audit_window_count (viewer) == 1, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (viewer), "audit-viewer-filtered");

  /* Dates: a day with no acts shows none; a date that can't be read says so. */
  gtk_editable_set_text (GTK_EDITABLE (child (viewer, TD_TYPE_AUDIT_WINDOW, "search_entry")), "");
  WAIT_FOR (td_audit_window_count (viewer) == expected, WAIT_MS);
  gtk_editable_set_text (GTK_EDITABLE (child (viewer, TD_TYPE_AUDIT_WINDOW, "from_entry")),
                         "2030-01-01");
  g_signal_emit_by_name (child (viewer, TD_TYPE_AUDIT_WINDOW, "from_entry"), "activate");
  g_assert_cmpuint (td_audit_window_count (viewer), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (child (viewer, TD_TYPE_AUDIT_WINDOW, "from_entry")),
                         "last week");
  g_signal_emit_by_name (child (viewer, TD_TYPE_AUDIT_WINDOW, "from_entry"), "activate");
  g_assert_true (gtk_widget_get_visible (child (viewer, TD_TYPE_AUDIT_WINDOW, "problem_label")));

  gtk_window_destroy (GTK_WINDOW (viewer));
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

static void
test_staff_page (Fixture       *f,
                 gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (adw_preferences_window_new ());
  TdStaffPage *page = td_staff_page_new (f->context);
  GtkWidget *dialog;
  AdwMessageDialog *refused;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (window);

  /* The owner adds a cashier. */
  g_assert_true (gtk_widget_get_sensitive (child (page, TD_TYPE_STAFF_PAGE, "add_button")));
  g_assert_false (gtk_widget_get_visible (child (page, TD_TYPE_STAFF_PAGE, "owner_only_label")));
  dialog = td_staff_page_edit (page, 0);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "td-name"), "Nia New");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "td-pin"), "5678");
  td_test_screenshot (GTK_WIDGET (dialog), "staff-page-new");
  g_assert_true (td_staff_page_save (page, dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM staff WHERE name = 'Nia New' AND "
                                 "role = 'cashier' AND pin_hash LIKE '$argon2id$%'"), ==, 1);

  /* The secrets row warns: the tests have no keyring (THRIFTDESK_SECRETS=file). */
  g_assert_true (gtk_widget_has_css_class (child (page, TD_TYPE_STAFF_PAGE, "secrets_row"),
                                           "warning"));
  td_test_screenshot (GTK_WIDGET (window), "staff-page");

  /* A cashier sees the list but can't change it; the store refuses what gets through. */
  g_assert_true (td_context_set_staff (f->context, f->cashier, NULL));
  td_staff_page_reload (page);
  g_assert_false (gtk_widget_get_sensitive (child (page, TD_TYPE_STAFF_PAGE, "add_button")));
  g_assert_true (gtk_widget_get_visible (child (page, TD_TYPE_STAFF_PAGE, "owner_only_label")));
  dialog = td_staff_page_edit (page, f->cashier);
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (dialog), "td-role"), TD_ROLE_OWNER);
  g_assert_false (td_staff_page_save (page, dialog));
  refused = find_message_dialog ("Not Saved");
  g_assert_nonnull (refused);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (refused), "manage staff"));
  gtk_window_destroy (GTK_WINDOW (refused));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM staff WHERE role = 'owner'"), ==, 1);

  gtk_window_destroy (window);
}

static void
override_done_cb (gboolean granted,
                  gpointer user_data)
{
  *(int *) user_data = granted ? 1 : 0;
}

static void
test_override_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GError) error = NULL;
  gint64 consignor = 0;
  GtkWidget *dialog;
  int answer = -1;

  td_consignor_draft_init (&draft);
  g_free (draft.code);
  draft.code = g_strdup ("AB");
  g_free (draft.name);
  draft.name = g_strdup ("Ann Bell");
  g_assert_true (td_store_consignors_create (f->db, &draft, f->owner, NOW, &consignor, &error));

  /* The cashier at the counter may not correct a balance alone. */
  g_assert_true (td_context_set_staff (f->context, f->cashier, NULL));
  g_assert_false (td_store_ledger_adjust (f->db, consignor, 500, "Found cash", f->cashier, NOW,
                                          NULL, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* The dialog lists who may approve (owner, manager); a wrong PIN is said and keeps it open. */
  dialog = td_override_dialog_present (NULL, f->context, TD_PERMISSION_LEDGER_ADJUST,
                                       override_done_cb, &answer);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_false (td_override_dialog_approve (dialog, 1, "0000"));
  g_assert_cmpint (answer, ==, -1);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Wrong PIN"));
  td_test_screenshot (GTK_WIDGET (dialog), "override-wrong-pin");
  g_assert_true (td_override_dialog_approve (dialog, 1, "2222"));
  g_assert_cmpint (answer, ==, 1);
  g_assert_null (dialog);   /* closed */

  /* … then the cashier's act goes through, once, and the approval is on record. */
  g_assert_true (td_store_ledger_adjust (f->db, consignor, 500, "Found cash", f->cashier,
                                         g_get_real_time (), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (td_store_ledger_adjust (f->db, consignor, 500, "Again", f->cashier,
                                          g_get_real_time (), NULL, NULL));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = "
                                 "'permission.override' AND json_extract (detail, "
                                 "'$.approver') = 'Max Manager'"), ==, 1);
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

  g_test_add ("/td/staff-ui/audit-viewer", Fixture, NULL, fixture_set_up, test_audit_viewer,
              fixture_tear_down);
  g_test_add ("/td/staff-ui/staff-page", Fixture, NULL, fixture_set_up, test_staff_page,
              fixture_tear_down);
  g_test_add ("/td/staff-ui/override-dialog", Fixture, NULL, fixture_set_up,
              test_override_dialog, fixture_tear_down);
  return g_test_run ();
}

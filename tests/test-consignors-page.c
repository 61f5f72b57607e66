/* test-consignors-page.c — the Consignors page, the real widget in a window under Xvfb, on a
 * small demo shop taken in months ago so that items are due for expiry. Screenshots go to
 * <build>/tests/screenshots/consignors-*.png for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-consignor-editor.h"
#include "td-consignor-entry.h"
#include "td-consignor-row.h"
#include "td-consignors-page-private.h"
#include "td-context.h"
#include "td-demo.h"
#include "td-item.h"
#include "td-store-consignors-list.h"
#include "td-store-items-query.h"
#include "td-store-staff.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-ui-resources.h"

#define DEMO_ITEMS 300
#define WAIT_MS    10000

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

/* Lets animations (entry row titles, toasts) finish before a screenshot. */
static void
settle (int ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    iterate ();
}

/* Lets animations settle, then saves @window as screenshots/@name.png. */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  settle (400);
  td_test_screenshot (GTK_WIDGET (window), name);
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

static TdConsignorEditor *
find_editor (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  TdConsignorEditor *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (TD_IS_CONSIGNOR_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c) && gtk_widget_get_child_visible (c))
      n++;
  return n;
}

/* Walks the list's row widgets: each shows the balance of its consignor in the shop's money,
 * right-aligned; returns how many rows are on screen. */
static guint
check_widget_rows (GtkWidget *widget,
                   TdContext *context)
{
  guint n = 0;

  if (TD_IS_CONSIGNOR_ROW (widget))
    {
      TdConsignorRow *row = TD_CONSIGNOR_ROW (widget);
      TdConsignorEntry *entry = td_consignor_row_get_item (row);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      gint64 amount = 0;

      if (entry == NULL)
        return 0;
      td_store_consignors_balance (td_context_get_database (context),
                                   td_consignor_entry_get_id (entry), &amount, &error);
      g_assert_no_error (error);
      expected = td_context_format_money (context, amount);
      g_assert_cmpstr (td_consignor_row_get_balance_text (row), ==, expected);
      g_assert_cmpfloat (td_consignor_row_get_balance_xalign (row), ==, 1.0);
      return 1;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += check_widget_rows (c, context);
  return n;
}

static guint
check_visible_rows (TdConsignorsPage *page,
                    TdContext        *context)
{
  return check_widget_rows (GTK_WIDGET (page->consignor_list), context);
}

static guint
count_listed (TdConsignorsPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (page->selection));
}

static guint
count_consignors (TdDatabase *db)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  td_store_consignors_list (db, NULL, TRUE, &rows, &error);
  g_assert_no_error (error);
  return rows->len;
}

static gint64
balance_of (TdDatabase *db,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  gint64 balance = 0;

  td_store_consignors_balance (db, id, &balance, &error);
  g_assert_no_error (error);
  return balance;
}

static GtkWidget *
editor_child (TdConsignorEditor *editor,
              const char        *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (editor), TD_TYPE_CONSIGNOR_EDITOR,
                                                  id);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static void
set_text (TdConsignorEditor *editor,
          const char        *id,
          const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, id)), text);
}

typedef struct
{
  char             *tmpdir;
  char             *path;
  TdDatabase       *db;
  TdContext        *context;
  GtkWindow        *window;
  TdConsignorsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  f->tmpdir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->tmpdir, "shop.db", NULL);
  td_demo_options_init (&options);
  options.items = DEMO_ITEMS;
  options.consignors = 12;
  options.months = 2;
  /* Taken in four months ago: items left unsold are past their period today. */
  options.now_us = g_get_real_time () - (gint64) 120 * 86400 * G_USEC_PER_SEC;
  td_demo_generate (f->path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  f->context = td_context_new (f->db);
  /* The demo shop's manager is signed in: balance corrections need a manager. */
  {
    g_autoptr(GPtrArray) staff = td_store_staff_list (f->db, FALSE, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < staff->len; i++)
      if (((TdStaff *) staff->pdata[i])->role == TD_ROLE_MANAGER)
        g_assert_true (td_context_set_staff (f->context, ((TdStaff *) staff->pdata[i])->id,
                                             &error));
    g_assert_cmpint (td_context_get_staff_id (f->context), >, 0);
  }
  f->page = TD_CONSIGNORS_PAGE (td_consignors_page_new (f->context));
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1100, 760);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  td_test_wait_frames (GTK_WIDGET (f->window), 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->path);
}

/* ---- The list and the detail ------------------------------------------------------------- */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  TdConsignorsPage *page = f->page;
  g_autoptr(GArray) active = NULL;
  g_autoptr(GError) error = NULL;
  const TdConsignorListRow *some;
  guint n_rows = 0;

  td_store_consignors_list (f->db, NULL, FALSE, &active, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, >, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->main_stack), ==, "content");

  /* Every active consignor, with the balance the ledger sums to, in the shop's money. */
  n_rows = count_listed (page);
  g_assert_cmpuint (n_rows, ==, active->len);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(TdConsignorEntry) entry = g_list_model_get_item (G_LIST_MODEL (page->selection), i);
      gint64 id = td_consignor_entry_get_id (entry);

      g_assert_cmpint (id, ==, g_array_index (active, TdConsignorListRow, i).id);
      g_assert_cmpint (td_consignor_entry_get_balance (entry), ==, balance_of (f->db, id));
    }
  /* The rows on screen show it in the shop's money, right-aligned. */
  g_assert_cmpuint (check_visible_rows (page, f->context), >, 0);

  /* The first consignor is shown. */
  g_assert_cmpint (td_consignors_page_get_selected_id (page), ==,
                   g_array_index (active, TdConsignorListRow, 0).id);
  g_assert_true (gtk_widget_get_visible (page->detail));
  g_assert_null (strstr (adw_action_row_get_subtitle (page->share_row), "(null)"));
  screenshot (f->window, "consignors-list");

  /* Searching narrows the list to those whose code or name matches. */
  some = &g_array_index (active, TdConsignorListRow, active->len / 2);
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), some->code);
  WAIT_FOR (count_listed (page) < active->len, WAIT_MS);
  g_assert_cmpuint (count_listed (page), >=, 1);
  g_assert_cmpint (td_consignors_page_get_selected_id (page), ==, some->id);
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "no such consignor at all");
  WAIT_FOR (count_listed (page) == 0, WAIT_MS);
  gtk_editable_set_text (GTK_EDITABLE (page->search_entry), "");
  WAIT_FOR (count_listed (page) == active->len, WAIT_MS);

  /* A narrow window folds to the list alone. */
  gtk_window_set_default_size (f->window, 420, 760);
  td_test_wait_frames (GTK_WIDGET (f->window), 3);
  screenshot (f->window, "consignors-narrow");
  g_assert_true (adw_leaflet_get_folded (page->leaflet));
  g_assert_true (adw_leaflet_get_visible_child (page->leaflet) == page->sidebar);

  /* Choosing a consignor there shows them, with a way back. */
  gtk_single_selection_set_selected (page->selection, 1);
  g_assert_cmpint (td_consignors_page_get_selected_id (page), ==,
                   g_array_index (active, TdConsignorListRow, 1).id);
  WAIT_FOR (adw_leaflet_get_visible_child (page->leaflet) == page->detail, WAIT_MS);
  screenshot (f->window, "consignors-narrow-detail");
}

/* ---- The editor -------------------------------------------------------------------------- */

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  TdConsignorsPage *page = f->page;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdConsignor) created = NULL;
  TdConsignorEditor *editor;
  guint before = count_consignors (f->db);
  const char *taken;

  td_store_consignors_list (f->db, NULL, TRUE, &all, &error);
  g_assert_no_error (error);
  taken = g_array_index (all, TdConsignorListRow, 0).code;

  /* Enter on a row of the list opens that consignor in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page->consignor_list),
                                             "list.activate-item", "u", 0));
  WAIT_FOR ((editor = find_editor ()) != NULL, WAIT_MS);
  g_assert_cmpint (td_consignor_editor_get_consignor_id (editor), ==,
                   td_consignors_page_get_selected_id (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "code_row"))), ==,
                   g_array_index (all, TdConsignorListRow, 0).code);
  gtk_window_destroy (GTK_WINDOW (editor));
  WAIT_FOR (find_editor () == NULL, WAIT_MS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "consignors.new", NULL));
  WAIT_FOR ((editor = find_editor ()) != NULL, WAIT_MS);
  td_test_wait_frames (GTK_WIDGET (editor), 1);

  /* An empty name is refused at its field, with nothing written. */
  set_text (editor, "code_row", "ZZ9");
  set_text (editor, "share_row", "abc");
  set_text (editor, "min_payout_row", "twenty");
  g_assert_false (td_consignor_editor_save (editor));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "min_payout_row"), "error"));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "name_row"), "error"));
  g_assert_true (gtk_widget_get_visible (editor_child (editor, "name_error")));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "share_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (editor_child (editor, "code_row"), "error"));
  g_assert_cmpuint (count_consignors (f->db), ==, before);
  screenshot (GTK_WINDOW (editor), "consignors-editor-error");

  /* A code another consignor has is refused by the store, at the code field. */
  set_text (editor, "share_row", "45");
  set_text (editor, "name_row", "Nora Newcomer");
  set_text (editor, "code_row", taken);
  g_assert_false (td_consignor_editor_save (editor));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "code_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (editor_child (editor, "name_row"), "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (
                              ADW_PREFERENCES_ROW (editor_child (editor, "code_error"))),
                            "already used"));
  g_assert_cmpuint (count_consignors (f->db), ==, before);
  screenshot (GTK_WINDOW (editor), "consignors-editor-duplicate");

  /* A valid one is saved, listed and selected. */
  set_text (editor, "code_row", "nn1");
  set_text (editor, "min_payout_row", "20");
  g_assert_true (td_consignor_editor_save (editor));
  g_assert_cmpuint (count_consignors (f->db), ==, before + 1);
  created = td_store_consignors_get_by_code (f->db, "NN1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->draft.name, ==, "Nora Newcomer");
  g_assert_cmpint (created->draft.share_bp, ==, 4500);
  g_assert_cmpint (created->draft.period_days, ==, TD_TERM_SHOP_DEFAULT);
  g_assert_cmpint (created->draft.min_payout, ==,
                   2000);
  g_assert_cmpint (td_consignors_page_get_selected_id (page), ==, created->id);
  g_assert_cmpstr (gtk_label_get_text (page->detail_title), ==, "Nora Newcomer");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (page->period_row), "Shop default"));
  WAIT_FOR (find_editor () == NULL, WAIT_MS);
}

/* ---- Adjusting a balance ----------------------------------------------------------------- */

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog,
              const char       *name)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), name) == 0)
      return GTK_EDITABLE (c);
  g_assert_not_reached ();
}

static void
test_adjust (Fixture       *f,
             gconstpointer  data)
{
  TdConsignorsPage *page = f->page;
  gint64 id = td_consignors_page_get_selected_id (page);
  gint64 before = balance_of (f->db, id);
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *first;

  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (td_context_get_currency (f->context)->digits, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "consignors.adjust", NULL));
  WAIT_FOR ((dialog = find_message_dialog ("Adjust Balance")) != NULL, WAIT_MS);

  /* No amount, no note: nothing to confirm. A note is mandatory. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "next"));
  gtk_editable_set_text (dialog_entry (dialog, "amount"), "-12.34");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "next"));
  gtk_editable_set_text (dialog_entry (dialog, "note"), "Price tag was wrong");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "next"));
  screenshot (GTK_WINDOW (dialog), "consignors-adjust");
  adw_message_dialog_response (dialog, "next");

  WAIT_FOR ((dialog = find_message_dialog ("Change the Balance?")) != NULL, WAIT_MS);
  g_assert_cmpint (balance_of (f->db, id), ==, before);
  adw_message_dialog_response (dialog, "adjust");

  g_assert_cmpint (balance_of (f->db, id), ==, before - 1234);
  expected = td_context_format_money (f->context, before - 1234);
  g_assert_cmpstr (gtk_label_get_text (page->balance_label), ==, expected);
  /* The newest history row is the adjustment, with its note. */
  first = gtk_widget_get_first_child (GTK_WIDGET (page->ledger_list));
  g_assert_true (ADW_IS_ACTION_ROW (first));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Adjustment");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)),
                            "Price tag was wrong"));
  screenshot (f->window, "consignors-adjusted");

  /* The history, scrolled into view. */
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_last_child (page->detail));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    td_test_wait_frames (GTK_WIDGET (f->window), 2);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    screenshot (f->window, "consignors-history");
  }

  /* A long history comes a page at a time, newest first. */
  for (int i = 0; i < TD_CONSIGNORS_LEDGER_PAGE + 5; i++)
    {
      g_autoptr(GError) error = NULL;

      td_store_ledger_adjust (f->db, id, 100, "Bulk correction",
                              td_context_get_staff_id (f->context), g_get_real_time (), NULL,
                              &error);
      g_assert_no_error (error);
    }
  td_consignors_page_reload (page);
  g_assert_cmpuint (count_rows (page->ledger_list), ==, TD_CONSIGNORS_LEDGER_PAGE);
  g_assert_true (gtk_widget_get_visible (page->more_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "consignors.show-more", NULL));
  g_assert_cmpuint (count_rows (page->ledger_list), >, TD_CONSIGNORS_LEDGER_PAGE);
}

/* ---- Expiry ------------------------------------------------------------------------------ */

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  TdConsignorsPage *page = f->page;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pdf = g_build_filename (f->tmpdir, "donations.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *command = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  guint ticked = 0;

  td_store_expiry_list (f->db, g_get_real_time (), TD_CONSIGNORS_EXPIRY_LIMIT, &due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >=, 3);

  gtk_toggle_button_set_active (page->expiry_toggle, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->view_stack), ==, "expiry");
  g_assert_cmpuint (count_rows (page->expiry_list), ==, due->len);
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (page->expiry_toggle)), "("));

  /* Nothing ticked: nothing happens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "expiry.apply", "s", "donate"));
  g_assert_null (find_message_dialog ("Donate 3 Items?"));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (page->expiry_list));
       row != NULL && ticked < 3; row = gtk_widget_get_next_sibling (row), ticked++)
    gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "td-check"), TRUE);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (skus, g_strdup (g_array_index (due, TdExpiredItem, i).sku));
  screenshot (f->window, "consignors-expiry");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "expiry.apply", "s", "donate"));
  WAIT_FOR ((dialog = find_message_dialog ("Donate 3 Items?")) != NULL, WAIT_MS);
  adw_message_dialog_response (dialog, "apply");

  for (guint i = 0; i < skus->len; i++)
    {
      g_autoptr(TdItem) item = td_store_items_lookup_sku (f->db, g_ptr_array_index (skus, i),
                                                          &error);

      g_assert_no_error (error);
      g_assert_nonnull (item);
      g_assert_cmpint (td_item_get_status (item), ==, TD_ITEM_STATUS_DONATED);
    }
  g_assert_cmpuint (count_rows (page->expiry_list), ==, due->len - 3);

  /* The donation list is offered; its PDF names the donated items. */
  WAIT_FOR ((dialog = find_message_dialog ("Save a Donation List?")) != NULL, WAIT_MS);
  adw_message_dialog_response (dialog, "later");
  g_assert_true (td_consignors_page_write_donation_list (page, pdf, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("pdftotext -layout '%s' -", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < skus->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (skus, i)));

  /* An item dealt with elsewhere meanwhile is refused by name, and nothing changes. */
  {
    GArray *listed = g_object_get_data (G_OBJECT (page->expiry_list), "td-expired-items");
    const TdExpiredItem *first = &g_array_index (listed, TdExpiredItem, 0);
    g_autofree char *sku = g_strdup (first->sku);
    gint64 id = first->item_id;
    guint before = count_rows (page->expiry_list);
    const char *body;

    row = gtk_widget_get_first_child (GTK_WIDGET (page->expiry_list));
    gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "td-check"), TRUE);
    td_store_expiry_apply (f->db, &id, 1, TD_EXPIRY_ACTION_RETURN, 0, g_get_real_time (), &error);
    g_assert_no_error (error);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "expiry.apply", "s",
                                               "shop_stock"));
    WAIT_FOR ((dialog = find_message_dialog ("Keep 1 Item as Shop Stock?")) != NULL, WAIT_MS);
    adw_message_dialog_response (dialog, "apply");
    WAIT_FOR ((dialog = find_message_dialog ("Nothing Was Changed")) != NULL, WAIT_MS);
    body = adw_message_dialog_get_body (dialog);
    g_assert_nonnull (strstr (body, sku));
    screenshot (GTK_WINDOW (dialog), "consignors-expiry-refused");
    adw_message_dialog_response (dialog, "close");
    /* The list is read again: the returned item has gone from it. */
    g_assert_cmpuint (count_rows (page->expiry_list), ==, before - 1);
  }
}

/* ---- The store's list ---------------------------------------------------------------------- */

static void
test_store_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) active = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *part = NULL;
  const TdConsignorListRow *some;

  td_store_consignors_list (f->db, NULL, TRUE, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 2);
  for (guint i = 0; i < all->len; i++)
    {
      const TdConsignorListRow *row = &g_array_index (all, TdConsignorListRow, i);

      g_assert_cmpint (row->balance, ==, balance_of (f->db, row->id));
      if (i > 0)
        g_assert_cmpint (g_ascii_strcasecmp (g_array_index (all, TdConsignorListRow, i - 1).code,
                                             row->code), <, 0);
    }

  /* Deactivated consignors are left out unless asked for. */
  some = &g_array_index (all, TdConsignorListRow, 1);
  td_store_consignors_set_active (f->db, some->id, FALSE, 0, g_get_real_time (), &error);
  g_assert_no_error (error);
  td_store_consignors_list (f->db, "", FALSE, &active, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, all->len - 1);

  /* The filter matches part of the name or the code, ignoring case; % and _ are literal. */
  lower = g_ascii_strdown (some->name, -1);
  part = g_strndup (lower + 1, 4);
  td_store_consignors_list (f->db, part, TRUE, &found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpuint (found->len, <, all->len);
  for (guint i = 0; i < found->len; i++)
    {
      const TdConsignorListRow *row = &g_array_index (found, TdConsignorListRow, i);
      g_autofree char *name = g_ascii_strdown (row->name, -1);
      g_autofree char *code = g_ascii_strdown (row->code, -1);

      g_assert_true (strstr (name, part) != NULL || strstr (code, part) != NULL);
    }
  td_store_consignors_list (f->db, "%", TRUE, &none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- An empty shop ----------------------------------------------------------------------- */

static void
test_empty (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  g_autoptr(TdContext) context = NULL;
  GtkWindow *window;
  TdConsignorsPage *page;

  g_assert_no_error (error);
  context = td_context_new (db);
  page = TD_CONSIGNORS_PAGE (td_consignors_page_new (context));
  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 900, 600);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->main_stack), ==, "empty");
  screenshot (window, "consignors-empty");
  gtk_window_destroy (window);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  td_test_rmdir_recursive (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_resources_register (td_ui_get_resource ());
  /* What TdApplication's resource base path gives the real app: the section icons. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PATH "/icons");

  g_test_add ("/td/consignors-page/list", Fixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/td/consignors-page/editor", Fixture, NULL, fixture_set_up, test_editor,
              fixture_tear_down);
  g_test_add ("/td/consignors-page/adjust", Fixture, NULL, fixture_set_up, test_adjust,
              fixture_tear_down);
  g_test_add ("/td/consignors-page/expiry", Fixture, NULL, fixture_set_up, test_expiry,
              fixture_tear_down);
  g_test_add ("/td/consignors-page/store-list", Fixture, NULL, fixture_set_up, test_store_list,
              fixture_tear_down);
  g_test_add_func ("/td/consignors-page/empty", test_empty);
  return g_test_run ();
}

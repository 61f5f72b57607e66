/* test-sync-ui.c — what staff see of marketplace sync, under Xvfb, on a real demo shop file:
 * Preferences › Marketplaces (adding a WooCommerce account through the page's own widgets;
 * the keys go to the secrets file, never to the database; a cashier can't get in), the
 * Sync page's conflicts and "Mark as Handled", and the item editor's listing badges and
 * Publish. State is written and checked through the store. Screenshots go to
 * <build>/tests/screenshots/sync-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "td-context.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-inventory-page.h"
#include "td-marketplaces-preferences.h"
#include "td-preferences-window.h"
#include "td-secrets.h"
#include "td-store-marketplaces.h"
#include "td-store-staff.h"
#include "td-store-sync.h"
#include "td-sync-page.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window.h"

#define WAIT_MS 10000

static char *template_shop;

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
  TdContext  *context;
  gint64      owner;
  gint64      cashier;
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

#define WAIT_FOR(expr)                                                              \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;           \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out waiting for: %s", #expr);                             \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END

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

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_shop);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  to = g_file_new_for_path (f->path);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  staff = td_store_staff_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];

      if (s->role == TD_ROLE_OWNER && f->owner == 0)
        f->owner = s->id;
      if (s->role == TD_ROLE_CASHIER && f->cashier == 0)
        f->cashier = s->id;
    }
  g_assert_cmpint (f->owner, >, 0);
  g_assert_cmpint (f->cashier, >, 0);
  f->context = td_context_new (f->db);
  g_assert_true (td_context_set_staff (f->context, f->owner, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The action row whose subtitle contains @text. */
static GtkWidget *
find_subtitle (GtkWidget  *widget,
               const char *text)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      if (subtitle != NULL && strstr (subtitle, text) != NULL)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_subtitle (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
child (gpointer    widget,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget),
                                                   TD_TYPE_MARKETPLACES_PREFERENCES, id);

  g_assert_nonnull (object);
  return object;
}

static void
type_into (gpointer    row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static TdMarketplacesPreferences *
open_preferences (Fixture *f)
{
  TdPreferencesWindow *window = td_preferences_window_new (f->context);
  TdMarketplacesPreferences *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 1000);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  for (int i = 0; i < 20; i++)
    iterate ();
  page = TD_MARKETPLACES_PREFERENCES (find_type (GTK_WIDGET (window),
                                                 TD_TYPE_MARKETPLACES_PREFERENCES));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (page));
  return page;
}

static void
test_add_account (Fixture       *f,
                  gconstpointer  data)
{
  TdMarketplacesPreferences *page = open_preferences (f);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *kind = NULL;
  g_autofree char *base = NULL;
  const char *secrets_path;
  gint64 id;

  g_assert_true (gtk_widget_get_visible (child (page, "add_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "locked_group")));
  /* No keyring here: the page warns that keys are kept in a file. */
  g_assert_true (gtk_widget_get_visible (child (page, "secrets_group")));

  adw_combo_row_set_selected (child (page, "kind_row"), 3);   /* WooCommerce */
  g_assert_true (gtk_widget_get_visible (child (page, "consumer_key_row")));
  g_assert_false (gtk_widget_get_visible (child (page, "client_id_row")));

  /* Refused at the field, nothing written: no name; then no shop address; then no secret. */
  click (child (page, "add_button"));
  g_assert_true (gtk_widget_has_css_class (child (page, "name_row"), "error"));
  g_assert_true (gtk_widget_get_visible (child (page, "add_message")));
  type_into (child (page, "name_row"), "Web shop");
  g_assert_false (gtk_widget_has_css_class (child (page, "name_row"), "error"));
  click (child (page, "add_button"));
  g_assert_true (gtk_widget_has_css_class (child (page, "shop_url_row"), "error"));
  type_into (child (page, "shop_url_row"), "http://127.0.0.1:9/shop");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "base_url_row")), ==,
                   "http://127.0.0.1:9/shop/wp-json/wc/v3");
  type_into (child (page, "consumer_key_row"), "ck_0f3e9b2");
  click (child (page, "add_button"));
  g_assert_true (gtk_widget_has_css_class (child (page, "consumer_secret_row"), "error"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM marketplace_account"), ==, 0);

  type_into (child (page, "consumer_secret_row"), "cs_hush_77d1a4");
  click (child (page, "add_button"));
  g_assert_false (gtk_widget_get_visible (child (page, "add_message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM marketplace_account"), ==, 1);
  id = query_int (f, "SELECT id FROM marketplace_account");
  kind = query_text (f, "SELECT kind FROM marketplace_account");
  base = query_text (f, "SELECT base_url FROM marketplace_account");
  g_assert_cmpstr (kind, ==, "woocommerce");
  g_assert_cmpstr (base, ==, "http://127.0.0.1:9/shop/wp-json/wc/v3");
  g_assert_nonnull (td_marketplaces_preferences_get_account_row (page, id));
  g_assert_cmpstr (gtk_editable_get_text (child (page, "name_row")), ==, "");

  /* The secret is in the fallback file, and nowhere in the database (nor its WAL). */
  secrets_path = td_secrets_get_fallback_path (td_context_get_secrets (f->context));
  g_assert_true (td_secrets_is_fallback (td_context_get_secrets (f->context)));
  g_assert_true (file_contains (secrets_path, "cs_hush_77d1a4"));
  g_assert_true (file_contains (secrets_path, "ck_0f3e9b2"));
  g_assert_false (file_contains (f->path, "cs_hush_77d1a4"));
  g_assert_false (file_contains (wal, "cs_hush_77d1a4"));
  g_assert_false (file_contains (f->path, "ck_0f3e9b2"));
  g_assert_false (file_contains (wal, "ck_0f3e9b2"));

  /* eBay's form, to look at. */
  adw_combo_row_set_selected (child (page, "kind_row"), 0);
  g_assert_true (gtk_widget_get_visible (child (page, "client_id_row")));
  g_assert_true (gtk_widget_get_visible (child (page, "fulfillment_policy_row")));
  g_assert_false (gtk_widget_get_visible (child (page, "consumer_key_row")));
  td_test_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "sync-preferences");
}

static void
test_cashier (Fixture       *f,
              gconstpointer  data)
{
  TdMarketplacesPreferences *page;

  g_assert_true (td_context_set_staff (f->context, f->cashier, NULL));
  page = open_preferences (f);
  g_assert_true (gtk_widget_get_visible (child (page, "locked_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "add_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "accounts_group")));
  g_assert_false (gtk_widget_get_visible (child (page, "secrets_group")));
  /* Even a click that got through is refused. */
  click (child (page, "add_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM marketplace_account"), ==, 0);
  td_test_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))),
                      "sync-preferences-cashier");
}

static gint64
add_account (Fixture    *f,
             const char *kind,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = td_store_marketplaces_add (f->db, kind, name, "http://127.0.0.1:9/api", FALSE,
                                         "{}", f->owner, g_get_real_time (), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TdOnlineOrder) order = td_online_order_new ("WC-4471");
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sku = NULL;
  TdOrderImport result = TD_ORDER_SKIPPED;
  GtkWidget *window, *page, *button;
  GtkStack *stack;
  gint64 account;

  /* No account yet: the section says what it will hold and where to connect one. */
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  page = g_object_new (TD_TYPE_SYNC_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (window), page);
  td_sync_page_set_context (TD_SYNC_PAGE (page), f->context);
  gtk_window_present (GTK_WINDOW (window));
  stack = GTK_STACK (find_type (page, GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  td_test_screenshot (GTK_WIDGET (window), "sync-page-empty");

  account = add_account (f, TD_MARKETPLACE_WOOCOMMERCE, "Web shop");
  sku = query_text (f, "SELECT sku FROM item WHERE status = 'sold' AND sku IS NOT NULL "
                       "ORDER BY id LIMIT 1");
  order->paid = TRUE;
  order->created_at = order->modified_at = g_get_real_time ();
  order->total = 1200;
  order->currency = g_strdup ("USD");
  order->buyer = g_strdup ("J. Doe");
  td_online_order_add_line (order, sku, NULL, 1, 1200);
  g_assert_true (td_store_sync_import_order (f->db, account, order, g_get_real_time (), &result,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, TD_ORDER_CONFLICT);

  td_sync_page_refresh (TD_SYNC_PAGE (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "sync");

  open = td_store_sync_list_conflicts (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_nonnull (find_subtitle (page, "WC-4471"));
  g_assert_nonnull (find_subtitle (page, "cancel and refund the order on Web shop"));
  button = td_sync_page_get_conflict_button (TD_SYNC_PAGE (page),
                                             ((TdSyncConflict *) open->pdata[0])->id);
  g_assert_nonnull (button);
  td_test_screenshot (GTK_WIDGET (window), "sync-page-conflict");

  click (button);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = td_store_sync_list_conflicts (f->db, FALSE, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_assert_null (find_subtitle (page, "WC-4471"));
}

static void
finish_first (Fixture         *f,
              gint64           account,
              TdSyncStatus     status,
              const char      *state,
              const char      *message)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  TdSyncJob *job;

  jobs = td_store_sync_claim (f->db, account, TD_SYNC_OP_PUBLISH, 10, g_get_real_time (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  job = jobs->pdata[0];
  outcome = td_sync_outcome_new (job->item_id, status);
  outcome->listing_state = g_strdup (state);
  outcome->remote_id = status == TD_SYNC_DONE ? g_strdup ("8812") : NULL;
  outcome->message = g_strdup (message);
  g_assert_true (td_store_sync_finish (f->db, job->id, outcome, g_get_real_time (), &error));
  g_assert_no_error (error);
}

static void
test_badges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *page, *badge;
  GtkWindow *editor;
  gint64 woo, shopify, item, other;
  g_autofree char *woo_badge = NULL;
  g_autofree char *shopify_badge = NULL;
  g_autofree char *publish = NULL;

  woo = add_account (f, TD_MARKETPLACE_WOOCOMMERCE, "Web shop");
  shopify = add_account (f, TD_MARKETPLACE_SHOPIFY, "Shopify");
  item = query_int (f, "SELECT id FROM item WHERE status = 'available' ORDER BY id LIMIT 1");
  other = query_int (f, "SELECT id FROM item WHERE status = 'available' ORDER BY id LIMIT 1 OFFSET 1");

  /* Live on the web shop; refused by Shopify, in Shopify's words. */
  g_assert_true (td_store_sync_request_publish (f->db, item, woo, f->owner, g_get_real_time (),
                                                &error));
  g_assert_true (td_store_sync_request_publish (f->db, item, shopify, f->owner,
                                                g_get_real_time (), &error));
  g_assert_no_error (error);
  finish_first (f, woo, TD_SYNC_DONE, TD_LISTING_LIVE, NULL);
  finish_first (f, shopify, TD_SYNC_FAILED, NULL, "Title can’t be longer than 255 characters");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  page = g_object_new (TD_TYPE_INVENTORY_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  td_inventory_page_set_context (TD_INVENTORY_PAGE (page), f->context);
  gtk_window_present (GTK_WINDOW (window));

  editor = td_inventory_page_edit_item (TD_INVENTORY_PAGE (page), item);
  g_assert_nonnull (editor);
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "online-group"));
  woo_badge = g_strdup_printf ("listing-badge-%" G_GINT64_FORMAT, woo);
  shopify_badge = g_strdup_printf ("listing-badge-%" G_GINT64_FORMAT, shopify);
  badge = find_named (GTK_WIDGET (editor), woo_badge);
  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Live");
  g_assert_true (gtk_widget_has_css_class (badge, "td-badge-live"));
  badge = find_named (GTK_WIDGET (editor), shopify_badge);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Error");
  g_assert_true (gtk_widget_has_css_class (badge, "td-badge-error"));
  g_assert_nonnull (find_subtitle (GTK_WIDGET (editor), "Title can’t be longer than 255"));
  td_test_screenshot (GTK_WIDGET (editor), "sync-item-badges");
  gtk_window_destroy (editor);

  /* Publish from the editor: a queued listing and a pending publish job, at once. */
  editor = td_inventory_page_edit_item (TD_INVENTORY_PAGE (page), other);
  publish = g_strdup_printf ("publish-%" G_GINT64_FORMAT, woo);
  click (find_named (GTK_WIDGET (editor), publish));
  {
    g_autofree char *sql_listing = g_strdup_printf (
      "SELECT count(*) FROM listing WHERE item_id = %" G_GINT64_FORMAT " AND account_id = %"
      G_GINT64_FORMAT " AND state = 'queued'", other, woo);
    g_autofree char *sql_job = g_strdup_printf (
      "SELECT count(*) FROM sync_job WHERE item_id = %" G_GINT64_FORMAT " AND account_id = %"
      G_GINT64_FORMAT " AND op = 'publish' AND state = 'pending'", other, woo);

    g_assert_cmpint (query_int (f, sql_listing), ==, 1);
    g_assert_cmpint (query_int (f, sql_job), ==, 1);
  }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (editor), woo_badge))),
                   ==, "Queued");
  gtk_window_destroy (editor);
}

/* ---- OAuth: eBay's Connect, against a token endpoint on 127.0.0.1 ----------------------- */

typedef struct
{
  guint  requests;
  char  *body;
  char  *authorization;
} TokenServer;

static void
token_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  TokenServer *t = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *answer = "{\"access_token\":\"v^1.1#i^1#access-9c1\",\"expires_in\":7200,"
                       "\"refresh_token\":\"v^1.1#r^1#refresh-44b\","
                       "\"refresh_token_expires_in\":47304000,\"token_type\":\"User Access Token\"}";

  t->requests++;
  g_free (t->body);
  t->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_free (t->authorization);
  t->authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization"));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, answer,
                                    strlen (answer));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  TdMarketplacesPreferences *page = open_preferences (f);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *token_url = NULL;
  g_autofree char *settings = NULL;
  TokenServer t = { 0 };
  AdwMessageDialog *dialog;
  GSList *uris;
  const char *secrets_path;
  gint64 id;

  soup_server_add_handler (server, "/identity/v1/oauth2/token", token_cb, &t, NULL);
  g_assert_true (soup_server_listen (server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  token_url = g_strdup_printf ("http://127.0.0.1:%d/identity/v1/oauth2/token",
                               g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  adw_combo_row_set_selected (child (page, "kind_row"), 0);   /* eBay */
  gtk_switch_set_active (child (page, "sandbox_switch"), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (child (page, "authorize_url_row")), ==,
                   "https://auth.sandbox.ebay.com/oauth2/authorize");
  type_into (child (page, "name_row"), "eBay (sandbox)");
  type_into (child (page, "client_id_row"), "ShopApp-SBX-1a2b");
  type_into (child (page, "client_secret_row"), "SBX-cert-5e6f");
  type_into (child (page, "redirect_row"), "Shop_App-ShopApp-SBX-abcdef");
  type_into (child (page, "category_row"), "Dresses");
  click (child (page, "add_button"));
  g_assert_true (gtk_widget_has_css_class (child (page, "category_row"), "error"));
  type_into (child (page, "category_row"), "63861");
  type_into (child (page, "token_url_row"), token_url);
  click (child (page, "add_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM marketplace_account WHERE kind = 'ebay' "
                                 "AND sandbox = 1"), ==, 1);
  id = query_int (f, "SELECT id FROM marketplace_account");
  settings = query_text (f, "SELECT settings FROM marketplace_account");
  g_assert_nonnull (strstr (settings, "\"default_category_id\":\"63861\""));
  g_assert_null (strstr (settings, "SBX-cert-5e6f"));

  /* Adding an eBay account goes straight on to connecting it. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* A code from another sign-in attempt is refused at the field. */
  type_into (find_named (GTK_WIDGET (dialog), "code-entry"),
             "https://signin.example/accepted?state=not-ours&code=v%5E1.1");
  click (find_named (GTK_WIDGET (dialog), "connect-button"));
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (dialog), "code-entry"),
                                           "error"));
  g_assert_cmpuint (t.requests, ==, 0);
  td_test_screenshot (GTK_WIDGET (dialog), "sync-connect-ebay");

  type_into (find_named (GTK_WIDGET (dialog), "code-entry"), "v^1.1#i^1#code-77");
  click (find_named (GTK_WIDGET (dialog), "connect-button"));
  WAIT_FOR (find_message_dialog () == NULL);
  g_assert_cmpuint (t.requests, ==, 1);
  g_assert_nonnull (strstr (t.body, "grant_type=authorization_code"));
  g_assert_nonnull (strstr (t.body, "redirect_uri=Shop_App-ShopApp-SBX-abcdef"));
  g_assert_true (g_str_has_prefix (t.authorization, "Basic "));

  secrets_path = td_secrets_get_fallback_path (td_context_get_secrets (f->context));
  g_assert_true (file_contains (secrets_path, "refresh-44b"));
  g_assert_true (file_contains (secrets_path, "SBX-cert-5e6f"));
  g_assert_false (file_contains (f->path, "refresh-44b"));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (
                   ADW_ACTION_ROW (td_marketplaces_preferences_get_account_row (page, id))),
                 "· connected"));
  g_free (t.body);
  g_free (t.authorization);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  TdDemoOptions options;
  int result;

  /* No keyring in the tests: secrets go to the fallback file beside the shop. */
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* The window's class registers the UI resources the pages' templates live in. */
  g_type_class_unref (g_type_class_ref (TD_TYPE_WINDOW));
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PATH "/icons");
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 80;
  options.consignors = 4;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/td/ui/sync/add-account", Fixture, NULL, fixture_set_up, test_add_account,
              fixture_tear_down);
  g_test_add ("/td/ui/sync/connect", Fixture, NULL, fixture_set_up, test_connect,
              fixture_tear_down);
  g_test_add ("/td/ui/sync/cashier", Fixture, NULL, fixture_set_up, test_cashier,
              fixture_tear_down);
  g_test_add ("/td/ui/sync/conflict", Fixture, NULL, fixture_set_up, test_conflict,
              fixture_tear_down);
  g_test_add ("/td/ui/sync/badges", Fixture, NULL, fixture_set_up, test_badges,
              fixture_tear_down);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}

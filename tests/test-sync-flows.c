/* test-sync-flows.c — marketplace sync as staff live it: the running application under Xvfb
 * (td_test_run_app), a real demo shop file, the real sync engine and WooCommerce class talking
 * to the stateful WooCommerce fake on 127.0.0.1 (tests/net/td-fake-woocommerce.c):
 *   - the inventory list's listing badges: an item live on one account and refused by another
 *     shows both, the refusal in the marketplace's own words in the tooltip, and a badge
 *     follows its listing when it changes;
 *   - Disconnect in Preferences › Marketplaces: keys gone from the secrets file (and never in
 *     the database), the account gone from the list, its queued jobs set aside and never sent;
 *   - Etsy's PKCE connect by pasting the code back, against a token endpoint on loopback: the
 *     code_verifier sent matches the S256 code_challenge of the sign-in page's address;
 *   - the Sync page's offline banner when the marketplace stops answering, gone when it is back;
 *   - a counter sale on the Sell page wakes the engine: the withdrawal reaches the fake at once.
 * Screenshots: <build>/tests/screenshots/sync-flows-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "net/td-fake-woocommerce.h"
#include "td-context-sync.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-inventory-page.h"
#include "td-inventory-slots.h"
#include "td-marketplaces-preferences.h"
#include "td-preferences-window.h"
#include "td-secrets.h"
#include "td-sell-page-private.h"
#include "td-store-marketplaces.h"
#include "td-store-sync.h"
#include "td-sync-page.h"
#include "td-test-ui.h"

#define WAIT_MS    10000
#define WATCHDOG_S 50
#define WOO_KEY    "ck_flows_51c0"
#define WOO_SECRET "cs_flows_hush_9e2a"
/* WooCommerce's own answer to a product it refuses */
#define WOO_REFUSAL "{\"code\": \"woocommerce_rest_invalid_product_title\", \"message\": " \
                    "\"Product title is too long for this shop.\", \"data\": {\"status\": 400}}"

static char *template_shop;

typedef struct
{
  char              *dir;
  char              *path;
  gint64             owner;
  TdFakeServer      *server;     /* "Web shop" */
  TdFakeWoocommerce *woo;
  TdFakeServer      *server2;    /* "Outlet" (badges only) */
  TdFakeWoocommerce *woo2;
  gint64             account;
  gint64             account2;
  /* Etsy's token endpoint */
  SoupServer        *token_server;
  char              *token_url;
  char              *token_body;
  guint              token_requests;
} Flow;

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

#define WAIT_FOR_MS(expr, ms)                                                       \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out waiting for: %s", #expr);                             \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END
#define WAIT_FOR(expr) WAIT_FOR_MS (expr, WAIT_MS)

static void
settle (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

/* ---- Finding things ---------------------------------------------------------------------- */

static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *name,       /* widget name, or NULL */
             const char *id,         /* .ui id, or NULL */
             const char *label)      /* button label, or NULL */
{
  GtkWidget *found = NULL;

  if ((name != NULL && g_strcmp0 (gtk_widget_get_name (widget), name) == 0) ||
      (id != NULL && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0) ||
      (label != NULL && GTK_IS_BUTTON (widget) &&
       g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && found == NULL;
       c = gtk_widget_get_next_sibling (c))
    found = find_widget (c, name, id, label);
  return found;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  GtkWidget *found = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && found == NULL;
       c = gtk_widget_get_next_sibling (c))
    found = find_type (c, type);
  return found;
}

static GtkWindow *
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
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

static gint64
query_int (TdContext  *context,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (td_context_get_database (context)),
                                       sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
listing_state (TdContext *context,
               gint64     item,
               gint64     account)
{
  g_autoptr(GPtrArray) listings = td_store_sync_item_listings (td_context_get_database (context),
                                                               item, NULL);

  for (guint i = 0; listings != NULL && i < listings->len; i++)
    if (((TdListingStatus *) listings->pdata[i])->account_id == account)
      return g_strdup (((TdListingStatus *) listings->pdata[i])->state);
  return NULL;
}

static gboolean
state_is (TdContext  *context,
          gint64      item,
          gint64      account,
          const char *state)
{
  g_autofree char *now = listing_state (context, item, account);

  return g_strcmp0 (now, state) == 0;
}

static gboolean
woo_is_live (TdFakeWoocommerce *woo,
             const char        *sku)
{
  const TdFakeWooProduct *product = td_fake_woocommerce_find_sku (woo, sku);

  return product != NULL && g_strcmp0 (product->status, "publish") == 0 &&
         (!product->manage_stock || product->stock_quantity > 0);
}

/* ---- The shop ---------------------------------------------------------------------------- */

/* A WooCommerce account on @server, its keys in the shop's secrets (as Preferences keeps them). */
static gint64
seed_woo_account (Flow         *f,
                  const char   *name,
                  TdFakeServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  g_autoptr(TdContext) context = NULL;
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autofree char *secret_name = NULL;
  gint64 id;

  g_assert_no_error (error);
  context = td_context_new (db);
  if (f->owner == 0)
    f->owner = query_int (context, "SELECT id FROM staff WHERE role = 'owner' ORDER BY id LIMIT 1");
  id = td_store_marketplaces_add (db, TD_MARKETPLACE_WOOCOMMERCE, name,
                                  td_fake_server_get_url (server), FALSE,
                                  "{\"requests_per_second\": 20}", f->owner, g_get_real_time (),
                                  &error);
  g_assert_no_error (error);
  account = td_store_marketplaces_get (db, id, &error);
  g_assert_no_error (error);
  secret_name = td_store_marketplaces_secret_name (account);
  g_assert_true (td_secrets_store (td_context_get_secrets (context), secret_name, name,
                                   "{\"consumer_key\": \"" WOO_KEY "\", "
                                   "\"consumer_secret\": \"" WOO_SECRET "\"}", &error));
  g_assert_no_error (error);
  return id;
}

static void
flow_set_up (Flow          *f,
             gconstpointer  data)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_shop);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  to = g_file_new_for_path (f->path);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->server = td_fake_server_new ();
  f->woo = td_fake_woocommerce_new (f->server, WOO_KEY, WOO_SECRET);
  f->account = seed_woo_account (f, "Web shop", f->server);
}

static void
flow_tear_down (Flow          *f,
                gconstpointer  data)
{
  g_clear_pointer (&f->woo, td_fake_woocommerce_free);
  g_clear_pointer (&f->server, td_fake_server_free);
  g_clear_pointer (&f->woo2, td_fake_woocommerce_free);
  g_clear_pointer (&f->server2, td_fake_server_free);
  g_clear_object (&f->token_server);
  g_free (f->token_url);
  g_free (f->token_body);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The main window, signed in as the owner, showing @section. */
static TdWindow *
open_window (GtkApplication *app,
             const char     *section)
{
  TdWindow *window = NULL;

  WAIT_FOR ((window = TD_WINDOW (find_toplevel (TD_TYPE_WINDOW))) != NULL);
  td_test_sign_in_owner (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", section);
  td_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static gpointer
window_child (TdWindow   *window,
              const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW, id);

  g_assert_nonnull (child);
  return child;
}

static TdMarketplacesPreferences *
open_preferences (TdWindow *window)
{
  TdPreferencesWindow *prefs = td_preferences_window_new (td_window_get_context (window));
  TdMarketplacesPreferences *page;

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 720, 1000);
  gtk_window_present (GTK_WINDOW (prefs));
  td_test_wait_frames (GTK_WIDGET (prefs), 2);
  page = TD_MARKETPLACES_PREFERENCES (find_type (GTK_WIDGET (prefs),
                                                 TD_TYPE_MARKETPLACES_PREFERENCES));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (page));
  return page;
}

static gpointer
prefs_child (TdMarketplacesPreferences *page,
             const char                *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page),
                                                   TD_TYPE_MARKETPLACES_PREFERENCES, id);

  g_assert_nonnull (object);
  return object;
}

static void
run (Flow          *f,
     TdTestAppFunc  scenario)
{
  td_test_run_app (f->path, scenario, f, WATCHDOG_S);
}

/* ---- The inventory list's badges ---------------------------------------------------------- */

/* The row's item in the inventory list (NULL while it loads). */
static TdItem *
row_item (GtkColumnView *view,
          guint          position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(TdInventorySlot) slot = NULL;

  if (position >= g_list_model_get_n_items (model))
    return NULL;
  slot = g_list_model_get_item (model, position);
  return td_inventory_slot_get_item (slot);
}

static GtkWidget *
badge (GtkWidget *view,
       gint64     account)
{
  g_autofree char *name = g_strdup_printf ("list-badge-%" G_GINT64_FORMAT, account);
  GtkWidget *widget = find_widget (view, name, NULL, NULL);

  return widget != NULL && gtk_widget_get_visible (widget) ? widget : NULL;
}

static gboolean
badge_has (GtkWidget  *view,
           gint64      account,
           const char *css_class)
{
  GtkWidget *widget = badge (view, account);

  return widget != NULL && gtk_widget_has_css_class (widget, css_class);
}

static void
request_publish (TdContext *context,
                 Flow      *f,
                 gint64     item,
                 gint64     account)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_store_sync_request_publish (td_context_get_database (context), item, account,
                                                f->owner, g_get_real_time (), &error));
  g_assert_no_error (error);
}

static void
badges_scenario (GtkApplication *app,
                 gpointer        data)
{
  Flow *f = data;
  TdWindow *window = open_window (app, "inventory");
  TdContext *context = td_window_get_context (window);
  GtkWidget *page = window_child (window, "inventory_view");
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (page,
                                                                        TD_TYPE_INVENTORY_PAGE,
                                                                        "column_view"));
  GtkWidget *woo, *outlet;
  gint64 item, second;
  g_autofree char *sku = NULL;
  const char *tooltip;

  WAIT_FOR (row_item (view, 0) != NULL && row_item (view, 1) != NULL);
  item = td_item_get_id (row_item (view, 0));
  second = td_item_get_id (row_item (view, 1));
  sku = g_strdup (td_item_get_sku (row_item (view, 0)));
  g_assert_null (badge (GTK_WIDGET (view), f->account));

  /* Published on both accounts: the web shop takes it, the outlet refuses it in its words. */
  td_fake_server_add_fault (f->server2, "/products", TD_FAKE_FAULT_STATUS, 400, 0, WOO_REFUSAL,
                            0, 10);
  request_publish (context, f, item, f->account);
  request_publish (context, f, item, f->account2);
  request_publish (context, f, second, f->account);
  td_context_kick_sync (context);
  WAIT_FOR (state_is (context, item, f->account, TD_LISTING_LIVE) &&
            state_is (context, item, f->account2, TD_LISTING_ERROR) &&
            state_is (context, second, f->account, TD_LISTING_LIVE));
  g_assert_true (woo_is_live (f->woo, sku));
  /* The list follows by itself (the engine's "changed"): no reload, no search. */
  WAIT_FOR (badge_has (GTK_WIDGET (view), f->account2, "td-badge-error"));
  td_test_screenshot (GTK_WIDGET (window), "sync-flows-inventory-badges");

  /* The item alone in the list: both badges, the refusal in the tooltip. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, TD_TYPE_INVENTORY_PAGE,
                                                                      "search_entry")), sku);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) == 1 &&
            row_item (view, 0) != NULL && td_item_get_id (row_item (view, 0)) == item &&
            badge (GTK_WIDGET (view), f->account) != NULL);
  td_test_wait_frames (GTK_WIDGET (window), 1);
  woo = badge (GTK_WIDGET (view), f->account);
  outlet = badge (GTK_WIDGET (view), f->account2);
  g_assert_nonnull (outlet);
  /* two WooCommerce accounts: the badges say which by name */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (woo)), ==, "Web shop");
  g_assert_true (gtk_widget_has_css_class (woo, "td-badge-live"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (woo), ==, "Web shop: Live");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (outlet)), ==, "Outlet");
  g_assert_true (gtk_widget_has_css_class (outlet, "td-badge-error"));
  tooltip = gtk_widget_get_tooltip_text (outlet);
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Outlet: Error."));
  g_assert_nonnull (strstr (tooltip, "Product title is too long for this shop."));
  g_assert_true (gtk_widget_get_mapped (woo));
  td_test_screenshot (GTK_WIDGET (window), "sync-flows-inventory-badges-one");

  /* Taken down from the item editor's group (the store call it makes): the badge follows. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (td_store_sync_request_withdraw (td_context_get_database (context), item,
                                                   f->account, f->owner, g_get_real_time (),
                                                   &error));
    g_assert_no_error (error);
  }
  td_context_kick_sync (context);
  WAIT_FOR (!woo_is_live (f->woo, sku));
  WAIT_FOR (badge_has (GTK_WIDGET (view), f->account, "td-badge-ended"));
  g_assert_true (badge_has (GTK_WIDGET (view), f->account2, "td-badge-error"));
}

static void
test_badges (Flow          *f,
             gconstpointer  data)
{
  f->server2 = td_fake_server_new ();
  f->woo2 = td_fake_woocommerce_new (f->server2, WOO_KEY, WOO_SECRET);
  f->account2 = seed_woo_account (f, "Outlet", f->server2);
  run (f, badges_scenario);
}

/* ---- Disconnect ------------------------------------------------------------------------- */

static void
disconnect_scenario (GtkApplication *app,
                     gpointer        data)
{
  Flow *f = data;
  TdWindow *window = open_window (app, "marketplaces");
  TdContext *context = td_window_get_context (window);
  TdSecrets *secrets = td_context_get_secrets (context);
  TdMarketplacesPreferences *page = open_preferences (window);
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autofree char *secret_name = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *sql = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  gint64 item;

  account = td_store_marketplaces_get (td_context_get_database (context), f->account, NULL);
  secret_name = td_store_marketplaces_secret_name (account);
  stored = td_secrets_lookup (secrets, secret_name, NULL);
  g_assert_nonnull (strstr (stored, WOO_SECRET));

  /* A change waiting for its turn (as after a failed try), and the account is connected. */
  item = query_int (context, "SELECT id FROM item WHERE status = 'available' ORDER BY id LIMIT 1");
  request_publish (context, f, item, f->account);
  sql = g_strdup_printf ("UPDATE sync_job SET next_at = next_at + 3600000000 "
                         "WHERE item_id = %" G_GINT64_FORMAT, item);
  g_assert_cmpint (sqlite3_exec (td_database_get_handle (td_context_get_database (context)), sql,
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  row = td_marketplaces_preferences_get_account_row (page, f->account);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "· connected"));

  td_test_click (find_widget (row, NULL, NULL, "_Disconnect…"));
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  td_test_screenshot (GTK_WIDGET (dialog), "sync-flows-disconnect");
  adw_message_dialog_response (dialog, "disconnect");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Listed as disconnected (nothing more to press), inactive, its job set aside in words. */
  row = td_marketplaces_preferences_get_account_row (page, f->account);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "WooCommerce · Production · disconnected");
  g_assert_null (find_widget (row, NULL, NULL, "_Disconnect…"));
  td_test_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_WINDOW),
                      "sync-flows-disconnected");
  g_assert_cmpint (query_int (context, "SELECT active FROM marketplace_account"), ==, 0);
  g_assert_cmpint (query_int (context, "SELECT count(*) FROM sync_job WHERE state = 'failed' "
                                       "AND last_error = 'Account disconnected'"), ==, 1);
  g_assert_cmpint (query_int (context, "SELECT count(*) FROM sync_job "
                                       "WHERE state IN ('pending', 'running')"), ==, 0);
  /* The keys are gone from the secrets file, and were never in the database. */
  g_clear_pointer (&stored, g_free);
  stored = td_secrets_lookup (secrets, secret_name, NULL);
  g_assert_null (stored);
  g_assert_false (file_contains (td_secrets_get_fallback_path (secrets), WOO_SECRET));
  g_assert_false (file_contains (td_secrets_get_fallback_path (secrets), WOO_KEY));
  g_assert_false (file_contains (f->path, WOO_SECRET));
  g_assert_false (file_contains (wal, WOO_SECRET));

  /* Its jobs pause: woken, the engine sends nothing more to that marketplace. */
  td_fake_server_clear_log (f->server);
  td_context_kick_sync (context);
  settle (1500);
  g_assert_cmpuint (td_fake_server_count (f->server, "", "/"), ==, 0);

}

static void
test_disconnect (Flow          *f,
                 gconstpointer  data)
{
  run (f, disconnect_scenario);
}

/* ---- Etsy: OAuth 2.0 with PKCE, pasting the code back ---------------------------------- */

static void
token_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Flow *f = user_data;
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *answer = "{\"access_token\": \"4242.etsy-access-1a\", \"token_type\": \"Bearer\", "
                       "\"expires_in\": 3600, \"refresh_token\": \"4242.etsy-refresh-5b\"}";

  f->token_requests++;
  g_free (f->token_body);
  f->token_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, answer,
                                    strlen (answer));
}

static void
start_token_server (Flow *f)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->token_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->token_server, "/v3/public/oauth/token", token_cb, f, NULL);
  g_assert_true (soup_server_listen (f->token_server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->token_server);
  f->token_url = g_strdup_printf ("http://127.0.0.1:%d/v3/public/oauth/token",
                                  g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

/* RFC 7636: BASE64URL (SHA256 (verifier)), no padding. */
static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autofree char *base64 = NULL;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  base64 = g_base64_encode (digest, length);
  g_strdelimit (base64, "+", '-');
  g_strdelimit (base64, "/", '_');
  g_strdelimit (base64, "=", '\0');
  return g_strdup (base64);
}

static void
etsy_scenario (GtkApplication *app,
               gpointer        data)
{
  Flow *f = data;
  TdWindow *window = open_window (app, "marketplaces");
  TdContext *context = td_window_get_context (window);
  TdMarketplacesPreferences *page = open_preferences (window);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *challenge = NULL;
  AdwMessageDialog *dialog;
  const char *link, *secrets_path;
  gint64 id;

  adw_combo_row_set_selected (prefs_child (page, "kind_row"), 2);   /* Etsy */
  gtk_editable_set_text (prefs_child (page, "name_row"), "Etsy vintage");
  gtk_editable_set_text (prefs_child (page, "client_id_row"), "etsykeystring7f");
  gtk_editable_set_text (prefs_child (page, "client_secret_row"), "etsy-shared-3d9");
  gtk_editable_set_text (prefs_child (page, "redirect_row"), "https://shop.example/etsy-back");
  gtk_editable_set_text (prefs_child (page, "etsy_shop_row"), "4242");
  gtk_editable_set_text (prefs_child (page, "token_url_row"), f->token_url);
  td_test_click (prefs_child (page, "add_button"));
  id = query_int (context, "SELECT max(id) FROM marketplace_account WHERE kind = 'etsy'");
  g_assert_cmpint (id, >, 0);

  /* Adding goes straight on to connecting. The sign-in page asks for S256. */
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  link = gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (dialog), "connect-link", NULL,
                                                     NULL)));
  uri = g_uri_parse (link, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "www.etsy.com");
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  g_assert_cmpstr (g_hash_table_lookup (params, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "etsykeystring7f");
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==,
                   "https://shop.example/etsy-back");
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  g_assert_nonnull (g_hash_table_lookup (params, "code_challenge"));
  g_assert_nonnull (g_hash_table_lookup (params, "state"));
  td_test_screenshot (GTK_WIDGET (dialog), "sync-flows-connect-etsy");

  /* What the browser ended on, pasted back whole. */
  pasted = g_strdup_printf ("https://shop.example/etsy-back?code=etsy-code-e1&state=%s",
                            (const char *) g_hash_table_lookup (params, "state"));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), "code-entry", NULL,
                                                    NULL)), pasted);
  td_test_click (find_widget (GTK_WIDGET (dialog), "connect-button", NULL, NULL));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  /* One token request: the code, and the verifier whose S256 is the page's challenge. */
  g_assert_cmpuint (f->token_requests, ==, 1);
  form = soup_form_decode (f->token_body);
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "authorization_code");
  g_assert_cmpstr (g_hash_table_lookup (form, "code"), ==, "etsy-code-e1");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "etsykeystring7f");
  g_assert_cmpstr (g_hash_table_lookup (form, "redirect_uri"), ==,
                   "https://shop.example/etsy-back");
  g_assert_nonnull (g_hash_table_lookup (form, "code_verifier"));
  challenge = s256 (g_hash_table_lookup (form, "code_verifier"));
  g_assert_cmpstr (challenge, ==, g_hash_table_lookup (params, "code_challenge"));

  /* Connected; the tokens in the secrets file, never in the database. */
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (
                   ADW_ACTION_ROW (td_marketplaces_preferences_get_account_row (page, id))),
                 "· connected"));
  secrets_path = td_secrets_get_fallback_path (td_context_get_secrets (context));
  g_assert_true (file_contains (secrets_path, "4242.etsy-refresh-5b"));
  g_assert_false (file_contains (f->path, "4242.etsy-refresh-5b"));
  g_assert_false (file_contains (f->path, "etsy-shared-3d9"));
}

static void
test_etsy_connect (Flow          *f,
                   gconstpointer  data)
{
  start_token_server (f);
  run (f, etsy_scenario);
}

/* ---- The offline banner ----------------------------------------------------------------- */

static void
offline_scenario (GtkApplication *app,
                  gpointer        data)
{
  Flow *f = data;
  TdWindow *window = open_window (app, "marketplaces");
  TdSyncEngine *engine = td_context_get_sync_engine (td_window_get_context (window));
  GtkWidget *sync_page = window_child (window, "sync_page");
  GtkRevealer *banner = GTK_REVEALER (gtk_widget_get_template_child (sync_page, TD_TYPE_SYNC_PAGE,
                                                                     "offline_revealer"));
  GtkWidget *sync_now = find_widget (sync_page, NULL, "sync_now_button", NULL);

  g_assert_nonnull (sync_now);
  WAIT_FOR (td_sync_engine_is_online (engine) && td_sync_engine_is_idle (engine));
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* The marketplace stops answering: "Sync Now" finds out, the banner says so. */
  td_fake_server_stop (f->server);
  td_test_click (sync_now);
  WAIT_FOR (gtk_revealer_get_reveal_child (banner));
  g_assert_false (td_sync_engine_is_online (engine));
  WAIT_FOR (gtk_revealer_get_child_revealed (banner));
  td_test_screenshot (GTK_WIDGET (window), "sync-flows-offline");

  /* Back: the next "Sync Now" reaches it, the banner goes. */
  td_fake_server_resume (f->server);
  td_test_click (sync_now);
  WAIT_FOR (!gtk_revealer_get_reveal_child (banner));
  g_assert_true (td_sync_engine_is_online (engine));
}

static void
test_offline (Flow          *f,
              gconstpointer  data)
{
  run (f, offline_scenario);
}

/* ---- A counter sale wakes the engine ----------------------------------------------------- */

static void
answer_till (void)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  entry = find_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "100");
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (50);
}

static void
sale_scenario (GtkApplication *app,
               gpointer        data)
{
  Flow *f = data;
  TdWindow *window = open_window (app, "sell");
  TdContext *context = td_window_get_context (window);
  TdSellPage *page = window_child (window, "sell_page");
  TdCartTotals totals;
  g_autofree char *sku = NULL;
  g_autofree char *cash = NULL;
  GtkWidget *focus, *complete;
  gint64 item, t0;

  /* On the web shop, live. */
  item = query_int (context, "SELECT id FROM item WHERE status = 'available' AND sku IS NOT NULL "
                             "ORDER BY id LIMIT 1");
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (td_context_get_database (context)),
                                         "SELECT sku FROM item WHERE id = ?", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, item);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  request_publish (context, f, item, f->account);
  td_context_kick_sync (context);
  WAIT_FOR (woo_is_live (f->woo, sku) && state_is (context, item, f->account, TD_LISTING_LIVE));

  /* Sold at the counter, cash. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-open", NULL);
  answer_till ();
  gtk_editable_set_text (GTK_EDITABLE (page->scan_entry), sku);
  g_signal_emit_by_name (page->scan_entry, "activate");
  WAIT_FOR (td_cart_get_n_lines (page->cart) == 1);
  td_cart_get_totals (page->cart, &totals);
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.pay", NULL);
  WAIT_FOR (page->tender_dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->tender_dialog)));
  focus = gtk_root_get_focus (GTK_ROOT (page->tender_dialog));
  g_assert_true (GTK_IS_EDITABLE (focus));
  cash = g_strdup_printf ("%lld", (long long) (totals.total / 100 + 1));
  gtk_editable_set_text (GTK_EDITABLE (focus), cash);
  complete = gtk_window_get_default_widget (page->tender_dialog);
  WAIT_FOR (gtk_widget_get_sensitive (complete));
  gtk_widget_activate (complete);
  WAIT_FOR (page->last_sale != NULL);
  t0 = g_get_monotonic_time ();

  /* The sale kicked the engine: the withdrawal reaches the marketplace within seconds. Left to
   * its timer (the engine sleeps up to 30 s between wake-ups) it would not be here by then. */
  WAIT_FOR_MS (!woo_is_live (f->woo, sku), 5000);
  g_test_message ("withdrawal reached the fake %.0f ms after the sale",
                  (g_get_monotonic_time () - t0) / 1000.0);
  WAIT_FOR (state_is (context, item, f->account, TD_LISTING_ENDED));
}

static void
test_sale_kick (Flow          *f,
                gconstpointer  data)
{
  run (f, sale_scenario);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int result;

  /* No keyring in the tests: secrets go to the fallback file beside the shop. */
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 40;
  options.consignors = 3;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/td/ui/sync-flows/list/badges", Flow, NULL, flow_set_up, test_badges,
              flow_tear_down);
  g_test_add ("/td/ui/sync-flows/accounts/disconnect", Flow, NULL, flow_set_up, test_disconnect,
              flow_tear_down);
  g_test_add ("/td/ui/sync-flows/accounts/etsy-connect", Flow, NULL, flow_set_up, test_etsy_connect,
              flow_tear_down);
  g_test_add ("/td/ui/sync-flows/network/offline-banner", Flow, NULL, flow_set_up, test_offline,
              flow_tear_down);
  g_test_add ("/td/ui/sync-flows/network/sale-kick", Flow, NULL, flow_set_up, test_sale_kick,
              flow_tear_down);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}

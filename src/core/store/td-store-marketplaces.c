/* td-store-marketplaces.c — the shop's marketplace accounts: listing, adding, changing and
 * disconnecting them.
 *
 * Every change is checked whole first (kind, name, base URL, settings JSON object) and
 * refused with TD_STOCK_ERROR_INVALID and a plain sentence; accepted changes are written with
 * their audit row in one transaction. Changing accounts needs
 * TD_PERMISSION_MARKETPLACE_ACCOUNTS (td_store_authorize()). Secrets never come here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-permission.h"
#include "td-store-marketplaces.h"
#include "td-store-stock-private.h"

#define ACCOUNT_COLUMNS \
  "SELECT id, kind, name, base_url, sandbox, settings, active, created_at " \
  "FROM marketplace_account "

void
td_marketplace_account_free (TdMarketplaceAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->kind);
  g_free (account->name);
  g_free (account->base_url);
  g_free (account->settings);
  g_free (account);
}

TdMarketplaceAccount *
td_marketplace_account_copy (const TdMarketplaceAccount *account)
{
  TdMarketplaceAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_new0 (TdMarketplaceAccount, 1);
  *copy = *account;
  copy->kind = g_strdup (account->kind);
  copy->name = g_strdup (account->name);
  copy->base_url = g_strdup (account->base_url);
  copy->settings = g_strdup (account->settings);
  return copy;
}

/**
 * td_store_marketplaces_secret_name:
 * @account: an account with its id
 *
 * Returns: (transfer full): "marketplace:<kind>:<id>", the TdSecrets name of its secrets
 */
char *
td_store_marketplaces_secret_name (const TdMarketplaceAccount *account)
{
  g_return_val_if_fail (account != NULL && account->kind != NULL, NULL);

  return g_strdup_printf ("marketplace:%s:%" G_GINT64_FORMAT, account->kind, account->id);
}

/**
 * td_store_marketplaces_default_base_url:
 * @kind: a TD_MARKETPLACE_* kind
 * @sandbox: the marketplace's sandbox rather than production (eBay only has one)
 *
 * Returns: (nullable): the base URL to start from, or %NULL for an unknown kind. Shopify and
 *   WooCommerce live on the shop's own host: "SHOP" stands for it.
 */
const char *
td_store_marketplaces_default_base_url (const char *kind,
                                        gboolean    sandbox)
{
  if (g_strcmp0 (kind, TD_MARKETPLACE_EBAY) == 0)
    return sandbox ? "https://api.sandbox.ebay.com/sell/inventory/v1"
                   : "https://api.ebay.com/sell/inventory/v1";
  if (g_strcmp0 (kind, TD_MARKETPLACE_ETSY) == 0)
    return "https://openapi.etsy.com";
  if (g_strcmp0 (kind, TD_MARKETPLACE_SHOPIFY) == 0)
    return "https://SHOP.myshopify.com/admin/api/2026-10/graphql.json";
  if (g_strcmp0 (kind, TD_MARKETPLACE_WOOCOMMERCE) == 0)
    return "https://SHOP/wp-json/wc/v3";
  return NULL;
}

static TdMarketplaceAccount *
read_account (TdStmt *stmt)
{
  TdMarketplaceAccount *a = g_new0 (TdMarketplaceAccount, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  a->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  a->base_url = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  a->sandbox = sqlite3_column_int (stmt, 4) != 0;
  a->settings = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  a->active = sqlite3_column_int (stmt, 6) != 0;
  a->created_at = sqlite3_column_int64 (stmt, 7);
  return a;
}

/**
 * td_store_marketplaces_list:
 * @include_inactive: add disconnected accounts too
 *
 * Returns: (transfer full) (element-type TdMarketplaceAccount): active first, then by name
 */
GPtrArray *
td_store_marketplaces_list (TdDatabase  *db,
                            gboolean     include_inactive,
                            GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, ACCOUNT_COLUMNS "WHERE active = 1 OR ? "
                                  "ORDER BY active DESC, name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) td_marketplace_account_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, read_account (stmt));
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing marketplace accounts", error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

/**
 * td_store_marketplaces_get:
 * @error: %TD_STOCK_ERROR_NOT_FOUND or a database error
 *
 * Returns: (transfer full): the account, or %NULL
 */
TdMarketplaceAccount *
td_store_marketplaces_get (TdDatabase  *db,
                           gint64       account_id,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, ACCOUNT_COLUMNS "WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_account (stmt);
  if (rc != SQLITE_DONE)
    td_database_set_error (db, rc, "reading a marketplace account", error);
  else
    g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                         _("This marketplace account no longer exists."));
  return NULL;
}

/* Checks what staff typed; one plain sentence for the first problem. */
static gboolean
validate (TdDatabase  *db,
          const char  *kind,
          const char  *name,
          const char  *base_url,
          const char  *settings,
          GError     **error)
{
  g_autofree char *trimmed = td_stock_trim (name);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  gint64 is_object = 0;

  if (td_store_marketplaces_default_base_url (kind, FALSE) == NULL)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                           _("Choose a marketplace: eBay, Etsy, Shopify or WooCommerce."));
      return FALSE;
    }
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                           _("Give the account a name staff will recognise."));
      return FALSE;
    }
  if (base_url != NULL)
    uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                           _("The address must be a web address starting with https:// "
                             "(or http:// for a test server)."));
      return FALSE;
    }

  stmt = td_database_prepare (db, "SELECT CASE WHEN json_valid (?1) "
                                  "THEN json_type (?1) = 'object' ELSE 0 END", error);
  if (stmt == NULL)
    return FALSE;
  td_stock_bind_text (stmt, 1, settings != NULL ? settings : "{}");
  if (!td_stock_query_int64 (db, stmt, &is_object, NULL, error))
    return FALSE;
  if (!is_object)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                           _("The account’s settings are damaged: they must be a JSON object."));
      return FALSE;
    }
  return TRUE;
}

/* Base URLs are stored without a trailing slash. */
static char *
clean_url (const char *url)
{
  char *clean = td_stock_trim (url);
  gsize len = strlen (clean);

  while (len > 0 && clean[len - 1] == '/')
    clean[--len] = '\0';
  return clean;
}

typedef struct
{
  gint64                      id;
  const char                 *kind;
  char                       *name;
  char                       *base_url;
  gboolean                    sandbox;
  const char                 *settings;
  gboolean                    active;
  gint64                      staff_id;
  gint64                      now_us;
} Change;

static gboolean
audit (TdDatabase  *db,
       Change      *c,
       const char  *action,
       GError     **error)
{
  g_autoptr(GString) detail = g_string_new ("{");

  td_stock_json_string (detail, "kind", c->kind);
  td_stock_json_string (detail, "name", c->name);
  td_stock_json_string (detail, "base_url", c->base_url);
  td_stock_json_int (detail, "sandbox", c->sandbox ? 1 : 0);
  td_stock_json_int (detail, "active", c->active ? 1 : 0);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, c->now_us, c->staff_id, action, "marketplace_account", c->id,
                                detail->str, error);
}

static gboolean
add_txn (TdDatabase  *db,
         gpointer     user_data,
         GError     **error)
{
  Change *c = user_data;
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO marketplace_account (kind, name, base_url, sandbox, settings, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  td_stock_bind_text (stmt, 1, c->kind);
  td_stock_bind_text (stmt, 2, c->name);
  td_stock_bind_text (stmt, 3, c->base_url);
  sqlite3_bind_int (stmt, 4, c->sandbox ? 1 : 0);
  td_stock_bind_text (stmt, 5, c->settings);
  sqlite3_bind_int64 (stmt, 6, c->now_us);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  c->id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  return audit (db, c, "marketplace.added", error);
}

/**
 * td_store_marketplaces_add:
 * @staff_id: who; needs %TD_PERMISSION_MARKETPLACE_ACCOUNTS
 * @error: %TD_STOCK_ERROR_INVALID with a plain sentence, a %TD_PERMISSION_ERROR, or a
 *   database error; nothing is written then
 *
 * Returns: the new account's id, 0 on error
 */
gint64
td_store_marketplaces_add (TdDatabase  *db,
                           const char  *kind,
                           const char  *name,
                           const char  *base_url,
                           gboolean     sandbox,
                           const char  *settings,
                           gint64       staff_id,
                           gint64       now_us,
                           GError     **error)
{
  Change c = { 0, kind, td_stock_trim (name), clean_url (base_url), sandbox,
               settings != NULL ? settings : "{}", TRUE, staff_id, now_us };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), 0);

  ok = td_store_authorize (db, staff_id, TD_PERMISSION_MARKETPLACE_ACCOUNTS, NULL, now_us,
                           error) &&
       validate (db, kind, c.name, c.base_url, c.settings, error) &&
       td_database_transaction (db, add_txn, &c, error);
  g_free (c.name);
  g_free (c.base_url);
  return ok ? c.id : 0;
}

static gboolean
update_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Change *c = user_data;
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "UPDATE marketplace_account SET name = ?, base_url = ?, sandbox = ?, settings = ?, "
    "                               active = ? "
    "WHERE id = ? AND kind = ?", error);

  if (stmt == NULL)
    return FALSE;
  td_stock_bind_text (stmt, 1, c->name);
  td_stock_bind_text (stmt, 2, c->base_url);
  sqlite3_bind_int (stmt, 3, c->sandbox ? 1 : 0);
  td_stock_bind_text (stmt, 4, c->settings);
  sqlite3_bind_int (stmt, 5, c->active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, c->id);
  td_stock_bind_text (stmt, 7, c->kind);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This marketplace account no longer exists."));
      return FALSE;
    }
  return audit (db, c, "marketplace.changed", error);
}

/**
 * td_store_marketplaces_update:
 * @account: the account as staff changed it (name, base URL, sandbox, settings, active);
 *   its kind can't change
 * @staff_id: who; needs %TD_PERMISSION_MARKETPLACE_ACCOUNTS
 * @error: as td_store_marketplaces_add(), or %TD_STOCK_ERROR_NOT_FOUND
 */
gboolean
td_store_marketplaces_update (TdDatabase                 *db,
                              const TdMarketplaceAccount *account,
                              gint64                      staff_id,
                              gint64                      now_us,
                              GError                    **error)
{
  Change c;
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  c = (Change) { account->id, account->kind, td_stock_trim (account->name),
                 clean_url (account->base_url), account->sandbox,
                 account->settings != NULL ? account->settings : "{}", account->active,
                 staff_id, now_us };
  ok = td_store_authorize (db, staff_id, TD_PERMISSION_MARKETPLACE_ACCOUNTS, NULL, now_us,
                           error) &&
       validate (db, account->kind, c.name, c.base_url, c.settings, error) &&
       td_database_transaction (db, update_txn, &c, error);
  g_free (c.name);
  g_free (c.base_url);
  return ok;
}

static gboolean
disconnect_txn (TdDatabase  *db,
                gpointer     user_data,
                GError     **error)
{
  Change *c = user_data;
  g_autoptr(TdMarketplaceAccount) account = td_store_marketplaces_get (db, c->id, error);
  g_autoptr(TdStmt) off = NULL;
  g_autoptr(TdStmt) jobs = NULL;

  if (account == NULL)
    return FALSE;
  off = td_database_prepare (db, "UPDATE marketplace_account SET active = 0 WHERE id = ?", error);
  if (off == NULL)
    return FALSE;
  sqlite3_bind_int64 (off, 1, c->id);
  if (!td_database_step_done (db, off, error))
    return FALSE;

  jobs = td_database_prepare (db,
    "UPDATE sync_job SET state = 'failed', last_error = ? "
    "WHERE account_id = ? AND state IN ('pending', 'running')", error);
  if (jobs == NULL)
    return FALSE;
  td_stock_bind_text (jobs, 1, _("Account disconnected"));
  sqlite3_bind_int64 (jobs, 2, c->id);
  if (!td_database_step_done (db, jobs, error))
    return FALSE;

  c->kind = NULL;
  c->name = g_strdup (account->name);
  c->base_url = g_strdup (account->base_url);
  c->sandbox = account->sandbox;
  c->active = FALSE;
  {
    g_autoptr(GString) detail = g_string_new ("{");

    td_stock_json_string (detail, "kind", account->kind);
    td_stock_json_string (detail, "name", account->name);
    g_string_append_c (detail, '}');
    return td_store_audit_append (db, c->now_us, c->staff_id, "marketplace.disconnected",
                                  "marketplace_account", c->id, detail->str, error);
  }
}

/**
 * td_store_marketplaces_disconnect:
 * @staff_id: who; needs %TD_PERMISSION_MARKETPLACE_ACCOUNTS
 *
 * Marks the account inactive (the row stays: sales refer to it) and sets its pending jobs
 * aside as failed ("Account disconnected"), audited, in one transaction. The caller forgets
 * its secrets.
 */
gboolean
td_store_marketplaces_disconnect (TdDatabase  *db,
                                  gint64       account_id,
                                  gint64       staff_id,
                                  gint64       now_us,
                                  GError     **error)
{
  Change c = { account_id, NULL, NULL, NULL, FALSE, NULL, FALSE, staff_id, now_us };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  ok = td_store_authorize (db, staff_id, TD_PERMISSION_MARKETPLACE_ACCOUNTS, NULL, now_us,
                           error) &&
       td_database_transaction (db, disconnect_txn, &c, error);
  g_free (c.name);
  g_free (c.base_url);
  return ok;
}

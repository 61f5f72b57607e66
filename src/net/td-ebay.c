/* td-ebay.c — eBay (Sell Inventory, Media, Fulfillment, Account, Taxonomy APIs): the class,
 * the URL of each API, and signed requests.
 *
 * The account's base_url is the Inventory API's (host and base path); settings.urls
 * {fulfillment, media, account, taxonomy, metadata, identity} override the others, which
 * default to eBay's production hosts (sandbox hosts when the account is a sandbox one).
 *
 * Every request carries `Authorization: Bearer <token>` from TdCredentials, `Accept-Language`
 * and (with a JSON body) `Content-Language` from settings "language" (default en-US), and
 * `X-EBAY-C-MARKETPLACE-ID` from settings "marketplace_id" (default EBAY_US). A 401 is
 * answered once by forgetting the token and sending again; `invalid_grant` on the refresh
 * means the account must be connected again (REAUTH). eBay's 25001 "system error" and 25025
 * "concurrent access" are transient: RETRY.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include <glib/gi18n.h>

#include "td-ebay.h"
#include "td-ebay-private.h"
#include "td-http.h"
#include "td-marketplace-private.h"
#include "td-stock-error.h"

static void td_ebay_marketplace_init (TdMarketplaceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdEbay, td_ebay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_MARKETPLACE,
                                                      td_ebay_marketplace_init))

/* settings.urls member and production / sandbox default of each API. */
static const struct { const char *name; const char *production; const char *sandbox; } apis[] = {
  [TD_EBAY_API_INVENTORY] = { "inventory", "https://api.ebay.com/sell/inventory/v1",
                              "https://api.sandbox.ebay.com/sell/inventory/v1" },
  [TD_EBAY_API_FULFILLMENT] = { "fulfillment", "https://api.ebay.com/sell/fulfillment/v1",
                                "https://api.sandbox.ebay.com/sell/fulfillment/v1" },
  [TD_EBAY_API_MEDIA] = { "media", "https://apim.ebay.com/commerce/media/v1_beta",
                          "https://apim.sandbox.ebay.com/commerce/media/v1_beta" },
  [TD_EBAY_API_ACCOUNT] = { "account", "https://api.ebay.com/sell/account/v1",
                            "https://api.sandbox.ebay.com/sell/account/v1" },
  [TD_EBAY_API_TAXONOMY] = { "taxonomy", "https://api.ebay.com/commerce/taxonomy/v1",
                             "https://api.sandbox.ebay.com/commerce/taxonomy/v1" },
  [TD_EBAY_API_METADATA] = { "metadata", "https://api.ebay.com/sell/metadata/v1",
                             "https://api.sandbox.ebay.com/sell/metadata/v1" },
  [TD_EBAY_API_IDENTITY] = { "identity", "https://api.ebay.com/identity/v1",
                             "https://api.sandbox.ebay.com/identity/v1" },
};

typedef struct
{
  char     *method;
  char     *url;
  JsonNode *body;
  char     *file_path;
  gboolean  refreshed;   /* the token was already renewed once for this request */
} Send;

static void
send_free (Send *send)
{
  g_free (send->method);
  g_free (send->url);
  g_clear_pointer (&send->body, json_node_unref);
  g_free (send->file_path);
  g_free (send);
}

void
td_ebay_answer_free (TdEbayAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->message);
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer);
}

static TdEbayAnswer *
answer_new (TdSyncStatus  status,
            const char   *message)
{
  TdEbayAnswer *answer = g_new0 (TdEbayAnswer, 1);

  answer->status = status;
  answer->message = g_strdup (message);
  return answer;
}

/* Pure helpers */

gboolean
td_ebay_errors_transient (JsonNode *errors)
{
  JsonArray *array;

  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors))
    return FALSE;
  array = json_node_get_array (errors);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      id = json_object_get_int_member_with_default (json_node_get_object (node), "errorId", 0);
      if (id == 25001 || id == 25025)
        return TRUE;
    }
  return FALSE;
}

static char *
errors_message (JsonNode *errors)
{
  JsonObject *first;
  const char *text;

  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors)
      || json_array_get_length (json_node_get_array (errors)) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (errors), 0)))
    return NULL;
  first = json_array_get_object_element (json_node_get_array (errors), 0);
  text = json_object_get_string_member_with_default (first, "longMessage", "");
  if (*text == '\0')
    text = json_object_get_string_member_with_default (first, "message", "");
  return *text != '\0' ? g_strdup (text) : NULL;
}

TdSyncStatus
td_ebay_item_status (JsonObject  *element,
                     char       **message)
{
  gint64 code = json_object_get_int_member_with_default (element, "statusCode", 0);
  JsonNode *errors = json_object_get_member (element, "errors");
  gboolean has_errors = errors != NULL && JSON_NODE_HOLDS_ARRAY (errors)
                        && json_array_get_length (json_node_get_array (errors)) > 0;

  *message = NULL;
  if (code >= 200 && code < 300 && !has_errors)
    return TD_SYNC_DONE;
  *message = errors_message (errors);
  if (*message == NULL)
    *message = g_strdup_printf (_("eBay refused the item (HTTP %d)."), (int) code);
  if (td_ebay_errors_transient (errors) || code >= 500 || code == 429)
    return TD_SYNC_RETRY;
  if (code >= 200 && code < 300)
    {
      /* statusCode 2xx with errors does not happen; warnings come in "warnings". */
      g_clear_pointer (message, g_free);
      return TD_SYNC_DONE;
    }
  return TD_SYNC_FAILED;
}

/* Settings */

const char *
td_ebay_setting (TdEbay     *self,
                 const char *name)
{
  JsonNode *node = json_object_get_member (self->settings, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      return *text != '\0' ? text : NULL;
    }
  /* A number: keep its text on the node so a borrowed string can be returned. */
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    json_node_set_string (node, text);
    return json_node_get_string (node);
  }
}

const char *
td_ebay_category_for (TdEbay     *self,
                      const char *category_path)
{
  JsonNode *map = json_object_get_member (self->settings, "category_map");
  g_autofree char *path = g_strdup (category_path != NULL ? category_path : "");

  if (map != NULL && JSON_NODE_HOLDS_OBJECT (map))
    {
      JsonObject *object = json_node_get_object (map);

      /* "Clothing › Shoes › Boots", then "Clothing › Shoes", then "Clothing". */
      while (*path != '\0')
        {
          JsonNode *node = json_object_get_member (object, path);
          char *cut;

          if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
            {
              if (json_node_get_value_type (node) != G_TYPE_STRING)
                {
                  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                           json_node_get_int (node));
                  json_node_set_string (node, text);
                }
              if (*json_node_get_string (node) != '\0')
                return json_node_get_string (node);
            }
          cut = g_strrstr (path, " › ");
          if (cut == NULL)
            break;
          *cut = '\0';
        }
    }
  return td_ebay_setting (self, "default_category_id");
}

static char *
api_url (const TdMarketplaceAccount *account,
         JsonObject                 *settings,
         TdEbayApi                   api)
{
  JsonNode *urls = json_object_get_member (settings, "urls");
  const char *url = NULL;

  if (api == TD_EBAY_API_INVENTORY && account->base_url != NULL && *account->base_url != '\0')
    url = account->base_url;
  else if (urls != NULL && JSON_NODE_HOLDS_OBJECT (urls))
    url = json_object_get_string_member_with_default (json_node_get_object (urls),
                                                      apis[api].name, NULL);
  if (url == NULL || *url == '\0')
    url = account->sandbox ? apis[api].sandbox : apis[api].production;
  return g_strdup (url);
}

static JsonObject *
parse_settings (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

char *
td_ebay_token_url_for (const TdMarketplaceAccount *account)
{
  g_autoptr(JsonObject) settings = NULL;
  g_autofree char *identity = NULL;

  g_return_val_if_fail (account != NULL, NULL);
  settings = parse_settings (account->settings);
  identity = api_url (account, settings, TD_EBAY_API_IDENTITY);
  return td_http_join_url (identity, "/oauth2/token");
}

/* Sending */

static void send_now (GTask *task);

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdEbay *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  TdEbayAnswer *answer = g_new0 (TdEbayAnswer, 1);

  answer->status = td_http_classify (msg, body, error, &answer->retry_after_s,
                                     &answer->message);
  answer->http_status = error == NULL ? soup_message_get_status (msg) : 0;
  answer->root = td_http_parse_json (body);

  if (answer->http_status == 401 && !send->refreshed)
    {
      /* The token may have been revoked early or the clock is off: renew it once. */
      td_ebay_answer_free (answer);
      send->refreshed = TRUE;
      td_credentials_invalidate_access_token (self->credentials);
      send_now (g_steal_pointer (&task));
      return;
    }
  if (answer->status == TD_SYNC_FAILED && answer->root != NULL
      && JSON_NODE_HOLDS_OBJECT (answer->root)
      && td_ebay_errors_transient (json_object_get_member (json_node_get_object (answer->root),
                                                           "errors")))
    answer->status = TD_SYNC_RETRY;
  g_task_return_pointer (task, answer, (GDestroyNotify) td_ebay_answer_free);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdEbay *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = td_credentials_get_access_token_finish (self->credentials, result,
                                                                    &error);
  g_autofree char *bearer = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;

  if (token == NULL)
    {
      TdSyncStatus status = TD_SYNC_RETRY;

      if (g_error_matches (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_REAUTH)
          || g_error_matches (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_MISSING))
        status = TD_SYNC_REAUTH;
      else if (g_error_matches (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_OFFLINE))
        status = TD_SYNC_OFFLINE;
      g_task_return_pointer (task, answer_new (status, error->message),
                             (GDestroyNotify) td_ebay_answer_free);
      return;
    }

  if (send->file_path != NULL)
    msg = td_http_new_multipart (send->url, "image", send->file_path, NULL, &error);
  else
    msg = td_http_new_json (send->method, send->url, send->body);
  if (msg == NULL)
    {
      if (error == NULL)
        g_set_error (&error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                     _("The eBay address “%s” is not valid."), send->url);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bearer = g_strconcat ("Bearer ", token, NULL);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Accept-Language", self->language);
  soup_message_headers_replace (headers, "X-EBAY-C-MARKETPLACE-ID", self->marketplace_id);
  if (send->body != NULL)
    soup_message_headers_replace (headers, "Content-Language", self->language);

  cancellable = g_task_get_cancellable (task);
  td_http_send_and_read_async (self->session, msg, cancellable, on_sent, g_steal_pointer (&task));
}

static void
send_now (GTask *task)
{
  TdEbay *self = g_task_get_source_object (task);

  td_credentials_get_access_token_async (self->credentials, g_task_get_cancellable (task),
                                         on_token, task);
}

void
td_ebay_send_async (TdEbay              *self,
                    TdEbayApi            api,
                    const char          *method,
                    const char          *path,
                    JsonNode            *body,
                    const char          *file_path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Send *send = g_new0 (Send, 1);

  g_task_set_source_tag (task, td_ebay_send_async);
  send->method = g_strdup (method);
  send->url = td_http_join_url (self->urls[api], path);
  send->body = body;
  send->file_path = g_strdup (file_path);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);
  send_now (task);
}

TdEbayAnswer *
td_ebay_send_finish (TdEbay        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Interface */

static const TdMarketplaceAccount *
td_ebay_get_account (TdMarketplace *marketplace)
{
  return TD_EBAY (marketplace)->account;
}

static guint
td_ebay_batch_limit (TdMarketplace *marketplace,
                     TdSyncOp       op)
{
  return TD_EBAY_BATCH;
}

static double
td_ebay_rate_limit (TdMarketplace *marketplace)
{
  return TD_EBAY_RATE_LIMIT;
}

static void
td_ebay_marketplace_init (TdMarketplaceInterface *iface)
{
  iface->get_account = td_ebay_get_account;
  iface->batch_limit = td_ebay_batch_limit;
  iface->rate_limit = td_ebay_rate_limit;
  iface->run_async = td_ebay_run_async;
  iface->run_finish = td_ebay_run_finish;
  iface->pull_orders_async = td_ebay_pull_orders_async;
  iface->pull_orders_finish = td_ebay_pull_orders_finish;
}

static void
td_ebay_finalize (GObject *object)
{
  TdEbay *self = TD_EBAY (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->account, td_marketplace_account_free);
  g_clear_pointer (&self->settings, json_object_unref);
  for (guint i = 0; i < TD_EBAY_N_APIS; i++)
    g_free (self->urls[i]);
  g_free (self->language);
  g_free (self->marketplace_id);

  G_OBJECT_CLASS (td_ebay_parent_class)->finalize (object);
}

static void
td_ebay_class_init (TdEbayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_ebay_finalize;
}

static void
td_ebay_init (TdEbay *self)
{
}

TdMarketplace *
td_ebay_new (SoupSession                *session,
             const TdMarketplaceAccount *account,
             TdCredentials              *credentials)
{
  TdEbay *self;
  const char *value;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (TD_TYPE_EBAY, NULL);
  self->session = g_object_ref (session);
  self->credentials = g_object_ref (credentials);
  self->account = td_marketplace_account_copy (account);
  self->settings = parse_settings (account->settings);
  for (guint i = 0; i < TD_EBAY_N_APIS; i++)
    self->urls[i] = api_url (account, self->settings, i);
  value = td_ebay_setting (self, "language");
  self->language = g_strdup (value != NULL ? value : "en-US");
  value = td_ebay_setting (self, "marketplace_id");
  self->marketplace_id = g_strdup (value != NULL ? value : "EBAY_US");

  return TD_MARKETPLACE (self);
}

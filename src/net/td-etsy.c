/* td-etsy.c — Etsy (Open API v3): the class, the vintage rule, and signed requests.
 *
 * Every request carries `x-api-key: <keystring>:<shared_secret>` (Etsy refuses the bare
 * keystring since 2026) and `Authorization: Bearer <access token>` from TdCredentials, which
 * refreshes the token at the settings' `urls.token` endpoint. A 401/403 is answered once by
 * forgetting the token and sending again; `invalid_grant` then means the account must be
 * connected again (REAUTH).
 *
 * Settings (account JSON): shop_id, shipping_profile_id, return_policy_id, readiness_state_id,
 * taxonomy {"Clothing › Shoes": 1429, …}, default_taxonomy_id, urls {token}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-etsy"

#include <glib/gi18n.h>

#include "td-etsy-private.h"
#include "td-http.h"
#include "td-marketplace-private.h"
#include "td-stock-error.h"

/* Items younger than this are not vintage on Etsy. */
#define VINTAGE_YEARS 20

static void td_etsy_marketplace_init (TdMarketplaceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdEtsy, td_etsy, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_MARKETPLACE,
                                                      td_etsy_marketplace_init))

struct _TdEtsyRequest
{
  char       *method;
  GString    *url;
  GHashTable *form;
  char       *json;
  char       *field;
  char       *file_path;
  GHashTable *fields;
};

typedef struct
{
  TdEtsyRequest *request;
  gboolean       refreshed;   /* the token was already renewed once for this request */
} Send;

/* Requests */

void
td_etsy_answer_free (TdEtsyAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->message);
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer);
}

TdEtsyRequest *
td_etsy_request_new (TdEtsy     *self,
                     const char *method,
                     const char *path_format,
                     ...)
{
  TdEtsyRequest *request = g_new0 (TdEtsyRequest, 1);
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);

  url = td_http_join_url (self->base_url, path);
  request->method = g_strdup (method);
  request->url = g_string_new (url);
  return request;
}

void
td_etsy_request_free (TdEtsyRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_string_free (request->url, TRUE);
  g_clear_pointer (&request->form, g_hash_table_unref);
  g_free (request->json);
  g_clear_pointer (&request->fields, g_hash_table_unref);
  g_free (request->field);
  g_free (request->file_path);
  g_free (request);
}

void
td_etsy_request_add_query (TdEtsyRequest *request,
                           const char    *name,
                           const char    *value)
{
  g_autofree char *escaped = td_http_escape (value);

  g_string_append_c (request->url, strchr (request->url->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (request->url, "%s=%s", name, escaped);
}

void
td_etsy_request_set_form (TdEtsyRequest *request,
                          GHashTable    *form)
{
  g_clear_pointer (&request->form, g_hash_table_unref);
  request->form = g_hash_table_ref (form);
}

void
td_etsy_request_set_json (TdEtsyRequest *request,
                          char          *text)
{
  g_free (request->json);
  request->json = text;
}

void
td_etsy_request_set_file (TdEtsyRequest *request,
                          const char    *field,
                          const char    *file_path,
                          GHashTable    *fields)
{
  g_free (request->field);
  g_free (request->file_path);
  g_clear_pointer (&request->fields, g_hash_table_unref);
  request->field = g_strdup (field);
  request->file_path = g_strdup (file_path);
  request->fields = fields != NULL ? g_hash_table_ref (fields) : NULL;
}

static SoupMessage *
build_message (TdEtsyRequest  *request,
               GError        **error)
{
  SoupMessage *msg;

  if (request->file_path != NULL)
    msg = td_http_new_multipart (request->url->str, request->field, request->file_path,
                                 request->fields, error);
  else if (request->form != NULL)
    msg = td_http_new_form (request->method, request->url->str, request->form);
  else
    msg = td_http_new_json (request->method, request->url->str, NULL);

  if (msg != NULL && request->json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (request->json, strlen (request->json));

      td_http_set_body (msg, "application/json", bytes);
    }

  if (msg == NULL && (error == NULL || *error == NULL))
    g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                 _("The Etsy address “%s” is not valid."), request->url->str);
  return msg;
}

static void
send_free (Send *send)
{
  td_etsy_request_free (send->request);
  g_free (send);
}

static TdEtsyAnswer *
answer_new (TdSyncStatus  status,
            const char   *message)
{
  TdEtsyAnswer *answer = g_new0 (TdEtsyAnswer, 1);

  answer->status = status;
  answer->message = g_strdup (message);
  return answer;
}

static void send_now (GTask *task);

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdEtsy *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  TdEtsyAnswer *answer = g_new0 (TdEtsyAnswer, 1);

  answer->status = td_http_classify (msg, body, error, &answer->retry_after_s,
                                     &answer->message);
  answer->http_status = error == NULL ? soup_message_get_status (msg) : 0;
  answer->root = td_http_parse_json (body);

  if (answer->status == TD_SYNC_REAUTH && !send->refreshed)
    {
      /* The token may have been revoked early or the clock is off: renew it once. */
      td_etsy_answer_free (answer);
      send->refreshed = TRUE;
      td_credentials_invalidate_access_token (self->credentials);
      send_now (g_steal_pointer (&task));
      return;
    }
  if (answer->http_status == 429 && answer->retry_after_s >= 3600)
    {
      g_free (answer->message);
      answer->message = g_strdup (_("Etsy’s requests for today are used up. Thriftdesk "
                                    "carries on when Etsy allows it again."));
    }
  g_task_return_pointer (task, answer, (GDestroyNotify) td_etsy_answer_free);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdEtsy *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = td_credentials_get_access_token_finish (self->credentials, result,
                                                                    &error);
  g_autofree char *keystring = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *api_key = NULL;
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
                             (GDestroyNotify) td_etsy_answer_free);
      return;
    }

  keystring = td_credentials_dup_string (self->credentials, "client_id", NULL);
  secret = td_credentials_dup_string (self->credentials, "shared_secret", NULL);
  if (keystring == NULL || *keystring == '\0' || secret == NULL || *secret == '\0')
    {
      g_task_return_pointer (task,
                             answer_new (TD_SYNC_REAUTH,
                                         _("The Etsy app key or its shared secret is missing. "
                                           "Connect the account again in Preferences.")),
                             (GDestroyNotify) td_etsy_answer_free);
      return;
    }

  msg = build_message (send->request, &error);
  if (msg == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  api_key = g_strdup_printf ("%s:%s", keystring, secret);
  bearer = g_strconcat ("Bearer ", token, NULL);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "x-api-key", api_key);
  soup_message_headers_replace (headers, "Authorization", bearer);

  cancellable = g_task_get_cancellable (task);
  td_http_send_and_read_async (self->session, msg, cancellable, on_sent, g_steal_pointer (&task));
}

static void
send_now (GTask *task)
{
  TdEtsy *self = g_task_get_source_object (task);

  td_credentials_get_access_token_async (self->credentials, g_task_get_cancellable (task),
                                         on_token, task);
}

void
td_etsy_send_async (TdEtsy              *self,
                    TdEtsyRequest       *request,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Send *send = g_new0 (Send, 1);

  g_task_set_source_tag (task, td_etsy_send_async);
  send->request = request;
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);
  send_now (task);
}

TdEtsyAnswer *
td_etsy_send_finish (TdEtsy        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Settings */

gint64
td_etsy_setting_int (TdEtsy     *self,
                     const char *name)
{
  JsonNode *node = json_object_get_member (self->settings, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return json_node_get_int (node);
}

gint64
td_etsy_taxonomy_for (TdEtsy     *self,
                      const char *category_path)
{
  JsonNode *map = json_object_get_member (self->settings, "taxonomy");
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
              gint64 id = json_node_get_value_type (node) == G_TYPE_STRING
                          ? g_ascii_strtoll (json_node_get_string (node), NULL, 10)
                          : json_node_get_int (node);
              if (id > 0)
                return id;
            }
          cut = g_strrstr (path, " › ");
          if (cut == NULL)
            break;
          *cut = '\0';
        }
    }
  return td_etsy_setting_int (self, "default_taxonomy_id");
}

/* The vintage rule */

const char *
td_etsy_when_made (int year,
                   int now_year)
{
  /* Decades and spans of the contract's `when_made` enum (2026 snapshot). The newest span is
   * renamed every year ("2020_2026"), but no item from it is vintage before 2040. */
  static const char * const decades[] = {
    "1900s", "1910s", "1920s", "1930s", "1940s", "1950s", "1960s", "1970s", "1980s", "1990s",
  };

  if (year < 1700)
    return "before_1700";
  if (year < 1800)
    return "1700s";
  if (year < 1900)
    return "1800s";
  if (year < 2000)
    return decades[(year - 1900) / 10];
  if (year <= 2006)
    return "2000_2006";
  if (year <= 2009)
    return "2007_2009";
  if (year <= 2019)
    return "2010_2019";
  return now_year >= 2026 ? "2020_2026" : "made_to_order";
}

gboolean
td_etsy_check_vintage (const TdSyncItem  *item,
                       gint64             now_us,
                       GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  int now_year = now != NULL ? g_date_time_get_year (now) : 1970;

  if (item->vintage_year <= 0)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                           _("Etsy only accepts vintage items (20 years or older); this item "
                             "has no year."));
      return FALSE;
    }
  if (item->vintage_year > now_year - VINTAGE_YEARS)
    {
      g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                   _("Etsy only accepts vintage items (20 years or older); this item is from "
                     "%d."), item->vintage_year);
      return FALSE;
    }
  return TRUE;
}

/* Interface */

static const TdMarketplaceAccount *
td_etsy_get_account (TdMarketplace *marketplace)
{
  return TD_ETSY (marketplace)->account;
}

static guint
td_etsy_batch_limit (TdMarketplace *marketplace,
                     TdSyncOp       op)
{
  /* Etsy has no bulk calls: one listing per batch. */
  return 1;
}

static double
td_etsy_rate_limit (TdMarketplace *marketplace)
{
  return TD_ETSY_RATE_LIMIT;
}

static gboolean
td_etsy_check_item (TdMarketplace     *marketplace,
                    const TdSyncItem  *item,
                    gint64             now_us,
                    GError           **error)
{
  return td_etsy_check_vintage (item, now_us, error);
}

static void
td_etsy_marketplace_init (TdMarketplaceInterface *iface)
{
  iface->get_account = td_etsy_get_account;
  iface->batch_limit = td_etsy_batch_limit;
  iface->rate_limit = td_etsy_rate_limit;
  iface->check_item = td_etsy_check_item;
  iface->run_async = td_etsy_run_async;
  iface->run_finish = td_etsy_run_finish;
  iface->pull_orders_async = td_etsy_pull_orders_async;
  iface->pull_orders_finish = td_etsy_pull_orders_finish;
}

static void
td_etsy_finalize (GObject *object)
{
  TdEtsy *self = TD_ETSY (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->account, td_marketplace_account_free);
  g_clear_pointer (&self->settings, json_object_unref);
  g_free (self->base_url);

  G_OBJECT_CLASS (td_etsy_parent_class)->finalize (object);
}

static void
td_etsy_class_init (TdEtsyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_etsy_finalize;
}

static void
td_etsy_init (TdEtsy *self)
{
}

TdMarketplace *
td_etsy_new (SoupSession                *session,
             const TdMarketplaceAccount *account,
             TdCredentials              *credentials)
{
  TdEtsy *self;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (TD_TYPE_ETSY, NULL);
  self->session = g_object_ref (session);
  self->credentials = g_object_ref (credentials);
  self->account = td_marketplace_account_copy (account);
  self->base_url = g_strdup (account->base_url != NULL && *account->base_url != '\0'
                             ? account->base_url : TD_ETSY_DEFAULT_BASE_URL);

  if (account->settings != NULL
      && json_parser_load_from_data (parser, account->settings, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    self->settings = json_object_ref (json_node_get_object (root));
  else
    self->settings = json_object_new ();

  return TD_MARKETPLACE (self);
}

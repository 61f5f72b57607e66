/* td-woocommerce.c — WooCommerce (REST API v3): the class, settings and authenticated requests.
 *
 * The account's base_url is the shop's REST base (`https://shop.example/wp-json/wc/v3`).
 * Photos go to the WordPress media library first (`POST /wp-json/wp/v2/media`): its base is
 * `settings.urls.media`, else the base_url with `/wc/v3` replaced by `/wp/v2`.
 * Every request carries HTTP Basic `consumer_key:consumer_secret` from TdCredentials (the
 * shop's REST API keys; WooCommerce accepts them over HTTPS). There is no token to refresh, so
 * a 401/403 means the keys were revoked: REAUTH.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-woocommerce"

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-marketplace-private.h"
#include "td-money.h"
#include "td-woocommerce-private.h"

static void td_woocommerce_marketplace_init (TdMarketplaceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdWoocommerce, td_woocommerce, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_MARKETPLACE,
                                                      td_woocommerce_marketplace_init))

/* Requests */

void
td_woo_answer_free (TdWooAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->message);
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer);
}

SoupMessage *
td_woo_json_message (const char *method,
                     const char *base,
                     const char *path,
                     JsonNode   *body)
{
  g_autofree char *url = td_http_join_url (base, path);
  g_autoptr(JsonNode) owned = body;

  return td_http_new_json (method, url, owned);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  TdWooAnswer *answer = g_new0 (TdWooAnswer, 1);

  answer->status = td_http_classify (msg, body, error, &answer->retry_after_s,
                                     &answer->message);
  answer->http_status = error == NULL ? soup_message_get_status (msg) : 0;
  answer->root = td_http_parse_json (body);
  if (error == NULL)
    {
      const char *pages = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "X-WP-TotalPages");

      answer->total_pages = pages != NULL ? (guint) g_ascii_strtoull (pages, NULL, 10) : 0;
    }
  if (answer->status == TD_SYNC_DONE && answer->root == NULL)
    {
      /* A plugin's PHP warning in front of the JSON, a proxy's error page …: try later. */
      answer->status = TD_SYNC_RETRY;
      answer->message = g_strdup (_("The shop answered with something that is not WooCommerce "
                                    "data; Thriftdesk will try again."));
    }
  g_task_return_pointer (task, answer, (GDestroyNotify) td_woo_answer_free);
}

void
td_woo_send_async (TdWoocommerce       *self,
                   SoupMessage         *msg,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(SoupMessage) owned = msg;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = td_credentials_dup_string (self->credentials, "consumer_key", NULL);
  g_autofree char *secret = td_credentials_dup_string (self->credentials, "consumer_secret",
                                                       NULL);
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *basic = NULL;

  g_task_set_source_tag (task, td_woo_send_async);
  if (key == NULL || *key == '\0' || secret == NULL || *secret == '\0')
    {
      TdWooAnswer *answer = g_new0 (TdWooAnswer, 1);

      answer->status = TD_SYNC_REAUTH;
      answer->message = g_strdup (_("The WooCommerce API keys are missing. Connect the account "
                                    "again in Preferences."));
      g_task_return_pointer (task, answer, (GDestroyNotify) td_woo_answer_free);
      return;
    }

  pair = g_strconcat (key, ":", secret, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  basic = g_strconcat ("Basic ", encoded, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (owned), "Authorization",
                                basic);
  td_http_send_and_read_async (self->session, owned, cancellable, on_sent, g_steal_pointer (&task));
}

TdWooAnswer *
td_woo_send_finish (TdWoocommerce  *self,
                    GAsyncResult   *result,
                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Pure helpers */

char *
td_woo_format_price (gint64      minor,
                     const char *currency)
{
  return td_http_format_amount (minor, td_http_currency_digits (currency));
}

gint64
td_woo_parse_price (JsonNode   *node,
                    const char *currency)
{
  guint digits = td_http_currency_digits (currency);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      double scale = 1;

      for (guint i = 0; i < digits; i++)
        scale *= 10;
      return (gint64) (json_node_get_double (node) * scale + (json_node_get_double (node) < 0
                                                              ? -0.5 : 0.5));
    }
  return td_http_parse_amount (json_node_get_string (node), digits);
}

gint64
td_woo_object_id (JsonNode *node)
{
  JsonNode *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return 0;
  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    return 0;
  if (json_node_get_value_type (id) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (id), NULL, 10);
  return json_node_get_int (id);
}

/* Interface */

static const TdMarketplaceAccount *
td_woocommerce_get_account (TdMarketplace *marketplace)
{
  return TD_WOOCOMMERCE (marketplace)->account;
}

static guint
td_woocommerce_batch_limit (TdMarketplace *marketplace,
                            TdSyncOp       op)
{
  return TD_WOO_BATCH_LIMIT;
}

static double
td_woocommerce_rate_limit (TdMarketplace *marketplace)
{
  return TD_WOO_RATE_LIMIT;
}

static void
td_woocommerce_marketplace_init (TdMarketplaceInterface *iface)
{
  iface->get_account = td_woocommerce_get_account;
  iface->batch_limit = td_woocommerce_batch_limit;
  iface->rate_limit = td_woocommerce_rate_limit;
  iface->run_async = td_woo_run_async;
  iface->run_finish = td_woo_run_finish;
  iface->pull_orders_async = td_woo_pull_orders_async;
  iface->pull_orders_finish = td_woo_pull_orders_finish;
}

static void
td_woocommerce_finalize (GObject *object)
{
  TdWoocommerce *self = TD_WOOCOMMERCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->account, td_marketplace_account_free);
  g_clear_pointer (&self->settings, json_object_unref);
  g_free (self->base_url);
  g_free (self->media_url);

  G_OBJECT_CLASS (td_woocommerce_parent_class)->finalize (object);
}

static void
td_woocommerce_class_init (TdWoocommerceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_woocommerce_finalize;
}

static void
td_woocommerce_init (TdWoocommerce *self)
{
}

char *
td_woo_media_url (const char *base_url,
                  JsonObject *settings)
{
  JsonNode *urls = json_object_get_member (settings, "urls");
  const char *media = NULL;
  const char *wc;

  if (urls != NULL && JSON_NODE_HOLDS_OBJECT (urls))
    media = json_object_get_string_member_with_default (json_node_get_object (urls), "media",
                                                        NULL);
  if (media != NULL && *media != '\0')
    return g_strdup (media);

  wc = g_strrstr (base_url, "/wc/v3");
  if (wc != NULL)
    return g_strdup_printf ("%.*s/wp/v2%s", (int) (wc - base_url), base_url,
                            wc + strlen ("/wc/v3"));
  return g_strdup (base_url);
}

TdMarketplace *
td_woocommerce_new (SoupSession                *session,
                    const TdMarketplaceAccount *account,
                    TdCredentials              *credentials)
{
  TdWoocommerce *self;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (TD_TYPE_WOOCOMMERCE, NULL);
  self->session = g_object_ref (session);
  self->credentials = g_object_ref (credentials);
  self->account = td_marketplace_account_copy (account);
  self->base_url = g_strdup (account->base_url != NULL ? account->base_url : "");

  if (account->settings != NULL
      && json_parser_load_from_data (parser, account->settings, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    self->settings = json_object_ref (json_node_get_object (root));
  else
    self->settings = json_object_new ();
  self->media_url = td_woo_media_url (self->base_url, self->settings);

  return TD_MARKETPLACE (self);
}

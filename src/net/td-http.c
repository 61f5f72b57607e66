/* td-http.c — see td-http.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-money.h"

char *
td_http_join_url (const char *base,
                  const char *path)
{
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    len--;
  while (path != NULL && *path == '/')
    path++;
  return g_strdup_printf ("%.*s/%s", (int) len, base, path != NULL ? path : "");
}

char *
td_http_escape (const char *text)
{
  return g_uri_escape_string (text != NULL ? text : "", NULL, FALSE);
}

char *
td_http_format_amount (gint64 minor,
                       guint  decimals)
{
  gint64 scale = 1;
  gint64 whole, fraction;
  const char *sign = minor < 0 ? "-" : "";

  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  whole = ABS (minor) / scale;
  fraction = ABS (minor) % scale;
  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, whole);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, sign, whole,
                          (int) decimals, fraction);
}

gint64
td_http_parse_amount (const char *text,
                      guint       decimals)
{
  gint64 whole = 0;
  gint64 fraction = 0;
  guint seen = 0;
  gboolean negative = FALSE;
  const char *p = text;

  if (p == NULL)
    return 0;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && seen < decimals; p++, seen++)
      fraction = fraction * 10 + (*p - '0');
  for (; seen < decimals; seen++)
    fraction *= 10;
  for (guint i = 0; i < decimals; i++)
    whole *= 10;
  return negative ? -(whole + fraction) : whole + fraction;
}

guint
td_http_currency_digits (const char *currency)
{
  const TdCurrency *known = currency != NULL ? td_currency_lookup (currency) : NULL;

  return known != NULL ? (guint) known->digits : 2;
}

char *
td_http_iso8601 (gint64 utc_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc_us / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, (int) ((utc_us % G_USEC_PER_SEC) / 1000));
}

gint64
td_http_parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* libsoup 3.2 sends a message again by itself when a kept-alive connection closed before any
 * answer, but with the request body already consumed (an empty PUT reached the server).
 * Every body is kept on its message and put back on "restarted". */
static void
on_restarted (SoupMessage *msg,
              gpointer     user_data)
{
  GBytes *body = g_object_get_data (G_OBJECT (msg), "td-http-body");
  const char *type = g_object_get_data (G_OBJECT (msg), "td-http-body-type");

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, type, body);
}

void
td_http_set_body (SoupMessage *msg,
                  const char  *type,
                  GBytes      *body)
{
  soup_message_set_request_body_from_bytes (msg, type, body);
  g_object_set_data_full (G_OBJECT (msg), "td-http-body", g_bytes_ref (body),
                          (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (msg), "td-http-body-type", g_strdup (type), g_free);
  g_signal_connect (msg, "restarted", G_CALLBACK (on_restarted), NULL);
}

void
td_http_send_and_read_async (SoupSession         *session,
                             SoupMessage         *msg,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  /* Kept before libsoup queues it: "request-queued" is emitted from inside the call below. */
  if (cancellable != NULL)
    g_object_set_data_full (G_OBJECT (msg), "td-http-cancellable", g_object_ref (cancellable),
                            g_object_unref);
  else
    g_object_set_data (G_OBJECT (msg), "td-http-cancellable", NULL);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable, callback,
                                    user_data);
}

GCancellable *
td_http_message_get_cancellable (SoupMessage *msg)
{
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), NULL);
  return g_object_get_data (G_OBJECT (msg), "td-http-cancellable");
}

SoupMessage *
td_http_new_json (const char *method,
                  const char *url,
                  JsonNode   *body)
{
  SoupMessage *msg = soup_message_new (method, url);

  if (msg == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      td_http_set_body (msg, "application/json", bytes);
    }
  return msg;
}

SoupMessage *
td_http_new_form (const char *method,
                  const char *url,
                  GHashTable *form)
{
  SoupMessage *msg = soup_message_new (method, url);
  char *text;
  g_autoptr(GBytes) bytes = NULL;

  if (msg == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  text = soup_form_encode_hash (form);
  bytes = g_bytes_new_take (text, strlen (text));
  td_http_set_body (msg, "application/x-www-form-urlencoded", bytes);
  return msg;
}

SoupMessage *
td_http_new_multipart (const char  *url,
                       const char  *field,
                       const char  *file_path,
                       GHashTable  *fields,
                       GError     **error)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *data = NULL;
  g_autofree char *basename = g_path_get_basename (file_path);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *msg;
  gsize size = 0;

  if (!g_file_get_contents (file_path, &data, &size, error))
    return NULL;
  content_type = g_content_type_guess (file_path, (const guchar *) data, size, NULL);
  mime = g_content_type_get_mime_type (content_type);
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);

  if (fields != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        soup_multipart_append_form_string (multipart, key, value);
    }
  soup_multipart_append_form_file (multipart, field, basename,
                                   mime != NULL ? mime : "application/octet-stream", bytes);
  msg = soup_message_new ("POST", url);
  if (msg != NULL)
    {
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
      g_autoptr(GBytes) encoded = NULL;
      g_autofree char *type = NULL;

      soup_multipart_to_message (multipart, headers, &encoded);
      type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      td_http_set_body (msg, type, encoded);
      soup_message_headers_replace (headers, "Accept", "application/json");
    }
  return msg;
}

JsonNode *
td_http_parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize size = 0;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

guint
td_http_retry_after (SoupMessage *msg)
{
  const char *value;
  char *end = NULL;
  guint64 seconds;

  if (msg == NULL)
    return 0;
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  if (value == NULL)
    return 0;
  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (guint) MIN (seconds, G_MAXUINT);

  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GTimeSpan span;

    if (when == NULL)
      return 0;
    span = g_date_time_difference (when, now) / G_USEC_PER_SEC;
    return span > 0 ? (guint) span : 0;
  }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The first "message"-like text of an error list element. */
static const char *
element_message (JsonNode *node)
{
  JsonObject *object;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if ((text = member_string (object, "longMessage")) != NULL && *text != '\0')
    return text;
  return member_string (object, "message");
}

/* The marketplace's own words, where its error body has them. */
static char *
body_message (GBytes *body)
{
  g_autoptr(JsonNode) root = td_http_parse_json (body);
  JsonObject *object;
  JsonNode *errors;
  const char *text;

  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      text = json_array_get_length (array) > 0
             ? element_message (json_array_get_element (array, 0)) : NULL;
      return g_strdup (text);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);

  errors = json_object_get_member (object, "errors");
  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors)
      && json_array_get_length (json_node_get_array (errors)) > 0)
    {
      text = element_message (json_array_get_element (json_node_get_array (errors), 0));
      if (text != NULL)
        return g_strdup (text);
    }
  if (errors != NULL && JSON_NODE_HOLDS_VALUE (errors)
      && json_node_get_value_type (errors) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (errors));
  if ((text = member_string (object, "error_description")) != NULL)
    return g_strdup (text);
  if ((text = member_string (object, "error")) != NULL)
    return g_strdup (text);
  if ((text = member_string (object, "message")) != NULL)
    return g_strdup (text);
  return NULL;
}

static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED)
      || error->domain == G_RESOLVER_ERROR;
}

TdSyncStatus
td_http_classify (SoupMessage  *msg,
                  GBytes       *body,
                  const GError *transport_error,
                  guint        *retry_after_s,
                  char        **message)
{
  g_autofree char *words = NULL;
  guint status;

  *retry_after_s = 0;
  *message = NULL;

  if (transport_error != NULL)
    {
      if (is_offline_error (transport_error))
        {
          *message = g_strdup_printf (_("The marketplace can’t be reached (%s)."),
                                      transport_error->message);
          return TD_SYNC_OFFLINE;
        }
      *message = g_strdup_printf (_("The connection to the marketplace failed (%s)."),
                                  transport_error->message);
      return TD_SYNC_RETRY;
    }

  status = soup_message_get_status (msg);
  if (status >= 200 && status < 300)
    return TD_SYNC_DONE;

  words = body_message (body);
  *retry_after_s = td_http_retry_after (msg);

  if (status == 401 || status == 403)
    {
      *message = words != NULL
                 ? g_strdup_printf (_("The marketplace refused the account’s sign-in: %s"), words)
                 : g_strdup (_("The marketplace refused the account’s sign-in."));
      return TD_SYNC_REAUTH;
    }
  if (status == 408 || status == 425 || status == 429 || status >= 500)
    {
      *message = words != NULL
                 ? g_strdup_printf (_("The marketplace is busy (%u): %s"), status, words)
                 : g_strdup_printf (_("The marketplace is busy (HTTP %u); Thriftdesk will try "
                                      "again."), status);
      return TD_SYNC_RETRY;
    }
  *message = words != NULL
             ? g_steal_pointer (&words)
             : g_strdup_printf (_("The marketplace refused the request (HTTP %u)."), status);
  return TD_SYNC_FAILED;
}

TdSyncOutcome *
td_http_outcome (gint64        item_id,
                 TdSyncStatus  status,
                 guint         retry_after_s,
                 const char   *message)
{
  TdSyncOutcome *outcome = td_sync_outcome_new (item_id, status);

  outcome->retry_after_s = retry_after_s;
  outcome->message = g_strdup (message);
  return outcome;
}

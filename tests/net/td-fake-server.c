/* td-fake-server.c — see td-fake-server.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-server.h"

typedef struct
{
  char          *prefix;
  TdFakeHandler  handler;
  gpointer       user_data;
} Route;

typedef struct
{
  char            *prefix;
  TdFakeFaultKind  kind;
  guint            status;
  guint            retry_after_s;
  char            *body;
  guint            delay_ms;
  guint            count;
} Fault;

struct _TdFakeServer
{
  SoupServer *server;
  guint       port;
  char       *url;
  GPtrArray  *routes;     /* Route */
  GPtrArray  *faults;     /* Fault */
  GPtrArray  *requests;   /* TdFakeRequest */
  guint       latency_ms;
  gboolean    stopped;
};

typedef struct
{
  TdFakeServer      *server;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  Fault             *fault;   /* a copy, or NULL */
} Pending;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->prefix);
  g_free (route);
}

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->prefix);
  g_free (fault->body);
  g_free (fault);
}

static void
request_free (gpointer data)
{
  TdFakeRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  soup_message_headers_unref (request->headers);
  g_bytes_unref (request->body);
  g_free (request);
}

static Route *
find_route (TdFakeServer *self,
            const char   *path)
{
  Route *best = NULL;

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);

      if (g_str_has_prefix (path, route->prefix)
          && (best == NULL || strlen (route->prefix) > strlen (best->prefix)))
        best = route;
    }
  return best;
}

static Fault *
take_fault (TdFakeServer *self,
            const char   *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      Fault *copy;

      if (!g_str_has_prefix (path, fault->prefix))
        continue;
      copy = g_memdup2 (fault, sizeof *fault);
      copy->prefix = g_strdup (fault->prefix);
      copy->body = g_strdup (fault->body);
      if (--fault->count == 0)
        g_ptr_array_remove_index (self->faults, i);
      return copy;
    }
  return NULL;
}

static void
dispatch (TdFakeServer      *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query)
{
  Route *route = find_route (self, path);

  if (route == NULL)
    {
      td_fake_server_reply_json (msg, 404, "{\"error\":\"no such path in the fake\"}");
      return;
    }
  route->handler (self, msg, path, query, route->user_data);
}

/* Applies @fault (or none) and answers; TRUE when the handler still has to run. */
static gboolean
apply_fault (TdFakeServer      *self,
             SoupServerMessage *msg,
             Fault             *fault)
{
  if (fault == NULL)
    return TRUE;

  switch (fault->kind)
    {
    case TD_FAKE_FAULT_STATUS:
      if (fault->retry_after_s > 0)
        {
          g_autofree char *value = g_strdup_printf ("%u", fault->retry_after_s);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", value);
        }
      td_fake_server_reply_json (msg, fault->status,
                                 fault->body ? fault->body : "{\"error\":\"injected fault\"}");
      return FALSE;

    case TD_FAKE_FAULT_DROP:
      {
        GIOStream *stream = soup_server_message_steal_connection (msg);

        if (stream != NULL)
          {
            g_io_stream_close (stream, NULL, NULL);
            g_object_unref (stream);
          }
        return FALSE;
      }

    case TD_FAKE_FAULT_MALFORMED:
    case TD_FAKE_FAULT_DELAY:
    default:
      return TRUE;
    }
}

static void
finish_pending (Pending *pending)
{
  TdFakeServer *self = pending->server;
  SoupServerMessage *msg = pending->msg;

  if (apply_fault (self, msg, pending->fault))
    {
      dispatch (self, msg, pending->path, pending->query);
      if (pending->fault != NULL && pending->fault->kind == TD_FAKE_FAULT_MALFORMED)
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                          "{\"truncated\": [1, 2", 19);
    }
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->msg);
  g_free (pending->path);
  g_clear_pointer (&pending->query, g_hash_table_unref);
  if (pending->fault != NULL)
    fault_free (pending->fault);
  g_free (pending);
}

static gboolean
on_delay_done (gpointer data)
{
  Pending *pending = data;

  if (!pending->server->stopped)
    {
      finish_pending (pending);
      soup_server_message_unpause (pending->msg);
    }
  pending_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TdFakeServer *self = user_data;
  TdFakeRequest *request = g_new0 (TdFakeRequest, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) flat = soup_message_body_flatten (body);
  Pending *pending;
  g_autoptr(GSource) source = NULL;
  guint delay;

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_uri_get_query (uri) != NULL
                  ? g_strdup_printf ("%s?%s", path, g_uri_get_query (uri))
                  : g_strdup (path);
  request->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  request->body = g_bytes_ref (flat);
  g_ptr_array_add (self->requests, request);

  pending = g_new0 (Pending, 1);
  pending->server = self;
  pending->msg = g_object_ref (msg);
  pending->path = g_strdup (path);
  pending->query = query != NULL ? g_hash_table_ref (query) : NULL;
  pending->fault = take_fault (self, path);

  delay = self->latency_ms;
  if (pending->fault != NULL && pending->fault->kind == TD_FAKE_FAULT_DELAY)
    delay += pending->fault->delay_ms;

  if (delay == 0)
    {
      finish_pending (pending);
      pending_free (pending);
      return;
    }
  soup_server_message_pause (msg);
  /* on the context the server runs on (a bench runs it on a thread of its own) */
  source = g_timeout_source_new (delay);
  g_source_set_callback (source, on_delay_done, pending, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
}

static void
listen_on (TdFakeServer *self,
           guint         port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  soup_server_listen (self->server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

TdFakeServer *
td_fake_server_new (void)
{
  TdFakeServer *self = g_new0 (TdFakeServer, 1);

  self->server = soup_server_new ("server-header", "thriftdesk-fake ", NULL);
  self->routes = g_ptr_array_new_with_free_func (route_free);
  self->faults = g_ptr_array_new_with_free_func (fault_free);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  listen_on (self, 0);
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return self;
}

void
td_fake_server_free (TdFakeServer *self)
{
  if (self == NULL)
    return;
  self->stopped = TRUE;
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_ptr_array_unref (self->routes);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_free (self->url);
  g_free (self);
}

const char *
td_fake_server_get_url (TdFakeServer *self)
{
  return self->url;
}

guint
td_fake_server_get_port (TdFakeServer *self)
{
  return self->port;
}

void
td_fake_server_add_handler (TdFakeServer  *self,
                            const char    *path_prefix,
                            TdFakeHandler  handler,
                            gpointer       user_data)
{
  Route *route = g_new0 (Route, 1);

  route->prefix = g_strdup (path_prefix);
  route->handler = handler;
  route->user_data = user_data;
  g_ptr_array_add (self->routes, route);
}

void
td_fake_server_add_fault (TdFakeServer    *self,
                          const char      *path_prefix,
                          TdFakeFaultKind  kind,
                          guint            status,
                          guint            retry_after_s,
                          const char      *body,
                          guint            delay_ms,
                          guint            count)
{
  Fault *fault = g_new0 (Fault, 1);

  g_return_if_fail (count > 0);
  fault->prefix = g_strdup (path_prefix ? path_prefix : "");
  fault->kind = kind;
  fault->status = status;
  fault->retry_after_s = retry_after_s;
  fault->body = g_strdup (body);
  fault->delay_ms = delay_ms;
  fault->count = count;
  g_ptr_array_add (self->faults, fault);
}

void
td_fake_server_set_latency (TdFakeServer *self,
                            guint         latency_ms)
{
  self->latency_ms = latency_ms;
}

void
td_fake_server_stop (TdFakeServer *self)
{
  self->stopped = TRUE;
  soup_server_disconnect (self->server);
}

void
td_fake_server_resume (TdFakeServer *self)
{
  g_return_if_fail (self->stopped);
  self->stopped = FALSE;
  listen_on (self, self->port);
}

GPtrArray *
td_fake_server_get_requests (TdFakeServer *self)
{
  return self->requests;
}

TdFakeRequest *
td_fake_server_request_at (TdFakeServer *self,
                           int           index)
{
  if (index < 0)
    index += (int) self->requests->len;
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (index, <, (int) self->requests->len);
  return g_ptr_array_index (self->requests, index);
}

char *
td_fake_request_dup_body (const TdFakeRequest *request)
{
  return g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
}

guint
td_fake_server_count (TdFakeServer *self,
                      const char   *method,
                      const char   *path_prefix)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      TdFakeRequest *request = g_ptr_array_index (self->requests, i);

      if ((method == NULL || *method == '\0' || g_str_equal (method, request->method))
          && g_str_has_prefix (request->path, path_prefix ? path_prefix : ""))
        n++;
    }
  return n;
}

void
td_fake_server_clear_log (TdFakeServer *self)
{
  g_ptr_array_set_size (self->requests, 0);
}

void
td_fake_server_reply_json (SoupServerMessage *msg,
                           guint              status,
                           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  if (json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                      json, strlen (json));
}

JsonNode *
td_fake_server_parse_json (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    {
      td_fake_server_reply_json (msg, 400, "{\"error\":\"the body is not JSON\"}");
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

gboolean
td_fake_server_run_until (gboolean (*done) (gpointer user_data),
                          gpointer   user_data,
                          guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean ok;

  while (!(ok = done (user_data)) && g_get_monotonic_time () < deadline)
    {
      /* Never block for long: a timer may be all that is left to wake us. */
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (1000);
    }
  return ok;
}

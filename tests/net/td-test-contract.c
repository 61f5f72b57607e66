/* td-test-contract.c — see td-test-contract.h.
 *
 * Prism (started through tests/contracts/marketplace-mock.sh with MOCK_UPSTREAM, so `prism proxy
 * --errors`) logs only "Request terminated with error: …#UNPROCESSABLE_ENTITY: Invalid request",
 * never which field broke the contract; the details travel in its answer (`sl-violations`
 * header, or the `validation` array of its problem+json body). So the URL handed to the test
 * is a small relay on 127.0.0.1 in this process: it forwards every request unchanged to Prism,
 * reads the answer, records each violation as "METHOD /path: location: message", and passes the
 * answer back unchanged. Prism's own output goes to a temporary log file, printed with
 * g_test_message() when violations were seen.
 *
 * Prism runs in its own process group (killed as a whole on stop) and, on Linux, dies with the
 * test process even when the test aborts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-test-contract.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define PRISM_START_TIMEOUT_S 60

struct _TdTestContract
{
  char        *spec;
  GSubprocess *prism;
  char        *prism_pid;
  gboolean     prism_exited;
  char        *prism_url;
  char        *dir;          /* Prism's log and the patched spec */
  char        *log_path;
  SoupServer  *relay;
  SoupSession *session;
  char        *url;
  GPtrArray   *violations;   /* char * */
};

typedef struct
{
  TdTestContract    *self;
  SoupServerMessage *msg;
  char              *what;     /* "POST /products" */
} Relay;

static const char *
contracts_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *srcdir = g_getenv ("TD_TEST_SRCDIR");

      g_assert_nonnull (srcdir);
      dir = g_build_filename (srcdir, "contracts", NULL);
    }
  return dir;
}

/* The Node.js module folder that holds @stoplight/prism-cli or graphql: $TD_TEST_…, then the
 * folders ./test.sh and shared/tools/marketplace-mock.sh install into. */
static char *
find_node_dir (const char *env,
               const char *fallback,
               const char *probe)
{
  const char *set = env != NULL ? g_getenv (env) : NULL;
  g_autofree char *cache = NULL;
  const char *candidates[3];

  if (set != NULL && *set != '\0')
    {
      g_autofree char *path = g_build_filename (set, "node_modules", probe, NULL);

      return g_file_test (path, G_FILE_TEST_EXISTS) ? g_strdup (set) : NULL;
    }

  cache = g_build_filename (g_get_user_cache_dir (), "thriftdesk", "node", NULL);
  candidates[0] = fallback;
  candidates[1] = cache;
  candidates[2] = NULL;
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (candidates[i], "node_modules", probe, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

static char *
find_prism (void)
{
  const char *set = g_getenv ("TD_TEST_PRISM");
  g_autofree char *dir = NULL;

  if (set != NULL && *set != '\0')
    return g_file_test (set, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (set) : NULL;

  dir = find_node_dir (NULL, "/tmp/prism-cli", ".bin/prism");
  if (dir == NULL)
    return NULL;
  return g_build_filename (dir, "node_modules", ".bin", "prism", NULL);
}

static guint
pick_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_listens (guint port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         NULL);
  return socket != NULL && g_socket_connect (socket, address, NULL, NULL);
}

static void
prism_child_setup (gpointer user_data)
{
  /* Own process group, so that stop kills the script and Prism together. */
  setpgid (0, 0);
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

static void
prism_exited_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static char *
read_log (TdTestContract *self)
{
  char *text = NULL;

  if (!g_file_get_contents (self->log_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* One line per problem in a Prism validation array. */
static void
add_validation (TdTestContract *self,
                const char     *what,
                JsonArray      *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      JsonArray *location;
      g_autoptr(GString) where = g_string_new (NULL);
      const char *severity;
      const char *message;

      if (item == NULL)
        continue;
      severity = json_object_get_string_member_with_default (item, "severity", "Error");
      message = json_object_get_string_member_with_default (item, "message", "?");
      location = json_object_has_member (item, "location")
                 && JSON_NODE_HOLDS_ARRAY (json_object_get_member (item, "location"))
                 ? json_object_get_array_member (item, "location") : NULL;
      for (guint j = 0; location != NULL && j < json_array_get_length (location); j++)
        {
          JsonNode *node = json_array_get_element (location, j);

          if (where->len > 0)
            g_string_append_c (where, '.');
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_string_append (where, json_node_get_string (node));
          else if (JSON_NODE_HOLDS_VALUE (node))
            g_string_append_printf (where, "%" G_GINT64_FORMAT, json_node_get_int (node));
        }
      if (g_strcmp0 (severity, "Error") != 0)
        {
          g_test_message ("contract %s (%s): %s: %s: %s", self->spec, severity, what, where->str,
                          message);
          continue;
        }
      g_ptr_array_add (self->violations,
                       g_strdup_printf ("%s: %s: %s", what, where->str, message));
    }
}

static void
inspect_answer (TdTestContract     *self,
                const char         *what,
                SoupMessageHeaders *headers,
                GBytes             *body)
{
  const char *header = soup_message_headers_get_one (headers, "sl-violations");
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *type;

  if (header != NULL)
    {
      if (json_parser_load_from_data (parser, header, -1, NULL)
          && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        add_validation (self, what, json_node_get_array (json_parser_get_root (parser)));
      else
        g_ptr_array_add (self->violations, g_strdup_printf ("%s: %s", what, header));
      return;
    }

  /* Prism's own refusals: 422 invalid request, 404 no such path, 401 no credentials … */
  if (g_strcmp0 (content_type, "application/problem+json") != 0 || body == NULL)
    return;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (object, "type", "");
  if (!g_str_has_prefix (type, "https://stoplight.io/prism/errors#"))
    return;
  if (json_object_has_member (object, "validation")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "validation")))
    {
      guint before = self->violations->len;

      add_validation (self, what, json_object_get_array_member (object, "validation"));
      if (self->violations->len > before)
        return;
    }
  g_ptr_array_add (self->violations,
                   g_strdup_printf ("%s: %s (%s)", what,
                                    json_object_get_string_member_with_default (object, "title",
                                                                                "?"),
                                    json_object_get_string_member_with_default (object, "detail",
                                                                                "")));
}

static gboolean
is_hop_header (const char *name)
{
  static const char *const hop[] = {
    "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Host", "TE",
    "Upgrade", "Proxy-Connection", NULL,
  };

  for (guint i = 0; hop[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, hop[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
relay_forwarded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Relay *relay = user_data;
  SoupMessage *forward = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (relay->msg);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  if (body == NULL)
    {
      /* Prism answered nothing (crashed, or dropped what the fake dropped). */
      g_test_message ("contract relay: %s: %s", relay->what, error->message);
      soup_server_message_set_status (relay->msg, SOUP_STATUS_BAD_GATEWAY, NULL);
    }
  else
    {
      SoupMessageHeaders *in = soup_message_get_response_headers (forward);

      inspect_answer (relay->self, relay->what, in, body);
      soup_message_headers_iter_init (&iter, in);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        if (!is_hop_header (name))
          soup_message_headers_append (out, name, value);
      soup_server_message_set_status (relay->msg, soup_message_get_status (forward),
                                      soup_message_get_reason_phrase (forward));
      /* A 204 has an empty body, which append_bytes refuses. */
      if (body != NULL && g_bytes_get_size (body) > 0)
        soup_message_body_append_bytes (soup_server_message_get_response_body (relay->msg),
                                        body);
    }
  soup_server_message_unpause (relay->msg);
  g_object_unref (relay->msg);
  g_free (relay->what);
  g_free (relay);
}

static void
relay_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  TdTestContract *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autofree char *target = NULL;
  g_autoptr(SoupMessage) forward = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  Relay *relay;

  target = g_strconcat (self->prism_url, g_uri_get_path (uri),
                        g_uri_get_query (uri) != NULL ? "?" : "",
                        g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", NULL);
  forward = soup_message_new (method, target);
  g_assert_nonnull (forward);
  soup_message_headers_iter_init (&iter, in);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_header (name))
      soup_message_headers_append (soup_message_get_request_headers (forward), name, value);
  bytes = soup_message_body_flatten (request_body);
  if (g_bytes_get_size (bytes) > 0)
    soup_message_set_request_body_from_bytes (forward, NULL, bytes);

  relay = g_new0 (Relay, 1);
  relay->self = self;
  relay->msg = g_object_ref (msg);
  relay->what = g_strdup_printf ("%s %s", method, g_uri_get_path (uri));
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (self->session, forward, G_PRIORITY_DEFAULT, NULL,
                                    relay_forwarded_cb, relay);
}

TdTestContract *
td_test_contract_start (const char  *spec,
                        const char  *upstream_url,
                        char       **skip_reason)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prism = find_prism ();
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *script = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *prism_dir = NULL;
  GSList *uris;
  TdTestContract *self;
  gint64 deadline;
  guint port;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (upstream_url != NULL, NULL);

  if (prism == NULL || node == NULL)
    {
      if (skip_reason != NULL)
        *skip_reason = g_strdup ("Prism (Node.js) is not installed: run ./test.sh, which installs "
                                 "it, or set TD_TEST_PRISM");
      return NULL;
    }

  self = g_new0 (TdTestContract, 1);
  self->spec = g_strdup (spec);
  self->violations = g_ptr_array_new_with_free_func (g_free);
  self->dir = g_dir_make_tmp ("td-prism-XXXXXX", &error);
  g_assert_no_error (error);
  self->log_path = g_build_filename (self->dir, "prism.log", NULL);

  /* PRISM_DIR: where js-yaml is found for the YAML spec (prism is in DIR/node_modules/.bin). */
  prism_dir = g_path_get_dirname (prism);
  if (g_str_has_suffix (prism_dir, "/node_modules/.bin"))
    prism_dir[strlen (prism_dir) - strlen ("/node_modules/.bin")] = '\0';

  port = pick_free_port ();
  port_text = g_strdup_printf ("%u", port);
  self->prism_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  script = g_build_filename (contracts_dir (), "marketplace-mock.sh", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdout_file_path (launcher, self->log_path);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "MOCK_UPSTREAM", upstream_url, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "MOCK_SPECS_DIR");
  g_subprocess_launcher_setenv (launcher, "PRISM_BIN", prism, TRUE);
  g_subprocess_launcher_setenv (launcher, "PRISM_DIR", prism_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "MOCK_PATCH");
  g_subprocess_launcher_setenv (launcher, "MOCK_PATCH_DIR", self->dir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, prism_child_setup, NULL, NULL);
  self->prism = g_subprocess_launcher_spawn (launcher, &error, script, spec, port_text, NULL);
  g_assert_no_error (error);
  self->prism_pid = g_strdup (g_subprocess_get_identifier (self->prism));
  g_subprocess_wait_async (self->prism, NULL, prism_exited_cb, &self->prism_exited);

  deadline = g_get_monotonic_time () + PRISM_START_TIMEOUT_S * G_USEC_PER_SEC;
  while (!port_listens (port))
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (self->prism_exited || g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = read_log (self);

          g_error ("contract: Prism for %s did not start on port %u (%s):\n%s", spec, port,
                   self->prism_exited ? "it exited" : "timed out", log);
        }
      g_usleep (100 * 1000);
    }

  self->session = soup_session_new_with_options ("timeout", 120, NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
  self->relay = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->relay, NULL, relay_cb, self, NULL);
  soup_server_listen_local (self->relay, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->relay);
  g_assert_nonnull (uris);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

const char *
td_test_contract_get_url (TdTestContract *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

GPtrArray *
td_test_contract_violations (TdTestContract *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->violations->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->violations, i)));
  if (copy->len > 0)
    {
      g_autofree char *log = read_log (self);
      g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
      g_autoptr(GString) requests = g_string_new (NULL);

      for (guint i = 0; i < copy->len; i++)
        g_test_message ("contract %s violation: %s", self->spec,
                        (char *) g_ptr_array_index (copy, i));
      /* Without the start-up lines listing every route of the spec. */
      for (guint i = 0; lines[i] != NULL; i++)
        if (strstr (lines[i], "[CLI]") == NULL)
          g_string_append_printf (requests, "%s\n", lines[i]);
      g_test_message ("Prism log:\n%s", requests->str);
    }
  return copy;
}

void
td_test_contract_stop (TdTestContract *self)
{
  if (self == NULL)
    return;

  if (self->relay != NULL)
    soup_server_disconnect (self->relay);
  g_clear_object (&self->relay);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  if (!self->prism_exited)
    {
      pid_t pid = (pid_t) g_ascii_strtoll (self->prism_pid, NULL, 10);

      kill (-pid, SIGKILL);
      while (!self->prism_exited)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&self->prism);
  remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->log_path);
  g_free (self->prism_pid);
  g_free (self->prism_url);
  g_free (self->url);
  g_free (self->spec);
  g_ptr_array_unref (self->violations);
  g_free (self);
}

gboolean
td_test_graphql_validate (const char  *document,
                          char       **errors,
                          char       **skip_reason)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *gql_dir = find_node_dir ("TD_TEST_GQL_DIR", "/tmp/gqlcheck",
                                            "graphql/package.json");
  g_autofree char *tool = g_build_filename (contracts_dir (), "graphql-validate.mjs", NULL);
  g_autofree char *schema = g_build_filename (contracts_dir (), "specs", "shopify",
                                              "admin_2026-10.json.gz", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_return_val_if_fail (document != NULL, FALSE);

  if (errors != NULL)
    *errors = NULL;
  if (node == NULL || gql_dir == NULL)
    {
      if (skip_reason != NULL)
        *skip_reason = g_strdup ("Node.js or its graphql module is not installed: run ./test.sh, "
                                 "which installs them, or set TD_TEST_GQL_DIR");
      return TRUE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "GQLCHECK_DIR", gql_dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, node, tool, schema, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, document, NULL, &out, &err, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  if (status == 0)
    return TRUE;
  if (status == 1)
    {
      if (errors != NULL)
        *errors = g_strdup (g_strstrip (out));
      return FALSE;
    }
  g_error ("graphql-validate.mjs failed (exit %d): %s%s", status, out, err);
  return FALSE;
}

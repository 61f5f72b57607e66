/* test-fake-server.c — the fake marketplace base answers, fails and stops as the sync
 * scenarios need it to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-server.h"

static void
echo_handler (TdFakeServer      *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  td_fake_server_reply_json (msg, 200, "{\"ok\":true}");
}

typedef struct
{
  guint       status;
  char       *body;
  char       *retry_after;
  GError     *error;
  gboolean    done;
} Reply;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &reply->error);

  if (body != NULL)
    {
      reply->status = soup_message_get_status (msg);
      reply->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      reply->retry_after = g_strdup (soup_message_headers_get_one (
                                       soup_message_get_response_headers (msg), "Retry-After"));
    }
  reply->done = TRUE;
}

static gboolean
reply_done (gpointer data)
{
  return ((Reply *) data)->done;
}

static Reply *
get (SoupSession  *session,
     TdFakeServer *server,
     const char   *path)
{
  g_autofree char *url = g_strconcat (td_fake_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  Reply *reply = g_new0 (Reply, 1);

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, reply);
  g_assert_true (td_fake_server_run_until (reply_done, reply, 10000));
  return reply;
}

static void
reply_free (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->retry_after);
  g_clear_error (&reply->error);
  g_free (reply);
}

static void
test_faults (void)
{
  g_autoptr(TdFakeServer) server = td_fake_server_new ();
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  Reply *reply;
  gint64 started;

  g_assert_true (g_str_has_prefix (td_fake_server_get_url (server), "http://127.0.0.1:"));
  td_fake_server_add_handler (server, "/items", echo_handler, NULL);

  reply = get (session, server, "/items/1?x=2");
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->body, ==, "{\"ok\":true}");
  reply_free (reply);

  reply = get (session, server, "/elsewhere");
  g_assert_cmpuint (reply->status, ==, 404);
  reply_free (reply);

  td_fake_server_add_fault (server, "/items", TD_FAKE_FAULT_STATUS, 429, 7, NULL, 0, 1);
  reply = get (session, server, "/items/1");
  g_assert_cmpuint (reply->status, ==, 429);
  g_assert_cmpstr (reply->retry_after, ==, "7");
  reply_free (reply);

  /* The fault was for one request only. */
  reply = get (session, server, "/items/1");
  g_assert_cmpuint (reply->status, ==, 200);
  reply_free (reply);

  td_fake_server_add_fault (server, "/items", TD_FAKE_FAULT_MALFORMED, 0, 0, NULL, 0, 1);
  reply = get (session, server, "/items/1");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_false (g_str_has_suffix (reply->body, "}"));
  reply_free (reply);

  /* libsoup re-sends a GET once when a kept-alive connection closes: drop it every time. */
  td_fake_server_add_fault (server, "/items/drop", TD_FAKE_FAULT_DROP, 0, 0, NULL, 0, 5);
  reply = get (session, server, "/items/drop");
  g_assert_nonnull (reply->error);
  reply_free (reply);

  started = g_get_monotonic_time ();
  td_fake_server_add_fault (server, "/items", TD_FAKE_FAULT_DELAY, 0, 0, NULL, 300, 1);
  reply = get (session, server, "/items/1");
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * 1000);
  reply_free (reply);

  g_assert_cmpuint (td_fake_server_count (server, "GET", "/items/1"), ==, 5);
  g_assert_cmpuint (td_fake_server_count (server, "POST", "/items"), ==, 0);
  g_assert_cmpstr (((TdFakeRequest *) g_ptr_array_index (td_fake_server_get_requests (server),
                                                        0))->path, ==, "/items/1?x=2");
}

static void
test_stop_resume (void)
{
  g_autoptr(TdFakeServer) server = td_fake_server_new ();
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  guint port = td_fake_server_get_port (server);
  Reply *reply;

  td_fake_server_add_handler (server, "/", echo_handler, NULL);
  td_fake_server_stop (server);
  reply = get (session, server, "/x");
  g_assert_nonnull (reply->error);
  reply_free (reply);

  td_fake_server_resume (server);
  g_assert_cmpuint (td_fake_server_get_port (server), ==, port);
  reply = get (session, server, "/x");
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  reply_free (reply);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/td/fake-server/faults", test_faults);
  g_test_add_func ("/td/fake-server/stop-resume", test_stop_resume);
  return g_test_run ();
}

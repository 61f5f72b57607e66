/* test-http.c — the shared pieces of every marketplace class: URLs, amounts, times and how an
 * answer is classified.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-server.h"
#include "td-http.h"

static void
test_amounts (void)
{
  g_autofree char *twelve = td_http_format_amount (1250, 2);
  g_autofree char *negative = td_http_format_amount (-5, 2);
  g_autofree char *yen = td_http_format_amount (1500, 0);
  g_autofree char *dinar = td_http_format_amount (12345, 3);

  g_assert_cmpstr (twelve, ==, "12.50");
  g_assert_cmpstr (negative, ==, "-0.05");
  g_assert_cmpstr (yen, ==, "1500");
  g_assert_cmpstr (dinar, ==, "12.345");

  g_assert_cmpint (td_http_parse_amount ("12.50", 2), ==, 1250);
  g_assert_cmpint (td_http_parse_amount ("12.5", 2), ==, 1250);
  g_assert_cmpint (td_http_parse_amount ("12", 2), ==, 1200);
  g_assert_cmpint (td_http_parse_amount (" 19.99", 2), ==, 1999);
  g_assert_cmpint (td_http_parse_amount ("-3.456", 2), ==, -345);
  g_assert_cmpint (td_http_parse_amount ("1500", 0), ==, 1500);
  g_assert_cmpint (td_http_parse_amount ("12.345", 3), ==, 12345);
  g_assert_cmpint (td_http_parse_amount ("abc", 2), ==, 0);
  g_assert_cmpint (td_http_parse_amount (NULL, 2), ==, 0);

  g_assert_cmpuint (td_http_currency_digits ("EUR"), ==, 2);
  g_assert_cmpuint (td_http_currency_digits ("JPY"), ==, 0);
  g_assert_cmpuint (td_http_currency_digits ("KWD"), ==, 3);
  g_assert_cmpuint (td_http_currency_digits ("XYZ"), ==, 2);
  g_assert_cmpuint (td_http_currency_digits (NULL), ==, 2);
}

static void
test_urls_and_times (void)
{
  g_autofree char *a = td_http_join_url ("http://127.0.0.1:4010/sell/inventory/v1/", "/offer");
  g_autofree char *b = td_http_join_url ("http://127.0.0.1:4010", "offer");
  g_autofree char *escaped = td_http_escape ("LW27 0001/a");
  g_autofree char *iso = td_http_iso8601 (G_GINT64_CONSTANT (1764839702123000));

  g_assert_cmpstr (a, ==, "http://127.0.0.1:4010/sell/inventory/v1/offer");
  g_assert_cmpstr (b, ==, "http://127.0.0.1:4010/offer");
  g_assert_cmpstr (escaped, ==, "LW27%200001%2Fa");
  g_assert_cmpstr (iso, ==, "2025-12-04T09:15:02.123Z");
  g_assert_cmpint (td_http_parse_iso8601 (iso), ==, G_GINT64_CONSTANT (1764839702123000));
  g_assert_cmpint (td_http_parse_iso8601 ("not a date"), ==, 0);
}

typedef struct
{
  SoupMessage *msg;
  GBytes      *body;
  GError      *error;
  gboolean     done;
} Sent;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;

  sent->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &sent->error);
  sent->done = TRUE;
}

static gboolean
sent_done (gpointer data)
{
  return ((Sent *) data)->done;
}

/* A real answer from the fake server: @status with @retry_after and @body, classified. */
static TdSyncStatus
classify (guint       status,
          guint       retry_after,
          const char *body,
          guint      *retry_after_s,
          char      **message)
{
  g_autoptr(TdFakeServer) server = td_fake_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (td_fake_server_get_url (server), "/x", NULL);
  Sent sent = { 0 };
  TdSyncStatus answer;

  td_fake_server_add_fault (server, "/x", TD_FAKE_FAULT_STATUS, status, retry_after, body, 0,
                            1);
  sent.msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, sent.msg, G_PRIORITY_DEFAULT, NULL, on_sent, &sent);
  g_assert_true (td_fake_server_run_until (sent_done, &sent, 10000));
  g_assert_no_error (sent.error);
  answer = td_http_classify (sent.msg, sent.body, NULL, retry_after_s, message);
  g_object_unref (sent.msg);
  g_bytes_unref (sent.body);
  return answer;
}

static void
test_classify (void)
{
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                   "Connection refused");
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                                   "Timed out");
  char *message = NULL;
  guint retry = 0;

  g_assert_cmpint (classify (200, 0, "{}", &retry, &message), ==, TD_SYNC_DONE);
  g_assert_null (message);

  g_assert_cmpint (classify (429, 7, "{\"error\":\"Exceeded per second rate limit\"}",
                             &retry, &message), ==, TD_SYNC_RETRY);
  g_assert_cmpuint (retry, ==, 7);
  g_assert_nonnull (strstr (message, "Exceeded per second rate limit"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (classify (401, 0, NULL, &retry, &message), ==, TD_SYNC_REAUTH);
  g_clear_pointer (&message, g_free);

  /* eBay's own words, longMessage first. */
  g_assert_cmpint (classify (400, 0,
                             "{\"errors\":[{\"errorId\":25002,\"message\":\"short\","
                             "\"longMessage\":\"The title is too long.\"}]}",
                             &retry, &message), ==, TD_SYNC_FAILED);
  g_assert_cmpstr (message, ==, "The title is too long.");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (classify (503, 0, "not json", &retry, &message), ==, TD_SYNC_RETRY);
  g_assert_cmpuint (retry, ==, 0);
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (td_http_classify (NULL, NULL, refused, &retry, &message), ==,
                   TD_SYNC_OFFLINE);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (td_http_classify (NULL, NULL, timeout, &retry, &message), ==,
                   TD_SYNC_RETRY);
  g_clear_pointer (&message, g_free);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/td/http/amounts", test_amounts);
  g_test_add_func ("/td/http/urls-and-times", test_urls_and_times);
  g_test_add_func ("/td/http/classify", test_classify);
  return g_test_run ();
}

/* test-contract.c — the contract check itself: a valid request passes Prism untouched, an
 * invalid one and a response that breaks the contract are reported as violations; the GraphQL
 * check accepts a good document and names the field of a bad one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-server.h"
#include "td-test-contract.h"

static void
product_handler (TdFakeServer      *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  if (g_str_equal (path, "/products/7"))
    td_fake_server_reply_json (msg, 200, "{\"id\":\"seven\"}");   /* id must be integer */
  else
    td_fake_server_reply_json (msg, 201, "{\"id\":5,\"name\":\"Wool coat\",\"sku\":\"TD-1\","
                                          "\"regular_price\":\"12.00\"}");
}

typedef struct
{
  guint    status;
  gboolean done;
} Reply;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);

  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->done = TRUE;
}

static gboolean
reply_done (gpointer data)
{
  return ((Reply *) data)->done;
}

static guint
send (SoupSession *session,
      const char  *method,
      const char  *url,
      const char  *json)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  Reply reply = { 0 };

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Basic Y2tfMTpjc18x");
  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &reply);
  g_assert_true (td_fake_server_run_until (reply_done, &reply, 30000));
  return reply.status;
}

static void
test_proxy (void)
{
  g_autoptr(TdFakeServer) fake = td_fake_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *skip = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  TdTestContract *contract;

  td_fake_server_add_handler (fake, "/products", product_handler, NULL);
  contract = td_test_contract_start ("woocommerce", td_fake_server_get_url (fake), &skip);
  if (contract == NULL)
    {
      g_test_skip (skip);
      return;
    }

  url = g_strconcat (td_test_contract_get_url (contract), "/products", NULL);
  g_assert_cmpuint (send (session, "POST", url,
                          "{\"name\":\"Wool coat\",\"sku\":\"TD-1\",\"regular_price\":\"12.00\"}"),
                    ==, 201);
  violations = td_test_contract_violations (contract);
  g_assert_cmpuint (violations->len, ==, 0);
  g_assert_cmpuint (td_fake_server_count (fake, "POST", "/products"), ==, 1);
  g_clear_pointer (&violations, g_ptr_array_unref);

  /* A number where the contract wants a string: refused, not forwarded. */
  g_assert_cmpuint (send (session, "POST", url, "{\"name\":\"Coat\",\"regular_price\":12}"),
                    ==, 422);
  g_assert_cmpuint (td_fake_server_count (fake, "POST", "/products"), ==, 1);
  violations = td_test_contract_violations (contract);
  g_assert_cmpuint (violations->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (violations, 0), "POST /products"));
  g_assert_nonnull (strstr (g_ptr_array_index (violations, 0), "regular_price"));
  g_clear_pointer (&violations, g_ptr_array_unref);

  /* The fake answering out of contract is caught too. */
  g_free (url);
  url = g_strconcat (td_test_contract_get_url (contract), "/products/7", NULL);
  g_assert_cmpuint (send (session, "GET", url, NULL), ==, 500);
  violations = td_test_contract_violations (contract);
  g_assert_cmpuint (violations->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (violations, 1), "response.body.id"));

  td_test_contract_stop (contract);
}

static void
test_graphql (void)
{
  g_autofree char *skip = NULL;
  g_autofree char *errors = NULL;

  if (!td_test_graphql_validate ("query { shop { name } }", &errors, &skip))
    g_error ("valid document refused: %s", errors);
  if (skip != NULL)
    {
      g_test_skip (skip);
      return;
    }
  g_assert_false (td_test_graphql_validate ("query { shop { nameOfTheShop } }", &errors, &skip));
  g_assert_nonnull (strstr (errors, "nameOfTheShop"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/net/contract/proxy", test_proxy);
  g_test_add_func ("/td/net/contract/graphql", test_graphql);

  return g_test_run ();
}

/* td-fake-server.h — the base of the stateful marketplace fakes used by the sync tests.
 *
 * A SoupServer listening on 127.0.0.1 port 0 (never another interface) on the thread-default
 * main context of the thread that made it (its delays too), so it may run on a thread of its
 * own; then only that thread may call it until its loop has stopped. Each marketplace fake (td-fake-ebay.c, td-fake-shopify.c, td-fake-etsy.c,
 * td-fake-woocommerce.c) registers its handlers and keeps its listings and orders in memory;
 * this base adds what every scenario needs:
 *   - a request log (method, path with query, headers, body) to assert on;
 *   - faults queued by path prefix, applied to the next matching requests before the fake's
 *     handler runs: a status with an optional Retry-After and body (500, 429, 401 …), a
 *     malformed JSON body, a dropped connection, a delay (timeouts, or latency for benches);
 *   - an added latency for every request (benchmarks);
 *   - stop/start on the same port (an "offline" period that ends).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  TD_FAKE_FAULT_STATUS,      /* answer @status (+ Retry-After, + @body) instead of the handler */
  TD_FAKE_FAULT_MALFORMED,   /* the handler's status with a body that is not JSON */
  TD_FAKE_FAULT_DROP,        /* close the connection without an answer */
  TD_FAKE_FAULT_DELAY,       /* hold the answer @delay_ms, then let the handler answer */
} TdFakeFaultKind;

typedef struct
{
  char        *method;
  char        *path;        /* with the query string */
  SoupMessageHeaders *headers;
  GBytes      *body;
} TdFakeRequest;

typedef struct _TdFakeServer TdFakeServer;

typedef void (*TdFakeHandler) (TdFakeServer      *server,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data);

TdFakeServer *td_fake_server_new          (void);
void          td_fake_server_free         (TdFakeServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFakeServer, td_fake_server_free)

/* "http://127.0.0.1:PORT" (no trailing slash). */
const char   *td_fake_server_get_url      (TdFakeServer *self);
guint         td_fake_server_get_port     (TdFakeServer *self);
void          td_fake_server_add_handler  (TdFakeServer *self,
                                           const char   *path_prefix,
                                           TdFakeHandler handler,
                                           gpointer      user_data);

/* Fault for the next @count requests whose path starts with @path_prefix ("" any). */
void          td_fake_server_add_fault    (TdFakeServer   *self,
                                           const char     *path_prefix,
                                           TdFakeFaultKind kind,
                                           guint           status,
                                           guint           retry_after_s,
                                           const char     *body,
                                           guint           delay_ms,
                                           guint           count);
void          td_fake_server_set_latency  (TdFakeServer *self,
                                           guint         latency_ms);
/* Stop listening (requests fail as connection refused) / listen again on the same port. */
void          td_fake_server_stop         (TdFakeServer *self);
void          td_fake_server_resume       (TdFakeServer *self);

/* Returns: (element-type TdFakeRequest) (transfer none) every request so far, in order. */
GPtrArray    *td_fake_server_get_requests (TdFakeServer *self);
/* The @index-th logged request; negative counts from the end. Aborts the test when there is
 * no such request. (transfer none) */
TdFakeRequest *td_fake_server_request_at  (TdFakeServer *self,
                                           int           index);
/* The request's body as text. (transfer full) */
char         *td_fake_request_dup_body    (const TdFakeRequest *request);
/* How many logged requests have @method ("" any) and a path starting with @path_prefix. */
guint         td_fake_server_count        (TdFakeServer *self,
                                           const char   *method,
                                           const char   *path_prefix);
void          td_fake_server_clear_log    (TdFakeServer *self);

/* Helpers for handlers. */
void          td_fake_server_reply_json   (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *json);
/* Parses the request body as JSON; NULL (and a 400 sent) when it is not. */
JsonNode     *td_fake_server_parse_json   (SoupServerMessage *msg);

/* Spin the thread-default main context until @done returns TRUE or @timeout_ms passes;
 * returns the last answer of @done. */
gboolean      td_fake_server_run_until    (gboolean (*done) (gpointer user_data),
                                           gpointer   user_data,
                                           guint      timeout_ms);

G_END_DECLS

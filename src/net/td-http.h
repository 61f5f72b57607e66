/* td-http.h — what every marketplace class does with libsoup: build URLs from a configurable
 * base, send JSON / form / multipart, read JSON back, and turn an answer into a TdSyncStatus.
 *
 * Classification (td_http_classify):
 *   transport error: G_IO_ERROR_CONNECTION_REFUSED / HOST_UNREACHABLE / NETWORK_UNREACHABLE,
 *     G_RESOLVER_ERROR → OFFLINE; timeouts, dropped connections (G_IO_ERROR_*, SOUP_SESSION_ERROR)
 *     → RETRY; cancelled → RETRY.
 *   2xx → DONE; 207 → DONE (the caller reads per-item results); 401/403 → REAUTH (the caller
 *   refreshes once first); 408, 425, 429, 5xx → RETRY with Retry-After (seconds or HTTP date) when
 *   sent; other 4xx → FAILED.
 * The message is the marketplace's own words when the body has them (eBay errors[].message /
 * longMessage, Etsy {"error"}, WooCommerce {"message"}, Shopify errors[].message), else a plain
 * sentence with the status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-sync-types.h"

G_BEGIN_DECLS

/* @base "http://127.0.0.1:4010/sell/inventory/v1" (trailing slash tolerated) + @path "/offer"
 * (leading slash tolerated). Returns: (transfer full) */
char        *td_http_join_url       (const char   *base,
                                     const char   *path);
/* Percent-encodes one path segment or query value (RFC 3986 unreserved kept). */
char        *td_http_escape         (const char   *text);
/* "12.50" for 1250 minor units with 2 decimals (decimals: the currency's minor digits). */
char        *td_http_format_amount  (gint64        minor,
                                     guint         decimals);
/* 1250 for "12.50" with 2 decimals: exact decimal text, never through a double; extra
 * fraction digits are cut, leading blanks skipped, anything unreadable reads as 0. */
gint64       td_http_parse_amount   (const char   *text,
                                     guint         decimals);
/* The minor-unit digits of an ISO 4217 code (2 when unknown). */
guint        td_http_currency_digits (const char  *currency);
/* "2026-12-04T09:15:02.123Z" (UTC, milliseconds) and back; 0 when unparsable. */
char        *td_http_iso8601        (gint64        utc_us);
gint64       td_http_parse_iso8601  (const char   *text);

/* A request with @method, JSON @body (nullable) and Content-Type application/json. */
SoupMessage *td_http_new_json       (const char   *method,
                                     const char   *url,
                                     JsonNode     *body);
/* application/x-www-form-urlencoded from @form (string → string). */
SoupMessage *td_http_new_form       (const char   *method,
                                     const char   *url,
                                     GHashTable   *form);
/* multipart/form-data with one file part @field (read now; error when unreadable) and
 * optional string fields. */
SoupMessage *td_http_new_multipart  (const char   *url,
                                     const char   *field,
                                     const char   *file_path,
                                     GHashTable   *fields,
                                     GError      **error);

/* Sets @body as the request body, kept so that libsoup's own re-send after a dropped
 * kept-alive connection carries it again (libsoup 3.2 re-sends an empty body otherwise). All
 * td_http_new_*() bodies go through this. */
void         td_http_set_body       (SoupMessage  *msg,
                                     const char   *type,
                                     GBytes       *body);

/* soup_session_send_and_read_async() (default priority) that first keeps @cancellable on
 * @msg, so that whoever watches the session's "request-queued" can refuse @msg before it goes
 * out by cancelling @cancellable: the sync engine does when an account's daily budget is used
 * up (td-sync-engine-accounts.c). Every request of the marketplace classes is sent here. */
void          td_http_send_and_read_async     (SoupSession         *session,
                                               SoupMessage         *msg,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The cancellable @msg was last sent with through td_http_send_and_read_async(), or NULL.
 * (transfer none) */
GCancellable *td_http_message_get_cancellable (SoupMessage         *msg);

/* Parses @body as JSON; NULL when empty or not JSON (no error: callers classify). */
JsonNode    *td_http_parse_json     (GBytes       *body);

/* Retry-After of @msg in seconds (delta or HTTP date), 0 when absent. */
guint        td_http_retry_after    (SoupMessage  *msg);

/* @msg after send_and_read (@body may be NULL), or @transport_error when sending failed.
 * Sets @retry_after_s and @message (transfer full, nullable). */
TdSyncStatus td_http_classify       (SoupMessage  *msg,
                                     GBytes       *body,
                                     const GError *transport_error,
                                     guint        *retry_after_s,
                                     char        **message);

/* Fills a fresh outcome for @item_id from a classified answer (DONE needs listing_state set by
 * the caller). */
TdSyncOutcome *td_http_outcome      (gint64        item_id,
                                     TdSyncStatus  status,
                                     guint         retry_after_s,
                                     const char   *message);

G_END_DECLS

/* td-sync-engine-accounts.c — the accounts the sync engine drives: building each one's
 * marketplace class and credentials from its settings, the daily request budget, the token
 * bucket, and charging every HTTP request to its account.
 *
 * The budget is checked twice: before a call starts (td_sync_engine_can_send) and for every
 * request as the session queues it. A request of one of the engine's calls (TdSyncCall) that
 * comes once the budget is used up is refused there: its call's cancellable is cancelled
 * before libsoup sends anything, so a batch under way stops at the budget, and the batch or
 * poll puts what it did not finish back for the next UTC day without an attempt counted.
 *
 * Settings read (account JSON): concurrency (batches in flight, default 2), daily_budget
 * (requests a UTC day, 0 none), poll_interval (seconds), requests_per_second (instead of the
 * class's rate), urls.token (the OAuth2 token endpoint; eBay's comes from urls.identity).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "td-ebay.h"
#include "td-etsy-private.h"
#include "td-http.h"
#include "td-sync-engine-private.h"

#define DEFAULT_CONCURRENCY 2

/* Marks on a call's cancellable: one of the engine's calls; the budget refused a request. */
#define CALL_KEY        "td-sync-call"
#define OVER_BUDGET_KEY "td-sync-call-over-budget"

/* Accounts ------------------------------------------------------------------------------- */

TdSyncAccount *
td_sync_account_ref (TdSyncAccount *acc)
{
  acc->ref_count++;
  return acc;
}

void
td_sync_account_unref (TdSyncAccount *acc)
{
  if (acc == NULL || --acc->ref_count > 0)
    return;
  g_clear_pointer (&acc->account, td_marketplace_account_free);
  g_clear_object (&acc->marketplace);
  g_clear_object (&acc->credentials);
  g_clear_pointer (&acc->prefixes, g_ptr_array_unref);
  g_free (acc->budget_day);
  g_free (acc);
}

static char *
day_of (gint64 utc_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc_us / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

static gint64
next_day_start (gint64 utc_us)
{
  gint64 day = G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;

  return (utc_us / day + 1) * day;
}

guint
td_sync_engine_secs_to_next_day (gint64 now)
{
  return (guint) ((next_day_start (now) - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* The budget counts the UTC day of @now: reads the stored count when the day changed. */
static void
budget_roll (TdSyncEngine  *self,
             TdSyncAccount *acc,
             gint64         now)
{
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (acc->daily_budget <= 0)
    return;
  day = day_of (now);
  if (g_strcmp0 (day, acc->budget_day) == 0)
    return;
  name = g_strconcat ("budget:", day, NULL);
  value = td_store_sync_cursor_get (self->db, acc->account->id, name, &error);
  if (error != NULL)
    g_warning ("Reading the request budget of %s: %s", acc->account->name, error->message);
  acc->budget_used = value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
  g_free (acc->budget_day);
  acc->budget_day = g_steal_pointer (&day);
}

/* The budget of @acc is used up for @now's UTC day. */
static gboolean
budget_spent (TdSyncEngine  *self,
              TdSyncAccount *acc,
              gint64         now)
{
  budget_roll (self, acc, now);
  return acc->daily_budget > 0 && acc->budget_used >= acc->daily_budget;
}

static gint64
settings_int (JsonObject *settings,
              const char *member,
              gint64      fallback)
{
  JsonNode *node;

  if (settings == NULL || (node = json_object_get_member (settings, member)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64) json_node_get_double (node);
    case G_TYPE_STRING:
      return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
    default:
      return fallback;
    }
}

TdSyncAccount *
td_sync_account_new (TdSyncEngine               *self,
             const TdMarketplaceAccount *account,
             gint64                      now)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *settings = NULL;
  JsonObject *urls = NULL;
  const char *token_url = NULL;
  g_autofree char *ebay_token_url = NULL;
  TdSyncAccount *acc;
  double rate;

  if (account->settings != NULL
      && json_parser_load_from_data (parser, account->settings, -1, NULL)
      && json_parser_get_root (parser) != NULL
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    settings = json_node_get_object (json_parser_get_root (parser));
  if (settings != NULL && json_object_has_member (settings, "urls")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (settings, "urls")))
    urls = json_object_get_object_member (settings, "urls");
  if (urls != NULL && json_object_has_member (urls, "token")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (urls, "token")))
    token_url = json_object_get_string_member (urls, "token");

  /* eBay's token endpoint lives with its identity API (settings urls.identity) */
  if (token_url == NULL && g_strcmp0 (account->kind, TD_MARKETPLACE_EBAY) == 0)
    token_url = ebay_token_url = td_ebay_token_url_for (account);
  /* Etsy's sits on its own host, not under the API base. */
  if (token_url == NULL && g_strcmp0 (account->kind, TD_MARKETPLACE_ETSY) == 0)
    token_url = TD_ETSY_DEFAULT_TOKEN_URL;

  acc = g_new0 (TdSyncAccount, 1);
  acc->ref_count = 1;
  acc->prefixes = g_ptr_array_new_with_free_func (g_free);
  if (account->base_url != NULL && *account->base_url != '\0')
    g_ptr_array_add (acc->prefixes, g_strdup (account->base_url));
  if (urls != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (urls);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (urls, l->data);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
              && *json_node_get_string (node) != '\0')
            g_ptr_array_add (acc->prefixes, g_strdup (json_node_get_string (node)));
        }
    }
  acc->account = td_marketplace_account_copy (account);
  acc->credentials = td_credentials_new (self->secrets, self->session, account, token_url);
  acc->marketplace = td_marketplace_new_for_account (self->session, account, acc->credentials,
                                                     &error);
  if (acc->marketplace == NULL)
    {
      g_message ("Not syncing %s: %s", account->name, error->message);
      td_sync_account_unref (acc);
      return NULL;
    }

  acc->concurrency = CLAMP (settings_int (settings, "concurrency", DEFAULT_CONCURRENCY), 1, 16);
  acc->daily_budget = MAX (0, settings_int (settings, "daily_budget", 0));
  acc->poll_interval_s = CLAMP (settings_int (settings, "poll_interval", self->poll_interval_s),
                                1, 86400);
  rate = td_marketplace_rate_limit (acc->marketplace);
  if (settings != NULL && json_object_has_member (settings, "requests_per_second"))
    {
      JsonNode *node = json_object_get_member (settings, "requests_per_second");

      if (JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_DOUBLE
                                           || json_node_get_value_type (node) == G_TYPE_INT64))
        rate = json_node_get_double (node);
    }
  acc->rate = rate > 0 ? rate : 1.0;
  acc->tokens = MAX (1.0, acc->rate);
  acc->tokens_at = g_get_monotonic_time ();
  acc->next_poll_at = now;   /* catch up on orders at once */
  budget_roll (self, acc, now);
  return acc;
}

void
td_sync_engine_drop_accounts (TdSyncEngine *self)
{
  for (guint i = 0; i < self->accounts->len; i++)
    ((TdSyncAccount *) g_ptr_array_index (self->accounts, i))->gone = TRUE;
  g_ptr_array_set_size (self->accounts, 0);
}

/* Budget and rate ------------------------------------------------------------------------ */

gboolean
td_sync_engine_can_send (TdSyncEngine  *self,
                         TdSyncAccount *acc,
                         gint64         now,
                         gint64        *wake_at)
{
  gint64 mono = g_get_monotonic_time ();
  double cap = MAX (1.0, acc->rate);

  if (budget_spent (self, acc, now))
    {
      if (wake_at != NULL)
        *wake_at = MIN (*wake_at, next_day_start (now));
      return FALSE;
    }

  acc->tokens = MIN (cap, acc->tokens + (mono - acc->tokens_at) * acc->rate / G_USEC_PER_SEC);
  acc->tokens_at = mono;
  if (acc->tokens < 1.0)
    {
      if (wake_at != NULL)
        *wake_at = MIN (*wake_at, now + 1 + (gint64) ((1.0 - acc->tokens) / acc->rate
                                                      * G_USEC_PER_SEC));
      return FALSE;
    }
  return TRUE;
}

void
td_sync_engine_reserve (TdSyncAccount *acc)
{
  acc->tokens -= 1.0;
}

void
td_sync_engine_release (TdSyncAccount *acc)
{
  acc->tokens += 1.0;
}

/* One HTTP request of @acc went out. */
static void
spend (TdSyncEngine  *self,
       TdSyncAccount *acc,
       gint64         now)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  acc->requests++;
  acc->tokens -= 1.0;
  if (acc->daily_budget <= 0)
    return;
  budget_roll (self, acc, now);
  acc->budget_used++;
  name = g_strconcat ("budget:", acc->budget_day, NULL);
  value = g_strdup_printf ("%" G_GINT64_FORMAT, acc->budget_used);
  /* the count in memory is what decides; the writer keeps it across restarts */
  td_sync_writer_cursor_set (self->writer, acc->account->id, name, value);
}

/* The account a request belongs to: the longest URL prefix, else the only busy account. */
static TdSyncAccount *
account_of_request (TdSyncEngine *self,
                    SoupMessage  *msg)
{
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (msg));
  TdSyncAccount *best = NULL, *busy = NULL;
  gsize best_len = 0;
  guint n_busy = 0;

  for (guint i = 0; i < self->accounts->len; i++)
    {
      TdSyncAccount *acc = g_ptr_array_index (self->accounts, i);

      if (acc->in_flight > 0 || acc->polling)
        {
          busy = acc;
          n_busy++;
        }
      for (guint k = 0; k < acc->prefixes->len; k++)
        {
          const char *prefix = g_ptr_array_index (acc->prefixes, k);
          gsize len = strlen (prefix);

          if (len > best_len && g_str_has_prefix (url, prefix))
            {
              best = acc;
              best_len = len;
            }
        }
    }
  return best != NULL ? best : n_busy == 1 ? busy : NULL;
}

void
td_sync_engine_request_queued_cb (SoupSession  *session,
                                  SoupMessage  *msg,
                                  TdSyncEngine *self)
{
  GCancellable *cancellable = td_http_message_get_cancellable (msg);
  TdSyncAccount *acc;
  gint64 now;

  /* Its call was stopped or refused already: libsoup never sends it, it costs nothing. */
  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return;
  acc = account_of_request (self, msg);
  if (acc == NULL)
    return;
  now = td_sync_engine_now (self);
  if (cancellable != NULL
      && g_object_get_data (G_OBJECT (cancellable), CALL_KEY) != NULL
      && budget_spent (self, acc, now))
    {
      /* One of our calls asks past the day's budget (a batch under way): cancelled here,
       * before libsoup sends anything, the request never goes out and the call ends. What
       * staff do in Preferences (their own cancellables) is not refused. */
      g_debug ("%s: the day's %" G_GINT64_FORMAT " requests are used up; the rest waits for "
               "tomorrow", acc->account->name, acc->daily_budget);
      g_object_set_data (G_OBJECT (cancellable), OVER_BUDGET_KEY, GINT_TO_POINTER (TRUE));
      g_cancellable_cancel (cancellable);
      return;
    }
  spend (self, acc, now);
}

/* Calls ---------------------------------------------------------------------------------- */

static void
stop_call_cb (GCancellable *stop,
              gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
td_sync_call_begin (TdSyncCall   *call,
                    TdSyncEngine *self)
{
  g_assert (call->cancellable == NULL);

  call->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (call->cancellable), CALL_KEY, GINT_TO_POINTER (TRUE));
  call->stop = g_object_ref (self->cancellable);
  call->stop_handler = g_cancellable_connect (call->stop, G_CALLBACK (stop_call_cb),
                                              g_object_ref (call->cancellable), g_object_unref);
}

void
td_sync_call_end (TdSyncCall *call)
{
  if (call->stop != NULL)
    g_cancellable_disconnect (call->stop, call->stop_handler);
  call->stop_handler = 0;
  g_clear_object (&call->stop);
  g_clear_object (&call->cancellable);
}

gboolean
td_sync_call_stopped (TdSyncCall *call)
{
  return g_cancellable_is_cancelled (call->stop);
}

gboolean
td_sync_call_over_budget (TdSyncCall *call)
{
  return !td_sync_call_stopped (call)
         && g_object_get_data (G_OBJECT (call->cancellable), OVER_BUDGET_KEY) != NULL;
}

gint64
td_sync_engine_backoff (guint failures)
{
  double base = 5.0 * (1u << MIN (failures, 8u));
  double jitter = g_random_double_range (0.8, 1.2);

  return (gint64) (MIN (base, 900.0) * jitter * G_USEC_PER_SEC);
}

gboolean
td_sync_account_budget_spent (TdSyncAccount *acc,
                              gint64         now)
{
  g_autofree char *today = NULL;

  if (acc->daily_budget <= 0 || acc->budget_used < acc->daily_budget || acc->budget_day == NULL)
    return FALSE;
  today = day_of (now);
  return g_str_equal (today, acc->budget_day);
}

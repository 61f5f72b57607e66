/* td-etsy-changes.c — updating and withdrawing a listing that is on Etsy.
 *
 * Update: the price through the inventory (GET → edit → PUT the whole array; updateListing
 * has no price since 2022), then title, description and tags with updateListing.
 * Withdraw: state=inactive (Etsy refuses quantity 0); a listing that is not active any more
 * (sold out on Etsy, still a draft, expired, deleted) counts as withdrawn. Either way the
 * remote_ref's "inventory" is cleared, so a relist writes quantity 1 again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-etsy"

#include "td-etsy-private.h"
#include "td-http.h"

/* Update: price through the inventory, then title, description and tags. */

static void
on_details_updated (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(TdEtsyAnswer) answer = td_etsy_run_answer (task, result);
  const char *state;

  if (answer == NULL)
    return;
  state = td_etsy_listing_state (answer->root);
  td_etsy_run_finished (task, state != NULL ? state : TD_LISTING_LIVE);
}

void
td_etsy_run_update_details (GTask *task)
{
  TdEtsyRun *run = g_task_get_task_data (task);
  TdEtsy *self = g_task_get_source_object (task);
  TdSyncItem *item = td_etsy_run_current (run);
  g_autoptr(GHashTable) form = td_etsy_form_new ();
  g_autofree char *tags = td_etsy_tags_for (item, run->now_year);
  TdEtsyRequest *request;

  g_hash_table_insert (form, (char *) "title", td_etsy_clean_title (item->title));
  g_hash_table_insert (form, (char *) "description", td_etsy_description_for (item));
  if (*tags != '\0' && td_etsy_send_tags (self))
    g_hash_table_insert (form, (char *) "tags", g_steal_pointer (&tags));
  request = td_etsy_request_new (self, "PATCH",
                                 "/v3/application/shops/%" G_GINT64_FORMAT "/listings/%s",
                                 td_etsy_setting_int (self, "shop_id"), run->listing_id);
  td_etsy_request_set_form (request, form);
  td_etsy_run_send (task, request, on_details_updated);
}

/* Withdraw: state=inactive (Etsy refuses quantity 0). A listing that is no longer active
 * (sold out on Etsy, still a draft, expired, deleted) counts as withdrawn. */

/* Ended: a later publish (a refund relisting the item) writes the inventory again, so the
 * listing has quantity 1 before it is made active — Etsy's own sale leaves 0. */
static void
withdrawn (GTask *task)
{
  TdEtsyRun *run = g_task_get_task_data (task);

  json_object_set_boolean_member (run->ref, "inventory", FALSE);
  td_etsy_run_finished (task, TD_LISTING_ENDED);
}

static void
on_withdraw_checked (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  TdEtsyRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEtsyAnswer) answer = td_etsy_send_finish (g_task_get_source_object (task),
                                                        result, &error);
  const char *state = answer != NULL ? td_etsy_listing_state (answer->root) : NULL;

  if (answer != NULL && (answer->http_status == 404
                         || (answer->status == TD_SYNC_DONE && state != NULL
                             && g_strcmp0 (state, TD_LISTING_LIVE) != 0)))
    {
      withdrawn (task);
      return;
    }
  td_etsy_run_answered (task, run->failure);
}

static void
on_withdrawn (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  TdEtsyRun *run = g_task_get_task_data (task);
  TdEtsy *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEtsyAnswer) answer = td_etsy_send_finish (self, result, &error);
  TdEtsyRequest *request;

  if (answer == NULL)
    {
      td_etsy_run_failed (task, error->message);
      return;
    }
  if (answer->status == TD_SYNC_DONE)
    {
      withdrawn (task);
      return;
    }
  if (answer->status != TD_SYNC_FAILED)
    {
      td_etsy_run_answered (task, answer);
      return;
    }
  run->failure = g_steal_pointer (&answer);
  request = td_etsy_request_new (self, "GET", "/v3/application/listings/%s", run->listing_id);
  td_etsy_run_send (task, request, on_withdraw_checked);
}

void
td_etsy_run_withdraw (GTask *task)
{
  TdEtsyRun *run = g_task_get_task_data (task);
  TdEtsy *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) form = td_etsy_form_new ();
  TdEtsyRequest *request;

  g_hash_table_insert (form, (char *) "state", g_strdup ("inactive"));
  request = td_etsy_request_new (self, "PATCH",
                                 "/v3/application/shops/%" G_GINT64_FORMAT "/listings/%s",
                                 td_etsy_setting_int (self, "shop_id"), run->listing_id);
  td_etsy_request_set_form (request, form);
  td_etsy_run_send (task, request, on_withdrawn);
}

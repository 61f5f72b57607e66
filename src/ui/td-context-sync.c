/* td-context-sync.c — the open shop's marketplace sync engine, reached through the TdContext.
 *
 * One engine per open shop: made on first use on the context's (main-thread) database, with
 * the shop's secrets and photo folder, and stopped when the context goes away (the shop is
 * closed). The window starts it once it is shown; the Sell page kicks it after each sale so
 * the withdrawals go out within seconds; Preferences › Marketplaces reloads it after an
 * account changes. The engine never blocks: every call here returns at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-context"

#include "config.h"

#include "td-context-photos.h"
#include "td-context-sync.h"
#include "td-secrets.h"

#define SYNC_ENGINE_KEY "td-sync-engine"
#define RECONNECT_KEY   "td-sync-reconnect"

static GHashTable *
get_reconnect_set (TdContext *self)
{
  GHashTable *set = g_object_get_data (G_OBJECT (self), RECONNECT_KEY);

  if (set == NULL)
    {
      set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (self), RECONNECT_KEY, set,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return set;
}

static void
needs_reconnect_cb (TdSyncEngine *engine,
                    gint64        account_id,
                    TdContext    *self)
{
  g_hash_table_add (get_reconnect_set (self), g_memdup2 (&account_id, sizeof account_id));
}

static void
engine_destroy (gpointer data)
{
  TdSyncEngine *engine = data;

  td_sync_engine_stop (engine);
  g_object_unref (engine);
}

/**
 * td_context_get_sync_engine:
 * @self: a #TdContext
 *
 * Returns: (transfer none): the shop's sync engine (made, not started, on first use)
 */
TdSyncEngine *
td_context_get_sync_engine (TdContext *self)
{
  TdSyncEngine *engine;

  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  engine = g_object_get_data (G_OBJECT (self), SYNC_ENGINE_KEY);
  if (engine == NULL)
    {
      TdPhotoStore *photos = td_context_get_photo_store (self);

      engine = td_sync_engine_new (td_context_get_database (self), td_context_get_secrets (self),
                                   td_photo_store_get_root (photos));
      g_object_set_data_full (G_OBJECT (self), SYNC_ENGINE_KEY, engine, engine_destroy);
      /* Looked up first: the signal is part of the engine's contract, but a missing one must
       * not take the counter down. */
      if (g_signal_lookup ("account-needs-reconnect", TD_TYPE_SYNC_ENGINE) != 0)
        g_signal_connect_object (engine, "account-needs-reconnect",
                                 G_CALLBACK (needs_reconnect_cb), self, 0);
    }
  return engine;
}

/* Starts draining the outbox in the background. */
void
td_context_start_sync (TdContext *self)
{
  g_return_if_fail (TD_IS_CONTEXT (self));

  td_sync_engine_start (td_context_get_sync_engine (self));
}

/* Stops it (the shop is closing); a later start resumes where the outbox stands. */
void
td_context_stop_sync (TdContext *self)
{
  TdSyncEngine *engine;

  g_return_if_fail (TD_IS_CONTEXT (self));

  engine = g_object_get_data (G_OBJECT (self), SYNC_ENGINE_KEY);
  if (engine != NULL)
    td_sync_engine_stop (engine);
}

/* Wakes the engine now: after a sale, or "Sync now". */
void
td_context_kick_sync (TdContext *self)
{
  g_return_if_fail (TD_IS_CONTEXT (self));

  td_sync_engine_kick (td_context_get_sync_engine (self));
}

/* The accounts changed: the engine loads them again. */
void
td_context_reload_sync (TdContext *self)
{
  g_return_if_fail (TD_IS_CONTEXT (self));

  td_sync_engine_reload (td_context_get_sync_engine (self));
}

gboolean
td_context_sync_needs_reconnect (TdContext *self,
                                 gint64     account_id)
{
  g_return_val_if_fail (TD_IS_CONTEXT (self), FALSE);

  return g_hash_table_contains (get_reconnect_set (self), &account_id);
}

/* The account was connected again: it no longer needs reconnecting. */
void
td_context_sync_reconnected (TdContext *self,
                             gint64     account_id)
{
  g_return_if_fail (TD_IS_CONTEXT (self));

  g_hash_table_remove (get_reconnect_set (self), &account_id);
}

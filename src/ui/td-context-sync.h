/* td-context-sync.h — the open shop's marketplace sync engine, reached through the TdContext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-context.h"
#include "td-sync-engine.h"

G_BEGIN_DECLS

TdSyncEngine *td_context_get_sync_engine (TdContext *self);
void          td_context_start_sync      (TdContext *self);
void          td_context_stop_sync       (TdContext *self);
void          td_context_kick_sync       (TdContext *self);
void          td_context_reload_sync     (TdContext *self);
/* Whether the engine found the account's sign-in refused (invalid_grant, 401 after a refresh)
 * since it was last connected. */
gboolean      td_context_sync_needs_reconnect (TdContext *self,
                                               gint64     account_id);
void          td_context_sync_reconnected     (TdContext *self,
                                               gint64     account_id);

G_END_DECLS

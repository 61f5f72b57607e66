/* td-sync-page.h — the main window's Marketplaces section: conflicts, queue, errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_SYNC_PAGE (td_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (TdSyncPage, td_sync_page, TD, SYNC_PAGE, AdwBin)

void  td_sync_page_set_context   (TdSyncPage *self,
                                  TdContext  *context);
/* Reads everything again now (the page does it by itself, coalesced, on the engine's
 * "changed"); tests call it after writing through the store. */
void  td_sync_page_refresh       (TdSyncPage *self);
/* The "Mark as Handled" button of @conflict_id (tests), or NULL. */
GtkWidget *td_sync_page_get_conflict_button (TdSyncPage *self,
                                             gint64      conflict_id);

G_END_DECLS

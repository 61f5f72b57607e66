/* td-context-photos.c — the shop's photo store, reached through the TdContext.
 *
 * Kept out of td-context.c so the context stays small: the store is made on first use, beside
 * the shop's database (td_photo_store_dup_root_for()), and lives as long as the context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-context"

#include "config.h"

#include "td-context-photos.h"

#define PHOTO_STORE_KEY "td-photo-store"

/**
 * td_context_get_photo_store:
 * @self: a #TdContext
 *
 * Returns: (transfer none): the shop's photos, on the context's (main-thread) database
 */
TdPhotoStore *
td_context_get_photo_store (TdContext *self)
{
  TdPhotoStore *store;

  g_return_val_if_fail (TD_IS_CONTEXT (self), NULL);

  store = g_object_get_data (G_OBJECT (self), PHOTO_STORE_KEY);
  if (store == NULL)
    {
      TdDatabase *db = td_context_get_database (self);
      g_autofree char *root = td_photo_store_dup_root_for (td_database_get_path (db));

      store = td_photo_store_new (db, root);
      g_object_set_data_full (G_OBJECT (self), PHOTO_STORE_KEY, store, g_object_unref);
    }
  return store;
}

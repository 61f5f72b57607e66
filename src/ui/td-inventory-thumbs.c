/* td-inventory-thumbs.c — the inventory list's main-photo column.
 *
 * A narrow first column showing each item's main photo. A cell binds in microseconds so the
 * keystroke path stays fast on a big shop: one indexed lookup of the main photo's name
 * (`photo_item (item_id, position)`) and, unless the thumbnail is already in the column's
 * memory, a placeholder while td_photo_store_load_thumbnail_async() reads it in a thread. A
 * thumbnail that arrives after its cell moved on to another item is kept for later, not shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-inventory-slots.h"
#include "td-inventory-thumbs.h"
#include "td-thumb-cell.h"

#define CELL_SIZE  32
#define CACHE_MAX  600   /* textures kept, ~12 screens; dropped wholesale when full */

typedef struct
{
  TdPhotoStore *store;
  GHashTable   *cache;   /* sha256 → GdkTexture */
} Column;

static void
column_free (gpointer  data,
             GClosure *closure)
{
  Column *column = data;

  g_object_unref (column->store);
  g_hash_table_unref (column->cache);
  g_free (column);
}

typedef struct
{
  Column      *column;   /* lives as long as the factory */
  GtkListItem *list_item;
  GtkWidget   *picture;  /* strong */
  char        *sha256;
} Load;

/* No photo: nothing. A photo not loaded yet: the grey placeholder (the cell's background). */
static void
show (GtkWidget  *picture,
      gboolean    has_photo,
      GdkTexture *texture)
{
  td_thumb_cell_set_paintable (TD_THUMB_CELL (picture), GDK_PAINTABLE (texture));
  gtk_widget_set_opacity (picture, has_photo ? 1.0 : 0.0);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GdkPixbuf) thumb = td_photo_store_load_thumbnail_finish (TD_PHOTO_STORE (object),
                                                                     result, NULL);

  if (thumb != NULL && !g_object_get_data (G_OBJECT (load->picture), "td-gone"))
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (thumb);

      if (g_hash_table_size (load->column->cache) >= CACHE_MAX)
        g_hash_table_remove_all (load->column->cache);
      g_hash_table_replace (load->column->cache, g_strdup (load->sha256), g_object_ref (texture));
      /* the cell may show another item by now */
      if (g_strcmp0 (g_object_get_data (G_OBJECT (load->picture), "td-sha"), load->sha256) == 0)
        show (load->picture, TRUE, texture);
    }
  g_object_unref (load->picture);
  g_free (load->sha256);
  g_free (load);
}

static void
fill (Column      *column,
      GtkWidget   *picture,
      TdItem      *item)
{
  g_autoptr(GHashTable) shas = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 id = item ? td_item_get_id (item) : 0;
  const char *sha = NULL;
  GdkTexture *texture;

  if (id > 0 && td_store_photos_main_shas (td_photo_store_get_database (column->store), &id, 1,
                                           shas, NULL))
    sha = g_hash_table_lookup (shas, &id);
  g_object_set_data_full (G_OBJECT (picture), "td-sha", g_strdup (sha), g_free);
  texture = sha ? g_hash_table_lookup (column->cache, sha) : NULL;
  show (picture, sha != NULL, texture);
  if (sha != NULL && texture == NULL)
    {
      Load *load = g_new0 (Load, 1);

      load->column = column;
      load->picture = g_object_ref (picture);
      load->sha256 = g_strdup (sha);
      td_photo_store_load_thumbnail_async (column->store, sha, NULL, loaded_cb, load);
    }
}

static void
slot_changed_cb (TdInventorySlot *slot,
                 GParamSpec      *pspec,
                 GtkListItem     *list_item)
{
  Column *column = g_object_get_data (G_OBJECT (list_item), "td-thumb-column");

  fill (column, gtk_list_item_get_child (list_item), td_inventory_slot_get_item (slot));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Column                   *column)
{
  /* a new thumbnail only redraws the cell (td-thumb-cell.c) */
  GtkWidget *picture = td_thumb_cell_new (CELL_SIZE);

  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "td-thumb-cell");
  gtk_list_item_set_child (list_item, picture);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Column                   *column)
{
  TdInventorySlot *slot = gtk_list_item_get_item (list_item);
  gulong id;

  g_object_set_data (G_OBJECT (list_item), "td-thumb-column", column);
  fill (column, gtk_list_item_get_child (list_item), slot ? td_inventory_slot_get_item (slot) : NULL);
  if (slot == NULL)
    return;
  id = g_signal_connect (slot, "notify::item", G_CALLBACK (slot_changed_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "td-thumb-handler", GSIZE_TO_POINTER ((gsize) id));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Column                   *column)
{
  TdInventorySlot *slot = gtk_list_item_get_item (list_item);
  gulong id = (gulong) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item),
                                                            "td-thumb-handler"));

  if (slot != NULL && id != 0)
    g_signal_handler_disconnect (slot, id);
  g_object_set_data (G_OBJECT (list_item), "td-thumb-handler", NULL);
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             Column                   *column)
{
  GtkWidget *picture = gtk_list_item_get_child (list_item);

  if (picture != NULL)
    g_object_set_data (G_OBJECT (picture), "td-gone", GINT_TO_POINTER (TRUE));
}

/**
 * td_inventory_thumbs_add_column:
 * @view: the inventory's column view (rows are TdInventorySlots)
 * @store: the shop's photos
 *
 * Puts the main-photo column first.
 */
void
td_inventory_thumbs_add_column (GtkColumnView *view,
                                TdPhotoStore  *store)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column_view_column = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *others;
  guint n;
  Column *column;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (TD_IS_PHOTO_STORE (store));

  column = g_new0 (Column, 1);
  column->store = g_object_ref (store);
  column->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cb), column, column_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), column);
  /* Translators: the inventory's photo column; a short title over thumbnails */
  column_view_column = gtk_column_view_column_new (_("Photo"), g_steal_pointer (&factory));
  gtk_column_view_column_set_fixed_width (column_view_column, CELL_SIZE + 16);
  /* GTK 4.8 has no insert_column: take the others off, put this one first, put them back */
  others = gtk_column_view_get_columns (view);
  n = g_list_model_get_n_items (others);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (columns, g_list_model_get_item (others, i));
  for (guint i = 0; i < columns->len; i++)
    gtk_column_view_remove_column (view, columns->pdata[i]);
  gtk_column_view_append_column (view, column_view_column);
  for (guint i = 0; i < columns->len; i++)
    gtk_column_view_append_column (view, columns->pdata[i]);
}

/* td-photo-strip-import.c — how photos come into a strip: the camera's snapshots, files
 * (chooser or dropped), and the clipboard (pixels, or copied files).
 *
 * Each goes through td_photo_store_import_async(): decoded, encoded and written in a thread, the
 * row written back here. A snapshot shows at once as a pending tile made from the frame in
 * memory; when it is saved, that same texture becomes its thumbnail, so nothing flickers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-photos"

#include "config.h"

#include <glib/gi18n.h>

#include "td-photo-strip-private.h"

/* Adding ------------------------------------------------------------------------------------ */

typedef struct
{
  GWeakRef    strip;
  GdkTexture *pending;   /* nullable */
} Adding;

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Adding *adding = user_data;
  g_autoptr(TdPhotoStrip) self = g_weak_ref_get (&adding->strip);
  g_autoptr(GError) error = NULL;
  TdPhotoRow row;
  gboolean ok;

  ok = td_photo_store_import_finish (TD_PHOTO_STORE (object), result, &row, &error);
  if (self != NULL)
    {
      if (adding->pending != NULL)
        {
          g_ptr_array_remove (self->pending, adding->pending);
          if (ok)   /* the frame shown at once is the thumbnail from now on */
            g_hash_table_replace (self->textures, g_strdup (row.sha256),
                                  g_object_ref (adding->pending));
        }
      if (!ok)
        td_photo_strip_toast (self, error->message);
      td_photo_strip_reload (self);
    }
  g_weak_ref_clear (&adding->strip);
  g_clear_object (&adding->pending);
  g_free (adding);
}

static void
add_async (TdPhotoStrip *self,
           GBytes       *data,
           GdkPixbuf    *pixbuf)
{
  Adding *adding = g_new0 (Adding, 1);

  g_weak_ref_init (&adding->strip, self);
  if (pixbuf != NULL)
    {
      g_autoptr(GdkPixbuf) small = td_photo_image_scale_to_fit (pixbuf, TD_PHOTO_THUMB_SIZE);

      adding->pending = gdk_texture_new_for_pixbuf (small);
      g_ptr_array_add (self->pending, g_object_ref (adding->pending));
      td_photo_strip_reload (self);
    }
  /* not the strip's cancellable: a photo taken is saved even if the strip goes away */
  td_photo_store_import_async (self->store, self->item_id, data, pixbuf, NULL, imported_cb,
                               adding);
}

void
td_photo_strip_captured_cb (TdPhotoStrip *self,
                            GdkPixbuf    *pixbuf)
{
  if (self->item_id > 0)
    add_async (self, NULL, pixbuf);
}

/**
 * td_photo_strip_import_files:
 * @self: a #TdPhotoStrip
 * @files: (element-type GFile): picture files
 *
 * Adds each file as a photo of the item; refusals show as toasts, one per file.
 */
void
td_photo_strip_import_files (TdPhotoStrip *self,
                             GListModel   *files)
{
  g_return_if_fail (TD_IS_PHOTO_STRIP (self));

  for (guint i = 0; self->item_id > 0 && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GError) error = NULL;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
      if (info != NULL && g_file_info_get_size (info) > TD_PHOTO_MAX_FILE_BYTES)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("%s is too large for a photo."), name);

          td_photo_strip_toast (self, text);
          continue;
        }
      if (info != NULL)
        data = g_file_load_bytes (file, NULL, NULL, &error);
      if (data == NULL)
        {
          td_photo_strip_toast (self, error->message);
          continue;
        }
      add_async (self, data, NULL);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  TdPhotoStrip *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      td_photo_strip_import_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

void
td_photo_strip_import_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TdPhotoStrip *self = TD_PHOTO_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Photos"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdPhotoStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (value == NULL)
    {
      td_photo_strip_toast (self, _("The clipboard holds no picture."));
      return;
    }
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  td_photo_strip_import_files (self, G_LIST_MODEL (files));
}

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TdPhotoStrip) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);
  if (texture == NULL)
    {
      /* copied files (a file manager's Copy) rather than pixels */
      gdk_clipboard_read_value_async (GDK_CLIPBOARD (object), GDK_TYPE_FILE_LIST,
                                      G_PRIORITY_DEFAULT, NULL, paste_files_cb,
                                      g_steal_pointer (&self));
      return;
    }
  pixbuf = gdk_pixbuf_get_from_texture (texture);
  add_async (self, NULL, pixbuf);
}

void
td_photo_strip_paste_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (widget), NULL, paste_texture_cb,
                                    g_object_ref (widget));
}

gboolean
td_photo_strip_drop_cb (GtkDropTarget *target,
                        const GValue  *value,
                        double         x,
                        double         y,
                        gpointer       user_data)
{
  TdPhotoStrip *self = user_data;

  if (self->item_id <= 0)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        g_list_store_append (files, l->data);
      td_photo_strip_import_files (self, G_LIST_MODEL (files));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_get_from_texture (g_value_get_object (value));

      add_async (self, NULL, pixbuf);
      return TRUE;
    }
  return FALSE;
}


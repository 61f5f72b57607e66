/* td-photo-strip.c — one item's photos: thumbnails, camera, import, reorder, delete.
 *
 * A row of thumbnails, main photo first. Photos come from the camera (a TdCameraView revealed
 * by the camera button), files (chooser, or dropped on the strip) and the clipboard (Ctrl+V).
 * A snapshot shows at once as a tile from the in-memory frame while the photo store encodes and
 * writes it in a thread. Tiles are dragged onto each other to reorder; each has a menu: view,
 * set as main, rotate, delete — delete offers Undo in a toast, and the file goes only when the
 * toast does. Changes apply at once (they are not part of an editor's Save). Thumbnails load
 * off the main thread and are kept per strip, keyed by content hash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-photos"

#include "config.h"

#include <glib/gi18n.h>

#include "td-camera-view.h"
#include "td-photo-strip-private.h"

#define TILE_SIZE 96

G_DEFINE_FINAL_TYPE (TdPhotoStrip, td_photo_strip, GTK_TYPE_WIDGET)

void
td_photo_strip_toast (TdPhotoStrip *self,
                      const char   *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* Thumbnails -------------------------------------------------------------------------------- */

typedef struct
{
  GWeakRef  strip;
  GtkWidget *picture;   /* strong */
  char      *sha256;
} ThumbLoad;

static void
thumb_load_free (ThumbLoad *load)
{
  g_weak_ref_clear (&load->strip);
  g_object_unref (load->picture);
  g_free (load->sha256);
  g_free (load);
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbLoad *load = user_data;
  g_autoptr(TdPhotoStrip) self = g_weak_ref_get (&load->strip);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  thumb = td_photo_store_load_thumbnail_finish (TD_PHOTO_STORE (object), result, &error);
  if (thumb == NULL || self == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Thumbnail %s: %s", load->sha256, error->message);
      thumb_load_free (load);
      return;
    }
  texture = gdk_texture_new_for_pixbuf (thumb);
  g_hash_table_replace (self->textures, g_strdup (load->sha256), g_object_ref (texture));
  gtk_picture_set_paintable (GTK_PICTURE (load->picture), GDK_PAINTABLE (texture));
  thumb_load_free (load);
}

/* Tiles ------------------------------------------------------------------------------------- */

static gboolean
tile_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              gpointer       user_data)
{
  TdPhotoStrip *self = user_data;
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (tile), "td-position"));
  g_autoptr(GError) error = NULL;

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  if (!td_photo_store_move (self->store, g_value_get_int64 (value), position, &error))
    {
      td_photo_strip_toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
tile_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (tile), "td-photo-id");

  if (n_press == 2)
    gtk_widget_activate_action (tile, "photos.view", "x", id);
}

static GMenuModel *
tile_menu (gint64 photo_id,
           int    position)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) view = g_menu_item_new (_("_View"), NULL);
  g_autoptr(GMenuItem) main_item = g_menu_item_new (_("Set as _Main Photo"), NULL);
  g_autoptr(GMenuItem) rotate = g_menu_item_new (_("_Rotate"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target (view, "photos.view", "x", photo_id);
  g_menu_item_set_action_and_target (main_item, "photos.set-main", "x", photo_id);
  g_menu_item_set_action_and_target (rotate, "photos.rotate", "x", photo_id);
  g_menu_item_set_action_and_target (remove, "photos.delete", "x", photo_id);
  g_menu_append_item (menu, view);
  if (position > 0)
    g_menu_append_item (menu, main_item);
  g_menu_append_item (menu, rotate);
  g_menu_append_item (menu, remove);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
tile_new (TdPhotoStrip     *self,
          const TdPhotoRow *row,
          GdkTexture       *pending)
{
  GtkWidget *tile = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GdkTexture *texture = pending;

  gtk_widget_add_css_class (tile, "td-photo-tile");
  gtk_widget_set_size_request (picture, TILE_SIZE, TILE_SIZE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_overflow (tile, GTK_OVERFLOW_HIDDEN);
  gtk_overlay_set_child (GTK_OVERLAY (tile), picture);

  if (row != NULL)
    {
      g_autoptr(GMenuModel) menu = tile_menu (row->id, row->position);
      GtkWidget *button = gtk_menu_button_new ();
      GtkDragSource *drag = gtk_drag_source_new ();
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
      GtkGesture *click = gtk_gesture_click_new ();
      g_autoptr(GdkContentProvider) content = NULL;

      gtk_widget_set_name (tile, "photo-tile");
      g_object_set_data_full (G_OBJECT (tile), "td-photo-id",
                              g_memdup2 (&row->id, sizeof row->id), g_free);
      g_object_set_data (G_OBJECT (tile), "td-position", GINT_TO_POINTER (row->position));
      /* Translators: a photo thumbnail's accessible name; %d is its place, 1 = main */
      gtk_widget_set_tooltip_text (tile, row->position == 0 ? _("Main photo") : NULL);
      if (row->position == 0)
        {
          GtkWidget *badge = gtk_label_new (_("Main"));

          gtk_widget_add_css_class (badge, "td-photo-main");
          gtk_widget_set_halign (badge, GTK_ALIGN_START);
          gtk_widget_set_valign (badge, GTK_ALIGN_START);
          gtk_overlay_add_overlay (GTK_OVERLAY (tile), badge);
        }
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
      gtk_widget_set_tooltip_text (button, _("Photo Menu"));
      gtk_widget_add_css_class (button, "osd");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_set_valign (button, GTK_ALIGN_END);
      gtk_widget_set_margin_end (button, 4);
      gtk_widget_set_margin_bottom (button, 4);
      gtk_overlay_add_overlay (GTK_OVERLAY (tile), button);

      content = gdk_content_provider_new_typed (G_TYPE_INT64, row->id);
      gtk_drag_source_set_content (drag, content);
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (drag));
      g_signal_connect (drop, "drop", G_CALLBACK (tile_drop_cb), self);
      gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (drop));
      g_signal_connect (click, "pressed", G_CALLBACK (tile_pressed_cb), NULL);
      gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (click));

      texture = g_hash_table_lookup (self->textures, row->sha256);
      if (texture == NULL)
        {
          ThumbLoad *load = g_new0 (ThumbLoad, 1);

          g_weak_ref_init (&load->strip, self);
          load->picture = g_object_ref (picture);
          load->sha256 = g_strdup (row->sha256);
          td_photo_store_load_thumbnail_async (self->store, row->sha256, self->cancellable,
                                               thumbnail_loaded_cb, load);
        }
    }
  else
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_widget_set_name (tile, "photo-pending");
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_halign (spinner, GTK_ALIGN_END);
      gtk_widget_set_valign (spinner, GTK_ALIGN_END);
      gtk_widget_set_margin_end (spinner, 6);
      gtk_widget_set_margin_bottom (spinner, 6);
      gtk_overlay_add_overlay (GTK_OVERLAY (tile), spinner);
    }
  if (texture != NULL)
    gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  return tile;
}

static void
update_actions (TdPhotoStrip *self)
{
  gboolean has_item = self->item_id > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photos.import", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photos.paste", has_item);
  gtk_widget_set_sensitive (GTK_WIDGET (self->camera_button), has_item);
  /* no item (the bag's only item was undone, or the bag finished): nothing to photograph, so
   * the camera closes and lets the device go rather than flash for shots that go nowhere */
  if (!has_item)
    gtk_toggle_button_set_active (self->camera_button, FALSE);
}

void
td_photo_strip_reload (TdPhotoStrip *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box))) != NULL)
    gtk_box_remove (self->tiles_box, child);
  if (self->item_id > 0)
    {
      rows = td_store_photos_list (td_photo_store_get_database (self->store), self->item_id,
                                   &error);
      if (rows == NULL)
        td_photo_strip_toast (self, error->message);
    }
  for (guint i = 0; rows != NULL && i < rows->len; i++, n++)
    gtk_box_append (self->tiles_box, tile_new (self, g_ptr_array_index (rows, i), NULL));
  for (guint i = 0; i < self->pending->len; i++, n++)
    gtk_box_append (self->tiles_box, tile_new (self, NULL, g_ptr_array_index (self->pending, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), n == 0);
  update_actions (self);
}

static void
store_changed_cb (TdPhotoStrip *self,
                  gint64        item_id)
{
  if (item_id == self->item_id)
    td_photo_strip_reload (self);
}

/* Photo actions ----------------------------------------------------------------------------- */

typedef struct
{
  TdPhotoStore *store;
  TdPhotoRow    row;
  gboolean      settled;   /* undone, or the file released */
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_object_unref (undo->store);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast_,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  if (undo->settled)
    return;
  undo->settled = TRUE;
  if (!td_photo_store_restore (undo->store, &undo->row, &error))
    g_warning ("Undoing a photo delete: %s", error->message);
}

static void
undo_dismissed_cb (AdwToast *toast_,
                   Undo     *undo)
{
  /* the undo is no longer offered: now the file may go, if nobody else shows it */
  if (undo->settled)
    return;
  undo->settled = TRUE;
  td_photo_store_release (undo->store, undo->row.sha256);
}

static void
forget_toast_cb (TdPhotoStrip *self,
                 AdwToast     *t)
{
  g_ptr_array_remove (self->undo_toasts, t);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdPhotoStrip *self = TD_PHOTO_STRIP (widget);
  g_autoptr(GError) error = NULL;
  Undo *undo = g_new0 (Undo, 1);
  AdwToast *t;

  if (!td_photo_store_delete (self->store, g_variant_get_int64 (parameter), TRUE, &undo->row,
                              &error))
    {
      g_free (undo);
      td_photo_strip_toast (self, error->message);
      return;
    }
  undo->store = g_object_ref (self->store);
  t = adw_toast_new (_("Photo deleted"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect (t, "button-clicked", G_CALLBACK (undo_clicked_cb), undo);
  g_signal_connect_data (t, "dismissed", G_CALLBACK (undo_dismissed_cb), undo, undo_free, 0);
  g_ptr_array_add (self->undo_toasts, g_object_ref (t));
  g_signal_connect_object (t, "dismissed", G_CALLBACK (forget_toast_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
set_main_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdPhotoStrip *self = TD_PHOTO_STRIP (widget);
  g_autoptr(GError) error = NULL;

  if (!td_photo_store_move (self->store, g_variant_get_int64 (parameter), 0, &error))
    td_photo_strip_toast (self, error->message);
}

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdPhotoStrip *self = TD_PHOTO_STRIP (widget);
  g_autoptr(GError) error = NULL;

  if (!td_photo_store_rotate (self->store, g_variant_get_int64 (parameter), 90, &error))
    td_photo_strip_toast (self, error->message);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdPhotoStrip *self = TD_PHOTO_STRIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window, *picture;
  GtkEventController *keys;
  TdPhotoRow row;

  if (!td_store_photos_get (td_photo_store_get_database (self->store),
                            g_variant_get_int64 (parameter), &row, &error))
    {
      td_photo_strip_toast (self, error->message);
      return;
    }
  path = td_photo_store_dup_path (self->store, row.sha256);
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), gtk_label_get_text (self->title_label));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  picture = gtk_picture_new_for_filename (path);
  gtk_window_set_child (GTK_WINDOW (window), picture);
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  gtk_window_present (GTK_WINDOW (window));
}

/* Camera ------------------------------------------------------------------------------------ */

/**
 * td_photo_strip_set_camera_shown:
 * @self: a #TdPhotoStrip
 * @shown: whether the live camera is shown above the photos
 */
void
td_photo_strip_set_camera_shown (TdPhotoStrip *self,
                                 gboolean      shown)
{
  g_return_if_fail (TD_IS_PHOTO_STRIP (self));
  gtk_toggle_button_set_active (self->camera_button, shown);
}

static void
camera_toggled_cb (TdPhotoStrip *self)
{
  if (self->camera_view == NULL && gtk_toggle_button_get_active (self->camera_button))
    {
      self->camera_view = td_camera_view_new (self->settings);
      g_signal_connect_swapped (self->camera_view, "captured", G_CALLBACK (td_photo_strip_captured_cb), self);
      gtk_revealer_set_child (self->camera_revealer, self->camera_view);
    }
  if (self->camera_view != NULL && gtk_toggle_button_get_active (self->camera_button))
    gtk_widget_grab_focus (self->camera_view);
}

/**
 * td_photo_strip_get_camera_view:
 * @self: a #TdPhotoStrip
 *
 * Returns: (transfer none) (nullable): the camera view, once the camera was first shown
 */
GtkWidget *
td_photo_strip_get_camera_view (TdPhotoStrip *self)
{
  g_return_val_if_fail (TD_IS_PHOTO_STRIP (self), NULL);
  return self->camera_view;
}

guint
td_photo_strip_get_n_pending (TdPhotoStrip *self)
{
  g_return_val_if_fail (TD_IS_PHOTO_STRIP (self), 0);
  return self->pending->len;
}

/* Object ------------------------------------------------------------------------------------ */

static void
td_photo_strip_dispose (GObject *object)
{
  TdPhotoStrip *self = (TdPhotoStrip *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  /* closing the strip ends the offer to undo: the deleted photo's file may go now */
  while (self->undo_toasts != NULL && self->undo_toasts->len > 0)
    {
      g_autoptr(AdwToast) t = g_ptr_array_steal_index (self->undo_toasts, 0);

      adw_toast_dismiss (t);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_PHOTO_STRIP);
  /* dispose_template unparents only bound children; the template's root box is not one */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->undo_toasts, g_ptr_array_unref);

  G_OBJECT_CLASS (td_photo_strip_parent_class)->dispose (object);
}

/* Sized by the overlay's content for the width it gets: AdwToastOverlay 1.2 is constant-size
 * and measures its child without the width, so in the narrow intake side panel the wrapped
 * heading and hint were given the height of one line each and cut off. Toasts float. */
static GtkSizeRequestMode
td_photo_strip_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
td_photo_strip_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TdPhotoStrip *self = TD_PHOTO_STRIP (widget);
  GtkWidget *content = adw_toast_overlay_get_child (self->toasts);
  int content_min = 0, content_nat = 0;

  gtk_widget_measure (GTK_WIDGET (self->toasts), orientation, for_size, minimum, natural,
                      NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL && content != NULL)
    {
      gtk_widget_measure (content, orientation, for_size, &content_min, &content_nat, NULL, NULL);
      *minimum = MAX (*minimum, content_min);
      *natural = MAX (*natural, content_nat);
    }
}

static void
td_photo_strip_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (TD_PHOTO_STRIP (widget)->toasts), width, height, baseline,
                       NULL);
}

static void
td_photo_strip_class_init (TdPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_photo_strip_dispose;
  widget_class->get_request_mode = td_photo_strip_get_request_mode;
  widget_class->measure = td_photo_strip_measure;
  widget_class->size_allocate = td_photo_strip_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-photo-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPhotoStrip, toasts);
  gtk_widget_class_bind_template_child (widget_class, TdPhotoStrip, title_label);
  gtk_widget_class_bind_template_child (widget_class, TdPhotoStrip, camera_button);
  gtk_widget_class_bind_template_child (widget_class, TdPhotoStrip, camera_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdPhotoStrip, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, TdPhotoStrip, hint_label);

  gtk_widget_class_install_action (widget_class, "photos.import", NULL, td_photo_strip_import_action);
  gtk_widget_class_install_action (widget_class, "photos.paste", NULL, td_photo_strip_paste_action);
  gtk_widget_class_install_action (widget_class, "photos.view", "x", view_action);
  gtk_widget_class_install_action (widget_class, "photos.set-main", "x", set_main_action);
  gtk_widget_class_install_action (widget_class, "photos.rotate", "x", rotate_action);
  gtk_widget_class_install_action (widget_class, "photos.delete", "x", delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "photos.paste", NULL);

  gtk_widget_class_set_css_name (widget_class, "td-photo-strip");
}

static void
td_photo_strip_init (TdPhotoStrip *self)
{
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo_toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (td_photo_strip_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_swapped (self->camera_button, "toggled", G_CALLBACK (camera_toggled_cb), self);
  update_actions (self);
}

/**
 * td_photo_strip_new:
 * @store: the shop's photos
 * @settings: (nullable): per-machine preferences (the camera chosen)
 *
 * Returns: (transfer floating): a strip showing no item yet
 */
GtkWidget *
td_photo_strip_new (TdPhotoStore *store,
                    GSettings    *settings)
{
  TdPhotoStrip *self;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (store), NULL);

  self = g_object_new (TD_TYPE_PHOTO_STRIP, NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  td_photo_strip_reload (self);
  return GTK_WIDGET (self);
}

/**
 * td_photo_strip_set_item:
 * @self: a #TdPhotoStrip
 * @item_id: the item whose photos to show, 0 for none
 * @title: (nullable): what the heading says ("Photos of T-0042")
 */
void
td_photo_strip_set_item (TdPhotoStrip *self,
                         gint64        item_id,
                         const char   *title)
{
  g_return_if_fail (TD_IS_PHOTO_STRIP (self));

  gtk_label_set_text (self->title_label, title ? title : _("Photos"));
  if (self->item_id == item_id)
    return;
  self->item_id = item_id;
  g_ptr_array_set_size (self->pending, 0);
  td_photo_strip_reload (self);
}

gint64
td_photo_strip_get_item (TdPhotoStrip *self)
{
  g_return_val_if_fail (TD_IS_PHOTO_STRIP (self), 0);
  return self->item_id;
}

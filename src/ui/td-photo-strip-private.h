/* td-photo-strip-private.h — shared by td-photo-strip.c (tiles, photo actions) and
 * td-photo-strip-import.c (camera, files, drop, paste).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-photo-strip.h"

G_BEGIN_DECLS

struct _TdPhotoStrip
{
  GtkWidget             parent_instance;

  TdPhotoStore         *store;
  GSettings            *settings;
  gint64                item_id;
  GHashTable           *textures;     /* sha256 → GdkTexture */
  GPtrArray            *pending;      /* GdkTexture of snapshots being saved */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GtkWidget            *camera_view;
  GPtrArray            *undo_toasts;  /* AdwToast: "Photo deleted" toasts still offering Undo */

  AdwToastOverlay      *toasts;
  GtkLabel             *title_label;
  GtkToggleButton      *camera_button;
  GtkRevealer          *camera_revealer;
  GtkBox               *tiles_box;
  GtkLabel             *hint_label;
};

void     td_photo_strip_reload         (TdPhotoStrip *self);
void     td_photo_strip_toast          (TdPhotoStrip *self,
                                        const char   *message);

/* td-photo-strip-import.c */
void     td_photo_strip_captured_cb    (TdPhotoStrip *self,
                                        GdkPixbuf    *pixbuf);
void     td_photo_strip_import_action  (GtkWidget    *widget,
                                        const char   *action_name,
                                        GVariant     *parameter);
void     td_photo_strip_paste_action   (GtkWidget    *widget,
                                        const char   *action_name,
                                        GVariant     *parameter);
gboolean td_photo_strip_drop_cb        (GtkDropTarget *target,
                                        const GValue  *value,
                                        double         x,
                                        double         y,
                                        gpointer       user_data);

G_END_DECLS

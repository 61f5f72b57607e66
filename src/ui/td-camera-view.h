/* td-camera-view.h — the live camera preview with a shutter button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-camera.h"

G_BEGIN_DECLS

#define TD_TYPE_CAMERA_VIEW (td_camera_view_get_type ())

G_DECLARE_FINAL_TYPE (TdCameraView, td_camera_view, TD, CAMERA_VIEW, GtkWidget)

GtkWidget *td_camera_view_new          (GSettings    *settings);
TdCamera  *td_camera_view_get_camera   (TdCameraView *self);
gboolean   td_camera_view_snapshot     (TdCameraView *self);

G_END_DECLS

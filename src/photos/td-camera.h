/* td-camera.h — a live camera through GStreamer: frames for a preview, snapshots as pixbufs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TdCameraState:
 * @TD_CAMERA_STATE_OFF: not started, or stopped
 * @TD_CAMERA_STATE_STARTING: the pipeline is on its way; no frame yet
 * @TD_CAMERA_STATE_LIVE: frames are coming
 * @TD_CAMERA_STATE_NO_CAMERA: no camera is connected
 * @TD_CAMERA_STATE_BUSY: another program holds the camera
 * @TD_CAMERA_STATE_DENIED: the system or the person refused access
 * @TD_CAMERA_STATE_LOST: the camera went away or failed while running
 *
 * Every state past LIVE has a sentence for staff (td_camera_get_message()).
 */
typedef enum
{
  TD_CAMERA_STATE_OFF,
  TD_CAMERA_STATE_STARTING,
  TD_CAMERA_STATE_LIVE,
  TD_CAMERA_STATE_NO_CAMERA,
  TD_CAMERA_STATE_BUSY,
  TD_CAMERA_STATE_DENIED,
  TD_CAMERA_STATE_LOST,
} TdCameraState;

/* One camera of td_camera_list_devices(): @id is what td_camera_set_device() and the
 * camera-device setting take (the device node), @name what people see. */
typedef struct
{
  char *id;
  char *name;
} TdCameraDevice;

void td_camera_device_free (TdCameraDevice *device);

#define TD_TYPE_CAMERA (td_camera_get_type ())

G_DECLARE_FINAL_TYPE (TdCamera, td_camera, TD, CAMERA, GObject)

TdCamera      *td_camera_new                (void);
gboolean       td_camera_is_test_source     (void);
TdCameraState  td_camera_get_state          (TdCamera      *self);
const char    *td_camera_get_message        (TdCamera      *self);
GPtrArray     *td_camera_list_devices       (TdCamera      *self);
void           td_camera_set_device         (TdCamera      *self,
                                             const char    *device_id);
const char    *td_camera_get_device         (TdCamera      *self);
void           td_camera_set_pipewire_fd    (TdCamera      *self,
                                             int            fd);
void           td_camera_start              (TdCamera      *self);
void           td_camera_stop               (TdCamera      *self);
void           td_camera_fail               (TdCamera      *self,
                                             TdCameraState  state,
                                             const char    *message);
GBytes        *td_camera_dup_frame          (TdCamera      *self,
                                             int           *width,
                                             int           *height,
                                             gsize         *stride);
GdkPixbuf     *td_camera_snapshot           (TdCamera      *self);

G_END_DECLS

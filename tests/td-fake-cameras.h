/* td-fake-cameras.h — two cameras for tests on a computer that has none (header-only).
 *
 * A GStreamer device provider ("Video/Source") whose devices are GstDevices like v4l2's: a
 * name, caps, a `device.path`, and an element made on request. "Fake Raw Camera" offers raw
 * video at 720p (a `videotestsrc`); "Fake MJPEG Camera" offers raw video only at 640×480 and
 * MJPEG at 720p, as cheap webcams do, and sends MJPEG (`videotestsrc ! jpegenc`). So the
 * camera code's real device path — monitor, caps, choice of branch, create_element — runs.
 * Nothing is listed until td_fake_cameras_plug (TRUE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

#define TD_FAKE_RAW_PATH  "/dev/td-fake-raw"
#define TD_FAKE_MJPEG_PATH "/dev/td-fake-mjpeg"

static gboolean td_fake_cameras_plugged;

typedef struct
{
  GstDevice  parent_instance;
  char      *description;
} TdFakeCamera;

typedef struct
{
  GstDeviceClass parent_class;
} TdFakeCameraClass;

GType td_fake_camera_get_type (void);
G_DEFINE_TYPE (TdFakeCamera, td_fake_camera, GST_TYPE_DEVICE)

static GstElement *
td_fake_camera_create_element (GstDevice  *device,
                               const char *name)
{
  TdFakeCamera *self = (TdFakeCamera *) device;
  GstElement *bin = gst_parse_bin_from_description (self->description, TRUE, NULL);

  if (bin != NULL && name != NULL)
    gst_object_set_name (GST_OBJECT (bin), name);
  return bin;
}

static void
td_fake_camera_finalize (GObject *object)
{
  g_free (((TdFakeCamera *) object)->description);
  G_OBJECT_CLASS (td_fake_camera_parent_class)->finalize (object);
}

static void
td_fake_camera_class_init (TdFakeCameraClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_fake_camera_finalize;
  GST_DEVICE_CLASS (klass)->create_element = td_fake_camera_create_element;
}

static void
td_fake_camera_init (TdFakeCamera *self)
{
}

static GstDevice *
td_fake_camera_new (const char *name,
                    const char *path,
                    const char *caps_string,
                    const char *description)
{
  g_autoptr(GstCaps) caps = gst_caps_from_string (caps_string);
  GstStructure *props = gst_structure_new ("properties", "device.path", G_TYPE_STRING, path,
                                           NULL);
  TdFakeCamera *self = g_object_new (td_fake_camera_get_type (), "display-name", name,
                                     "device-class", "Video/Source", "caps", caps,
                                     "properties", props, NULL);

  gst_structure_free (props);
  self->description = g_strdup (description);
  return GST_DEVICE (self);
}

typedef struct
{
  GstDeviceProvider parent_instance;
} TdFakeCameras;

typedef struct
{
  GstDeviceProviderClass parent_class;
} TdFakeCamerasClass;

GType td_fake_cameras_get_type (void);
G_DEFINE_TYPE (TdFakeCameras, td_fake_cameras, GST_TYPE_DEVICE_PROVIDER)

static GList *
td_fake_cameras_probe (GstDeviceProvider *provider)
{
  GList *devices = NULL;

  if (!td_fake_cameras_plugged)
    return NULL;
  devices = g_list_append (devices, td_fake_camera_new (
    "Fake Raw Camera", TD_FAKE_RAW_PATH,
    "video/x-raw,format=YUY2,width=1280,height=720,framerate=15/1",
    "videotestsrc is-live=true pattern=smpte ! "
    "capsfilter caps=video/x-raw,format=YUY2,width=1280,height=720,framerate=15/1"));
  devices = g_list_append (devices, td_fake_camera_new (
    "Fake MJPEG Camera", TD_FAKE_MJPEG_PATH,
    "video/x-raw,format=YUY2,width=640,height=480,framerate=30/1; "
    "image/jpeg,width=1280,height=720,framerate=15/1",
    "videotestsrc is-live=true pattern=ball ! "
    "capsfilter caps=video/x-raw,width=1280,height=720,framerate=15/1 ! jpegenc"));
  return devices;
}

static void
td_fake_cameras_class_init (TdFakeCamerasClass *klass)
{
  GstDeviceProviderClass *provider_class = GST_DEVICE_PROVIDER_CLASS (klass);

  provider_class->probe = td_fake_cameras_probe;
  gst_device_provider_class_set_static_metadata (provider_class, "Thriftdesk test cameras",
                                                 "Video/Source", "Two cameras for tests",
                                                 "Thriftdesk");
}

static void
td_fake_cameras_init (TdFakeCameras *self)
{
}

/* Registers the provider once (gst_init first) and plugs the cameras in or out; a
 * TdCamera made afterwards lists what is plugged at that moment. */
static inline void
td_fake_cameras_plug (gboolean plugged)
{
  static gboolean registered;

  gst_init (NULL, NULL);
  if (!registered)
    registered = gst_device_provider_register (NULL, "tdfakecameras", GST_RANK_PRIMARY,
                                               td_fake_cameras_get_type ());
  g_assert_true (registered);
  td_fake_cameras_plugged = plugged;
}

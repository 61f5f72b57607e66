/* td-camera.c — a live camera through GStreamer: frames for a preview, snapshots as pixbufs.
 *
 *   source [! image/jpeg ! jpegdec] ! videoconvert ! videoscale ! RGBA ≤1080p ! appsink
 *
 * The source is `v4l2src` for the chosen (or first) camera on a desktop, `pipewiresrc` on the
 * camera portal's PipeWire remote inside Flatpak (the UI asks the portal and hands the fd over),
 * or `videotestsrc` when THRIFTDESK_CAMERA=test (`… ! jpegenc` for test-mjpeg) — the rest of
 * the pipeline is the same. An MJPEG camera gets the jpegdec branch (td-camera-source.c). The
 * appsink keeps only the newest frame (max-buffers 1, drop): the preview shows the latest, a
 * snapshot takes it. A GstDeviceMonitor watches cameras come and go: when one is plugged in
 * while there is none (or it was lost), the camera starts again by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-camera"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

#include "td-camera-private.h"

struct _TdCamera
{
  GObject           parent_instance;

  GstElement       *pipeline;
  guint             bus_watch;
  GstDeviceMonitor *monitor;
  guint             monitor_watch;
  char             *device;        /* chosen device id, NULL = the first */
  int               pipewire_fd;   /* -1 unless the portal gave one */
  char             *test_source;   /* tests: a gst-launch source in place of any camera */
  TdCameraFormat    test_format;

  TdCameraState     state;
  char             *message;
  gboolean          wanted;        /* started and not stopped by the owner: restart on plug-in */

  GMutex            lock;          /* guards sample, sample_seq, frame_queued */
  GstSample        *sample;
  guint64           sample_seq;    /* counts samples, so no frame is announced twice */
  guint64           emitted_seq;   /* main thread: the sample last announced */
  gboolean          frame_queued;
};

G_DEFINE_FINAL_TYPE (TdCamera, td_camera, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  FRAME,
  DEVICES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
td_camera_device_free (TdCameraDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->name);
  g_free (device);
}

/**
 * td_camera_is_test_source:
 *
 * Returns: whether THRIFTDESK_CAMERA=test (raw video) or test-mjpeg (MJPEG, as many webcams
 *   send) swaps the camera for GStreamer's test picture
 */
gboolean
td_camera_is_test_source (void)
{
  const char *mode = g_getenv ("THRIFTDESK_CAMERA");

  return g_strcmp0 (mode, "test") == 0 || g_strcmp0 (mode, "test-mjpeg") == 0;
}

static void
set_state (TdCamera      *self,
           TdCameraState  state,
           const char    *message)
{
  gboolean changed = self->state != state || g_strcmp0 (self->message, message) != 0;

  self->state = state;
  g_free (self->message);
  self->message = g_strdup (message);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static char *
device_id (GstDevice *device)
{
  g_autoptr(GstStructure) props = gst_device_get_properties (device);
  const char *path = NULL;

  if (props != NULL)
    path = gst_structure_get_string (props, "api.v4l2.path");
  if (path == NULL && props != NULL)
    path = gst_structure_get_string (props, "device.path");
  if (path != NULL)
    return g_strdup (path);
  return gst_device_get_display_name (device);
}

/* The streaming thread ---------------------------------------------------------------------- */

static gboolean
emit_frame_cb (gpointer user_data)
{
  TdCamera *self = user_data;
  guint64 seq;

  g_mutex_lock (&self->lock);
  self->frame_queued = FALSE;
  seq = self->sample_seq;
  g_mutex_unlock (&self->lock);
  /* a sample that came after the previous callback was queued may already have been shown */
  if (self->pipeline == NULL || seq == self->emitted_seq)
    return G_SOURCE_REMOVE;
  self->emitted_seq = seq;
  if (self->state != TD_CAMERA_STATE_LIVE)
    set_state (self, TD_CAMERA_STATE_LIVE, NULL);
  g_signal_emit (self, signals[FRAME], 0);
  return G_SOURCE_REMOVE;
}

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  TdCamera *self = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gboolean queue;

  if (sample == NULL)
    return GST_FLOW_EOS;
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->sample, gst_sample_unref);
  self->sample = sample;
  self->sample_seq++;
  queue = !self->frame_queued;
  self->frame_queued = TRUE;
  g_mutex_unlock (&self->lock);
  /* area: one pending main-loop callback at most, however fast frames come */
  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT, emit_frame_cb, g_object_ref (self), g_object_unref);
  return GST_FLOW_OK;
}

/* Errors ------------------------------------------------------------------------------------ */

static void stop_pipeline (TdCamera *self);

static void
classify_error (TdCamera *self,
                GError   *error,
                const char *debug)
{
  TdCameraState state = TD_CAMERA_STATE_LOST;
  const char *message = _("The camera stopped working. Check its cable, or import photos "
                          "from files instead.");

  g_message ("Camera error: %s (%s)", error->message, debug ? debug : "");
  if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_BUSY))
    {
      state = TD_CAMERA_STATE_BUSY;
      message = _("Another program is using the camera. Close it, then try again.");
    }
  else if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_AUTHORIZED)
           || (debug != NULL && strstr (debug, "Permission denied") != NULL))
    {
      state = TD_CAMERA_STATE_DENIED;
      message = _("Thriftdesk may not use the camera. Allow camera access in the system "
                  "settings.");
    }
  else if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND)
           && self->state != TD_CAMERA_STATE_LIVE)
    {
      state = TD_CAMERA_STATE_NO_CAMERA;
      message = _("No camera is connected. Plug one in, or import photos from files.");
    }
  else if ((error->domain == GST_STREAM_ERROR
            && (error->code == GST_STREAM_ERROR_DECODE
                || error->code == GST_STREAM_ERROR_FORMAT
                || error->code == GST_STREAM_ERROR_WRONG_TYPE
                || error->code == GST_STREAM_ERROR_NOT_IMPLEMENTED
                || error->code == GST_STREAM_ERROR_CODEC_NOT_FOUND))
           || (debug != NULL && strstr (debug, "not-negotiated") != NULL))
    /* garbled frames, or a picture format nothing here reads ("Internal data stream error",
     * reason not-negotiated: the camera offers nothing the pipeline takes) */
    message = _("Thriftdesk can't read the pictures this camera sends. Unplug it and plug it "
                "back in, or import photos from files.");
  else if (self->state == TD_CAMERA_STATE_LIVE)
    message = _("The camera was disconnected. Plug it back in to go on.");
  stop_pipeline (self);
  set_state (self, state, message);
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  TdCamera *self = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &error, &debug);
      classify_error (self, error, debug);
    }
  else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      stop_pipeline (self);
      set_state (self, TD_CAMERA_STATE_LOST,
                 _("The camera was disconnected. Plug it back in to go on."));
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
monitor_cb (GstBus     *bus,
            GstMessage *message,
            gpointer    user_data)
{
  TdCamera *self = user_data;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_DEVICE_ADDED
      && GST_MESSAGE_TYPE (message) != GST_MESSAGE_DEVICE_REMOVED)
    return G_SOURCE_CONTINUE;
  g_signal_emit (self, signals[DEVICES_CHANGED], 0);
  /* a camera came (back): start again when there was none or it was lost */
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_DEVICE_ADDED
      && self->wanted
      && (self->state == TD_CAMERA_STATE_NO_CAMERA || self->state == TD_CAMERA_STATE_LOST))
    td_camera_start (self);
  return G_SOURCE_CONTINUE;
}

/* Pipeline ---------------------------------------------------------------------------------- */

/* The source element, and whether it gives raw video or MJPEG. */
static GstElement *
make_source (TdCamera       *self,
             TdCameraFormat *format)
{
  g_autolist(GstDevice) devices = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autofree char *name = NULL;
  GstDevice *device = NULL;
  GstElement *source = NULL;

  *format = TD_CAMERA_FORMAT_RAW;
  if (self->test_source != NULL)
    {
      g_autoptr(GError) error = NULL;

      *format = self->test_format;
      source = gst_parse_bin_from_description_full (self->test_source, TRUE, NULL,
                                                    GST_PARSE_FLAG_FATAL_ERRORS, &error);
      if (source == NULL)
        g_message ("Test camera: %s", error->message);
      return source;
    }
  if (td_camera_is_test_source ())
    return td_camera_make_test_source (format);
  if (self->pipewire_fd >= 0)
    {
      /* the portal's stream is negotiated by PipeWire, which offers raw video */
      source = gst_element_factory_make ("pipewiresrc", "source");
      if (source != NULL)
        g_object_set (source, "fd", self->pipewire_fd, NULL);
      return source;
    }
  devices = self->monitor ? gst_device_monitor_get_devices (self->monitor) : NULL;
  /* the remembered camera if it is here, else the first */
  for (GList *l = devices; l != NULL && self->device != NULL && device == NULL; l = l->next)
    {
      g_autofree char *id = device_id (l->data);

      if (g_str_equal (id, self->device))
        device = l->data;
    }
  if (device == NULL && devices != NULL)
    device = devices->data;
  if (device == NULL)
    return NULL;
  caps = gst_device_get_caps (device);
  *format = td_camera_choose_format (caps);
  name = gst_device_get_display_name (device);
  g_debug ("Camera %s: %s", name, *format == TD_CAMERA_FORMAT_JPEG ? "MJPEG" : "raw video");
  return gst_device_create_element (device, "source");
}

static void
td_camera_dispose (GObject *object)
{
  TdCamera *self = (TdCamera *)object;

  td_camera_stop (self);
  if (self->monitor != NULL)
    {
      gst_device_monitor_stop (self->monitor);
      g_clear_handle_id (&self->monitor_watch, g_source_remove);
      gst_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (td_camera_parent_class)->dispose (object);
}

static void
td_camera_finalize (GObject *object)
{
  TdCamera *self = (TdCamera *)object;

  g_clear_pointer (&self->device, g_free);
  g_clear_pointer (&self->test_source, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->sample, gst_sample_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (td_camera_parent_class)->finalize (object);
}

static void
td_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdCamera *self = TD_CAMERA (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_camera_class_init (TdCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_camera_dispose;
  object_class->finalize = td_camera_finalize;
  object_class->get_property = td_camera_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, TD_CAMERA_STATE_OFF, TD_CAMERA_STATE_LOST,
                      TD_CAMERA_STATE_OFF,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /** TdCamera::frame: a new frame is ready (td_camera_dup_frame()); on the main thread */
  signals[FRAME] = g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /** TdCamera::devices-changed: a camera was plugged in or out */
  signals[DEVICES_CHANGED] = g_signal_new ("devices-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
td_camera_init (TdCamera *self)
{
  self->pipewire_fd = -1;
  g_mutex_init (&self->lock);
}

/**
 * td_camera_new:
 *
 * Returns: (transfer full): a camera, off; it watches for cameras at once (not with the test
 *   source)
 */
TdCamera *
td_camera_new (void)
{
  TdCamera *self;

  gst_init (NULL, NULL);
  self = g_object_new (TD_TYPE_CAMERA, NULL);
  if (!td_camera_is_test_source ())
    {
      g_autoptr(GstBus) bus = NULL;
      g_autoptr(GstCaps) caps = gst_caps_new_empty_simple ("video/x-raw");

      self->monitor = gst_device_monitor_new ();
      gst_device_monitor_add_filter (self->monitor, "Video/Source", caps);
      gst_device_monitor_add_filter (self->monitor, "Video/Source", NULL);
      bus = gst_device_monitor_get_bus (self->monitor);
      self->monitor_watch = gst_bus_add_watch (bus, monitor_cb, self);
      if (!gst_device_monitor_start (self->monitor))
        g_debug ("No camera monitor: cameras plugged in later are not noticed");
    }
  return self;
}

TdCameraState
td_camera_get_state (TdCamera *self)
{
  g_return_val_if_fail (TD_IS_CAMERA (self), TD_CAMERA_STATE_OFF);
  return self->state;
}

/**
 * td_camera_get_message:
 * @self: a #TdCamera
 *
 * Returns: (nullable): why there is no picture, in plain words; %NULL when live or starting
 */
const char *
td_camera_get_message (TdCamera *self)
{
  g_return_val_if_fail (TD_IS_CAMERA (self), NULL);
  return self->message;
}

/**
 * td_camera_list_devices:
 * @self: a #TdCamera
 *
 * Returns: (transfer full) (element-type TdCameraDevice): the cameras connected now
 */
GPtrArray *
td_camera_list_devices (TdCamera *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_camera_device_free);
  g_autolist(GstDevice) devices = NULL;

  g_return_val_if_fail (TD_IS_CAMERA (self), list);

  if (td_camera_is_test_source ())
    {
      TdCameraDevice *test = g_new0 (TdCameraDevice, 1);

      test->id = g_strdup ("test");
      test->name = g_strdup (_("Test picture"));
      g_ptr_array_add (list, test);
      return list;
    }
  devices = self->monitor ? gst_device_monitor_get_devices (self->monitor) : NULL;
  for (GList *l = devices; l != NULL; l = l->next)
    {
      TdCameraDevice *device = g_new0 (TdCameraDevice, 1);

      device->id = device_id (l->data);
      device->name = gst_device_get_display_name (l->data);
      g_ptr_array_add (list, device);
    }
  return list;
}

/**
 * td_camera_set_device:
 * @self: a #TdCamera
 * @device_id: (nullable): a #TdCameraDevice id; %NULL or "" for the first camera
 *
 * Takes effect at once when the camera runs.
 */
void
td_camera_set_device (TdCamera   *self,
                      const char *device_id)
{
  g_return_if_fail (TD_IS_CAMERA (self));

  if (device_id != NULL && *device_id == '\0')
    device_id = NULL;
  if (g_strcmp0 (self->device, device_id) == 0)
    return;
  g_free (self->device);
  self->device = g_strdup (device_id);
  if (self->pipeline != NULL)
    {
      stop_pipeline (self);
      td_camera_start (self);
    }
}

const char *
td_camera_get_device (TdCamera *self)
{
  g_return_val_if_fail (TD_IS_CAMERA (self), NULL);
  return self->device;
}

/**
 * td_camera_set_pipewire_fd:
 * @self: a #TdCamera
 * @fd: the camera portal's PipeWire remote (owned by the caller), or -1
 */
void
td_camera_set_pipewire_fd (TdCamera *self,
                           int       fd)
{
  g_return_if_fail (TD_IS_CAMERA (self));
  self->pipewire_fd = fd;
}

/**
 * td_camera_fail:
 * @self: a #TdCamera
 * @state: one of the failed states
 * @message: the sentence for staff
 *
 * For the UI to report what only it can find out (the portal refused access).
 */
void
td_camera_fail (TdCamera      *self,
                TdCameraState  state,
                const char    *message)
{
  g_return_if_fail (TD_IS_CAMERA (self));
  stop_pipeline (self);
  set_state (self, state, message);
}

/**
 * td_camera_start:
 * @self: a #TdCamera
 *
 * Starts the preview; the outcome comes as #TdCamera:state (LIVE at the first frame, or a
 * failed state with td_camera_get_message()).
 */
void
td_camera_start (TdCamera *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstBus) bus = NULL;
  TdCameraFormat format;
  GstElement *source;
  GstElement *decoder = NULL;
  GstElement *tail = NULL;
  GstElement *sink;
  gboolean linked;
  GstAppSinkCallbacks callbacks = { .new_sample = new_sample_cb };

  g_return_if_fail (TD_IS_CAMERA (self));

  self->wanted = TRUE;
  if (self->pipeline != NULL)
    return;
  source = make_source (self, &format);
  if (source == NULL)
    {
      set_state (self, TD_CAMERA_STATE_NO_CAMERA,
                 _("No camera is connected. Plug one in, or import photos from files."));
      return;
    }
  gst_object_ref_sink (source);
  decoder = td_camera_make_decoder (format, &error);
  if (error == NULL)
    tail = gst_parse_bin_from_description_full (
      "videoconvert ! videoscale ! "
      "video/x-raw,format=RGBA,width=[16,1920],height=[16,1080],pixel-aspect-ratio=1/1 ! "
      "appsink name=sink max-buffers=1 drop=true sync=false", TRUE, NULL,
      GST_PARSE_FLAG_FATAL_ERRORS, &error);
  if (tail == NULL)
    {
      g_message ("Camera pipeline: %s", error->message);
      if (decoder != NULL)
        gst_object_unref (gst_object_ref_sink (decoder));
      gst_object_unref (source);
      set_state (self, TD_CAMERA_STATE_LOST,
                 _("The camera can't be used: parts of GStreamer are missing."));
      return;
    }
  self->pipeline = gst_pipeline_new ("camera");
  gst_bin_add_many (GST_BIN (self->pipeline), source, tail, NULL);
  gst_object_unref (source);
  /* checked: a link that fails silently leaves a pipeline that plays and shows nothing */
  if (decoder != NULL)
    {
      gst_bin_add (GST_BIN (self->pipeline), decoder);
      linked = gst_element_link_many (source, decoder, tail, NULL);
    }
  else
    linked = gst_element_link (source, tail);
  if (!linked)
    {
      g_message ("Camera pipeline: the %s source does not link",
                 format == TD_CAMERA_FORMAT_JPEG ? "MJPEG" : "raw video");
      gst_clear_object (&self->pipeline);
      set_state (self, TD_CAMERA_STATE_LOST,
                 _("Thriftdesk can't read the pictures this camera sends. Unplug it and plug "
                   "it back in, or import photos from files."));
      return;
    }
  sink = gst_bin_get_by_name (GST_BIN (tail), "sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
  gst_object_unref (sink);
  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);
  set_state (self, TD_CAMERA_STATE_STARTING, NULL);
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    g_debug ("Camera did not start; the bus says why");
}

static void
stop_pipeline (TdCamera *self)
{
  if (self->pipeline == NULL)
    return;
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  gst_clear_object (&self->pipeline);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->sample, gst_sample_unref);
  g_mutex_unlock (&self->lock);
  set_state (self, TD_CAMERA_STATE_OFF, NULL);
}

/**
 * td_camera_stop:
 * @self: a #TdCamera
 *
 * Stops the preview and releases the camera; a camera plugged in later does not start it.
 */
void
td_camera_stop (TdCamera *self)
{
  g_return_if_fail (TD_IS_CAMERA (self));

  self->wanted = FALSE;
  stop_pipeline (self);
}

typedef struct
{
  GstBuffer  *buffer;
  GstMapInfo  map;
} Mapped;

static void
mapped_free (gpointer data)
{
  Mapped *m = data;

  gst_buffer_unmap (m->buffer, &m->map);
  gst_buffer_unref (m->buffer);
  g_free (m);
}

/**
 * td_camera_dup_frame:
 * @self: a #TdCamera
 * @width: (out): pixels
 * @height: (out): pixels
 * @stride: (out): bytes per row
 *
 * Returns: (transfer full) (nullable): the newest frame, RGBA, without copying it; %NULL
 *   before the first frame
 */
GBytes *
td_camera_dup_frame (TdCamera *self,
                     int      *width,
                     int      *height,
                     gsize    *stride)
{
  g_autoptr(GstSample) sample = NULL;
  GstVideoInfo info;
  Mapped *m;

  g_return_val_if_fail (TD_IS_CAMERA (self), NULL);

  g_mutex_lock (&self->lock);
  sample = self->sample ? gst_sample_ref (self->sample) : NULL;
  g_mutex_unlock (&self->lock);
  if (sample == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)))
    return NULL;
  m = g_new0 (Mapped, 1);
  m->buffer = gst_buffer_ref (gst_sample_get_buffer (sample));
  if (!gst_buffer_map (m->buffer, &m->map, GST_MAP_READ))
    {
      gst_buffer_unref (m->buffer);
      g_free (m);
      return NULL;
    }
  *width = GST_VIDEO_INFO_WIDTH (&info);
  *height = GST_VIDEO_INFO_HEIGHT (&info);
  *stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  return g_bytes_new_with_free_func (m->map.data, m->map.size, mapped_free, m);
}

/**
 * td_camera_snapshot:
 * @self: a #TdCamera
 *
 * Returns: (transfer full) (nullable): the newest frame as a picture; %NULL before the first
 */
GdkPixbuf *
td_camera_snapshot (TdCamera *self)
{
  g_autoptr(GBytes) frame = NULL;
  int width, height;
  gsize stride;

  g_return_val_if_fail (TD_IS_CAMERA (self), NULL);

  frame = td_camera_dup_frame (self, &width, &height, &stride);
  if (frame == NULL)
    return NULL;
  return gdk_pixbuf_new_from_bytes (frame, GDK_COLORSPACE_RGB, TRUE, 8, width, height,
                                    (int) stride);
}

/**
 * td_camera_set_test_source: (skip)
 * @self: a #TdCamera
 * @description: (nullable): a gst-launch description of the source, e.g.
 *   "videotestsrc ! jpegenc"; %NULL for the normal source
 * @format: what it gives
 *
 * For tests: the next td_camera_start() uses this source; all after it is as for a camera.
 */
void
td_camera_set_test_source (TdCamera       *self,
                           const char     *description,
                           TdCameraFormat  format)
{
  g_return_if_fail (TD_IS_CAMERA (self));
  g_free (self->test_source);
  self->test_source = g_strdup (description);
  self->test_format = format;
}

/**
 * td_camera_get_pipeline: (skip)
 * @self: a #TdCamera
 *
 * Returns: (transfer none) (nullable): the running pipeline, for tests to look into
 */
GstElement *
td_camera_get_pipeline (TdCamera *self)
{
  g_return_val_if_fail (TD_IS_CAMERA (self), NULL);
  return self->pipeline;
}

/* td-camera-source.c — what a camera gives, and the part of the pipeline that reads it.
 *
 * Cheap USB webcams give raw video (YUYV) only at small sizes and MJPEG (`image/jpeg`) at
 * 720p and 1080p; some give only MJPEG. The camera's caps (from its GstDevice) decide:
 * MJPEG when it is offered and raw is not offered at 1280×720 or more, raw otherwise. An
 * MJPEG source is read through an explicit `image/jpeg ≤1920×1080 ! jpegdec` branch.
 *
 * Not `decodebin`: its source pad appears only once data flows, so a bin made with
 * gst_parse_bin_from_description ("v4l2src ! decodebin") has a ghost pad with no usable
 * target; linking that bin to the rest failed (its result was not checked) and no frame ever
 * reached the appsink, although the same line played in gst-launch-1.0, which links late.
 *
 * The test sources (THRIFTDESK_CAMERA=test, test-mjpeg) are `videotestsrc`, for the MJPEG one
 * followed by `jpegenc`, so the test camera goes through the very branch a webcam uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-camera"

#include "config.h"

#include <gst/video/video.h>

#include "td-camera-private.h"

/* The largest int a caps field allows (a value, a range or a list of either); 0 if none. */
static int
field_max (const GstStructure *s,
           const char         *field)
{
  const GValue *value = gst_structure_get_value (s, field);
  int max = 0;

  if (value == NULL)
    return 0;
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value);
  if (GST_VALUE_HOLDS_INT_RANGE (value))
    return gst_value_get_int_range_max (value);
  if (GST_VALUE_HOLDS_LIST (value))
    for (guint i = 0; i < gst_value_list_get_size (value); i++)
      {
        const GValue *v = gst_value_list_get_value (value, i);

        if (G_VALUE_HOLDS_INT (v))
          max = MAX (max, g_value_get_int (v));
        else if (GST_VALUE_HOLDS_INT_RANGE (v))
          max = MAX (max, gst_value_get_int_range_max (v));
      }
  return max;
}

/* The smallest int a caps field allows; G_MAXINT if none. */
static int
field_min (const GstStructure *s,
           const char         *field)
{
  const GValue *value = gst_structure_get_value (s, field);
  int min = G_MAXINT;

  if (value == NULL)
    return G_MAXINT;
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value);
  if (GST_VALUE_HOLDS_INT_RANGE (value))
    return gst_value_get_int_range_min (value);
  if (GST_VALUE_HOLDS_LIST (value))
    for (guint i = 0; i < gst_value_list_get_size (value); i++)
      {
        const GValue *v = gst_value_list_get_value (value, i);

        if (G_VALUE_HOLDS_INT (v))
          min = MIN (min, g_value_get_int (v));
        else if (GST_VALUE_HOLDS_INT_RANGE (v))
          min = MIN (min, gst_value_get_int_range_min (v));
      }
  return min;
}

/**
 * td_camera_choose_format:
 * @caps: (nullable): what the camera offers (gst_device_get_caps())
 *
 * Returns: %TD_CAMERA_FORMAT_JPEG when the camera offers MJPEG at a size the preview takes
 *   (≤ 1920×1080) and raw video not at 1280×720 or more (or not at all); raw otherwise,
 *   also when nothing is known
 */
TdCameraFormat
td_camera_choose_format (const GstCaps *caps)
{
  gboolean raw_hd = FALSE;
  gboolean jpeg = FALSE;

  if (caps == NULL || gst_caps_is_any (caps))
    return TD_CAMERA_FORMAT_RAW;
  for (guint i = 0; i < gst_caps_get_size (caps); i++)
    {
      const GstStructure *s = gst_caps_get_structure (caps, i);

      if (gst_structure_has_name (s, "video/x-raw"))
        raw_hd |= field_max (s, "width") >= 1280 && field_max (s, "height") >= 720;
      else if (gst_structure_has_name (s, "image/jpeg"))
        jpeg |= field_min (s, "width") <= 1920 && field_min (s, "height") <= 1080;
    }
  return jpeg && !raw_hd ? TD_CAMERA_FORMAT_JPEG : TD_CAMERA_FORMAT_RAW;
}

/**
 * td_camera_make_test_source:
 * @format: (out): what the source gives
 *
 * Returns: (transfer floating) (nullable): GStreamer's moving test picture, 720p like a
 *   webcam, as raw video (THRIFTDESK_CAMERA=test) or as MJPEG (THRIFTDESK_CAMERA=test-mjpeg);
 *   %NULL when no test camera is asked for or GStreamer lacks a part
 */
GstElement *
td_camera_make_test_source (TdCameraFormat *format)
{
  const char *mode = g_getenv ("THRIFTDESK_CAMERA");
  const char *description;
  g_autoptr(GError) error = NULL;
  GstElement *source;

  /* the bars scroll, so snapshots in a row differ as real ones do */
  if (g_strcmp0 (mode, "test") == 0)
    {
      *format = TD_CAMERA_FORMAT_RAW;
      description = "videotestsrc is-live=true horizontal-speed=4 ! "
                    "capsfilter caps=video/x-raw,width=1280,height=720";
    }
  else if (g_strcmp0 (mode, "test-mjpeg") == 0)
    {
      *format = TD_CAMERA_FORMAT_JPEG;
      description = "videotestsrc is-live=true horizontal-speed=4 ! "
                    "capsfilter caps=video/x-raw,width=1280,height=720,framerate=15/1 ! "
                    "jpegenc quality=90";
    }
  else
    return NULL;
  source = gst_parse_bin_from_description_full (description, TRUE, NULL,
                                                GST_PARSE_FLAG_FATAL_ERRORS, &error);
  if (source == NULL)
    {
      g_message ("Test camera: %s", error->message);
      return NULL;
    }
  gst_object_set_name (GST_OBJECT (source), "source");
  return source;
}

/**
 * td_camera_make_decoder:
 * @format: what the source gives
 * @error: set when GStreamer lacks the decoder
 *
 * Returns: (transfer floating) (nullable): the elements between source and `videoconvert`:
 *   for MJPEG `image/jpeg ≤1920×1080 ! jpegdec` (a bin with a sink and a src pad); %NULL
 *   without @error for raw video, which needs none
 */
GstElement *
td_camera_make_decoder (TdCameraFormat   format,
                        GError         **error)
{
  GstElement *bin;
  g_autoptr(GstElement) decoder = NULL;

  if (format == TD_CAMERA_FORMAT_RAW)
    return NULL;
  /* a missing jpegdec (gstreamer1.0-plugins-good) is an error, not a half-made bin */
  bin = gst_parse_bin_from_description_full (
    "capsfilter caps=image/jpeg,width=[16,1920],height=[16,1080] ! jpegdec name=decoder",
    TRUE, NULL, GST_PARSE_FLAG_FATAL_ERRORS, error);
  if (bin == NULL)
    return NULL;
  gst_object_set_name (GST_OBJECT (bin), "decode");
  decoder = gst_bin_get_by_name (GST_BIN (bin), "decoder");
  /* jpegdec skips bad frames for ever by default: a stream of garbage would leave the
   * preview "starting" with no word. Past this many in a row it posts an error instead. */
  gst_video_decoder_set_max_errors (GST_VIDEO_DECODER (decoder), TD_CAMERA_MAX_DECODE_ERRORS);
  return bin;
}

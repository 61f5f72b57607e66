/* td-camera-private.h — shared by td-camera.c and td-camera-source.c, and seen by the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

#include "td-camera.h"

G_BEGIN_DECLS

/**
 * TdCameraFormat:
 * @TD_CAMERA_FORMAT_RAW: the source gives raw video; it goes straight to `videoconvert`
 * @TD_CAMERA_FORMAT_JPEG: the source gives `image/jpeg` (MJPEG webcams); `jpegdec` first
 */
typedef enum
{
  TD_CAMERA_FORMAT_RAW,
  TD_CAMERA_FORMAT_JPEG,
} TdCameraFormat;

/* Consecutive frames jpegdec may fail to read before the camera counts as broken. A webcam
 * on a busy USB bus spoils a frame now and then; a stream of nothing but garbage is a fault. */
#define TD_CAMERA_MAX_DECODE_ERRORS 15

TdCameraFormat  td_camera_choose_format       (const GstCaps   *caps);
GstElement     *td_camera_make_test_source    (TdCameraFormat  *format);
GstElement     *td_camera_make_decoder        (TdCameraFormat   format,
                                               GError         **error);

/* For tests: replaces the source with a gst-launch description (a bin whose one src pad
 * gives @format), everything after it as for a real camera; %NULL goes back to normal. */
void            td_camera_set_test_source     (TdCamera        *self,
                                               const char      *description,
                                               TdCameraFormat   format);
GstElement     *td_camera_get_pipeline        (TdCamera        *self);

G_END_DECLS

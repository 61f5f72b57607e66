/* td-camera-view.c — the live camera preview with a shutter button.
 *
 * Frames come from TdCamera (GStreamer appsink, RGBA) and are shown as a GdkMemoryTexture per
 * frame: Debian 12 has no gtk4paintablesink. The camera runs only while the view is mapped, so
 * a hidden view never holds the device. Space or Enter in the view (or the button) takes a
 * snapshot: the newest frame goes out by #TdCameraView::captured and the preview flashes white.
 * When there is no picture (no camera, busy, refused, unplugged) a sentence says why in place
 * of the preview; other ways of adding photos are untouched. Inside Flatpak, the camera portal
 * is asked first and the camera is read through its PipeWire remote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-camera"

#include "config.h"

#include <glib/gi18n.h>

#ifdef HAVE_LIBPORTAL
#include <libportal/portal.h>
#endif

#include "td-camera-view.h"

#define FLASH_US 180000

struct _TdCameraView
{
  GtkWidget      parent_instance;

  TdCamera      *camera;
  GSettings     *settings;      /* nullable: camera-device */
  GPtrArray     *devices;       /* TdCameraDevice, as listed in device_names */
  gboolean       filling;
  gint64         flash_start;
  guint          flash_tick;
#ifdef HAVE_LIBPORTAL
  XdpPortal     *portal;
  GCancellable  *portal_cancellable;
#endif

  GtkPicture    *preview;
  GtkWidget     *message_box;
  GtkLabel      *message_label;
  GtkImage      *message_icon;
  GtkWidget     *retry_button;
  GtkWidget     *flash;
  GtkDropDown   *device_dropdown;
  GtkStringList *device_names;
};

G_DEFINE_FINAL_TYPE (TdCameraView, td_camera_view, GTK_TYPE_WIDGET)

enum {
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_state (TdCameraView *self)
{
  TdCameraState state = td_camera_get_state (self->camera);
  const char *message = td_camera_get_message (self->camera);
  gboolean live = state == TD_CAMERA_STATE_LIVE;
  gboolean failed = state > TD_CAMERA_STATE_LIVE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.snapshot", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retry", failed);
  gtk_widget_set_visible (self->message_box, !live);
  gtk_widget_set_visible (self->retry_button, failed);
  gtk_widget_set_visible (GTK_WIDGET (self->message_icon), failed);
  if (failed)
    gtk_picture_set_paintable (self->preview, NULL);
  gtk_label_set_text (self->message_label,
                      failed && message ? message : _("Starting the camera…"));
}

static void
state_cb (TdCameraView *self)
{
  update_state (self);
}

static void
frame_cb (TdCameraView *self)
{
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;
  gsize stride;

  frame = td_camera_dup_frame (self->camera, &width, &height, &stride);
  if (frame == NULL)
    return;
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, frame, stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

static void
fill_devices (TdCameraView *self)
{
  const char *chosen = td_camera_get_device (self->camera);
  guint selected = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_clear_pointer (&self->devices, g_ptr_array_unref);
  self->devices = td_camera_list_devices (self->camera);
  for (guint i = 0; i < self->devices->len; i++)
    {
      TdCameraDevice *device = g_ptr_array_index (self->devices, i);

      g_ptr_array_add (names, device->name);
      if (g_strcmp0 (device->id, chosen) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);
  self->filling = TRUE;
  gtk_string_list_splice (self->device_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->device_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->device_dropdown, selected);
  self->filling = FALSE;
  /* a chooser only when there is a choice */
  gtk_widget_set_visible (GTK_WIDGET (self->device_dropdown), self->devices->len > 1);
}

static void
device_selected_cb (TdCameraView *self)
{
  guint i = gtk_drop_down_get_selected (self->device_dropdown);
  TdCameraDevice *device;

  if (self->filling || self->devices == NULL || i >= self->devices->len)
    return;
  device = g_ptr_array_index (self->devices, i);
  td_camera_set_device (self->camera, device->id);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "camera-device", device->id);
}

#ifdef HAVE_LIBPORTAL
static void
camera_access_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TdCameraView) self = user_data;
  g_autoptr(GError) error = NULL;
  int fd;

  if (!xdp_portal_access_camera_finish (XDP_PORTAL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Camera portal: %s", error ? error->message : "refused");
      td_camera_fail (self->camera, TD_CAMERA_STATE_DENIED,
                      _("Thriftdesk may not use the camera. Allow camera access in the system "
                        "settings."));
      return;
    }
  fd = xdp_portal_open_pipewire_remote_for_camera (XDP_PORTAL (object));
  if (fd < 0)
    {
      td_camera_fail (self->camera, TD_CAMERA_STATE_NO_CAMERA,
                      _("No camera is connected. Plug one in, or import photos from files."));
      return;
    }
  td_camera_set_pipewire_fd (self->camera, fd);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    td_camera_start (self->camera);
}
#endif

static void
start_camera (TdCameraView *self)
{
#ifdef HAVE_LIBPORTAL
  /* libportal needs a session bus; only a Flatpak goes through the portal */
  if (!td_camera_is_test_source () && g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      if (self->portal == NULL)
        self->portal = xdp_portal_new ();
      if (!xdp_portal_is_camera_present (self->portal))
        {
          td_camera_fail (self->camera, TD_CAMERA_STATE_NO_CAMERA,
                          _("No camera is connected. Plug one in, or import photos from files."));
          return;
        }
      g_cancellable_cancel (self->portal_cancellable);
      g_clear_object (&self->portal_cancellable);
      self->portal_cancellable = g_cancellable_new ();
      xdp_portal_access_camera (self->portal, NULL, XDP_CAMERA_FLAG_NONE,
                                self->portal_cancellable, camera_access_cb,
                                g_object_ref (self));
      return;
    }
#endif
  td_camera_start (self->camera);
}

static gboolean
flash_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TdCameraView *self = TD_CAMERA_VIEW (widget);
  double t = (double) (gdk_frame_clock_get_frame_time (clock) - self->flash_start) / FLASH_US;

  if (t >= 1.0)
    {
      gtk_widget_set_opacity (self->flash, 0.0);
      self->flash_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_widget_set_opacity (self->flash, 0.85 * (1.0 - t));
  return G_SOURCE_CONTINUE;
}

/**
 * td_camera_view_snapshot:
 * @self: a #TdCameraView
 *
 * Takes the newest frame: emits #TdCameraView::captured and flashes the preview.
 *
 * Returns: %FALSE when there is no picture to take
 */
gboolean
td_camera_view_snapshot (TdCameraView *self)
{
  g_autoptr(GdkPixbuf) frame = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;

  g_return_val_if_fail (TD_IS_CAMERA_VIEW (self), FALSE);

  frame = td_camera_snapshot (self->camera);
  if (frame == NULL)
    return FALSE;
  /* area: the frame's pixels are GStreamer's buffer; a copy gives it back to the pipeline */
  shot = gdk_pixbuf_copy (frame);
  gtk_widget_set_opacity (self->flash, 0.85);
  self->flash_start = g_get_monotonic_time ();
  if (self->flash_tick == 0)
    self->flash_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), flash_tick_cb, NULL, NULL);
  g_signal_emit (self, signals[CAPTURED], 0, shot);
  return TRUE;
}

static void
snapshot_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  td_camera_view_snapshot (TD_CAMERA_VIEW (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdCameraView *self = TD_CAMERA_VIEW (widget);

  td_camera_stop (self->camera);
  start_camera (self);
}

static void
td_camera_view_map (GtkWidget *widget)
{
  TdCameraView *self = TD_CAMERA_VIEW (widget);

  GTK_WIDGET_CLASS (td_camera_view_parent_class)->map (widget);
  fill_devices (self);
  start_camera (self);
}

static void
td_camera_view_unmap (GtkWidget *widget)
{
  TdCameraView *self = TD_CAMERA_VIEW (widget);

  td_camera_stop (self->camera);
  GTK_WIDGET_CLASS (td_camera_view_parent_class)->unmap (widget);
}

static void
td_camera_view_dispose (GObject *object)
{
  TdCameraView *self = (TdCameraView *)object;
  GtkWidget *child;

#ifdef HAVE_LIBPORTAL
  g_cancellable_cancel (self->portal_cancellable);
  g_clear_object (&self->portal_cancellable);
  g_clear_object (&self->portal);
#endif
  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      td_camera_stop (self->camera);
    }
  g_clear_object (&self->camera);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CAMERA_VIEW);
  /* dispose_template unparents only bound children; the template's root box is not one */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (td_camera_view_parent_class)->dispose (object);
}

static void
td_camera_view_class_init (TdCameraViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_camera_view_dispose;
  widget_class->map = td_camera_view_map;
  widget_class->unmap = td_camera_view_unmap;

  /**
   * TdCameraView::captured:
   * @pixbuf: the snapshot, upright, at the camera's preview size
   */
  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, GDK_TYPE_PIXBUF);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-camera-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, preview);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, message_box);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, message_label);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, message_icon);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, flash);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, device_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdCameraView, device_names);

  gtk_widget_class_install_action (widget_class, "camera.snapshot", NULL, snapshot_action);
  gtk_widget_class_install_action (widget_class, "camera.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "camera.snapshot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "camera.snapshot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "camera.snapshot",
                                       NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "td-camera-view");
}

static void
td_camera_view_init (TdCameraView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->camera = td_camera_new ();
  g_signal_connect_swapped (self->camera, "notify::state", G_CALLBACK (state_cb), self);
  g_signal_connect_swapped (self->camera, "frame", G_CALLBACK (frame_cb), self);
  g_signal_connect_swapped (self->camera, "devices-changed", G_CALLBACK (fill_devices), self);
  g_signal_connect_swapped (self->device_dropdown, "notify::selected",
                            G_CALLBACK (device_selected_cb), self);
  update_state (self);
}

/**
 * td_camera_view_new:
 * @settings: (nullable): where the chosen camera is remembered (`camera-device`)
 *
 * Returns: (transfer floating): a new camera view; the camera starts when it is shown
 */
GtkWidget *
td_camera_view_new (GSettings *settings)
{
  TdCameraView *self = g_object_new (TD_TYPE_CAMERA_VIEW, NULL);

  if (settings != NULL)
    {
      g_autofree char *device = g_settings_get_string (settings, "camera-device");

      self->settings = g_object_ref (settings);
      td_camera_set_device (self->camera, device);
    }
  return GTK_WIDGET (self);
}

TdCamera *
td_camera_view_get_camera (TdCameraView *self)
{
  g_return_val_if_fail (TD_IS_CAMERA_VIEW (self), NULL);
  return self->camera;
}

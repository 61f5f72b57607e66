/* td-test-ui.h — the UI tests' shared helpers: the app on a shop, signing in, screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-lock-screen.h"
#include "td-test.h"
#include "td-store-staff.h"
#include "td-window.h"

static inline GtkWidget *
td_test_lock_child (TdWindow   *window,
                    const char *id)
{
  GObject *child = gtk_widget_get_template_child (td_window_get_lock_screen (window),
                                                  TD_TYPE_LOCK_SCREEN, id);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

static inline gboolean
td_test_wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* One main-loop iteration that can't block for long (a 10 ms timer keeps it waking). */
static inline void
td_test_iterate (void)
{
  guint id = g_timeout_add (10, td_test_wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* Iterates until @expr holds; fails the test after @ms milliseconds. */
#define TD_TEST_WAIT_FOR(expr, ms)                                                  \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out waiting for: %s", #expr);                             \
        td_test_iterate ();                                                         \
      }                                                                             \
  } G_STMT_END

/* The first widget of @type at or under @widget (depth first), or NULL. */
static inline GtkWidget *
td_test_find_type (GtkWidget *widget,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = td_test_find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A click, at once (gtk_widget_activate() on a button clicks only after a short timeout). */
static inline void
td_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Types @text into an emptied lock-screen field the way a keyboard does: one character at a time into
 * the field's text (so the digits-only filter sees each). */
static inline void
td_test_lock_type (TdWindow   *window,
                   const char *field,
                   const char *text)
{
  GtkEditable *editable = GTK_EDITABLE (td_test_lock_child (window, field));
  GtkEditable *delegate = gtk_editable_get_delegate (editable);

  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_set_text (editable, "");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int pos = gtk_editable_get_position (delegate ? delegate : editable);

      gtk_editable_insert_text (delegate ? delegate : editable, p,
                                g_utf8_next_char (p) - p, &pos);
      gtk_editable_set_position (delegate ? delegate : editable, pos);
    }
}

/* Picks the @index-th name of the sign-in list, types @pin and presses Unlock. */
static inline void
td_test_lock_sign_in (TdWindow   *window,
                      guint       index,
                      const char *pin)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (td_test_lock_child (window, "staff_dropdown")),
                              index);
  td_test_lock_type (window, "pin_entry", pin);
  td_test_click (td_test_lock_child (window, "unlock_button"));
}

/* For tests about something else: signs the shop's first owner in without the lock screen. */
static inline void
td_test_sign_in_owner (TdWindow *window)
{
  TdContext *context = td_window_get_context (window);
  g_autoptr(GPtrArray) staff = td_store_staff_list (td_context_get_database (context), FALSE,
                                                    NULL);

  g_assert_nonnull (staff);
  for (guint i = 0; i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];

      if (s->role == TD_ROLE_OWNER)
        {
          g_assert_true (td_context_set_staff (context, s->id, NULL));
          g_assert_false (td_window_is_locked (window));
          return;
        }
    }
  g_assert_not_reached ();
}

/* How long td_test_wait_frames() waits for a window to show and draw, in microseconds. */
#define TD_TEST_FRAME_TIMEOUT_US (10 * G_USEC_PER_SEC)

static inline gboolean
td_test_frames_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static inline void
td_test_frames_after_paint_cb (GdkFrameClock *clock,
                               guint         *count)
{
  (*count)++;
}

/* Waits until @widget is mapped with a non-zero size and its window has drawn @n more frames, so
 * layout is current. Fails the test with g_error() naming the widget after 10 s. */
static inline void
td_test_wait_frames (GtkWidget *widget,
                     guint      n)
{
  gint64 deadline = g_get_monotonic_time () + TD_TEST_FRAME_TIMEOUT_US;
  guint tick = g_timeout_add (10, td_test_frames_tick_cb, NULL);
  GdkFrameClock *clock;
  guint count = 0;
  gulong id;

  g_assert_true (GTK_IS_WIDGET (widget));
  while (!(gtk_widget_get_mapped (widget) && gtk_widget_get_frame_clock (widget) != NULL &&
           gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s %p (%s) was not mapped with a size within 10 s (mapped %d, %dx%d)",
                 G_OBJECT_TYPE_NAME (widget), (void *) widget, gtk_widget_get_name (widget),
                 gtk_widget_get_mapped (widget), gtk_widget_get_width (widget),
                 gtk_widget_get_height (widget));
      g_main_context_iteration (NULL, TRUE);
    }

  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (td_test_frames_after_paint_cb),
                         &count);
  for (guint i = 0; i < n; i++)
    {
      guint before = count;

      gtk_widget_queue_draw (widget);
      while (count == before)
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("%s %p (%s) drew %u of %u frames within 10 s", G_OBJECT_TYPE_NAME (widget),
                     (void *) widget, gtk_widget_get_name (widget), i, n);
          g_main_context_iteration (NULL, TRUE);
        }
    }
  g_signal_handler_disconnect (clock, id);
  g_source_remove (tick);
}

/* Renders @widget's window, once it has drawn two frames, into <build>/tests/screenshots/@name.png
 * and returns the image. */
static inline GdkTexture *
td_test_screenshot_texture (GtkWidget  *widget,
                            const char *name)
{
  g_autofree char *dir = td_test_build_path ("screenshots");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GdkTexture *texture;
  GtkSnapshot *snapshot;
  int width = 0, height = 0;

  td_test_wait_frames (widget, 2);
  paintable = gtk_widget_paintable_new (widget);
  /* A widget whose layout is still pending (a page switched a moment ago, a slow machine,
   * AddressSanitizer) snapshots as nothing: give it a few more frames before calling it a
   * failure. */
  for (int attempt = 0; attempt < 20 && node == NULL; attempt++)
    {
      if (attempt > 0)
        td_test_wait_frames (widget, 1);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    g_error ("%s %p (%s) drew nothing for screenshot %s (%dx%d)", G_OBJECT_TYPE_NAME (widget),
             (void *) widget, gtk_widget_get_name (widget), name, width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
  return texture;
}

/* Saves @widget (a window, usually) as <build>/tests/screenshots/@name.png; see above. */
static inline void
td_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_object_unref (td_test_screenshot_texture (widget, name));
}

/* Running the real application on a shop file, for a scenario ---------------------------------- */

#include "td-application.h"

typedef void (*TdTestAppFunc) (GtkApplication *app,
                               gpointer        data);

typedef struct
{
  TdTestAppFunc func;
  gpointer      data;
  guint         watchdog_s;
  gboolean      started;
  gboolean      finished;
} TdTestAppRun;

static inline gboolean
td_test_app_idle_cb (gpointer user_data)
{
  TdTestAppRun *run = user_data;
  GApplication *app = g_application_get_default ();
  GList *toplevels;

  run->func (GTK_APPLICATION (app), run->data);
  run->finished = TRUE;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static inline void
td_test_app_activate_cb (GApplication *app,
                         TdTestAppRun *run)
{
  if (run->started)
    return;
  run->started = TRUE;
  g_idle_add (td_test_app_idle_cb, run);
}

static inline gboolean
td_test_app_watchdog_cb (gpointer user_data)
{
  TdTestAppRun *run = user_data;

  g_error ("The application did not finish within %u s", run->watchdog_s);
  return G_SOURCE_REMOVE;
}

/* Starts Thriftdesk on @database (`--database`), runs @func once the window is up, closes every
 * window and quits; fails the test if it takes over @watchdog_s seconds or @func never ran. */
static inline void
td_test_run_app (const char    *database,
                 TdTestAppFunc  func,
                 gpointer       data,
                 guint          watchdog_s)
{
  g_autoptr(TdApplication) app = td_application_new ();
  TdTestAppRun run = { func, data, watchdog_s, FALSE, FALSE };
  char *argv[] = { (char *) "thriftdesk", (char *) "--database", (char *) database, NULL };
  guint watchdog;

  g_signal_connect_after (app, "activate", G_CALLBACK (td_test_app_activate_cb), &run);
  watchdog = g_timeout_add_seconds (watchdog_s, td_test_app_watchdog_cb, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_source_remove (watchdog);
  g_assert_true (run.finished);
}

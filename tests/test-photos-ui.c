/* test-photos-ui.c — photos in the real application under Xvfb: the item editor's strip with
 * the test camera (THRIFTDESK_CAMERA=test → videotestsrc), three snapshots, reorder, delete,
 * and the same photos after a restart; with no camera, the message and a file import.
 * Screenshots go to <build>/tests/screenshots/photos-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "td-application.h"
#include "td-camera-private.h"
#include "td-camera-view.h"
#include "td-context-photos.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-fake-cameras.h"
#include "td-intake-page-private.h"
#include "td-inventory-page.h"
#include "td-photo-strip.h"
#include "td-photo-test.h"
#include "td-store-photos.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-thumb-cell.h"
#include "td-window-private.h"

#define WAIT_MS    20000
#define WATCHDOG_S 120

#define WAIT_FOR(expr, ms)                                                          \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out after %d ms waiting for: %s", (int) (ms), #expr);     \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END

static char *template_shop;

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  guint id = g_timeout_add (10, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* ---- Running the application --------------------------------------------------------- */

typedef void (*ScenarioFunc) (TdWindow   *window,
                              const char *path);

typedef struct
{
  ScenarioFunc  func;
  const char   *path;
  gboolean      started;
  gboolean      finished;
} Scenario;

static void
close_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
}

static gboolean
scenario_idle_cb (gpointer user_data)
{
  Scenario *scenario = user_data;
  GApplication *app = g_application_get_default ();
  TdWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);

  scenario->func (window, scenario->path);
  scenario->finished = TRUE;
  close_all_windows ();
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Scenario     *scenario)
{
  if (scenario->started)
    return;
  scenario->started = TRUE;
  g_idle_add (scenario_idle_cb, scenario);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The application did not finish within %d s", WATCHDOG_S);
  return G_SOURCE_REMOVE;
}

/* Runs the application once on @path (a shop that stays for the next run). */
static void
run_app (const char   *path,
         ScenarioFunc  func)
{
  g_autoptr(TdApplication) app = td_application_new ();
  Scenario scenario = { func, path };
  char *argv[] = { (char *) "thriftdesk", (char *) "--database", (char *) path, NULL };
  guint watchdog;

  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &scenario);
  watchdog = g_timeout_add_seconds (WATCHDOG_S, watchdog_cb, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_source_remove (watchdog);
  g_assert_true (scenario.finished);
}

static char *
copy_template (const char *tmpdir)
{
  char *path = g_build_filename (tmpdir, "shop.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (template_shop);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- Looking ----------------------------------------------------------------------------- */

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_named (GtkWidget  *widget,
             const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (widget), name) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_named (child, name);
  return n;
}

/* Tiles whose thumbnail is showing */
static guint
count_loaded_tiles (GtkWidget *widget)
{
  guint n = 0;

  if (g_strcmp0 (gtk_widget_get_name (widget), "photo-tile") == 0)
    {
      GtkWidget *picture = find_type (widget, GTK_TYPE_PICTURE);

      return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_loaded_tiles (child);
  return n;
}

/* Inventory cells whose main-photo thumbnail is showing */
static guint
count_shown_thumbs (GtkWidget *widget)
{
  guint n = 0;

  /* on screen, with its picture: the rows the view holds off screen don't count */
  if (TD_IS_THUMB_CELL (widget) && gtk_widget_has_css_class (widget, "td-thumb-cell"))
    {
      GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
      graphene_rect_t bounds;

      return gtk_widget_get_mapped (widget) && gtk_widget_get_opacity (widget) > 0 &&
             td_thumb_cell_get_paintable (TD_THUMB_CELL (widget)) != NULL &&
             gtk_widget_compute_bounds (widget, window, &bounds) &&
             bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown_thumbs (child);
  return n;
}

static guint
count_files (const char *root,
             const char *sub)
{
  g_autofree char *top = g_build_filename (root, sub, NULL);
  g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
  const char *prefix;
  guint n = 0;

  while (dir != NULL && (prefix = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (top, prefix, NULL);
      g_autoptr(GDir) inner = g_dir_open (path, 0, NULL);

      while (inner != NULL && g_dir_read_name (inner) != NULL)
        n++;
    }
  return n;
}

static GPtrArray *
photo_rows (TdWindow *window,
            gint64    item_id)
{
  TdContext *context = td_window_get_context (window);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = td_store_photos_list (td_context_get_database (context), item_id, &error);

  g_assert_no_error (error);
  return rows;
}

/* Opens the editor of the newest item; returns its photo strip. */
static TdPhotoStrip *
open_editor (TdWindow   *window,
             GtkWindow **dialog_out)
{
  TdInventoryPage *page;
  GtkWindow *dialog = NULL;
  GtkWidget *strip;
  GList *toplevels;

  td_window_set_section (window, "inventory");
  page = TD_INVENTORY_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                           "inventory_view"));
  td_test_wait_frames (GTK_WIDGET (page), 1);
  g_assert_nonnull (td_inventory_page_edit_item (page, 1));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  strip = find_type (GTK_WIDGET (dialog), TD_TYPE_PHOTO_STRIP);
  g_assert_nonnull (strip);
  g_assert_cmpint (td_photo_strip_get_item (TD_PHOTO_STRIP (strip)), ==, 1);
  td_test_wait_frames (GTK_WIDGET (dialog), 1);
  *dialog_out = dialog;
  return TD_PHOTO_STRIP (strip);
}

static TdCameraView *
show_camera (TdPhotoStrip *strip)
{
  TdCameraView *view;

  td_photo_strip_set_camera_shown (strip, TRUE);
  view = TD_CAMERA_VIEW (td_photo_strip_get_camera_view (strip));
  g_assert_nonnull (view);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (view)), WAIT_MS);
  return view;
}

static void
frame_cb (TdCamera *camera,
          int      *frames)
{
  (*frames)++;
}

/* Runs the shortcut @keyval triggers in @widget's own (class) shortcut controller. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* ---- Capture, reorder, delete, restart ------------------------------------------------ */

static char *captured_shas[3];

static void
capture_scenario (TdWindow   *window,
                  const char *path)
{
  g_autofree char *root = td_photo_store_dup_root_for (path);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWindow *dialog;
  TdPhotoStrip *strip = open_editor (window, &dialog);
  TdCameraView *view = show_camera (strip);
  TdCamera *camera = td_camera_view_get_camera (view);
  int frames = 0;

  WAIT_FOR (td_camera_get_state (camera) == TD_CAMERA_STATE_LIVE, WAIT_MS);
  g_signal_connect (camera, "frame", G_CALLBACK (frame_cb), &frames);
  WAIT_FOR (frames >= 2, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (dialog), "photos-camera");

  /* three snapshots, each on a new frame (the test bars scroll). A snapshot takes the newest
   * sample, which may be newer than the last "frame" announced; the first announcement after
   * it can be that very sample, so wait for two before the next snapshot. */
  for (int i = 0, seen = frames - 2; i < 3; i++, seen = frames)
    {
      WAIT_FOR (frames >= seen + 2, WAIT_MS);
      if (i < 2)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "camera.snapshot", NULL));
      else   /* the last one with Space, through the view's own key binding */
        g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_space));
      /* the snapshot shows at once, before it is saved */
      g_assert_cmpuint (count_named (GTK_WIDGET (strip), "photo-pending")
                        + count_named (GTK_WIDGET (strip), "photo-tile"), ==, i + 1);
    }
  WAIT_FOR (td_photo_strip_get_n_pending (strip) == 0, WAIT_MS);
  rows = photo_rows (window, 1);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    g_test_message ("photo %u: %s", i, ((TdPhotoRow *) rows->pdata[i])->sha256);
  g_assert_cmpuint (count_files (root, "photos"), ==, 3);
  g_assert_cmpuint (count_files (root, "thumbs"), ==, 3);
  WAIT_FOR (count_loaded_tiles (GTK_WIDGET (strip)) == 3, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (dialog), "photos-captured");

  /* reorder: the last becomes the main photo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "photos.set-main", "x",
                                             ((TdPhotoRow *) rows->pdata[2])->id));
  for (int i = 0; i < 3; i++)
    captured_shas[i] = g_strdup (((TdPhotoRow *) rows->pdata[(i + 2) % 3])->sha256);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = photo_rows (window, 1);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpstr (((TdPhotoRow *) rows->pdata[i])->sha256, ==, captured_shas[i]);
      g_assert_cmpint (((TdPhotoRow *) rows->pdata[i])->position, ==, i);
    }

  /* delete the middle one: its row goes at once, its file when Undo is no longer offered */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "photos.delete", "x",
                                             ((TdPhotoRow *) rows->pdata[1])->id));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = photo_rows (window, 1);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (count_files (root, "photos"), ==, 3);
  WAIT_FOR (count_named (GTK_WIDGET (strip), "photo-tile") == 2, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (dialog), "photos-deleted");

  g_free (captured_shas[1]);
  captured_shas[1] = captured_shas[2];
  captured_shas[2] = NULL;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  WAIT_FOR (count_files (root, "photos") == 2, WAIT_MS);
  g_assert_cmpuint (count_files (root, "thumbs"), ==, 2);
}

static void
reopened_scenario (TdWindow   *window,
                   const char *path)
{
  g_autoptr(GPtrArray) rows = photo_rows (window, 1);
  GtkWindow *dialog;
  TdPhotoStrip *strip;
  GtkWidget *page;

  g_assert_cmpuint (rows->len, ==, 2);
  for (int i = 0; i < 2; i++)
    g_assert_cmpstr (((TdPhotoRow *) rows->pdata[i])->sha256, ==, captured_shas[i]);
  strip = open_editor (window, &dialog);
  WAIT_FOR (count_loaded_tiles (GTK_WIDGET (strip)) == 2, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (dialog), "photos-item");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* the inventory list shows the main photo (loaded off-thread) beside the item */
  if (td_window_is_locked (window))
    td_test_sign_in_owner (window);
  page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                    "inventory_view"));
  {
    /* search for the item by its title, so its row is on screen */
    sqlite3 *db = td_database_get_handle (td_context_get_database (td_window_get_context (window)));
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM item WHERE id = 1", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page,
                             TD_TYPE_INVENTORY_PAGE, "search_entry")),
                           (const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  WAIT_FOR (count_shown_thumbs (page) >= 1, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (window), "photos-inventory");
}

static void
test_capture (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = copy_template (tmpdir);

  g_setenv ("THRIFTDESK_CAMERA", "test", TRUE);
  run_app (path, capture_scenario);
  /* a restart: a new application, a new TdDatabase on the same file */
  run_app (path, reopened_scenario);
  g_unsetenv ("THRIFTDESK_CAMERA");
  for (int i = 0; i < 3; i++)
    g_clear_pointer (&captured_shas[i], g_free);
  td_test_rmdir_recursive (tmpdir);
}

/* ---- Intake: the newest item's photos beside the bag ---------------------------------- */

static void
intake_scenario (TdWindow   *window,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TdIntakePage *page;
  TdPhotoStrip *strip;
  TdCameraView *view;
  TdPhotoStore *store;
  GstElement *pipeline;
  g_autoptr(GstElement) decoder = NULL;
  g_autofree char *photo_path = NULL;
  gint64 item_id;

  if (td_window_is_locked (window))
    td_test_sign_in_owner (window);
  td_window_set_section (window, "intake");
  page = TD_INTAKE_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                        "intake_page"));
  g_assert_true (td_intake_page_start (page, TD_ACQUISITION_DONATED, 0, &error));
  g_assert_no_error (error);
  strip = TD_PHOTO_STRIP (find_type (GTK_WIDGET (page), TD_TYPE_PHOTO_STRIP));
  g_assert_nonnull (strip);
  g_assert_cmpint (td_photo_strip_get_item (strip), ==, 0);   /* no item yet: nothing to add to */

  gtk_editable_set_text (GTK_EDITABLE (page->title_row), "Green wool jumper");
  gtk_editable_set_text (GTK_EDITABLE (page->price_row), "12.00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.save", NULL));
  WAIT_FOR (td_intake_page_get_n_items (page) == 1, WAIT_MS);
  item_id = g_array_index (page->lines, TdIntakeLine, 0).item_id;
  g_assert_cmpint (td_photo_strip_get_item (strip), ==, item_id);

  view = show_camera (strip);
  WAIT_FOR (td_camera_get_state (td_camera_view_get_camera (view)) == TD_CAMERA_STATE_LIVE,
            WAIT_MS);
  /* THRIFTDESK_CAMERA=test-mjpeg: the frames came through jpegdec, as an MJPEG webcam's do */
  pipeline = td_camera_get_pipeline (td_camera_view_get_camera (view));
  decoder = gst_bin_get_by_name (GST_BIN (pipeline), "decoder");
  g_assert_nonnull (decoder);
  g_assert_true (td_camera_view_snapshot (view));
  WAIT_FOR (td_photo_strip_get_n_pending (strip) == 0
            && count_loaded_tiles (GTK_WIDGET (strip)) == 1, WAIT_MS);
  rows = photo_rows (window, item_id);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (rows->len ? ((TdPhotoRow *) rows->pdata[0])->width : 0, ==, 1280);
  g_assert_cmpint (rows->len ? ((TdPhotoRow *) rows->pdata[0])->height : 0, ==, 720);
  td_test_screenshot (GTK_WIDGET (window), "photos-intake");

  /* Undo takes the photographed item back: its photo's files go, the strip leaves it */
  store = td_context_get_photo_store (td_window_get_context (window));
  photo_path = td_photo_store_dup_path (store, ((TdPhotoRow *) rows->pdata[0])->sha256);
  g_assert_true (g_file_test (photo_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.undo", NULL));
  g_assert_cmpint (td_intake_page_get_n_items (page), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = photo_rows (window, item_id);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_false (g_file_test (photo_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (td_photo_strip_get_item (strip), ==, 0);
  /* with no item to photograph the camera closes and lets the device go */
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (view)), WAIT_MS);
  g_assert_cmpint (td_camera_get_state (td_camera_view_get_camera (view)), ==,
                   TD_CAMERA_STATE_OFF);
  td_test_wait_frames (GTK_WIDGET (window), 3);
  td_test_screenshot (GTK_WIDGET (window), "photos-intake-undone");
  /* the narrow side panel wraps the heading and the hint: the strip is as tall as they need
   * (AdwToastOverlay 1.2 measures without the width, which cut the hint off) */
  {
    GtkWidget *hint = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (strip),
                                                                   TD_TYPE_PHOTO_STRIP,
                                                                   "hint_label");
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_get_visible (hint));
    g_assert_true (gtk_widget_compute_bounds (hint, GTK_WIDGET (strip), &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                       gtk_widget_get_height (GTK_WIDGET (strip)));
  }
}

static void
test_intake (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = copy_template (tmpdir);

  g_setenv ("THRIFTDESK_CAMERA", "test-mjpeg", TRUE);
  run_app (path, intake_scenario);
  g_unsetenv ("THRIFTDESK_CAMERA");
  td_test_rmdir_recursive (tmpdir);
}

/* ---- No camera ------------------------------------------------------------------------- */

static void
no_camera_scenario (TdWindow   *window,
                    const char *path)
{
  g_autofree char *root = td_photo_store_dup_root_for (path);
  g_autofree char *picture = g_build_filename (root, "jumper.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = td_test_two_colour_pixbuf (640, 480);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = g_file_new_for_path (picture);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWindow *dialog;
  TdPhotoStrip *strip = open_editor (window, &dialog);
  TdCameraView *view = show_camera (strip);
  TdCamera *camera = td_camera_view_get_camera (view);
  GtkLabel *message;

  WAIT_FOR (td_camera_get_state (camera) > TD_CAMERA_STATE_LIVE, WAIT_MS);
  g_assert_cmpint (td_camera_get_state (camera), ==, TD_CAMERA_STATE_NO_CAMERA);
  message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (view), TD_TYPE_CAMERA_VIEW,
                                                      "message_label"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (message)));
  g_assert_cmpstr (gtk_label_get_text (message), ==, td_camera_get_message (camera));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "camera.snapshot", NULL)
                  && td_photo_strip_get_n_pending (strip) > 0);
  td_test_screenshot (GTK_WIDGET (dialog), "photos-no-camera");

  /* the other ways in still work: a file (as the chooser and a drop hand it over) */
  g_assert_true (gdk_pixbuf_save (pixbuf, picture, "png", NULL, NULL));
  g_list_store_append (files, file);
  td_photo_strip_import_files (strip, G_LIST_MODEL (files));
  WAIT_FOR (count_loaded_tiles (GTK_WIDGET (strip)) == 1, WAIT_MS);
  rows = photo_rows (window, 1);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((TdPhotoRow *) rows->pdata[0])->width, ==, 640);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

static void
test_no_camera (void)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;

  if (g_file_test ("/dev/video0", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this computer has a camera");
      return;
    }
  tmpdir = td_test_make_tmpdir ();
  path = copy_template (tmpdir);
  g_unsetenv ("THRIFTDESK_CAMERA");
  run_app (path, no_camera_scenario);
  td_test_rmdir_recursive (tmpdir);
}

/* ---- Two cameras: the chooser ---------------------------------------------------------- */

static const char *
fake_path_for (const char *name)
{
  return g_str_equal (name, "Fake MJPEG Camera") ? TD_FAKE_MJPEG_PATH : TD_FAKE_RAW_PATH;
}

static GtkDropDown *
camera_dropdown (TdCameraView *view)
{
  return GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view), TD_TYPE_CAMERA_VIEW,
                                                       "device_dropdown"));
}

static void
chooser_scenario (TdWindow   *window,
                  const char *path)
{
  GSettings *settings = td_context_get_settings (td_window_get_context (window));
  GtkWindow *dialog;
  TdPhotoStrip *strip = open_editor (window, &dialog);
  TdCameraView *view = show_camera (strip);
  TdCamera *camera = td_camera_view_get_camera (view);
  GtkDropDown *dropdown = camera_dropdown (view);
  GListModel *names = gtk_drop_down_get_model (dropdown);
  g_autofree char *remembered = NULL;
  const char *chosen_name;
  const char *chosen_path;
  guint other;

  WAIT_FOR (td_camera_get_state (camera) == TD_CAMERA_STATE_LIVE, WAIT_MS);
  /* two cameras: a chooser, on the first one while nothing is remembered */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  remembered = g_settings_get_string (settings, "camera-device");
  g_assert_cmpstr (remembered, ==, "");

  /* choosing the other one switches at once and is remembered */
  other = 1;
  chosen_name = gtk_string_list_get_string (GTK_STRING_LIST (names), other);
  chosen_path = fake_path_for (chosen_name);
  gtk_drop_down_set_selected (dropdown, other);
  g_assert_cmpstr (td_camera_get_device (camera), ==, chosen_path);
  g_free (remembered);
  remembered = g_settings_get_string (settings, "camera-device");
  g_assert_cmpstr (remembered, ==, chosen_path);
  WAIT_FOR (td_camera_get_state (camera) == TD_CAMERA_STATE_LIVE, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (dialog), "photos-chooser");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* a new editor's camera starts on the remembered one */
  strip = open_editor (window, &dialog);
  view = show_camera (strip);
  camera = td_camera_view_get_camera (view);
  g_assert_cmpstr (td_camera_get_device (camera), ==, chosen_path);
  dropdown = camera_dropdown (view);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, other);
  WAIT_FOR (td_camera_get_state (camera) == TD_CAMERA_STATE_LIVE, WAIT_MS);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

static void
test_chooser (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = copy_template (tmpdir);

  g_unsetenv ("THRIFTDESK_CAMERA");
  td_fake_cameras_plug (TRUE);
  run_app (path, chooser_scenario);
  td_fake_cameras_plug (FALSE);
  td_test_rmdir_recursive (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int result;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 20;
  options.consignors = 3;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/td/photos-ui/capture", test_capture);
  g_test_add_func ("/td/photos-ui/no-camera", test_no_camera);
  g_test_add_func ("/td/photos-ui/intake", test_intake);
  g_test_add_func ("/td/photos-ui/chooser", test_chooser);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}

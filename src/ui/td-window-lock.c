/* td-window-lock.c — the window's lock screen: sign-in, the first owner, locking when idle.
 *
 * area: the lock screen lies over the whole window content (a GtkOverlay put around the
 * template's content at init), so nothing under it can be clicked or reached by Tab while it
 * shows. The window is locked whenever nobody is signed in: at start, after `win.lock`
 * (Ctrl+Shift+L, or the staff name in the header bar), and after the idle time set in
 * Preferences (GSettings `lock-after-minutes`, 0 = never).
 *
 * Dialogs and windows over the main window (message dialogs, "Ask a manager", Preferences,
 * payment, returns, previews…) are hidden while it is locked, so nothing can be done behind
 * the lock. When the same staff member signs back in they come back as they were; when
 * someone else does, they are closed as cancelled: the half-done act was the other person's.
 * Keys and clicks in those dialogs count as activity for the idle lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>

#include "td-audit-window.h"
#include "td-lock-screen.h"
#include "td-store-staff.h"
#include "td-window-private.h"

#define IDLE_CHECK_SECONDS 5
#define HIDDEN_KEY         "td-lock-hidden"      /* GPtrArray of GtkWindow, parents first */
#define LOCKED_BY_KEY      "td-lock-locked-by"   /* gint64 *: who was signed in */

static void activity_cb (TdWindow *self);

/* How many transient-for steps from @window up to @self; 0 when it is not over @self. */
static guint
depth_over (GtkWindow *window,
            TdWindow  *self)
{
  guint depth = 0;

  for (GtkWindow *w = window; w != NULL && depth < 32; w = gtk_window_get_transient_for (w))
    {
      if (w == GTK_WINDOW (self))
        return depth;
      depth++;
    }
  return 0;
}

static int
by_depth (gconstpointer a,
          gconstpointer b,
          gpointer      self)
{
  return (int) depth_over (*(GtkWindow **) a, self) - (int) depth_over (*(GtkWindow **) b, self);
}

/* Hides every shown window over @self and keeps them (referenced), parents first. */
static void
hide_dialogs (TdWindow *self)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_object_unref);
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && depth_over (l->data, self) > 0)
      g_ptr_array_add (hidden, g_object_ref (l->data));
  g_list_free (toplevels);
  g_ptr_array_sort_with_data (hidden, by_depth, self);
  for (guint i = hidden->len; i > 0; i--)
    gtk_widget_set_visible (hidden->pdata[i - 1], FALSE);
  if (hidden->len > 0)
    gtk_window_present (GTK_WINDOW (self));
  g_object_set_data_full (G_OBJECT (self), HIDDEN_KEY, g_steal_pointer (&hidden),
                          (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
is_toplevel (GtkWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = g_list_find (toplevels, window) != NULL;

  g_list_free (toplevels);
  return found;
}

/* After the lock: the same staff member gets the hidden windows back as they were; anyone
 * else finds them closed, as cancelled (a message dialog answers its close response, so its
 * caller cleans up as for Cancel). */
static void
restore_dialogs (TdWindow *self,
                 gboolean  same_staff)
{
  g_autoptr(GPtrArray) hidden = g_object_steal_data (G_OBJECT (self), HIDDEN_KEY);

  if (hidden == NULL)
    return;
  if (same_staff)
    {
      for (guint i = 0; i < hidden->len; i++)
        if (is_toplevel (hidden->pdata[i]))
          gtk_window_present (hidden->pdata[i]);
      return;
    }
  for (guint i = hidden->len; i > 0; i--)
    {
      GtkWindow *window = hidden->pdata[i - 1];

      if (ADW_IS_MESSAGE_DIALOG (window) && is_toplevel (window))
        adw_message_dialog_response (ADW_MESSAGE_DIALOG (window),
                                     adw_message_dialog_get_close_response (
                                       ADW_MESSAGE_DIALOG (window)));
      if (is_toplevel (window))
        {
          gtk_window_set_focus (window, NULL);
          gtk_window_destroy (window);
        }
    }
}

/* Keys and clicks in a dialog over the window keep the counter awake too. */
static void
dialog_activity_cb (GtkEventController *controller,
                    TdWindow           *self)
{
  GtkWidget *window = gtk_event_controller_get_widget (controller);

  if (GTK_IS_WINDOW (window) && depth_over (GTK_WINDOW (window), self) > 0)
    activity_cb (self);
}

static gboolean
dialog_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               TdWindow              *self)
{
  dialog_activity_cb (GTK_EVENT_CONTROLLER (controller), self);
  return FALSE;
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      TdWindow   *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkEventController *controller;

      if (window == GTK_WINDOW (self) || g_object_get_data (G_OBJECT (window), "td-lock-watched"))
        continue;
      g_object_set_data (G_OBJECT (window), "td-lock-watched", GINT_TO_POINTER (1));
      controller = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_object (controller, "key-pressed", G_CALLBACK (dialog_key_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (window), controller);
      controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_object (controller, "pressed", G_CALLBACK (dialog_activity_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (window), controller);
    }
}

static void
set_locked (TdWindow *self,
            gboolean  locked)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* The focus goes back where it was when the counter was locked. */
  if (locked && focus != NULL && gtk_widget_is_ancestor (focus, self->lock_content))
    g_set_weak_pointer (&self->focus_before_lock, focus);
  self->locked = locked;
  gtk_widget_set_visible (GTK_WIDGET (self->lock_screen), locked);
  gtk_widget_set_can_target (self->lock_content, !locked);
  gtk_widget_set_can_focus (self->lock_content, !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit", !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", !locked);
  if (locked)
    {
      td_lock_screen_reload (self->lock_screen);
      td_lock_screen_grab_focus (self->lock_screen);
    }
  else if (self->focus_before_lock != NULL && gtk_widget_get_mapped (self->focus_before_lock))
    gtk_widget_grab_focus (self->focus_before_lock);
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->lock_screen)))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  if (!locked)
    {
      gint64 *locked_by = g_object_get_data (G_OBJECT (self), LOCKED_BY_KEY);

      g_clear_weak_pointer (&self->focus_before_lock);
      restore_dialogs (self, locked_by != NULL &&
                             *locked_by == td_context_get_staff_id (self->context));
      g_object_set_data (G_OBJECT (self), LOCKED_BY_KEY, NULL);
    }
  self->last_activity = g_get_monotonic_time ();
}

/**
 * td_window_lock:
 *
 * Signs the current staff member out and shows the lock screen.
 */
void
td_window_lock (TdWindow *self)
{
  gint64 *locked_by = g_new (gint64, 1);

  g_return_if_fail (TD_IS_WINDOW (self));

  /* Who was signed in: they get their dialogs back. Locked twice, the first one counts. */
  *locked_by = td_context_get_staff_id (self->context);
  if (self->locked && g_object_get_data (G_OBJECT (self), LOCKED_BY_KEY) != NULL)
    g_free (locked_by);
  else
    g_object_set_data_full (G_OBJECT (self), LOCKED_BY_KEY, locked_by, g_free);
  if (!self->locked || g_object_get_data (G_OBJECT (self), HIDDEN_KEY) == NULL)
    hide_dialogs (self);
  td_context_set_staff (self->context, 0, NULL);
  set_locked (self, TRUE);
}

gboolean
td_window_is_locked (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);

  return self->locked;
}

/* For tests and the lock screen's own use: the lock screen widget. */
GtkWidget *
td_window_get_lock_screen (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->lock_screen);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  td_window_lock (TD_WINDOW (widget));
}

/* The audit trail is the owner's: refused with a toast for anyone else. */
static void
audit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWindow *viewer;

  if (!td_store_authorize (td_context_get_database (self->context),
                           td_context_get_staff_id (self->context), TD_PERMISSION_VIEW_AUDIT,
                           NULL, g_get_real_time (), &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  viewer = GTK_WINDOW (td_audit_window_new (self->context));
  gtk_window_set_transient_for (viewer, GTK_WINDOW (self));
  gtk_window_set_modal (viewer, TRUE);
  gtk_window_set_destroy_with_parent (viewer, TRUE);
  gtk_window_present (viewer);
}

static void
unlocked_cb (TdWindow     *self,
             gint64        staff_id,
             TdLockScreen *lock_screen)
{
  set_locked (self, FALSE);
}

static gboolean
has_accounts (TdWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean has = FALSE;

  if (!td_store_staff_has_accounts (td_context_get_database (self->context), &has, &error))
    g_message ("Can’t read the staff accounts: %s", error->message);
  return has;
}

static void
staff_changed_cb (TdWindow *self)
{
  const char *name = td_context_get_staff_name (self->context);

  gtk_button_set_label (self->staff_button, name ? name : _("Sign In"));
  /* Signed in (by the lock screen, or by whoever set the staff member): open up. */
  if (td_context_get_staff_id (self->context) != 0 && self->locked)
    set_locked (self, FALSE);
}

static void
shop_changed_cb (TdWindow *self)
{
  /* A demo build adds staff accounts: sign in with one of them (or the owner form gives way
   * to signing in). */
  if (td_context_get_staff_id (self->context) == 0 && has_accounts (self))
    {
      if (!self->locked || td_lock_screen_is_setup (self->lock_screen))
        set_locked (self, TRUE);
    }
}

static void
activity_cb (TdWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
key_activity_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 TdWindow              *self)
{
  activity_cb (self);
  return FALSE;
}

static gboolean
idle_check_cb (gpointer user_data)
{
  TdWindow *self = user_data;
  GSettings *settings = td_context_get_settings (self->context);
  int minutes;

  if (self->locked || settings == NULL)
    return G_SOURCE_CONTINUE;
  minutes = g_settings_get_int (settings, "lock-after-minutes");
  if (minutes > 0 &&
      g_get_monotonic_time () - self->last_activity > (gint64) minutes * 60 * G_USEC_PER_SEC)
    td_window_lock (self);
  return G_SOURCE_CONTINUE;
}

void
td_window_lock_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, audit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.lock", NULL);
}

/* After the template: puts the lock screen over the content, the staff name in the header. */
void
td_window_lock_init (TdWindow *self)
{
  g_autoptr(GtkWidget) content = NULL;
  GtkWidget *overlay;
  GtkEventController *controller;
  GtkWidget *header_bar;

  content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), content);
  self->lock_content = content;
  self->lock_screen = td_lock_screen_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->lock_screen), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->lock_screen));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), overlay);
  g_signal_connect_object (self->lock_screen, "unlocked", G_CALLBACK (unlocked_cb), self,
                           G_CONNECT_SWAPPED);

  header_bar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TD_TYPE_WINDOW,
                                                          "header_bar"));
  self->staff_button = GTK_BUTTON (gtk_button_new_with_label (_("Locked")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->staff_button), "win.lock");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->staff_button),
                               _("Signed in; click to lock and switch staff (Ctrl+Shift+L)"));
  gtk_widget_add_css_class (GTK_WIDGET (self->staff_button), "flat");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header_bar), GTK_WIDGET (self->staff_button));

  /* Any key, click or pointer motion counts as someone at the counter. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, 0);
}

/* Once the context is known: locked until someone signs in (or creates the owner). */
void
td_window_lock_start (TdWindow *self)
{
  td_lock_screen_set_context (self->lock_screen, self->context);
  g_signal_connect_object (self->context, "notify::staff-id", G_CALLBACK (staff_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "shop-changed", G_CALLBACK (shop_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A shop with no accounts yet (made before staff accounts existed, or a first run that has
   * not got this far) is not locked; the first run's "Start Empty" asks for the owner, and the
   * header's "Sign In" offers it too. Guarded acts are refused until someone signs in. */
  set_locked (self, td_context_get_staff_id (self->context) == 0 && has_accounts (self));
  staff_changed_cb (self);
  self->idle_source = g_timeout_add_seconds (IDLE_CHECK_SECONDS, idle_check_cb, self);
}

void
td_window_lock_dispose (TdWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_lock);
  restore_dialogs (self, FALSE);
  /* GTK 4.8: a focused GtkPasswordEntry is told about the focus while its window is finalized. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* td-window.c — the main window: the shop's sections.
 *
 * The window is split by concern: this file holds the sections, actions and what the window
 * remembers; td-window-summary.c the section summaries; td-window-demo.c the first-run
 * welcome and the demo shop. They share td-window-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>

#include "td-backup-scheduler.h"
#include "td-consignors-page.h"
#include "td-context-sync.h"
#include "td-intake-page.h"
#include "td-sell-page.h"
#include "td-inventory-page.h"
#include "td-preferences-window.h"
#include "td-reports-page.h"
#include "td-sync-page.h"
#include "td-ui-resources.h"
#include "td-window-private.h"

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In shortcut order (Ctrl+1…): sections added later take the next number, so keys people know
 * keep their meaning. */
static const char * const sections[] = { "sell", "inventory", "consignors", "reports", "marketplaces",
                                         "intake" };

/* The keys this file reads; a schema without them (an older install) is not used. */
static const char * const window_keys[] = { "window-width", "window-height", "window-maximized",
                                            "last-section" };

static GSettings *
get_window_settings (TdWindow *self)
{
  GSettings *settings = td_context_get_settings (self->context);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (window_keys); i++)
    if (!g_settings_schema_has_key (schema, window_keys[i]))
      return NULL;
  return settings;
}

static void
restore_window_state (TdWindow *self)
{
  GSettings *settings = get_window_settings (self);
  g_autofree char *section = NULL;
  int width, height;

  if (settings == NULL)
    return;

  width = g_settings_get_int (settings, "window-width");
  height = g_settings_get_int (settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  section = g_settings_get_string (settings, "last-section");
  if (section[0] != '\0' && adw_view_stack_get_child_by_name (self->stack, section) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, section);
}

static void
save_window_state (TdWindow *self)
{
  GSettings *settings = get_window_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  /* The default size follows the unmaximized size, so a maximized window restores well. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (settings, "last-section", td_window_get_section (self));
}

static void
section_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  td_window_set_section (TD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  GtkWindow *preferences = GTK_WINDOW (td_preferences_window_new (self->context));

  gtk_window_set_transient_for (preferences, GTK_WINDOW (self));
  gtk_window_set_modal (preferences, TRUE);
  gtk_window_set_destroy_with_parent (preferences, TRUE);
  gtk_window_present (preferences);
}

static void
update_title (TdWindow *self)
{
  g_autofree char *name = td_context_dup_shop_name (self->context);

  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
}

static void
shop_changed_cb (TdWindow  *self,
                 TdContext *context)
{
  update_title (self);
  td_window_reload_summary (self);
}

static void
stack_visible_child_cb (TdWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
td_window_constructed (GObject *object)
{
  TdWindow *self = (TdWindow *)object;

  G_OBJECT_CLASS (td_window_parent_class)->constructed (object);

  g_assert (TD_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "shop-changed", G_CALLBACK (shop_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
  td_sell_page_set_context (TD_SELL_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                        TD_TYPE_WINDOW,
                                                                        "sell_page")),
                            self->context);
  td_intake_page_set_context (TD_INTAKE_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                            TD_TYPE_WINDOW,
                                                                            "intake_page")),
                              self->context);
  td_inventory_page_set_context (TD_INVENTORY_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                  TD_TYPE_WINDOW,
                                                                                  "inventory_view")),
                                 self->context);
  td_consignors_page_set_context (
    TD_CONSIGNORS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self), TD_TYPE_WINDOW,
                                                       "consignors_view")),
    self->context);
  td_reports_page_set_context (
    TD_REPORTS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self), TD_TYPE_WINDOW,
                                                    "reports_view")),
    self->context);
  td_sync_page_set_context (
    TD_SYNC_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self), TD_TYPE_WINDOW, "sync_page")),
    self->context);
  /* Marketplace sync runs in the background for as long as the shop is open. */
  td_context_start_sync (self->context);
  restore_window_state (self);
  td_window_reload_summary (self);
  td_window_lock_start (self);
  /* The daily backup; the window owns it, so it stops with the window. */
  g_object_set_data_full (object, "td-backup-scheduler", td_backup_scheduler_new (self->context),
                          g_object_unref);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
td_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_window_parent_class)->map (widget);

  td_window_schedule_welcome (TD_WINDOW (widget));
}

static gboolean
td_window_close_request (GtkWindow *window)
{
  save_window_state (TD_WINDOW (window));

  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

static void
td_window_dispose (GObject *object)
{
  TdWindow *self = (TdWindow *)object;

  g_cancellable_cancel (self->cancellable);
  td_window_cancel_demo (self);
  td_window_lock_dispose (self);
  g_clear_handle_id (&self->welcome_source, g_source_remove);
  g_clear_object (&self->cancellable);
  if (self->context != NULL)
    td_context_stop_sync (self->context);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SECTION:
      g_value_set_string (value, td_window_get_section (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SECTION:
      td_window_set_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_window_constructed;
  object_class->dispose = td_window_dispose;
  object_class->get_property = td_window_get_property;
  object_class->set_property = td_window_set_property;
  widget_class->map = td_window_map;
  window_class->close_request = td_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL,
                         "sell",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The UI library is static: referencing its resource keeps the linker from dropping it. */
  g_resources_register (td_ui_get_resource ());
  g_type_ensure (TD_TYPE_CONSIGNORS_PAGE);
  g_type_ensure (TD_TYPE_REPORTS_PAGE);
  g_type_ensure (TD_TYPE_INTAKE_PAGE);
  g_type_ensure (TD_TYPE_INVENTORY_PAGE);
  g_type_ensure (TD_TYPE_SELL_PAGE);
  g_type_ensure (TD_TYPE_SYNC_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, inventory_summary);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, consignors_summary);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, reports_summary);
  /* Not kept in the struct: reached with gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "intake_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "header_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sell_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "inventory_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "consignors_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "reports_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sync_page", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.section", "s", section_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);

  /* The window's shortcuts, all here; resources/ui/help-overlay.ui lists them. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.section", "s", sections[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  td_window_lock_class_init (widget_class);
  td_window_csv_class_init (widget_class);
}

static void
td_window_init (TdWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  td_window_lock_init (self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (stack_visible_child_cb), self);
}

/**
 * td_window_new:
 * @application: the application
 * @context: the open shop
 *
 * Returns: (transfer full): a new window on @context
 */
TdWindow *
td_window_new (GtkApplication *application,
               TdContext      *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * td_window_get_context:
 *
 * Returns: (transfer none): the open shop
 */
TdContext *
td_window_get_context (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * td_window_get_section:
 *
 * Returns: the name of the visible section: sell, inventory, consignors, reports, marketplaces
 */
const char *
td_window_get_section (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
td_window_set_section (TdWindow   *self,
                       const char *section)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (section != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, section) == NULL)
    {
      g_critical ("No section named “%s”", section);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, section);
}

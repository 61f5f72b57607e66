/* td-application.c — command line, opening the shop, app-wide actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-application.h"
#include "td-context.h"
#include "td-database.h"
#include "td-store.h"
#include "td-window.h"

#define MAX_DEMO_ITEMS 10000000

struct _TdApplication
{
  AdwApplication  parent_instance;

  char           *database_path;  /* --database, absolute */
  char           *demo_path;      /* --demo, absolute */
  int             demo_items;     /* --demo-items, 0 = default */
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the shop kept in FILE instead of the default one"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Create a demo shop in FILE, or open it if it exists"), N_("FILE") },
  /* A string, not G_OPTION_ARG_INT: GApplication drops an int option given as 0, so
   * "--demo-items 0" would pass unnoticed; parsed in handle_local_options. */
  { "demo-items", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How many items the demo shop takes in (default 5000)"), N_("N") },
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static char *
lookup_path_option (GVariantDict *options,
                    const char   *name)
{
  g_autofree char *path = NULL;

  if (!g_variant_dict_lookup (options, name, "^ay", &path) || path[0] == '\0')
    return NULL;
  return g_canonicalize_filename (path, NULL);
}

static int
td_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TdApplication *self = TD_APPLICATION (app);
  const char *items_text = NULL;
  gboolean has_items;
  gint64 items = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  self->database_path = lookup_path_option (options, "database");
  self->demo_path = lookup_path_option (options, "demo");
  has_items = g_variant_dict_lookup (options, "demo-items", "&s", &items_text);

  if (self->database_path != NULL && self->demo_path != NULL)
    {
      g_printerr (_("Use either --database or --demo, not both.\n"));
      return 2;
    }
  if (has_items && self->demo_path == NULL)
    {
      g_printerr (_("--demo-items only applies together with --demo FILE.\n"));
      return 2;
    }
  if (has_items && !g_ascii_string_to_signed (items_text, 10, 1, MAX_DEMO_ITEMS, &items, NULL))
    {
      g_printerr (_("--demo-items takes a number from 1 to %d.\n"), MAX_DEMO_ITEMS);
      return 2;
    }
  self->demo_items = (int) items;

  /* A shop named on the command line is this process's own: don't hand it to a running
   * Thriftdesk that has another shop open. */
  if (self->database_path != NULL || self->demo_path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
problem_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TdApplication    *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
show_open_problem (TdApplication *self,
                   const GError  *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("The Shop Can’t Be Opened"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (problem_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
resolve_path (TdApplication  *self,
              GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (self->demo_path != NULL)
    return g_strdup (self->demo_path);
  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  path = td_database_dup_default_path ();
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CANT_OPEN,
                   _("The folder “%s” for the shop could not be created: %s."),
                   name, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&path);
}

static gboolean
shop_is_empty (TdDatabase *database)
{
  g_autoptr(GError) error = NULL;
  gboolean empty = FALSE;

  if (td_database_was_created (database))
    return TRUE;
  if (!td_store_shop_is_empty (database, &empty, &error))
    g_message ("Can’t tell whether the shop is empty: %s", error->message);
  return empty;
}

static void
td_application_activate (GApplication *app)
{
  TdApplication *self = TD_APPLICATION (app);
  g_autoptr(TdDatabase) database = NULL;
  g_autoptr(TdContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = resolve_path (self, &error);
  if (path != NULL)
    database = td_database_open (path, &error);
  if (database == NULL)
    {
      show_open_problem (self, error);
      return;
    }

  context = td_context_new (database);
  window = GTK_WINDOW (td_window_new (GTK_APPLICATION (app), context));
  gtk_window_present (window);

  /* --demo builds into a new file, or into one left empty (a build cancelled last time). */
  if (self->demo_path != NULL && shop_is_empty (database))
    {
      TdDemoOptions options;

      td_demo_options_init (&options);
      if (self->demo_items > 0)
        options.items = (guint) self->demo_items;
      td_window_build_demo (TD_WINDOW (window), &options);
    }
}

/* A Devel build may have only the release icon installed, and a build-tree run neither:
 * then show none rather than the broken-image icon. */
static const char *
find_application_icon (GtkWindow *window)
{
  GdkDisplay *display = window ? gtk_widget_get_display (GTK_WIDGET (window))
                               : gdk_display_get_default ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);

  if (gtk_icon_theme_has_icon (theme, APPLICATION_ID))
    return APPLICATION_ID;
  if (gtk_icon_theme_has_icon (theme, BASE_APPLICATION_ID))
    return BASE_APPLICATION_ID;
  return "";
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "Thriftdesk developers", NULL };
  TdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", PACKAGE_NAME,
                         "application-icon", find_application_icon (window),
                         "developer-name", _("The Thriftdesk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("The counter and back office of resale shops: consignment, "
                                       "grading, pricing, sales and receipts, offline-first."),
                         "website", "https://github.com/thriftdesk/thriftdesk",
                         "developers", developers,
                         "copyright", "© 2026 The Thriftdesk developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close rather than quit, so that each window saves what it remembers (size, section);
   * the application ends with its last window. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
td_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (td_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
td_application_finalize (GObject *object)
{
  TdApplication *self = (TdApplication *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->demo_path, g_free);

  G_OBJECT_CLASS (td_application_parent_class)->finalize (object);
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = td_application_finalize;
  app_class->handle_local_options = td_application_handle_local_options;
  app_class->startup = td_application_startup;
  app_class->activate = td_application_activate;
}

static void
td_application_init (TdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Thriftdesk runs the counter and back office of a "
                                              "resale shop. Without options it opens the shop in "
                                              "the user’s data folder."));
}

TdApplication *
td_application_new (void)
{
  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

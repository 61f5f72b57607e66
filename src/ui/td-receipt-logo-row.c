/* td-receipt-logo-row.c — Preferences › Shop: the logo printed at the top of receipts.
 *
 * The chosen PNG is checked (cairo must read it: the receipt renderer draws it with cairo),
 * copied beside the shop file under a name made from its content (`receipt-logo-HASH.png`),
 * and only then the setting `receipt.logo` switches to that name — one audited settings change,
 * so a receipt never sees half a new logo. A shop copied elsewhere with its folder keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-prefs"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-permission.h"
#include "td-receipt-logo-row.h"
#include "td-store.h"

#define MAX_LOGO_BYTES (2 * 1024 * 1024)

struct _TdReceiptLogoRow
{
  AdwActionRow  parent_instance;

  TdContext    *context;
  GtkWidget    *remove_button;
};

G_DEFINE_FINAL_TYPE (TdReceiptLogoRow, td_receipt_logo_row, ADW_TYPE_ACTION_ROW)

static char *
current_name (TdContext *context)
{
  g_autofree char *name = td_store_settings_dup (td_context_get_database (context),
                                                 TD_SETTING_RECEIPT_LOGO, NULL);

  /* only a plain file name beside the shop */
  if (name == NULL || name[0] == '\0' || strchr (name, G_DIR_SEPARATOR) != NULL)
    return NULL;
  return g_steal_pointer (&name);
}

/**
 * td_receipt_logo_path:
 * @context: the shop
 *
 * Returns: (transfer full) (nullable): the receipt logo's file, or %NULL when the shop has none
 */
char *
td_receipt_logo_path (TdContext *context)
{
  g_autofree char *name = current_name (context);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (name == NULL)
    return NULL;
  dir = g_path_get_dirname (td_database_get_path (td_context_get_database (context)));
  path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

static void
update (TdReceiptLogoRow *self)
{
  g_autofree char *name = current_name (self->context);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               name ? _("A logo is printed above the shop’s name.")
                                    : _("None: receipts start with the shop’s name."));
  gtk_widget_set_sensitive (self->remove_button, name != NULL);
}

typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
is_png (GBytes *bytes)
{
  PngReader reader = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  gboolean ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
                cairo_image_surface_get_width (surface) > 0 &&
                cairo_image_surface_get_height (surface) > 0;

  cairo_surface_destroy (surface);
  return ok;
}

static void
remove_file (TdContext  *context,
             const char *name)
{
  g_autofree char *dir = g_path_get_dirname (td_database_get_path (td_context_get_database (context)));
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_unlink (path);
}

/**
 * td_receipt_logo_row_use_file:
 * @file: a PNG, at most 2 MB
 * @error: a %TD_PERMISSION_ERROR, or a %G_IO_ERROR with a sentence for staff
 *
 * Makes @file the receipt logo (see the top of this file). Nothing changes when it fails.
 */
gboolean
td_receipt_logo_row_use_file (TdReceiptLogoRow  *self,
                              GFile             *file,
                              GError           **error)
{
  TdDatabase *db = td_context_get_database (self->context);
  gint64 now = g_get_real_time ();
  g_autofree char *display = g_file_get_parse_name (file);
  g_autofree char *old = current_name (self->context);
  g_autofree char *dir = g_path_get_dirname (td_database_get_path (db));
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TD_IS_RECEIPT_LOGO_ROW (self), FALSE);

  if (!td_store_authorize (db, td_context_get_staff_id (self->context),
                           TD_PERMISSION_EDIT_PREFERENCES, NULL, now, error))
    return FALSE;
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” could not be read. The logo was not changed."), display);
      return FALSE;
    }
  if (g_bytes_get_size (bytes) > MAX_LOGO_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is larger than 2 MB; a receipt logo is small. Choose a smaller "
                     "PNG. The logo was not changed."), display);
      return FALSE;
    }
  if (!is_png (bytes))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a PNG image. Choose a PNG file. The logo was not changed."),
                   display);
      return FALSE;
    }

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  hash[12] = '\0';
  name = g_strdup_printf ("receipt-logo-%s.png", hash);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The logo could not be saved beside the shop: %s"), local_error->message);
      return FALSE;
    }
  if (!td_store_settings_change (db, td_context_get_staff_id (self->context),
                                 TD_SETTING_RECEIPT_LOGO, name, now, error))
    {
      if (g_strcmp0 (old, name) != 0)
        g_unlink (path);
      return FALSE;
    }
  if (old != NULL && !g_str_equal (old, name))
    remove_file (self->context, old);
  update (self);
  return TRUE;
}

/**
 * td_receipt_logo_row_remove:
 *
 * Receipts go back to starting with the shop's name.
 */
gboolean
td_receipt_logo_row_remove (TdReceiptLogoRow  *self,
                            GError           **error)
{
  g_autofree char *old = current_name (self->context);

  g_return_val_if_fail (TD_IS_RECEIPT_LOGO_ROW (self), FALSE);

  if (!td_store_settings_change (td_context_get_database (self->context),
                                 td_context_get_staff_id (self->context),
                                 TD_SETTING_RECEIPT_LOGO, "", g_get_real_time (), error))
    return FALSE;
  if (old != NULL)
    remove_file (self->context, old);
  update (self);
  return TRUE;
}

static void
show_error (TdReceiptLogoRow *self,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           gpointer         user_data)
{
  TdReceiptLogoRow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !td_receipt_logo_row_use_file (self, file, &error))
        show_error (self, error);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_clicked_cb (TdReceiptLogoRow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  chooser = gtk_file_chooser_native_new (_("Choose the Receipt Logo"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_clicked_cb (TdReceiptLogoRow *self)
{
  g_autoptr(GError) error = NULL;

  if (!td_receipt_logo_row_remove (self, &error))
    show_error (self, error);
}

static void
td_receipt_logo_row_dispose (GObject *object)
{
  TdReceiptLogoRow *self = TD_RECEIPT_LOGO_ROW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_receipt_logo_row_parent_class)->dispose (object);
}

static void
td_receipt_logo_row_class_init (TdReceiptLogoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_receipt_logo_row_dispose;
}

static void
td_receipt_logo_row_init (TdReceiptLogoRow *self)
{
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Receipt Logo (PNG)"));
  self->remove_button = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_clicked_cb), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->remove_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), choose);
}

/**
 * td_receipt_logo_row_new:
 * @context: the shop
 */
GtkWidget *
td_receipt_logo_row_new (TdContext *context)
{
  TdReceiptLogoRow *self = g_object_new (TD_TYPE_RECEIPT_LOGO_ROW, NULL);

  self->context = g_object_ref (context);
  update (self);
  return GTK_WIDGET (self);
}

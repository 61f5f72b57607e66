/* td-intake-page-undo.c — taking back the item just saved: the toast's Undo and Alt+Z.
 *
 * Only the newest item of the open session can be undone, and only while the store agrees
 * (td_store_intake_undo_item(): moments old, untouched, not sold or listed); otherwise the
 * store's reason is shown as a toast and nothing changes. Photos taken of it go too, files
 * included unless another item uses the same picture (td_photo_store_undo_intake_item()), and
 * the side panel's photo strip moves to the item that is now the newest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-photos.h"
#include "td-intake-page-private.h"

static void
toast_undo_cb (AdwToast     *toast,
               TdIntakePage *self)
{
  gint64 item_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "td-item-id"));

  /* The toast outlives nothing: undo only if its item is still the newest one. */
  if (self->lines->len > 0 &&
      g_array_index (self->lines, TdIntakeLine, self->lines->len - 1).item_id == item_id)
    td_intake_page_undo_last (self);
}

/**
 * td_intake_page_toast_saved:
 * @line: the item just saved
 *
 * Says the item was saved, with an Undo button that takes it back.
 */
void
td_intake_page_toast_saved (TdIntakePage       *self,
                            const TdIntakeLine *line)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    return;
  /* Translators: a toast after an item was saved at intake; %s is its SKU */
  title = g_strdup_printf (_("Saved as %s"), line->sku);

  /* One toast for the whole bag, retitled for each item: libadwaita 1.2 can crash when
   * toasts are dismissed and added again in quick succession, as fast intake would. */
  if (self->saved_toast != NULL)
    {
      adw_toast_set_title (self->saved_toast, title);
      adw_toast_set_button_label (self->saved_toast, _("_Undo"));
      g_object_set_data (G_OBJECT (self->saved_toast), "td-item-id",
                         GSIZE_TO_POINTER ((gsize) line->item_id));
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 8);
  g_object_set_data (G_OBJECT (toast), "td-item-id", GSIZE_TO_POINTER ((gsize) line->item_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
  g_set_weak_pointer (&self->saved_toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * td_intake_page_undo_last:
 *
 * Takes back the newest item of the session, when the store allows it.
 *
 * Returns: whether the item was removed
 */
gboolean
td_intake_page_undo_last (TdIntakePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const TdIntakeLine *line;
  GtkListBoxRow *row;

  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), FALSE);

  if (self->lines->len == 0 || self->finished)
    return FALSE;
  line = &g_array_index (self->lines, TdIntakeLine, self->lines->len - 1);
  if (!td_photo_store_undo_intake_item (td_context_get_photo_store (self->context),
                                        line->item_id, 0, g_get_real_time (), &error))
    {
      td_intake_page_toast (self, error->message);
      return FALSE;
    }

  /* Translators: a toast; %s is the title of the item taken back */
  message = g_strdup_printf (_("“%s” was taken back"), line->title);
  /* The side list shows the newest first. */
  row = gtk_list_box_get_row_at_index (self->session_list, 0);
  if (row != NULL)
    gtk_list_box_remove (self->session_list, GTK_WIDGET (row));
  g_array_set_size (self->lines, self->lines->len - 1);
  /* the strip must not stay on an item that is gone */
  td_intake_page_show_photos (self, self->lines->len > 0
                                    ? &g_array_index (self->lines, TdIntakeLine,
                                                      self->lines->len - 1)
                                    : NULL);
  td_intake_page_update_session_labels (self);
  td_intake_page_update_actions (self);
  if (self->saved_toast != NULL)
    {
      adw_toast_set_title (self->saved_toast, message);
      adw_toast_set_button_label (self->saved_toast, NULL);
    }
  else
    td_intake_page_toast (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return TRUE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  td_intake_page_undo_last (TD_INTAKE_PAGE (widget));
}

void
td_intake_page_class_init_undo (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "intake.undo", NULL, undo_action);
  /* Not Ctrl+Z: that undoes typing in the field that has the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_ALT_MASK, "intake.undo", NULL);
}

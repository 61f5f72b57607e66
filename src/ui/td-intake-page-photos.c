/* td-intake-page-photos.c — the photos of the item just taken in, beside the session list.
 *
 * Staff fill in the form, add the item, and photograph it while the next one waits: the strip
 * in the side panel always shows the newest item of the bag (camera, files, drop, paste).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-photos.h"
#include "td-intake-page-private.h"
#include "td-photo-strip.h"

/**
 * td_intake_page_show_photos:
 * @self: the intake page
 * @line: (nullable): the item just added; %NULL when a bag starts (no item yet)
 *
 * Points the side panel's photo strip at @line's item, making the strip on first use.
 */
void
td_intake_page_show_photos (TdIntakePage       *self,
                            const TdIntakeLine *line)
{
  g_autofree char *title = NULL;

  g_return_if_fail (TD_IS_INTAKE_PAGE (self));

  if (self->context == NULL)
    return;
  if (self->photo_strip == NULL)
    {
      self->photo_strip = td_photo_strip_new (td_context_get_photo_store (self->context),
                                              td_context_get_settings (self->context));
      gtk_widget_set_margin_start (self->photo_strip, 12);
      gtk_widget_set_margin_end (self->photo_strip, 12);
      gtk_widget_set_margin_bottom (self->photo_strip, 12);
      /* below the bag's owner and count, above the list of items */
      gtk_box_insert_child_after (GTK_BOX (self->side_box), self->photo_strip,
                                  gtk_widget_get_first_child (self->side_box));
    }
  if (line != NULL)
    /* Translators: heading of the photo strip at intake; %s is the item's SKU */
    title = g_strdup_printf (_("Photos of %s"), line->sku);
  td_photo_strip_set_item (TD_PHOTO_STRIP (self->photo_strip), line ? line->item_id : 0,
                           line ? title : _("Photos: add the item first"));
}

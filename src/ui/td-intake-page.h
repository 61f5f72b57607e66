/* td-intake-page.h — taking a bag in, item after item, from the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"
#include "td-item-draft.h"
#include "td-tag.h"

G_BEGIN_DECLS

#define TD_TYPE_INTAKE_PAGE (td_intake_page_get_type ())

G_DECLARE_FINAL_TYPE (TdIntakePage, td_intake_page, TD, INTAKE_PAGE, AdwBin)

GtkWidget *td_intake_page_new              (TdContext     *context);
TdContext *td_intake_page_get_context      (TdIntakePage  *self);
void       td_intake_page_set_context      (TdIntakePage  *self,
                                            TdContext     *context);
gint64     td_intake_page_get_intake_id    (TdIntakePage  *self);
guint      td_intake_page_get_n_items      (TdIntakePage  *self);
gboolean   td_intake_page_start            (TdIntakePage  *self,
                                            TdAcquisition  acquisition,
                                            gint64         consignor_id,
                                            GError       **error);
gboolean   td_intake_page_write_tags       (TdIntakePage  *self,
                                            TdTagFormat    format,
                                            const char    *path,
                                            GError       **error);
gboolean   td_intake_page_write_slip       (TdIntakePage  *self,
                                            const char    *path,
                                            GError       **error);

G_END_DECLS

/* td-consignors-page.h — the Consignors section: people, terms, balances, expiry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_CONSIGNORS_PAGE (td_consignors_page_get_type ())

G_DECLARE_FINAL_TYPE (TdConsignorsPage, td_consignors_page, TD, CONSIGNORS_PAGE, GtkWidget)

GtkWidget *td_consignors_page_new                  (TdContext        *context);
TdContext *td_consignors_page_get_context          (TdConsignorsPage *self);
void       td_consignors_page_set_context          (TdConsignorsPage *self,
                                                    TdContext        *context);
void       td_consignors_page_reload               (TdConsignorsPage *self);
gint64     td_consignors_page_get_selected_id      (TdConsignorsPage *self);
void       td_consignors_page_select               (TdConsignorsPage *self,
                                                    gint64            consignor_id);
gboolean   td_consignors_page_write_donation_list  (TdConsignorsPage *self,
                                                    const char       *path,
                                                    GError          **error);

G_END_DECLS

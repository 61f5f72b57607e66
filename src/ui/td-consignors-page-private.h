/* td-consignors-page-private.h — shared by td-consignors-page*.c, split by concern:
 * td-consignors-page.c the list and the selected consignor, td-consignors-page-record.c the
 * balance adjustment and (de)activation, td-consignors-page-expiry.c the items due for
 * expiry, td-consignors-format.c the words of terms and ledger kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-consignor.h"
#include "td-consignors-page.h"
#include "td-store-consignors.h"
#include "td-store-expiry.h"

G_BEGIN_DECLS

/* How many ledger rows a "Show More" adds, and how many expired items are listed at once. */
#define TD_CONSIGNORS_LEDGER_PAGE 25
#define TD_CONSIGNORS_EXPIRY_LIMIT 500

struct _TdConsignorsPage
{
  GtkWidget        parent_instance;

  TdContext       *context;
  gint64           selected_id;       /* 0 when none */
  gint64           ledger_before_id;  /* the oldest ledger row shown, for the next page */
  gboolean         ledger_more;
  gboolean         reloading;         /* the list is being refilled: ignore selection */
  TdMoneyFormat    money_format;
  GArray          *donated;           /* TdExpiredItem of the last donation, for its list */
  char            *donated_date;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkToggleButton *consignors_toggle;
  GtkToggleButton *expiry_toggle;
  GtkStack        *view_stack;
  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar;
  GtkWidget       *detail;
  GtkSearchEntry  *search_entry;
  GtkCheckButton  *inactive_check;
  GtkListView     *consignor_list;
  GtkStack        *list_stack;        /* the list, or "no consignor matches" */
  GListStore      *consignors;        /* TdConsignorEntry */
  GtkSingleSelection *selection;
  GtkLabel        *detail_title;
  GtkLabel        *detail_subtitle;
  GtkButton       *active_button;
  GtkLabel        *balance_label;
  AdwActionRow    *phone_row;
  AdwActionRow    *email_row;
  AdwActionRow    *address_row;
  AdwActionRow    *notes_row;
  AdwActionRow    *share_row;
  AdwActionRow    *period_row;
  AdwActionRow    *expiry_row;
  AdwActionRow    *min_payout_row;
  AdwActionRow    *payout_row;
  GtkListBox      *items_list;
  GtkListBox      *ledger_list;
  GtkWidget       *more_button;
  GtkCheckButton  *select_all_check;
  GtkLabel        *expiry_status;
  GtkListBox      *expiry_list;
};

/* td-consignors-page.c */
void        td_consignors_page_toast                  (TdConsignorsPage *self,
                                                       const char       *message);
void        td_consignors_page_show_failure           (TdConsignorsPage *self,
                                                       const char       *what,
                                                       const GError     *error);
GtkWindow  *td_consignors_page_get_window             (TdConsignorsPage *self);
void        td_consignors_page_reload_list            (TdConsignorsPage *self);
void        td_consignors_page_update_actions         (TdConsignorsPage *self);

/* td-consignors-page-record.c */
void        td_consignors_page_record_class_init      (GtkWidgetClass   *widget_class);

/* td-consignors-page-expiry.c */
void        td_consignors_page_reload_expiry          (TdConsignorsPage *self);
GArray     *td_consignors_page_dup_checked_expiry     (TdConsignorsPage *self);
void        td_consignors_page_apply_expiry           (TdConsignorsPage *self,
                                                       const char       *action);
void        td_consignors_page_expiry_class_init      (GtkWidgetClass   *widget_class);

/* td-consignors-format.c */
char       *td_consignors_format_percent_number       (int               share_bp);
char       *td_consignors_format_share                (int               share_bp);
const char *td_consignors_expiry_action_label         (TdExpiryAction    action,
                                                       gboolean          sentence);
const char *td_consignors_payout_method_label         (TdPayoutMethod    method);
const char *td_consignors_ledger_kind_label           (TdLedgerKind      kind);
char       *td_consignors_format_day                  (gint64            at_us);

G_END_DECLS

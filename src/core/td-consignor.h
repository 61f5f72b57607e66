/* td-consignor.h — a consignor's record and terms, and the draft a form fills in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A term left to the shop's default (setting `consignment.*`): stored as NULL. */
#define TD_TERM_SHOP_DEFAULT (-1)

typedef enum
{
  TD_EXPIRY_ACTION_SHOP_DEFAULT,  /* only in drafts and requests: use the shop's setting */
  TD_EXPIRY_ACTION_RETURN,        /* 'return': back to the consignor */
  TD_EXPIRY_ACTION_DONATE,        /* 'donate' */
  TD_EXPIRY_ACTION_SHOP_STOCK,    /* 'shop_stock': the shop keeps it as its own */
} TdExpiryAction;

typedef enum
{
  TD_PAYOUT_METHOD_CASH,
  TD_PAYOUT_METHOD_CHEQUE,
  TD_PAYOUT_METHOD_BANK_TRANSFER,
  TD_PAYOUT_METHOD_STORE_CREDIT,
} TdPayoutMethod;

/**
 * TdConsignorDraft:
 * What a consignor form holds. Strings are owned (%NULL reads as empty); @share_bp and
 * @period_days are %TD_TERM_SHOP_DEFAULT to follow the shop's setting. Set up with
 * td_consignor_draft_init(), free with td_consignor_draft_clear() or `g_auto`.
 */
typedef struct
{
  char           *code;           /* 2–8 letters A–Z or digits, printed on tags; unique */
  char           *name;
  char           *phone;
  char           *email;
  char           *address;
  char           *notes;
  int             share_bp;       /* consignor's share of the sale price, 0 … 10000 */
  int             period_days;    /* consignment period, 1 … 3650 */
  TdExpiryAction  expiry_action;
  gint64          min_payout;     /* minor units, ≥ 0 */
  TdPayoutMethod  payout_method;
} TdConsignorDraft;

/**
 * TdConsignor:
 * A stored consignor: the draft as saved (code upper-cased, text trimmed), plus the terms in
 * force with the shop's defaults resolved (`effective_*`, never a default marker).
 */
typedef struct
{
  gint64            id;
  TdConsignorDraft  draft;
  gboolean          active;
  gint64            created_at;
  int               effective_share_bp;
  int               effective_period_days;
  TdExpiryAction    effective_expiry_action;
} TdConsignor;

#define TD_TYPE_CONSIGNOR (td_consignor_get_type ())

GType           td_consignor_get_type              (void) G_GNUC_CONST;
TdConsignor    *td_consignor_copy                  (const TdConsignor      *consignor);
void            td_consignor_free                  (TdConsignor            *consignor);

void            td_consignor_draft_init            (TdConsignorDraft       *draft);
void            td_consignor_draft_clear           (TdConsignorDraft       *draft);
void            td_consignor_draft_copy            (const TdConsignorDraft *src,
                                                    TdConsignorDraft       *dest);
GPtrArray      *td_consignor_draft_validate        (const TdConsignorDraft *draft);
char           *td_consignor_code_normalize        (const char             *code);

const char     *td_expiry_action_to_string         (TdExpiryAction          action);
gboolean        td_expiry_action_from_string       (const char             *text,
                                                    TdExpiryAction         *action);
const char     *td_payout_method_to_string         (TdPayoutMethod          method);
gboolean        td_payout_method_from_string       (const char             *text,
                                                    TdPayoutMethod         *method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdConsignor, td_consignor_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdConsignorDraft, td_consignor_draft_clear)

G_END_DECLS

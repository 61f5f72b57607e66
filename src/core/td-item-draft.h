/* td-item-draft.h — what intake (and the item editor) sets on an item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TdAcquisition:
 * How the shop came to hold an item (`item.acquisition`, `intake.acquisition`).
 */
typedef enum
{
  TD_ACQUISITION_CONSIGNED,  /* 'consigned': the consignor's until sold */
  TD_ACQUISITION_BOUGHT,     /* 'bought': bought outright, cost recorded */
  TD_ACQUISITION_DONATED,    /* 'donated': given to the shop */
} TdAcquisition;

/* No cost entered (stored as NULL). */
#define TD_COST_UNKNOWN (-1)

/**
 * TdItemDraft:
 * One item as a form holds it. Strings and vectors are owned (%NULL reads as empty). Set up
 * with td_item_draft_init(), free with td_item_draft_clear() or `g_auto`.
 *
 * Text is stored trimmed. Ids are 0 for "none". Money is minor units.
 */
typedef struct
{
  char    *title;
  char    *description;
  gint64   category_id;
  char    *brand;
  char    *size;
  char    *colour;
  char    *material;
  gint64   grade_id;
  GStrv    defects;       /* defect labels from the category's checklist, or typed */
  gint64   price;         /* > 0 */
  gint64   min_price;     /* the consignor's minimum, 0 … price; 0: none */
  gint64   cost;          /* bought stock: what the shop paid, ≥ 0; else ignored */
  int      quantity;      /* ≥ 1; usually 1 */
  char    *sku;           /* at intake: %NULL/empty to allocate one; set to keep an imported one */
  GStrv    codes;         /* manufacturer codes (EAN, UPC, ISBN), as typed or scanned */
} TdItemDraft;

void        td_item_draft_init         (TdItemDraft       *draft);
void        td_item_draft_clear        (TdItemDraft       *draft);
GPtrArray  *td_item_draft_validate     (const TdItemDraft *draft,
                                        TdAcquisition      acquisition);
char      **td_item_draft_dup_codes    (const TdItemDraft *draft);

const char *td_acquisition_to_string   (TdAcquisition      acquisition);
gboolean    td_acquisition_from_string (const char        *text,
                                        TdAcquisition     *acquisition);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdItemDraft, td_item_draft_clear)

G_END_DECLS

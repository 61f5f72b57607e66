/* td-item-draft.c — what intake (and the item editor) sets on an item.
 *
 * A plain struct for the same reason as TdConsignorDraft: form values handed once to
 * validation and the store. The item shown in lists (TdItem) is another, read-side type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stock"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-item-draft.h"
#include "td-product-code.h"
#include "td-stock-error.h"

#define MAX_SKU_LENGTH 32

/**
 * td_item_draft_init:
 * @draft: (out caller-allocates): a draft to set up
 *
 * An empty draft: quantity 1, no cost, no minimum.
 */
void
td_item_draft_init (TdItemDraft *draft)
{
  g_return_if_fail (draft != NULL);

  memset (draft, 0, sizeof *draft);
  draft->quantity = 1;
  draft->cost = TD_COST_UNKNOWN;
}

void
td_item_draft_clear (TdItemDraft *draft)
{
  g_return_if_fail (draft != NULL);

  g_clear_pointer (&draft->title, g_free);
  g_clear_pointer (&draft->description, g_free);
  g_clear_pointer (&draft->brand, g_free);
  g_clear_pointer (&draft->size, g_free);
  g_clear_pointer (&draft->colour, g_free);
  g_clear_pointer (&draft->material, g_free);
  g_clear_pointer (&draft->defects, g_strfreev);
  g_clear_pointer (&draft->sku, g_free);
  g_clear_pointer (&draft->codes, g_strfreev);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* SKUs are printed as Code 128 and typed at the till: ASCII letters, digits and a few marks. */
static gboolean
sku_valid (const char *sku)
{
  gsize len = strlen (sku);

  if (len == 0 || len > MAX_SKU_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (sku[i]) && strchr ("-_./", sku[i]) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * td_item_draft_dup_codes:
 * @draft: a draft
 *
 * Returns: (transfer full): the draft's valid manufacturer codes in their canonical form
 *   (td_product_code_normalize()), each once; invalid ones are left out (validation names them)
 */
char **
td_item_draft_dup_codes (const TdItemDraft *draft)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (draft != NULL, NULL);

  for (guint i = 0; draft->codes != NULL && draft->codes[i] != NULL; i++)
    {
      g_autofree char *code = NULL;

      if (is_blank (draft->codes[i]) || !td_product_code_normalize (draft->codes[i], &code, NULL))
        continue;
      if (g_hash_table_contains (seen, code))
        continue;
      g_strv_builder_add (builder, code);
      g_hash_table_add (seen, g_steal_pointer (&code));
    }
  return g_strv_builder_end (builder);
}

/**
 * td_item_draft_validate:
 * @draft: a draft
 * @acquisition: how the item comes in (bought stock needs a cost)
 *
 * Checks everything that can be checked without the shop's records (the store also checks
 * that an imported SKU is free and the category and grade exist:
 * td_store_intake_validate_item()).
 *
 * Returns: (transfer full) (element-type TdFieldProblem): every problem; empty when the draft
 *   can be saved
 */
GPtrArray *
td_item_draft_validate (const TdItemDraft *draft,
                        TdAcquisition      acquisition)
{
  GPtrArray *problems = td_field_problems_new ();

  g_return_val_if_fail (draft != NULL, problems);

  if (is_blank (draft->title))
    td_field_problems_add (problems, TD_FIELD_TITLE, 0, _("Enter a title."));

  if (draft->price <= 0)
    td_field_problems_add (problems, TD_FIELD_PRICE, 0, _("The price must be more than zero."));
  else if (draft->min_price > draft->price)
    td_field_problems_add (problems, TD_FIELD_PRICE, 0,
                           _("The price is below the consignor’s minimum price. Raise the price "
                             "or agree a lower minimum with the consignor."));

  if (draft->min_price < 0)
    td_field_problems_add (problems, TD_FIELD_MIN_PRICE, 0,
                           _("The minimum price can’t be negative."));

  if (acquisition == TD_ACQUISITION_BOUGHT && draft->cost < 0)
    td_field_problems_add (problems, TD_FIELD_COST, 0,
                           _("Enter what the shop paid for it (0 or more)."));

  if (draft->quantity < 1)
    td_field_problems_add (problems, TD_FIELD_QUANTITY, 0, _("The quantity must be at least 1."));

  if (!is_blank (draft->sku))
    {
      g_autofree char *sku = g_strstrip (g_strdup (draft->sku));

      if (!sku_valid (sku))
        td_field_problems_add (problems, TD_FIELD_SKU, 0,
                               _("A SKU has up to %d letters (A–Z), digits and the signs - _ . / "
                                 "with no spaces."), MAX_SKU_LENGTH);
    }

  for (guint i = 0; draft->codes != NULL && draft->codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (draft->codes[i]));

      if (*code != '\0' && !td_product_code_normalize (code, NULL, NULL))
        td_field_problems_add (problems, TD_FIELD_CODES, 0,
                               _("“%s” is not a valid EAN, UPC or ISBN; check the number."), code);
    }

  return problems;
}

static const char * const acquisitions[] = {
  [TD_ACQUISITION_CONSIGNED] = "consigned",
  [TD_ACQUISITION_BOUGHT] = "bought",
  [TD_ACQUISITION_DONATED] = "donated",
};

const char *
td_acquisition_to_string (TdAcquisition acquisition)
{
  if ((guint) acquisition >= G_N_ELEMENTS (acquisitions))
    return NULL;
  return acquisitions[acquisition];
}

gboolean
td_acquisition_from_string (const char    *text,
                            TdAcquisition *acquisition)
{
  g_return_val_if_fail (acquisition != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (acquisitions); i++)
    if (g_strcmp0 (text, acquisitions[i]) == 0)
      {
        *acquisition = (TdAcquisition) i;
        return TRUE;
      }
  return FALSE;
}

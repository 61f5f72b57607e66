/* td-consignor.c — a consignor's record and terms, and the draft a form fills in.
 *
 * Plain structs, not GObjects: a draft is a form's values handed once to validation and the
 * store, and a stored consignor is a snapshot read for one view; neither has identity,
 * signals or properties to notify. TdConsignor is a boxed type so a list row or a property
 * can carry one when the UI needs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stock"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-consignor.h"
#include "td-stock-error.h"

#define MAX_PERIOD_DAYS 3650

G_DEFINE_BOXED_TYPE (TdConsignor, td_consignor, td_consignor_copy, td_consignor_free)

/**
 * td_consignor_draft_init:
 * @draft: (out caller-allocates): a draft to set up
 *
 * An empty draft: no text, every term the shop's default, paid in cash.
 */
void
td_consignor_draft_init (TdConsignorDraft *draft)
{
  g_return_if_fail (draft != NULL);

  memset (draft, 0, sizeof *draft);
  draft->share_bp = TD_TERM_SHOP_DEFAULT;
  draft->period_days = TD_TERM_SHOP_DEFAULT;
  draft->expiry_action = TD_EXPIRY_ACTION_SHOP_DEFAULT;
  draft->payout_method = TD_PAYOUT_METHOD_CASH;
}

void
td_consignor_draft_clear (TdConsignorDraft *draft)
{
  g_return_if_fail (draft != NULL);

  g_clear_pointer (&draft->code, g_free);
  g_clear_pointer (&draft->name, g_free);
  g_clear_pointer (&draft->phone, g_free);
  g_clear_pointer (&draft->email, g_free);
  g_clear_pointer (&draft->address, g_free);
  g_clear_pointer (&draft->notes, g_free);
}

/**
 * td_consignor_draft_copy:
 * @src: a draft
 * @dest: (out caller-allocates): receives a deep copy; clear it with td_consignor_draft_clear()
 */
void
td_consignor_draft_copy (const TdConsignorDraft *src,
                         TdConsignorDraft       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);

  *dest = *src;
  dest->code = g_strdup (src->code);
  dest->name = g_strdup (src->name);
  dest->phone = g_strdup (src->phone);
  dest->email = g_strdup (src->email);
  dest->address = g_strdup (src->address);
  dest->notes = g_strdup (src->notes);
}

TdConsignor *
td_consignor_copy (const TdConsignor *consignor)
{
  TdConsignor *copy;

  g_return_val_if_fail (consignor != NULL, NULL);

  copy = g_memdup2 (consignor, sizeof *consignor);
  td_consignor_draft_copy (&consignor->draft, &copy->draft);
  return copy;
}

void
td_consignor_free (TdConsignor *consignor)
{
  if (consignor == NULL)
    return;
  td_consignor_draft_clear (&consignor->draft);
  g_free (consignor);
}

/**
 * td_consignor_code_normalize:
 * @code: (nullable): a code as typed
 *
 * Returns: (transfer full): @code trimmed and in upper case, the way it is stored and printed
 */
char *
td_consignor_code_normalize (const char *code)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (code ? code : ""));

  return g_ascii_strup (trimmed, -1);
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

/* Only ASCII: codes become part of SKUs printed as Code 128 barcodes and typed at the till. */
static gboolean
code_valid (const char *code)
{
  gsize len = strlen (code);

  if (len < 2 || len > 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (code[i]))
      return FALSE;
  return TRUE;
}

/* Looks like an address: one '@', something before it, a dotted domain after, no spaces.
 * Deliverability is not ours to judge. */
static gboolean
email_valid (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && at[1] != '.';
}

/**
 * td_consignor_draft_validate:
 * @draft: a draft
 *
 * Checks everything that can be checked without the shop's records (the store also checks
 * that the code is not taken: td_store_consignors_validate()).
 *
 * Returns: (transfer full) (element-type TdFieldProblem): every problem, one per field at
 *   most; empty when the draft can be saved
 */
GPtrArray *
td_consignor_draft_validate (const TdConsignorDraft *draft)
{
  GPtrArray *problems = td_field_problems_new ();
  g_autofree char *code = NULL;
  g_autofree char *email = NULL;

  g_return_val_if_fail (draft != NULL, problems);

  code = td_consignor_code_normalize (draft->code);
  if (*code == '\0')
    td_field_problems_add (problems, TD_FIELD_CODE, 0,
                           _("Enter a code of 2 to 8 letters (A–Z) or digits; it is printed "
                             "on tags."));
  else if (!code_valid (code))
    td_field_problems_add (problems, TD_FIELD_CODE, 0,
                           _("Use 2 to 8 letters (A–Z) or digits for the code, with no spaces "
                             "or signs."));

  if (is_blank (draft->name))
    td_field_problems_add (problems, TD_FIELD_NAME, 0, _("Enter the consignor’s name."));

  email = g_strstrip (g_strdup (draft->email ? draft->email : ""));
  if (*email != '\0' && !email_valid (email))
    td_field_problems_add (problems, TD_FIELD_EMAIL, 0,
                           _("“%s” doesn’t look like an email address."), email);

  if (draft->share_bp != TD_TERM_SHOP_DEFAULT && (draft->share_bp < 0 || draft->share_bp > 10000))
    td_field_problems_add (problems, TD_FIELD_SHARE, 0,
                           _("The consignor’s share must be between 0 %% and 100 %%."));

  if (draft->period_days != TD_TERM_SHOP_DEFAULT &&
      (draft->period_days < 1 || draft->period_days > MAX_PERIOD_DAYS))
    td_field_problems_add (problems, TD_FIELD_PERIOD, 0,
                           _("The consignment period must be between 1 and %d days."),
                           MAX_PERIOD_DAYS);

  if (draft->expiry_action < TD_EXPIRY_ACTION_SHOP_DEFAULT ||
      draft->expiry_action > TD_EXPIRY_ACTION_SHOP_STOCK)
    td_field_problems_add (problems, TD_FIELD_EXPIRY_ACTION, 0,
                           _("Choose what happens to items when their period ends."));

  if (draft->min_payout < 0)
    td_field_problems_add (problems, TD_FIELD_MIN_PAYOUT, 0,
                           _("The minimum payout can’t be negative."));

  if (draft->payout_method < TD_PAYOUT_METHOD_CASH ||
      draft->payout_method > TD_PAYOUT_METHOD_STORE_CREDIT)
    td_field_problems_add (problems, TD_FIELD_PAYOUT_METHOD, 0,
                           _("Choose how the consignor is paid."));

  return problems;
}

static const char * const expiry_actions[] = {
  [TD_EXPIRY_ACTION_SHOP_DEFAULT] = NULL,
  [TD_EXPIRY_ACTION_RETURN] = "return",
  [TD_EXPIRY_ACTION_DONATE] = "donate",
  [TD_EXPIRY_ACTION_SHOP_STOCK] = "shop_stock",
};

static const char * const payout_methods[] = {
  [TD_PAYOUT_METHOD_CASH] = "cash",
  [TD_PAYOUT_METHOD_CHEQUE] = "cheque",
  [TD_PAYOUT_METHOD_BANK_TRANSFER] = "bank_transfer",
  [TD_PAYOUT_METHOD_STORE_CREDIT] = "store_credit",
};

/**
 * td_expiry_action_to_string:
 *
 * Returns: (nullable): the database spelling, %NULL for %TD_EXPIRY_ACTION_SHOP_DEFAULT
 */
const char *
td_expiry_action_to_string (TdExpiryAction action)
{
  if ((guint) action >= G_N_ELEMENTS (expiry_actions))
    return NULL;
  return expiry_actions[action];
}

gboolean
td_expiry_action_from_string (const char     *text,
                              TdExpiryAction *action)
{
  g_return_val_if_fail (action != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (expiry_actions); i++)
    if (expiry_actions[i] != NULL && g_strcmp0 (text, expiry_actions[i]) == 0)
      {
        *action = (TdExpiryAction) i;
        return TRUE;
      }
  return FALSE;
}

const char *
td_payout_method_to_string (TdPayoutMethod method)
{
  if ((guint) method >= G_N_ELEMENTS (payout_methods))
    return NULL;
  return payout_methods[method];
}

gboolean
td_payout_method_from_string (const char     *text,
                              TdPayoutMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (payout_methods); i++)
    if (g_strcmp0 (text, payout_methods[i]) == 0)
      {
        *method = (TdPayoutMethod) i;
        return TRUE;
      }
  return FALSE;
}

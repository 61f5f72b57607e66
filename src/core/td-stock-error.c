/* td-stock-error.c — refusals of the stock write side, each tied to the field it is about.
 *
 * Validation collects every problem of a form at once, so the UI can mark each field; the
 * store refuses the same draft with the same list attached to its GError (an extended error
 * domain), so a refusal found only inside the transaction (a code taken a moment ago, an item
 * sold at the other till) still lands at the right field or row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stock"

#include "config.h"

#include "td-stock-error.h"

typedef struct
{
  GPtrArray *problems;
} TdStockErrorPrivate;

static void
td_stock_error_private_init (TdStockErrorPrivate *priv)
{
  priv->problems = NULL;
}

static void
td_stock_error_private_copy (const TdStockErrorPrivate *src,
                             TdStockErrorPrivate       *dest)
{
  dest->problems = src->problems != NULL ? g_ptr_array_ref (src->problems) : NULL;
}

static void
td_stock_error_private_clear (TdStockErrorPrivate *priv)
{
  g_clear_pointer (&priv->problems, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (TdStockError, td_stock_error)

static void
field_problem_free (gpointer data)
{
  TdFieldProblem *problem = data;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * td_field_problems_new:
 *
 * Returns: (transfer full) (element-type TdFieldProblem): an empty problem list
 */
GPtrArray *
td_field_problems_new (void)
{
  return g_ptr_array_new_with_free_func (field_problem_free);
}

/**
 * td_field_problems_add:
 * @problems: a list from td_field_problems_new()
 * @field: a `TD_FIELD_*` name
 * @item_id: the item the problem is about, or 0 for a form field
 * @format: the message, translated by the caller
 */
void
td_field_problems_add (GPtrArray  *problems,
                       const char *field,
                       gint64      item_id,
                       const char *format,
                       ...)
{
  TdFieldProblem *problem;
  va_list args;

  g_return_if_fail (problems != NULL);
  g_return_if_fail (field != NULL);
  g_return_if_fail (format != NULL);

  problem = g_new0 (TdFieldProblem, 1);
  problem->field = g_strdup (field);
  problem->item_id = item_id;
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

/**
 * td_field_problems_find:
 * @problems: (nullable): a problem list
 * @field: a `TD_FIELD_*` name
 *
 * Returns: (transfer none) (nullable): the first problem about @field
 */
const TdFieldProblem *
td_field_problems_find (GPtrArray  *problems,
                        const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (problems == NULL)
    return NULL;
  for (guint i = 0; i < problems->len; i++)
    {
      const TdFieldProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->field, field))
        return problem;
    }
  return NULL;
}

/**
 * td_stock_error_set_problems:
 * @error: return location
 * @code: %TD_STOCK_ERROR_INVALID or %TD_STOCK_ERROR_NOT_AVAILABLE
 * @problems: a non-empty problem list; the error takes a reference
 *
 * Sets a #TD_STOCK_ERROR whose message is the problems' messages, one a line (for a toast),
 * with the list attached for td_stock_error_get_problems().
 *
 * Returns: %FALSE, so callers can `return td_stock_error_set_problems (…)`.
 */
gboolean
td_stock_error_set_problems (GError       **error,
                             TdStockError   code,
                             GPtrArray     *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);
  GError *local;
  TdStockErrorPrivate *priv;

  g_return_val_if_fail (problems != NULL && problems->len > 0, FALSE);

  if (error == NULL)
    return FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      const TdFieldProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, problem->message);
    }

  local = g_error_new_literal (TD_STOCK_ERROR, code, message->str);
  priv = td_stock_error_get_private (local);
  priv->problems = g_ptr_array_ref (problems);
  g_propagate_error (error, local);
  return FALSE;
}

/**
 * td_stock_error_get_problems:
 * @error: (nullable): an error
 *
 * Returns: (transfer none) (nullable) (element-type TdFieldProblem): the problems of a
 *   #TD_STOCK_ERROR refusal, %NULL for any other error
 */
GPtrArray *
td_stock_error_get_problems (const GError *error)
{
  TdStockErrorPrivate *priv;

  if (error == NULL || error->domain != TD_STOCK_ERROR)
    return NULL;
  priv = td_stock_error_get_private (error);
  return priv != NULL ? priv->problems : NULL;
}

/* td-cart.c — the cart at the counter: lines, discounts, tax, totals and tenders.
 *
 * The arithmetic, in this order, on integer minor units (so the totals always reconcile):
 *  1. a line sells at its effective price (td_pricing_effective_price()) less the staff's line
 *     discount;
 *  2. the cart discount (an amount, or a percent of the lines, half up) is spread over the
 *     lines in proportion to their price by largest remainder: the parts add up to the cart
 *     discount exactly, and every line knows what it sold for (returns refund that);
 *  3. tax per line, half up: inclusive prices hold price × r / (1 + r), exclusive ones add
 *     price × r; the receipt's bands are sums of the lines, so band totals = sale tax;
 *  4. the consignor's share is of the line's price net of tax, half up (td_pricing_consignor_
 *     share()); the shop keeps price − share, so no cent is lost or invented;
 *  5. cash rounding (CHF 0.05) is not part of the total: it applies to what is left for the
 *     cash tender to pay, and only when cash is used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-cart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "td-cart.h"

struct _TdCart
{
  GObject          parent_instance;
  TdCounterConfig  config;
  GArray          *lines;             /* TdCartLine */
  gint64           discount_amount;
  int              discount_percent;  /* basis points */
  char            *discount_reason;
};

G_DEFINE_FINAL_TYPE (TdCart, td_cart, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Arithmetic --------------------------------------------------------------------------- */

/* a × b / c, half up, for a, b ≥ 0 and c > 0, without overflow at shop amounts. */
static gint64
mul_div_half_up (gint64 a,
                 gint64 b,
                 gint64 c)
{
  __int128 n = (__int128) a * b;

  return (gint64) ((n + c / 2) / c);
}

static char *
format_money (TdCart *self,
              gint64  amount)
{
  TdMoneyFormat fmt;

  td_money_format_init_current (&fmt);
  return td_money_format (amount, self->config.currency, &fmt);
}

/* Refreshes every computed field of the lines. */
static void
compute (TdCart *self)
{
  g_autofree gint64 *remainder = NULL;
  gint64 sum = 0, discount, given = 0;
  guint n = self->lines->len;

  for (guint i = 0; i < n; i++)
    {
      TdCartLine *l = &g_array_index (self->lines, TdCartLine, i);

      sum += l->list_price - l->line_discount;
    }

  discount = self->discount_percent > 0
             ? mul_div_half_up (sum, self->discount_percent, 10000)
             : self->discount_amount;
  discount = CLAMP (discount, 0, sum);

  /* Largest remainder: floor parts first, then one minor unit each to the largest leftovers
   * (earlier lines first on ties) until the parts add up. */
  remainder = g_new0 (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      TdCartLine *l = &g_array_index (self->lines, TdCartLine, i);
      gint64 base = l->list_price - l->line_discount;
      __int128 num = (__int128) discount * base;

      l->cart_discount = sum > 0 ? (gint64) (num / sum) : 0;
      remainder[i] = sum > 0 ? (gint64) (num % sum) : 0;
      given += l->cart_discount;
    }
  while (given < discount)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (remainder[i] > remainder[best])
          best = i;
      g_array_index (self->lines, TdCartLine, best).cart_discount++;
      remainder[best] = -1;
      given++;
    }

  for (guint i = 0; i < n; i++)
    {
      TdCartLine *l = &g_array_index (self->lines, TdCartLine, i);

      l->discount = l->line_discount + l->cart_discount;
      l->price = l->list_price - l->discount;
      if (self->config.tax_inclusive)
        {
          l->tax = td_tax_of_inclusive (l->price, l->tax_rate_bp);
          l->net = l->price - l->tax;
        }
      else
        {
          l->tax = td_tax_of_exclusive (l->price, l->tax_rate_bp);
          l->net = l->price;
        }
      l->consignor_share = l->consignor_id > 0
                           ? td_pricing_consignor_share (l->net, l->share_bp) : 0;
    }
}

static void
changed (TdCart *self)
{
  compute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* GObject ------------------------------------------------------------------------------ */

static void
cart_line_clear (gpointer data)
{
  TdCartLine *line = data;

  g_free (line->sku);
  g_free (line->title);
  g_free (line->grade_label);
  g_free (line->discount_reason);
}

static void
td_cart_finalize (GObject *object)
{
  TdCart *self = TD_CART (object);

  td_counter_config_clear (&self->config);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self->discount_reason);

  G_OBJECT_CLASS (td_cart_parent_class)->finalize (object);
}

static void
td_cart_class_init (TdCartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_cart_finalize;

  /**
   * TdCart::changed:
   * A line came or went, or a discount changed; the computed fields are already fresh.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_cart_init (TdCart *self)
{
  self->lines = g_array_new (FALSE, TRUE, sizeof (TdCartLine));
  g_array_set_clear_func (self->lines, cart_line_clear);
  self->discount_reason = g_strdup ("");
}

/* Public API --------------------------------------------------------------------------- */

/**
 * td_cart_new:
 * @config: the shop's counter settings; copied
 *
 * Returns: (transfer full): an empty cart
 */
TdCart *
td_cart_new (const TdCounterConfig *config)
{
  TdCart *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (TD_TYPE_CART, NULL);
  td_counter_config_copy (config, &self->config);
  return self;
}

const TdCounterConfig *
td_cart_get_config (TdCart *self)
{
  g_return_val_if_fail (TD_IS_CART (self), NULL);
  return &self->config;
}

guint
td_cart_get_n_lines (TdCart *self)
{
  g_return_val_if_fail (TD_IS_CART (self), 0);
  return self->lines->len;
}

/* Returns: (transfer none): the line at @position, valid until the cart changes */
const TdCartLine *
td_cart_get_line (TdCart *self,
                  guint   position)
{
  g_return_val_if_fail (TD_IS_CART (self), NULL);
  g_return_val_if_fail (position < self->lines->len, NULL);
  return &g_array_index (self->lines, TdCartLine, position);
}

const TdCartLine *
td_cart_find_item (TdCart *self,
                   gint64  item_id,
                   guint  *position)
{
  g_return_val_if_fail (TD_IS_CART (self), NULL);

  for (guint i = 0; i < self->lines->len; i++)
    {
      TdCartLine *l = &g_array_index (self->lines, TdCartLine, i);

      if (l->item_id == item_id)
        {
          if (position != NULL)
            *position = i;
          return l;
        }
    }
  return NULL;
}

/**
 * td_cart_add_item:
 * @rules: (nullable): pricing rules; %NULL sells at the ticket price
 * @at: the moment to price at
 * @error: %TD_SALE_ERROR_ALREADY_IN_CART
 *
 * Adds a line for @item at its effective price now.
 */
gboolean
td_cart_add_item (TdCart                *self,
                  const TdCartItem      *item,
                  const TdPricingRules  *rules,
                  GDateTime             *at,
                  GError               **error)
{
  TdCartLine line = { 0 };
  TdPriceExplanation why = { 0 };

  g_return_val_if_fail (TD_IS_CART (self), FALSE);
  g_return_val_if_fail (item != NULL && item->item_id > 0 && item->price > 0, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (td_cart_find_item (self, item->item_id, NULL) != NULL)
    {
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_IN_CART,
                   _("“%s” (%s) is already in the cart."), item->title, item->sku);
      return FALSE;
    }

  line.item_id = item->item_id;
  line.sku = g_strdup (item->sku);
  line.title = g_strdup (item->title);
  line.grade_label = g_strdup (item->grade_label != NULL ? item->grade_label : "");
  line.category_id = item->category_id;
  line.grade_id = item->grade_id;
  line.consignor_id = item->consignor_id;
  line.share_bp = item->consignor_id > 0 ? CLAMP (item->share_bp, 0, 10000) : 0;
  line.tax_rate_bp = td_counter_config_rate_for (&self->config, item->tax_class);
  line.original_price = item->price;
  line.min_price = item->min_price;
  if (rules != NULL)
    {
      TdPricingItem p = { item->price, item->min_price, item->category_id, item->intake_at,
                          item->tag_colour };

      line.list_price = td_pricing_effective_price (&p, rules, at, &why);
      line.price_rule = why.rule;
    }
  else
    line.list_price = item->price;
  line.discount_reason = g_strdup ("");

  g_array_append_val (self->lines, line);
  changed (self);
  return TRUE;
}

/* Voids a line. Returns: whether @item_id was in the cart. */
gboolean
td_cart_remove_item (TdCart *self,
                     gint64  item_id)
{
  guint position;

  g_return_val_if_fail (TD_IS_CART (self), FALSE);

  if (td_cart_find_item (self, item_id, &position) == NULL)
    return FALSE;
  g_array_remove_index (self->lines, position);
  changed (self);
  return TRUE;
}

/**
 * td_cart_set_line_discount:
 * @amount: minor units off the line's effective price, 0 … that price; 0 removes it
 * @reason: why (required unless @amount is 0)
 * @error: %TD_SALE_ERROR_INVALID or %TD_SALE_ERROR_NOT_FOUND
 */
gboolean
td_cart_set_line_discount (TdCart      *self,
                           gint64       item_id,
                           gint64       amount,
                           const char  *reason,
                           GError     **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  guint position;
  TdCartLine *line;

  g_return_val_if_fail (TD_IS_CART (self), FALSE);

  if (td_cart_find_item (self, item_id, &position) == NULL)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                           _("This item is not in the cart."));
      return FALSE;
    }
  line = &g_array_index (self->lines, TdCartLine, position);
  if (amount < 0 || amount > line->list_price)
    {
      g_autofree char *max = format_money (self, line->list_price);

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                   _("A discount on “%s” must be between 0 and its price, %s."),
                   line->title, max);
      return FALSE;
    }
  if (amount > 0 && *why == '\0')
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Say why the discount is given; the reason goes on record."));
      return FALSE;
    }

  line->line_discount = amount;
  g_free (line->discount_reason);
  line->discount_reason = amount > 0 ? g_steal_pointer (&why) : g_strdup ("");
  changed (self);
  return TRUE;
}

/**
 * td_cart_set_cart_discount:
 * @amount: minor units off the whole cart, or 0
 * @percent_bp: percent off the whole cart in basis points (1 … 10000), or 0; not both
 * @reason: why (required unless both are 0)
 * @error: %TD_SALE_ERROR_INVALID
 *
 * An amount larger than the cart is refused now; if lines are voided later it is capped at
 * what the lines cost.
 */
gboolean
td_cart_set_cart_discount (TdCart      *self,
                           gint64       amount,
                           int          percent_bp,
                           const char  *reason,
                           GError     **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  TdCartTotals totals;
  gint64 lines = 0;

  g_return_val_if_fail (TD_IS_CART (self), FALSE);

  td_cart_get_totals (self, &totals);
  lines = totals.subtotal - totals.line_discounts;
  if (amount < 0 || percent_bp < 0 || percent_bp > 10000 || (amount > 0 && percent_bp > 0))
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Give the cart discount either as an amount or as a percent "
                             "between 0 and 100."));
      return FALSE;
    }
  if (amount > lines)
    {
      g_autofree char *max = format_money (self, lines);

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                   _("The discount is more than the cart costs (%s)."), max);
      return FALSE;
    }
  if ((amount > 0 || percent_bp > 0) && *why == '\0')
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Say why the discount is given; the reason goes on record."));
      return FALSE;
    }

  self->discount_amount = amount;
  self->discount_percent = percent_bp;
  g_free (self->discount_reason);
  self->discount_reason = (amount > 0 || percent_bp > 0) ? g_steal_pointer (&why) : g_strdup ("");
  changed (self);
  return TRUE;
}

gint64
td_cart_get_cart_discount_amount (TdCart *self)
{
  g_return_val_if_fail (TD_IS_CART (self), 0);
  return self->discount_amount;
}

int
td_cart_get_cart_discount_percent (TdCart *self)
{
  g_return_val_if_fail (TD_IS_CART (self), 0);
  return self->discount_percent;
}

const char *
td_cart_get_cart_discount_reason (TdCart *self)
{
  g_return_val_if_fail (TD_IS_CART (self), NULL);
  return self->discount_reason;
}

/* Empties the cart (after a sale, or to cancel one): lines and the cart discount. */
void
td_cart_clear (TdCart *self)
{
  g_return_if_fail (TD_IS_CART (self));

  g_array_set_size (self->lines, 0);
  self->discount_amount = 0;
  self->discount_percent = 0;
  g_free (self->discount_reason);
  self->discount_reason = g_strdup ("");
  changed (self);
}

void
td_cart_get_totals (TdCart       *self,
                    TdCartTotals *totals)
{
  g_return_if_fail (TD_IS_CART (self));
  g_return_if_fail (totals != NULL);

  memset (totals, 0, sizeof *totals);
  totals->n_lines = self->lines->len;
  for (guint i = 0; i < self->lines->len; i++)
    {
      const TdCartLine *l = &g_array_index (self->lines, TdCartLine, i);
      guint b;

      totals->subtotal += l->list_price;
      totals->line_discounts += l->line_discount;
      totals->cart_discount += l->cart_discount;
      totals->lines_total += l->price;
      totals->tax += l->tax;
      totals->consignor_total += l->consignor_share;

      for (b = 0; b < totals->n_bands; b++)
        if (totals->bands[b].rate_bp == l->tax_rate_bp)
          break;
      if (b == totals->n_bands)
        {
          /* More distinct rates than bands can't happen with real tax tables; fold into the last. */
          if (b == TD_TAX_MAX_BANDS)
            b = TD_TAX_MAX_BANDS - 1;
          else
            totals->bands[totals->n_bands++].rate_bp = l->tax_rate_bp;
        }
      totals->bands[b].base += l->net;
      totals->bands[b].tax += l->tax;
    }
  totals->discount = totals->line_discounts + totals->cart_discount;
  totals->total = totals->lines_total + (self->config.tax_inclusive ? 0 : totals->tax);
}

/**
 * td_cart_plan_tenders:
 * @tenders: (array length=n_tenders): what the customer hands over
 * @plan: (out): rounding, change and what is due
 * @error: %TD_SALE_ERROR_EMPTY, %TD_SALE_ERROR_TENDER_SHORT or %TD_SALE_ERROR_TENDER_INVALID
 *
 * Checks that the tenders settle the cart: every amount > 0; card, store credit and gift
 * cards never more than is due (only cash gives change); together at least what is due.
 * Balances of store credit and gift cards are checked by the store, inside the sale.
 */
gboolean
td_cart_plan_tenders (TdCart          *self,
                      const TdTender  *tenders,
                      guint            n_tenders,
                      TdTenderPlan    *plan,
                      GError         **error)
{
  TdCartTotals totals;
  gint64 cash = 0, other = 0, cash_due;
  gboolean has_cash = FALSE;

  g_return_val_if_fail (TD_IS_CART (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (n_tenders == 0 || tenders != NULL, FALSE);

  memset (plan, 0, sizeof *plan);
  if (self->lines->len == 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_EMPTY,
                           _("The cart is empty: scan an item first."));
      return FALSE;
    }

  for (guint i = 0; i < n_tenders; i++)
    {
      const TdTender *t = &tenders[i];

      if (t->amount <= 0)
        {
          g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                               _("Every tender must be an amount above zero."));
          return FALSE;
        }
      switch (t->kind)
        {
        case TD_TENDER_CASH:
          cash += t->amount;
          has_cash = TRUE;
          break;
        case TD_TENDER_CARD:
          other += t->amount;
          break;
        case TD_TENDER_STORE_CREDIT:
          if (t->consignor_id <= 0)
            {
              g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                                   _("Choose whose store credit pays."));
              return FALSE;
            }
          other += t->amount;
          break;
        case TD_TENDER_GIFT_CARD:
          if (t->reference == NULL || *t->reference == '\0')
            {
              g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                                   _("Scan or type the gift card’s code."));
              return FALSE;
            }
          other += t->amount;
          break;
        case TD_TENDER_MARKETPLACE:
        case TD_N_TENDERS:
        default:
          g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                               _("This tender can’t be taken at the counter."));
          return FALSE;
        }
    }

  td_cart_get_totals (self, &totals);
  plan->total = totals.total;
  plan->tendered = cash + other;

  if (other > totals.total)
    {
      g_autofree char *due = format_money (self, totals.total);

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                   _("Card, store credit and gift cards can’t pay more than is due (%s); "
                     "only cash gives change."), due);
      return FALSE;
    }

  cash_due = totals.total - other;
  if (has_cash)
    {
      plan->rounding = td_cash_round (cash_due, self->config.cash_step) - cash_due;
      cash_due += plan->rounding;
    }
  plan->due = totals.total + plan->rounding;

  if (cash < cash_due)
    {
      g_autofree char *due = format_money (self, plan->due);
      g_autofree char *missing = format_money (self, cash_due - cash);

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_SHORT,
                   _("The tenders don’t cover the total of %s: %s is still due."), due, missing);
      return FALSE;
    }

  plan->change = cash - cash_due;
  plan->cash_net = cash - plan->change;
  return TRUE;
}

/**
 * td_cart_serialize:
 *
 * Returns: (transfer floating): the cart as staff built it — item ids, line discounts and
 *   reasons, the cart discount — as a `(a(xxs)xis)` GVariant. Prices are not kept: a recalled
 *   cart is priced again.
 */
GVariant *
td_cart_serialize (TdCart *self)
{
  GVariantBuilder lines;

  g_return_val_if_fail (TD_IS_CART (self), NULL);

  g_variant_builder_init (&lines, G_VARIANT_TYPE ("a(xxs)"));
  for (guint i = 0; i < self->lines->len; i++)
    {
      const TdCartLine *l = &g_array_index (self->lines, TdCartLine, i);

      g_variant_builder_add (&lines, "(xxs)", l->item_id, l->line_discount, l->discount_reason);
    }
  return g_variant_new ("(a(xxs)xis)", &lines, self->discount_amount, self->discount_percent,
                        self->discount_reason);
}

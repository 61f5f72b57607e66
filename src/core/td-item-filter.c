/* td-item-filter.c — which items the inventory shows; age buckets and their words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-item-filter.h"

#define DAY_US ((gint64) 24 * 3600 * G_USEC_PER_SEC)

/* Bucket bounds in whole days: [min, max). */
static const struct
{
  int min_days;
  int max_days;  /* 0: no upper bound */
} age_days[TD_ITEM_N_AGES] = {
  [TD_ITEM_AGE_ANY] = { 0, 0 },
  [TD_ITEM_AGE_UNDER_WEEK] = { 0, 7 },
  [TD_ITEM_AGE_UNDER_MONTH] = { 7, 30 },
  [TD_ITEM_AGE_ONE_TO_TWO_MONTHS] = { 30, 60 },
  [TD_ITEM_AGE_TWO_TO_THREE_MONTHS] = { 60, 90 },
  [TD_ITEM_AGE_OVER_THREE_MONTHS] = { 90, 0 },
};

/**
 * td_item_filter_init:
 * @filter: (out caller-allocates): set to "every item"
 */
void
td_item_filter_init (TdItemFilter *filter)
{
  g_return_if_fail (filter != NULL);

  *filter = (TdItemFilter) {
    .status = TD_ITEM_FILTER_ANY_STATUS,
    .age = TD_ITEM_AGE_ANY,
    .listed = TD_ITEM_LISTED_ANY,
  };
}

/**
 * td_item_filter_is_empty:
 *
 * Returns: whether @filter lets every item through (@now_us aside)
 */
gboolean
td_item_filter_is_empty (const TdItemFilter *filter)
{
  g_return_val_if_fail (filter != NULL, TRUE);

  return filter->status < 0 && filter->category_id == 0 && filter->consignor_id == 0 &&
         filter->grade_id == 0 && filter->age == TD_ITEM_AGE_ANY &&
         filter->listed == TD_ITEM_LISTED_ANY;
}

/**
 * td_item_filter_equal:
 *
 * Returns: whether both let the same items through; @now_us counts only when an age is set
 */
gboolean
td_item_filter_equal (const TdItemFilter *a,
                      const TdItemFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->status == b->status && a->category_id == b->category_id &&
         a->consignor_id == b->consignor_id && a->grade_id == b->grade_id &&
         a->age == b->age && a->listed == b->listed &&
         (a->age == TD_ITEM_AGE_ANY || a->now_us == b->now_us);
}

/**
 * td_item_age_for:
 * @intake_at_us: when the item was taken in
 * @now_us: now
 *
 * Returns: the bucket the item is in (never %TD_ITEM_AGE_ANY); items dated in the future
 *   count as new
 */
TdItemAge
td_item_age_for (gint64 intake_at_us,
                 gint64 now_us)
{
  gint64 days = intake_at_us >= now_us ? 0 : (now_us - intake_at_us) / DAY_US;

  for (guint a = TD_ITEM_AGE_UNDER_WEEK; a < TD_ITEM_N_AGES; a++)
    if (age_days[a].max_days == 0 || days < age_days[a].max_days)
      return (TdItemAge) a;
  g_assert_not_reached ();
}

/**
 * td_item_age_get_range:
 * @age: a bucket
 * @now_us: now
 * @from_us: (out): the earliest intake_at in the bucket (inclusive); %G_MININT64 when open
 * @to_us: (out): the end (exclusive); %G_MAXINT64 when open
 *
 * The intake times td_item_age_for() puts in @age: `from <= intake_at < to`.
 */
void
td_item_age_get_range (TdItemAge  age,
                       gint64     now_us,
                       gint64    *from_us,
                       gint64    *to_us)
{
  g_return_if_fail ((guint) age < TD_ITEM_N_AGES);
  g_return_if_fail (from_us != NULL && to_us != NULL);

  *from_us = G_MININT64;
  *to_us = G_MAXINT64;
  if (age == TD_ITEM_AGE_ANY)
    return;
  /* days < max  ⇔  now - intake < max·DAY  ⇔  intake > now - max·DAY */
  if (age_days[age].max_days > 0)
    *from_us = now_us - age_days[age].max_days * DAY_US + 1;
  /* days >= min  ⇔  intake <= now - min·DAY; the newest bucket also takes future dates */
  if (age_days[age].min_days > 0)
    *to_us = now_us - age_days[age].min_days * DAY_US + 1;
}

/**
 * td_item_age_get_label:
 *
 * Returns: (transfer none): the bucket's name for a filter menu, translated
 */
const char *
td_item_age_get_label (TdItemAge age)
{
  switch (age)
    {
    case TD_ITEM_AGE_ANY:
      return C_("item age", "Any age");
    case TD_ITEM_AGE_UNDER_WEEK:
      return C_("item age", "Under a week");
    case TD_ITEM_AGE_UNDER_MONTH:
      return C_("item age", "1–4 weeks");
    case TD_ITEM_AGE_ONE_TO_TWO_MONTHS:
      return C_("item age", "1–2 months");
    case TD_ITEM_AGE_TWO_TO_THREE_MONTHS:
      return C_("item age", "2–3 months");
    case TD_ITEM_AGE_OVER_THREE_MONTHS:
      return C_("item age", "Over 3 months");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * td_item_format_age:
 * @intake_at_us: when the item was taken in
 * @now_us: now
 *
 * How long an item has been in the shop, for an "Age" column: "Today", "3 days",
 * "5 weeks", "4 months" (weeks from 14 days, months of 30 days from 9 weeks).
 *
 * Returns: (transfer full): the age, translated
 */
char *
td_item_format_age (gint64 intake_at_us,
                    gint64 now_us)
{
  gint64 days = intake_at_us >= now_us ? 0 : (now_us - intake_at_us) / DAY_US;
  int n;

  if (days < 1)
    return g_strdup (C_("item age", "Today"));
  if (days < 14)
    {
      n = (int) days;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), n);
    }
  if (days < 63)
    {
      n = (int) (days / 7);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", n), n);
    }
  n = (int) MIN (days / 30, G_MAXINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", n), n);
}

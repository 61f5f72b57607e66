/* td-pricing-private.h — shared between td-pricing.c and td-pricing-effective.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-pricing.h"

G_BEGIN_DECLS

#define TD_PRICING_BP_WHOLE 10000

static inline gint64
td_pricing_floor_div (gint64 a,
                      gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Whether @yyyymmdd is a real date of the years 1 … 9999. */
static inline gboolean
td_pricing_day_valid (int yyyymmdd)
{
  int y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;

  return y >= 1 && y <= 9999 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* Whether @text is NULL, empty or only spaces. */
static inline gboolean
td_pricing_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

G_END_DECLS

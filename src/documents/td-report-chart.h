/* td-report-chart.h — the sales-over-time chart, drawn with cairo for the Reports page and the
 * report PDF alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "td-money.h"
#include "td-report.h"

G_BEGIN_DECLS

gboolean td_report_chart_draw (cairo_t             *cr,
                               double               width,
                               double               height,
                               TdReport            *report,
                               const TdCurrency    *currency,
                               const TdMoneyFormat *fmt,
                               gboolean             dark);

G_END_DECLS

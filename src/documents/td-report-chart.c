/* td-report-chart.c — bars of the sales per bucket of a "Sales over time" report, with the
 * compared period as a line over them, value axis with gridlines in the locale's money
 * format, bucket labels in the locale's date format, and each bar's value above it when
 * there is room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "td-report-chart.h"

#define FONT "Sans 8"

static void
text_at (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      align_x,   /* 0 left, 0.5 centre, 1 right */
         double      align_y)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align_x, y - h * align_y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  pango_font_description_free (font);
  g_object_unref (layout);
  return w;
}

/* A round step for about 4–6 gridlines up to @max. */
static gint64
nice_step (gint64 max)
{
  double raw = MAX (max, 1) / 5.0;
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  return (gint64) ((f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag);
}

static char *
bucket_label (int       day,
              TdBucket  bucket)
{
  GDate date;
  char buf[64];
  gboolean months = bucket == TD_BUCKET_MONTH;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day % 100, day / 100 % 100, day / 10000);
  /* Translators: strftime formats of chart labels: a month ("Nov 2026"), a day ("22 Nov") */
  if (g_date_strftime (buf, sizeof buf, months ? C_("chart month", "%b %Y") : C_("chart day", "%d %b"),
                       &date) == 0)
    return g_strdup_printf ("%d", day);
  return g_strdup (buf);
}

/**
 * td_report_chart_draw:
 * @report: a %TD_REPORT_OVER_TIME report
 * @dark: light text and lines on a dark background
 *
 * Draws the chart into the box (0, 0, @width, @height) of @cr.
 *
 * Returns: %FALSE when @report has nothing to draw
 */
gboolean
td_report_chart_draw (cairo_t             *cr,
                      double               width,
                      double               height,
                      TdReport            *report,
                      const TdCurrency    *currency,
                      const TdMoneyFormat *fmt,
                      gboolean             dark)
{
  TdReportTable *t = td_report_find_table (report, "buckets");
  int c_amount, c_compare, c_start;
  guint n;
  gint64 max = 0, step;
  double left, right = 8, top = 14, bottom = 34, plot_w, plot_h, slot;
  double fg = dark ? 0.9 : 0.15;
  g_autofree char *widest = NULL;

  if (t == NULL || (n = td_report_table_get_n_rows (t)) == 0)
    return FALSE;
  c_start = td_report_table_find_column (t, "start");
  c_amount = td_report_table_find_column (t, "amount");
  c_compare = td_report_table_find_column (t, "compare_amount");
  for (guint r = 0; r < n; r++)
    {
      max = MAX (max, td_report_table_get_num (t, r, (guint) c_amount));
      if (c_compare >= 0)
        max = MAX (max, td_report_table_get_num (t, r, (guint) c_compare));
    }
  step = nice_step (max);
  max = MAX (step, (max + step - 1) / step * step);
  widest = td_money_format (max, currency, fmt);
  left = text_width (cr, widest) + 10;
  plot_w = width - left - right;
  plot_h = height - top - bottom;
  if (plot_w < 20 || plot_h < 20)
    return FALSE;
  slot = plot_w / n;

  cairo_save (cr);
  /* Gridlines and the value axis */
  cairo_set_line_width (cr, 1);
  for (gint64 v = 0; v <= max; v += step)
    {
      double y = top + plot_h - plot_h * (double) v / (double) max;
      g_autofree char *label = td_money_format (v, currency, fmt);

      cairo_set_source_rgba (cr, fg, fg, fg, v == 0 ? 0.8 : 0.15);
      cairo_move_to (cr, left, floor (y) + 0.5);
      cairo_line_to (cr, left + plot_w, floor (y) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.8);
      text_at (cr, label, left - 5, y, 1, 0.5);
    }

  /* Bars, value labels when they fit, bucket labels thinned to fit */
  {
    guint every = 1;
    TdBucket bucket = td_report_period_bucket (td_report_get_period (report));
    g_autofree char *sample = bucket_label (td_report_table_get_num (t, 0, (guint) c_start), bucket);
    double label_w = text_width (cr, sample) + 6;

    while (slot * every < label_w)
      every++;
    for (guint r = 0; r < n; r++)
      {
        gint64 v = td_report_table_get_num (t, r, (guint) c_amount);
        int day = (int) td_report_table_get_num (t, r, (guint) c_start);
        double h = plot_h * (double) v / (double) max;
        double x = left + slot * r + slot * 0.15, w = slot * 0.7;

        if (day == 0)
          continue;
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);   /* libadwaita blue */
        cairo_rectangle (cr, x, top + plot_h - h, w, h);
        cairo_fill (cr);
        if (v > 0)
          {
            g_autofree char *value = td_money_format (v, currency, fmt);

            if (text_width (cr, value) < slot - 2)
              {
                cairo_set_source_rgba (cr, fg, fg, fg, 0.9);
                text_at (cr, value, x + w / 2, top + plot_h - h - 2, 0.5, 1);
              }
          }
        if (r % every == 0)
          {
            g_autofree char *label = bucket_label (day, bucket);

            cairo_set_source_rgba (cr, fg, fg, fg, 0.8);
            text_at (cr, label, x + w / 2, top + plot_h + 4, 0.5, 0);
          }
      }
  }

  /* The compared period as a line over the bars, with a legend */
  if (c_compare >= 0)
    {
      gboolean started = FALSE;

      cairo_set_source_rgb (cr, 0.90, 0.38, 0.0);
      cairo_set_line_width (cr, 2);
      for (guint r = 0; r < n; r++)
        {
          double x = left + slot * r + slot / 2;
          double y = top + plot_h - plot_h * (double) td_report_table_get_num (t, r, (guint) c_compare)
                                    / (double) max;

          if (!started)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          started = TRUE;
        }
      cairo_stroke (cr);
      cairo_rectangle (cr, left + plot_w - 150, height - 12, 14, 3);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.9);
      text_at (cr, _("Compared period"), left + plot_w - 130, height - 10, 0, 0.5);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, left + plot_w - 270, height - 15, 10, 10);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.9);
      text_at (cr, _("This period"), left + plot_w - 255, height - 10, 0, 0.5);
    }
  cairo_restore (cr);
  return TRUE;
}

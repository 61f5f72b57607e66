/* td-tag.h — price tags: one label drawn with cairo, or many written to a PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * TdTag:
 * @shop_name: (nullable): printed small on top
 * @title: (nullable): the item's title, cut short with “…” when it doesn't fit
 * @size: (nullable): the item's size, e.g. "M" or "EU 38"
 * @grade: (nullable): the grade's label, e.g. "Very good"
 * @price: the price to pay, already formatted ("$12.00")
 * @original_price: (nullable): the price before a markdown, shown struck through
 * @markdown_note: (nullable): why the price changed, e.g. "−25 % from 12 Dec"
 * @sku: the SKU; both the Code128 barcode and the QR code say exactly this
 *
 * What a price tag says. Strings are borrowed; %NULL and "" mean "not shown".
 */
typedef struct
{
  const char *shop_name;
  const char *title;
  const char *size;
  const char *grade;
  const char *price;
  const char *original_price;
  const char *markdown_note;
  const char *sku;
} TdTag;

/**
 * TdTagFormat:
 * @TD_TAG_FORMAT_THERMAL_2X1: 2″ × 1″ (50.8 × 25.4 mm) roll label, 203 dpi thermal printer
 * @TD_TAG_FORMAT_LABEL_50X30: 50 × 30 mm roll label, 203 dpi thermal printer
 * @TD_TAG_FORMAT_SHEET_A4: A4 sheet of 3 × 10 labels of 70 × 29.7 mm with no page margin
 *   (Avery Zweckform 3489 and equivalents)
 * @TD_TAG_FORMAT_SHEET_LETTER: Letter sheet of 3 × 10 labels of 2⅝″ × 1″ (66.7 × 25.4 mm),
 *   ½″ top margin, 3/16″ side margins, ⅛″ between columns (Avery 5160 and equivalents)
 */
typedef enum
{
  TD_TAG_FORMAT_THERMAL_2X1,
  TD_TAG_FORMAT_LABEL_50X30,
  TD_TAG_FORMAT_SHEET_A4,
  TD_TAG_FORMAT_SHEET_LETTER,
} TdTagFormat;

#define TD_TAG_N_FORMATS 4

const char *td_tag_format_get_label      (TdTagFormat    format);
void        td_tag_format_get_size       (TdTagFormat    format,
                                          double        *width_pt,
                                          double        *height_pt);
void        td_tag_format_get_page_size  (TdTagFormat    format,
                                          double        *width_pt,
                                          double        *height_pt);
guint       td_tag_format_get_per_page   (TdTagFormat    format);

gboolean    td_tag_check                 (const TdTag   *tag,
                                          TdTagFormat    format,
                                          GError       **error);
gboolean    td_tag_draw                  (cairo_t       *cr,
                                          const TdTag   *tag,
                                          TdTagFormat    format,
                                          GError       **error);
gboolean    td_tags_write_pdf            (const TdTag   *tags,
                                          guint          n_tags,
                                          TdTagFormat    format,
                                          const char    *path,
                                          GError       **error);

G_END_DECLS

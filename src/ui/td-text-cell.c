/* td-text-cell.c — one line of text for a fixed-width column view column.
 *
 * A GtkLabel queues a resize when its text changes, and in GTK 4.8 a cell's resize invalidates
 * its whole column (gtk_column_view_column_queue_resize(): every cell of it, ~200 in the
 * inventory list), so one keystroke of a search re-measured the window. A TdTextCell only
 * queues a draw: its height is the font's line height whatever the text, and its width is
 * the column's (give the column a fixed width; the natural width it reports is that of the
 * text it had when last measured). The text is ellipsized at the end to fit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include "td-text-cell.h"

struct _TdTextCell
{
  GtkWidget    parent_instance;

  PangoLayout *layout;
  char        *text;      /* the plain text, markup stripped */
  char        *source;    /* what was set, text or markup, to skip an unchanged one */
  gboolean     markup;
  float        xalign;
  gboolean     tabular_digits;
};

G_DEFINE_FINAL_TYPE (TdTextCell, td_text_cell, GTK_TYPE_WIDGET)

static void
td_text_cell_finalize (GObject *object)
{
  TdTextCell *self = (TdTextCell *)object;

  g_clear_object (&self->layout);
  g_free (self->text);
  g_free (self->source);

  G_OBJECT_CLASS (td_text_cell_parent_class)->finalize (object);
}

static PangoLayout *
get_layout (TdTextCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  return self->layout;
}

/* The font's line height: the same for every text, so a new one needs no new measure. */
static int
line_height (TdTextCell *self,
             int        *ascent)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int a = pango_font_metrics_get_ascent (metrics);
  int d = pango_font_metrics_get_descent (metrics);

  pango_font_metrics_unref (metrics);
  if (ascent != NULL)
    *ascent = PANGO_PIXELS_CEIL (a);
  return PANGO_PIXELS_CEIL (a + d);
}

static void
td_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TdTextCell *self = TD_TEXT_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      PangoLayout *layout = get_layout (self);
      int width;

      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      *minimum = 0;
      *natural = width;
    }
  else
    {
      int ascent;

      *minimum = *natural = line_height (self, &ascent);
      *minimum_baseline = *natural_baseline = ascent;
    }
}

static void
td_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TdTextCell *self = TD_TEXT_CELL (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float xalign = self->xalign;
  int x, y;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  layout = get_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;
  x = (int) ((width - logical.width) * xalign) - logical.x;
  y = (height - logical.height) / 2 - logical.y;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
td_text_cell_class_init (TdTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = td_text_cell_finalize;
  widget_class->measure = td_text_cell_measure;
  widget_class->snapshot = td_text_cell_snapshot;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
td_text_cell_init (TdTextCell *self)
{
}

/**
 * td_text_cell_new:
 * @xalign: 0 for the start, 1 for the end, as GtkLabel's
 * @tabular_digits: give digits one width, so amounts line up
 */
GtkWidget *
td_text_cell_new (float    xalign,
                  gboolean tabular_digits)
{
  TdTextCell *self = g_object_new (TD_TYPE_TEXT_CELL, NULL);

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  self->tabular_digits = tabular_digits;
  return GTK_WIDGET (self);
}

static void
update (TdTextCell *self,
        const char *source,
        gboolean    markup)
{
  PangoLayout *layout = get_layout (self);
  g_autoptr(PangoAttrList) attrs = NULL;
  char *text = NULL;

  source = source != NULL ? source : "";
  if (markup == self->markup && g_strcmp0 (source, self->source) == 0)
    return;

  if (!markup || !pango_parse_markup (source, -1, 0, &attrs, &text, NULL, NULL))
    {
      /* markup that does not parse is shown as it is, never as nothing */
      g_clear_pointer (&attrs, pango_attr_list_unref);
      text = g_strdup (source);
    }
  if (self->tabular_digits)
    {
      if (attrs == NULL)
        attrs = pango_attr_list_new ();
      pango_attr_list_insert_before (attrs, pango_attr_font_features_new ("tnum=1"));
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);

  g_free (self->source);
  self->source = g_strdup (source);
  self->markup = markup;
  g_free (self->text);
  self->text = text;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
td_text_cell_set_text (TdTextCell *self,
                       const char *text)
{
  g_return_if_fail (TD_IS_TEXT_CELL (self));

  update (self, text, FALSE);
}

/* Pango markup, as gtk_label_set_markup(): <b>, <s> and the like. */
void
td_text_cell_set_markup (TdTextCell *self,
                         const char *markup)
{
  g_return_if_fail (TD_IS_TEXT_CELL (self));

  update (self, markup, TRUE);
}

/* The text shown, without markup ("" when none). */
const char *
td_text_cell_get_text (TdTextCell *self)
{
  g_return_val_if_fail (TD_IS_TEXT_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

/* What was set, markup included, as gtk_label_get_label() ("" when nothing was). */
const char *
td_text_cell_get_label (TdTextCell *self)
{
  g_return_val_if_fail (TD_IS_TEXT_CELL (self), NULL);

  return self->source != NULL ? self->source : "";
}

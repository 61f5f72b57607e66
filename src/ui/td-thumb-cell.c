/* td-thumb-cell.c — a square thumbnail for a fixed-width column view column.
 *
 * GtkPicture queues a resize whenever its paintable changes, and in GTK 4.8 a cell's resize
 * invalidates every cell of its column (see td-text-cell.c). A TdThumbCell is always @size
 * pixels square and fills that square with its picture, cropped to its centre (as
 * GTK_CONTENT_FIT_COVER), so a new thumbnail only redraws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include "td-thumb-cell.h"

struct _TdThumbCell
{
  GtkWidget     parent_instance;

  GdkPaintable *paintable;
  int           size;
};

G_DEFINE_FINAL_TYPE (TdThumbCell, td_thumb_cell, GTK_TYPE_WIDGET)

static void
td_thumb_cell_dispose (GObject *object)
{
  TdThumbCell *self = (TdThumbCell *)object;

  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (td_thumb_cell_parent_class)->dispose (object);
}

static void
td_thumb_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = TD_THUMB_CELL (widget)->size;
}

static void
td_thumb_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TdThumbCell *self = TD_THUMB_CELL (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double ratio, w, h;

  if (self->paintable == NULL || width <= 0 || height <= 0)
    return;

  ratio = gdk_paintable_get_intrinsic_aspect_ratio (self->paintable);
  if (ratio <= 0)
    ratio = 1.0;
  /* cover: the whole square, the picture's overflow cut off (the widget clips) */
  if (ratio > width / height)
    {
      h = height;
      w = height * ratio;
    }
  else
    {
      w = width;
      h = width / ratio;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - w) / 2, (height - h) / 2));
  gdk_paintable_snapshot (self->paintable, snapshot, w, h);
  gtk_snapshot_restore (snapshot);
}

static void
td_thumb_cell_class_init (TdThumbCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_thumb_cell_dispose;
  widget_class->measure = td_thumb_cell_measure;
  widget_class->snapshot = td_thumb_cell_snapshot;

  gtk_widget_class_set_css_name (widget_class, "picture");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
td_thumb_cell_init (TdThumbCell *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
td_thumb_cell_new (int size)
{
  TdThumbCell *self = g_object_new (TD_TYPE_THUMB_CELL, NULL);

  self->size = MAX (size, 0);
  return GTK_WIDGET (self);
}

/* @paintable: (nullable): a still picture (a texture); NULL shows nothing */
void
td_thumb_cell_set_paintable (TdThumbCell  *self,
                             GdkPaintable *paintable)
{
  g_return_if_fail (TD_IS_THUMB_CELL (self));

  if (g_set_object (&self->paintable, paintable))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkPaintable *
td_thumb_cell_get_paintable (TdThumbCell *self)
{
  g_return_val_if_fail (TD_IS_THUMB_CELL (self), NULL);

  return self->paintable;
}

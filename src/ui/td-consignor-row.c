/* td-consignor-row.c — a consignor in the consignors page's list: name over code (dimmed and
 * marked when inactive), and the balance owed right-aligned in the shop's money.
 *
 * The page formats the balance (it holds the shop's currency and the locale's money format)
 * and hands it over with the item, so the row stays a view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-consignor-row.h"

struct _TdConsignorRow
{
  GtkWidget         parent_instance;

  TdConsignorEntry *item;

  GtkLabel         *name_label;
  GtkLabel         *code_label;
  GtkLabel         *balance_label;
};

G_DEFINE_FINAL_TYPE (TdConsignorRow, td_consignor_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
td_consignor_row_dispose (GObject *object)
{
  TdConsignorRow *self = (TdConsignorRow *)object;

  GtkWidget *child;

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONSIGNOR_ROW);
  /* GTK 4.8 unparents bound children only; the box of the labels is not bound. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (td_consignor_row_parent_class)->dispose (object);
}

static void
td_consignor_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TdConsignorRow *self = TD_CONSIGNOR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_consignor_row_class_init (TdConsignorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_consignor_row_dispose;
  object_class->get_property = td_consignor_row_get_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         TD_TYPE_CONSIGNOR_ENTRY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-consignor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConsignorRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, TdConsignorRow, balance_label);
}

static void
td_consignor_row_init (TdConsignorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
td_consignor_row_new (void)
{
  return g_object_new (TD_TYPE_CONSIGNOR_ROW, NULL);
}

/**
 * td_consignor_row_get_item:
 *
 * Returns: (transfer none) (nullable): the consignor shown
 */
TdConsignorEntry *
td_consignor_row_get_item (TdConsignorRow *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ROW (self), NULL);

  return self->item;
}

/**
 * td_consignor_row_set_item:
 * @item: (nullable): the consignor to show
 * @balance_text: (nullable): their balance, formatted in the shop's money
 */
void
td_consignor_row_set_item (TdConsignorRow   *self,
                           TdConsignorEntry *item,
                           const char       *balance_text)
{
  g_autofree char *code = NULL;
  gboolean active;

  g_return_if_fail (TD_IS_CONSIGNOR_ROW (self));
  g_return_if_fail (item == NULL || TD_IS_CONSIGNOR_ENTRY (item));

  gtk_label_set_text (self->balance_label, balance_text != NULL ? balance_text : "");
  if (!g_set_object (&self->item, item))
    return;

  if (item == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->code_label, "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
      return;
    }

  active = td_consignor_entry_get_active (item);
  if (active)
    code = g_strdup (td_consignor_entry_get_code (item));
  else
    /* Translators: a consignor's code and that they are deactivated, in the list */
    code = g_strdup_printf (_("%s · inactive"), td_consignor_entry_get_code (item));
  gtk_label_set_text (self->name_label, td_consignor_entry_get_name (item));
  gtk_label_set_text (self->code_label, code);
  if (td_consignor_entry_get_balance (item) < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->balance_label), "error");
  if (active)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

const char *
td_consignor_row_get_balance_text (TdConsignorRow *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ROW (self), NULL);

  return gtk_label_get_text (self->balance_label);
}

float
td_consignor_row_get_balance_xalign (TdConsignorRow *self)
{
  g_return_val_if_fail (TD_IS_CONSIGNOR_ROW (self), 0);

  return gtk_label_get_xalign (self->balance_label);
}

/* td-buy-dialog-lines.c — the item rows of the buying dialog: title, category, grade, the
 * price the shop will ask and what the seller gets, in columns under their headings; a new
 * row starts with the category and grade of the row above.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-buy-dialog-private.h"
#include "td-store-catalogue.h"

static void remove_line_cb (GtkButton   *button,
                            TdBuyDialog *self);

static GtkEntry *
line_entry (TdBuyLine   *line,
            TdBuyDialog *self,
            guint        column,
            const char  *hint,
            int          width,
            gboolean     amount)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_size_group_add_widget (self->columns[column], entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), hint);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (amount)
    {
      gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
    }
  else
    gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, hint, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (td_buy_dialog_update_total), self);
  gtk_box_append (GTK_BOX (line->row), entry);
  return GTK_ENTRY (entry);
}

static GtkDropDown *
line_choice (TdBuyLine   *line,
             TdBuyDialog *self,
             guint        column,
             GArray      *infos,
             gboolean     categories,
             const char  *label)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < infos->len; i++)
    gtk_string_list_append (model, categories ? g_array_index (infos, TdCategoryInfo, i).path
                                              : g_array_index (infos, TdGradeInfo, i).label);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  if (categories)
    {
      gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_size_request (dropdown, categories ? 200 : 150, -1);
  gtk_size_group_add_widget (self->columns[column], dropdown);
  gtk_box_append (GTK_BOX (line->row), dropdown);
  return GTK_DROP_DOWN (dropdown);
}

TdBuyLine *
td_buy_dialog_add_line (TdBuyDialog *self)
{
  TdBuyLine *line = g_new0 (TdBuyLine, 1);
  GtkWidget *remove;

  line->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  line->title = line_entry (line, self, 0, _("Title"), 16, FALSE);
  line->category = line_choice (line, self, 1, self->categories, TRUE, _("Category"));
  line->grade = line_choice (line, self, 2, self->grades, FALSE, _("Grade"));
  line->price = line_entry (line, self, 3, _("Sells at"), 7, TRUE);
  line->cost = line_entry (line, self, 4, _("Seller gets"), 7, TRUE);
  remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_size_group_add_widget (self->columns[5], remove);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this item"));
  g_object_set_data (G_OBJECT (remove), "line", line);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_line_cb), self);
  gtk_box_append (GTK_BOX (line->row), remove);

  /* A new row starts like the one above: sellers often bring several of a kind. */
  if (self->lines->len > 0)
    {
      TdBuyLine *above = self->lines->pdata[self->lines->len - 1];

      gtk_drop_down_set_selected (line->category, gtk_drop_down_get_selected (above->category));
      gtk_drop_down_set_selected (line->grade, gtk_drop_down_get_selected (above->grade));
    }
  g_ptr_array_add (self->lines, line);
  gtk_box_append (self->lines_box, line->row);
  return line;
}

static void
remove_line_cb (GtkButton   *button,
                TdBuyDialog *self)
{
  TdBuyLine *line = g_object_get_data (G_OBJECT (button), "line");

  gtk_box_remove (self->lines_box, line->row);
  g_ptr_array_remove (self->lines, line);
  if (self->lines->len == 0)
    td_buy_dialog_add_line (self);
  td_buy_dialog_update_total (self);
  line = self->lines->pdata[self->lines->len - 1];
  gtk_widget_grab_focus (GTK_WIDGET (line->title));
}

void
td_buy_dialog_add_line_cb (TdBuyDialog *self)
{
  TdBuyLine *line = td_buy_dialog_add_line (self);

  gtk_widget_grab_focus (GTK_WIDGET (line->title));
}

/* The headings over the item rows' columns. */
GtkWidget *
td_buy_dialog_headings_new (TdBuyDialog *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *titles[] = { _("Title"), _("Category"), _("Grade"), _("Sells at"),
                           _("Seller gets"), "" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *label = gtk_label_new (titles[i]);

      gtk_label_set_xalign (GTK_LABEL (label), i >= 3 && i < 5 ? 1.0 : 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, i >= 3 && i < 5 ? 0 : 6);
      gtk_widget_set_margin_end (label, i >= 3 && i < 5 ? 6 : 0);
      if (i == 0)
        gtk_widget_set_hexpand (label, TRUE);
      gtk_size_group_add_widget (self->columns[i], label);
      gtk_box_append (GTK_BOX (row), label);
    }
  return row;
}

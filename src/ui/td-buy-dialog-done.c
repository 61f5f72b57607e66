/* td-buy-dialog-done.c — after buying at the counter: what was bought (the new SKUs), what the
 * seller was paid, and the price tags of the new items, printed like intake's (td-tag.c)
 * through the counter's document preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-buy-dialog-private.h"
#include "td-sell-page-private.h"
#include "td-store-pricing.h"
#include "td-store.h"
#include "td-tag.h"

static gboolean
is_blank (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* The dialog sends every row with anything typed (td-buy-dialog.c: collect()). */
static gboolean
row_was_bought (const TdBuyLine *row)
{
  return !is_blank (row->title) || !is_blank (row->price) || !is_blank (row->cost);
}

/* One tag per item bought, at the price the counter will charge (markdowns included). */
static char *
write_tags (TdBuyDialog  *self,
            GError      **error)
{
  TdDatabase *db = td_sell_page_get_database (self->page);
  TdContext *context = td_sell_page_get_context (self->page);
  GArray *ids = self->result.item_ids;
  g_autofree char *shop_name = td_context_dup_shop_name (context);
  g_autofree TdTag *tags = g_new0 (TdTag, MAX (ids->len, 1));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_auto(TdPricingRules) rules = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_strdup_printf ("tags-bought-%" G_GINT64_FORMAT ".pdf",
                                           self->result.intake_id);
  g_autofree char *path = NULL;
  guint line = 0;

  if (!td_store_pricing_load_rules (db, &rules, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *tag_colour = NULL;
      TdPricingItem pricing;
      TdPriceExplanation explanation;
      const TdBuyLine *row = NULL;
      char *price, *original = NULL, *note;
      gint64 effective;

      /* The rows that were bought, in order (empty rows were left out). */
      while (line < self->lines->len && !row_was_bought (self->lines->pdata[line]))
        line++;
      if (line < self->lines->len)
        row = self->lines->pdata[line++];

      if (!td_store_pricing_load_item (db, g_array_index (ids, gint64, i), &pricing, &tag_colour,
                                       error))
        return NULL;
      effective = td_pricing_effective_price (&pricing, &rules, now, &explanation);
      g_ptr_array_add (strings, price = td_context_format_money (context, effective));
      if (effective < pricing.price)
        g_ptr_array_add (strings, original = td_context_format_money (context, pricing.price));
      note = td_pricing_format_markdown_note (&explanation);
      if (note != NULL)
        g_ptr_array_add (strings, note);
      tags[i] = (TdTag) {
        .shop_name = shop_name,
        .title = row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row->title)) : NULL,
        .grade = row != NULL ? gtk_string_object_get_string (
                                 gtk_drop_down_get_selected_item (row->grade)) : NULL,
        .price = price,
        .original_price = original,
        .markdown_note = note,
        .sku = self->result.skus[i],
      };
    }
  path = td_sell_page_documents_path (name, error);
  if (path == NULL || !td_tags_write_pdf (tags, ids->len, TD_TAG_FORMAT_THERMAL_2X1, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static void
tags_cb (TdBuyDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_tags (self, &error);
  TdSellPage *page = g_object_ref (self->page);

  if (path == NULL)
    {
      gtk_label_set_text (self->done_detail, error->message);
      g_object_unref (page);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  td_sell_page_show_pdf (page, path, _("Price Tags"), NULL, NULL);
  g_object_unref (page);
}

static GtkWidget *
build_done (TdBuyDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (box, TRUE);

  self->done_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->done_title), "title-2");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_title));
  self->done_detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->done_detail, TRUE);
  gtk_label_set_justify (self->done_detail, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->done_detail, 50);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_detail), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_detail));
  self->done_skus = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->done_skus, 0);
  gtk_widget_set_halign (GTK_WIDGET (self->done_skus), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_skus), "monospace");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_skus));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 6);
  self->done_button = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (self->done_button, "pill");
  g_signal_connect_swapped (self->done_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
  self->tags_button = gtk_button_new_with_mnemonic (_("_Print Tags…"));
  gtk_widget_add_css_class (self->tags_button, "suggested-action");
  gtk_widget_add_css_class (self->tags_button, "pill");
  g_signal_connect_swapped (self->tags_button, "clicked", G_CALLBACK (tags_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->done_button);
  gtk_box_append (GTK_BOX (buttons), self->tags_button);
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

/**
 * td_buy_dialog_show_done:
 *
 * Turns the dialog to what was just bought; Enter prints the tags, Escape or Done closes.
 */
void
td_buy_dialog_show_done (TdBuyDialog *self)
{
  TdContext *context = td_sell_page_get_context (self->page);
  g_autofree char *paid = td_context_format_money (context, self->result.paid);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GString) skus = g_string_new (NULL);
  guint n = self->result.item_ids->len;

  if (gtk_stack_get_child_by_name (self->stack, "done") == NULL)
    gtk_stack_add_named (self->stack, build_done (self), "done");

  /* Translators: after buying at the counter */
  title = g_strdup_printf (ngettext ("Bought %u Item", "Bought %u Items", n), n);
  if (self->result.gift_card_code != NULL)
    /* Translators: after buying for store credit on a new gift card: the amount, the code */
    detail = g_strdup_printf (_("%s in store credit on a new gift card: %s. Give the seller "
                                "the card with this code."), paid, self->result.gift_card_code);
  else if (self->seller_id > 0 && adw_combo_row_get_selected (self->pay_row) == 1)
    /* Translators: after buying for store credit to a consignor's balance */
    detail = g_strdup_printf (_("%s in store credit added to %s’s balance."), paid,
                              self->seller_name);
  else
    /* Translators: after buying for cash */
    detail = g_strdup_printf (_("Pay the seller %s in cash from the till."), paid);
  for (guint i = 0, line = 0; self->result.skus != NULL && self->result.skus[i] != NULL; i++)
    {
      const TdBuyLine *row = NULL;

      while (line < self->lines->len && !row_was_bought (self->lines->pdata[line]))
        line++;
      if (line < self->lines->len)
        row = self->lines->pdata[line++];
      g_string_append_printf (skus, "%s%-10s  %s", i > 0 ? "\n" : "", self->result.skus[i],
                              row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row->title)) : "");
    }

  gtk_label_set_text (self->done_title, title);
  gtk_label_set_text (self->done_detail, detail);
  gtk_label_set_text (self->done_skus, skus->str);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->tags_button);
  gtk_widget_grab_focus (self->tags_button);
}

/* td-inventory-page-actions.c — the inventory's commands: act on a selection (mark down, set
 * price, return, donate), print tags. The item editor is in td-inventory-page-editor.c.
 *
 * The store checks every item of a selection first and refuses the whole set when one can't
 * take the action; the refusal's problems are shown as they come, one sentence per item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-inventory-page-private.h"
#include "td-store-catalogue.h"
#include "td-store-expiry.h"
#include "td-store-intake.h"
#include "td-store-items-query.h"
#include "td-store-pricing.h"
#include "td-store.h"

/* ---- Showing refusals -------------------------------------------------------------------- */

/**
 * td_inventory_page_show_problems:
 * @heading: what was refused, e.g. "Nothing Was Marked Down"
 *
 * Shows a refusal of the store in plain words: each problem on its own line.
 */
void
td_inventory_page_show_problems (TdInventoryPage *self,
                                 const char      *heading,
                                 const GError    *error)
{
  GPtrArray *problems = td_stock_error_get_problems (error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  g_assert (TD_IS_INVENTORY_PAGE (self));

  g_message ("%s: %s", heading, error->message);
  if (problems != NULL && problems->len > 0)
    for (guint i = 0; i < problems->len && i < 20; i++)
      {
        const TdFieldProblem *problem = g_ptr_array_index (problems, i);

        g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", problem->message);
      }
  else
    g_string_append (body, error->message);
  if (problems != NULL && problems->len > 20)
    g_string_append_printf (body, "\n%s", _("…and more."));
  g_string_append_printf (body, "\n\n%s", _("Nothing was changed. Leave these items out of the "
                                            "selection and try again."));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gint64
now_us (void)
{
  return g_get_real_time ();
}

static GtkWindow *
page_window (TdInventoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
message_dialog (TdInventoryPage *self,
                const char      *heading,
                const char      *body)
{
  GtkWidget *dialog = adw_message_dialog_new (page_window (self), heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static char *
count_items (guint n)
{
  g_autofree char *count = g_strdup_printf ("%'u", n);

  /* Translators: %s is a number such as 12 */
  return g_strdup_printf (ngettext ("%s item", "%s items", n), count);
}

/* The selection, or NULL with a toast when it is too big to act on. */
static GArray *
selected_or_refuse (TdInventoryPage *self)
{
  g_autoptr(GArray) ids = td_inventory_page_dup_selected (self);

  if (ids->len == 0)
    return NULL;
  if (ids->len > TD_INVENTORY_MAX_BULK)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Select at most %'d items for one action."), TD_INVENTORY_MAX_BULK);
      td_inventory_page_toast (self, text);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* ---- Bulk actions ------------------------------------------------------------------------ */

typedef enum { BULK_MARK_DOWN, BULK_SET_PRICE, BULK_RETURN, BULK_DONATE } BulkKind;

typedef struct
{
  TdInventoryPage *page;
  GArray          *ids;
  GtkWidget       *input;
} Bulk;

static void
bulk_free (Bulk *bulk)
{
  if (bulk->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (bulk->page), (gpointer *) &bulk->page);
  g_clear_pointer (&bulk->ids, g_array_unref);
  g_free (bulk);
}

static void
bulk_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Bulk             *bulk)
{
  TdInventoryPage *self = bulk->page;
  TdDatabase *db;
  const gint64 *ids = (const gint64 *) bulk->ids->data;
  guint n = bulk->ids->len;
  g_autoptr(GError) error = NULL;
  g_autofree char *items = count_items (n);
  g_autofree char *done = NULL;
  const char *refused = NULL;
  gboolean ok = FALSE;

  if (self == NULL || g_strcmp0 (response, "cancel") == 0)
    return;
  db = td_context_get_database (self->context);

  if (g_strcmp0 (response, "mark-down") == 0)
    {
      int percent = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (bulk->input));

      ok = td_store_items_mark_down (db, ids, n, percent * 100,
                                     td_context_get_staff_id (self->context), now_us (), &error);
      refused = _("Nothing Was Marked Down");
      /* Translators: a toast: "12 items marked down by 25 %" */
      done = g_strdup_printf (_("%s marked down by %d %%"), items, percent);
    }
  else if (g_strcmp0 (response, "set-price") == 0)
    {
      TdMoneyFormat fmt;
      gint64 price = 0;
      g_autofree char *formatted = NULL;

      td_money_format_init_current (&fmt);
      if (!td_money_parse (gtk_editable_get_text (GTK_EDITABLE (bulk->input)),
                           td_context_get_currency (self->context), &fmt, &price, &error))
        {
          td_inventory_page_toast (self, _("No price was set: type the price as an amount, "
                                           "for example 12.50."));
          return;
        }
      ok = td_store_items_set_price (db, ids, n, price, td_context_get_staff_id (self->context),
                                     now_us (), &error);
      refused = _("No Price Was Set");
      formatted = td_context_format_money (self->context, price);
      /* Translators: a toast: "12 items now cost $5.00" */
      done = g_strdup_printf (_("%s now priced at %s"), items, formatted);
    }
  else if (g_strcmp0 (response, "return") == 0)
    {
      ok = td_store_items_return (db, ids, n, td_context_get_staff_id (self->context), now_us (),
                                  &error);
      refused = _("Nothing Was Returned");
      /* Translators: a toast: "12 items returned to their consignors" */
      done = g_strdup_printf (_("%s returned to their consignors"), items);
    }
  else if (g_strcmp0 (response, "donate") == 0)
    {
      ok = td_store_items_donate (db, ids, n, td_context_get_staff_id (self->context), now_us (),
                                  &error);
      refused = _("Nothing Was Donated");
      /* Translators: a toast: "12 items donated" */
      done = g_strdup_printf (_("%s donated"), items);
    }
  else
    return;

  if (!ok)
    {
      td_inventory_page_show_problems (self, refused, error);
      return;
    }
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  td_inventory_page_after_write (self, done);
}

static GtkWidget *
bulk_dialog (TdInventoryPage *self,
             GArray          *ids,
             const char      *heading,
             const char      *body)
{
  GtkWidget *dialog = message_dialog (self, heading, body);
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->page = self;
  bulk->ids = g_array_ref (ids);
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &bulk->page);
  g_object_set_data_full (G_OBJECT (dialog), "td-bulk", bulk, (GDestroyNotify) bulk_free);
  g_signal_connect (dialog, "response", G_CALLBACK (bulk_response_cb), bulk);
  return dialog;
}

static void
mark_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (widget);
  g_autoptr(GArray) ids = selected_or_refuse (self);
  g_autofree char *items = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *spin;
  Bulk *bulk;

  if (ids == NULL)
    return;
  items = count_items (ids->len);
  /* Translators: a dialog heading, "Mark Down 12 Items" */
  heading = g_strdup_printf (_("Mark Down %s"), items);
  dialog = bulk_dialog (self, ids, heading,
                        _("Take this percentage off each ticket price. A consignor’s minimum "
                          "price is kept."));
  spin = gtk_spin_button_new_with_range (1, 90, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 25);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Percent off"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  bulk = g_object_get_data (G_OBJECT (dialog), "td-bulk");
  bulk->input = spin;
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "mark-down", _("_Mark Down"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark-down",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mark-down");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_price_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (widget);
  g_autoptr(GArray) ids = selected_or_refuse (self);
  g_autofree char *items = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;
  Bulk *bulk;

  if (ids == NULL)
    return;
  items = count_items (ids->len);
  /* Translators: a dialog heading, "Set the Price of 12 Items" */
  heading = g_strdup_printf (_("Set the Price of %s"), items);
  dialog = bulk_dialog (self, ids, heading, _("Every selected item gets this ticket price."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("New price"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  bulk = g_object_get_data (G_OBJECT (dialog), "td-bulk");
  bulk->input = entry;
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "set-price", _("_Set Price"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set-price",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set-price");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
leave_action (TdInventoryPage *self,
              gboolean         offer_return,
              gboolean         offer_donate)
{
  g_autoptr(GArray) ids = selected_or_refuse (self);
  g_autofree char *items = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (ids == NULL)
    return;
  items = count_items (ids->len);
  /* Translators: a confirmation heading, "Take 12 Items off the Floor?" */
  heading = g_strdup_printf (_("Take %s off the Floor?"), items);
  dialog = bulk_dialog (self, ids, heading,
                        _("Returned items go back to their consignors; donated items leave the "
                          "shop. They can no longer be sold. This can’t be undone."));
  if (offer_return)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "return",
                                       _("_Return to Consignor"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "return",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  if (offer_donate)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "donate", _("_Donate"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "donate",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  /* Enter on a destructive confirm cancels. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  leave_action (TD_INVENTORY_PAGE (widget), TRUE, FALSE);
}

static void
donate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  leave_action (TD_INVENTORY_PAGE (widget), FALSE, TRUE);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  leave_action (TD_INVENTORY_PAGE (widget), TRUE, TRUE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (widget);
  g_autoptr(GArray) ids = td_inventory_page_dup_selected (self);

  if (ids->len > 0)
    td_inventory_page_edit_item (self, g_array_index (ids, gint64, 0));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
filters_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_menu_button_popup (TD_INVENTORY_PAGE (widget)->filter_button);
}

/* ---- Tags -------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *items;    /* TdItem */
  GPtrArray *strings;  /* owned strings the tags borrow */
  GArray    *tags;     /* TdTag */
  char      *shop;
  TdTagFormat format;
} Tags;

static void
tags_free (Tags *tags)
{
  g_clear_pointer (&tags->items, g_ptr_array_unref);
  g_clear_pointer (&tags->strings, g_ptr_array_unref);
  g_clear_pointer (&tags->tags, g_array_unref);
  g_clear_pointer (&tags->shop, g_free);
  g_free (tags);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tags, tags_free)

/* A tag's price: every pricing fact of the item (the consignor's minimum, its tag colour),
 * the ticket price when lowered, and the markdown dates ("−25 % from 12 Dec"). */
static char *
tag_price (TdInventoryPage  *self,
           TdItem           *item,
           char            **original,
           char            **note,
           GError          **error)
{
  TdPricingItem pricing;
  TdPriceExplanation explanation;
  g_autofree char *tag_colour = NULL;
  gint64 price;

  if (!td_store_pricing_load_item (td_context_get_database (self->context),
                                   td_item_get_id (item), &pricing, &tag_colour, error))
    return NULL;
  price = td_pricing_effective_price (&pricing, &self->rules, self->now, &explanation);
  *original = price < pricing.price ? td_context_format_money (self->context, pricing.price)
                                    : NULL;
  *note = td_pricing_format_markdown_note (&explanation);
  return td_context_format_money (self->context, price);
}

static Tags *
tags_load (TdInventoryPage  *self,
           const gint64     *ids,
           guint             n,
           TdTagFormat       format,
           GError          **error)
{
  g_autoptr(Tags) tags = g_new0 (Tags, 1);

  tags->format = format;
  tags->items = g_ptr_array_new_with_free_func (g_object_unref);
  tags->strings = g_ptr_array_new_with_free_func (g_free);
  tags->tags = g_array_new (FALSE, TRUE, sizeof (TdTag));
  tags->shop = td_context_dup_shop_name (self->context);
  if (!td_store_items_load (td_context_get_database (self->context), ids, n, tags->items, error))
    return NULL;

  for (guint i = 0; i < tags->items->len; i++)
    {
      TdItem *item = g_ptr_array_index (tags->items, i);
      TdTag tag = { 0 };
      char *original = NULL;
      char *note = NULL;
      char *price = tag_price (self, item, &original, &note, error);

      if (price == NULL)
        return NULL;
      g_ptr_array_add (tags->strings, price);
      if (original != NULL)
        g_ptr_array_add (tags->strings, original);
      if (note != NULL)
        g_ptr_array_add (tags->strings, note);
      tag.markdown_note = note;
      tag.shop_name = tags->shop;
      tag.title = td_item_get_title (item);
      tag.size = td_item_get_size (item);
      tag.grade = td_item_get_grade_label (item);
      tag.price = price;
      tag.original_price = original;
      tag.sku = td_item_get_sku (item);
      g_array_append_val (tags->tags, tag);
    }
  return g_steal_pointer (&tags);
}

/**
 * td_inventory_page_write_tags:
 * @item_ids: (array length=n_items): the items
 * @format: the label format
 * @path: the PDF to write
 *
 * Writes the items' price tags to a PDF, with each price as it sells today.
 */
gboolean
td_inventory_page_write_tags (TdInventoryPage  *self,
                              const gint64     *item_ids,
                              guint             n_items,
                              TdTagFormat       format,
                              const char       *path,
                              GError          **error)
{
  g_autoptr(Tags) tags = NULL;

  g_return_val_if_fail (TD_IS_INVENTORY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tags = tags_load (self, item_ids, n_items, format, error);
  if (tags == NULL)
    return FALSE;
  return td_tags_write_pdf ((const TdTag *) tags->tags->data, tags->tags->len, format, path, error);
}

/* Where label @slot of a sheet sits, in points (the same layout td_tags_write_pdf() uses). */
static void
sheet_slot_origin (TdTagFormat  format,
                   guint        slot,
                   double      *x,
                   double      *y)
{
  const double inch = 72.0, mm = 72.0 / 25.4;

  if (format == TD_TAG_FORMAT_SHEET_LETTER)
    {
      *x = 0.1875 * inch + (slot % 3) * 2.75 * inch;
      *y = 0.5 * inch + (slot / 3) * inch;
    }
  else if (format == TD_TAG_FORMAT_SHEET_A4)
    {
      *x = (slot % 3) * 70.0 * mm;
      *y = (slot / 3) * 29.7 * mm;
    }
  else
    *x = *y = 0;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Tags              *tags)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint per_page = td_tag_format_get_per_page (tags->format);

  for (guint slot = 0; slot < per_page; slot++)
    {
      guint i = (guint) page_nr * per_page + slot;
      g_autoptr(GError) error = NULL;
      double x, y;

      if (i >= tags->tags->len)
        break;
      sheet_slot_origin (tags->format, slot, &x, &y);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      if (!td_tag_draw (cr, &g_array_index (tags->tags, TdTag, i), tags->format, &error))
        g_message ("Drawing tag %u failed: %s", i, error->message);
      cairo_restore (cr);
    }
}

static void
print_tags (TdInventoryPage *self,
            Tags            *tags)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  guint per_page = td_tag_format_get_per_page (tags->format);
  double width, height;
  GtkPrintOperationResult result;

  td_tag_format_get_page_size (tags->format, &width, &height);
  paper = gtk_paper_size_new_custom ("thriftdesk-tag", td_tag_format_get_label (tags->format),
                                     width, height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* A roll prints one label per page. */
  gtk_print_operation_set_n_pages (operation, (tags->tags->len + per_page - 1) / per_page);
  gtk_print_operation_set_job_name (operation, _("Price tags"));
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), tags);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    page_window (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = g_strdup_printf (_("The tags could not be printed. %s"), error->message);

      td_inventory_page_toast (self, text);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *items = count_items (tags->tags->len);
      g_autofree char *text = g_strdup_printf (_("Tags for %s sent to the printer"), items);

      td_inventory_page_toast (self, text);
    }
}

static void
pdf_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  TdInventoryPage *self = g_object_get_data (G_OBJECT (chooser), "td-page");
  GArray *ids = g_object_get_data (G_OBJECT (chooser), "td-ids");
  TdTagFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "td-format"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      if (path != NULL &&
          td_inventory_page_write_tags (self, (const gint64 *) ids->data, ids->len, format, path,
                                        &error))
        {
          g_autofree char *items = count_items (ids->len);
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = NULL;

          /* Translators: a toast: "Tags for 12 items saved to tags.pdf" */
          text = g_strdup_printf (_("Tags for %s saved to %s"), items, name);
          td_inventory_page_toast (self, text);
        }
      else if (path != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The tags could not be saved. %s"),
                                                   error->message);

          td_inventory_page_toast (self, text);
        }
    }
  g_object_unref (chooser);
}

static void
tags_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Bulk             *bulk)
{
  TdInventoryPage *self = bulk->page;
  TdTagFormat format = gtk_drop_down_get_selected (GTK_DROP_DOWN (bulk->input));

  if (self == NULL || g_strcmp0 (response, "cancel") == 0)
    return;

  if (g_strcmp0 (response, "pdf") == 0)
    {
      GtkFileChooserNative *chooser;

      chooser = gtk_file_chooser_native_new (_("Save Price Tags"), page_window (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("price-tags.pdf"));
      g_object_set_data_full (G_OBJECT (chooser), "td-ids", g_array_ref (bulk->ids),
                              (GDestroyNotify) g_array_unref);
      g_object_set_data_full (G_OBJECT (chooser), "td-page", g_object_ref (self), g_object_unref);
      g_object_set_data (G_OBJECT (chooser), "td-format", GINT_TO_POINTER (format));
      g_signal_connect (chooser, "response", G_CALLBACK (pdf_chosen_cb), NULL);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
  else if (g_strcmp0 (response, "print") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(Tags) tags = tags_load (self, (const gint64 *) bulk->ids->data, bulk->ids->len,
                                        format, &error);

      if (tags == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The tags could not be made. %s"),
                                                   error->message);

          td_inventory_page_toast (self, text);
          return;
        }
      print_tags (self, tags);
    }
}

static void
print_tags_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (widget);
  g_autoptr(GArray) ids = selected_or_refuse (self);
  const char *formats[TD_TAG_N_FORMATS + 1] = { NULL };
  g_autofree char *items = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *drop;
  Bulk *bulk;

  if (ids == NULL)
    return;
  for (int i = 0; i < TD_TAG_N_FORMATS; i++)
    formats[i] = td_tag_format_get_label (i);
  items = count_items (ids->len);
  /* Translators: a dialog heading, "Print Tags for 12 Items" */
  heading = g_strdup_printf (_("Print Tags for %s"), items);
  dialog = message_dialog (self, heading, _("Choose the labels in the printer. Roll labels print "
                                            "one per page; sheets hold 30."));
  bulk = g_new0 (Bulk, 1);
  bulk->page = self;
  bulk->ids = g_array_ref (ids);
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &bulk->page);
  g_object_set_data_full (G_OBJECT (dialog), "td-bulk", bulk, (GDestroyNotify) bulk_free);
  drop = gtk_drop_down_new_from_strings (formats);
  bulk->input = drop;
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "pdf", _("Save as _PDF…"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  g_signal_connect (dialog, "response", G_CALLBACK (tags_response_cb), bulk);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Installing and enabling ------------------------------------------------------------- */

static const char * const selection_actions[] = {
  "inventory.edit", "inventory.mark-down", "inventory.set-price", "inventory.return",
  "inventory.donate", "inventory.remove", "inventory.print-tags",
};

/**
 * td_inventory_page_update_actions:
 *
 * Recomputes which commands are enabled: every one needs a selection.
 */
void
td_inventory_page_update_actions (TdInventoryPage *self)
{
  gboolean any = FALSE;

  g_assert (TD_IS_INVENTORY_PAGE (self));

  if (self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      any = !gtk_bitset_is_empty (selected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), selection_actions[i], any);
}

void
td_inventory_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "inventory.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "inventory.filters", NULL, filters_action);
  gtk_widget_class_install_action (widget_class, "inventory.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "inventory.mark-down", NULL, mark_down_action);
  gtk_widget_class_install_action (widget_class, "inventory.set-price", NULL, set_price_action);
  gtk_widget_class_install_action (widget_class, "inventory.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "inventory.donate", NULL, donate_action);
  gtk_widget_class_install_action (widget_class, "inventory.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "inventory.print-tags", NULL, print_tags_action);

  /* The page's shortcuts, all here. Delete only asks: nothing leaves the floor unconfirmed. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "inventory.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "inventory.filters", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "inventory.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "inventory.mark-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "inventory.print-tags", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "inventory.remove", NULL);
}

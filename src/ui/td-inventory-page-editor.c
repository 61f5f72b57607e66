/* td-inventory-page-editor.c — the item editor: one item's fields, checked as they are typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-photos.h"
#include "td-inventory-page-private.h"
#include "td-photo-strip.h"
#include "td-store-catalogue.h"
#include "td-store-intake.h"

static GtkWindow *
page_window (TdInventoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- The item editor --------------------------------------------------------------------- */

typedef struct
{
  TdInventoryPage *page;        /* weak: the dialog dies with the window */
  gint64           item_id;
  TdItemDraft      loaded;
  GtkWidget       *rows[16];
  GtkLabel        *problems_label;
} Editor;

enum {
  ROW_TITLE, ROW_CATEGORY, ROW_BRAND, ROW_SIZE, ROW_COLOUR, ROW_MATERIAL, ROW_DESCRIPTION,
  ROW_GRADE, ROW_DEFECTS, ROW_PRICE, ROW_MIN_PRICE, N_ROWS
};

/* Widget names double as the problems' field names, so tests and problems find rows alike. */
static const char * const row_fields[N_ROWS] = {
  TD_FIELD_TITLE, TD_FIELD_CATEGORY, "brand", "size", "colour", "material", "description",
  TD_FIELD_GRADE, "defects", TD_FIELD_PRICE, TD_FIELD_MIN_PRICE,
};

static void
editor_free (Editor *editor)
{
  if (editor->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (editor->page), (gpointer *) &editor->page);
  td_item_draft_clear (&editor->loaded);
  g_free (editor);
}

static const char *
row_text (Editor *editor,
          int     row)
{
  return gtk_editable_get_text (GTK_EDITABLE (editor->rows[row]));
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
offers_grade (TdInventoryPage *self,
              gint64           grade_id)
{
  for (guint i = 0; self->grades != NULL && i < self->grades->len; i++)
    if (g_array_index (self->grades, TdGradeInfo, i).id == grade_id)
      return TRUE;
  return FALSE;
}

/* Reads the form into @draft; money that doesn't parse goes to @problems. */

static void
editor_read (Editor      *editor,
             TdItemDraft *draft,
             GPtrArray   *problems)
{
  TdInventoryPage *self = editor->page;
  const TdCurrency *currency = td_context_get_currency (self->context);
  TdMoneyFormat fmt;
  g_auto(GStrv) defects = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint i;

  td_money_format_init_current (&fmt);

  draft->title = trimmed (row_text (editor, ROW_TITLE));
  draft->brand = trimmed (row_text (editor, ROW_BRAND));
  draft->size = trimmed (row_text (editor, ROW_SIZE));
  draft->colour = trimmed (row_text (editor, ROW_COLOUR));
  draft->material = trimmed (row_text (editor, ROW_MATERIAL));
  draft->description = trimmed (row_text (editor, ROW_DESCRIPTION));

  i = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->rows[ROW_CATEGORY]));
  draft->category_id = (self->categories != NULL && i < self->categories->len)
                       ? g_array_index (self->categories, TdCategoryInfo, i).id : 0;
  i = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->rows[ROW_GRADE]));
  draft->grade_id = (self->grades != NULL && i < self->grades->len)
                    ? g_array_index (self->grades, TdGradeInfo, i).id : 0;
  /* A grade the shop has since retired is not offered, and the row showed the first grade:
   * left there, the item keeps its own. */
  if (i == 0 && !offers_grade (self, editor->loaded.grade_id))
    draft->grade_id = editor->loaded.grade_id;

  defects = g_strsplit (row_text (editor, ROW_DEFECTS), ",", -1);
  for (guint j = 0; defects[j] != NULL; j++)
    {
      g_strstrip (defects[j]);
      if (defects[j][0] != '\0')
        g_strv_builder_add (builder, defects[j]);
    }
  draft->defects = g_strv_builder_end (builder);

  if (!td_money_parse (row_text (editor, ROW_PRICE), currency, &fmt, &draft->price, NULL))
    {
      draft->price = 0;
      td_field_problems_add (problems, TD_FIELD_PRICE, 0, "%s",
                             _("Type the price as an amount, for example 12.50."));
    }
  draft->min_price = 0;
  if (row_text (editor, ROW_MIN_PRICE)[0] != '\0' &&
      !td_money_parse (row_text (editor, ROW_MIN_PRICE), currency, &fmt, &draft->min_price, NULL))
    td_field_problems_add (problems, TD_FIELD_MIN_PRICE, 0, "%s",
                           _("Type the minimum price as an amount, or leave it empty."));
}

/* Validates the form, marks rows with problems; returns the draft when it may be saved. */
static gboolean
editor_validate (Editor      *editor,
                 TdItemDraft *draft)
{
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean valid;

  editor_read (editor, draft, problems);
  more = td_item_draft_validate (draft, TD_ACQUISITION_CONSIGNED);
  for (guint i = 0; more != NULL && i < more->len; i++)
    {
      const TdFieldProblem *p = g_ptr_array_index (more, i);

      /* A price that didn't parse is reported once, as typed. */
      if (td_field_problems_find (problems, p->field) == NULL)
        td_field_problems_add (problems, p->field, p->item_id, "%s", p->message);
    }

  for (int row = 0; row < N_ROWS; row++)
    {
      const TdFieldProblem *p = td_field_problems_find (problems, row_fields[row]);

      if (p != NULL)
        gtk_widget_add_css_class (editor->rows[row], "error");
      else
        gtk_widget_remove_css_class (editor->rows[row], "error");
      gtk_widget_set_tooltip_text (editor->rows[row], p ? p->message : NULL);
    }
  for (guint i = 0; i < problems->len; i++)
    {
      const TdFieldProblem *p = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", p->message);
    }
  gtk_label_set_text (editor->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (editor->problems_label), problems->len > 0);

  valid = problems->len == 0;
  return valid;
}

static void
editor_changed_cb (GtkWidget *dialog)
{
  Editor *editor = g_object_get_data (G_OBJECT (dialog), "td-editor");
  g_auto(TdItemDraft) draft = { 0 };

  td_item_draft_init (&draft);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                           editor_validate (editor, &draft));
}

static void
editor_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Editor           *editor)
{
  TdInventoryPage *self = editor->page;
  g_auto(TdItemDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") != 0 || self == NULL)
    return;

  td_item_draft_init (&draft);
  if (!editor_validate (editor, &draft))
    {
      td_inventory_page_toast (self, _("Not saved: fix the fields marked in red first."));
      return;
    }
  /* What the form doesn't show stays as it was. */
  draft.cost = editor->loaded.cost;
  draft.quantity = editor->loaded.quantity;
  draft.sku = g_strdup (editor->loaded.sku);
  draft.codes = g_strdupv (editor->loaded.codes);

  if (!td_store_items_update (td_context_get_database (self->context), editor->item_id, &draft,
                              td_context_get_staff_id (self->context), g_get_real_time (),
                              &error))
    {
      td_inventory_page_show_problems (self, _("The Item Was Not Saved"), error);
      return;
    }
  /* Translators: a toast; %s is the item's title */
  text = g_strdup_printf (_("Saved “%s”"), draft.title);
  td_inventory_page_after_write (self, text);
}

static GtkWidget *
add_entry_row (Editor     *editor,
               GtkListBox *list,
               int         row,
               const char *title,
               const char *text)
{
  GtkWidget *widget = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (widget), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
  gtk_widget_set_name (widget, row_fields[row]);
  gtk_list_box_append (list, widget);
  editor->rows[row] = widget;
  return widget;
}

static GtkWidget *
add_combo_row (Editor      *editor,
               GtkListBox  *list,
               int          row,
               const char  *title,
               GPtrArray   *labels,
               guint        selected)
{
  GtkWidget *widget = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = NULL;

  g_ptr_array_add (labels, NULL);
  model = gtk_string_list_new ((const char * const *) labels->pdata);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (widget), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (widget), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
  gtk_widget_set_name (widget, row_fields[row]);
  gtk_list_box_append (list, widget);
  editor->rows[row] = widget;
  return widget;
}

/**
 * td_inventory_page_edit_item:
 * @item_id: the item to edit
 *
 * Opens the item editor. Fields are checked as they are typed: a row with a problem turns red
 * and says why, and Save stays off until every field is right.
 *
 * Returns: (transfer none) (nullable): the editor dialog, or %NULL when the item can't be read
 */
GtkWindow *
td_inventory_page_edit_item (TdInventoryPage *self,
                             gint64           item_id)
{
  TdDatabase *db;
  Editor *editor;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkListBox *list;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *defects = NULL;
  g_autofree char *price = NULL;
  g_autofree char *min_price = NULL;
  g_autofree char *body = NULL;
  const TdCurrency *currency;
  TdMoneyFormat fmt;
  guint selected;

  g_return_val_if_fail (TD_IS_INVENTORY_PAGE (self), NULL);
  g_return_val_if_fail (self->context != NULL, NULL);

  db = td_context_get_database (self->context);
  currency = td_context_get_currency (self->context);
  td_money_format_init_current (&fmt);

  editor = g_new0 (Editor, 1);
  editor->item_id = item_id;
  td_item_draft_init (&editor->loaded);
  if (!td_store_items_load_draft (db, item_id, &editor->loaded, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The item could not be opened. %s"), error->message);

      editor_free (editor);
      td_inventory_page_toast (self, text);
      return NULL;
    }
  editor->page = self;

  /* Translators: the item editor's subtitle; %s is the SKU */
  body = g_strdup_printf (_("SKU %s"), editor->loaded.sku ? editor->loaded.sku : "");
  dialog = adw_message_dialog_new (page_window (self), _("Edit Item"), body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-editor", editor, (GDestroyNotify) editor_free);
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &editor->page);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list));
  editor->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (editor->problems_label, TRUE);
  gtk_label_set_xalign (editor->problems_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (editor->problems_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (editor->problems_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (editor->problems_label));
  {
    /* With photos and the Online group the form is taller than a 768 px screen: it scrolls
     * rather than pushing Save off the bottom. */
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                    GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 520);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  }
  {
    /* photos: changes apply at once, not with Save (td-photo-strip.c) */
    GtkWidget *photos = td_photo_strip_new (td_context_get_photo_store (self->context),
                                            td_context_get_settings (self->context));

    td_photo_strip_set_item (TD_PHOTO_STRIP (photos), item_id, _("Photos"));
    gtk_box_prepend (GTK_BOX (box), photos);
  }

  add_entry_row (editor, list, ROW_TITLE, _("_Title"), editor->loaded.title);

  labels = g_ptr_array_new ();
  selected = 0;
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const TdCategoryInfo *c = &g_array_index (self->categories, TdCategoryInfo, i);

      g_ptr_array_add (labels, c->path);
      if (c->id == editor->loaded.category_id)
        selected = i;
    }
  add_combo_row (editor, list, ROW_CATEGORY, _("_Category"), labels, selected);

  add_entry_row (editor, list, ROW_BRAND, _("_Brand"), editor->loaded.brand);
  add_entry_row (editor, list, ROW_SIZE, _("Si_ze"), editor->loaded.size);
  add_entry_row (editor, list, ROW_COLOUR, _("C_olour"), editor->loaded.colour);
  add_entry_row (editor, list, ROW_MATERIAL, _("_Material"), editor->loaded.material);
  add_entry_row (editor, list, ROW_DESCRIPTION, _("_Description"), editor->loaded.description);

  g_ptr_array_set_size (labels, 0);
  selected = 0;
  for (guint i = 0; self->grades != NULL && i < self->grades->len; i++)
    {
      const TdGradeInfo *g = &g_array_index (self->grades, TdGradeInfo, i);

      g_ptr_array_add (labels, g->label);
      if (g->id == editor->loaded.grade_id)
        selected = i;
    }
  add_combo_row (editor, list, ROW_GRADE, _("_Grade"), labels, selected);

  defects = editor->loaded.defects ? g_strjoinv (", ", editor->loaded.defects) : g_strdup ("");
  add_entry_row (editor, list, ROW_DEFECTS, _("D_efects, separated by commas"), defects);
  price = td_money_format_plain (editor->loaded.price, currency, &fmt);
  add_entry_row (editor, list, ROW_PRICE, _("_Price"), price);
  min_price = editor->loaded.min_price > 0
              ? td_money_format_plain (editor->loaded.min_price, currency, &fmt) : g_strdup ("");
  add_entry_row (editor, list, ROW_MIN_PRICE, _("Mi_nimum Price (the consignor’s)"), min_price);
  /* marketplaces: publish / take down apply at once, like photos (td-inventory-page-listings.c) */
  td_inventory_page_add_listings (self, GTK_BOX (box), item_id);

  for (int row = 0; row < N_ROWS; row++)
    {
      if (ADW_IS_COMBO_ROW (editor->rows[row]))
        g_signal_connect_swapped (editor->rows[row], "notify::selected",
                                  G_CALLBACK (editor_changed_cb), dialog);
      else
        g_signal_connect_swapped (editor->rows[row], "changed", G_CALLBACK (editor_changed_cb), dialog);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (editor_response_cb), editor);
  editor_changed_cb (dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (editor->rows[ROW_TITLE]);
  return GTK_WINDOW (dialog);
}


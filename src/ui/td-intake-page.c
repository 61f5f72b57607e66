/* td-intake-page.c — taking a bag in: whose it is, then item after item from the keyboard.
 *
 * Enter from any field of the item form saves the item (Ctrl+Enter from the description),
 * keeps category, brand and grade for the next one and puts the cursor back in the title.
 * Problems the store finds are shown under the field they are about and nothing is saved.
 * Choosing whose bag it is lives in td-intake-page-owner.c; what the fields offer and the
 * problems shown at them in td-intake-page-fields.c; the documents of a finished bag (tags,
 * intake slip) in td-intake-page-documents.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "td-intake-page-private.h"
#include "td-store-consignors.h"
#include "td-store-intake.h"

G_DEFINE_FINAL_TYPE (TdIntakePage, td_intake_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The form's fields in the order they are filled in: focus goes to the first bad one. */
static const char * const form_fields[] = {
  TD_FIELD_TITLE, TD_FIELD_CATEGORY, TD_FIELD_GRADE, TD_FIELD_PRICE, TD_FIELD_MIN_PRICE,
  TD_FIELD_COST, TD_FIELD_QUANTITY, TD_FIELD_CODES,
};

static void
intake_line_clear (gpointer data)
{
  TdIntakeLine *line = data;

  g_free (line->sku);
  g_free (line->title);
  g_free (line->size);
  g_free (line->grade);
}

TdDatabase *
td_intake_page_get_db (TdIntakePage *self)
{
  g_assert (self->context != NULL);
  return td_context_get_database (self->context);
}

void
td_intake_page_toast (TdIntakePage *self,
                      const char   *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* Enabled states of the page's actions, all recomputed here. */
void
td_intake_page_update_actions (TdIntakePage *self)
{
  gboolean open = self->intake_id != 0 && !self->finished;
  gboolean has_items = self->lines->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.finish", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.undo", open && has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.use-suggested",
                                 open && self->has_suggestion);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save-tags",
                                 self->finished && has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save-slip",
                                 self->finished && has_items && self->consignor != NULL);
}

/* ---- The item form ------------------------------------------------------------------- */

static void
scroll_form_to_top (TdIntakePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* Empties the form for the next item; category, brand and grade stay unless @everything. */
static void
reset_form (TdIntakePage *self,
            gboolean      everything)
{
  AdwEntryRow *cleared[] = { self->title_row, self->size_row, self->colour_row,
                             self->material_row, self->price_row, self->min_price_row,
                             self->cost_row, self->codes_row };

  for (guint i = 0; i < G_N_ELEMENTS (cleared); i++)
    gtk_editable_set_text (GTK_EDITABLE (cleared[i]), "");
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), "1");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), "", -1);
  for (guint i = 0; i < self->defect_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->defect_checks, i), FALSE);

  if (everything)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->brand_row), "");
      gtk_drop_down_set_selected (self->category_dropdown, 0);
      adw_combo_row_set_selected (self->grade_row, 0);
    }
  td_intake_page_clear_problems (self);
  scroll_form_to_top (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* Reads a money field; empty is @if_empty. A typing mistake becomes a problem at @field. */
static gint64
read_money (TdIntakePage *self,
            AdwEntryRow  *row,
            const char   *field,
            gint64        if_empty,
            GPtrArray    *problems)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;
  gint64 amount = 0;

  if (text[0] == '\0')
    return if_empty;
  if (!td_money_parse (text, td_context_get_currency (self->context), &self->money_format,
                       &amount, &error))
    {
      td_field_problems_add (problems, field, 0, "%s", error->message);
      return if_empty;
    }
  return amount;
}

static void
read_draft (TdIntakePage *self,
            TdItemDraft  *draft,
            GPtrArray    *problems)
{
  const TdCategoryInfo *category = td_intake_page_get_category (self);
  const TdGradeInfo *grade = td_intake_page_get_grade (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autoptr(GStrvBuilder) defects = g_strv_builder_new ();
  g_autofree char *quantity = NULL;
  GtkTextIter start, end;
  gint64 parsed;

  draft->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  draft->description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  draft->category_id = category != NULL ? category->id : 0;
  draft->brand = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->brand_row)));
  draft->size = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->size_row)));
  draft->colour = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->colour_row)));
  draft->material = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->material_row)));
  draft->grade_id = grade != NULL ? grade->id : 0;

  for (guint i = 0; i < self->defect_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->defect_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (defects, g_object_get_data (G_OBJECT (check), "td-defect"));
    }
  draft->defects = g_strv_builder_end (defects);

  draft->price = read_money (self, self->price_row, TD_FIELD_PRICE, 0, problems);
  if (self->acquisition == TD_ACQUISITION_CONSIGNED)
    draft->min_price = read_money (self, self->min_price_row, TD_FIELD_MIN_PRICE, 0, problems);
  if (self->acquisition == TD_ACQUISITION_BOUGHT)
    draft->cost = read_money (self, self->cost_row, TD_FIELD_COST, TD_COST_UNKNOWN, problems);

  quantity = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quantity_row))));
  if (quantity[0] == '\0')
    draft->quantity = 1;
  else if (g_ascii_string_to_signed (quantity, 10, 1, 100000, &parsed, NULL))
    draft->quantity = (int) parsed;
  else
    td_field_problems_add (problems, TD_FIELD_QUANTITY, 0,
                           _("Type the quantity as a whole number, 1 or more."));

  draft->codes = g_regex_split_simple ("[\\s,;]+",
                                       gtk_editable_get_text (GTK_EDITABLE (self->codes_row)),
                                       0, 0);
}

void
td_intake_page_update_session_labels (TdIntakePage *self)
{
  g_autofree char *total_text = NULL;
  g_autofree char *count = NULL;
  gint64 total = 0;

  for (guint i = 0; i < self->lines->len; i++)
    total += g_array_index (self->lines, TdIntakeLine, i).price;
  total_text = td_context_format_money (self->context, total);
  count = g_strdup_printf (g_dngettext (NULL, "%u item · %s", "%u items · %s", self->lines->len),
                           self->lines->len, total_text);
  gtk_label_set_text (self->count_label, count);
}

static GtkWidget *
session_row_new (TdIntakePage       *self,
                 const TdIntakeLine *line)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *price = td_context_format_money (self->context, line->price);
  GtkWidget *price_label = gtk_label_new (price);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line->sku);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_add_css_class (price_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), price_label);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  g_auto(TdItemDraft) draft;
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(GPtrArray) store_problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sku = NULL;
  const TdGradeInfo *grade = td_intake_page_get_grade (self);
  TdIntakeLine line = { 0 };
  gint64 item_id = 0;

  td_item_draft_init (&draft);
  read_draft (self, &draft, problems);

  /* Typing mistakes first; the store's problems for the other fields join them. */
  store_problems = td_store_intake_validate_item (td_intake_page_get_db (self), self->intake_id,
                                                  &draft, &error);
  if (store_problems == NULL)
    {
      td_intake_page_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < store_problems->len; i++)
    {
      const TdFieldProblem *problem = g_ptr_array_index (store_problems, i);

      if (td_field_problems_find (problems, problem->field) == NULL)
        td_field_problems_add (problems, problem->field, 0, "%s", problem->message);
    }
  if (td_intake_page_show_problems (self, problems, form_fields, G_N_ELEMENTS (form_fields)))
    return;

  if (!td_store_intake_add_item (td_intake_page_get_db (self), self->intake_id, &draft,
                                 g_get_real_time (), &item_id, &sku, &error))
    {
      g_autoptr(GPtrArray) refused = td_stock_error_get_problems (error);

      if (refused == NULL || !td_intake_page_show_problems (self, refused, form_fields,
                                             G_N_ELEMENTS (form_fields)))
        td_intake_page_toast (self, error->message);
      return;
    }

  line.item_id = item_id;
  line.sku = g_steal_pointer (&sku);
  line.title = g_strstrip (g_strdup (draft.title));
  line.size = g_strstrip (g_strdup (draft.size));
  line.grade = grade != NULL ? g_strdup (grade->label) : NULL;
  line.price = draft.price;
  g_array_append_val (self->lines, line);
  /* Newest first, where the eye is. */
  gtk_list_box_prepend (self->session_list,
                        session_row_new (self, &g_array_index (self->lines, TdIntakeLine,
                                                               self->lines->len - 1)));
  td_intake_page_update_session_labels (self);
  reset_form (self, FALSE);
  td_intake_page_update_actions (self);
  td_intake_page_toast_saved (self, &g_array_index (self->lines, TdIntakeLine,
                                                    self->lines->len - 1));
  td_intake_page_show_photos (self, &g_array_index (self->lines, TdIntakeLine,
                                                    self->lines->len - 1));
}

static void
use_suggested_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  g_autofree char *text = NULL;

  if (!self->has_suggestion)
    return;
  text = td_money_format_plain (self->suggested_price, td_context_get_currency (self->context),
                                &self->money_format);
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->price_row));
  gtk_editable_set_position (GTK_EDITABLE (self->price_row), -1);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  guint n_items = 0;

  if (!td_store_intake_finish (td_intake_page_get_db (self), self->intake_id, g_get_real_time (),
                               &n_items, &error))
    {
      td_intake_page_toast (self, error->message);
      return;
    }
  self->finished = TRUE;

  if (n_items == 0)
    description = g_strdup (_("No items were taken in."));
  else if (self->consignor != NULL)
    description = g_strdup_printf (g_dngettext (NULL, "%u item from %s (%s). Print the tag and "
                                                "the intake slip for them to sign.",
                                                "%u items from %s (%s). Print the tags and "
                                                "the intake slip for them to sign.", n_items),
                                   n_items, self->consignor->draft.name,
                                   self->consignor->draft.code);
  else
    description = g_strdup_printf (g_dngettext (NULL, "%u item. Print its tag.",
                                                "%u items. Print their tags.", n_items),
                                   n_items);
  adw_status_page_set_description (self->done_page, description);
  gtk_widget_set_visible (self->slip_button, self->consignor != NULL);
  gtk_stack_set_visible_child_name (self->mode_stack, "done");
  td_intake_page_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->done_page));
  gtk_widget_child_focus (GTK_WIDGET (self->done_page), GTK_DIR_TAB_FORWARD);
}

/* Enter saves from any field of the form: entries, the category and grade choosers, the
 * defect checkboxes. Not inside an open popover (choosing a category), nor in the
 * description (new line) where Ctrl+Enter saves; Ctrl+Shift+Enter finishes the bag. */
static gboolean
form_key_pressed_cb (TdIntakePage          *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkRoot *root;
  GtkWidget *focus;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "form") != 0)
    return FALSE;

  if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return gtk_widget_activate_action (GTK_WIDGET (self), "intake.finish", NULL);
  if (mods == GDK_CONTROL_MASK)
    return gtk_widget_activate_action (GTK_WIDGET (self), "intake.save", NULL);
  if (mods != 0)
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->form_box))
    return FALSE;
  if (gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;
  if (focus == GTK_WIDGET (self->description_view))
    return FALSE;
  /* A button outside the fields does what it says (Finish, Use Suggested). */
  if (GTK_IS_BUTTON (focus) && !GTK_IS_CHECK_BUTTON (focus) &&
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->category_dropdown)))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "intake.save", NULL);
}

/* ---- GObject ------------------------------------------------------------------------- */

/* Shown (Ctrl+6, or the view switcher): the cursor goes where typing starts. */
static void
td_intake_page_map (GtkWidget *widget)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  const char *mode;

  GTK_WIDGET_CLASS (td_intake_page_parent_class)->map (widget);

  mode = gtk_stack_get_visible_child_name (self->mode_stack);
  if (g_strcmp0 (mode, "start") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->consignor_entry));
  else if (g_strcmp0 (mode, "form") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
td_intake_page_dispose (GObject *object)
{
  TdIntakePage *self = (TdIntakePage *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->saved_toast);
  /* AdwBin unparents its child (the template's stack) itself: no
   * gtk_widget_dispose_template(), which would unparent it a second time. */
  g_clear_object (&self->context);
  g_clear_pointer (&self->consignor, td_consignor_free);

  G_OBJECT_CLASS (td_intake_page_parent_class)->dispose (object);
}

static void
td_intake_page_finalize (GObject *object)
{
  TdIntakePage *self = (TdIntakePage *)object;

  g_clear_pointer (&self->grades, g_array_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->owner_matches, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->defect_checks, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_hash_table_unref);
  g_clear_pointer (&self->field_widgets, g_hash_table_unref);

  G_OBJECT_CLASS (td_intake_page_parent_class)->finalize (object);
}

static void
td_intake_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdIntakePage *self = TD_INTAKE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_intake_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdIntakePage *self = TD_INTAKE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      td_intake_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_intake_page_class_init (TdIntakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_intake_page_dispose;
  object_class->finalize = td_intake_page_finalize;
  object_class->get_property = td_intake_page_get_property;
  object_class->set_property = td_intake_page_set_property;
  widget_class->map = td_intake_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-intake-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, consignor_entry);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, owner_list);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, new_consignor_group);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, new_code_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, new_phone_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, item_group);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, title_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, category_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, brand_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, size_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, colour_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, material_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, description_view);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, grade_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, defects_group);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, defects_box);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, price_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, suggestion_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, min_price_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, cost_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, codes_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, side_box);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, side_separator);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, owner_label);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, terms_label);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, session_list);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, done_page);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, tag_format_row);
  gtk_widget_class_bind_template_child (widget_class, TdIntakePage, slip_button);

  td_intake_page_class_init_owner (widget_class);
  td_intake_page_class_init_fields (widget_class);
  td_intake_page_class_init_undo (widget_class);
  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "intake.use-suggested", NULL,
                                   use_suggested_action);
  gtk_widget_class_install_action (widget_class, "intake.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "intake.save-tags", NULL,
                                   td_intake_page_save_tags_action);
  gtk_widget_class_install_action (widget_class, "intake.save-slip", NULL,
                                   td_intake_page_save_slip_action);

  /* The page's shortcuts, all here (help-overlay.ui lists them). Enter, Ctrl+Enter and
   * Ctrl+Shift+Enter depend on where the focus is: form_key_pressed_cb(). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK,
                                       "intake.use-suggested", NULL);
}

static void
td_intake_page_init (TdIntakePage *self)
{
  GtkEventController *keys;
  GtkStringList *formats;

  self->lines = g_array_new (FALSE, TRUE, sizeof (TdIntakeLine));
  g_array_set_clear_func (self->lines, intake_line_clear);
  self->defect_checks = g_ptr_array_new ();
  self->error_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->field_widgets = g_hash_table_new (g_str_hash, g_str_equal);
  td_money_format_init_current (&self->money_format);

  gtk_widget_init_template (GTK_WIDGET (self));

  td_intake_page_init_fields (self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "td-intake-enter");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (form_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  td_intake_page_init_owner (self);

  formats = gtk_string_list_new (NULL);
  for (guint i = 0; i < TD_TAG_N_FORMATS; i++)
    gtk_string_list_append (formats, td_tag_format_get_label ((TdTagFormat) i));
  adw_combo_row_set_model (self->tag_format_row, G_LIST_MODEL (formats));
  g_object_unref (formats);

  td_intake_page_update_actions (self);
}

/* ---- Public API ---------------------------------------------------------------------- */

/**
 * td_intake_page_new:
 * @context: the open shop
 *
 * Returns: (transfer full): a new intake page
 */
GtkWidget *
td_intake_page_new (TdContext *context)
{
  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_INTAKE_PAGE, "context", context, NULL);
}

/**
 * td_intake_page_get_context:
 *
 * Returns: (transfer none) (nullable): the shop the page takes items into
 */
TdContext *
td_intake_page_get_context (TdIntakePage *self)
{
  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), NULL);

  return self->context;
}

/* A different shop (or one rebuilt wholesale): start over at choosing whose bag it is. */
static void
shop_changed_cb (TdIntakePage *self)
{
  self->intake_id = 0;
  self->finished = FALSE;
  g_clear_pointer (&self->consignor, td_consignor_free);
  g_array_set_size (self->lines, 0);
  if (self->context != NULL)
    {
      td_intake_page_load_catalogue (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "intake.choose-owner", NULL);
    }
  td_intake_page_update_actions (self);
}

/**
 * td_intake_page_set_context:
 * @context: (nullable): the open shop
 *
 * Sets the shop; the window does this once it has its context. The page starts over at
 * choosing whose bag it is.
 */
void
td_intake_page_set_context (TdIntakePage *self,
                            TdContext    *context)
{
  g_return_if_fail (TD_IS_INTAKE_PAGE (self));
  g_return_if_fail (context == NULL || TD_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, shop_changed_cb, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "shop-changed", G_CALLBACK (shop_changed_cb), self,
                             G_CONNECT_SWAPPED);
  shop_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gint64
td_intake_page_get_intake_id (TdIntakePage *self)
{
  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), 0);

  return self->intake_id;
}

guint
td_intake_page_get_n_items (TdIntakePage *self)
{
  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), 0);

  return self->lines->len;
}

char *
td_intake_page_format_share (int share_bp)
{
  /* TRANSLATORS: a consignor's share of the sale price, e.g. "40 %" */
  if (share_bp % 100 == 0)
    return g_strdup_printf (_("%d %%"), share_bp / 100);
  return g_strdup_printf (_("%.2f %%"), share_bp / 100.0);
}

/**
 * td_intake_page_start:
 * @acquisition: consigned, bought outright or donated
 * @consignor_id: for consigned stock, whose bag; 0 otherwise
 * @error: return location for a store error (no such consignor, inactive)
 *
 * Opens an intake session and shows an empty item form. What Enter on the start page does.
 */
gboolean
td_intake_page_start (TdIntakePage   *self,
                      TdAcquisition   acquisition,
                      gint64          consignor_id,
                      GError        **error)
{
  g_autoptr(TdConsignor) consignor = NULL;
  g_autofree char *terms = NULL;
  TdDatabase *db;
  gint64 intake_id = 0;
  gint64 now = g_get_real_time ();
  gboolean consigned = acquisition == TD_ACQUISITION_CONSIGNED;

  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  db = td_intake_page_get_db (self);
  if (consigned && (consignor = td_store_consignors_get (db, consignor_id, error)) == NULL)
    return FALSE;
  if (!td_store_intake_start (db, acquisition, consigned ? consignor_id : 0,
                              td_context_get_staff_id (self->context), now, &intake_id,
                              error))
    return FALSE;

  self->intake_id = intake_id;
  self->acquisition = acquisition;
  self->started_at = now;
  self->finished = FALSE;
  g_clear_pointer (&self->consignor, td_consignor_free);
  self->consignor = g_steal_pointer (&consignor);
  g_array_set_size (self->lines, 0);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->session_list))) != NULL)
      gtk_list_box_remove (self->session_list, child);
  }

  if (self->consignor != NULL)
    {
      g_autofree char *owner = g_strdup_printf (_("%s (%s)"), self->consignor->draft.name,
                                                self->consignor->draft.code);
      g_autofree char *share = td_intake_page_format_share (self->consignor->effective_share_bp);

      gtk_label_set_text (self->owner_label, owner);
      terms = g_strdup_printf (g_dngettext (NULL, "Consigned · their share %s · %d day",
                                            "Consigned · their share %s · %d days",
                                            self->consignor->effective_period_days),
                               share, self->consignor->effective_period_days);
    }
  else if (acquisition == TD_ACQUISITION_BOUGHT)
    {
      gtk_label_set_text (self->owner_label, _("Bought Outright"));
      terms = g_strdup (_("The shop’s own stock; enter what it cost"));
    }
  else
    {
      gtk_label_set_text (self->owner_label, _("Donated"));
      terms = g_strdup (_("Given to the shop"));
    }
  gtk_label_set_text (self->terms_label, terms);
  gtk_widget_set_visible (GTK_WIDGET (self->min_price_row), consigned);
  gtk_widget_set_visible (GTK_WIDGET (self->cost_row), acquisition == TD_ACQUISITION_BOUGHT);

  /* A new bag starts from the catalogue as it is now (categories may have been added). */
  td_intake_page_load_catalogue (self);
  td_intake_page_update_session_labels (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "form");
  reset_form (self, TRUE);
  td_intake_page_update_suggestion (self);
  td_intake_page_update_actions (self);
  td_intake_page_show_photos (self, NULL);
  return TRUE;
}

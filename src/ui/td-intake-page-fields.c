/* td-intake-page-fields.c — the item form's fields: what they offer (the category tree, the
 * grades with their definitions, the category's defect checklist, the suggested price) and the
 * problems shown right under the field they are about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "td-intake-page-private.h"
#include "td-store-catalogue.h"
#include "td-stock-error.h"
#include "td-store-pricing.h"

/* Problems of fields without a row of their own show above the title. */
#define FIELD_GENERAL "*"

/* ---- Problems at the fields ---------------------------------------------------------- */

static GtkWidget *
make_error_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "error");
  gtk_widget_add_css_class (row, "td-field-problem");
  gtk_widget_set_visible (row, FALSE);
  return row;
}

/* Puts an (invisible) error row right under @row, in the same boxed list. */
static void
add_error_row (TdIntakePage *self,
               const char   *field,
               GtkWidget    *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *error_row = make_error_row ();

  g_assert (GTK_IS_LIST_BOX (list));
  gtk_list_box_insert (GTK_LIST_BOX (list), error_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_hash_table_insert (self->error_rows, (gpointer) field, error_row);
  g_hash_table_insert (self->field_widgets, (gpointer) field, row);
}

static void
clear_field_problem (TdIntakePage *self,
                     const char   *field)
{
  GtkWidget *error_row = g_hash_table_lookup (self->error_rows, field);
  GtkWidget *row = g_hash_table_lookup (self->field_widgets, field);

  if (error_row != NULL)
    gtk_widget_set_visible (error_row, FALSE);
  if (row != NULL)
    gtk_widget_remove_css_class (row, "error");
}

void
td_intake_page_clear_problems (TdIntakePage *self)
{
  GHashTableIter iter;
  gpointer field;

  g_hash_table_iter_init (&iter, self->error_rows);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    clear_field_problem (self, field);
}

/* Scrolls the form so that @row and the problem under it can be read. Focus alone may leave
 * the problem below the fold. */
static void
scroll_into_view (TdIntakePage *self,
                  GtkWidget    *row)
{
  GtkWidget *content = gtk_widget_get_parent (self->form_box);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  graphene_point_t top;
  double value, page, wanted_top, wanted_bottom;

  if (!gtk_widget_is_ancestor (row, content) ||
      !gtk_widget_compute_point (row, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    return;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  wanted_top = top.y - 48;  /* the group's heading too */
  wanted_bottom = top.y + 2.5 * gtk_widget_get_height (row);  /* the problem under it */
  if (wanted_top < value)
    gtk_adjustment_set_value (adjustment, MAX (wanted_top, 0));
  else if (wanted_bottom > value + page)
    gtk_adjustment_set_value (adjustment, wanted_bottom - page);
}

/* Shows each problem at its field and focuses the first bad field; returns whether any. */
gboolean
td_intake_page_show_problems (TdIntakePage       *self,
                              GPtrArray          *problems,
                              const char * const *order,
                              guint               n_order)
{
  GtkWidget *first = NULL;

  td_intake_page_clear_problems (self);
  if (problems == NULL || problems->len == 0)
    return FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      const TdFieldProblem *problem = g_ptr_array_index (problems, i);
      const char *field = g_hash_table_contains (self->error_rows, problem->field)
                          ? problem->field : FIELD_GENERAL;
      AdwPreferencesRow *error_row = g_hash_table_lookup (self->error_rows, field);
      GtkWidget *row = g_hash_table_lookup (self->field_widgets, field);

      if (error_row == NULL)
        continue;
      if (gtk_widget_get_visible (GTK_WIDGET (error_row)))
        {
          /* Two problems at one field: say both. */
          g_autofree char *both = g_strconcat (adw_preferences_row_get_title (error_row), "\n",
                                               problem->message, NULL);

          adw_preferences_row_set_title (error_row, both);
        }
      else
        adw_preferences_row_set_title (error_row, problem->message);
      gtk_widget_set_visible (GTK_WIDGET (error_row), TRUE);
      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
    }

  for (guint i = 0; i < n_order && first == NULL; i++)
    if (td_field_problems_find (problems, order[i]) != NULL)
      first = g_hash_table_lookup (self->field_widgets, order[i]);
  if (first == NULL)
    first = g_hash_table_lookup (self->field_widgets, FIELD_GENERAL);
  if (first != NULL)
    {
      gtk_widget_grab_focus (first);
      scroll_into_view (self, first);
    }
  return TRUE;
}

static void
field_changed_cb (GtkWidget    *row,
                  TdIntakePage *self)
{
  clear_field_problem (self, g_object_get_data (G_OBJECT (row), "td-field"));
}

/* ---- Catalogue: categories, grades, defects ------------------------------------------ */

const TdCategoryInfo *
td_intake_page_get_category (TdIntakePage *self)
{
  guint position = gtk_drop_down_get_selected (self->category_dropdown);

  if (self->categories == NULL || position == GTK_INVALID_LIST_POSITION ||
      position >= self->categories->len)
    return NULL;
  return &g_array_index (self->categories, TdCategoryInfo, position);
}

const TdGradeInfo *
td_intake_page_get_grade (TdIntakePage *self)
{
  guint position = adw_combo_row_get_selected (self->grade_row);

  if (self->grades == NULL || position == GTK_INVALID_LIST_POSITION ||
      position >= self->grades->len)
    return NULL;
  return &g_array_index (self->grades, TdGradeInfo, position);
}

static void
rebuild_defects (TdIntakePage *self)
{
  const TdCategoryInfo *category = td_intake_page_get_category (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->defects_box))) != NULL)
    gtk_flow_box_remove (self->defects_box, child);
  g_ptr_array_set_size (self->defect_checks, 0);

  for (guint i = 0; category != NULL && category->defects[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (category->defects[i]);

      g_object_set_data_full (G_OBJECT (check), "td-defect", g_strdup (category->defects[i]),
                              g_free);
      gtk_flow_box_append (self->defects_box, check);
      /* Tab goes straight to the checkboxes, Space ticks them. */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      g_ptr_array_add (self->defect_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->defects_group), self->defect_checks->len > 0);
}

void
td_intake_page_update_suggestion (TdIntakePage *self)
{
  const TdCategoryInfo *category = td_intake_page_get_category (self);
  const TdGradeInfo *grade = td_intake_page_get_grade (self);
  const TdCurrency *currency;
  TdPriceRounding rounding = TD_PRICE_ROUNDING_NONE;
  TdPriceSuggestion suggestion = { 0 };
  g_autoptr(GError) error = NULL;

  self->has_suggestion = FALSE;
  if (self->context == NULL)
    return;
  currency = td_context_get_currency (self->context);

  if (category == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row),
                                     _("Choose a category to see a suggested price."));
    }
  else if (!td_store_pricing_get_rounding (td_intake_page_get_db (self), &rounding, &error) ||
           !td_store_pricing_suggest (td_intake_page_get_db (self), category->id,
                                      gtk_editable_get_text (GTK_EDITABLE (self->brand_row)),
                                      grade != NULL ? grade->id : 0, rounding, &suggestion,
                                      &error))
    {
      g_warning ("Could not suggest a price: %s", error->message);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row),
                                     _("No suggested price: the sales could not be read."));
    }
  else if (suggestion.count == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row),
                                     _("No suggested price yet: nothing like it has sold."));
    }
  else
    {
      g_autofree char *price = td_money_format_plain (suggestion.price, currency,
                                                      &self->money_format);
      g_autofree char *min = td_money_format_plain (suggestion.min, currency, &self->money_format);
      g_autofree char *max = td_money_format_plain (suggestion.max, currency, &self->money_format);
      g_autofree char *text = NULL;

      /* TRANSLATORS: "Suggested: 12.00 · median of 14 sold (8.00–20.00)" */
      text = g_strdup_printf (g_dngettext (NULL, "Suggested: %s · median of %u sold (%s–%s)",
                                           "Suggested: %s · median of %u sold (%s–%s)",
                                           suggestion.count),
                              price, suggestion.count, min, max);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), text);
      self->has_suggestion = TRUE;
      self->suggested_price = suggestion.price;
    }
  td_intake_page_update_actions (self);
}

static void
category_changed_cb (TdIntakePage *self)
{
  clear_field_problem (self, TD_FIELD_CATEGORY);
  rebuild_defects (self);
  td_intake_page_update_suggestion (self);
}

static void
brand_changed_cb (TdIntakePage *self)
{
  td_intake_page_update_suggestion (self);
}

static void
grade_changed_cb (TdIntakePage *self)
{
  const TdGradeInfo *grade = td_intake_page_get_grade (self);

  clear_field_problem (self, TD_FIELD_GRADE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->grade_row),
                               grade != NULL ? grade->definition : "");
  td_intake_page_update_suggestion (self);
}

void
td_intake_page_load_catalogue (TdIntakePage *self)
{
  g_autoptr(GtkStringList) category_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) grade_names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->grades, g_array_unref);
  self->categories = td_store_catalogue_list_categories (td_intake_page_get_db (self), &error);
  if (self->categories == NULL)
    {
      g_warning ("Could not list categories: %s", error->message);
      g_clear_error (&error);
    }
  self->grades = td_store_catalogue_list_grades (td_intake_page_get_db (self), &error);
  if (self->grades == NULL)
    g_warning ("Could not list grades: %s", error->message);

  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    gtk_string_list_append (category_names,
                            g_array_index (self->categories, TdCategoryInfo, i).path);
  for (guint i = 0; self->grades != NULL && i < self->grades->len; i++)
    gtk_string_list_append (grade_names, g_array_index (self->grades, TdGradeInfo, i).label);

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (category_names));
  adw_combo_row_set_model (self->grade_row, G_LIST_MODEL (grade_names));
  category_changed_cb (self);
  grade_changed_cb (self);
}

void
td_intake_page_class_init_fields (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, brand_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, grade_changed_cb);
}

void
td_intake_page_init_fields (TdIntakePage *self)
{
  /* Each field's problem shows in a row right under it. */
  add_error_row (self, TD_FIELD_TITLE, GTK_WIDGET (self->title_row));
  add_error_row (self, TD_FIELD_CATEGORY, GTK_WIDGET (self->category_row));
  add_error_row (self, TD_FIELD_GRADE, GTK_WIDGET (self->grade_row));
  add_error_row (self, TD_FIELD_PRICE, GTK_WIDGET (self->price_row));
  add_error_row (self, TD_FIELD_MIN_PRICE, GTK_WIDGET (self->min_price_row));
  add_error_row (self, TD_FIELD_COST, GTK_WIDGET (self->cost_row));
  add_error_row (self, TD_FIELD_QUANTITY, GTK_WIDGET (self->quantity_row));
  add_error_row (self, TD_FIELD_CODES, GTK_WIDGET (self->codes_row));
  add_error_row (self, TD_FIELD_CODE, GTK_WIDGET (self->new_code_row));
  add_error_row (self, TD_FIELD_NAME, GTK_WIDGET (self->new_name_row));
  /* Anything else (an inactive consignor, a taken SKU) shows above the title. */
  {
    GtkWidget *general = make_error_row ();

    gtk_list_box_insert (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self->title_row))),
                         general, 0);
    g_hash_table_insert (self->error_rows, (gpointer) FIELD_GENERAL, general);
    g_hash_table_insert (self->field_widgets, (gpointer) FIELD_GENERAL, self->title_row);
  }
  /* Typing in a field takes its problem away. */
  {
    AdwEntryRow *watched[] = { self->title_row, self->price_row, self->min_price_row,
                               self->cost_row, self->quantity_row, self->codes_row,
                               self->new_code_row, self->new_name_row };
    const char *fields[] = { TD_FIELD_TITLE, TD_FIELD_PRICE, TD_FIELD_MIN_PRICE,
                             TD_FIELD_COST, TD_FIELD_QUANTITY, TD_FIELD_CODES,
                             TD_FIELD_CODE, TD_FIELD_NAME };

    for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
      {
        g_object_set_data (G_OBJECT (watched[i]), "td-field", (gpointer) fields[i]);
        g_signal_connect (watched[i], "changed", G_CALLBACK (field_changed_cb), self);
      }
  }
}

/* td-ebay-setup-dialog-category.c — the eBay setup's default category: eBay's suggestions
 * for a few words, and for the chosen category the aspects eBay requires (a value for every
 * item of the category where items carry none) and the conditions it accepts (grades whose
 * condition it refuses are named).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "td-ebay-setup-dialog-private.h"
#include "td-store-grades.h"

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append (text, names->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Grades whose eBay condition this category does not accept, "Like new (LIKE_NEW)". */
static GPtrArray *
refused_grades (TdEbaySetupDialog *self)
{
  GPtrArray *refused = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) grades = td_store_grades_list (td_context_get_database (self->context), NULL);

  if (self->needs->conditions->len == 0)
    return refused;
  for (guint i = 0; grades != NULL && i < grades->len; i++)
    {
      const TdGradeRecord *grade = &g_array_index (grades, TdGradeRecord, i);
      gboolean accepted = FALSE;

      if (!grade->active || grade->ebay == NULL || *grade->ebay == '\0')
        continue;
      for (guint j = 0; j < self->needs->conditions->len && !accepted; j++)
        accepted = g_str_equal (((TdEbayChoice *) self->needs->conditions->pdata[j])->id,
                                grade->ebay);
      if (!accepted)
        g_ptr_array_add (refused, g_strdup_printf ("%s (%s)", grade->label, grade->ebay));
    }
  return refused;
}

static void
show_needs (TdEbaySetupDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();
  g_autoptr(GPtrArray) refused = NULL;
  JsonNode *these = json_object_get_member (self->aspect_values, self->focus_id);
  JsonObject *given = these != NULL && JSON_NODE_HOLDS_OBJECT (these)
                      ? json_node_get_object (these) : NULL;

  for (guint i = 0; self->aspect_rows != NULL && i < self->aspect_rows->len; i++)
    adw_preferences_group_remove (self->aspects_group, self->aspect_rows->pdata[i]);
  g_clear_pointer (&self->aspect_rows, g_ptr_array_unref);
  self->aspect_rows = g_ptr_array_new ();

  for (guint i = 0; i < self->needs->required_aspects->len; i++)
    {
      const char *name = self->needs->required_aspects->pdata[i];
      GtkWidget *row;

      if (td_ebay_aspect_is_filled (name))
        continue;
      g_ptr_array_add (missing, (gpointer) name);
      row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      g_object_set_data_full (G_OBJECT (row), ASPECT_NAME, g_strdup (name), g_free);
      if (given != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row),
                               json_object_get_string_member_with_default (given, name, ""));
      adw_preferences_group_add (self->aspects_group, row);
      g_ptr_array_add (self->aspect_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->aspects_group), missing->len > 0);

  /* Translators: %s is an eBay category's name; what eBay asks of it follows */
  g_string_append_printf (text, _("“%s”: "), self->focus_name != NULL ? self->focus_name
                                                                      : self->focus_id);
  if (self->needs->required_aspects->len > 0)
    {
      g_autofree char *names = join_names (self->needs->required_aspects);

      /* Translators: %s lists aspect names, "Brand, Department, Size" */
      g_string_append_printf (text, _("eBay requires %s here. "), names);
      if (missing->len > 0)
        {
          g_autofree char *absent = join_names (missing);

          /* Translators: %s lists aspect names */
          g_string_append_printf (text, _("Items carry brand, size, colour and material; give "
                                          "%s below. "), absent);
        }
    }
  else
    g_string_append (text, _("eBay requires no aspects here. "));
  g_string_append (text, "\n\n");

  for (guint i = 0; i < self->needs->conditions->len; i++)
    g_ptr_array_add (conditions, ((TdEbayChoice *) self->needs->conditions->pdata[i])->name);
  if (conditions->len > 0)
    {
      g_autofree char *names = join_names (conditions);

      /* Translators: %s lists eBay's condition names */
      g_string_append_printf (text, _("Conditions accepted: %s. "), names);
    }
  refused = refused_grades (self);
  if (refused->len > 0)
    {
      g_autofree char *names = join_names (refused);

      /* Translators: %s lists grades with their eBay condition, "Like new (LIKE_NEW)" */
      g_string_append_printf (text, _("Items graded %s will be refused in this category: "
                                      "change the grade’s eBay condition in Preferences › "
                                      "Grading, or map their category elsewhere."), names);
    }
  g_strstrip (text->str);
  gtk_label_set_text (self->needs_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->needs_label), TRUE);
}

static void
on_needs (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdEbaySetupDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  TdEbayCategoryNeeds *needs = td_ebay_category_needs_finish (TD_MARKETPLACE (source), result,
                                                              &error);

  if (needs != NULL && g_strcmp0 (needs->category_id, self->focus_id) == 0)
    {
      g_clear_pointer (&self->needs, td_ebay_category_needs_free);
      self->needs = needs;
      show_needs (self);
    }
  else
    g_clear_pointer (&needs, td_ebay_category_needs_free);
  td_ebay_setup_dialog_answered (self, error, FALSE);
  g_object_unref (self);
}

/* The aspect values typed for the category in focus, kept for Save and for coming back. */
void
td_ebay_setup_dialog_harvest_aspects (TdEbaySetupDialog *self)
{
  JsonObject *values;

  if (self->focus_id == NULL || self->aspect_rows == NULL)
    return;
  values = json_object_new ();
  for (guint i = 0; i < self->aspect_rows->len; i++)
    {
      GObject *row = self->aspect_rows->pdata[i];
      g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (*value != '\0')
        json_object_set_string_member (values, g_object_get_data (row, ASPECT_NAME), value);
    }
  json_object_set_object_member (self->aspect_values, self->focus_id, values);
}

/* Shows what eBay asks of category @id (asked again each time). */
void
td_ebay_setup_dialog_focus (TdEbaySetupDialog *self,
                            const char        *id,
                            const char        *name)
{
  td_ebay_setup_dialog_harvest_aspects (self);
  g_free (self->focus_id);
  self->focus_id = g_strdup (id);
  g_free (self->focus_name);
  self->focus_name = g_strdup (name);
  gtk_widget_set_visible (GTK_WIDGET (self->needs_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->aspects_group), FALSE);
  for (guint i = 0; self->aspect_rows != NULL && i < self->aspect_rows->len; i++)
    adw_preferences_group_remove (self->aspects_group, self->aspect_rows->pdata[i]);
  g_clear_pointer (&self->aspect_rows, g_ptr_array_unref);
  self->pending++;
  td_ebay_setup_dialog_update_busy (self);
  td_ebay_category_needs_async (self->marketplace, id, self->cancellable, on_needs,
                                g_object_ref (self));
}

void
td_ebay_setup_dialog_choose_category (TdEbaySetupDialog *self,
                                      const char        *id,
                                      const char        *name)
{
  g_autofree char *subtitle = NULL;

  g_free (self->category_id);
  self->category_id = g_strdup (id);
  g_free (self->category_name);
  self->category_name = g_strdup (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->category_row),
                                 name != NULL ? name : id);
  /* Translators: %s is eBay's category number */
  subtitle = g_strdup_printf (_("eBay category %s"), id);
  adw_action_row_set_subtitle (self->category_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), FALSE);
  td_ebay_setup_dialog_focus (self, id, name);
}

static void
on_suggestions (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdEbaySetupDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *choices = td_ebay_suggest_categories_finish (TD_MARKETPLACE (source), result,
                                                          &error);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, row);
  if (choices != NULL)
    {
      g_clear_pointer (&self->suggestions, g_ptr_array_unref);
      self->suggestions = choices;
      for (guint i = 0; i < choices->len; i++)
        {
          TdEbayChoice *choice = choices->pdata[i];

          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), choice->id);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_list_box_append (self->suggestions_list, row);
        }
      if (choices->len == 0)
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         _("eBay suggests nothing for these words: try others"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_append (self->suggestions_list, row);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), TRUE);
    }
  td_ebay_setup_dialog_answered (self, error, FALSE);
  g_object_unref (self);
}

void
td_ebay_setup_dialog_search_apply_cb (TdEbaySetupDialog *self)
{
  g_autofree char *words = g_strstrip (g_strdup (gtk_editable_get_text (
                                         GTK_EDITABLE (self->search_row))));

  if (*words == '\0')
    return;
  self->pending++;
  td_ebay_setup_dialog_update_busy (self);
  td_ebay_suggest_categories_async (self->marketplace, words, self->cancellable,
                                    on_suggestions, g_object_ref (self));
}

void
td_ebay_setup_dialog_suggestion_activated_cb (TdEbaySetupDialog *self,
                         GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);
  TdEbayChoice *choice;

  if (self->suggestions == NULL || index < 0 || (guint) index >= self->suggestions->len)
    return;
  choice = self->suggestions->pdata[index];
  if (self->mapping_path != NULL)
    td_ebay_setup_dialog_map_chosen (self, choice->id, choice->name);
  else
    td_ebay_setup_dialog_choose_category (self, choice->id, choice->name);
}

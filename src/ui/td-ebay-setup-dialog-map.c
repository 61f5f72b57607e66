/* td-ebay-setup-dialog-map.c — the eBay setup's shop categories: which eBay category each of
 * the shop's categories lists in.
 *
 * One row per shop category (its path, as items carry it), saying where its items go: the
 * eBay category chosen for it, its parent's (publishing walks "Clothing › Women" up to
 * "Clothing", td_ebay_category_for()), or the default. Choose… searches eBay's suggestions for
 * the category's name (the words can be changed and searched again); the suggestion picked is
 * mapped to it and its needs are shown, as for the default category. The map is saved as
 * settings.category_map (path → id) with the names in settings.category_names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-ebay-setup-dialog-private.h"
#include "td-store-catalogue.h"

#define PATH "td-path"

static const char *
mapped_id (TdEbaySetupDialog *self,
           const char        *path)
{
  return json_object_get_string_member_with_default (self->map, path, NULL);
}

static const char *
name_of (TdEbaySetupDialog *self,
         const char        *id)
{
  return json_object_get_string_member_with_default (self->map_names, id, id);
}

static void
refresh_rows (TdEbaySetupDialog *self)
{
  for (guint i = 0; self->map_rows != NULL && i < self->map_rows->len; i++)
    {
      AdwActionRow *row = self->map_rows->pdata[i];
      const char *path = g_object_get_data (G_OBJECT (row), PATH);
      GtkWidget *clear = g_object_get_data (G_OBJECT (row), "td-clear");
      const char *id = mapped_id (self, path);
      g_autofree char *subtitle = NULL;
      g_autofree char *parent = g_strdup (path);
      char *cut;

      gtk_widget_set_visible (clear, id != NULL);
      if (id != NULL)
        /* Translators: an eBay category's name and number */
        subtitle = g_strdup_printf (_("%s (%s)"), name_of (self, id), id);
      /* "Clothing › Women": what "Clothing" is mapped to, if anything. */
      while (subtitle == NULL && (cut = g_strrstr (parent, " › ")) != NULL)
        {
          *cut = '\0';
          id = mapped_id (self, parent);
          if (id != NULL)
            /* Translators: the parent category's path, then its eBay category's name */
            subtitle = g_strdup_printf (_("As “%s”: %s"), parent, name_of (self, id));
        }
      if (subtitle == NULL)
        subtitle = g_strdup (_("The default category"));
      adw_action_row_set_subtitle (row, subtitle);
    }
}

static void
choose_clicked_cb (GtkButton         *button,
                   TdEbaySetupDialog *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), PATH);
  const char *leaf = g_strrstr (path, " › ");
  g_autofree char *text = NULL;

  g_free (self->mapping_path);
  self->mapping_path = g_strdup (path);
  gtk_editable_set_text (GTK_EDITABLE (self->search_row),
                         leaf != NULL ? leaf + strlen (" › ") : path);
  /* Translators: %s is a shop category's path */
  text = g_strdup_printf (_("Pick the eBay category for “%s” among the suggestions under "
                            "Default Category, or search other words there."), path);
  td_ebay_setup_dialog_search_apply_cb (self);
  td_ebay_setup_dialog_say (self, text, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_row));
}

static void
clear_clicked_cb (GtkButton         *button,
                  TdEbaySetupDialog *self)
{
  json_object_remove_member (self->map, g_object_get_data (G_OBJECT (button), PATH));
  refresh_rows (self);
}

void
td_ebay_setup_dialog_map_chosen (TdEbaySetupDialog *self,
                                 const char        *id,
                                 const char        *name)
{
  g_autofree char *path = g_steal_pointer (&self->mapping_path);

  g_return_if_fail (path != NULL);

  json_object_set_string_member (self->map, path, id);
  if (name != NULL)
    json_object_set_string_member (self->map_names, id, name);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), FALSE);
  refresh_rows (self);
  td_ebay_setup_dialog_focus (self, id, name);
}

static GtkWidget *
row_button (TdEbaySetupDialog *self,
            const char        *path,
            GtkWidget         *button,
            GCallback          callback)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), PATH, g_strdup (path), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

void
td_ebay_setup_dialog_build_map (TdEbaySetupDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) categories = td_store_catalogue_list_categories (
    td_context_get_database (self->context), &error);

  if (categories == NULL)
    {
      g_message ("Reading the shop's categories failed: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->map_group), FALSE);
      return;
    }
  self->map_rows = g_ptr_array_new ();
  for (guint i = 0; i < categories->len; i++)
    {
      const TdCategoryInfo *category = &g_array_index (categories, TdCategoryInfo, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      GtkWidget *choose = gtk_button_new_with_mnemonic (_("C_hoose…"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category->path);
      g_object_set_data_full (G_OBJECT (row), PATH, g_strdup (category->path), g_free);
      gtk_widget_set_tooltip_text (clear, _("Use the default category"));
      gtk_widget_add_css_class (clear, "flat");
      g_object_set_data (G_OBJECT (row), "td-clear", clear);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, category->path, clear,
                                             G_CALLBACK (clear_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, category->path, choose,
                                             G_CALLBACK (choose_clicked_cb)));
      adw_preferences_group_add (self->map_group, row);
      g_ptr_array_add (self->map_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->map_group), categories->len > 0);
  refresh_rows (self);
}

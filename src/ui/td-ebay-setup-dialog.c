/* td-ebay-setup-dialog.c — an eBay account's one-time setup, asked of eBay itself.
 *
 * Before the first publish eBay needs business policies, an inventory location and a
 * category. Instead of ids typed by hand, the dialog asks eBay (td-ebay.h): whether business
 * policies are on (with Turn On if not), the policies and locations already there, category
 * suggestions for a few words, and, for the chosen category, the aspects eBay requires and
 * the conditions it accepts. Required aspects items do not carry get a value for every item
 * of the category (settings "category_aspects"); grades whose condition the category refuses
 * are named. Shop categories can each be mapped to an eBay category of their own
 * (td-ebay-setup-dialog-map.c). Save creates a new location first when one is asked for, then writes the
 * account's settings in one audited change (td_store_marketplaces_update()); any refusal
 * keeps the form as it is and says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "td-ebay.h"
#include "td-ebay-setup-dialog-private.h"

static const char * const policy_kinds[TD_EBAY_SETUP_N_POLICIES] = {
  "fulfillment", "payment", "return",
};

G_DEFINE_FINAL_TYPE (TdEbaySetupDialog, td_ebay_setup_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (TdEbaySetupDialog *self);

/* ---- State and messages --------------------------------------------------------------------- */

const char *
td_ebay_setup_dialog_setting (TdEbaySetupDialog *self,
                              const char        *name)
{
  JsonNode *node = json_object_get_member (self->settings, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      /* Ids typed in the account form may have been stored as numbers. */
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      json_node_set_string (node, text);
    }
  return json_node_get_string (node);
}

void
td_ebay_setup_dialog_say (TdEbaySetupDialog *self,
                          const char        *message,
                          gboolean           problem)
{
  gtk_label_set_text (self->status_label, message);
  self->problem_shown = problem;
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

void
td_ebay_setup_dialog_update_busy (TdEbaySetupDialog *self)
{
  gboolean busy = self->pending > 0;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy && !self->failed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reload_button), !busy);
  if (!busy && !self->problem_shown)
    td_ebay_setup_dialog_say (self, self->opted_in ? _("Pick what eBay should use, then save.")
                              : _("Turn business policies on before the first publish."),
         FALSE);
}

/* A question came back; @error (nullable) is eBay's refusal or the network's. Without the
 * answer to a @blocking one (policies, locations) Save would write guesses, so it stays off
 * until eBay is asked again. */
void
td_ebay_setup_dialog_answered (TdEbaySetupDialog *self,
                               const GError      *error,
                               gboolean           blocking)
{
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer load () counts its own questions */
  g_return_if_fail (self->pending > 0);

  self->pending--;
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("eBay could not be asked: %s"), error->message);

      self->failed |= blocking;
      td_ebay_setup_dialog_say (self, text, TRUE);
    }
  td_ebay_setup_dialog_update_busy (self);
}

/* ---- Choices in combo rows ------------------------------------------------------------------ */

/* Fills @row with @choices (+ @extra last, nullable) and selects the one whose id is
 * @current. */
static void
fill_combo (AdwComboRow *row,
            GPtrArray   *choices,
            const char  *extra,
            const char  *current)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      TdEbayChoice *choice = choices->pdata[i];

      gtk_string_list_append (model, choice->name);
      if (g_strcmp0 (choice->id, current) == 0)
        selected = i;
    }
  if (extra != NULL)
    gtk_string_list_append (model, extra);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

static const char *
combo_choice_id (AdwComboRow *row,
                 GPtrArray   *choices)
{
  guint selected = adw_combo_row_get_selected (row);

  return choices != NULL && selected < choices->len
         ? ((TdEbayChoice *) choices->pdata[selected])->id : NULL;
}

static AdwComboRow *
policy_row (TdEbaySetupDialog *self,
            guint              kind)
{
  AdwComboRow *rows[] = { self->fulfillment_row, self->payment_row, self->return_row };

  return rows[kind];
}

typedef struct
{
  TdEbaySetupDialog *self;
  guint              kind;   /* in policy_kinds */
} PolicyAsk;

static void
on_policies (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PolicyAsk *ask = user_data;
  TdEbaySetupDialog *self = ask->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *choices = td_ebay_list_policies_finish (TD_MARKETPLACE (source), result, &error);

  if (choices != NULL)
    {
      guint k = ask->kind;
      g_autofree char *member = g_strdup_printf ("%s_policy_id", policy_kinds[k]);
      AdwComboRow *row = policy_row (self, k);

      g_clear_pointer (&self->policies[k], g_ptr_array_unref);
      self->policies[k] = choices;
      fill_combo (row, choices,
                  choices->len == 0 ? _("None on eBay yet: create one in Seller Hub") : NULL,
                  td_ebay_setup_dialog_setting (self, member));
      gtk_widget_set_sensitive (GTK_WIDGET (row), choices->len > 0);
      gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
    }
  td_ebay_setup_dialog_answered (self, error, TRUE);
  g_object_unref (self);
  g_free (ask);
}

static void
ask_policies (TdEbaySetupDialog *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (policy_kinds); k++)
    {
      PolicyAsk *ask = g_new0 (PolicyAsk, 1);

      ask->self = g_object_ref (self);
      ask->kind = k;
      self->pending++;
      td_ebay_list_policies_async (self->marketplace, policy_kinds[k], self->cancellable,
                                   on_policies, ask);
    }
}

/* ---- Policies on or off --------------------------------------------------------------------- */

static void
show_policies (TdEbaySetupDialog *self,
               gboolean           opted_in)
{
  self->opted_in = opted_in;
  gtk_widget_set_visible (GTK_WIDGET (self->optin_row), !opted_in);
  for (guint k = 0; k < G_N_ELEMENTS (policy_kinds); k++)
    gtk_widget_set_visible (GTK_WIDGET (policy_row (self, k)), opted_in);
}

static void
on_opted_in (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TdEbaySetupDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean on = td_ebay_policies_opted_in_finish (TD_MARKETPLACE (source), result, &error);

  if (error == NULL)
    {
      show_policies (self, on);
      if (on)
        ask_policies (self);
    }
  td_ebay_setup_dialog_answered (self, error, TRUE);
  g_object_unref (self);
}

static void
on_opt_in (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TdEbaySetupDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->optin_button), TRUE);
  if (td_ebay_opt_in_policies_finish (TD_MARKETPLACE (source), result, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Business policies are on. eBay may take a "
                                                    "while before they can be used.")));
      load (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("eBay did not turn business policies on: %s"),
                                               error->message);

      td_ebay_setup_dialog_say (self, text, TRUE);
    }
  g_object_unref (self);
}

static void
optin_clicked_cb (TdEbaySetupDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->optin_button), FALSE);
  td_ebay_opt_in_policies_async (self->marketplace, self->cancellable, on_opt_in,
                                 g_object_ref (self));
}

/* ---- Locations ------------------------------------------------------------------------------ */

static gboolean
new_location_chosen (TdEbaySetupDialog *self)
{
  return self->locations != NULL
         && adw_combo_row_get_selected (self->location_row) >= self->locations->len;
}

static void
location_selected_cb (TdEbaySetupDialog *self)
{
  gboolean fresh = new_location_chosen (self);

  gtk_widget_set_visible (GTK_WIDGET (self->key_row), fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->location_name_row), fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->postal_row), fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->country_row), fresh);
}

static void
on_locations (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdEbaySetupDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *choices = td_ebay_list_locations_finish (TD_MARKETPLACE (source), result, &error);

  if (choices != NULL)
    {
      g_clear_pointer (&self->locations, g_ptr_array_unref);
      self->locations = choices;
      fill_combo (self->location_row, choices, _("New Location…"),
                  td_ebay_setup_dialog_setting (self, "merchant_location_key"));
      location_selected_cb (self);
    }
  td_ebay_setup_dialog_answered (self, error, TRUE);
  g_object_unref (self);
}

/* ---- Loading -------------------------------------------------------------------------------- */

static void
load (TdEbaySetupDialog *self)
{
  const char *category = td_ebay_setup_dialog_setting (self, "default_category_id");

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = 0;
  self->failed = FALSE;
  td_ebay_setup_dialog_say (self, _("Asking eBay…"), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->optin_row), FALSE);

  self->pending++;
  td_ebay_policies_opted_in_async (self->marketplace, self->cancellable, on_opted_in,
                                   g_object_ref (self));
  self->pending++;
  td_ebay_list_locations_async (self->marketplace, self->cancellable, on_locations,
                                g_object_ref (self));
  td_ebay_setup_dialog_update_busy (self);
  if (category != NULL && *category != '\0' && self->category_id == NULL)
    td_ebay_setup_dialog_choose_category (self, category,
                                          td_ebay_setup_dialog_setting (self,
                                                                        "default_category_name"));
  else if (self->category_id != NULL)
    td_ebay_setup_dialog_choose_category (self, self->category_id, self->category_name);
}

static void
reload_clicked_cb (TdEbaySetupDialog *self)
{
  load (self);
}

/* ---- Saving --------------------------------------------------------------------------------- */

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
refuse (TdEbaySetupDialog *self,
        AdwEntryRow       *row,
        const char        *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  td_ebay_setup_dialog_say (self, message, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

static gboolean
check_new_location (TdEbaySetupDialog *self)
{
  g_autofree char *key = row_text (self->key_row);
  g_autofree char *postal = row_text (self->postal_row);
  g_autofree char *country = row_text (self->country_row);
  AdwEntryRow *rows[] = { self->key_row, self->location_name_row, self->postal_row,
                          self->country_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  if (*key == '\0' || g_utf8_strlen (key, -1) > 36)
    return refuse (self, self->key_row, _("Give the new location a key of 1 to 36 characters."));
  for (const char *c = key; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return refuse (self, self->key_row, _("A location key has only letters, digits, - and _."));
  if (*postal == '\0')
    return refuse (self, self->postal_row, _("eBay needs the location’s postal code."));
  if (strlen (country) != 2 || !g_ascii_isalpha (country[0]) || !g_ascii_isalpha (country[1]))
    return refuse (self, self->country_row,
                   _("The country is a two-letter code, such as US or GB."));
  return TRUE;
}

static void
write_settings (TdEbaySetupDialog *self,
                const char        *location_key)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdMarketplaceAccount) changed = td_marketplace_account_copy (self->account);
  g_autoptr(GList) members = json_object_get_members (self->settings);

  /* Start from the settings as they were: base URLs, the category map … stay. */
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (settings, l->data,
                            json_node_copy (json_object_get_member (self->settings, l->data)));
  for (guint k = 0; self->opted_in && k < G_N_ELEMENTS (policy_kinds); k++)
    {
      const char *id = combo_choice_id (policy_row (self, k), self->policies[k]);
      g_autofree char *member = g_strdup_printf ("%s_policy_id", policy_kinds[k]);

      if (id != NULL)
        json_object_set_string_member (settings, member, id);
    }
  if (location_key != NULL)
    json_object_set_string_member (settings, "merchant_location_key", location_key);
  if (self->category_id != NULL)
    {
      json_object_set_string_member (settings, "default_category_id", self->category_id);
      if (self->category_name != NULL)
        json_object_set_string_member (settings, "default_category_name", self->category_name);
    }
  td_ebay_setup_dialog_harvest_aspects (self);
  json_object_set_object_member (settings, "category_aspects",
                                 json_object_ref (self->aspect_values));
  json_object_set_object_member (settings, "category_map", json_object_ref (self->map));
  json_object_set_object_member (settings, "category_names", json_object_ref (self->map_names));

  json_node_set_object (root, settings);
  g_free (changed->settings);
  changed->settings = json_to_string (root, FALSE);
  if (!td_store_marketplaces_update (td_context_get_database (self->context), changed,
                                     td_context_get_staff_id (self->context), g_get_real_time (),
                                     &error))
    {
      g_autofree char *text = g_strdup_printf (_("The setup was not saved. %s"), error->message);

      td_ebay_setup_dialog_say (self, text, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_location_created (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TdEbaySetupDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  if (td_ebay_create_location_finish (TD_MARKETPLACE (source), result, &error))
    {
      g_autofree char *key = row_text (self->key_row);

      write_settings (self, key);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("eBay did not create the location: %s "
                                                 "Nothing was saved."), error->message);

      td_ebay_setup_dialog_say (self, text, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
    }
  g_object_unref (self);
}

static void
save_clicked_cb (TdEbaySetupDialog *self)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *postal = NULL;
  g_autofree char *country = NULL;

  if (!new_location_chosen (self))
    {
      write_settings (self, combo_choice_id (self->location_row, self->locations));
      return;
    }
  if (!check_new_location (self))
    return;
  key = row_text (self->key_row);
  name = row_text (self->location_name_row);
  postal = row_text (self->postal_row);
  country = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->country_row)), -1);
  g_strstrip (country);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  td_ebay_setup_dialog_say (self, _("Creating the location at eBay…"), FALSE);
  td_ebay_create_location_async (self->marketplace, key, *name != '\0' ? name : key, postal,
                                 country, self->cancellable, on_location_created,
                                 g_object_ref (self));
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
td_ebay_setup_dialog_dispose (GObject *object)
{
  TdEbaySetupDialog *self = TD_EBAY_SETUP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_EBAY_SETUP_DIALOG);
  G_OBJECT_CLASS (td_ebay_setup_dialog_parent_class)->dispose (object);
}

static void
td_ebay_setup_dialog_finalize (GObject *object)
{
  TdEbaySetupDialog *self = TD_EBAY_SETUP_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->account, td_marketplace_account_free);
  g_clear_object (&self->marketplace);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->settings, json_object_unref);
  for (guint k = 0; k < G_N_ELEMENTS (policy_kinds); k++)
    g_clear_pointer (&self->policies[k], g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->needs, td_ebay_category_needs_free);
  g_clear_pointer (&self->aspect_rows, g_ptr_array_unref);
  g_free (self->category_id);
  g_free (self->category_name);
  g_free (self->focus_id);
  g_free (self->focus_name);
  g_free (self->mapping_path);
  g_clear_pointer (&self->aspect_values, json_object_unref);
  g_clear_pointer (&self->map, json_object_unref);
  g_clear_pointer (&self->map_names, json_object_unref);
  g_clear_pointer (&self->map_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (td_ebay_setup_dialog_parent_class)->finalize (object);
}

static void
td_ebay_setup_dialog_class_init (TdEbaySetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_ebay_setup_dialog_dispose;
  object_class->finalize = td_ebay_setup_dialog_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-ebay-setup-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TdEbaySetupDialog, name)
  BIND (toast_overlay); BIND (save_button); BIND (spinner); BIND (status_label);
  BIND (reload_button); BIND (optin_row); BIND (optin_button); BIND (fulfillment_row);
  BIND (payment_row); BIND (return_row); BIND (location_row); BIND (key_row);
  BIND (location_name_row); BIND (postal_row); BIND (country_row); BIND (search_row);
  BIND (suggestions_list); BIND (category_row); BIND (needs_label); BIND (aspects_group);
  BIND (map_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, optin_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_selected_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_apply_cb",
                                                G_CALLBACK (td_ebay_setup_dialog_search_apply_cb));
  gtk_widget_class_bind_template_callback_full (
    widget_class, "suggestion_activated_cb",
    G_CALLBACK (td_ebay_setup_dialog_suggestion_activated_cb));
}

static void
td_ebay_setup_dialog_init (TdEbaySetupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A copy of the object @member of @settings (a new one if absent); @strings keeps only members
 * whose value is a string or a number (ids typed by hand may be numbers), as strings. */
static JsonObject *
object_copy (JsonObject *settings,
             const char *member,
             gboolean    strings)
{
  JsonNode *node = json_object_get_member (settings, member);
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) names = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return copy;
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (node), l->data);

      if (!strings)
        json_object_set_member (copy, l->data, json_node_copy (value));
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        json_object_set_string_member (copy, l->data, json_node_get_string (value));
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

          json_object_set_string_member (copy, l->data, text);
        }
    }
  return copy;
}

TdEbaySetupDialog *
td_ebay_setup_dialog_new (TdContext                  *context,
                          const TdMarketplaceAccount *account,
                          TdMarketplace              *marketplace)
{
  TdEbaySetupDialog *self;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (TD_IS_MARKETPLACE (marketplace), NULL);

  self = g_object_new (TD_TYPE_EBAY_SETUP_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->account = td_marketplace_account_copy (account);
  self->marketplace = g_object_ref (marketplace);
  root = json_from_string (account->settings != NULL ? account->settings : "{}", NULL);
  self->settings = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                   ? json_object_ref (json_node_get_object (root)) : json_object_new ();
  self->aspect_values = object_copy (self->settings, "category_aspects", FALSE);
  self->map = object_copy (self->settings, "category_map", TRUE);
  self->map_names = object_copy (self->settings, "category_names", TRUE);
  td_ebay_setup_dialog_build_map (self);
  /* Translators: %s is the account's name */
  title = g_strdup_printf (_("eBay Setup — %s"), account->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  load (self);
  return self;
}

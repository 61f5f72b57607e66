/* td-marketplaces-preferences.c — Preferences › Marketplaces: the shop's marketplace accounts.
 *
 * Owners and managers (TD_PERMISSION_MARKETPLACE_ACCOUNTS) see the accounts, add one per kind
 * and disconnect them; others see only why they can't. The form shows the fields of the
 * chosen kind; every field is checked before anything is written, a refused one is marked
 * with the `error` style and the reason is said under the form. What is not secret goes to
 * `marketplace_account` (settings as JSON); keys and tokens go to TdSecrets through
 * TdCredentials, never to the database or GSettings. eBay and Etsy connect with OAuth
 * (td-marketplaces-preferences-connect.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "td-context-sync.h"
#include "td-ebay-setup-dialog.h"
#include "td-marketplaces-preferences-private.h"
#include "td-secrets.h"
#include "td-store-staff.h"

G_DEFINE_FINAL_TYPE (TdMarketplacesPreferences, td_marketplaces_preferences,
                     ADW_TYPE_PREFERENCES_PAGE)

static const char * const kinds[] = {
  TD_MARKETPLACE_EBAY, TD_MARKETPLACE_SHOPIFY, TD_MARKETPLACE_ETSY, TD_MARKETPLACE_WOOCOMMERCE,
};

enum { K_EBAY = 1 << 0, K_SHOPIFY = 1 << 1, K_ETSY = 1 << 2, K_WOO = 1 << 3 };

const char *
td_marketplaces_kind_at (guint index)
{
  return index < G_N_ELEMENTS (kinds) ? kinds[index] : NULL;
}

const char *
td_marketplaces_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, TD_MARKETPLACE_EBAY) == 0)
    return "eBay";
  if (g_strcmp0 (kind, TD_MARKETPLACE_SHOPIFY) == 0)
    return "Shopify";
  if (g_strcmp0 (kind, TD_MARKETPLACE_ETSY) == 0)
    return "Etsy";
  if (g_strcmp0 (kind, TD_MARKETPLACE_WOOCOMMERCE) == 0)
    return "WooCommerce";
  return kind;
}

gboolean
td_marketplaces_kind_uses_oauth (const char *kind)
{
  return g_strcmp0 (kind, TD_MARKETPLACE_EBAY) == 0 || g_strcmp0 (kind, TD_MARKETPLACE_ETSY) == 0;
}

const char *
td_marketplaces_default_oauth_url (const char *kind,
                                   gboolean    sandbox,
                                   const char *which)
{
  gboolean token = g_strcmp0 (which, "token") == 0;

  if (g_strcmp0 (kind, TD_MARKETPLACE_EBAY) == 0)
    {
      if (token)
        return sandbox ? "https://api.sandbox.ebay.com/identity/v1/oauth2/token"
                       : "https://api.ebay.com/identity/v1/oauth2/token";
      return sandbox ? "https://auth.sandbox.ebay.com/oauth2/authorize"
                     : "https://auth.ebay.com/oauth2/authorize";
    }
  if (g_strcmp0 (kind, TD_MARKETPLACE_ETSY) == 0)
    return token ? "https://api.etsy.com/v3/public/oauth/token"
                 : "https://www.etsy.com/oauth/connect";
  return NULL;
}

/* @which: "authorize" or "token": `settings.urls.<which>`, else the kind's default. */
char *
td_marketplaces_dup_oauth_url (const TdMarketplaceAccount *account,
                               const char                 *which)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (account->settings != NULL && json_parser_load_from_data (parser, account->settings, -1, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);
      JsonObject *settings = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      JsonObject *urls = settings && json_object_has_member (settings, "urls")
                         ? json_object_get_object_member (settings, "urls") : NULL;
      const char *url = urls ? json_object_get_string_member_with_default (urls, which, NULL)
                             : NULL;

      if (url != NULL && *url != '\0')
        return g_strdup (url);
    }
  return g_strdup (td_marketplaces_default_oauth_url (account->kind, account->sandbox, which));
}

void
td_marketplaces_preferences_toast (TdMarketplacesPreferences *self,
                                   const char                *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

TdCredentials *
td_marketplaces_preferences_credentials (TdMarketplacesPreferences  *self,
                                         const TdMarketplaceAccount *account)
{
  TdSyncEngine *engine = td_context_get_sync_engine (self->context);
  g_autofree char *token_url = td_marketplaces_dup_oauth_url (account, "token");

  return td_credentials_new (td_context_get_secrets (self->context),
                             td_sync_engine_get_session (engine), account, token_url);
}

/* ---- eBay setup --------------------------------------------------------------------------- */

static void
setup_saved_cb (TdMarketplacesPreferences *self)
{
  td_marketplaces_preferences_reload (self);
  /* The engine's classes read the settings when made. */
  td_context_reload_sync (self->context);
  td_marketplaces_preferences_toast (self, _("eBay setup saved."));
}

GtkWindow *
td_marketplaces_preferences_set_up (TdMarketplacesPreferences *self,
                                    gint64                     account_id)
{
  TdSyncEngine *engine;
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autoptr(TdCredentials) credentials = NULL;
  g_autoptr(TdMarketplace) marketplace = NULL;
  g_autoptr(GError) error = NULL;
  TdEbaySetupDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (TD_IS_MARKETPLACES_PREFERENCES (self), NULL);

  engine = td_context_get_sync_engine (self->context);
  account = td_store_marketplaces_get (td_context_get_database (self->context), account_id,
                                       &error);
  if (account != NULL && g_strcmp0 (account->kind, TD_MARKETPLACE_EBAY) == 0)
    {
      credentials = td_marketplaces_preferences_credentials (self, account);
      marketplace = td_marketplace_new_for_account (td_sync_engine_get_session (engine), account,
                                                    credentials, &error);
    }
  if (marketplace == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The eBay setup can’t open. %s"),
                                               error != NULL ? error->message : "");

      td_marketplaces_preferences_toast (self, g_strstrip (text));
      return NULL;
    }
  dialog = td_ebay_setup_dialog_new (self->context, account, marketplace);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (setup_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* ---- The form ---------------------------------------------------------------------------- */

typedef struct
{
  gsize        offset;    /* of the row in the struct */
  guint        kinds;     /* K_* it shows for */
  const char  *setting;   /* settings member, or NULL (credentials, name …) */
  gboolean     digits;    /* a number the marketplace gave */
} Field;

#define F(member) G_STRUCT_OFFSET (TdMarketplacesPreferences, member)

static const Field fields[] = {
  { F (shop_url_row), K_SHOPIFY | K_WOO, NULL, FALSE },
  { F (client_id_row), K_EBAY | K_ETSY, NULL, FALSE },
  { F (client_secret_row), K_EBAY | K_ETSY, NULL, FALSE },
  { F (redirect_row), K_EBAY | K_ETSY, NULL, FALSE },
  { F (consumer_key_row), K_WOO, NULL, FALSE },
  { F (consumer_secret_row), K_WOO, NULL, FALSE },
  { F (access_token_row), K_SHOPIFY, NULL, FALSE },
  { F (fulfillment_policy_row), K_EBAY, "fulfillment_policy_id", TRUE },
  { F (payment_policy_row), K_EBAY, "payment_policy_id", TRUE },
  { F (return_policy_row), K_EBAY | K_ETSY, "return_policy_id", TRUE },
  { F (location_key_row), K_EBAY, "merchant_location_key", FALSE },
  { F (category_row), K_EBAY | K_ETSY, NULL, TRUE },   /* default_category / taxonomy_id */
  { F (etsy_shop_row), K_ETSY, "shop_id", TRUE },
  { F (shipping_profile_row), K_ETSY, "shipping_profile_id", TRUE },
  { F (readiness_row), K_ETSY, "readiness_state_id", TRUE },
  { F (location_id_row), K_SHOPIFY, "location_id", FALSE },
  { F (authorize_url_row), K_EBAY | K_ETSY, NULL, FALSE },
  { F (token_url_row), K_EBAY | K_ETSY, NULL, FALSE },
};

static AdwEntryRow *
field_row (TdMarketplacesPreferences *self,
           const Field               *field)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, field->offset);
}

static const char *
selected_kind (TdMarketplacesPreferences *self)
{
  return td_marketplaces_kind_at (adw_combo_row_get_selected (self->kind_row));
}

static guint
kind_bit (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      return 1u << i;
  return 0;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_text (TdMarketplacesPreferences *self,
          AdwEntryRow               *row,
          const char                *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->filling = FALSE;
}

static void
clear_problems (TdMarketplacesPreferences *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (field_row (self, &fields[i])), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->add_message), FALSE);
}

/* Marks @row and says why under the form; FALSE, for `return refuse (…)`. */
static gboolean
refuse (TdMarketplacesPreferences *self,
        AdwEntryRow               *row,
        const char                *message)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      if (row == self->base_url_row || row == self->authorize_url_row || row == self->token_url_row)
        adw_expander_row_set_expanded (self->advanced_row, TRUE);
    }
  gtk_label_set_text (self->add_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->add_message), TRUE);
  return FALSE;
}

/* "https://myshop.example/" + the default's path → the API's base address. */
static char *
base_url_for_shop (const char *kind,
                   gboolean    sandbox,
                   const char *shop_url)
{
  const char *template = td_store_marketplaces_default_base_url (kind, sandbox);
  const char *path = template ? strstr (template, "://") : NULL;
  g_autofree char *shop = g_strstrip (g_strdup (shop_url));
  g_autofree char *host = NULL;
  gsize len;

  path = path ? strchr (path + 3, '/') : NULL;
  if (*shop == '\0')
    return g_strdup (template ? template : "");
  /* Shopify: "myshop" is short for myshop.myshopify.com. */
  if (g_strcmp0 (kind, TD_MARKETPLACE_SHOPIFY) == 0 && strchr (shop, '.') == NULL &&
      strchr (shop, ':') == NULL)
    {
      char *full = g_strconcat (shop, ".myshopify.com", NULL);

      g_free (shop);
      shop = full;
    }
  host = strstr (shop, "://") ? g_strdup (shop) : g_strconcat ("https://", shop, NULL);
  len = strlen (host);
  while (len > 0 && host[len - 1] == '/')
    host[--len] = '\0';
  return g_strconcat (host, path ? path : "", NULL);
}

static void
fill_addresses (TdMarketplacesPreferences *self)
{
  const char *kind = selected_kind (self);
  gboolean sandbox = gtk_switch_get_active (self->sandbox_switch);
  g_autofree char *shop = row_text (self->shop_url_row);
  g_autofree char *base = NULL;

  if (kind_bit (kind) & (K_SHOPIFY | K_WOO))
    base = base_url_for_shop (kind, sandbox, shop);
  else
    base = g_strdup (td_store_marketplaces_default_base_url (kind, sandbox));
  set_text (self, self->base_url_row, base);
  set_text (self, self->authorize_url_row, td_marketplaces_default_oauth_url (kind, sandbox,
                                                                             "authorize"));
  set_text (self, self->token_url_row, td_marketplaces_default_oauth_url (kind, sandbox, "token"));
}

static void
show_kind_fields (TdMarketplacesPreferences *self)
{
  const char *kind = selected_kind (self);
  guint bit = kind_bit (kind);
  gboolean etsy = bit == K_ETSY;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_set_visible (GTK_WIDGET (field_row (self, &fields[i])), (fields[i].kinds & bit) != 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_id_row),
                                 etsy ? _("Keystring") : _("Client Id (App Id)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_secret_row),
                                 etsy ? _("Shared Secret") : _("Client Secret (Cert Id)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->redirect_row),
                                 etsy ? _("Redirect Address Registered for the App")
                                      : _("RuName (Redirect Name)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->category_row),
                                 etsy ? _("Default Taxonomy Id") : _("Default Category Id"));
  /* Etsy has no sandbox. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sandbox_switch), !etsy);
  if (etsy)
    gtk_switch_set_active (self->sandbox_switch, FALSE);
  fill_addresses (self);
  clear_problems (self);
}

static void
kind_selected_cb (TdMarketplacesPreferences *self)
{
  show_kind_fields (self);
}

static void
sandbox_toggled_cb (TdMarketplacesPreferences *self)
{
  fill_addresses (self);
}

static void
field_changed_cb (TdMarketplacesPreferences *self,
                  GtkEditable               *editable)
{
  if (self->filling)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if ((AdwEntryRow *) editable == self->shop_url_row)
    fill_addresses (self);
}

static gboolean
is_web_address (const char *text)
{
  return (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://")) &&
         strlen (text) > strlen ("https://") && strpbrk (text, "<>{} \t") == NULL &&
         strstr (text, "://SHOP") == NULL;   /* the default's placeholder, not filled in */
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
set_trimmed (JsonObject  *object,
             const char  *member,
             AdwEntryRow *row)
{
  g_autofree char *value = row_text (row);

  json_object_set_string_member (object, member, value);
}

/* Checks the whole form; fills @settings and @secret (JSON members) when it is right. */
static gboolean
read_form (TdMarketplacesPreferences *self,
           JsonObject                *settings,
           JsonObject                *secret)
{
  const char *kind = selected_kind (self);
  guint bit = kind_bit (kind);
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *base = row_text (self->base_url_row);
  gboolean etsy = bit == K_ETSY;

  clear_problems (self);
  if (*name == '\0')
    return refuse (self, self->name_row, _("Give the account a name staff will recognise, such as "
                                           "“eBay (Main St)”. Nothing was saved."));
  if ((bit & (K_SHOPIFY | K_WOO)) != 0)
    {
      g_autofree char *shop = row_text (self->shop_url_row);

      if (*shop == '\0')
        return refuse (self, self->shop_url_row, _("Type the online shop’s address, such as "
                                                   "https://myshop.example. Nothing was saved."));
    }
  if (!is_web_address (base))
    return refuse (self, (bit & (K_SHOPIFY | K_WOO)) ? self->shop_url_row : self->base_url_row,
                   _("The address must begin with https:// and be complete, such as "
                     "https://myshop.example. Nothing was saved."));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *field = &fields[i];
      AdwEntryRow *row = field_row (self, field);
      g_autofree char *text = NULL;
      g_autofree char *message = NULL;

      if ((field->kinds & bit) == 0)
        continue;
      text = row_text (row);
      if (*text == '\0' && field->setting == NULL && row != self->category_row)
        {
          /* Translators: %s is the field's title, such as "Consumer Key" */
          message = g_strdup_printf (_("“%s” is needed to connect. Nothing was saved."),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
          return refuse (self, row, message);
        }
      if (*text != '\0' && field->digits && !all_digits (text))
        {
          /* Translators: %s is the field's title, such as "Shop Id" */
          message = g_strdup_printf (_("“%s” is a number, as the marketplace shows it. Nothing "
                                       "was saved."),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
          return refuse (self, row, message);
        }
      if ((row == self->authorize_url_row || row == self->token_url_row) && !is_web_address (text))
        return refuse (self, row, _("The address must begin with https:// and be complete. "
                                    "Nothing was saved."));
      if (field->setting != NULL && *text != '\0')
        json_object_set_string_member (settings, field->setting, text);
      if (row == self->category_row && *text != '\0')
        json_object_set_string_member (settings, etsy ? "default_taxonomy_id"
                                                            : "default_category_id", text);
    }
  if (etsy)
    {
      g_autofree char *shop_id = row_text (self->etsy_shop_row);

      if (*shop_id == '\0')
        return refuse (self, self->etsy_shop_row, _("“Shop Id” is needed to publish on Etsy. "
                                                    "Nothing was saved."));
    }

  switch (bit)
    {
    case K_WOO:
      set_trimmed (secret, "consumer_key", self->consumer_key_row);
      set_trimmed (secret, "consumer_secret", self->consumer_secret_row);
      break;
    case K_SHOPIFY:
      set_trimmed (secret, "access_token", self->access_token_row);
      break;
    case K_EBAY:
    case K_ETSY:
      {
        g_autofree char *redirect = row_text (self->redirect_row);
        JsonObject *urls = json_object_new ();

        set_trimmed (secret, "client_id", self->client_id_row);
        set_trimmed (secret, etsy ? "shared_secret" : "client_secret", self->client_secret_row);
        if (etsy)
          json_object_set_string_member (settings, "redirect_uri", redirect);
        else
          json_object_set_string_member (secret, "ru_name", redirect);
        set_trimmed (urls, "authorize", self->authorize_url_row);
        set_trimmed (urls, "token", self->token_url_row);
        json_object_set_object_member (settings, "urls", urls);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
clear_form (TdMarketplacesPreferences *self)
{
  set_text (self, self->name_row, "");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    set_text (self, field_row (self, &fields[i]), "");
  fill_addresses (self);
  clear_problems (self);
}

static void
add_clicked_cb (TdMarketplacesPreferences *self)
{
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(JsonObject) secret = json_object_new ();
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autoptr(TdCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings_text = NULL;
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *base = row_text (self->base_url_row);
  g_autofree char *toast = NULL;
  gint64 staff = td_context_get_staff_id (self->context);
  gint64 id;

  if (!td_context_staff_can (self->context, TD_PERMISSION_MARKETPLACE_ACCOUNTS))
    {
      refuse (self, NULL, _("Only an owner or a manager can add marketplace accounts."));
      return;
    }
  if (!read_form (self, settings, secret))
    return;

  settings_text = object_to_string (settings);
  id = td_store_marketplaces_add (db, selected_kind (self), name, base,
                                  gtk_switch_get_active (self->sandbox_switch), settings_text,
                                  staff, g_get_real_time (), &error);
  if (id == 0)
    {
      refuse (self, NULL, error->message);
      return;
    }
  account = td_store_marketplaces_get (db, id, &error);
  if (account != NULL)
    {
      credentials = td_marketplaces_preferences_credentials (self, account);
      td_credentials_update (credentials, secret, &error);
    }
  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* The keys could not be kept: the account must not look connected without them. */
      td_store_marketplaces_disconnect (db, id, staff, g_get_real_time (), NULL);
      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("The account’s keys could not be stored, so it was not added. "
                                   "%s"), error->message);
      refuse (self, NULL, message);
      td_marketplaces_preferences_reload (self);
      return;
    }

  clear_form (self);
  td_marketplaces_preferences_reload (self);
  td_context_reload_sync (self->context);
  /* Translators: a toast; %s is the account's name */
  toast = g_strdup_printf (_("Added “%s”"), account->name);
  td_marketplaces_preferences_toast (self, toast);
  if (td_marketplaces_kind_uses_oauth (account->kind))
    td_marketplaces_preferences_connect (self, id);
}

static void
td_marketplaces_preferences_dispose (GObject *object)
{
  TdMarketplacesPreferences *self = (TdMarketplacesPreferences *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_MARKETPLACES_PREFERENCES);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_marketplaces_preferences_parent_class)->dispose (object);
}

#define BIND(member) \
  gtk_widget_class_bind_template_child (widget_class, TdMarketplacesPreferences, member)

static void
td_marketplaces_preferences_class_init (TdMarketplacesPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_marketplaces_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-marketplaces-preferences.ui");
  BIND (locked_group); BIND (secrets_group); BIND (secrets_row); BIND (accounts_group);
  BIND (accounts_list); BIND (add_group); BIND (kind_row); BIND (name_row);
  BIND (sandbox_switch); BIND (shop_url_row); BIND (client_id_row); BIND (client_secret_row);
  BIND (redirect_row); BIND (consumer_key_row); BIND (consumer_secret_row);
  BIND (access_token_row); BIND (fulfillment_policy_row); BIND (payment_policy_row);
  BIND (return_policy_row); BIND (location_key_row); BIND (category_row); BIND (etsy_shop_row);
  BIND (shipping_profile_row); BIND (readiness_row); BIND (location_id_row);
  BIND (advanced_row); BIND (base_url_row); BIND (authorize_url_row); BIND (token_url_row);
  BIND (add_message); BIND (add_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sandbox_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

#undef BIND

static void
td_marketplaces_preferences_init (TdMarketplacesPreferences *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

/**
 * td_marketplaces_preferences_new:
 * @context: the open shop
 *
 * Returns: (transfer full): the Marketplaces page of the Preferences
 */
TdMarketplacesPreferences *
td_marketplaces_preferences_new (TdContext *context)
{
  TdMarketplacesPreferences *self;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  self = g_object_new (TD_TYPE_MARKETPLACES_PREFERENCES, NULL);
  self->context = g_object_ref (context);
  show_kind_fields (self);
  td_marketplaces_preferences_reload (self);
  return self;
}

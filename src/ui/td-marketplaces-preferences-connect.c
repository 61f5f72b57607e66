/* td-marketplaces-preferences-connect.c — connecting an eBay or Etsy account with OAuth 2.0.
 *
 * The consent page opens in the system browser (td_oauth_build_authorize_url(), PKCE for
 * Etsy); staff sign in there and paste back the code, or the whole address the browser ended
 * on (td_oauth_parse_code() checks the state). The code is exchanged at the token endpoint
 * off the main loop's back (td_oauth_token_request_async()) and the tokens are kept with
 * TdCredentials — never in the database. The dialog stays open until it worked or staff
 * cancel, and says in plain words why not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-marketplaces-preferences-private.h"
#include "td-oauth.h"

#define EBAY_SCOPES "https://api.ebay.com/oauth/api_scope " \
                    "https://api.ebay.com/oauth/api_scope/sell.inventory " \
                    "https://api.ebay.com/oauth/api_scope/sell.account " \
                    "https://api.ebay.com/oauth/api_scope/sell.fulfillment"
#define ETSY_SCOPES "listings_r listings_w listings_d transactions_r shops_r"

typedef struct
{
  TdMarketplacesPreferences *page;      /* weak */
  TdMarketplaceAccount      *account;
  TdCredentials             *credentials;
  TdOAuthPkce               *pkce;      /* Etsy */
  char                      *state;
  char                      *redirect_uri;
  GCancellable              *cancellable;
  GtkWidget                 *dialog;
  GtkWidget                 *link_label;
  GtkWidget                 *code_entry;
  GtkWidget                 *connect_button;
  GtkWidget                 *spinner;
  GtkLabel                  *message;
} Connect;

static void
connect_free (Connect *c)
{
  g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  if (c->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (c->page), (gpointer *) &c->page);
  g_clear_pointer (&c->account, td_marketplace_account_free);
  g_clear_object (&c->credentials);
  g_clear_pointer (&c->pkce, td_oauth_pkce_free);
  g_free (c->state);
  g_free (c->redirect_uri);
  g_free (c);
}

static void
say (Connect    *c,
     const char *text)
{
  gtk_label_set_text (c->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (c->message), text != NULL);
}

static void
set_busy (Connect  *c,
          gboolean  busy)
{
  gtk_widget_set_sensitive (c->connect_button, !busy);
  gtk_widget_set_sensitive (c->code_entry, !busy);
  gtk_widget_set_visible (c->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (c->spinner), busy);
}

static char *
build_url (Connect *c)
{
  g_autofree char *client_id = td_credentials_dup_string (c->credentials, "client_id", NULL);
  g_autofree char *authorize = td_marketplaces_dup_oauth_url (c->account, "authorize");
  gboolean etsy = g_strcmp0 (c->account->kind, TD_MARKETPLACE_ETSY) == 0;

  if (client_id == NULL || authorize == NULL || c->redirect_uri == NULL)
    return NULL;
  return td_oauth_build_authorize_url (authorize, client_id, c->redirect_uri,
                                       etsy ? ETSY_SCOPES : EBAY_SCOPES, c->pkce, c->state);
}

static void
open_clicked_cb (Connect *c)
{
  g_autofree char *url = build_url (c);

  if (url == NULL)
    {
      say (c, _("The account’s client id or redirect is missing. Disconnect it and add it again."));
      return;
    }
  gtk_label_set_text (GTK_LABEL (c->link_label), url);
  gtk_widget_set_visible (c->link_label, TRUE);
  gtk_show_uri (GTK_WINDOW (c->dialog), url, GDK_CURRENT_TIME);
}

static void
exchanged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connect *c = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) members = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *access, *refresh;
  g_autofree char *text = NULL;

  answer = td_oauth_token_request_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (c, FALSE);
  if (answer == NULL)
    {
      say (c, error->message);
      return;
    }
  access = json_object_get_string_member_with_default (answer, "access_token", NULL);
  refresh = json_object_get_string_member_with_default (answer, "refresh_token", NULL);
  if (access == NULL || refresh == NULL)
    {
      say (c, _("The marketplace answered without a token. Try connecting again."));
      return;
    }
  json_object_set_string_member (members, "access_token", access);
  json_object_set_string_member (members, "refresh_token", refresh);
  json_object_set_int_member (members, "expires_at",
                              now + json_object_get_int_member_with_default (answer, "expires_in",
                                                                             3600));
  if (json_object_has_member (answer, "refresh_token_expires_in"))
    json_object_set_int_member (members, "refresh_expires_at",
                                now + json_object_get_int_member (answer,
                                                                  "refresh_token_expires_in"));
  if (!td_credentials_update (c->credentials, members, &error))
    {
      /* Translators: %s says what went wrong */
      g_autofree char *problem = g_strdup_printf (_("The tokens could not be stored. %s"),
                                                  error->message);
      say (c, problem);
      return;
    }
  if (c->page != NULL)
    {
      TdMarketplacesPreferences *page = c->page;

      td_context_sync_reconnected (page->context, c->account->id);
      td_context_reload_sync (page->context);
      td_marketplaces_preferences_reload (page);
      /* Translators: a toast; %s is the account's name */
      text = g_strdup_printf (_("Connected “%s”"), c->account->name);
      td_marketplaces_preferences_toast (page, text);
    }
  gtk_window_destroy (GTK_WINDOW (c->dialog));
}

static void
connect_clicked_cb (Connect *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *code = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *token_url = NULL;
  gboolean etsy = g_strcmp0 (c->account->kind, TD_MARKETPLACE_ETSY) == 0;

  if (c->page == NULL)
    return;
  code = td_oauth_parse_code (gtk_editable_get_text (GTK_EDITABLE (c->code_entry)), c->state,
                              &error);
  if (code == NULL)
    {
      gtk_widget_add_css_class (c->code_entry, "error");
      say (c, error->message);
      return;
    }
  gtk_widget_remove_css_class (c->code_entry, "error");
  say (c, NULL);

  client_id = td_credentials_dup_string (c->credentials, "client_id", NULL);
  secret = td_credentials_dup_string (c->credentials, "client_secret", NULL);
  token_url = td_marketplaces_dup_oauth_url (c->account, "token");
  form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (form, "grant_type", g_strdup ("authorization_code"));
  g_hash_table_insert (form, "code", g_strdup (code));
  g_hash_table_insert (form, "redirect_uri", g_strdup (c->redirect_uri));
  if (etsy)
    {
      g_hash_table_insert (form, "client_id", g_strdup (client_id));
      g_hash_table_insert (form, "code_verifier", g_strdup (c->pkce->verifier));
    }
  set_busy (c, TRUE);
  td_oauth_token_request_async (td_sync_engine_get_session (td_context_get_sync_engine (c->page->context)),
                                token_url, etsy ? NULL : client_id, etsy ? NULL : secret, form,
                                c->cancellable, exchanged_cb, c);
}

static void
code_changed_cb (Connect *c)
{
  gtk_widget_remove_css_class (c->code_entry, "error");
}

/**
 * td_marketplaces_preferences_connect:
 * @account_id: an eBay or Etsy account
 *
 * Returns: (transfer none) (nullable): the presented dialog
 */
GtkWindow *
td_marketplaces_preferences_connect (TdMarketplacesPreferences *self,
                                     gint64                     account_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *box, *open, *buttons;
  Connect *c;

  g_return_val_if_fail (TD_IS_MARKETPLACES_PREFERENCES (self), NULL);

  c = g_new0 (Connect, 1);
  c->account = td_store_marketplaces_get (td_context_get_database (self->context), account_id,
                                          &error);
  if (c->account == NULL || !td_marketplaces_kind_uses_oauth (c->account->kind))
    {
      connect_free (c);
      return NULL;
    }
  c->page = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &c->page);
  c->cancellable = g_cancellable_new ();
  c->credentials = td_marketplaces_preferences_credentials (self, c->account);
  if (g_strcmp0 (c->account->kind, TD_MARKETPLACE_ETSY) == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      c->pkce = td_oauth_pkce_new ();
      c->state = g_strdup (c->pkce->state);
      if (json_parser_load_from_data (parser, c->account->settings, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        c->redirect_uri = g_strdup (json_object_get_string_member_with_default (
          json_node_get_object (json_parser_get_root (parser)), "redirect_uri", NULL));
    }
  else
    {
      c->state = g_uuid_string_random ();
      c->redirect_uri = td_credentials_dup_string (c->credentials, "ru_name", NULL);
    }

  /* Translators: %s is the account's name */
  heading = g_strdup_printf (_("Connect “%s”"), c->account->name);
  c->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                      _("1. Open the sign-in page: it opens in your browser.\n"
                                        "2. Sign in to the marketplace and allow Thriftdesk.\n"
                                        "3. Copy the address the browser ends on (or just the "
                                        "code) and paste it here."));
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (c->dialog), FALSE);
  gtk_window_set_modal (GTK_WINDOW (c->dialog), TRUE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  open = gtk_button_new_with_mnemonic (_("_Open Sign-in Page"));
  gtk_widget_set_halign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "pill");
  g_signal_connect_swapped (open, "clicked", G_CALLBACK (open_clicked_cb), c);
  c->link_label = gtk_label_new (NULL);
  gtk_label_set_selectable (GTK_LABEL (c->link_label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (c->link_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (c->link_label), 40);
  gtk_widget_add_css_class (c->link_label, "caption");
  gtk_widget_add_css_class (c->link_label, "dim-label");
  gtk_widget_set_visible (c->link_label, FALSE);
  gtk_widget_set_name (c->link_label, "connect-link");
  {
    /* The same page every time this dialog opens it (one state, one PKCE pair), so it can be
     * copied when no browser opens — and read by the tests. */
    g_autofree char *url = build_url (c);

    gtk_label_set_text (GTK_LABEL (c->link_label), url ? url : "");
  }
  c->code_entry = gtk_entry_new ();
  gtk_widget_set_name (c->code_entry, "code-entry");
  gtk_entry_set_placeholder_text (GTK_ENTRY (c->code_entry),
                                  _("Paste the address or the code here"));
  g_signal_connect_swapped (c->code_entry, "changed", G_CALLBACK (code_changed_cb), c);
  g_signal_connect_swapped (c->code_entry, "activate", G_CALLBACK (connect_clicked_cb), c);
  c->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (c->message), "connect-message");
  gtk_label_set_wrap (c->message, TRUE);
  gtk_label_set_xalign (c->message, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (c->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (c->message), FALSE);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  c->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (c->spinner, FALSE);
  c->connect_button = gtk_button_new_with_mnemonic (_("Co_nnect"));
  gtk_widget_set_name (c->connect_button, "connect-button");
  gtk_widget_add_css_class (c->connect_button, "suggested-action");
  g_signal_connect_swapped (c->connect_button, "clicked", G_CALLBACK (connect_clicked_cb), c);
  gtk_box_append (GTK_BOX (buttons), c->spinner);
  gtk_box_append (GTK_BOX (buttons), c->connect_button);
  gtk_box_append (GTK_BOX (box), open);
  gtk_box_append (GTK_BOX (box), c->link_label);
  gtk_box_append (GTK_BOX (box), c->code_entry);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->message));
  gtk_box_append (GTK_BOX (box), buttons);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (c->dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (c->dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (c->dialog), "cancel");
  g_object_set_data_full (G_OBJECT (c->dialog), "td-connect", c, (GDestroyNotify) connect_free);
  gtk_window_present (GTK_WINDOW (c->dialog));
  return GTK_WINDOW (c->dialog);
}

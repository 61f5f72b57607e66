/* td-marketplaces-preferences-accounts.c — Preferences › Marketplaces: the list of accounts.
 *
 * Each account says its kind, sandbox or production, and whether it is connected, not yet
 * connected, or needs reconnecting (the sync engine found its sign-in refused). eBay and Etsy
 * accounts have Connect; every account has Disconnect, which asks first, then stops syncing
 * (td_store_marketplaces_disconnect()) and forgets the keys (td_credentials_forget()).
 * Disconnected accounts stay listed last, dimmed, as "disconnected" (their rows stay in the
 * shop: sales and listings refer to them); to use one again, add it again.
 * The warning that keys are kept in a file (no desktop keyring) is shown here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-marketplaces-preferences-private.h"
#include "td-secrets.h"
#include "td-store-staff.h"

/* ---- The accounts ------------------------------------------------------------------------ */

static gboolean
is_connected (TdMarketplacesPreferences  *self,
              const TdMarketplaceAccount *account)
{
  g_autoptr(TdCredentials) credentials = td_marketplaces_preferences_credentials (self, account);
  const char *member = g_strcmp0 (account->kind, TD_MARKETPLACE_WOOCOMMERCE) == 0 ? "consumer_key"
                       : td_marketplaces_kind_uses_oauth (account->kind) ? "refresh_token"
                       : "access_token";
  g_autofree char *value = td_credentials_dup_string (credentials, member, NULL);

  return value != NULL && *value != '\0';
}

static void
disconnect_response_cb (AdwMessageDialog          *dialog,
                        const char                *response,
                        TdMarketplacesPreferences *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), ACCOUNT_ID));
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autoptr(TdCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "disconnect") != 0)
    return;
  account = td_store_marketplaces_get (db, id, &error);
  if (account == NULL ||
      !td_store_marketplaces_disconnect (db, id, td_context_get_staff_id (self->context),
                                         g_get_real_time (), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The account was not disconnected. %s"),
                                               error->message);
      td_marketplaces_preferences_toast (self, text);
      return;
    }
  credentials = td_marketplaces_preferences_credentials (self, account);
  if (!td_credentials_forget (credentials, &error))
    g_message ("Forgetting the keys of account %" G_GINT64_FORMAT " failed: %s", id, error->message);
  td_marketplaces_preferences_reload (self);
  td_context_reload_sync (self->context);
  {
    /* Translators: a toast; %s is the account's name */
    g_autofree char *text = g_strdup_printf (_("Disconnected “%s”. Its keys are forgotten."),
                                             account->name);

    td_marketplaces_preferences_toast (self, text);
  }
}

static void
disconnect_clicked_cb (GtkButton                 *button,
                       TdMarketplacesPreferences *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), ACCOUNT_ID));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  account = td_store_marketplaces_get (td_context_get_database (self->context), id, NULL);
  if (account == NULL)
    return;
  /* Translators: %s is the account's name */
  heading = g_strdup_printf (_("Disconnect “%s”?"), account->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Thriftdesk stops syncing with it and forgets its keys. "
                                     "Queued changes for it are set aside. Listings stay online "
                                     "as they are: end them on the marketplace if you want them "
                                     "gone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "disconnect", _("_Disconnect"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), ACCOUNT_ID, GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (disconnect_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connect_clicked_cb (GtkButton                 *button,
                    TdMarketplacesPreferences *self)
{
  td_marketplaces_preferences_connect (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                                                  ACCOUNT_ID)));
}

static void
setup_clicked_cb (GtkButton                 *button,
                  TdMarketplacesPreferences *self)
{
  td_marketplaces_preferences_set_up (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                                                 ACCOUNT_ID)));
}

static GtkWidget *
account_button (TdMarketplacesPreferences *self,
                gint64                     id,
                const char                *label,
                GCallback                  callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), ACCOUNT_ID, GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
load_secrets (TdMarketplacesPreferences *self)
{
  TdSecrets *secrets = td_context_get_secrets (self->context);
  g_autofree char *text = NULL;

  td_secrets_probe (secrets);
  gtk_widget_set_visible (GTK_WIDGET (self->secrets_group), td_secrets_is_fallback (secrets));
  if (!td_secrets_is_fallback (secrets))
    return;
  text = g_strdup_printf (_("No desktop keyring is available, so marketplace keys and tokens are "
                            "kept in a private file only your user can read: %s. Anyone who "
                            "copies it can act on the shop’s online stores."),
                          td_secrets_get_fallback_path (secrets));
  adw_action_row_set_subtitle (self->secrets_row, text);
}

void
td_marketplaces_preferences_reload (TdMarketplacesPreferences *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean may;
  GtkWidget *child;

  g_return_if_fail (TD_IS_MARKETPLACES_PREFERENCES (self));

  may = td_context_staff_can (self->context, TD_PERMISSION_MARKETPLACE_ACCOUNTS);
  gtk_widget_set_visible (GTK_WIDGET (self->locked_group), !may);
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), may);
  gtk_widget_set_visible (GTK_WIDGET (self->add_group), may);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);
  if (!may)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->secrets_group), FALSE);
      return;
    }
  load_secrets (self);

  /* Active first, then the disconnected ones. */
  accounts = td_store_marketplaces_list (td_context_get_database (self->context), TRUE, &error);
  if (accounts == NULL)
    g_message ("Reading the marketplace accounts failed: %s", error->message);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const TdMarketplaceAccount *a = accounts->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      gboolean connected = a->active && is_connected (self, a);
      gboolean reconnect = a->active && td_context_sync_needs_reconnect (self->context, a->id);
      g_autofree char *subtitle = NULL;
      const char *state;

      if (!a->active)
        state = _("disconnected");
      else if (reconnect)
        state = _("needs reconnecting");
      else if (connected)
        state = _("connected");
      else
        state = _("not connected yet: press Connect");
      /* Translators: "eBay · Sandbox · connected" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), td_marketplaces_kind_label (a->kind),
                                  a->sandbox ? _("Sandbox") : _("Production"), state);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), ACCOUNT_ID, GSIZE_TO_POINTER ((gsize) a->id));
      if (!a->active)
        {
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("td-marketplaces-symbolic"));
          gtk_widget_add_css_class (row, "dim-label");
          gtk_list_box_append (self->accounts_list, row);
          continue;
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (reconnect || !connected
                                                               ? "dialog-warning-symbolic"
                                                               : "td-marketplaces-symbolic"));
      if (reconnect || !connected)
        gtk_widget_add_css_class (row, "warning");
      if (td_marketplaces_kind_uses_oauth (a->kind))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   account_button (self, a->id,
                                                   connected && !reconnect ? _("Re_connect")
                                                                           : _("_Connect…"),
                                                   G_CALLBACK (connect_clicked_cb)));
      if (g_strcmp0 (a->kind, TD_MARKETPLACE_EBAY) == 0 && connected && !reconnect)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   account_button (self, a->id, _("Set _Up…"),
                                                   G_CALLBACK (setup_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 account_button (self, a->id, _("_Disconnect…"),
                                                 G_CALLBACK (disconnect_clicked_cb)));
      gtk_list_box_append (self->accounts_list, row);
    }
  if (accounts == NULL || accounts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No accounts yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add one below to publish items online."));
      gtk_list_box_append (self->accounts_list, row);
    }
}

GtkWidget *
td_marketplaces_preferences_get_account_row (TdMarketplacesPreferences *self,
                                             gint64                     account_id)
{
  g_return_val_if_fail (TD_IS_MARKETPLACES_PREFERENCES (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), ACCOUNT_ID)) == account_id)
      return row;
  return NULL;
}

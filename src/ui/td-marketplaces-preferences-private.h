/* td-marketplaces-preferences-private.h — shared by td-marketplaces-preferences*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-credentials.h"
#include "td-marketplaces-preferences.h"
#include "td-store-marketplaces.h"

G_BEGIN_DECLS

/* Rows and buttons carry the account's id under this key. */
#define ACCOUNT_ID "td-account-id"

struct _TdMarketplacesPreferences
{
  AdwPreferencesPage    parent_instance;

  TdContext            *context;
  gboolean              filling;      /* the code fills fields: not a user's edit */

  /* Template widgets */
  AdwPreferencesGroup  *locked_group;
  AdwPreferencesGroup  *secrets_group;
  AdwActionRow         *secrets_row;
  AdwPreferencesGroup  *accounts_group;
  GtkListBox           *accounts_list;
  AdwPreferencesGroup  *add_group;
  AdwComboRow          *kind_row;
  AdwEntryRow          *name_row;
  GtkSwitch            *sandbox_switch;
  AdwEntryRow          *shop_url_row;
  AdwEntryRow          *client_id_row;
  AdwEntryRow          *client_secret_row;
  AdwEntryRow          *redirect_row;
  AdwEntryRow          *consumer_key_row;
  AdwEntryRow          *consumer_secret_row;
  AdwEntryRow          *access_token_row;
  AdwEntryRow          *fulfillment_policy_row;
  AdwEntryRow          *payment_policy_row;
  AdwEntryRow          *return_policy_row;
  AdwEntryRow          *location_key_row;
  AdwEntryRow          *category_row;
  AdwEntryRow          *etsy_shop_row;
  AdwEntryRow          *shipping_profile_row;
  AdwEntryRow          *readiness_row;
  AdwEntryRow          *location_id_row;
  AdwExpanderRow       *advanced_row;
  AdwEntryRow          *base_url_row;
  AdwEntryRow          *authorize_url_row;
  AdwEntryRow          *token_url_row;
  GtkLabel             *add_message;
  GtkButton            *add_button;
};

/* The kinds, in the order of the kind row's model. */
const char *td_marketplaces_kind_at          (guint        index);
const char *td_marketplaces_kind_label       (const char  *kind);
gboolean    td_marketplaces_kind_uses_oauth  (const char  *kind);
/* Sign-in page and token endpoint: the account's `settings.urls` or the kind's default. */
char       *td_marketplaces_dup_oauth_url    (const TdMarketplaceAccount *account,
                                              const char  *which);
const char *td_marketplaces_default_oauth_url (const char *kind,
                                              gboolean     sandbox,
                                              const char  *which);
TdCredentials *td_marketplaces_preferences_credentials (TdMarketplacesPreferences  *self,
                                                        const TdMarketplaceAccount *account);
void        td_marketplaces_preferences_toast (TdMarketplacesPreferences *self,
                                               const char                *text);

G_END_DECLS

/* td-marketplaces-preferences.h — Preferences › Marketplaces: the shop's marketplace accounts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_MARKETPLACES_PREFERENCES (td_marketplaces_preferences_get_type ())

G_DECLARE_FINAL_TYPE (TdMarketplacesPreferences, td_marketplaces_preferences, TD,
                      MARKETPLACES_PREFERENCES, AdwPreferencesPage)

TdMarketplacesPreferences *td_marketplaces_preferences_new    (TdContext                 *context);
void                       td_marketplaces_preferences_reload (TdMarketplacesPreferences *self);
/* The row of @account_id in the accounts list (tests), or NULL. */
GtkWidget                 *td_marketplaces_preferences_get_account_row
                                                              (TdMarketplacesPreferences *self,
                                                               gint64                     account_id);
/* Opens the OAuth "Connect" dialog of an eBay or Etsy account. (transfer none) */
GtkWindow                 *td_marketplaces_preferences_connect (TdMarketplacesPreferences *self,
                                                                gint64                     account_id);
/* Opens the one-time setup of a connected eBay account (policies, location, category, asked
 * of eBay). (transfer none) (nullable): NULL, with a toast, when the account can't be used */
GtkWindow                 *td_marketplaces_preferences_set_up  (TdMarketplacesPreferences *self,
                                                                gint64                     account_id);

G_END_DECLS

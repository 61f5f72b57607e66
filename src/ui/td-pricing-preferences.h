/* td-pricing-preferences.h — the Preferences page for pricing rules: rounding, markdown
 * schedules, shop closures and promotions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_PRICING_PREFERENCES (td_pricing_preferences_get_type ())

G_DECLARE_FINAL_TYPE (TdPricingPreferences, td_pricing_preferences, TD, PRICING_PREFERENCES,
                      AdwPreferencesPage)

TdPricingPreferences *td_pricing_preferences_new     (TdContext *context);

G_END_DECLS

/* td-impact-preferences.h — the Preferences page for the circular-impact factors: per
 * category, the shipped default with its source and the shop's own figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_IMPACT_PREFERENCES (td_impact_preferences_get_type ())

G_DECLARE_FINAL_TYPE (TdImpactPreferences, td_impact_preferences, TD, IMPACT_PREFERENCES,
                      AdwPreferencesPage)

TdImpactPreferences *td_impact_preferences_new       (TdContext           *context);
gboolean             td_impact_preferences_save      (TdImpactPreferences *self);
GtkWidget           *td_impact_preferences_get_field (TdImpactPreferences *self,
                                                      gint64               category_id,
                                                      const char          *field);

G_END_DECLS

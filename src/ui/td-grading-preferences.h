/* td-grading-preferences.h — the Preferences page for the grading scale and defect checklists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_GRADING_PREFERENCES (td_grading_preferences_get_type ())

G_DECLARE_FINAL_TYPE (TdGradingPreferences, td_grading_preferences, TD, GRADING_PREFERENCES,
                      AdwPreferencesPage)

TdGradingPreferences *td_grading_preferences_new          (TdContext            *context);
gboolean              td_grading_preferences_save_grade   (TdGradingPreferences *self,
                                                           guint                 index);
gboolean              td_grading_preferences_move_grade   (TdGradingPreferences *self,
                                                           guint                 index,
                                                           int                   delta);
GtkWidget            *td_grading_preferences_get_field    (TdGradingPreferences *self,
                                                           guint                 index,
                                                           const char           *field);

G_END_DECLS

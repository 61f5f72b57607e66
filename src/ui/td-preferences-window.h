/* td-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_PREFERENCES_WINDOW (td_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, TD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

TdPreferencesWindow *td_preferences_window_new         (TdContext           *context);
TdContext           *td_preferences_window_get_context (TdPreferencesWindow *self);

G_END_DECLS

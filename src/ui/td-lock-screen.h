/* td-lock-screen.h — the counter's lock: pick your name, type your PIN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_LOCK_SCREEN (td_lock_screen_get_type ())

G_DECLARE_FINAL_TYPE (TdLockScreen, td_lock_screen, TD, LOCK_SCREEN, AdwBin)

TdLockScreen *td_lock_screen_new         (void);
void          td_lock_screen_set_context (TdLockScreen *self,
                                          TdContext    *context);
void          td_lock_screen_reload      (TdLockScreen *self);
gboolean      td_lock_screen_is_setup    (TdLockScreen *self);
void          td_lock_screen_grab_focus  (TdLockScreen *self);

G_END_DECLS

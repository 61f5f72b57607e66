/* td-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"
#include "td-demo.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

TdWindow   *td_window_new                (GtkApplication      *application,
                                          TdContext           *context);
TdContext  *td_window_get_context        (TdWindow            *self);
const char *td_window_get_section        (TdWindow            *self);
void        td_window_set_section        (TdWindow            *self,
                                          const char          *section);
void        td_window_build_demo         (TdWindow            *self,
                                          const TdDemoOptions *options);

/* td-window-lock.c: the lock screen */
void        td_window_lock               (TdWindow            *self);
gboolean    td_window_is_locked          (TdWindow            *self);
GtkWidget  *td_window_get_lock_screen    (TdWindow            *self);

G_END_DECLS

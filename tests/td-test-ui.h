/* td-test-ui.h — signing in at the lock screen, for the UI tests (header-only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-lock-screen.h"
#include "td-store-staff.h"
#include "td-window.h"

static inline GtkWidget *
td_test_lock_child (TdWindow   *window,
                    const char *id)
{
  GObject *child = gtk_widget_get_template_child (td_window_get_lock_screen (window),
                                                  TD_TYPE_LOCK_SCREEN, id);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

/* A click, at once (gtk_widget_activate() on a button clicks only after a short timeout). */
static inline void
td_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Types @text into an emptied lock-screen field the way a keyboard does: one character at a time into
 * the field's text (so the digits-only filter sees each). */
static inline void
td_test_lock_type (TdWindow   *window,
                   const char *field,
                   const char *text)
{
  GtkEditable *editable = GTK_EDITABLE (td_test_lock_child (window, field));
  GtkEditable *delegate = gtk_editable_get_delegate (editable);

  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_set_text (editable, "");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int pos = gtk_editable_get_position (delegate ? delegate : editable);

      gtk_editable_insert_text (delegate ? delegate : editable, p,
                                g_utf8_next_char (p) - p, &pos);
      gtk_editable_set_position (delegate ? delegate : editable, pos);
    }
}

/* Picks the @index-th name of the sign-in list, types @pin and presses Unlock. */
static inline void
td_test_lock_sign_in (TdWindow   *window,
                      guint       index,
                      const char *pin)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (td_test_lock_child (window, "staff_dropdown")),
                              index);
  td_test_lock_type (window, "pin_entry", pin);
  td_test_click (td_test_lock_child (window, "unlock_button"));
}

/* For tests about something else: signs the shop's first owner in without the lock screen. */
static inline void
td_test_sign_in_owner (TdWindow *window)
{
  TdContext *context = td_window_get_context (window);
  g_autoptr(GPtrArray) staff = td_store_staff_list (td_context_get_database (context), FALSE,
                                                    NULL);

  g_assert_nonnull (staff);
  for (guint i = 0; i < staff->len; i++)
    {
      TdStaff *s = staff->pdata[i];

      if (s->role == TD_ROLE_OWNER)
        {
          g_assert_true (td_context_set_staff (context, s->id, NULL));
          g_assert_false (td_window_is_locked (window));
          return;
        }
    }
  g_assert_not_reached ();
}

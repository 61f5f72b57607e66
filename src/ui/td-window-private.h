/* td-window-private.h — shared between td-window*.c, split by concern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-store.h"
#include "td-window.h"

G_BEGIN_DECLS

struct _TdWindow
{
  AdwApplicationWindow  parent_instance;

  TdContext            *context;
  GCancellable         *cancellable;       /* cancelled when the window goes away */

  /* Summaries of the sections, loaded off the main thread (td-window-summary.c) */
  guint                 summary_serial;    /* results of older loads are dropped */

  /* First run and the demo shop (td-window-demo.c) */
  guint                 welcome_source;
  gboolean              welcome_done;      /* offered, or made moot by a demo build */
  GCancellable         *demo_cancellable;  /* non-NULL while a demo shop is being built */

  /* The lock screen (td-window-lock.c) */
  struct _TdLockScreen *lock_screen;
  GtkWidget            *lock_content;      /* the template's content, under the lock */
  GtkButton            *staff_button;      /* in the header bar: who is signed in */
  gboolean              locked;
  GtkWidget            *focus_before_lock; /* weak */
  gint64                last_activity;     /* monotonic µs */
  guint                 idle_source;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *stack;
  GtkLabel             *inventory_summary;
  GtkLabel             *consignors_summary;
  GtkLabel             *reports_summary;
};

/* td-window-summary.c */
void  td_window_reload_summary        (TdWindow            *self);
char *td_window_format_inventory      (const TdShopSummary *summary);
char *td_window_format_consignors     (const TdShopSummary *summary);
char *td_window_format_reports        (const TdShopSummary *summary);

/* td-window-lock.c */
void  td_window_lock_class_init       (GtkWidgetClass      *widget_class);
void  td_window_lock_init             (TdWindow            *self);
void  td_window_lock_start            (TdWindow            *self);
void  td_window_lock_dispose          (TdWindow            *self);

/* td-window-csv.c: Import… and Export… */
void  td_window_csv_class_init        (GtkWidgetClass      *widget_class);
void  td_window_import_file           (TdWindow            *self,
                                       GFile               *file);
void  td_window_export_to             (TdWindow            *self,
                                       const char          *folder);

/* td-window-demo.c */
void  td_window_schedule_welcome      (TdWindow            *self);
void  td_window_cancel_demo           (TdWindow            *self);

G_END_DECLS

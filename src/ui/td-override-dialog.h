/* td-override-dialog.h — "Ask a manager": an approver's PIN for one act.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"
#include "td-permission.h"

G_BEGIN_DECLS

/* @granted: the approver's PIN was right; the store's next check of @permission for the
 * signed-in staff member passes once (td_store_authorize()'s one-shot grant). */
typedef void (*TdOverrideDone) (gboolean granted,
                                gpointer user_data);

GtkWidget *td_override_dialog_present (GtkWindow      *parent,
                                       TdContext      *context,
                                       TdPermission    permission,
                                       TdOverrideDone  done,
                                       gpointer        user_data);
gboolean   td_override_dialog_approve (GtkWidget      *dialog,
                                       guint           approver_index,
                                       const char     *pin);

/* A set of #TdPermission for td_override_offer(). */
#define TD_OVERRIDE_MASK(permission) (1u << (permission))

/* Does the refused act again, now that an approver's PIN left a one-shot grant; @owner is
 * the widget that asked (still alive), @approver_id who approved. Runs synchronously: any
 * grant it leaves unused is taken back when it returns. */
typedef void (*TdOverrideRetry) (GtkWidget *owner,
                                 gint64     approver_id,
                                 gpointer   user_data);

gboolean   td_override_offer          (GtkWidget      *owner,
                                       TdContext      *context,
                                       const char     *heading,
                                       const GError   *refusal,
                                       guint           permissions,
                                       TdOverrideRetry retry,
                                       gpointer        user_data,
                                       GDestroyNotify  destroy);
gboolean   td_override_can_offer      (TdContext      *context,
                                       guint           permissions);

G_END_DECLS

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

G_END_DECLS

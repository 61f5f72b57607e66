/* td-context.h — what the application hands down to its windows: the shop's services.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-database.h"
#include "td-money.h"

G_BEGIN_DECLS

#define TD_TYPE_CONTEXT (td_context_get_type ())

G_DECLARE_FINAL_TYPE (TdContext, td_context, TD, CONTEXT, GObject)

TdContext        *td_context_new              (TdDatabase  *database);
TdDatabase       *td_context_get_database     (TdContext   *self);
const TdCurrency *td_context_get_currency     (TdContext   *self);
char             *td_context_format_money     (TdContext   *self,
                                               gint64       amount);
char             *td_context_dup_shop_name    (TdContext   *self);
GSettings        *td_context_get_settings     (TdContext   *self);
void              td_context_reload           (TdContext   *self);

/* Who is signed in at this counter (the lock screen sets it); 0 and NULL when nobody is. */
gint64            td_context_get_staff_id     (TdContext   *self);
const char       *td_context_get_staff_name   (TdContext   *self);
gboolean          td_context_set_staff        (TdContext   *self,
                                               gint64       staff_id,
                                               GError     **error);
gboolean          td_context_staff_can        (TdContext   *self,
                                               int          permission);
struct _TdSecrets *td_context_get_secrets     (TdContext   *self);

G_END_DECLS

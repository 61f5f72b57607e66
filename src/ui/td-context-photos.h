/* td-context-photos.h — the shop's photo store, reached through the TdContext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-context.h"
#include "td-photo-store.h"

G_BEGIN_DECLS

TdPhotoStore *td_context_get_photo_store (TdContext *self);

G_END_DECLS

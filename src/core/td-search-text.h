/* td-search-text.h — the one normalised string FTS5 indexes per item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *td_search_text_build (const char * const *fields);

G_END_DECLS

/* td-search-query.h — what someone typed in the search box, made into a search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds on what is searched, so no input can make a search slow: further words and
 * longer words are ignored. */
#define TD_SEARCH_QUERY_MAX_TOKENS      8
#define TD_SEARCH_QUERY_MAX_TOKEN_BYTES 64

/**
 * TdSearchQuery:
 * @match: (nullable): an FTS5 MATCH expression for `item_fts`, each typed word quoted as a
 *   prefix (`"levis"* "501"*`, implicit AND); %NULL when nothing searchable was typed
 *   (the whole stock)
 * @code: (nullable): an exact SKU or barcode to look up first: set when the input is digits
 *   only ("5012345678900", "0042") or shaped like a SKU ("ab12-0042" → "AB12-0042")
 * @n_tokens: how many words @match holds
 *
 * Pure: no database. td_store_items_query_new() runs it.
 */
typedef struct
{
  char  *match;
  char  *code;
  guint  n_tokens;
} TdSearchQuery;

TdSearchQuery *td_search_query_parse    (const char          *typed);
TdSearchQuery *td_search_query_copy     (const TdSearchQuery *query);
void           td_search_query_free     (TdSearchQuery       *query);
gboolean       td_search_query_is_empty (const TdSearchQuery *query);
char          *td_search_query_fold     (const char          *typed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSearchQuery, td_search_query_free)

G_END_DECLS

/* td-shopify-fixture.h — the set-up test-shopify.c runs every scenario on: a Shopify fake on
 * 127.0.0.1, a file-backed secret with the token, the account's TdShopify built by the
 * factory, a photo on disk, and helpers that run one operation to its end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-shopify.h"
#include "td-marketplace.h"

G_BEGIN_DECLS

#define TOKEN "shpat_test_token"

typedef struct
{
  char          *dir;
  TdFakeServer  *server;
  TdFakeShopify *fake;
  SoupSession   *session;
  TdSecrets     *secrets;
  TdCredentials *credentials;
  TdMarketplace *marketplace;
  char          *photo;
  GPtrArray     *known;       /* "item_id remote_id remote_ref" as remote_known saw them */
} Fixture;

/* @data: the token the app holds (NULL: the right one). */
void           fixture_set_up    (Fixture       *fx,
                                  gconstpointer  data);
void           fixture_tear_down (Fixture       *fx,
                                  gconstpointer  data);
/* A one-off item priced @price cents (USD), with the fixture's photo or none. */
TdSyncItem    *make_item         (Fixture       *fx,
                                  const char    *sku,
                                  gint64         price,
                                  gboolean       with_photo);
/* Runs @op for @item alone; returns its one outcome. */
TdSyncOutcome *run_op            (Fixture       *fx,
                                  TdSyncOp       op,
                                  TdSyncItem    *item);
TdOrderPage   *pull              (Fixture       *fx,
                                  const char    *cursor);
/* The string member @name of the JSON object text @json. */
char          *json_member       (const char    *json,
                                  const char    *name);

G_END_DECLS

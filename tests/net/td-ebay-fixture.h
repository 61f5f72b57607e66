/* td-ebay-fixture.h — what the eBay tests share: the fake on 127.0.0.1, an account whose
 * credentials sit in a fallback secrets file, real JPEG photos, and helpers to run a batch or
 * one order pull.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-ebay.h"
#include "td-marketplace.h"
#include "td-test.h"

G_BEGIN_DECLS

#define CLIENT_ID     "ThriftDe-shop-PRD-1234"
#define CLIENT_SECRET "PRD-s3cret"

typedef struct
{
  char          *dir;
  TdFakeServer  *server;
  TdFakeEbay    *fake;
  SoupSession   *session;
  TdSecrets     *secrets;
  TdCredentials *credentials;
  TdMarketplace *marketplace;
  char          *photos[3];
  GPtrArray     *known;       /* "item|remote_id|remote_ref|requests so far" */
  GHashTable    *last_ref;    /* item id → last remote_ref */
} Fixture;

/* Points the class at @inventory / @fulfillment / @media (the fake or Prism proxies); the
 * other APIs and the token endpoint stay on the fake. */
void           fixture_connect   (Fixture       *fx,
                                  const char    *inventory,
                                  const char    *fulfillment,
                                  const char    *media);
void           fixture_set_up    (Fixture       *fx,
                                  gconstpointer  data);
void           fixture_tear_down (Fixture       *fx,
                                  gconstpointer  data);
/* Item @n (1…), SKU TD-00000n, USD 24.99 + n cents, with @n_photos (≤ 3). */
TdSyncItem    *make_item         (Fixture       *fx,
                                  guint          n,
                                  guint          n_photos);
void           on_done           (GObject       *source,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
gboolean       have_result       (gpointer       data);
/* Runs @op for the NULL-terminated items; the outcomes, one per item (ids copied back into
 * the items as the engine would store them). remote_known lands in fx->known / last_ref. */
GPtrArray     *run_batch         (Fixture       *fx,
                                  TdSyncOp       op,
                                  TdSyncItem    *first,
                                  ...) G_GNUC_NULL_TERMINATED;
TdSyncOutcome *outcome_at        (GPtrArray     *outcomes,
                                  guint          index);
TdOrderPage   *pull              (Fixture       *fx,
                                  const char    *cursor);
/* The @index-th logged request (negative: from the end). */
TdFakeRequest *request_at        (Fixture       *fx,
                                  int            index);
char          *request_body      (TdFakeRequest *request);
/* The index of the first logged request to @path, -1 when none. */
int            first_request     (Fixture       *fx,
                                  const char    *path);

G_END_DECLS

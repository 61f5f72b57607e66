/* td-etsy-fixture.h — what the Etsy tests share: the fake on 127.0.0.1, an account whose
 * credentials sit in a fallback secrets file, photos, and helpers to run one op or one pull.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-etsy-private.h"
#include "td-fake-etsy.h"
#include "td-test.h"

G_BEGIN_DECLS

#define KEYSTRING "etsykeystring1"
#define SECRET    "s3cret"
#define API_KEY   KEYSTRING ":" SECRET
#define SHOP      "/v3/application/shops/4242"
#define FIRST_ID  "1000001"

typedef struct
{
  char          *dir;
  TdFakeServer  *server;
  TdFakeEtsy    *fake;
  SoupSession   *session;
  TdSecrets     *secrets;
  TdCredentials *credentials;
  TdMarketplace *marketplace;
  char          *photos[4];
  GPtrArray     *known;       /* "remote_id|remote_ref|requests so far" per remote_known */
  char          *last_id;
  char          *last_ref;
} Fixture;

typedef struct
{
  const char *secret;    /* the stored credentials JSON, NULL: a valid one */
} Setup;

/* (Re)builds the class for @base_url; @tags: send tags (the contract test can't). */
void           fixture_connect   (Fixture       *fx,
                                  const char    *base_url,
                                  gboolean       tags);
/* @data: a Setup or NULL. */
void           fixture_set_up    (Fixture       *fx,
                                  gconstpointer  data);
void           fixture_tear_down (Fixture       *fx,
                                  gconstpointer  data);
/* Item 7, SKU TD-000123, USD 24.99, made in @year, with @n_photos (≤ 3). */
TdSyncItem    *make_item         (Fixture       *fx,
                                  int            year,
                                  guint          n_photos);
/* Runs @op for @item alone; its outcome. remote_known lands in fx->known / last_id / last_ref. */
TdSyncOutcome *run_op            (Fixture       *fx,
                                  TdSyncOp       op,
                                  TdSyncItem    *item);
TdOrderPage   *pull              (Fixture       *fx,
                                  const char    *cursor);
/* The @index-th logged request (negative: from the end). */
TdFakeRequest *request_at        (Fixture       *fx,
                                  int            index);
char          *request_body      (TdFakeRequest *request);
/* Publishes a fresh vintage item with @n_photos; checks it went live; the item as stored. */
TdSyncItem    *publish_live      (Fixture       *fx,
                                  guint          n_photos);

G_END_DECLS

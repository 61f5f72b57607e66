/* td-test-contract.h — contract checks for the marketplace tests.
 *
 * td_test_contract_start() runs a validating Prism proxy (tests/contracts/marketplace-mock.sh,
 * specs in tests/contracts/specs/) on 127.0.0.1 in front of a fake server, waits until it
 * listens, and gives its URL: point the marketplace class at it instead of at the fake. Every
 * request the class sends is then checked against the official contract; an invalid request is
 * answered 422 and not forwarded, and the response carries an `sl-violations` header.
 * The URL handed out is a small relay inside the test process that forwards to Prism and
 * records every `sl-violations` entry and Prism error answer; td_test_contract_violations()
 * returns those lines, so a test asserts zero.
 *
 * When npm/Prism is not installed (TD_TEST_PRISM unset and no /tmp/prism-cli), start returns
 * NULL and the test calls g_test_skip() with the visible reason ./test.sh prints.
 *
 * td_test_graphql_validate() checks a Shopify GraphQL document against the stored Admin API
 * schema (tests/contracts/specs/shopify/admin_2026-10.json.gz) with graphql-validate.mjs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TdTestContract TdTestContract;

/* @spec: ebay-inventory | ebay-fulfillment | ebay-account | ebay-media | etsy | woocommerce.
 * @upstream_url: the fake's "http://127.0.0.1:PORT". Returns NULL with @skip_reason set when
 * Prism is unavailable; aborts the test on any other failure. */
TdTestContract *td_test_contract_start      (const char      *spec,
                                             const char      *upstream_url,
                                             char           **skip_reason);
const char     *td_test_contract_get_url    (TdTestContract  *self);
/* Every violation Prism reported so far, one line each ("POST /offer: request.body.sku
 * must be string"); empty array when none. Returns: (transfer full) */
GPtrArray      *td_test_contract_violations (TdTestContract  *self);
void            td_test_contract_stop       (TdTestContract  *self);

/* %TRUE when valid; FALSE with @errors (one line each) when not; skips (returns TRUE with
 * *skip_reason set) when node/graphql is unavailable. */
gboolean        td_test_graphql_validate    (const char      *document,
                                             char           **errors,
                                             char           **skip_reason);

G_END_DECLS

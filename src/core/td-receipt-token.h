/* td-receipt-token.h — the signed code printed as a QR on every receipt.
 *
 * A token names one receipt (register + receipt number) of one shop and carries a truncated
 * HMAC-SHA256 under the shop's secret key, so a scanned receipt opens the right sale and an
 * altered or foreign one is refused. Text form: RFC 4648 base32 without padding (upper case:
 * QR alphanumeric mode, and staff can type it), optionally after a URL prefix.
 *
 * The key is passed in (the keyring storage of the secret lives elsewhere).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers are named by short ids ("main", "till-2"); longer ones can't go in a token. */
#define TD_RECEIPT_TOKEN_MAX_REGISTER 32

/**
 * TdReceiptTokenInfo:
 * What a token names, after td_receipt_token_parse() verified it.
 */
typedef struct
{
  char   register_id[TD_RECEIPT_TOKEN_MAX_REGISTER + 1];
  gint64 receipt_no;
} TdReceiptTokenInfo;

char     *td_receipt_token_encode (const char          *shop_id,
                                   GBytes              *key,
                                   const char          *register_id,
                                   gint64               receipt_no,
                                   const char          *url_prefix);
gboolean  td_receipt_token_parse  (const char          *text,
                                   const char          *shop_id,
                                   GBytes              *key,
                                   TdReceiptTokenInfo  *info,
                                   GError             **error);
gboolean  td_receipt_token_looks_like (const char      *text);

G_END_DECLS

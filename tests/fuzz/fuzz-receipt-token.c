/* fuzz-receipt-token.c — libFuzzer harness for the receipt QR token parser.
 *
 * A scanned receipt is untrusted text: parsing must never crash, and must only accept a
 * token that was really signed with the shop's key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "td-receipt-token.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint8 key_data[32] = "thriftdesk-fuzz-key-0123456789a";
  g_autoptr(GBytes) key = g_bytes_new_static (key_data, sizeof key_data);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  TdReceiptTokenInfo info = { 0 };

  td_receipt_token_looks_like (text);
  if (td_receipt_token_parse (text, "fuzz-shop", key, &info, &error))
    {
      /* Accepted: it must be exactly what encoding those fields gives (no forgery). */
      g_autofree char *again = td_receipt_token_encode ("fuzz-shop", key, info.register_id,
                                                        info.receipt_no, NULL);
      g_autoptr(GError) again_error = NULL;
      TdReceiptTokenInfo info2 = { 0 };

      g_assert (again != NULL);
      g_assert (td_receipt_token_parse (again, "fuzz-shop", key, &info2, &again_error));
      g_assert (info2.receipt_no == info.receipt_no);
      g_assert (strcmp (info2.register_id, info.register_id) == 0);
    }
  else
    g_assert (error != NULL);
  return 0;
}

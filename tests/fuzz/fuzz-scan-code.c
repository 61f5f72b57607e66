/* fuzz-scan-code.c — libFuzzer harness for what a barcode scan is read as: manufacturer
 * codes (EAN, UPC, ISBN) normalised by td_product_code_normalize().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "td-product-code.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *normalized = NULL;
  TdProductCodeKind kind;

  if (td_product_code_normalize (text, &normalized, &kind))
    {
      g_autofree char *again = NULL;
      TdProductCodeKind kind2;

      /* Normalising is idempotent: the stored form reads back as itself. */
      g_assert (normalized != NULL);
      g_assert (td_product_code_normalize (normalized, &again, &kind2));
      g_assert (strcmp (again, normalized) == 0);
    }
  return 0;
}

/* td-product-code.c — manufacturer codes (EAN, UPC, ISBN) that scan to an item.
 *
 * One canonical form per product, so that whatever a scanner or a person sends finds it:
 * UPC-A (12 digits), EAN-13 and ISBN-10 all become the 13-digit GTIN printed as the barcode
 * (UPC-A with a leading 0, ISBN-10 as 978 + its first nine digits + a new check digit);
 * EAN-8 stays 8 digits. Scanners set to send UPC-A as 12 or 13 digits reach the same row,
 * as long as the lookup normalises its input with this function too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stock"

#include "config.h"

#include <string.h>

#include "td-product-code.h"

/* GS1 check digit: weights 3, 1, 3 … from the digit left of the check digit. */
static int
gtin_check_digit (const char *digits,
                  gsize       n_without_check)
{
  int sum = 0;

  for (gsize i = 0; i < n_without_check; i++)
    {
      int d = digits[n_without_check - 1 - i] - '0';

      sum += (i % 2 == 0) ? 3 * d : d;
    }
  return (10 - sum % 10) % 10;
}

static gboolean
gtin_valid (const char *digits,
            gsize       len)
{
  return gtin_check_digit (digits, len - 1) == digits[len - 1] - '0';
}

static gboolean
isbn10_valid (const char *chars)
{
  int sum = 0;

  for (int i = 0; i < 10; i++)
    {
      int value;

      if (chars[i] == 'X' || chars[i] == 'x')
        {
          if (i != 9)
            return FALSE;
          value = 10;
        }
      else
        value = chars[i] - '0';
      sum += (10 - i) * value;
    }
  return sum % 11 == 0;
}

/**
 * td_product_code_normalize:
 * @text: what was typed or scanned; spaces and hyphens are ignored ("978-3-16-148410-0")
 * @normalized: (out) (optional) (transfer full): the canonical code to store and look up
 * @kind: (out) (optional): what kind of code @text is
 *
 * Checks the length and check digit of an EAN-8, UPC-A, EAN-13 (ISBN-13) or ISBN-10.
 *
 * Returns: %TRUE when @text is a valid code
 */
gboolean
td_product_code_normalize (const char         *text,
                           char              **normalized,
                           TdProductCodeKind  *kind)
{
  g_autoptr(GString) chars = g_string_new (NULL);
  TdProductCodeKind found;
  g_autofree char *out = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      if (!g_ascii_isdigit (*p) && *p != 'X' && *p != 'x')
        return FALSE;
      if (chars->len >= 13)
        return FALSE;
      g_string_append_c (chars, *p);
    }

  /* Only an ISBN-10 may end in X, and nothing else may hold one. */
  if (strpbrk (chars->str, "Xx") != NULL && chars->len != 10)
    return FALSE;

  switch (chars->len)
    {
    case 8:
      if (!gtin_valid (chars->str, 8))
        return FALSE;
      found = TD_PRODUCT_CODE_EAN8;
      out = g_strdup (chars->str);
      break;

    case 10:
      if (!isbn10_valid (chars->str))
        return FALSE;
      found = TD_PRODUCT_CODE_ISBN10;
      out = g_strdup_printf ("978%.9s0", chars->str);
      out[12] = (char) ('0' + gtin_check_digit (out, 12));
      break;

    case 12:
      if (!gtin_valid (chars->str, 12))
        return FALSE;
      found = TD_PRODUCT_CODE_UPCA;
      out = g_strconcat ("0", chars->str, NULL);
      break;

    case 13:
      if (!gtin_valid (chars->str, 13))
        return FALSE;
      found = g_str_has_prefix (chars->str, "978") || g_str_has_prefix (chars->str, "979")
              ? TD_PRODUCT_CODE_ISBN13 : TD_PRODUCT_CODE_EAN13;
      out = g_strdup (chars->str);
      break;

    default:
      return FALSE;
    }

  if (kind != NULL)
    *kind = found;
  if (normalized != NULL)
    *normalized = g_steal_pointer (&out);
  return TRUE;
}

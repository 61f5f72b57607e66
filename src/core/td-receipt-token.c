/* td-receipt-token.c — the signed code printed as a QR on every receipt.
 *
 * Bytes, then RFC 4648 base32 (no padding; only the canonical spelling is accepted, so no
 * two texts name the same token):
 *
 *   version (1 = 0x01) · shop tag (4: first bytes of SHA-256 of the shop id) ·
 *   receipt number (LEB128 varint) · register length (1) · register id (UTF-8) ·
 *   MAC (10: HMAC-SHA256 under the shop's key of "thriftdesk-receipt\0" + shop id + "\0" +
 *   every byte before the MAC, truncated)
 *
 * The shop tag only lets a foreign receipt be told apart from a damaged one (its message is
 * more useful at the counter); the MAC is what refuses a forgery: 80 bits, compared in
 * constant time. A receipt of register "main" number 123 is 36 characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-receipt-token"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-receipt-token.h"
#include "td-sale.h"

#define VERSION    0x01
#define TAG_LEN    4
#define MAC_LEN    10
#define MIN_LEN    (1 + TAG_LEN + 1 + 1 + MAC_LEN)
#define MAX_LEN    (1 + TAG_LEN + 10 + 1 + TD_RECEIPT_TOKEN_MAX_REGISTER + MAC_LEN)

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static char *
base32_encode (const guint8 *data,
               gsize         len)
{
  GString *out = g_string_sized_new (len * 8 / 5 + 2);
  guint32 buffer = 0;
  int bits = 0;

  for (gsize i = 0; i < len; i++)
    {
      buffer = (buffer << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (out, alphabet[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
        }
    }
  if (bits > 0)
    g_string_append_c (out, alphabet[(buffer << (5 - bits)) & 31]);
  return g_string_free (out, FALSE);
}

/* Decodes canonical base32 (either case); FALSE on any other character, an impossible
 * length, or unused trailing bits that are not zero. */
static gboolean
base32_decode (const char  *text,
               guint8      *out,
               gsize        max,
               gsize       *len)
{
  guint32 buffer = 0;
  int bits = 0;
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *hit = strchr (alphabet, g_ascii_toupper (*p));

      if (hit == NULL || *p == '\0')
        return FALSE;
      buffer = (buffer << 5) | (guint32) (hit - alphabet);
      bits += 5;
      if (bits >= 8)
        {
          if (n == max)
            return FALSE;
          out[n++] = (buffer >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0)
    return FALSE;
  *len = n;
  return TRUE;
}

static void
shop_tag (const char *shop_id,
          guint8      tag[TAG_LEN])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_checksum_update (sum, (const guchar *) shop_id, -1);
  g_checksum_get_digest (sum, digest, &digest_len);
  memcpy (tag, digest, TAG_LEN);
}

static void
compute_mac (const char   *shop_id,
             GBytes       *key,
             const guint8 *data,
             gsize         len,
             guint8        mac[MAC_LEN])
{
  gsize key_len;
  const guint8 *key_data = g_bytes_get_data (key, &key_len);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key_data, key_len);
  static const char domain[] = "thriftdesk-receipt";
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) domain, sizeof domain);     /* with its NUL */
  g_hmac_update (hmac, (const guchar *) shop_id, strlen (shop_id) + 1);
  g_hmac_update (hmac, data, len);
  g_hmac_get_digest (hmac, digest, &digest_len);
  memcpy (mac, digest, MAC_LEN);
}

/**
 * td_receipt_token_encode:
 * @shop_id: the shop's id (setting `shop.id`)
 * @key: the shop's secret key (at least 16 bytes)
 * @register_id: the register, at most %TD_RECEIPT_TOKEN_MAX_REGISTER bytes
 * @receipt_no: the receipt number, > 0
 * @url_prefix: (nullable): put in front, e.g. "https://shop.example/r/"; %NULL or "": none
 *
 * Returns: (transfer full): the token text for the receipt's QR code
 */
char *
td_receipt_token_encode (const char *shop_id,
                         GBytes     *key,
                         const char *register_id,
                         gint64      receipt_no,
                         const char *url_prefix)
{
  guint8 data[MAX_LEN];
  gsize n = 0, reg_len;
  guint64 v;
  g_autofree char *text = NULL;

  g_return_val_if_fail (shop_id != NULL && key != NULL && register_id != NULL, NULL);
  g_return_val_if_fail (receipt_no > 0, NULL);
  reg_len = strlen (register_id);
  g_return_val_if_fail (reg_len <= TD_RECEIPT_TOKEN_MAX_REGISTER, NULL);

  data[n++] = VERSION;
  shop_tag (shop_id, data + n);
  n += TAG_LEN;
  for (v = (guint64) receipt_no; v >= 0x80; v >>= 7)
    data[n++] = (guint8) (v | 0x80);
  data[n++] = (guint8) v;
  data[n++] = (guint8) reg_len;
  memcpy (data + n, register_id, reg_len);
  n += reg_len;
  compute_mac (shop_id, key, data, n, data + n);
  n += MAC_LEN;

  text = base32_encode (data, n);
  return g_strconcat (url_prefix != NULL ? url_prefix : "", text, NULL);
}

/* The token part of what a scanner typed: after a URL prefix's last '/' or '='. */
static char *
token_part (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *start = copy;
  char *end;

  for (const char *p = copy; *p != '\0'; p++)
    if (*p == '/' || *p == '=')
      start = p + 1;
  end = strpbrk (start, "?#&");
  if (end != NULL)
    *end = '\0';
  return g_strdup (start);
}

/**
 * td_receipt_token_looks_like:
 *
 * Whether @text is shaped like a receipt token (a scanned receipt rather than an item tag).
 * Cheap, no verification: the counter uses it to route a scan.
 */
gboolean
td_receipt_token_looks_like (const char *text)
{
  g_autofree char *part = NULL;
  guint8 data[MAX_LEN];
  gsize len;

  if (text == NULL)
    return FALSE;
  part = token_part (text);
  return strlen (part) >= (MIN_LEN * 8 + 4) / 5 && base32_decode (part, data, sizeof data, &len) &&
         len >= MIN_LEN && data[0] == VERSION;
}

static gboolean
refuse_damaged (GError **error)
{
  g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID,
                       _("This receipt code can’t be read: it is damaged or was changed. Type "
                         "the receipt number instead."));
  return FALSE;
}

/**
 * td_receipt_token_parse:
 * @text: the token as scanned or typed, with or without its URL prefix
 * @shop_id: this shop's id
 * @key: this shop's secret key
 * @info: (out): the register and receipt number it names
 * @error: %TD_SALE_ERROR_TOKEN_INVALID (malformed, altered, truncated) or
 *   %TD_SALE_ERROR_TOKEN_FOREIGN (another shop's receipt)
 *
 * Verifies a receipt token. Only a token this shop's key signed passes.
 */
gboolean
td_receipt_token_parse (const char          *text,
                        const char          *shop_id,
                        GBytes              *key,
                        TdReceiptTokenInfo  *info,
                        GError             **error)
{
  g_autofree char *part = NULL;
  guint8 data[MAX_LEN];
  guint8 tag[TAG_LEN];
  guint8 mac[MAC_LEN];
  gsize len, n = 1 + TAG_LEN, reg_len;
  guint64 number = 0;
  guint diff = 0;

  g_return_val_if_fail (shop_id != NULL && key != NULL && info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  part = token_part (text != NULL ? text : "");
  if (*part == '\0' || !base32_decode (part, data, sizeof data, &len) || len < MIN_LEN ||
      data[0] != VERSION)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID,
                           _("This is not a receipt code of this shop’s till. Type the receipt "
                             "number instead."));
      return FALSE;
    }

  shop_tag (shop_id, tag);
  if (memcmp (tag, data + 1, TAG_LEN) != 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_FOREIGN,
                           _("This receipt is from another shop: it can’t be returned here."));
      return FALSE;
    }

  for (int shift = 0; ; shift += 7)
    {
      if (n >= len - MAC_LEN || shift > 56)
        return refuse_damaged (error);
      number |= (guint64) (data[n] & 0x7f) << shift;
      if ((data[n++] & 0x80) == 0)
        break;
    }
  if (n >= len - MAC_LEN)
    return refuse_damaged (error);
  reg_len = data[n++];
  if (reg_len == 0 || reg_len > TD_RECEIPT_TOKEN_MAX_REGISTER || n + reg_len + MAC_LEN != len ||
      number == 0 || number > G_MAXINT64)
    return refuse_damaged (error);

  compute_mac (shop_id, key, data, n + reg_len, mac);
  for (guint i = 0; i < MAC_LEN; i++)
    diff |= mac[i] ^ data[n + reg_len + i];
  if (diff != 0 || memchr (data + n, '\0', reg_len) != NULL ||
      !g_utf8_validate ((const char *) data + n, reg_len, NULL))
    return refuse_damaged (error);

  memcpy (info->register_id, data + n, reg_len);
  info->register_id[reg_len] = '\0';
  info->receipt_no = (gint64) number;
  return TRUE;
}

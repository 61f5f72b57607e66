/* td-secrets.h — marketplace tokens and the receipt-signing key, kept out of the database.
 *
 * Secrets go to the desktop keyring through libsecret (schema `io.github.thriftdesk.Thriftdesk`,
 * labels "Thriftdesk: …"). Where there is no Secret Service (headless, CI, no D-Bus) they go
 * to a fallback file, `secrets.ini` with mode 0600 in the folder given at construction (the
 * app's data dir), and td_secrets_is_fallback() turns %TRUE so Preferences can warn.
 * `THRIFTDESK_SECRETS=file` forces the fallback.
 *
 * Secrets are per shop: every one is stored under the shop's id (setting `shop.id`), so two
 * shops on one machine never share a receipt key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_SECRETS_ERROR (td_secrets_error_quark ())

/**
 * TdSecretsError:
 * @TD_SECRETS_ERROR_UNAVAILABLE: neither the keyring nor the fallback file could be used
 * @TD_SECRETS_ERROR_DAMAGED: a stored secret can't be read back (damaged fallback file)
 */
typedef enum
{
  TD_SECRETS_ERROR_UNAVAILABLE,
  TD_SECRETS_ERROR_DAMAGED,
} TdSecretsError;

#define TD_SECRETS_SCHEMA_NAME     "io.github.thriftdesk.Thriftdesk"
#define TD_SECRETS_RECEIPT_KEY     "receipt-key"
#define TD_SECRETS_RECEIPT_KEY_LEN 32

#define TD_TYPE_SECRETS (td_secrets_get_type ())

G_DECLARE_FINAL_TYPE (TdSecrets, td_secrets, TD, SECRETS, GObject)

GQuark      td_secrets_error_quark     (void);

/**
 * td_secrets_new:
 * @shop_id: the shop's id (setting `shop.id`), non-empty
 * @fallback_dir: where the fallback file lives (created 0700 if missing)
 *
 * Returns: (transfer full): the shop's secrets. Nothing is touched until the first call.
 */
TdSecrets  *td_secrets_new             (const char  *shop_id,
                                        const char  *fallback_dir);

/* %TRUE once a call found no Secret Service and used the fallback file (or it was forced). */
gboolean    td_secrets_is_fallback     (TdSecrets   *self);
/* Probes the keyring now (a cheap lookup) so the answer of td_secrets_is_fallback() is known. */
void        td_secrets_probe           (TdSecrets   *self);
const char *td_secrets_get_fallback_path (TdSecrets *self);

/**
 * td_secrets_lookup:
 * @name: what, e.g. `marketplace:ebay:3` (letters, digits, `:-_.` only)
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL with no error when none is stored.
 */
char       *td_secrets_lookup          (TdSecrets   *self,
                                        const char  *name,
                                        GError     **error);
gboolean    td_secrets_store           (TdSecrets   *self,
                                        const char  *name,
                                        const char  *label,
                                        const char  *secret,
                                        GError     **error);
gboolean    td_secrets_clear           (TdSecrets   *self,
                                        const char  *name,
                                        GError     **error);

/**
 * td_secrets_get_receipt_key:
 *
 * Returns: (transfer full): the shop's 32-byte receipt-signing key (for HMAC of receipt QR
 * tokens). Created from the system's random source on first use and stable afterwards,
 * across calls and processes. %NULL with @error set when no store can be used.
 */
GBytes     *td_secrets_get_receipt_key (TdSecrets   *self,
                                        GError     **error);

G_END_DECLS

/* td-credentials.h — one account's tokens and keys, kept in TdSecrets, refreshed when due.
 *
 * The secret of an account (td_store_marketplaces_secret_name()) is one JSON object:
 *   eBay:        {"client_id","client_secret","ru_name","access_token","expires_at",
 *                 "refresh_token","refresh_expires_at"}
 *   Etsy:        {"client_id" (keystring),"shared_secret","access_token","expires_at",
 *                 "refresh_token"}
 *   Shopify:     {"access_token"}            (custom-app Admin API token)
 *   WooCommerce: {"consumer_key","consumer_secret"}
 * expires_at is unix seconds. The object is read once and cached; td_credentials_update()
 * writes it back (after a refresh or a new connection).
 *
 * OAuth2 (eBay, Etsy) lives in td-oauth.c: building the consent URL (with PKCE for Etsy),
 * exchanging the code, refreshing. td_credentials_get_access_token_async() refreshes when the
 * token is within 60 s of expiry (one refresh in flight at a time, others wait for it); an
 * `invalid_grant` answer yields TD_CREDENTIALS_ERROR_REAUTH.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-secrets.h"
#include "td-store-marketplaces.h"

G_BEGIN_DECLS

#define TD_CREDENTIALS_ERROR (td_credentials_error_quark ())

typedef enum
{
  TD_CREDENTIALS_ERROR_MISSING,   /* nothing stored: the account was never connected */
  TD_CREDENTIALS_ERROR_REAUTH,    /* refresh refused (invalid_grant): reconnect */
  TD_CREDENTIALS_ERROR_OFFLINE,   /* the token endpoint could not be reached */
  TD_CREDENTIALS_ERROR_FAILED,    /* anything else, message says what */
} TdCredentialsError;

#define TD_TYPE_CREDENTIALS (td_credentials_get_type ())

G_DECLARE_FINAL_TYPE (TdCredentials, td_credentials, TD, CREDENTIALS, GObject)

GQuark         td_credentials_error_quark (void);

/* @token_url: the OAuth2 token endpoint (NULL for Shopify/WooCommerce). */
TdCredentials *td_credentials_new        (TdSecrets                  *secrets,
                                          SoupSession                *session,
                                          const TdMarketplaceAccount *account,
                                          const char                 *token_url);
/* A member of the stored JSON object ("consumer_key" …), or NULL. (transfer full) */
char          *td_credentials_dup_string (TdCredentials  *self,
                                          const char     *member,
                                          GError        **error);
/* Replaces the stored object's members with @members' (others kept). */
gboolean       td_credentials_update     (TdCredentials  *self,
                                          JsonObject     *members,
                                          GError        **error);
gboolean       td_credentials_forget     (TdCredentials  *self,
                                          GError        **error);

void           td_credentials_get_access_token_async  (TdCredentials       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char          *td_credentials_get_access_token_finish (TdCredentials       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* After a 401 with a token believed valid: forget the cached access token so the next
 * get_access_token refreshes. */
void           td_credentials_invalidate_access_token (TdCredentials       *self);

G_END_DECLS

/* td-oauth.h — OAuth 2.0 authorization-code flows for eBay and Etsy.
 *
 * Building the consent URL (Etsy adds PKCE S256), exchanging the code the user brings back
 * (the system browser opens the consent page; the redirect's `code` is pasted back, or the
 * whole redirect URL is), refreshing. Token endpoints are configurable (tests use a fake on
 * 127.0.0.1). Bodies are application/x-www-form-urlencoded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char *verifier;    /* 43–128 chars, RFC 7636 unreserved */
  char *challenge;   /* base64url(SHA-256(verifier)), no padding */
  char *state;       /* random, checked when the code comes back */
} TdOAuthPkce;

TdOAuthPkce *td_oauth_pkce_new  (void);
/* base64url(SHA-256(@verifier)) without padding (RFC 7636 S256). (transfer full) */
char        *td_oauth_pkce_challenge (const char *verifier);
void         td_oauth_pkce_free (TdOAuthPkce *pkce);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdOAuthPkce, td_oauth_pkce_free)

/* @pkce may be NULL (eBay). */
char        *td_oauth_build_authorize_url (const char        *authorize_url,
                                           const char        *client_id,
                                           const char        *redirect_uri,
                                           const char        *scopes,
                                           const TdOAuthPkce *pkce,
                                           const char        *state);
/* Accepts a bare code or a whole redirect URL; checks @expected_state when the URL has one.
 * Returns: (transfer full) the code, or NULL with a plain error. */
char        *td_oauth_parse_code          (const char        *pasted,
                                           const char        *expected_state,
                                           GError           **error);

/* POSTs to @token_url; @basic_user/@basic_password (eBay: client id/secret) may be NULL.
 * @form: the grant's fields. On success the JSON object answer (access_token, expires_in,
 * refresh_token …). `invalid_grant` → TD_CREDENTIALS_ERROR_REAUTH. */
void         td_oauth_token_request_async  (SoupSession         *session,
                                            const char          *token_url,
                                            const char          *basic_user,
                                            const char          *basic_password,
                                            GHashTable          *form,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
JsonObject  *td_oauth_token_request_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS

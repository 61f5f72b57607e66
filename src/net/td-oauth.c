/* td-oauth.c — see td-oauth.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <sys/random.h>

#include "td-credentials.h"
#include "td-http.h"
#include "td-oauth.h"

/* RFC 7636 §4.1: ALPHA / DIGIT / "-" / "." / "_" / "~" */
static const char unreserved[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

static char *
random_string (guint length)
{
  g_autofree guint8 *bytes = g_malloc (length);
  char *text = g_malloc (length + 1);
  gsize filled = 0;

  while (filled < length)
    {
      ssize_t got = getrandom (bytes + filled, length - filled, 0);

      if (got > 0)
        filled += (gsize) got;
    }
  /* 66 symbols: reject bytes ≥ 198 (3 × 66) so every symbol is equally likely. */
  for (guint i = 0; i < length; i++)
    {
      while (bytes[i] >= 198)
        {
          if (getrandom (&bytes[i], 1, 0) != 1)
            bytes[i] = 0;
        }
      text[i] = unreserved[bytes[i] % 66];
    }
  text[length] = '\0';
  return text;
}

static char *
base64url (const guint8 *data,
           gsize         size)
{
  char *text = g_base64_encode (data, size);
  gsize len = strlen (text);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';
  return text;
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize size = sizeof digest;

  g_checksum_update (sha, (const guchar *) verifier, -1);
  g_checksum_get_digest (sha, digest, &size);
  return base64url (digest, size);
}

TdOAuthPkce *
td_oauth_pkce_new (void)
{
  TdOAuthPkce *pkce = g_new0 (TdOAuthPkce, 1);

  pkce->verifier = random_string (64);
  pkce->challenge = pkce_challenge (pkce->verifier);
  pkce->state = random_string (32);
  return pkce;
}

char *
td_oauth_pkce_challenge (const char *verifier)
{
  return pkce_challenge (verifier);
}

void
td_oauth_pkce_free (TdOAuthPkce *pkce)
{
  if (pkce == NULL)
    return;
  g_free (pkce->verifier);
  g_free (pkce->challenge);
  g_free (pkce->state);
  g_free (pkce);
}

static void
append_param (GString    *url,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = td_http_escape (value);

  g_string_append_c (url, strchr (url->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (url, "%s=%s", name, escaped);
}

char *
td_oauth_build_authorize_url (const char        *authorize_url,
                              const char        *client_id,
                              const char        *redirect_uri,
                              const char        *scopes,
                              const TdOAuthPkce *pkce,
                              const char        *state)
{
  GString *url = g_string_new (authorize_url);

  append_param (url, "response_type", "code");
  append_param (url, "client_id", client_id);
  append_param (url, "redirect_uri", redirect_uri);
  append_param (url, "scope", scopes);
  append_param (url, "state", state != NULL ? state : (pkce != NULL ? pkce->state : ""));
  if (pkce != NULL)
    {
      append_param (url, "code_challenge", pkce->challenge);
      append_param (url, "code_challenge_method", "S256");
    }
  return g_string_free (url, FALSE);
}

char *
td_oauth_parse_code (const char  *pasted,
                     const char  *expected_state,
                     GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (pasted != NULL ? pasted : ""));
  const char *query;
  g_autoptr(GHashTable) params = NULL;
  const char *code, *state, *problem;

  if (*text == '\0')
    {
      g_set_error_literal (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                           _("Paste the code, or the whole address the browser ended on."));
      return NULL;
    }

  query = strchr (text, '?');
  if (query == NULL && strstr (text, "code=") == NULL)
    {
      for (const char *p = text; *p != '\0'; p++)
        {
          if (g_ascii_isspace (*p))
            {
              g_set_error_literal (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                                   _("That doesn’t look like a sign-in code: it has spaces."));
              return NULL;
            }
        }
      return g_steal_pointer (&text);
    }

  query = query != NULL ? query + 1 : text;
  {
    g_autofree char *clean = g_strdup (query);
    char *fragment = strchr (clean, '#');

    if (fragment != NULL)
      *fragment = '\0';
    params = g_uri_parse_params (clean, -1, "&", G_URI_PARAMS_NONE, NULL);
  }
  if (params == NULL)
    {
      g_set_error_literal (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                           _("That address can’t be read. Paste it again, whole."));
      return NULL;
    }
  problem = g_hash_table_lookup (params, "error");
  if (problem != NULL)
    {
      const char *why = g_hash_table_lookup (params, "error_description");

      g_set_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                   _("The marketplace did not grant access: %s"), why != NULL ? why : problem);
      return NULL;
    }
  state = g_hash_table_lookup (params, "state");
  if (expected_state != NULL && state != NULL && g_strcmp0 (state, expected_state) != 0)
    {
      g_set_error_literal (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                           _("That address belongs to another sign-in attempt. Start "
                             "connecting again."));
      return NULL;
    }
  code = g_hash_table_lookup (params, "code");
  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                           _("That address has no sign-in code in it."));
      return NULL;
    }
  return g_strdup (code);
}

static void
on_token_answer (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  TdSyncStatus status;
  guint retry_after = 0;
  JsonObject *object;

  status = td_http_classify (msg, body, error, &retry_after, &message);
  root = td_http_parse_json (body);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  if (object != NULL && g_strcmp0 (json_object_get_string_member_with_default (object, "error",
                                                                               ""),
                                   "invalid_grant") == 0)
    {
      g_task_return_new_error (task, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_REAUTH,
                               _("The marketplace no longer accepts this account’s sign-in. "
                                 "Connect the account again in Preferences."));
      return;
    }
  if (status == TD_SYNC_OFFLINE)
    {
      g_task_return_new_error (task, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_OFFLINE,
                               "%s", message);
      return;
    }
  if (status != TD_SYNC_DONE || object == NULL
      || !json_object_has_member (object, "access_token"))
    {
      g_task_return_new_error (task, TD_CREDENTIALS_ERROR,
                               status == TD_SYNC_REAUTH ? TD_CREDENTIALS_ERROR_REAUTH
                                                        : TD_CREDENTIALS_ERROR_FAILED,
                               "%s", message != NULL ? message
                                     : _("The marketplace’s sign-in answer can’t be read."));
      return;
    }
  g_task_return_pointer (task, json_object_ref (object), (GDestroyNotify) json_object_unref);
}

void
td_oauth_token_request_async (SoupSession         *session,
                              const char          *token_url,
                              const char          *basic_user,
                              const char          *basic_password,
                              GHashTable          *form,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  g_autoptr(SoupMessage) msg = td_http_new_form ("POST", token_url, form);

  g_task_set_source_tag (task, td_oauth_token_request_async);
  if (msg == NULL)
    {
      g_task_return_new_error (task, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                               _("The sign-in address “%s” is not valid."), token_url);
      g_object_unref (task);
      return;
    }
  if (basic_user != NULL)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", basic_user,
                                               basic_password != NULL ? basic_password : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_token_answer, task);
}

JsonObject *
td_oauth_token_request_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

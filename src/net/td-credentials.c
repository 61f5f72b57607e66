/* td-credentials.c — see td-credentials.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "td-credentials.h"
#include "td-oauth.h"

#define REFRESH_MARGIN_S 60

struct _TdCredentials
{
  GObject               parent_instance;

  TdSecrets            *secrets;
  SoupSession          *session;
  TdMarketplaceAccount *account;
  char                 *token_url;
  char                 *secret_name;
  JsonObject           *cached;      /* NULL until read */
  GPtrArray            *waiting;     /* GTask waiting for the refresh in flight, or NULL */
};

G_DEFINE_FINAL_TYPE (TdCredentials, td_credentials, G_TYPE_OBJECT)

G_DEFINE_QUARK (td-credentials-error-quark, td_credentials_error)

static void
td_credentials_finalize (GObject *object)
{
  TdCredentials *self = TD_CREDENTIALS (object);

  g_clear_object (&self->secrets);
  g_clear_object (&self->session);
  g_clear_pointer (&self->account, td_marketplace_account_free);
  g_clear_pointer (&self->cached, json_object_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_free (self->token_url);
  g_free (self->secret_name);

  G_OBJECT_CLASS (td_credentials_parent_class)->finalize (object);
}

static void
td_credentials_class_init (TdCredentialsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_credentials_finalize;
}

static void
td_credentials_init (TdCredentials *self)
{
}

TdCredentials *
td_credentials_new (TdSecrets                  *secrets,
                    SoupSession                *session,
                    const TdMarketplaceAccount *account,
                    const char                 *token_url)
{
  TdCredentials *self;

  g_return_val_if_fail (TD_IS_SECRETS (secrets), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  self = g_object_new (TD_TYPE_CREDENTIALS, NULL);
  self->secrets = g_object_ref (secrets);
  self->session = g_object_ref (session);
  self->account = td_marketplace_account_copy (account);
  self->token_url = g_strdup (token_url);
  self->secret_name = td_store_marketplaces_secret_name (account);
  return self;
}

/* The stored object, read once; NULL with MISSING when nothing is stored. */
static JsonObject *
load (TdCredentials  *self,
      GError        **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (self->cached != NULL)
    return self->cached;

  text = td_secrets_lookup (self->secrets, self->secret_name, error);
  if (text == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_MISSING,
                     _("The account “%s” is not connected yet."), self->account->name);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED,
                   _("The stored keys of “%s” are damaged. Connect the account again."),
                   self->account->name);
      return NULL;
    }
  self->cached = json_object_ref (json_node_get_object (root));
  return self->cached;
}

char *
td_credentials_dup_string (TdCredentials  *self,
                           const char     *member,
                           GError        **error)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (TD_IS_CREDENTIALS (self), NULL);

  object = load (self, error);
  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

gboolean
td_credentials_update (TdCredentials  *self,
                       JsonObject     *members,
                       GError        **error)
{
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  JsonObject *current;
  GList *names;

  g_return_val_if_fail (TD_IS_CREDENTIALS (self), FALSE);

  current = load (self, &local_error);
  if (current == NULL && !g_error_matches (local_error, TD_CREDENTIALS_ERROR,
                                           TD_CREDENTIALS_ERROR_MISSING))
    {
      /* A damaged object is replaced; a keyring that can't be read is an error. */
      if (local_error->domain != TD_CREDENTIALS_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (current != NULL)
    {
      names = json_object_get_members (current);
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                json_node_copy (json_object_get_member (current, l->data)));
      g_list_free (names);
    }
  names = json_object_get_members (members);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (members, l->data)));
  g_list_free (names);

  json_node_set_object (node, merged);
  text = json_to_string (node, FALSE);
  label = g_strdup_printf ("Thriftdesk: %s", self->account->name);
  if (!td_secrets_store (self->secrets, self->secret_name, label, text, error))
    return FALSE;

  g_clear_pointer (&self->cached, json_object_unref);
  self->cached = json_object_ref (merged);
  return TRUE;
}

gboolean
td_credentials_forget (TdCredentials  *self,
                       GError        **error)
{
  g_return_val_if_fail (TD_IS_CREDENTIALS (self), FALSE);

  g_clear_pointer (&self->cached, json_object_unref);
  return td_secrets_clear (self->secrets, self->secret_name, error);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static void
finish_waiting (TdCredentials *self,
                const char    *token,
                const GError  *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (token != NULL)
        g_task_return_pointer (task, g_strdup (token), g_free);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdCredentials) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = td_oauth_token_request_finish (result, &error);
  g_autoptr(JsonObject) members = NULL;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  gint64 expires_in;
  const char *token;

  if (answer == NULL)
    {
      finish_waiting (self, NULL, error);
      return;
    }
  token = json_object_get_string_member_with_default (answer, "access_token", "");
  expires_in = member_int (answer, "expires_in");
  members = json_object_new ();
  json_object_set_string_member (members, "access_token", token);
  json_object_set_int_member (members, "expires_at", expires_in > 0 ? now_s + expires_in : 0);
  if (json_object_has_member (answer, "refresh_token"))
    json_object_set_string_member (members, "refresh_token",
                                   json_object_get_string_member (answer, "refresh_token"));
  if (member_int (answer, "refresh_token_expires_in") > 0)
    json_object_set_int_member (members, "refresh_expires_at",
                                now_s + member_int (answer, "refresh_token_expires_in"));
  if (!td_credentials_update (self, members, &error))
    {
      finish_waiting (self, NULL, error);
      return;
    }
  finish_waiting (self, token, NULL);
}

static void
start_refresh (TdCredentials *self,
               JsonObject    *object)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  const char *refresh = json_object_get_string_member_with_default (object, "refresh_token", "");
  const char *client_id = json_object_get_string_member_with_default (object, "client_id", "");
  const char *client_secret = json_object_get_string_member_with_default (object,
                                                                          "client_secret", "");
  gboolean basic = g_strcmp0 (self->account->kind, TD_MARKETPLACE_EBAY) == 0;

  g_hash_table_insert (form, (char *) "grant_type", (char *) "refresh_token");
  g_hash_table_insert (form, (char *) "refresh_token", (char *) refresh);
  if (!basic)
    g_hash_table_insert (form, (char *) "client_id", (char *) client_id);

  td_oauth_token_request_async (self->session, self->token_url,
                                basic ? client_id : NULL, basic ? client_secret : NULL,
                                form, NULL, on_refreshed, g_object_ref (self));
}

void
td_credentials_get_access_token_async (TdCredentials       *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  JsonObject *object;
  const char *token;
  const char *refresh;
  gint64 expires_at;

  g_return_if_fail (TD_IS_CREDENTIALS (self));
  g_task_set_source_tag (task, td_credentials_get_access_token_async);

  object = load (self, &error);
  if (object == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  token = json_object_get_string_member_with_default (object, "access_token", "");
  refresh = json_object_get_string_member_with_default (object, "refresh_token", "");
  expires_at = member_int (object, "expires_at");

  if (*token != '\0' && (expires_at == 0 || expires_at - REFRESH_MARGIN_S > now_s))
    {
      g_task_return_pointer (task, g_strdup (token), g_free);
      return;
    }
  if (*refresh == '\0' || self->token_url == NULL)
    {
      if (*token != '\0' && expires_at == 0)
        g_task_return_pointer (task, g_strdup (token), g_free);
      else
        g_task_return_new_error (task, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_REAUTH,
                                 _("The sign-in of “%s” has run out. Connect the account "
                                   "again in Preferences."), self->account->name);
      return;
    }

  if (self->waiting != NULL)
    {
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  start_refresh (self, object);
}

char *
td_credentials_get_access_token_finish (TdCredentials  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
td_credentials_invalidate_access_token (TdCredentials *self)
{
  g_return_if_fail (TD_IS_CREDENTIALS (self));

  if (self->cached != NULL
      && *json_object_get_string_member_with_default (self->cached, "refresh_token", "") != '\0')
    json_object_set_int_member (self->cached, "expires_at", 1);
}

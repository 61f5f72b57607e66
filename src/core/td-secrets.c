/* td-secrets.c — secrets in the desktop keyring, or in a 0600 file where there is none.
 *
 * area: the keyring is asked first (libsecret, synchronously: the calls are short D-Bus
 * round trips). Any failure to reach a Secret Service (no session bus, nobody owning
 * org.freedesktop.secrets) switches this object to the fallback file for the rest of its life,
 * so one process never splits its secrets between two stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-secrets"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <sodium.h>
#include <sys/stat.h>

#include "td-secrets.h"

#define FALLBACK_NAME "secrets.ini"

struct _TdSecrets
{
  GObject   parent_instance;

  char     *shop_id;
  char     *fallback_dir;
  char     *fallback_path;
  gboolean  probed;
  gboolean  fallback;
};

G_DEFINE_FINAL_TYPE (TdSecrets, td_secrets, G_TYPE_OBJECT)
G_DEFINE_QUARK (td-secrets-error-quark, td_secrets_error)

static const SecretSchema *
schema (void)
{
  static const SecretSchema the_schema = {
    .name = TD_SECRETS_SCHEMA_NAME,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "shop", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &the_schema;
}

static void
use_fallback (TdSecrets  *self,
              const char *why)
{
  if (!self->fallback)
    g_message ("No Secret Service (%s); secrets are kept in %s", why, self->fallback_path);
  self->fallback = TRUE;
  self->probed = TRUE;
}

static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (":-_.", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* area: the fallback file. A GKeyFile, one group per shop; written atomically, mode 0600. */

static GKeyFile *
fallback_load (TdSecrets  *self,
               GError    **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  if (g_stat (self->fallback_path, &st) == 0 && (st.st_mode & 077) != 0)
    {
      g_message ("%s was readable by others; making it private", self->fallback_path);
      if (g_chmod (self->fallback_path, 0600) != 0)
        g_warning ("Could not change the mode of %s: %s", self->fallback_path,
                   g_strerror (errno));
    }
  if (!g_key_file_load_from_file (file, self->fallback_path, G_KEY_FILE_NONE, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_warning ("Reading %s: %s", self->fallback_path, local_error->message);
      g_set_error (error, TD_SECRETS_ERROR, TD_SECRETS_ERROR_DAMAGED,
                   _("The file with the shop’s secrets (%s) can’t be read."),
                   self->fallback_path);
      return NULL;
    }
  return g_steal_pointer (&file);
}

static gboolean
fallback_save (TdSecrets  *self,
               GKeyFile   *file,
               GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = g_key_file_to_data (file, &length, NULL);
  if (g_mkdir_with_parents (self->fallback_dir, 0700) != 0 ||
      !g_file_set_contents_full (self->fallback_path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_warning ("Writing %s: %s", self->fallback_path,
                 local_error ? local_error->message : g_strerror (errno));
      g_set_error (error, TD_SECRETS_ERROR, TD_SECRETS_ERROR_UNAVAILABLE,
                   _("The shop’s secrets can’t be saved in %s. Check that the folder can be "
                     "written."), self->fallback_dir);
      return FALSE;
    }
  return TRUE;
}

/* area: the keyring, with the switch to the fallback on the first failure to reach it. */

static void
keyring_failed (TdSecrets  *self,
                GError     *keyring_error)
{
  /* Whatever keeps libsecret from answering — no bus, no service, service gone — means there
   * is no usable keyring here. */
  use_fallback (self, keyring_error->message);
}

void
td_secrets_probe (TdSecrets *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_return_if_fail (TD_IS_SECRETS (self));

  if (self->probed)
    return;
  if (g_strcmp0 (g_getenv ("THRIFTDESK_SECRETS"), "file") == 0)
    {
      use_fallback (self, "THRIFTDESK_SECRETS=file");
      return;
    }
  value = secret_password_lookup_sync (schema (), NULL, &error,
                                       "shop", self->shop_id, "name", "probe", NULL);
  if (error != NULL)
    keyring_failed (self, error);
  self->probed = TRUE;
}

char *
td_secrets_lookup (TdSecrets   *self,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) file = NULL;
  char *value;

  g_return_val_if_fail (TD_IS_SECRETS (self), NULL);
  g_return_val_if_fail (name_is_valid (name), NULL);

  td_secrets_probe (self);
  if (!self->fallback)
    {
      value = secret_password_lookup_sync (schema (), NULL, &local_error,
                                           "shop", self->shop_id, "name", name, NULL);
      if (local_error == NULL)
        return value;
      keyring_failed (self, local_error);
      g_clear_error (&local_error);
    }

  file = fallback_load (self, error);
  if (file == NULL)
    return NULL;
  value = g_key_file_get_string (file, self->shop_id, name, NULL);
  return value;
}

gboolean
td_secrets_store (TdSecrets   *self,
                  const char  *name,
                  const char  *label,
                  const char  *secret,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) file = NULL;

  g_return_val_if_fail (TD_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (name_is_valid (name), FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  td_secrets_probe (self);
  if (!self->fallback)
    {
      g_autofree char *full_label = g_strdup_printf ("Thriftdesk: %s", label ? label : name);

      if (secret_password_store_sync (schema (), SECRET_COLLECTION_DEFAULT, full_label, secret,
                                      NULL, &local_error,
                                      "shop", self->shop_id, "name", name, NULL))
        return TRUE;
      keyring_failed (self, local_error);
      g_clear_error (&local_error);
    }

  file = fallback_load (self, error);
  if (file == NULL)
    return FALSE;
  g_key_file_set_string (file, self->shop_id, name, secret);
  return fallback_save (self, file, error);
}

gboolean
td_secrets_clear (TdSecrets   *self,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GKeyFile) file = NULL;

  g_return_val_if_fail (TD_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (name_is_valid (name), FALSE);

  td_secrets_probe (self);
  if (!self->fallback)
    {
      secret_password_clear_sync (schema (), NULL, &local_error,
                                  "shop", self->shop_id, "name", name, NULL);
      if (local_error == NULL)
        return TRUE;
      keyring_failed (self, local_error);
      g_clear_error (&local_error);
    }

  file = fallback_load (self, error);
  if (file == NULL)
    return FALSE;
  if (!g_key_file_remove_key (file, self->shop_id, name, NULL))
    return TRUE;
  return fallback_save (self, file, error);
}

static GBytes *
decode_key (const char  *text,
            GError     **error)
{
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  raw = g_base64_decode (text, &len);
  if (len != TD_SECRETS_RECEIPT_KEY_LEN)
    {
      g_set_error_literal (error, TD_SECRETS_ERROR, TD_SECRETS_ERROR_DAMAGED,
                           _("The stored receipt key is damaged; receipts can’t be signed."));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&raw), len);
}

GBytes *
td_secrets_get_receipt_key (TdSecrets  *self,
                            GError    **error)
{
  g_autofree char *stored = NULL;
  guchar key[TD_SECRETS_RECEIPT_KEY_LEN];
  g_autofree char *encoded = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TD_IS_SECRETS (self), NULL);

  stored = td_secrets_lookup (self, TD_SECRETS_RECEIPT_KEY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (stored != NULL)
    return decode_key (stored, error);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, TD_SECRETS_ERROR, TD_SECRETS_ERROR_UNAVAILABLE,
                           _("No random source is available to make the receipt key."));
      return NULL;
    }
  randombytes_buf (key, sizeof key);
  encoded = g_base64_encode (key, sizeof key);
  sodium_memzero (key, sizeof key);
  if (!td_secrets_store (self, TD_SECRETS_RECEIPT_KEY, _("receipt signing key"), encoded,
                         error))
    return NULL;

  /* Read it back: if another process made one at the same moment, both use the one stored. */
  g_clear_pointer (&stored, g_free);
  stored = td_secrets_lookup (self, TD_SECRETS_RECEIPT_KEY, error);
  if (stored == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, TD_SECRETS_ERROR, TD_SECRETS_ERROR_UNAVAILABLE,
                             _("The receipt key could not be stored."));
      return NULL;
    }
  return decode_key (stored, error);
}

static void
td_secrets_finalize (GObject *object)
{
  TdSecrets *self = (TdSecrets *)object;

  g_free (self->shop_id);
  g_free (self->fallback_dir);
  g_free (self->fallback_path);

  G_OBJECT_CLASS (td_secrets_parent_class)->finalize (object);
}

static void
td_secrets_class_init (TdSecretsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = td_secrets_finalize;
}

static void
td_secrets_init (TdSecrets *self)
{
}

TdSecrets *
td_secrets_new (const char *shop_id,
                const char *fallback_dir)
{
  TdSecrets *self;

  g_return_val_if_fail (shop_id != NULL && *shop_id != '\0', NULL);
  g_return_val_if_fail (fallback_dir != NULL, NULL);

  self = g_object_new (TD_TYPE_SECRETS, NULL);
  self->shop_id = g_strdup (shop_id);
  self->fallback_dir = g_strdup (fallback_dir);
  self->fallback_path = g_build_filename (fallback_dir, FALLBACK_NAME, NULL);
  return self;
}

gboolean
td_secrets_is_fallback (TdSecrets *self)
{
  g_return_val_if_fail (TD_IS_SECRETS (self), FALSE);

  return self->fallback;
}

const char *
td_secrets_get_fallback_path (TdSecrets *self)
{
  g_return_val_if_fail (TD_IS_SECRETS (self), NULL);

  return self->fallback_path;
}

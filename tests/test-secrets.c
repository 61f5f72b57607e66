/* test-secrets.c — the receipt key and marketplace tokens: keyring, or the 0600 fallback file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include "td-secrets.h"
#include "td-test.h"

static const char *self_path;

static char *
key_hex (GBytes *key)
{
  gsize len;
  const guchar *data = g_bytes_get_data (key, &len);
  GString *hex = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  return g_string_free (hex, FALSE);
}

/* Another process's view of the key: runs this program with --print-key. */
static char *
key_from_other_process (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self_path, "--print-key", dir, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&out));
}

static void
test_fallback (void)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "data", NULL);
  g_autoptr(TdSecrets) secrets = NULL;
  g_autoptr(TdSecrets) again = NULL;
  g_autoptr(TdSecrets) other_shop = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) key2 = NULL;
  g_autoptr(GBytes) key3 = NULL;
  g_autoptr(GBytes) key_other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *hex_child = NULL;
  g_autofree char *token = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  secrets = td_secrets_new ("shop-a", sub);
  key = td_secrets_get_receipt_key (secrets, &error);
  g_assert_no_error (error);
  g_assert_true (td_secrets_is_fallback (secrets));
  g_assert_cmpuint (g_bytes_get_size (key), ==, TD_SECRETS_RECEIPT_KEY_LEN);

  /* The file is private. */
  g_assert_cmpint (g_stat (td_secrets_get_fallback_path (secrets), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Stable across calls, objects and processes. */
  key2 = td_secrets_get_receipt_key (secrets, &error);
  g_assert_true (g_bytes_equal (key, key2));
  again = td_secrets_new ("shop-a", sub);
  key3 = td_secrets_get_receipt_key (again, &error);
  g_assert_true (g_bytes_equal (key, key3));
  hex = key_hex (key);
  hex_child = key_from_other_process (sub);
  g_assert_cmpstr (hex, ==, hex_child);

  /* Another shop on the same machine has its own key. */
  other_shop = td_secrets_new ("shop-b", sub);
  key_other = td_secrets_get_receipt_key (other_shop, &error);
  g_assert_false (g_bytes_equal (key, key_other));

  /* Tokens: stored, read back, cleared; the key is untouched. */
  g_assert_null (td_secrets_lookup (secrets, "marketplace:ebay:1", &error));
  g_assert_no_error (error);
  g_assert_true (td_secrets_store (secrets, "marketplace:ebay:1", "eBay", "v^1.1#token", &error));
  token = td_secrets_lookup (again, "marketplace:ebay:1", &error);
  g_assert_cmpstr (token, ==, "v^1.1#token");
  g_assert_true (td_secrets_clear (secrets, "marketplace:ebay:1", &error));
  g_clear_pointer (&token, g_free);
  token = td_secrets_lookup (secrets, "marketplace:ebay:1", &error);
  g_assert_null (token);
  g_clear_pointer (&key2, g_bytes_unref);
  key2 = td_secrets_get_receipt_key (secrets, &error);
  g_assert_true (g_bytes_equal (key, key2));

  /* A file someone made readable is made private again on the next read. */
  g_assert_cmpint (g_chmod (td_secrets_get_fallback_path (secrets), 0644), ==, 0);
  g_clear_pointer (&key2, g_bytes_unref);
  key2 = td_secrets_get_receipt_key (secrets, &error);
  g_assert_cmpint (g_stat (td_secrets_get_fallback_path (secrets), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A damaged key is reported, not silently replaced (old receipts would stop verifying). */
  g_assert_true (g_file_get_contents (td_secrets_get_fallback_path (secrets), &contents, NULL,
                                      NULL));
  g_assert_true (g_file_set_contents (td_secrets_get_fallback_path (secrets),
                                      "[shop-a]\nreceipt-key=c2hvcnQ=\n", -1, NULL));
  g_clear_pointer (&key2, g_bytes_unref);
  key2 = td_secrets_get_receipt_key (secrets, &error);
  g_assert_null (key2);
  g_assert_error (error, TD_SECRETS_ERROR, TD_SECRETS_ERROR_DAMAGED);

  g_unsetenv ("THRIFTDESK_SECRETS");
  td_test_rmdir_recursive (dir);
}

/* The libsecret path, through libsecret's own file backend (SECRET_BACKEND=file: the same
 * libsecret calls, no D-Bus), or the session's Secret Service with TD_TEST_REAL_KEYRING=1;
 * skipped when neither answers. */
static void
test_keyring (void)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *keyring = g_build_filename (dir, "test.keyring", NULL);
  g_autoptr(TdSecrets) secrets = NULL;
  g_autoptr(TdSecrets) again = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) key2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shop = g_strdup_printf ("test-%d-%" G_GINT64_FORMAT, getpid (),
                                           g_get_real_time ());

#ifdef __SANITIZE_ADDRESS__
  /* libsecret's file backend keeps a process-lifetime singleton whose GIO strings LeakSanitizer
   * reports with no usable stack (libgio has no frame pointers), so no suppression can name it.
   * The plain build runs this case; the sanitizer build covers the fallback file. */
  g_test_skip ("libsecret's file backend under LeakSanitizer");
  td_test_rmdir_recursive (dir);
  return;
#endif
  g_unsetenv ("THRIFTDESK_SECRETS");
  /* CI runs under dbus-run-session with no keyring daemon: libsecret's file backend then
   * stands in for it. TD_TEST_REAL_KEYRING=1 tries the session's Secret Service instead. */
  if (g_getenv ("TD_TEST_REAL_KEYRING") == NULL)
    {
      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
    }
  secrets = td_secrets_new (shop, dir);
  td_secrets_probe (secrets);
  if (td_secrets_is_fallback (secrets))
    {
      g_test_skip ("No Secret Service and no libsecret file backend here");
      td_test_rmdir_recursive (dir);
      return;
    }
  key = td_secrets_get_receipt_key (secrets, &error);
  g_assert_no_error (error);
  g_assert_false (td_secrets_is_fallback (secrets));
  g_assert_cmpuint (g_bytes_get_size (key), ==, TD_SECRETS_RECEIPT_KEY_LEN);
  again = td_secrets_new (shop, dir);
  key2 = td_secrets_get_receipt_key (again, &error);
  g_assert_true (g_bytes_equal (key, key2));
  /* Nothing went to the fallback file. */
  g_assert_false (g_file_test (td_secrets_get_fallback_path (secrets), G_FILE_TEST_EXISTS));
  g_assert_true (td_secrets_clear (secrets, TD_SECRETS_RECEIPT_KEY, &error));
  g_assert_no_error (error);
  td_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--print-key"))
    {
      g_autoptr(TdSecrets) secrets = NULL;
      g_autoptr(GBytes) key = NULL;
      g_autofree char *hex = NULL;

      g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
      secrets = td_secrets_new ("shop-a", argv[2]);
      key = td_secrets_get_receipt_key (secrets, NULL);
      if (key == NULL)
        return 1;
      hex = key_hex (key);
      g_print ("%s\n", hex);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/td/secrets/fallback-file", test_fallback);
  g_test_add_func ("/td/secrets/keyring", test_keyring);
  return g_test_run ();
}

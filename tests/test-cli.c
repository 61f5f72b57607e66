/* test-cli.c — the command line of the built thriftdesk executable.
 *
 * Spawns the real binary (TD_TEST_THRIFTDESK, set by tests/meson.build) and checks what it
 * prints and how it exits; none of these cases opens a window or a shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-test.h"

#define RUN_TIMEOUT_S 20

typedef struct
{
  char *out;
  char *err;
  int   exit_code;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  GSubprocess *process = user_data;

  /* A refused option must exit at once; a window opened by mistake would wait forever. */
  g_test_message ("thriftdesk is still running after %d s: stopping it", RUN_TIMEOUT_S);
  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

static void
run_thriftdesk (Run        *run,
                const char *first_arg,
                ...)
{
  const char *exe = g_getenv ("TD_TEST_THRIFTDESK");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *stray = g_build_filename (tmpdir, "x", NULL);
  Wait wait = { FALSE, NULL };
  const char *arg;
  va_list args;
  guint timeout;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Run inside a fresh folder so that a relative path in the arguments lands there. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, tmpdir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  timeout = g_timeout_add_seconds (RUN_TIMEOUT_S, timeout_cb, process);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, wait.result, &run->out, &run->err, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_source_remove (timeout);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->exit_code = g_subprocess_get_exit_status (process);

  /* Neither printing nor refusing leaves a shop behind. */
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  td_test_rmdir_recursive (tmpdir);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_thriftdesk (&run, "--version", NULL);
  g_assert_cmpint (run.exit_code, ==, 0);
  g_assert_cmpstr (run.out, ==, "Thriftdesk " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.out, ==, "Thriftdesk 0.1.0\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_thriftdesk (&run, "--help", NULL);
  g_assert_cmpint (run.exit_code, ==, 0);
  g_assert_nonnull (strstr (run.out, "--database"));
  g_assert_nonnull (strstr (run.out, "--demo"));
  g_assert_nonnull (strstr (run.out, "--demo-items"));
  g_assert_nonnull (strstr (run.out, "--version"));
}

/* The translation pipeline end to end: po/zh_CN.po compiled into <build>/po, found through
 * THRIFTDESK_LOCALEDIR as ./run.sh sets it, and used by the real binary. In a subprocess, so
 * the language stays out of the other cases. */
static void
test_help_translated (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *localedir = NULL;
  const char *english = "Print the version and exit";
  const char *translated;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  localedir = td_test_build_path ("../po");
  g_setenv ("THRIFTDESK_LOCALEDIR", localedir, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);   /* LANGUAGE is ignored in plain C */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  translated = g_dgettext (GETTEXT_PACKAGE, english);
  g_assert_cmpstr (translated, !=, english);

  run_thriftdesk (&run, "--help", NULL);
  g_assert_cmpint (run.exit_code, ==, 0);
  g_assert_nonnull (strstr (run.out, "--version"));
  g_assert_nonnull (strstr (run.out, translated));
  g_assert_null (strstr (run.out, english));
}

static void
test_demo_items_without_demo (void)
{
  g_auto(Run) run = { 0 };

  run_thriftdesk (&run, "--demo-items", "5", NULL);
  g_assert_cmpint (run.exit_code, ==, 2);
  g_assert_nonnull (strstr (run.err, "--demo-items"));
  g_assert_nonnull (strstr (run.err, "--demo"));
}

static void
test_demo_items_zero (void)
{
  g_auto(Run) run = { 0 };

  run_thriftdesk (&run, "--demo-items", "0", "--demo", "x", NULL);
  g_assert_cmpint (run.exit_code, ==, 2);
  g_assert_nonnull (strstr (run.err, "--demo-items"));
  g_assert_nonnull (strstr (run.err, "from 1"));
}

static void
test_demo_items_not_a_number (void)
{
  g_auto(Run) run = { 0 };

  run_thriftdesk (&run, "--demo", "x", "--demo-items", "lots", NULL);
  g_assert_cmpint (run.exit_code, ==, 2);
  g_assert_nonnull (strstr (run.err, "--demo-items"));
}

static void
test_database_and_demo (void)
{
  g_auto(Run) run = { 0 };

  run_thriftdesk (&run, "--database", "x", "--demo", "x", NULL);
  g_assert_cmpint (run.exit_code, ==, 2);
  g_assert_nonnull (strstr (run.err, "--database"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/cli/version", test_version);
  g_test_add_func ("/td/cli/help", test_help);
  g_test_add_func ("/td/cli/help-translated", test_help_translated);
  g_test_add_func ("/td/cli/demo-items-without-demo", test_demo_items_without_demo);
  g_test_add_func ("/td/cli/demo-items-zero", test_demo_items_zero);
  g_test_add_func ("/td/cli/demo-items-not-a-number", test_demo_items_not_a_number);
  g_test_add_func ("/td/cli/database-and-demo", test_database_and_demo);

  return g_test_run ();
}

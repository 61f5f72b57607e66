/* td-test.h — shared helpers for the test suites (header-only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh directory per test, removed with everything in it at the end of the test. */
static inline void
td_test_rmdir_recursive (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          g_chmod (child, 0700);
          td_test_rmdir_recursive (child);
        }
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static inline char *
td_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("thriftdesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A path inside the build dir for artefacts to look at (screenshots, PDFs). */
static inline char *
td_test_build_path (const char *name)
{
  const char *build = g_getenv ("TD_TEST_BUILDDIR");

  return g_build_filename (build ? build : ".", name, NULL);
}

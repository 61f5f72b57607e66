/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "td-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TdApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* ./run.sh runs from the build tree: translations are there, not installed. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("THRIFTDESK_LOCALEDIR") ? g_getenv ("THRIFTDESK_LOCALEDIR")
                                                                  : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = td_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

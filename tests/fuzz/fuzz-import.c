/* fuzz-import.c — libFuzzer harness for the CSV importer (consignors and items).
 *
 * One real shop in a temp dir for the whole run. Each input is prepared as both kinds; a
 * plan without problems is committed and the rows removed again. Checked: no crash, a plan
 * with problems never writes, and a committed plan writes exactly its records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "td-database-private.h"
#include "td-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TdDatabase *db;

static gint64
count (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
open_shop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thriftdesk-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert (dir != NULL);
  path = g_build_filename (dir, "shop.db", NULL);
  db = td_database_open (path, &error);
  g_assert (db != NULL);
  /* A consignor for items to name. */
  td_database_exec (db, "PRAGMA synchronous = OFF;"
                        "INSERT INTO consignor (code, name, created_at) VALUES ('A1', 'A', 1)",
                    &error);
  g_assert (error == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (db == NULL)
    open_shop ();

  for (int kind = TD_IMPORT_CONSIGNORS; kind <= TD_IMPORT_ITEMS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdImportPlan) plan = td_import_prepare (db, kind, (const char *) data, size,
                                                        &error);
      gint64 consignors = count ("SELECT count(*) FROM consignor");
      gint64 items = count ("SELECT count(*) FROM item");
      guint written = 0;
      gboolean ok;

      if (plan == NULL)
        {
          g_assert (error != NULL);
          continue;
        }
      g_free (td_import_plan_dup_mapping (plan));
      ok = td_import_commit (db, plan, 0, 1, &written, &error);
      if (td_import_plan_get_n_problems (plan) > 0)
        g_assert (!ok);
      if (!ok)
        {
          g_assert (count ("SELECT count(*) FROM consignor") == consignors);
          g_assert (count ("SELECT count(*) FROM item") == items);
          continue;
        }
      g_assert (written == td_import_plan_get_n_records (plan));
      g_assert (count ("SELECT count(*) FROM consignor") + count ("SELECT count(*) FROM item") ==
                consignors + items + written);
      td_database_exec (db, "DELETE FROM item; DELETE FROM consignor WHERE code <> 'A1'", &error);
      g_assert (error == NULL);
    }
  return 0;
}

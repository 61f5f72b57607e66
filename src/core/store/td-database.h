/* td-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_DATABASE_ERROR (td_database_error_quark ())

/**
 * TdDatabaseError:
 * @TD_DATABASE_ERROR_NOT_A_DATABASE: the file is not an SQLite database at all
 * @TD_DATABASE_ERROR_NOT_A_SHOP: an SQLite database, but not a Thriftdesk shop
 * @TD_DATABASE_ERROR_TOO_NEW: written by a newer Thriftdesk; never touched
 * @TD_DATABASE_ERROR_CORRUPT: the file is damaged
 * @TD_DATABASE_ERROR_READ_ONLY: the file or its folder can't be written
 * @TD_DATABASE_ERROR_CANT_OPEN: the file can't be opened or created
 * @TD_DATABASE_ERROR_BUSY: another program holds the database
 * @TD_DATABASE_ERROR_DISK_FULL: no space left; nothing was written
 * @TD_DATABASE_ERROR_CONSTRAINT: a write broke a rule of the shop model
 * @TD_DATABASE_ERROR_FAILED: anything else
 *
 * Messages are plain sentences for shop staff; the SQLite detail goes to the log.
 */
typedef enum
{
  TD_DATABASE_ERROR_NOT_A_DATABASE,
  TD_DATABASE_ERROR_NOT_A_SHOP,
  TD_DATABASE_ERROR_TOO_NEW,
  TD_DATABASE_ERROR_CORRUPT,
  TD_DATABASE_ERROR_READ_ONLY,
  TD_DATABASE_ERROR_CANT_OPEN,
  TD_DATABASE_ERROR_BUSY,
  TD_DATABASE_ERROR_DISK_FULL,
  TD_DATABASE_ERROR_CONSTRAINT,
  TD_DATABASE_ERROR_FAILED,
} TdDatabaseError;

#define TD_TYPE_DATABASE (td_database_get_type ())

G_DECLARE_FINAL_TYPE (TdDatabase, td_database, TD, DATABASE, GObject)

GQuark      td_database_error_quark           (void);
int         td_database_latest_schema_version (void);
char       *td_database_dup_default_path      (void);
TdDatabase *td_database_open                  (const char  *path,
                                               GError     **error);
const char *td_database_get_path              (TdDatabase  *self);
int         td_database_get_schema_version    (TdDatabase  *self);
gboolean    td_database_was_created           (TdDatabase  *self);
/* A yielding connection (a background writer such as the sync engine's) lets the other
 * connections of this process that are waiting to write go first, before each of its
 * transactions. */
void        td_database_set_yielding          (TdDatabase  *self,
                                               gboolean     yielding);

G_END_DECLS

/* td-store-intake.c — taking items in: a session per consignor (or for bought or donated
 * stock), item after item, each with its SKU, share and expiry fixed in one transaction.
 *
 * SKUs: consignor code + '-' + a per-consignor number of at least 4 digits ("AB12-0042",
 * then "AB12-10000"); "B-000123" for stock bought outright, "D-000123" for donated stock. The
 * numbers come from `sku_sequence` (see resources/sql/0003-consignment-stock.sql), moved inside
 * the item's transaction: a rolled-back intake gives its number back, a committed one is never
 * handed out again. A prefix without a counter yet (an imported or demo shop) starts after the
 * highest number its items already carry, and a number an imported item already holds is
 * skipped — the only way a gap appears.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-store-stock-private.h"

#define PREFIX_BOUGHT  "B"
#define PREFIX_DONATED "D"

typedef struct
{
  gint64         id;
  TdAcquisition  acquisition;
  gint64         consignor_id;
  char          *consignor_code;
  char          *consignor_name;
  gboolean       consignor_active;
  int            share_bp;      /* in force now, shop default resolved */
  int            period_days;
  gint64         staff_id;
  gboolean       finished;
} Intake;

static void
intake_clear (Intake *intake)
{
  g_clear_pointer (&intake->consignor_code, g_free);
  g_clear_pointer (&intake->consignor_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Intake, intake_clear)

static gboolean
load_intake (TdDatabase  *db,
             gint64       intake_id,
             Intake      *intake,
             GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  TdStockDefaults defaults;
  int rc;

  if (!td_stock_load_defaults (db, &defaults, error))
    return FALSE;

  stmt = td_database_prepare (db,
    "SELECT i.acquisition, i.consignor_id, i.staff_id, i.finished_at IS NOT NULL, "
    "       c.code, c.name, c.active, c.share_bp, c.period_days "
    "FROM intake i LEFT JOIN consignor c ON c.id = i.consignor_id WHERE i.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, intake_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This intake session no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "loading an intake", error);

  intake->id = intake_id;
  if (!td_acquisition_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                   &intake->acquisition))
    intake->acquisition = TD_ACQUISITION_BOUGHT;
  intake->consignor_id = sqlite3_column_int64 (stmt, 1);
  intake->staff_id = sqlite3_column_int64 (stmt, 2);
  intake->finished = sqlite3_column_int (stmt, 3) != 0;
  intake->consignor_code = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  intake->consignor_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  intake->consignor_active = sqlite3_column_int (stmt, 6) != 0;
  intake->share_bp = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                     ? defaults.share_bp : sqlite3_column_int (stmt, 7);
  intake->period_days = sqlite3_column_type (stmt, 8) == SQLITE_NULL
                        ? defaults.period_days : sqlite3_column_int (stmt, 8);

  /* Consigned stock always has its consignor (td_store_intake_start() sees to it). */
  if (intake->acquisition == TD_ACQUISITION_CONSIGNED && intake->consignor_code == NULL)
    return td_database_set_error (db, SQLITE_CONSTRAINT, "loading an intake without consignor",
                                  error);
  return TRUE;
}

static void
problem_inactive (GPtrArray    *problems,
                  const Intake *intake)
{
  td_field_problems_add (problems, TD_FIELD_CONSIGNOR, 0,
                         _("%s is no longer active. Make them active again to take in their "
                           "items."), intake->consignor_name);
}

typedef struct
{
  TdAcquisition  acquisition;
  gint64         consignor_id;
  gint64         staff_id;
  gint64         now_us;
  gint64         intake_id;
} Start;

static gboolean
start_txn (TdDatabase  *db,
           gpointer     user_data,
           GError     **error)
{
  Start *s = user_data;
  g_autoptr(TdStmt) stmt = NULL;

  if (s->acquisition == TD_ACQUISITION_CONSIGNED)
    {
      g_autoptr(TdConsignor) consignor = td_store_consignors_get (db, s->consignor_id, error);

      if (consignor == NULL)
        return FALSE;
      if (!consignor->active)
        {
          g_autoptr(GPtrArray) problems = td_field_problems_new ();
          Intake intake = { .consignor_name = consignor->draft.name };

          problem_inactive (problems, &intake);
          return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);
        }
    }

  stmt = td_database_prepare (db,
    "INSERT INTO intake (consignor_id, acquisition, staff_id, started_at) VALUES (?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    return FALSE;
  td_stock_bind_id (stmt, 1, s->acquisition == TD_ACQUISITION_CONSIGNED ? s->consignor_id : 0);
  sqlite3_bind_text (stmt, 2, td_acquisition_to_string (s->acquisition), -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 3, s->staff_id);
  sqlite3_bind_int64 (stmt, 4, s->now_us);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  s->intake_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  return TRUE;
}

/**
 * td_store_intake_start:
 * @db: a #TdDatabase
 * @acquisition: consigned, bought outright or donated
 * @consignor_id: for consigned stock, whose items (an active consignor); 0 otherwise
 * @staff_id: who takes the items in, or 0
 * @now_us: when, UTC µs
 * @intake_id: (out): the new session
 * @error: return location: %TD_STOCK_ERROR_NOT_FOUND (no such consignor),
 *   %TD_STOCK_ERROR_INVALID (the consignor is inactive), or a database error
 *
 * Opens an intake session; add items with td_store_intake_add_item().
 */
gboolean
td_store_intake_start (TdDatabase     *db,
                       TdAcquisition   acquisition,
                       gint64          consignor_id,
                       gint64          staff_id,
                       gint64          now_us,
                       gint64         *intake_id,
                       GError        **error)
{
  Start s = { acquisition, consignor_id, staff_id, now_us, 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (td_acquisition_to_string (acquisition) != NULL, FALSE);
  g_return_val_if_fail ((acquisition == TD_ACQUISITION_CONSIGNED) == (consignor_id > 0), FALSE);
  g_return_val_if_fail (intake_id != NULL, FALSE);

  if (!td_database_transaction (db, start_txn, &s, error))
    return FALSE;
  *intake_id = s.intake_id;
  return TRUE;
}

static gboolean
sku_holder (TdDatabase  *db,
            const char  *sku,
            char       **title,
            GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, "SELECT title FROM item WHERE sku = ?", error);
  int rc;

  *title = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "looking up a SKU", error);
  return TRUE;
}

/* Everything that stops @draft joining @intake, from the draft itself and from the records. */
static GPtrArray *
collect_problems (TdDatabase         *db,
                  const Intake       *intake,
                  const TdItemDraft  *draft,
                  GError            **error)
{
  g_autoptr(GPtrArray) problems = td_item_draft_validate (draft, intake->acquisition);
  g_autofree char *sku = td_stock_trim (draft->sku);

  if (intake->acquisition == TD_ACQUISITION_CONSIGNED && !intake->consignor_active)
    problem_inactive (problems, intake);

  if (!td_stock_check_references (db, draft, problems, error))
    return NULL;

  if (*sku != '\0' && td_field_problems_find (problems, TD_FIELD_SKU) == NULL)
    {
      g_autofree char *holder = NULL;

      if (!sku_holder (db, sku, &holder, error))
        return NULL;
      if (holder != NULL)
        td_field_problems_add (problems, TD_FIELD_SKU, 0,
                               _("The SKU “%s” is already on “%s”. Leave the SKU empty to get a "
                                 "new one."), sku, holder);
    }
  return g_steal_pointer (&problems);
}

/**
 * td_store_intake_validate_item:
 * @db: a #TdDatabase
 * @intake_id: the session
 * @draft: the item form's values
 * @error: return location for %TD_STOCK_ERROR_NOT_FOUND or a database error
 *
 * td_item_draft_validate() plus what needs the shop's records: an imported SKU is not taken,
 * the category and grade exist, the consignor is still active. Cheap enough to call as the
 * person types.
 *
 * Returns: (transfer full) (nullable) (element-type TdFieldProblem): every problem (empty
 *   when the item can be added), %NULL on error
 */
GPtrArray *
td_store_intake_validate_item (TdDatabase         *db,
                               gint64              intake_id,
                               const TdItemDraft  *draft,
                               GError            **error)
{
  g_auto(Intake) intake = { 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!load_intake (db, intake_id, &intake, error))
    return NULL;
  return collect_problems (db, &intake, draft, error);
}

/* Where a prefix's numbers start when it has no counter yet: after the highest number its
 * items already carry. A range of the unique SKU index, not a scan of the items. */
static gboolean
highest_sku_number (TdDatabase  *db,
                    const char  *prefix,
                    gint64      *highest,
                    GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT ifnull (max (CAST (substr (sku, ?2) AS INTEGER)), 0) FROM item "
    "WHERE sku >= ?1 || '-' AND sku < ?1 || '.' "
    "AND substr (sku, ?2) != '' AND substr (sku, ?2) NOT GLOB '*[^0-9]*'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) strlen (prefix) + 2);
  return td_stock_query_int64 (db, stmt, highest, NULL, error);
}

static gboolean
allocate_sku (TdDatabase  *db,
              const char  *prefix,
              int          digits,
              char       **sku,
              GError     **error)
{
  g_autoptr(TdStmt) read = NULL;
  g_autoptr(TdStmt) write = NULL;
  gint64 last;
  gboolean found;

  read = td_database_prepare (db, "SELECT last FROM sku_sequence WHERE prefix = ?", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_text (read, 1, prefix, -1, SQLITE_STATIC);
  if (!td_stock_query_int64 (db, read, &last, &found, error))
    return FALSE;
  if (!found && !highest_sku_number (db, prefix, &last, error))
    return FALSE;

  for (;;)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%0*" G_GINT64_FORMAT, prefix, digits,
                                                    ++last);
      g_autofree char *holder = NULL;

      if (!sku_holder (db, candidate, &holder, error))
        return FALSE;
      if (holder == NULL)
        {
          *sku = g_steal_pointer (&candidate);
          break;
        }
      g_debug ("SKU %s is already taken (imported?); skipping it", candidate);
    }

  write = td_database_prepare (db,
    "INSERT INTO sku_sequence (prefix, last) VALUES (?1, ?2) "
    "ON CONFLICT (prefix) DO UPDATE SET last = ?2", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (write, 2, last);
  return td_database_step_done (db, write, error);
}

typedef struct
{
  gint64             intake_id;
  const TdItemDraft *draft;
  gint64             now_us;
  gint64             item_id;
  char              *sku;
} AddItem;

static gboolean
insert_item (TdDatabase    *db,
             const Intake  *intake,
             AddItem       *a,
             GError       **error)
{
  const TdItemDraft *d = a->draft;
  gboolean consigned = intake->acquisition == TD_ACQUISITION_CONSIGNED;
  g_autofree char *title = td_stock_trim (d->title);
  g_autofree char *description = td_stock_trim (d->description);
  g_autofree char *brand = td_stock_trim (d->brand);
  g_autofree char *size = td_stock_trim (d->size);
  g_autofree char *colour = td_stock_trim (d->colour);
  g_autofree char *material = td_stock_trim (d->material);
  g_autofree char *defects = td_stock_json_strv ((const char * const *) d->defects);
  g_autofree char *search_text = td_stock_search_text (title, brand, a->sku,
                                                       consigned ? intake->consignor_code : NULL,
                                                       size, colour);
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO item (sku, consignor_id, acquisition, intake_id, title, description, "
    "                  category_id, brand, size, colour, material, grade_id, defects, price, "
    "                  min_price, cost, share_bp, quantity, status, search_text, intake_at, "
    "                  expires_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "        'available', ?19, ?20, ?21, ?20)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a->sku, -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 2, consigned ? intake->consignor_id : 0);
  sqlite3_bind_text (stmt, 3, td_acquisition_to_string (intake->acquisition), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, intake->id);
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, description, -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 7, d->category_id);
  sqlite3_bind_text (stmt, 8, brand, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, size, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, colour, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, material, -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 12, d->grade_id);
  sqlite3_bind_text (stmt, 13, defects, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, d->price);
  sqlite3_bind_int64 (stmt, 15, d->min_price);
  if (intake->acquisition == TD_ACQUISITION_BOUGHT)
    sqlite3_bind_int64 (stmt, 16, d->cost);
  if (consigned)
    sqlite3_bind_int (stmt, 17, intake->share_bp);
  sqlite3_bind_int (stmt, 18, d->quantity);
  sqlite3_bind_text (stmt, 19, search_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 20, a->now_us);
  if (consigned)
    sqlite3_bind_int64 (stmt, 21, a->now_us + intake->period_days * TD_DAY_US);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  a->item_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  return TRUE;
}

static gboolean
add_item_txn (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  AddItem *a = user_data;
  g_auto(Intake) intake = { 0 };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  gboolean codes_changed;

  if (!load_intake (db, a->intake_id, &intake, error))
    return FALSE;
  if (intake.finished)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INTAKE_FINISHED,
                           _("This intake session is finished. Start a new one to add items."));
      return FALSE;
    }

  problems = collect_problems (db, &intake, a->draft, error);
  if (problems == NULL)
    return FALSE;
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);

  a->sku = td_stock_trim (a->draft->sku);
  if (*a->sku == '\0')
    {
      g_clear_pointer (&a->sku, g_free);
      switch (intake.acquisition)
        {
        case TD_ACQUISITION_CONSIGNED:
          {
            g_autofree char *prefix = td_consignor_code_normalize (intake.consignor_code);

            if (!allocate_sku (db, prefix, 4, &a->sku, error))
              return FALSE;
          }
          break;
        case TD_ACQUISITION_BOUGHT:
          if (!allocate_sku (db, PREFIX_BOUGHT, 6, &a->sku, error))
            return FALSE;
          break;
        case TD_ACQUISITION_DONATED:
        default:
          if (!allocate_sku (db, PREFIX_DONATED, 6, &a->sku, error))
            return FALSE;
          break;
        }
    }

  if (!insert_item (db, &intake, a, error) ||
      !td_stock_replace_codes (db, a->item_id, a->draft, &codes_changed, error))
    return FALSE;

  td_stock_json_string (detail, "sku", a->sku);
  td_stock_json_int (detail, "intake_id", intake.id);
  td_stock_json_string (detail, "acquisition", td_acquisition_to_string (intake.acquisition));
  td_stock_json_int (detail, "price", a->draft->price);
  td_stock_json_int (detail, "min_price", a->draft->min_price);
  td_stock_json_int (detail, "quantity", a->draft->quantity);
  if (intake.acquisition == TD_ACQUISITION_CONSIGNED)
    {
      td_stock_json_int (detail, "consignor_id", intake.consignor_id);
      td_stock_json_int (detail, "share_bp", intake.share_bp);
      td_stock_json_int (detail, "expires_at", a->now_us + intake.period_days * TD_DAY_US);
    }
  if (intake.acquisition == TD_ACQUISITION_BOUGHT)
    td_stock_json_int (detail, "cost", a->draft->cost);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, a->now_us, intake.staff_id, "item.added", "item", a->item_id,
                                detail->str, error);
}

/**
 * td_store_intake_add_item:
 * @db: a #TdDatabase
 * @intake_id: an unfinished session
 * @draft: the item; its SKU empty for a new one, or an imported SKU to keep
 * @now_us: when, UTC µs
 * @item_id: (out) (optional): the new item
 * @sku: (out) (optional) (transfer full): its SKU, for the tag
 * @error: return location: %TD_STOCK_ERROR_INVALID with every field problem (a taken SKU is a
 *   problem at %TD_FIELD_SKU), %TD_STOCK_ERROR_INTAKE_FINISHED, %TD_STOCK_ERROR_NOT_FOUND, or
 *   a database error; nothing is written then
 *
 * Adds one item, available for sale, in one transaction with its SKU, its manufacturer codes
 * and an audit row. A consigned item gets the consignor's share and period in force now (the
 * shop default where they have none): later changes to the terms never reach it.
 */
gboolean
td_store_intake_add_item (TdDatabase         *db,
                          gint64              intake_id,
                          const TdItemDraft  *draft,
                          gint64              now_us,
                          gint64             *item_id,
                          char              **sku,
                          GError            **error)
{
  AddItem a = { intake_id, draft, now_us, 0, NULL };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  ok = td_database_transaction (db, add_item_txn, &a, error);
  if (ok && item_id != NULL)
    *item_id = a.item_id;
  if (ok && sku != NULL)
    *sku = g_steal_pointer (&a.sku);
  g_free (a.sku);
  return ok;
}

typedef struct
{
  gint64 intake_id;
  gint64 now_us;
  gint64 n_items;
} Finish;

static gboolean
finish_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Finish *f = user_data;
  g_auto(Intake) intake = { 0 };
  g_autoptr(TdStmt) update = NULL;
  g_autoptr(TdStmt) count = NULL;

  if (!load_intake (db, f->intake_id, &intake, error))
    return FALSE;

  if (!intake.finished)
    {
      update = td_database_prepare (db, "UPDATE intake SET finished_at = ? WHERE id = ?", error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, f->now_us);
      sqlite3_bind_int64 (update, 2, f->intake_id);
      if (!td_database_step_done (db, update, error))
        return FALSE;
    }

  count = td_database_prepare (db, "SELECT count(*) FROM item WHERE intake_id = ?", error);
  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, f->intake_id);
  return td_stock_query_int64 (db, count, &f->n_items, NULL, error);
}

/**
 * td_store_intake_finish:
 * @db: a #TdDatabase
 * @intake_id: the session
 * @now_us: when, UTC µs
 * @n_items: (out) (optional): how many items the session took in
 * @error: return location
 *
 * Closes the session: no more items can be added to it. Finishing twice is harmless.
 */
gboolean
td_store_intake_finish (TdDatabase  *db,
                        gint64       intake_id,
                        gint64       now_us,
                        guint       *n_items,
                        GError     **error)
{
  Finish f = { intake_id, now_us, 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!td_database_transaction (db, finish_txn, &f, error))
    return FALSE;
  if (n_items != NULL)
    *n_items = (guint) f.n_items;
  return TRUE;
}

/* area: for the counter's purchases (td-store-buy.c), which take items in outright and pay
 * the seller in one transaction: the same steps as td_store_intake_start() and
 * td_store_intake_add_item(), inside the caller's transaction. */
gboolean
td_stock_intake_start_in_txn (TdDatabase     *db,
                              TdAcquisition   acquisition,
                              gint64          consignor_id,
                              gint64          staff_id,
                              gint64          now_us,
                              gint64         *intake_id,
                              GError        **error)
{
  Start s = { acquisition, consignor_id, staff_id, now_us, 0 };

  if (!start_txn (db, &s, error))
    return FALSE;
  *intake_id = s.intake_id;
  return TRUE;
}

gboolean
td_stock_intake_add_in_txn (TdDatabase         *db,
                            gint64              intake_id,
                            const TdItemDraft  *draft,
                            gint64              now_us,
                            gint64             *item_id,
                            char              **sku,
                            GError            **error)
{
  AddItem a = { intake_id, draft, now_us, 0, NULL };

  if (!add_item_txn (db, &a, error))
    {
      g_free (a.sku);
      return FALSE;
    }
  *item_id = a.item_id;
  *sku = a.sku;
  return TRUE;
}

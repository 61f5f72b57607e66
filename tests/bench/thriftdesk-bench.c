/* thriftdesk-bench.c — how fast Thriftdesk's hot paths are on a big shop.
 *
 *   thriftdesk-bench [--items N] [--database PATH] [--groups search,sku,…] [--reps N]
 *
 * Builds (once) a deterministic demo shop of N items with td_demo_generate(), then times each
 * group of operations twice in the same run: (a) through the app's own code, as the UI calls
 * it, and (b) the same SQL run directly with prepared statements on the same connection. It
 * prints one figure per line, `name value unit`, so runs compare by script:
 *
 *   search.app.p95 3.1 ms
 *   search.ratio.p95 1.08 x
 *
 * Timings are reported, never asserted: this is not a test. Adding a group is one line in
 * `groups[]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-photos.h"
#include "bench-receipt.h"
#include "bench-sync.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-item-list.h"
#include "td-search-query.h"
#include "td-store-items-query.h"
#include "td-store-pricing.h"
#include "td-store-sales.h"
#include "td-store-reports.h"
#include "td-store.h"

#define SCREEN_ROWS 50

typedef struct
{
  TdDatabase *db;
  sqlite3    *handle;     /* the same connection, for the raw statements */
  guint       items;
  guint       reps;
  gint64      max_id;
  GPtrArray  *queries;    /* typed search strings */
  guint64     sink;       /* keeps the raw reads from being optimised away */
} Bench;

typedef gboolean (*GroupFunc) (Bench   *bench,
                               GError **error);

typedef struct
{
  const char *name;
  gboolean    by_default;
  const char *about;
  GroupFunc   run;
} Group;

/* Output --------------------------------------------------------------------------------- */

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  double median;
  double p95;
  double max;
} Stats;

static Stats
stats_of (GArray *samples)
{
  double *v = (double *) samples->data;
  Stats s = { 0 };

  if (samples->len == 0)
    return s;
  qsort (v, samples->len, sizeof (double), compare_double);
  s.median = samples->len % 2 ? v[samples->len / 2]
                              : (v[samples->len / 2 - 1] + v[samples->len / 2]) / 2;
  s.p95 = v[MIN (samples->len - 1, (guint) (samples->len * 0.95))];
  s.max = v[samples->len - 1];
  return s;
}

static void
print_figure (const char *name,
              double      value,
              const char *unit)
{
  if (value == (double) (gint64) value && value < 1e12)
    g_print ("%s %" G_GINT64_FORMAT " %s\n", name, (gint64) value, unit);
  else
    g_print ("%s %.4g %s\n", name, value, unit);
}

static void
print_stats (const char *prefix,
             Stats       s)
{
  g_autofree char *median = g_strconcat (prefix, ".median", NULL);
  g_autofree char *p95 = g_strconcat (prefix, ".p95", NULL);
  g_autofree char *max = g_strconcat (prefix, ".max", NULL);

  print_figure (median, s.median, "ms");
  print_figure (p95, s.p95, "ms");
  print_figure (max, s.max, "ms");
}

static void
print_comparison (const char *group,
                  GArray     *app,
                  GArray     *raw)
{
  Stats a = stats_of (app);
  Stats r = stats_of (raw);
  g_autofree char *app_name = g_strconcat (group, ".app", NULL);
  g_autofree char *raw_name = g_strconcat (group, ".raw", NULL);
  g_autofree char *ratio_median = g_strconcat (group, ".ratio.median", NULL);
  g_autofree char *ratio_p95 = g_strconcat (group, ".ratio.p95", NULL);

  print_stats (app_name, a);
  print_stats (raw_name, r);
  print_figure (ratio_median, r.median > 0 ? a.median / r.median : 0, "x");
  print_figure (ratio_p95, r.p95 > 0 ? a.p95 / r.p95 : 0, "x");
}

/* Raw SQL -------------------------------------------------------------------------------- */

#define RAW_COLUMNS \
  "i.id, i.sku, i.title, i.brand, i.size, i.colour, i.category_id, cat.name, i.grade_id, " \
  "g.label, i.consignor_id, c.code, i.price, i.status, i.intake_at, i.expires_at"
#define RAW_JOINS \
  " LEFT JOIN category cat ON cat.id = i.category_id LEFT JOIN grade g ON g.id = i.grade_id" \
  " LEFT JOIN consignor c ON c.id = i.consignor_id"

static sqlite3_stmt *
raw_prepare (Bench      *bench,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (bench->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
      SQLITE_OK)
    g_error ("raw: %s: %s", sql, sqlite3_errmsg (bench->handle));
  return stmt;
}

/* Steps to the end reading every column, as building an item would; returns the rows. */
static guint
raw_read_rows (Bench        *bench,
               sqlite3_stmt *stmt)
{
  guint rows = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      for (int c = 0; c < n; c++)
        {
          if (sqlite3_column_type (stmt, c) == SQLITE_TEXT)
            {
              const unsigned char *text = sqlite3_column_text (stmt, c);

              bench->sink += sqlite3_column_bytes (stmt, c) + (text[0]);
            }
          else
            bench->sink += (guint64) sqlite3_column_int64 (stmt, c);
        }
      rows++;
    }
  if (rc != SQLITE_DONE)
    g_error ("raw: %s", sqlite3_errmsg (bench->handle));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rows;
}

static gint64
raw_int (Bench      *bench,
         const char *sql)
{
  sqlite3_stmt *stmt = raw_prepare (bench, sql);
  gint64 value = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Queries -------------------------------------------------------------------------------- */

/* What people type at a resale counter: the first letters of a word (as each keystroke
 * searches), brands the way they are said, multi-word queries, sizes, accents, and typos
 * that find nothing. SKUs and barcodes from the shop are added at run time. */
static const char * const typed_queries[] = {
  /* one, two and three letters */
  "a", "b", "c", "d", "e", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w",
  "bl", "dr", "je", "ja", "le", "ni", "sh", "co", "bo", "wo", "sk", "tr", "sw", "ha", "cl",
  "ma", "de", "vi", "pe", "ca", "lo", "fl",
  "lev", "dre", "jac", "blu", "nik", "sho", "boo", "coa", "woo", "ski", "tro", "swe", "han",
  "cla", "mar", "den", "vin", "pen", "leg", "cas",
  /* typing a word, keystroke by keystroke */
  "d", "dr", "dre", "dres", "dress", "j", "ja", "jac", "jack", "jacke", "jacket",
  "l", "le", "lea", "leat", "leath", "leathe", "leather",
  /* brands as people say them */
  "levis", "levi's", "levi", "zara", "h&m", "hm", "marks & spencer", "m&s", "ralph lauren",
  "nike", "adidas", "dr martens", "dr. martens", "doc martens", "clarks", "north face",
  "barbour", "uniqlo", "boden", "ted baker", "converse", "birkenstock", "lego", "le creuset",
  "penguin", "fisher price", "fisher-price", "ray-ban", "rayban", "michael kors", "pandora",
  "emma bridgewater", "jojo maman bebe", "jojo maman bébé", "ikea", "g-plan", "gplan",
  /* several words */
  "levis 501", "levis jeans", "blue dress", "red dress", "floral midi dress", "black jeans",
  "leather boots", "wool coat", "nike trainers", "denim jacket", "white shirt",
  "striped t-shirt", "t-shirt", "tshirt", "t shirt", "silk scarf", "vinyl lp", "cd album",
  "board game", "teddy bear", "tea set", "wooden train", "puffer jacket", "trench coat",
  "maxi dress", "ankle boots", "chelsea boots", "running shoes", "crossbody bag",
  "leather handbag", "oxford shirt", "polo shirt", "wax jacket", "waxed jacket", "1970s",
  "vintage", "hardback", "paperback", "first edition",
  "b", "bl", "blu", "blue", "blue d", "blue dr", "blue dre", "blue dres",
  /* sizes */
  "uk 10", "uk 12", "eu 38", "eu 42", "xl", "xxl", "12 months", "3-4 years", "size m",
  /* accents and odd typing */
  "café", "creme", "crème", "LEVIS", "Levi’s", "  dress  ", "dress,", "(coat)",
  /* typos and things a shop does not have */
  "levsi", "drses", "jcaket", "nkie", "blue drss", "xqzt", "qwerty", "zzzz", "iphone",
  "playstation 5",
};

static void
add_shop_codes (Bench *bench)
{
  /* SKUs of items spread over the shop, as scanned; some typed in lower case; a consignor
   * code; a number; manufacturer barcodes. */
  sqlite3_stmt *sku = raw_prepare (bench, "SELECT sku FROM item WHERE id >= ? ORDER BY id LIMIT 1");
  sqlite3_stmt *ean = raw_prepare (bench, "SELECT code FROM item_code WHERE item_id >= ? "
                                          "ORDER BY item_id LIMIT 1");

  for (guint k = 0; bench->queries->len < 200; k++)
    {
      sqlite3_stmt *stmt = k % 4 == 3 ? ean : sku;
      gint64 id = 1 + (gint64) (k * 7919 % 1000) * bench->max_id / 1000;

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);

          if (k % 4 == 1)
            g_ptr_array_add (bench->queries, g_ascii_strdown (code, -1));
          else
            g_ptr_array_add (bench->queries, g_strdup (code));
        }
      sqlite3_reset (stmt);
      if (k > 1000)
        break;
    }
  sqlite3_finalize (sku);
  sqlite3_finalize (ean);
}

/* Groups --------------------------------------------------------------------------------- */

typedef struct
{
  sqlite3_stmt *fts;
  sqlite3_stmt *all;
  sqlite3_stmt *code;
} RawSearch;

/* The same work as td_store_items_query_new() + td_store_items_query_fetch(), written
 * directly: a typed code is tried exactly, else the words go to FTS5, else every item. */
static guint
raw_search (Bench               *bench,
            RawSearch           *raw,
            const TdSearchQuery *parsed,
            const char          *trimmed)
{
  if (parsed->code != NULL)
    {
      guint rows;

      sqlite3_bind_text (raw->code, 1, parsed->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (raw->code, 2, trimmed, -1, SQLITE_STATIC);
      sqlite3_bind_int (raw->code, 3, SCREEN_ROWS);
      rows = raw_read_rows (bench, raw->code);
      if (rows > 0)
        return rows;
    }
  if (parsed->match != NULL)
    {
      sqlite3_bind_text (raw->fts, 1, parsed->match, -1, SQLITE_STATIC);
      sqlite3_bind_int (raw->fts, 2, SCREEN_ROWS);
      return raw_read_rows (bench, raw->fts);
    }
  sqlite3_bind_int (raw->all, 1, SCREEN_ROWS);
  return raw_read_rows (bench, raw->all);
}

static guint
app_search (Bench       *bench,
            const char  *typed,
            GError     **error)
{
  g_autoptr(TdItemQuery) query = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (SCREEN_ROWS, g_object_unref);

  query = td_store_items_query_new (bench->db, typed, NULL, TD_ITEM_SORT_INTAKE, TRUE, error);
  if (query == NULL || !td_store_items_query_fetch (bench->db, query, 0, SCREEN_ROWS, items, error))
    g_error ("search \"%s\": %s", typed, (*error)->message);
  return items->len;
}

static gboolean
run_search (Bench   *bench,
            GError **error)
{
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) td_search_query_free);
  g_autoptr(GPtrArray) trimmed = g_ptr_array_new_with_free_func (g_free);
  RawSearch raw;
  guint empty = 0, mismatches = 0;

  raw.fts = raw_prepare (bench, "SELECT " RAW_COLUMNS " FROM item_fts f CROSS JOIN item i "
                                "ON i.id = f.rowid" RAW_JOINS " WHERE item_fts MATCH ?1 "
                                "ORDER BY f.rowid DESC LIMIT ?2");
  raw.all = raw_prepare (bench, "SELECT " RAW_COLUMNS " FROM item i" RAW_JOINS
                                " ORDER BY i.id DESC LIMIT ?1");
  raw.code = raw_prepare (bench, "SELECT " RAW_COLUMNS " FROM item i" RAW_JOINS
                                 " WHERE i.sku IN (?1, ?2) OR i.id IN (SELECT item_id FROM "
                                 "item_code WHERE code = ?1) ORDER BY i.id DESC LIMIT ?3");

  /* What the raw side is handed: the app's own parse of the input, made outside the clock. */
  for (guint q = 0; q < bench->queries->len; q++)
    {
      const char *typed = g_ptr_array_index (bench->queries, q);

      g_ptr_array_add (parsed, td_search_query_parse (typed));
      g_ptr_array_add (trimmed, g_strstrip (g_strdup (typed)));
    }

  /* Warm-up, and the two paths must agree on how many rows a screen holds. */
  for (guint q = 0; q < bench->queries->len; q++)
    {
      guint a = app_search (bench, g_ptr_array_index (bench->queries, q), error);
      guint r = raw_search (bench, &raw, g_ptr_array_index (parsed, q),
                            g_ptr_array_index (trimmed, q));

      empty += a == 0;
      mismatches += a != r;
    }

  for (guint rep = 0; rep < bench->reps; rep++)
    for (guint q = 0; q < bench->queries->len; q++)
      {
        const char *typed = g_ptr_array_index (bench->queries, q);
        double t0, t1, t2;

        /* Alternate which goes first, so neither always finds the other's warm cache. */
        if ((rep + q) % 2 == 0)
          {
            t0 = now_ms ();
            app_search (bench, typed, error);
            t1 = now_ms ();
            raw_search (bench, &raw, g_ptr_array_index (parsed, q), g_ptr_array_index (trimmed, q));
            t2 = now_ms ();
            g_array_append_vals (app, (double[]) { t1 - t0 }, 1);
            g_array_append_vals (raw_ms, (double[]) { t2 - t1 }, 1);
          }
        else
          {
            t0 = now_ms ();
            raw_search (bench, &raw, g_ptr_array_index (parsed, q), g_ptr_array_index (trimmed, q));
            t1 = now_ms ();
            app_search (bench, typed, error);
            t2 = now_ms ();
            g_array_append_vals (raw_ms, (double[]) { t1 - t0 }, 1);
            g_array_append_vals (app, (double[]) { t2 - t1 }, 1);
          }
      }

  print_figure ("search.queries", bench->queries->len, "queries");
  print_figure ("search.samples", app->len, "samples");
  print_figure ("search.rows", SCREEN_ROWS, "rows");
  print_figure ("search.empty_results", empty, "queries");
  print_figure ("search.row_count_mismatches", mismatches, "queries");
  print_comparison ("search", app, raw_ms);

  sqlite3_finalize (raw.fts);
  sqlite3_finalize (raw.all);
  sqlite3_finalize (raw.code);
  return TRUE;
}

static gboolean
run_count (Bench   *bench,
           GError **error)
{
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *raw_fts = raw_prepare (bench, "SELECT count(*) FROM (SELECT 1 FROM item_fts "
                                              "WHERE item_fts MATCH ?1 LIMIT ?2)");
  guint capped = 0;

  for (guint rep = 0; rep <= bench->reps; rep++)
    for (guint q = 0; q < bench->queries->len; q++)
      {
        const char *typed = g_ptr_array_index (bench->queries, q);
        g_autoptr(TdSearchQuery) parsed = td_search_query_parse (typed);
        g_autoptr(TdItemQuery) query = NULL;
        guint count = 0;
        double t0, t1, t2;

        if (parsed->match == NULL || parsed->code != NULL)
          continue;  /* the whole shop and exact codes are not counted by FTS */
        double raw_t = 0, app_t = 0;

        for (guint side = 0; side < 2; side++)
          {
            /* Alternate which goes first, so neither always finds the other's warm cache. */
            if ((side + rep + q) % 2 == 0)
              {
                t0 = now_ms ();
                query = td_store_items_query_new (bench->db, typed, NULL, TD_ITEM_SORT_INTAKE,
                                                  TRUE, error);
                if (query == NULL ||
                    !td_store_items_query_count (bench->db, query, TD_ITEM_QUERY_COUNT_CAP,
                                                 &count, error))
                  return FALSE;
                app_t = now_ms () - t0;
                g_clear_pointer (&query, td_item_query_unref);
              }
            else
              {
                t1 = now_ms ();
                sqlite3_bind_text (raw_fts, 1, parsed->match, -1, SQLITE_STATIC);
                sqlite3_bind_int (raw_fts, 2, TD_ITEM_QUERY_COUNT_CAP + 1);
                raw_read_rows (bench, raw_fts);
                raw_t = now_ms () - t1;
              }
          }
        (void) t2;
        if (rep == 0)
          {
            capped += count > TD_ITEM_QUERY_COUNT_CAP;
            continue;  /* warm-up */
          }
        g_array_append_vals (app, &app_t, 1);
        g_array_append_vals (raw_ms, &raw_t, 1);
      }

  print_figure ("count.capped_queries", capped, "queries");
  print_comparison ("count", app, raw_ms);
  sqlite3_finalize (raw_fts);
  return TRUE;
}

typedef struct
{
  sqlite3_stmt *by_sku;
  sqlite3_stmt *by_code;
} RawLookup;

static gboolean
is_barcode (const char *code)
{
  return g_ascii_isdigit (code[0]) && strchr (code, '-') == NULL;
}

static guint
app_lookup (Bench       *bench,
            const char  *code,
            GError     **error)
{
  if (is_barcode (code))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if (!td_store_items_lookup_code (bench->db, code, items, error))
        g_error ("lookup %s: %s", code, (*error)->message);
      return items->len;
    }
  else
    {
      g_autoptr(TdItem) item = td_store_items_lookup_sku (bench->db, code, error);

      if (item == NULL && *error != NULL)
        g_error ("lookup %s: %s", code, (*error)->message);
      return item != NULL;
    }
}

/* The same lookups the store makes: as typed, then in upper case, then barcodes. */
static guint
raw_lookup (Bench      *bench,
            RawLookup  *raw,
            const char *code)
{
  g_autofree char *upper = NULL;
  guint rows;

  sqlite3_bind_text (raw->by_sku, 1, code, -1, SQLITE_STATIC);
  if ((rows = raw_read_rows (bench, raw->by_sku)) > 0)
    return rows;
  upper = g_ascii_strup (code, -1);
  if (strcmp (upper, code) != 0)
    {
      sqlite3_bind_text (raw->by_sku, 1, upper, -1, SQLITE_STATIC);
      if ((rows = raw_read_rows (bench, raw->by_sku)) > 0)
        return rows;
    }
  if (!is_barcode (code))
    return 0;
  sqlite3_bind_text (raw->by_code, 1, code, -1, SQLITE_STATIC);
  return raw_read_rows (bench, raw->by_code);
}

static gboolean
run_sku (Bench   *bench,
         GError **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  RawLookup raw;
  sqlite3_stmt *sku = raw_prepare (bench, "SELECT sku FROM item WHERE id >= ? ORDER BY id LIMIT 1");
  sqlite3_stmt *ean = raw_prepare (bench, "SELECT code FROM item_code WHERE item_id >= ? "
                                          "ORDER BY item_id LIMIT 1");
  guint found = 0, mismatches = 0;

  raw.by_sku = raw_prepare (bench, "SELECT " RAW_COLUMNS " FROM item i" RAW_JOINS
                                   " WHERE i.sku = ?1");
  raw.by_code = raw_prepare (bench, "SELECT " RAW_COLUMNS " FROM item_code ic "
                                    "CROSS JOIN item i ON i.id = ic.item_id" RAW_JOINS
                                    " WHERE ic.code = ?1 ORDER BY i.id DESC");

  /* 200 scans: 150 SKUs as printed on tags, 20 typed in lower case, 20 manufacturer
   * barcodes, 10 that are not in the shop. */
  for (guint k = 0; k < 190; k++)
    {
      sqlite3_stmt *stmt = k >= 170 ? ean : sku;

      sqlite3_bind_int64 (stmt, 1, 1 + (gint64) (k * 7907 % 1000) * bench->max_id / 1000);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);

          g_ptr_array_add (codes, k >= 150 && k < 170 ? g_ascii_strdown (code, -1) : g_strdup (code));
        }
      sqlite3_reset (stmt);
    }
  for (guint k = 0; k < 10; k++)
    g_ptr_array_add (codes, g_strdup_printf ("ZZ%02u-%04u", k, k * 37));

  /* Warm-up; both sides must find the same. */
  for (guint k = 0; k < codes->len; k++)
    {
      guint a = app_lookup (bench, g_ptr_array_index (codes, k), error);

      found += a > 0;
      mismatches += a != raw_lookup (bench, &raw, g_ptr_array_index (codes, k));
    }

  for (guint rep = 0; rep < bench->reps; rep++)
    for (guint k = 0; k < codes->len; k++)
      {
        const char *code = g_ptr_array_index (codes, k);
        double t0, t1, t2;

        if ((rep + k) % 2 == 0)
          {
            t0 = now_ms ();
            app_lookup (bench, code, error);
            t1 = now_ms ();
            raw_lookup (bench, &raw, code);
            t2 = now_ms ();
            g_array_append_vals (app, (double[]) { t1 - t0 }, 1);
            g_array_append_vals (raw_ms, (double[]) { t2 - t1 }, 1);
          }
        else
          {
            t0 = now_ms ();
            raw_lookup (bench, &raw, code);
            t1 = now_ms ();
            app_lookup (bench, code, error);
            t2 = now_ms ();
            g_array_append_vals (raw_ms, (double[]) { t1 - t0 }, 1);
            g_array_append_vals (app, (double[]) { t2 - t1 }, 1);
          }
      }

  print_figure ("sku.lookups", codes->len, "lookups");
  print_figure ("sku.found", found, "lookups");
  print_figure ("sku.mismatches", mismatches, "lookups");
  print_comparison ("sku", app, raw_ms);
  sqlite3_finalize (raw.by_sku);
  sqlite3_finalize (raw.by_code);
  sqlite3_finalize (sku);
  sqlite3_finalize (ean);
  return TRUE;
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint *exact = user_data;

  if (!td_item_list_count_finish (TD_ITEM_LIST (source), result, exact, &error))
    g_error ("count: %s", error->message);
}

/* What a keystroke costs through the list model a GtkColumnView holds: set the search, read
 * the count, build one screen of items. */
static gboolean
run_list (Bench   *bench,
          GError **error)
{
  g_autoptr(TdItemList) list = td_item_list_new (bench->db);
  g_autoptr(GArray) keystroke = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (double));
  guint fetches;

  for (guint rep = 0; rep <= bench->reps; rep++)
    for (guint q = 0; q < bench->queries->len; q++)
      {
        double t0 = now_ms ();
        guint n;

        td_item_list_set_search (list, g_ptr_array_index (bench->queries, q));
        n = g_list_model_get_n_items (G_LIST_MODEL (list));
        for (guint i = 0; i < MIN (n, SCREEN_ROWS); i++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
        if (rep > 0)
          g_array_append_vals (keystroke, (double[]) { now_ms () - t0 }, 1);
      }
  print_stats ("list.keystroke", stats_of (keystroke));

  /* Scrolling the whole shop newest first, a screen at a time, down 1,000 rows. */
  td_item_list_set_search (list, "");
  fetches = td_item_list_get_page_fetches (list);
  for (guint first = 0; first < 1000; first += SCREEN_ROWS)
    {
      double t0 = now_ms ();

      for (guint i = first; i < first + SCREEN_ROWS; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
      g_array_append_vals (scroll, (double[]) { now_ms () - t0 }, 1);
    }
  print_stats ("list.scroll_screen", stats_of (scroll));
  print_figure ("list.scroll_pages_read", td_item_list_get_page_fetches (list) - fetches, "pages");

  /* The worker paths end to end, as the main loop sees them: its own connection, the walk,
   * and the model's update. Main-thread time is what a keystroke or a click blocks. */
  {
    guint exact = 0;
    double t0 = now_ms ();

    td_item_list_count_async (list, NULL, count_done_cb, &exact);
    while (exact == 0)
      g_main_context_iteration (NULL, TRUE);
    print_figure ("list.count_async.all", now_ms () - t0, "ms");

    t0 = now_ms ();
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), exact / 2));
    print_figure ("list.jump_after_count", now_ms () - t0, "ms");

    t0 = now_ms ();
    td_item_list_set_sort (list, TD_ITEM_SORT_PRICE, TRUE);
    print_figure ("list.sort_price.main_thread", now_ms () - t0, "ms");
    while (td_item_list_get_loading (list))
      g_main_context_iteration (NULL, TRUE);
    print_figure ("list.sort_price.until_sorted", now_ms () - t0, "ms");

    t0 = now_ms ();
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), exact / 2));
    print_figure ("list.sort_price.jump", now_ms () - t0, "ms");

    /* Typing with a sort chosen, up to the cap: sorted on the main thread, once. */
    {
      g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint rep = 0; rep <= bench->reps; rep++)
        for (guint q = 0; q < bench->queries->len; q++)
          {
            double t = now_ms ();
            guint n;

            td_item_list_set_query (list, g_ptr_array_index (bench->queries, q), NULL,
                                    TD_ITEM_SORT_PRICE, FALSE);
            n = td_item_list_get_loading (list) ? 0 : g_list_model_get_n_items (G_LIST_MODEL (list));
            for (guint i = 0; i < MIN (n, SCREEN_ROWS); i++)
              g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
            if (rep > 0)
              g_array_append_vals (typed, (double[]) { now_ms () - t }, 1);
          }
      print_stats ("list.keystroke_sorted_by_price", stats_of (typed));
    }

    t0 = now_ms ();
    td_item_list_set_query (list, "dress", NULL, TD_ITEM_SORT_PRICE, TRUE);
    while (td_item_list_get_loading (list))
      g_main_context_iteration (NULL, TRUE);
    print_figure ("list.sort_price.dress_until_sorted", now_ms () - t0, "ms");
  }
  return TRUE;
}

typedef struct
{
  const char   *name;
  TdItemFilter  filter;
} NamedFilter;

static gboolean
run_filters (Bench   *bench,
             GError **error)
{
  static const char * const texts[] = { "", "a", "dress", "levis 501", "blue", "zzzz" };
  NamedFilter filters[] = {
    { "status_available" }, { "status_held" }, { "status_donated" }, { "category_clothing" },
    { "consignor" }, { "consignor_available" }, { "shop_stock" }, { "grade_parts" },
    { "age_under_week" }, { "age_over_3_months" }, { "listed" }, { "not_listed" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    td_item_filter_init (&filters[f].filter);
  filters[0].filter.status = TD_ITEM_STATUS_AVAILABLE;
  filters[1].filter.status = TD_ITEM_STATUS_HELD;
  filters[2].filter.status = TD_ITEM_STATUS_DONATED;
  filters[3].filter.category_id = raw_int (bench, "SELECT id FROM category WHERE code = 'clothing'");
  filters[4].filter.consignor_id = raw_int (bench, "SELECT consignor_id FROM item WHERE consignor_id "
                                                   "IS NOT NULL ORDER BY id DESC LIMIT 1");
  filters[5].filter.consignor_id = filters[4].filter.consignor_id;
  filters[5].filter.status = TD_ITEM_STATUS_AVAILABLE;
  filters[6].filter.consignor_id = TD_ITEM_FILTER_SHOP_STOCK;
  filters[7].filter.grade_id = raw_int (bench, "SELECT id FROM grade WHERE code = 'PARTS'");
  filters[8].filter.age = TD_ITEM_AGE_UNDER_WEEK;
  filters[9].filter.age = TD_ITEM_AGE_OVER_THREE_MONTHS;
  filters[10].filter.listed = TD_ITEM_LISTED_YES;
  filters[11].filter.listed = TD_ITEM_LISTED_NO;

  print_figure ("filters.listings", raw_int (bench, "SELECT count(*) FROM listing"), "rows");
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) count = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *page_name = g_strdup_printf ("filters.%s.page", filters[f].name);
      g_autofree char *count_name = g_strdup_printf ("filters.%s.count", filters[f].name);

      /* Age buckets count from the demo's own "now", not this run's clock. */
      filters[f].filter.now_us = raw_int (bench, "SELECT max (intake_at) FROM item") + 1;
      for (guint rep = 0; rep <= bench->reps; rep++)
        for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
          {
            g_autoptr(TdItemQuery) query = NULL;
            g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
            guint n = 0;
            double t0, t1, t2;

            t0 = now_ms ();
            query = td_store_items_query_new (bench->db, texts[t], &filters[f].filter,
                                              TD_ITEM_SORT_INTAKE, TRUE, error);
            if (query == NULL ||
                !td_store_items_query_fetch (bench->db, query, 0, SCREEN_ROWS, items, error))
              return FALSE;
            t1 = now_ms ();
            if (!td_store_items_query_count (bench->db, query, TD_ITEM_QUERY_COUNT_CAP, &n, error))
              return FALSE;
            t2 = now_ms ();
            if (rep == 0)
              continue;
            g_array_append_vals (page, (double[]) { t1 - t0 }, 1);
            g_array_append_vals (count, (double[]) { t2 - t1 }, 1);
          }
      print_stats (page_name, stats_of (page));
      print_stats (count_name, stats_of (count));
    }
  return TRUE;
}

/* What runs on a worker connection: exact counts with every page start, and explicit sorts
 * (every id in order, and one OFFSET page the slow way). Timed once each, on this thread. */
static gboolean
run_scan (Bench   *bench,
          GError **error)
{
  static const struct { const char *name; const char *typed; TdItemSortKey sort; } scans[] = {
    { "count.all", "", TD_ITEM_SORT_INTAKE },
    { "count.a", "a", TD_ITEM_SORT_INTAKE },
    { "count.dress", "dress", TD_ITEM_SORT_INTAKE },
    { "sort_price.all", "", TD_ITEM_SORT_PRICE },
    { "sort_price.dress", "dress", TD_ITEM_SORT_PRICE },
    { "sort_title.all", "", TD_ITEM_SORT_TITLE },
    /* Up to the count cap, TdItemList sorts on the main thread, OFFSET page by page. */
    { "sort_price.ralph_shirt", "ralph shirt", TD_ITEM_SORT_PRICE },
    { "sort_title.ralph_shirt", "ralph shirt", TD_ITEM_SORT_TITLE },
    { "sort_title.nike_trainers", "nike trainers", TD_ITEM_SORT_TITLE },
  };

  for (guint s = 0; s < G_N_ELEMENTS (scans); s++)
    {
      g_autoptr(TdItemQuery) query = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *scan_name = g_strdup_printf ("scan.%s", scans[s].name);
      g_autofree char *matches_name = g_strdup_printf ("scan.%s.matches", scans[s].name);
      guint every = scans[s].sort == TD_ITEM_SORT_INTAKE ? TD_ITEM_LIST_PAGE_SIZE : 1;
      guint count = 0;
      double t0, t1;

      query = td_store_items_query_new (bench->db, scans[s].typed, NULL, scans[s].sort, TRUE,
                                        error);
      if (query == NULL)
        return FALSE;
      t0 = now_ms ();
      if (!td_store_items_query_scan (bench->db, query, every, ids, &count, NULL, error))
        return FALSE;
      t1 = now_ms ();
      print_figure (scan_name, t1 - t0, "ms");
      print_figure (matches_name, count, "items");

      if (every == 1)
        {
          g_autofree char *offset_name = g_strdup_printf ("scan.%s.offset_page", scans[s].name);
          g_autofree char *snapshot_name = g_strdup_printf ("scan.%s.snapshot_page",
                                                            scans[s].name);

          /* The slow path: one page from the middle by OFFSET, sorting every match again. */
          t0 = now_ms ();
          if (!td_store_items_query_fetch_offset (bench->db, query, count / 2, TD_ITEM_LIST_PAGE_SIZE,
                                                  items, error))
            return FALSE;
          t1 = now_ms ();
          print_figure (offset_name, t1 - t0, "ms");

          /* After the worker's pass: a page is a primary-key lookup per row. */
          g_ptr_array_set_size (items, 0);
          t0 = now_ms ();
          if (!td_store_items_load (bench->db, &g_array_index (ids, gint64, count / 2),
                                    MIN (TD_ITEM_LIST_PAGE_SIZE, count - count / 2), items, error))
            return FALSE;
          t1 = now_ms ();
          print_figure (snapshot_name, t1 - t0, "ms");
        }
    }
  return TRUE;
}

/* Reports: each owner's-desk report over the last full year of sales (the app's own code,
 * td_store_reports_run(), on this connection; the page runs it on a worker's own). */
static gboolean
run_reports (Bench   *bench,
             GError **error)
{
  int last = (int) raw_int (bench, "SELECT max (sold_day) FROM sale");
  TdReportPeriod year, previous;
  gint64 now_us = g_get_real_time ();

  if (last == 0)
    return TRUE;
  td_report_period_init (&year, TD_PERIOD_CUSTOM, last, td_report_day_add (last, -364), last);
  td_report_period_previous (&year, &previous);
  print_figure ("report.year.sale_lines",
                raw_int (bench, "SELECT count(*) FROM sale_line WHERE sold_day >= (SELECT "
                                "max (sold_day) - 10000 FROM sale)"), "lines");
  for (guint k = 0; k < TD_N_REPORTS; k++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *name = NULL;
      Stats s;

      for (guint rep = 0; rep <= bench->reps; rep++)
        {
          g_autoptr(TdReport) report = NULL;
          gboolean compare = k == TD_REPORT_SUMMARY || k == TD_REPORT_OVER_TIME;
          struct timespec c0, c1;
          double t0 = now_ms (), t, c;

          clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);
          report = td_store_reports_run (bench->db, k, &year, compare ? &previous : NULL, now_us,
                                         NULL, NULL, error);
          if (report == NULL)
            return FALSE;
          clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
          t = now_ms () - t0;
          c = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
          if (rep > 0)  /* the first run warms the cache */
            {
              g_array_append_val (ms, t);
              g_array_append_val (cpu, c);
            }
          bench->sink += td_report_get_n_tables (report);
        }
      s = stats_of (ms);
      name = g_strdup_printf ("report.%s.year.ms", td_report_kind_to_string (k));
      print_figure (name, s.median, "ms");
      g_free (name);
      name = g_strdup_printf ("report.%s.year.max", td_report_kind_to_string (k));
      print_figure (name, s.max, "ms");
      /* CPU time of the thread: what the report costs when the machine is shared */
      s = stats_of (cpu);
      g_free (name);
      name = g_strdup_printf ("report.%s.year.cpu", td_report_kind_to_string (k));
      print_figure (name, s.median, "ms");
    }
  return TRUE;
}

/* The counter: scan-to-cart (code → line at its effective price) and the sale transaction
 * (synchronous=FULL, WAL), 3 items a sale, paid in cash on register "bench". Sells
 * 250 × 3 of the newest available items of the bench shop: not a default group. */
static gboolean
run_sale (Bench   *bench,
          GError **error)
{
  g_auto(TdPricingRules) rules;
  g_auto(TdCounterConfig) config = { 0 };
  g_autoptr(GArray) scan_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) commit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) nosync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TdCart) cart = NULL;
  sqlite3_stmt *stmt;
  const guint n_sales = 200;
  double committing = 0;

  td_pricing_rules_init (&rules);
  if (!td_store_pricing_load_rules (bench->db, &rules, error) ||
      !td_store_sales_load_config (bench->db, &config, error))
    return FALSE;
  cart = td_cart_new (&config);

  stmt = raw_prepare (bench, "SELECT sku FROM item WHERE status = 'available' "
                             "ORDER BY id DESC LIMIT ?");
  sqlite3_bind_int (stmt, 1, (n_sales + 50) * 3);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (skus, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  /* pass 0: the real thing (synchronous=FULL); pass 1: 50 more with synchronous=OFF, to
   * tell the CPU's part of a commit from the disk's. */
  for (guint pass = 0, i = 0; pass < 2; pass++)
    {
      GArray *into = pass == 0 ? commit_ms : nosync_ms;
      guint end = MIN (skus->len, pass == 0 ? n_sales * 3 : (n_sales + 50) * 3);

      if (pass == 1)
        sqlite3_exec (bench->handle, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
      for (; i + 3 <= end; i += 3)
        {
          g_autoptr(TdSale) sale = NULL;
          TdCartTotals totals;
          TdTender cash = { TD_TENDER_CASH, 0, NULL, 0 };
          gint64 now_us = g_get_real_time ();
          double t0, t;

          for (guint k = 0; k < 3; k++)
            {
              t0 = now_ms ();
              if (!td_store_sales_scan (bench->db, cart, &rules, g_ptr_array_index (skus, i + k),
                                        now_us, NULL, error))
                return FALSE;
              t = now_ms () - t0;
              g_array_append_val (scan_ms, t);
            }
          td_cart_get_totals (cart, &totals);
          cash.amount = totals.total + 1000;
          t0 = now_ms ();
          if (!td_store_sales_complete (bench->db, "bench", cart, &cash, 1, 0, now_us, &sale,
                                        error))
            return FALSE;
          t = now_ms () - t0;
          if (pass == 0)
            committing += t;
          g_array_append_val (into, t);
        }
    }
  sqlite3_exec (bench->handle, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (commit_ms->len == 0)
    return TRUE;

  /* The floor: a one-row write transaction on the same file costs one WAL fsync too. */
  {
    g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));

    stmt = raw_prepare (bench, "INSERT OR REPLACE INTO setting (key, value) "
                               "VALUES ('bench.tick', ?)");
    for (guint i = 0; i < 50; i++)
      {
        double t0 = now_ms (), t;

        sqlite3_exec (bench->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        sqlite3_bind_int (stmt, 1, (int) i);
        sqlite3_step (stmt);
        sqlite3_reset (stmt);
        sqlite3_exec (bench->handle, "COMMIT", NULL, NULL, NULL);
        t = now_ms () - t0;
        g_array_append_val (floor_ms, t);
      }
    sqlite3_finalize (stmt);
    print_stats ("sale.one_row_commit", stats_of (floor_ms));
  }
  print_figure ("sale.sales", commit_ms->len, "sales");
  print_stats ("sale.scan_to_cart", stats_of (scan_ms));
  print_stats ("sale.commit", stats_of (commit_ms));
  print_figure ("sale.commits_per_second", commit_ms->len / (committing / 1000), "sales/s");
  print_stats ("sale.commit_synchronous_off", stats_of (nosync_ms));
  /* What the customer waits for next: the receipt PDF (tests/bench/bench-receipt.c). */
  return bench_receipt_run (200, error);
}

/* Photos: a shop of its own in a temp dir and the test camera (tests/bench/bench-photos.c). */
static gboolean
run_photos (Bench   *bench,
            GError **error)
{
  return bench_photos_run (bench->reps, error);
}

/* Sync: publish a shop to a marketplace fake on 127.0.0.1 (tests/bench/bench-sync.c). */
static int sync_items = 10000;
static int sync_latency = 50;
static char *sync_market = NULL;
static double sync_rate = 0;
static int sync_poll = 0;

static gboolean
run_sync (Bench   *bench,
          GError **error)
{
  return bench_sync_run ((guint) MAX (sync_items, 1), (guint) MAX (sync_latency, 0), sync_market,
                         sync_rate, (guint) MAX (sync_poll, 0), error);
}

static const Group groups[] = {
  { "search", TRUE, "search-as-you-type: 200 typed queries, one screen (50 items) each", run_search },
  { "sku", TRUE, "SKU and barcode lookups, 200 scans", run_sku },
  { "count", TRUE, "the capped match count (\"1,000+\") of each typed query", run_count },
  { "list", TRUE, "a keystroke and scrolling through TdItemList, the column view's model", run_list },
  { "filters", FALSE, "pages and counts under each filter, with and without text", run_filters },
  { "photos", FALSE, "snapshot to thumbnail / saved original, a screen of 50 thumbnails", run_photos },
  { "scan", FALSE, "worker passes: exact counts, explicit sorts (price, title)", run_scan },
  { "reports", FALSE, "each owner's-desk report over a year of sales (with compare)", run_reports },
  { "sale", FALSE, "the counter: scan-to-cart, sale commits (sells 750 items), receipt PDFs", run_sale },
  { "sync", FALSE, "publish --sync-items items to a marketplace fake with latency", run_sync },
};

/* Shop ----------------------------------------------------------------------------------- */

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  g_printerr ("\rbuilding the demo shop... %3.0f %%", fraction * 100);
  if (fraction >= 1.0)
    g_printerr ("\n");
}

static gboolean
remove_shop (const char  *path,
             GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[s], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       "Can't remove %s: %s", file, g_strerror (errno));
          return FALSE;
        }
    }
  return TRUE;
}

/* Opens the shop at @path when it holds @items items; otherwise (re)builds it. Only a
 * Thriftdesk shop is ever removed. */
static TdDatabase *
open_shop (const char  *path,
           guint        items,
           GError     **error)
{
  TdDemoOptions options;
  double t0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(TdDatabase) db = NULL;
      TdShopSummary summary;

      t0 = now_ms ();
      db = td_database_open (path, error);
      if (db == NULL || !td_store_shop_load_summary (db, &summary, error))
        return NULL;
      print_figure ("shop.open", now_ms () - t0, "ms");
      if (summary.items == items)
        return g_steal_pointer (&db);
      g_printerr ("%s holds %" G_GINT64_FORMAT " items, not %u: building it again\n",
                  path, summary.items, items);
      g_clear_object (&db);
      if (!remove_shop (path, error))
        return NULL;
    }

  td_demo_options_init (&options);
  options.items = items;
  options.seed = 1;
  t0 = now_ms ();
  if (!td_demo_generate (path, &options, progress_cb, NULL, NULL, error))
    return NULL;
  print_figure ("shop.build", (now_ms () - t0) / 1000, "s");
  return td_database_open (path, error);
}

/* Main ----------------------------------------------------------------------------------- */

static const Group *
find_group (const char *name)
{
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    if (g_str_equal (groups[g].name, name))
      return &groups[g];
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) about = g_string_new ("Groups (* run by default):\n");
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *group_names = NULL;
  Bench bench = { 0 };
  int items = 1000000;
  int reps = 7;
  GStatBuf st;
  GOptionEntry entries[] = {
    { "items", 'n', 0, G_OPTION_ARG_INT, &items, "Items in the demo shop (default 1000000)", "N" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path,
      "The shop file (default thriftdesk-bench.db here); reused when it holds N items", "PATH" },
    { "groups", 'g', 0, G_OPTION_ARG_STRING, &group_names,
      "Comma-separated groups to run, or all", "NAME,..." },
    { "reps", 'r', 0, G_OPTION_ARG_INT, &reps, "Timed repetitions of each query (default 7)", "N" },
    { "sync-items", 0, 0, G_OPTION_ARG_INT, &sync_items,
      "Items the sync group publishes (default 10000)", "N" },
    { "sync-latency", 0, 0, G_OPTION_ARG_INT, &sync_latency,
      "Latency of every answer of the sync group's fake (default 50)", "MS" },
    { "sync-market", 0, 0, G_OPTION_ARG_STRING, &sync_market,
      "The sync group's marketplace fake: ebay, woocommerce, shopify, etsy (default: first built)",
      "KIND" },
    { "sync-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sync_rate,
      "Requests per second for the sync group instead of the marketplace's own", "R" },
    { "sync-poll", 0, 0, G_OPTION_ARG_INT, &sync_poll,
      "Seconds between the sync group's order polls (default: the engine's, 120)", "S" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    g_string_append_printf (about, "  %-8s %s %s\n", groups[g].name,
                            groups[g].by_default ? "*" : " ", groups[g].about);
  g_string_append (about, "\nPrints one figure per line: `name value unit`.");

  context = g_option_context_new ("- time Thriftdesk on a big demo shop");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, about->str);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (items < 1 || reps < 5)
    {
      g_printerr ("--items must be at least 1 and --reps at least 5\n");
      return 2;
    }

  if (group_names == NULL)
    {
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        if (groups[g].by_default)
          g_ptr_array_add (chosen, (gpointer) &groups[g]);
    }
  else
    {
      g_auto(GStrv) names = g_strsplit (group_names, ",", -1);

      for (guint n = 0; names[n] != NULL; n++)
        {
          const Group *group = find_group (g_strstrip (names[n]));

          if (g_str_equal (names[n], "all"))
            for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
              g_ptr_array_add (chosen, (gpointer) &groups[g]);
          else if (group != NULL)
            g_ptr_array_add (chosen, (gpointer) group);
          else
            {
              g_printerr ("No group \"%s\"; see --help\n", names[n]);
              return 2;
            }
        }
    }

  if (path == NULL)
    path = g_strdup ("thriftdesk-bench.db");

  bench.db = open_shop (path, (guint) items, &error);
  if (bench.db == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  bench.handle = td_database_get_handle (bench.db);
  bench.items = items;
  bench.reps = reps;
  bench.max_id = raw_int (&bench, "SELECT max (id) FROM item");
  bench.queries = g_ptr_array_new_with_free_func (g_free);
  for (guint q = 0; q < G_N_ELEMENTS (typed_queries); q++)
    g_ptr_array_add (bench.queries, g_strdup (typed_queries[q]));
  add_shop_codes (&bench);

  print_figure ("shop.items", items, "items");
  if (g_stat (path, &st) == 0)
    print_figure ("shop.size", st.st_size / 1048576.0, "MiB");
  print_figure ("shop.fts_index", raw_int (&bench, "SELECT sum (length (block)) FROM item_fts_data")
                                  / 1048576.0, "MiB");
  print_figure ("bench.reps", reps, "reps");

  for (guint g = 0; g < chosen->len; g++)
    {
      const Group *group = g_ptr_array_index (chosen, g);

      if (!group->run (&bench, &error))
        {
          g_printerr ("%s: %s\n", group->name, error->message);
          return 1;
        }
    }

  g_ptr_array_unref (bench.queries);
  g_clear_object (&bench.db);
  return bench.sink == 42 ? 3 : 0;  /* never: keeps the raw reads alive */
}

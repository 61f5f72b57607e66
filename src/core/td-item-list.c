/* td-item-list.c — the inventory as a list model, read a page at a time.
 *
 * A GtkColumnView over a million items asks for the rows it shows and nothing else, so
 * get_item(i) reads the page of TD_ITEM_LIST_PAGE_SIZE rows holding i, and keeps the last
 * TD_ITEM_LIST_N_PAGES pages. What runs where:
 *
 *  - On the main thread's connection, all index walks measured under a frame at 1M items:
 *    a new query (typed text, filter, sort) is settled with a capped count
 *    (TD_ITEM_QUERY_COUNT_CAP + 1: "1,000+") and one items-changed; a page in intake order
 *    is a keyset walk from the page before it (td_store_items_query_fetch()).
 *  - A page whose predecessors were never read is found by walking ids from the nearest
 *    known page start. While the count is capped that is at most ~1,000 ids.
 *  - On a worker with its own connection (GTask, td_database_open() on the same file):
 *      · the exact count of a query past the cap, with every page start, so any page is
 *        one keyset walk afterwards. It runs when a view reaches the last capped page, or
 *        when td_item_list_count_async() asks;
 *      · an explicit sort (price, title, brand, SKU) of more matches than the cap: one pass
 *        returns every id in order (8 bytes a match; 1.0 s for 1M by price); meanwhile the
 *        list shows the same matches newest first and #TdItemList:loading is set. With the
 *        cap or fewer matches the same pass runs on the main thread (≤ 7 ms at 1,000
 *        matches), once per query rather than an OFFSET sort per page.
 *
 * Results of a worker are dropped when the query changed meanwhile (a generation count).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-item-list"

#include "config.h"

#include "td-item-list.h"
#include "td-item-private.h"
#include "td-search-query.h"
#include "td-store-items-query.h"

typedef enum
{
  MODE_KEYSET,    /* pages by keyset over page_query (intake order) */
  MODE_SNAPSHOT,  /* a sorted query: pages from its ids, sorted once */
} Mode;

typedef struct
{
  guint      index;
  GPtrArray *items;   /* NULL: slot unused */
  guint64    used;
} Page;

struct _TdItemList
{
  GObject        parent_instance;

  TdDatabase    *db;
  char          *typed;
  TdItemFilter   filter;
  TdItemSortKey  sort;
  gboolean       descending;

  TdItemQuery   *query;        /* what was asked; NULL after an error */
  TdItemQuery   *page_query;   /* what pages are read with (an intake-order stand-in while a
                                * sort runs on a worker) */
  Mode           mode;
  guint          n_items;
  GArray        *anchors;      /* gint64 per page: the id before its first row; 0 unknown */
  GArray        *snapshot;     /* gint64 ids in order (MODE_SNAPSHOT) */
  Page           pages[TD_ITEM_LIST_N_PAGES];
  guint64        tick;
  guint          page_fetches;

  guint          generation;
  GCancellable  *work;         /* the worker's scan, when one runs */
  GPtrArray     *count_waiters;

  guint          count_exact : 1;
  guint          loading : 1;
  guint          failed : 1;   /* load-failed was emitted for this generation */
};

static void td_item_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdItemList, td_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, td_item_list_model_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SEARCH,
  PROP_N_ITEMS,
  PROP_COUNT_EXACT,
  PROP_CODE_HIT,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char          *path;
  char          *typed;
  TdItemFilter   filter;
  TdItemSortKey  sort;
  gboolean       descending;
  guint          every;
  guint          generation;
  GArray        *ids;
  guint          count;
} ScanData;

static void
scan_data_free (gpointer data)
{
  ScanData *sd = data;

  g_free (sd->path);
  g_free (sd->typed);
  g_clear_pointer (&sd->ids, g_array_unref);
  g_free (sd);
}

static void
report_failure (TdItemList   *self,
                const GError *error)
{
  /* Once per query: a view asking for 50 rows of a broken page must not raise 50 toasts. */
  if (self->failed)
    return;
  self->failed = TRUE;
  g_message ("Inventory list: %s", error->message);
  g_signal_emit (self, signals[LOAD_FAILED], 0, error);
}

static void
clear_pages (TdItemList *self)
{
  for (guint k = 0; k < TD_ITEM_LIST_N_PAGES; k++)
    g_clear_pointer (&self->pages[k].items, g_ptr_array_unref);
}

static void
fail_count_waiters (TdItemList *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->count_waiters);

  self->count_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < waiters->len; k++)
    g_task_return_new_error (g_ptr_array_index (waiters, k), G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The search changed before it was counted");
}

static void
resolve_count_waiters (TdItemList *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->count_waiters);

  self->count_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < waiters->len; k++)
    g_task_return_int (g_ptr_array_index (waiters, k), self->n_items);
}

static void
cancel_work (TdItemList *self)
{
  if (self->work != NULL)
    {
      g_cancellable_cancel (self->work);
      g_clear_object (&self->work);
    }
}

/* Worker --------------------------------------------------------------------------------- */

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *sd = task_data;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdItemQuery) query = NULL;
  GError *error = NULL;

  db = td_database_open (sd->path, &error);
  if (db != NULL)
    query = td_store_items_query_new (db, sd->typed, &sd->filter, sd->sort, sd->descending,
                                      &error);
  if (query != NULL &&
      td_store_items_query_scan (db, query, sd->every, sd->ids, &sd->count, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
apply_count_scan (TdItemList *self,
                  ScanData   *sd)
{
  guint old_n = self->n_items;

  /* ids[k] ends page k: page k + 1 starts after it. */
  g_array_set_size (self->anchors, (sd->count + TD_ITEM_LIST_PAGE_SIZE - 1) /
                                   TD_ITEM_LIST_PAGE_SIZE + 1);
  for (guint k = 0; k < sd->ids->len && k + 1 < self->anchors->len; k++)
    g_array_index (self->anchors, gint64, k + 1) = g_array_index (sd->ids, gint64, k);

  self->n_items = sd->count;
  self->count_exact = TRUE;
  if (self->n_items > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
  else if (self->n_items < old_n)
    {
      /* The shop changed under the capped count; rows past the end go. */
      clear_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, old_n - self->n_items, 0);
    }
  if (self->n_items != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_EXACT]);
}

static void
apply_sort_scan (TdItemList *self,
                 ScanData   *sd)
{
  guint old_n = self->n_items;

  self->mode = MODE_SNAPSHOT;
  g_clear_pointer (&self->snapshot, g_array_unref);
  self->snapshot = g_steal_pointer (&sd->ids);
  g_clear_pointer (&self->page_query, td_item_query_unref);
  self->page_query = td_item_query_ref (self->query);
  self->n_items = sd->count;
  self->count_exact = TRUE;
  self->loading = FALSE;
  clear_pages (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (self->n_items != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_EXACT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdItemList *self = TD_ITEM_LIST (source);
  ScanData *sd = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          sd->generation != self->generation)
        return;
      g_clear_object (&self->work);
      if (self->loading)
        {
          self->loading = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
        }
      report_failure (self, error);
      fail_count_waiters (self);
      return;
    }

  if (sd->generation != self->generation)
    return;
  g_clear_object (&self->work);

  if (sd->every == 1)
    apply_sort_scan (self, sd);
  else
    apply_count_scan (self, sd);
  resolve_count_waiters (self);
}

/* Runs the query again on a worker connection: every id (@every = 1) or page starts. */
static void
start_scan (TdItemList *self,
            guint       every)
{
  g_autoptr(GTask) task = NULL;
  ScanData *sd;

  g_assert (self->query != NULL);
  g_assert (self->work == NULL);

  sd = g_new0 (ScanData, 1);
  sd->path = g_strdup (td_database_get_path (self->db));
  sd->typed = g_strdup (self->typed);
  sd->filter = *td_item_query_get_filter (self->query);  /* the same now_us */
  sd->sort = every == 1 ? self->sort : TD_ITEM_SORT_INTAKE;
  sd->descending = every == 1 ? self->descending : td_item_query_get_descending (self->page_query);
  sd->every = every;
  sd->generation = self->generation;
  sd->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->work = g_cancellable_new ();
  task = g_task_new (self, self->work, scan_done_cb, NULL);
  g_task_set_source_tag (task, start_scan);
  g_task_set_name (task, "[thriftdesk] item list scan");
  g_task_set_task_data (task, sd, scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

static void
maybe_start_count (TdItemList *self)
{
  if (self->count_exact || self->loading || self->work != NULL || self->query == NULL)
    return;
  start_scan (self, TD_ITEM_LIST_PAGE_SIZE);
}

/* Query ---------------------------------------------------------------------------------- */

/* Settles a new query on the main thread and tells views once. */
static void
apply_query (TdItemList *self)
{
  g_autoptr(GError) error = NULL;
  gboolean was_code_hit = self->query != NULL && td_item_query_is_code_hit (self->query);
  gboolean was_exact = self->count_exact;
  gboolean was_loading = self->loading;
  guint old_n = self->n_items;
  guint count = 0;

  self->generation++;
  self->failed = FALSE;
  cancel_work (self);
  fail_count_waiters (self);
  clear_pages (self);
  g_array_set_size (self->anchors, 1);
  g_clear_pointer (&self->snapshot, g_array_unref);
  g_clear_pointer (&self->query, td_item_query_unref);
  g_clear_pointer (&self->page_query, td_item_query_unref);
  self->n_items = 0;
  self->count_exact = TRUE;
  self->loading = FALSE;
  self->mode = MODE_KEYSET;

  self->query = td_store_items_query_new (self->db, self->typed, &self->filter, self->sort,
                                          self->descending, &error);
  if (self->query != NULL &&
      !td_store_items_query_count (self->db, self->query, TD_ITEM_QUERY_COUNT_CAP, &count,
                                   &error))
    g_clear_pointer (&self->query, td_item_query_unref);

  if (self->query == NULL)
    report_failure (self, error);
  else if (td_item_query_is_keyset (self->query))
    {
      self->page_query = td_item_query_ref (self->query);
      self->n_items = count;
      self->count_exact = count <= TD_ITEM_QUERY_COUNT_CAP;
    }
  else if (count <= TD_ITEM_QUERY_COUNT_CAP)
    {
      /* At most the cap: sorted once, here (≤ 7 ms at 1,000 matches, measured), rather
       * than again for every page by OFFSET; pages are then primary-key reads. */
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), count);

      if (td_store_items_query_scan (self->db, self->query, 1, ids, &count, NULL, &error))
        {
          self->page_query = td_item_query_ref (self->query);
          self->mode = MODE_SNAPSHOT;
          self->snapshot = g_steal_pointer (&ids);
          self->n_items = count;
        }
      else
        {
          g_clear_pointer (&self->query, td_item_query_unref);
          report_failure (self, error);
        }
    }
  else
    {
      /* The same matches newest first until the worker's sort arrives. */
      self->page_query = td_store_items_query_new (self->db, self->typed,
                                                   td_item_query_get_filter (self->query),
                                                   TD_ITEM_SORT_INTAKE, TRUE, &error);
      if (self->page_query == NULL)
        {
          g_clear_pointer (&self->query, td_item_query_unref);
          report_failure (self, error);
        }
      else
        {
          self->n_items = count;
          self->count_exact = FALSE;
          self->loading = TRUE;
          start_scan (self, 1);
        }
    }

  if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);

  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_exact != self->count_exact)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_EXACT]);
  if (was_loading != self->loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (was_code_hit != td_item_list_get_code_hit (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE_HIT]);
}

/* Pages ---------------------------------------------------------------------------------- */

/* Where page @index starts (the id before it), walking from the nearest known start. */
static gboolean
find_anchor (TdItemList  *self,
             guint        index,
             gint64      *anchor,
             GError     **error)
{
  guint known = 0;

  if (index < self->anchors->len && g_array_index (self->anchors, gint64, index) != 0)
    {
      *anchor = g_array_index (self->anchors, gint64, index);
      return TRUE;
    }
  if (index == 0)
    {
      *anchor = 0;
      return TRUE;
    }

  for (guint k = MIN (index, self->anchors->len) ; k-- > 1; )
    if (g_array_index (self->anchors, gint64, k) != 0)
      {
        known = k;
        break;
      }

  if (!td_store_items_query_skip (self->db, self->page_query,
                                  known == 0 ? 0 : g_array_index (self->anchors, gint64, known),
                                  (index - known) * TD_ITEM_LIST_PAGE_SIZE, anchor, error))
    return FALSE;
  if (*anchor != 0)
    {
      if (self->anchors->len <= index)
        g_array_set_size (self->anchors, index + 1);
      g_array_index (self->anchors, gint64, index) = *anchor;
    }
  return TRUE;
}

static GPtrArray *
read_page (TdItemList  *self,
           guint        index,
           GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (TD_ITEM_LIST_PAGE_SIZE, g_object_unref);
  guint offset = index * TD_ITEM_LIST_PAGE_SIZE;

  switch (self->mode)
    {
    case MODE_KEYSET:
      {
        gint64 anchor = 0;

        if (!find_anchor (self, index, &anchor, error))
          return NULL;
        if (index > 0 && anchor == 0)
          break;  /* fewer rows than counted: the shop changed */
        if (!td_store_items_query_fetch (self->db, self->page_query, anchor,
                                         TD_ITEM_LIST_PAGE_SIZE, items, error))
          return NULL;
        if (items->len == TD_ITEM_LIST_PAGE_SIZE)
          {
            if (self->anchors->len <= index + 1)
              g_array_set_size (self->anchors, index + 2);
            g_array_index (self->anchors, gint64, index + 1) =
              td_item_get_id (g_ptr_array_index (items, items->len - 1));
          }
      }
      break;

    case MODE_SNAPSHOT:
      if (offset < self->snapshot->len &&
          !td_store_items_load (self->db, &g_array_index (self->snapshot, gint64, offset),
                                MIN (TD_ITEM_LIST_PAGE_SIZE, self->snapshot->len - offset),
                                items, error))
        return NULL;
      break;

    default:
      g_assert_not_reached ();
    }

  self->page_fetches++;
  return g_steal_pointer (&items);
}

static Page *
lookup_page (TdItemList *self,
             guint       index)
{
  Page *victim = &self->pages[0];
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  for (guint k = 0; k < TD_ITEM_LIST_N_PAGES; k++)
    {
      Page *page = &self->pages[k];

      if (page->items != NULL && page->index == index)
        {
          page->used = ++self->tick;
          return page;
        }
      if (victim->items != NULL && (page->items == NULL || page->used < victim->used))
        victim = page;
    }

  items = read_page (self, index, &error);
  if (items == NULL)
    {
      report_failure (self, error);
      return NULL;
    }

  g_clear_pointer (&victim->items, g_ptr_array_unref);
  victim->items = items;
  victim->index = index;
  victim->used = ++self->tick;
  return victim;
}

/* GListModel ----------------------------------------------------------------------------- */

static GType
td_item_list_get_item_type (GListModel *model)
{
  return TD_TYPE_ITEM;
}

static guint
td_item_list_get_n_items (GListModel *model)
{
  return TD_ITEM_LIST (model)->n_items;
}

static gpointer
td_item_list_get_item (GListModel *model,
                       guint       position)
{
  TdItemList *self = TD_ITEM_LIST (model);
  guint index = position / TD_ITEM_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = self->page_query != NULL ? lookup_page (self, index) : NULL;
  if (page == NULL || position % TD_ITEM_LIST_PAGE_SIZE >= page->items->len)
    {
      /* A read failed (load-failed told the view) or rows left the shop since the count:
       * a view asking inside n-items still gets an item, an empty one (id 0). */
      TdItemRow row = { 0 };

      return td_item_new_from_row (&row);
    }

  /* A view reached the end of a capped count: count it all, on a worker. */
  if (!self->count_exact && position + TD_ITEM_LIST_PAGE_SIZE >= self->n_items)
    maybe_start_count (self);

  return g_object_ref (g_ptr_array_index (page->items, position % TD_ITEM_LIST_PAGE_SIZE));
}

static void
td_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = td_item_list_get_item_type;
  iface->get_n_items = td_item_list_get_n_items;
  iface->get_item = td_item_list_get_item;
}

/* GObject -------------------------------------------------------------------------------- */

static void
td_item_list_constructed (GObject *object)
{
  TdItemList *self = (TdItemList *)object;

  G_OBJECT_CLASS (td_item_list_parent_class)->constructed (object);

  g_return_if_fail (TD_IS_DATABASE (self->db));
  apply_query (self);
}

static void
td_item_list_dispose (GObject *object)
{
  TdItemList *self = (TdItemList *)object;

  cancel_work (self);
  if (self->count_waiters != NULL)
    fail_count_waiters (self);
  clear_pages (self);
  g_clear_pointer (&self->query, td_item_query_unref);
  g_clear_pointer (&self->page_query, td_item_query_unref);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (td_item_list_parent_class)->dispose (object);
}

static void
td_item_list_finalize (GObject *object)
{
  TdItemList *self = (TdItemList *)object;

  g_clear_pointer (&self->count_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->snapshot, g_array_unref);
  g_free (self->typed);

  G_OBJECT_CLASS (td_item_list_parent_class)->finalize (object);
}

static void
td_item_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TdItemList *self = TD_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->typed);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_COUNT_EXACT:
      g_value_set_boolean (value, self->count_exact);
      break;
    case PROP_CODE_HIT:
      g_value_set_boolean (value, td_item_list_get_code_hit (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_item_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TdItemList *self = TD_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_SEARCH:
      if (self->db == NULL)
        {
          /* Construct time: the query is settled in constructed(). */
          g_free (self->typed);
          self->typed = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
        }
      else
        td_item_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_item_list_class_init (TdItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = td_item_list_constructed;
  object_class->dispose = td_item_list_dispose;
  object_class->finalize = td_item_list_finalize;
  object_class->get_property = td_item_list_get_property;
  object_class->set_property = td_item_list_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, TD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What was typed in the search box. */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* FALSE while n-items is the capped count (TD_ITEM_QUERY_COUNT_CAP + 1): "1,000+". */
  properties[PROP_COUNT_EXACT] =
    g_param_spec_boolean ("count-exact", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* What was typed is a SKU or barcode that found its item(s): the list is exactly those. */
  properties[PROP_CODE_HIT] =
    g_param_spec_boolean ("code-hit", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A sort runs on a worker; the list shows the matches newest first meanwhile. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdItemList::load-failed:
   * @error: what went wrong, in plain words
   *
   * Reading the shop failed (once per query); the view shows what it has. Show @error.
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
td_item_list_init (TdItemList *self)
{
  self->typed = g_strdup ("");
  td_item_filter_init (&self->filter);
  self->sort = TD_ITEM_SORT_INTAKE;
  self->descending = TRUE;
  self->anchors = g_array_sized_new (FALSE, TRUE, sizeof (gint64), 16);
  g_array_set_size (self->anchors, 1);
  self->count_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->count_exact = TRUE;
}

/* Public --------------------------------------------------------------------------------- */

/**
 * td_item_list_new:
 * @db: the main thread's connection; workers open their own on the same file
 *
 * Returns: (transfer full): every item, newest first
 */
TdItemList *
td_item_list_new (TdDatabase *db)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return g_object_new (TD_TYPE_ITEM_LIST, "database", db, NULL);
}

static gboolean
same_search (const char *a,
             const char *b)
{
  g_autoptr(TdSearchQuery) qa = NULL;
  g_autoptr(TdSearchQuery) qb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  qa = td_search_query_parse (a);
  qb = td_search_query_parse (b);
  if (g_strcmp0 (qa->match, qb->match) != 0 || g_strcmp0 (qa->code, qb->code) != 0)
    return FALSE;
  if (qa->code != NULL)
    {
      /* The exact lookup also tries the input as typed (trimmed). */
      g_autofree char *ta = g_strstrip (g_strdup (a));
      g_autofree char *tb = g_strstrip (g_strdup (b));

      return g_str_equal (ta, tb);
    }
  return TRUE;
}

/**
 * td_item_list_set_query:
 * @self: a #TdItemList
 * @typed: what was typed in the search box
 * @filter: (nullable): which items; %NULL for all
 * @sort: the order
 * @descending: e.g. newest first
 *
 * Changes everything at once: one items-changed. A filter with an age and no @now_us is
 * counted from now, read once.
 */
void
td_item_list_set_query (TdItemList         *self,
                        const char         *typed,
                        const TdItemFilter *filter,
                        TdItemSortKey       sort,
                        gboolean            descending)
{
  TdItemFilter new_filter;
  gboolean search_same;

  g_return_if_fail (TD_IS_ITEM_LIST (self));
  g_return_if_fail ((guint) sort < TD_ITEM_N_SORT_KEYS);

  if (typed == NULL)
    typed = "";
  if (filter != NULL)
    new_filter = *filter;
  else
    td_item_filter_init (&new_filter);
  if (new_filter.now_us == 0)
    new_filter.now_us = new_filter.age == TD_ITEM_AGE_ANY ? self->filter.now_us
                                                          : g_get_real_time ();

  search_same = same_search (self->typed, typed);
  if (g_strcmp0 (self->typed, typed) != 0)
    {
      g_free (self->typed);
      self->typed = g_strdup (typed);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }

  if (search_same && td_item_filter_equal (&self->filter, &new_filter) &&
      sort == self->sort && descending == self->descending)
    return;

  self->filter = new_filter;
  self->sort = sort;
  self->descending = descending;
  apply_query (self);
}

/**
 * td_item_list_set_search:
 * @typed: what was typed; a change that searches the same words ("dress" → "dress ")
 *   reads nothing
 */
void
td_item_list_set_search (TdItemList *self,
                         const char *typed)
{
  g_return_if_fail (TD_IS_ITEM_LIST (self));

  td_item_list_set_query (self, typed, &self->filter, self->sort, self->descending);
}

const char *
td_item_list_get_search (TdItemList *self)
{
  g_return_val_if_fail (TD_IS_ITEM_LIST (self), NULL);

  return self->typed;
}

void
td_item_list_set_filter (TdItemList         *self,
                         const TdItemFilter *filter)
{
  g_return_if_fail (TD_IS_ITEM_LIST (self));

  td_item_list_set_query (self, self->typed, filter, self->sort, self->descending);
}

/**
 * td_item_list_get_filter:
 * @filter: (out caller-allocates): the filter in use
 */
void
td_item_list_get_filter (TdItemList   *self,
                         TdItemFilter *filter)
{
  g_return_if_fail (TD_IS_ITEM_LIST (self));
  g_return_if_fail (filter != NULL);

  *filter = self->filter;
}

/**
 * td_item_list_set_sort:
 *
 * Any key but %TD_ITEM_SORT_INTAKE sorts every match: on a worker past the count cap.
 */
void
td_item_list_set_sort (TdItemList    *self,
                       TdItemSortKey  sort,
                       gboolean       descending)
{
  g_return_if_fail (TD_IS_ITEM_LIST (self));

  td_item_list_set_query (self, self->typed, &self->filter, sort, descending);
}

/**
 * td_item_list_reload:
 *
 * Reads the shop again (after items were taken in, sold or edited): one items-changed.
 */
void
td_item_list_reload (TdItemList *self)
{
  g_return_if_fail (TD_IS_ITEM_LIST (self));

  apply_query (self);
}

/**
 * td_item_list_get_count_exact:
 *
 * Returns: whether #GListModel:n-items is the exact count; otherwise there are more than
 *   %TD_ITEM_QUERY_COUNT_CAP ("1,000+")
 */
gboolean
td_item_list_get_count_exact (TdItemList *self)
{
  g_return_val_if_fail (TD_IS_ITEM_LIST (self), TRUE);

  return self->count_exact;
}

gboolean
td_item_list_get_code_hit (TdItemList *self)
{
  g_return_val_if_fail (TD_IS_ITEM_LIST (self), FALSE);

  return self->query != NULL && td_item_query_is_code_hit (self->query);
}

gboolean
td_item_list_get_loading (TdItemList *self)
{
  g_return_val_if_fail (TD_IS_ITEM_LIST (self), FALSE);

  return self->loading;
}

/**
 * td_item_list_get_page_fetches:
 *
 * Returns: how many pages were read from the database so far (for tests and benchmarks)
 */
guint
td_item_list_get_page_fetches (TdItemList *self)
{
  g_return_val_if_fail (TD_IS_ITEM_LIST (self), 0);

  return self->page_fetches;
}

/**
 * td_item_list_count_async:
 * @self: a #TdItemList
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the count is exact
 * @user_data: for @callback
 *
 * Makes #GListModel:n-items exact: counts past the cap on a worker connection (and learns
 * where every page starts). Fails with %G_IO_ERROR_CANCELLED when the query changes first.
 */
void
td_item_list_count_async (TdItemList          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_ITEM_LIST (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_item_list_count_async);

  if (self->count_exact)
    {
      g_task_return_int (task, self->n_items);
      return;
    }
  if (self->query == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "No query");
      return;
    }
  g_ptr_array_add (self->count_waiters, g_steal_pointer (&task));
  maybe_start_count (self);
}

/**
 * td_item_list_count_finish:
 * @n_items: (out) (optional): the exact count
 *
 * Returns: whether the count is exact now
 */
gboolean
td_item_list_count_finish (TdItemList    *self,
                           GAsyncResult  *result,
                           guint         *n_items,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (TD_IS_ITEM_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_items != NULL)
    *n_items = (guint) n;
  return TRUE;
}

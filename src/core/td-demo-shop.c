/* td-demo-shop.c — a day in the demo shop: intake, sales and payouts, in time order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "td-demo-private.h"
#include "td-search-text.h"
#include "td-store-demo.h"

#define MAX_BASKET   4
#define INDEX_CHUNK  65536
#define INTAKE_SHARE 0.80  /* of the progress bar; indexing for search takes the rest */

/* The consignor's part of a line price; the shop keeps exactly the rest. */
static gint64
consignor_share (gint64 price,
                 int    share_bp)
{
  return (price * share_bp + 5000) / 10000;
}

/* The heap of pending sales ------------------------------------------------------------ */

static gboolean
pending_before (const TdDemoPending *a,
                const TdDemoPending *b)
{
  return a->when < b->when || (a->when == b->when && a->item_id < b->item_id);
}

static void
heap_push (GArray              *heap,
           const TdDemoPending *pending)
{
  guint i = heap->len;

  g_array_append_vals (heap, pending, 1);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      TdDemoPending *p = &g_array_index (heap, TdDemoPending, parent);
      TdDemoPending *c = &g_array_index (heap, TdDemoPending, i);
      TdDemoPending tmp;

      if (!pending_before (c, p))
        break;
      tmp = *p;
      *p = *c;
      *c = tmp;
      i = parent;
    }
}

static TdDemoPending
heap_pop (GArray *heap)
{
  TdDemoPending top = g_array_index (heap, TdDemoPending, 0);
  guint i = 0;

  g_array_index (heap, TdDemoPending, 0) = g_array_index (heap, TdDemoPending, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      TdDemoPending tmp;

      if (l < heap->len && pending_before (&g_array_index (heap, TdDemoPending, l),
                                           &g_array_index (heap, TdDemoPending, m)))
        m = l;
      if (r < heap->len && pending_before (&g_array_index (heap, TdDemoPending, r),
                                           &g_array_index (heap, TdDemoPending, m)))
        m = r;
      if (m == i)
        break;
      tmp = g_array_index (heap, TdDemoPending, i);
      g_array_index (heap, TdDemoPending, i) = g_array_index (heap, TdDemoPending, m);
      g_array_index (heap, TdDemoPending, m) = tmp;
      i = m;
    }
  return top;
}

static const TdDemoPending *
heap_peek (GArray *heap)
{
  return heap->len > 0 ? &g_array_index (heap, TdDemoPending, 0) : NULL;
}

/* Items ------------------------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Defects only where the grade admits them, from the category's own checklist. */
static void
draw_defects (TdDemoGenerator *gen,
              TdDemoGrade      grade,
              const GStrv      checklist)
{
  guint n_checklist = checklist ? g_strv_length (checklist) : 0;
  guint n = 0;
  int first = -1;

  g_string_assign (gen->defects, "[");
  if (n_checklist > 0)
    {
      if (grade == TD_DEMO_GRADE_GOOD)
        n = td_demo_chance (gen, 30) ? 1 : 0;
      else if (grade == TD_DEMO_GRADE_FAIR || grade == TD_DEMO_GRADE_PARTS)
        n = td_demo_chance (gen, 50) ? 2 : 1;
    }
  for (guint i = 0; i < MIN (n, n_checklist); i++)
    {
      int pick = (int) td_demo_uniform (gen, 0, n_checklist - 1);

      if (pick == first)
        continue;
      if (first >= 0)
        g_string_append_c (gen->defects, ',');
      append_json_string (gen->defects, checklist[pick]);
      first = pick;
    }
  g_string_append_c (gen->defects, ']');
}

/* Tells the caller how far along we are (at most once per percent), and stops when asked. */
static gboolean
report_progress (TdDemoGenerator  *gen,
                 double            fraction,
                 GError          **error)
{
  int pct = (int) (fraction * 100);

  if (pct <= gen->progress_pct)
    return TRUE;
  gen->progress_pct = pct;
  if (g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;
  if (gen->progress != NULL)
    gen->progress (pct / 100.0, gen->progress_data);
  return TRUE;
}

/**
 * td_demo_shop_index_items:
 *
 * Indexes every item for search once they are all in, while the insert trigger is set aside
 * (td_store_demo_begin_bulk()): one pass at the end measured ~20 % faster at a million items
 * than batches during intake, whose index pages fight the sales for the page cache. Chunks
 * keep the progress bar moving and the pass cancellable.
 */
gboolean
td_demo_shop_index_items (TdDemoGenerator  *gen,
                          GError          **error)
{
  gint64 first = gen->first_item_id;
  gint64 last = gen->last_item_id;

  if (gen->search_trigger == NULL || first == 0)
    return TRUE;

  for (gint64 from = first; from <= last; from += INDEX_CHUNK)
    {
      gint64 to = MIN (from + INDEX_CHUNK - 1, last);

      if (!td_store_demo_index_items (gen->db, from, to, error) ||
          !report_progress (gen, INTAKE_SHARE + (1 - INTAKE_SHARE) * (to - first + 1) /
                                                (last - first + 1) - 0.01, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64           id;
  TdDemoConsignor *consignor;    /* NULL: shop stock */
  const char      *acquisition;
} Session;

/* Takes one item in at @at (@b on the business clock) and draws its fate. */
static gboolean
take_in_item (TdDemoGenerator  *gen,
              const Session    *session,
              gint64            at,
              gint64            b,
              GError          **error)
{
  TdDemoConsignor *c = session->consignor;
  guint ci = c != NULL && td_demo_chance (gen, 45) ? c->favourite : td_demo_pick_category (gen);
  const TdDemoCategory *category = &td_demo_categories[ci];
  const char *fields[7] = { 0 };
  g_autofree char *search_text = NULL;
  TdStoreDemoItem item = { 0 };
  TdDemoPending pending = { 0 };
  gboolean sells = FALSE;
  gint64 step = td_demo_to_minor (gen, 50);

  td_demo_draw_item (gen->rand, category, gen->this_year, &gen->draw);
  draw_defects (gen, gen->draw.grade, gen->category_defects[ci]);

  /* The shop's SKU scheme (see sku_sequence in the schema): AB12-0042, B-000123 for stock
   * bought outright, D-000123 for donations. */
  g_string_truncate (gen->sku, 0);
  if (c != NULL)
    g_string_append_printf (gen->sku, "%s-%04u", c->code, ++c->seq);
  else if (g_strcmp0 (session->acquisition, "bought") == 0)
    g_string_append_printf (gen->sku, "B-%06u", ++gen->bought_seq);
  else
    g_string_append_printf (gen->sku, "D-%06u", ++gen->donated_seq);

  item.sku = gen->sku->str;
  item.consignor_id = c ? c->id : 0;
  item.acquisition = session->acquisition;
  item.intake_id = session->id;
  item.title = gen->draw.title->str;
  item.description = gen->draw.description->str;
  item.category_id = gen->category_ids[ci];
  item.brand = gen->draw.brand;
  item.size = gen->draw.size;
  item.colour = gen->draw.colour;
  item.material = gen->draw.material;
  item.grade_id = gen->grade_ids[gen->draw.grade];
  item.defects = gen->defects->str;
  item.price = td_demo_to_minor (gen, gen->draw.price_cents);
  item.min_price = td_demo_chance (gen, 35) ? item.price * 3 / 4 / step * step : 0;
  item.cost = g_strcmp0 (session->acquisition, "bought") == 0
                ? item.price * td_demo_uniform (gen, 15, 40) / 100
                : g_strcmp0 (session->acquisition, "donated") == 0 ? 0 : -1;
  item.share_bp = c ? c->share_bp : -1;
  item.status = "available";
  item.vintage_year = gen->draw.vintage_year;
  item.intake_at = at;
  item.expires_at = c ? at + c->period_days * DAY_US : 0;
  item.updated_at = at;

  fields[0] = item.title;
  fields[1] = item.brand;
  fields[2] = item.sku;
  fields[3] = c ? c->code : "";
  fields[4] = item.size;
  fields[5] = item.colour;
  search_text = td_search_text_build (fields);
  item.search_text = search_text;

  /* Its fate: whether it sells, and after how much opening time. */
  if (td_demo_chance (gen, gen->draw.grade == TD_DEMO_GRADE_PARTS ? category->sell_pct * 2 / 3
                                                                   : category->sell_pct))
    {
      double mean = category->sell_days * (double) BUSINESS_DAY_US;
      gint64 delay = HOUR_US / 2 + (gint64) (-log (1.0 - g_rand_double (gen->rand)) * mean);
      gint64 due = MAX (b, gen->b_window) + delay;

      if (due < gen->b_total)
        {
          pending.when = td_demo_calendar_locate (gen, due, &pending.day);
          sells = item.expires_at == 0 || pending.when < item.expires_at;
        }
    }

  /* Unsold consigned items past their expiry: the shop has dealt with some of them. */
  if (!sells && c != NULL && item.expires_at + 7 * DAY_US < gen->now_us &&
      g_strcmp0 (c->expiry_action, "shop_stock") != 0 && td_demo_chance (gen, 30))
    {
      item.status = g_strcmp0 (c->expiry_action, "donate") == 0 ? "donated" : "returned";
      item.updated_at = item.expires_at + td_demo_uniform64 (gen, HOUR_US, 7 * DAY_US);
    }

  if (!td_store_demo_insert_item (gen->db, &item, &pending.item_id, error))
    return FALSE;
  if (gen->draw.code[0] != '\0' &&
      !td_store_demo_insert_item_code (gen->db, pending.item_id, gen->draw.code, error))
    return FALSE;

  if (sells)
    {
      pending.intake_at = at;
      pending.price = item.price;
      pending.min_price = item.min_price;
      pending.consignor_id = item.consignor_id;
      pending.consignor = c ? (guint) (c - gen->consignors) : 0;
      pending.share_bp = c ? c->share_bp : 0;
      heap_push (gen->heap, &pending);
    }

  gen->last_item_id = pending.item_id;
  if (gen->first_item_id == 0)
    gen->first_item_id = pending.item_id;
  gen->items_done++;
  if ((gen->items_done & 63) == 0 &&
      g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;
  return report_progress (gen, INTAKE_SHARE * gen->items_done / gen->options->items, error);
}

/* Who brings what: a consignor's bag, a job lot the shop buys, or a donation. */
static void
draw_session (TdDemoGenerator *gen,
              gint64           at,
              Session         *session,
              guint           *size)
{
  guint r = td_demo_uniform (gen, 0, 99);

  session->consignor = r < 80 ? td_demo_people_pick_consignor (gen, at) : NULL;
  if (session->consignor != NULL)
    {
      session->acquisition = "consigned";
      *size = td_demo_uniform (gen, 3, 22);
    }
  else if (r >= 80 && r < 89)
    {
      session->acquisition = "bought";
      *size = td_demo_uniform (gen, 1, 8);
    }
  else
    {
      session->acquisition = "donated";
      *size = td_demo_uniform (gen, 2, 25);
    }
}

/* Sales and payouts -------------------------------------------------------------------- */

static gboolean
sell_basket (TdDemoGenerator  *gen,
             GError          **error)
{
  static const char *reasons[] = { "Markdown", "Regular customer", "Price match", "Damaged tag" };
  static const guint percents[] = { 10, 20, 25, 50 };
  static const gint64 notes[] = { 500, 1000, 2000, 5000, 10000 };
  TdDemoPending lines[MAX_BASKET];
  TdStoreDemoLine rows[MAX_BASKET];
  TdStoreDemoSale sale = { 0 };
  guint want, n = 0, r = td_demo_uniform (gen, 0, 99);
  gint64 step = td_demo_to_minor (gen, 50);
  gint64 sale_id;
  const TdDemoDay *day;

  want = r < 55 ? 1 : r < 80 ? 2 : r < 92 ? 3 : 4;
  lines[n++] = heap_pop (gen->heap);
  while (n < want)
    {
      const TdDemoPending *next = heap_peek (gen->heap);

      /* Items in the heap were all taken in before now (events run in time order), so the
       * intake test only guards that: a basket never holds an item not yet taken in. */
      if (next == NULL || next->day != lines[0].day || next->intake_at >= lines[0].when)
        break;
      lines[n++] = heap_pop (gen->heap);
    }
  day = &g_array_index (gen->days, TdDemoDay, lines[0].day);

  for (guint i = 0; i < n; i++)
    {
      TdStoreDemoLine *row = &rows[i];
      gint64 discount = 0;

      if (td_demo_chance (gen, n > 1 ? 20 : 8))
        {
          discount = lines[i].price * percents[td_demo_uniform (gen, 0, 3)] / 100 / step * step;
          if (lines[i].price - discount < lines[i].min_price)
            discount = 0;
        }
      row->item_id = lines[i].item_id;
      row->consignor_id = lines[i].consignor_id;
      row->list_price = lines[i].price;
      row->discount = discount;
      row->price = lines[i].price - discount;
      row->share_bp = lines[i].share_bp;
      row->consignor_share = lines[i].consignor_id > 0
                               ? consignor_share (row->price, row->share_bp) : 0;
      row->sold_at = lines[0].when;
      row->sold_day = day->yyyymmdd;

      sale.subtotal += row->list_price;
      sale.discount += row->discount;
      sale.total += row->price;
    }

  sale.receipt_no = ++gen->receipt_no;
  sale.staff_id = td_demo_people_pick_staff (gen);
  sale.created_at = lines[0].when;
  sale.sold_day = day->yyyymmdd;
  sale.discount_reason = sale.discount == 0 ? ""
                         : n > 1 ? "Bundle discount" : reasons[td_demo_uniform (gen, 0, 3)];
  if (td_demo_chance (gen, sale.total >= td_demo_to_minor (gen, 5000) ? 85 : 55))
    {
      sale.tender = "card";
      sale.tendered = sale.total;
    }
  else
    {
      guint which = td_demo_uniform (gen, 0, G_N_ELEMENTS (notes) - 1);
      gint64 note = td_demo_to_minor (gen, notes[which]);

      sale.tender = "cash";
      sale.tendered = td_demo_chance (gen, 30) ? sale.total : (sale.total + note - 1) / note * note;
    }
  sale.change = sale.tendered - sale.total;

  if (!td_store_demo_insert_sale (gen->db, &sale, &sale_id, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!td_store_demo_insert_sale_line (gen->db, sale_id, &rows[i], error))
        return FALSE;
      if (lines[i].consignor_id > 0)
        gen->consignors[lines[i].consignor].balance += rows[i].consignor_share;
    }
  return TRUE;
}

/* Monthly payout run: most consignors over their minimum get their whole balance. */
static gboolean
maybe_pay_out (TdDemoGenerator  *gen,
               TdDemoConsignor  *c,
               gint64            at,
               GError          **error)
{
  g_autofree char *reference = NULL;

  if (c->balance <= 0 || c->balance < MAX (c->min_payout, td_demo_to_minor (gen, 100)) ||
      !td_demo_chance (gen, 70))
    return TRUE;

  if (g_strcmp0 (c->payout_method, "bank_transfer") == 0)
    reference = g_strdup_printf ("BT-%06u", ++gen->payout_refs);
  else if (g_strcmp0 (c->payout_method, "cheque") == 0)
    reference = g_strdup_printf ("Cheque %06u", 100000 + ++gen->payout_refs);
  else
    reference = g_strdup ("");

  if (!td_store_demo_insert_payout (gen->db, c->id, c->balance, c->payout_method, reference,
                                    gen->staff[0], at, error))
    return FALSE;
  c->balance = 0;
  return TRUE;
}

/* One opening day: intake sessions, the payout run and due sales, merged in time order. */
gboolean
td_demo_shop_run_day (TdDemoGenerator  *gen,
                      guint             d,
                      GError          **error)
{
  const TdDemoDay *day = &g_array_index (gen->days, TdDemoDay, d);
  guint n_today = day->quota - gen->items_done;
  guint next_payout = day->payout_day ? 0 : gen->n_consignors;
  Session session = { 0 };
  guint session_left = 0;
  guint k = 0;

  for (;;)
    {
      const TdDemoPending *due = heap_peek (gen->heap);
      gint64 t_item = G_MAXINT64, t_payout = G_MAXINT64, t_sale = G_MAXINT64;

      if (k < n_today)
        t_item = td_demo_calendar_item_time (day, k, n_today);
      if (next_payout < gen->n_consignors)
        {
          t_payout = day->open_us + HOUR_US / 3 + (gint64) next_payout * 3 * 60 * G_USEC_PER_SEC;
          if (t_payout >= day->close_us)
            {
              t_payout = G_MAXINT64;
              next_payout = gen->n_consignors;
            }
        }
      g_assert (due == NULL || due->day >= d);
      if (due != NULL && due->day == d)
        t_sale = due->when;

      if (t_sale != G_MAXINT64 && t_sale <= t_item && t_sale <= t_payout)
        {
          if (!sell_basket (gen, error))
            return FALSE;
        }
      else if (t_payout != G_MAXINT64 && t_payout <= t_item)
        {
          if (!maybe_pay_out (gen, &gen->consignors[next_payout++], t_payout, error))
            return FALSE;
        }
      else if (t_item != G_MAXINT64)
        {
          if (session_left == 0)
            {
              gint64 t_last;

              draw_session (gen, t_item, &session, &session_left);
              session_left = MIN (session_left, n_today - k);
              t_last = td_demo_calendar_item_time (day, k + session_left - 1, n_today);
              if (!td_store_demo_insert_intake (gen->db,
                                                session.consignor ? session.consignor->id : 0,
                                                session.acquisition,
                                                td_demo_people_pick_staff (gen),
                                                MAX (day->open_us, t_item - 60 * G_USEC_PER_SEC),
                                                MIN (day->close_us, t_last + 60 * G_USEC_PER_SEC),
                                                &session.id, error))
                return FALSE;
            }
          if (!take_in_item (gen, &session, t_item, day->b_start + (t_item - day->open_us), error))
            return FALSE;
          session_left--;
          k++;
        }
      else
        break;
    }
  return TRUE;
}

/* td-demo-people.c — the demo shop's staff and consignors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-demo"

#include "config.h"

#include <string.h>

#include "td-demo-private.h"
#include "td-store-demo.h"
#include "td-store-staff.h"

#define MAX_CONSIGNORS 20000

/* One element of a static array, at random. */
#define PICK(gen, array) ((array)[td_demo_uniform ((gen), 0, G_N_ELEMENTS (array) - 1)])

gboolean
td_demo_people_add_staff (TdDemoGenerator  *gen,
                          GError          **error)
{
  /* The demo PINs are published (HACKING.md, the welcome page): 1111 owner, 2222 manager,
   * 3333 and 4444 cashiers. */
  static const struct { const char *name, *role, *pin; } staff[] = {
    { "Alex Morgan", "owner", "1111" },
    { "Priya Shah", "manager", "2222" },
    { "Jordan Lee", "cashier", "3333" },
    { "Sam Okafor", "cashier", "4444" },
  };
  gint64 since = g_array_index (gen->days, TdDemoDay, 0).open_us - 2 * 365 * DAY_US;

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    if (!td_store_demo_insert_staff (gen->db, staff[i].name, staff[i].role,
                                     since + (gint64) i * 40 * DAY_US, &gen->staff[i], error) ||
        !td_store_staff_demo_set_pin (gen->db, gen->staff[i], staff[i].pin, error))
      return FALSE;
  return TRUE;
}

gint64
td_demo_people_pick_staff (TdDemoGenerator *gen)
{
  static const guint weights[] = { 15, 25, 30, 30 };
  guint r = td_demo_uniform (gen, 0, 99);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      if (r < weights[i])
        return gen->staff[i];
      r -= weights[i];
    }
  return gen->staff[0];
}

static int
compare_consignors (gconstpointer a,
                    gconstpointer b)
{
  const TdDemoConsignor *ca = a, *cb = b;

  if (ca->created_at != cb->created_at)
    return ca->created_at < cb->created_at ? -1 : 1;
  return strcmp (ca->code, cb->code);
}

static void
ascii_lower_alnum (GString    *out,
                   const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
}

gboolean
td_demo_people_add_consignors (TdDemoGenerator  *gen,
                               GError          **error)
{
  static const int shares[] = { -1, -1, -1, -1, 4000, 4000, 4500, 5000, 5500, 6000, 6000, 7000 };
  static const int periods[] = { 0, 0, 0, 0, 0, 0, 30, 60, 90, 90 };
  static const char *expiries[] = { NULL, NULL, NULL, NULL, "return", "return", "donate",
                                    "donate", "shop_stock", "shop_stock" };
  static const gint64 min_payouts[] = { 0, 0, 0, 0, 1000, 1000, 1000, 2000, 2000, 5000 };
  static const char *methods[] = { "cash", "cash", "cash", "cash", "bank_transfer",
                                   "bank_transfer", "bank_transfer", "cheque", "store_credit",
                                   "store_credit" };
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree TdStoreDemoConsignor *rows = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  const TdDemoDay *first = &g_array_index (gen->days, TdDemoDay, 0);
  const TdDemoDay *last = &g_array_index (gen->days, TdDemoDay, gen->days->len - 1);
  guint n = MIN (gen->options->consignors, MAX (gen->options->items / 20, 1));

  n = MIN (n, MAX_CONSIGNORS);
  gen->n_consignors = n;
  gen->consignors = g_new0 (TdDemoConsignor, MAX (n, 1));
  gen->consignor_cum = g_new0 (guint, MAX (n, 1));
  rows = g_new0 (TdStoreDemoConsignor, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      TdDemoConsignor *c = &gen->consignors[i];
      TdStoreDemoConsignor *row = &rows[i];
      const char *first_name = td_demo_pick (gen->rand, &td_demo_first_names);
      const char *surname = td_demo_pick (gen->rand, &td_demo_surnames);
      GString *email = g_string_new (NULL);
      guint tries = 0;
      guint r;

      do
        {
          char a = tries < 50 ? first_name[0] : (char) ('A' + td_demo_uniform (gen, 0, 25));
          char b = tries < 50 ? surname[0] : (char) ('A' + td_demo_uniform (gen, 0, 25));

          g_snprintf (c->code, sizeof c->code, "%c%c%02u", g_ascii_toupper (a),
                      g_ascii_toupper (b), td_demo_uniform (gen, 0, 99));
          tries++;
        }
      while (g_hash_table_contains (codes, c->code));
      g_hash_table_add (codes, g_strdup (c->code));

      row->code = c->code;
      row->name = g_strdup_printf ("%s %s", first_name, surname);
      /* Numbers and addresses reserved for fiction: 07700 900xxx, example.org. */
      if (td_demo_chance (gen, 90))
        row->phone = g_strdup_printf ("07700 900%03u", td_demo_uniform (gen, 0, 999));
      else
        row->phone = g_strdup ("");
      if (td_demo_chance (gen, 80))
        {
          static const char *domains[] = { "example.org", "example.com", "example.net" };

          ascii_lower_alnum (email, first_name);
          g_string_append_c (email, '.');
          ascii_lower_alnum (email, surname);
          if (td_demo_chance (gen, 30))
            g_string_append_printf (email, "%u", td_demo_uniform (gen, 1, 99));
          g_string_append_printf (email, "@%s", PICK (gen, domains));
        }
      row->email = g_string_free (email, FALSE);
      row->address = g_strdup_printf ("%u %s, %s", td_demo_uniform (gen, 1, 180),
                                      td_demo_pick (gen->rand, &td_demo_streets),
                                      td_demo_pick (gen->rand, &td_demo_towns));
      row->notes = td_demo_pick (gen->rand, &td_demo_consignor_notes);
      row->share_bp = PICK (gen, shares);
      row->period_days = PICK (gen, periods);
      row->expiry_action = PICK (gen, expiries);
      row->min_payout = td_demo_to_minor (gen, PICK (gen, min_payouts));
      row->payout_method = PICK (gen, methods);
      g_ptr_array_add (strings, (char *) row->name);
      g_ptr_array_add (strings, (char *) row->phone);
      g_ptr_array_add (strings, (char *) row->email);
      g_ptr_array_add (strings, (char *) row->address);

      /* Most were regulars before the history starts; some join during it. The first one
       * always predates it, so the first intake has someone to take in from. */
      if (i == 0 || td_demo_chance (gen, 75))
        c->created_at = first->open_us - td_demo_uniform64 (gen, DAY_US, 900 * DAY_US);
      else
        c->created_at = td_demo_uniform64 (gen, first->open_us,
                                           MAX (first->open_us + 1, last->close_us - 45 * DAY_US));
      row->created_at = c->created_at;

      c->share_bp = row->share_bp >= 0 ? row->share_bp : gen->default_share_bp;
      c->period_days = row->period_days > 0 ? row->period_days : gen->default_period_days;
      c->expiry_action = row->expiry_action ? row->expiry_action : gen->default_expiry;
      c->min_payout = row->min_payout;
      c->payout_method = row->payout_method;
      r = td_demo_uniform (gen, 0, 9);
      c->weight = 1 + r * r;
      c->favourite = td_demo_pick_category (gen);
    }

  /* Ids in registration order: sort the consignors, and their rows with them. */
  for (guint i = 0; i < n; i++)
    gen->consignors[i].seq = i;  /* the row index, until the sort is done */
  qsort (gen->consignors, n, sizeof (TdDemoConsignor), compare_consignors);
  for (guint i = 0; i < n; i++)
    {
      TdDemoConsignor *c = &gen->consignors[i];
      TdStoreDemoConsignor *row = &rows[c->seq];

      row->code = c->code;
      if (!td_store_demo_insert_consignor (gen->db, row, &c->id, error))
        return FALSE;
      c->seq = 0;
      gen->consignor_cum[i] = (i > 0 ? gen->consignor_cum[i - 1] : 0) + c->weight;
    }
  return TRUE;
}

TdDemoConsignor *
td_demo_people_pick_consignor (TdDemoGenerator *gen,
                               gint64           at)
{
  guint lo = 0, hi;
  guint r;

  while (gen->n_eligible < gen->n_consignors &&
         gen->consignors[gen->n_eligible].created_at <= at)
    gen->n_eligible++;
  if (gen->n_eligible == 0)
    return NULL;

  r = (guint) g_rand_int_range (gen->rand, 0, (gint32) gen->consignor_cum[gen->n_eligible - 1]);
  hi = gen->n_eligible - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gen->consignor_cum[mid] > r)
        hi = mid;
      else
        lo = mid + 1;
    }
  return &gen->consignors[lo];
}

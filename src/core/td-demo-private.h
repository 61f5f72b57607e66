/* td-demo-private.h — shared by the files of the demo generator (td-demo*.c): the
 * catalogue, the generator's state, and the pieces each file provides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-database.h"
#include "td-demo.h"

G_BEGIN_DECLS

typedef struct
{
  const char * const *v;
  guint               n;
} TdDemoList;

#define TD_DEMO_LIST(array) { array, G_N_ELEMENTS (array) }

typedef enum
{
  TD_DEMO_KIND_WEAR,   /* clothing, shoes, bags: "Brand style noun", sizes */
  TD_DEMO_KIND_BOOK,   /* made-up titles, publisher as brand, format as size */
  TD_DEMO_KIND_MEDIA,  /* "Format: Album title", label as brand */
  TD_DEMO_KIND_GOODS,  /* everything hard: "Brand style noun" */
} TdDemoKind;

typedef enum
{
  TD_DEMO_CODE_NONE,
  TD_DEMO_CODE_ISBN,
  TD_DEMO_CODE_EAN,
} TdDemoCodeKind;

/* The grades a new shop is seeded with (td-store-defaults.c), best first. */
typedef enum
{
  TD_DEMO_GRADE_NWT,
  TD_DEMO_GRADE_NWOT,
  TD_DEMO_GRADE_LIKE_NEW,
  TD_DEMO_GRADE_VERY_GOOD,
  TD_DEMO_GRADE_GOOD,
  TD_DEMO_GRADE_FAIR,
  TD_DEMO_GRADE_PARTS,
  TD_DEMO_N_GRADES
} TdDemoGrade;

typedef struct
{
  const char     *code;        /* a category code seeded by td-store-defaults.c */
  guint           weight;      /* share of the intake */
  TdDemoKind      kind;
  TdDemoList      nouns;
  TdDemoList      styles;
  TdDemoList      brands;      /* "" entries: unbranded */
  TdDemoList      sizes;       /* empty: no size */
  TdDemoList      colours;     /* empty: no colour */
  TdDemoList      materials;   /* empty: no material */
  guint           price_min;   /* hundredths of the currency's major unit */
  guint           price_max;
  guint           sell_pct;    /* chance an item sells at all */
  guint           sell_days;   /* mean opening days until it sells */
  guint           vintage_pct;
  TdDemoCodeKind  code_kind;
} TdDemoCategory;

/* One drawn item; the strings are static or live in the GStrings, until the next draw. */
typedef struct
{
  GString     *title;
  GString     *description;
  const char  *brand;
  const char  *size;
  const char  *colour;
  const char  *material;
  TdDemoGrade  grade;
  gint64       price_cents;    /* hundredths of the major unit, before currency scaling */
  int          vintage_year;   /* 0: none */
  char         code[16];       /* ISBN/EAN, "" for none */
} TdDemoDraw;

extern const TdDemoCategory td_demo_categories[];
extern const guint          td_demo_n_categories;
extern const char * const   td_demo_grade_codes[TD_DEMO_N_GRADES];

extern const TdDemoList     td_demo_first_names;
extern const TdDemoList     td_demo_surnames;
extern const TdDemoList     td_demo_streets;
extern const TdDemoList     td_demo_towns;
extern const TdDemoList     td_demo_consignor_notes;

const char *td_demo_pick      (GRand                *rand,
                               const TdDemoList     *list);
void        td_demo_draw_item (GRand                *rand,
                               const TdDemoCategory *category,
                               int                   this_year,
                               TdDemoDraw           *draw);

/* The generator ------------------------------------------------------------------------ */

/* Opening hours, local time; intake starts LEAD_DAYS before the sales history. */
#define HOUR_US          ((gint64) 3600 * G_USEC_PER_SEC)
#define DAY_US           (24 * HOUR_US)
#define OPEN_HOUR        10
#define CLOSE_HOUR       18
#define BUSINESS_DAY_US  ((CLOSE_HOUR - OPEN_HOUR) * HOUR_US)
#define LEAD_DAYS        28

typedef struct
{
  gint64   open_us;      /* clipped to the intake start */
  gint64   close_us;     /* clipped to now */
  gint64   b_start;      /* opening time before this day, on the business clock */
  int      yyyymmdd;     /* the local business day */
  guint    quota;        /* items taken in by the end of this day, cumulative */
  gboolean payout_day;   /* first opening day of a month with sales before it */
} TdDemoDay;

typedef struct
{
  gint64      id;
  char        code[8];
  int         share_bp;       /* effective: own or the shop default */
  int         period_days;    /* effective */
  const char *expiry_action;  /* effective */
  gint64      min_payout;
  const char *payout_method;
  gint64      created_at;
  guint       weight;         /* how much they bring in */
  guint       favourite;      /* category index they mostly bring */
  guint       seq;            /* last SKU number */
  gint64      balance;        /* what the shop owes them, as the ledger says */
} TdDemoConsignor;

/* An item that will sell at @when: all the sale needs, so it never reads the item back. */
typedef struct
{
  gint64 when;
  gint64 item_id;
  gint64 intake_at;
  gint64 price;
  gint64 min_price;
  gint64 consignor_id;        /* 0: shop stock */
  guint  consignor;           /* index into TdDemoGenerator.consignors */
  int    share_bp;
  guint  day;
} TdDemoPending;

typedef struct
{
  TdDatabase          *db;
  const TdDemoOptions *options;
  gint64               now_us;
  TdDemoProgressFunc   progress;
  gpointer             progress_data;
  GCancellable        *cancellable;

  GRand               *rand;
  GTimeZone           *tz;
  int                  this_year;

  int                  digits;          /* the shop currency's minor-unit exponent */
  int                  default_share_bp;
  int                  default_period_days;
  const char          *default_expiry;
  gint64               grade_ids[TD_DEMO_N_GRADES];
  gint64              *category_ids;
  GStrv               *category_defects;
  guint                category_weight_total;
  gint64               staff[4];        /* owner, manager, two cashiers */

  GArray              *days;            /* TdDemoDay */
  guint                first_sale_day;
  gint64               b_window;        /* sales start here on the business clock */
  gint64               b_total;

  TdDemoConsignor     *consignors;      /* in created_at (= id) order */
  guint                n_consignors;
  guint               *consignor_cum;   /* cumulative weights, for picking */
  guint                n_eligible;      /* consignors registered by the current time */

  GArray              *heap;            /* TdDemoPending, a min-heap on (when, item_id) */
  guint                bought_seq;      /* last SKU numbers of shop stock: B-…, D-… */
  guint                donated_seq;
  gint64               receipt_no;
  guint                payout_refs;
  guint                items_done;
  int                  progress_pct;
  char                *search_trigger;  /* set aside until the items are indexed at the end */
  gint64               first_item_id;
  gint64               last_item_id;

  TdDemoDraw           draw;
  GString             *defects;
  GString             *sku;
} TdDemoGenerator;

static inline gboolean
td_demo_chance (TdDemoGenerator *gen,
                guint            percent)
{
  return (guint) g_rand_int_range (gen->rand, 0, 100) < percent;
}

static inline guint
td_demo_uniform (TdDemoGenerator *gen,
                 guint            lo,
                 guint            hi)
{
  return (guint) g_rand_int_range (gen->rand, (gint32) lo, (gint32) hi + 1);
}

static inline gint64
td_demo_uniform64 (TdDemoGenerator *gen,
                   gint64           lo,
                   gint64           hi)
{
  return lo + (gint64) (g_rand_double (gen->rand) * (double) (hi - lo));
}

static inline guint
td_demo_pick_category (TdDemoGenerator *gen)
{
  guint r = (guint) g_rand_int_range (gen->rand, 0, (gint32) gen->category_weight_total);

  for (guint i = 0; i < td_demo_n_categories; i++)
    {
      if (r < td_demo_categories[i].weight)
        return i;
      r -= td_demo_categories[i].weight;
    }
  g_assert_not_reached ();
}

/* The catalogue prices in hundredths of a major unit; the shop may count in other units. */
static inline gint64
td_demo_to_minor (TdDemoGenerator *gen,
                  gint64           cents)
{
  gint64 scale = 1;

  for (int i = 2; i < gen->digits; i++)
    scale *= 10;
  if (gen->digits >= 2)
    return cents * scale;
  for (int i = gen->digits; i < 2; i++)
    scale *= 10;
  return MAX ((cents + scale / 2) / scale, 1);
}

/* td-demo-calendar.c */
gboolean         td_demo_calendar_build        (TdDemoGenerator  *gen,
                                                GError          **error);
gint64           td_demo_calendar_locate       (TdDemoGenerator  *gen,
                                                gint64            b,
                                                guint            *day_index);
gint64           td_demo_calendar_item_time    (const TdDemoDay  *day,
                                                guint             k,
                                                guint             n);

/* td-demo-people.c */
gboolean         td_demo_people_add_staff      (TdDemoGenerator  *gen,
                                                GError          **error);
gint64           td_demo_people_pick_staff     (TdDemoGenerator  *gen);
gboolean         td_demo_people_add_consignors (TdDemoGenerator  *gen,
                                                GError          **error);
TdDemoConsignor *td_demo_people_pick_consignor (TdDemoGenerator  *gen,
                                                gint64            at);

/* td-demo-shop.c */
gboolean         td_demo_shop_run_day          (TdDemoGenerator  *gen,
                                                guint             d,
                                                GError          **error);
gboolean         td_demo_shop_index_items      (TdDemoGenerator  *gen,
                                                GError          **error);

G_END_DECLS

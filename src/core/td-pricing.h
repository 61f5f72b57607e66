/* td-pricing.h — prices: consignor splits, rounding, suggestions, markdowns and promotions.
 *
 * Pure functions over plain structs: no SQL, no clock. The moment to price at is passed in,
 * and the rules come from td_store_pricing_load_rules() (or are built by hand in tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_PRICING_ERROR (td_pricing_error_quark ())

/**
 * TdPricingError:
 * @TD_PRICING_ERROR_INVALID: a rule breaks a limit (percent, days, dates, kind); nothing written
 * @TD_PRICING_ERROR_NOT_FOUND: the rule, closure, promotion or category does not exist
 */
typedef enum
{
  TD_PRICING_ERROR_INVALID,
  TD_PRICING_ERROR_NOT_FOUND,
} TdPricingError;

/**
 * TdPriceRounding:
 * @TD_PRICE_ROUNDING_NONE: prices stay as computed
 * @TD_PRICE_ROUNDING_NINETY_NINE: prices end in .99 (x.9 with one decimal, …9 with none)
 * @TD_PRICE_ROUNDING_WHOLE: whole units (no change with a 0-decimal currency)
 * @TD_PRICE_ROUNDING_HALF: x.00 or x.50 (whole units with a 0-decimal currency)
 *
 * See td_pricing_round() for the exact grids and the direction.
 */
typedef enum
{
  TD_PRICE_ROUNDING_NONE,
  TD_PRICE_ROUNDING_NINETY_NINE,
  TD_PRICE_ROUNDING_WHOLE,
  TD_PRICE_ROUNDING_HALF,
} TdPriceRounding;

/**
 * TdPriceLevel:
 * Which comparables a suggestion came from, most specific first.
 */
typedef enum
{
  TD_PRICE_LEVEL_NONE,            /* no comparables at any level */
  TD_PRICE_LEVEL_BRAND_GRADE,     /* same category, brand and grade */
  TD_PRICE_LEVEL_CATEGORY_GRADE,  /* same category and grade */
  TD_PRICE_LEVEL_CATEGORY,        /* same category */
} TdPriceLevel;

/**
 * TdPriceSuggestion:
 * @level: where the comparables came from; %TD_PRICE_LEVEL_NONE when @count is 0
 * @count: how many sold prices the suggestion rests on
 * @median: their median (even count: mean of the two middle ones, half up)
 * @price: @median under the shop's rounding rule: the price to propose
 * @min: the lowest comparable
 * @max: the highest comparable
 *
 * Amounts are minor units; all 0 when @count is 0.
 */
typedef struct
{
  TdPriceLevel level;
  guint        count;
  gint64       median;
  gint64       price;
  gint64       min;
  gint64       max;
} TdPriceSuggestion;

/* A markdown step: from @after_days days on the floor, @percent_bp off the ticket price. */
typedef struct
{
  gint64   id;
  gint64   category_id;   /* 0: every category */
  int      after_days;    /* ≥ 1 */
  int      percent_bp;    /* 1 … 10000 */
  gboolean active;
} TdMarkdownRule;

/* Local days the shop was (or will be) closed, inclusive, as yyyymmdd. */
typedef struct
{
  gint64 id;
  int    first_day;
  int    last_day;
  char  *note;            /* owned by the rules; may be NULL in hand-built rules */
} TdShopClosure;

typedef enum
{
  TD_PROMOTION_COLOUR_TAG,   /* items with this week's tag colour, percent off */
  TD_PROMOTION_FIXED_PRICE,  /* every item of a category at one price */
  TD_PROMOTION_PERCENT,      /* every item of a category (or all), percent off */
} TdPromotionKind;

/**
 * TdPromotion:
 * Applies while @active, @starts_at ≤ moment < @ends_at, on the local @weekdays, to items of
 * @category_id or any category below it (0: every category).
 */
typedef struct
{
  gint64          id;
  TdPromotionKind kind;
  char           *name;          /* owned by the rules */
  char           *tag_colour;    /* colour tags only; compared ignoring ASCII case */
  gint64          category_id;   /* 0: every category */
  int             percent_bp;    /* colour tag, percent: 1 … 10000 */
  gint64          fixed_price;   /* fixed price: > 0 */
  guint           weekdays;      /* bit 0 = Monday … bit 6 = Sunday; 0x7f every day */
  gint64          starts_at;     /* UTC µs, inclusive */
  gint64          ends_at;       /* UTC µs, exclusive; 0: open-ended */
  gboolean        active;
} TdPromotion;

/* A category and its parent (0 for a top-level category), so rules reach sub-categories. */
typedef struct
{
  gint64 id;
  gint64 parent_id;
} TdPricingCategory;

/**
 * TdPricingRules:
 * @markdowns: (element-type TdMarkdownRule)
 * @closures: (element-type TdShopClosure)
 * @promotions: (element-type TdPromotion)
 * @categories: (element-type TdPricingCategory): the category tree
 * @tz: the shop's time zone for local days and weekdays; %NULL: the zone of the moment priced
 *
 * Initialise with td_pricing_rules_init(), free with td_pricing_rules_clear() (or
 * `g_auto (TdPricingRules)`); the strings and @tz are owned.
 */
typedef struct
{
  GArray    *markdowns;
  GArray    *closures;
  GArray    *promotions;
  GArray    *categories;
  GTimeZone *tz;
} TdPricingRules;

/* An item's pricing facts. */
typedef struct
{
  gint64      price;         /* the ticket price, minor units */
  gint64      min_price;     /* the consignor's minimum; 0: none */
  gint64      category_id;   /* 0: none (only all-category rules apply) */
  gint64      intake_at;     /* UTC µs */
  const char *tag_colour;    /* nullable */
} TdPricingItem;

typedef enum
{
  TD_PRICE_RULE_NONE,
  TD_PRICE_RULE_MARKDOWN,
  TD_PRICE_RULE_COLOUR_TAG,
  TD_PRICE_RULE_PERCENT,
  TD_PRICE_RULE_FIXED_PRICE,
} TdPriceRule;

/**
 * TdPriceExplanation:
 * @original_price: the ticket price
 * @price: the price to charge (the return value of td_pricing_effective_price())
 * @rule: what lowered the price; %TD_PRICE_RULE_NONE when nothing did
 * @rule_id: the markdown rule's or promotion's id, 0 for none
 * @markdown_step: for a markdown, its step in the schedule (1 = first), else 0
 * @markdown_day: for a markdown, the local day (yyyymmdd) its step began, else 0
 * @percent_bp: the rule's reduction; for a fixed price the resulting reduction (half up)
 * @floored: the consignor's minimum held the price up
 * @days_on_floor: the item's age on the markdown clock (closure days not counted)
 * @next_markdown_day: the local day (yyyymmdd) the next markdown step lowers the price, 0: none
 * @next_markdown_at: the start of that day, UTC µs (0: none)
 * @next_markdown_bp: that step's percent
 * @next_markdown_price: the markdown price from that day (never below the minimum)
 */
typedef struct
{
  gint64      original_price;
  gint64      price;
  TdPriceRule rule;
  gint64      rule_id;
  guint       markdown_step;
  int         markdown_day;
  int         percent_bp;
  gboolean    floored;
  int         days_on_floor;
  int         next_markdown_day;
  gint64      next_markdown_at;
  int         next_markdown_bp;
  gint64      next_markdown_price;
} TdPriceExplanation;

GQuark           td_pricing_error_quark            (void);

gint64           td_pricing_consignor_share        (gint64                   price,
                                                    int                      share_bp);
gint64           td_pricing_percent_off            (gint64                   price,
                                                    int                      percent_bp);

gint64           td_pricing_round                  (gint64                   amount,
                                                    TdPriceRounding          rule,
                                                    int                      currency_digits);
const char      *td_price_rounding_to_string       (TdPriceRounding          rule);
gboolean         td_price_rounding_from_string     (const char              *text,
                                                    TdPriceRounding         *rule);

void             td_pricing_suggest                (const gint64            *sold_prices,
                                                    guint                    n,
                                                    TdPriceLevel             level,
                                                    TdPriceRounding          rounding,
                                                    int                      currency_digits,
                                                    TdPriceSuggestion       *out);

void             td_pricing_rules_init             (TdPricingRules          *rules);
void             td_pricing_rules_clear            (TdPricingRules          *rules);
gboolean         td_pricing_markdown_rule_validate (const TdMarkdownRule    *rule,
                                                    GError                 **error);
gboolean         td_pricing_closure_validate       (const TdShopClosure     *closure,
                                                    GError                 **error);
gboolean         td_pricing_promotion_validate     (const TdPromotion       *promotion,
                                                    GError                 **error);

int              td_pricing_days_on_floor          (const TdPricingRules    *rules,
                                                    gint64                   intake_at,
                                                    GDateTime               *at);
gint64           td_pricing_effective_price        (const TdPricingItem     *item,
                                                    const TdPricingRules    *rules,
                                                    GDateTime               *at,
                                                    TdPriceExplanation      *out);
char            *td_pricing_format_markdown_note   (const TdPriceExplanation *explanation);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdPricingRules, td_pricing_rules_clear)

G_END_DECLS

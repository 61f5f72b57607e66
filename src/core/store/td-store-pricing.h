/* td-store-pricing.h — pricing rules, the rounding setting and price suggestions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-pricing.h"

G_BEGIN_DECLS

/* The shop's rounding rule (td_price_rounding_to_string() names); missing: none. */
#define TD_SETTING_PRICING_ROUNDING "pricing.rounding"

/* A level of comparables is used when it has at least this many sold lines… */
#define TD_PRICING_MIN_COMPARABLES 3
/* …and at most this many of the most recent ones count. */
#define TD_PRICING_MAX_COMPARABLES 200

gboolean td_store_pricing_load_rules           (TdDatabase            *db,
                                                TdPricingRules        *out,
                                                GError               **error);
gboolean td_store_pricing_load_item            (TdDatabase            *db,
                                                gint64                 item_id,
                                                TdPricingItem         *out,
                                                char                 **tag_colour,
                                                GError               **error);
gboolean td_store_pricing_get_rounding         (TdDatabase            *db,
                                                TdPriceRounding       *rounding,
                                                GError               **error);
gboolean td_store_pricing_set_rounding         (TdDatabase            *db,
                                                TdPriceRounding        rounding,
                                                gint64                 now_us,
                                                GError               **error);
gboolean td_store_pricing_suggest              (TdDatabase            *db,
                                                gint64                 category_id,
                                                const char            *brand,
                                                gint64                 grade_id,
                                                TdPriceRounding        rounding,
                                                TdPriceSuggestion     *out,
                                                GError               **error);

gboolean td_store_pricing_add_markdown_rule    (TdDatabase            *db,
                                                const TdMarkdownRule  *rule,
                                                gint64                 now_us,
                                                gint64                *id,
                                                GError               **error);
gboolean td_store_pricing_remove_markdown_rule (TdDatabase            *db,
                                                gint64                 id,
                                                gint64                 now_us,
                                                GError               **error);
gboolean td_store_pricing_add_closure          (TdDatabase            *db,
                                                const TdShopClosure   *closure,
                                                gint64                 now_us,
                                                gint64                *id,
                                                GError               **error);
gboolean td_store_pricing_remove_closure       (TdDatabase            *db,
                                                gint64                 id,
                                                gint64                 now_us,
                                                GError               **error);
gboolean td_store_pricing_add_promotion        (TdDatabase            *db,
                                                const TdPromotion     *promotion,
                                                gint64                 now_us,
                                                gint64                *id,
                                                GError               **error);
gboolean td_store_pricing_remove_promotion     (TdDatabase            *db,
                                                gint64                 id,
                                                gint64                 now_us,
                                                GError               **error);

G_END_DECLS

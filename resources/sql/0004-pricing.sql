-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 4: price suggestions from the shop's own sales.
--
-- td_store_pricing_suggest() runs while staff type at intake (main thread), so each level of
-- comparables is one index range read newest first and stopped after 200 rows, whatever the
-- size of the shop, and every index below carries what the query reads so no table row is
-- visited (measured in tests/bench/bench-pricing.c: 1,000,000 items, ~540k sold).

-- Same category, grade and brand (brands match ignoring case), most recently sold first.
-- sale_line has no brand, so this level walks the sold items and then their lines… (status is
-- repeated as a column only so SQLite sees the index as covering: it is always 'sold' here.)
CREATE INDEX item_sold_comparable
  ON item (category_id, grade_id, brand COLLATE NOCASE, sold_at, status)
  WHERE status = 'sold';

-- …through the item's lines: the same leading column as before, now covering price and sale.
DROP INDEX sale_line_item;
CREATE INDEX sale_line_item ON sale_line (item_id, price, sale_id);

-- Same category and grade; then same category; most recent lines first.
CREATE INDEX sale_line_comparable ON sale_line (category_id, grade_id, sold_at, price, sale_id);
CREATE INDEX sale_line_category_sold ON sale_line (category_id, sold_at, price, sale_id);

-- The few voided sales, read once per query instead of looking up every line's sale.
CREATE INDEX sale_voided ON sale (id) WHERE status = 'voided';

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 5: the inventory browser's filters, newest first.
--
-- The browser pages newest first by keyset (id < last id seen) and, when typed words meet a
-- filter, walks the words' FTS5 rowids and the filter's ids side by side
-- (td-store-items-query.c). Both need the filter's items in id order from an index: an
-- index on one column ends in the rowid, so `consignor_id = ? ORDER BY id DESC` is a plain
-- index walk. item_consignor and item_category (column, status) give that order only when a
-- status is chosen too; alone, each page sorted all of a consignor's items (16,000 at 1M:
-- 7–45 ms a page), and a grade had no index at all (a rare grade with typed words that
-- match none of it: 390 ms). Measured at 1M items: ~9.5 MiB per index, 0.6–2 s to build.

CREATE INDEX item_consignor_newest ON item (consignor_id);
CREATE INDEX item_category_newest ON item (category_id);
CREATE INDEX item_grade_newest ON item (grade_id);

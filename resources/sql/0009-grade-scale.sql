-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 9: a shop-configurable grading scale.
--
-- A grade the shop no longer uses is retired, not deleted: items graded with it keep it, and
-- intake stops offering it.
ALTER TABLE grade ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- Etsy has no condition field; the sync sends this value as a listing tag. The defaults follow
-- the Shopify values ('new' for the two new grades, 'used' for the rest).
INSERT OR IGNORE INTO grade_marketplace (grade_id, marketplace, condition)
  SELECT id, 'etsy', CASE WHEN code IN ('NWT', 'NWOT') THEN 'new' ELSE 'used' END FROM grade;

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 8: the owner's desk (td-store-reports*.c).
--
-- Every report over a full year of the 1M-item demo shop (~520,000 sale lines a year) must
-- return within 200 ms. Reading that many sale lines takes longer, so reports read per-day
-- summaries: a few rows per local business day, keyed by what the reports group by.
--
-- WRITERS NEED DO NOTHING: the summaries are kept by the triggers below, inside the very
-- transaction that writes a sale, a sale line, a payment, a void (sale.status) or a ledger
-- row, so they never disagree with the rows they sum. A sale counts while its status is
-- 'completed'. A line's days to sell, brand and markdown come from its item as the line is
-- written (the item row must exist first, as its foreign key demands). Refunds are few and
-- are read from their own rows (refund_day). tests/test-reports.c checks every summary
-- against the raw rows.

-- Completed sales per day, channel, marketplace account (0: the counter) and staff (0: none).
CREATE TABLE report_sale_day (
  day        INTEGER NOT NULL,
  channel    TEXT NOT NULL,
  account_id INTEGER NOT NULL,
  staff_id   INTEGER NOT NULL,
  sales      INTEGER NOT NULL,
  subtotal   INTEGER NOT NULL,
  discount   INTEGER NOT NULL,
  tax        INTEGER NOT NULL,
  total      INTEGER NOT NULL,
  PRIMARY KEY (day, channel, account_id, staff_id)
) STRICT, WITHOUT ROWID;

-- Payments of completed sales per day and tender (amount net of change given).
CREATE TABLE report_tender_day (
  day      INTEGER NOT NULL,
  tender   TEXT NOT NULL,
  payments INTEGER NOT NULL,
  amount   INTEGER NOT NULL,
  PRIMARY KEY (day, tender)
) STRICT, WITHOUT ROWID;

-- Lines of completed sales, summed four ways. dated / days_us: lines whose item is known and
-- their time from intake to sale (µs), for average days to sell. Brands match ignoring case.
CREATE TABLE report_line_day (
  day INTEGER NOT NULL, category_id INTEGER NOT NULL, grade_id INTEGER NOT NULL,
  tax_rate_bp INTEGER NOT NULL,
  lines INTEGER NOT NULL, price INTEGER NOT NULL, list_price INTEGER NOT NULL,
  tax INTEGER NOT NULL, share INTEGER NOT NULL, dated INTEGER NOT NULL, days_us INTEGER NOT NULL,
  PRIMARY KEY (day, category_id, grade_id, tax_rate_bp)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_consignor_day (
  day INTEGER NOT NULL, consignor_id INTEGER NOT NULL,
  lines INTEGER NOT NULL, price INTEGER NOT NULL, list_price INTEGER NOT NULL,
  tax INTEGER NOT NULL, share INTEGER NOT NULL, dated INTEGER NOT NULL, days_us INTEGER NOT NULL,
  PRIMARY KEY (day, consignor_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_brand_day (
  day INTEGER NOT NULL, brand TEXT NOT NULL COLLATE NOCASE,
  lines INTEGER NOT NULL, price INTEGER NOT NULL, list_price INTEGER NOT NULL,
  tax INTEGER NOT NULL, share INTEGER NOT NULL, dated INTEGER NOT NULL, days_us INTEGER NOT NULL,
  PRIMARY KEY (day, brand)
) STRICT, WITHOUT ROWID;

-- markdown_pct: how far below its ticket price the line's effective price was, whole percent.
CREATE TABLE report_markdown_day (
  day INTEGER NOT NULL, markdown_pct INTEGER NOT NULL,
  lines INTEGER NOT NULL, price INTEGER NOT NULL, list_price INTEGER NOT NULL,
  tax INTEGER NOT NULL, share INTEGER NOT NULL, dated INTEGER NOT NULL, days_us INTEGER NOT NULL,
  PRIMARY KEY (day, markdown_pct)
) STRICT, WITHOUT ROWID;

-- What the shop owes each consignor: the sum of their ledger rows, kept as rows are appended
-- (the ledger is append-only: 0001's triggers refuse UPDATE and DELETE).
CREATE TABLE report_balance (
  consignor_id INTEGER PRIMARY KEY,
  balance      INTEGER NOT NULL
) STRICT;

-- Sales ---------------------------------------------------------------------------------------

CREATE TRIGGER report_sale_insert AFTER INSERT ON sale
BEGIN
  INSERT INTO report_sale_day (day, channel, account_id, staff_id, sales, subtotal, discount,
                               tax, total)
    SELECT NEW.sold_day, NEW.channel, ifnull (NEW.account_id, 0), ifnull (NEW.staff_id, 0), 1,
           NEW.subtotal, NEW.discount, NEW.tax, NEW.total WHERE NEW.status = 'completed'
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, subtotal = subtotal + excluded.subtotal,
      discount = discount + excluded.discount, tax = tax + excluded.tax, total = total + excluded.total;
END;

CREATE TRIGGER report_sale_update
AFTER UPDATE OF status, sold_day, channel, account_id, staff_id, subtotal, discount, tax, total
ON sale
BEGIN
  INSERT INTO report_sale_day (day, channel, account_id, staff_id, sales, subtotal, discount,
                               tax, total)
    SELECT OLD.sold_day, OLD.channel, ifnull (OLD.account_id, 0), ifnull (OLD.staff_id, 0), -1,
           -OLD.subtotal, -OLD.discount, -OLD.tax, -OLD.total WHERE OLD.status = 'completed'
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, subtotal = subtotal + excluded.subtotal,
      discount = discount + excluded.discount, tax = tax + excluded.tax, total = total + excluded.total;
  INSERT INTO report_sale_day (day, channel, account_id, staff_id, sales, subtotal, discount,
                               tax, total)
    SELECT NEW.sold_day, NEW.channel, ifnull (NEW.account_id, 0), ifnull (NEW.staff_id, 0), 1,
           NEW.subtotal, NEW.discount, NEW.tax, NEW.total WHERE NEW.status = 'completed'
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, subtotal = subtotal + excluded.subtotal,
      discount = discount + excluded.discount, tax = tax + excluded.tax, total = total + excluded.total;
END;

CREATE TRIGGER report_sale_delete AFTER DELETE ON sale
BEGIN
  INSERT INTO report_sale_day (day, channel, account_id, staff_id, sales, subtotal, discount,
                               tax, total)
    SELECT OLD.sold_day, OLD.channel, ifnull (OLD.account_id, 0), ifnull (OLD.staff_id, 0), -1,
           -OLD.subtotal, -OLD.discount, -OLD.tax, -OLD.total WHERE OLD.status = 'completed'
    ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, subtotal = subtotal + excluded.subtotal,
      discount = discount + excluded.discount, tax = tax + excluded.tax, total = total + excluded.total;
END;

-- A sale voided (or its day moved): its lines and payments leave (or join) the summaries.
CREATE TRIGGER report_sale_lines_update AFTER UPDATE OF status, sold_day ON sale
BEGIN
  INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, ifnull (l.category_id, 0), ifnull (l.grade_id, 0), l.tax_rate_bp,
           -1, -l.price, -l.list_price, -l.tax, -l.consignor_share,
           -(i.id IS NOT NULL), -ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = OLD.id AND OLD.status = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, l.consignor_id,
           -1, -l.price, -l.list_price, -l.tax, -l.consignor_share,
           -(i.id IS NOT NULL), -ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = OLD.id AND OLD.status = 'completed' AND l.consignor_id IS NOT NULL
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, i.brand,
           -1, -l.price, -l.list_price, -l.tax, -l.consignor_share,
           -(i.id IS NOT NULL), -ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = OLD.id AND OLD.status = 'completed' AND i.brand <> ''
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, CASE WHEN i.price IS NULL OR i.price <= l.list_price THEN 0
                              ELSE ((i.price - l.list_price) * 100 + i.price / 2) / i.price END,
           -1, -l.price, -l.list_price, -l.tax, -l.consignor_share,
           -(i.id IS NOT NULL), -ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = OLD.id AND OLD.status = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, ifnull (l.category_id, 0), ifnull (l.grade_id, 0), l.tax_rate_bp,
           1, l.price, l.list_price, l.tax, l.consignor_share,
           (i.id IS NOT NULL), ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = NEW.id AND NEW.status = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, l.consignor_id,
           1, l.price, l.list_price, l.tax, l.consignor_share,
           (i.id IS NOT NULL), ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = NEW.id AND NEW.status = 'completed' AND l.consignor_id IS NOT NULL
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, i.brand,
           1, l.price, l.list_price, l.tax, l.consignor_share,
           (i.id IS NOT NULL), ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = NEW.id AND NEW.status = 'completed' AND i.brand <> ''
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
    SELECT l.sold_day, CASE WHEN i.price IS NULL OR i.price <= l.list_price THEN 0
                              ELSE ((i.price - l.list_price) * 100 + i.price / 2) / i.price END,
           1, l.price, l.list_price, l.tax, l.consignor_share,
           (i.id IS NOT NULL), ifnull (l.sold_at - i.intake_at, 0)
    FROM sale_line l LEFT JOIN item i ON i.id = l.item_id WHERE l.sale_id = NEW.id AND NEW.status = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_tender_day (day, tender, payments, amount)
    SELECT OLD.sold_day, p.tender, -1, -(p.amount - p.change)
    FROM payment p WHERE p.sale_id = OLD.id AND OLD.status = 'completed'
    ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount;
  INSERT INTO report_tender_day (day, tender, payments, amount)
    SELECT NEW.sold_day, p.tender, 1, (p.amount - p.change)
    FROM payment p WHERE p.sale_id = NEW.id AND NEW.status = 'completed'
    ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount;
END;

-- Sale lines --------------------------------------------------------------------------------

CREATE TRIGGER report_line_insert AFTER INSERT ON sale_line
BEGIN
  INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, ifnull (NEW.category_id, 0), ifnull (NEW.grade_id, 0), NEW.tax_rate_bp,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, NEW.consignor_id,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed' AND NEW.consignor_id IS NOT NULL
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, i.brand,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed' AND i.brand <> ''
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, CASE WHEN i.price IS NULL OR i.price <= NEW.list_price THEN 0
                              ELSE ((i.price - NEW.list_price) * 100 + i.price / 2) / i.price END,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
END;

CREATE TRIGGER report_line_update AFTER UPDATE ON sale_line
BEGIN
  INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, ifnull (OLD.category_id, 0), ifnull (OLD.grade_id, 0), OLD.tax_rate_bp,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, OLD.consignor_id,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed' AND OLD.consignor_id IS NOT NULL
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, i.brand,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed' AND i.brand <> ''
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, CASE WHEN i.price IS NULL OR i.price <= OLD.list_price THEN 0
                              ELSE ((i.price - OLD.list_price) * 100 + i.price / 2) / i.price END,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, ifnull (NEW.category_id, 0), ifnull (NEW.grade_id, 0), NEW.tax_rate_bp,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, NEW.consignor_id,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed' AND NEW.consignor_id IS NOT NULL
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, i.brand,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed' AND i.brand <> ''
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
    SELECT NEW.sold_day, CASE WHEN i.price IS NULL OR i.price <= NEW.list_price THEN 0
                              ELSE ((i.price - NEW.list_price) * 100 + i.price / 2) / i.price END,
           1, NEW.price, NEW.list_price, NEW.tax, NEW.consignor_share,
           (i.id IS NOT NULL), ifnull (NEW.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = NEW.item_id WHERE (SELECT status FROM sale WHERE id = NEW.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
END;

CREATE TRIGGER report_line_delete AFTER DELETE ON sale_line
BEGIN
  INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, ifnull (OLD.category_id, 0), ifnull (OLD.grade_id, 0), OLD.tax_rate_bp,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, OLD.consignor_id,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed' AND OLD.consignor_id IS NOT NULL
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, i.brand,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed' AND i.brand <> ''
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
  INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
    SELECT OLD.sold_day, CASE WHEN i.price IS NULL OR i.price <= OLD.list_price THEN 0
                              ELSE ((i.price - OLD.list_price) * 100 + i.price / 2) / i.price END,
           -1, -OLD.price, -OLD.list_price, -OLD.tax, -OLD.consignor_share,
           -(i.id IS NOT NULL), -ifnull (OLD.sold_at - i.intake_at, 0)
    FROM (SELECT 1) LEFT JOIN item i ON i.id = OLD.item_id WHERE (SELECT status FROM sale WHERE id = OLD.sale_id) = 'completed'
    ON CONFLICT DO UPDATE SET lines = lines + excluded.lines, price = price + excluded.price,
      list_price = list_price + excluded.list_price, tax = tax + excluded.tax,
      share = share + excluded.share, dated = dated + excluded.dated,
      days_us = days_us + excluded.days_us;
END;

-- Payments ----------------------------------------------------------------------------------

CREATE TRIGGER report_payment_insert AFTER INSERT ON payment
BEGIN
  INSERT INTO report_tender_day (day, tender, payments, amount)
    SELECT s.sold_day, NEW.tender, 1, (NEW.amount - NEW.change)
    FROM sale s WHERE s.id = NEW.sale_id AND s.status = 'completed'
    ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount;
END;

CREATE TRIGGER report_payment_update AFTER UPDATE ON payment
BEGIN
  INSERT INTO report_tender_day (day, tender, payments, amount)
    SELECT s.sold_day, OLD.tender, -1, -(OLD.amount - OLD.change)
    FROM sale s WHERE s.id = OLD.sale_id AND s.status = 'completed'
    ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount;
  INSERT INTO report_tender_day (day, tender, payments, amount)
    SELECT s.sold_day, NEW.tender, 1, (NEW.amount - NEW.change)
    FROM sale s WHERE s.id = NEW.sale_id AND s.status = 'completed'
    ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount;
END;

CREATE TRIGGER report_payment_delete AFTER DELETE ON payment
BEGIN
  INSERT INTO report_tender_day (day, tender, payments, amount)
    SELECT s.sold_day, OLD.tender, -1, -(OLD.amount - OLD.change)
    FROM sale s WHERE s.id = OLD.sale_id AND s.status = 'completed'
    ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount;
END;

-- Ledger (append-only) -----------------------------------------------------------------------

CREATE TRIGGER report_ledger_insert AFTER INSERT ON ledger
BEGIN
  INSERT INTO report_balance (consignor_id, balance) VALUES (NEW.consignor_id, NEW.amount)
    ON CONFLICT DO UPDATE SET balance = balance + excluded.balance;
END;

-- What the shop already holds -----------------------------------------------------------------

INSERT INTO report_sale_day (day, channel, account_id, staff_id, sales, subtotal, discount, tax, total)
  SELECT sold_day, channel, ifnull (account_id, 0), ifnull (staff_id, 0), count(*), sum(subtotal),
         sum(discount), sum(tax), sum(total)
  FROM sale WHERE status = 'completed' GROUP BY 1, 2, 3, 4;

INSERT INTO report_tender_day (day, tender, payments, amount)
  SELECT s.sold_day, p.tender, count(*), sum(p.amount - p.change)
  FROM payment p JOIN sale s ON s.id = p.sale_id WHERE s.status = 'completed' GROUP BY 1, 2;

CREATE TEMP TABLE report_seed AS
  SELECT l.sold_day AS day, ifnull (l.category_id, 0) AS category_id, ifnull (l.grade_id, 0) AS grade_id,
         l.tax_rate_bp, l.consignor_id, i.brand AS brand,
         CASE WHEN i.price IS NULL OR i.price <= l.list_price THEN 0
              ELSE ((i.price - l.list_price) * 100 + i.price / 2) / i.price END AS markdown_pct,
         l.price, l.list_price, l.tax, l.consignor_share AS share, i.id IS NOT NULL AS dated,
         ifnull (l.sold_at - i.intake_at, 0) AS days_us
  FROM sale_line l LEFT JOIN item i ON i.id = l.item_id
  WHERE l.sale_id NOT IN (SELECT id FROM sale WHERE status <> 'completed');
INSERT INTO report_line_day (day, category_id, grade_id, tax_rate_bp, lines, price, list_price, tax, share, dated, days_us)
  SELECT day, category_id, grade_id, tax_rate_bp, count(*), sum(price), sum(list_price), sum(tax), sum(share), sum(dated), sum(days_us) FROM report_seed GROUP BY 1, 2, 3, 4;
INSERT INTO report_consignor_day (day, consignor_id, lines, price, list_price, tax, share, dated, days_us)
  SELECT day, consignor_id, count(*), sum(price), sum(list_price), sum(tax), sum(share), sum(dated), sum(days_us) FROM report_seed WHERE consignor_id IS NOT NULL GROUP BY 1, 2;
INSERT INTO report_brand_day (day, brand, lines, price, list_price, tax, share, dated, days_us)
  SELECT day, brand, count(*), sum(price), sum(list_price), sum(tax), sum(share), sum(dated), sum(days_us) FROM report_seed WHERE brand <> '' GROUP BY 1, 2;
INSERT INTO report_markdown_day (day, markdown_pct, lines, price, list_price, tax, share, dated, days_us)
  SELECT day, markdown_pct, count(*), sum(price), sum(list_price), sum(tax), sum(share), sum(dated), sum(days_us) FROM report_seed GROUP BY 1, 2;
DROP TABLE report_seed;

INSERT INTO report_balance (consignor_id, balance)
  SELECT consignor_id, sum(amount) FROM ledger GROUP BY consignor_id;

-- Items: taken in, on the floor, due for expiry -------------------------------------------------
--
-- Sell-through counts items taken in per UTC hour and category (a year of a busy shop is
-- ~50,000 rows, not 400,000 items). A period's local midnights fall on whole UTC hours in
-- every zone with a whole-hour offset; elsewhere the edge hour counts where it starts.
CREATE TABLE report_intake_hour (
  hour        INTEGER NOT NULL,    -- intake_at / 3,600,000,000
  category_id INTEGER NOT NULL,    -- 0: none
  items       INTEGER NOT NULL,
  PRIMARY KEY (hour, category_id)
) STRICT, WITHOUT ROWID;

-- Inventory health: available items per UTC intake day, category and tag colour (''), which
-- share their markdown and promotions; and per UTC day their consignment period ends.
CREATE TABLE report_floor_day (
  day         INTEGER NOT NULL,    -- intake_at / 86,400,000,000
  category_id INTEGER NOT NULL,
  tag_colour  TEXT NOT NULL COLLATE NOCASE,
  items       INTEGER NOT NULL,
  price       INTEGER NOT NULL,
  min_price   INTEGER NOT NULL,
  PRIMARY KEY (day, category_id, tag_colour)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_expiry_day (
  day   INTEGER NOT NULL PRIMARY KEY,   -- expires_at / 86,400,000,000
  items INTEGER NOT NULL,
  price INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_item_insert AFTER INSERT ON item
BEGIN
  INSERT INTO report_intake_hour (hour, category_id, items)
    VALUES (NEW.intake_at / 3600000000, ifnull (NEW.category_id, 0), 1)
    ON CONFLICT DO UPDATE SET items = items + 1;
  INSERT INTO report_floor_day (day, category_id, tag_colour, items, price, min_price)
    SELECT NEW.intake_at / 86400000000, ifnull (NEW.category_id, 0), ifnull (NEW.tag_colour, ''),
           1, NEW.price, NEW.min_price WHERE NEW.status = 'available'
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price,
      min_price = min_price + excluded.min_price;
  INSERT INTO report_expiry_day (day, items, price)
    SELECT NEW.expires_at / 86400000000, 1, NEW.price
    WHERE NEW.status = 'available' AND NEW.expires_at IS NOT NULL
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price;
END;

CREATE TRIGGER report_item_intake_update AFTER UPDATE OF intake_at, category_id ON item
BEGIN
  INSERT INTO report_intake_hour (hour, category_id, items)
    VALUES (OLD.intake_at / 3600000000, ifnull (OLD.category_id, 0), -1)
    ON CONFLICT DO UPDATE SET items = items - 1;
  INSERT INTO report_intake_hour (hour, category_id, items)
    VALUES (NEW.intake_at / 3600000000, ifnull (NEW.category_id, 0), 1)
    ON CONFLICT DO UPDATE SET items = items + 1;
END;

CREATE TRIGGER report_item_floor_update
AFTER UPDATE OF status, intake_at, category_id, tag_colour, price, min_price, expires_at ON item
BEGIN
  INSERT INTO report_floor_day (day, category_id, tag_colour, items, price, min_price)
    SELECT OLD.intake_at / 86400000000, ifnull (OLD.category_id, 0), ifnull (OLD.tag_colour, ''),
           -1, -OLD.price, -OLD.min_price WHERE OLD.status = 'available'
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price,
      min_price = min_price + excluded.min_price;
  INSERT INTO report_expiry_day (day, items, price)
    SELECT OLD.expires_at / 86400000000, -1, -OLD.price
    WHERE OLD.status = 'available' AND OLD.expires_at IS NOT NULL
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price;
  INSERT INTO report_floor_day (day, category_id, tag_colour, items, price, min_price)
    SELECT NEW.intake_at / 86400000000, ifnull (NEW.category_id, 0), ifnull (NEW.tag_colour, ''),
           1, NEW.price, NEW.min_price WHERE NEW.status = 'available'
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price,
      min_price = min_price + excluded.min_price;
  INSERT INTO report_expiry_day (day, items, price)
    SELECT NEW.expires_at / 86400000000, 1, NEW.price
    WHERE NEW.status = 'available' AND NEW.expires_at IS NOT NULL
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price;
END;

CREATE TRIGGER report_item_delete AFTER DELETE ON item
BEGIN
  INSERT INTO report_intake_hour (hour, category_id, items)
    VALUES (OLD.intake_at / 3600000000, ifnull (OLD.category_id, 0), -1)
    ON CONFLICT DO UPDATE SET items = items - 1;
  INSERT INTO report_floor_day (day, category_id, tag_colour, items, price, min_price)
    SELECT OLD.intake_at / 86400000000, ifnull (OLD.category_id, 0), ifnull (OLD.tag_colour, ''),
           -1, -OLD.price, -OLD.min_price WHERE OLD.status = 'available'
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price,
      min_price = min_price + excluded.min_price;
  INSERT INTO report_expiry_day (day, items, price)
    SELECT OLD.expires_at / 86400000000, -1, -OLD.price
    WHERE OLD.status = 'available' AND OLD.expires_at IS NOT NULL
    ON CONFLICT DO UPDATE SET items = items + excluded.items, price = price + excluded.price;
END;

INSERT INTO report_intake_hour (hour, category_id, items)
  SELECT intake_at / 3600000000, ifnull (category_id, 0), count(*) FROM item GROUP BY 1, 2;
INSERT INTO report_floor_day (day, category_id, tag_colour, items, price, min_price)
  SELECT intake_at / 86400000000, ifnull (category_id, 0), ifnull (tag_colour, ''), count(*),
         sum (price), sum (min_price)
  FROM item WHERE status = 'available' GROUP BY 1, 2, 3;
INSERT INTO report_expiry_day (day, items, price)
  SELECT expires_at / 86400000000, count(*), sum (price) FROM item
  WHERE status = 'available' AND expires_at IS NOT NULL GROUP BY 1;

-- Indexes for what is read straight from the rows ----------------------------------------------

-- Tax: the lines a refund gave back.
CREATE INDEX refund_line_report ON refund_line (refund_id);

-- Consignor refunds and payouts of a time range.
CREATE INDEX ledger_report ON ledger (kind, created_at, consignor_id, amount);

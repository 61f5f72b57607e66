-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 3: the write side of consignment stock (intake, ledger, expiry).

-- The last SKU number handed out per prefix: a consignor code ('AB12' → AB12-0042), 'B' for
-- stock bought outright (B-000123), 'D' for donated stock (D-000123); consignor codes have at
-- least two characters, so the prefixes never meet. A number comes from here rather than from
-- max(item.sku) so it is never handed out twice, even after an item row is gone, and so
-- AB12-10000 follows AB12-9999 (text order would not). The counter moves inside the intake's
-- transaction: a rolled-back intake gives its number back, so the only gaps are numbers skipped
-- because an imported item already holds that SKU.
CREATE TABLE sku_sequence (
  prefix TEXT PRIMARY KEY,
  last   INTEGER NOT NULL CHECK (last >= 0)
) STRICT, WITHOUT ROWID;

-- The items of one intake session: its summary and reprinting its tags.
CREATE INDEX item_intake ON item (intake_id) WHERE intake_id IS NOT NULL;

-- The item editor replaces an item's manufacturer codes; the primary key starts with the code.
CREATE INDEX item_code_item ON item_code (item_id);

-- A consignor's balance (sum of amount) and history newest first (id descending) read from the
-- index alone, without visiting the ledger rows.
CREATE INDEX ledger_consignor_id ON ledger (consignor_id, id, amount);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 1: the whole shop model.
--
-- Conventions (see HACKING.md):
--   * money is INTEGER minor units of the shop's currency (setting 'shop.currency');
--   * time is INTEGER UTC microseconds since the Unix epoch (*_at columns);
--   * *_day columns are the shop's local business day as yyyymmdd, fixed when written;
--   * shares and rates are basis points (10000 = 100 %);
--   * ledger and audit are append-only (triggers below refuse UPDATE and DELETE).

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE staff (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  role       TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'cashier')),
  pin_hash   TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE consignor (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  phone         TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  share_bp      INTEGER CHECK (share_bp BETWEEN 0 AND 10000),      -- NULL: shop default
  period_days   INTEGER CHECK (period_days > 0),                   -- NULL: shop default
  expiry_action TEXT CHECK (expiry_action IN ('return', 'donate', 'shop_stock')),
  min_payout    INTEGER NOT NULL DEFAULT 0 CHECK (min_payout >= 0),
  payout_method TEXT NOT NULL DEFAULT 'cash'
                CHECK (payout_method IN ('cash', 'cheque', 'bank_transfer', 'store_credit')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE category (
  id        INTEGER PRIMARY KEY,
  code      TEXT UNIQUE,                  -- stable key for data files and the demo ('clothing.women')
  parent_id INTEGER REFERENCES category (id),
  name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
  tax_class TEXT NOT NULL DEFAULT 'standard',
  defects   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(defects)),  -- defect checklist labels
  co2e_g    INTEGER CHECK (co2e_g >= 0),     -- circular-impact factor per item sold
  water_l   INTEGER CHECK (water_l >= 0),
  position  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX category_name ON category (ifnull (parent_id, 0), name);

CREATE TABLE grade (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
  definition TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- How each grade is called on each marketplace (eBay conditionId enum, Etsy, Shopify …).
CREATE TABLE grade_marketplace (
  grade_id    INTEGER NOT NULL REFERENCES grade (id) ON DELETE CASCADE,
  marketplace TEXT NOT NULL,
  condition   TEXT NOT NULL,
  PRIMARY KEY (grade_id, marketplace)
) STRICT, WITHOUT ROWID;

CREATE TABLE intake (
  id           INTEGER PRIMARY KEY,
  consignor_id INTEGER REFERENCES consignor (id),
  acquisition  TEXT NOT NULL CHECK (acquisition IN ('consigned', 'bought', 'donated')),
  staff_id     INTEGER REFERENCES staff (id),
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER
) STRICT;

-- AUTOINCREMENT: ids follow intake order and are never reused, so "newest first" is rowid order.
CREATE TABLE item (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  sku          TEXT NOT NULL UNIQUE CHECK (length(sku) > 0),
  consignor_id INTEGER REFERENCES consignor (id),                 -- NULL: shop stock
  acquisition  TEXT NOT NULL DEFAULT 'consigned'
               CHECK (acquisition IN ('consigned', 'bought', 'donated')),
  intake_id    INTEGER REFERENCES intake (id),
  title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description  TEXT NOT NULL DEFAULT '',
  category_id  INTEGER REFERENCES category (id),
  brand        TEXT NOT NULL DEFAULT '',
  size         TEXT NOT NULL DEFAULT '',
  colour       TEXT NOT NULL DEFAULT '',
  material     TEXT NOT NULL DEFAULT '',
  grade_id     INTEGER REFERENCES grade (id),
  defects      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(defects)),
  price        INTEGER NOT NULL CHECK (price > 0),
  min_price    INTEGER NOT NULL DEFAULT 0 CHECK (min_price >= 0),
  cost         INTEGER CHECK (cost >= 0),
  share_bp     INTEGER CHECK (share_bp BETWEEN 0 AND 10000),    -- consignor share fixed at intake
  quantity     INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 0),
  status       TEXT NOT NULL DEFAULT 'available'
               CHECK (status IN ('draft', 'available', 'held', 'sold', 'returned',
                                 'donated', 'damaged')),
  tag_colour   TEXT,
  vintage_year INTEGER,
  search_text  TEXT NOT NULL DEFAULT '',
  intake_at    INTEGER NOT NULL,
  expires_at   INTEGER,
  sold_at      INTEGER,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX item_status ON item (status);
CREATE INDEX item_consignor ON item (consignor_id, status);
CREATE INDEX item_category ON item (category_id, status);
CREATE INDEX item_expiry ON item (expires_at) WHERE status = 'available';

-- Manufacturer codes (UPC/EAN/ISBN) that scan to an item; several copies may share one.
CREATE TABLE item_code (
  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  code    TEXT NOT NULL,
  PRIMARY KEY (code, item_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE photo (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL DEFAULT 0,
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX photo_item ON photo (item_id, position);
CREATE INDEX photo_sha256 ON photo (sha256);

CREATE TABLE markdown_rule (
  id          INTEGER PRIMARY KEY,
  category_id INTEGER REFERENCES category (id),                  -- NULL: every category
  after_days  INTEGER NOT NULL CHECK (after_days > 0),
  percent_bp  INTEGER NOT NULL CHECK (percent_bp BETWEEN 1 AND 10000),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Days the shop was closed: markdown clocks pause over them.
CREATE TABLE shop_closure (
  id        INTEGER PRIMARY KEY,
  first_day INTEGER NOT NULL,
  last_day  INTEGER NOT NULL CHECK (last_day >= first_day),
  note      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE promotion (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('colour_tag', 'fixed_price', 'percent')),
  tag_colour  TEXT,
  category_id INTEGER REFERENCES category (id),
  percent_bp  INTEGER CHECK (percent_bp BETWEEN 1 AND 10000),
  fixed_price INTEGER CHECK (fixed_price > 0),
  weekdays    INTEGER NOT NULL DEFAULT 127,                       -- bit 0 = Monday
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE marketplace_account (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('ebay', 'shopify', 'etsy', 'woocommerce')),
  name       TEXT NOT NULL,
  base_url   TEXT NOT NULL,
  sandbox    INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1)),
  settings   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),  -- never secrets
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sale (
  id                INTEGER PRIMARY KEY,
  register_id       TEXT NOT NULL DEFAULT 'main',
  receipt_no        INTEGER NOT NULL CHECK (receipt_no > 0),
  channel           TEXT NOT NULL DEFAULT 'store',
  account_id        INTEGER REFERENCES marketplace_account (id),
  external_order_id TEXT,
  staff_id          INTEGER REFERENCES staff (id),
  created_at        INTEGER NOT NULL,
  sold_day          INTEGER NOT NULL,
  subtotal          INTEGER NOT NULL,
  discount          INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
  discount_reason   TEXT NOT NULL DEFAULT '',
  tax               INTEGER NOT NULL DEFAULT 0,
  rounding          INTEGER NOT NULL DEFAULT 0,
  total             INTEGER NOT NULL,
  status            TEXT NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'voided')),
  UNIQUE (register_id, receipt_no),
  UNIQUE (account_id, external_order_id)
) STRICT;
CREATE INDEX sale_day ON sale (sold_day);

-- Sale lines carry the sale-time facts reports need, so reports never join back to item.
CREATE TABLE sale_line (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER NOT NULL REFERENCES sale (id),
  item_id         INTEGER NOT NULL REFERENCES item (id),
  title           TEXT NOT NULL,
  sku             TEXT NOT NULL,
  category_id     INTEGER REFERENCES category (id),
  grade_id        INTEGER REFERENCES grade (id),
  consignor_id    INTEGER REFERENCES consignor (id),
  list_price      INTEGER NOT NULL,                               -- effective price before discount
  discount        INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
  price           INTEGER NOT NULL CHECK (price >= 0),            -- what the customer paid, net of discount
  tax             INTEGER NOT NULL DEFAULT 0,
  tax_rate_bp     INTEGER NOT NULL DEFAULT 0,
  share_bp        INTEGER NOT NULL DEFAULT 0 CHECK (share_bp BETWEEN 0 AND 10000),
  consignor_share INTEGER NOT NULL DEFAULT 0 CHECK (consignor_share BETWEEN 0 AND price),
  sold_at         INTEGER NOT NULL,
  sold_day        INTEGER NOT NULL
) STRICT;
CREATE INDEX sale_line_sale ON sale_line (sale_id);
CREATE INDEX sale_line_item ON sale_line (item_id);
CREATE INDEX sale_line_consignor ON sale_line (consignor_id, sold_at) WHERE consignor_id IS NOT NULL;
CREATE INDEX sale_line_day ON sale_line (sold_day, category_id);

CREATE TABLE payment (
  id        INTEGER PRIMARY KEY,
  sale_id   INTEGER NOT NULL REFERENCES sale (id),
  tender    TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'store_credit', 'gift_card', 'marketplace')),
  amount    INTEGER NOT NULL,
  change    INTEGER NOT NULL DEFAULT 0 CHECK (change >= 0),
  reference TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX payment_sale ON payment (sale_id);

CREATE TABLE refund (
  id          INTEGER PRIMARY KEY,
  sale_id     INTEGER NOT NULL REFERENCES sale (id),
  register_id TEXT NOT NULL DEFAULT 'main',
  refund_no   INTEGER NOT NULL CHECK (refund_no > 0),
  staff_id    INTEGER REFERENCES staff (id),
  created_at  INTEGER NOT NULL,
  refund_day  INTEGER NOT NULL,
  total       INTEGER NOT NULL CHECK (total >= 0),
  tender      TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  UNIQUE (register_id, refund_no)
) STRICT;
CREATE INDEX refund_sale ON refund (sale_id);
CREATE INDEX refund_day ON refund (refund_day);

-- UNIQUE sale_line_id: a sale line can be refunded once.
CREATE TABLE refund_line (
  id              INTEGER PRIMARY KEY,
  refund_id       INTEGER NOT NULL REFERENCES refund (id),
  sale_line_id    INTEGER NOT NULL UNIQUE REFERENCES sale_line (id),
  amount          INTEGER NOT NULL CHECK (amount >= 0),
  tax             INTEGER NOT NULL DEFAULT 0,
  consignor_share INTEGER NOT NULL DEFAULT 0 CHECK (consignor_share >= 0),
  restock         TEXT NOT NULL DEFAULT 'available' CHECK (restock IN ('available', 'damaged'))
) STRICT;

CREATE TABLE gift_card (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE gift_card_movement (
  id           INTEGER PRIMARY KEY,
  gift_card_id INTEGER NOT NULL REFERENCES gift_card (id),
  amount       INTEGER NOT NULL,                                  -- + issue/top-up, − redeem
  sale_id      INTEGER REFERENCES sale (id),
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX gift_card_movement_card ON gift_card_movement (gift_card_id);

CREATE TABLE payout (
  id           INTEGER PRIMARY KEY,
  consignor_id INTEGER NOT NULL REFERENCES consignor (id),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  method       TEXT NOT NULL CHECK (method IN ('cash', 'cheque', 'bank_transfer', 'store_credit')),
  reference    TEXT NOT NULL DEFAULT '',
  staff_id     INTEGER REFERENCES staff (id),
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX payout_consignor ON payout (consignor_id, created_at);

-- What the shop owes each consignor. Positive amounts raise the balance (sale credits),
-- negative ones lower it (refund debits, payouts, store-credit spending). Append-only:
-- the balance is always the sum, never a stored number.
CREATE TABLE ledger (
  id             INTEGER PRIMARY KEY,
  consignor_id   INTEGER NOT NULL REFERENCES consignor (id),
  kind           TEXT NOT NULL
                 CHECK (kind IN ('sale', 'refund', 'payout', 'adjustment', 'store_credit')),
  amount         INTEGER NOT NULL,
  sale_line_id   INTEGER REFERENCES sale_line (id),
  refund_line_id INTEGER REFERENCES refund_line (id),
  payout_id      INTEGER REFERENCES payout (id),
  created_at     INTEGER NOT NULL,
  note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX ledger_consignor ON ledger (consignor_id, created_at);

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE (ABORT, 'ledger rows are append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE (ABORT, 'ledger rows are append-only'); END;

CREATE TABLE till_session (
  id           INTEGER PRIMARY KEY,
  register_id  TEXT NOT NULL DEFAULT 'main',
  opened_at    INTEGER NOT NULL,
  opened_by    INTEGER REFERENCES staff (id),
  float_amount INTEGER NOT NULL CHECK (float_amount >= 0),
  closed_at    INTEGER,
  closed_by    INTEGER REFERENCES staff (id),
  counted_cash INTEGER
) STRICT;
-- One open till session per register.
CREATE UNIQUE INDEX till_session_open ON till_session (register_id) WHERE closed_at IS NULL;

CREATE TABLE till_movement (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES till_session (id),
  kind       TEXT NOT NULL CHECK (kind IN ('paid_in', 'paid_out', 'sale', 'refund', 'payout')),
  amount     INTEGER NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  staff_id   INTEGER REFERENCES staff (id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX till_movement_session ON till_movement (session_id);

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  staff_id  INTEGER REFERENCES staff (id),
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL DEFAULT '',
  entity_id INTEGER,
  detail    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_entity ON audit (entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;

CREATE TABLE listing (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES item (id),
  account_id INTEGER NOT NULL REFERENCES marketplace_account (id),
  remote_id  TEXT,
  state      TEXT NOT NULL DEFAULT 'draft'
             CHECK (state IN ('draft', 'queued', 'live', 'error', 'ended')),
  price_sent INTEGER,
  synced_at  INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE (item_id, account_id)
) STRICT;
CREATE INDEX listing_account_state ON listing (account_id, state);

-- Outbox: written in the same transaction as the change it reports.
CREATE TABLE sync_job (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES marketplace_account (id),
  item_id    INTEGER REFERENCES item (id),
  op         TEXT NOT NULL CHECK (op IN ('publish', 'update', 'withdraw', 'pull_orders')),
  priority   INTEGER NOT NULL DEFAULT 0,                          -- withdrawals first
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_job_due ON sync_job (state, priority DESC, next_at) WHERE state = 'pending';

CREATE TABLE sync_cursor (
  account_id INTEGER NOT NULL REFERENCES marketplace_account (id),
  name       TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (account_id, name)
) STRICT, WITHOUT ROWID;

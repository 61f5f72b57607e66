-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 6: the counter (parked carts, per-register reads of sales,
-- refunds and gift card balances).

-- A cart put aside on a register (a customer fetching their wallet) survives a restart.
-- `lines` is the cart's GVariant text (td_cart_serialize()): item ids and staff discounts
-- only; recalling re-reads every item and re-prices it, so nothing stale is ever sold.
CREATE TABLE parked_cart (
  id          INTEGER PRIMARY KEY,
  register_id TEXT NOT NULL,
  label       TEXT NOT NULL DEFAULT '',
  staff_id    INTEGER REFERENCES staff (id),
  parked_at   INTEGER NOT NULL,
  n_items     INTEGER NOT NULL CHECK (n_items >= 0),
  total       INTEGER NOT NULL,
  lines       TEXT NOT NULL
) STRICT;
CREATE INDEX parked_cart_register ON parked_cart (register_id, parked_at);

-- The Z report and "last sale on this register" read a register's sales and refunds by time.
CREATE INDEX sale_register_at ON sale (register_id, created_at);
CREATE INDEX refund_register_at ON refund (register_id, created_at);

-- Reading a sale back (receipt reprint, returns) lists the gift cards it redeemed.
CREATE INDEX gift_card_movement_sale ON gift_card_movement (sale_id) WHERE sale_id IS NOT NULL;

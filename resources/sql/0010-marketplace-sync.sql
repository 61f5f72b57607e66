-- Marketplace sync: secondary remote ids, crash recovery of running jobs, conflicts.
-- (The sync engine's helper owns this file this session; triggers that queue update/withdraw
-- jobs on item edits and expiry actions are added below.)

-- Secondary ids a listing needs besides remote_id (eBay offerId and image URLs, Shopify
-- variant and inventory item ids, Etsy image ids …), as a JSON object.
ALTER TABLE listing ADD COLUMN remote_ref TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(remote_ref));
ALTER TABLE listing ADD COLUMN updated_at INTEGER;

ALTER TABLE sync_job ADD COLUMN started_at INTEGER;

-- An online order for an item that had already left the shop: staff must act online.
CREATE TABLE sync_conflict (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES marketplace_account (id),
  item_id           INTEGER REFERENCES item (id),
  external_order_id TEXT NOT NULL,
  sku               TEXT NOT NULL DEFAULT '',
  shop_sale_id      INTEGER REFERENCES sale (id),
  detected_at       INTEGER NOT NULL,
  resolved_at       INTEGER,
  resolved_by       INTEGER REFERENCES staff (id),
  resolution        TEXT,
  UNIQUE (account_id, external_order_id, sku)
) STRICT;
CREATE INDEX sync_conflict_open ON sync_conflict (detected_at) WHERE resolved_at IS NULL;

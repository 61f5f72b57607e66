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

CREATE INDEX sync_job_item ON sync_job (item_id, account_id, state);

-- Outbox from item edits, in the same transaction as the edit. Times come from the edit's
-- updated_at (store code never reads the clock).
--
-- What a listing shows changed: one pending 'update' per queued/live listing, unless one (or a
-- publish, which sends everything) is already pending: ten price edits make one job.
CREATE TRIGGER item_sync_update
AFTER UPDATE OF price, title, description, grade_id, brand, size, colour, material ON item
WHEN NEW.status = 'available'
 AND (OLD.price IS NOT NEW.price OR OLD.title IS NOT NEW.title
      OR OLD.description IS NOT NEW.description OR OLD.grade_id IS NOT NEW.grade_id
      OR OLD.brand IS NOT NEW.brand OR OLD.size IS NOT NEW.size
      OR OLD.colour IS NOT NEW.colour OR OLD.material IS NOT NEW.material)
BEGIN
  INSERT INTO sync_job (account_id, item_id, op, priority, next_at, created_at)
  SELECT l.account_id, l.item_id, 'update', 0, NEW.updated_at, NEW.updated_at
  FROM listing l JOIN marketplace_account a ON a.id = l.account_id AND a.active = 1
  WHERE l.item_id = NEW.id AND l.state IN ('queued', 'live')
    AND NOT EXISTS (SELECT 1 FROM sync_job j
                    WHERE j.item_id = l.item_id AND j.account_id = l.account_id
                      AND j.state = 'pending' AND j.op IN ('update', 'publish', 'withdraw'));
END;

-- The item left the floor another way than a sale (expiry actions, damage, hold): withdraw
-- every queued/live listing first. Sales write their withdraw jobs themselves
-- (td-store-sales.c, td-store-sync-orders.c), so 'sold' is not here: one job per listing.
CREATE TRIGGER item_sync_withdraw
AFTER UPDATE OF status ON item
WHEN OLD.status = 'available' AND NEW.status IN ('returned', 'donated', 'damaged', 'held')
BEGIN
  INSERT INTO sync_job (account_id, item_id, op, priority, next_at, created_at)
  SELECT l.account_id, l.item_id, 'withdraw', 100, NEW.updated_at, NEW.updated_at
  FROM listing l
  WHERE l.item_id = NEW.id AND l.state IN ('queued', 'live')
    AND NOT EXISTS (SELECT 1 FROM sync_job j
                    WHERE j.item_id = l.item_id AND j.account_id = l.account_id
                      AND j.state = 'pending' AND j.op = 'withdraw');
END;

-- Listing states move forward sensibly: nothing goes back to 'draft', and only a listing on
-- its way (queued) or already shown (live, error) becomes live; an ended one is queued again
-- to come back.
CREATE TRIGGER listing_state_check
BEFORE UPDATE OF state ON listing
WHEN NEW.state IS NOT OLD.state
 AND (NEW.state = 'draft' OR (NEW.state = 'live' AND OLD.state NOT IN ('queued', 'error')))
BEGIN
  SELECT RAISE (ABORT, 'listing state change not allowed');
END;

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Thriftdesk schema, version 2: search-as-you-type over items.
--
-- item.search_text holds one normalised string per item (title, brand, SKU, consignor code …,
-- folded by td_search_text_build()). FTS5 indexes it as external content with prefix indexes so
-- every typed prefix is an index lookup (see shared STORAGE.md for the measurements).
-- The update trigger fires only when search_text changes, never on a status change at a sale.

CREATE VIRTUAL TABLE item_fts USING fts5 (
  search_text,
  content = 'item',
  content_rowid = 'id',
  prefix = '1 2 3 4',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER item_fts_insert AFTER INSERT ON item
BEGIN
  INSERT INTO item_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER item_fts_delete AFTER DELETE ON item
BEGIN
  INSERT INTO item_fts (item_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER item_fts_update AFTER UPDATE OF search_text ON item
BEGIN
  INSERT INTO item_fts (item_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO item_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Items written by version 1 are indexed here.
INSERT INTO item_fts (item_fts) VALUES ('rebuild');

-- 0007-staff.sql — staff sign-in: PIN rate limiting, and indexes for the audit viewer.
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- staff.pin_hash holds a libsodium Argon2id string (crypto_pwhash_str). Wrong PINs count in
-- failed_pins; at 5 the account is locked until locked_until (UTC µs), each lockout longer
-- than the last (lockouts). Kept in the database so a restart does not reset them.

ALTER TABLE staff ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0 CHECK (failed_pins >= 0);
ALTER TABLE staff ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0);
ALTER TABLE staff ADD COLUMN locked_until INTEGER NOT NULL DEFAULT 0;

CREATE INDEX audit_staff ON audit (staff_id, at);
CREATE INDEX audit_action ON audit (action, at);

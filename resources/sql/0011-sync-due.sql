-- When is an account's next sync job due? The engine asks after every batch and answer
-- (td_store_sync_next_due*). sync_job_due leads with priority, so min(next_at) read every
-- pending job: 4–107 ms on the main loop with 10,000 queued after a first publish. These
-- answer it with one seek per account (and op).
CREATE INDEX sync_job_next ON sync_job (account_id, next_at) WHERE state = 'pending';
CREATE INDEX sync_job_next_op ON sync_job (account_id, op, next_at) WHERE state = 'pending';

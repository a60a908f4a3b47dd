-- pum: no-transaction
-- pum: lock-timeout 5s
-- CREATE INDEX CONCURRENTLY cannot run in a transaction; pum records this file after it succeeds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS pipe_material_idx ON sample.pipe (material);

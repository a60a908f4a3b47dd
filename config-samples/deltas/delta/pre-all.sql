-- Views depending on tables that deltas alter are dropped first and recreated by post-all.sql.
DROP VIEW IF EXISTS sample.vw_pipe;

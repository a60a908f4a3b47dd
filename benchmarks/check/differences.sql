-- Differences planted in the second database: pum check must report exactly these.
ALTER TABLE s3.t33 ALTER COLUMN amount TYPE numeric(14,2);
ALTER TABLE s2.t1002 ADD COLUMN extra integer;
DROP INDEX s5.t55_code_idx;
CREATE OR REPLACE VIEW s4.v404 AS SELECT id, code, amount * 3 AS double_amount FROM s4.t404 WHERE qty > 404;
CREATE OR REPLACE FUNCTION s1.f101(a integer, b text DEFAULT 'x') RETURNS integer LANGUAGE plpgsql STABLE
    AS $b$ BEGIN RETURN a + 102 + length(b); END $b$;
DROP TRIGGER t808_touch ON s8.t808;
ALTER TABLE s6.t1996 DROP CONSTRAINT t1996_ref_fkey;

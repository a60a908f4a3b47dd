-- A large generated schema for the pum check benchmark: N tables (the setting pum_bench.tables,
-- default 2,000; the counts below are for 2,000 and scale with it) (10 columns each: 20,000
-- columns), 4,000 indexes (primary keys + one per table), 5,000 constraints (primary key, check,
-- foreign key on every other table), 2,000 sequences (serial), 500 views, 1,000 functions,
-- 500 triggers, comments, in 10 schemas. Commits every 100 tables to keep the lock table small.
DO $gen$
DECLARE
    sch text;
    prev text;
BEGIN
    FOR s IN 0..9 LOOP
        EXECUTE format('CREATE SCHEMA s%s', s);
    END LOOP;
    EXECUTE $f$CREATE FUNCTION s0.touch() RETURNS trigger LANGUAGE plpgsql AS $b$
        BEGIN NEW.created := coalesce(NEW.created, now()); RETURN NEW; END $b$$f$;
    FOR i IN 1..coalesce(current_setting('pum_bench.tables', true)::int, 2000) LOOP
        sch := 's' || (i % 10);
        EXECUTE format('CREATE TABLE %I.t%s (id serial PRIMARY KEY, code text NOT NULL, name varchar(80),'
            ' amount numeric(12,2) DEFAULT 0, qty integer CONSTRAINT t%s_qty_check CHECK (qty >= 0),'
            ' created timestamptz DEFAULT now(), flag boolean DEFAULT false, note text, ref_id integer,'
            ' x double precision)', sch, i, i);
        EXECUTE format('CREATE INDEX t%s_code_idx ON %I.t%s (code, qty) WHERE flag', i, sch, i);
        IF i % 2 = 0 THEN
            prev := 's' || ((i - 1) % 10);
            EXECUTE format('ALTER TABLE %I.t%s ADD CONSTRAINT t%s_ref_fkey FOREIGN KEY (ref_id) REFERENCES %I.t%s (id) ON DELETE SET NULL',
                sch, i, i, prev, i - 1);
        END IF;
        IF i % 4 = 0 THEN
            EXECUTE format('CREATE VIEW %I.v%s AS SELECT id, code, amount * 2 AS double_amount FROM %I.t%s WHERE qty > %s',
                sch, i, sch, i, i);
            EXECUTE format('CREATE TRIGGER t%s_touch BEFORE INSERT OR UPDATE ON %I.t%s FOR EACH ROW'
                ' WHEN (NEW.qty IS NOT NULL) EXECUTE FUNCTION s0.touch()', i, sch, i);
        END IF;
        IF i % 2 = 1 THEN
            EXECUTE format('CREATE FUNCTION %I.f%s(a integer, b text DEFAULT %L) RETURNS integer LANGUAGE plpgsql STABLE'
                ' AS $b$ BEGIN RETURN a + %s + length(b); END $b$', sch, i, 'x', i);
        END IF;
        IF i % 10 = 0 THEN
            EXECUTE format('COMMENT ON TABLE %I.t%s IS %L', sch, i, 'table number ' || i);
            EXECUTE format('COMMENT ON COLUMN %I.t%s.code IS %L', sch, i, 'code of ' || i);
        END IF;
        IF i % 100 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
END
$gen$;

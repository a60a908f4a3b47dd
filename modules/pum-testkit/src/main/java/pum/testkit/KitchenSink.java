package pum.testkit;

/** A schema using every object kind pum compares, for no-op and cross-major cases (the diff and the catalog tests). */
public final class KitchenSink {
    private KitchenSink() {
    }

    /** The statements, for one database. */
    public static final String DDL = """
            CREATE EXTENSION pg_trgm;
            CREATE SCHEMA qwat_od;
            CREATE SCHEMA "Odd Schema";
            CREATE TYPE qwat_od.status AS ENUM ('planned', 'built', 'removed');
            CREATE TYPE qwat_od.point3 AS (x double precision, y double precision, z numeric(10,3));
            CREATE DOMAIN qwat_od.positive AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
            CREATE SEQUENCE qwat_od.counter AS integer START 10 INCREMENT 5 MINVALUE 10 MAXVALUE 1000 CACHE 2 CYCLE;
            CREATE TABLE qwat_od.district (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name varchar(50) COLLATE "C" NOT NULL UNIQUE,
                code char(3) DEFAULT 'ABC'
            );
            CREATE TABLE qwat_od.pipe (
                id serial PRIMARY KEY,
                district_id integer REFERENCES qwat_od.district (id) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL
                    DEFERRABLE INITIALLY DEFERRED,
                diameter integer NOT NULL DEFAULT 100 CHECK (diameter > 0),
                length numeric(12,2),
                length_m numeric GENERATED ALWAYS AS (length * 1000) STORED,
                status qwat_od.status DEFAULT 'planned',
                tags text[],
                during tsrange,
                EXCLUDE USING gist (during WITH &&)
            );
            ALTER TABLE qwat_od.pipe ADD CONSTRAINT pipe_len CHECK (length >= 0) NOT VALID;
            ALTER SEQUENCE qwat_od.counter OWNED BY qwat_od.pipe.diameter;
            CREATE UNIQUE INDEX pipe_status_idx ON qwat_od.pipe (status, diameter) INCLUDE (length) WHERE status <> 'removed';
            CREATE INDEX pipe_tags_idx ON qwat_od.pipe USING gin (tags);
            CREATE INDEX district_lower_idx ON qwat_od.district (lower(name::text));
            CREATE UNLOGGED TABLE qwat_od.scratch (k text, v jsonb);
            CREATE TABLE qwat_od.measure (id int, at date NOT NULL, value real) PARTITION BY RANGE (at);
            CREATE TABLE qwat_od.measure_2024 PARTITION OF qwat_od.measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE qwat_od.base (created timestamptz DEFAULT now());
            CREATE TABLE qwat_od.child (extra int) INHERITS (qwat_od.base);
            CREATE TABLE "Odd Schema"."Mixed Case" ("Select" int, "user" text);
            CREATE VIEW qwat_od.big_pipes WITH (security_barrier) AS
                SELECT p.id, p.diameter * 2 AS d2, d.name FROM qwat_od.pipe p JOIN qwat_od.district d ON d.id = p.district_id
                WHERE p.diameter > 200 AND p.status::text LIKE 'b%';
            CREATE MATERIALIZED VIEW qwat_od.pipe_count AS SELECT status, count(*) AS n FROM qwat_od.pipe GROUP BY status;
            CREATE INDEX pipe_count_idx ON qwat_od.pipe_count (status);
            CREATE FUNCTION qwat_od.add(a integer, b integer DEFAULT 1) RETURNS integer
                LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
            CREATE FUNCTION qwat_od.twice(a integer) RETURNS integer LANGUAGE sql IMMUTABLE
                RETURN a * 2;
            CREATE FUNCTION qwat_od.touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = qwat_od, pg_temp
                AS $$ BEGIN NEW.diameter := coalesce(NEW.diameter, 1); RETURN NEW; END $$;
            CREATE PROCEDURE qwat_od.cleanup(keep integer) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM qwat_od.pipe WHERE id > keep; END $$;
            CREATE AGGREGATE qwat_od.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');
            CREATE TRIGGER pipe_touch BEFORE INSERT OR UPDATE OF diameter ON qwat_od.pipe
                FOR EACH ROW WHEN (NEW.diameter IS DISTINCT FROM 0) EXECUTE FUNCTION qwat_od.touch();
            CREATE TRIGGER pipe_stmt AFTER DELETE ON qwat_od.pipe FOR EACH STATEMENT EXECUTE FUNCTION qwat_od.touch();
            CREATE RULE scratch_no_delete AS ON DELETE TO qwat_od.scratch DO INSTEAD NOTHING;
            ALTER TABLE qwat_od.pipe ENABLE ROW LEVEL SECURITY;
            CREATE POLICY pipe_read ON qwat_od.pipe FOR SELECT TO PUBLIC USING (diameter > 0);
            CREATE POLICY pipe_write ON qwat_od.pipe AS RESTRICTIVE FOR UPDATE USING (true) WITH CHECK (diameter < 10000);
            COMMENT ON SCHEMA qwat_od IS 'water network';
            COMMENT ON TABLE qwat_od.pipe IS 'pipes';
            COMMENT ON COLUMN qwat_od.pipe.diameter IS 'inner diameter in mm';
            COMMENT ON FUNCTION qwat_od.add(integer, integer) IS 'adds';
            COMMENT ON TYPE qwat_od.status IS 'life cycle';
            COMMENT ON CONSTRAINT pipe_len ON qwat_od.pipe IS 'no negative length';
            COMMENT ON TRIGGER pipe_touch ON qwat_od.pipe IS 'normalises';
            COMMENT ON VIEW qwat_od.big_pipes IS 'large ones';
            """;
}

package pum.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** A schema written as DDL and replayed into a fresh database compares equal to the source. */
@ExtendWith(PostgresExtension.class)
class RemapReplayTest {
    static final String SCHEMA = """
            CREATE EXTENSION citext;
            CREATE SCHEMA ref;
            CREATE SCHEMA app;
            CREATE TYPE app.mood AS ENUM ('sad', 'ok, fine', 'happy');
            CREATE TYPE app.pair AS (x numeric(10,2), y text);
            CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_positive CHECK (VALUE > 0);
            CREATE FUNCTION app.next_code() RETURNS text LANGUAGE sql VOLATILE AS $$SELECT 'C' || floor(random() * 1000)::text$$;
            CREATE FUNCTION app.is_valid(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$BEGIN RETURN length(t) > 0; END$$;
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.changed := now(); RETURN NEW; END$$;
            CREATE PROCEDURE app.noop(n integer DEFAULT 3) LANGUAGE plpgsql SET search_path = pg_catalog AS $$BEGIN NULL; END$$;
            CREATE TABLE ref.country (id serial PRIMARY KEY, code char(2) NOT NULL UNIQUE, name public.citext);
            CREATE SEQUENCE app.ticket_seq INCREMENT BY 5 START WITH 100 CACHE 2;
            CREATE TABLE app.customer (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                code text NOT NULL DEFAULT app.next_code() CHECK (app.is_valid(code)),
                country integer REFERENCES ref.country (id) ON DELETE SET NULL,
                mood app.mood DEFAULT 'ok, fine',
                score app.posint,
                ticket integer DEFAULT nextval('app.ticket_seq'),
                width numeric, height numeric, area numeric GENERATED ALWAYS AS (width * height) STORED,
                label text COLLATE "C",
                changed timestamptz);
            ALTER SEQUENCE app.ticket_seq OWNED BY app.customer.ticket;
            ALTER TABLE ref.country ADD COLUMN best_customer bigint REFERENCES app.customer (id) DEFERRABLE INITIALLY DEFERRED;
            CREATE INDEX customer_lower_code ON app.customer (lower(code)) WHERE mood <> 'sad';
            CREATE TRIGGER customer_touch BEFORE UPDATE ON app.customer FOR EACH ROW EXECUTE FUNCTION app.touch();
            CREATE TABLE app.event (id bigint NOT NULL, at date NOT NULL, what text CHECK (what <> '')) PARTITION BY RANGE (at);
            ALTER TABLE app.event ADD PRIMARY KEY (id, at);
            CREATE INDEX event_what ON app.event (what);
            CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE app.event_rest PARTITION OF app.event DEFAULT;
            CREATE VIEW app.v_customer AS SELECT c.id, c.code, k.name AS country FROM app.customer c LEFT JOIN ref.country k ON k.id = c.country;
            CREATE VIEW app.v_customer_count AS SELECT country, count(*) AS n FROM app.v_customer GROUP BY country;
            CREATE VIEW app.a_top AS SELECT * FROM app.v_customer_count WHERE n > 1;
            CREATE MATERIALIZED VIEW app.m_events AS SELECT at, count(*) AS n FROM app.event GROUP BY at;
            CREATE UNIQUE INDEX m_events_at ON app.m_events (at);
            CREATE RULE no_delete AS ON DELETE TO ref.country DO INSTEAD NOTHING;
            ALTER TABLE app.customer ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own ON app.customer FOR SELECT TO PUBLIC USING (mood <> 'sad');
            COMMENT ON SCHEMA app IS 'the application';
            COMMENT ON TABLE app.customer IS 'who buys';
            COMMENT ON COLUMN app.customer.code IS 'it''s a code';
            COMMENT ON VIEW app.v_customer IS 'customers with countries';
            COMMENT ON FUNCTION app.next_code() IS 'makes codes';
            COMMENT ON TYPE app.mood IS 'how they feel';
            COMMENT ON CONSTRAINT customer_code_check ON app.customer IS 'valid codes only';
            COMMENT ON TRIGGER customer_touch ON app.customer IS 'keeps changed';
            COMMENT ON INDEX app.customer_lower_code IS 'lookup';
            COMMENT ON SEQUENCE app.ticket_seq IS 'tickets';
            """;

    static final String MORE_KINDS = """
            CREATE EXTENSION postgres_fdw;
            CREATE SCHEMA app;
            CREATE FUNCTION app.acc(s int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s + x';
            CREATE FUNCTION app.fin(s int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT s::bigint * 2';
            CREATE AGGREGATE app.total(int) (SFUNC = app.acc, STYPE = int, FINALFUNC = app.fin, INITCOND = '0', COMBINEFUNC = app.acc,
                PARALLEL = SAFE);
            CREATE AGGREGATE app.cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
            CREATE AGGREGATE app.biggest(int) (SFUNC = int4larger, STYPE = int, SORTOP = >);
            CREATE AGGREGATE app.mavg(int) (SFUNC = int4_avg_accum, STYPE = int8[], FINALFUNC = int8_avg, INITCOND = '{0,0}',
                MSFUNC = int4_avg_accum, MINVFUNC = int4_avg_accum_inv, MSTYPE = int8[], MFINALFUNC = int8_avg, MINITCOND = '{0,0}');
            CREATE AGGREGATE app.pdisc(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
                FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
            CREATE AGGREGATE app.rnk(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi, STYPE = internal,
                FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
            COMMENT ON AGGREGATE app.total(int) IS 'sums';
            COMMENT ON AGGREGATE app.cnt(*) IS 'counts';
            COMMENT ON AGGREGATE app.pdisc(float8 ORDER BY anyelement) IS 'a percentile';
            CREATE FOREIGN DATA WRAPPER app_fdw OPTIONS (debug 'true');
            CREATE SERVER app_srv TYPE 'demo' VERSION '1.0' FOREIGN DATA WRAPPER app_fdw OPTIONS (host 'h', "odd key" 'it''s');
            CREATE SERVER pg_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'x');
            CREATE USER MAPPING FOR PUBLIC SERVER pg_srv OPTIONS (user 'u', password 'very-secret');
            CREATE FOREIGN TABLE app.remote (id int OPTIONS (column_name 'ID') NOT NULL, note text COLLATE "C" DEFAULT 'x')
                SERVER app_srv OPTIONS (table_name 'r');
            ALTER FOREIGN TABLE app.remote ADD CONSTRAINT remote_id CHECK (id > 0);
            CREATE FOREIGN TABLE app.pg_remote (id int, v text) SERVER pg_srv OPTIONS (schema_name 'public', table_name 't');
            CREATE VIEW app.v_remote AS SELECT r.id, p.v FROM app.remote r JOIN app.pg_remote p USING (id);
            COMMENT ON FOREIGN TABLE app.remote IS 'far away';
            CREATE VIEW app.b AS SELECT 'app.a'::text AS label;
            CREATE VIEW app.a AS SELECT label FROM app.b;
            CREATE FUNCTION app.count_a() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM app.a);
            """;

    @Test
    void aggregatesForeignTablesAndAnOrderOnlyPgDependKnows(TestDatabase source, TestDatabase replay) throws Exception {
        source.execute(MORE_KINDS);
        Replay.Read read = Replay.read(source);
        String script = Ddl.script("remap", Ddl.create(read.snapshot(), read.details()));
        assertFalse(script.contains("MANUAL"), script);
        assertFalse(script.contains("very-secret") || script.contains("USER MAPPING"), "user mappings are never written:\n" + script);
        assertFalse(script.contains("CREATE FOREIGN DATA WRAPPER postgres_fdw"), "the extension's wrapper is the extension's:\n" + script);
        // app.b's text names app.a in a string: only pg_depend knows that app.a reads app.b and not the other way
        assertTrue(script.indexOf("CREATE VIEW app.b") < script.indexOf("CREATE VIEW app.a"), script);
        replay.execute(script);
        Replay.assertSame(source, replay, script);
        Replay.Read again = Replay.read(replay);
        assertEquals(read.details().aggregates(), again.details().aggregates());
        assertEquals(read.details().foreignDataWrappers(), again.details().foreignDataWrappers());
        assertEquals(read.details().foreignServers(), again.details().foreignServers());
        assertEquals(read.details().foreignTables(), again.details().foreignTables());
        assertEquals(script, Ddl.script("remap", Ddl.create(again.snapshot(), again.details())));
    }

    @Test
    void remapReplaysToAnEqualDatabase(TestDatabase source, TestDatabase replay) throws SQLException {
        source.execute(SCHEMA);
        Replay.Read read = Replay.read(source);
        String script = Ddl.script("remap", Ddl.create(read.snapshot(), read.details()));
        assertFalse(script.contains("citext_"), "the extension's own objects are left out:\n" + script);
        assertTrue(script.contains("CREATE EXTENSION IF NOT EXISTS citext"), script);
        replay.execute(script);
        Replay.assertSame(source, replay, script);
        // stable: the replayed database writes the same script
        Replay.Read again = Replay.read(replay);
        assertEquals(script, Ddl.script("remap", Ddl.create(again.snapshot(), again.details())));
    }
}

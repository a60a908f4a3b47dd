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

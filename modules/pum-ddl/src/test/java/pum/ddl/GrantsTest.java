package pum.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** Grants are opt-in: {@link Ddl#grants} after {@link Ddl#create} gives the replay the source's privileges. */
@ExtendWith(PostgresExtension.class)
class GrantsTest {
    static final String SCHEMA = """
            DO $$BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pum_reader') THEN CREATE ROLE pum_reader; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Pum Writer') THEN CREATE ROLE "Pum Writer"; END IF;
            END$$;
            CREATE SCHEMA app;
            GRANT USAGE ON SCHEMA app TO pum_reader;
            CREATE TABLE app.t (id serial PRIMARY KEY, secret text, note text);
            GRANT SELECT ON app.t TO pum_reader;
            GRANT SELECT (note), UPDATE (note) ON app.t TO "Pum Writer";
            GRANT INSERT ON app.t TO "Pum Writer" WITH GRANT OPTION;
            GRANT USAGE ON SEQUENCE app.t_id_seq TO "Pum Writer";
            CREATE VIEW app.v AS SELECT id, note FROM app.t;
            GRANT SELECT ON app.v TO PUBLIC;
            CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
            REVOKE ALL ON FUNCTION app.f() FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION app.f() TO pum_reader;
            CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1';
            GRANT EXECUTE ON PROCEDURE app.p() TO pum_reader;
            CREATE AGGREGATE app.pd(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
                FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
            REVOKE ALL ON FUNCTION app.pd(float8, anyelement) FROM PUBLIC;
            CREATE TYPE app.e AS ENUM ('a');
            REVOKE USAGE ON TYPE app.e FROM PUBLIC;
            CREATE DOMAIN app.d AS int;
            GRANT USAGE ON DOMAIN app.d TO pum_reader;
            CREATE FOREIGN DATA WRAPPER w;
            GRANT USAGE ON FOREIGN DATA WRAPPER w TO pum_reader;
            CREATE SERVER s FOREIGN DATA WRAPPER w;
            GRANT USAGE ON FOREIGN SERVER s TO "Pum Writer";
            """;

    @Test
    void grantsReplayTheSourcesPrivileges(TestDatabase source, TestDatabase replay) throws SQLException {
        source.execute(SCHEMA);
        Replay.Read read = Replay.read(source);
        List<DdlStatement> create = Ddl.create(read.snapshot(), read.details());
        assertTrue(create.stream().noneMatch(s -> s.sql().startsWith("GRANT") || s.sql().startsWith("REVOKE")), "create never grants");
        List<DdlStatement> all = new ArrayList<>(create);
        List<DdlStatement> grants = Ddl.grants(read.snapshot(), read.details());
        all.addAll(grants);
        String script = Ddl.script("remap", all);
        assertTrue(script.contains("GRANT SELECT (note), UPDATE (note) ON TABLE app.t TO \"Pum Writer\";"), script);
        assertTrue(script.contains("GRANT INSERT ON TABLE app.t TO \"Pum Writer\" WITH GRANT OPTION;"), script);
        assertTrue(script.contains("REVOKE ALL ON FUNCTION app.f() FROM PUBLIC;"), script);
        assertFalse(grants.stream().anyMatch(s -> s.object().contains("app.pd") && s.sql().startsWith("GRANT")), script);
        replay.execute(script);
        Replay.assertSame(source, replay, script);
        assertEquals(read.details().grants(), Replay.read(replay).details().grants(), script);
    }
}

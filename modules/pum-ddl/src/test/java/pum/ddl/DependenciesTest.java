package pum.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pum.catalog.Details;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** The dependencies {@link Details} reads from pg_depend, in the snapshot's names. */
@ExtendWith(PostgresExtension.class)
class DependenciesTest {
    static final String SCHEMA = """
            CREATE EXTENSION citext;
            CREATE TYPE mood AS ENUM ('a', 'b');
            CREATE DOMAIN pos AS int CHECK (VALUE > 0);
            CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
            CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT f(1), m mood[], p pos, CHECK (f(a) > 0));
            CREATE TABLE u (id serial, t_id int REFERENCES t, name citext);
            CREATE INDEX t_fa ON t (f(a));
            CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg();
            CREATE VIEW v AS SELECT id, a FROM t;
            CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM v WHERE a > 0);
            CREATE FUNCTION plain() RETURNS bigint LANGUAGE plpgsql AS $$BEGIN RETURN (SELECT count(*) FROM t); END$$;
            CREATE FOREIGN DATA WRAPPER w;
            CREATE SERVER s FOREIGN DATA WRAPPER w;
            CREATE FOREIGN TABLE ft (id int) SERVER s;
            """;

    private static void assertEdge(Map<String, Set<String>> deps, String from, String to) {
        assertTrue(deps.getOrDefault(from, Set.of()).contains(to), from + " depends on " + to + " in " + deps);
    }

    @Test
    void edgesBetweenUserObjectsInTheSnapshotsNames(TestDatabase db) throws SQLException {
        db.execute(SCHEMA);
        Map<String, Set<String>> deps = Replay.read(db).details().dependencies();
        assertEdge(deps, "views public.v", "columns public.t.id");
        assertEdge(deps, "views public.v", "columns public.t.a");
        assertEdge(deps, "columns public.t.a", "functions public.f(x integer)");
        assertEdge(deps, "columns public.t.m", "types public.mood");
        assertEdge(deps, "columns public.t.p", "domains public.pos");
        assertEdge(deps, "constraints public.t.t_a_check", "functions public.f(x integer)");
        assertEdge(deps, "constraints public.u.u_t_id_fkey", "constraints public.t.t_pkey");
        assertEdge(deps, "columns public.u.id", "sequences public.u_id_seq");
        assertEdge(deps, "columns public.u.name", "extensions citext");
        assertEdge(deps, "indexes public.t_fa", "functions public.f(x integer)");
        assertEdge(deps, "triggers public.t.t1", "functions public.tg()");
        assertEdge(deps, "functions public.total()", "columns public.v.a");
        assertEdge(deps, "tables public.ft", "servers s");
        assertEdge(deps, "servers s", "wrappers w");
        // OWNED BY is no reason to wait, and plpgsql bodies are not tracked by PostgreSQL
        assertFalse(deps.getOrDefault("sequences public.u_id_seq", Set.of()).contains("columns public.u.id"), deps.toString());
        assertTrue(deps.getOrDefault("functions public.plain()", Set.of()).stream().noneMatch(d -> d.contains("public.t")), deps.toString());
        assertTrue(deps.entrySet().stream().noneMatch(e -> e.getKey().contains("pg_catalog") || e.getValue().stream().anyMatch(
                d -> d.contains("pg_catalog"))), "built-in objects are left out: " + deps);
    }

    @Test
    void theSameSchemaGivesTheSameDependencies(TestDatabase one, TestDatabase two) throws SQLException {
        one.execute(SCHEMA);
        two.execute(SCHEMA);
        assertEquals(Replay.read(one).details().dependencies(), Replay.read(two).details().dependencies());
    }
}

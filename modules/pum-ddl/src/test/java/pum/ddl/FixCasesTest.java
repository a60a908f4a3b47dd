package pum.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * Table-driven: {DDL for A, DDL for B}; B remapped into a fresh database compares equal to B; the
 * fix applied to A makes it compare equal to B, and fixing again is empty.
 */
@ExtendWith(PostgresExtension.class)
class FixCasesTest {
    record Case(String name, String a, String b) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String BASE = """
            CREATE TABLE t (id int PRIMARY KEY, a int, b text DEFAULT 'x', c numeric);
            CREATE TABLE u (id int PRIMARY KEY, t_id int);
            CREATE VIEW v AS SELECT id, a, b FROM t;
            CREATE VIEW vv AS SELECT id, b FROM v;
            CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
            """;

    static final String TOTAL = "CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM t WHERE a > 0);";

    static final String TG = "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;";

    static final String AGGREGATES = """
            CREATE FUNCTION acc(s int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT s + x';
            CREATE FUNCTION fin(s int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT s::bigint * 2';
            CREATE FUNCTION fin2(s int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT s::bigint * 3';
            CREATE AGGREGATE total2(int) (SFUNC = acc, STYPE = int, FINALFUNC = fin, INITCOND = '0', COMBINEFUNC = acc, PARALLEL = SAFE);
            CREATE AGGREGATE cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
            CREATE AGGREGATE biggest(int) (SFUNC = int4larger, STYPE = int, SORTOP = >);
            CREATE AGGREGATE mavg(int) (SFUNC = int4_avg_accum, STYPE = int8[], FINALFUNC = int8_avg, INITCOND = '{0,0}',
                MSFUNC = int4_avg_accum, MINVFUNC = int4_avg_accum_inv, MSTYPE = int8[], MFINALFUNC = int8_avg, MINITCOND = '{0,0}');
            CREATE AGGREGATE pdisc(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
                FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
            CREATE VIEW vagg AS SELECT total2(a) AS n FROM t;
            COMMENT ON AGGREGATE pdisc(float8 ORDER BY anyelement) IS 'a percentile';
            COMMENT ON AGGREGATE cnt(*) IS 'counts';
            """;

    static final String FOREIGN = """
            CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true');
            CREATE SERVER s TYPE 'demo' VERSION '1.0' FOREIGN DATA WRAPPER w OPTIONS (host 'h', port '1');
            CREATE FOREIGN TABLE ft (id int OPTIONS (column_name 'ID') NOT NULL, note text DEFAULT 'x') SERVER s OPTIONS (table_name 'r');
            CREATE VIEW vft AS SELECT id, note FROM ft;
            COMMENT ON FOREIGN TABLE ft IS 'remote';
            """;

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no-op", BASE, BASE),
                new Case("add column", BASE, BASE + "ALTER TABLE t ADD COLUMN d date NOT NULL DEFAULT '2024-01-01';"),
                new Case("drop column", BASE, BASE.replace(", c numeric", "")),
                new Case("column type change under two views", BASE, BASE.replace("a int,", "a bigint,")),
                new Case("default, not null, collation", BASE, BASE.replace("b text DEFAULT 'x'", "b text COLLATE \"C\" NOT NULL DEFAULT 'y'")),
                new Case("new index", BASE, BASE + "CREATE INDEX t_a ON t (a) WHERE a > 0;"),
                new Case("changed index", BASE + "CREATE INDEX t_a ON t (a);", BASE + "CREATE INDEX t_a ON t (a, b);"),
                new Case("changed view", BASE, BASE.replace("SELECT id, a, b FROM t", "SELECT id, a, b, c FROM t WHERE a > 0")),
                new Case("new foreign key", BASE, BASE + "ALTER TABLE u ADD CONSTRAINT u_t FOREIGN KEY (t_id) REFERENCES t (id);"),
                new Case("changed function body", BASE, BASE.replace("x + 1", "x + 2")),
                new Case("changed function result", BASE, BASE.replace("RETURNS int LANGUAGE", "RETURNS bigint LANGUAGE")),
                new Case("new and dropped tables, sequences, schemas", BASE + "CREATE SCHEMA old; CREATE TABLE old.gone (id serial);",
                        BASE + "CREATE SCHEMA s; CREATE TABLE s.n (id serial PRIMARY KEY, t int REFERENCES t);"),
                new Case("enum gains labels, domain changes", BASE + "CREATE TYPE e AS ENUM ('a', 'c'); CREATE DOMAIN d AS int CHECK (VALUE > 0);",
                        BASE + "CREATE TYPE e AS ENUM ('a', 'b', 'c', 'd'); CREATE DOMAIN d AS int NOT NULL DEFAULT 2 CHECK (VALUE > 1);"),
                new Case("triggers, policies, comments",
                        BASE + "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
                                + "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg(); COMMENT ON TABLE t IS 'one';",
                        BASE + "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
                                + "CREATE TRIGGER t1 BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION tg(); COMMENT ON COLUMN t.a IS 'two';"
                                + "ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (a > 0);"),
                new Case("identity and generated columns", BASE, BASE.replace("c numeric", "c numeric GENERATED ALWAYS AS (a * 2) STORED")
                        .replace("id int PRIMARY KEY, t_id", "id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, t_id")),
                new Case("partition bound change re-creates the partition; objects dropped",
                        BASE + "CREATE TABLE ev (at date NOT NULL, w text) PARTITION BY RANGE (at);"
                                + "CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
                                + "CREATE VIEW gone AS SELECT id FROM vv; CREATE INDEX t_b ON t (b); CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                                + "ALTER TABLE u ADD CONSTRAINT u_t FOREIGN KEY (t_id) REFERENCES t (id); CREATE TYPE old AS (a int);",
                        BASE + "CREATE TABLE ev (at date NOT NULL, w text) PARTITION BY RANGE (at);"
                                + "CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2026-01-01');"),
                new Case("materialized view re-created under a column change keeps its index and comment",
                        BASE + "CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) AS n FROM t GROUP BY a; CREATE UNIQUE INDEX mv_a ON mv (a);"
                                + "COMMENT ON MATERIALIZED VIEW mv IS 'counts';",
                        BASE.replace("a int,", "a bigint,") + "CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) AS n FROM t GROUP BY a;"
                                + "CREATE UNIQUE INDEX mv_a ON mv (a); COMMENT ON MATERIALIZED VIEW mv IS 'counts';"),
                new Case("view on a view on a view on a column whose type changes", BASE + "CREATE VIEW w AS SELECT id FROM vv;",
                        BASE.replace("a int,", "a bigint,") + "CREATE VIEW w AS SELECT id FROM vv;"),
                new Case("SQL-standard function reading a column whose type changes, and a view calling it",
                        BASE + TOTAL + "CREATE VIEW vt AS SELECT public.total() AS n;",
                        BASE.replace("a int,", "a bigint,") + TOTAL + "CREATE VIEW vt AS SELECT public.total() AS n;"),
                new Case("SQL-standard function reading a re-typed column, called by a CHECK, an index and a policy",
                        BASE + TOTAL + "CREATE FUNCTION ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x <= public.total() + 1000;"
                                + "ALTER TABLE u ADD CONSTRAINT u_ok CHECK (public.ok(t_id)); CREATE INDEX u_okx ON u (public.ok(t_id));"
                                + "ALTER TABLE u ENABLE ROW LEVEL SECURITY; CREATE POLICY pu ON u USING (public.ok(t_id));",
                        BASE.replace("a int,", "a bigint,") + TOTAL
                                + "CREATE FUNCTION ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x <= public.total() + 1000;"
                                + "ALTER TABLE u ADD CONSTRAINT u_ok CHECK (public.ok(t_id)); CREATE INDEX u_okx ON u (public.ok(t_id));"
                                + "ALTER TABLE u ENABLE ROW LEVEL SECURITY; CREATE POLICY pu ON u USING (public.ok(t_id));"),
                new Case("SQL-standard function reading a dropped column goes first",
                        BASE + "CREATE FUNCTION cs() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(c) FROM t);",
                        BASE.replace(", c numeric", "")),
                new Case("view on a column whose collation changes, a trigger and a policy reading it",
                        BASE + TG + "CREATE TRIGGER t2 BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.b <> 'z') EXECUTE FUNCTION tg();"
                                + "CREATE POLICY pb ON t USING (b <> 'z');",
                        BASE.replace("b text DEFAULT", "b text COLLATE \"C\" DEFAULT") + TG
                                + "CREATE TRIGGER t2 BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.b <> 'z') EXECUTE FUNCTION tg();"
                                + "CREATE POLICY pb ON t USING (b <> 'z');"),
                new Case("new aggregates", BASE, BASE + AGGREGATES),
                new Case("dropped aggregates", BASE + AGGREGATES, BASE),
                new Case("changed aggregates", BASE + AGGREGATES, BASE + AGGREGATES.replace("INITCOND = '0'", "INITCOND = '10'")
                        .replace("FINALFUNC = fin", "FINALFUNC = fin2")),
                new Case("new foreign server and foreign table with a view", BASE, BASE + FOREIGN),
                new Case("foreign server, wrapper and table options change, the table's view with it", BASE + FOREIGN,
                        BASE + FOREIGN.replace("OPTIONS (debug 'true')", "OPTIONS (debug 'false', trace 'on')")
                                .replace("VERSION '1.0' FOREIGN DATA WRAPPER w OPTIONS (host 'h', port '1')",
                                        "VERSION '2.0' FOREIGN DATA WRAPPER w OPTIONS (host 'h2', dbname 'd')")
                                .replace("column_name 'ID'", "column_name 'Id'").replace("table_name 'r'", "table_name 'r2'")),
                new Case("dropped foreign table and servers", BASE + FOREIGN + "CREATE EXTENSION postgres_fdw;"
                        + "CREATE SERVER pg FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost');", BASE),
                new Case("partitions and a materialized view with an index", BASE,
                        BASE + "CREATE TABLE ev (at date NOT NULL, w text) PARTITION BY RANGE (at);"
                                + "CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
                                + "CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) AS n FROM t GROUP BY a; CREATE UNIQUE INDEX mv_a ON mv (a);"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixMakesAMatchB(Case c, TestDatabase a, TestDatabase b, TestDatabase remapped) throws SQLException {
        a.execute(c.a());
        b.execute(c.b());
        Replay.Read ra = Replay.read(a);
        Replay.Read rb = Replay.read(b);
        // B remapped into a fresh database is B again
        String remap = Ddl.script("remap", Ddl.create(rb.snapshot(), rb.details()));
        remapped.execute(remap);
        Replay.assertSame(b, remapped, remap);
        List<DdlStatement> fix = Ddl.fix(ra.snapshot(), ra.details(), rb.snapshot(), rb.details());
        String script = Ddl.script("fix", fix);
        if (c.name().equals("no-op")) {
            assertEquals(List.of(), fix);
        }
        a.execute(script);
        Replay.assertSame(b, a, script);
        Replay.Read again = Replay.read(a);
        assertEquals(List.of(), Ddl.fix(again.snapshot(), again.details(), rb.snapshot(), rb.details()), "fixing again:\n" + script);
    }

    private static List<String> sqls(List<DdlStatement> fix) {
        return fix.stream().map(DdlStatement::sql).toList();
    }

    private static int indexOf(List<String> sqls, String start) {
        for (int i = 0; i < sqls.size(); i++) {
            if (sqls.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError(start + " in " + sqls);
    }

    @Test
    void viewsGoOnlyWhereTheyReadWhatChanges(TestDatabase a, TestDatabase b) throws SQLException {
        // per pg_depend, v reads t.a and t.b but not t.c; vv reads v
        a.execute(BASE);
        b.execute(BASE.replace("b text DEFAULT 'x'", "b text DEFAULT 'y'").replace("c numeric", "c bigint"));
        Replay.Read ra = Replay.read(a);
        Replay.Read rb = Replay.read(b);
        List<String> fix = sqls(Ddl.fix(ra.snapshot(), ra.details(), rb.snapshot(), rb.details()));
        assertTrue(fix.stream().noneMatch(s -> s.contains("VIEW")), "a default change and a type change of a column no view reads: " + fix);

        b.execute("DROP VIEW vv; DROP VIEW v; ALTER TABLE t ALTER COLUMN a TYPE bigint;"
                + "CREATE VIEW v AS SELECT id, a, b FROM t; CREATE VIEW vv AS SELECT id, b FROM v;");
        rb = Replay.read(b);
        fix = sqls(Ddl.fix(ra.snapshot(), ra.details(), rb.snapshot(), rb.details()));
        int alter = indexOf(fix, "ALTER TABLE public.t ALTER COLUMN a TYPE bigint");
        assertTrue(indexOf(fix, "DROP VIEW public.vv") < indexOf(fix, "DROP VIEW public.v;"), "dependents dropped first: " + fix);
        assertTrue(indexOf(fix, "DROP VIEW public.v;") < alter, fix.toString());
        assertTrue(alter < indexOf(fix, "CREATE VIEW public.v AS"), fix.toString());
        assertTrue(indexOf(fix, "CREATE VIEW public.v AS") < indexOf(fix, "CREATE VIEW public.vv AS"), fix.toString());
    }

    private static Set<Hazard> hazardsOf(List<DdlStatement> fix, String contains) {
        return fix.stream().filter(s -> s.sql().contains(contains)).findFirst().orElseThrow(() -> new AssertionError(contains + " in " + fix))
                .hazards();
    }

    @Test
    void hazardsOfATypeChangeADroppedColumnAndAnIndexBuild(TestDatabase a, TestDatabase b) throws SQLException {
        a.execute("CREATE TABLE t (id int, a int, gone text);");
        b.execute("CREATE TABLE t (id int, a bigint); CREATE INDEX t_a ON t (a);");
        Replay.Read ra = Replay.read(a);
        Replay.Read rb = Replay.read(b);
        List<DdlStatement> fix = Ddl.fix(ra.snapshot(), ra.details(), rb.snapshot(), rb.details());
        assertEquals(Set.of(Hazard.REWRITES_TABLE, Hazard.ACCESS_EXCLUSIVE_LOCK), hazardsOf(fix, "TYPE bigint"));
        assertEquals(Set.of(Hazard.DELETES_DATA, Hazard.ACCESS_EXCLUSIVE_LOCK), hazardsOf(fix, "DROP COLUMN gone"));
        assertEquals(Set.of(Hazard.BUILDS_INDEX), hazardsOf(fix, "CREATE INDEX t_a"));
        String script = Ddl.script("fix", fix);
        assertTrue(script.contains("--   DELETES_DATA (1 statement): data is deleted"), script);
        assertTrue(script.contains("-- hazards: DELETES_DATA, ACCESS_EXCLUSIVE_LOCK\nALTER TABLE public.t DROP COLUMN gone;"), script);
    }
}

package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.core.ErrorCode;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

@ExtendWith(PostgresExtension.class)
class UpgraderTest {
    private static final UpgradesTable TABLE = UpgradesTable.parse("app_sys.upgrades");

    @TempDir
    Path tmp;

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static void write(Path dir, String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    private static String log(String what) {
        return "INSERT INTO log(what) VALUES ('" + what + "');\n";
    }

    private static void baseline(TestDatabase db, String version) {
        try (Connection c = db.connect()) {
            Upgrader.baseline(c, TABLE, Version.parse(version));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UpgradeResult upgrade(TestDatabase db, UpgradeOptions o, Path... dirs) {
        return Upgrader.upgrade(db.info(), TABLE, DeltaSet.scan(List.of(dirs), List.of()), o);
    }

    private static Status status(TestDatabase db, Path... dirs) {
        try (Connection c = db.connect()) {
            return Upgrader.status(c, TABLE, DeltaSet.scan(List.of(dirs), List.of()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> logged(TestDatabase db) {
        List<String> out = new ArrayList<>();
        for (List<String> r : db.query("SELECT what FROM log ORDER BY seq")) {
            out.add(r.get(0));
        }
        return out;
    }

    @Test
    void runsFilesInPumOrderAcrossKindsLanguagesAndDirectories(TestDatabase db) throws IOException {
        db.execute("CREATE TABLE log(seq serial, what text)");
        baseline(db, "1.0.0");
        Path a = dir("a");
        Path b = dir("b");
        write(a, "pre-all.sql", log("pre-all a"));
        write(b, "pre-all.sql", log("pre-all b sql"));
        write(b, "pre-all.java", javaLogging("PreAllB", "pre-all b java"));
        write(a, "post-all.sql", log("post-all a"));
        write(b, "post-all.sql", log("post-all b"));
        write(a, "delta_1.0.0_x.post.sql", log("1.0.0 post sql"));
        write(a, "delta_1.0.0_x.sql", log("1.0.0 delta sql"));
        write(a, "delta_1.0.0_x.java", javaLogging("X", "1.0.0 delta java"));
        write(a, "delta_1.0.0_x.pre.sql", log("1.0.0 pre sql"));
        write(b, "delta_1.0.0_x.pre.java", javaLogging("XPre", "1.0.0 pre java"));
        write(a, "delta_1.10.0_z.sql", log("1.10.0"));
        write(b, "delta_1.9.0_y.sql", log("1.9.0 (dir b)"));
        write(a, "README.md", "not a delta");

        UpgradeResult r = upgrade(db, UpgradeOptions.defaults(), a, b);

        assertEquals(List.of("pre-all b java", "pre-all b sql", "pre-all a",
                "1.0.0 pre java", "1.0.0 pre sql", "1.0.0 delta java", "1.0.0 delta sql", "1.0.0 post sql",
                "1.9.0 (dir b)", "1.10.0", "post-all a", "post-all b"), logged(db));
        assertEquals(Version.parse("1.10.0"), r.after());
        assertEquals(List.of(List.of("1.0.0", "0"), List.of("1.0.0", "17"), List.of("1.0.0", "9"), List.of("1.0.0", "16"),
                List.of("1.0.0", "8"), List.of("1.0.0", "10"), List.of("1.9.0", "8"), List.of("1.10.0", "8")),
                db.query("SELECT version, type::text FROM app_sys.upgrades ORDER BY id"));
        Status s = status(db, a, b);
        assertEquals(Version.parse("1.10.0"), s.current());
        assertTrue(s.inState(DeltaState.PENDING).isEmpty());
        assertEquals(7, s.inState(DeltaState.APPLIED).size());

        // the no-op upgrade every deploy runs: nothing runs, not even pre-all/post-all
        UpgradeResult again = upgrade(db, UpgradeOptions.defaults(), a, b);
        assertTrue(again.plan().isEmpty());
        assertEquals(12, logged(db).size());
    }

    private static String javaLogging(String cls, String what) {
        return "import pum.delta.Delta;\n"
                + "public class " + cls + " extends Delta {\n"
                + "    @Override public void run() throws Exception {\n"
                + "        try (var st = connection().prepareStatement(\"INSERT INTO log(what) VALUES (?)\")) {\n"
                + "            st.setString(1, \"" + what + "\");\n"
                + "            st.executeUpdate();\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
    }

    @Test
    void aFailingVersionLeavesNoTraceAndNamesFileLineAndColumn(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_ok.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_bad.pre.sql", "CREATE TABLE b(i int);\n");
        write(d, "delta_1.1.0_bad.sql", "INSERT INTO b VALUES (1);\n\nSELECT i,\n       nope FROM b;\n");
        write(d, "delta_1.2.0_later.sql", "CREATE TABLE c(i int);\n");

        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));

        assertEquals(ErrorCode.DATABASE, e.code());
        assertTrue(e.getMessage().contains("delta_1.1.0_bad.sql:4:8: ERROR 42703: column \"nope\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("version 1.1.0 was rolled back; the database stays at version 1.0.0"), e.getMessage());
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname IN ('b', 'c')"));
        assertEquals(List.of(List.of("1.0.0"), List.of("1.0.0")), db.query("SELECT version FROM app_sys.upgrades ORDER BY id"));
        Status s = status(db, d);
        assertEquals(Version.parse("1.0.0"), s.current());
        assertEquals(3, s.inState(DeltaState.PENDING).size());
    }

    @Test
    void refusesEditedAppliedDeltasUnlessAccepted(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        upgrade(db, UpgradeOptions.defaults(), d);
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i bigint);\n");
        write(d, "delta_1.1.0_b.sql", "CREATE TABLE b(i int);\n");
        assertEquals(DeltaState.CHANGED, status(db, d).inState(DeltaState.CHANGED).get(0).state());

        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("delta_1.0.0_a.sql"), e.getMessage());
        assertTrue(e.hint().contains("--accept-changed"));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'b'"));

        upgrade(db, UpgradeOptions.defaults().withAcceptChanged(true), d);
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'b'"));
        assertTrue(status(db, d).inState(DeltaState.CHANGED).isEmpty());
    }

    @Test
    void lineEndingsDoNotCountAsEdits(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\nCREATE TABLE b(i int);\n");
        upgrade(db, UpgradeOptions.defaults(), d);
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\r\nCREATE TABLE b(i int);\r\n");
        assertEquals(1, status(db, d).inState(DeltaState.APPLIED).size());
    }

    @Test
    void upgradesADatabaseBaselinedAndUpgradedByPum(TestDatabase db) throws IOException {
        // PUM 0.x's own DDL and rows, as its create_upgrades_table() and set_baseline() wrote them
        db.execute("CREATE SCHEMA app_sys; CREATE TABLE IF NOT EXISTS app_sys.upgrades (id serial NOT NULL, version character varying(50),"
                + " description character varying(200) NOT NULL, type integer NOT NULL, script character varying(1000) NOT NULL,"
                + " checksum character varying(32) NOT NULL, installed_by character varying(100) NOT NULL,"
                + " installed_on timestamp without time zone NOT NULL DEFAULT now(), execution_time integer NOT NULL,"
                + " success boolean NOT NULL, PRIMARY KEY (id))");
        Path d = dir("delta");
        write(d, "delta_1.0.0_first.sql", "CREATE TABLE first(i int);\n");
        write(d, "delta_1.1.0_second.sql", "CREATE TABLE second(i int);\n");
        db.execute("CREATE TABLE first(i int)");
        db.execute("INSERT INTO app_sys.upgrades (version, description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES ('0.9.0', 'baseline', 0, '', '', 'qwat', 1, TRUE),"
                + " ('1.0.0', 'first', 8, '../update/delta/delta_1.0.0_first.sql', '" + Checksum.of("CREATE TABLE first(i int);\n") + "', 'qwat', 1, TRUE)");

        Status before = status(db, d);
        assertEquals(Version.parse("1.0.0"), before.current());
        assertEquals(1, before.inState(DeltaState.APPLIED).size());
        assertEquals(1, before.inState(DeltaState.PENDING).size());

        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'second'"));
        assertEquals(List.of("1.1.0", "second", "8", "t"), db.query("SELECT version, description, type, success FROM app_sys.upgrades ORDER BY id DESC LIMIT 1").get(0));
    }

    @Test
    void comparesVersionsNumerically(TestDatabase db) throws IOException {
        baseline(db, "1.9.0");
        Path d = dir("d");
        db.execute("CREATE TABLE log(seq serial, what text)");
        write(d, "delta_1.10.0_a.sql", log("1.10.0"));
        write(d, "delta_1.9.1_a.sql", log("1.9.1"));
        write(d, "delta_1.2.0_old.sql", log("1.2.0"));
        write(d, "delta_1.9.0_same.sql", log("1.9.0"));

        UpgradeResult r = upgrade(db, UpgradeOptions.defaults(), d);

        assertEquals(List.of("1.9.0", "1.9.1", "1.10.0"), logged(db));
        assertEquals(Version.parse("1.10.0"), r.after());
        Status s = status(db, d);
        assertEquals(Version.parse("1.10.0"), s.current());
        assertEquals("delta_1.2.0_old.sql", s.inState(DeltaState.BELOW_CURRENT).get(0).name());
        // -u stops at a version: nothing above it runs
        write(d, "delta_1.11.0_b.sql", log("1.11.0"));
        write(d, "delta_2.0.0_c.sql", log("2.0.0"));
        upgrade(db, UpgradeOptions.defaults().withMaxVersion(Version.parse("1.11.0")), d);
        assertEquals(List.of("1.9.0", "1.9.1", "1.10.0", "1.11.0"), logged(db));
    }

    @Test
    void sendsSqlTheWayPostgresqlParsesIt(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_lexical.sql", """
                /* header /* nested; */ still a comment; */
                CREATE TABLE t(k text, v text); -- trailing; comment
                CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$
                BEGIN
                    RETURN 'from $$ body; with semicolons';
                END;
                $body$;
                CREATE FUNCTION g() RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT 1;
                    SELECT CASE WHEN true THEN 2 END;
                END;
                INSERT INTO t VALUES ('e-string', E'it\\'s; fine\\n'), ('standard', 'it''s; fine'),
                    ('dollar', $$a;b$$), ('function', f()), ("left"('quoted;ident', 6), 'x'), ('atomic', g()::text);
                """);
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals(List.of(List.of("e-string", "it's; fine\n"), List.of("standard", "it's; fine"), List.of("dollar", "a;b"),
                List.of("function", "from $$ body; with semicolons"), List.of("quoted", "x"), List.of("atomic", "2")),
                db.query("SELECT k, v FROM t"));
    }

    @Test
    void variablesUsePumPlaceholders(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_vars.sql", "CREATE TABLE v(srid int, name text, pct text);\n"
                + "INSERT INTO v VALUES (%(srid)s, %(name)s, '100%%');\n");
        upgrade(db, UpgradeOptions.defaults().withVariables(Map.of("srid", 2056L, "name", "O'Brien'); DROP TABLE v; --")), d);
        assertEquals(List.of("2056", "O'Brien'); DROP TABLE v; --", "100%"), db.query("SELECT * FROM v").get(0));
    }

    @Test
    void unknownVariableStopsBeforeAnythingRuns(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_b.sql", "CREATE TABLE b(i int);\nSELECT %(missing)s;\n");
        DeltaException e = assertThrows(DeltaException.class,
                () -> upgrade(db, UpgradeOptions.defaults().withVariables(Map.of("x", 1L)), d));
        assertTrue(e.getMessage().contains("delta_1.1.0_b.sql:2:8: variable \"missing\" is not defined"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
    }

    @Test
    void javaCompileErrorsStopBeforeAnythingRuns(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_b.java", "import pum.delta.Delta;\npublic class B extends Delta {\n  public void run() {\n    int x = \"text\";\n  }\n}\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("delta_1.1.0_b.java:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was applied"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
    }

    @Test
    void javaDeltasSeeTheirContextAndJooq(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE ctx(k text, v text);\n");
        write(d, "delta_1.1.0_a.post.java", """
                import pum.delta.Delta;
                import static org.jooq.impl.DSL.*;

                public class Ctx extends Delta {
                    @Override
                    public void run() {
                        var t = table(name("ctx"));
                        dsl().insertInto(t).values("version", currentDbVersion().toString()).execute();
                        dsl().insertInto(t).values("dir", deltaDir().getFileName().toString()).execute();
                        dsl().insertInto(t).values("table", upgradesTable()).execute();
                        dsl().insertInto(t).values("service", pgService()).execute();
                        dsl().insertInto(t).values("var", String.valueOf(variables().get("n"))).execute();
                        writeMessage("done");
                    }
                }
                """);
        List<String> progress = new ArrayList<>();
        upgrade(db, UpgradeOptions.defaults().withPgService("prod").withVariables(Map.of("n", 7L)).withProgress(progress::add), d);
        assertEquals(List.of(List.of("version", "1.0.0"), List.of("dir", "d"), List.of("table", "app_sys.upgrades"),
                List.of("service", "prod"), List.of("var", "7")), db.query("SELECT k, v FROM ctx"));
        assertTrue(progress.contains("done"), progress.toString());
    }

    @Test
    void aThrowingJavaDeltaRollsBackItsVersion(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_a.post.java", "import pum.delta.Delta;\npublic class A extends Delta {\n  public void run() {\n"
                + "    throw new IllegalStateException(\"no good\");\n  }\n}\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.getMessage().contains("delta_1.1.0_a.post.java:4: IllegalStateException: no good"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
    }

    @Test
    void pumPythonDeltasRunWithPython3AndTheDeltaPyShim(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE log(seq serial, what text)");
        Path d = dir("d");
        Path out = tmp.resolve("py-out.txt");
        write(d, "delta_1.1.0_a.pre.sql", log("1.1.0 pre sql"));
        write(d, "delta_1.1.0_a.py", """
                import os
                from pum.core.deltapy import DeltaPy

                class Legacy(DeltaPy):
                    def run(self):
                        # attribute style (PUM's code) and call style (PUM's documentation)
                        with open(%s, "w") as f:
                            f.write("|".join([str(self.current_db_version), self.pg_service(), self.upgrades_table,
                                              os.path.basename(os.path.dirname(self.delta_dir)), str(self.variables["n"])]))
                        self.write_message("legacy done")
                """.formatted("'" + out + "'"));
        write(d, "delta_1.1.0_a.post.sql", log("1.1.0 post sql"));
        List<String> progress = new ArrayList<>();
        UpgradeResult r = upgrade(db, UpgradeOptions.defaults().withPgService("prod").withVariables(Map.of("n", 7L))
                .withProgress(progress::add), d);
        // the pre file was committed before the Python step, so the recorded version is already 1.1.0 (as under PUM)
        assertEquals("1.1.0|prod|app_sys.upgrades|d|7", Files.readString(out));
        assertTrue(progress.contains("Message from Legacy: legacy done"), progress.toString());
        assertEquals(List.of("1.1.0 pre sql", "1.1.0 post sql"), logged(db));
        assertEquals(List.of(List.of("9"), List.of("4"), List.of("10")), db.query("SELECT type::text FROM app_sys.upgrades WHERE type <> 0 ORDER BY id"));
        assertEquals(3, r.plan().steps().size());
        assertTrue(String.join("\n", r.plan().describe()).contains("Python, in its own connection"));
    }

    @Test
    void aFailingPythonDeltaStopsWithItsTraceback(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.py", "from pum.core.deltapy import DeltaPy\n\nclass Broken(DeltaPy):\n    def run(self):\n        raise ValueError('no good')\n");
        write(d, "delta_1.2.0_b.sql", "CREATE TABLE later(i int);\n");
        List<String> progress = new ArrayList<>();
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults().withProgress(progress::add), d));
        assertTrue(progress.stream().noneMatch(l -> l.contains("Traceback") || l.contains("no good")), "the traceback is shown once, in the error: " + progress);
        assertTrue(e.getMessage().contains("delta_1.1.0_a.py: "), e.getMessage());
        assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("ValueError: no good"), e.getMessage());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'later'"));
        assertEquals(DeltaState.FAILED, status(db, d).inState(DeltaState.FAILED).get(0).state());
    }

    @Test
    void noTransactionFilesRunConcurrentIndexBuildsAndReportInvalidIndexes(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.0_t.sql", "CREATE TABLE t(a int);\nINSERT INTO t VALUES (1), (1);\n");
        write(d, "delta_1.0.0_t.post.sql", "-- pum: no-transaction\nCREATE INDEX CONCURRENTLY t_a ON t(a);\n");
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals("t", db.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_a'::regclass"));

        write(d, "delta_1.1.0_u.sql", "-- pum: no-transaction\nCREATE INDEX CONCURRENTLY t_b ON t(a);\nCREATE UNIQUE INDEX CONCURRENTLY t_u ON t(a);\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.getMessage().contains("delta_1.1.0_u.sql:3:1: ERROR 23505"), e.getMessage());
        assertTrue(e.getMessage().contains("INVALID index t_u"), e.getMessage());
        assertEquals(DeltaState.FAILED, status(db, d).inState(DeltaState.FAILED).get(0).state());
        DeltaException again = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(again.hint().contains("--retry-failed"), again.hint());

        db.execute("DROP INDEX t_u; DROP INDEX t_b; DELETE FROM t WHERE ctid = (SELECT max(ctid) FROM t)");
        upgrade(db, UpgradeOptions.defaults().withRetryFailed(true), d);
        assertEquals(Version.parse("1.1.0"), status(db, d).current());
    }

    @Test
    void lockTimeoutSaysWhichLockAndWho(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE busy(i int)");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE quick(i int);\n");
        write(d, "delta_1.2.0_b.sql", "-- pum: lock-timeout 1s\nALTER TABLE busy ADD COLUMN j int;\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("SET application_name = 'long report'");
            st.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            long t0 = System.nanoTime();
            DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000);
            assertEquals(ErrorCode.LOCK, e.code());
            assertTrue(e.getMessage().contains("delta_1.2.0_b.sql:2:1: ERROR 55P03"), e.getMessage());
            assertTrue(e.getMessage().contains("AccessExclusiveLock on relation busy"), e.getMessage());
            assertTrue(e.getMessage().contains("application 'long report'"), e.getMessage());
            holder.rollback();
        }
        assertEquals(Version.parse("1.1.0"), status(db, d).current());
    }

    @Test
    void dryRunChangesNothing(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.1.0_a.post.sql", "-- pum: no-transaction\nCREATE INDEX CONCURRENTLY a_i ON a(i);\n");
        UpgradeResult r = upgrade(db, UpgradeOptions.defaults().withDryRun(true), d);
        assertTrue(r.dryRun());
        assertEquals(2, r.plan().steps().size());
        assertTrue(String.join("\n", r.plan().describe()).contains("no transaction"));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'a'"));
        assertEquals("1", db.queryValue("SELECT count(*) FROM app_sys.upgrades"));
    }

    @Test
    void baselineValidatesAndRefusesASecondOne(TestDatabase db) {
        baseline(db, "1.2.3");
        assertEquals(List.of("1.2.3", "baseline", "0", "t"), db.query("SELECT version, description, type, success FROM app_sys.upgrades").get(0));
        DeltaException e = assertThrows(DeltaException.class, () -> baseline(db, "1.3.0"));
        assertTrue(e.getMessage().contains("already holds 1 row (current version 1.2.3"), e.getMessage());
        assertThrows(DeltaException.class, () -> Version.parse("1.3"));
        // PUM's layout plus the exclusion constraint: one baseline per version
        assertThrows(IllegalStateException.class, () -> db.execute("INSERT INTO app_sys.upgrades (version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES ('1.2.3', 'baseline', 0, '', '', 'x', 1, true)"));
    }

    @Test
    void tableNamesAreValidatedAndQuoted() {
        assertEquals("\"qwat_sys\".\"upgrades\"", UpgradesTable.parse("qwat_sys.upgrades").sqlName());
        assertEquals("\"public\".\"upgrades\"", UpgradesTable.parse("Upgrades").sqlName());
        assertEquals("\"My Schema\".\"up\"\"s\"", UpgradesTable.parse("\"My Schema\".\"up\"\"s\"").sqlName());
        for (String bad : List.of("a.b.c", "x; DROP TABLE y", "a.", ".a", "a b", "\"unclosed")) {
            DeltaException e = assertThrows(DeltaException.class, () -> UpgradesTable.parse(bad), bad);
            assertTrue(e.getMessage().contains("expected SCHEMA.TABLE"));
        }
    }

    @Test
    void misnamedFilesStopTheScanListingThemAll() throws IOException {
        Path d = dir("d");
        write(d, "delta_1.0.0_ok.sql", "");
        write(d, "delta_01.2.0_x.sql", "");
        write(d, "delta_1.2.3_y.sql.post", "");
        write(d, "delta_1.2.4_y.SQL", "");
        DeltaException e = assertThrows(DeltaException.class, () -> DeltaSet.scan(List.of(d), List.of(), true));
        assertTrue(e.getMessage().contains("3 misnamed delta files"), e.getMessage());
        assertTrue(e.getMessage().contains("delta_01.2.0_x.sql") && e.getMessage().contains("delta_1.2.3_y.sql.post"), e.getMessage());
        DeltaSet ok = DeltaSet.scan(List.of(d), List.of("delta_1.2.4_y.SQL", "delta_1.2*", "delta_01*"), true);
        assertEquals(1, ok.versioned().size());
        assertFalse(ok.versioned().isEmpty());
    }

    @Test
    void aFileWrappedInBeginCommitRunsAndStrayCommitsAreRefused(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_wrapped.sql", "BEGIN;\nCREATE TABLE w(i int);\nCOMMIT;\n");
        write(d, "delta_1.2.0_stray.sql", "CREATE TABLE s1(i int);\nCOMMIT;\nCREATE TABLE s2(i int);\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.getMessage().contains("delta_1.2.0_stray.sql:2:1: COMMIT would end the transaction"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'w'"));
        Files.delete(d.resolve("delta_1.2.0_stray.sql"));
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'w'"));
    }

    @Test
    void aFailureInsideBatchedStatementsNamesTheRightLine(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE x(i int);\nINSERT INTO x VALUES (1);\nINSERT INTO x VALUES ('bad');\nINSERT INTO x VALUES (2);\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.getMessage().contains("delta_1.1.0_a.sql:3:23: ERROR 22P02"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'x'"));
    }

    @Test
    void aDeferredConstraintFailingAtCommitRollsBackTheVersion(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE p(id int PRIMARY KEY);\n"
                + "CREATE TABLE ch(pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO ch VALUES (5);\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.getMessage().contains("committing version 1.1.0 failed"), e.getMessage());
        assertTrue(e.getMessage().contains("23503"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname IN ('p', 'ch')"));
        assertEquals("1", db.queryValue("SELECT count(*) FROM app_sys.upgrades"));
    }

    /**
     * A delta saved again after pum computed its checksum (here: after the scan's checksums,
     * before the upgrade) is read once for the run: what runs is the new content, and the row
     * records the checksum of that content, so info shows it applied, not changed.
     */
    @Test
    void theRecordedChecksumIsThatOfTheBytesThatRan(TestDatabase db) throws IOException {
        db.execute("CREATE TABLE log(seq serial, what text)");
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.1.0_x.sql", log("first save"));
        DeltaSet deltas = DeltaSet.scan(List.of(d), List.of());
        String before = deltas.checksum(deltas.versioned().get(0));
        write(d, "delta_1.1.0_x.sql", log("second save"));
        Upgrader.upgrade(db.info(), TABLE, deltas, UpgradeOptions.defaults());
        assertEquals(List.of("second save"), logged(db));
        String recorded = db.queryValue("SELECT checksum FROM app_sys.upgrades WHERE version = '1.1.0'");
        assertEquals(Checksum.of(Files.readAllBytes(d.resolve("delta_1.1.0_x.sql"))), recorded);
        assertNotEquals(before, recorded);
        assertEquals(DeltaState.APPLIED, status(db, d).entries().stream().filter(e -> e.file() != null).findFirst().orElseThrow().state());
    }

    /** The engine's own read of a pending file (bytes once, then decoded): a non-UTF-8 byte stops everything, named by file, line and column. */
    @Test
    void aNonUtf8DeltaStopsTheUpgradeBeforeAnythingRuns(TestDatabase db) throws IOException {
        db.execute("CREATE TABLE log(seq serial, what text)");
        baseline(db, "1.0.0");
        Path d = dir("d");
        write(d, "delta_1.0.1_ok.sql", log("ok"));
        Files.write(d.resolve("delta_1.1.0_x.sql"), "SELECT 1;\nINSERT INTO log(what) VALUES ('caf\u00e9');\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.getMessage().contains("delta_1.1.0_x.sql:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("nothing was applied"), e.getMessage());
        assertEquals(List.of(), logged(db));
        // with its encoding declared, the same bytes run
        Files.write(d.resolve("delta_1.1.0_x.sql"), "-- pum: encoding latin1\nINSERT INTO log(what) VALUES ('caf\u00e9');\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals(List.of("ok", "caf\u00e9"), logged(db));
    }
}

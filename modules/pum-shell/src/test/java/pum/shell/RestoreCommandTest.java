package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.DumpCommandTest.Cli.pum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.shell.DumpCommandTest.Cli;
import pum.testkit.TestDatabase;

/** {@code pum restore}, run as a user would, against PostgreSQL 15 with the installed pg_restore 15. */
class RestoreCommandTest {
    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE TABLE app.pipe (id int PRIMARY KEY, name text NOT NULL, diameter numeric(6,2));
            CREATE TABLE app.valve (id int PRIMARY KEY, pipe_id int REFERENCES app.pipe(id));
            CREATE VIEW app.big_pipes AS SELECT id, name FROM app.pipe WHERE diameter > 30;
            CREATE SEQUENCE app.ids START 1000;
            SELECT nextval('app.ids');
            INSERT INTO app.pipe SELECT g, 'pipe ' || g, g / 10.0 FROM generate_series(1, 1000) g;
            INSERT INTO app.valve SELECT g, g FROM generate_series(1, 300) g;
            CREATE SCHEMA audit;
            CREATE TABLE audit.log (at timestamptz DEFAULT now(), what text);
            INSERT INTO audit.log (what) VALUES ('created');
            """;
    private static final String CONTENTS = """
            SELECT (SELECT string_agg(table_schema || '.' || table_name || ':' || table_type, ',' ORDER BY table_schema, table_name)
                      FROM information_schema.tables WHERE table_schema IN ('app', 'audit')),
                   (SELECT count(*) || '/' || sum(diameter) FROM app.pipe),
                   (SELECT count(*) FROM app.big_pipes),
                   (SELECT count(*) FROM app.valve v JOIN app.pipe p ON p.id = v.pipe_id),
                   (SELECT last_value FROM app.ids)
            """;

    private final Cli cli = new Cli();
    private TestDatabase source;
    private Path dump;

    @TempDir
    Path dir;

    @BeforeEach
    void dumpSource() {
        source = cli.pg15();
        source.execute(SCHEMA);
        dump = dir.resolve("prod.backup");
        PumRun r = pum("dump", "-p", source.uri(), dump.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    @AfterEach
    void drop() {
        cli.close();
    }

    @Test
    void roundTripGivesTheSameObjectsAndData() {
        TestDatabase target = cli.pg15();
        PumRun r = pum("restore", "-p", target.uri(), dump.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("restored " + dump + " into "), r.toString());
        assertEquals(source.query(CONTENTS), target.query(CONTENTS));
        assertEquals("1", target.queryValue("SELECT count(*) FROM audit.log WHERE what = 'created'"));
    }

    @Test
    void excludedSchemaIsNotRestored() {
        TestDatabase target = cli.pg15();
        PumRun r = pum("restore", "-p", target.uri(), "-N", "audit", dump.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("1000", target.queryValue("SELECT count(*) FROM app.pipe"));
        assertEquals("0", target.queryValue("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'audit'"));
    }

    @Test
    void aNonEmptyDatabaseIsRefusedWithOrWithoutXUntilCleanIsConfirmed() {
        TestDatabase target = cli.pg15();
        assertEquals(0, pum("restore", "-p", target.uri(), dump.toString()).exit());
        for (List<String> flags : List.of(List.<String>of(), List.of("--yes"), List.of("-x", "--yes"))) {
            List<String> args = new java.util.ArrayList<>(List.of("restore", "-p", target.uri()));
            args.addAll(flags);
            args.add(dump.toString());
            PumRun r = pum(args.toArray(String[]::new));
            assertEquals(2, r.exit(), flags + ": " + r);
            assertTrue(r.err().contains("is not empty") && r.err().contains("nothing was restored"), r.toString());
            assertTrue(r.err().contains("--clean"), r.toString());
        }
        assertEquals(source.query(CONTENTS), target.query(CONTENTS), "no row was appended");

        target.execute("INSERT INTO app.pipe VALUES (5000, 'mine', 1)");
        PumRun no = PumRun.withInput("n\n", "restore", "-p", target.uri(), "--clean", dump.toString());
        assertEquals(8, no.exit(), no.toString());
        assertTrue(no.err().contains("Drop the objects"), no.toString());
        PumRun eof = PumRun.withInput("", "restore", "-p", target.uri(), "--clean", dump.toString());
        assertEquals(8, eof.exit(), eof.toString());
        assertEquals("1", target.queryValue("SELECT count(*) FROM app.pipe WHERE id = 5000"), "nothing was changed");

        PumRun yes = PumRun.withInput("yes\n", "restore", "-p", target.uri(), "--clean", dump.toString());
        assertEquals(0, yes.exit(), yes.toString());
        assertEquals(source.query(CONTENTS), target.query(CONTENTS), "replaced: the dump's rows, once");
    }

    @Test
    void aFailingStatementLeavesTheDatabaseAsItWas() {
        TestDatabase target = cli.pg15();
        target.execute("CREATE SCHEMA audit; CREATE TABLE audit.log (other int); INSERT INTO audit.log VALUES (7);"
                + " CREATE VIEW public.mine AS SELECT other FROM audit.log");
        PumRun r = pum("restore", "-p", target.uri(), "--clean", "--yes", dump.toString());
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.err().contains("pg_restore: error: could not execute query: ERROR:  cannot drop"), r.toString());
        assertTrue(r.err().contains("nothing was restored: the restore ran as one transaction, which was rolled back"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals("7", target.queryValue("SELECT other FROM public.mine"));
        assertEquals("0", target.queryValue("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'app'"), "nothing restored");
    }

    @Test
    void ignoredErrorsAreSummarisedAndSucceed() {
        TestDatabase target = cli.pg15();
        target.execute("CREATE SCHEMA audit; CREATE TABLE audit.log (other int); CREATE VIEW public.mine AS SELECT other FROM audit.log");
        PumRun r = pum("restore", "-p", target.uri(), "-x", "--clean", "--yes", dump.toString());
        assertEquals(0, r.exit(), r.toString());
        List<String> err = r.err().lines().toList();
        assertTrue(err.get(0).matches("pum: warning: pg_restore reported \\d+ errors?, ignored \\(-x\\):"), r.toString());
        assertTrue(err.get(1).contains("cannot drop"), r.toString());
        assertTrue(r.out().contains("errors ignored") || r.out().contains("error ignored"), r.toString());
        assertEquals("1000", target.queryValue("SELECT count(*) FROM app.pipe"), "everything else restored");
    }

    @Test
    void missingOrInvalidDumpFiles() throws IOException {
        TestDatabase target = cli.pg15();
        PumRun missing = pum("restore", "-p", target.uri(), dir.resolve("nope.backup").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("pum: error: dump file " + dir.resolve("nope.backup") + " does not exist"), missing.toString());

        Path sql = Files.writeString(dir.resolve("plain.sql"), "CREATE TABLE t (i int);\n");
        PumRun plain = pum("restore", "-p", target.uri(), sql.toString());
        assertEquals(2, plain.exit(), plain.toString());
        assertTrue(plain.err().contains("is not a custom-format dump"), plain.toString());
    }

    @Test
    void missingPgRestoreFromConfigIsAClearError() throws IOException {
        TestDatabase target = cli.pg15();
        Path config = Files.writeString(dir.resolve("pum.yaml"), "pg_restore_exe: /nonexistent/pg_restore\n");
        PumRun r = pum("-c", config.toString(), "restore", "-p", target.uri(), dump.toString());
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.err().startsWith("pum: error: pg_restore_exe in " + config + " is /nonexistent/pg_restore, which does not exist"),
                r.toString());
    }
}

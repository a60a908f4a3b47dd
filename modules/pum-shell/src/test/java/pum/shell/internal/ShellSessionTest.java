package pum.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.core.ConnectionResolver;
import pum.shell.internal.shell.Foreground;
import pum.shell.internal.shell.ShellCompleter;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * The shell's session features driven line by line through the dispatcher, as the shell and
 * batch mode do, on piped streams: named connections, completion, Ctrl-C on a running command.
 */
@ExtendWith(PostgresExtension.class)
class ShellSessionTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private Session session;

    @BeforeEach
    void open() {
        session = new Session(new ByteArrayInputStream(new byte[0]), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), ConnectionResolver.system());
        session.setInteractive(true);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private int run(String... words) {
        return Cli.execute(session, words);
    }

    private String out() {
        String s = outBytes.toString(StandardCharsets.UTF_8);
        outBytes.reset();
        return s;
    }

    private String err() {
        String s = errBytes.toString(StandardCharsets.UTF_8);
        errBytes.reset();
        return s;
    }

    @Test
    void aNamedConnectionIsUsedWithoutDashPAndWhereverADatabaseIsNamed(TestDatabase db, TestDatabase other) {
        assertEquals(0, run("connect", "a", db.uri()), err());
        assertTrue(out().contains("connected a to"));
        assertEquals(0, run("ping"), err());
        assertTrue(out().contains("database " + db.name()));
        // the name shadows any service "a": it is the connection, not a service lookup
        assertEquals(0, run("ping", "-p", "a"), err());
        assertTrue(out().contains("database " + db.name()));
        assertEquals(0, run("connect", "b", other.uri()), err());
        out();
        assertEquals(0, run("ping"), err());
        assertTrue(out().contains("database " + other.name()), "connect makes the new one current");
        assertEquals(0, run("use", "a"), err());
        out();
        assertEquals(0, run("ping"), err());
        assertTrue(out().contains("database " + db.name()));
        assertEquals(0, run("check", "-p1", "a", "-p2", "b"), err());

        assertEquals(0, run("connections"), err());
        String list = out();
        assertTrue(list.contains("* a  "), list);
        assertTrue(list.contains("  b  "), list);
        assertTrue(list.contains("PostgreSQL "), list);
        assertTrue(list.contains("open"), list);
        if (db.info().password() != null) {
            assertFalse(list.contains(db.info().password()), "password masked: " + list);
        }

        assertEquals(0, run("disconnect", "a"), err());
        assertTrue(out().contains("no connection in use now"));
        assertEquals(2, run("use", "a"));
        assertTrue(err().contains("no connection named \"a\""));
        assertEquals(2, run("connect", "embedded", db.uri()));
        assertTrue(err().contains("cannot name a connection"));
    }

    @Test
    void anUnreachableTargetLeavesTheSessionAsItWas(TestDatabase db) {
        assertEquals(0, run("connect", "a", db.uri()), err());
        assertEquals(4, run("connect", "b", "postgresql://nobody@127.0.0.1:1/x"));
        assertEquals("a", session.current());
        assertFalse(session.named().containsKey("b"));
    }

    @Test
    void aDroppedConnectionIsReopenedWithANote(TestDatabase db) {
        assertEquals(0, run("connect", "a", db.uri()), err());
        err();
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pum' AND datname = current_database() AND pid <> pg_backend_pid()");
        int rc = run("ping");
        String note = err();
        assertEquals(0, rc, note);
        assertTrue(note.contains("pum: note: the connection to connection a (") && note.contains(") was lost; reopening it"), note);
    }

    @Test
    void completesTableAndSchemaNamesFromTheCatalogOfTheConnectionInUse(TestDatabase db) {
        db.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int); CREATE TABLE water.valves(id int)");
        assertEquals(0, run("connect", "a", db.uri()), err());
        ShellCompleter c = new ShellCompleter(session, Cli.commands(session));
        List<String> tables = values(c, "info", "-t", "");
        assertTrue(tables.contains("water.pipes") && tables.contains("water.valves"), tables.toString());
        assertFalse(tables.stream().anyMatch(t -> t.startsWith("-")), "no options where a value is expected: " + tables);
        assertTrue(values(c, "check", "-p1", "a", "-p2", "a", "-N", "").contains("water"));
        // refreshed after a command
        db.execute("CREATE TABLE water.hydrants(id int)");
        c.commandRan();
        assertTrue(values(c, "info", "-t", "").contains("water.hydrants"));
    }

    @Test
    void completesValuesNeverOptionsWhereAValueIsExpected(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("delta"));
        Files.writeString(dir.resolve("delta/delta_1.2.3_x.sql"), "SELECT 1;");
        assertEquals(0, run("connect", "prod", db.uri()), err());
        ShellCompleter c = new ShellCompleter(session, Cli.commands(session));
        List<String> dbs = values(c, "ping", "-p", "");
        assertTrue(dbs.contains("prod") && dbs.contains("embedded"), dbs.toString());
        assertFalse(dbs.stream().anyMatch(v -> v.startsWith("-")), dbs.toString());
        assertEquals(List.of("prod"), values(c, "use", ""));
        List<String> kinds = values(c, "check", "-i", "");
        assertTrue(kinds.contains("views") && kinds.contains("rules") && !kinds.contains("--ignore"), kinds.toString());
        // after one value of a one-or-more option, more values or the next option
        assertTrue(values(c, "check", "-i", "views", "").contains("--ignore"));
        String d = dir.resolve("delta").toString();
        assertEquals(List.of("1.2.3"), values(c, "upgrade", "-d", d, "-u", ""));
        assertEquals(List.of("delta_1.2.3_x.sql"), values(c, "upgrade", "-d", d, "--migration", ""));
        List<String> paths = values(c, "info", "-d", dir + "/");
        assertEquals(List.of(dir + "/delta/"), paths);
        assertTrue(values(c, "").contains("connections"));
        assertTrue(values(c, "ping", "").contains("--pg_service"));
    }

    private static List<String> values(ShellCompleter c, String... words) {
        List<Candidate> out = new ArrayList<>();
        c.complete(List.of(words), words.length - 1, out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void ctrlCCancelsARunningStatementAndTheSessionGoesOn(TestDatabase db, @TempDir Path dir) throws Exception {
        assertEquals(0, run("connect", "a", db.uri()), err());
        assertEquals(0, run("baseline", "-t", "public.upgrades", "-b", "1.0.0"), err());
        Foreground fg = new Foreground(session);
        try (Connection locker = db.connect(); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE public.upgrades IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> fg.run(new String[] {"info", "-t", "public.upgrades", "-d", dir.toString()}));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"1".equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pum' AND wait_event_type = 'Lock'"))) {
                assertTrue(System.nanoTime() < deadline, "info never waited for the lock");
                Thread.sleep(50);
            }
            long t0 = System.nanoTime();
            fg.interrupt();
            int exit = rc.get(10, TimeUnit.SECONDS);
            String said = err();
            assertNotEquals(0, exit, said);
            assertTrue(said.contains("Ctrl-C: cancelling the running command"), said);
            assertTrue(said.contains("canceling statement due to user request"), said);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "back at once");
            assertEquals("0", db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pum' AND state = 'active' AND pid <> pg_backend_pid()"));
            locker.rollback();
        }
        assertEquals(0, fg.run(new String[] {"ping"}), err());
        assertTrue(out().contains("database " + db.name()));
    }

    @Test
    void diffAndShowWalkThroughTheLastCheck(TestDatabase a, TestDatabase b) {
        a.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int PRIMARY KEY, diameter integer); CREATE TABLE water.gone(id int)");
        b.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int PRIMARY KEY, diameter numeric(10,2) NOT NULL)");
        assertEquals(0, run("connect", "one", a.uri()), err());
        assertEquals(0, run("connect", "two", b.uri()), err());
        out();
        assertEquals(2, run("diff"));
        assertTrue(err().contains("no check has run in this session"));
        assertEquals(1, run("check", "-p1", "one", "-p2", "two"), err());
        out();
        assertEquals(0, run("diff", "columns"), err());
        String cols = out();
        assertTrue(cols.contains("water.pipes.diameter") && !cols.contains("tables ("), cols);
        assertEquals(0, run("diff", "tables", "water"), err());
        assertTrue(out().contains("water.gone"));
        assertEquals(0, run("diff", "elsewhere"), err());
        assertTrue(out().contains("no differences"));
        assertEquals(0, run("show", "water.pipes"), err());
        String shown = out();
        String changed = shown.lines().filter(l -> l.contains("diameter")).findFirst().orElse("");
        assertTrue(changed.startsWith("* ") && changed.contains("diameter integer") && changed.contains("diameter numeric(10,2) NOT NULL"), shown);
        assertTrue(shown.lines().anyMatch(l -> l.startsWith("  ") && l.contains("id integer NOT NULL")), shown);
        assertEquals(0, run("show", "water.gone"), err());
        assertTrue(out().contains("(not there)"));
        assertEquals(2, run("show", "water.nothing"));
        assertTrue(err().contains("no object named"));
        // fix: the SQL for one object, with its hazards, never run
        assertEquals(0, run("fix", "water.pipes.diameter"), err());
        String fix = out();
        assertTrue(fix.contains("ALTER TABLE water.pipes") && fix.contains("numeric(10,2)"), fix);
        assertTrue(fix.contains("REWRITES_TABLE") || fix.toLowerCase(java.util.Locale.ROOT).contains("rewrite"), fix);
        assertFalse(fix.contains("water.gone"), fix);
        assertEquals("integer", a.queryValue("SELECT data_type FROM information_schema.columns WHERE table_name = 'pipes' AND column_name = 'diameter'"),
                "fix never runs the SQL");
        assertEquals(0, run("fix", "water.gone"), err());
        assertTrue(out().contains("DROP TABLE"));
    }

    @Test
    void explainShowsStatementsHazardsAndTableSizes(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int PRIMARY KEY, diameter integer);"
                + " INSERT INTO water.pipes SELECT g, g FROM generate_series(1, 1000) g; ANALYZE water.pipes");
        Files.writeString(dir.resolve("delta_1.0.1_widen.sql"), "-- wider pipes\nALTER TABLE water.pipes ALTER COLUMN diameter TYPE bigint;\n"
                + "CREATE INDEX pipes_d ON water.pipes(diameter);\nUPDATE water.pipes SET diameter = 1;\n"
                + "CREATE FUNCTION water.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n");
        assertEquals(0, run("connect", "a", db.uri()), err());
        assertEquals(0, run("baseline", "-t", "public.upgrades", "-b", "1.0.0"), err());
        out();
        assertEquals(0, run("explain", "1.0.1", "-t", "public.upgrades", "-d", dir.toString()), err());
        String x = out();
        assertTrue(x.contains("delta_1.0.1_widen.sql: pending (database at 1.0.0)"), x);
        assertTrue(x.contains("1. ALTER TABLE water.pipes ALTER COLUMN diameter TYPE bigint;"), x);
        assertTrue(x.contains("hazard: changing a column's type rewrites the table"), x);
        assertTrue(x.contains("hazard: CREATE INDEX blocks writes"), x);
        assertTrue(x.contains("hazard: touches every row of the table (no WHERE)"), x);
        assertTrue(x.contains("4. CREATE FUNCTION water.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;"), x);
        assertTrue(x.contains("tables touched:\n  water.pipes: ") && x.contains("about 1000 rows"), x);
        assertEquals(0, db.query("SELECT 1 FROM pg_indexes WHERE indexname = 'pipes_d'").size(), "nothing ran");
    }
}

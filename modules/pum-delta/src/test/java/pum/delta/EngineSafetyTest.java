package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pum.delta.DeltaException.Reason;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * What a hostile user (or bad luck) does to an upgrade, on a real server: Java deltas that try to
 * commit, timeouts of each kind, another session cancelling or killing pum's backend, a
 * cancellation from another thread while a statement waits on a lock, failing and fixed post-all,
 * concurrent baselines. After each, PUM 0.x's own queries on the table must give the right answer.
 */
@ExtendWith(PostgresExtension.class)
class EngineSafetyTest {
    static final UpgradesTable TABLE = UpgradesTable.parse("app_sys.upgrades");

    @TempDir
    Path tmp;

    private Path dir() throws IOException {
        return Files.createDirectories(tmp.resolve("d"));
    }

    static void write(Path dir, String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    static void baseline(TestDatabase db, String version) {
        try (Connection c = db.connect()) {
            Upgrader.baseline(c, TABLE, Version.parse(version));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UpgradeResult upgrade(TestDatabase db, UpgradeOptions o, Path dir) {
        return Upgrader.upgrade(db.info(), TABLE, DeltaSet.scan(List.of(dir), List.of()), o);
    }

    private static Status status(TestDatabase db, Path dir) {
        try (Connection c = db.connect()) {
            return Upgrader.status(c, TABLE, DeltaSet.scan(List.of(dir), List.of()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PUM 0.x's reading of the table: its current version, and whether a delta counts as applied. */
    static void assertPumReads(TestDatabase db, String current, String... applied) {
        assertEquals(current, db.queryValue("SELECT version FROM app_sys.upgrades WHERE success = TRUE ORDER BY version DESC LIMIT 1"));
        List<String> rows = new ArrayList<>();
        for (List<String> r : db.query("SELECT version || ' ' || description FROM app_sys.upgrades WHERE success = TRUE AND type <> 0 ORDER BY id")) {
            rows.add(r.get(0));
        }
        assertEquals(List.of(applied), rows);
    }

    private static String javaDelta(String cls, String body) {
        return "import pum.delta.Delta;\nimport java.sql.*;\npublic class " + cls + " extends Delta {\n"
                + "  @Override public void run() throws Exception {\n"
                + "    connection().createStatement().execute(\"CREATE TABLE made_by_java(i int)\");\n"
                + body + "\n  }\n}\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "connection().commit();",
        "connection().setAutoCommit(true);",
        "connection().rollback();",
        "connection().close();",
        "connection().unwrap(org.postgresql.PGConnection.class).getNotifications();",
        "connection().createStatement().execute(\"COMMIT\");",
        "connection().createStatement().execute(\"SELECT 1; COMMIT; SELECT 2\");",
        "connection().prepareStatement(\"END\").execute();",
        "connection().createStatement().executeUpdate(\"ROLLBACK\");",
        "connection().createStatement().execute(\"PREPARE TRANSACTION 'x'\");",
        "try { connection().commit(); } catch (SQLException swallowed) { }",
        "dsl().transaction(cfg -> cfg.dsl().execute(\"CREATE TABLE inner_t(i int)\"));",
        "Statement s = connection().createStatement(); s.getConnection().commit();"
    })
    void aJavaDeltaCannotEndItsTransactionByAnyRoute(String route, TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_escape.java", javaDelta("Escape", "    " + route));
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertTrue(e.reason() == Reason.JAVA_BROKE_TRANSACTION || e.reason() == Reason.JAVA_ERROR, route + ": " + e.reason() + " " + e.getMessage());
        assertTrue(e.getMessage().contains("delta_1.1.0_escape.java"), e.getMessage());
        assertTrue(e.getMessage().contains("version 1.1.0 was rolled back"), e.getMessage());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname IN ('made_by_java', 'inner_t')"), route);
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_prepared_xacts"), route);
        assertPumReads(db, "1.0.0");
    }

    @Test
    void aJavaDeltaMayUseSavepoints(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_sp.java", javaDelta("Sp", """
                    Savepoint sp = connection().setSavepoint();
                    connection().createStatement().execute("CREATE TABLE undone(i int)");
                    connection().rollback(sp);
                    connection().setAutoCommit(false);
                """));
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'made_by_java'"));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'undone'"));
        assertPumReads(db, "1.1.0", "1.1.0 sp");
    }

    @Test
    void aStatementTimeoutIsReportedAsOne(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_slow.sql", "CREATE TABLE t(i int);\nSELECT pg_sleep(2);\n");
        DeltaException e = assertThrows(DeltaException.class,
                () -> upgrade(db, UpgradeOptions.defaults().withTimeouts(null, "300ms"), d));
        assertEquals(Reason.STATEMENT_TIMEOUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("statement_timeout expired"), e.getMessage());
        assertTrue(e.hint().contains("--statement-timeout"), e.hint());
        assertPumReads(db, "1.0.0");
    }

    @Test
    void aLockTimeoutNamesTheLockAndItsHolder(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE busy(i int)");
        Path d = dir();
        write(d, "delta_1.1.0_lock.sql", "INSERT INTO busy VALUES (1);\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'the holder'");
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            DeltaException e = assertThrows(DeltaException.class,
                    () -> upgrade(db, UpgradeOptions.defaults().withTimeouts("1s", null), d));
            assertEquals(Reason.LOCK_TIMEOUT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("lock_timeout expired: it was waiting for RowExclusiveLock on relation busy"), e.getMessage());
            assertTrue(e.getMessage().contains("application 'the holder'"), e.getMessage());
            holder.rollback();
        }
        assertPumReads(db, "1.0.0");
    }

    /** The one watching thread follows round trip after round trip, and still sees the wait of the last. */
    @Test
    void aLockWaitAfterManyQuickVersionsIsStillSeen(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE busy(i int)");
        Path d = dir();
        List<String> applied = new ArrayList<>();
        for (int i = 10; i < 50; i++) {
            write(d, "delta_1.1." + i + "_q.sql", "CREATE TABLE q" + i + "(i int);\n");
            applied.add("1.1." + i + " q");
        }
        write(d, "delta_1.2.0_lock.sql", "INSERT INTO busy VALUES (1);\n");
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'late holder'");
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            DeltaException e = assertThrows(DeltaException.class,
                    () -> upgrade(db, UpgradeOptions.defaults().withTimeouts("1s", null), d));
            assertEquals(Reason.LOCK_TIMEOUT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("it was waiting for RowExclusiveLock on relation busy"), e.getMessage());
            assertTrue(e.getMessage().contains("application 'late holder'"), e.getMessage());
            holder.rollback();
        }
        assertPumReads(db, "1.1.49", applied.toArray(String[]::new));
    }

    @Test
    void aLockWaitIsReportedWhileItLasts(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE busy(i int)");
        Path d = dir();
        write(d, "delta_1.1.0_lock.sql", "INSERT INTO busy VALUES (1);\n");
        List<String> progress = new CopyOnWriteArrayList<>();
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'long report'");
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> upgrade(db,
                    UpgradeOptions.defaults().withLockReportAfter(Duration.ofMillis(500)).withProgress(progress::add), d));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.stream().noneMatch(l -> l.startsWith("waiting")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            holder.rollback();
            run.get(10, TimeUnit.SECONDS);
        }
        String line = progress.stream().filter(l -> l.startsWith("waiting")).findFirst().orElse("none: " + progress);
        assertTrue(line.contains("RowExclusiveLock on relation busy, held by pid"), line);
        assertTrue(line.contains("application 'long report'"), line);
        assertTrue(line.contains("no lock_timeout is set"), line);
        assertPumReads(db, "1.1.0", "1.1.0 lock");
    }

    @Test
    void cancellingWhileAStatementWaitsRollsTheVersionBackAndCommitsNothingLater(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE busy(i int)");
        Path d = dir();
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.2.0_b.sql", "CREATE TABLE b(i int);\nINSERT INTO busy VALUES (1);\n");
        Cancellation cancel = new Cancellation();
        List<String> progress = new CopyOnWriteArrayList<>();
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> upgrade(db,
                    UpgradeOptions.defaults().withCancellation(cancel).withLockReportAfter(Duration.ofMillis(200)).withProgress(progress::add), d));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.stream().noneMatch(l -> l.startsWith("waiting")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            cancel.cancel("test");
            Exception e = assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS));
            DeltaException de = (DeltaException) e.getCause();
            assertEquals(Reason.INTERRUPTED, de.reason(), de.getMessage());
            assertEquals("interrupted (test) at " + d.resolve("delta_1.2.0_b.sql") + ":2, statement 2 of 2: version 1.2.0 was rolled back;"
                    + " the database is at version 1.1.0", de.getMessage());
            holder.rollback();
        }
        Thread.sleep(300);
        assertEquals("0", db.queryValue("SELECT count(*) FROM busy"));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'b'"));
        assertPumReads(db, "1.1.0", "1.1.0 a");
    }

    @Test
    void anotherSessionCancellingPumsStatementIsNotCalledATimeout(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_slow.sql", "SET application_name = 'pum victim';\nSELECT pg_sleep(5);\n");
        CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> upgrade(db, UpgradeOptions.defaults(), d));
        waitForQuery(db, "pg_sleep(5)");
        db.execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%'");
        DeltaException e = (DeltaException) assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
        assertEquals(Reason.CANCELLED_BY_SERVER, e.reason(), e.getMessage());
        assertPumReads(db, "1.0.0");
    }

    @Test
    void aLostConnectionIsAConnectionFailure(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_slow.sql", "CREATE TABLE t(i int);\nSELECT pg_sleep(5);\n");
        CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> upgrade(db, UpgradeOptions.defaults(), d));
        waitForQuery(db, "pg_sleep(5)");
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%'");
        DeltaException e = (DeltaException) assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
        assertEquals(Reason.CONNECTION_LOST, e.reason(), e.getMessage());
        assertEquals(4, e.code().exitCode());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 't'"));
        assertPumReads(db, "1.0.0");
    }

    private static void waitForQuery(TestDatabase db, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%" + text + "%' AND pid <> pg_backend_pid()").equals("0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session ran " + text);
    }

    @Test
    void aFailedPostAllIsVisibleAndRunsAgainUntilItSucceeds(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        db.execute("CREATE TABLE t(i int)");
        db.execute("CREATE VIEW v AS SELECT i FROM t");
        Path d = dir();
        write(d, "pre-all.sql", "DROP VIEW IF EXISTS v;\n");
        write(d, "post-all.sql", "CREATE VIEW v AS SELECT i, j FROM t;\n");
        write(d, "delta_1.1.0_a.sql", "ALTER TABLE t ADD COLUMN k int;\n");
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, UpgradeOptions.defaults(), d));
        assertEquals(Reason.SQL_ERROR, e.reason());
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'v'"), "pre-all dropped the view; post-all failed");
        Status s = status(db, d);
        assertTrue(s.allFailed());
        DeltaStatus post = s.entries().get(s.entries().size() - 1);
        assertEquals(DeltaState.FAILED, post.state());
        assertPumReads(db, "1.1.0", "1.1.0 a");
        // fixed: nothing is pending, yet the upgrade runs pre-all and post-all again
        write(d, "post-all.sql", "CREATE VIEW v AS SELECT i, k FROM t;\n");
        UpgradeResult r = upgrade(db, UpgradeOptions.defaults(), d);
        assertFalse(r.plan().isEmpty());
        assertEquals("1", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'v'"));
        assertFalse(status(db, d).allFailed());
        assertEquals("0", db.queryValue("SELECT count(*) FROM app_sys.upgrades WHERE pum_state IS NOT NULL"), "pum's cycle records are gone");
        assertTrue(upgrade(db, UpgradeOptions.defaults(), d).plan().isEmpty());
        assertPumReads(db, "1.1.0", "1.1.0 a");
    }

    @Test
    void aBeginWithTransactionModesIsKeptNotDropped(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_iso.sql", "BEGIN ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE iso AS SELECT current_setting('transaction_isolation') AS level;\nCOMMIT;\n");
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals("serializable", db.queryValue("SELECT level FROM iso"));
    }

    @Test
    void twoFirstBaselinesAtOnceGiveOneBaselineAndAClearRefusal(TestDatabase db) throws Exception {
        List<CompletableFuture<Object>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    baseline(db, "1.0.0");
                    return "ok";
                } catch (DeltaException e) {
                    return e;
                }
            }));
        }
        int ok = 0;
        for (CompletableFuture<Object> r : runs) {
            Object o = r.get(20, TimeUnit.SECONDS);
            if (o.equals("ok")) {
                ok++;
            } else {
                assertEquals(Reason.ALREADY_BASELINED, ((DeltaException) o).reason(), ((DeltaException) o).getMessage());
            }
        }
        assertEquals(1, ok);
        assertEquals("1", db.queryValue("SELECT count(*) FROM app_sys.upgrades"));
    }

    @Test
    void aPumCreatedTableGetsTheJournalColumnsOnlyWhenNeeded(TestDatabase db) throws IOException {
        // PUM 0.x's own layout, without pum's columns
        db.execute("CREATE SCHEMA app_sys");
        db.execute("CREATE TABLE app_sys.upgrades (id serial PRIMARY KEY, version varchar(50) NOT NULL, description varchar(200) NOT NULL,"
                + " type integer NOT NULL, script varchar(1000) NOT NULL, checksum varchar(32) NOT NULL, installed_by varchar(100) NOT NULL,"
                + " installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL, success boolean NOT NULL)");
        db.execute("INSERT INTO app_sys.upgrades (version, description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES ('1.0.0', 'baseline', 0, '', '', 'pum', 1, true)");
        Path d = dir();
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        upgrade(db, UpgradeOptions.defaults(), d);
        // the batch column comes with the first upgrade that applies something (pum rollback reverts batches)
        assertEquals("pum_batch", db.queryValue("SELECT string_agg(column_name, ',') FROM information_schema.columns WHERE table_name = 'upgrades'"
                + " AND column_name LIKE 'pum%'"));
        write(d, "delta_1.2.0_b.sql", "-- pum: no-transaction\nCREATE TABLE b(i int);\n");
        upgrade(db, UpgradeOptions.defaults(), d);
        assertEquals("4", db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'upgrades' AND column_name LIKE 'pum%'"));
        assertEquals("2", db.queryValue("SELECT count(DISTINCT pum_batch) FROM app_sys.upgrades WHERE type <> 0"));
        assertPumReads(db, "1.2.0", "1.1.0 a", "1.2.0 b");
        assertNull(status(db, d).entries().stream().filter(s -> s.state() != DeltaState.APPLIED && s.state() != DeltaState.BASELINE)
                .findFirst().orElse(null));
    }
}

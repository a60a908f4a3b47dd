package pum.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.embedded.EmbeddedServer;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * Issue 8's fault-injection suite: bin/pum upgrade as a real process, signalled (SIGTERM, SIGINT,
 * SIGKILL) while a statement waits on a lock another session holds, in the middle of a
 * multi-version run and of a no-transaction file; a server stopped mid-upgrade; Java deltas that
 * exit or commit; a failing then fixed post-all. Every scenario then asserts exactly what took
 * effect, once: a counter table each delta inserts into, the objects it creates, the rows of the
 * upgrades table and PUM 0.x's reading of them; then {@code pum info} and a rerun of
 * {@code pum upgrade}.
 *
 * <p>The tests mostly wait (on locks, on bin/pum starting), so they run two at a time
 * ({@code @Execution(CONCURRENT)} on each method; junit-platform.properties), each on its own
 * database; the class itself runs alone, as the other classes of this module do. The server-stop
 * tests share a server of their own, one after the other.
 */
@ExtendWith(PostgresExtension.class)
class FaultInjectionTest {
    private static final String OWN_SERVER = "the server of the server-stop tests";
    private static final String TABLE = "pum_sys.upgrades";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long a killed upgrade is given to commit after its lock is released, which it must never do. */
    private static final long AFTERLIFE_MS = 2_000;

    /**
     * The server of the server-stop scenario (stopping the shared one would break other tests),
     * initialised while the other tests run.
     */
    private static CompletableFuture<EmbeddedServer> ownStarting;
    private static EmbeddedServer own;

    @TempDir
    Path dir;

    private final List<PumProcess> started = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(PumProcess::kill);
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    @BeforeAll
    static void startOwnServer() {
        ownStarting = CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedServer.start(TestServer.binaries(TestServer.shared().major()),
                        Files.createTempDirectory("pum-fault-pg-").resolve("data"), EmbeddedServer.Mode.EPHEMERAL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    static synchronized void stopOwnServer() {
        if (own == null) {
            own = ownStarting.join();
        }
        own.close();
    }

    // ---------------------------------------------------------------- 1. a signal while blocked on a lock

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigtermWhileBlockedOnALockRollsBackAndSaysWhere(TestDatabase db) throws Exception {
        signalWhileBlocked(db, "TERM", 143);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigintWhileBlockedOnALockRollsBackAndSaysWhere(TestDatabase db) throws Exception {
        signalWhileBlocked(db, "INT", 130);
    }

    private void signalWhileBlocked(TestDatabase db, String signal, int code) throws Exception {
        Path deltas = setUp(db);
        Path file = write(deltas, "delta_1.0.1_lock.sql", """
                CREATE TABLE made_1_0_1 (id int);
                INSERT INTO counter (version) VALUES ('1.0.1');
                INSERT INTO busy (version) VALUES ('1.0.1');
                """);
        Connection holder = lockBusy(db);
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event_type = 'Lock'", "waiting on the lock of busy");
        if (signal.equals("TERM")) {
            // the wait is reported after 3 s (later if the machine is slow to schedule pum's monitor), naming the holder
            String seen = awaitOutput(p, "for a lock: ");
            String holderPid = queryValue(holder, "SELECT pg_backend_pid()");
            Matcher m = Pattern.compile("^pum: waiting (\\d+) s for a lock: RowExclusiveLock on relation busy, held by pid " + holderPid
                    + " \\(application 'fault lock holder', user postgres, client 127\\.0\\.0\\.1, idle in transaction since [-0-9 :]+\\);"
                    + " no lock_timeout is set.*--lock-timeout 10s.*").matcher(seen);
            assertTrue(m.matches() && Integer.parseInt(m.group(1)) >= 3, seen);
        }
        p.signal(signal);
        PumProcess.Result r = p.await(WAIT);
        assertEquals(code, r.exit(), r.all());
        assertEquals(List.of("pum: error: interrupted (SIG" + signal + ") at " + file + ":3, statement 3 of 3: version 1.0.1 was rolled back;"
                + " the database is at version 1.0.0"), r.errorLines(), r.all());
        assertFalse(r.err().contains("\tat ") || r.err().contains("pum: hint:"), r.all());
        holder.rollback();
        awaitNoBackend(db);

        assertTookEffect(db, Map.of("1.0.1", 0));
        assertBusy(db, 0);
        assertFalse(exists(db, "made_1_0_1"), "the version's CREATE TABLE was rolled back");
        assertEquals(List.of("1.0.0 baseline 0 t"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", "lock", 8)));

        assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_lock.sql", "pending"));
        rerunApplies(db, deltas, "1.0.0", "1.0.1");
        if (signal.equals("TERM")) {
            assertUpToDate(db, deltas, "1.0.1");
        }
        assertTookEffect(db, Map.of("1.0.1", 1));
        assertBusy(db, 1);
        assertTrue(exists(db, "made_1_0_1"));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "lock", 8)), List.of());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigkillWhileBlockedOnALockNeverCommits(TestDatabase db) throws Exception {
        Path deltas = setUp(db);
        write(deltas, "delta_1.0.1_lock.sql", """
                CREATE TABLE made_1_0_1 (id int);
                INSERT INTO counter (version) VALUES ('1.0.1');
                INSERT INTO busy (version) VALUES ('1.0.1');
                """);
        Connection holder = lockBusy(db);
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event_type = 'Lock'", "waiting on the lock of busy");
        p.signal("KILL");
        PumProcess.Result r = p.await(WAIT);
        assertEquals(137, r.exit(), r.all());
        // the statement gets its lock now: were the COMMIT sent with it, the version would commit
        holder.rollback();
        awaitNoBackend(db);
        Thread.sleep(AFTERLIFE_MS);
        // whether the backend got the lock and ran the statement after pum's death (and then rolled back for want of a
        // COMMIT), or noticed the death first (client_connection_check_interval): both are right; which one, for the log
        System.out.println("killed upgrade: its INSERT INTO busy ran after pum's death: "
                + !"0".equals(db.queryValue("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'busy'")));

        assertTookEffect(db, Map.of("1.0.1", 0));
        assertBusy(db, 0);
        assertFalse(exists(db, "made_1_0_1"), "the version's CREATE TABLE was rolled back");
        assertEquals(List.of("1.0.0 baseline 0 t"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", "lock", 8)));

        assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_lock.sql", "pending"));
        rerunApplies(db, deltas, "1.0.0", "1.0.1");
        assertTookEffect(db, Map.of("1.0.1", 1));
        assertBusy(db, 1);
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "lock", 8)), List.of());
    }

    // ---------------------------------------------------------------- 2. in the middle of a multi-version run

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigkillInTheMiddleOfFiveVersionsKeepsTheFirstTwoOnce(TestDatabase db) throws Exception {
        killMidRun(db, "KILL");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigtermInTheMiddleOfFiveVersionsKeepsTheFirstTwoOnce(TestDatabase db) throws Exception {
        killMidRun(db, "TERM");
    }

    private void killMidRun(TestDatabase db, String signal) throws Exception {
        Path deltas = setUp(db);
        Path third = null;
        for (int v = 1; v <= 5; v++) {
            String version = "1.0." + v;
            Path f = write(deltas, "delta_" + version + "_v" + v + ".sql", "CREATE TABLE made_1_0_" + v + " (id int);\n"
                    + "INSERT INTO counter (version) VALUES ('" + version + "');\n"
                    + (v == 3 ? "INSERT INTO busy (version) VALUES ('1.0.3');\n" : ""));
            if (v == 3) {
                third = f;
            }
        }
        Connection holder = lockBusy(db);
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event_type = 'Lock'", "version 1.0.3 waiting on the lock of busy");
        // while 1.0.3 waits, 1.0.1 and 1.0.2 are committed and visible to everyone
        assertTookEffect(db, Map.of("1.0.1", 1, "1.0.2", 1, "1.0.3", 0));
        p.signal(signal);
        PumProcess.Result r = p.await(WAIT);
        if (signal.equals("KILL")) {
            assertEquals(137, r.exit(), r.all());
        } else {
            assertEquals(143, r.exit(), r.all());
            assertEquals(List.of("pum: error: interrupted (SIGTERM) at " + third + ":3, statement 3 of 3: version 1.0.3 was rolled back;"
                    + " the database is at version 1.0.2"), r.errorLines(), r.all());
        }
        holder.rollback();
        // once its backend is gone, nothing of 1.0.3 can commit any more
        awaitNoBackend(db);

        assertTookEffect(db, Map.of("1.0.1", 1, "1.0.2", 1, "1.0.3", 0, "1.0.4", 0, "1.0.5", 0));
        assertBusy(db, 0);
        for (int v = 1; v <= 5; v++) {
            assertEquals(v <= 2, exists(db, "made_1_0_" + v), "made_1_0_" + v);
        }
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 v1 8 t", "1.0.2 v2 8 t"), upgradeRows(db));
        assertPum0(db, "1.0.2", List.of(new Row("1.0.1", "v1", 8), new Row("1.0.2", "v2", 8)),
                List.of(new Row("1.0.3", "v3", 8), new Row("1.0.4", "v4", 8), new Row("1.0.5", "v5", 8)));

        assertInfo(db, deltas, "1.0.2", Map.of("delta_1.0.1_v1.sql", "applied", "delta_1.0.2_v2.sql", "applied",
                "delta_1.0.3_v3.sql", "pending", "delta_1.0.4_v4.sql", "pending", "delta_1.0.5_v5.sql", "pending"));
        rerunApplies(db, deltas, "1.0.2", "1.0.5");
        if (signal.equals("KILL")) {
            assertUpToDate(db, deltas, "1.0.5");
        }
        assertTookEffect(db, Map.of("1.0.1", 1, "1.0.2", 1, "1.0.3", 1, "1.0.4", 1, "1.0.5", 1));
        assertBusy(db, 1);
        assertPum0(db, "1.0.5", List.of(new Row("1.0.1", "v1", 8), new Row("1.0.2", "v2", 8), new Row("1.0.3", "v3", 8),
                new Row("1.0.4", "v4", 8), new Row("1.0.5", "v5", 8)), List.of());
    }

    // ---------------------------------------------------------------- 3. in the middle of a no-transaction file

    private static final String NO_TRANSACTION = """
            -- pum: no-transaction
            INSERT INTO counter (version, step) VALUES ('1.0.1', 1);
            INSERT INTO busy (version) VALUES ('1.0.1');
            INSERT INTO counter (version, step) VALUES ('1.0.1', 3);
            """;

    /** Kills pum while statement 2 of 3 waits; the lock is released only once the backend is gone, so statement 2 did not run. */
    private Path killInNoTransactionFile(TestDatabase db, boolean infoAndRefusal) throws Exception {
        Path deltas = setUp(db);
        write(deltas, "delta_1.0.1_nt.sql", NO_TRANSACTION);
        Connection holder = lockBusy(db);
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event_type = 'Lock'", "statement 2 waiting on the lock of busy");
        p.signal("KILL");
        assertEquals(137, p.await(WAIT).exit());
        awaitNoBackend(db);
        holder.rollback();

        assertSteps(db, 1, 0, 0);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 f running 1/3"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", "nt", 8)));
        if (!infoAndRefusal) {
            return deltas;
        }
        String info = assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_nt.sql", "interrupted"));
        assertTrue(info.contains("delta_1.0.1_nt.sql: interrupted after statement 1 of 3; statement 2 may or may not have completed"), info);

        PumProcess.Result refused = PumProcess.run(upgrade(db, deltas));
        assertEquals(5, refused.exit(), refused.all());
        assertTrue(refused.err().contains("was interrupted in an earlier upgrade") && refused.err().contains("--resume-at 2"), refused.all());
        assertSteps(db, 1, 0, 0);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 f running 1/3"), upgradeRows(db));
        return deltas;
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigkillInANoTransactionFileIsJournalledAndResumedAtStatement2(TestDatabase db) throws Exception {
        Path deltas = killInNoTransactionFile(db, true);
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas, "--resume-at", "2"));
        assertEquals(0, r.exit(), r.all());
        assertSteps(db, 1, 1, 1);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 t"), upgradeRows(db));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "nt", 8)), List.of());
        assertUpToDate(db, deltas, "1.0.1");
        assertSteps(db, 1, 1, 1);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigkillInANoTransactionFileThenRerunFromTheTop(TestDatabase db) throws Exception {
        Path deltas = killInNoTransactionFile(db, false);
        // the user undoes what statement 1 did, as the hint says, and runs the file from the top
        db.execute("DELETE FROM counter WHERE version = '1.0.1'");
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas, "--rerun-interrupted"));
        assertEquals(0, r.exit(), r.all());
        assertSteps(db, 1, 1, 1);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 t"), upgradeRows(db));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "nt", 8)), List.of());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void sigtermInANoTransactionFileIsRecordedExactly(TestDatabase db) throws Exception {
        Path deltas = setUp(db);
        Path file = write(deltas, "delta_1.0.1_nt.sql", NO_TRANSACTION);
        Connection holder = lockBusy(db);
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event_type = 'Lock'", "statement 2 waiting on the lock of busy");
        p.signal("TERM");
        PumProcess.Result r = p.await(WAIT);
        assertEquals(143, r.exit(), r.all());
        List<String> errors = r.errorLines();
        assertEquals(1, errors.size(), r.all());
        assertTrue(errors.get(0).startsWith("pum: error: interrupted (SIGTERM) at " + file + ":3, statement 2 of 3"), r.all());
        assertTrue(r.err().contains("--resume-at 2"), r.all());
        holder.rollback();
        awaitNoBackend(db);

        assertSteps(db, 1, 0, 0);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 f interrupted 1/3"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", "nt", 8)));
        String info = assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_nt.sql", "interrupted"));
        assertTrue(info.contains("delta_1.0.1_nt.sql: interrupted after statement 1 of 3 (stopped by a signal, recorded exactly)")
                && info.contains("--resume-at 2"), info);

        PumProcess.Result refused = PumProcess.run(upgrade(db, deltas));
        assertEquals(5, refused.exit(), refused.all());
        assertTrue(refused.err().contains("--resume-at 2"), refused.all());
        assertSteps(db, 1, 0, 0);

        PumProcess.Result resumed = PumProcess.run(upgrade(db, deltas, "--resume-at", "2"));
        assertEquals(0, resumed.exit(), resumed.all());
        assertSteps(db, 1, 1, 1);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 t"), upgradeRows(db));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "nt", 8)), List.of());
    }

    // ---------------------------------------------------------------- 4. the server stops mid-upgrade

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(OWN_SERVER)
    void serverStoppedDuringATransactionalVersionCommitsNothing() throws Exception {
        TestDatabase db = ownDatabase();
        Path deltas = setUp(db);
        write(deltas, "delta_1.0.1_sleep.sql", """
                CREATE TABLE made_1_0_1 (id int);
                INSERT INTO counter (version) VALUES ('1.0.1');
                SELECT pg_sleep(seconds) FROM pause;
                INSERT INTO counter (version, step) VALUES ('1.0.1', 4);
                """);
        db.execute("UPDATE pause SET seconds = 30");
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event = 'PgSleep'", "sleeping in statement 3");
        own.stop();
        PumProcess.Result r = p.await(WAIT);
        assertEquals(4, r.exit(), r.all());
        assertTrue(r.err().contains("version 1.0.1 was not committed"), r.all());
        assertFalse(r.err().contains("fix the delta"), r.all());
        db = restartOwn(db);
        db.execute("UPDATE pause SET seconds = 0");

        assertTookEffect(db, Map.of("1.0.1", 0));
        assertFalse(exists(db, "made_1_0_1"));
        assertEquals(List.of("1.0.0 baseline 0 t"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", "sleep", 8)));
        assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_sleep.sql", "pending"));
        rerunApplies(db, deltas, "1.0.0", "1.0.1");
        assertEquals("2", db.queryValue("SELECT count(*) FROM counter WHERE version = '1.0.1'"), "steps 1 and 4, once each");
        assertTrue(exists(db, "made_1_0_1"));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "sleep", 8)), List.of());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(OWN_SERVER)
    void serverStoppedDuringANoTransactionFileLeavesItInterrupted() throws Exception {
        TestDatabase db = ownDatabase();
        Path deltas = setUp(db);
        write(deltas, "delta_1.0.1_nt.sql", """
                -- pum: no-transaction
                INSERT INTO counter (version, step) VALUES ('1.0.1', 1);
                SELECT pg_sleep(seconds) FROM pause;
                INSERT INTO counter (version, step) VALUES ('1.0.1', 3);
                """);
        db.execute("UPDATE pause SET seconds = 30");
        PumProcess p = start(upgrade(db, deltas));
        awaitBackend(db, p, "wait_event = 'PgSleep'", "sleeping in statement 2");
        own.stop();
        PumProcess.Result r = p.await(WAIT);
        assertEquals(4, r.exit(), r.all());
        assertTrue(r.err().contains("connection to the server was lost"), r.all());
        assertFalse(r.err().contains("fix the delta"), r.all());
        db = restartOwn(db);
        db.execute("UPDATE pause SET seconds = 0");

        assertSteps(db, 1, 0, 0);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 f running 1/3"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", "nt", 8)));
        String info = assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_nt.sql", "interrupted"));
        assertTrue(info.contains("delta_1.0.1_nt.sql: interrupted after statement 1 of 3; statement 2 may or may not have completed"), info);
        PumProcess.Result refused = PumProcess.run(upgrade(db, deltas));
        assertEquals(5, refused.exit(), refused.all());
        assertSteps(db, 1, 0, 0);
        PumProcess.Result resumed = PumProcess.run(upgrade(db, deltas, "--resume-at", "2"));
        assertEquals(0, resumed.exit(), resumed.all());
        assertSteps(db, 1, 0, 1);
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 nt 8 t"), upgradeRows(db));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "nt", 8)), List.of());
    }

    // ---------------------------------------------------------------- 5. Java deltas that exit or commit

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void javaDeltaCallingSystemExitLeavesNothingAppliedAndExits5(TestDatabase db) throws Exception {
        Path deltas = setUp(db);
        write(deltas, "delta_1.0.1_exits.java", javaDelta("Exits", "System.exit(0);"));
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas));
        assertEquals(5, r.exit(), r.all());
        assertTrue(r.err().contains("called System.exit") && r.err().contains("delta_1.0.1_exits.java")
                && r.err().contains("nothing of version 1.0.1 was committed"), r.all());
        awaitNoBackend(db);
        assertNothingOf101(db, "exits", 16);
        assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_exits.java", "pending"));
        fixJavaDeltaAndRerun(db, deltas, "delta_1.0.1_exits.java", "Exits", "exits");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void javaDeltaCommittingIsRolledBackAndExits5(TestDatabase db) throws Exception {
        Path deltas = setUp(db);
        write(deltas, "delta_1.0.1_commits.java", javaDelta("Commits", "connection().commit();"));
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas));
        assertEquals(5, r.exit(), r.all());
        assertTrue(r.err().contains("delta_1.0.1_commits.java") && r.err().contains("the Java delta tried something pum does not allow")
                && r.err().contains("version 1.0.1 was rolled back; the database stays at version 1.0.0"), r.all());
        assertNothingOf101(db, "commits", 16);
        assertInfo(db, deltas, "1.0.0", Map.of("delta_1.0.1_commits.java", "pending"));
        fixJavaDeltaAndRerun(db, deltas, "delta_1.0.1_commits.java", "Commits", "commits");
    }

    private static String javaDelta(String cls, String ending) {
        return """
                import java.sql.Statement;
                import pum.delta.Delta;

                public class %s extends Delta {
                    @Override
                    public void run() throws Exception {
                        try (Statement st = connection().createStatement()) {
                            st.execute("CREATE TABLE made_1_0_1 (id int)");
                            st.execute("INSERT INTO counter (version) VALUES ('1.0.1')");
                        }
                        %s
                    }
                }
                """.formatted(cls, ending);
    }

    private void assertNothingOf101(TestDatabase db, String description, int type) {
        assertTookEffect(db, Map.of("1.0.1", 0));
        assertFalse(exists(db, "made_1_0_1"));
        assertEquals(List.of("1.0.0 baseline 0 t"), upgradeRows(db));
        assertPum0(db, "1.0.0", List.of(), List.of(new Row("1.0.1", description, type)));
    }

    /** The delta, never applied, is fixed (its last line dropped) and applied once. */
    private void fixJavaDeltaAndRerun(TestDatabase db, Path deltas, String file, String cls, String description) throws Exception {
        write(deltas, file, javaDelta(cls, ""));
        rerunApplies(db, deltas, "1.0.0", "1.0.1");
        assertTookEffect(db, Map.of("1.0.1", 1));
        assertTrue(exists(db, "made_1_0_1"));
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 " + description + " 16 t"), upgradeRows(db));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", description, 16)), List.of());
    }

    // ---------------------------------------------------------------- 6. a failing, then fixed post-all

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void failedPostAllRunsAgainOnTheNextUpgradeUntilItSucceeds(TestDatabase db) throws Exception {
        Path deltas = setUp(db);
        db.execute("CREATE VIEW counter_view AS SELECT version FROM counter");
        write(deltas, "pre-all.sql", "DROP VIEW IF EXISTS counter_view;\nINSERT INTO counter (version) VALUES ('pre-all');\n");
        write(deltas, "delta_1.0.1_a.sql", "CREATE TABLE made_1_0_1 (id int);\nINSERT INTO counter (version) VALUES ('1.0.1');\n");
        Path postAll = write(deltas, "post-all.sql", "INSERT INTO counter (version) VALUES ('post-all');\n"
                + "CREATE VIEW counter_view AS SELECT version, nope FROM counter;\n");
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas));
        assertEquals(5, r.exit(), r.all());
        assertTrue(r.err().contains(postAll.toString()) && r.err().contains("column \"nope\" does not exist"), r.all());
        assertTookEffect(db, Map.of("1.0.1", 1, "pre-all", 1, "post-all", 0));
        assertFalse(exists(db, "counter_view"), "pre-all dropped it, post-all failed to recreate it");
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "a", 8)), List.of());
        String info = assertInfo(db, deltas, "1.0.1", Map.of("delta_1.0.1_a.sql", "applied", "post-all.sql", "failed"));
        assertTrue(info.contains("post-all.sql: its last run failed"), info);

        write(deltas, "post-all.sql", "INSERT INTO counter (version) VALUES ('post-all');\n"
                + "CREATE VIEW counter_view AS SELECT version, step FROM counter;\n");
        PumProcess.Result fixed = PumProcess.run(upgrade(db, deltas));
        assertEquals(0, fixed.exit(), fixed.all());
        assertTookEffect(db, Map.of("1.0.1", 1, "pre-all", 2, "post-all", 1));
        assertTrue(exists(db, "counter_view"), "the fixed post-all recreated the view");
        assertEquals("0", db.queryValue("SELECT count(*) FROM " + TABLE + " WHERE pum_state IS NOT NULL"),
                "a successful cycle leaves no journal rows: " + upgradeRows(db));
        assertEquals(List.of("1.0.0 baseline 0 t", "1.0.1 a 8 t"), upgradeRows(db));
        assertPum0(db, "1.0.1", List.of(new Row("1.0.1", "a", 8)), List.of());
        assertInfo(db, deltas, "1.0.1", Map.of("delta_1.0.1_a.sql", "applied", "post-all.sql", "every upgrade"));

        assertUpToDate(db, deltas, "1.0.1");
        assertTookEffect(db, Map.of("1.0.1", 1, "pre-all", 2, "post-all", 1));
    }

    // ---------------------------------------------------------------- fixture

    /** Counter, lock target and pause tables, a baseline 1.0.0, and an empty delta directory. */
    private Path setUp(TestDatabase db) throws IOException {
        db.execute("""
                CREATE TABLE counter (version text NOT NULL, step int NOT NULL DEFAULT 1);
                CREATE TABLE busy (version text NOT NULL);
                CREATE TABLE pause (seconds float8 NOT NULL);
                INSERT INTO pause VALUES (0);
                """);
        try (Connection c = db.connect()) {
            Upgrader.baseline(c, UpgradesTable.parse(TABLE), Version.parse("1.0.0"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Files.createDirectories(dir.resolve("delta")).toAbsolutePath();
    }

    private static Path write(Path deltas, String name, String text) throws IOException {
        return Files.writeString(deltas.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<String> upgrade(TestDatabase db, Path deltas, String... more) {
        List<String> args = new ArrayList<>(List.of("upgrade", "-p", db.uri(), "-t", TABLE, "-d", deltas.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private PumProcess start(List<String> args) throws IOException {
        PumProcess p = PumProcess.start(Map.of(), args);
        started.add(p);
        return p;
    }

    /** A session holding ACCESS EXCLUSIVE on busy in an open transaction (roll it back to release). */
    private Connection lockBusy(TestDatabase db) throws SQLException {
        Connection c = db.connect();
        connections.add(c);
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = 'fault lock holder'");
            c.setAutoCommit(false);
            st.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    /** Waits until pum's upgrade backend matches {@code condition} in pg_stat_activity; its pid. */
    private static String awaitBackend(TestDatabase db, PumProcess p, String condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Connection c = db.connect()) {
            while (true) {
                List<List<String>> rows = query(c, "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'pum upgrade' AND " + condition);
                if (!rows.isEmpty()) {
                    return rows.get(0).get(0);
                }
                if (!p.isAlive()) {
                    fail("bin/pum ended before " + what + ": " + p.await(WAIT).all());
                }
                if (System.nanoTime() > deadline) {
                    fail("bin/pum's backend was not seen " + what + " within " + WAIT + "; pg_stat_activity: "
                            + query(c, "SELECT application_name, state, wait_event_type, wait_event, query FROM pg_stat_activity"
                            + " WHERE datname = current_database()") + "\nstdout: " + p.out() + "\nstderr: " + p.err());
                }
                Thread.sleep(25);
            }
        }
    }

    /** Waits until no backend of pum's upgrade is left in the database (the server has rolled back what it had open). */
    private static void awaitNoBackend(TestDatabase db) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Connection c = db.connect()) {
            while (!query(c, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pum upgrade'").isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "pum's backend is still there " + WAIT + " after pum ended");
                Thread.sleep(25);
            }
        }
    }

    /** Waits for a line of stdout containing {@code text}; that line. */
    private static String awaitOutput(PumProcess p, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (String line : p.out().split("\\R")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            assertTrue(p.isAlive(), "bin/pum ended before printing \"" + text + "\": " + p.out() + p.err());
            assertTrue(System.nanoTime() < deadline, "bin/pum did not print \"" + text + "\" within " + WAIT + ": " + p.out() + p.err());
            Thread.sleep(50);
        }
    }

    // ---------------------------------------------------------------- what took effect

    /** The counter rows per version (or pre-all / post-all): each delta inserts one, so 2 would be a version applied twice. */
    private static void assertTookEffect(TestDatabase db, Map<String, Integer> expected) {
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            assertEquals(Integer.toString(e.getValue()), db.queryValue("SELECT count(*) FROM counter WHERE version = '" + e.getKey() + "'"),
                    "counter rows of " + e.getKey() + "; all: " + db.query("SELECT * FROM counter"));
        }
    }

    /** Rows of the no-transaction file's three statements: counter step 1, busy, counter step 3. */
    private static void assertSteps(TestDatabase db, int one, int two, int three) {
        assertEquals(List.of(one, two, three), List.of(
                Integer.parseInt(db.queryValue("SELECT count(*) FROM counter WHERE version = '1.0.1' AND step = 1")),
                Integer.parseInt(db.queryValue("SELECT count(*) FROM busy")),
                Integer.parseInt(db.queryValue("SELECT count(*) FROM counter WHERE version = '1.0.1' AND step = 3"))),
                "statements 1, 2, 3 took effect this often");
    }

    private static void assertBusy(TestDatabase db, int rows) {
        assertEquals(Integer.toString(rows), db.queryValue("SELECT count(*) FROM busy"));
    }

    private static boolean exists(TestDatabase db, String relation) {
        return "t".equals(db.queryValue("SELECT to_regclass('" + relation + "') IS NOT NULL"));
    }

    /** The upgrades table, one line per row: version description type success [state done/statements]. */
    private static List<String> upgradeRows(TestDatabase db) {
        List<String> out = new ArrayList<>();
        for (List<String> r : db.query("SELECT version, description, type, success, pum_state, pum_progress, pum_statements FROM "
                + TABLE + " ORDER BY id")) {
            out.add(r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3)
                    + (r.get(4) == null ? "" : " " + r.get(4) + " " + r.get(5) + "/" + r.get(6)));
        }
        return out;
    }

    /** A delta as PUM 0.x identifies it. */
    record Row(String version, String description, int type) {
    }

    /**
     * PUM 0.x's reading of the table: its current version is the first row of {@code SELECT version
     * FROM t WHERE success = TRUE ORDER BY version DESC}, and a delta is applied when a row with its
     * version, description and type has success = TRUE (exactly one such row: applied once).
     */
    static void assertPum0(TestDatabase db, String current, List<Row> applied, List<Row> notApplied) {
        List<List<String>> versions = db.query("SELECT version FROM " + TABLE + " WHERE success = TRUE ORDER BY version DESC");
        assertFalse(versions.isEmpty(), "PUM 0.x finds no current version");
        assertEquals(current, versions.get(0).get(0), "PUM 0.x's current version");
        for (Row r : applied) {
            assertEquals("1", countPum0(db, r), "PUM 0.x sees " + r + " applied once");
        }
        for (Row r : notApplied) {
            assertEquals("0", countPum0(db, r), "PUM 0.x sees " + r + " not applied");
        }
    }

    private static String countPum0(TestDatabase db, Row r) {
        return db.queryValue("SELECT count(*) FROM " + TABLE + " WHERE version = '" + r.version() + "' AND description = '"
                + r.description() + "' AND type = " + r.type() + " AND success = TRUE");
    }

    /** Runs pum info: exit 0, the current version, and each file's line naming its state; returns the output. */
    private static String assertInfo(TestDatabase db, Path deltas, String current, Map<String, String> states) throws Exception {
        PumProcess.Result r = PumProcess.run(List.of("info", "-p", db.uri(), "-t", TABLE, "-d", deltas.toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("current version: " + current + " (" + TABLE + ")"), r.all());
        for (Map.Entry<String, String> e : states.entrySet()) {
            String line = null;
            for (String l : r.out().split("\\R")) {
                if (!l.startsWith(e.getKey() + ":") && List.of(l.trim().split("\\s{2,}")).contains(e.getKey())) {
                    line = l;
                }
            }
            assertTrue(line != null && line.contains("  " + e.getValue()), "info shows " + e.getKey() + " as " + e.getValue() + ":\n" + r.out());
        }
        return r.out();
    }

    /** The rerun after a fault: exit 0, from where the database stood to the last version. */
    private static void rerunApplies(TestDatabase db, Path deltas, String from, String to) throws Exception {
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("upgraded from " + from + " to " + to), r.all());
    }

    private static void assertUpToDate(TestDatabase db, Path deltas, String version) throws Exception {
        PumProcess.Result r = PumProcess.run(upgrade(db, deltas));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("database is up to date at version " + version), r.all());
    }

    // ---------------------------------------------------------------- the server of the server-stop tests

    private static synchronized TestDatabase ownDatabase() {
        if (own == null) {
            own = ownStarting.join();
        }
        if (!Files.exists(own.dataDir().resolve("postmaster.pid"))) {
            // a server-stop test failed before it restarted the server
            own = EmbeddedServer.start(own.binaries(), own.dataDir(), EmbeddedServer.Mode.EPHEMERAL);
        }
        String name = "fault_" + System.nanoTime();
        own.createDatabase(name);
        return new TestDatabase(name, own.connectionInfo(name), null);
    }

    /** Starts the stopped server again (on a new port): the same database on it. */
    private static synchronized TestDatabase restartOwn(TestDatabase db) {
        own = EmbeddedServer.start(own.binaries(), own.dataDir(), EmbeddedServer.Mode.EPHEMERAL);
        return new TestDatabase(db.name(), own.connectionInfo(db.name()), null);
    }

    // ---------------------------------------------------------------- JDBC

    private static List<List<String>> query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static String queryValue(Connection c, String sql) throws SQLException {
        return query(c, sql).get(0).get(0);
    }
}

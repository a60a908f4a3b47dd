package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.delta.EngineSafetyTest.assertPumReads;
import static pum.delta.EngineSafetyTest.baseline;
import static pum.delta.EngineSafetyTest.TABLE;
import static pum.delta.EngineSafetyTest.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Between two plain SQL versions, the COMMIT of the first travels at the head of the second's
 * first round trip. Whatever fails, and wherever, pum must say exactly which versions took effect,
 * and the database must agree: a failed COMMIT, a failure of the next version, a next version
 * that starts with a statement sent alone or with an empty file, a lost connection.
 */
@ExtendWith(PostgresExtension.class)
class CarriedCommitTest {
    @TempDir
    Path tmp;

    private Path dir() throws IOException {
        return Files.createDirectories(tmp.resolve("d"));
    }

    private static UpgradeResult upgrade(TestDatabase db, List<String> progress, Path dir) {
        return Upgrader.upgrade(db.info(), TABLE, DeltaSet.scan(List.of(dir), List.of()), UpgradeOptions.defaults().withProgress(progress::add));
    }

    /** The "applied" lines, in order: printed only once the server confirmed the COMMIT. */
    private static List<String> appliedLines(List<String> progress) {
        return progress.stream().filter(l -> l.startsWith("applied ")).map(l -> l.substring(0, l.indexOf(" ("))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE b(i int);\nINSERT INTO b VALUES (1);\n",
        // the next version's first statement returns rows: the COMMIT goes alone before it
        "SELECT 1;\nCREATE TABLE b(i int);\nINSERT INTO b VALUES (1);\n",
        "COPY b FROM stdin;\n1\n\\.\n",
    })
    void everyVersionIsCommittedOnceAndRecordedWithItsOwnTime(String second, TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n" + (second.startsWith("COPY") ? "CREATE TABLE b(i int);\n" : ""));
        write(d, "delta_1.2.0_b.sql", second);
        // a version of two files, the first without statements: its COMMIT carried by nothing, then by the second file
        write(d, "delta_1.3.0_a_empty.sql", "-- nothing to do\n");
        write(d, "delta_1.3.0_b_c.sql", "CREATE TABLE c(i int);\n");
        write(d, "delta_1.4.0_d.sql", "CREATE TABLE d(i int);\n");
        List<String> progress = new CopyOnWriteArrayList<>();
        UpgradeResult r = upgrade(db, progress, d);
        assertEquals("1.4.0", r.after().toString());
        assertEquals(5, r.applied().size());
        assertEquals(List.of("applied 1.1.0 delta_1.1.0_a.sql", "applied 1.2.0 delta_1.2.0_b.sql", "applied 1.3.0 delta_1.3.0_a_empty.sql",
                "applied 1.3.0 delta_1.3.0_b_c.sql", "applied 1.4.0 delta_1.4.0_d.sql"), appliedLines(progress));
        assertEquals("1", db.queryValue("SELECT count(*) FROM b"));
        assertPumReads(db, "1.4.0", "1.1.0 a", "1.2.0 b", "1.3.0 a_empty", "1.3.0 b_c", "1.4.0 d");
        // each version its own transaction (1.3.0's two rows share one), each begun afresh
        assertEquals("4", db.queryValue("SELECT count(DISTINCT xmin::text) FROM app_sys.upgrades WHERE version > '1.0.0'"));
    }

    @Test
    void aFailureOfTheNextVersionLeavesTheCarriedOneApplied(TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        write(d, "delta_1.2.0_b.sql", "CREATE TABLE b(i int);\nINSERT INTO nosuch VALUES (1);\n");
        List<String> progress = new CopyOnWriteArrayList<>();
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, progress, d));
        assertEquals(Reason.SQL_ERROR, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(d.resolve("delta_1.2.0_b.sql") + ":2:13: ERROR 42P01"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\nversion 1.2.0 was rolled back; the database stays at version 1.1.0"), e.getMessage());
        assertEquals(List.of("applied 1.1.0 delta_1.1.0_a.sql"), appliedLines(progress));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'b'"));
        assertPumReads(db, "1.1.0", "1.1.0 a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE b(i int);\n", "SELECT 1;\nCREATE TABLE b(i int);\n"})
    void aCarriedCommitThatFailsRollsItsVersionBackAndTheNextDoesNotRun(String second, TestDatabase db) throws IOException {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE p(id int PRIMARY KEY);\n"
                + "CREATE TABLE ch(pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO ch VALUES (5);\n");
        write(d, "delta_1.2.0_b.sql", second);
        List<String> progress = new CopyOnWriteArrayList<>();
        DeltaException e = assertThrows(DeltaException.class, () -> upgrade(db, progress, d));
        assertEquals(Reason.COMMIT_FAILED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("committing version 1.1.0 failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("(SQLSTATE 23503); a deferred constraint failed at commit"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\nversion 1.1.0 was rolled back and version 1.2.0 did not run; the database stays at version 1.0.0"),
                e.getMessage());
        assertEquals(List.of(), appliedLines(progress));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname IN ('p', 'ch', 'b')"));
        assertPumReads(db, "1.0.0");
    }

    @Test
    void aConnectionLostAfterTheCarriedCommitSaysWhatIsKnownAndTheTableTellsTheRest(TestDatabase db) throws Exception {
        baseline(db, "1.0.0");
        Path d = dir();
        write(d, "delta_1.1.0_a.sql", "CREATE TABLE a(i int);\n");
        // DO returns no rows: it shares the round trip that carries 1.1.0's COMMIT
        write(d, "delta_1.2.0_slow.sql", "CREATE TABLE b(i int);\nDO $$ BEGIN PERFORM pg_sleep(5); END $$;\n");
        List<String> progress = new CopyOnWriteArrayList<>();
        CompletableFuture<UpgradeResult> run = CompletableFuture.supplyAsync(() -> upgrade(db, progress, d));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'DO $$ BEGIN PERFORM pg_sleep(5)%'").equals("0")) {
            assertTrue(System.nanoTime() < deadline, "the slow statement never ran");
            Thread.sleep(20);
        }
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'DO $$ BEGIN PERFORM pg_sleep(5)%'");
        DeltaException e = (DeltaException) assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
        assertEquals(Reason.CONNECTION_LOST, e.reason(), e.getMessage());
        assertEquals(4, e.code().exitCode());
        assertTrue(e.getMessage().startsWith("the connection was lost while running " + d.resolve("delta_1.2.0_slow.sql")
                + "; its first round trip carried the COMMIT of version 1.1.0: whether version 1.1.0 was committed is unknown\n"
                + "version 1.2.0 was not committed; the database is at version 1.0.0, or at 1.1.0 if that COMMIT took effect"), e.getMessage());
        assertTrue(e.hint().contains("pum info"), e.hint());
        // what the table says is the truth: the COMMIT ran before the slow statement began
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'b'"));
        assertPumReads(db, "1.1.0", "1.1.0 a");
    }
}

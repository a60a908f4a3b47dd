package pum.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * SIGTERM to a running {@code bin/pum dump} or {@code restore} (a separate process, as a user's
 * kill or a CI timeout sends it): pg_dump/pg_restore and their workers stop with it, and no
 * partial dump is left. PostgreSQL 15, for the installed pg_dump 15.
 */
class KillTest {
    private static final Path IMAGE = Path.of(System.getProperty("pum.image", "target/pum"));
    private static TestDatabase source;
    private static Path dump;
    private static Path dumpDir;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    @BeforeAll
    static void bigEnoughToTakeAWhile() throws Exception {
        source = TestServer.forMajor(15).createDatabase();
        source.execute("CREATE SCHEMA app;"
                + " CREATE TABLE app.a AS SELECT g AS id, md5(g::text) || md5((g + 1)::text) AS t FROM generate_series(1, 1500000) g;"
                + " CREATE TABLE app.b AS SELECT * FROM app.a; CREATE INDEX ON app.a (t);");
        dump = shared.resolve("source.backup");
        assertEquals(0, run("dump", "-p", source.uri(), dump.toString()).waitFor());
        dumpDir = shared.resolve("source.dir");
        assertEquals(0, run("dump", "-p", source.uri(), "-j", "2", dumpDir.toString()).waitFor());
    }

    @AfterAll
    static void drop() {
        source.server().dropDatabase(source.name());
    }

    static Process run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(IMAGE.resolve("bin/pum").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        return pb.start();
    }

    /** Waits until pum runs the tool (with this argument), then sends SIGTERM; returns the tool's processes. */
    static List<ProcessHandle> killWhileRunning(Process pum, String tool, String argument) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<ProcessHandle> children = List.of();
        while (System.nanoTime() < deadline && children.isEmpty()) {
            children = pum.toHandle().descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/" + tool)).orElse(false))
                    .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(argument)).orElse(false))
                    .toList();
            Thread.sleep(20);
        }
        assertFalse(children.isEmpty(), tool + " never ran");
        Thread.sleep(300);
        List<ProcessHandle> all = new ArrayList<>(pum.toHandle().descendants().toList());
        pum.destroy();
        assertTrue(pum.waitFor(30, TimeUnit.SECONDS), "pum did not exit on SIGTERM");
        return all;
    }

    static void assertAllGone(List<ProcessHandle> processes) throws InterruptedException {
        for (ProcessHandle h : processes) {
            for (int i = 0; i < 50 && h.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertFalse(h.isAlive(), "left running: " + h.pid() + " " + h.info().commandLine().orElse("?"));
        }
    }

    static List<Path> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void sigtermDuringADumpStopsPgDumpAndLeavesNoPartialFile() throws Exception {
        Path target = dir.resolve("killed.backup");
        Process pum = run("dump", "-p", source.uri(), target.toString());
        List<ProcessHandle> tools = killWhileRunning(pum, "pg_dump", "--file=");
        assertAllGone(tools);
        assertEquals(List.of(), list(dir), "no partial file");
    }

    @Test
    void sigtermDuringAParallelDumpStopsItsWorkersAndLeavesNoPartialDirectory() throws Exception {
        Path target = dir.resolve("killed.dir");
        Process pum = run("dump", "-p", source.uri(), "-j", "2", target.toString());
        List<ProcessHandle> tools = killWhileRunning(pum, "pg_dump", "--jobs=2");
        assertAllGone(tools);
        assertEquals(List.of(), list(dir), "no partial directory");
    }

    @Test
    void sigtermDuringARestoreStopsPgRestoreAndRestoresNothing() throws Exception {
        TestDatabase target = TestServer.forMajor(15).createDatabase();
        Process pum = run("restore", "-p", target.uri(), dump.toString());
        List<ProcessHandle> tools = killWhileRunning(pum, "pg_restore", "--dbname=");
        assertAllGone(tools);
        // one transaction: the server rolled it back when pg_restore's connection went
        Optional<String> tables = Optional.empty();
        for (int i = 0; i < 50; i++) {
            tables = Optional.of(target.queryValue("SELECT count(*) FROM pg_tables WHERE schemaname = 'app'"));
            if (tables.get().equals("0")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("0", tables.orElse("?"), "nothing restored");
        target.server().dropDatabase(target.name());
    }

    @Test
    void sigtermDuringAParallelRestoreStopsItsWorkers() throws Exception {
        TestDatabase target = TestServer.forMajor(15).createDatabase();
        Process pum = run("restore", "-p", target.uri(), "-j", "2", dumpDir.toString());
        List<ProcessHandle> tools = killWhileRunning(pum, "pg_restore", "--jobs=2");
        assertAllGone(tools);
        target.server().dropDatabase(target.name());
    }
}

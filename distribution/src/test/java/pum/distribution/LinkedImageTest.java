package pum.distribution;

import static pum.distribution.Tmux.awaitScreen;
import static pum.distribution.Tmux.screen;
import static pum.distribution.Tmux.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the linked bin/pum the way a user would: a separate process, no JDK on the PATH. */
class LinkedImageTest {
    private static final Path IMAGE = Path.of(System.getProperty("pum.image", "target/pum"));

    record Result(int exit, String out, String err) {
    }

    static Result pum(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(IMAGE.resolve("bin/pum").toString());
        cmd.addAll(List.of(args));
        return run(cmd, null, env);
    }

    /** Runs a command in {@code dir} (null: the current one) as on a user's machine without a JDK. */
    static Result run(List<String> cmd, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        // a user's machine without a JDK: no JAVA_HOME, a PATH without any java
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("pum-out", ".txt");
        Path err = Files.createTempFile("pum-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/pum did not finish");
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** $HOME (not the password database's home) locates ~/.pg_service.conf and ~/.pgpass, as for libpq. */
    @Test
    void homeLocatesTheServiceAndPasswordFiles(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(".pg_service.conf"), "[s]\nhost=127.0.0.1\nport=1\nuser=u\ndbname=d\n");
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "*:*:*:*:HomeS3cret\n");
        Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> env = Map.of("HOME", home.toString(), "PGSYSCONFDIR", home.resolve("none").toString());
        Result r = pum(env, "ping", "-p", "s");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("cannot reach service \"s\" (127.0.0.1:1/d as u)"), r.err());
        assertTrue(r.err().contains("pum: warning: password file \"" + pgpass + "\" has group or world access"), r.err());
        assertFalse(r.err().contains("HomeS3cret") || r.out().contains("HomeS3cret"), r.err());
        Result alone = pum(Map.of("HOME", home.toString(), "PGSYSCONFDIR", home.resolve("none").toString(), "PGSERVICE", "s"), "ping");
        assertEquals(4, alone.exit(), alone.err());
        assertTrue(alone.err().contains("cannot reach PGSERVICE \"s\" (127.0.0.1:1/d as u)"), alone.err());
    }

    @Test
    void versionPrintsTheBuildVersion() throws Exception {
        Result r = pum(Map.of(), "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("pum \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
        Result shortForm = pum(Map.of(), "-v");
        assertEquals(r.out(), shortForm.out());
    }

    /**
     * The launcher finds the image from however it was reached: a relative path, a symbolic link
     * (absolute, or relative to the link's directory), a link to a link; and the class-data
     * archive is found each way (-Xshare:on fails the start when it cannot be mapped).
     */
    @Test
    void theLauncherWorksThroughRelativePathsAndSymbolicLinks(@TempDir Path dir) throws Exception {
        Path launcher = IMAGE.resolve("bin/pum").toAbsolutePath();
        Path absolute = Files.createSymbolicLink(dir.resolve("pum-abs"), launcher);
        Path relative = Files.createSymbolicLink(dir.resolve("pum-rel"), dir.relativize(launcher));
        Path chained = Files.createSymbolicLink(dir.resolve("pum-chain"), Path.of("pum-rel"));
        String expected = pum(Map.of(), "--version").out();
        Path bin = launcher.getParent();
        Map<List<String>, Path> ways = Map.of(
                List.of(absolute.toString()), dir, List.of(relative.toString()), dir, List.of(chained.toString()), dir,
                List.of("sh", "bin/pum"), IMAGE.toAbsolutePath(), List.of("./pum"), bin);
        for (Map.Entry<List<String>, Path> way : ways.entrySet()) {
            List<String> cmd = new ArrayList<>(way.getKey());
            cmd.add("--version");
            Result r = run(cmd, way.getValue(), Map.of("PUM_JAVA_OPTS", "-Xshare:on"));
            assertEquals(0, r.exit(), cmd + ": " + r.err());
            assertEquals(expected, r.out(), cmd.toString());
            assertEquals("", r.err(), cmd.toString());
        }
        Result r = run(List.of(chained.toString(), "--no-such-option"), dir, Map.of());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown option '--no-such-option'"), r.err());
        assertFalse(r.err().contains("sharing") || r.err().contains("warning"), "a JVM warning about the archive: " + r.err());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() throws Exception {
        Result r = pum(Map.of(), "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: pum"), r.out());
        assertTrue(r.out().contains("server"), r.out());
        assertTrue(r.out().contains("Exit codes"), r.out());
        assertFalse(r.out().contains("cds-training"), "hidden command shown: " + r.out());
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() throws Exception {
        Result r = pum(Map.of(), "--no-such-option");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown option '--no-such-option'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownServiceIsOneLineNamingIt(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("services.conf"), "[other]\nhost=localhost\n");
        Result r = pum(Map.of("PGSERVICEFILE", home.resolve("services.conf").toString(), "PGSYSCONFDIR", home.toString()),
                "ping", "-p", "nosuch");
        assertEquals(4, r.exit());
        assertTrue(r.err().startsWith("pum: error: service \"nosuch\" not found"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unreachableServerNamesHostAndPort() throws Exception {
        Result r = pum(Map.of(), "ping", "-p", "postgresql://nobody@127.0.0.1:1/db");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("cannot reach") && r.err().contains("127.0.0.1:1"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        Result verbose = pum(Map.of(), "--verbose", "ping", "-p", "postgresql://nobody@127.0.0.1:1/db");
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace: " + verbose.err());
    }

    @Test
    void readmeQuickStartUpgradesTheSampleDatabase() throws Exception {
        Path script = IMAGE.resolve("../../../config-samples/deltas/quickstart.sh").normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
        pb.environment().put("PUM", IMAGE.resolve("bin/pum").toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("baseline 1.0.0 recorded"), out);
        assertTrue(out.contains("upgraded from 1.0.0 to 1.1.0"), out);
        assertTrue(out.contains("current version: 1.1.0"), out);
    }

    /** The interactive shell on a real terminal (tmux), as a user types. */
    @Test
    void interactiveShellCompletesRunsKeepsHistoryAndExits(@TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "tmux is needed (.ci/run installs it)");
        String session = "pum-test-" + ProcessHandle.current().pid();
        String command = "env HOME=" + dir + " PUM_EMBEDDED_DIR=" + dir.resolve("data") + " " + IMAGE.resolve("bin/pum") + " shell";
        tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40", command);
        try {
            awaitScreen(session, "pum>"); // capture-pane drops trailing blanks
            tmux("send-keys", "-t", session, "pin", "Tab");
            awaitScreen(session, "pum> ping");
            tmux("send-keys", "-t", session, " -p embedded", "Enter"); // a leading "-" would be a tmux option
            awaitScreen(session, "database postgres as postgres");
            tmux("send-keys", "-t", session, "ping -p postgresql://app:TmuxS3cret@127.0.0.1:1/db", "Enter");
            awaitScreen(session, "cannot reach postgresql://app:***@127.0.0.1:1/db");
            tmux("send-keys", "-t", session, "bogus", "Enter");
            awaitScreen(session, "unknown command 'bogus'");
            tmux("send-keys", "-t", session, "half typed", "C-c");
            tmux("send-keys", "-t", session, "exit", "Enter");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tmux("has-session", "-t", session) == 0) {
                assertTrue(System.nanoTime() < deadline, "the shell did not exit: " + screen(session));
                Thread.sleep(100);
            }
        } finally {
            tmux("kill-session", "-t", session);
        }
        String history = Files.readString(dir.resolve(".local/state/pum/history"));
        assertTrue(history.contains("ping") && history.contains("-p embedded"), history);
        assertFalse(history.contains("TmuxS3cret"), "the history never holds a password: " + history);
        assertTrue(history.contains("ping -p postgresql://app:***@127.0.0.1:1/db"), history);
        assertFalse(Files.exists(dir.resolve("data/postmaster.pid")), "the embedded server stopped with the shell");
    }

    @Test
    void bundledPostgresRunsWithoutNetwork(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PUM_EMBEDDED_DIR", dir.resolve("data").toString());
        Result r = pum(env, "ping", "-p", "embedded");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("PostgreSQL 17."), r.out());
        assertTrue(r.err().contains("started embedded PostgreSQL"), r.err());
        // it stopped when pum exited
        assertFalse(Files.exists(dir.resolve("data/postmaster.pid")));

        assertEquals(0, pum(env, "server", "start").exit());
        try {
            Result status = pum(env, "server", "status");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("running on 127.0.0.1:"), status.out());
            Result again = pum(env, "ping", "-p", "embedded/demo");
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("database demo"), again.out());
            assertFalse(again.err().contains("started embedded"), "attached to the running server: " + again.err());
        } finally {
            assertEquals(0, pum(env, "server", "stop").exit());
        }
        Result stopped = pum(env, "server", "status");
        assertEquals(4, stopped.exit());
        assertTrue(stopped.out().contains("not running"), stopped.out());
    }
}

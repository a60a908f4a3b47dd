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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/**
 * The linked {@code bin/pum shell} on a real terminal (tmux), as a user types: a named
 * connection shadowing a service, completion of a table name from the catalog, Ctrl-C during an
 * upgrade stuck in {@code pg_sleep(30)}, and the shell going on afterwards.
 */
@ExtendWith(PostgresExtension.class)
class ShellImageTest {
    private static final Path IMAGE = Path.of(System.getProperty("pum.image", "target/pum"));
    private static final String PASSWORD = "ShellS3cret";

    @Test
    void connectCompleteCancelAndGoOn(TestDatabase db, @TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "tmux is needed (.ci/run installs it)");
        // a service of the same name as the connection: the connection shadows it
        Files.writeString(dir.resolve(".pg_service.conf"), "[dev]\nhost=127.0.0.1\nport=1\ndbname=nowhere\n");
        Path delta = Files.createDirectories(dir.resolve("delta"));
        Files.writeString(delta.resolve("delta_1.0.1_slow.sql"), "CREATE TABLE water.half_done(id int);\nSELECT pg_sleep(30);\n");
        db.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int)");
        // a trust-authenticated test server ignores the password; it is there to be masked
        String password = db.info().password() != null ? db.info().password() : PASSWORD;
        String uri = "postgresql://" + db.info().user() + ":" + password + "@" + db.info().host() + ":" + db.info().port() + "/" + db.name();

        String session = "pum-shell-" + ProcessHandle.current().pid();
        String command = "env HOME=" + dir + " PGSYSCONFDIR=" + dir.resolve("none") + " " + IMAGE.resolve("bin/pum") + " shell";
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command);
        try {
            awaitScreen(session, "pum>");
            send(session, "connect dev " + uri, "Enter");
            awaitScreen(session, "pum dev>");
            assertTrue(screen(session).contains("note: the name dev shadows the service dev"), screen(session));
            send(session, "connections", "Enter");
            awaitScreen(session, "(shadows the service dev)");
            assertTrue(screen(session).contains("* dev  postgresql://" + db.info().user() + ":***@"), screen(session));

            // a table name from the catalog of the connection in use
            send(session, "info -t water.pi", "Tab");
            awaitScreen(session, "pum dev> info -t water.pipes");
            send(session, "C-c"); // cancels the line being typed; the shell stays
            send(session, "baseline -t public.upgrades -b 1.0.0", "Enter");
            awaitScreen(session, "baseline 1.0.0 recorded");

            send(session, "upgrade -t public.upgrades -d " + delta, "Enter");
            String sleeping = "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                    + " AND state = 'active' AND query LIKE '%pg_sleep%'";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!db.queryValue(sleeping).equals("1")) {
                assertTrue(System.nanoTime() < deadline, "the upgrade never reached pg_sleep: " + screen(session));
                Thread.sleep(100);
            }
            long t0 = System.nanoTime();
            send(session, "C-c");
            awaitScreen(session, "the database is at version 1.0.0");
            awaitScreen(session, "version 1.0.1 was rolled back");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 10_000, "Ctrl-C took " + ms + " ms");
            assertEquals("0", db.queryValue(sleeping), "the statement is gone from the server");
            assertEquals("0", db.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"), "nothing half-applied");

            // the shell goes on, on the same connection
            send(session, "ping", "Enter");
            awaitScreen(session, "database " + db.name() + " as ");
            send(session, "exit", "Enter");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tmux("has-session", "-t", session) == 0) {
                assertTrue(System.nanoTime() < deadline, "the shell did not exit: " + screen(session));
                Thread.sleep(100);
            }
        } finally {
            tmux("kill-session", "-t", session);
        }
        String history = Files.readString(dir.resolve(".local/state/pum/history"));
        assertTrue(history.contains("connect dev postgresql://"), history);
        assertFalse(history.contains(password), "the history never holds a password: " + history);
    }

    @Test
    void checkThenDiffAndShowAChangedColumn(TestDatabase one, TestDatabase two, @TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("tmux", "-V").start().waitFor() == 0, "tmux is needed (.ci/run installs it)");
        one.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int PRIMARY KEY, diameter integer, material text)");
        two.execute("CREATE SCHEMA water; CREATE TABLE water.pipes(id int PRIMARY KEY, diameter numeric(10,2), material text)");
        String session = "pum-shell-diff-" + ProcessHandle.current().pid();
        String command = "env HOME=" + dir + " PGSYSCONFDIR=" + dir.resolve("none") + " " + IMAGE.resolve("bin/pum") + " shell";
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command);
        try {
            awaitScreen(session, "pum>");
            send(session, "connect one " + one.uri(), "Enter");
            awaitScreen(session, "pum one>");
            send(session, "connect two " + two.uri(), "Enter");
            awaitScreen(session, "pum two>");
            send(session, "check -p1 one -p2 two", "Enter");
            awaitScreen(session, "1 difference");
            send(session, "clear", "Enter"); // not a command: an error line, and the screen keeps scrolling
            send(session, "diff columns water", "Enter");
            awaitScreen(session, "~ water.pipes.diameter: type integer vs numeric(10,2)");
            send(session, "show water.pipes.di", "Tab");
            awaitScreen(session, "show water.pipes.diameter");
            send(session, "Enter");
            awaitScreen(session, "| two   (columns)");
            String s = screen(session);
            assertTrue(s.lines().anyMatch(l -> l.startsWith("* ALTER TABLE water.pipes ADD COLUMN diameter integer;")
                    && l.contains("| ALTER TABLE water.pipes ADD COLUMN diameter numeric(10,2);")), s);
            send(session, "exit", "Enter");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    private static void send(String session, String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }
}

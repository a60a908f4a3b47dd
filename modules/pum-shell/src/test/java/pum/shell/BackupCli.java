package pum.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/**
 * Runs pum as a user would (through {@link Main#run}) and holds fresh PostgreSQL 15 databases:
 * the installed pg_dump is 15.x, and refuses the suite's default server (17).
 */
final class BackupCli implements AutoCloseable {
    /** What one pum run printed and returned. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final List<TestDatabase> made = new ArrayList<>();

    static Run pum(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    TestDatabase pg15() {
        return made(TestServer.forMajor(15).createDatabase());
    }

    TestDatabase pg17() {
        return made(TestServer.forMajor(17).createDatabase());
    }

    private TestDatabase made(TestDatabase db) {
        made.add(db);
        return db;
    }

    @Override
    public void close() {
        for (TestDatabase db : made) {
            db.server().dropDatabase(db.name());
        }
        made.clear();
    }
}

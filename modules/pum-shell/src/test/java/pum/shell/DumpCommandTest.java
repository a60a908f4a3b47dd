package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pum.shell.DumpCommandTest.Cli.pum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/** {@code pum dump}, run as a user would, against PostgreSQL 15 and 17 with the installed pg_dump 15. */
class DumpCommandTest {
    private final Cli cli = new Cli();

    @TempDir
    Path dir;

    @AfterEach
    void drop() {
        cli.close();
    }

    @Test
    void dumpsIntoAPrivateFile() throws IOException {
        TestDatabase db = cli.pg15();
        db.execute("CREATE TABLE pipe (id int PRIMARY KEY); INSERT INTO pipe SELECT generate_series(1, 100)");
        Path file = dir.resolve("prod.backup");
        PumRun r = pum("dump", "-p", db.uri(), file.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("dumped "), r.toString());
        assertTrue(r.out().contains(" to " + file + " ("), r.toString());
        assertTrue(r.out().contains("1 table,"), r.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), list(dir));
        assertEquals("PGDMP", new String(Files.readAllBytes(file), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void excludedSchemaIsNotInTheDump() {
        TestDatabase db = cli.pg15();
        db.execute("CREATE SCHEMA keep; CREATE TABLE keep.a (i int); CREATE SCHEMA scratch; CREATE TABLE scratch.b (i int);"
                + " CREATE SCHEMA tmp1; CREATE TABLE tmp1.c (i int)");
        Path file = dir.resolve("d.backup");
        PumRun r = pum("dump", "-p", db.uri(), "-N", "scratch", "--exclude-schema", "tmp*", file.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("1 table,"), r.toString());

        TestDatabase target = cli.pg15();
        PumRun restore = pum("restore", "-p", target.uri(), file.toString());
        assertEquals(0, restore.exit(), restore.toString());
        assertEquals(List.of(List.of("keep")), target.query("SELECT nspname FROM pg_namespace WHERE nspname IN ('keep', 'scratch', 'tmp1')"));
    }

    @Test
    void serverNewerThanPgDumpNamesTheClientVersionNeeded() {
        TestDatabase db = cli.pg17();
        Path file = dir.resolve("new.backup");
        PumRun r = pum("dump", "-p", db.uri(), file.toString());
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.err().contains("pum: error: pg_dump 15."), r.toString());
        assertTrue(r.err().contains("needs client version 17 or newer"), r.toString());
        assertTrue(r.err().contains("pum: hint: "), r.toString());
        assertEquals(List.of(), list(dir), "nothing written");
    }

    @Test
    void missingPgDumpFromConfigIsAClearError() throws IOException {
        TestDatabase db = cli.pg15();
        Path config = Files.writeString(dir.resolve("pum.yaml"), "pg_dump_exe: /nonexistent/bin/pg_dump\n");
        PumRun r = pum("-c", config.toString(), "dump", "-p", db.uri(), dir.resolve("x.backup").toString());
        assertEquals(6, r.exit(), r.toString());
        assertTrue(r.err().startsWith("pum: error: pg_dump_exe in " + config + " is /nonexistent/bin/pg_dump, which does not exist"),
                r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals(List.of(config), list(dir));
    }

    @Test
    void unwritableDestinationIsAClearErrorAndLeavesNothing() throws IOException {
        TestDatabase db = cli.pg15();
        db.execute("CREATE TABLE t (i int)");
        // Tests run as root, who may write into any directory whatever its mode; nobody can create a
        // file under a regular file, so that is the read-only destination here.
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        Path file = plain.resolve("d.backup");
        PumRun r = pum("dump", "-p", db.uri(), file.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("pum: error: cannot write the dump to " + file + ": " + plain + " is not a directory"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals(List.of(plain), list(dir));
    }

    @Test
    void passwordIsNeverOnTheCommandLineOrInTheOutput() throws IOException {
        TestDatabase db = cli.pg15();
        db.execute("CREATE TABLE t (i int)");
        Path log = dir.resolve("argv.log");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path wrapper = bin.resolve("pg_dump");
        Files.writeString(wrapper, """
                #!/bin/sh
                echo "$*" >> %s
                exec /usr/bin/pg_dump "$@"
                """.formatted(log));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path config = Files.writeString(dir.resolve("pum.yaml"), "pg_dump_exe: " + wrapper + "\n");
        // trust authentication accepts any password: this one only has to be carried, and hidden
        String uri = db.uri().replace("postgresql://" + db.info().user() + "@", "postgresql://" + db.info().user() + ":Hunter2secret@");
        Path out = Files.createDirectory(dir.resolve("out"));
        PumRun r = pum("-c", config.toString(), "--verbose", "dump", "-p", uri, out.resolve("d.backup").toString());
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("Hunter2secret") || r.err().contains("Hunter2secret"), r.toString());
        String argv = Files.readString(log);
        assertTrue(argv.contains("--dbname="), argv);
        assertFalse(argv.contains("Hunter2secret"), argv);
    }

    private static List<Path> list(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs pum as a user would (through {@link Main#run}) and holds fresh PostgreSQL 15 databases:
     * the installed pg_dump is 15.x, and refuses the suite's default server (17).
     */
    static final class Cli implements AutoCloseable {
        private final List<TestDatabase> made = new ArrayList<>();

        static PumRun pum(String... args) {
            return PumRun.pum(args);
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
}

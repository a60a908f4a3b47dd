package pum.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.testkit.TestDatabase;
import pum.testkit.TestServer;

/** Dump and restore against real PostgreSQL 15 (and 17, for the version check) with the installed pg_dump 15. */
class BackupTest {
    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE SCHEMA extra;
            CREATE TABLE app.pipe (id serial PRIMARY KEY, name text NOT NULL UNIQUE, diameter numeric(6,2) CHECK (diameter > 0));
            CREATE TABLE app.valve (id int PRIMARY KEY, pipe_id int REFERENCES app.pipe(id), closed boolean DEFAULT false);
            CREATE INDEX valve_pipe ON app.valve (pipe_id);
            CREATE VIEW app.open_valves AS SELECT v.id, p.name FROM app.valve v JOIN app.pipe p ON p.id = v.pipe_id WHERE NOT v.closed;
            CREATE FUNCTION app.pipe_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.pipe';
            COMMENT ON TABLE app.pipe IS 'water pipes';
            INSERT INTO app.pipe (name, diameter) SELECT 'p' || g, g / 10.0 FROM generate_series(1, 500) g;
            INSERT INTO app.valve SELECT g, g, g % 3 = 0 FROM generate_series(1, 200) g;
            CREATE TABLE extra.notes (t text);
            INSERT INTO extra.notes VALUES ('x');
            """;

    /** What a user would look at after a restore: objects, and the data in them. */
    private static final String OBJECTS = """
            SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('app', 'extra') UNION ALL
            SELECT n.nspname || '.' || p.proname || ' function' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname IN ('app', 'extra') UNION ALL
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace::regnamespace::text IN ('app', 'extra') UNION ALL
            SELECT 'comment ' || obj_description('app.pipe'::regclass, 'pg_class')
            ORDER BY 1
            """;
    private static final String DATA = """
            SELECT (SELECT count(*) || ' ' || sum(diameter) FROM app.pipe), (SELECT count(*) FROM app.open_valves),
                   app.pipe_count(), (SELECT nextval('app.pipe_id_seq'))
            """;

    private final Pg15 pg15 = new Pg15();

    @TempDir
    Path dir;

    @AfterEach
    void drop() {
        pg15.close();
    }

    @Test
    void roundTripRestoresObjectsAndData() throws IOException {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA);
        TestDatabase target = pg15.database();
        Path file = dir.resolve("prod.backup");

        DumpResult dump = Backup.using(null, null).dump(source.info(), DumpOptions.defaults(), file);
        assertEquals(file, dump.file());
        assertTrue(Files.size(file) > 0);
        assertEquals(dump.bytes(), Files.size(file));
        assertEquals(3, dump.tables(), "pipe, valve, notes");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), list(dir), "no temporary file left next to the dump");

        assertEquals(0, Backup.userObjectCount(target.connect()));
        RestoreResult restore = Backup.using(null, null).restore(target.info(), RestoreOptions.defaults(), file);
        assertFalse(restore.hasErrors());
        assertTrue(restore.entries() >= 12, "entries " + restore.entries());

        assertEquals(source.query(OBJECTS), target.query(OBJECTS));
        assertEquals(source.query(DATA), target.query(DATA));
        assertTrue(Backup.userObjectCount(target.connect()) > 0);
    }

    @Test
    void excludedSchemasAreNeitherDumpedNorRestored() {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA);
        Path file = dir.resolve("no-extra.backup");
        DumpResult dump = Backup.using(null, null).dump(source.info(), new DumpOptions(List.of("extra")), file);
        assertEquals(2, dump.tables());

        TestDatabase target = pg15.database();
        Backup.using(null, null).restore(target.info(), RestoreOptions.defaults(), file);
        assertEquals("0", target.queryValue("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'extra'"));
        assertEquals("500", target.queryValue("SELECT count(*) FROM app.pipe"));

        // and at restore time, from a full dump
        Path full = dir.resolve("full.backup");
        Backup.using(null, null).dump(source.info(), DumpOptions.defaults(), full);
        TestDatabase other = pg15.database();
        Backup.using(null, null).restore(other.info(), new RestoreOptions(List.of("app"), false), full);
        assertEquals("0", other.queryValue("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app'"));
        assertEquals("1", other.queryValue("SELECT count(*) FROM extra.notes"));
    }

    @Test
    void aNonEmptyDatabaseIsRefusedUnlessCleanAndACleanRestoreIsAllOrNothing() {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA);
        Path file = dir.resolve("prod.backup");
        Backup backup = Backup.using(null, null);
        backup.dump(source.info(), DumpOptions.defaults(), file);

        // the data is there already: a second restore would append every row again
        TestDatabase copy = pg15.database();
        backup.restore(copy.info(), RestoreOptions.defaults(), file);
        for (boolean ignoreErrors : List.of(false, true)) {
            BackupException e = assertThrows(BackupException.class,
                    () -> backup.restore(copy.info(), new RestoreOptions(List.of(), ignoreErrors), file));
            assertEquals(ErrorCode.USAGE, e.code());
            assertTrue(e.getMessage().contains("is not empty") && e.getMessage().contains("nothing was restored"), e.getMessage());
            assertTrue(e.hint().contains("--clean"), e.hint());
        }
        assertEquals("500", copy.queryValue("SELECT count(*) FROM app.pipe"), "no row was appended");

        // --clean drops what the dump holds, then restores it: the same rows, once
        copy.execute("INSERT INTO app.pipe (name, diameter) VALUES ('added later', 1)");
        backup.restore(copy.info(), RestoreOptions.defaults().withClean(true), file);
        assertEquals(source.query(DATA), copy.query(DATA));

        // a failing statement rolls the whole restore back: the database is as it was
        copy.execute("CREATE VIEW public.keeps_notes AS SELECT t FROM extra.notes; INSERT INTO extra.notes VALUES ('mine')");
        List<List<String>> before = copy.query(OBJECTS);
        BackupException e = assertThrows(BackupException.class,
                () -> backup.restore(copy.info(), RestoreOptions.defaults().withClean(true), file));
        assertEquals(ErrorCode.EXTERNAL_TOOL, e.code());
        assertTrue(e.getMessage().contains("keeps_notes") || e.getMessage().contains("depend"), e.getMessage());
        assertTrue(e.hint().contains("nothing was restored"), e.hint());
        assertEquals(before, copy.query(OBJECTS));
        assertEquals("2", copy.queryValue("SELECT count(*) FROM extra.notes"));

        // with -x the failing statements are skipped and the rest is replaced
        RestoreResult r = backup.restore(copy.info(), new RestoreOptions(List.of(), true).withClean(true), file);
        assertTrue(r.hasErrors());
        assertTrue(r.errors().get(0).contains("keeps_notes") || r.errors().get(0).contains("depend"), r.errors().toString());
        assertEquals("500", copy.queryValue("SELECT count(*) FROM app.pipe"));
    }

    @Test
    void aTruncatedDumpIsRefusedBeforeAnythingIsRestored() throws IOException {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA + "CREATE TABLE app.big AS SELECT g AS i, md5(g::text) AS t FROM generate_series(1, 20000) g;");
        Path file = dir.resolve("prod.backup");
        Backup backup = Backup.using(null, null);
        backup.dump(source.info(), DumpOptions.defaults(), file);
        byte[] all = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.backup"), java.util.Arrays.copyOf(all, all.length * 2 / 3));
        Path corrupt = dir.resolve("corrupt.backup");
        byte[] flipped = all.clone();
        for (int i = all.length / 2; i < all.length / 2 + 64; i++) {
            flipped[i] ^= 0x5a;
        }
        Files.write(corrupt, flipped);
        for (Path damaged : List.of(truncated, corrupt)) {
            TestDatabase target = pg15.database();
            BackupException e = assertThrows(BackupException.class,
                    () -> backup.restore(target.info(), new RestoreOptions(List.of(), true), damaged));
            assertEquals(ErrorCode.USAGE, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains("nothing was restored"), e.getMessage());
            assertEquals("0", target.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname IN ('app', 'extra')"));
        }
    }

    @Test
    void parallelDirectoryDumpRoundTrip() throws IOException {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA);
        Path out = dir.resolve("prod.dir");
        Backup backup = Backup.using(null, null);
        DumpResult d = backup.dump(source.info(), DumpOptions.defaults().withJobs(2), out);
        assertTrue(Files.isRegularFile(out.resolve("toc.dat")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertTrue(d.bytes() > 0);
        assertEquals(List.of(out), list(dir), "no partial directory left");
        // dumping again replaces it
        backup.dump(source.info(), DumpOptions.defaults().withJobs(2), out);
        assertEquals(List.of(out), list(dir));

        TestDatabase target = pg15.database();
        backup.restore(target.info(), RestoreOptions.defaults().withJobs(2), out);
        assertEquals(source.query(OBJECTS), target.query(OBJECTS));
        assertEquals(source.query(DATA), target.query(DATA));
        BackupException e = assertThrows(BackupException.class,
                () -> backup.restore(target.info(), RestoreOptions.defaults().withJobs(2).withClean(true), out));
        assertTrue(e.getMessage().contains("parallel restore"), e.getMessage());
    }

    @Test
    void unwritableDestinationLeavesNoFile() throws IOException {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA);
        // Root ignores directory permissions, so "read-only" is a path under a regular file: that fails for everyone.
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADir.resolve("dump.backup");
        BackupException e = assertThrows(BackupException.class,
                () -> Backup.using(null, null).dump(source.info(), DumpOptions.defaults(), file));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains(notADir + " is not a directory"), e.getMessage());
        assertEquals(List.of(notADir), list(dir));
    }

    @Test
    void failedDumpLeavesOldFileAndNoPartial() throws IOException {
        TestDatabase source = pg15.database();
        source.execute("CREATE TABLE t (i int)");
        Path file = Files.writeString(dir.resolve("old.backup"), "previous dump");
        // a pg_dump that writes half a file and fails, as one would on a full disk
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path wrapper = bin.resolve("pg_dump");
        Files.writeString(wrapper, """
                #!/bin/sh
                [ "$1" = "--version" ] && exec /usr/bin/pg_dump --version
                for a in "$@"; do case "$a" in --file=*) echo "PGDMP half" > "${a#--file=}";; esac; done
                echo "pg_dump: error: could not write to output file: No space left on device" >&2
                exit 1
                """);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        BackupException e = assertThrows(BackupException.class,
                () -> Backup.using(wrapper.toString(), null).dump(source.info(), DumpOptions.defaults(), file));
        assertEquals(ErrorCode.EXTERNAL_TOOL, e.code());
        assertEquals(1, e.exitStatus());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of("pg_dump: error: could not write to output file: No space left on device"), e.toolOutput());
        assertEquals("previous dump", Files.readString(file));
        assertEquals(List.of(bin, file), list(dir), "no partial file left");
    }

    @Test
    void missingPgDumpIsAClearError() {
        TestDatabase source = pg15.database();
        BackupException e = assertThrows(BackupException.class,
                () -> Backup.using("/nonexistent/bin/pg_dump", null).dump(source.info(), DumpOptions.defaults(), dir.resolve("x.backup")));
        assertEquals(ErrorCode.EXTERNAL_TOOL, e.code());
        assertTrue(e.getMessage().contains("/nonexistent/bin/pg_dump, which does not exist"), e.getMessage());
        assertTrue(list(dir).isEmpty());
    }

    @Test
    void wrongProgramsAreClearErrors() {
        TestDatabase source = pg15.database();
        BackupException notOnPath = assertThrows(BackupException.class,
                () -> Backup.using("pg_dump_no_such_version", null).dump(source.info(), DumpOptions.defaults(), dir.resolve("x.backup")));
        assertEquals(ErrorCode.EXTERNAL_TOOL, notOnPath.code());
        assertTrue(notOnPath.getMessage().contains("\"pg_dump_no_such_version\", which is not on PATH"), notOnPath.getMessage());

        Path dump = dir.resolve("d.backup");
        Backup.using(null, null).dump(source.info(), DumpOptions.defaults(), dump);
        BackupException swapped = assertThrows(BackupException.class,
                () -> Backup.using(null, "/usr/bin/pg_dump").restore(pg15.database().info(), RestoreOptions.defaults(), dump));
        assertEquals(ErrorCode.EXTERNAL_TOOL, swapped.code());
        assertTrue(swapped.getMessage().contains("did not print a pg_restore version"), swapped.getMessage());
    }

    @Test
    void serverNewerThanPgDumpIsRefusedBeforeWriting() {
        TestServer pg17 = TestServer.forMajor(17);
        TestDatabase db = pg17.createDatabase();
        try {
            Path file = dir.resolve("new.backup");
            BackupException e = assertThrows(BackupException.class,
                    () -> Backup.using(null, null).dump(db.info(), DumpOptions.defaults(), file));
            assertEquals(ErrorCode.EXTERNAL_TOOL, e.code());
            assertTrue(e.getMessage().contains("needs client version 17"), e.getMessage());
            assertTrue(e.hint().contains("pg_dump_exe"), e.hint());
            assertTrue(list(dir).isEmpty(), "nothing written");
        } finally {
            pg17.dropDatabase(db.name());
        }
    }

    @Test
    void passwordTravelsInA0600FileThatIsDeleted() throws IOException {
        TestDatabase source = pg15.database();
        source.execute("CREATE TABLE t (i int)");
        Path log = dir.resolve("log");
        Path wrapper = dir.resolve("pg_dump");
        Files.writeString(wrapper, """
                #!/bin/sh
                if [ "$1" != "--version" ]; then
                  echo "argv: $*" >> %1$s
                  echo "passfile: $PGPASSFILE $(stat -c %%a "$PGPASSFILE") $(cat "$PGPASSFILE")" >> %1$s
                  env | grep '^PGPASSWORD=' >> %1$s
                fi
                exec /usr/bin/pg_dump "$@"
                """.formatted(log));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        ConnectionInfo i = source.info();
        ConnectionInfo withPassword = new ConnectionInfo(i.host(), i.port(), i.dbname(), i.user(), "s3cr:et", i.options(), "test");
        Path out = dir.resolve("out");
        Files.createDirectory(out);
        Backup.using(wrapper.toString(), null).dump(withPassword, DumpOptions.defaults(), out.resolve("d.backup"));

        List<String> lines = Files.readAllLines(log);
        String argv = lines.stream().filter(l -> l.startsWith("argv: ")).findFirst().orElseThrow();
        assertFalse(argv.contains("s3cr"), argv);
        assertTrue(argv.contains("--dbname=host="), argv);
        String passfile = lines.stream().filter(l -> l.startsWith("passfile: ")).findFirst().orElseThrow();
        String[] parts = passfile.split(" ");
        assertEquals("600", parts[2], passfile);
        assertTrue(passfile.endsWith("*:*:*:*:s3cr\\:et"), passfile);
        assertFalse(Files.exists(Path.of(parts[1])), "password file deleted afterwards");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("PGPASSWORD=")), "no password in the environment");
    }

    @Test
    void progressCountsTablesAndEntries() {
        TestDatabase source = pg15.database();
        source.execute(SCHEMA);
        Path file = dir.resolve("p.backup");
        List<BackupProgress> seen = new ArrayList<>();
        Backup backup = Backup.using(null, null).withListener(seen::add);
        backup.dump(source.info(), DumpOptions.defaults(), file);
        BackupProgress last = seen.get(seen.size() - 1);
        assertTrue(last.finished());
        assertEquals(BackupProgress.Operation.DUMP, last.operation());
        assertEquals(3, last.done());
        assertEquals(3, last.total());
        assertTrue(seen.stream().anyMatch(p -> p.current().equals("table \"app.pipe\"")), seen.toString());

        seen.clear();
        TestDatabase target = pg15.database();
        RestoreResult r = backup.restore(target.info(), RestoreOptions.defaults(), file);
        last = seen.get(seen.size() - 1);
        assertTrue(last.finished());
        assertEquals(BackupProgress.Operation.RESTORE, last.operation());
        assertEquals(r.entries(), last.total());
        assertEquals(last.total(), last.done(), seen.toString());
        assertEquals(size(file), last.fileBytes());
        assertTrue(seen.stream().anyMatch(p -> !p.finished() && p.bytes() > 0 && p.bytes() <= p.fileBytes()),
                "how far pg_restore read the file (Linux /proc): " + seen);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void commandLineConnectionNeverHoldsAPassword() {
        ConnectionInfo info = new ConnectionInfo("db1", 5433, "qwat", "me", "pw1",
                java.util.Map.of("password", "pw2", "sslmode", "require"), "test");
        String conninfo = Backup.conninfo(info);
        assertEquals("host='db1' port='5433' dbname='qwat' user='me' sslmode='require'", conninfo);
    }

    @Test
    void schemaPatternsBecomeRegularExpressions() {
        assertEquals("^extra$", Backup.schemaPatternRegex("extra"));
        assertEquals("^extra$", Backup.schemaPatternRegex("EXTRA"));
        assertEquals("^Big\\.One$", Backup.schemaPatternRegex("\"Big.One\""));
        assertEquals("^tmp_.*$", Backup.schemaPatternRegex("tmp_*"));
    }

    private static List<Path> list(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package pum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML config file: PUM's keys, pum's additions, and errors that name key and line. */
class PumConfigTest {
    @TempDir
    Path dir;

    private PumConfig load(String yaml) throws IOException {
        Path f = dir.resolve("pum.yaml");
        Files.writeString(f, yaml);
        return PumConfig.load(f);
    }

    private PumException fails(String yaml) {
        return assertThrows(PumException.class, () -> load(yaml));
    }

    @Test
    void readsThePumSeedExample() throws IOException {
        PumConfig c = load("""
                upgrades_table: qwat_sys.upgrades
                delta_dir: ../update/delta/
                backup_file: /tmp/backup.dump
                ignore_elements:
                - columns
                - constraints
                - views
                pg_dump_exe: pg_dump
                pg_restore_exe: pg_restore
                """);
        assertEquals("qwat_sys.upgrades", c.upgradesTable());
        assertEquals(List.of(Path.of("../update/delta/")), c.deltaDirs());
        assertEquals(Path.of("/tmp/backup.dump"), c.backupFile());
        assertEquals(List.of("columns", "constraints", "views"), c.ignoreElements());
        assertEquals("pg_dump", c.pgDumpExe());
    }

    @Test
    void deltaDirMayBeAList() throws IOException {
        assertEquals(List.of(Path.of("a"), Path.of("b")), load("delta_dir: [a, b]\n").deltaDirs());
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertEquals(List.of(), load("# nothing\n").deltaDirs());
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndTheKnownKeys() {
        PumException e = fails("upgrades_table: t\nupgrade_table: typo\n");
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("unknown key \"upgrade_table\""), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.hint().contains("upgrades_table"), e.hint());
    }

    @Test
    void wrongTypeNamesTheKey() {
        PumException e = fails("upgrades_table:\n  nested: map\n");
        assertTrue(e.getMessage().contains("\"upgrades_table\""), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheLine() {
        PumException e = fails("upgrades_table: t\ndelta_dir: [a, b\nbackup_file: x\n");
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.getMessage().matches(".*line \\d+.*"), e.getMessage());
    }

    @Test
    void missingFileIsAConfigError() {
        PumException e = assertThrows(PumException.class, () -> PumConfig.load(dir.resolve("nope.yaml")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    /** No Java class or Jackson token name in a message a user reads. */
    private static void inUserTerms(PumException e) {
        String all = e.getMessage() + " " + e.hint();
        for (String java : new String[] {"java.", "JsonToken", "pum.core", "Cannot deserialize", "`", "$"}) {
            assertFalse(all.contains(java), all);
        }
    }

    @Test
    void wrongTypesAreSaidInTheUsersTerms() {
        PumException map = fails("upgrades_table:\n  nested: map\n");
        assertEquals(ErrorCode.CONFIG, map.code());
        assertTrue(map.getMessage().contains("key \"upgrades_table\" in config file ") && map.getMessage().contains("pum.yaml, line 1"),
                map.getMessage());
        assertTrue(map.getMessage().contains("expected a text, found a mapping"), map.getMessage());
        inUserTerms(map);
        PumException list = fails("backup_file: [a, b]\n");
        assertTrue(list.getMessage().contains("found a list"), list.getMessage());
        inUserTerms(list);
        PumException item = fails("upgrades_table: t\ndelta_dir:\n  - a\n  - x: y\n");
        assertTrue(item.getMessage().contains("item 2 of key \"delta_dir\""), item.getMessage());
        assertTrue(item.getMessage().contains("line 2"), item.getMessage());
        inUserTerms(item);
    }

    @Test
    void aFileThatIsNotAMappingIsSaidSo() {
        for (String yaml : new String[] {"- a\n- b\n", "just text\n"}) {
            PumException e = fails(yaml);
            assertEquals(ErrorCode.CONFIG, e.code());
            assertTrue(e.getMessage().contains("must hold keys with values"), e.getMessage());
            inUserTerms(e);
        }
    }

    @Test
    void brokenYamlIsInUserTerms() {
        PumException e = fails("upgrades_table: t\n\tdelta_dir: x\n");
        assertTrue(e.getMessage().contains("pum.yaml is not valid YAML, line"), e.getMessage());
        inUserTerms(e);
    }

    @Test
    void duplicateKeyIsAnErrorNamingTheSecondLine() {
        PumException e = fails("upgrades_table: a.b\n# a comment\nupgrades_table: c.d\n");
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("duplicate key \"upgrades_table\"") && e.getMessage().contains("line 3"), e.getMessage());
        inUserTerms(e);
    }

    @Test
    void badDurationIsAConfigErrorFoundWhenReading() {
        PumException e = fails("upgrades_table: t\nlock_timeout: 10 parsecs\n");
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("lock_timeout \"10 parsecs\"") && e.getMessage().contains("line 2")
                && e.getMessage().contains("not a duration"), e.getMessage());
        assertTrue(e.hint().contains("10s"), e.hint());
        PumException st = fails("statement_timeout: 5 seconds\n");
        assertTrue(st.getMessage().contains("statement_timeout"), st.getMessage());
    }

    @Test
    void durationsPostgresqlAcceptsAreAccepted() throws IOException {
        for (String d : new String[] {"10s", "500", "500ms", "2min", "1h", "1.5s", "0", "10 s"}) {
            assertEquals(d, load("lock_timeout: " + d + "\n").lockTimeout(), d);
        }
        assertEquals("10", load("lock_timeout: 10\n").lockTimeout());
    }

    @Test
    void nonUtf8FileNamesTheByte() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "upgrades_table: t\nbackup_file: caf\u00e9.dump\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        PumException e = assertThrows(PumException.class, () -> PumConfig.load(f));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("latin1.yaml is not UTF-8: byte 0xE9 at line 2, column 17"), e.getMessage());
        assertTrue(e.hint().contains("UTF-8"), e.hint());
    }

    @Test
    void utf8WithByteOrderMarkIsRead() throws IOException {
        assertEquals("t", load("\uFEFFupgrades_table: t\n").upgradesTable());
    }
}

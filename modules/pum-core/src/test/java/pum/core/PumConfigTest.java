package pum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning delta directories laid out like QWAT's and QGEP's, with and without strict names. */
class DeltaSetScanTest {
    @TempDir
    Path tmp;

    private Path qwatAndQgep() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("delta"));
        for (String f : List.of("delta_1.1.0_first.sql", "delta_1.1.1_26012017.sql.post", "delta_1.2.6_fix_audited_tables_and_views.sql.post",
                "__init__.py", "delta_1.5.7_reorganize_file.data_media.sql", "delta_1.6.1_add_ii_to_swmm_outfalls",
                "delta_1.6.2_last.sql", "pre-all.py", "README.md")) {
            Files.writeString(d.resolve(f), "SELECT 1;\n");
        }
        // one level deep, as PUM: files in sub-directories are not deltas of this directory
        Path sub = Files.createDirectories(d.resolve("old"));
        Files.writeString(sub.resolve("delta_0.9.0_old.sql"), "SELECT 1;\n");
        return d;
    }

    @Test
    void namesPumSkippedAreSkippedAndListedWithTheirReason() throws IOException {
        Path d = qwatAndQgep();
        DeltaSet s = DeltaSet.scan(List.of(d), List.of());
        assertEquals(List.of("delta_1.1.0_first.sql", "delta_1.6.2_last.sql"), s.versioned().stream().map(DeltaFile::fileName).toList());
        assertEquals(1, s.preAll().size());
        assertEquals(5, s.notDeltas().size(), s.notDeltas().toString());
        String w = s.notDeltasWarning();
        assertTrue(w.startsWith("5 files in the delta directories are not deltas and are skipped"), w);
        for (String f : List.of("delta_1.1.1_26012017.sql.post", "__init__.py", "delta_1.5.7_reorganize_file.data_media.sql",
                "delta_1.6.1_add_ii_to_swmm_outfalls")) {
            assertTrue(w.contains(d.resolve(f) + ": "), w);
        }
        assertTrue(w.contains("\".sql.post\""), w);
        assertTrue(!w.contains("README.md") && !w.contains("delta_0.9.0_old"), w);
    }

    @Test
    void strictNamesMakesThemErrors() throws IOException {
        Path d = qwatAndQgep();
        DeltaException e = assertThrows(DeltaException.class, () -> DeltaSet.scan(List.of(d), List.of(), true));
        assertTrue(e.getMessage().startsWith("5 misnamed delta files"), e.getMessage());
        assertTrue(e.getMessage().contains("delta_1.6.1_add_ii_to_swmm_outfalls: the name has no extension"), e.getMessage());
        DeltaSet s = DeltaSet.scan(List.of(d), List.of("*.post", "__init__.py", "delta_1.5.7_*", "delta_1.6.1_add_ii_to_swmm_outfalls"), true);
        assertNull(s.notDeltasWarning());
        assertEquals(2, s.versioned().size());
    }

    @Test
    void aNamePumRanButPumReadsDifferentlyIsAnErrorEvenWithoutStrictNames() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(d.resolve("delta_1.0.00_x.sql"), "");
        DeltaException e = assertThrows(DeltaException.class, () -> DeltaSet.scan(List.of(d), List.of()));
        assertTrue(e.getMessage().contains("\"00\" has a leading zero (write 1.0.0)"), e.getMessage());
    }
}

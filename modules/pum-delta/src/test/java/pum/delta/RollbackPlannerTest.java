package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback companions in the name grammar and the rollback plan (pure: files, no server). */
class RollbackPlannerTest {
    @TempDir
    Path dir;

    private DeltaSet files(String... names) throws IOException {
        for (String n : names) {
            Files.writeString(dir.resolve(n), n.contains("nt") && !n.contains("rollback") ? "-- pum: no-transaction\nSELECT 1;\n" : "SELECT 1;\n");
        }
        return DeltaSet.scan(List.of(dir), List.of(), true);
    }

    private static AppliedDelta row(int id, String version, String name, int type, boolean success, String batch) {
        return new AppliedDelta(id, version, name, type, type == 0 ? "" : "d/delta_" + version + "_" + name + ".sql", "x", "me",
                LocalDateTime.of(2026, 12, 1, 10, 0), 1, success, AppliedDelta.Journal.NONE, batch);
    }

    @Test
    void rollbackCompanionsAreAKindOfTheirOwnNeverRunByUpgrade() throws IOException {
        DeltaName n = DeltaName.parse("delta_1.2.3_add_x.rollback.sql");
        assertEquals(DeltaName.Outcome.ROLLBACK, n.outcome());
        assertEquals("1.2.3", n.version().toString());
        assertEquals("add_x", n.name());
        assertEquals(DeltaFile.Language.JAVA, DeltaName.parse("delta_1.2.3_add_x.rollback.java").language());
        assertFalse(DeltaName.parse("delta_1.2.3_add_x.rollback.py").isRollback());
        // strict names accept them; they are neither deltas nor "not a delta"
        DeltaSet s = files("delta_1.0.0_a.sql", "delta_1.0.0_a.rollback.sql");
        assertEquals(1, s.versioned().size());
        assertTrue(s.notDeltas().isEmpty());
        assertEquals(1, s.rollbacksOf(Version.parse("1.0.0"), "a").size());
    }

    @Test
    void lastBatchNewestFirstAndTarget() throws IOException {
        DeltaSet s = files("delta_1.0.0_a.sql", "delta_1.0.0_a.rollback.sql", "delta_1.1.0_b.sql", "delta_1.1.0_b.rollback.sql",
                "delta_1.2.0_c.sql", "delta_1.2.0_c.rollback.sql");
        List<AppliedDelta> rows = List.of(row(1, "0.0.0", "baseline", 0, true, null), row(2, "1.0.0", "a", 8, true, "aaaa0001"),
                row(3, "1.1.0", "b", 8, true, "bbbb0002"), row(4, "1.2.0", "c", 8, true, "bbbb0002"));
        RollbackPlan p = Rollback.plan(rows, s, null);
        assertEquals("bbbb0002", p.batch());
        assertEquals(List.of("1.2.0", "1.1.0"), p.steps().stream().map(st -> st.version().toString()).toList());
        assertEquals("1.0.0", p.target().toString());
        RollbackPlan to = Rollback.plan(rows, s, Version.parse("0.0.0"));
        assertEquals(3, to.steps().size());
        assertEquals("0.0.0", to.target().toString());
        assertThrows(DeltaException.class, () -> Rollback.plan(rows, s, Version.parse("2.0.0")));
    }

    @Test
    void refusesMissingCompanionsNoTransactionAndRowsWithoutBatch() throws IOException {
        DeltaSet s = files("delta_1.0.0_a.sql", "delta_1.1.0_nt.sql", "delta_1.1.0_nt.rollback.sql", "delta_1.2.0_py.rollback.sql");
        List<AppliedDelta> rows = List.of(row(1, "0.0.0", "baseline", 0, true, null), row(2, "1.0.0", "a", 8, true, null),
                row(3, "1.1.0", "nt", 8, true, null), row(4, "1.2.0", "py", 4, true, null));
        DeltaException e = assertThrows(DeltaException.class, () -> Rollback.plan(rows, s, Version.parse("0.0.0")));
        assertTrue(e.getMessage().contains("1.0.0 a: no rollback file"), e.getMessage());
        assertTrue(e.getMessage().contains("1.1.0 delta_1.1.0_nt.sql: applied without a transaction"), e.getMessage());
        assertTrue(e.getMessage().contains("1.2.0 delta_1.2.0_py.sql: a Python delta"), e.getMessage());
        DeltaException noBatch = assertThrows(DeltaException.class, () -> Rollback.plan(rows, s, null));
        assertTrue(noBatch.getMessage().contains("carries no batch"), noBatch.getMessage());
    }
}

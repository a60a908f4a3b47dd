package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.Planner;

/** The planner is a pure function of the status: these tests need files, never a server. */
class PlannerTest {
    @TempDir
    Path dir;

    private DeltaSet files(String... names) throws IOException {
        for (String n : names) {
            Files.writeString(dir.resolve(n), n.contains("nt") ? "-- pum: no-transaction\nSELECT 1;\n" : "SELECT 1;\n");
        }
        return DeltaSet.scan(List.of(dir), List.of());
    }

    private static AppliedDelta row(int id, String version, String name, int type, boolean success, AppliedDelta.Journal j) {
        return new AppliedDelta(id, version, name, type, "d/" + (type == 0 ? "" : "delta_" + version + "_" + name + ".sql"), "x", "me",
                LocalDateTime.of(2026, 12, 1, 10, 0), 1, success, j);
    }

    private static AppliedDelta baseline(String v) {
        return row(1, v, "baseline", 0, true, AppliedDelta.Journal.NONE);
    }

    private static List<String> shape(Plan p) {
        List<String> out = new ArrayList<>();
        for (Plan.Step s : p.steps()) {
            StringBuilder sb = new StringBuilder(s.isAll() ? s.files().get(0).kind().label() : s.version().toString());
            sb.append(s.transactional() ? " tx" : " own");
            for (DeltaFile f : s.files()) {
                sb.append(' ').append(f.fileName());
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static Plan plan(DeltaSet d, List<AppliedDelta> rows, UpgradeOptions o) {
        return Planner.plan(Status.of(d, rows), d, o, f -> f.fileName().contains("nt"));
    }

    @Test
    void groupsPerVersionAndSplitsAroundNoTransactionFiles() throws IOException {
        DeltaSet d = files("pre-all.sql", "post-all.sql", "delta_1.1.0_a.pre.sql", "delta_1.1.0_a.sql", "delta_1.1.0_nt.post.sql",
                "delta_1.2.0_b.sql", "delta_1.0.0_old.sql");
        Plan p = plan(d, List.of(baseline("1.0.0")), UpgradeOptions.defaults());
        assertEquals(List.of("pre-all tx pre-all.sql", "1.0.0 tx delta_1.0.0_old.sql", "1.1.0 tx delta_1.1.0_a.pre.sql delta_1.1.0_a.sql",
                "1.1.0 own delta_1.1.0_nt.post.sql", "1.2.0 tx delta_1.2.0_b.sql", "post-all tx post-all.sql"), shape(p));
        assertEquals(Version.parse("1.2.0"), p.target());
        Plan upTo = plan(d, List.of(baseline("1.0.0")), UpgradeOptions.defaults().withMaxVersion(Version.parse("1.1.0")));
        assertEquals(Version.parse("1.1.0"), upTo.target());
    }

    @Test
    void nothingPendingIsAnEmptyPlanWithoutPreAllOrPostAll() throws IOException {
        DeltaSet d = files("pre-all.sql", "post-all.sql", "delta_1.1.0_a.sql");
        Plan p = plan(d, List.of(baseline("1.0.0"), row(2, "1.1.0", "a", 8, true, AppliedDelta.Journal.NONE)), UpgradeOptions.defaults());
        assertTrue(p.isEmpty());
        assertEquals(List.of(), p.steps());
    }

    @Test
    void failedAndInterruptedFilesRunOnlyWhenTheOptionsSaySo() throws IOException {
        DeltaSet d = files("delta_1.1.0_nt.sql", "delta_1.2.0_nt.sql");
        List<AppliedDelta> rows = List.of(baseline("1.0.0"),
                row(2, "1.1.0", "nt", 8, false, new AppliedDelta.Journal("failed", 1, 1)),
                row(3, "1.2.0", "nt", 8, false, new AppliedDelta.Journal("running", 0, 1)));
        Status s = Status.of(d, rows);
        assertEquals(DeltaState.FAILED, s.entries().get(1).state());
        assertEquals(DeltaState.INTERRUPTED, s.entries().get(2).state());
        assertTrue(plan(d, rows, UpgradeOptions.defaults()).isEmpty());
        assertEquals(List.of("1.1.0 own delta_1.1.0_nt.sql"), shape(plan(d, rows, UpgradeOptions.defaults().withRetryFailed(true))));
        assertEquals(List.of("1.2.0 own delta_1.2.0_nt.sql"), shape(plan(d, rows, UpgradeOptions.defaults().withRerunInterrupted(true))));
        assertEquals(List.of("1.2.0 own delta_1.2.0_nt.sql"), shape(plan(d, rows, UpgradeOptions.defaults().withResumeAt(1))));
    }

    @Test
    void aFailedOrUnfinishedPostAllMakesAFullCycleWithoutVersions() throws IOException {
        DeltaSet d = files("pre-all.sql", "post-all.sql", "delta_1.1.0_a.sql");
        AppliedDelta applied = row(2, "1.1.0", "a", 8, true, AppliedDelta.Journal.NONE);
        for (String state : new String[] {"failed", "running"}) {
            AppliedDelta post = new AppliedDelta(3, "1.1.0", "post-all", 8, dir.resolve("post-all.sql").toString(), "x", "me",
                    LocalDateTime.of(2026, 12, 1, 10, 0), 0, false, new AppliedDelta.Journal(state, 0, 0));
            List<AppliedDelta> rows = List.of(baseline("1.0.0"), applied, post);
            Status s = Status.of(d, rows);
            assertTrue(s.allFailed(), state);
            assertEquals(List.of("pre-all tx pre-all.sql", "post-all tx post-all.sql"), shape(plan(d, rows, UpgradeOptions.defaults())), state);
            assertEquals(Version.parse("1.1.0"), plan(d, rows, UpgradeOptions.defaults()).target());
            // pum's record is not a delta: nothing is "missing"
            assertTrue(s.inState(DeltaState.MISSING).isEmpty(), state);
        }
    }

    @Test
    void onlyFileMustBePending() throws IOException {
        DeltaSet d = files("delta_1.1.0_a.sql", "delta_1.2.0_b.sql");
        List<AppliedDelta> rows = List.of(baseline("1.0.0"), row(2, "1.1.0", "a", 8, true, AppliedDelta.Journal.NONE));
        assertEquals(List.of("1.2.0 tx delta_1.2.0_b.sql"), shape(plan(d, rows, UpgradeOptions.defaults().withOnlyFile("delta_1.2.0_b.sql"))));
        DeltaException e = assertThrows(DeltaException.class, () -> plan(d, rows, UpgradeOptions.defaults().withOnlyFile("delta_1.1.0_a.sql")));
        assertEquals(Reason.BAD_OPTION, e.reason());
        e = assertThrows(DeltaException.class, () -> plan(d, rows, UpgradeOptions.defaults().withOnlyFile("nope.sql")));
        assertEquals(Reason.BAD_OPTION, e.reason());
    }
}

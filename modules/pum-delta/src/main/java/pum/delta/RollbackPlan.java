package pum.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pum rollback} will do: the versions to revert, newest first, each with the rows it
 * marks as rolled back and the rollback files it runs (one transaction per version).
 *
 * @param current the current version before the rollback
 * @param target  the current version after it (the highest version whose rows stay applied)
 * @param batch   the batch being reverted, or null for {@code --to}
 * @param steps   newest version first
 */
public record RollbackPlan(Version current, Version target, String batch, List<Step> steps) {

    /**
     * One version's rollback.
     *
     * @param version the version
     * @param rows    its applied rows that the rollback marks (newest first)
     * @param files   the rollback files, in running order (the newest delta's first)
     */
    public record Step(Version version, List<AppliedDelta> rows, List<DeltaFile> files) {
    }

    /** Whether there is nothing to revert. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as lines for the user. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("rollback from " + current + " to " + target + (batch == null ? "" : " (batch " + batch + ")") + ", newest first:");
        for (Step s : steps) {
            out.add("  version " + s.version() + " (one transaction):");
            for (DeltaFile f : s.files()) {
                out.add("    run " + f.path());
            }
            for (AppliedDelta r : s.rows()) {
                out.add("    mark rolled back: " + r.fileName() + (r.batch() == null ? "" : " (batch " + r.batch() + ")"));
            }
        }
        return out;
    }
}

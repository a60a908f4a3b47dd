package pum.delta.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import pum.delta.AppliedDelta;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.RollbackPlan;
import pum.delta.Status;
import pum.delta.Version;

/**
 * The rollback plan, a pure function of the rows and the files: which rows are reverted (the last
 * batch, or everything applied above {@code --to}), grouped per version, newest first, each with
 * its rollback companions. Every reason to refuse is collected and reported together, before
 * anything runs.
 */
public final class RollbackPlanner {
    private RollbackPlanner() {
    }

    /**
     * @param to            revert everything applied above this version; null: the last batch
     * @param noTransaction whether a file (a delta on disk or a rollback file) runs outside a transaction
     * @throws DeltaException ({@link Reason#BAD_OPTION}) when the range cannot be rolled back, listing why
     */
    public static RollbackPlan plan(List<AppliedDelta> rows, DeltaSet deltas, Version to, Predicate<DeltaFile> noTransaction) {
        Version current = Status.currentVersion(rows);
        if (current == null) {
            throw new DeltaException(Reason.NO_BASELINE, "the upgrades table is empty: nothing to roll back", null, null);
        }
        Version baseline = null;
        List<AppliedDelta> applied = new ArrayList<>();
        for (AppliedDelta r : rows) {
            if (r.isBaseline() && r.success()) {
                Version v = r.parsedVersion().orElse(null);
                baseline = baseline == null || (v != null && v.compareTo(baseline) > 0) ? v : baseline;
            } else if (r.success() && !r.isAllRecord() && r.parsedVersion().isPresent()) {
                applied.add(r);
            }
        }
        List<AppliedDelta> selected = new ArrayList<>();
        String batch = null;
        if (to == null) {
            AppliedDelta last = applied.stream().max(Comparator.comparingInt(AppliedDelta::id)).orElse(null);
            if (last == null) {
                return new RollbackPlan(current, current, null, List.of());
            }
            if (last.batch() == null) {
                throw new DeltaException(Reason.BAD_OPTION, "the last applied delta, " + RowStore.describe(last)
                        + ", carries no batch (written by PUM 0.x or an older pum): pum cannot tell which rows its upgrade wrote",
                        "say how far back to go: pum rollback --to X.Y.Z", null);
            }
            batch = last.batch();
            for (AppliedDelta r : applied) {
                if (batch.equals(r.batch())) {
                    selected.add(r);
                }
            }
        } else {
            if (to.compareTo(current) > 0) {
                throw new DeltaException(Reason.BAD_OPTION, "--to " + to + " is above the current version " + current,
                        "pum rollback --to takes a version the database was at earlier; pum status lists them", null);
            }
            if (baseline != null && to.compareTo(baseline) < 0) {
                throw new DeltaException(Reason.BAD_OPTION, "--to " + to + " is below the baseline " + baseline
                        + ": what the database was before its baseline is not known to pum", null, null);
            }
            for (AppliedDelta r : applied) {
                if (r.parsedVersion().get().compareTo(to) > 0) {
                    selected.add(r);
                }
            }
        }
        Map<Version, List<AppliedDelta>> byVersion = new TreeMap<>(Comparator.reverseOrder());
        for (AppliedDelta r : selected) {
            byVersion.computeIfAbsent(r.parsedVersion().get(), k -> new ArrayList<>()).add(r);
        }
        Map<String, DeltaFile> onDisk = new LinkedHashMap<>();
        for (DeltaFile f : deltas.versioned()) {
            onDisk.put(f.version() + "/" + f.fileName(), f);
        }
        List<String> refusals = new ArrayList<>();
        List<RollbackPlan.Step> steps = new ArrayList<>();
        for (Map.Entry<Version, List<AppliedDelta>> e : byVersion.entrySet()) {
            List<AppliedDelta> vr = new ArrayList<>(e.getValue());
            vr.sort(Comparator.comparingInt(AppliedDelta::id).reversed());
            Set<String> names = new LinkedHashSet<>();
            for (AppliedDelta r : vr) {
                DeltaFile file = onDisk.get(e.getKey() + "/" + r.fileName());
                if ((r.type() & DeltaFile.Language.PY.bit()) != 0) {
                    refusals.add(e.getKey() + " " + r.fileName() + ": a Python delta, applied outside a transaction");
                } else if (file != null && noTransaction.test(file)) {
                    refusals.add(e.getKey() + " " + r.fileName() + ": applied without a transaction (-- pum: no-transaction)");
                }
                names.add(r.description());
            }
            List<DeltaFile> files = new ArrayList<>();
            for (String name : names) {
                List<DeltaFile> rb = deltas.rollbacksOf(e.getKey(), name);
                if (rb.isEmpty()) {
                    refusals.add(e.getKey() + " " + name + ": no rollback file (delta_" + e.getKey() + "_" + name + ".rollback.sql)");
                }
                for (DeltaFile f : rb) {
                    if (noTransaction.test(f)) {
                        refusals.add(f.path() + ": a rollback file runs in its version's transaction; remove -- pum: no-transaction");
                    }
                    files.add(f);
                }
            }
            steps.add(new RollbackPlan.Step(e.getKey(), List.copyOf(vr), List.copyOf(files)));
        }
        if (!refusals.isEmpty()) {
            throw new DeltaException(Reason.BAD_OPTION, "cannot roll back " + (batch != null ? "batch " + batch : "to " + to) + ": what it would revert cannot all be"
                    + " reverted exactly; nothing was changed:\n  " + String.join("\n  ", refusals),
                    "write the missing rollback files (pum create writes one with each delta), or roll back less (--to a later version)", null);
        }
        List<AppliedDelta> remaining = new ArrayList<>();
        Set<Integer> reverted = new java.util.HashSet<>();
        selected.forEach(r -> reverted.add(r.id()));
        for (AppliedDelta r : rows) {
            if (!reverted.contains(r.id())) {
                remaining.add(r);
            }
        }
        Version target = Status.currentVersion(remaining);
        return new RollbackPlan(current, target == null ? current : target, batch, List.copyOf(steps));
    }
}

package pum.delta.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import pum.delta.DeltaException;
import pum.delta.DeltaException.Reason;
import pum.delta.DeltaFile;
import pum.delta.DeltaSet;
import pum.delta.DeltaState;
import pum.delta.DeltaStatus;
import pum.delta.Plan;
import pum.delta.Status;
import pum.delta.UpgradeOptions;
import pum.delta.Version;

/**
 * What an upgrade will run, computed from the status alone (no connection, no files read): a pure
 * function, so every rule about what runs is in one place and tested without a server.
 *
 * <p>Rules: pending files up to {@code -u} (and failed ones with {@code --retry-failed},
 * interrupted ones with {@code --rerun-interrupted} or {@code --resume-at}), grouped per version,
 * one step per run of transactional files (a no-transaction or Python file is a step of its own);
 * pre-all before and post-all after them. When nothing is pending but the last pre-all or post-all
 * failed, the plan is a full cycle without versions (pre-all, post-all), so what pre-all dropped
 * comes back.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * @param ownTransaction whether a file runs outside the version's transaction (a
     *                       {@code -- pum: no-transaction} SQL or Java file); Python files always do
     */
    public static Plan plan(Status status, DeltaSet deltas, UpgradeOptions o, Predicate<DeltaFile> ownTransaction) {
        List<DeltaFile> pending = new ArrayList<>();
        boolean resuming = o.rerunInterrupted() || o.resumeAt() != null;
        for (DeltaStatus s : status.entries()) {
            if (s.file() == null || s.file().isAll()) {
                continue;
            }
            boolean wanted = s.state() == DeltaState.PENDING || (o.retryFailed() && s.state() == DeltaState.FAILED)
                    || (resuming && s.state() == DeltaState.INTERRUPTED);
            if (o.onlyFile() != null) {
                if (!s.file().fileName().equals(o.onlyFile())) {
                    continue;
                }
                if (!wanted) {
                    throw new DeltaException(Reason.BAD_OPTION, o.onlyFile() + " is not pending: it is " + s.state().label()
                            + (s.row() != null ? " (" + RowStore.describe(s.row()) + ")" : ""), "pum info lists pending deltas", null);
                }
            }
            if (wanted && (o.maxVersion() == null || s.file().version().compareTo(o.maxVersion()) <= 0)) {
                pending.add(s.file());
            }
        }
        if (o.onlyFile() != null && pending.isEmpty()) {
            throw new DeltaException(Reason.BAD_OPTION, "no delta file named " + o.onlyFile() + " in " + deltas.dirs(),
                    "give the file name as pum info prints it, for example delta_1.2.0_add_column.sql", null);
        }
        if (pending.isEmpty() && !status.allFailed()) {
            return new Plan(status.current(), null, List.of());
        }
        pending.sort(DeltaFile.ORDER);
        List<Plan.Step> steps = new ArrayList<>();
        split(null, deltas.preAll(), steps, ownTransaction);
        Version target = status.current();
        int i = 0;
        while (i < pending.size()) {
            Version v = pending.get(i).version();
            List<DeltaFile> group = new ArrayList<>();
            while (i < pending.size() && pending.get(i).version().equals(v)) {
                group.add(pending.get(i++));
            }
            split(v, group, steps, ownTransaction);
            target = target == null || v.compareTo(target) > 0 ? v : target;
        }
        split(null, deltas.postAll(), steps, ownTransaction);
        return new Plan(status.current(), target, List.copyOf(steps));
    }

    private static void split(Version v, List<DeltaFile> files, List<Plan.Step> steps, Predicate<DeltaFile> ownTransaction) {
        List<DeltaFile> run = new ArrayList<>();
        for (DeltaFile f : files) {
            // Python deltas open their own connections (as under PUM): they cannot share the transaction
            if (f.language() == DeltaFile.Language.PY || ownTransaction.test(f)) {
                if (!run.isEmpty()) {
                    steps.add(new Plan.Step(v, List.copyOf(run), true));
                    run.clear();
                }
                steps.add(new Plan.Step(v, List.of(f), false));
            } else {
                run.add(f);
            }
        }
        if (!run.isEmpty()) {
            steps.add(new Plan.Step(v, List.copyOf(run), true));
        }
    }
}

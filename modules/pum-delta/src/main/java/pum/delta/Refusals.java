package pum.delta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.RowStore;

/**
 * The states an upgrade refuses to go past unless its options say how: edited applied deltas,
 * failed and interrupted non-transactional ones, and a resume position that does not fit.
 */
final class Refusals {
    private Refusals() {
    }

    static void checkChanged(Connection c, RowStore store, Status status, DeltaSet deltas, UpgradeOptions o) {
        List<DeltaStatus> changed = status.inState(DeltaState.CHANGED);
        if (changed.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (DeltaStatus s : changed) {
            names.add(s.file().path() + " (applied " + RowStore.describe(s.row()) + ", checksum then " + s.row().checksum()
                    + ", now " + deltas.checksum(s.file()) + ")");
        }
        if (!o.acceptChanged()) {
            throw new DeltaException(Reason.EDITED_DELTA, (changed.size() == 1 ? "an applied delta was edited since it was applied: "
                    : changed.size() + " applied deltas were edited since they were applied:\n  ") + String.join("\n  ", names),
                    "undo the edits (put the change in a new delta), or pass --accept-changed to record the files' new checksums", null);
        }
        if (o.dryRun()) {
            return;
        }
        try {
            c.setAutoCommit(false);
            for (DeltaStatus s : changed) {
                store.updateChecksum(c, s.row().id(), deltas.checksum(s.file()));
                o.progress().accept("accepted edited " + s.file().fileName() + ": stored its new checksum " + deltas.checksum(s.file()));
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            RowStore.rollbackQuietly(c);
            throw store.sqlError("recording new checksums in " + store.table(), e);
        }
    }

    static void checkFailed(Status status, UpgradeOptions o) {
        List<DeltaStatus> failed = new ArrayList<>();
        for (DeltaStatus s : status.inState(DeltaState.FAILED)) {
            if (s.file() == null || !s.file().isAll()) {
                failed.add(s);
            }
        }
        if (failed.isEmpty() || o.retryFailed()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (DeltaStatus s : failed) {
            names.add((s.file() != null ? s.file().path() : s.row().script()) + " (failed " + RowStore.describe(s.row())
                    + (s.row().journal().statements() > 0 ? ", after statement " + s.row().journal().done() + " of " + s.row().journal().statements() : "")
                    + ")");
        }
        throw new DeltaException(Reason.FAILED_EARLIER, "a non-transactional delta failed midway in an earlier upgrade: " + String.join(", ", names),
                "check what it left behind (an INVALID index, say), clean up, then run pum upgrade --retry-failed", null);
    }

    static void checkInterrupted(Status status, UpgradeOptions o) {
        List<DeltaStatus> interrupted = new ArrayList<>();
        for (DeltaStatus s : status.inState(DeltaState.INTERRUPTED)) {
            if (s.file() != null && !s.file().isAll()) {
                interrupted.add(s);
            }
        }
        if (interrupted.isEmpty() || o.rerunInterrupted() || o.resumeAt() != null) {
            return;
        }
        DeltaStatus s = interrupted.get(0);
        AppliedDelta.Journal j = s.row().journal();
        String how;
        String hint;
        if (j.statements() > 0) {
            boolean exact = "interrupted".equals(j.state());
            how = "it stopped after statement " + j.done() + " of " + j.statements()
                    + (exact ? " (pum was stopped and recorded exactly where)"
                    : "; statement " + (j.done() + 1) + " may or may not have completed: pum stopped (killed, crashed or lost the server) while it ran,"
                    + " and outside a transaction a statement and its journal entry cannot commit together");
            hint = exact ? "run pum upgrade --resume-at " + (j.done() + 1) + " to go on, or --rerun-interrupted to run the file from its first statement"
                    : "check whether statement " + (j.done() + 1) + " took effect, then run pum upgrade --resume-at " + (j.done() + 1)
                    + " (to run it again) or --resume-at " + (j.done() + 2) + " (if it did), or --rerun-interrupted to run the file from its first statement";
        } else {
            how = "it was started and did not finish; what it did before it stopped stays";
            hint = "check what it did, then run pum upgrade --rerun-interrupted to run it again from the start";
        }
        throw new DeltaException(Reason.INTERRUPTED_EARLIER, s.file().path() + " was interrupted in an earlier upgrade (started "
                + RowStore.describe(s.row()) + "): " + how + "; nothing was applied now", hint, null);
    }

    static void checkResume(Status status, Map<DeltaFile, PreparedFile> prepared, UpgradeOptions o) {
        if (o.resumeAt() == null) {
            return;
        }
        List<DeltaStatus> interrupted = status.inState(DeltaState.INTERRUPTED);
        interrupted.removeIf(s -> s.file() == null || s.file().isAll());
        if (interrupted.size() != 1) {
            throw new DeltaException(Reason.BAD_OPTION, "--resume-at applies to an interrupted delta, and "
                    + (interrupted.isEmpty() ? "none is interrupted" : interrupted.size() + " are"), "pum info shows each delta's state", null);
        }
        PreparedFile p = prepared.get(interrupted.get(0).file());
        int n = p == null ? 0 : p.statements().size();
        if (p == null || p.isPython() || p.javaClass() != null) {
            throw new DeltaException(Reason.BAD_OPTION, "--resume-at applies to SQL deltas; " + interrupted.get(0).file().fileName()
                    + " can only be run again from the start", "use --rerun-interrupted", null);
        }
        if (o.resumeAt() < 1 || o.resumeAt() > n + 1) {
            throw new DeltaException(Reason.BAD_OPTION, "--resume-at " + o.resumeAt() + " is not a statement of "
                    + interrupted.get(0).file().fileName() + ": it has " + n + " (use " + (n + 1) + " to record it as applied without running more)",
                    null, null);
        }
    }
}

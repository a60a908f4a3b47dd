package pum.delta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.Failures;
import pum.delta.internal.FilePreparer;
import pum.delta.internal.LockMonitor;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.RollbackPlanner;
import pum.delta.internal.Placeholders;
import pum.delta.internal.RowStore;
import pum.delta.internal.SessionSettings;
import pum.delta.internal.UpgradeLock;

/**
 * {@code pum rollback}: reverts the last batch, or everything applied above a version, with the
 * deltas' rollback companions ({@code delta_X.Y.Z_name.rollback.sql} or {@code .rollback.java}).
 *
 * <p>Built from the upgrade's parts: the same session settings and timeouts, the same upgrade lock
 * (an upgrade and a rollback of one table never overlap), the same file preparation (strict
 * decoding, splitting, no transaction control) and the same statement runner. The rules:
 * <ul>
 * <li>refusals first: a version in range without a rollback file, or applied without a
 *     transaction (no-transaction or Python), stops the rollback before anything runs, all listed;</li>
 * <li>newest version first; each version is one transaction holding its rollback files'
 *     statements and the UPDATE that marks its rows ({@code success = false},
 *     {@code pum_state = 'rolled back'}); the COMMIT is sent alone after the last statement
 *     completed, so a pum killed at any moment leaves each version fully applied or fully
 *     rolled back;</li>
 * <li>pre-all and post-all do not run;</li>
 * <li>after it, PUM 0.x's reading of the table sees the earlier version as current and the
 *     reverted deltas as not applied; {@code pum status} shows them as rolled back.</li>
 * </ul>
 */
public final class Rollback {
    private Rollback() {
    }

    /** The outcome: the plan and the versions reverted (all of them unless it stopped). */
    public record Result(RollbackPlan plan, List<Version> reverted, boolean dryRun) {
    }

    /**
     * Plans and, unless a dry run or {@code confirm} says no, runs a rollback. {@code confirm} is
     * asked with the plan, under the upgrade lock, before anything changes.
     *
     * @param to null for the last batch
     */
    public static Result run(ConnectionInfo db, UpgradesTable table, DeltaSet deltas, Version to, UpgradeOptions o,
                             Predicate<RollbackPlan> confirm) {
        Connection c = Database.connect(db);
        UpgradeLock lock = new UpgradeLock(c, table);
        LockMonitor monitor = null;
        try {
            SessionSettings session = SessionSettings.open(c, o.lockTimeout(), o.statementTimeout());
            monitor = new LockMonitor(() -> Database.connect(db), session.pid());
            if (!o.dryRun()) {
                lock.take(o.lockWait(), o.progress(), o.cancellation());
            }
            RowStore store = new RowStore(table);
            List<AppliedDelta> rows = store.rows(c);
            RollbackPlan plan = plan(rows, deltas, to);
            if (plan.isEmpty() || o.dryRun()) {
                return new Result(plan, List.of(), o.dryRun());
            }
            Plan asUpgrade = new Plan(plan.current(), plan.target(), plan.steps().stream()
                    .map(s -> new Plan.Step(s.version(), s.files(), true)).toList());
            Map<DeltaFile, PreparedFile> prepared = FilePreparer.prepare(asUpgrade, deltas, o.variables());
            if (!confirm.test(plan)) {
                throw new DeltaException(Reason.INTERRUPTED, "rollback cancelled; nothing was changed", null, null);
            }
            store.addJournalColumns(c);
            StatementRunner sql = new StatementRunner(c, store, o, session, monitor);
            List<Version> reverted = new ArrayList<>();
            Version now = plan.current();
            try (AutoCloseable hook = o.cancellation().onCancel(() -> {
                sql.cancelSent(true);
                try {
                    c.unwrap(PGConnection.class).cancelQuery();
                } catch (SQLException | RuntimeException e) {
                    // idle or gone: the runner checks the cancellation between statements
                }
            })) {
                for (RollbackPlan.Step s : plan.steps()) {
                    if (o.cancellation().isCancelled()) {
                        throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") before version "
                                + s.version() + " was rolled back: nothing of it ran; the database is at version " + now, null, null);
                    }
                    runStep(c, store, sql, s, prepared, o, now);
                    reverted.add(s.version());
                    now = versionAfter(plan, reverted);
                    o.progress().accept("rolled back version " + s.version() + "; the database is at version " + now);
                }
            } catch (DeltaException e) {
                throw e;
            } catch (Exception e) {
                throw new DeltaException(Reason.INTERNAL, "unexpected " + e, null, e);
            }
            return new Result(plan, List.copyOf(reverted), false);
        } finally {
            lock.release();
            if (monitor != null) {
                monitor.close();
            }
            try {
                c.close();
            } catch (SQLException e) {
                // closing
            }
        }
    }

    /** The plan for the rows and files (pure; throws the refusals). */
    public static RollbackPlan plan(List<AppliedDelta> rows, DeltaSet deltas, Version to) {
        return RollbackPlanner.plan(rows, deltas, to, f -> FilePreparer.directives(f, deltas).noTransaction());
    }

    private static Version versionAfter(RollbackPlan plan, List<Version> reverted) {
        // the steps are newest first: the next step's version is current until it is reverted too
        for (RollbackPlan.Step s : plan.steps()) {
            if (!reverted.contains(s.version())) {
                return s.version();
            }
        }
        return plan.target();
    }

    private static void runStep(Connection c, RowStore store, StatementRunner sql, RollbackPlan.Step s, Map<DeltaFile, PreparedFile> prepared,
                                UpgradeOptions o, Version now) {
        String where = "the rollback of version " + s.version();
        StringBuilder ids = new StringBuilder();
        for (AppliedDelta r : s.rows()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(r.id());
        }
        String mark = "UPDATE " + store.table().sqlName() + " SET success = false, pum_state = " + Placeholders.literal(AppliedDelta.ROLLED_BACK)
                + " WHERE id IN (" + ids + ") AND success";
        try {
            c.setAutoCommit(false);
            for (int k = 0; k < s.files().size(); k++) {
                PreparedFile p = prepared.get(s.files().get(k));
                boolean last = k == s.files().size() - 1;
                if (p.javaClass() != null) {
                    JavaDeltaRunner.run(p, c, true, new JavaDeltaRunner.Context(now, o.pgService(), store.table().toString(),
                            o.variables(), o.progress(), "rollback of version " + s.version()));
                    if (last) {
                        sql.tail(List.of(mark), where);
                    }
                } else {
                    sql.run(p, true, last ? List.of(mark) : List.of(), 0, o.variables(), null);
                }
            }
            // every statement has completed: only now may the COMMIT be sent
            if (o.cancellation().isCancelled()) {
                throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") during " + where
                        + ", before its COMMIT", null, null);
            }
            try {
                c.commit();
            } catch (SQLException e) {
                throw Failures.commit(where, e);
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            RowStore.rollbackQuietly(c);
            throw store.sqlError("running " + where, e);
        } catch (DeltaException e) {
            RowStore.rollbackQuietly(c);
            if (sql.cancelSent() && e.reason() != Reason.INTERRUPTED) {
                throw new DeltaException(Reason.INTERRUPTED, "interrupted (" + o.cancellation().why() + ") during " + where
                        + ": it was undone; version " + s.version() + " stays applied; the database is at version " + now, null, e);
            }
            throw e.extend("\n" + where + " was undone: version " + s.version() + " stays applied; the database is at version " + now,
                    e.hint() != null ? null : "fix the rollback file and run pum rollback again");
        }
    }
}

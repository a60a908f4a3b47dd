package pum.delta;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.delta.DeltaException.Reason;
import pum.delta.internal.FilePreparer;
import pum.delta.internal.LockMonitor;
import pum.delta.internal.Planner;
import pum.delta.internal.PreparedFile;
import pum.delta.internal.PythonDeltaRunner;
import pum.delta.internal.RowStore;
import pum.delta.internal.SessionSettings;
import pum.delta.internal.UpgradeLock;

/**
 * Baseline, info and upgrade: the operations of {@code pum baseline}, {@code pum info} and
 * {@code pum upgrade}, for the CLI and for other modules (test-and-upgrade).
 *
 * <p>An upgrade, part by part:
 * <ol>
 * <li>{@link SessionSettings}: the connection's settings and timeouts, in one round trip;</li>
 * <li>{@link UpgradeLock}: one upgrade of a table at a time (another waits, saying who holds it);</li>
 * <li>{@link RowStore}: the upgrades table, read in one query and joined with the files ({@link Status});
 *     edited, failed and interrupted deltas are refused unless the options say how to go on;</li>
 * <li>{@link Planner}: what runs, a pure function of the status;</li>
 * <li>{@link FilePreparer}: every pending file read, decoded, split and compiled before anything runs;</li>
 * <li>{@link Executor}: pre-all, one transaction per version (its files and its rows, the COMMIT
 *     sent only after the version's last statement completed), journalled no-transaction and
 *     Python files, then post-all; a failure rolls that version back, still runs post-all, and
 *     stops with the file, line, column and SQLSTATE ({@link pum.delta.internal.Failures}).</li>
 * </ol>
 * Cancellation ({@link UpgradeOptions#cancellation()}) stops it at any point with the database
 * exactly at the last committed version.
 */
public final class Upgrader {
    private Upgrader() {
    }

    /** Creates the table (and schema) if needed and records {@code version}; refuses if the table holds rows. */
    public static void baseline(Connection c, UpgradesTable table, Version version) {
        new RowStore(table).baseline(c, version);
    }

    /** The state of every file and row, read in one query. */
    public static Status status(Connection c, UpgradesTable table, DeltaSet deltas) {
        return Status.of(deltas, new RowStore(table).rows(c));
    }

    /**
     * Who holds the upgrade lock of the table now (an upgrade in progress), as "held by pid ...,
     * application ..., ...", or null. {@code info} uses it to tell a running no-transaction delta
     * from one whose upgrade died.
     */
    public static String upgradeInProgress(Connection c, UpgradesTable table) {
        return UpgradeLock.holderNow(c, table);
    }

    /**
     * The plan for a status: pending files (and failed ones with {@code retryFailed}) up to
     * {@code maxVersion}, grouped per version; pre-all and post-all around them when any is pending.
     */
    public static Plan plan(Status status, DeltaSet deltas, UpgradeOptions o) {
        return Planner.plan(status, deltas, o, f -> FilePreparer.directives(f, deltas).noTransaction());
    }

    /**
     * Upgrades a database: see the class description. Opens its own connections (the upgrade's
     * and, when a statement waits on a lock, a second one that says who holds it) and closes them.
     * Never prompts.
     *
     * @throws DeltaException with a {@link DeltaException#reason()} for every failure
     */
    public static UpgradeResult upgrade(ConnectionInfo db, UpgradesTable table, DeltaSet deltas, UpgradeOptions o) {
        deltas.prefetch();
        return upgrade(db, Database.connect(db), table, deltas, o);
    }

    /**
     * As {@link #upgrade(ConnectionInfo, UpgradesTable, DeltaSet, UpgradeOptions)}, scanning the
     * delta directories while the connection is being opened (the fast path of the CLI).
     *
     * @param dirs   delta directories, in order
     * @param ignore file names or globs that are not deltas
     */
    public static UpgradeResult upgrade(ConnectionInfo db, UpgradesTable table, List<Path> dirs, List<String> ignore, UpgradeOptions o) {
        return upgrade(db, table, () -> DeltaSet.scan(dirs, ignore), o);
    }

    /**
     * As {@link #upgrade(ConnectionInfo, UpgradesTable, DeltaSet, UpgradeOptions)}, running
     * {@code scan} (reading the delta directories) while the connection is being opened: the
     * fast path of the CLI, where both are a visible part of the no-op upgrade.
     */
    public static UpgradeResult upgrade(ConnectionInfo db, UpgradesTable table, java.util.function.Supplier<DeltaSet> scan, UpgradeOptions o) {
        long t0 = System.nanoTime();
        CompletableFuture<Connection> connecting = Database.connectInBackground(db).thenApply(c -> {
            debug("connected", t0);
            return c;
        });
        DeltaSet deltas;
        try {
            deltas = scan.get();
        } catch (RuntimeException e) {
            connecting.thenAccept(Upgrader::closeQuietly);
            throw e;
        }
        debug("scanned " + deltas.versioned().size() + " delta files", t0);
        deltas.prefetch();
        Connection c;
        try {
            c = connecting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return upgrade(db, c, table, deltas, o);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // never used
        }
    }

    private static final pum.core.LazyLog LOG = pum.core.LazyLog.of(Upgrader.class);

    /** --debug: a phase and the milliseconds since {@code t0}, where the time of an upgrade goes. */
    private static void debug(String what, long t0) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} ({} ms)", what, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static UpgradeResult upgrade(ConnectionInfo db, Connection c, UpgradesTable table, DeltaSet deltas, UpgradeOptions o) {
        long t0 = System.nanoTime();
        SessionSettings session = null;
        UpgradeLock lock = new UpgradeLock(c, table);
        LockMonitor monitor = null;
        PythonDeltaRunner python = null;
        try {
            session = SessionSettings.open(c, o.lockTimeout(), o.statementTimeout());
            int pid = session.pid();
            monitor = new LockMonitor(() -> Database.connect(db), pid);
            if (!o.dryRun()) {
                lock.take(o.lockWait(), o.progress(), o.cancellation());
            }
            debug("session settings and upgrade lock", t0);
            RowStore store = new RowStore(table);
            List<AppliedDelta> rows = store.rows(c);
            debug("read " + rows.size() + " upgrades-table rows", t0);
            Status status = Status.of(deltas, rows);
            debug("status of every file (checksums compared)", t0);
            Version current = status.current();
            if (current == null) {
                throw new DeltaException(Reason.NO_BASELINE, "the upgrades table " + table + " is empty: no baseline",
                        "run 'pum baseline -t " + table + " -b X.Y.Z' to record the database's current version", null);
            }
            Refusals.checkChanged(c, store, status, deltas, o);
            Refusals.checkFailed(status, o);
            Refusals.checkInterrupted(status, o);
            // a pending file is read once: the planner's directives, the statements and the checksum recorded come from those bytes
            FilePreparer.Contents contents = new FilePreparer.Contents(deltas);
            Plan plan = Planner.plan(status, deltas, o, f -> contents.directives(f).noTransaction());
            debug("plan: " + plan.steps().size() + " steps", t0);
            if (plan.isEmpty()) {
                return new UpgradeResult(plan, current, current, List.of(), o.dryRun());
            }
            Map<DeltaFile, PreparedFile> prepared = FilePreparer.prepare(plan, deltas, o.variables(), contents);
            debug("prepared " + prepared.size() + " files (read, decoded, split)", t0);
            Refusals.checkResume(status, prepared, o);
            python = python(plan);
            if (o.dryRun()) {
                return new UpgradeResult(plan, current, plan.target(), List.of(), true);
            }
            if (needsJournal(plan)) {
                store.addJournalColumns(c);
            }
            // batches (pum rollback): every row this run inserts carries the run's batch id
            String noBatch = store.startBatch(c);
            o.progress().accept(noBatch != null ? "warning: " + noBatch : "batch " + store.batch());
            Executor ex = new Executor(c, store, deltas, o, session, monitor, prepared, python, status);
            ex.execute(plan);
            return new UpgradeResult(plan, current, ex.current(), List.copyOf(ex.applied()), false);
        } catch (OutOfMemoryError e) {
            throw new DeltaException(Reason.RESOURCES, "pum ran out of memory (" + e.getMessage() + "); nothing more was applied",
                    "give pum more memory with PUM_JAVA_OPTS=-Xmx2g, then run pum info and pum upgrade again", null);
        } finally {
            lock.release();
            if (monitor != null) {
                monitor.close();
            }
            if (python != null) {
                python.close();
            }
            closeQuietly(c);
        }
    }

    private static boolean needsJournal(Plan plan) {
        for (Plan.Step s : plan.steps()) {
            if (s.isAll() || !s.transactional()) {
                return true;
            }
        }
        return false;
    }

    private static PythonDeltaRunner python(Plan plan) {
        List<String> files = new ArrayList<>();
        for (Plan.Step s : plan.steps()) {
            for (DeltaFile f : s.files()) {
                if (f.language() == DeltaFile.Language.PY) {
                    files.add(f.path().toString());
                }
            }
        }
        if (files.isEmpty()) {
            return null;
        }
        PythonDeltaRunner python = PythonDeltaRunner.find();
        if (python == null) {
            throw new DeltaException(Reason.PYTHON_MISSING, "Python deltas are pending and no python3 is on PATH to run them: "
                    + String.join(", ", files) + "; nothing was applied",
                    "install python3 (with the modules the deltas import, psycopg2 for most), or rewrite them as Java deltas (docs/java-deltas.md)", null);
        }
        return python;
    }
}

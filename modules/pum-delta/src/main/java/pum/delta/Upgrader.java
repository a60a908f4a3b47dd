package pum.delta;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.delta.internal.Directives;
import pum.delta.internal.JavaDeltaCompiler;
import pum.delta.internal.LockMonitor;
import pum.delta.internal.Placeholders;
import pum.delta.internal.PythonDeltaRunner;
import pum.delta.internal.SourceError;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;

/**
 * Baseline, info and upgrade: the operations of {@code pum baseline}, {@code pum info} and
 * {@code pum upgrade}, for the CLI and for other modules (test-and-upgrade).
 *
 * <p>An upgrade:
 * <ol>
 * <li>connects, and takes a session-level advisory lock derived from the upgrades table name on
 *     that same connection, outside any transaction (so a {@code CREATE INDEX CONCURRENTLY} in a
 *     delta cannot wait for it); another upgrade of the same table waits, saying who holds the
 *     lock, up to {@link UpgradeOptions#lockWait()};</li>
 * <li>reads the upgrades table in one query and joins it with the files ({@link Status});</li>
 * <li>refuses edited applied deltas (unless accepted) and failed ones (unless retried);</li>
 * <li>prepares every pending file before anything runs: directives, SQL statements, variables,
 *     Java compilation, python3 for Python deltas (which run as steps of their own, in their own connections);</li>
 * <li>runs pre-all, then one transaction per version (its pre, delta and post files and their
 *     rows), then post-all. A failure rolls back that version, still runs post-all (so what
 *     pre-all dropped is recreated), and stops with the file, line, column and SQLSTATE.</li>
 * </ol>
 */
public final class Upgrader {
    private Upgrader() {
    }


    /** Creates the table (and schema) if needed and records {@code version}; refuses if the table holds rows. */
    public static void baseline(Connection c, UpgradesTable table, Version version) {
        table.baseline(c, version);
    }

    /** The state of every file and row, read in one query. */
    public static Status status(Connection c, UpgradesTable table, DeltaSet deltas) {
        return Status.of(deltas, table.rows(c));
    }

    /**
     * The plan for a status: pending files (and failed ones with {@code retryFailed}) up to
     * {@code maxVersion}, grouped per version; pre-all and post-all around them when any is pending.
     */
    public static Plan plan(Status status, DeltaSet deltas, UpgradeOptions o) {
        List<DeltaFile> pending = new ArrayList<>();
        for (DeltaStatus s : status.entries()) {
            if (s.file() == null || s.file().isAll()) {
                continue;
            }
            boolean wanted = s.state() == DeltaState.PENDING || (o.retryFailed() && s.state() == DeltaState.FAILED);
            if (o.onlyFile() != null) {
                if (!s.file().fileName().equals(o.onlyFile())) {
                    continue;
                }
                if (!wanted) {
                    throw new DeltaException(ErrorCode.USAGE, o.onlyFile() + " is not pending: it is " + s.state().label()
                            + (s.row() != null ? " (" + UpgradesTable.describe(s.row()) + ")" : ""), "pum info lists pending deltas", null);
                }
            }
            if (wanted && (o.maxVersion() == null || s.file().version().compareTo(o.maxVersion()) <= 0)) {
                pending.add(s.file());
            }
        }
        if (o.onlyFile() != null && pending.isEmpty()) {
            throw new DeltaException(ErrorCode.USAGE, "no delta file named " + o.onlyFile() + " in " + deltas.dirs(),
                    "give the file name as pum info prints it, for example delta_1.2.0_add_column.sql", null);
        }
        if (pending.isEmpty()) {
            return new Plan(status.current(), null, List.of());
        }
        pending.sort(DeltaFile.ORDER);
        List<Plan.Step> steps = new ArrayList<>();
        split(null, deltas.preAll(), deltas, steps);
        Version target = null;
        int i = 0;
        while (i < pending.size()) {
            Version v = pending.get(i).version();
            List<DeltaFile> group = new ArrayList<>();
            while (i < pending.size() && pending.get(i).version().equals(v)) {
                group.add(pending.get(i++));
            }
            split(v, group, deltas, steps);
            target = target == null || v.compareTo(target) > 0 ? v : target;
        }
        split(null, deltas.postAll(), deltas, steps);
        if (status.current() != null && status.current().compareTo(target) > 0) {
            target = status.current();
        }
        return new Plan(status.current(), target, List.copyOf(steps));
    }

    /** One step per run of transactional files; a no-transaction file is a step of its own. */
    private static void split(Version v, List<DeltaFile> files, DeltaSet deltas, List<Plan.Step> steps) {
        List<DeltaFile> run = new ArrayList<>();
        for (DeltaFile f : files) {
            // Python deltas open their own connections (as under PUM): they cannot share the transaction
            if (f.language() == DeltaFile.Language.PY || directives(f, deltas).noTransaction()) {
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

    static Directives directives(DeltaFile f, DeltaSet deltas) {
        if (f.language() == DeltaFile.Language.PY) {
            return Directives.NONE;
        }
        try {
            return Directives.parse(deltas.text(f), f.language() == DeltaFile.Language.JAVA);
        } catch (Directives.DirectiveError e) {
            throw new DeltaException(ErrorCode.CONFIG, f.path() + ":" + e.line() + ": " + e.getMessage(),
                    "directives are comment lines at the top of the file, for example \"-- pum: no-transaction\"; see docs/deltas.md", null);
        }
    }

    /**
     * Upgrades a database: see the class description. Opens its own connections (the upgrade's
     * and, when a lock or statement timeout is set, a second one that watches lock waits) and
     * closes them. Never prompts.
     *
     * @throws DeltaException with {@link ErrorCode#LOCK} when another upgrade holds the lock
     *         past {@link UpgradeOptions#lockWait()} or a delta hits a lock timeout,
     *         {@link ErrorCode#DATABASE} when a delta fails, {@link ErrorCode#CONFIG} for edited
     *         applied deltas, Java compile errors and bad directives, {@link ErrorCode#EXTERNAL_TOOL} when
     *         Python deltas are pending and there is no python3
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
        CompletableFuture<Connection> connecting = CompletableFuture.supplyAsync(() -> Database.connect(db), Upgrader::daemon);
        DeltaSet deltas;
        try {
            deltas = DeltaSet.scan(dirs, ignore);
        } catch (RuntimeException e) {
            connecting.thenAccept(Upgrader::closeQuietly);
            throw e;
        }
        deltas.prefetch();
        Connection c;
        try {
            c = connecting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return upgrade(db, c, table, deltas, o);
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "pum-connect");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // never used
        }
    }

    private static UpgradeResult upgrade(ConnectionInfo db, Connection c, UpgradesTable table, DeltaSet deltas, UpgradeOptions o) {
        try {
            return new Run(db, c, table, deltas, o).run();
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway; the lock goes with the session
            }
        }
    }

    /** One upgrade in progress. */
    private static final class Run {
        private final ConnectionInfo db;
        private final Connection c;
        private final UpgradesTable table;
        private final DeltaSet deltas;
        private final UpgradeOptions o;
        private final Map<DeltaFile, Prepared> prepared = new HashMap<>();
        private final List<UpgradeResult.Applied> applied = new ArrayList<>();
        private int pid;
        private String sessionLockTimeout;
        private String sessionStatementTimeout;
        private long watchMillis; // 0: no timeout in effect, no lock watching
        private LockMonitor monitor;
        private PythonDeltaRunner python;
        private Version current;

        /** A file ready to run. */
        private record Prepared(Directives directives, List<SqlStatement> statements, List<String> sql, String text,
                                Class<?> javaClass) {
        }

        Run(ConnectionInfo db, Connection c, UpgradesTable table, DeltaSet deltas, UpgradeOptions o) {
            this.db = db;
            this.c = c;
            this.table = table;
            this.deltas = deltas;
            this.o = o;
        }

        UpgradeResult run() {
            setUpSession();
            boolean locked = false;
            try {
                if (!o.dryRun()) {
                    lock();
                    locked = true;
                }
                List<AppliedDelta> rows = table.rows(c);
                Status status = Status.of(deltas, rows);
                current = status.current();
                if (current == null) {
                    throw new DeltaException(ErrorCode.DATABASE, "the upgrades table " + table + " is empty: no baseline",
                            "run 'pum baseline -t " + table + " -b X.Y.Z' to record the database's current version", null);
                }
                checkChanged(status);
                checkFailed(status);
                Plan plan = plan(status, deltas, o);
                if (plan.isEmpty()) {
                    return new UpgradeResult(plan, current, current, List.of(), o.dryRun());
                }
                prepare(plan);
                if (o.dryRun()) {
                    return new UpgradeResult(plan, current, plan.target(), List.of(), true);
                }
                execute(plan);
                return new UpgradeResult(plan, status.current(), current, List.copyOf(applied), false);
            } finally {
                if (locked) {
                    unlock();
                }
                if (monitor != null) {
                    monitor.close();
                }
                if (python != null) {
                    python.close();
                }
            }
        }

        private void setUpSession() {
            // one round trip: every one counts in the no-op upgrade each deploy runs
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), set_config('application_name', 'pum upgrade', false),"
                         + " current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                rs.next();
                pid = rs.getInt(1);
                sessionLockTimeout = rs.getString(3);
                sessionStatementTimeout = rs.getString(4);
            } catch (SQLException e) {
                throw table.sqlError("preparing the upgrade connection", e);
            }
            if (o.lockTimeout() != null || o.statementTimeout() != null) {
                setTimeouts(o.lockTimeout(), o.statementTimeout(), false, "--lock-timeout/--statement-timeout");
                // what per-file directives return to
                sessionLockTimeout = o.lockTimeout() != null ? o.lockTimeout() : sessionLockTimeout;
                sessionStatementTimeout = o.statementTimeout() != null ? o.statementTimeout() : sessionStatementTimeout;
            }
        }

        /** Sets timeouts (null: leave) and remembers how long to wait before watching lock waits. */
        private void setTimeouts(String lock, String statement, boolean local, String where) {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', coalesce(?, current_setting('lock_timeout')), ?),"
                    + " set_config('statement_timeout', coalesce(?, current_setting('statement_timeout')), ?),"
                    + " (SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'),"
                    + " (SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout')")) {
                ps.setString(1, lock);
                ps.setBoolean(2, local);
                ps.setString(3, statement);
                ps.setBoolean(4, local);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long l = rs.getLong(3);
                    long s = rs.getLong(4);
                    long min = l > 0 && s > 0 ? Math.min(l, s) : Math.max(l, s);
                    watchMillis = min / 2;
                }
            } catch (SQLException e) {
                throw new DeltaException(ErrorCode.USAGE, "invalid timeout in " + where + ": " + UpgradesTable.firstLine(e.getMessage()),
                        "use PostgreSQL's units, for example 500ms, 10s or 5min", e);
            }
            if (watchMillis > 0 && monitor == null) {
                monitor = new LockMonitor(() -> Database.connect(db), pid);
                monitor.open();
            }
        }

        private void lock() {
            int[] key = table.lockKey();
            long deadline = System.nanoTime() + o.lockWait().toNanos();
            boolean told = false;
            while (true) {
                String holder = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                    ps.setInt(1, key[0]);
                    ps.setInt(2, key[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return;
                        }
                    }
                    holder = lockHolder(key);
                } catch (SQLException e) {
                    throw table.sqlError("taking the upgrade lock of " + table, e);
                }
                if (System.nanoTime() > deadline) {
                    throw new DeltaException(ErrorCode.LOCK, "another upgrade of " + table + " is running (" + holder
                            + "); gave up after waiting " + o.lockWait().toSeconds() + " s",
                            "let it finish and run pum upgrade again, or wait longer with --lock-wait", null);
                }
                if (!told) {
                    o.progress().accept("waiting for another upgrade of " + table + " to finish: " + holder);
                    told = true;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeltaException(ErrorCode.ABORTED, "interrupted while waiting for the upgrade lock", null, e);
                }
            }
        }

        private String lockHolder(int[] key) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT format('pid %s, application %L, user %s, client %s, connected since %s, %s',"
                    + " a.pid, a.application_name, a.usename, coalesce(host(a.client_addr), 'local socket'),"
                    + " to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), a.state)"
                    + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.objsubid = 2 AND l.granted")) {
                ps.setLong(1, key[0] & 0xffffffffL);
                ps.setLong(2, key[1] & 0xffffffffL);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? "held by " + rs.getString(1) : "held by a session that just ended";
                }
            }
        }

        private void unlock() {
            UpgradesTable.rollbackQuietly(c);
            int[] key = table.lockKey();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                c.setAutoCommit(true);
                ps.setInt(1, key[0]);
                ps.setInt(2, key[1]);
                ps.executeQuery().close();
            } catch (SQLException e) {
                // the lock is released when the connection closes, right after
            }
        }

        private void checkChanged(Status status) {
            List<DeltaStatus> changed = status.inState(DeltaState.CHANGED);
            if (changed.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (DeltaStatus s : changed) {
                names.add(s.file().path() + " (applied " + UpgradesTable.describe(s.row()) + ", checksum then " + s.row().checksum()
                        + ", now " + deltas.checksum(s.file()) + ")");
            }
            if (!o.acceptChanged()) {
                throw new DeltaException(ErrorCode.CONFIG, (changed.size() == 1 ? "an applied delta was edited since it was applied: "
                        : changed.size() + " applied deltas were edited since they were applied:\n  ") + String.join("\n  ", names),
                        "undo the edits (put the change in a new delta), or pass --accept-changed to record the files' new checksums", null);
            }
            if (o.dryRun()) {
                return;
            }
            try {
                c.setAutoCommit(false);
                for (DeltaStatus s : changed) {
                    table.updateChecksum(c, s.row().id(), deltas.checksum(s.file()));
                    o.progress().accept("accepted edited " + s.file().fileName() + ": stored its new checksum " + deltas.checksum(s.file()));
                }
                c.commit();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                UpgradesTable.rollbackQuietly(c);
                throw table.sqlError("recording new checksums in " + table, e);
            }
        }

        private void checkFailed(Status status) {
            List<DeltaStatus> failed = status.inState(DeltaState.FAILED);
            if (failed.isEmpty() || o.retryFailed()) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (DeltaStatus s : failed) {
                names.add(s.file().path() + " (failed " + UpgradesTable.describe(s.row()) + ")");
            }
            throw new DeltaException(ErrorCode.DATABASE, "a non-transactional delta failed midway in an earlier upgrade: " + String.join(", ", names),
                    "check what it left behind (an INVALID index, say), clean up, then run pum upgrade --retry-failed", null);
        }

        /** Everything that can be checked without running anything: Python, directives, SQL, variables, Java. */
        private void prepare(Plan plan) {
            List<String> python = new ArrayList<>();
            for (Plan.Step s : plan.steps()) {
                for (DeltaFile f : s.files()) {
                    if (f.language() == DeltaFile.Language.PY) {
                        python.add(f.path().toString());
                    }
                }
            }
            if (!python.isEmpty()) {
                this.python = PythonDeltaRunner.find();
                if (this.python == null) {
                    throw new DeltaException(ErrorCode.EXTERNAL_TOOL, "Python deltas are pending and no python3 is on PATH to run them: "
                            + String.join(", ", python) + "; nothing was applied",
                            "install python3 (with the modules the deltas import, psycopg2 for most), or rewrite them as Java deltas (docs/java-deltas.md)", null);
                }
            }
            List<String> compileErrors = new ArrayList<>();
            for (Plan.Step s : plan.steps()) {
                for (DeltaFile f : s.files()) {
                    if (prepared.containsKey(f)) {
                        continue;
                    }
                    Directives d = directives(f, deltas);
                    String text = deltas.text(f);
                    if (f.language() == DeltaFile.Language.PY) {
                        prepared.put(f, new Prepared(d, List.of(), List.of(), text, null));
                        continue;
                    }
                    if (f.language() == DeltaFile.Language.JAVA) {
                        try {
                            prepared.put(f, new Prepared(d, List.of(), List.of(), text, JavaDeltaCompiler.compile(f.path(), text, Delta.class)));
                        } catch (JavaDeltaCompiler.CompileError e) {
                            compileErrors.add(e.getMessage());
                        }
                        continue;
                    }
                    List<SqlStatement> split;
                    try {
                        split = SqlSplitter.split(text);
                    } catch (SourceError e) {
                        throw new DeltaException(ErrorCode.CONFIG, f.path() + ":" + e.located() + "; nothing was applied", e.hint(), null);
                    }
                    List<SqlStatement> stmts = transactionControl(f, split, s.transactional());
                    List<String> sql = new ArrayList<>(stmts.size());
                    for (SqlStatement st : stmts) {
                        try {
                            sql.add(Placeholders.apply(st.sql(), o.variables()));
                        } catch (Placeholders.PlaceholderError e) {
                            int[] lc = SqlSplitter.lineColumn(text, st.offset() + e.offset());
                            throw new DeltaException(ErrorCode.CONFIG, f.path() + ":" + lc[0] + ":" + lc[1] + ": " + e.getMessage() + "; nothing was applied",
                                    "pass the variable with -v TYPE NAME VALUE (TYPE int, float or string)", null);
                        }
                    }
                    prepared.put(f, new Prepared(d, stmts, sql, text, null));
                }
            }
            if (!compileErrors.isEmpty()) {
                throw new DeltaException(ErrorCode.CONFIG, "Java delta" + (compileErrors.size() == 1 ? " does" : "s do") + " not compile; nothing was applied:\n"
                        + String.join("\n", compileErrors), "see docs/java-deltas.md for the Delta API", null);
            }
        }

        /**
         * A file wrapped in its own BEGIN ... COMMIT (the usual psql habit) runs as is: the wrapper
         * is dropped, pum's transaction does its job. Any other transaction control would end
         * pum's transaction halfway and is refused before anything runs.
         */
        private List<SqlStatement> transactionControl(DeltaFile f, List<SqlStatement> stmts, boolean transactional) {
            if (!transactional || stmts.isEmpty()) {
                return stmts;
            }
            List<SqlStatement> out = new ArrayList<>(stmts);
            if (out.size() >= 2 && isBegin(out.get(0).sql()) && isCommit(out.get(out.size() - 1).sql())) {
                out.remove(out.size() - 1);
                out.remove(0);
            }
            for (SqlStatement st : out) {
                if (isBegin(st.sql()) || isCommit(st.sql()) || isRollback(st.sql())) {
                    throw new DeltaException(ErrorCode.CONFIG, f.path() + ":" + st.line() + ":" + st.column() + ": " + firstWords(st.sql())
                            + " would end the transaction pum runs the version in; nothing was applied",
                            "remove it (each version runs in one transaction), or put \"-- pum: no-transaction\" on the first line", null);
                }
            }
            return out;
        }

        private static String firstWords(String sql) {
            String[] w = sql.strip().split("\\s+");
            return w.length > 1 ? w[0] + " " + w[1] : w[0];
        }

        private static String firstWord(String sql, int n) {
            String[] w = sql.strip().toLowerCase(java.util.Locale.ROOT).split("[\\s;]+");
            return w.length > n ? w[n] : "";
        }

        private static boolean isBegin(String sql) {
            String w = firstWord(sql, 0);
            return (w.equals("begin") && !firstWord(sql, 1).equals("atomic")) || (w.equals("start") && firstWord(sql, 1).equals("transaction"));
        }

        private static boolean isCommit(String sql) {
            String w = firstWord(sql, 0);
            return (w.equals("commit") && !firstWord(sql, 1).equals("prepared")) || w.equals("end");
        }

        private static boolean isRollback(String sql) {
            String w = firstWord(sql, 0);
            return (w.equals("rollback") && !firstWord(sql, 1).equals("to") && !firstWord(sql, 1).equals("prepared")) || w.equals("abort");
        }

        private void execute(Plan plan) {
            boolean preAllRan = false;
            for (Plan.Step s : plan.steps()) {
                boolean isPost = s.isAll() && s.files().get(0).kind() == DeltaFile.Kind.POST_ALL;
                try {
                    runStep(s);
                    if (s.isAll() && !isPost) {
                        preAllRan = true;
                    }
                } catch (DeltaException e) {
                    if (!isPost && (preAllRan || !applied.isEmpty()) && !deltas.postAll().isEmpty()) {
                        runPostAllAfterFailure(plan, e);
                    }
                    throw e;
                }
            }
        }

        private void runPostAllAfterFailure(Plan plan, DeltaException failure) {
            for (Plan.Step s : plan.steps()) {
                if (s.isAll() && s.files().get(0).kind() == DeltaFile.Kind.POST_ALL) {
                    try {
                        o.progress().accept("running post-all after the failure, so that what pre-all removed is back");
                        runStep(s);
                    } catch (DeltaException e) {
                        failure.addSuppressed(e);
                        o.progress().accept("post-all failed too: " + e.getMessage());
                    }
                }
            }
        }

        private void runStep(Plan.Step s) {
            if (s.transactional()) {
                runTransaction(s);
            } else {
                runWithoutTransaction(s.files().get(0));
            }
        }

        private void runTransaction(Plan.Step s) {
            try {
                c.setAutoCommit(false);
                List<UpgradeResult.Applied> done = new ArrayList<>();
                List<String> rows = new ArrayList<>();
                boolean committed = false;
                long earlierMs = 0;
                for (int k = 0; k < s.files().size(); k++) {
                    DeltaFile f = s.files().get(k);
                    Prepared p = prepared.get(f);
                    long t0 = System.nanoTime();
                    if (k == s.files().size() - 1 && fusable(f, p)) {
                        // the last SQL file's statements, the step's rows and COMMIT in one round
                        // trip; its execution_time is measured by the server (since the
                        // transaction started, minus the files before it)
                        List<String> all = new ArrayList<>(rows);
                        if (!f.isAll()) {
                            all.add(UpgradesTable.rowValues(f.version().toString(), f.name(), f.typeCode(), script(f), deltas.checksum(f),
                                    "greatest(0, (extract(epoch FROM clock_timestamp() - now()) * 1000)::int - " + earlierMs + ")", true));
                        }
                        List<String> tail = new ArrayList<>();
                        if (!all.isEmpty()) {
                            tail.add(table.insertSql(all));
                        }
                        tail.add("COMMIT");
                        runSql(f, p, true, tail, stepLabel(s));
                        committed = true;
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        done.add(new UpgradeResult.Applied(f, ms));
                        break;
                    }
                    runFile(f, true);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    earlierMs += ms;
                    if (!f.isAll()) {
                        rows.add(UpgradesTable.rowValues(f.version().toString(), f.name(), f.typeCode(), script(f), deltas.checksum(f),
                                Long.toString(ms), true));
                    }
                    done.add(new UpgradeResult.Applied(f, ms));
                }
                if (committed) {
                    // the COMMIT in the batch ended the transaction: these only bring the driver's state along
                    c.commit();
                    c.setAutoCommit(true);
                } else {
                    commitWithRows(s, rows);
                }
                for (UpgradeResult.Applied a : done) {
                    o.progress().accept("applied " + label(a.file()) + " (" + a.millis() + " ms)");
                }
                applied.addAll(done);
                if (s.version() != null && s.version().compareTo(current) > 0) {
                    current = s.version();
                }
            } catch (SQLException e) {
                UpgradesTable.rollbackQuietly(c);
                throw new DeltaException(ErrorCode.DATABASE, "recording " + s.files() + " in " + table + " failed: " + e.getMessage(), null, e);
            } catch (DeltaException e) {
                UpgradesTable.rollbackQuietly(c);
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // reported below anyway
                }
                String what = s.isAll() ? s.files().get(0).kind().label() + " was rolled back"
                        : "version " + s.version() + " was rolled back";
                throw new DeltaException(e.code(), e.getMessage() + "\n" + what + "; the database stays at version " + current,
                        e.hint() != null ? e.hint() : "fix the delta and run pum upgrade again", e.getCause());
            }
        }

        /**
         * The step's rows and its COMMIT go to the server in one round trip (a batch): with the
         * statements batched too, a one-file version costs two round trips where psql needs four.
         */
        private void commitWithRows(Plan.Step s, List<String> rows) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                if (!rows.isEmpty()) {
                    st.addBatch(table.insertSql(rows));
                }
                st.addBatch("COMMIT");
                st.executeBatch();
            } catch (SQLException e) {
                throw commitFailure(stepLabel(s), e.getNextException() != null ? e.getNextException() : e);
            }
            // the COMMIT above ended the transaction: these only bring the driver's state along
            c.commit();
            c.setAutoCommit(true);
        }

        private static String stepLabel(Plan.Step s) {
            return s.isAll() ? s.files().get(0).kind().label() : "version " + s.version();
        }

        private static DeltaException commitFailure(String where, SQLException cause) {
            return new DeltaException(ErrorCode.DATABASE, "committing " + where + " failed: " + UpgradesTable.firstLine(cause.getMessage())
                    + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")")
                    + (cause.getSQLState() != null && cause.getSQLState().startsWith("23") ? "; a deferred constraint failed at commit" : ""),
                    null, cause);
        }

        /** An SQL file without timeout directives can carry the step's rows and COMMIT in its last batch. */
        private static boolean fusable(DeltaFile f, Prepared p) {
            return f.language() == DeltaFile.Language.SQL && p.directives().lockTimeout() == null && p.directives().statementTimeout() == null;
        }

        private void runWithoutTransaction(DeltaFile f) {
            Set<String> invalidBefore = invalidIndexes();
            long t0 = System.nanoTime();
            try {
                c.setAutoCommit(true);
                runFile(f, false);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (!f.isAll()) {
                    table.insert(c, f.version().toString(), f.name(), f.typeCode(), script(f), deltas.checksum(f), (int) ms, true);
                }
                applied.add(new UpgradeResult.Applied(f, ms));
                o.progress().accept("applied " + label(f) + " without transaction (" + ms + " ms)");
                if (f.version() != null && f.version().compareTo(current) > 0) {
                    current = f.version();
                }
            } catch (SQLException e) {
                throw new DeltaException(ErrorCode.DATABASE, "recording " + f.fileName() + " in " + table + " failed: " + e.getMessage(), null, e);
            } catch (DeltaException e) {
                StringBuilder msg = new StringBuilder(e.getMessage());
                msg.append("\n").append(f.fileName()).append(f.language() == DeltaFile.Language.PY
                        ? " is a Python delta: it ran in its own connection, and whatever it committed stays"
                        : " runs without a transaction (-- pum: no-transaction): the statements before the failing one stay applied");
                if (!f.isAll()) {
                    try {
                        table.insert(c, f.version().toString(), f.name(), f.typeCode(), script(f), deltas.checksum(f),
                                (int) ((System.nanoTime() - t0) / 1_000_000), false);
                        msg.append("; recorded as failed in ").append(table);
                    } catch (SQLException x) {
                        msg.append("; recording the failure in ").append(table).append(" failed too: ").append(x.getMessage());
                    }
                }
                Set<String> invalid = invalidIndexes();
                invalid.removeAll(invalidBefore);
                if (!invalid.isEmpty()) {
                    msg.append("\nthe failed concurrent build left INVALID index").append(invalid.size() == 1 ? " " : "es ")
                            .append(String.join(", ", invalid)).append(": drop ").append(invalid.size() == 1 ? "it" : "them")
                            .append(" (DROP INDEX CONCURRENTLY) before retrying");
                }
                throw new DeltaException(e.code(), msg.toString(), "clean up, fix the delta, then run pum upgrade --retry-failed", e.getCause());
            }
        }

        private Set<String> invalidIndexes() {
            Set<String> out = new LinkedHashSet<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            } catch (SQLException e) {
                // only used to enrich an error message
            }
            return out;
        }

        private void runFile(DeltaFile f, boolean inTransaction) {
            Prepared p = prepared.get(f);
            Directives d = p.directives();
            boolean ownTimeouts = d.lockTimeout() != null || d.statementTimeout() != null;
            long savedWatch = watchMillis;
            if (ownTimeouts) {
                setTimeouts(d.lockTimeout(), d.statementTimeout(), inTransaction, f.path() + " directives");
            }
            try {
                if (f.language() == DeltaFile.Language.PY) {
                    runPython(f);
                } else if (p.javaClass() != null) {
                    runJava(f, p);
                } else {
                    runSql(f, p, inTransaction, null, null);
                }
            } finally {
                if (ownTimeouts) {
                    restoreTimeouts(inTransaction);
                    watchMillis = savedWatch;
                }
            }
        }

        private void runPython(DeltaFile f) {
            try {
                python.run(f.path(), current.toString(), o.pgService(), table.toString(), deltas.dirs(),
                        PythonDeltaRunner.json(o.variables()), o.progress());
            } catch (PythonDeltaRunner.PythonError e) {
                throw new DeltaException(ErrorCode.DATABASE, f.path() + ": " + e.getMessage(), null, e);
            }
        }

        private void restoreTimeouts(boolean local) {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, ?), set_config('statement_timeout', ?, ?)")) {
                ps.setString(1, sessionLockTimeout);
                ps.setBoolean(2, local);
                ps.setString(3, sessionStatementTimeout);
                ps.setBoolean(4, local);
                ps.executeQuery().close();
            } catch (SQLException e) {
                // a failed transaction cannot run it; the rollback restores the values anyway
            }
        }

        /** Marks the step's own entries (rows, COMMIT) in a batch of a file's statements. */
        private static final int TAIL = -1;

        /**
         * Runs a file's statements; row-less ones share round trips. {@code tail} (or null): SQL
         * that follows in the file's last batch (the step's rows and COMMIT), {@code where}
         * names the step for a failing commit.
         */
        private void runSql(DeltaFile f, Prepared p, boolean inTransaction, List<String> tail, String where) {
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                List<Integer> batch = new ArrayList<>();
                for (int i = 0; i < p.sql().size(); i++) {
                    String sql = p.sql().get(i);
                    if (inTransaction && batchable(sql)) {
                        st.addBatch(sql);
                        batch.add(i);
                        continue;
                    }
                    flush(f, p, st, batch, where);
                    AutoCloseable watch = watchMillis > 0 && monitor != null ? monitor.watch(watchMillis) : null;
                    try {
                        st.execute(sql);
                        st.clearWarnings();
                    } catch (SQLException e) {
                        throw sqlFailure(f, p, i, e);
                    } finally {
                        closeWatch(watch);
                    }
                }
                if (tail != null) {
                    for (String t : tail) {
                        st.addBatch(t);
                        batch.add(TAIL);
                    }
                }
                flush(f, p, st, batch, where);
            } catch (SQLException e) {
                throw new DeltaException(ErrorCode.DATABASE, f.path() + ": " + e.getMessage(), null, e);
            }
        }

        /** Sends the batched statements in one round trip; a failure names the statement that failed. */
        private void flush(DeltaFile f, Prepared p, Statement st, List<Integer> batch, String where) {
            if (batch.isEmpty()) {
                return;
            }
            AutoCloseable watch = watchMillis > 0 && monitor != null ? monitor.watch(watchMillis) : null;
            try {
                st.executeBatch();
            } catch (SQLException e) {
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                // pgjdbc says which entry failed only in its message ("Batch entry 2 ... was aborted")
                Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
                int entry = m.find() ? Integer.parseInt(m.group(1)) : -1;
                if (entry >= 0 && entry < batch.size()) {
                    if (batch.get(entry) == TAIL) {
                        throw commitFailure(where, cause);
                    }
                    throw sqlFailure(f, p, batch.get(entry), cause);
                }
                if (batch.get(0) == TAIL) {
                    throw commitFailure(where, cause);
                }
                DeltaException d = sqlFailure(f, p, batch.get(0), cause);
                int lastStatement = batch.get(0);
                for (int b : batch) {
                    lastStatement = b == TAIL ? lastStatement : b;
                }
                throw new DeltaException(d.code(), d.getMessage() + "\n  (the failing statement is one of statements " + (batch.get(0) + 1)
                        + " to " + (lastStatement + 1) + ", or the commit; its position may be off)", d.hint(), cause);
            } finally {
                batch.clear();
                closeWatch(watch);
            }
            try {
                st.clearBatch();
            } catch (SQLException e) {
                // the batch was sent; nothing is left in it
            }
        }

        private static final Pattern BATCH_ENTRY = Pattern.compile("Batch entry (\\d+) ");
        private static final Set<String> NO_ROWS = Set.of("create", "alter", "drop", "insert", "update", "delete", "comment", "grant",
                "revoke", "truncate", "do", "set", "reset", "refresh", "lock", "analyze", "reindex", "cluster", "security", "notify");

        /** Statements that return no rows can share a round trip; anything else runs on its own. */
        static boolean batchable(String sql) {
            int n = sql.length();
            int i = 0;
            while (i < n && Character.isLetter(sql.charAt(i))) {
                i++;
            }
            if (i == 0 || !NO_ROWS.contains(sql.substring(0, i).toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
            return !RETURNING.matcher(sql).find();
        }

        private static final Pattern RETURNING = Pattern.compile("(?i)\\breturning\\b");

        private static void closeWatch(AutoCloseable w) {
            if (w != null) {
                try {
                    w.close();
                } catch (Exception e) {
                    // cancelling a timer does not fail
                }
            }
        }

        private DeltaException sqlFailure(DeltaFile f, Prepared p, int index, SQLException e) {
            SqlStatement stmt = p.statements().get(index);
            long offset = stmt.offset();
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String message = UpgradesTable.firstLine(e.getMessage());
            String detail = null;
            String hint = null;
            String where = null;
            if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
                ServerErrorMessage m = pe.getServerErrorMessage();
                message = m.getMessage();
                detail = m.getDetail();
                hint = m.getHint();
                where = m.getWhere();
                int pos = m.getPosition();
                // PostgreSQL counts characters of the statement it received; exact unless variables changed its text
                if (pos > 0 && p.sql().get(index).equals(stmt.sql())) {
                    offset = stmt.offset() + pos - 1;
                }
            }
            int[] lc = SqlSplitter.lineColumn(p.text(), offset);
            StringBuilder sb = new StringBuilder();
            sb.append(f.path()).append(':').append(lc[0]).append(':').append(lc[1]).append(": ERROR ").append(state).append(": ").append(message);
            if (detail != null) {
                sb.append("\n  detail: ").append(detail);
            }
            if (where != null) {
                sb.append("\n  context: ").append(UpgradesTable.firstLine(where));
            }
            sb.append("\n  in statement ").append(index + 1).append(" of ").append(p.statements().size())
                    .append(" (line ").append(stmt.line()).append("): ").append(abbreviate(stmt.sql()));
            ErrorCode code = ErrorCode.DATABASE;
            if (state.equals("55P03") || state.equals("57014")) {
                code = state.equals("55P03") ? ErrorCode.LOCK : ErrorCode.DATABASE;
                String seen = monitor == null ? null : monitor.observed();
                sb.append("\n  ").append(seen != null ? "it was waiting for " + seen : "the lock it waited for could not be observed");
                if (hint == null) {
                    hint = "retry when the blocking session is done, or raise the timeout (--lock-timeout, --statement-timeout or a '-- pum: lock-timeout' directive)";
                }
            }
            return new DeltaException(code, sb.toString(), hint, e);
        }

        private static String abbreviate(String sql) {
            String one = sql.replaceAll("\\s+", " ").strip();
            return one.length() <= 120 ? one : one.substring(0, 117) + "...";
        }

        private void runJava(DeltaFile f, Prepared p) {
            Delta delta;
            try {
                Constructor<?> ctor = p.javaClass().getDeclaredConstructor();
                ctor.setAccessible(true);
                delta = (Delta) ctor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new DeltaException(ErrorCode.CONFIG, f.path() + ": cannot create " + p.javaClass().getName()
                        + ": it needs a public constructor without arguments (" + e + ")", null, e);
            }
            delta.bind(new Delta.Context(current, f.path().toAbsolutePath().getParent(), o.pgService(), table.toString(),
                    o.variables(), c, o.progress()));
            AutoCloseable watch = watchMillis > 0 && monitor != null ? monitor.watch(watchMillis) : null;
            try {
                delta.run();
            } catch (Exception | LinkageError e) {
                int line = 0;
                for (StackTraceElement el : e.getStackTrace()) {
                    if (f.fileName().equals(el.getFileName()) || (el.getFileName() != null && el.getFileName().endsWith("/" + f.fileName()))) {
                        line = el.getLineNumber();
                        break;
                    }
                }
                String state = e instanceof SQLException s && s.getSQLState() != null ? " (SQLSTATE " + s.getSQLState() + ")" : "";
                throw new DeltaException(ErrorCode.DATABASE, f.path() + (line > 0 ? ":" + line : "") + ": " + e.getClass().getSimpleName()
                        + ": " + UpgradesTable.firstLine(e.getMessage()) + state, null, e);
            } finally {
                closeWatch(watch);
            }
        }

        private static String script(DeltaFile f) {
            return f.path().toString();
        }

        private static String label(DeltaFile f) {
            return (f.version() == null ? "" : f.version() + " ") + f.fileName();
        }
    }
}

package pum.rehearsal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import pum.backup.Backup;
import pum.backup.DumpOptions;
import pum.backup.DumpResult;
import pum.backup.RestoreOptions;
import pum.backup.RestoreResult;
import pum.catalog.Catalog;
import pum.catalog.CatalogOptions;
import pum.catalog.Snapshot;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.core.PgText;
import pum.core.PumException;
import pum.delta.DeltaSet;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.Reprints;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;

/**
 * Rehearses an upgrade on a copy of production and upgrades production only when the copy, once
 * upgraded, matches the comparison database:
 * <ol>
 *   <li>{@link Step#DUMP}: pg_dump of production (in parallel, directory format, into a temporary
 *       directory; or one custom-format file when a dump file is named);</li>
 *   <li>{@link Step#RESTORE}: into the test database (created, or dropped and created again after
 *       confirmation), or into a throwaway PostgreSQL started for the rehearsal;</li>
 *   <li>{@link Step#UPGRADE_TEST}: the deltas, exactly as production will get them;</li>
 *   <li>{@link Step#COMPARISON}: the comparison database opened, or built from SQL files in a
 *       throwaway database;</li>
 *   <li>{@link Step#COMPARE}: both read and compared as {@code pum check} does, leaving pum's
 *       upgrades table out by identity; differences end the rehearsal;</li>
 *   <li>{@link Step#UPGRADE_PRODUCTION}: after the {@link Confirmer} said yes.</li>
 * </ol>
 * <pre>{@code
 * RehearsalResult r = Rehearsal.of(prod, UpgradesTable.parse("app_sys.upgrades"), DeltaSet.scan(dirs, List.of()))
 *         .testDatabase(test)
 *         .comparisonDatabase(comp)
 *         .build()
 *         .run(RehearsalListener.NONE, Confirmer.ALWAYS);
 * }</pre>
 * Before anything runs, the databases are told apart by what their servers say
 * ({@link DatabaseIdentity}): a test or comparison database that is production, or a comparison
 * database that is the test database, is refused however it was spelled, and so is one whose
 * identity the server will not tell. A test database with other sessions is never dropped unless
 * {@link Builder#endSessions} says so. A killed JVM stops the tools, the throwaway server and
 * deletes the temporary dump (shutdown hook).
 */
public final class Rehearsal {
    private static final String MAINTENANCE_DB = "postgres";

    private final Builder b;

    private Rehearsal(Builder b) {
        this.b = b;
    }

    /** Starts a description of a rehearsal of production's upgrade with these deltas. */
    public static Builder of(ConnectionInfo production, UpgradesTable table, DeltaSet deltas) {
        return new Builder(production, table, deltas);
    }

    /** What to rehearse, where, and how; {@link #build} checks the choices. */
    public static final class Builder {
        private final ConnectionInfo production;
        private final UpgradesTable table;
        private final DeltaSet deltas;
        private ConnectionInfo test;
        private IntFunction<PostgresBinaries> throwaway;
        private ConnectionInfo comparison;
        private List<Path> comparisonSql = List.of();
        private UpgradeOptions upgradeOptions = UpgradeOptions.defaults();
        private CatalogOptions catalogOptions = CatalogOptions.defaults();
        private DiffOptions diffOptions = DiffOptions.defaults();
        private Backup backup = Backup.using(null, null);
        private Path dumpFile;
        private boolean ignoreRestoreErrors;
        private int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean endSessions;
        private String productionService;
        private String testService;

        private Builder(ConnectionInfo production, UpgradesTable table, DeltaSet deltas) {
            this.production = Objects.requireNonNull(production);
            this.table = Objects.requireNonNull(table);
            this.deltas = Objects.requireNonNull(deltas);
        }

        /** Rehearse in this database: created if missing, dropped and created again (after confirmation) if it holds objects. */
        public Builder testDatabase(ConnectionInfo db) {
            this.test = db;
            return this;
        }

        /**
         * Rehearse in a throwaway PostgreSQL started for the rehearsal and removed afterwards; the
         * function gets production's major and gives the binaries to use (the default, without a
         * test database: the bundled ones).
         */
        public Builder throwawayServer(IntFunction<PostgresBinaries> binariesForMajor) {
            this.throwaway = binariesForMajor;
            return this;
        }

        /** The database the upgraded copy must look like. */
        public Builder comparisonDatabase(ConnectionInfo db) {
            this.comparison = db;
            return this;
        }

        /** Instead of a comparison database: SQL files run in order in a throwaway database. */
        public Builder comparisonSql(List<Path> files) {
            this.comparisonSql = List.copyOf(files);
            return this;
        }

        /** How the deltas are applied (variables, max version, timeouts), to the copy and to production alike. */
        public Builder upgradeOptions(UpgradeOptions o) {
            this.upgradeOptions = o;
            return this;
        }

        /** What the comparison reads (schemas left out); the upgrades table is always left out. */
        public Builder catalogOptions(CatalogOptions o) {
            this.catalogOptions = o;
            return this;
        }

        /** What the comparison ignores (kinds, field patterns). */
        public Builder diffOptions(DiffOptions o) {
            this.diffOptions = o;
            return this;
        }

        /** The pg_dump and pg_restore to use. */
        public Builder backup(Backup tools) {
            this.backup = tools;
            return this;
        }

        /** Keep the dump in this custom-format file (one job); default: a temporary directory dump, deleted afterwards. */
        public Builder dumpFile(Path file) {
            this.dumpFile = file;
            return this;
        }

        /** Carry on past failing restore statements (PUM's {@code -x}); they are counted in the restore step's summary. */
        public Builder ignoreRestoreErrors(boolean ignore) {
            this.ignoreRestoreErrors = ignore;
            return this;
        }

        /**
         * Parallel jobs for pg_dump and pg_restore (default: the processors available); 1 is one
         * custom-format file restored by one job.
         */
        public Builder jobs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("jobs must be at least 1");
            }
            this.jobs = n;
            return this;
        }

        /** Drop a test database even when other sessions use it, ending them. Off by default: then it is refused. */
        public Builder endSessions(boolean end) {
            this.endSessions = end;
            return this;
        }

        /** The names the user gave production and the test database, for the deltas' {@code pg_service} (PUM's DeltaPy). */
        public Builder serviceNames(String productionName, String testName) {
            this.productionService = productionName;
            this.testService = testName;
            return this;
        }

        /**
         * The rehearsal.
         *
         * @throws RehearsalException {@link ErrorCode#USAGE} without a comparison, or with both a
         *                            comparison database and SQL files
         */
        public Rehearsal build() {
            if (comparison == null && comparisonSql.isEmpty()) {
                throw new RehearsalException(ErrorCode.USAGE, "a rehearsal needs a comparison database or comparison SQL files", null);
            }
            if (comparison != null && !comparisonSql.isEmpty()) {
                throw new RehearsalException(ErrorCode.USAGE, "give either a comparison database or comparison SQL files, not both", null);
            }
            if (throwaway == null) {
                throwaway = major -> PostgresBinaries.bundled().orElseThrow(() -> new RehearsalException(ErrorCode.CONFIG,
                        "no PostgreSQL binaries for a throwaway server", "name a test database, or say which binaries to use"));
            }
            return new Rehearsal(this);
        }
    }

    /**
     * Runs the rehearsal and, when it passes and the confirmer agrees, the upgrade of production.
     *
     * @return {@link RehearsalResult.Outcome#UP_TO_DATE} (nothing pending), {@link RehearsalResult.Outcome#DIFFERENCES}
     *         (production not changed) or {@link RehearsalResult.Outcome#UPGRADED}
     * @throws RehearsalException a refusal before the steps (same database, identity not provable),
     *                            a failed step ({@link RehearsalException#step()}, the cause's code) or
     *                            a question answered no ({@link ErrorCode#ABORTED}); production is
     *                            unchanged unless the step is {@link Step#UPGRADE_PRODUCTION}
     * @throws PumException       when the deltas or the databases cannot be read before the steps
     */
    public RehearsalResult run(RehearsalListener listener, Confirmer confirmer) {
        for (Path f : b.comparisonSql) {
            if (!Files.isReadable(f)) {
                throw new RehearsalException(ErrorCode.CONFIG, "cannot read comparison SQL file " + f, null);
            }
        }
        DatabaseIdentity prodId = b.test != null || b.comparison != null ? DatabaseIdentity.of(b.production) : null;
        DatabaseIdentity testId = b.test == null ? null : testIdentity(b.test);
        if (testId != null && testId.sameDatabase(prodId)) {
            throw new RehearsalException(ErrorCode.USAGE, "the test database " + b.test.describe() + " is the production database "
                    + b.production.describe() + " (the servers say: " + prodId.describe() + "); nothing was changed",
                    "name another database as the test database, or leave it out to rehearse on a throwaway server");
        }
        DatabaseIdentity compId = b.comparison == null ? null : DatabaseIdentity.of(b.comparison);
        if (compId != null && compId.sameDatabase(prodId)) {
            throw new RehearsalException(ErrorCode.USAGE, "the comparison database " + b.comparison.describe()
                    + " is the production database (" + prodId.describe() + ")", "name the database at the target version");
        }
        if (compId != null && testId != null && compId.sameDatabase(testId)) {
            throw new RehearsalException(ErrorCode.USAGE, "the comparison database " + b.comparison.describe()
                    + " is the test database (" + testId.describe() + "): the rehearsal would overwrite it",
                    "name different databases for the test and the comparison");
        }

        UpgradeResult plan = Upgrader.upgrade(b.production, b.table, b.deltas, b.upgradeOptions.withDryRun(true));
        listener.planned(plan);
        Map<Step, Duration> durations = new EnumMap<>(Step.class);
        if (plan.plan().isEmpty()) {
            return new RehearsalResult(RehearsalResult.Outcome.UP_TO_DATE, plan, new DiffResult(List.of()), null, durations);
        }
        Work w = new Work(listener);
        Thread hook = new Thread(w::close, "pum rehearsal cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Backup tools = b.backup.withListener(listener::backupProgress);
            Path dump = step(Step.DUMP, "dump production " + b.production.describe(), listener, durations, () -> {
                DumpResult d = tools.dump(b.production, dumpOptions(), w.dumpPath());
                w.dump = d.file();
                return d.tables() + (d.tables() == 1 ? " table, " : " tables, ") + size(d.bytes()) + " in " + d.file()
                        + (b.dumpFile == null && b.jobs > 1 ? " (" + b.jobs + " jobs)" : "");
            }, () -> w.dump);
            ConnectionInfo testDb = step(Step.RESTORE, Step.RESTORE.label(), listener, durations, () -> {
                boolean created;
                ConnectionInfo target;
                if (b.test != null) {
                    created = prepareTestDatabase(b.test, prodId, listener, confirmer);
                    target = b.test;
                } else {
                    target = w.throwaway(b.production).createDb("rehearsal");
                    created = true;
                }
                // only a database pum made can take a parallel restore: it is dropped if the restore fails
                int restoreJobs = created ? b.jobs : 1;
                RestoreResult rr;
                try {
                    rr = tools.restore(target, new RestoreOptions(List.of(), b.ignoreRestoreErrors).withVerify(false)
                            .withJobs(restoreJobs), dump);
                } catch (PumException e) {
                    if (created && b.test != null) {
                        dropAfterFailedRestore(b.test, listener);
                    }
                    throw e;
                }
                w.testDb = target;
                return "into " + target.describe() + ", " + rr.entries() + " objects" + (restoreJobs > 1 ? " (" + restoreJobs + " jobs)" : "")
                        + (rr.hasErrors() ? ", " + rr.errorCount() + " errors ignored (-x)" : "");
            }, () -> w.testDb);
            step(Step.UPGRADE_TEST, Step.UPGRADE_TEST.label(), listener, durations, () -> {
                UpgradeResult u = Upgrader.upgrade(testDb, b.table, b.deltas,
                        b.upgradeOptions.withPgService(b.test == null ? "embedded" : b.testService).withProgress(listener::note));
                return "from " + u.before() + " to " + u.after();
            }, () -> null);
            ConnectionInfo compDb = step(Step.COMPARISON, b.comparison != null ? "open the comparison database"
                    : "build the comparison database from " + b.comparisonSql.size() + " SQL file" + (b.comparisonSql.size() == 1 ? "" : "s"),
                    listener, durations, () -> {
                        w.compDb = b.comparison != null ? b.comparison : buildComparison(w.throwaway(b.production).createDb("comparison"));
                        return w.compDb.describe();
                    }, () -> w.compDb);
            DiffResult diff = step(Step.COMPARE, Step.COMPARE.label(), listener, durations, () -> {
                w.diff = compare(testDb, compDb);
                return w.diff.isEmpty() ? "no differences" : w.diff.differences().size() + (w.diff.differences().size() == 1 ? " difference" : " differences");
            }, () -> w.diff);
            if (!diff.isEmpty()) {
                return new RehearsalResult(RehearsalResult.Outcome.DIFFERENCES, plan, diff, null, durations);
            }
            int files = plan.plan().pendingFiles().size();
            if (!confirmer.confirm(Confirmer.Question.UPGRADE_PRODUCTION, "The rehearsal passed. Upgrade production "
                    + b.production.describe() + " from " + plan.before() + " now (" + files + (files == 1 ? " file" : " files") + ")?")) {
                throw new RehearsalException(ErrorCode.ABORTED, "cancelled: production " + b.production.describe() + " was not changed", null);
            }
            UpgradeResult upgraded = step(Step.UPGRADE_PRODUCTION, "upgrade production " + b.production.describe(), listener, durations, () -> {
                w.production = Upgrader.upgrade(b.production, b.table, b.deltas,
                        b.upgradeOptions.withPgService(b.productionService).withProgress(listener::note));
                return "from " + w.production.before() + " to " + w.production.after();
            }, () -> w.production);
            return new RehearsalResult(RehearsalResult.Outcome.UPGRADED, plan, diff, upgraded, durations);
        } finally {
            w.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (and finds nothing left to do)
            }
        }
    }

    private DumpOptions dumpOptions() {
        return b.dumpFile != null ? DumpOptions.defaults() : DumpOptions.defaults().withJobs(b.jobs);
    }

    /** Runs one step: announces it, times it, names it in a failure. */
    private <T> T step(Step step, String what, RehearsalListener listener, Map<Step, Duration> durations, Supplier<String> action,
                       Supplier<T> result) {
        listener.stepStarted(step, what);
        long t0 = System.nanoTime();
        String summary;
        try {
            summary = action.get();
        } catch (RehearsalException e) {
            throw e;
        } catch (PumException e) {
            throw new RehearsalException(step, "step " + step.number() + " (" + what + ") failed: " + e.getMessage(),
                    (step != Step.UPGRADE_PRODUCTION ? "production was not changed. " : "") + (e.hint() == null ? "" : e.hint()), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        durations.put(step, took);
        listener.stepFinished(step, took, summary);
        return result.get();
    }

    /** The test database's identity, read from the maintenance database when it may not exist yet. */
    private static DatabaseIdentity testIdentity(ConnectionInfo test) {
        try (Connection m = Database.connect(test.withDatabase(MAINTENANCE_DB))) {
            return DatabaseIdentity.of(m, test.dbname());
        } catch (PumException | SQLException e) {
            // no maintenance database to reach: the test database itself must exist then
            return DatabaseIdentity.of(test);
        }
    }

    /**
     * Makes the test database empty: created if missing; dropped and created again, after
     * confirmation, if it holds objects. Identity is checked again on the very connection that
     * drops, just before dropping. Returns whether pum created it (so it may be dropped again).
     */
    private boolean prepareTestDatabase(ConnectionInfo test, DatabaseIdentity prodId, RehearsalListener listener, Confirmer confirmer) {
        try (Connection m = Database.connect(test.withDatabase(MAINTENANCE_DB)); Statement st = m.createStatement()) {
            DatabaseIdentity id = DatabaseIdentity.of(m, test.dbname());
            if (id.sameDatabase(prodId)) {
                throw new RehearsalException(ErrorCode.USAGE, "the test database " + test.describe() + " is the production database ("
                        + prodId.describe() + "); nothing was changed", "name another database as the test database");
            }
            String name = PgText.quoteIdent(test.dbname());
            if (id.databaseOid() == 0) {
                st.execute("CREATE DATABASE " + name);
                listener.note("created the test database \"" + test.dbname() + "\"");
                return true;
            }
            long objects;
            int sessions;
            try (Connection t = Database.connect(test)) {
                DatabaseIdentity reached = DatabaseIdentity.of(t);
                if (!reached.sameDatabase(id) || reached.databaseOid() != id.databaseOid()) {
                    throw new RehearsalException(ErrorCode.USAGE, "the test database " + test.describe() + " and its server's "
                            + MAINTENANCE_DB + " database lead to different servers", "check the test database's connection settings");
                }
                objects = Backup.userObjectCount(t);
                // counted while this session is open, and without it: a closed session lingers a moment on the server
                sessions = otherSessions(m, t, id.databaseOid());
            }
            if (objects == 0) {
                return false;
            }
            if (sessions > 0 && !b.endSessions) {
                throw new RehearsalException(ErrorCode.USAGE, "the test database " + test.describe() + " holds " + objects
                        + " objects and has " + sessions + (sessions == 1 ? " other session" : " other sessions")
                        + " open: pum does not drop a database others are using; nothing was changed",
                        "close those sessions, pass --force-drop to end them, or name another test database");
            }
            if (!confirmer.confirm(Confirmer.Question.DROP_TEST_DATABASE, "The test database " + test.describe() + " holds " + objects
                    + (objects == 1 ? " object" : " objects") + (sessions > 0 ? " and has " + sessions + " other sessions, which will be ended" : "")
                    + ". Drop it and create it again (what it holds is lost)?")) {
                throw new RehearsalException(ErrorCode.ABORTED, "cancelled: the test database was not dropped; production was not changed", null);
            }
            listener.note("dropping the test database \"" + test.dbname() + "\" (" + objects + " objects"
                    + (sessions > 0 ? ", ending " + sessions + " other sessions" : "") + ") and creating it again");
            // checked once more on this connection, right before the drop
            if (DatabaseIdentity.of(m, test.dbname()).sameDatabase(prodId)) {
                throw new RehearsalException(ErrorCode.USAGE, "the test database is the production database; nothing was changed", null);
            }
            st.execute("DROP DATABASE " + name + (b.endSessions ? " WITH (FORCE)" : ""));
            st.execute("CREATE DATABASE " + name);
            return true;
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "cannot prepare the test database \"" + test.dbname() + "\" on "
                    + test.describe() + ": " + e.getMessage(), "the role needs CREATEDB; or create an empty test database yourself", e);
        }
    }

    private static int otherSessions(Connection m, Connection own, long oid) throws SQLException {
        int ownPid;
        try (Statement st = own.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            ownPid = rs.getInt(1);
        }
        try (PreparedStatement ps = m.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datid = ?::int8::oid"
                + " AND pid <> pg_backend_pid() AND pid <> ?")) {
            ps.setLong(1, oid);
            ps.setInt(2, ownPid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void dropAfterFailedRestore(ConnectionInfo test, RehearsalListener listener) {
        try (Connection m = Database.connect(test.withDatabase(MAINTENANCE_DB)); Statement st = m.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + PgText.quoteIdent(test.dbname()));
            listener.note("dropped the test database \"" + test.dbname() + "\" again: the restore failed");
        } catch (PumException | SQLException e) {
            listener.note("could not drop the half-restored test database \"" + test.dbname() + "\": " + e.getMessage());
        }
    }

    private ConnectionInfo buildComparison(ConnectionInfo db) {
        try (Connection c = Database.connect(db); Statement st = c.createStatement()) {
            for (Path f : b.comparisonSql) {
                try {
                    st.execute(Files.readString(f, StandardCharsets.UTF_8));
                } catch (SQLException e) {
                    throw new PumException(ErrorCode.DATABASE, "comparison SQL file " + f + " failed: " + e.getMessage(), null, e);
                } catch (IOException e) {
                    throw new PumException(ErrorCode.CONFIG, "cannot read " + f + ": " + e.getMessage(), null, e);
                }
            }
            return db;
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, e.getMessage(), null, e);
        }
    }

    /** As {@code pum check}: both read, compared, reprinted texts settled; the upgrades table left out by identity. */
    private DiffResult compare(ConnectionInfo testDb, ConnectionInfo compDb) {
        CatalogOptions options = b.catalogOptions.withoutTable(b.table.sqlName());
        try (Connection ca = Database.connect(testDb); Connection cb = Database.connect(compDb)) {
            Snapshot a = Catalog.read(ca, options);
            Snapshot s = Catalog.read(cb, options);
            return Reprints.settle(Diff.compare(a, s, b.diffOptions), a, s, pairs -> Catalog.sameMeaning(cb, pairs));
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, e.getMessage(), null, e);
        }
    }

    private static String size(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f GB", mb / 1024) : String.format(java.util.Locale.ROOT, "%.1f MB", mb);
    }

    /** What the steps leave behind, removed at the end or by the shutdown hook of a killed JVM. */
    private final class Work {
        private final RehearsalListener listener;
        private EmbeddedServer server;
        private Path serverDir;
        private Path dumpDir;
        private Path dump;
        private ConnectionInfo testDb;
        private ConnectionInfo compDb;
        private DiffResult diff;
        private UpgradeResult production;
        private boolean closed;

        Work(RehearsalListener listener) {
            this.listener = listener;
        }

        Path dumpPath() {
            if (b.dumpFile != null) {
                return b.dumpFile;
            }
            try {
                dumpDir = Files.createTempDirectory("pum-rehearsal-dump");
            } catch (IOException e) {
                throw new PumException(ErrorCode.EXTERNAL_TOOL, "cannot create a temporary directory: " + e.getMessage(), null, e);
            }
            return dumpDir.resolve(b.jobs > 1 ? "production.dir" : "production.backup");
        }

        Work throwaway(ConnectionInfo prod) {
            if (server == null) {
                int major;
                try (Connection c = Database.connect(prod)) {
                    major = PgText.serverVersionNum(c) / 10000;
                } catch (SQLException e) {
                    throw new PumException(ErrorCode.DATABASE, e.getMessage(), null, e);
                }
                PostgresBinaries bin = b.throwaway.apply(major);
                try {
                    serverDir = Files.createTempDirectory("pum-rehearsal");
                } catch (IOException e) {
                    throw new PumException(ErrorCode.EXTERNAL_TOOL, "cannot create a temporary directory: " + e.getMessage(), null, e);
                }
                synchronized (this) {
                    server = EmbeddedServer.start(bin, serverDir.resolve("data"), EmbeddedServer.Mode.EPHEMERAL);
                }
                listener.note("throwaway PostgreSQL " + bin.version() + " on 127.0.0.1:" + server.port());
            }
            return this;
        }

        ConnectionInfo createDb(String name) {
            server.createDatabase(name);
            return server.connectionInfo(name);
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (server != null) {
                server.close();
                deleteTree(serverDir);
            }
            if (dumpDir != null) {
                deleteTree(dumpDir);
            }
        }
    }

    private static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless; the next run makes a new one
        }
    }
}

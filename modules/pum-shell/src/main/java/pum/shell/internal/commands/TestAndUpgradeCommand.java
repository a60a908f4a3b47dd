package pum.shell.internal.commands;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import pum.backup.Backup;
import pum.backup.DumpOptions;
import pum.backup.DumpResult;
import pum.backup.RestoreOptions;
import pum.backup.RestoreResult;
import pum.catalog.Catalog;
import pum.catalog.CatalogObject;
import pum.catalog.CatalogOptions;
import pum.catalog.ObjectKind;
import pum.catalog.Snapshot;
import pum.core.ConnectionInfo;
import pum.core.Database;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.DeltaSet;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.diff.Diff;
import pum.diff.DiffOptions;
import pum.diff.DiffResult;
import pum.diff.Difference;
import pum.diff.TextReport;
import pum.embedded.EmbeddedServer;
import pum.embedded.PostgresBinaries;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.UsageException;

/**
 * {@code pum test-and-upgrade}: rehearses an upgrade on a copy of production and upgrades
 * production only when the rehearsed result matches the comparison database.
 */
public final class TestAndUpgradeCommand implements Command {
    static final Opt PROD = Opt.value("DB", "Production database (service, URI, conninfo).", "-pp", "--pg_service_prod",
            "--pg-service-prod").mandatory();
    static final Opt TEST = Opt.value("DB", "Test database the dump is restored into and upgraded first. Default: a throwaway"
            + " embedded PostgreSQL (same major as production when its binaries are available).",
            "-pt", "--pg_service_test", "--pg-service-test");
    static final Opt COMP = Opt.value("DB", "Comparison database: what the upgraded database must look like.",
            "-pc", "--pg_service_comp", "--pg-service-comp");
    static final Opt COMP_SQL = Opt.many("FILE", "Instead of -pc: SQL files that build the target version, run in order in a"
            + " throwaway database.", "--comp-sql");
    static final Opt FILE = Opt.value("FILE", "Dump file of production (default: backup_file from the config file, else a"
            + " temporary file deleted afterwards).", "-f", "--file");
    static final Opt IGNORE_RESTORE_ERRORS = Opt.flag("Ignore pg_restore errors (summarised).", "-x");
    static final Opt IGNORE_KINDS = Opt.many("KIND", "Element kinds the comparison ignores (as pum check -i; adds to"
            + " ignore_elements).", "-i", "--ignore");
    static final Opt EXCLUDE_SCHEMA = Opt.value("SCHEMA", "Schema the comparison leaves out (as pum check -N).",
            "-N", "--exclude-schema").multiple();
    static final Opt PATTERN = Opt.value("LIKE_PATTERN", "Columns whose name matches this SQL LIKE pattern are left out of the"
            + " comparison, with their comments (as pum check -P; PUM's meaning).", "-P", "--exclude-field-pattern").multiple();
    static final Opt VERBOSE = Opt.flag("Accepted for PUM's command lines (each step already says what it does).", "-vv", "--verbose");
    static final Opt YES = Opt.flag("Do not ask: upgrade production when the rehearsal passed, and restore into a test"
            + " database that is not empty. Required when standard input is not a terminal.", "-y", "--yes");

    private static final int STEPS = 6;

    private final Session session;

    /** Made by the composition root. */
    public TestAndUpgradeCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "test-and-upgrade";
    }

    @Override
    public String summary() {
        return "Rehearse an upgrade on a copy of production, compare, then upgrade production.";
    }

    @Override
    public String description() {
        return """
                Steps: 1 dump production; 2 restore it into the test database; 3 upgrade the test database;
                4 build or open the comparison database; 5 compare the upgraded test database with it (as
                pum check, honouring -i, -N, -P); 6 if they are equal, ask, then upgrade production.
                Each step says what it does and how long it took. If any step fails, or the comparison finds
                differences (exit 1), production is left untouched and pum says which step stopped it.
                pum's own upgrades table is left out of the comparison.
                The test database is recreated when it already holds objects (after confirmation or --yes),
                and is never the production database. See docs/test-and-upgrade.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(PROD, TEST, COMP, COMP_SQL, DeltaOptions.TABLE, DeltaOptions.DIR, DeltaOptions.IGNORE_FILE,
                DeltaOptions.STRICT_NAMES, FILE, IGNORE_RESTORE_ERRORS, IGNORE_KINDS, EXCLUDE_SCHEMA, PATTERN, UpgradeCommand.MAX,
                UpgradeCommand.VAR, VERBOSE, UpgradeCommand.LOCK_TIMEOUT, UpgradeCommand.STATEMENT_TIMEOUT, YES);
    }

    @Override
    public int run(Args args) throws IOException {
        String prodSpec = args.get(PROD.key());
        String testSpec = args.get(TEST.key());
        String compSpec = args.get(COMP.key());
        List<Path> compSql = args.all(COMP_SQL.key()).stream().map(Path::of).toList();
        boolean yes = args.has(YES.key());
        if (compSpec == null && compSql.isEmpty()) {
            throw new UsageException("test-and-upgrade needs a comparison database: -pc DB or --comp-sql FILE...", null);
        }
        if (compSpec != null && !compSql.isEmpty()) {
            throw new UsageException("give either -pc or --comp-sql, not both", null);
        }

        // Everything that can be checked without touching anything is checked first.
        DeltaOptions delta = DeltaOptions.from(args);
        UpgradesTable table = delta.table(session);
        // scanned once: the rehearsal and production get exactly the same files
        DeltaSet deltas = delta.scan(session);
        for (Path f : compSql) {
            if (!Files.isReadable(f)) {
                throw new PumException(ErrorCode.CONFIG, "cannot read comparison SQL file " + f, null);
            }
        }
        Set<ObjectKind> ignoredKinds = EnumSet.noneOf(ObjectKind.class);
        ignoredKinds.addAll(CheckCommand.kinds(args.all(IGNORE_KINDS.key()), "-i", ErrorCode.USAGE));
        ignoredKinds.addAll(CheckCommand.kinds(session.config().ignoreElements(), "ignore_elements in the config file", ErrorCode.CONFIG));
        DiffOptions diffOptions = new DiffOptions(ignoredKinds, args.all(PATTERN.key()), false);
        CatalogOptions catalogOptions = CatalogOptions.excluding(args.all(EXCLUDE_SCHEMA.key()));
        UpgradeOptions upgradeOptions = UpgradeOptions.defaults()
                .withMaxVersion(args.get(UpgradeCommand.MAX.key()) == null ? null : Version.parse(args.get(UpgradeCommand.MAX.key())))
                .withVariables(UpgradeCommand.variables(args.all(UpgradeCommand.VAR.key())))
                .withTimeouts(args.get(UpgradeCommand.LOCK_TIMEOUT.key(), session.config().lockTimeout()),
                        args.get(UpgradeCommand.STATEMENT_TIMEOUT.key(), session.config().statementTimeout()));
        if (!yes && !canAsk()) {
            throw new PumException(ErrorCode.ABORTED, "test-and-upgrade asks before it upgrades production, and there is no"
                    + " terminal to ask", "pass --yes to upgrade production when the rehearsal passes");
        }

        ConnectionInfo prod = session.resolve(prodSpec);
        ConnectionInfo test = testSpec == null ? null : session.resolve(testSpec);
        ConnectionInfo comp = compSpec == null ? null : session.resolve(compSpec);
        if (test != null && sameDatabase(prod, test)) {
            throw new UsageException("the test database " + test.describe() + " is the production database", 
                    "name another database with -pt, or leave -pt out to rehearse on a throwaway embedded server");
        }
        if (comp != null && sameDatabase(prod, comp)) {
            throw new UsageException("the comparison database " + comp.describe() + " is the production database", null);
        }
        if (comp != null && test != null && sameDatabase(test, comp)) {
            throw new UsageException("the comparison database " + comp.describe() + " is the test database", null);
        }

        UpgradeResult prodPlan = Upgrader.upgrade(prod, table, deltas, upgradeOptions.withDryRun(true));
        if (prodPlan.plan().isEmpty()) {
            session.out().println("production " + prod.describe() + " is up to date at version " + prodPlan.before()
                    + ": nothing to rehearse");
            return 0;
        }
        session.out().println("rehearsing the upgrade of " + prod.describe() + " from " + prodPlan.before() + " ("
                + prodPlan.plan().pendingFiles().size() + " pending file" + (prodPlan.plan().pendingFiles().size() == 1 ? "" : "s") + ")");

        Path configured = args.path(FILE.key()) != null ? args.path(FILE.key()) : session.config().backupFile();
        Path dumpFile = configured != null ? configured : Files.createTempFile("pum-test-and-upgrade", ".dump");
        Rehearsal r = new Rehearsal();
        try {
            Backup backup = Backup.using(session.config());
            step(1, "dump production " + prod.describe() + " to " + dumpFile, () -> {
                DumpResult d = BackupProgressPrinter.during(session, progress ->
                        backup.withListener(progress).dump(prod, DumpOptions.defaults(), dumpFile));
                return d.tables() + " tables, " + BackupProgressPrinter.size(d.bytes());
            });
            ConnectionInfo testDb = step(2, "restore the dump into the test database", () -> {
                ConnectionInfo target = test != null ? prepareTestDatabase(test, yes) : r.throwaway(prod).createDb("rehearsal");
                RestoreResult rr = BackupProgressPrinter.during(session, progress -> backup.withListener(progress).restore(target,
                        new RestoreOptions(List.of(), args.has(IGNORE_RESTORE_ERRORS.key())), dumpFile));
                r.testDb = target;
                return "into " + target.describe() + ", " + rr.entries() + " objects"
                            + (rr.hasErrors() ? ", " + rr.errorCount() + " errors ignored (-x)" : "");
            }, () -> r.testDb);
            step(3, "upgrade the test database", () -> {
                UpgradeResult u = Upgrader.upgrade(testDb, table, deltas,
                        upgradeOptions.withPgService(testSpec == null ? "embedded" : testSpec)
                                .withProgress(line -> session.out().println("  " + line)));
                return "from " + u.before() + " to " + u.after();
            });
            ConnectionInfo compDb = step(4, comp != null ? "open the comparison database" : "build the comparison database from "
                    + compSql.size() + " SQL file" + (compSql.size() == 1 ? "" : "s"), () -> {
                        r.compDb = comp != null ? comp : buildComparison(r.throwaway(prod).createDb("comparison"), compSql);
                        return r.compDb.describe();
                    }, () -> r.compDb);
            DiffResult diff = step(5, "compare the upgraded test database with the comparison database", () -> {
                Snapshot a;
                Snapshot b;
                try (Connection ca = Database.connect(testDb); Connection cb = Database.connect(compDb)) {
                    a = Catalog.read(ca, catalogOptions);
                    b = Catalog.read(cb, catalogOptions);
                } catch (SQLException e) {
                    throw new PumException(ErrorCode.DATABASE, e.getMessage(), null, e);
                }
                r.diff = withoutUpgradesTable(Diff.compare(a, b, diffOptions), table, a, b);
                return r.diff.isEmpty() ? "no differences" : r.diff.differences().size() + " differences";
            }, () -> r.diff);
            if (!diff.isEmpty()) {
                session.out().println("first: the upgraded test database; second: the comparison database");
                session.out().print(new TextReport(1, false).render(diff));
                session.err().println("pum: the rehearsal does not give the comparison database: production " + prod.describe()
                        + " was not changed");
                return ErrorCode.DIFFERENCES.exitCode();
            }
            if (!yes) {
                confirm(prod, prodPlan);
            }
            step(6, "upgrade production " + prod.describe(), () -> {
                UpgradeResult u = Upgrader.upgrade(prod, table, deltas,
                        upgradeOptions.withPgService(prodSpec).withProgress(line -> session.out().println("  " + line)));
                return "from " + u.before() + " to " + u.after();
            });
            session.out().println("production upgraded; the rehearsal and the upgrade passed");
            return 0;
        } finally {
            r.close();
            if (configured == null) {
                Files.deleteIfExists(dumpFile);
            }
        }
    }

    /** Runs one step, printing what it does and how long it took; a failure names the step. */
    private <T> T step(int n, String what, Supplier<String> action) {
        return step(n, what, action, () -> null);
    }

    @SuppressWarnings("unchecked")
    private <T> T step(int n, String what, Supplier<String> action, Supplier<?> result) {
        session.out().println("[" + n + "/" + STEPS + "] " + what + " ...");
        long t0 = System.nanoTime();
        String summary;
        try {
            summary = action.get();
        } catch (PumException e) {
            throw new PumException(e.code(), "step " + n + " (" + what + ") failed: " + e.getMessage(),
                    (n < STEPS ? "production was not changed. " : "") + (e.hint() == null ? "" : e.hint()), e);
        }
        session.out().printf(Locale.ROOT, "[%d/%d] done in %.1f s: %s%n", n, STEPS, (System.nanoTime() - t0) / 1e9, summary);
        return (T) result.get();
    }

    /** Creates the test database if missing; recreates it (after asking) if it holds objects. */
    private ConnectionInfo prepareTestDatabase(ConnectionInfo test, boolean yes) {
        ConnectionInfo maintenance = test.withDatabase("postgres");
        try (Connection m = Database.connect(maintenance); Statement st = m.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = " + literal(test.dbname()))) {
                exists = rs.next();
            }
            if (exists) {
                long objects;
                try (Connection t = Database.connect(test)) {
                    objects = Backup.userObjectCount(t);
                }
                if (objects == 0) {
                    return test;
                }
                if (!yes) {
                    ask("the test database " + test.describe() + " holds " + objects + " objects; drop and recreate it?");
                }
                st.execute("DROP DATABASE " + ident(test.dbname()) + " WITH (FORCE)");
            }
            st.execute("CREATE DATABASE " + ident(test.dbname()));
            return test;
        } catch (SQLException e) {
            throw new PumException(ErrorCode.DATABASE, "cannot create the test database \"" + test.dbname() + "\" on "
                    + test.describe() + ": " + e.getMessage(), "create an empty test database yourself, or leave -pt out", e);
        }
    }

    private ConnectionInfo buildComparison(ConnectionInfo db, List<Path> files) {
        try (Connection c = Database.connect(db); Statement st = c.createStatement()) {
            for (Path f : files) {
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

    /**
     * The upgrades table exists in the rehearsed database and usually not in a comparison
     * database built from scratch: it is pum's metadata, not part of the data model.
     */
    static DiffResult withoutUpgradesTable(DiffResult diff, UpgradesTable table, Snapshot a, Snapshot b) {
        String t = table.toString();
        String schema = table.schema();
        List<Difference> kept = new ArrayList<>();
        for (Difference d : diff.differences()) {
            String o = d.object();
            boolean ours = o.equals(t) || o.startsWith(t + ".")
                    || ((d.kind() == ObjectKind.INDEXES || d.kind() == ObjectKind.SEQUENCES) && o.startsWith(t + "_"))
                    || (d.kind() == ObjectKind.SCHEMAS && o.equals(schema) && onlyUpgradesTable(a, schema, t) && onlyUpgradesTable(b, schema, t));
            if (!ours) {
                kept.add(d);
            }
        }
        return new DiffResult(kept);
    }

    private static boolean onlyUpgradesTable(Snapshot s, String schema, String t) {
        for (ObjectKind k : List.of(ObjectKind.TABLES, ObjectKind.VIEWS, ObjectKind.FUNCTIONS, ObjectKind.TYPES, ObjectKind.DOMAINS,
                ObjectKind.SEQUENCES)) {
            for (CatalogObject o : s.objects(k)) {
                String n = o.name();
                if (n.startsWith(schema + ".") && !n.equals(t) && !n.startsWith(t + "_")) {
                    return false;
                }
            }
        }
        return true;
    }

    private void confirm(ConnectionInfo prod, UpgradeResult plan) {
        int files = plan.plan().pendingFiles().size();
        ask("the rehearsal passed. Upgrade production " + prod.describe() + " from " + plan.before() + " now ("
                + files + (files == 1 ? " file" : " files") + ")?");
    }

    private boolean canAsk() {
        return System.console() != null && session.in() == System.in;
    }

    private void ask(String question) {
        if (!canAsk()) {
            throw new PumException(ErrorCode.ABORTED, question.replace("?", "") + ": no terminal to ask", "pass --yes");
        }
        Console console = System.console();
        String answer = console.readLine("pum: %s [y/N] ", question);
        if (answer == null || !List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
            throw new PumException(ErrorCode.ABORTED, "cancelled; production was not changed", null);
        }
    }

    private static boolean sameDatabase(ConnectionInfo a, ConnectionInfo b) {
        return a.port() == b.port() && a.dbname().equals(b.dbname()) && host(a.host()).equals(host(b.host()));
    }

    private static String host(String h) {
        return h.equals("localhost") || h.equals("::1") || h.startsWith("127.") ? "loopback" : h.toLowerCase(Locale.ROOT);
    }

    private static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** What the steps leave behind: the throwaway server, if one was started. */
    private final class Rehearsal implements AutoCloseable {
        EmbeddedServer server;
        Path dir;
        ConnectionInfo testDb;
        ConnectionInfo compDb;
        DiffResult diff;

        Rehearsal throwaway(ConnectionInfo prod) {
            if (server == null) {
                PostgresBinaries bin = binariesFor(prod);
                try {
                    dir = Files.createTempDirectory("pum-rehearsal");
                } catch (IOException e) {
                    throw new PumException(ErrorCode.EXTERNAL_TOOL, "cannot create a temporary directory: " + e.getMessage(), null, e);
                }
                server = EmbeddedServer.start(bin, dir.resolve("data"), EmbeddedServer.Mode.EPHEMERAL);
                session.out().println("  throwaway PostgreSQL " + bin.version() + " on 127.0.0.1:" + server.port());
            }
            return this;
        }

        ConnectionInfo createDb(String name) {
            server.createDatabase(name);
            return server.connectionInfo(name);
        }

        /** The same major as production when its binaries can be found, else the ones pum has (said so). */
        private PostgresBinaries binariesFor(ConnectionInfo prod) {
            int major;
            try (Connection c = Database.connect(prod); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW server_version_num")) {
                rs.next();
                major = Integer.parseInt(rs.getString(1)) / 10000;
            } catch (SQLException e) {
                throw new PumException(ErrorCode.DATABASE, e.getMessage(), null, e);
            }
            List<Supplier<Optional<PostgresBinaries>>> candidates = List.of(
                    () -> Optional.ofNullable(session.config().embeddedBinDir()).map(PostgresBinaries::inDirectory),
                    () -> Optional.ofNullable(System.getenv("PUM_PG_BIN")).map(Path::of).map(PostgresBinaries::inDirectory),
                    () -> Optional.of(Path.of("/usr/lib/postgresql/" + major + "/bin")).filter(p -> Files.isExecutable(p.resolve("postgres")))
                            .map(PostgresBinaries::inDirectory),
                    PostgresBinaries::bundled);
            PostgresBinaries fallback = null;
            for (Supplier<Optional<PostgresBinaries>> c : candidates) {
                Optional<PostgresBinaries> b = c.get();
                if (b.isPresent() && b.get().major() == major) {
                    return b.get();
                }
                if (fallback == null && b.isPresent()) {
                    fallback = b.get();
                }
            }
            if (fallback == null) {
                throw new PumException(ErrorCode.CONFIG, "no PostgreSQL binaries for a throwaway test server",
                        "give a test database with -pt, or set embedded_bin_dir / PUM_PG_BIN");
            }
            session.err().println("pum: note: no PostgreSQL " + major + " binaries found (production's major); rehearsing on PostgreSQL "
                    + fallback.version() + " from " + fallback.binDir());
            return fallback;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // a leftover empty temporary directory is harmless
                }
            }
        }
    }
}

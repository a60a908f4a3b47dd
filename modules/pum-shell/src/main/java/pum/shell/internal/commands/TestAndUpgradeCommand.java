package pum.shell.internal.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import pum.backup.Backup;
import pum.backup.BackupException;
import pum.backup.BackupProgress;
import pum.catalog.CatalogOptions;
import pum.catalog.ObjectKind;
import pum.core.ConnectionInfo;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.DeltaSet;
import pum.delta.Cancellation;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.diff.DiffOptions;
import pum.diff.TextReport;
import pum.embedded.PostgresBinaries;
import pum.rehearsal.Confirmer;
import pum.rehearsal.Rehearsal;
import pum.rehearsal.RehearsalException;
import pum.rehearsal.RehearsalListener;
import pum.rehearsal.RehearsalResult;
import pum.rehearsal.Step;
import pum.shell.internal.Confirmation;
import pum.shell.internal.Session;
import pum.shell.internal.Signals;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.UsageException;

/**
 * {@code pum test-and-upgrade}: options and printing around {@link Rehearsal}, which rehearses an
 * upgrade on a copy of production and upgrades production only when the rehearsed result matches
 * the comparison database.
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
    static final Opt FILE = Opt.value("FILE", "Dump file of production, one custom-format file (default: backup_file from the"
            + " config file, else a temporary parallel dump deleted afterwards).", "-f", "--file");
    static final Opt IGNORE_RESTORE_ERRORS = Opt.flag("Ignore pg_restore errors (summarised).", "-x");
    static final Opt IGNORE_KINDS = Opt.many("KIND", "Element kinds the comparison ignores (as pum check -i; adds to"
            + " ignore_elements).", "-i", "--ignore");
    static final Opt EXCLUDE_SCHEMA = Opt.value("SCHEMA", "Schema the comparison leaves out (as pum check -N).",
            "-N", "--exclude-schema").multiple();
    static final Opt PATTERN = Opt.value("LIKE_PATTERN", "Columns whose name matches this SQL LIKE pattern are left out of the"
            + " comparison, with their comments (as pum check -P; PUM's meaning).", "-P", "--exclude-field-pattern").multiple();
    static final Opt VERBOSE = Opt.flag("Accepted for PUM's command lines (each step already says what it does).", "-vv", "--verbose");
    static final Opt JOBS = Opt.value("N", "Parallel jobs for pg_dump and pg_restore (default: the processors available;"
            + " 1: one custom-format file, one job).", "-j", "--jobs");
    static final Opt FORCE_DROP = Opt.flag("Drop the test database even when other sessions are connected to it (they are"
            + " ended). Without it pum refuses.", "--force-drop");
    static final Opt YES = Opt.flag("Do not ask: upgrade production when the rehearsal passed, and drop and recreate a test"
            + " database that is not empty. Without a terminal and without --yes, one answer line is read from standard input.",
            "-y", "--yes");


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
                pum's own upgrades table is left out of the comparison (by identity, whatever -t's spelling).
                The test and comparison databases are told apart from production by what the servers say
                (system identifier, database OID), never by how they are spelled. A test database holding
                objects is dropped and recreated after confirmation or --yes, never while others use it
                unless --force-drop. Questions read one answer line from a pipe (yes | pum ...).
                See docs/test-and-upgrade.md.""";
    }

    @Override
    public List<Opt> options() {
        return List.of(PROD, TEST, COMP, COMP_SQL, DeltaOptions.TABLE, DeltaOptions.DIR, DeltaOptions.IGNORE_FILE,
                DeltaOptions.STRICT_NAMES, FILE, IGNORE_RESTORE_ERRORS, IGNORE_KINDS, EXCLUDE_SCHEMA, PATTERN, UpgradeCommand.MAX,
                UpgradeCommand.VAR, VERBOSE, UpgradeCommand.LOCK_TIMEOUT, UpgradeCommand.STATEMENT_TIMEOUT, JOBS, FORCE_DROP, YES);
    }

    @Override
    public int run(Args args) throws Exception {
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
        int jobs = args.integer(JOBS.key(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        if (jobs < 1) {
            throw new UsageException("-j takes a number of jobs, 1 or more, not " + jobs, null);
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
        Cancellation cancellation = new Cancellation();
        UpgradeOptions upgradeOptions = UpgradeOptions.defaults()
                .withMaxVersion(args.get(UpgradeCommand.MAX.key()) == null ? null : Version.parse(args.get(UpgradeCommand.MAX.key())))
                .withVariables(UpgradeCommand.variables(args.all(UpgradeCommand.VAR.key())))
                .withTimeouts(args.get(UpgradeCommand.LOCK_TIMEOUT.key(), session.config().lockTimeout()),
                        args.get(UpgradeCommand.STATEMENT_TIMEOUT.key(), session.config().statementTimeout()))
                .withCancellation(cancellation);
        Confirmation confirmation = Confirmation.of(session, yes);
        confirmation.requireAnswerable("before it upgrades production");

        ConnectionInfo prod = session.resolve(prodSpec);
        Rehearsal.Builder rehearsal = Rehearsal.of(prod, table, deltas)
                .upgradeOptions(upgradeOptions)
                .catalogOptions(CatalogOptions.excluding(args.all(EXCLUDE_SCHEMA.key())))
                .diffOptions(new DiffOptions(ignoredKinds, args.all(PATTERN.key()), false))
                .backup(Backup.using(session.config()))
                .ignoreRestoreErrors(args.has(IGNORE_RESTORE_ERRORS.key()))
                .jobs(jobs)
                .endSessions(args.has(FORCE_DROP.key()))
                .serviceNames(prodSpec, testSpec)
                .throwawayServer(this::binariesFor);
        if (testSpec != null) {
            rehearsal.testDatabase(session.resolve(testSpec));
        }
        if (compSpec != null) {
            rehearsal.comparisonDatabase(session.resolve(compSpec));
        } else {
            rehearsal.comparisonSql(compSql);
        }
        Path configured = args.path(FILE.key()) != null ? args.path(FILE.key()) : session.config().backupFile();
        if (configured != null) {
            rehearsal.dumpFile(configured);
        }

        Printer printer = new Printer();
        RehearsalResult result;
        try (AutoCloseable signals = Signals.cancelling(cancellation)) {
            result = rehearsal.build().run(printer, (question, text) -> {
                printer.progress.clear();
                return confirmation.ask(text);
            });
        } catch (RehearsalException e) {
            printer.progress.clear();
            if (e.getCause() instanceof BackupException be) {
                BackupProgressPrinter.printToolOutput(be, session.err(), session.verbose());
            }
            throw e;
        } finally {
            printer.progress.clear();
        }
        switch (result.outcome()) {
            case UP_TO_DATE -> {
                session.out().println("production " + prod.describe() + " is up to date at version " + result.plan().before()
                        + ": nothing to rehearse");
                return 0;
            }
            case DIFFERENCES -> {
                session.out().println("first: the upgraded test database; second: the comparison database");
                session.out().print(new TextReport(1, false).render(result.differences()));
                session.err().println("pum: the rehearsal does not give the comparison database: production " + prod.describe()
                        + " was not changed");
                return ErrorCode.DIFFERENCES.exitCode();
            }
            default -> {
                Duration total = result.durations().values().stream().reduce(Duration.ZERO, Duration::plus);
                session.out().println("production upgraded; the rehearsal and the upgrade passed (" + seconds(total) + ")");
                return 0;
            }
        }
    }

    /** Prints the steps as they go: {@code [1/6] dump production ...}, {@code [1/6] done in 2.3 s: ...}. */
    private final class Printer implements RehearsalListener {
        final BackupProgressPrinter progress = BackupProgressPrinter.forSession(session);

        @Override
        public void planned(UpgradeResult plan) {
            if (!plan.plan().isEmpty()) {
                int files = plan.plan().pendingFiles().size();
                session.out().println("rehearsing the upgrade of production from " + plan.before() + " (" + files
                        + " pending file" + (files == 1 ? "" : "s") + ")");
            }
        }

        @Override
        public void stepStarted(Step step, String what) {
            session.out().println("[" + step.number() + "/" + Step.count() + "] " + what + " ...");
        }

        @Override
        public void stepFinished(Step step, Duration took, String summary) {
            progress.clear();
            session.out().println("[" + step.number() + "/" + Step.count() + "] done in " + seconds(took) + ": " + summary);
        }

        @Override
        public void note(String line) {
            progress.clear();
            session.out().println("  " + pum.core.Secrets.mask(line));
        }

        @Override
        public void backupProgress(BackupProgress p) {
            progress.progress(p);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    /** Production's major when its binaries can be found, else the ones pum has (said so). */
    private PostgresBinaries binariesFor(int major) {
        List<Supplier<Optional<PostgresBinaries>>> candidates = List.of(
                () -> Optional.ofNullable(session.config().embeddedBinDir()).map(PostgresBinaries::inDirectory),
                () -> Optional.ofNullable(System.getenv("PUM_PG_BIN")).map(Path::of).map(PostgresBinaries::inDirectory),
                () -> Optional.of(Path.of("/usr/lib/postgresql/" + major + "/bin")).filter(p -> Files.isExecutable(p.resolve("postgres")))
                        .map(PostgresBinaries::inDirectory),
                PostgresBinaries::bundled);
        PostgresBinaries fallback = null;
        for (Supplier<Optional<PostgresBinaries>> c : candidates) {
            Optional<PostgresBinaries> found = c.get();
            if (found.isPresent() && found.get().major() == major) {
                return found.get();
            }
            if (fallback == null && found.isPresent()) {
                fallback = found.get();
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
}

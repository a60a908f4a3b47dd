package pum.shell.internal.commands;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.Cancellation;
import pum.core.ConnectionInfo;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;
import pum.shell.internal.Signals;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;

/** {@code pum upgrade} (alias {@code migrate}): applies pending deltas. */
public final class UpgradeCommand implements Command {
    static final Opt MAX = Opt.value("X.Y.Z", "Apply nothing above this version.", "-u", "--max-version");
    static final Opt VAR = Opt.tuple(3, "TYPE NAME VALUE", "An SQL variable for %(NAME)s placeholders: TYPE is int, float or string.",
            "-v", "--var");
    static final Opt PLAN = Opt.flag("Print the plan before applying it (PUM's -vv/--verbose; --verbose also logs progress).",
            "-vv", "--verbose", "--verbose-upgrade");
    static final Opt DRY_RUN = Opt.flag("Print the plan (files in order, per transaction) and change nothing.", "--dry-run");
    static final Opt ACCEPT_CHANGED = Opt.flag("Go on although applied deltas were edited since, and store their new checksums.",
            "--accept-changed");
    static final Opt RETRY_FAILED = Opt.flag("Run again no-transaction deltas whose earlier attempt failed midway.", "--retry-failed");
    static final Opt RERUN_INTERRUPTED = Opt.flag("Run an interrupted no-transaction or Python delta again from its first statement"
            + " (after a crash, kill -9 or a lost server; pum info shows how far it got).", "--rerun-interrupted");
    static final Opt RESUME_AT = Opt.value("N", "Go on with an interrupted no-transaction SQL delta at its statement N (1-based;"
            + " pum info says after which statement it stopped).", "--resume-at");
    static final Opt MIGRATION = Opt.value("FILE", "Apply only this pending delta file (by name), with pre-all and post-all around it.",
            "--migration");
    static final Opt LOCK_WAIT = Opt.value("DURATION", "How long to wait while another upgrade of the same table runs"
            + " (default 5min; 0 gives up at once).", "--lock-wait");
    static final Opt LOCK_TIMEOUT = Opt.value("DURATION", "PostgreSQL lock_timeout for every statement of the upgrade, e.g. 10s"
            + " (default: lock_timeout from the config file).", "--lock-timeout");
    static final Opt STATEMENT_TIMEOUT = Opt.value("DURATION", "PostgreSQL statement_timeout for every statement of the upgrade"
            + " (default: statement_timeout from the config file).", "--statement-timeout");

    private final Session session;

    /** Made by the composition root. */
    public UpgradeCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "upgrade";
    }

    @Override
    public List<String> aliases() {
        return List.of("migrate");
    }

    @Override
    public String summary() {
        return "Apply pending delta files.";
    }

    @Override
    public String description() {
        return """
                Applies the pending delta files whose version is >= the current version (and <= -u), in version
                order: pre-all, then per version its pre, delta and post files in one transaction together with
                their rows in the upgrades table, then post-all. A failing version is rolled back and the
                upgrade stops, naming the file, line, column and SQLSTATE. Another upgrade of the same table
                waits for this one. See docs/deltas.md and docs/java-deltas.md.""";
    }

    @Override
    public List<Opt> options() {
        return DeltaOptions.with(MAX, VAR, PLAN, DRY_RUN, ACCEPT_CHANGED, RETRY_FAILED, RERUN_INTERRUPTED, RESUME_AT, MIGRATION, LOCK_WAIT,
                LOCK_TIMEOUT, STATEMENT_TIMEOUT);
    }

    @Override
    public int run(Args args) throws Exception {
        DeltaOptions delta = DeltaOptions.from(args);
        String maxVersion = args.get(MAX.key());
        List<String> vars = args.all(VAR.key());
        boolean verbosePlan = args.has(PLAN.key());
        boolean dryRun = args.has(DRY_RUN.key());
        boolean acceptChanged = args.has(ACCEPT_CHANGED.key());
        boolean retryFailed = args.has(RETRY_FAILED.key());
        String migration = args.get(MIGRATION.key());
        boolean rerun = args.has(RERUN_INTERRUPTED.key());
        Integer resumeAt = positive(args.get(RESUME_AT.key()), "--resume-at");
        if (rerun && resumeAt != null) {
            throw new PumException(ErrorCode.USAGE, "--rerun-interrupted and --resume-at exclude each other",
                    "--rerun-interrupted runs the interrupted delta from its first statement, --resume-at N from statement N");
        }
        String lockWait = args.get(LOCK_WAIT.key(), "5min");
        String lockTimeout = args.get(LOCK_TIMEOUT.key());
        String statementTimeout = args.get(STATEMENT_TIMEOUT.key());
        UpgradesTable table = delta.table(session);
        Cancellation cancellation = new Cancellation();
        UpgradeOptions o = UpgradeOptions.defaults()
                .withMaxVersion(maxVersion == null ? null : Version.parse(maxVersion))
                .withVariables(variables(vars))
                .withDryRun(dryRun)
                .withAcceptChanged(acceptChanged)
                .withRetryFailed(retryFailed)
                .withRerunInterrupted(rerun)
                .withResumeAt(resumeAt)
                .withCancellation(cancellation)
                .withOnlyFile(migration)
                .withLockWait(duration(lockWait, "--lock-wait"))
                .withTimeouts(lockTimeout != null ? lockTimeout : session.config().lockTimeout(),
                        statementTimeout != null ? statementTimeout : session.config().statementTimeout())
                .withPgService(session.target(delta.database))
                .withProgress(line -> session.out().println("pum: " + pum.core.Secrets.mask(line)));
        long t0 = System.nanoTime();
        // scanned here, once: files that are not deltas are warned about once, and strict names apply
        ConnectionInfo db = session.resolve(delta.database);
        if (verbosePlan && !dryRun) {
            UpgradeResult plan = Upgrader.upgrade(db, table, delta.scan(session), o.withDryRun(true));
            plan.plan().describe().forEach(session.out()::println);
        }
        UpgradeResult r;
        try (AutoCloseable signals = Signals.cancelling(cancellation)) {
            // the directories are scanned while the connection opens (both are most of a no-op upgrade)
            r = Upgrader.upgrade(db, table, () -> delta.scan(session), o);
        }
        if (r.dryRun()) {
            r.plan().describe().forEach(session.out()::println);
            session.out().println("dry run: nothing was changed");
            return 0;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (r.plan().isEmpty()) {
            session.out().println("database is up to date at version " + r.after() + " (" + table + ")");
        } else {
            long versioned = r.applied().stream().filter(a -> !a.file().isAll()).count();
            session.out().println("upgraded from " + r.before() + " to " + r.after() + ": " + versioned + " delta file"
                    + (versioned == 1 ? "" : "s") + " applied in " + ms + " ms");
        }
        return 0;
    }

    static Map<String, Object> variables(List<String> vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 2 < vars.size(); i += 3) {
            String type = vars.get(i).toLowerCase(Locale.ROOT);
            String name = vars.get(i + 1);
            String value = vars.get(i + 2);
            try {
                switch (type) {
                    case "int" -> out.put(name, Long.parseLong(value));
                    case "float" -> out.put(name, Double.parseDouble(value));
                    case "string", "str" -> out.put(name, value);
                    default -> throw new PumException(ErrorCode.USAGE, "unknown variable type \"" + vars.get(i) + "\" for " + name
                            + ": expected int, float or string", "for example -v int srid 2056");
                }
            } catch (NumberFormatException e) {
                throw new PumException(ErrorCode.USAGE, "variable " + name + ": \"" + value + "\" is not a valid " + type, null, e);
            }
        }
        return out;
    }

    static Integer positive(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new PumException(ErrorCode.USAGE, "invalid " + option + " \"" + text + "\": expected a statement number (1, 2, ...)",
                "pum info says after which statement the interrupted delta stopped");
    }

    /** Seconds, or a number with ms, s, min or h. */
    static Duration duration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("min")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 3).strip()));
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new PumException(ErrorCode.USAGE, "invalid " + option + " \"" + text + "\": expected seconds or a number with ms, s, min or h, for example 30s", null, e);
        }
    }
}

package pum.shell.internal.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.delta.UpgradeOptions;
import pum.delta.UpgradeResult;
import pum.delta.Upgrader;
import pum.delta.UpgradesTable;
import pum.delta.Version;
import pum.shell.internal.Session;

/** {@code pum upgrade} (alias {@code migrate}): applies pending deltas. */
@Command(name = "upgrade", aliases = "migrate", mixinStandardHelpOptions = true,
        header = "Apply pending delta files.",
        description = {"Apply the pending delta files whose version is >= the current version (and <= -u), in version "
                + "order: pre-all, then per version its pre, delta and post files in one transaction together with their "
                + "rows in the upgrades table, then post-all. A failing version is rolled back and the upgrade stops, "
                + "naming the file, line, column and SQLSTATE. Another upgrade of the same table waits for this one.",
                "See docs/deltas.md and docs/java-deltas.md."})
public final class UpgradeCommand implements Callable<Integer> {
    private final Session session;

    @Mixin
    DeltaOptions delta;

    @Option(names = {"-u", "--max-version"}, paramLabel = "X.Y.Z", description = "Apply nothing above this version.")
    String maxVersion;

    @Option(names = {"-v", "--var"}, arity = "3", paramLabel = "TYPE NAME VALUE", hideParamSyntax = true,
            description = "An SQL variable for %%(NAME)s placeholders: TYPE is int, float or string. Repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = {"-vv", "--verbose-upgrade"}, description = "Print the plan before applying it.")
    boolean verbosePlan;

    @Option(names = "--dry-run", description = "Print the plan (files in order, per transaction) and change nothing.")
    boolean dryRun;

    @Option(names = "--accept-changed", description = "Go on although applied deltas were edited since, and store their new checksums.")
    boolean acceptChanged;

    @Option(names = "--retry-failed", description = "Run again no-transaction deltas whose earlier attempt failed midway.")
    boolean retryFailed;

    @Option(names = "--migration", paramLabel = "FILE", description = "Apply only this pending delta file (by name), with pre-all and post-all around it.")
    String migration;

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "5min",
            description = "How long to wait while another upgrade of the same table runs (default ${DEFAULT-VALUE}; 0 gives up at once).")
    String lockWait;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "PostgreSQL lock_timeout for every statement of the upgrade, e.g. 10s (default: lock_timeout from the config file).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "PostgreSQL statement_timeout for every statement of the upgrade (default: statement_timeout from the config file).")
    String statementTimeout;

    /** Made by the composition root. */
    public UpgradeCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        UpgradesTable table = delta.table(session);
        UpgradeOptions o = UpgradeOptions.defaults()
                .withMaxVersion(maxVersion == null ? null : Version.parse(maxVersion))
                .withVariables(variables())
                .withDryRun(dryRun)
                .withAcceptChanged(acceptChanged)
                .withRetryFailed(retryFailed)
                .withOnlyFile(migration)
                .withLockWait(duration(lockWait, "--lock-wait"))
                .withTimeouts(lockTimeout != null ? lockTimeout : session.config().lockTimeout(),
                        statementTimeout != null ? statementTimeout : session.config().statementTimeout())
                .withPgService(delta.database)
                .withProgress(line -> session.out().println("pum: " + line));
        long t0 = System.nanoTime();
        if (verbosePlan && !dryRun) {
            UpgradeResult plan = Upgrader.upgrade(session.resolve(delta.database), table, delta.dirs(session), delta.ignored(session), o.withDryRun(true));
            plan.plan().describe().forEach(session.out()::println);
        }
        UpgradeResult r = Upgrader.upgrade(session.resolve(delta.database), table, delta.dirs(session), delta.ignored(session), o);
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

    private Map<String, Object> variables() {
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

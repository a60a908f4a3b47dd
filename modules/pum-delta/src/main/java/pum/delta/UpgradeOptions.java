package pum.delta;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How an upgrade runs. Start from {@link #defaults()} and change what you need with the
 * {@code with...} methods. Upgrades never prompt: every decision is an option here, so callers
 * (the CLI, test-and-upgrade) run them non-interactively.
 */
public final class UpgradeOptions {
    private Version maxVersion;
    private Map<String, Object> variables = Map.of();
    private boolean dryRun;
    private boolean acceptChanged;
    private boolean retryFailed;
    private boolean rerunInterrupted;
    private Integer resumeAt;
    private String onlyFile;
    private Duration lockWait = Duration.ofMinutes(5);
    private String lockTimeout;
    private String statementTimeout;
    private Duration lockReportAfter = Duration.ofSeconds(3);
    private String pgService;
    private Consumer<String> progress = s -> { };
    private Cancellation cancellation = new Cancellation();

    private UpgradeOptions() {
    }

    private UpgradeOptions copy() {
        UpgradeOptions o = new UpgradeOptions();
        o.maxVersion = maxVersion;
        o.variables = variables;
        o.dryRun = dryRun;
        o.acceptChanged = acceptChanged;
        o.retryFailed = retryFailed;
        o.rerunInterrupted = rerunInterrupted;
        o.resumeAt = resumeAt;
        o.onlyFile = onlyFile;
        o.lockWait = lockWait;
        o.lockTimeout = lockTimeout;
        o.statementTimeout = statementTimeout;
        o.lockReportAfter = lockReportAfter;
        o.pgService = pgService;
        o.progress = progress;
        o.cancellation = cancellation;
        return o;
    }

    /** All deltas, no variables, wait up to 5 minutes for another upgrade, no timeouts, no output, never cancelled. */
    public static UpgradeOptions defaults() {
        return new UpgradeOptions();
    }

    /** Apply nothing above this version ({@code -u}), or null for all. */
    public Version maxVersion() {
        return maxVersion;
    }

    /** SQL variables ({@code -v TYPE NAME VALUE}): Long, Double or String by name. */
    public Map<String, Object> variables() {
        return variables;
    }

    /** Only compute and return the plan; change nothing. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Go on although applied deltas were edited since, and store their new checksums. */
    public boolean acceptChanged() {
        return acceptChanged;
    }

    /** Run again non-transactional deltas whose previous attempt failed. */
    public boolean retryFailed() {
        return retryFailed;
    }

    /** Run an interrupted non-transactional or Python delta again from its first statement. */
    public boolean rerunInterrupted() {
        return rerunInterrupted;
    }

    /** Resume an interrupted non-transactional SQL delta at this statement (1-based), or null. */
    public Integer resumeAt() {
        return resumeAt;
    }

    /** Apply just this pending file name ({@code migrate --migration}), or null. */
    public String onlyFile() {
        return onlyFile;
    }

    /** How long to wait for another upgrade of the same table to finish. */
    public Duration lockWait() {
        return lockWait;
    }

    /** PostgreSQL lock_timeout for the whole upgrade (for example {@code 10s}), or null for the server's. */
    public String lockTimeout() {
        return lockTimeout;
    }

    /** PostgreSQL statement_timeout for the whole upgrade, or null for the server's. */
    public String statementTimeout() {
        return statementTimeout;
    }

    /** After how long a statement waiting on a lock is reported (and then every 10 s); zero: never. */
    public Duration lockReportAfter() {
        return lockReportAfter;
    }

    /** The connection name as the user gave it (Java deltas' {@code pgService()}). */
    public String pgService() {
        return pgService;
    }

    /** Receives one line per step (applying ..., waiting for ...); never null. */
    public Consumer<String> progress() {
        return progress;
    }

    /** What stops the upgrade when cancelled. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** With {@code -u}. */
    public UpgradeOptions withMaxVersion(Version v) {
        UpgradeOptions o = copy();
        o.maxVersion = v;
        return o;
    }

    /** With SQL variables. */
    public UpgradeOptions withVariables(Map<String, Object> v) {
        UpgradeOptions o = copy();
        o.variables = v == null ? Map.of() : Map.copyOf(v);
        return o;
    }

    /** With or without dry run. */
    public UpgradeOptions withDryRun(boolean b) {
        UpgradeOptions o = copy();
        o.dryRun = b;
        return o;
    }

    /** Accepting edited applied deltas or not. */
    public UpgradeOptions withAcceptChanged(boolean b) {
        UpgradeOptions o = copy();
        o.acceptChanged = b;
        return o;
    }

    /** Retrying failed non-transactional deltas or not. */
    public UpgradeOptions withRetryFailed(boolean b) {
        UpgradeOptions o = copy();
        o.retryFailed = b;
        return o;
    }

    /** Running an interrupted delta again from the top ({@code --rerun-interrupted}). */
    public UpgradeOptions withRerunInterrupted(boolean b) {
        UpgradeOptions o = copy();
        o.rerunInterrupted = b;
        return o;
    }

    /** Resuming an interrupted non-transactional delta at statement {@code n} ({@code --resume-at N}), or null. */
    public UpgradeOptions withResumeAt(Integer n) {
        UpgradeOptions o = copy();
        o.resumeAt = n;
        return o;
    }

    /** Applying only one file. */
    public UpgradeOptions withOnlyFile(String fileName) {
        UpgradeOptions o = copy();
        o.onlyFile = fileName;
        return o;
    }

    /** With a wait for the upgrade lock. */
    public UpgradeOptions withLockWait(Duration d) {
        UpgradeOptions o = copy();
        o.lockWait = d == null ? Duration.ofMinutes(5) : d;
        return o;
    }

    /** With PostgreSQL timeouts for the whole upgrade (null for the server's). */
    public UpgradeOptions withTimeouts(String lock, String statement) {
        UpgradeOptions o = copy();
        o.lockTimeout = lock;
        o.statementTimeout = statement;
        return o;
    }

    /** After how long a lock wait is reported (zero: never). */
    public UpgradeOptions withLockReportAfter(Duration d) {
        UpgradeOptions o = copy();
        o.lockReportAfter = d == null ? Duration.ZERO : d;
        return o;
    }

    /** With the connection name shown to Java deltas. */
    public UpgradeOptions withPgService(String s) {
        UpgradeOptions o = copy();
        o.pgService = s;
        return o;
    }

    /** With a receiver of progress lines. */
    public UpgradeOptions withProgress(Consumer<String> p) {
        UpgradeOptions o = copy();
        o.progress = p == null ? s -> { } : p;
        return o;
    }

    /** With a cancellation the caller keeps, to stop the upgrade from another thread. */
    public UpgradeOptions withCancellation(Cancellation c) {
        UpgradeOptions o = copy();
        o.cancellation = c == null ? new Cancellation() : c;
        return o;
    }
}

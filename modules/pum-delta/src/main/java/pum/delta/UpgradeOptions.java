package pum.delta;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How an upgrade runs. Start from {@link #defaults()} and change what you need with the
 * {@code with...} methods. Upgrades never prompt: every decision is an option here, so callers
 * (the CLI, test-and-upgrade) run them non-interactively.
 *
 * @param maxVersion       apply nothing above this version ({@code -u}), or null for all
 * @param variables        SQL variables ({@code -v TYPE NAME VALUE}): Long, Double or String by name
 * @param dryRun           only compute and return the plan; change nothing
 * @param acceptChanged    go on although applied deltas were edited since, and store their new checksums
 * @param retryFailed      run again non-transactional deltas whose previous attempt failed
 * @param onlyFile         apply just this pending file name ({@code migrate --migration}), or null
 * @param lockWait         how long to wait for another upgrade of the same table to finish
 * @param lockTimeout      PostgreSQL lock_timeout for the whole upgrade (for example {@code 10s}), or null
 * @param statementTimeout PostgreSQL statement_timeout for the whole upgrade, or null
 * @param pgService        the connection name as the user gave it (Java deltas' {@code pgService()})
 * @param progress         receives one line per step (applying ..., waiting for ...); never null
 */
public record UpgradeOptions(Version maxVersion, Map<String, Object> variables, boolean dryRun, boolean acceptChanged,
                             boolean retryFailed, String onlyFile, Duration lockWait, String lockTimeout,
                             String statementTimeout, String pgService, Consumer<String> progress) {

    /** Copies the variables; a null progress discards messages. */
    public UpgradeOptions {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        lockWait = lockWait == null ? Duration.ofMinutes(5) : lockWait;
        progress = progress == null ? s -> { } : progress;
    }

    /** All deltas, no variables, wait up to 5 minutes for another upgrade, no timeouts, no output. */
    public static UpgradeOptions defaults() {
        return new UpgradeOptions(null, Map.of(), false, false, false, null, Duration.ofMinutes(5), null, null, null, null);
    }

    /** With {@code -u}. */
    public UpgradeOptions withMaxVersion(Version v) {
        return new UpgradeOptions(v, variables, dryRun, acceptChanged, retryFailed, onlyFile, lockWait, lockTimeout, statementTimeout, pgService, progress);
    }

    /** With SQL variables. */
    public UpgradeOptions withVariables(Map<String, Object> v) {
        return new UpgradeOptions(maxVersion, v, dryRun, acceptChanged, retryFailed, onlyFile, lockWait, lockTimeout, statementTimeout, pgService, progress);
    }

    /** With or without dry run. */
    public UpgradeOptions withDryRun(boolean b) {
        return new UpgradeOptions(maxVersion, variables, b, acceptChanged, retryFailed, onlyFile, lockWait, lockTimeout, statementTimeout, pgService, progress);
    }

    /** Accepting edited applied deltas or not. */
    public UpgradeOptions withAcceptChanged(boolean b) {
        return new UpgradeOptions(maxVersion, variables, dryRun, b, retryFailed, onlyFile, lockWait, lockTimeout, statementTimeout, pgService, progress);
    }

    /** Retrying failed non-transactional deltas or not. */
    public UpgradeOptions withRetryFailed(boolean b) {
        return new UpgradeOptions(maxVersion, variables, dryRun, acceptChanged, b, onlyFile, lockWait, lockTimeout, statementTimeout, pgService, progress);
    }

    /** Applying only one file. */
    public UpgradeOptions withOnlyFile(String fileName) {
        return new UpgradeOptions(maxVersion, variables, dryRun, acceptChanged, retryFailed, fileName, lockWait, lockTimeout, statementTimeout, pgService, progress);
    }

    /** With a wait for the upgrade lock. */
    public UpgradeOptions withLockWait(Duration d) {
        return new UpgradeOptions(maxVersion, variables, dryRun, acceptChanged, retryFailed, onlyFile, d, lockTimeout, statementTimeout, pgService, progress);
    }

    /** With PostgreSQL timeouts for the whole upgrade (null for the server's). */
    public UpgradeOptions withTimeouts(String lock, String statement) {
        return new UpgradeOptions(maxVersion, variables, dryRun, acceptChanged, retryFailed, onlyFile, lockWait, lock, statement, pgService, progress);
    }

    /** With the connection name shown to Java deltas. */
    public UpgradeOptions withPgService(String s) {
        return new UpgradeOptions(maxVersion, variables, dryRun, acceptChanged, retryFailed, onlyFile, lockWait, lockTimeout, statementTimeout, s, progress);
    }

    /** With a receiver of progress lines. */
    public UpgradeOptions withProgress(Consumer<String> p) {
        return new UpgradeOptions(maxVersion, variables, dryRun, acceptChanged, retryFailed, onlyFile, lockWait, lockTimeout, statementTimeout, pgService, p);
    }
}

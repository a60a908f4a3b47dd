package pum.delta;

/** The state of a delta file or upgrades-table row, derived by joining files with rows (never stored). */
public enum DeltaState {
    /** The baseline row. */
    BASELINE("baseline"),
    /** Applied successfully, and the file is unchanged. */
    APPLIED("applied"),
    /** Not applied yet; the next upgrade (up to its -u) applies it. */
    PENDING("pending"),
    /**
     * A non-transactional or Python delta that failed midway (a row with success = false); for
     * pre-all/post-all: its last run failed, so the next upgrade runs a full cycle again.
     */
    FAILED("failed"),
    /**
     * A non-transactional or Python delta that started and never finished: pum was killed, crashed
     * or lost the server during it (the journal says after how many statements). The next upgrade
     * refuses to go on until told to rerun it from the top or resume it at a statement.
     */
    INTERRUPTED("interrupted"),
    /** Applied, but the file was edited since (checksum differs). */
    CHANGED("changed"),
    /** A row whose file is no longer in any delta directory. */
    MISSING("missing"),
    /** Not applied and older than the current version: skipped, as PUM skips it. */
    BELOW_CURRENT("skipped (older than current)"),
    /** pre-all / post-all: run on every upgrade that applies deltas. */
    EVERY_UPGRADE("every upgrade"),
    /**
     * A row whose delta was applied and later reverted by {@code pum rollback} (success = false,
     * pum_state = 'rolled back'): kept as history; the file itself is pending again.
     */
    ROLLED_BACK("rolled back");

    private final String label;

    DeltaState(String label) {
        this.label = label;
    }

    /** The word printed by info. */
    public String label() {
        return label;
    }
}

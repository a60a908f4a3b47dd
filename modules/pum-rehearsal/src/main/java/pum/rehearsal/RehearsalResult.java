package pum.rehearsal;

import java.time.Duration;
import java.util.Map;
import pum.delta.UpgradeResult;
import pum.diff.DiffResult;

/**
 * How a rehearsal ended, unless it threw.
 *
 * @param outcome     what happened
 * @param plan        the dry run on production made first (what was to be applied)
 * @param differences for {@link Outcome#DIFFERENCES}: the upgraded test database (first) against
 *                    the comparison database (second); otherwise empty
 * @param production  for {@link Outcome#UPGRADED}: the upgrade of production; otherwise null
 * @param durations   how long each step that ran took, in step order
 */
public record RehearsalResult(Outcome outcome, UpgradeResult plan, DiffResult differences, UpgradeResult production,
                              Map<Step, Duration> durations) {

    /** Copies the map. */
    public RehearsalResult {
        durations = Map.copyOf(durations);
    }

    /** How a rehearsal ended. */
    public enum Outcome {
        /** Production had nothing pending: nothing was rehearsed. */
        UP_TO_DATE,
        /** The rehearsed database differs from the comparison database: production was not changed. */
        DIFFERENCES,
        /** The rehearsal passed and production was upgraded. */
        UPGRADED
    }
}

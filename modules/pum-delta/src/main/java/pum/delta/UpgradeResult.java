package pum.delta;

import java.util.List;

/**
 * What an upgrade did.
 *
 * @param plan    the plan it followed (for a dry run: what it would do)
 * @param before  version before, or null
 * @param after   version after, or null
 * @param applied files applied (versioned ones and pre-all/post-all), in order, with milliseconds
 * @param dryRun  whether nothing was changed on purpose
 */
public record UpgradeResult(Plan plan, Version before, Version after, List<Applied> applied, boolean dryRun) {
    /**
     * One applied file.
     *
     * @param file   the file
     * @param millis how long it took
     */
    public record Applied(DeltaFile file, long millis) {
    }
}

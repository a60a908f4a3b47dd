package pum.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * What an upgrade will do: its steps in order, each one transaction (or one non-transactional file).
 *
 * @param current the version before the upgrade, or null for an empty upgrades table
 * @param target  the highest version applied by the plan, or null when nothing is pending
 * @param steps   pre-all files, one step per version (split around no-transaction files), post-all files
 */
public record Plan(Version current, Version target, List<Step> steps) {

    /**
     * One step.
     *
     * @param version       the version of its files, or null for pre-all/post-all
     * @param files         its files in running order
     * @param transactional whether it runs in one transaction (false: a no-transaction file, statement by statement)
     */
    public record Step(Version version, List<DeltaFile> files, boolean transactional) {
        /** Whether this step is the pre-all or post-all files. */
        public boolean isAll() {
            return version == null;
        }
    }

    /** Whether no versioned delta is pending (then pre-all and post-all do not run either). */
    public boolean isEmpty() {
        return target == null;
    }

    /** The versioned files to apply, in order. */
    public List<DeltaFile> pendingFiles() {
        List<DeltaFile> out = new ArrayList<>();
        for (Step s : steps) {
            if (!s.isAll()) {
                out.addAll(s.files());
            }
        }
        return out;
    }

    /** The plan as text, one line per file, grouped by transaction (what {@code --dry-run} prints). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (isEmpty()) {
            lines.add("nothing to apply: the database is at version " + (current == null ? "(none)" : current));
            return lines;
        }
        lines.add("upgrade from " + (current == null ? "(none)" : current) + " to " + target + ":");
        int n = 1;
        for (Step s : steps) {
            String head = s.isAll() ? (s.files().get(0).kind() == DeltaFile.Kind.PRE_ALL ? "pre-all" : "post-all")
                    : "version " + s.version();
            String how = s.transactional() ? "one transaction"
                    : s.files().get(0).language() == DeltaFile.Language.PY ? "Python, in its own connection"
                    : "no transaction (statement by statement)";
            lines.add(String.format("  %d. %s, %s", n++, head, how));
            for (DeltaFile f : s.files()) {
                lines.add("       " + f.path());
            }
        }
        return lines;
    }
}

package pum.delta;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code pum info} shows: the current version and every delta file and row with its state.
 *
 * @param current the highest version among successful rows, or null for an empty table
 * @param entries pre-all files, then versioned files and rows in version order, then post-all files
 */
public record Status(Version current, List<DeltaStatus> entries) {

    /** Joins files with rows. Rows whose version is not X.Y.Z are shown as missing files. */
    public static Status of(DeltaSet deltas, List<AppliedDelta> rows) {
        Version current = currentVersion(rows);
        Map<Key, List<AppliedDelta>> byVersionAndName = new HashMap<>();
        Map<Version, List<AppliedDelta>> byVersion = new HashMap<>();
        List<AppliedDelta> allFailures = new ArrayList<>();
        for (AppliedDelta r : rows) {
            if (r.isAllRecord()) {
                if ("failed".equals(r.journal().state()) || "running".equals(r.journal().state())) {
                    allFailures.add(r);
                }
                continue;
            }
            if (r.isBaseline() || r.rolledBack()) {
                continue;
            }
            r.parsedVersion().ifPresent(v -> {
                byVersionAndName.computeIfAbsent(key(v, r.fileName()), k -> new ArrayList<>()).add(r);
                byVersion.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
            });
        }
        Set<Integer> used = new HashSet<>();
        List<DeltaStatus> versioned = new ArrayList<>();
        for (DeltaFile f : deltas.versioned()) {
            List<AppliedDelta> match = byVersionAndName.getOrDefault(key(f.version(), f.fileName()), List.of());
            if (match.isEmpty()) {
                // PUM 0.x recognised an applied delta by version and checksum, whatever its file name
                List<AppliedDelta> sameVersion = byVersion.getOrDefault(f.version(), List.of());
                List<AppliedDelta> byChecksum = new ArrayList<>();
                for (AppliedDelta r : sameVersion) {
                    if (!used.contains(r.id()) && r.success() && r.type() == f.typeCode() && deltas.checksumMatches(f, r.checksum())) {
                        byChecksum.add(r);
                    }
                }
                match = byChecksum;
            }
            AppliedDelta last = null;
            for (AppliedDelta r : match) {
                used.add(r.id());
                if (last == null || r.id() > last.id()) {
                    last = r;
                }
            }
            DeltaState state;
            if (last == null) {
                state = current != null && f.version().compareTo(current) < 0 ? DeltaState.BELOW_CURRENT : DeltaState.PENDING;
            } else if (!last.success()) {
                state = last.journal().interrupted() ? DeltaState.INTERRUPTED : DeltaState.FAILED;
            } else if (deltas.checksumMatches(f, last.checksum())) {
                state = DeltaState.APPLIED;
            } else {
                state = DeltaState.CHANGED;
            }
            versioned.add(new DeltaStatus(f, last, state));
        }
        for (AppliedDelta r : rows) {
            if (r.isAllRecord()) {
                continue;
            }
            if (r.isBaseline()) {
                versioned.add(new DeltaStatus(null, r, DeltaState.BASELINE));
            } else if (r.rolledBack()) {
                versioned.add(new DeltaStatus(null, r, DeltaState.ROLLED_BACK));
            } else if (!used.contains(r.id())) {
                versioned.add(new DeltaStatus(null, r, DeltaState.MISSING));
            }
        }
        versioned.sort(Comparator.comparing((DeltaStatus s) -> sortVersion(s))
                .thenComparing(s -> s.state() == DeltaState.BASELINE ? 0 : 1)
                .thenComparing(s -> s.file() == null ? 1 : 0)
                .thenComparing(s -> s.file() == null ? s.row().id() : 0));
        // stable sort keeps DeltaSet's order among files of the same version
        List<DeltaStatus> all = new ArrayList<>();
        for (DeltaFile f : deltas.preAll()) {
            all.add(allEntry(f, allFailures));
        }
        all.addAll(versioned);
        for (DeltaFile f : deltas.postAll()) {
            all.add(allEntry(f, allFailures));
        }
        return new Status(current, List.copyOf(all));
    }

    /** A pre-all/post-all file, FAILED when its last recorded run failed and no full cycle succeeded since. */
    private static DeltaStatus allEntry(DeltaFile f, List<AppliedDelta> failures) {
        AppliedDelta last = null;
        for (AppliedDelta r : failures) {
            if (r.description().equals(f.kind().label()) && r.fileName().equals(f.fileName())) {
                last = r;
            }
        }
        return new DeltaStatus(f, last, last == null ? DeltaState.EVERY_UPGRADE
                : "running".equals(last.journal().state()) ? DeltaState.INTERRUPTED : DeltaState.FAILED);
    }

    /** Whether a pre-all or post-all run failed or did not finish, and no full upgrade cycle has succeeded since. */
    public boolean allFailed() {
        for (DeltaStatus s : entries) {
            if (s.file() != null && s.file().isAll() && (s.state() == DeltaState.FAILED || s.state() == DeltaState.INTERRUPTED)) {
                return true;
            }
        }
        return false;
    }

    private static Version sortVersion(DeltaStatus s) {
        if (s.file() != null) {
            return s.file().version();
        }
        return s.row().parsedVersion().orElse(Version.parse("0.0.0"));
    }

    /** A version and a file name: how rows are matched to files (no string is built per file). */
    private record Key(Version version, String fileName) {
        // written out: the generated ones are linked through method handles on first use, tens of
        // milliseconds on the path of every no-op upgrade and info (docs/architecture.md)
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && fileName.equals(that.fileName) && version.equals(that.version);
        }

        @Override
        public int hashCode() {
            return 31 * version.hashCode() + fileName.hashCode();
        }
    }

    private static Key key(Version v, String fileName) {
        return new Key(v, fileName);
    }

    /** The highest version among successful rows (numerically), or null. */
    public static Version currentVersion(List<AppliedDelta> rows) {
        Version max = null;
        for (AppliedDelta r : rows) {
            if (r.success()) {
                Version v = r.parsedVersion().orElse(null);
                if (v != null && (max == null || v.compareTo(max) > 0)) {
                    max = v;
                }
            }
        }
        return max;
    }

    /** Entries in a given state. */
    public List<DeltaStatus> inState(DeltaState state) {
        List<DeltaStatus> out = new ArrayList<>();
        for (DeltaStatus s : entries) {
            if (s.state() == state) {
                out.add(s);
            }
        }
        return out;
    }
}

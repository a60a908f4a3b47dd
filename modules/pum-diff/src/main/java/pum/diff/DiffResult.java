package pum.diff;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pum.catalog.ObjectKind;

/**
 * The differences between two snapshots, sorted by kind (in {@link ObjectKind} order), then
 * object name, then field order.
 *
 * @param differences every difference found
 */
public record DiffResult(List<Difference> differences) {
    /** Copies the list. */
    public DiffResult {
        differences = List.copyOf(differences);
    }

    /** Whether the databases are equal (for what was compared). */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The differences grouped by kind, kinds in {@link ObjectKind} order. */
    public Map<ObjectKind, List<Difference>> byKind() {
        return differences.stream().collect(Collectors.groupingBy(Difference::kind,
                () -> new EnumMap<>(ObjectKind.class), Collectors.toList()));
    }
}

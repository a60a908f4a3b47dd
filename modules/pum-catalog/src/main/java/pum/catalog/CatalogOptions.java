package pum.catalog;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to read.
 *
 * @param excludedSchemas schemas left out entirely, by exact name (PUM's {@code -N});
 *                        system schemas and extension members are always left out
 */
public record CatalogOptions(Set<String> excludedSchemas) {
    /** Copies the set (sorted). */
    public CatalogOptions {
        excludedSchemas = Set.copyOf(new TreeSet<>(excludedSchemas));
    }

    /** Every user schema. */
    public static CatalogOptions defaults() {
        return new CatalogOptions(Set.of());
    }

    /** Every user schema except these. */
    public static CatalogOptions excluding(List<String> schemas) {
        return new CatalogOptions(Set.copyOf(schemas));
    }
}

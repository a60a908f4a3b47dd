package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table, partitioned table or foreign table.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param kind {@code table}, {@code partitioned table} or {@code foreign table}
 * @param persistence {@code permanent} or {@code unlogged}
 * @param partitionKey {@code PARTITION BY} clause of a partitioned table, or null
 * @param partitionOf parent of a partition, or null
 * @param partitionBound partition bound ({@code FOR VALUES ...}), or null
 * @param inherits inheritance parents (not partition parents), comma-separated in order, or null
 * @param rowSecurity {@code disabled}, {@code enabled} or {@code forced}
 * @param options storage parameters ({@code WITH (...)}), or null
 */
public record Table(String name, String kind, String persistence, String partitionKey, String partitionOf, String partitionBound, String inherits, String rowSecurity, String options) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Table that
                && Objects.equals(name, that.name)
                && Objects.equals(kind, that.kind)
                && Objects.equals(persistence, that.persistence)
                && Objects.equals(partitionKey, that.partitionKey)
                && Objects.equals(partitionOf, that.partitionOf)
                && Objects.equals(partitionBound, that.partitionBound)
                && Objects.equals(inherits, that.inherits)
                && Objects.equals(rowSecurity, that.rowSecurity)
                && Objects.equals(options, that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.TABLES;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("persistence", persistence);
        m.put("partition key", partitionKey);
        m.put("partition of", partitionOf);
        m.put("partition bound", partitionBound);
        m.put("inherits", inherits);
        m.put("row security", rowSecurity);
        m.put("options", options);
        return Collections.unmodifiableMap(m);
    }
}

package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sequence.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param type data type
 * @param start start value
 * @param increment increment
 * @param min minimum value
 * @param max maximum value
 * @param cache cache size
 * @param cycle whether it cycles
 * @param ownedBy owning column ({@code OWNED BY} or identity), or null
 */
public record Sequence(String name, String type, long start, long increment, long min, long max, long cache, boolean cycle, String ownedBy) implements CatalogObject {
    // written out, as in every record pum compares in bulk: the generated one is linked through
    // method handles on first use, which costs milliseconds per record class before the JIT
    // warms up (docs/architecture.md, "Records compared in bulk")
    @Override
    public boolean equals(Object other) {
        return other instanceof Sequence that
                && start == that.start
                && increment == that.increment
                && min == that.min
                && max == that.max
                && cache == that.cache
                && cycle == that.cycle
                && Objects.equals(name, that.name)
                && Objects.equals(type, that.type)
                && Objects.equals(ownedBy, that.ownedBy);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.SEQUENCES;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("start", String.valueOf(start));
        m.put("increment", String.valueOf(increment));
        m.put("min", String.valueOf(min));
        m.put("max", String.valueOf(max));
        m.put("cache", String.valueOf(cache));
        m.put("cycle", String.valueOf(cycle));
        m.put("owned by", ownedBy);
        return Collections.unmodifiableMap(m);
    }
}

package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

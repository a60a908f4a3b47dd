package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schema.
 *
 * @param name identity, see {@link CatalogObject#name()}

 */
public record Schema(String name) implements CatalogObject {
    @Override
    public ObjectKind objectKind() {
        return ObjectKind.SCHEMAS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();

        return Collections.unmodifiableMap(m);
    }
}

package pum.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A comment; its name says on what, such as {@code column public.t.c}.
 *
 * @param name identity, see {@link CatalogObject#name()}
 * @param text the comment
 */
public record Comment(String name, String text) implements CatalogObject {
    @Override
    public ObjectKind objectKind() {
        return ObjectKind.COMMENTS;
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text", text);
        return Collections.unmodifiableMap(m);
    }
}

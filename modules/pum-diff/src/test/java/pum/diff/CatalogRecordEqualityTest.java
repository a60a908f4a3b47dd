package pum.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pum.catalog.CatalogObject;
import pum.catalog.Snapshot;
import pum.testkit.RecordEquality;

/**
 * The diff compares every catalog object with {@code equals} before it looks at fields; those
 * equals are written out (the generated ones cost tens of milliseconds per check before the JIT
 * warms up). Every kind a snapshot holds must still compare all its components.
 */
class CatalogRecordEqualityTest {
    @Test
    void everyKindOfCatalogObjectComparesEachOfItsComponents() {
        List<Class<?>> kinds = new ArrayList<>();
        for (RecordComponent c : Snapshot.class.getRecordComponents()) {
            if (c.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> k
                    && CatalogObject.class.isAssignableFrom(k)) {
                kinds.add(k);
            }
        }
        assertTrue(kinds.size() >= 15, "kinds found in Snapshot: " + kinds);
        for (Class<?> k : kinds) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> r = (Class<? extends Record>) k;
            RecordEquality.assertComponentWise(r);
        }
    }
}

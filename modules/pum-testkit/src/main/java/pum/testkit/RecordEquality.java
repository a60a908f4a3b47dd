package pum.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For records whose {@code equals} and {@code hashCode} are written out (pum does that where
 * records are compared in bulk, see docs/architecture.md): asserts that they still follow the
 * record's components, so that a component added later cannot be left out of the comparison.
 */
public final class RecordEquality {
    private RecordEquality() {
    }

    /**
     * Two records built from the same values are equal, with the same hash code; changing any one
     * component (to another value, or to null) makes them differ.
     *
     * @param samples two distinct values for component types beyond strings, numbers, booleans,
     *                enums, paths, lists, sets and maps
     */
    public static <R extends Record> void assertComponentWise(Class<R> type, Map<Class<?>, List<Object>> samples) {
        Map<Class<?>, List<Object>> known = withBuiltIns(samples);
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] base = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            base[i] = sample(types[i], known, 0, type);
        }
        R a = strict(type, types, base);
        R b = strict(type, types, base.clone());
        assertEquals(a, b, type.getSimpleName() + ": the same components must be equal");
        assertEquals(a.hashCode(), b.hashCode(), type.getSimpleName() + ": equal records must hash alike");
        for (int i = 0; i < components.length; i++) {
            Object[] changed = base.clone();
            changed[i] = sample(types[i], known, 1, type);
            assertNotEquals(a, strict(type, types, changed), type.getSimpleName() + "." + components[i].getName() + " is not compared");
            if (!types[i].isPrimitive()) {
                Object[] nulled = base.clone();
                nulled[i] = null;
                R n = make(type, types, nulled);
                if (n != null) {
                    assertNotEquals(a, n, type.getSimpleName() + "." + components[i].getName() + ": a null must differ");
                    assertEquals(n, make(type, types, nulled.clone()), type.getSimpleName() + "." + components[i].getName() + ": two nulls are equal");
                }
            }
        }
    }

    /** As {@link #assertComponentWise(Class, Map)} with the built-in sample values only. */
    public static <R extends Record> void assertComponentWise(Class<R> type) {
        assertComponentWise(type, Map.of());
    }

    private static Map<Class<?>, List<Object>> withBuiltIns(Map<Class<?>, List<Object>> samples) {
        Map<Class<?>, List<Object>> known = new HashMap<>(samples);
        known.putIfAbsent(String.class, List.of("a", "b"));
        known.putIfAbsent(int.class, List.of(1, 2));
        known.putIfAbsent(long.class, List.of(1L, 2L));
        known.putIfAbsent(short.class, List.of((short) 1, (short) 2));
        known.putIfAbsent(boolean.class, List.of(false, true));
        known.putIfAbsent(Path.class, List.of(Path.of("a"), Path.of("b")));
        known.putIfAbsent(List.class, List.of(List.of("a"), List.of("b")));
        known.putIfAbsent(Set.class, List.of(Set.of("a"), Set.of("b")));
        known.putIfAbsent(Map.class, List.of(Map.of("a", "b"), Map.of("a", "c")));
        return known;
    }

    private static Object sample(Class<?> t, Map<Class<?>, List<Object>> known, int which, Class<?> owner) {
        if (known.containsKey(t)) {
            return known.get(t).get(which);
        }
        if (t.isEnum() && t.getEnumConstants().length > 1) {
            return t.getEnumConstants()[which];
        }
        throw new AssertionError(owner.getSimpleName() + ": no sample values for a component of type " + t.getName() + "; pass two");
    }

    private static <R> R strict(Class<R> type, Class<?>[] types, Object[] values) {
        R r = make(type, types, values);
        if (r == null) {
            throw new AssertionError(type.getSimpleName() + ": its constructor refused the sample values; pass others");
        }
        return r;
    }

    /** The record, or null when its constructor refuses the values (a null it does not accept). */
    private static <R> R make(Class<R> type, Class<?>[] types, Object[] values) {
        try {
            Constructor<R> c = type.getDeclaredConstructor(types);
            return c.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof NullPointerException || e.getCause() instanceof IllegalArgumentException) {
                return null;
            }
            throw new AssertionError(type.getSimpleName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getSimpleName() + ": " + e, e);
        }
    }
}

package pum.catalog.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Function1;
import org.jooq.Function10;
import org.jooq.Function11;
import org.jooq.Function12;
import org.jooq.Function2;
import org.jooq.Function3;
import org.jooq.Function4;
import org.jooq.Function5;
import org.jooq.Function6;
import org.jooq.Function7;
import org.jooq.Function8;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record10;
import org.jooq.Record11;
import org.jooq.Record12;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Record7;
import org.jooq.Record8;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;

/**
 * Runs a typed jOOQ catalog query and maps its rows straight from the JDBC result set: the query
 * is built and rendered by jOOQ (or, for a named snapshot query in the default scope, its SQL is
 * taken from {@link Prerendered} and jOOQ is not used), the values are read with the getter of each field's Java type and
 * handed to the reader's function, typed by the query's record type, as {@code Records.mapping}
 * would. It skips jOOQ's record per row and its per-value bindings: at 20,000 catalog rows per
 * database those were a large part of a {@code check}'s CPU before the JIT had compiled them, and
 * the classes and code behind them are no longer loaded at all.
 *
 * <p>Types read: String, Boolean, Short, Integer, Long and arrays of String or Long; a query
 * selecting any other type is a programming error, reported when it is first run (every reader
 * runs in the catalog tests).
 *
 * <p>A query wider than jOOQ's typed records (22 columns) has no typed record type: its rows are
 * handed over as a {@link Row}, whose values are looked up by the selected field, typed by it.
 */
final class Rows {
    private Rows() {
    }

    enum Kind { STRING, BOOLEAN, SHORT, INTEGER, LONG, STRING_ARRAY, LONG_ARRAY }


    /**
     * A query of the snapshot, built from jOOQ's DSL and the scope. Named at its call site, so
     * that {@link Prerendered} can hand over its SQL without building or rendering it.
     */
    @FunctionalInterface
    interface Query<R extends Record> {
        ResultQuery<R> build(DSLContext ctx, Scope scope);
    }

    /**
     * Runs a named snapshot query: in the default scope (nothing excluded) its SQL and column
     * types come from {@link Prerendered}, and jOOQ is neither loaded nor run; otherwise, or when
     * the query is not among the pre-rendered ones, jOOQ builds and renders it.
     */
    private static <U> List<U> rows(Reads r, String key, Query<?> q, java.util.function.Function<Object[], U> row) {
        Prerendered.Entry e = r.scope().isDefault() ? Prerendered.get(key) : null;
        if (e == null) {
            e = Prerendered.Entry.of(q.build(r.dsl(), r.scope()));
            if (r.scope().isDefault()) {
                Prerendered.rendered(key, e);
            }
        }
        return run(r.connection(), e.sql(), e.kinds(), row);
    }

    private static <U> List<U> rows(ResultQuery<?> query, java.util.function.Function<Object[], U> row) {
        Prerendered.Entry e = Prerendered.Entry.of(query);
        return run(query.configuration().connectionProvider().acquire(), e.sql(), e.kinds(), row);
    }

    /** The column types a query selects, in order. */
    static Kind[] kinds(ResultQuery<?> query) {
        Field<?>[] fields = query.fields();
        Kind[] kinds = new Kind[fields.length];
        for (int i = 0; i < fields.length; i++) {
            kinds[i] = kind(fields[i]);
        }
        return kinds;
    }

    private static <U> List<U> run(Connection c, String sql, Kind[] kinds, java.util.function.Function<Object[], U> row) {
        List<U> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            Object[] values = new Object[kinds.length];
            while (rs.next()) {
                for (int i = 0; i < kinds.length; i++) {
                    values[i] = value(rs, i + 1, kinds[i]);
                }
                out.add(row.apply(values));
            }
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
        }
        return out;
    }

    private static Kind kind(Field<?> f) {
        Class<?> t = f.getType();
        if (t == String.class) {
            return Kind.STRING;
        } else if (t == Boolean.class) {
            return Kind.BOOLEAN;
        } else if (t == Short.class) {
            return Kind.SHORT;
        } else if (t == Integer.class) {
            return Kind.INTEGER;
        } else if (t == Long.class) {
            return Kind.LONG;
        } else if (t == String[].class) {
            return Kind.STRING_ARRAY;
        } else if (t == Long[].class) {
            return Kind.LONG_ARRAY;
        }
        throw new IllegalStateException("catalog query selects " + f + " of type " + t.getName() + ", which Rows does not read");
    }

    private static Object value(ResultSet rs, int i, Kind k) throws SQLException {
        switch (k) {
            case STRING:
                return rs.getString(i);
            case BOOLEAN: {
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? null : b;
            }
            case SHORT: {
                short s = rs.getShort(i);
                return rs.wasNull() ? null : s;
            }
            case INTEGER: {
                int n = rs.getInt(i);
                return rs.wasNull() ? null : n;
            }
            case LONG: {
                long n = rs.getLong(i);
                return rs.wasNull() ? null : n;
            }
            default: {
                java.sql.Array a = rs.getArray(i);
                if (a == null) {
                    return null;
                }
                Object[] elements = (Object[]) a.getArray();
                if (k == Kind.STRING_ARRAY) {
                    String[] s = new String[elements.length];
                    for (int j = 0; j < s.length; j++) {
                        s[j] = elements[j] == null ? null : elements[j].toString();
                    }
                    return s;
                }
                Long[] l = new Long[elements.length];
                for (int j = 0; j < l.length; j++) {
                    l[j] = elements[j] == null ? null : ((Number) elements[j]).longValue();
                }
                return l;
            }
        }
    }

    /**
     * One row of an untyped select: its values by the fields of its select list, as jOOQ's
     * {@code Record.get(Field)} finds them (the same field object, else an equal one). The select
     * list itself, not {@code fields()}: a select's {@code fields()} are those of its derived
     * table, where {@code "n"."nspname"} and {@code "opn"."nspname"} can no longer be told apart.
     */
    static final class Row {
        private final List<Field<?>> select;
        private final Map<Field<?>, Integer> indexes;
        private final Object[] values;

        private Row(List<Field<?>> select, Map<Field<?>, Integer> indexes, Object[] values) {
            this.select = select;
            this.indexes = indexes;
            this.values = values;
        }

        /** The value of a selected field; null if SQL NULL. */
        @SuppressWarnings("unchecked")
        <T> T get(Field<T> field) {
            return (T) values[indexes.computeIfAbsent(field, this::indexOf)];
        }

        private int indexOf(Field<?> field) {
            for (int i = 0; i < select.size(); i++) {
                if (select.get(i) == field) {
                    return i;
                }
            }
            for (int i = 0; i < select.size(); i++) {
                if (select.get(i).equals(field)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("catalog query does not select " + field);
        }
    }

    /** Rows of a select too wide for a typed record (more than 22 columns), each as a {@link Row}. */
    static <U> List<U> fetch(Select<Record> q, java.util.function.Function<? super Row, ? extends U> f) {
        List<Field<?>> select = q.getSelect();
        Map<Field<?>, Integer> indexes = new IdentityHashMap<>();
        return rows(q, v -> f.apply(new Row(select, indexes, v.clone())));
    }

    @SuppressWarnings("unchecked")
    static <T1, U> List<U> fetch(ResultQuery<Record1<T1>> q, Function1<? super T1, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, U> List<U> fetch(ResultQuery<Record2<T1, T2>> q, Function2<? super T1, ? super T2, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, U> List<U> fetch(ResultQuery<Record3<T1, T2, T3>> q, Function3<? super T1, ? super T2, ? super T3, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, U> List<U> fetch(ResultQuery<Record4<T1, T2, T3, T4>> q,
                                             Function4<? super T1, ? super T2, ? super T3, ? super T4, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, U> List<U> fetch(ResultQuery<Record5<T1, T2, T3, T4, T5>> q,
                                                 Function5<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, U> List<U> fetch(ResultQuery<Record6<T1, T2, T3, T4, T5, T6>> q,
                                                     Function6<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, U> List<U> fetch(ResultQuery<Record7<T1, T2, T3, T4, T5, T6, T7>> q,
            Function7<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, U> List<U> fetch(ResultQuery<Record8<T1, T2, T3, T4, T5, T6, T7, T8>> q,
            Function8<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, U> List<U> fetch(ResultQuery<Record10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>> q,
            Function10<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? super T9,
                    ? super T10, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7],
                (T9) v[8], (T10) v[9]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, U> List<U> fetch(
            ResultQuery<Record11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>> q,
            Function11<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? super T9,
                    ? super T10, ? super T11, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7],
                (T9) v[8], (T10) v[9], (T11) v[10]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, U> List<U> fetch(
            ResultQuery<Record12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>> q,
            Function12<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? super T9,
                    ? super T10, ? super T11, ? super T12, ? extends U> f) {
        return rows(q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7],
                (T9) v[8], (T10) v[9], (T11) v[10], (T12) v[11]));
    }

    @SuppressWarnings("unchecked")
    static <T1, U> List<U> fetch(Reads r, String key, Query<Record1<T1>> q,
            Function1<? super T1, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, U> List<U> fetch(Reads r, String key, Query<Record2<T1, T2>> q,
            Function2<? super T1, ? super T2, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, U> List<U> fetch(Reads r, String key, Query<Record3<T1, T2, T3>> q,
            Function3<? super T1, ? super T2, ? super T3, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, U> List<U> fetch(Reads r, String key, Query<Record4<T1, T2, T3, T4>> q,
            Function4<? super T1, ? super T2, ? super T3, ? super T4, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, U> List<U> fetch(Reads r, String key, Query<Record5<T1, T2, T3, T4, T5>> q,
            Function5<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, U> List<U> fetch(Reads r, String key, Query<Record6<T1, T2, T3, T4, T5, T6>> q,
            Function6<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, U> List<U> fetch(Reads r, String key, Query<Record7<T1, T2, T3, T4, T5, T6, T7>> q,
            Function7<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, U> List<U> fetch(Reads r, String key, Query<Record8<T1, T2, T3, T4, T5, T6, T7, T8>> q,
            Function8<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, U> List<U> fetch(Reads r, String key, Query<Record10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>> q,
            Function10<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? super T9, ? super T10, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7], (T9) v[8], (T10) v[9]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, U> List<U> fetch(Reads r, String key, Query<Record11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>> q,
            Function11<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? super T9, ? super T10, ? super T11, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7], (T9) v[8], (T10) v[9], (T11) v[10]));
    }

    @SuppressWarnings("unchecked")
    static <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, U> List<U> fetch(Reads r, String key, Query<Record12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>> q,
            Function12<? super T1, ? super T2, ? super T3, ? super T4, ? super T5, ? super T6, ? super T7, ? super T8, ? super T9, ? super T10, ? super T11, ? super T12, ? extends U> f) {
        return rows(r, key, q, v -> f.apply((T1) v[0], (T2) v[1], (T3) v[2], (T4) v[3], (T5) v[4], (T6) v[5], (T7) v[6], (T8) v[7], (T9) v[8], (T10) v[9], (T11) v[10], (T12) v[11]));
    }
}

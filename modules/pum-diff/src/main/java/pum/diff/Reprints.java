package pum.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import pum.catalog.CatalogObject;
import pum.catalog.Column;
import pum.catalog.Constraint;
import pum.catalog.Index;
import pum.catalog.ObjectKind;
import pum.catalog.Reprint;
import pum.catalog.Snapshot;
import pum.catalog.View;

/**
 * Differences that are only the server's way of printing: CHECK constraints, column defaults,
 * generated expressions, index definitions and view queries whose texts differ but which the server prints
 * the same once both are read back. Pure: the server is a function handed in (in practice
 * {@link pum.catalog.Catalog#sameMeaning} on one of the two connections), called once, with the
 * pairs that differ only.
 */
public final class Reprints {
    private Reprints() {
    }

    /**
     * The result without the differences the server says mean the same.
     *
     * @param result      a comparison of {@code first} and {@code second}
     * @param sameMeaning answers, for a batch of pairs, whether each pair means the same; called at
     *                    most once, and not at all when no difference is a candidate
     */
    public static DiffResult settle(DiffResult result, Snapshot first, Snapshot second,
                                    Function<List<Reprint>, List<Boolean>> sameMeaning) {
        Map<String, Reprint> pairs = new LinkedHashMap<>();
        Map<String, List<Difference>> covered = new HashMap<>();
        for (Difference d : result.differences()) {
            if (d.change() != Change.CHANGED || d.first() == null || d.second() == null) {
                continue;
            }
            String key = d.kind() + " " + d.object() + (d.kind() == ObjectKind.COLUMNS ? " " + d.field() : "");
            if (!pairs.containsKey(key)) {
                Optional<Reprint> p = candidate(d, first, second);
                if (p.isEmpty()) {
                    continue;
                }
                pairs.put(key, p.get());
            }
            covered.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        if (pairs.isEmpty()) {
            return result;
        }
        List<String> keys = new ArrayList<>(pairs.keySet());
        List<Boolean> same = sameMeaning.apply(new ArrayList<>(pairs.values()));
        List<Difference> dropped = new ArrayList<>();
        for (int i = 0; i < keys.size() && i < same.size(); i++) {
            if (Boolean.TRUE.equals(same.get(i))) {
                dropped.addAll(covered.get(keys.get(i)));
            }
        }
        if (dropped.isEmpty()) {
            return result;
        }
        List<Difference> kept = new ArrayList<>(result.differences());
        kept.removeAll(dropped);
        return new DiffResult(kept);
    }

    /** The kinds whose texts the server may print differently for the same meaning. */
    private static final java.util.Set<ObjectKind> REPRINTED = java.util.EnumSet.of(ObjectKind.CONSTRAINTS, ObjectKind.COLUMNS,
            ObjectKind.INDEXES, ObjectKind.VIEWS);

    private static Optional<Reprint> candidate(Difference d, Snapshot first, Snapshot second) {
        if (!REPRINTED.contains(d.kind())) {
            return Optional.empty();
        }
        CatalogObject a = find(first, d.kind(), d.object());
        CatalogObject b = find(second, d.kind(), d.object());
        if (a == null || b == null) {
            return Optional.empty();
        }
        if (a instanceof Constraint x && b instanceof Constraint y && d.field().equals("definition")
                && x.type().equals("check") && y.type().equals("check")) {
            return table(first, x.name()).map(t -> new Reprint(Reprint.Kind.CHECK_CONSTRAINT, columns(first, t), null,
                    x.definition(), y.definition()));
        }
        if (a instanceof Column x && b instanceof Column y && x.type().equals(y.type())
                && (d.field().equals("default") || d.field().equals("generated"))) {
            boolean generated = d.field().equals("generated");
            return table(first, x.name()).map(t -> new Reprint(generated ? Reprint.Kind.GENERATED : Reprint.Kind.DEFAULT,
                    columns(first, t), x.type(), generated ? x.generated() : x.defaultValue(),
                    generated ? y.generated() : y.defaultValue()));
        }
        if (a instanceof Index x && b instanceof Index y && (d.field().equals("predicate") || d.field().equals("definition"))
                && x.table().equals(y.table())) {
            return Optional.of(new Reprint(Reprint.Kind.INDEX, columns(first, x.table()), null, x.definition(), y.definition()));
        }
        if (a instanceof View x && b instanceof View y && d.field().equals("definition") && x.kind().equals(y.kind())) {
            return Optional.of(new Reprint(Reprint.Kind.VIEW, List.of(), null, x.definition(), y.definition()));
        }
        return Optional.empty();
    }

    /**
     * The object of a kind by name, found by bisection: a snapshot's lists are sorted by name (a
     * check has a handful of candidates and tens of thousands of objects; no index is built).
     */
    private static CatalogObject find(Snapshot s, ObjectKind kind, String name) {
        List<? extends CatalogObject> objects = s.objects(kind);
        int i = firstNotBefore(objects, name);
        return i < objects.size() && objects.get(i).name().equals(name) ? objects.get(i) : null;
    }

    /** The index of the first object whose name does not sort before {@code name} (the list's size if none). */
    private static int firstNotBefore(List<? extends CatalogObject> sorted, String name) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).name().compareTo(name) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The table a member ({@code s.t.c}) belongs to: the longest table name it extends by one identifier. */
    private static Optional<String> table(Snapshot s, String member) {
        String best = null;
        for (CatalogObject t : s.objects(ObjectKind.TABLES)) {
            String n = t.name();
            if (member.length() > n.length() + 1 && member.startsWith(n) && member.charAt(n.length()) == '.'
                    && oneIdentifier(member.substring(n.length() + 1)) && (best == null || n.length() > best.length())) {
                best = n;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The table's columns as column definitions, in their order. */
    private static List<String> columns(Snapshot s, String table) {
        List<Column> cols = new ArrayList<>();
        // names sharing the prefix "table." sit together in the sorted list
        String prefix = table + ".";
        List<Column> all = s.columns();
        for (int i = firstNotBefore(all, prefix); i < all.size() && all.get(i).name().startsWith(prefix); i++) {
            Column c = all.get(i);
            if (c.name().length() > prefix.length() && oneIdentifier(c.name().substring(prefix.length()))) {
                cols.add(c);
            }
        }
        cols.sort((x, y) -> Integer.compare(x.position(), y.position()));
        return cols.stream().map(c -> c.name().substring(table.length() + 1) + " " + c.type()).toList();
    }

    /** {@code col} or {@code "Col.x"}: one identifier as the catalog prints it, not a dotted path. */
    private static boolean oneIdentifier(String s) {
        if (s.startsWith("\"")) {
            return s.length() > 1 && s.endsWith("\"") && s.substring(1, s.length() - 1).replace("\"\"", "").indexOf('"') < 0;
        }
        return s.indexOf('.') < 0 && s.indexOf('"') < 0;
    }
}

package pum.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import pum.catalog.CatalogObject;
import pum.catalog.ObjectKind;
import pum.catalog.Snapshot;
import pum.diff.internal.LikePattern;
import pum.diff.internal.ObjectNames;

/** Compares two snapshots. A pure function: no connection, no clock, no I/O. */
public final class Diff {
    private Diff() {
    }

    /**
     * Every difference between two snapshots, for each kind not ignored: objects only in
     * {@code first}, only in {@code second}, and for objects in both, each field whose text differs.
     *
     * <p>Patterns follow SQL LIKE rules ({@code %} any run of characters, {@code _} one character,
     * {@code \} escapes the next one; case-sensitive) and match a whole text.
     *
     * <p>{@code -P} ({@link DiffOptions#excludedColumnPatterns()}, PUM's
     * {@code column_name NOT LIKE 'usr_%'}): a column whose own name (unquoted, without its table)
     * matches is left out on both sides, with its comment; indexes, constraints, views and triggers
     * that use it are still compared.
     *
     * <p>{@link DiffOptions#ignoredValuePatterns()}: a {@link Change#CHANGED} difference is dropped
     * when the field's value in either database matches. The value is the text shown in the
     * report, for example the default expression {@code nextval('public.t_id_seq'::regclass)}.
     * Value patterns never hide an object that exists on one side only.
     */
    public static DiffResult compare(Snapshot first, Snapshot second, DiffOptions options) {
        List<Pattern> patterns = options.ignoredValuePatterns().stream().map(LikePattern::compile).toList();
        List<Pattern> columns = options.excludedColumnPatterns().stream().map(LikePattern::compile).toList();
        List<Difference> out = new ArrayList<>();
        for (ObjectKind kind : ObjectKind.values()) {
            if (!options.ignoredKinds().contains(kind)) {
                List<? extends CatalogObject> a = first.objects(kind);
                List<? extends CatalogObject> b = second.objects(kind);
                if (!columns.isEmpty() && (kind == ObjectKind.COLUMNS || kind == ObjectKind.COMMENTS)) {
                    a = withoutColumns(kind, a, columns);
                    b = withoutColumns(kind, b, columns);
                }
                compare(kind, a, b, options, patterns, out);
            }
        }
        if (options.ignoredKinds().contains(ObjectKind.VIEWS)) {
            // ignoring views means ignoring all of them, including their columns and comments
            Set<String> views = new HashSet<>();
            first.objects(ObjectKind.VIEWS).forEach(v -> views.add(v.name()));
            second.objects(ObjectKind.VIEWS).forEach(v -> views.add(v.name()));
            out.removeIf(d -> (d.kind() == ObjectKind.COLUMNS || d.kind() == ObjectKind.COMMENTS) && belongsTo(d.object(), views));
        }
        return new DiffResult(out);
    }

    /** The objects of a kind without the excluded columns (or their comments). */
    private static List<? extends CatalogObject> withoutColumns(ObjectKind kind, List<? extends CatalogObject> objects, List<Pattern> columns) {
        List<CatalogObject> kept = new ArrayList<>(objects.size());
        for (CatalogObject o : objects) {
            String name = o.name();
            if (kind == ObjectKind.COMMENTS) {
                if (!name.startsWith(COLUMN_COMMENT)) {
                    kept.add(o);
                    continue;
                }
                name = name.substring(COLUMN_COMMENT.length());
            }
            if (!matches(columns, ObjectNames.last(name))) {
                kept.add(o);
            }
        }
        return kept;
    }

    /** How the catalog names comments on columns: {@code column s.t.c}. */
    private static final String COLUMN_COMMENT = "column ";

    /** Whether a name is one of the relations or a member of one ({@code s.v} or {@code s.v.col}). */
    private static boolean belongsTo(String object, Set<String> relations) {
        // comments are named after what they are on: "column public.v.a"
        String name = object.indexOf(' ') > 0 ? object.substring(object.indexOf(' ') + 1) : object;
        if (relations.contains(name)) {
            return true;
        }
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            if (relations.contains(name.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    /** A merge of two name-sorted lists. */
    private static void compare(ObjectKind kind, List<? extends CatalogObject> a, List<? extends CatalogObject> b,
                                DiffOptions options, List<Pattern> patterns, List<Difference> out) {
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int cmp = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).name().compareTo(b.get(j).name());
            if (cmp < 0) {
                out.add(new Difference(kind, a.get(i++).name(), Change.ONLY_IN_FIRST, null, null, null));
            } else if (cmp > 0) {
                out.add(new Difference(kind, b.get(j++).name(), Change.ONLY_IN_SECOND, null, null, null));
            } else {
                CatalogObject x = a.get(i++);
                CatalogObject y = b.get(j++);
                if (!x.equals(y)) {
                    fields(kind, x, y, options, patterns, out);
                }
            }
        }
    }

    private static void fields(ObjectKind kind, CatalogObject x, CatalogObject y, DiffOptions options,
                               List<Pattern> patterns, List<Difference> out) {
        Map<String, String> fx = x.fields();
        Map<String, String> fy = y.fields();
        for (Map.Entry<String, String> e : fx.entrySet()) {
            String field = e.getKey();
            String vx = e.getValue();
            String vy = fy.get(field);
            if (Objects.equals(vx, vy)) {
                continue;
            }
            if (kind == ObjectKind.COLUMNS && field.equals("position") && !options.columnOrder()) {
                continue;
            }
            if (matches(patterns, vx) || matches(patterns, vy)) {
                continue;
            }
            out.add(new Difference(kind, x.name(), Change.CHANGED, field, vx, vy));
        }
    }

    private static boolean matches(List<Pattern> patterns, String value) {
        if (value == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}

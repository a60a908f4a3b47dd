package pum.ddl.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders steps. A step waits for the steps creating what its object depends on as pg_depend
 * records it ({@link pum.catalog.Details#dependencies}: the columns a view or an SQL-standard
 * function body reads, a column's type and default, a trigger's function, an index's expressions,
 * a partition's parent, a foreign table's server). Where pg_depend does not track what a text
 * names (plpgsql and other function bodies, OWNED BY, comments: {@link Step#textual()}), or when
 * no dependencies were read at all, a step also waits for every step that provides a
 * schema-qualified name its text mentions (texts printed by the server name every user object
 * schema-qualified). Texts are not read where pg_depend knows: a name in a string literal is no
 * dependency. Among the steps that are ready the lowest rank goes first, then the earliest
 * generated. A cycle is broken at its lowest-ranked step, so the order is always total and always
 * the same for the same input.
 */
final class Graph {
    private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")";
    private static final Pattern CHAIN = Pattern.compile(PART + "(?:\\." + PART + ")+");

    private Graph() {
    }

    /** Steps ordered by the names their texts mention only. */
    static List<Step> order(List<Step> steps) {
        return order(steps, Map.of());
    }

    private static boolean creates(Step s) {
        return !s.rank().dropsEarly() && !s.rank().dropsLate();
    }

    /** Whether this step is one that others wait for when they depend on its object. */
    private static boolean providesObject(Step s) {
        // OWNED BY and row security come after their object and make nothing exist
        return creates(s) && s.rank() != Rank.SEQUENCE_OWNER && s.rank() != Rank.ROW_SECURITY;
    }

    /** {@code tables s.t} and {@code views s.t} for {@code columns s.t.c}: a column is created with its relation. */
    private static List<String> relationsOf(String column) {
        String relation = QName.parent(column.substring("columns ".length()));
        return List.of("tables " + relation, "views " + relation);
    }

    /**
     * Steps ordered by pg_depend's edges ({@code dependencies}: object reference to the references
     * it depends on, as in {@link pum.catalog.Details#dependencies}) and, as a supplement, by the
     * names their texts mention.
     */
    static List<Step> order(List<Step> steps, Map<String, Set<String>> dependencies) {
        Map<String, List<Integer>> providers = new HashMap<>();
        Map<String, List<Integer>> byObject = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String p = s.provides();
            if (p != null) {
                providers.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
            if (providesObject(s)) {
                byObject.computeIfAbsent(s.object(), k -> new ArrayList<>()).add(i);
            }
        }
        // the steps that make each referenced object exist; a column without steps of its own comes with its relation
        Function<String, List<Integer>> makers = ref -> {
            List<Integer> own = byObject.get(ref);
            if (own != null || !ref.startsWith("columns ")) {
                return own == null ? List.of() : own;
            }
            List<Integer> rel = new ArrayList<>();
            relationsOf(ref).forEach(r -> rel.addAll(byObject.getOrDefault(r, List.of())));
            return rel;
        };
        // what each step's object depends on; a column without steps of its own lends its edges to its relation
        Map<String, Set<String>> needs = new HashMap<>();
        dependencies.forEach((from, tos) -> {
            List<String> owners = byObject.containsKey(from) || !from.startsWith("columns ") ? List.of(from) : relationsOf(from);
            for (String owner : owners) {
                needs.computeIfAbsent(owner, k -> new TreeSet<>()).addAll(tos);
            }
        });
        int n = steps.size();
        List<List<Integer>> dependents = new ArrayList<>(n);
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            if (!creates(s)) {
                continue;
            }
            TreeSet<Integer> deps = new TreeSet<>();
            for (String ref : needs.getOrDefault(s.object(), Set.of())) {
                for (int d : makers.apply(ref)) {
                    if (d != i && !steps.get(d).object().equals(s.object())) {
                        deps.add(d);
                    }
                }
            }
            // pg_depend's edges are exact: texts are read for what it does not track, or when it was not read
            Matcher m = CHAIN.matcher(dependencies.isEmpty() || s.textual() ? s.sql() : "");
            while (m.find()) {
                List<String> parts = QName.parts(m.group());
                // s.t, and s.t of s.t.c
                String two = pum.catalog.Names.qualify(parts.get(0), parts.get(1));
                for (int d : providers.getOrDefault(two, List.of())) {
                    if (d != i && creates(steps.get(d))) {
                        deps.add(d);
                    }
                }
            }
            for (int d : deps) {
                dependents.get(d).add(i);
                waiting[i]++;
            }
        }
        Comparator<Integer> byRank = Comparator.<Integer, Rank>comparing(i -> steps.get(i).rank()).thenComparing(i -> i);
        PriorityQueue<Integer> ready = new PriorityQueue<>(byRank);
        TreeSet<Integer> blocked = new TreeSet<>(byRank);
        for (int i = 0; i < n; i++) {
            (waiting[i] == 0 ? ready : blocked).add(i);
        }
        List<Step> out = new ArrayList<>(n);
        boolean[] done = new boolean[n];
        while (out.size() < n) {
            Integer next = ready.poll();
            if (next == null) {
                // a cycle (a function whose argument is a table's row type, used in that table's default):
                // release its lowest-ranked step
                next = blocked.pollFirst();
            } else {
                blocked.remove(next);
            }
            if (done[next]) {
                continue;
            }
            done[next] = true;
            out.add(steps.get(next));
            for (int d : dependents.get(next)) {
                if (--waiting[d] == 0 && !done[d]) {
                    blocked.remove(d);
                    ready.add(d);
                }
            }
        }
        return out;
    }
}

package pum.ddl.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders steps: a step waits for every step that provides a schema-qualified name its text
 * mentions (foreign key targets, the tables and views a view reads, the functions a default or
 * CHECK calls, the sequence in a {@code nextval('s.seq')}), and among the steps that are ready the
 * lowest rank goes first, then the earliest generated. Texts printed by the server name every user
 * object schema-qualified, which is what makes this reliable. A cycle is broken at its lowest-ranked
 * step, so the order is always total and always the same for the same input.
 */
final class Graph {
    private static final String PART = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")";
    private static final Pattern CHAIN = Pattern.compile(PART + "(?:\\." + PART + ")+");

    private Graph() {
    }

    static List<Step> order(List<Step> steps) {
        Map<String, List<Integer>> providers = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String p = steps.get(i).provides();
            if (p != null) {
                providers.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        int n = steps.size();
        List<List<Integer>> dependents = new ArrayList<>(n);
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            if (s.rank().dropsEarly() || s.rank().dropsLate()) {
                continue;
            }
            TreeSet<Integer> deps = new TreeSet<>();
            Matcher m = CHAIN.matcher(s.sql());
            while (m.find()) {
                List<String> parts = QName.parts(m.group());
                // s.t, and s.t of s.t.c
                String two = pum.catalog.Names.qualify(parts.get(0), parts.get(1));
                for (int d : providers.getOrDefault(two, List.of())) {
                    if (d != i && !steps.get(d).rank().dropsEarly() && !steps.get(d).rank().dropsLate()) {
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

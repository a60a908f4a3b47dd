package pum.diff;

import java.util.List;
import java.util.Map;
import pum.catalog.ObjectKind;

/**
 * Renders differences as text for a person: grouped by kind, one line per difference.
 * <pre>
 * columns (1)
 *   ~ qwat_od.pipe.diameter: type integer vs bigint
 * tables (2)
 *   - public.old_pipe: only in first
 *   + public.new_pipe: only in second
 * comments (1)
 *   - comment on constraint public.pipe.pipe_check: only in first
 * 4 differences
 * </pre>
 */
public final class TextReport {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final int SHORT = 100;

    private final int verbosity;
    private final boolean color;

    /**
     * A renderer.
     *
     * @param verbosity 0: one line per kind with its count; 1: one line per difference, long values
     *                  shortened to one line; 2: one line per difference, then long values in full
     * @param color     ANSI colors (for a terminal; the CLI turns them off when NO_COLOR is set)
     */
    public TextReport(int verbosity, boolean color) {
        this.verbosity = verbosity;
        this.color = color;
    }

    /** The report, ending with a summary line ({@code no differences} or {@code N differences}). */
    public String render(DiffResult result) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<ObjectKind, List<Difference>> e : result.byKind().entrySet()) {
            b.append(paint(BOLD, e.getKey().label())).append(" (").append(e.getValue().size()).append(")\n");
            if (verbosity >= 1) {
                for (Difference d : e.getValue()) {
                    line(b, d);
                }
            }
        }
        int n = result.differences().size();
        b.append(n == 0 ? "no differences" : n == 1 ? "1 difference" : n + " differences").append('\n');
        return b.toString();
    }

    private void line(StringBuilder b, Difference d) {
        switch (d.change()) {
            case ONLY_IN_FIRST -> b.append("  ").append(paint(RED, "- " + d.subject())).append(": only in first\n");
            case ONLY_IN_SECOND -> b.append("  ").append(paint(GREEN, "+ " + d.subject())).append(": only in second\n");
            case CHANGED -> {
                b.append("  ").append(paint(YELLOW, "~ " + d.subject())).append(": ").append(d.field()).append(' ')
                        .append(shortValue(d.first())).append(" vs ").append(shortValue(d.second())).append('\n');
                if (verbosity >= 2 && (isLong(d.first()) || isLong(d.second()))) {
                    block(b, "first", d.first());
                    block(b, "second", d.second());
                }
            }
        }
    }

    private static boolean isLong(String v) {
        return v != null && (v.length() > SHORT || v.contains("\n"));
    }

    private static String shortValue(String v) {
        if (v == null) {
            return "(none)";
        }
        String one = v.strip().replaceAll("\\s+", " ");
        return one.length() > SHORT ? one.substring(0, SHORT - 3) + "..." : one;
    }

    private static void block(StringBuilder b, String label, String v) {
        b.append("      ").append(label).append(":\n");
        if (v == null) {
            b.append("        (none)\n");
            return;
        }
        for (String l : v.strip().split("\n", -1)) {
            b.append("        ").append(l).append('\n');
        }
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}

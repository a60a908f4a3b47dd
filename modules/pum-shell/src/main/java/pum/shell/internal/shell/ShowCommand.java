package pum.shell.internal.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pum.catalog.CatalogObject;
import pum.core.ErrorCode;
import pum.core.PumException;
import pum.core.Secrets;
import pum.shell.internal.Session;
import pum.shell.internal.cli.Args;
import pum.shell.internal.cli.Command;
import pum.shell.internal.cli.Opt;
import pum.shell.internal.cli.Param;

/**
 * {@code show OBJECT}: an object's definition on both sides of the last check, next to each
 * other; {@code *} marks a changed line, {@code <} a line only in the first, {@code >} only in the second.
 */
public final class ShowCommand implements Command {
    private static final int MAX_WIDTH = 70;
    private final Session session;

    /** Made by the composition root. */
    public ShowCommand(Session session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String summary() {
        return "Shell: print an object of the last check on both sides, changed lines marked.";
    }

    @Override
    public String description() {
        return "OBJECT is a name as check prints it (public.pipe, public.pipe.diameter, public.f(integer)).\n"
                + "Marks: '*' the line differs, '<' only in the first database, '>' only in the second.";
    }

    @Override
    public List<Opt> options() {
        return List.of();
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.of("OBJECT", "The object's name."));
    }

    @Override
    public int run(Args args) {
        LastCheck last = DiffCommand.require(session);
        String name = args.param("OBJECT");
        List<CatalogObject> one = Definitions.find(last.one(), name);
        List<CatalogObject> two = Definitions.find(last.two(), name);
        if (one.isEmpty() && two.isEmpty()) {
            throw new PumException(ErrorCode.USAGE, "no object named \"" + name + "\" on either side of the last check",
                    "'diff' lists the differences with their objects' names");
        }
        Set<pum.catalog.ObjectKind> kinds = new LinkedHashSet<>();
        one.forEach(o -> kinds.add(o.objectKind()));
        two.forEach(o -> kinds.add(o.objectKind()));
        for (pum.catalog.ObjectKind k : kinds) {
            List<String> left = one.stream().filter(o -> o.objectKind() == k).findFirst().map(o -> Definitions.lines(last.one(), o)).orElse(List.of());
            List<String> right = two.stream().filter(o -> o.objectKind() == k).findFirst().map(o -> Definitions.lines(last.two(), o)).orElse(List.of());
            session.out().print(sideBySide(Secrets.mask(last.first()), Secrets.mask(last.second()), left, right, k.label()));
        }
        return 0;
    }

    /** The two definitions aligned line by line (longest common subsequence), marked. */
    static String sideBySide(String firstName, String secondName, List<String> left, List<String> right, String kind) {
        int width = Math.max(firstName.length() + 2, Math.min(MAX_WIDTH,
                left.stream().mapToInt(String::length).max().orElse(10)));
        List<String[]> rows = align(left, right);
        StringBuilder b = new StringBuilder();
        b.append("  ").append(pad(firstName, width)).append(" | ").append(secondName).append("   (").append(kind).append(")\n");
        b.append("  ").append("-".repeat(width)).append("-+-").append("-".repeat(Math.min(MAX_WIDTH, Math.max(secondName.length(),
                right.stream().mapToInt(String::length).max().orElse(10))))).append('\n');
        if (left.isEmpty()) {
            b.append("  ").append(pad("(not there)", width)).append(" |\n");
        }
        for (String[] r : rows) {
            String mark = r[0] == null ? ">" : r[1] == null ? "<" : r[0].equals(r[1]) ? " " : "*";
            List<String> l = wrap(r[0] == null ? "" : r[0], width);
            List<String> rr = wrap(r[1] == null ? "" : r[1], MAX_WIDTH);
            for (int i = 0; i < Math.max(l.size(), rr.size()); i++) {
                b.append(i == 0 ? mark : " ").append(' ').append(pad(i < l.size() ? l.get(i) : "", width)).append(" | ")
                        .append(i < rr.size() ? rr.get(i) : "").append('\n');
            }
        }
        if (right.isEmpty()) {
            b.append("  ").append(pad("", width)).append(" | (not there)\n");
        }
        return b.toString();
    }

    /** Pairs of lines: equal ones together, a changed line with its counterpart where one removal meets one addition. */
    static List<String[]> align(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String[]> raw = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                raw.add(new String[] {a.get(i++), b.get(j++)});
            } else if (j >= b.size() || (i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
                raw.add(new String[] {a.get(i++), null});
            } else {
                raw.add(new String[] {null, b.get(j++)});
            }
        }
        // a run of removals followed by a run of additions: pair them up as changed lines
        List<String[]> rows = new ArrayList<>();
        for (int k = 0; k < raw.size(); ) {
            if (raw.get(k)[1] == null) {
                int start = k;
                while (k < raw.size() && raw.get(k)[1] == null) {
                    k++;
                }
                int adds = k;
                while (adds < raw.size() && raw.get(adds)[0] == null) {
                    adds++;
                }
                int removed = k - start;
                int added = adds - k;
                for (int n = 0; n < Math.max(removed, added); n++) {
                    rows.add(new String[] {n < removed ? raw.get(start + n)[0] : null, n < added ? raw.get(k + n)[1] : null});
                }
                k = adds;
            } else {
                rows.add(raw.get(k++));
            }
        }
        return rows;
    }

    private static List<String> wrap(String s, int width) {
        List<String> l = new ArrayList<>();
        while (s.length() > width) {
            l.add(s.substring(0, width));
            s = "  " + s.substring(width);
        }
        l.add(s);
        return l;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

package pum.shell.internal.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders help text for one command or for the whole program. */
public final class Help {
    private static final int WIDTH = 100;
    private static final int COLUMN = 30;

    private Help() {
    }

    /** {@code pum NAME --help}. */
    public static String of(Command c) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: pum ").append(c.name()).append(" [OPTIONS]");
        for (Param p : c.parameters()) {
            sb.append(' ').append(p.required() ? "" : "[").append(p.label()).append(p.variadic() ? "..." : "").append(p.required() ? "" : "]");
        }
        sb.append("\n\n").append(c.summary()).append('\n');
        if (!c.description().isBlank()) {
            sb.append('\n').append(c.description().stripTrailing()).append('\n');
        }
        if (!c.aliases().isEmpty()) {
            sb.append("\nAlso called: ").append(String.join(", ", c.aliases())).append('\n');
        }
        if (!c.parameters().isEmpty()) {
            sb.append("\nArguments:\n");
            for (Param p : c.parameters()) {
                row(sb, p.label(), p.help());
            }
        }
        sb.append("\nOptions:\n");
        List<Opt> opts = new ArrayList<>(c.options());
        opts.add(Parser.HELP);
        for (Opt o : opts) {
            if (o.hidden()) {
                continue;
            }
            String left = o.spelled() + (o.label() == null ? "" : " " + o.label() + (o.arity() < 0 ? "..." : ""));
            String help = o.help() + (o.required() ? " (required)" : o.repeatable() && o.arity() >= 0 ? " (may be repeated)" : "");
            row(sb, left, help);
        }
        return sb.toString();
    }

    /** {@code pum --help}. */
    public static String program(String description, List<Command> commands, List<Opt> globals, String footer) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: pum [GLOBAL OPTIONS] COMMAND [OPTIONS]\n\n").append(description.stripTrailing()).append("\n\nCommands:\n");
        for (Command c : commands) {
            if (!c.hidden()) {
                row(sb, c.name() + (c.aliases().isEmpty() ? "" : " (" + String.join(", ", c.aliases()) + ")"), c.summary());
            }
        }
        sb.append("\nGlobal options:\n");
        for (Opt o : globals) {
            row(sb, o.spelled() + (o.label() == null ? "" : " " + o.label()), o.help());
        }
        sb.append('\n').append(footer.stripTrailing()).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String left, String help) {
        String head = "  " + left;
        List<String> lines = wrap(help, WIDTH - COLUMN);
        if (head.length() >= COLUMN - 1) {
            sb.append(head).append('\n');
            head = "";
        }
        for (String line : lines) {
            sb.append(String.format("%-" + COLUMN + "s", head)).append(line).append('\n');
            head = "";
        }
        if (lines.isEmpty()) {
            sb.append(head).append('\n');
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }
}

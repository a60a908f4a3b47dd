package pum.shell.internal.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a command's arguments. Options match whole tokens only ({@code -p1} is an option of
 * its own, never {@code -p} with the value 1, as in PUM), long options also as
 * {@code --name=value}; {@code --} ends the options.
 */
public final class Parser {
    /** The help option every command has. */
    public static final Opt HELP = Opt.flag("Show this help and exit.", "-h", "--help");

    private Parser() {
    }

    /** Parses, or throws {@link UsageException}. A help request returns null. */
    public static Args parse(Command command, List<String> tokens) {
        Map<String, Opt> byName = new HashMap<>();
        for (Opt o : command.options()) {
            o.names().forEach(n -> byName.put(n, o));
        }
        Map<String, List<List<String>>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!optionsEnded && t.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (optionsEnded || !looksLikeOption(t)) {
                positionals.add(t);
                continue;
            }
            String name = t;
            String inline = null;
            int eq = t.indexOf('=');
            if (t.startsWith("--") && eq > 2) {
                name = t.substring(0, eq);
                inline = t.substring(eq + 1);
            }
            if (HELP.names().contains(name) && !byName.containsKey(name)) {
                return null;
            }
            Opt opt = byName.get(name);
            if (opt == null) {
                throw new UsageException("unknown option '" + name + "' for 'pum " + command.name() + "'", suggestion(name, byName, command));
            }
            List<String> occurrence = new ArrayList<>();
            if (opt.arity() == 0) {
                if (inline != null) {
                    throw new UsageException("option " + name + " takes no value", null);
                }
            } else if (opt.arity() > 0) {
                if (inline != null) {
                    occurrence.add(inline);
                }
                while (occurrence.size() < opt.arity()) {
                    if (i + 1 >= tokens.size()) {
                        throw new UsageException("option " + name + " needs " + (opt.arity() == 1 ? "a value (" + opt.label() + ")"
                                : opt.arity() + " values (" + opt.label() + ")"), usageHint(command));
                    }
                    occurrence.add(tokens.get(++i));
                }
            } else {
                if (inline != null) {
                    occurrence.add(inline);
                }
                // any option ends the values, known or not: an unknown one is then reported as such,
                // not taken as a directory (a value that starts with - is written --opt=-value)
                while (i + 1 < tokens.size() && !looksLikeOption(tokens.get(i + 1))) {
                    occurrence.add(tokens.get(++i));
                }
                if (occurrence.isEmpty()) {
                    throw new UsageException("option " + name + " needs at least one value (" + opt.label() + ")", usageHint(command));
                }
            }
            List<List<String>> occ = values.computeIfAbsent(opt.key(), k -> new ArrayList<>());
            if (!opt.repeatable() && !occ.isEmpty()) {
                if (opt.arity() == 0) {
                    continue; // a flag given twice says the same thing twice
                }
                // argparse let the last one win: a script saying -p a -p b meant one of them, pum will not guess which
                throw new UsageException("option " + name + " given twice (" + String.join(" ", occ.get(0)) + ", then "
                        + String.join(" ", occurrence) + "); it takes one value", usageHint(command));
            }
            occ.add(occurrence);
        }
        for (Opt o : command.options()) {
            if (o.required() && !values.containsKey(o.key())) {
                throw new UsageException("missing required option " + o.spelled() + (o.label() == null ? "" : " " + o.label())
                        + " for 'pum " + command.name() + "'", usageHint(command));
            }
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int p = 0;
        for (Param param : command.parameters()) {
            if (param.variadic()) {
                params.put(param.label(), new ArrayList<>(positionals.subList(Math.min(p, positionals.size()), positionals.size())));
                p = positionals.size();
                if (param.required() && params.get(param.label()).isEmpty()) {
                    throw new UsageException("missing " + param.label() + " for 'pum " + command.name() + "'", usageHint(command));
                }
            } else if (p < positionals.size()) {
                params.put(param.label(), List.of(positionals.get(p++)));
            } else if (param.required()) {
                throw new UsageException("missing " + param.label() + " for 'pum " + command.name() + "'", usageHint(command));
            }
        }
        if (p < positionals.size()) {
            throw new UsageException("unexpected argument '" + positionals.get(p) + "' for 'pum " + command.name() + "'", usageHint(command));
        }
        return new Args(values, params);
    }

    /** A negative number or a lone dash is a value, not an option. */
    private static boolean looksLikeOption(String t) {
        return t.length() > 1 && t.charAt(0) == '-' && !Character.isDigit(t.charAt(1)) && !(t.length() > 2 && t.charAt(1) == '.');
    }

    private static String usageHint(Command c) {
        return "'pum " + c.name() + " --help' lists its options";
    }

    private static String suggestion(String name, Map<String, Opt> byName, Command c) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : byName.keySet()) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
            return "did you mean " + best + "? " + usageHint(c);
        }
        return usageHint(c);
    }

    /** Levenshtein distance, for "did you mean". */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

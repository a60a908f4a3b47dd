package pum.shell.internal.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the parser found on a command line: option values by {@link Opt#key()} and positional
 * values by {@link Param#label()}.
 */
public final class Args {
    private final Map<String, List<List<String>>> options;
    private final Map<String, List<String>> params;

    Args(Map<String, List<List<String>>> options, Map<String, List<String>> params) {
        this.options = options;
        this.params = params;
    }

    /** Whether the option was given. */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** The option's value (the last one if given several times), or null. */
    public String get(String key) {
        List<List<String>> occ = options.get(key);
        return occ == null || occ.isEmpty() || occ.get(occ.size() - 1).isEmpty() ? null : occ.get(occ.size() - 1).get(0);
    }

    /** The option's value, or a default. */
    public String get(String key, String dflt) {
        String v = get(key);
        return v == null ? dflt : v;
    }

    /** Every value of the option, over all its occurrences, in order. */
    public List<String> all(String key) {
        List<String> out = new ArrayList<>();
        options.getOrDefault(key, List.of()).forEach(out::addAll);
        return out;
    }

    /** The values of each occurrence, for options taking several values ({@code -v TYPE NAME VALUE}). */
    public List<List<String>> groups(String key) {
        return List.copyOf(options.getOrDefault(key, List.of()));
    }

    /** The option's value as a path, or null. */
    public Path path(String key) {
        String v = get(key);
        return v == null ? null : Path.of(v);
    }

    /** The option's value as an integer, or a default; a non-number is a usage error. */
    public int integer(String key, int dflt) {
        String v = get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + key + " takes a whole number, not \"" + v + "\"", null);
        }
    }

    /** A positional value, or null. */
    public String param(String label) {
        List<String> v = params.get(label);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All values of a variadic positional parameter. */
    public List<String> params(String label) {
        return List.copyOf(params.getOrDefault(label, List.of()));
    }
}

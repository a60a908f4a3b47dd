package pum.shell.internal.cli;

import java.util.List;

/**
 * One option of a command: its names, how many values it takes, and its help text.
 * Built with the static factories and the fluent modifiers, which return new values.
 *
 * @param names       every spelling, for example {@code -p}, {@code --pg_service}; the first long
 *                    name (else the first name) is the key under which {@link Args} stores it
 * @param label       the value's name in help, for example {@code DB}; null for a flag
 * @param arity       values per occurrence: 0 for a flag, 1 usually, 3 for {@code -v TYPE NAME VALUE};
 *                    -1 for "one or more, up to the next option" (argparse's nargs='+')
 * @param repeatable  whether it may be given several times
 * @param required    whether it must be given
 * @param help        one or more lines of help
 * @param hidden      left out of help
 */
public record Opt(List<String> names, String label, int arity, boolean repeatable, boolean required, String help,
                  boolean hidden) {

    /** A flag: present or not. */
    public static Opt flag(String help, String... names) {
        return new Opt(List.of(names), null, 0, false, false, help, false);
    }

    /** An option taking one value. */
    public static Opt value(String label, String help, String... names) {
        return new Opt(List.of(names), label, 1, false, false, help, false);
    }

    /** An option taking one or more values up to the next option ({@code -i views rules}). */
    public static Opt many(String label, String help, String... names) {
        return new Opt(List.of(names), label, -1, true, false, help, false);
    }

    /** An option taking exactly {@code n} values each time ({@code -v int SRID 2056}). */
    public static Opt tuple(int n, String label, String help, String... names) {
        return new Opt(List.of(names), label, n, true, false, help, false);
    }

    /** The same option, required. */
    public Opt mandatory() {
        return new Opt(names, label, arity, repeatable, true, help, hidden);
    }

    /** The same option, allowed several times (values accumulate). */
    public Opt multiple() {
        return new Opt(names, label, arity, true, required, help, hidden);
    }

    /** The same option, not shown in help. */
    public Opt hide() {
        return new Opt(names, label, arity, repeatable, required, help, true);
    }

    /** The name values are stored under: the first {@code --long} name, else the first name. */
    public String key() {
        return names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(names.get(0));
    }

    /** All names joined for messages and help: {@code -p, --pg_service}. */
    public String spelled() {
        return String.join(", ", names);
    }
}

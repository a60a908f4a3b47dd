package pum.shell.internal.cli;

/**
 * A positional parameter.
 *
 * @param label    its name in help and in {@link Args}, for example {@code FILE}
 * @param help     help text
 * @param required whether it must be given
 * @param variadic whether it takes all remaining positional arguments
 */
public record Param(String label, String help, boolean required, boolean variadic) {

    /** A required positional parameter. */
    public static Param of(String label, String help) {
        return new Param(label, help, true, false);
    }

    /** An optional positional parameter. */
    public static Param optional(String label, String help) {
        return new Param(label, help, false, false);
    }
}

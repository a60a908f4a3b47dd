package pum.shell.internal.cli;

import java.util.List;

/**
 * One pum command: what it is called, what it takes, and what it does. The interactive shell
 * and batch mode run the same objects through the same dispatcher.
 */
public interface Command {
    /** The name typed after {@code pum}. */
    String name();

    /** Other names accepted for it (rokso's {@code migrate} for {@code upgrade}, say). */
    default List<String> aliases() {
        return List.of();
    }

    /** One line for {@code pum --help}. */
    String summary();

    /** Paragraphs for {@code pum NAME --help}, after the usage line; may be empty. */
    default String description() {
        return "";
    }

    /** The options, in help order. {@code -h/--help} is added by the parser. */
    List<Opt> options();

    /** Positional parameters, in order. */
    default List<Param> parameters() {
        return List.of();
    }

    /** Left out of {@code pum --help}. */
    default boolean hidden() {
        return false;
    }

    /**
     * Runs the command.
     *
     * @return the exit code (0 for success); failures are thrown as PumException
     */
    int run(Args args) throws Exception;
}

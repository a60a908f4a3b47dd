package pum.rehearsal;

/**
 * Answers the questions a rehearsal asks before it destroys or changes something. A command line
 * asks its user; a program may decide by itself ({@link #ALWAYS} is {@code --yes}).
 */
@FunctionalInterface
public interface Confirmer {
    /** Yes to everything, as {@code --yes}. */
    Confirmer ALWAYS = (question, text) -> true;
    /** No to everything: a rehearsal that never drops a test database nor upgrades production. */
    Confirmer NEVER = (question, text) -> false;

    /** What is asked. */
    enum Question {
        /** The test database holds objects: drop it and create it again? */
        DROP_TEST_DATABASE,
        /** The rehearsal passed: upgrade production now? */
        UPGRADE_PRODUCTION
    }

    /**
     * Whether to go on.
     *
     * @param question which question
     * @param text     the question in words, for a person
     */
    boolean confirm(Question question, String text);
}

package pum.rehearsal;

/** The steps of a rehearsal, in order. */
public enum Step {
    /** pg_dump of production. */
    DUMP("dump production"),
    /** pg_restore into the test or throwaway database. */
    RESTORE("restore the dump into the test database"),
    /** The deltas applied to the test database. */
    UPGRADE_TEST("upgrade the test database"),
    /** The comparison database opened, or built from SQL files. */
    COMPARISON("open or build the comparison database"),
    /** The upgraded test database compared with the comparison database. */
    COMPARE("compare the upgraded test database with the comparison database"),
    /** The deltas applied to production, after confirmation. */
    UPGRADE_PRODUCTION("upgrade production");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    /** What the step does, for messages: {@code dump production}. */
    public String label() {
        return label;
    }

    /** 1 to 6. */
    public int number() {
        return ordinal() + 1;
    }

    /** How many steps there are. */
    public static int count() {
        return values().length;
    }
}

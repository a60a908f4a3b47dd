package pum.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An slf4j logger made on first use, with a threshold the command line sets. pum's command line
 * logs only with {@code --verbose} or {@code --debug}; without them no record reaches the
 * threshold and slf4j is never started (finding its provider, looking for its settings file in
 * every module, formatting its own report: about 25 ms of every command's start). A program using
 * pum's modules sets no threshold: every record goes to slf4j, made when the first one arrives.
 */
public final class LazyLog {
    /** The levels pum logs at, lowest first. */
    public enum Level { DEBUG, INFO, WARN }

    private static volatile Level threshold = Level.DEBUG;

    private final String name;
    private volatile Logger logger;

    private LazyLog(String name) {
        this.name = name;
    }

    /** The logger named after a class. */
    public static LazyLog of(Class<?> c) {
        return new LazyLog(c.getName());
    }

    /** The logger of this name. */
    public static LazyLog of(String name) {
        return new LazyLog(name);
    }

    /** Records below this level are dropped without starting slf4j (the command line: WARN, or INFO with --verbose, DEBUG with --debug). */
    public static void threshold(Level level) {
        threshold = level;
    }

    private Logger logger() {
        Logger l = logger;
        if (l == null) {
            l = LoggerFactory.getLogger(name);
            logger = l;
        }
        return l;
    }

    private static boolean passes(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    /** Whether a debug record would be written. */
    public boolean isDebugEnabled() {
        return passes(Level.DEBUG) && logger().isDebugEnabled();
    }

    /** A debug record, formatted as slf4j formats ({@code {}} placeholders). */
    public void debug(String format, Object... args) {
        if (passes(Level.DEBUG)) {
            logger().debug(format, args);
        }
    }

    /** An info record. */
    public void info(String format, Object... args) {
        if (passes(Level.INFO)) {
            logger().info(format, args);
        }
    }

    /** A warning. */
    public void warn(String format, Object... args) {
        if (passes(Level.WARN)) {
            logger().warn(format, args);
        }
    }
}

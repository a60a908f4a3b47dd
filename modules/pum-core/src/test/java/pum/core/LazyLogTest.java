package pum.core;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records below the command line's threshold are dropped before slf4j is asked. */
class LazyLogTest {
    @AfterEach
    void reset() {
        LazyLog.threshold(LazyLog.Level.DEBUG);
    }

    @Test
    void belowTheThresholdNothingIsEnabled() {
        LazyLog.threshold(LazyLog.Level.WARN);
        LazyLog log = LazyLog.of(LazyLogTest.class);
        assertFalse(log.isDebugEnabled());
        // dropped without a logger being made: must not throw, must not print
        log.debug("x {}", 1);
        log.info("y {}", 2);
    }
}

package pum.core.internal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import pum.core.Secrets;

/**
 * pgjdbc logs through java.util.logging, whose default handler prints WARNING lines on the
 * terminal. Its records go to slf4j at debug level instead, masked: a driver message may quote a
 * URL or a connection property.
 */
public final class DriverLog {
    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the settings. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");
    private static final pum.core.LazyLog TARGET = pum.core.LazyLog.of("org.postgresql");
    private static volatile boolean installed;

    private DriverLog() {
    }

    /** Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        DRIVER.setUseParentHandlers(false);
        for (Handler h : DRIVER.getHandlers()) {
            DRIVER.removeHandler(h);
        }
        DRIVER.setLevel(TARGET.isDebugEnabled() ? Level.FINE : Level.OFF);
        DRIVER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (!TARGET.isDebugEnabled()) {
                    return;
                }
                String text = record.getMessage();
                Object[] params = record.getParameters();
                if (text != null && params != null && params.length > 0) {
                    try {
                        text = java.text.MessageFormat.format(text, params);
                    } catch (IllegalArgumentException e) {
                        // keep the pattern as it is
                    }
                }
                String thrown = record.getThrown() == null ? "" : " (" + record.getThrown() + ")";
                TARGET.debug("{}", Secrets.mask(record.getLoggerName() + ": " + text + thrown));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}

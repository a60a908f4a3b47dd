package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The JDBC driver's java.util.logging lines never reach the console handler (the terminal). */
class DriverLogTest {
    @Test
    void driverWarningsDoNotReachTheConsole() {
        List<LogRecord> seen = new ArrayList<>();
        Handler spy = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(spy);
        try {
            PumRun r = PumRun.pum("ping", "-p", "host=127.0.0.1 port=1");
            assertEquals(4, r.exit(), r.toString());
            // what pgjdbc logs when a connection is garbage-collected unclosed, for example
            Logger.getLogger("org.postgresql.jdbc.PgConnectionCleaningAction").log(Level.WARNING,
                    "Leak detected: Connection.close() was not called for postgresql://app:secret@h/d");
            Logger.getLogger("org.postgresql.Driver").severe("something");
            assertTrue(seen.stream().noneMatch(x -> x.getLoggerName().startsWith("org.postgresql")), seen.toString());
        } finally {
            root.removeHandler(spy);
        }
    }
}

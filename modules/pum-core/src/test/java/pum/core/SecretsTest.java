package pum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form in which a password can reach a message, and what is left of it. */
class SecretsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // no-op cases first: nothing to hide, nothing changed
                Arguments.of("service \"prod\" (db1:5432/qwat as qwat)", "service \"prod\" (db1:5432/qwat as qwat)"),
                Arguments.of("postgresql://app@db1:5432/qwat", "postgresql://app@db1:5432/qwat"),
                Arguments.of("postgresql://[::1]:5432/db", "postgresql://[::1]:5432/db"),
                Arguments.of("mail me@example.org at 12:30", "mail me@example.org at 12:30"),
                Arguments.of("password authentication failed for user \"u\"", "password authentication failed for user \"u\""),
                // URIs
                Arguments.of("postgresql://app:secret@db1/qwat", "postgresql://app:***@db1/qwat"),
                Arguments.of("postgres://app:secret@db1", "postgres://app:***@db1"),
                Arguments.of("postgresql://app:secret@[::1:5432/db", "postgresql://app:***@[::1:5432/db"),
                Arguments.of("postgresql://app:p@ss@word@db1/qwat", "postgresql://app:***@db1/qwat"),
                Arguments.of("postgresql://app:pa/ss?x@db1/qwat", "postgresql://app:***@db1/qwat"),
                Arguments.of("postgresql://db1/qwat?user=app&password=secret&sslmode=require",
                        "postgresql://db1/qwat?user=app&password=***&sslmode=require"),
                Arguments.of("postgresql://db1/qwat?PASSWORD=secret", "postgresql://db1/qwat?PASSWORD=***"),
                // typos in the scheme
                Arguments.of("postgresq://app:secret@db1/qwat", "postgresq://app:***@db1/qwat"),
                Arguments.of("postgresql:/app:secret@db1/qwat", "postgresql:/app:***@db1/qwat"),
                Arguments.of("postgresql//app:secret@db1/qwat", "postgresql//app:***@db1/qwat"),
                Arguments.of("jdbc:postgresql://app:secret@db1/qwat", "jdbc:postgresql://app:***@db1/qwat"),
                Arguments.of("app:secret@db1/qwat", "app:***@db1/qwat"),
                // inside messages and command lines
                Arguments.of("pum: error: invalid connection string postgresql://app:secret@[::1:5432/db: unterminated IPv6 address",
                        "pum: error: invalid connection string postgresql://app:***@[::1:5432/db: unterminated IPv6 address"),
                Arguments.of("ping -p 'postgresql://app:my secret@db1/qwat' -t x", "ping -p 'postgresql://app:***@db1/qwat' -t x"),
                Arguments.of("service \"postgresql://app:my secret@db1\" not found", "service \"postgresql://app:***@db1\" not found"),
                Arguments.of("ping --pg_service=postgresql://app:secret@db1/q", "ping --pg_service=postgresql://app:***@db1/q"),
                Arguments.of("cannot reach postgresql://app:my secret@db1:1/db (db1:1/db as app)",
                        "cannot reach postgresql://app:***@db1:1/db (db1:1/db as app)"),
                Arguments.of("cannot reach postgresql://db1:1 (db1:1/db as app@x)", "cannot reach postgresql://db1:1 (db1:1/db as app@x)"),
                // conninfo
                Arguments.of("host=h password=secret dbname=d", "host=h password=*** dbname=d"),
                Arguments.of("host=h PASSWORD=secret", "host=h PASSWORD=***"),
                Arguments.of("host=h Password = 'my \\'secret\\'' user=u", "host=h Password = *** user=u"),
                Arguments.of("host=h password='unterminated secret", "host=h password=***"),
                Arguments.of("host=h password=sec\\ ret user=u", "host=h password=*** user=u"),
                Arguments.of("sslpassword=secret", "sslpassword=***"),
                Arguments.of("PGPASSWORD=secret pum ping", "PGPASSWORD=*** pum ping"),
                // the keyword in any case, anywhere in a line (the scan that lets plain lines skip the patterns)
                Arguments.of("applied x pAsSwOrD=hunter2", "applied x pAsSwOrD=***"),
                Arguments.of("client_SECRET=hunter2 done", "client_SECRET=*** done"),
                Arguments.of("applied 0.0.1 delta_0.0.1_t1.sql (3 ms)", "applied 0.0.1 delta_0.0.1_t1.sql (3 ms)"),
                Arguments.of("ping -p \"host=h password='a b'\"", "ping -p \"host=h password=***\""),
                Arguments.of("conninfo \"host=h password=***\" (h:5432/d as u)", "conninfo \"host=h password=***\" (h:5432/d as u)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void masks(String text, String expected) {
        assertEquals(expected, Secrets.mask(text));
        assertEquals(expected, Secrets.mask(expected), "masking twice changes nothing");
        for (String secret : new String[] {"secret", "ss@word", "pa/ss", "hunter2"}) {
            assertFalse(Secrets.mask(text).contains(secret), Secrets.mask(text));
        }
    }
}

package pum.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Standard error as bin/pum sets it up: whatever is printed to it (log lines, traces) is masked. */
class MaskingPrintStreamTest {
    @Test
    void everyWayOfPrintingIsMasked() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = MaskingPrintStream.wrap(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertSame(err, MaskingPrintStream.wrap(err), "wrapping twice is the same stream");
        err.println("[DEBUG] x - postgresql://app:secret@h/d");
        err.print("host=h password=secret\n");
        err.printf("%s and %s%n", "PGPASSWORD=secret", "caf\u00e9");
        err.println((Object) "postgres://u:secret@h");
        new IllegalStateException("wrapped postgresql://app:secret@h/d").printStackTrace(err);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("secret"), out);
        assertEquals("[DEBUG] x - postgresql://app:***@h/d", out.lines().findFirst().orElseThrow());
        org.junit.jupiter.api.Assertions.assertTrue(out.contains("caf\u00e9"), "text keeps its characters: " + out);
    }
}

package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    @Test
    void isTheMd5HexPumStoredForLfFiles() {
        // md5("SELECT 1;\n"), as PUM 0.x's hashlib.md5(open(f, 'rb').read()).hexdigest() gives
        byte[] b = "SELECT 1;\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(Checksum.raw(b), Checksum.of(b));
        assertEquals(32, Checksum.of(b).length());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Checksum.of(new byte[0]));
    }

    @Test
    void ignoresLineEndings() {
        assertEquals(Checksum.of("a;\nb;\n"), Checksum.of("a;\r\nb;\r\n"));
        assertEquals(Checksum.of("a;\nb;\n"), Checksum.of("a;\rb;\r"));
        assertNotEquals(Checksum.of("a;\nb;\n"), Checksum.of("a;\nb; \n"));
    }
}

package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import pum.delta.internal.DeltaText;
import pum.delta.internal.Directives;
import pum.delta.internal.SourceError;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;

class DeltaTextTest {
    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

    @TempDir
    Path tmp;

    private Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** What an engine does: directives first (ASCII), then the text in the declared encoding. */
    private static List<SqlStatement> statements(Path p) throws IOException {
        Directives d = Directives.read(p, false);
        List<SqlStatement> out = new ArrayList<>();
        try (Reader r = DeltaText.open(p, d.encoding())) {
            SqlSplitter s = new SqlSplitter(r);
            for (SqlStatement x = s.next(); x != null; x = s.next()) {
                out.add(x);
            }
        }
        return out;
    }

    @Test
    void latin1WithoutDirectiveNamesLineAndByte() throws IOException {
        Path p = file("delta_1.0.0_x.sql", "SELECT 1;\nINSERT INTO t VALUES ('café');\n".getBytes(LATIN1));
        SourceError e = assertThrows(SourceError.class, () -> statements(p));
        assertEquals(SourceError.Kind.BAD_ENCODING, e.kind());
        assertEquals(2, e.line());
        assertEquals(27, e.column());
        assertEquals(36, e.byteOffset());
        assertTrue(e.getMessage().contains("0xe9") && e.getMessage().contains("UTF-8"), e::getMessage);
        assertTrue(e.hint().contains("-- pum: encoding LATIN1"), e::hint);
        assertEquals("2:27: byte 0xe9 at byte offset 36 is not valid UTF-8", e.located());
    }

    @Test
    void latin1WithDirectiveDecodes() throws IOException {
        Path p = file("delta_1.0.0_x.sql", "-- pum: encoding latin1\nINSERT INTO t VALUES ('café');\n".getBytes(LATIN1));
        assertEquals("INSERT INTO t VALUES ('café')", statements(p).get(0).sql());
        Path w = file("delta_1.0.1_x.sql", "-- pum: encoding WIN1252\nSELECT '\u20ac';\n".getBytes(Charset.forName("windows-1252")));
        assertEquals("SELECT '\u20ac'", statements(w).get(0).sql());
    }

    @Test
    void encodingNamesOfPostgresAndJava() throws IOException {
        for (String name : List.of("LATIN1", "latin-1", "ISO-8859-1", "iso_8859_1", "ISO88591")) {
            assertEquals(LATIN1, Directives.parse("-- pum: encoding " + name + "\n", false).encoding(), name);
        }
        for (String name : List.of("UTF8", "utf-8", "Unicode")) {
            assertEquals(StandardCharsets.UTF_8, Directives.parse("-- pum: encoding=" + name, false).encoding(), name);
        }
        assertEquals("windows-1252", Directives.parse("-- pum: encoding WIN1252", false).encoding().name());
        assertEquals("windows-1252", Directives.parse("-- pum: encoding Cp1252", false).encoding().name());
        assertEquals("ISO-8859-15", Directives.parse("-- pum: encoding LATIN9", false).encoding().name());
        assertEquals(StandardCharsets.UTF_8, Directives.parse("SELECT 1;", false).encoding());
    }

    @Test
    void unknownOrUnusableEncodingIsABadDirective() throws IOException {
        Path p = file("delta_1.0.0_x.sql", "-- header\n-- pum: encoding klingon\nSELECT 1;\n".getBytes(LATIN1));
        SourceError e = assertThrows(SourceError.class, () -> Directives.read(p, false));
        assertEquals(SourceError.Kind.BAD_DIRECTIVE, e.kind());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("klingon"), e::getMessage);
        for (String bad : List.of("UTF-16", "SQL_ASCII")) {
            Directives.DirectiveError d = assertThrows(Directives.DirectiveError.class, () -> Directives.parse("-- pum: encoding " + bad, false));
            assertTrue(d.getMessage().contains(bad), d::getMessage);
        }
    }

    @Test
    void directivesAreReadFromTheLeadingLinesOnly() throws IOException {
        byte[] body = new byte[1 << 20];
        java.util.Arrays.fill(body, (byte) 0xff);
        byte[] head = "\uFEFF-- pum: no-transaction\r\n// not ours\r\n-- pum: lock-timeout 5s\r\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        Path p = file("delta_1.0.0_x.sql", all);
        Directives d = Directives.read(p, false);
        assertTrue(d.noTransaction());
        assertNull(d.lockTimeout(), "the // line ends the leading comments of an SQL file");
        assertEquals(StandardCharsets.UTF_8, d.encoding());
        Path j = file("Delta.java", "// pum: encoding LATIN1\n// pum: no-transaction\nclass X {}\n".getBytes(LATIN1));
        assertEquals(LATIN1, Directives.read(j, true).encoding());
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        Path p = file("delta_1.0.0_x.sql", "\uFEFFSELECT 'é';\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("SELECT 'é';\n", DeltaText.read(p, StandardCharsets.UTF_8));
        SqlStatement s = statements(p).get(0);
        assertEquals(1, s.line());
        assertEquals(1, s.column());
    }

    @Test
    void nulByteIsRefused() throws IOException {
        Path p = file("delta_1.0.0_x.sql", "SELECT 1;\nSELECT 'a\0b';\n".getBytes(StandardCharsets.UTF_8));
        SourceError e = assertThrows(SourceError.class, () -> DeltaText.read(p, StandardCharsets.UTF_8));
        assertEquals(SourceError.Kind.NUL_BYTE, e.kind());
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertEquals(19, e.byteOffset());
        assertTrue(e.getMessage().contains("0x00"), e::getMessage);
        // a declared single-byte encoding, where every byte is a character, still refuses NUL
        Path q = file("delta_1.0.1_x.sql", "-- pum: encoding LATIN1\nSELECT '\0';".getBytes(LATIN1));
        assertEquals(SourceError.Kind.NUL_BYTE, assertThrows(SourceError.class, () -> statements(q)).kind());
    }

    @Test
    void binaryFilesGiveAnErrorAndNoStatement() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        Path p = file("delta_1.0.0_x.sql", png);
        List<SqlStatement> got = new ArrayList<>();
        SourceError e = assertThrows(SourceError.class, () -> {
            try (Reader r = DeltaText.open(p, StandardCharsets.UTF_8)) {
                SqlSplitter s = new SqlSplitter(r);
                for (SqlStatement x = s.next(); x != null; x = s.next()) {
                    got.add(x);
                }
            }
        });
        assertEquals(SourceError.Kind.BAD_ENCODING, e.kind());
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains("0x89"), e::getMessage);
        assertEquals(List.of(), got);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[64];
            random.nextBytes(noise);
            Path n = file("noise" + i + ".sql", noise);
            SourceError ne = assertThrows(SourceError.class, () -> DeltaText.check(n, StandardCharsets.UTF_8));
            assertTrue(ne.kind() == SourceError.Kind.BAD_ENCODING || ne.kind() == SourceError.Kind.NUL_BYTE);
        }
        Path u = file("utf16.sql", "SELECT 1;".getBytes(StandardCharsets.UTF_16LE));
        byte[] withBom = new byte[] {(byte) 0xff, (byte) 0xfe, 'S', 0, 'E', 0};
        Path w = file("utf16bom.sql", withBom);
        assertTrue(assertThrows(SourceError.class, () -> DeltaText.check(w, StandardCharsets.UTF_8)).hint().contains("UTF-16"));
        assertEquals(SourceError.Kind.NUL_BYTE, assertThrows(SourceError.class, () -> DeltaText.check(u, StandardCharsets.UTF_8)).kind());
    }

    @Test
    void truncatedUtf8AtTheEndIsRefused() throws IOException {
        Path p = file("delta_1.0.0_x.sql", new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xc3});
        SourceError e = assertThrows(SourceError.class, () -> DeltaText.read(p, StandardCharsets.UTF_8));
        assertEquals(SourceError.Kind.BAD_ENCODING, e.kind());
        assertEquals(7, e.byteOffset());
    }

    @Test
    void errorsDeepInALargeFileHaveTheRightPosition() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            sb.append("INSERT INTO t VALUES (").append(i).append(", 'ü');\n");
        }
        byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(good, good.length + 3);
        all[good.length] = 'x';
        all[good.length + 1] = (byte) 0xff;
        all[good.length + 2] = '\n';
        Path p = file("delta_1.0.0_x.sql", all);
        SourceError e = assertThrows(SourceError.class, () -> DeltaText.check(p, StandardCharsets.UTF_8));
        assertEquals(20001, e.line());
        assertEquals(2, e.column());
        assertEquals(good.length + 1, e.byteOffset());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fifoIsRefusedWithoutOpeningIt() throws IOException, InterruptedException {
        Path mkfifo = SplitAgainstServerTest.onPath("mkfifo");
        Assumptions.assumeTrue(mkfifo != null, "mkfifo is not on PATH: the FIFO test is skipped");
        Path fifo = tmp.resolve("delta_1.0.0_fifo.sql");
        Process p = new ProcessBuilder(mkfifo.toString(), fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        for (ThrowingCall call : List.<ThrowingCall>of(
                () -> DeltaText.requireRegularFile(fifo),
                () -> DeltaText.open(fifo, StandardCharsets.UTF_8),
                () -> DeltaText.read(fifo, StandardCharsets.UTF_8),
                () -> Directives.read(fifo, false))) {
            SourceError e = assertThrows(SourceError.class, call::run);
            assertEquals(SourceError.Kind.NOT_REGULAR_FILE, e.kind());
            assertEquals("is a FIFO (named pipe), not a regular file", e.getMessage());
            assertEquals(0, e.line());
        }
        Path link = tmp.resolve("link_to_fifo.sql");
        Files.createSymbolicLink(link, fifo);
        assertEquals(SourceError.Kind.NOT_REGULAR_FILE, assertThrows(SourceError.class, () -> DeltaText.requireRegularFile(link)).kind());
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void directoriesAndMissingFilesAreRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("delta_1.0.0_dir.sql"));
        SourceError d = assertThrows(SourceError.class, () -> DeltaText.open(dir, StandardCharsets.UTF_8));
        assertEquals(SourceError.Kind.NOT_REGULAR_FILE, d.kind());
        assertEquals("is a directory, not a regular file", d.getMessage());
        SourceError m = assertThrows(SourceError.class, () -> DeltaText.open(tmp.resolve("nope.sql"), StandardCharsets.UTF_8));
        assertEquals(SourceError.Kind.UNREADABLE, m.kind());
        Path broken = tmp.resolve("broken.sql");
        Files.createSymbolicLink(broken, tmp.resolve("gone.sql"));
        SourceError b = assertThrows(SourceError.class, () -> DeltaText.requireRegularFile(broken));
        assertEquals(SourceError.Kind.UNREADABLE, b.kind());
        assertTrue(b.getMessage().contains("symbolic link"), b::getMessage);
    }

    @Test
    void symlinkToARegularFileWorks() throws IOException {
        Path real = file("real.sql", "-- pum: encoding LATIN1\nSELECT 'é';".getBytes(LATIN1));
        Path link = tmp.resolve("delta_1.0.0_link.sql");
        Files.createSymbolicLink(link, real);
        DeltaText.requireRegularFile(link);
        assertEquals("SELECT 'é'", statements(link).get(0).sql());
    }
}

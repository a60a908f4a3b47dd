package pum.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import pum.delta.internal.DeltaText;
import pum.delta.internal.SqlSplitter;
import pum.delta.internal.SqlStatement;
import pum.testkit.PostgresExtension;
import pum.testkit.TestDatabase;

/** Input far larger than any statement goes through the splitter with a buffer the size of a statement. */
@ExtendWith(PostgresExtension.class)
class SplitterStreamingTest {

    /** A delta generated piece by piece as it is read, never held whole. */
    static final class Generated extends Reader {
        private final IntFunction<String> piece;
        private final int pieces;
        private int next;
        private String current = "";
        private int at;
        long chars;

        Generated(int pieces, IntFunction<String> piece) {
            this.pieces = pieces;
            this.piece = piece;
        }

        @Override
        public int read(char[] dst, int off, int len) {
            while (at == current.length()) {
                if (next == pieces) {
                    return -1;
                }
                current = piece.apply(next++);
                at = 0;
            }
            int n = Math.min(len, current.length() - at);
            current.getChars(at, at + n, dst, off);
            at += n;
            chars += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static final int INSERTS = 200_000;
    private static final int ROWS = 1_000_000;
    private static final String ROW_TAIL = "\tsome text; with a semicolon and a \\\\ backslash\n";

    /** 200,000 INSERTs (~ 12 MB), a COPY with 1,000,000 rows of data (~ 50 MB) that is read, another that is skipped, a last statement. */
    private static Generated fiftyMegabytes() {
        int copyStart = INSERTS;
        int copyEnd = copyStart + 1 + ROWS + 1;
        return new Generated(copyEnd + 4 + 1, i -> {
            if (i < INSERTS) {
                return "INSERT INTO t (id, note) VALUES (" + i + ", 'row; " + i + "');\n";
            }
            if (i == copyStart) {
                return "COPY public.t (id, note) FROM stdin;\n";
            }
            if (i < copyEnd - 1) {
                return (i - copyStart) + ROW_TAIL;
            }
            if (i == copyEnd - 1) {
                return "\\.\n";
            }
            return switch (i - copyEnd) {
                case 0 -> "COPY t FROM STDIN;\n";
                case 1 -> "1\tskipped; data\n2\tmore\n";
                case 2 -> "\\.\n";
                case 3 -> "SELECT count(*)\n";
                default -> "  FROM t -- the end, no semicolon\n";
            };
        });
    }

    private static long firstCopyData() {
        long n = 0;
        for (int r = 1; r <= ROWS; r++) {
            n += Integer.toString(r).length() + ROW_TAIL.length();
        }
        return n;
    }

    @Test
    void fiftyMegabytesWithABufferTheSizeOfAStatement() throws IOException {
        Generated in = fiftyMegabytes();
        SqlSplitter s = new SqlSplitter(in);
        int inserts = 0;
        long copied = -1;
        int copies = 0;
        SqlStatement last = null;
        char[] buf = new char[8192];
        for (SqlStatement x = s.next(); x != null; x = s.next()) {
            last = x;
            if (x.copyFromStdin()) {
                copies++;
                if (copies == 1) {
                    copied = 0;
                    Reader data = s.copyData();
                    for (int n = data.read(buf); n >= 0; n = data.read(buf)) {
                        copied += n;
                    }
                }
            } else if (x.keyword(0).equals("insert")) {
                inserts++;
            }
        }
        long expectedData = firstCopyData();
        assertTrue(in.chars > 50_000_000L, "the input is " + in.chars + " chars");
        assertEquals(INSERTS, inserts);
        assertEquals(2, copies);
        assertEquals(expectedData, copied);
        assertEquals("SELECT count(*)\n  FROM t -- the end, no semicolon", last.sql());
        assertEquals(INSERTS + 1 + ROWS + 1 + 4 + 1, last.line());
        assertTrue(s.peakBufferChars() <= 64 * 1024, "the splitter buffered " + s.peakBufferChars() + " chars");
    }

    @Test
    void aFiftyMegabyteFileIsDecodedAndSplitAsAStream(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("delta_1.0.0_big.sql");
        try (Reader in = fiftyMegabytes(); Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            in.transferTo(out);
        }
        int statements = 0;
        long data = 0;
        SqlSplitter s;
        try (Reader r = DeltaText.open(file, StandardCharsets.UTF_8)) {
            s = new SqlSplitter(r);
            char[] buf = new char[8192];
            for (SqlStatement x = s.next(); x != null; x = s.next()) {
                statements++;
                if (x.copyFromStdin()) {
                    Reader d = s.copyData();
                    for (int n = d.read(buf); n >= 0; n = d.read(buf)) {
                        data += n;
                    }
                }
            }
        }
        assertTrue(Files.size(file) > 50_000_000L);
        assertEquals(INSERTS + 3, statements);
        assertEquals(firstCopyData() + "1\tskipped; data\n2\tmore\n".length(), data);
        assertTrue(s.peakBufferChars() <= 64 * 1024, "the splitter buffered " + s.peakBufferChars() + " chars");
    }

    @Test
    void copyDataStreamsIntoTheServer(TestDatabase db) throws IOException, SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, note text)");
        int rows = 200_000;
        Generated in = new Generated(rows + 2, i -> i == 0 ? "COPY t (id, note) FROM STDIN;\n" : i <= rows ? i + "\tn;" + i + "\\\\\n" : "\\.\n");
        SqlSplitter s = new SqlSplitter(in);
        try (Connection c = db.connect()) {
            SqlStatement copy = s.next();
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.sql(), s.copyData());
            assertEquals(rows, n);
        }
        assertEquals(null, s.next());
        assertEquals(rows + "|" + rows + "|n;77\\", db.queryValue("SELECT count(*) || '|' || max(id) || '|' || (SELECT note FROM t WHERE id = 77) FROM t"));
    }
}

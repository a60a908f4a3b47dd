package pum.delta.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-file directives: comment lines at the very top of a delta file, before anything else,
 * of the form {@code -- pum: no-transaction}, {@code -- pum: lock-timeout 5s},
 * {@code -- pum: statement-timeout 10min}, {@code -- pum: encoding LATIN1} ({@code //} instead
 * of {@code --} in Java files; {@code key=value} also accepted). Unknown directives are errors,
 * so a typo never goes unnoticed.
 *
 * @param noTransaction    run the file outside a transaction, statement by statement
 * @param lockTimeout      PostgreSQL lock_timeout while this file runs, or null
 * @param statementTimeout PostgreSQL statement_timeout while this file runs, or null
 * @param encoding         the file's encoding: UTF-8 unless declared (PostgreSQL names such
 *                         as LATIN1, WIN1252, or Java names such as ISO-8859-1)
 */
public record Directives(boolean noTransaction, String lockTimeout, String statementTimeout, Charset encoding) {
    /** No directive. */
    public static final Directives NONE = new Directives(false, null, null, StandardCharsets.UTF_8);

    // a directive line is short; longer leading comment lines are skipped without being kept
    private static final int MAX_LINE = 4096;

    /** Directives without an encoding: UTF-8. */
    public Directives(boolean noTransaction, String lockTimeout, String statementTimeout) {
        this(noTransaction, lockTimeout, statementTimeout, StandardCharsets.UTF_8);
    }

    /** Thrown by {@link #parse} for an unknown or malformed directive. */
    public static final class DirectiveError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        DirectiveError(String message, int line) {
            super(message);
            this.line = line;
        }

        /** 1-based line of the directive. */
        public int line() {
            return line;
        }
    }

    /**
     * Reads the directives of a file from its leading lines only (the rest of the file is not
     * read). Directives are ASCII, so the lines are read as ISO-8859-1 before the encoding is
     * known; a UTF-8 byte-order mark is skipped.
     *
     * @throws SourceError {@link SourceError.Kind#BAD_DIRECTIVE} for an unknown or malformed
     *                     directive or encoding name, with its line; or the errors of
     *                     {@link DeltaText#requireRegularFile}
     */
    public static Directives read(Path p, boolean java) throws IOException {
        DeltaText.requireRegularFile(p);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 2048)) {
            return of(in, java);
        }
    }

    /** As {@link #read}, from a file's bytes already read. */
    public static Directives of(byte[] content, boolean java) throws IOException {
        return of(new java.io.ByteArrayInputStream(content), java);
    }

    private static Directives of(InputStream in, boolean java) throws IOException {
        String head = leadingLines(in, java ? "//" : "--");
        try {
            return parse(head, java);
        } catch (DirectiveError e) {
            throw new SourceError(SourceError.Kind.BAD_DIRECTIVE, e.getMessage(), e.line(), 1, -1,
                    "directives are comment lines at the top of the file, for example \"-- pum: no-transaction\"; see docs/deltas.md");
        }
    }

    /** The blank and comment lines at the start, up to the first other line, which is not read to its end. */
    private static String leadingLines(InputStream in, String prefix) throws IOException {
        StringBuilder out = new StringBuilder();
        in.mark(3);
        if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
            in.reset();
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int lead = 0; // non-blank bytes seen on this line
        boolean comment = true;
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0 || b == '\n' || b == '\r') {
                out.append(line.toString(StandardCharsets.ISO_8859_1)).append(b < 0 ? "" : Character.toString(b));
                if (b < 0 || !comment) {
                    return out.toString();
                }
                line.reset();
                lead = 0;
                continue;
            }
            if (lead < prefix.length() && b != ' ' && b != '\t') {
                if (b != prefix.charAt(lead)) {
                    comment = false;
                    out.append(line.toString(StandardCharsets.ISO_8859_1)).append((char) b);
                    return out.toString();
                }
                lead++;
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
    }

    /** Reads the directives at the top of a file's text. */
    public static Directives parse(String text, boolean java) {
        String prefix = java ? "//" : "--";
        boolean noTx = false;
        String lock = null;
        String stmt = null;
        Charset encoding = null;
        int lineNo = 0;
        // text decoded elsewhere may still start with a byte-order mark, which is no character of the file
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        // only the leading comment lines matter: no split of a whole (possibly large) file
        while (pos <= text.length()) {
            int end = pos;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String raw = text.substring(pos, end);
            // LF, CRLF and a lone CR each end a line, as the splitter counts them
            pos = end + (text.startsWith("\r\n", end) ? 2 : 1);
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith(prefix)) {
                break;
            }
            String body = line.substring(prefix.length()).strip();
            if (!body.toLowerCase(Locale.ROOT).startsWith("pum:")) {
                continue;
            }
            String d = body.substring(4).strip();
            String key;
            String value;
            int sep = indexOfSeparator(d);
            if (sep < 0) {
                key = d;
                value = null;
            } else {
                key = d.substring(0, sep).strip();
                value = d.substring(sep + 1).strip();
                if (value.startsWith("=")) {
                    value = value.substring(1).strip();
                }
            }
            switch (key.toLowerCase(Locale.ROOT)) {
                case "no-transaction" -> {
                    if (value != null && !value.isEmpty()) {
                        throw new DirectiveError("no-transaction takes no value", lineNo);
                    }
                    noTx = true;
                }
                case "lock-timeout" -> lock = required(key, value, lineNo);
                case "statement-timeout" -> stmt = required(key, value, lineNo);
                case "encoding" -> encoding = encoding(required(key, value, lineNo), lineNo);
                default -> throw new DirectiveError("unknown directive \"" + key
                        + "\": expected no-transaction, lock-timeout VALUE, statement-timeout VALUE or encoding NAME", lineNo);
            }
        }
        if (!noTx && lock == null && stmt == null && encoding == null) {
            return NONE;
        }
        return new Directives(noTx, lock, stmt, encoding == null ? StandardCharsets.UTF_8 : encoding);
    }

    private static Charset encoding(String name, int line) {
        try {
            return Encodings.forName(name);
        } catch (Encodings.Unknown e) {
            throw new DirectiveError(e.getMessage(), line);
        }
    }

    private static int indexOfSeparator(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '=' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String required(String key, String value, int line) {
        if (value == null || value.isEmpty()) {
            throw new DirectiveError(key + " needs a value, for example \"-- pum: " + key
                    + (key.equalsIgnoreCase("encoding") ? " LATIN1" : " 5s") + "\"", line);
        }
        return value;
    }
}

package pum.delta.internal;

import java.io.IOException;

/**
 * A delta file that pum refuses to read or run: not a regular file, not valid in its encoding, a
 * psql meta-command, inline COPY data without its end marker, a bad directive.
 *
 * <p>It is a checked {@link IOException} on purpose: the strict {@link java.io.Reader} of
 * {@link DeltaText#open} can only report a decoding error through {@code Reader.read}, and an
 * IOException passes unchanged through the splitter and through pgjdbc's
 * {@code CopyManager.copyIn(String, Reader)} (which cancels the COPY), so a caller catches one
 * type wherever the bad byte is met.
 *
 * <p>{@link #getMessage()} does not name the file: the caller prefixes {@code path:line:col: }
 * from {@link #line()} and {@link #column()}. {@link #hint()} says what to do, or is null.
 */
public final class SourceError extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the file was refused. */
    public enum Kind {
        /** a FIFO, socket, device or directory (or a link to one); it was not opened */
        NOT_REGULAR_FILE,
        /** missing, a broken link, or no permission */
        UNREADABLE,
        /** a byte sequence that is not valid in the file's encoding */
        BAD_ENCODING,
        /** a NUL byte: no text file has one, a binary file usually does */
        NUL_BYTE,
        /** a psql meta-command such as {@code \i} or {@code \set} */
        META_COMMAND,
        /** inline data of {@code COPY ... FROM STDIN} that does not end with a line {@code \.} */
        UNTERMINATED_COPY,
        /** SQL after {@code COPY ... FROM STDIN;} on the same line, where psql would run it after the data */
        COPY_SAME_LINE,
        /** an unknown or malformed {@code -- pum:} directive, or an unknown encoding name */
        BAD_DIRECTIVE
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final long byteOffset;
    private final String hint;

    SourceError(Kind kind, String message, int line, int column, long byteOffset, String hint) {
        super(message);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.hint = hint;
    }

    /** Why the file was refused. */
    public Kind kind() {
        return kind;
    }

    /** 1-based line in the file, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters) in the file, or 0 when not known. */
    public int column() {
        return column;
    }

    /** 0-based byte offset in the file of the offending byte, or -1 when not applicable. */
    public long byteOffset() {
        return byteOffset;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }

    /** {@code line:col: message}, or just the message when there is no line: for the caller to prefix with the path. */
    public String located() {
        if (line <= 0) {
            return getMessage();
        }
        return line + ":" + (column > 0 ? column + ":" : "") + " " + getMessage();
    }
}

package pum.delta.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading delta files strictly: only regular files (or links to one), decoded without
 * replacement characters. Errors are {@link SourceError}s whose message does not name the file.
 *
 * <p>A file that passed {@link #requireRegularFile} can still be swapped for a FIFO before it is
 * opened; pum accepts that race, which needs someone replacing files under a running upgrade.
 */
public final class DeltaText {
    private DeltaText() {
    }

    /**
     * Refuses anything but a regular file or a symbolic link to one, without opening it (opening
     * a FIFO blocks until someone writes to it).
     *
     * @throws SourceError {@link SourceError.Kind#NOT_REGULAR_FILE} naming what it is, or
     *                     {@link SourceError.Kind#UNREADABLE} when it does not exist
     */
    public static void requireRegularFile(Path p) throws SourceError {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean link = Files.isSymbolicLink(p);
            throw new SourceError(SourceError.Kind.UNREADABLE, link ? "is a symbolic link to a file that does not exist" : "does not exist",
                    0, 0, -1, null);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (a.isRegularFile()) {
            return;
        }
        String what = a.isDirectory() ? "a directory" : kindOfSpecialFile(p);
        throw new SourceError(SourceError.Kind.NOT_REGULAR_FILE, "is " + what + ", not a regular file", 0, 0, -1,
                "delta files must be regular files (or symbolic links to one); move it out of the delta directory");
    }

    private static String kindOfSpecialFile(Path p) {
        try {
            // the "unix" view is the only portable-enough way to tell a FIFO from a socket or device
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file (FIFO, socket or device)";
        }
    }

    /**
     * A reader that decodes the file strictly in {@code cs} (a UTF-8 byte-order mark is skipped),
     * streaming through a 64 KB buffer. Its {@code read} throws a {@link SourceError} of kind
     * {@link SourceError.Kind#BAD_ENCODING} or {@link SourceError.Kind#NUL_BYTE} naming line,
     * column, byte offset and the bytes, when it meets them. Close it.
     *
     * @throws SourceError when the file is not regular or cannot be opened
     * @throws IOException for other I/O failures
     */
    public static Reader open(Path p, Charset cs) throws IOException {
        requireRegularFile(p);
        SeekableByteChannel ch;
        try {
            ch = Files.newByteChannel(p, StandardOpenOption.READ);
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw unreadable(e);
        }
        long size;
        try {
            size = ch.size();
        } catch (IOException e) {
            size = -1;
        }
        return new StrictReader(ch, cs, size);
    }

    /**
     * The bytes of a regular file of at most {@code max} bytes, or null when it is larger (read
     * it as a stream then).
     *
     * @throws SourceError when the file is not regular or cannot be opened
     */
    public static byte[] readSmall(Path p, long max) throws IOException {
        // java.io's stat and open: a fraction of NIO's per call, which shows at 10,000 files
        java.io.File file = p.toFile();
        if (!file.isFile()) {
            requireRegularFile(p); // says what it is instead
        }
        if (file.length() > max) {
            return null;
        }
        try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
            byte[] b = in.readNBytes((int) max + 1);
            return b.length > max ? null : b; // it grew meanwhile: stream it
        } catch (java.io.FileNotFoundException e) {
            requireRegularFile(p);
            throw new SourceError(SourceError.Kind.UNREADABLE, Files.isReadable(p) ? "cannot be read: " + e.getMessage()
                    : "cannot be read: permission denied", 0, 0, -1, null);
        }
    }

    /** The text of bytes read by {@link #readSmall}, decoded strictly as {@link #open} does. */
    public static String decode(byte[] bytes, Charset cs) throws IOException {
        return readAll(new StrictReader(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), cs, bytes.length));
    }

    /** The whole text of a small file, with the checks of {@link #open}. */
    public static String read(Path p, Charset cs) throws IOException {
        return readAll(open(p, cs));
    }

    /** Everything a reader gives, then closes it. */
    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Reader r = reader) {
            char[] b = new char[2048];
            for (int n = r.read(b); n >= 0; n = r.read(b)) {
                sb.append(b, 0, n);
            }
        }
        return sb.toString();
    }

    /**
     * Reads the whole file once, keeping nothing: the check to run before anything is applied,
     * so that a bad byte at the end of a large file stops the upgrade before its first statement.
     */
    public static void check(Path p, Charset cs) throws IOException {
        try (Reader r = open(p, cs)) {
            char[] b = new char[8192];
            while (r.read(b) >= 0) {
                // decoding is the check
            }
        }
    }

    private static SourceError unreadable(IOException e) {
        // FileSystemException's message starts with the path, which the caller already shows
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        String why = e instanceof AccessDeniedException ? "cannot be read: permission denied"
                : "cannot be read: " + (reason == null ? e.getClass().getSimpleName() : reason);
        return new SourceError(SourceError.Kind.UNREADABLE, why, 0, 0, -1, null);
    }
}

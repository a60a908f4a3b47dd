package pum.delta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checksum stored in the upgrades table's {@code checksum varchar(32)} column: the MD5 of a
 * file's bytes, as lowercase hex, after turning CRLF and lone CR line endings into LF. For files
 * with LF endings this is exactly what PUM 0.x stored (MD5 of the raw bytes), so databases move
 * freely between the two tools; a checkout with CRLF endings gives the same checksum as one with
 * LF endings. MD5 is used as a change detector here, not for security.
 */
public final class Checksum {
    private Checksum() {
    }

    /** The line-ending independent checksum of a file's content. */
    public static String of(byte[] content) {
        return md5(normalise(content));
    }

    private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[][] {new byte[16 * 1024], new byte[16 * 1024]});

    /** The line-ending independent checksum of a file, read as a stream. */
    public static String of(java.nio.file.Path file) throws java.io.IOException {
        MessageDigest md = digest();
        byte[][] bufs = BUFFERS.get();
        byte[] buf = bufs[0];
        byte[] out = bufs[1];
        boolean cr = false;
        try (java.io.InputStream in = new java.io.FileInputStream(file.toFile())) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                int k = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\r') {
                        out[k++] = '\n';
                        cr = true;
                    } else if (b == '\n' && cr) {
                        cr = false; // the LF of a CRLF, already written
                    } else {
                        out[k++] = b;
                        cr = false;
                    }
                }
                md.update(out, 0, k);
            }
        }
        return hex(md.digest());
    }

    /** The MD5 of a file's raw bytes, read as a stream. */
    public static String raw(java.nio.file.Path file) throws java.io.IOException {
        MessageDigest md = digest();
        byte[] buf = BUFFERS.get()[0];
        try (java.io.InputStream in = new java.io.FileInputStream(file.toFile())) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return hex(md.digest());
    }

    /** The MD5 of the raw bytes (what PUM 0.x stored, also for CRLF files). */
    public static String raw(byte[] content) {
        return md5(content);
    }

    /** The checksum of text, as if written in UTF-8. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] normalise(byte[] b) {
        int cr = 0;
        for (byte x : b) {
            if (x == '\r') {
                cr++;
            }
        }
        if (cr == 0) {
            return b;
        }
        byte[] out = new byte[b.length];
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r') {
                out[n++] = '\n';
                if (i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static final MessageDigest PROTOTYPE;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String md5(byte[] b) {
        return hex(digest().digest(b));
    }

    private static MessageDigest digest() {
        MessageDigest md;
        try {
            // cloning skips the provider lookup, which shows when a no-op upgrade checks 1,000 files
            md = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                md = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException("every Java runtime has MD5", x);
            }
        }
        return md;
    }

    private static String hex(byte[] d) {
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }
}

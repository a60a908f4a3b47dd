package pum.backup.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import pum.backup.BackupException;
import pum.core.ErrorCode;

/**
 * A libpq password file holding one password, readable only by its owner (mode 0600 from the
 * moment it exists), deleted on {@link #close()}. This keeps the password off command lines, out of
 * logs and out of the child's environment (which other processes of the same user can read).
 */
public final class TempPgPass implements AutoCloseable {
    private final Path file;

    private TempPgPass(Path file) {
        this.file = file;
    }

    /** A file for the password, or an empty holder when there is none. */
    public static TempPgPass forPassword(String password) {
        if (password == null) {
            return new TempPgPass(null);
        }
        Path f = null;
        try {
            f = Files.createTempFile("pum-", ".pgpass", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            f.toFile().deleteOnExit();
            // Every field a wildcard: the file exists for one tool run against one server.
            Files.writeString(f, "*:*:*:*:" + escape(password) + "\n", StandardCharsets.UTF_8);
            return new TempPgPass(f);
        } catch (IOException e) {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw new BackupException(ErrorCode.EXTERNAL_TOOL, "cannot write a temporary password file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), "check that the temporary directory is writable", e);
        }
    }

    /** The file, or null when there is no password. */
    public Path file() {
        return file;
    }

    static String escape(String password) {
        return password.replace("\\", "\\\\").replace(":", "\\:");
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // deleteOnExit is the fallback
            }
        }
    }
}

package pum.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How far a running process has read into a file, from Linux's {@code /proc/PID/fdinfo}.
 * pg_restore prints nothing while it loads a large table, so the read position is the only sign
 * of progress inside one; where {@code /proc} does not exist the position stays 0 and only
 * objects and elapsed time are shown.
 */
public final class ReadPosition {
    private final Path file;
    private long pid = -1;
    private Path fdinfo;
    private long last;
    private boolean gaveUp;

    /** For a file the process will open. */
    public ReadPosition(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file;
        }
        this.file = real;
    }

    /** The process to watch. */
    public void started(long processId) {
        this.pid = processId;
    }

    /** The bytes read so far (the file offset of the process's descriptor), or the last known value. */
    public long position() {
        if (pid < 0 || gaveUp) {
            return last;
        }
        try {
            if (fdinfo == null) {
                fdinfo = find();
                if (fdinfo == null) {
                    return last;
                }
            }
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("pos:")) {
                    last = Math.max(last, Long.parseLong(line.substring(4).trim()));
                    break;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException | UnsupportedOperationException e) {
            // the descriptor was closed, or this is not Linux: try again next time, up to a point
            fdinfo = null;
            if (!Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
                gaveUp = true;
            }
        }
        return last;
    }

    private Path find() throws IOException {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isDirectory(fds)) {
            gaveUp = !Files.isDirectory(Path.of("/proc", "self"));
            return null;
        }
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        return Path.of("/proc", Long.toString(pid), "fdinfo", fd.getFileName().toString());
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return null;
    }
}

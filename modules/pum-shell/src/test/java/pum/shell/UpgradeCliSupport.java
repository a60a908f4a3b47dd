package pum.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs pum command lines in-process and captures what a user would see. */
final class UpgradeCliSupport {
    private UpgradeCliSupport() {
    }

    static PumRun pum(String... args) {
        return PumRun.pum(args);
    }

    static void write(Path dir, String file, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
    }
}

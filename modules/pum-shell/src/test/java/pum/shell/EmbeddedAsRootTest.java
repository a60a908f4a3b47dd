package pum.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pum.testkit.TestServer;

/** Run as root, the embedded server starts in a directory whose parent belongs to another user. */
class EmbeddedAsRootTest {
    @TempDir
    Path dir;

    @Test
    void dataDirectoryUnderAnotherUsersDirectory() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root runs the server in a user namespace");
        Path parent = dir.resolve("someone-else");
        Files.createDirectories(parent);
        Process chown = new ProcessBuilder("chown", "65534:65534", parent.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor());
        String bin = TestServer.binaries(Integer.parseInt(System.getProperty("pum.test.pg.major", "17"))).binDir().toString();
        Path config = dir.resolve("pum.yaml");
        Files.writeString(config, "embedded_bin_dir: " + bin + "\nembedded_data_dir: " + parent.resolve("data") + "\n");
        PumRun r = PumRun.pum("-c", config.toString(), "ping", "-p", "embedded");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("connected to"), r.toString());
    }
}

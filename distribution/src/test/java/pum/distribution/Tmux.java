package pum.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives a program in a tmux session, as a user at a terminal would: keys in, screen out. */
final class Tmux {
    private Tmux() {
    }

    /** Runs a tmux command; its exit status. */
    static int tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** What the session's pane shows now, wrapped lines joined. */
    static String screen(String session) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-J", "-t", session).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Waits (up to 60 s) until the pane shows {@code text}; fails with the screen otherwise. */
    static void awaitScreen(String session, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String s = screen(session);
        while (!s.contains(text)) {
            assertTrue(System.nanoTime() < deadline, "waited for \"" + text + "\" on:\n" + s);
            Thread.sleep(100);
            s = screen(session);
        }
    }
}
